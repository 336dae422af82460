"""The shipped lessons keep the content rules (docs/content.md, "Lessons")."""

import re
from types import SimpleNamespace

import pytest

from backcare.care import CARE, care_for
from learn import text
from learn.content import LESSONS
from learn.models import Lesson
from tests.exercises.test_content import BANNED_RE

TOPICS = [
    "the-usual-course",
    "hurt-is-not-harm",
    "keep-moving",
    "flare-plan",
    "pacing",
    "sleep-and-stress",
    "sitting",
    "lifting",
    "work",
    "imaging",
    "medicines",
    "when-to-get-help",
]
SOURCES = ("NICE guideline NG59", "The Lancet low back pain series", "NHS: Back pain", "Cochrane review")


def all_text(lesson):
    return f"{lesson['title']}\n{lesson['body']}\n{lesson['source']}"


def test_at_least_fourteen_lessons_with_unique_slugs_covering_the_topics():
    slugs = [lesson["slug"] for lesson in LESSONS]
    assert len(LESSONS) >= 14
    assert len(set(slugs)) == len(slugs)
    assert set(TOPICS) <= set(slugs)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_each_lesson_is_a_one_minute_read_naming_its_source(lesson):
    assert 120 <= text.words(lesson["body"]) <= 180, text.words(lesson["body"])
    assert any(name in lesson["source"] for name in SOURCES), lesson["source"]
    assert len(lesson["title"]) <= 120 and len(lesson["source"]) <= 300


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_no_dose_no_cure_no_cause_claim(lesson):
    words = all_text(lesson)
    assert not re.search(r"\d\s*(mg|milligram|ml|mcg|g\b|tablets?\b|times a day)", words, re.IGNORECASE)
    assert not re.search(r"\bcur(e|es|ed|ing)\b", words, re.IGNORECASE)
    assert not BANNED_RE.search(words), [m.group(0) for m in BANNED_RE.finditer(words)]
    assert not re.search(
        r"\b(you have|your diagnosis)\b.*\b(disc|arthritis|stenosis)\b", words, re.IGNORECASE
    )


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_no_lesson_names_one_countrys_numbers_or_services(lesson):
    """Care words come only from the placeholders (docs/care-words.md)."""
    body = lesson["body"] + lesson["title"]
    numbers = {care.emergency_number for care in CARE.values()} | {"112", "811", "116 117"}
    assert not [n for n in numbers if re.search(rf"(?<!\d){re.escape(n)}(?!\d)", body)]
    assert not re.search(r"\bGP\b|NHS|111|Healthline|healthdirect", body)


def test_the_medicines_lesson_says_what_the_brief_says_and_sends_to_a_pharmacist():
    body = next(lesson["body"] for lesson in LESSONS if lesson["slug"] == "medicines")
    assert "Paracetamol on its own is not recommended for back pain" in body
    assert "not for long-term use" in body
    assert "ask a pharmacist" in body


def test_the_help_lesson_takes_its_words_from_the_care_table():
    body = next(lesson["body"] for lesson in LESSONS if lesson["slug"] == "when-to-get-help")
    assert "{emergency_words}" in body and "{urgent_words}" in body


def test_the_database_holds_every_shipped_lesson(db):
    assert set(Lesson.objects.values_list("slug", flat=True)) >= {lesson["slug"] for lesson in LESSONS}


# The body's format (learn/text.py).

GB = care_for("GB")


def test_paragraphs_and_lists():
    body = "First line\nsame paragraph.\n\nLead-in:\n- one\n- two\nAfter.\n\n- alone"
    assert text.blocks(body) == [
        ("p", "First line same paragraph."),
        ("p", "Lead-in:"),
        ("ul", ["one", "two"]),
        ("p", "After."),
        ("ul", ["alone"]),
    ]
    html = str(text.render(body, GB))
    assert html.count("<p>") == 3 and html.count("<li>") == 3


def test_everything_is_escaped_and_unknown_braces_stay():
    html = str(text.render("<script>x</script> {nope} {emergency_words}", GB))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{nope}" in html and "<strong>999 (112 works too)</strong>" in html


def test_care_words_are_escaped_too():
    evil = SimpleNamespace(emergency_number="1<b>", emergency_words="<i>x</i>", urgent_words="&")
    html = str(text.render("{emergency_number} {emergency_words} {urgent_words}", evil))
    assert "<b>" not in html and "<i>" not in html and "&amp;" in html
    assert 'href="tel:1&lt;b&gt;"' in html


def test_the_number_is_a_call_link_without_spaces():
    html = str(text.render("Call {emergency_number}.", care_for("AU")))
    assert '<a class="fw-semibold" href="tel:000">000</a>' in html
    assert text.uses_care_words("x {urgent_words}") and not text.uses_care_words("x {other}")
