from datetime import timedelta

import pytest
from django.urls import reverse

from journal.models import Dismissal, LevelChange, Tick
from tests.conftest import make_ready_for_level_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_for_level_two(screened_alice):
    return make_ready_for_level_up(screened_alice)


def test_the_suggestion_card_shows_with_its_reason(alice_today, ready_for_level_two):
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count('data-testid="suggestion"') == 1
    assert "mornings no more than 1 above your usual 4" in body
    assert 'data-testid="accept"' in body and 'data-testid="dismiss"' in body


def test_accepting_moves_the_plan_item_and_records_why(alice_today, ready_for_level_two):
    item = ready_for_level_two
    response = alice_today.post(reverse("journal:accept", kwargs={"pk": item.pk}), {"kind": "up"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.exercise.slug == "heel-taps"
    assert item.since == item.user.local_today()
    change = LevelChange.objects.get()
    assert (change.from_exercise.level, change.to_exercise.level, change.direction) == (1, 2, "up")
    assert "your usual 4" in change.reason
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-exercise="heel-taps"' in body
    assert 'data-testid="suggestion"' not in body


def test_accepting_a_suggestion_that_does_not_apply_changes_nothing(alice_today, ready_for_level_two):
    item = ready_for_level_two
    response = alice_today.post(
        reverse("journal:accept", kwargs={"pk": item.pk}), {"kind": "down"}, follow=True
    )
    assert "no longer applies" in response.content.decode()
    item.refresh_from_db()
    assert item.exercise.level == 1
    assert not LevelChange.objects.exists()


def test_not_now_hides_the_suggestion_for_three_days(alice_today, ready_for_level_two):
    item = ready_for_level_two
    alice_today.post(reverse("journal:dismiss", kwargs={"pk": item.pk}), {"kind": "up"})
    dismissal = Dismissal.objects.get()
    assert dismissal.until == item.user.local_today() + timedelta(days=3)
    assert 'data-testid="suggestion"' not in alice_today.get(reverse("journal:today")).content.decode()
    item.refresh_from_db()
    assert item.exercise.level == 1


def test_accept_and_dismiss_reject_get(alice_today, ready_for_level_two):
    for name in ("journal:accept", "journal:dismiss"):
        assert alice_today.get(reverse(name, kwargs={"pk": ready_for_level_two.pk})).status_code == 405


def test_a_rough_day_pauses_level_up(alice_today, ready_for_level_two):
    today = ready_for_level_two.user.local_today().isoformat()
    alice_today.post(reverse("journal:day_type", kwargs={"day": today}), {"day_type": "rough"})
    assert 'data-testid="suggestion"' not in alice_today.get(reverse("journal:today")).content.decode()
    response = alice_today.post(
        reverse("journal:accept", kwargs={"pk": ready_for_level_two.pk}), {"kind": "up"}
    )
    assert response.status_code == 302
    assert not LevelChange.objects.exists()


def test_a_partial_session_is_no_evidence_for_moving_up(alice_today, ready_for_level_two):
    item = ready_for_level_two
    last = Tick.objects.filter(entry__user=item.user, exercise=item.exercise).order_by("-entry__date").first()
    day = last.entry.date.isoformat()
    alice_today.post(
        reverse("journal:tick", kwargs={"day": day, "exercise": item.exercise.slug}),
        {"pain_during": "2", "partial": "on"},
    )
    last.refresh_from_db()
    assert last.full_dose is False
    assert 'data-testid="suggestion"' not in alice_today.get(reverse("journal:today")).content.decode()
