"""The shipped lessons keep the content rules (docs/content.md, "Lessons")."""

import re
from types import SimpleNamespace

import pytest

from backcare.urgent_care import CARE, care_for
from journal.safety import EMERGENCY, QUESTIONS, URGENT
from learn import content, text
from learn.content import EMERGENCY_SIGNS, LESSONS, URGENT_SIGNS
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
SOURCES = (
    "NICE guideline NG59",
    "The Lancet low back pain series",
    "NHS: Back pain",
    "Cochrane review",
    "JOSPT",
)
# "When to get help" lists every emergency and urgent sign of the safety screen: longer than the rest.
LONG_LESSONS = {"when-to-get-help": 300}


def all_text(lesson):
    return f"{lesson['title']}\n{lesson['body']}\n{lesson['source']}"


def test_at_least_fourteen_lessons_with_unique_slugs_covering_the_topics():
    slugs = [lesson["slug"] for lesson in LESSONS]
    assert len(LESSONS) >= 14
    assert len(set(slugs)) == len(slugs)
    assert set(TOPICS) <= set(slugs)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_each_lesson_is_a_one_minute_read_naming_its_source(lesson):
    assert 120 <= text.words(lesson["body"]) <= LONG_LESSONS.get(lesson["slug"], 180), text.words(
        lesson["body"]
    )
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


def shipped(slug):
    return next(lesson for lesson in LESSONS if lesson["slug"] == slug)


def test_the_medicines_lesson_says_what_the_brief_says_and_sends_to_a_pharmacist():
    body = shipped("medicines")["body"]
    assert "Paracetamol on its own is not recommended for back pain" in body
    assert "not for long-term use" in body
    assert "ask a pharmacist" in body


def test_the_medicines_lesson_sends_someone_pregnant_to_ask_first():
    body = shipped("medicines")["body"]
    assert (
        "If you are pregnant, ask a pharmacist, your midwife or your doctor before you take any medicine."
        in body
    )
    assert (
        "ibuprofen and naproxen are generally not for use in pregnancy unless one of them has advised it"
        in body
    )


# Sources: each lesson names only sources that support what it says, with their right years.


def test_every_source_is_one_of_the_named_sources():
    for lesson in LESSONS:
        assert set(lesson["source"].split("; ")) <= set(content.SOURCES), lesson["slug"]


def test_the_sources_carry_their_years():
    assert content.NICE == "NICE guideline NG59 (2016, updated 2020)"
    assert content.LANCET.endswith("(2018)")
    assert content.COCHRANE_EXERCISE.endswith("(Hayden et al., 2021)")
    assert "Saraceni" in content.SARACENI and content.SARACENI.endswith("(JOSPT, 2020)")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["slug"])
def test_no_back_schools_review_cited_for_what_it_does_not_say(lesson):
    """The back-schools review (Parreira et al., Cochrane 2017) found low-quality evidence that back
    schools are not clearly better than other care: no lesson here says that, so none cites it (and
    it was never from 2016)."""
    assert cites_back_schools_rightly(lesson["source"])
    assert not re.search(r"back school|Parreira", lesson["source"], re.IGNORECASE)


@pytest.mark.parametrize(
    ("source", "right"),
    [
        ("Parreira et al., Cochrane review: back schools for chronic low back pain (2017)", True),
        ("Cochrane review: back schools for chronic low back pain (2016)", False),
        (f"{content.LANCET}; Parreira et al. (2016)", False),
    ],
)
def test_a_back_schools_citation_would_need_its_year(source, right):
    assert cites_back_schools_rightly(source) is right


def cites_back_schools_rightly(source):
    """Every part of `source` naming the back-schools review says 2017, never 2016."""
    parts = [part for part in source.split("; ") if re.search(r"back school|Parreira", part, re.IGNORECASE)]
    return all("2017" in part and "2016" not in part for part in parts)


def test_the_lifting_lesson_cites_the_review_of_lifting_posture_and_says_only_what_it_found():
    lesson = shipped("lifting")
    assert lesson["source"] == content.SARACENI
    assert (
        "no evidence that lifting with a rounded lower back is a risk factor for back pain" in lesson["body"]
    )


# "When to get help": a line for every emergency and urgent question of the safety screen.


def screen_keys(level):
    return {question.key for question in QUESTIONS if question.level == level}


def test_every_emergency_and_urgent_question_of_the_screen_has_its_line():
    """Holds while the screen and the lesson list the same signs; a question added to the screen
    without its line here (or a line left after its question went) fails."""
    assert set(EMERGENCY_SIGNS) == screen_keys(EMERGENCY)
    assert set(URGENT_SIGNS) == screen_keys(URGENT)


def test_a_screen_question_without_a_line_would_fail():
    assert screen_keys(URGENT) | {"new_sign"} != set(URGENT_SIGNS)
    assert screen_keys(EMERGENCY) - {"chest_pain"} != set(EMERGENCY_SIGNS)


def sections(body):
    """The help lesson's list items after the emergency lead-in and after the urgent one."""
    found = {}
    for n, (kind, block) in enumerate(text.blocks(body)):
        if kind == "p" and "{emergency_words}" in block:
            found["emergency"] = text.blocks(body)[n + 1][1]
        elif kind == "p" and "{urgent_words}" in block:
            found["urgent"] = text.blocks(body)[n + 1][1]
    return found


def test_each_sign_is_in_its_own_group_of_the_lesson():
    found = sections(shipped("when-to-get-help")["body"])
    assert found["emergency"] == list(EMERGENCY_SIGNS.values())
    assert found["urgent"] == list(URGENT_SIGNS.values())


def test_the_database_lesson_has_every_sign(db):
    found = sections(Lesson.objects.get(slug="when-to-get-help").body)
    assert found == {"emergency": list(EMERGENCY_SIGNS.values()), "urgent": list(URGENT_SIGNS.values())}


def test_the_help_lesson_and_the_flare_plan_come_first():
    assert [lesson["slug"] for lesson in LESSONS[:2]] == ["when-to-get-help", "flare-plan"]


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
