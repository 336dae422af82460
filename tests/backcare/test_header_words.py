"""The header's words translated once a language (backcare/context_processors.py: NAV_WORDS):
the same text as {% translate %} gave, in each language, and the header shows them."""

import pytest
from django.conf import settings
from django.template import engines
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from backcare.context_processors import NAV_WORDS, _nav_words
from exercises import catalog

ENGLISH = {
    "skip": "Skip to content",
    "main": "Main",
    "today": "Today",
    "history": "History",
    "exercises": "Exercises",
    "settings": "Settings",
    "log_out": "Log out",
    "menu": "Menu",
    "log_in": "Log in",
    "sign_up": "Sign up",
}


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_the_same_words_as_translate_gave(language):
    assert set(NAV_WORDS) == set(ENGLISH)
    with translation.override(language):
        words = _nav_words(translation.get_language())
        for key, english in ENGLISH.items():
            assert words[key] == engines["django"].from_string(
                '{% load i18n %}{% translate "' + english + '" %}'
            ).render({})


def test_the_header_speaks_the_users_language(alice_today, alice):
    alice.language = "de"
    alice.save(update_fields=["language"])
    body = alice_today.get(reverse("journal:today")).content.decode()
    with translation.override("de"):
        assert (
            f">{translation.gettext('History')}</a>" in body and translation.gettext("History") != "History"
        )
        assert translation.gettext("Skip to content") in body


def test_words_kept_for_a_language_are_forgotten_when_the_catalogues_change(tmp_path):
    # A test's own catalogue (an empty one here) must not leave its words behind for later pages.
    with override_settings(LOCALE_PATHS=[tmp_path]), translation.override("es"):
        assert _nav_words("es")["skip"] == "Skip to content"
    with translation.override("es"):
        assert _nav_words("es")["skip"] == "Saltar al contenido"


def test_widgets_kept_per_language_are_forgotten_with_the_words(tmp_path):
    # render_cached (exercises/catalog.py) keeps only outside DEBUG: a local-memory "local" cache.
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "header-words-test"}
    with override_settings(CACHES={**settings.CACHES, "local": local}):
        with translation.override("es"):
            assert catalog.render_cached("test-widget", lambda: "first") == "first"
            assert catalog.render_cached("test-widget", lambda: "second") == "first"  # kept
        with override_settings(LOCALE_PATHS=[tmp_path]):
            pass  # the catalogues changed, and changed back (Django drops the active language)
        with translation.override("es"):
            assert catalog.render_cached("test-widget", lambda: "third") == "third"
