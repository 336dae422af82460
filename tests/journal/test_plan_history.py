"""Plan history: the periods a plan item was active at each level (journal/plan_periods.py, the
services that keep them, and the migration that built them from the earlier data)."""

import importlib
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from exercises.models import Exercise, Progression
from journal import plan_periods, services
from journal.models import LevelChange, PlanItem, PlanPeriod
from journal.plan_periods import Period

D = date(2026, 11, 10)


def test_a_day_shows_the_period_that_held_it():
    periods = [(1, 11, D, D + timedelta(days=5)), (1, 12, D + timedelta(days=5), None), (2, 21, D, None)]
    assert plan_periods.periods_on(periods, D + timedelta(days=4)) == [
        Period(1, 11, D, D + timedelta(days=5)),
        Period(2, 21, D, None),
    ]
    # The day of a level change shows the new level.
    assert {p.exercise_id for p in plan_periods.periods_on(periods, D + timedelta(days=5))} == {12, 21}


def test_a_removed_item_is_not_in_the_plan_after_its_end():
    periods = [(1, 11, D, D + timedelta(days=3)), (2, 21, D, None), (1, 11, D + timedelta(days=8), None)]
    assert [p.plan_item_id for p in plan_periods.periods_on(periods, D + timedelta(days=5))] == [2]
    assert len(plan_periods.periods_on(periods, D + timedelta(days=8))) == 2


def test_a_day_before_the_plan_began_shows_the_plan_as_it_began():
    periods = [(1, 11, D, D + timedelta(days=5)), (2, 21, D + timedelta(days=2), None)]
    assert plan_periods.periods_on(periods, D - timedelta(days=30)) == [
        Period(1, 11, D, D + timedelta(days=5))
    ]
    assert plan_periods.periods_on([], D) == []


@pytest.mark.django_db
class TestServices:
    def periods(self, user, slug):
        return list(
            PlanPeriod.objects.filter(user=user, plan_item__progression__slug=slug)
            .order_by("start", "pk")
            .values_list("exercise__slug", "start", "end")
        )

    def test_the_starter_plan_starts_a_period_per_item(self, screened_alice):
        today = screened_alice.local_today()
        assert PlanPeriod.objects.filter(user=screened_alice, start=today, end=None).count() == 7

    def test_a_level_change_ends_one_level_and_starts_the_next(self, screened_alice):
        today = screened_alice.local_today()
        PlanPeriod.objects.filter(user=screened_alice).update(start=today - timedelta(days=10))
        family = Progression.objects.get(slug="supine-marching")
        services.plan_set_level(
            user=screened_alice,
            progression=family,
            exercise=Exercise.objects.get(slug="heel-taps"),
            today=today,
        )
        assert self.periods(screened_alice, "supine-marching") == [
            ("supine-marching", today - timedelta(days=10), today),
            ("heel-taps", today, None),
        ]
        # A second change the same day: the level held for no day leaves no period.
        services.plan_set_level(
            user=screened_alice,
            progression=family,
            exercise=Exercise.objects.get(slug="dead-bug-legs"),
            today=today,
        )
        assert self.periods(screened_alice, "supine-marching") == [
            ("supine-marching", today - timedelta(days=10), today),
            ("dead-bug-legs", today, None),
        ]

    def test_removing_ends_the_period_and_adding_again_starts_one(self, screened_alice):
        today = screened_alice.local_today()
        PlanPeriod.objects.filter(user=screened_alice).update(start=today - timedelta(days=10))
        family = Progression.objects.get(slug="cat-cow")
        services.plan_remove(user=screened_alice, progression=family, today=today - timedelta(days=4))
        assert self.periods(screened_alice, "cat-cow") == [
            ("cat-cow-gentle", today - timedelta(days=10), today - timedelta(days=4))
        ]
        services.plan_set_level(
            user=screened_alice,
            progression=family,
            exercise=Exercise.objects.get(slug="cat-cow-full-range"),
            today=today,
        )
        assert self.periods(screened_alice, "cat-cow") == [
            ("cat-cow-gentle", today - timedelta(days=10), today - timedelta(days=4)),
            ("cat-cow-full-range", today, None),
        ]


def migration():
    return importlib.import_module("journal.migrations.0005_plan_periods_from_history")


def at(day, hour=12):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def item(**fields):
    values = {
        "user": SimpleNamespace(time_zone="Europe/London"),
        "created_at": at(D),
        "since": D,
        "exercise_id": 1,
        "active": True,
    }
    return SimpleNamespace(**{**values, **fields})


def change(day, from_id, to_id, hour=12):
    return SimpleNamespace(created_at=at(day, hour), from_exercise_id=from_id, to_exercise_id=to_id)


def test_the_migration_rebuilds_levels_from_the_level_changes():
    later = D + timedelta(days=6)
    changes = [change(D + timedelta(days=3), 1, 2), change(later, 2, 3)]
    assert migration().periods_of(item(exercise_id=3, since=later), changes, None) == [
        (1, D, D + timedelta(days=3)),
        (2, D + timedelta(days=3), later),
        (3, later, None),
    ]


def test_the_migration_reads_change_days_in_the_users_time_zone():
    # 23:30 UTC on the 12th is already the 13th in Tokyo.
    tokyo = SimpleNamespace(time_zone="Asia/Tokyo")
    changes = [change(D + timedelta(days=2), 1, 2, hour=23)]
    found = migration().periods_of(item(user=tokyo, exercise_id=2), changes, None)
    assert found[0] == (1, D, D + timedelta(days=3))


def test_the_migration_ends_a_removed_item_after_its_last_tick():
    last = D + timedelta(days=9)
    assert migration().periods_of(item(active=False), [], last) == [(1, D, last + timedelta(days=1))]
    # Never done: it held no day the migration can show.
    assert migration().periods_of(item(active=False), [], None) == []


def test_the_migration_keeps_an_item_begun_before_its_row():
    assert migration().periods_of(item(since=D - timedelta(days=3)), [], None) == [
        (1, D - timedelta(days=3), None)
    ]


@pytest.mark.django_db
def test_the_migration_builds_the_periods_of_todays_data(screened_alice):
    """Run on the rows the app wrote before periods existed: the same periods the services keep."""
    from django.apps import apps

    today = screened_alice.local_today()
    family = Progression.objects.get(slug="supine-marching")
    services.plan_set_level(
        user=screened_alice, progression=family, exercise=Exercise.objects.get(slug="heel-taps"), today=today
    )
    PlanItem.objects.filter(user=screened_alice).update(created_at=at(today - timedelta(days=20)))
    LevelChange.objects.filter(user=screened_alice).update(created_at=at(today - timedelta(days=5)))
    PlanPeriod.objects.all().delete()
    migration().build(apps, None)
    periods = PlanPeriod.objects.filter(user=screened_alice, plan_item__progression=family).order_by("start")
    assert [(p.exercise.slug, p.start, p.end) for p in periods] == [
        ("supine-marching", today - timedelta(days=20), today - timedelta(days=5)),
        ("heel-taps", today - timedelta(days=5), None),
    ]
    assert PlanPeriod.objects.filter(user=screened_alice, end=None).count() == 7
