"""manage.py demo draws a believable recovery (issue 17, part 6), the same for the same seed."""

import io
from datetime import timedelta
from statistics import mean

import pytest
from django.core.management import call_command
from django.urls import reverse

from backcare.models import User
from journal import suggestions
from journal.models import Entry, LevelChange, PlanItem, PlanPeriod, Tick

pytestmark = pytest.mark.django_db

Rule = LevelChange.Rule


def demo(days=180, seed=7, username="demo"):
    call_command(
        "demo", "--username", username, "--days", str(days), "--seed", str(seed), stdout=io.StringIO()
    )
    return User.objects.get(username=username)


def diary(user):
    """Every drawn row as plain values, without ids or timestamps of the run."""
    entries = list(
        Entry.objects.filter(user=user)
        .order_by("date")
        .values_list("date", "pain", "day_type", "planned", "leg_symptoms", "notes")
    )
    ticks = sorted(
        Tick.objects.filter(entry__user=user).values_list(
            "entry__date", "exercise__slug", "pain_during", "effort", "full_dose", "spread", "times"
        ),
        key=repr,
    )
    changes = list(
        LevelChange.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list(
            "created_at", "from_exercise__slug", "to_exercise__slug", "direction", "rule", "values", "reason"
        )
    )
    return entries, ticks, changes


@pytest.fixture
def half_year():
    return demo()


def test_the_same_seed_draws_the_same_diary_and_another_seed_another(half_year):
    first = diary(half_year)
    again = diary(demo(username="again"))
    assert first == again
    assert diary(demo(seed=8, username="other"))[0] != first[0]


def flares(entries):
    """Runs of rough days: (first day, its pain, the usual pain the week before)."""
    runs = []
    for n, e in enumerate(entries):
        if e.day_type == Entry.DayType.ROUGH and (n == 0 or entries[n - 1].day_type != Entry.DayType.ROUGH):
            week = [d.pain for d in entries[max(0, n - 7) : n] if d.pain is not None]
            runs.append((e.date, e.pain, mean(week)))
    return runs


def test_half_a_year_eases_slowly_with_noise_and_two_flares(half_year):
    entries = list(Entry.objects.filter(user=half_year).order_by("date"))
    pains = [e.pain for e in entries if e.pain is not None]
    assert mean(pains[:14]) - mean(pains[-14:]) >= 2.5  # about 6 down to about 2-3
    assert len(set(pains[-30:])) >= 3  # noisy, not a straight line
    # A slow improvement: no two consecutive months jump by more than two points on average.
    months = [mean(pains[n : n + 30]) for n in range(0, len(pains) - 29, 30)]
    assert all(a >= b - 1 for a, b in zip(months, months[1:], strict=False))
    assert all(abs(a - b) <= 2 for a, b in zip(months, months[1:], strict=False))
    runs = flares(entries)
    assert len(runs) == 2
    for start, pain, usual in runs:
        assert pain >= usual + 3  # a flare: well above the usual
        rough = [e for e in entries if start <= e.date < start + timedelta(days=3)]
        assert [e.day_type for e in rough] == [Entry.DayType.ROUGH] * 3
        assert all(e.planned == 3 for e in rough)  # the rough-day set


def test_each_flare_has_a_step_back_with_its_rule_and_the_numbers_it_read(half_year):
    entries = {e.date: e for e in Entry.objects.filter(user=half_year)}
    starts = [start for start, _, _ in flares(sorted(entries.values(), key=lambda e: e.date))]
    backs = list(LevelChange.objects.filter(user=half_year, direction=LevelChange.Direction.DOWN))
    assert {b.created_at.astimezone(half_year.tzinfo).date() for b in backs} == set(starts)
    assert {b.rule for b in backs} == {Rule.NEXT_MORNING, Rule.PAIN_DURING}
    for back in backs:
        assert back.to_exercise.level == back.from_exercise.level - 1
        assert back.reason == suggestions.describe(back.rule, back.values)
        session = Tick.objects.get(
            entry__user=half_year, entry__date=back.values["date"], exercise=back.from_exercise
        )
        if back.rule == Rule.PAIN_DURING:
            assert session.pain_during == back.values["pain_during"] == 6
        else:
            morning = entries[session.entry.date + timedelta(days=1)]
            assert morning.pain == back.values["morning"] >= back.values["usual"] + 2


def test_level_ups_carry_the_ready_rule_and_the_plan_history_matches(half_year):
    ups = list(LevelChange.objects.filter(user=half_year, direction=LevelChange.Direction.UP))
    assert len(ups) >= 5
    for up in ups:
        assert up.rule == Rule.READY and up.to_exercise.level == up.from_exercise.level + 1
        assert up.values["sessions"] >= 3 and up.values["average"] <= up.values["level_start"] + 1
        assert up.reason == suggestions.describe(up.rule, up.values)
    open_periods = dict(
        PlanPeriod.objects.filter(user=half_year, end=None).values_list("plan_item", "exercise")
    )
    assert open_periods == dict(PlanItem.objects.filter(user=half_year).values_list("pk", "exercise"))
    assert PlanPeriod.objects.filter(user=half_year).exclude(end=None).count() == len(
        LevelChange.objects.filter(user=half_year)
    )


def test_rest_missed_and_leg_symptom_days_and_ticks_that_say_how_they_felt(half_year):
    today = half_year.local_today()
    entries = Entry.objects.filter(user=half_year)
    dates = set(entries.values_list("date", flat=True))
    missed = [today - timedelta(days=n) for n in range(180) if today - timedelta(days=n) not in dates]
    assert 6 <= len(missed) <= 30 and today in dates
    assert any(day + timedelta(days=1) in missed for day in missed)  # a few days away in a row
    assert 5 <= entries.filter(day_type=Entry.DayType.REST, planned=0).count() <= 25
    legs = sorted(entries.filter(leg_symptoms=True).values_list("date", flat=True))
    assert legs and not any(
        legs[n + 2] - legs[n] == timedelta(days=2) for n in range(len(legs) - 2)
    )  # never three days running (that raises the safety banner)
    ticks = Tick.objects.filter(entry__user=half_year)
    assert {t.effort for t in ticks} >= {"easy", "right", "hard"}
    assert ticks.filter(pain_during__lte=3).count() > 0.8 * ticks.count()
    assert ticks.filter(exercise__times_per_day__isnull=False, times__gt=1).exists()
    notes = entries.exclude(notes="").count()
    assert 4 <= notes <= 30


@pytest.mark.parametrize("days", [1, 20, 90, 400])
def test_any_length_draws_a_diary_the_pages_can_read(client, days):
    user = demo(days=days)
    assert Entry.objects.filter(user=user).count() <= days
    client.force_login(user)
    for name in ("journal:today", "journal:history", "journal:report"):
        assert client.get(reverse(name)).status_code == 200
    if days >= 90:
        assert len(flares(list(Entry.objects.filter(user=user).order_by("date")))) >= 2
        assert LevelChange.objects.filter(user=user, direction=LevelChange.Direction.DOWN).exists()
