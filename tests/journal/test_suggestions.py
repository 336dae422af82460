from datetime import timedelta

import pytest
from django.urls import reverse

from exercises.models import Exercise
from journal.models import Dismissal, Entry, LevelChange, Tick
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


def test_not_now_on_a_level_up_hides_it_for_three_days(alice_today, ready_for_level_two):
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


# --- the page and Accept share one rule set ---------------------------------------------------


def _card_kind(client, item):
    """The kind of suggestion card Today shows on this plan item's row, or None. A step back is
    listed in Today's one "take it easier" box, not on the row."""
    body = client.get(reverse("journal:today")).content.decode()
    marker = f'data-exercise="{item.exercise.slug}"'
    if marker not in body:
        return None  # not planned today (a rest day)
    if f'data-step-back="{item.exercise.slug}"' in body:
        return "down"
    row = body.split(marker, 1)[1].split('data-testid="plan-item"', 1)[0].split("data-not-saved", 1)[0]
    if 'data-testid="suggestion"' not in row:
        return None
    return row.split('data-testid="suggestion" data-kind="', 1)[1].split('"', 1)[0]


def _tick(item, days_ago, **fields):
    entry = Entry.objects.get(user=item.user, date=item.user.local_today() - timedelta(days=days_ago))
    Tick.objects.update_or_create(entry=entry, exercise=item.exercise, defaults=fields)


def _set_pain(user, days_ago, pain, **fields):
    Entry.objects.update_or_create(
        user=user, date=user.local_today() - timedelta(days=days_ago), defaults={"pain": pain, **fields}
    )


SCENARIOS = {
    "ready": lambda item: None,
    "rest day": lambda item: _set_pain(item.user, 0, 4, day_type="rest"),
    "rough day": lambda item: _set_pain(item.user, 0, 4, day_type="rough"),
    "latest felt about right": lambda item: _tick(item, 2, pain_during=2, effort="right"),
    "a hard session": lambda item: _tick(item, 4, pain_during=2, effort="hard"),
    "one day of tingling": lambda item: _set_pain(item.user, 3, 4, leg_symptoms=True),
    "a flare four days ago": lambda item: _set_pain(item.user, 4, 8),
    "the drifting baseline": lambda item: [_set_pain(item.user, n, 7) for n in range(1, 8)],
    "pain during 7 yesterday": lambda item: _tick(item, 1, pain_during=7, effort="hard"),
    "spreading yesterday": lambda item: _tick(item, 1, pain_during=2, effort="easy", spread=True),
}


# Level 3 of marching (3 × 8–10 each side) has two dose steps: at its first, "more" is a dose step.
LEVELS = {1: "supine-marching", 2: "heel-taps", "3, dose step 0": "dead-bug-legs"}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("level", LEVELS)
def test_accept_does_exactly_what_the_page_shows(alice_today, ready_for_level_two, scenario, level):
    item = ready_for_level_two
    if level != 1:
        item.exercise = Exercise.objects.get(slug=LEVELS[level])
        item.save()
        Tick.objects.filter(entry__user=item.user).update(exercise=item.exercise)
    SCENARIOS[scenario](item)
    shown = _card_kind(alice_today, item)
    for kind in ("up", "dose", "down"):
        alice_today.post(reverse("journal:accept", kwargs={"pk": item.pk}), {"kind": kind})
        moved = LevelChange.objects.filter(plan_item=item).exists()
        assert moved == (kind == shown), (scenario, kind, shown)
        if moved:
            change = LevelChange.objects.get(plan_item=item)
            assert change.direction == kind and change.rule
            return
    assert shown in (None, "gentle")


def test_the_scenarios_show_what_the_rules_say(alice_today, ready_for_level_two):
    """Guards the test above against passing because nothing ever shows."""
    assert _card_kind(alice_today, ready_for_level_two) == "up"
    _tick(ready_for_level_two, 1, pain_during=7, effort="hard")
    ready_for_level_two.exercise = Exercise.objects.get(slug="heel-taps")
    ready_for_level_two.save()
    Tick.objects.filter(entry__user=ready_for_level_two.user).update(exercise=ready_for_level_two.exercise)
    assert _card_kind(alice_today, ready_for_level_two) == "down"


def test_the_dose_step_scenario_shows_a_dose_step(alice_today, ready_for_level_two):
    """Guards the ranged level of the test above the same way."""
    item = ready_for_level_two
    item.exercise = Exercise.objects.get(slug=LEVELS["3, dose step 0"])
    item.save()
    Tick.objects.filter(entry__user=item.user).update(exercise=item.exercise)
    assert _card_kind(alice_today, item) == "dose"


def test_a_second_accept_of_the_same_suggestion_changes_nothing(alice_today, ready_for_level_two):
    url = reverse("journal:accept", kwargs={"pk": ready_for_level_two.pk})
    alice_today.post(url, {"kind": "up"})
    response = alice_today.post(url, {"kind": "up"}, follow=True)
    assert "no longer applies" in response.content.decode()
    ready_for_level_two.refresh_from_db()
    assert ready_for_level_two.exercise.level == 2
    assert LevelChange.objects.count() == 1


def test_accept_on_a_rest_day_says_why_and_saves_nothing(alice_today, ready_for_level_two):
    _set_pain(ready_for_level_two.user, 0, 4, day_type="rest")
    response = alice_today.post(
        reverse("journal:accept", kwargs={"pk": ready_for_level_two.pk}), {"kind": "up"}, follow=True
    )
    assert "wait for a normal day, and today is marked as a rest day" in response.content.decode()
    assert not LevelChange.objects.exists()


def test_a_level_change_keeps_its_rule_and_values(alice_today, ready_for_level_two):
    alice_today.post(reverse("journal:accept", kwargs={"pk": ready_for_level_two.pk}), {"kind": "up"})
    change = LevelChange.objects.get()
    assert change.rule == LevelChange.Rule.READY
    assert change.values["sessions"] == 3 and change.values["usual"] == 4
    assert change.reason.startswith("3 sessions at full dose since")


def test_not_now_on_a_step_back_pauses_level_ups_for_seven_days(alice_today, ready_for_level_two):
    item = ready_for_level_two
    item.exercise = Exercise.objects.get(slug="heel-taps")
    item.save()
    Tick.objects.filter(entry__user=item.user).update(exercise=item.exercise)
    _tick(item, 1, pain_during=6, effort="right")
    assert _card_kind(alice_today, item) == "down"
    response = alice_today.post(
        reverse("journal:dismiss", kwargs={"pk": item.pk}), {"kind": "down"}, follow=True
    )
    assert "be moved up for 7 days" in response.content.decode()
    assert Dismissal.objects.get().until == item.user.local_today() + timedelta(days=7)
    _tick(item, 1, pain_during=1, effort="easy")  # the would-be level-up
    assert _card_kind(alice_today, item) is None
    assert (
        alice_today.post(reverse("journal:accept", kwargs={"pk": item.pk}), {"kind": "up"}).status_code == 302
    )
    assert not LevelChange.objects.exists()


def test_ticking_today_keeps_yesterdays_bad_morning_and_its_step_back(alice_today, ready_for_level_two):
    # Version 3: the morning after any session of the week counts, not only the latest session's.
    item = ready_for_level_two
    user = item.user
    item.exercise = Exercise.objects.get(slug="heel-taps")
    item.save()
    Tick.objects.filter(entry__user=user).update(exercise=item.exercise, pain_during=3, effort="right")
    for n in range(1, 15):
        _set_pain(user, n, 2)
    _tick(item, 1, pain_during=3, effort="right")
    _set_pain(user, 0, 4)  # this morning: 2 above the usual 2
    assert _card_kind(alice_today, item) == "down"
    day = user.local_today().isoformat()
    alice_today.post(
        reverse("journal:tick", kwargs={"day": day, "exercise": "heel-taps"}),
        {"pain_during": "3", "effort": "right"},
    )
    assert Tick.objects.filter(entry__date=user.local_today(), exercise=item.exercise).exists()
    assert _card_kind(alice_today, item) == "down"
    yesterday = user.local_today() - timedelta(days=1)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert (
        f"The morning after your session on {yesterday:%-d %b} your pain was 4, 2 above your usual 2" in body
    )


# --- the gentle day ---------------------------------------------------------------------------


def test_a_flare_at_level_one_offers_the_gentle_set_and_accept_makes_it_a_rough_day(
    alice_today, screened_alice
):
    for n in range(1, 8):
        _set_pain(screened_alice, n, 3)
    _set_pain(screened_alice, 0, 7)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert 'data-kind="gentle"' in body
    # The flare's banner says why, once, in the same box as the gentle-set choice.
    box = body.split('data-testid="warning" data-kind="flare"', 1)[1].split('data-testid="more-warnings"')[0]
    assert "Today&#x27;s pain (7) is 4 points above your usual 3" in box
    assert 'data-kind="gentle"' in box
    alice_today.post(reverse("journal:gentle_accept"))
    assert Entry.objects.get(user=screened_alice, date=screened_alice.local_today()).day_type == "rough"
    assert 'data-kind="gentle"' not in alice_today.get(reverse("journal:today")).content.decode()


def test_keep_my_plan_hides_the_gentle_card_for_today(alice_today, screened_alice):
    _set_pain(screened_alice, 0, 8)
    alice_today.post(reverse("journal:gentle_dismiss"))
    assert 'data-kind="gentle"' not in alice_today.get(reverse("journal:today")).content.decode()
    assert Entry.objects.get(user=screened_alice, date=screened_alice.local_today()).day_type == "normal"


def test_the_gentle_answers_refuse_when_nothing_is_offered(alice_today, screened_alice):
    _set_pain(screened_alice, 0, 2)
    for name in ("journal:gentle_accept", "journal:gentle_dismiss"):
        response = alice_today.post(reverse(name), follow=True)
        assert "no longer applies" in response.content.decode()
    assert Entry.objects.get(user=screened_alice).day_type == "normal"
    assert not Dismissal.objects.exists()


# --- how it felt ------------------------------------------------------------------------------


def test_how_it_felt_always_asks_about_spreading_and_yes_points_to_the_screen(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    url = reverse("journal:tick", kwargs={"day": day, "exercise": "supine-marching"})
    alice_today.post(url)
    body = alice_today.get(reverse("journal:today")).content.decode()
    assert body.count("Did symptoms spread down your leg during it?") == 1
    response = alice_today.post(url, {"spread": "yes"}, follow=True)
    assert "go through the safety questions again" in response.content.decode()
    assert Tick.objects.get().spread is True
    assert "spread down the leg · change" in response.content.decode()


def test_a_tampered_spread_answer_saves_nothing(alice_today, screened_alice):
    day = screened_alice.local_today().isoformat()
    url = reverse("journal:tick", kwargs={"day": day, "exercise": "supine-marching"})
    alice_today.post(url, {"spread": "maybe"})
    assert not Tick.objects.exists()


def test_the_export_carries_the_rule_and_the_spreading_answer(alice_today, ready_for_level_two):
    _tick(ready_for_level_two, 2, pain_during=2, effort="easy", spread=False)
    alice_today.post(reverse("journal:accept", kwargs={"pk": ready_for_level_two.pk}), {"kind": "up"})
    data = alice_today.get(reverse("journal:export_json")).json()
    assert data["level_changes"][0]["rule"] == "ready"
    assert data["level_changes"][0]["values"]["sessions"] == 3
    assert [t["spread"] for t in data["ticks"]].count(False) == 1
    csv_body = b"".join(alice_today.get(reverse("journal:export_csv")).streaming_content).decode()
    assert csv_body.splitlines()[0].endswith(",spread,times")
