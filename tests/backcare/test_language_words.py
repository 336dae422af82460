"""backcare/language_cache.py: words, a table of lazy words translated once a language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from backcare import html_words, language_cache

TABLE = {"today": gettext_lazy("Today"), "history": gettext_lazy("History")}


def test_a_table_is_read_in_each_readers_language_and_kept_for_it(settings):
    words = language_cache.words(TABLE)
    with translation.override("es"):
        spanish = words()
        assert dict(spanish) == {"today": "Hoy", "history": "Historial"}
        assert words() is spanish  # kept: not translated again
    with translation.override("en"):
        assert dict(words()) == {"today": "Today", "history": "History"}
    with pytest.raises(TypeError):
        spanish["today"] = "changed"  # one mapping shared by every reader: read-only
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]  # the catalogues changed: translated afresh
    with translation.override("es"):
        assert words() is not spanish and dict(words()) == dict(spanish)


def test_a_templates_table_is_safe_as_its_quoted_words_were():
    with translation.override("en"):
        found = language_cache.words(TABLE, html_words.safe)()
    assert all(hasattr(text, "__html__") for text in found.values())
