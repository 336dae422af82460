"""Dose steps on Today: the plan item's concrete dose, the "a little more" card, Accept and Not now
(docs/clinical-rules.md, "Dose steps")."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from exercises.models import Exercise
from journal import services
from journal.models import Dismissal, Entry, LevelChange, PlanItem
from tests.conftest import make_ready_for_level_up, screen_clear

pytestmark = pytest.mark.django_db

FACE_DOWN = "back-extension"  # level 1, lying face down: 1–2 min, steps 1 min and 2 min


def make_ready(user, progression=FACE_DOWN):
    """The evidence of a level-up, and of a dose step, for the family's current level."""
    return make_ready_for_level_up(user, progression)


@pytest.fixture
def ready(screened_alice):
    return make_ready(screened_alice)


def row(client, slug, url=None):
    """The HTML of one Today row."""
    body = client.get(url or reverse("journal:today")).content.decode()
    return body.split(f'data-exercise="{slug}"', 1)[1].split('data-testid="plan-item"', 1)[0]


def dose_text(row_html):
    return row_html.split('data-testid="dose">', 1)[1].split("<", 1)[0]


def accept(client, item, kind="dose", **extra):
    return client.post(reverse("journal:accept", kwargs={"pk": item.pk}), {"kind": kind}, **extra)


def test_today_shows_the_plan_items_dose_and_the_library_its_range(alice_today, screened_alice):
    assert dose_text(row(alice_today, "lying-face-down")) == "1 min, daily"
    PlanItem.objects.filter(user=screened_alice, progression__slug=FACE_DOWN).update(dose_step=1)
    assert dose_text(row(alice_today, "lying-face-down")) == "2 min, daily"
    assert dose_text(row(alice_today, "supine-marching")) == "2 × 6 each side, daily"
    detail = alice_today.get(reverse("exercises:detail", kwargs={"slug": "lying-face-down"}))
    assert "1–2 min, daily" in detail.content.decode()
    assert "1–2 min, daily" in alice_today.get(reverse("exercises:list")).content.decode()


def test_the_rough_day_set_is_done_at_the_low_end(alice_today, screened_alice):
    PlanItem.objects.filter(user=screened_alice, progression__slug=FACE_DOWN).update(dose_step=1)
    Entry.objects.create(user=screened_alice, date=screened_alice.local_today(), day_type="rough")
    assert dose_text(row(alice_today, "lying-face-down")) == "1 min, daily"


def test_the_full_dose_a_tick_answers_is_todays_step(alice_today, ready):
    today = ready.user.local_today().isoformat()
    alice_today.post(reverse("journal:tick", kwargs={"day": today, "exercise": "lying-face-down"}))
    assert "I did less than the full dose (1 min)" in row(alice_today, "lying-face-down")


def test_three_easy_sessions_offer_the_next_dose_step(alice_today, ready):
    html = row(alice_today, "lying-face-down")
    assert 'data-testid="suggestion" data-kind="dose"' in html
    assert "Ready for a little more?" in html
    assert "The next step of this level: 2 min." in html
    assert "Do a little more" in html


def test_accepting_a_dose_step_moves_the_step_and_keeps_the_record(alice_today, ready):
    response = accept(alice_today, ready, follow=True)
    assert "Lying face down: now 2 min." in response.content.decode()
    item = PlanItem.objects.get(pk=ready.pk)
    today = item.user.local_today()
    assert (item.exercise.slug, item.dose_step, item.dose_since, item.since) == (
        "lying-face-down",
        1,
        today,
        today - timedelta(days=20),
    )
    change = LevelChange.objects.get()
    assert (change.direction, change.rule) == ("dose", "dose")
    assert change.from_exercise_id == change.to_exercise_id == item.exercise_id
    assert (change.values["from_step"], change.values["to_step"], change.values["dose"]) == (0, 1, "2 min")
    assert "The next step of this level: 2 min." in change.reason
    html = row(alice_today, "lying-face-down")
    assert dose_text(html) == "2 min, daily"
    # Evidence for what comes next starts today: no card until three sessions at 2 min.
    assert 'data-testid="suggestion"' not in html


def test_a_second_accept_or_the_wrong_kind_changes_nothing(alice_today, ready):
    response = accept(alice_today, ready, kind="up", follow=True)
    assert "no longer applies" in response.content.decode()
    assert PlanItem.objects.get(pk=ready.pk).dose_step == 0
    accept(alice_today, ready)
    response = accept(alice_today, ready, follow=True)
    assert "no longer applies" in response.content.decode()
    assert PlanItem.objects.get(pk=ready.pk).dose_step == 1
    assert LevelChange.objects.count() == 1


def test_at_the_top_step_the_next_level_is_offered_and_starts_at_its_low_end(alice_today, ready):
    PlanItem.objects.filter(pk=ready.pk).update(dose_step=1)
    html = row(alice_today, "lying-face-down")
    assert 'data-kind="up"' in html and "Ready for the next level?" in html
    accept(alice_today, ready, kind="up")
    item = PlanItem.objects.get(pk=ready.pk)
    assert (item.exercise.slug, item.dose_step, item.dose_since) == ("prone-on-elbows", 0, None)
    assert LevelChange.objects.get().direction == "up"


def test_a_level_change_either_way_starts_the_new_level_at_step_0(screened_alice):
    today = screened_alice.local_today()
    two, one = (Exercise.objects.get(slug=s) for s in ("bridge-march", "glute-bridge"))
    item = services.plan_set_level(
        user=screened_alice, progression=one.progression, exercise=one, today=today
    )
    PlanItem.objects.filter(pk=item.pk).update(dose_step=1, dose_since=today)
    services.plan_set_level(user=screened_alice, progression=item.progression, exercise=two, today=today)
    item.refresh_from_db()
    assert (item.dose_step, item.dose_since) == (0, None)
    PlanItem.objects.filter(pk=item.pk).update(dose_step=0)
    services.plan_set_level(user=screened_alice, progression=item.progression, exercise=one, today=today)
    item.refresh_from_db()
    # Stepping back lands at the start of the lower level (3 × 12), never at the top of its ranges.
    assert (item.exercise.slug, item.dose_step, item.dose_since) == ("glute-bridge", 0, None)
    assert item.dose_display() == "3 × 12, 3 s hold, daily"


def test_not_now_pauses_the_dose_step_like_a_level_up(alice_today, ready):
    alice_today.post(reverse("journal:dismiss", kwargs={"pk": ready.pk}), {"kind": "dose"})
    dismissal = Dismissal.objects.get()
    assert (dismissal.kind, dismissal.until) == ("dose", ready.user.local_today() + timedelta(days=3))
    assert 'data-testid="suggestion"' not in row(alice_today, "lying-face-down")
    assert PlanItem.objects.get(pk=ready.pk).dose_step == 0
    response = accept(alice_today, ready, follow=True)
    assert "no longer applies" in response.content.decode()
    assert not LevelChange.objects.exists()


@pytest.mark.parametrize(
    "situation",
    [
        {"day_type": "rough"},  # a rough day
        {"pain": 8},  # a flare today (usual 4)
        {"pain": 4, "leg_symptoms": True},  # tingling below the knee
    ],
)
def test_never_on_a_rough_day_in_a_flare_or_with_leg_symptoms(alice_today, ready, situation):
    Entry.objects.create(user=ready.user, date=ready.user.local_today(), **situation)
    assert 'data-kind="dose"' not in alice_today.get(reverse("journal:today")).content.decode()
    accept(alice_today, ready)
    assert PlanItem.objects.get(pk=ready.pk).dose_step == 0
    assert not LevelChange.objects.exists()


def test_another_users_plan_item_is_404(client, ready, bob):
    screen_clear(bob)
    client.force_login(bob)
    for name in ("journal:accept", "journal:dismiss"):
        response = client.post(reverse(name, kwargs={"pk": ready.pk}), {"kind": "dose"})
        assert response.status_code == 404
    assert PlanItem.objects.get(pk=ready.pk).dose_step == 0
    assert not Dismissal.objects.exists()


def test_accept_and_dismiss_of_a_dose_step_reject_get(alice_today, ready):
    for name in ("journal:accept", "journal:dismiss"):
        assert alice_today.get(reverse(name, kwargs={"pk": ready.pk}) + "?kind=dose").status_code == 405


def test_the_exports_and_the_report_carry_the_dose_step(alice_today, ready):
    accept(alice_today, ready)
    data = json.loads(alice_today.get(reverse("journal:export_json")).content)
    plan = next(p for p in data["plan"] if p["progression__slug"] == FACE_DOWN)
    assert (plan["dose_step"], plan["dose_since"]) == (1, ready.user.local_today().isoformat())
    change = data["level_changes"][0]
    assert (change["direction"], change["rule"], change["values"]["to_step"]) == ("dose", "dose", 1)
    assert change["from_exercise__slug"] == change["to_exercise__slug"] == "lying-face-down"
    csv_response = alice_today.get(reverse("journal:export_csv"))
    assert csv_response.status_code == 200 and b"".join(csv_response.streaming_content)
    report = alice_today.get(reverse("journal:report")).content.decode()
    assert "Lying face down (2 min, daily)" in report
    assert "level 1, 2 min" in report
