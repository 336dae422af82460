"""The safety answers rule levels out by their tags (exercises/positions.py), never by family or
slug: after a pregnancy answer no face-down level (the reverse hyper over a ball included) is on
Today, in the rough-day or gentle set, chosen by hand or reached by Accept, even after a
clinician's OK; after a narrowing of the spinal canal no extension level above 1."""

import pytest
from django.urls import reverse

from exercises import catalog, dose, positions
from exercises.models import Exercise, Progression
from journal import selectors, services
from journal.models import Entry, LevelChange, PlanItem, SafetyScreen
from tests.conftest import make_ready_for_level_up, screens_edited

pytestmark = pytest.mark.django_db


def answer(user, outcome, cleared=True, **yes):
    """A newer screen with these yes answers, with a clinician's OK today unless told."""
    today = user.local_today()
    SafetyScreen.objects.create(
        user=user, taken_on=today, answers=yes, outcome=outcome, cleared_on=today if cleared else None
    )
    screens_edited()


def pregnant(user, cleared=True):
    answer(user, SafetyScreen.Outcome.TALK_FIRST, cleared=cleared, pregnancy=True)


def narrowed(user):
    answer(user, SafetyScreen.Outcome.SEE_SOON, canal_narrowing=True)


def planned_slugs(client):
    body = client.get(reverse("journal:today")).content.decode()
    return [part.split('"', 1)[0] for part in body.split('data-testid="plan-item" data-exercise="')[1:]]


def add_to_plan(user, slug):
    exercise = Exercise.objects.get(slug=slug)
    services.plan_set_level(
        user=user, progression=exercise.progression, exercise=exercise, today=user.local_today()
    )
    return PlanItem.objects.get(user=user, progression=exercise.progression)


def at_top_step(item):
    PlanItem.objects.filter(pk=item.pk).update(dose_step=dose.top_step(item.exercise))
    item.refresh_from_db()
    return item


def plan_state(user):
    return (
        sorted(PlanItem.objects.filter(user=user).values_list("exercise__slug", "active")),
        LevelChange.objects.filter(user=user).count(),
    )


# --- Today ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["reverse-hyper-ball", "reverse-hyper-loaded"])
def test_a_reverse_hyper_level_in_the_plan_is_not_on_today_after_a_pregnancy_answer_and_ok(
    alice_today, screened_alice, slug
):
    add_to_plan(screened_alice, slug)
    assert slug in planned_slugs(alice_today)  # holds without the answer
    pregnant(screened_alice)
    slugs = planned_slugs(alice_today)
    assert slug not in slugs and "lying-face-down" not in slugs
    assert "supine-marching" in slugs  # the rest of the plan stays


@pytest.mark.parametrize("day_type", [Entry.DayType.ROUGH, "gentle"])
def test_the_rough_day_and_gentle_sets_hold_no_face_down_level_after_a_pregnancy_answer(
    alice_today, screened_alice, day_type
):
    if day_type == "gentle":  # a "see a doctor soon" answer waiting for its OK
        answer(screened_alice, SafetyScreen.Outcome.SEE_SOON, cleared=False, pregnancy=True)
    else:
        pregnant(screened_alice)
        Entry.objects.create(user=screened_alice, date=screened_alice.local_today(), day_type=day_type)
    slugs = planned_slugs(alice_today)
    assert slugs and "lying-face-down" not in slugs
    assert not any(positions.face_down(Exercise.objects.get(slug=slug)) for slug in slugs)


def test_no_page_or_reminder_reads_another_list_than_day_plan(screened_alice):
    """Every planned list (Today, the session, reminders, the tick check) comes from day_plan, which
    filters through the tags: a pregnant user's planned exercises hold no face-down level."""
    add_to_plan(screened_alice, "reverse-hyper-ball")
    pregnant(screened_alice)
    for day_type in Entry.DayType.values:
        planned = selectors.planned_exercises(user=screened_alice, day_type=day_type)
        assert not any(positions.face_down(exercise) for exercise in planned), day_type


# --- chosen by hand ------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["1", "2"])
def test_choosing_a_reverse_hyper_level_by_hand_is_refused_after_a_pregnancy_answer(
    alice_today, screened_alice, level
):
    pregnant(screened_alice)
    before = plan_state(screened_alice)
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "reverse-hyperextension"}),
        {"level": level},
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "not one to do on your own: it is done face down" in body
    assert plan_state(screened_alice) == before


def test_choosing_a_reverse_hyper_level_by_hand_goes_through_without_the_answer(alice_today, screened_alice):
    alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "reverse-hyperextension"}), {"level": "1"}
    )
    assert PlanItem.objects.filter(user=screened_alice, exercise__slug="reverse-hyper-ball").exists()


@pytest.mark.parametrize("level, saved", [("1", True), ("2", False), ("3", False)])
def test_a_narrowed_canal_allows_extension_level_one_only_by_hand(alice_today, screened_alice, level, saved):
    PlanItem.objects.filter(user=screened_alice, progression__slug="back-extension").delete()
    narrowed(screened_alice)
    response = alice_today.post(
        reverse("journal:plan_set", kwargs={"progression": "back-extension"}),
        {"level": level, "confirm": "yes"},
        follow=True,
    )
    assert PlanItem.objects.filter(user=screened_alice, progression__slug="back-extension").exists() == saved
    assert (
        "not one to do on your own: it bends your low back backwards" in response.content.decode()
    ) != saved


# --- suggestions and Accept ----------------------------------------------------------------------


@pytest.fixture
def reverse_hyper_ready(screened_alice):
    """Alice at the top step of the reverse hyper over a ball, with the sessions for a level-up."""
    item = add_to_plan(screened_alice, "reverse-hyper-ball")
    make_ready_for_level_up(screened_alice, "reverse-hyperextension")
    return at_top_step(item)


def test_the_reverse_hyper_level_up_is_offered_without_the_answer(alice_today, reverse_hyper_ready):
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="suggestion"') == 1 and "Ready for the next level?" in body


def test_a_pregnancy_answer_refuses_accept_to_the_loaded_reverse_hyper(alice_today, reverse_hyper_ready):
    pregnant(reverse_hyper_ready.user)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert "Reverse hyper" not in body and 'data-testid="suggestion"' not in body
    before = plan_state(reverse_hyper_ready.user)
    response = alice_today.post(
        reverse("journal:accept", kwargs={"pk": reverse_hyper_ready.pk}), {"kind": "up"}, follow=True
    )
    assert "no longer applies" in response.content.decode()
    assert plan_state(reverse_hyper_ready.user) == before


@pytest.fixture
def face_down_ready(screened_alice):
    """Alice at the top step of lying face down (back extension level 1), ready for a level-up."""
    item = make_ready_for_level_up(screened_alice, "back-extension")
    return at_top_step(item)


def test_lying_face_down_offers_the_next_level_without_the_answer(alice_today, face_down_ready):
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="suggestion"') == 1 and "Ready for the next level?" in body


def test_a_narrowed_canal_keeps_lying_face_down_and_refuses_its_level_up(alice_today, face_down_ready):
    narrowed(face_down_ready.user)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-exercise="lying-face-down"' in body
    assert 'data-testid="suggestion"' not in body
    before = plan_state(face_down_ready.user)
    response = alice_today.post(
        reverse("journal:accept", kwargs={"pk": face_down_ready.pk}), {"kind": "up"}, follow=True
    )
    assert "no longer applies" in response.content.decode()
    assert plan_state(face_down_ready.user) == before


def test_the_level_up_limit_reads_the_tags_not_the_family(screened_alice):
    """A family whose level 2 is retagged face down stops a pregnant user's level-ups at level 1;
    untagged, the back extension's level 2 stops nothing."""
    pregnant(screened_alice)
    status = selectors.screen_status(user=screened_alice)
    marching = Progression.objects.get(slug="supine-marching")
    extension = Progression.objects.get(slug="back-extension")
    plan = selectors.active_plan(user=screened_alice)
    assert marching.pk not in selectors.highest_allowed_levels(plan, status)
    Exercise.objects.filter(slug="heel-taps").update(positions=["prone"])
    Exercise.objects.filter(progression=extension).update(positions=["supine"])
    catalog.clear()  # an update() sends no signal
    plan = selectors.active_plan(user=screened_alice)
    limits = selectors.highest_allowed_levels(plan, status)
    assert limits.get(marching.pk) == 1
    assert extension.pk not in limits
