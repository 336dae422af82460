"""Today's sentences with a number in them, written in Python (journal/today_words.py): the same
HTML as the template fragments they replaced, in every language."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from journal.today_words import PAGE_WORDS, checkin_summary, page_words, pain_saved, progress, streak_line

# The template fragments before (journal/today.html), as they were.
SUMMARY = (
    "{% load i18n %}{% if entry.pain is not None %}{% if is_today %}{% blocktranslate trimmed with pain=entry.pain %}"
    "Pain <strong>{{ pain }}</strong> today{% endblocktranslate %}{% else %}"
    "{% blocktranslate trimmed with pain=entry.pain %}Pain <strong>{{ pain }}</strong>{% endblocktranslate %}"
    '{% endif %}{% elif entry.notes %}{% translate "Note saved, no pain number" %}{% else %}'
    '{% translate "Check-in saved, no pain number" %}{% endif %}'
)
SAVED = (
    "{% load i18n %}{% if entry.pain is not None %}: {% blocktranslate trimmed with pain=entry.pain %}"
    "<strong>{{ pain }}</strong> saved{% endblocktranslate %}{% endif %}"
)
PROGRESS = (
    '{% load i18n %}{% if day_type == "rest" %}{% translate "Rest day" %}{% elif not planned_count %}'
    '{% if is_today %}{% translate "Nothing due today" %}{% else %}{% translate "Nothing due that day" %}'
    "{% endif %}{% else %}{% blocktranslate trimmed count counter=planned_count with done=done_count %}"
    "<span data-done-count>{{ done }}</span> of <span data-planned-count>{{ counter }}</span> done{% plural %}"
    "<span data-done-count>{{ done }}</span> of <span data-planned-count>{{ counter }}</span> done"
    "{% endblocktranslate %}{% endif %}"
)
STREAK = (
    "{% load i18n %}{% blocktranslate trimmed count counter=streak %}streak <span data-streak>{{ counter }}</span>"
    " <span data-streak-unit>day</span>{% plural %}streak <span data-streak>{{ counter }}</span>"
    " <span data-streak-unit>days</span>{% endblocktranslate %}"
)
LANGUAGES = ["en", "es", "de"]


def before(text, **context):
    return engines["django"].from_string(text).render(context)


def entry(pain=None, notes=""):
    return SimpleNamespace(pain=pain, notes=notes)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("saved", [entry(0), entry(7, "a note"), entry(None, "a <note>"), entry(None)])
@pytest.mark.parametrize("is_today", [True, False])
def test_the_folded_line_and_the_saved_pain(language, saved, is_today):
    with translation.override(language):
        assert str(checkin_summary(saved, is_today=is_today)) == before(
            SUMMARY, entry=saved, is_today=is_today
        )
        assert str(pain_saved(saved)) == before(SAVED, entry=saved)


def test_no_saved_pain_before_the_first_check_in():
    assert pain_saved(None) == "" == before(SAVED, entry=None)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "day_type, planned, done",
    [
        ("rest", 3, 1),
        ("normal", 0, 0),
        ("rough", 1, 0),
        ("normal", 1, 1),
        ("normal", 7, 3),
        ("normal", 12, 12),
    ],
)
@pytest.mark.parametrize("is_today", [True, False])
def test_the_count(language, day_type, planned, done, is_today):
    with translation.override(language):
        assert str(progress(day_type=day_type, planned=planned, done=done, is_today=is_today)) == before(
            PROGRESS, day_type=day_type, planned_count=planned, done_count=done, is_today=is_today
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("days", [0, 1, 2, 5, 21, 999, 1825])
def test_the_streak(language, days):
    with translation.override(language):
        assert str(streak_line(days)) == before(STREAK, streak=days)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_words_are_what_translate_gave(language):
    with translation.override("en"):
        english = {key: str(word) for key, word in PAGE_WORDS.items()}
    with translation.override(language):
        words = page_words()
        for key, msgid in english.items():
            if key == "change":
                text = '{% load i18n %}{% translate "change" context "open the folded check-in" %}'
            else:
                text = '{% load i18n %}{% translate "' + msgid + '" %}'
            assert words[key] == before(text), key
        assert words["worst_pain"] == before('{% load i18n %}{% translate "10 = worst pain imaginable" %}')
