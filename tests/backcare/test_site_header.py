"""Every page's header (backcare/templatetags/site_header.py) is drawn once a process for each way
it can look: what each page shows is what templates/includes/header.html draws for that page,
with that request's own CSRF token in the log-out form, in the reader's language."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from backcare.templatetags import site_header
from tests.conftest import make_user, screen_clear

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def header_of(body):
    return body[body.index('<header class="site-header') : body.index("</header>") + len("</header>")]


def included(response):
    """The header as base.html's include drew it, for the request that made `response`."""
    request = response.wsgi_request
    return render_to_string(
        "includes/header.html",
        {"csrf_token": "x", "nav": response.context["nav"]},
        request=request,
    ).strip()


def same_but_token(drawn, expected):
    return TOKEN.sub('value="?"', drawn).strip() == TOKEN.sub('value="?"', expected).strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["journal:today", "journal:history", "exercises:list", "settings", "learn:list"]
)
def test_each_page_shows_the_header_its_template_draws(client, name):
    user = make_user("hana")
    screen_clear(user)
    client.force_login(user)
    for _ in range(2):  # drawn, then the kept one
        response = client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert same_but_token(header_of(body), included(response)), name


@pytest.mark.django_db
def test_signed_out_pages_show_the_signed_out_links(client):
    for name in ("login", "landing", "login"):
        response = client.get(reverse(name))
        header = header_of(response.content.decode())
        assert same_but_token(header, included(response)), name
        assert "Sign up" in header and "Log out" not in header and "csrfmiddlewaretoken" not in header


@pytest.mark.django_db
def test_the_log_out_form_carries_this_pages_own_token(client):
    """Two people in turn: each page's log-out token is the one its own forms carry."""
    for username in ("ines", "omar"):
        user = make_user(username)
        screen_clear(user)
        client.force_login(user)
        body = client.get(reverse("journal:today")).content.decode()
        tokens = set(TOKEN.findall(body))
        assert len(tokens) == 1  # the header's and the page's forms': one masked token a page
        assert "\x00" not in body
        client.logout()


@pytest.mark.django_db
def test_the_header_follows_the_readers_language(client):
    for username, language, word in (
        ("lucia", "es", "Historial"),
        ("bob", "en", "History"),
        ("max", "de", "Verlauf"),
    ):
        user = make_user(username, language=language)
        screen_clear(user)
        client.force_login(user)
        assert f">{word}</a>" in header_of(client.get(reverse("journal:today")).content.decode())


@pytest.mark.django_db
def test_the_current_page_is_marked_and_only_it(client):
    user = make_user("ana")
    screen_clear(user)
    client.force_login(user)
    today = header_of(client.get(reverse("journal:today")).content.decode())
    history = header_of(client.get(reverse("journal:history")).content.decode())
    assert (
        today.count('aria-current="page"') == 1 and f'href="{reverse("journal:today")}" aria-current' in today
    )
    assert (
        history.count('aria-current="page"') == 1
        and f'href="{reverse("journal:history")}" aria-current' in history
    )


def test_with_debug_nothing_is_kept(settings):
    settings.CACHES = {**settings.CACHES, "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    site_header._kept.clear()
    site_header.site_header({"request": None, "user": None, "nav": {}})
    assert site_header._kept == {}
