"""The library's words as a user reads them: tips apart from cautions, no cause or cure claims,
and the safety cautions (docs/content.md) on the levels that need them."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from exercises import catalog
from exercises.library import LIBRARY, load_library
from exercises.models import Exercise, Progression

pytestmark = pytest.mark.django_db

WARNING = "⚠"
EXTENSION_LEVELS_2_AND_3 = {"prone-on-elbows", "prone-press-up"}
WALLET_TIP = "Take your wallet out of your back pocket before you sit down."
FEET_UP_TIP = "With your feet up, your ribs and diaphragm sit in a good position for breathing low."

# Phrases that promise a cure or name a cause; the library says what to do and what to notice.
BANNED = [
    r"load off",
    r"tugs? on",
    r"settles? a sore",
    r"keep it away",
    r"above the knee",
    r"sciatica",
    r"irritat\w*",
    r"undoes",
    r"takes? away",
    r"sends? pain",
    r"gets? short",
    r"cur(e|es|ed|ing)",
    r"heal(s|ed|ing)?",
    r"recover(y|s)? from",
    r"best-supported",
    r"prevents?",
    r"protects? (the|your) back",
    r"relieves?",
    r"ease stiffness",
    r"fix(es)? (the|your) back",
]
BANNED_RE = re.compile(r"\b(" + "|".join(BANNED) + r")\b", re.IGNORECASE)


def detail(client, slug):
    response = client.get(reverse("exercises:detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def block(body, testid):
    """The text of the detail page's tips or cautions box ('' when the page has none)."""
    start = body.find(f'data-testid="{testid}"')
    return "" if start == -1 else body[start : body.index("</div>", start)]


def test_the_library_has_tips_to_show():
    with_tips = [level for family in LIBRARY for level in family["levels"] if level["tips"]]
    assert len(with_tips) >= 10


def test_every_tip_is_on_its_page_in_the_tips_box_without_the_warning_mark(client):
    shown = 0
    for exercise in Exercise.objects.all():
        body = detail(client, exercise.slug)
        tips, cautions = block(body, "tips"), block(body, "cautions")
        assert WARNING not in tips, exercise.slug
        for tip in exercise.tips_list:
            assert escape(tip) in tips, (exercise.slug, tip)
            assert escape(tip) not in cautions, (exercise.slug, tip)
            assert f"{WARNING} {escape(tip)}" not in body
            shown += 1
        for caution in exercise.cautions_list:
            assert escape(caution) in cautions, (exercise.slug, caution)
        if exercise.cautions_list:
            assert WARNING in cautions
    assert shown == sum(len(e.tips_list) for e in Exercise.objects.all()) >= 10


def test_the_article_tips_are_tips_not_cautions(client):
    backbend = detail(client, "standing-backbend")
    assert escape(WALLET_TIP) in block(backbend, "tips")
    assert "wallet" not in block(backbend, "cautions")
    breathing = detail(client, "belly-breathing-feet-up")
    assert FEET_UP_TIP in block(breathing, "tips")
    assert "feet up" not in block(breathing, "cautions").lower()
    assert "light-headed" in block(breathing, "cautions")


def today_tips(body):
    """The text of Today's "How to do it well" folds (the rows' tips)."""
    return "".join(re.findall(r'<details class="row-tips.*?</details>', body, flags=re.S))


def test_today_shows_tips_plainly_and_cautions_as_warnings(alice_today):
    response = alice_today.get(reverse("journal:today"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"<li>{FEET_UP_TIP}</li>" in today_tips(body)
    assert f"<li>{escape(WALLET_TIP)}</li>" in today_tips(body)
    assert WARNING not in today_tips(body)
    assert f"{WARNING} {FEET_UP_TIP}" not in body
    assert "wallet" not in "".join(re.findall(r'<ul class="caution.*?</ul>', body))
    assert f"<li>{WARNING} If you feel light-headed, breathe more gently and take a pause.</li>" in body


def test_the_admin_edits_tips_apart_from_cautions(client, alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    exercise = Exercise.objects.get(slug="standing-backbend")
    response = client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="tips"' in body and 'name="cautions"' in body
    assert "Shown as a plain tip." in body and "Shown as a warning." in body
    tips_field = body[body.index('name="tips"') : body.index("</textarea>", body.index('name="tips"'))]
    assert escape(WALLET_TIP) in tips_field


def pages_a_user_reads(alice_today):
    visitor = Client()
    yield "landing", visitor.get(reverse("landing"))
    yield "library", visitor.get(reverse("exercises:list"))
    for slug in Exercise.objects.values_list("slug", flat=True):
        yield slug, visitor.get(reverse("exercises:detail", kwargs={"slug": slug}))
    yield "today", alice_today.get(reverse("journal:today"))


def test_no_page_makes_a_cause_or_cure_claim(alice_today):
    found = []
    for name, response in pages_a_user_reads(alice_today):
        assert response.status_code == 200, name
        found += [(name, match) for match in BANNED_RE.findall(response.content.decode())]
    assert found == []


def test_no_library_text_makes_a_cause_or_cure_claim():
    texts = [(p.slug, p.summary) for p in Progression.objects.all()]
    for e in Exercise.objects.all():
        texts += [(e.slug, field) for field in (e.name, e.steps, e.cues, e.tips, e.cautions, e.equipment)]
    assert [(slug, BANNED_RE.findall(text)) for slug, text in texts if BANNED_RE.search(text)] == []


@pytest.mark.parametrize(
    "text", ["It takes load off the low back.", "The hip flexor tugs on the low back.", "It can cure you."]
)
def test_the_banned_list_catches_the_old_claims(text):
    assert BANNED_RE.search(text)


def test_the_stenosis_caution_is_on_extension_levels_two_and_three_only(client):
    for slug in Exercise.objects.values_list("slug", flat=True):
        cautions = block(detail(client, slug), "cautions")
        has_it = "space around your spinal nerves is narrowed (spinal stenosis)" in cautions
        assert has_it == (slug in EXTENSION_LEVELS_2_AND_3), slug


def test_reverse_hyper_warns_about_the_ball_flare_days_and_the_order_of_levels(client):
    level_1 = block(detail(client, "reverse-hyper-ball"), "cautions")
    assert "A ball on a box can roll out from under you" in level_1
    assert "wedge it" in level_1 and "bench" in level_1
    assert "Not on a flare-up day" in level_1
    level_2 = block(detail(client, "reverse-hyper-loaded"), "cautions")
    assert "Start this level only once level 1 is easy." in level_2
    assert "Not on a flare-up day" in level_2


def test_walking_says_when_not_to_keep_going(client):
    for exercise in Exercise.objects.filter(progression__slug="walking"):
        cautions = block(detail(client, exercise.slug), "cautions")
        assert "numbness, tingling or pain spreads down your leg" in cautions, exercise.slug
        assert "see a doctor or physiotherapist" in cautions, exercise.slug


def test_the_piriformis_release_does_not_roll_out_leg_symptoms(client):
    body = detail(client, "piriformis-ball-release")
    cautions = block(body, "cautions")
    assert "Numbness or tingling below the knee is not something to roll out: stop" in cautions
    assert "today&#x27;s check-in" in cautions
    assert "above the knee" not in body


def test_a_fresh_migrate_puts_tips_and_cautions_in_the_database():
    levels = {level["slug"]: level for family in LIBRARY for level in family["levels"]}
    for exercise in Exercise.objects.all():
        assert (exercise.tips, exercise.cautions) == (
            levels[exercise.slug]["tips"],
            levels[exercise.slug]["cautions"],
        ), exercise.slug
    assert Exercise.objects.get(slug="standing-backbend").tips == WALLET_TIP
    assert Exercise.objects.exclude(tips="").count() >= 10


def test_a_content_change_gives_a_new_library_version_and_fresh_fragments(alice_today, monkeypatch):
    before = catalog.catalog().version
    assert (
        "Breathe out through pursed lips." not in alice_today.get(reverse("journal:today")).content.decode()
    )
    monkeypatch.setitem(LIBRARY[0]["levels"][0], "tips", "Breathe out through pursed lips.")
    load_library(Progression, Exercise)
    assert catalog.catalog(refresh=True).version != before
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "<li>Breathe out through pursed lips.</li>" in today_tips(body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug,words",
    [
        ("dead-bug-legs", "back lifts off the floor"),
        ("bird-dog", "Don't let your back arch"),
        ("glute-bridge", "Don't arch"),
    ],
)
def test_the_briefs_cautions_are_cautions_not_tips(client, slug, words):
    from exercises.models import Exercise

    exercise = Exercise.objects.get(slug=slug)
    assert words in exercise.cautions and words not in exercise.tips
    assert escape(words) in client.get(exercise.get_absolute_url()).content.decode()
