"""`{% load static_urls %}` (backcare/templatetags/static_urls.py): the same URLs as Django's
`{% static %}`, looked up once a process, and afresh after a settings change."""

import pytest
from django.template import engines
from django.test import override_settings

PATHS = ["css/today.css", "js/today.js", "img/favicon.svg"]


def render(library, text):
    return engines["django"].from_string("{% load " + library + " %}" + text).render({})


@pytest.mark.parametrize("path", PATHS)
def test_same_url_as_djangos_tag(path):
    tag = "{% static '" + path + "' %}"
    assert render("static_urls", tag) == render("static", tag)


def test_a_settings_change_is_followed():
    tag = "{% static 'css/today.css' %}"
    before = render("static_urls", tag)
    with override_settings(STATIC_URL="/elsewhere/"):
        assert render("static_urls", tag) == "/elsewhere/css/today.css"
    assert render("static_urls", tag) == before


def test_a_variable_or_as_is_djangos_tag():
    text = "{% static path %}|{% static 'js/today.js' as found %}{{ found }}"
    assert engines["django"].from_string("{% load static_urls %}" + text).render(
        {"path": "css/today.css"}
    ) == engines["django"].from_string("{% load static %}" + text).render({"path": "css/today.css"})


def test_escaped_as_djangos_tag():
    tag = "{% static 'a&b.css' %}"
    assert render("static_urls", tag) == render("static", tag)
