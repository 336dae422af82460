"""What is due on a day (journal/schedule.py): pure, no database."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from exercises.library import LIBRARY
from journal import schedule
from journal.schedule import Schedule
from journal.suggestions import DoneTick

MONDAY = date(2026, 11, 23)


def level(kind="daily", *, per_day=None, per_week=None, unit="sessions", pk=1, family=10):
    return SimpleNamespace(
        schedule=kind,
        times_per_day=per_day,
        days_per_week=per_week,
        count_unit=unit,
        pk=pk,
        progression_id=family,
    )


BREAKS = level(Schedule.TIMES_A_DAY, per_day=5, unit="breaks")
WALK = level(Schedule.DAYS_A_WEEK, per_week=4, unit="walks")
BRIDGE = level(Schedule.EVERY_OTHER_DAY)


def days(*offsets, start=MONDAY):
    return {start + timedelta(days=n) for n in offsets}


def test_a_daily_level_is_due_every_day_and_done_once_ticked():
    assert schedule.status(level(), day=MONDAY) == schedule.Status("daily", due=True, done=False)
    ticked = schedule.status(level(), day=MONDAY, done_days=days(0), times=1)
    assert ticked.due and ticked.done and ticked.counted and ticked.text == ""


@pytest.mark.parametrize(("times", "done"), [(0, False), (1, False), (4, False), (5, True), (7, True)])
def test_times_a_day_counts_up_to_its_target(times, done):
    status = schedule.status(BREAKS, day=MONDAY, times=times)
    assert status.due and status.counts_up
    assert status.done is done
    assert status.text == f"{times} of 5 breaks"


def test_days_a_week_is_due_until_the_weeks_target_is_met():
    # Walked Monday, Tuesday and Wednesday: Thursday is due, and a walk then makes 4 of 4.
    thursday = MONDAY + timedelta(days=3)
    due = schedule.status(WALK, day=thursday, done_days=days(0, 1, 2))
    assert due.due and not due.done and due.count == 3
    assert due.text == "3 of 4 walks this week"
    walked = schedule.status(WALK, day=thursday, done_days=days(0, 1, 2, 3), times=1)
    assert walked.counted and walked.count == 4
    # Friday: the target was met before it, so nothing is due; a walk anyway is a bonus.
    friday = schedule.status(WALK, day=thursday + timedelta(days=1), done_days=days(0, 1, 2, 3))
    assert not friday.due and friday.count == 4
    assert "target of 4 is met" in friday.text
    bonus = schedule.status(WALK, day=thursday + timedelta(days=1), done_days=days(0, 1, 2, 3, 4), times=1)
    assert bonus.done and not bonus.counted and bonus.count == 5
    # Never "5 of 4 walks" (issue 26 found "7 of 3 sessions this week"): past the target, the count.
    assert bonus.text.startswith("5 walks this week: the week's target of 4 is met")


def test_a_new_week_starts_on_monday():
    # Four walks last week (Thursday to Sunday) count for nothing this Monday.
    last_week = days(-4, -3, -2, -1)
    assert schedule.status(WALK, day=MONDAY, done_days=last_week).due
    assert schedule.status(WALK, day=MONDAY, done_days=last_week).count == 0
    # Sunday still belongs to the week that started six days before.
    sunday = MONDAY + timedelta(days=6)
    assert not schedule.status(WALK, day=sunday, done_days=days(0, 2, 4, 5)).due
    assert schedule.week_start(sunday) == MONDAY and schedule.week_start(MONDAY) == MONDAY


def test_days_after_the_day_shown_do_not_count_toward_it():
    # A past Tuesday seen after walks on Wednesday to Friday: it was due then.
    tuesday = schedule.status(WALK, day=MONDAY + timedelta(days=1), done_days=days(2, 3, 4, 5))
    assert tuesday.due and tuesday.count == 0


def test_every_other_day_rests_the_day_after_a_session():
    done_monday = days(0)
    assert schedule.status(BRIDGE, day=MONDAY, done_days=done_monday, times=1).counted
    tuesday = schedule.status(BRIDGE, day=MONDAY + timedelta(days=1), done_days=done_monday)
    assert not tuesday.due and tuesday.next_due == MONDAY + timedelta(days=2)
    assert tuesday.text == "Every other day: done yesterday, so today is its day off"
    assert schedule.status(BRIDGE, day=MONDAY + timedelta(days=2), done_days=done_monday).due


def test_every_other_day_anchors_on_the_last_day_it_was_done():
    # Missed on Wednesday: due again on Thursday (the next day is not pushed further away).
    assert schedule.status(BRIDGE, day=MONDAY + timedelta(days=3), done_days=days(0)).due
    # Done on Thursday instead: Friday rests, Saturday is due.
    assert not schedule.status(BRIDGE, day=MONDAY + timedelta(days=4), done_days=days(0, 3)).due
    assert schedule.status(BRIDGE, day=MONDAY + timedelta(days=5), done_days=days(0, 3)).due
    # Never done yet: due.
    assert schedule.status(BRIDGE, day=MONDAY).due


def test_a_family_counts_every_level_of_it():
    """A level change in mid-week keeps the week's walks: the ticks are read by family."""
    first, second = (
        level(Schedule.DAYS_A_WEEK, per_week=4, pk=1),
        level(Schedule.DAYS_A_WEEK, per_week=4, pk=2),
    )
    ticks = [DoneTick(MONDAY + timedelta(days=n), None, exercise_id=1) for n in range(3)]
    ticks.append(DoneTick(MONDAY + timedelta(days=3), None, exercise_id=2))
    friday = MONDAY + timedelta(days=4)
    [status] = schedule.statuses([second], day=friday, ticks=ticks, family_of=lambda pk: 10)
    assert not status.due and status.count == 4
    assert first.pk != second.pk


def test_statuses_read_the_days_count_from_its_tick():
    ticks = [DoneTick(MONDAY, None, exercise_id=BREAKS.pk, times=3)]
    [status] = schedule.statuses([BREAKS], day=MONDAY, ticks=ticks, family_of=lambda pk: 10)
    assert status.count == 3 and not status.done


def test_done_of_due_counts_only_what_is_due():
    statuses = [
        schedule.status(level(), day=MONDAY, times=1),  # due, done
        schedule.status(level(), day=MONDAY),  # due, not done
        schedule.status(BREAKS, day=MONDAY, times=2),  # due, not at its target
        schedule.status(BRIDGE, day=MONDAY + timedelta(days=1), done_days=days(0, 1), times=1),  # not due
    ]
    assert schedule.done_of_due(statuses)[:2] == (1, 3)


def test_a_rest_day_or_an_empty_plan_has_nothing_due():
    assert schedule.done_of_due([]) == (0, 0, frozenset())


# The one definition of a day's "x of y" (docs/clinical-rules.md, "Done of due"): each case that
# once counted differently on Today and on History, its smallest holding case and the smallest
# change that breaks it.
DAILY, OTHER = level(pk=1), level(pk=2)
WALKS = level(Schedule.DAYS_A_WEEK, per_week=2, unit="walks", pk=3, family=30)
BREAKS_4 = level(Schedule.TIMES_A_DAY, per_day=5, unit="breaks", pk=4, family=40)
BRIDGE_5 = level(Schedule.EVERY_OTHER_DAY, pk=5, family=50)


def count(exercises, *, day=MONDAY, done_days=None, times=None, paused=frozenset()):
    done_days, times = done_days or {}, times or {}
    found = [
        schedule.status(ex, day=day, done_days=done_days.get(ex.pk, set()), times=times.get(ex.pk, 0))
        for ex in exercises
    ]
    return schedule.done_of_due(schedule.not_due(found, exercises, paused), exercises)


def test_done_of_due_names_the_exercises_it_counts():
    assert count([DAILY, OTHER], times={1: 1}) == (1, 2, frozenset({1}))
    assert count([DAILY, OTHER], times={1: 1, 2: 1}) == (2, 2, frozenset({1, 2}))


def test_a_tick_on_a_day_it_is_not_due_is_in_neither_number():
    thursday = MONDAY + timedelta(days=3)
    met = {3: days(0, 1, 3)}  # two walks before Thursday: the week's target met, a third one ticked
    assert count([DAILY, WALKS], day=thursday, done_days=met, times={3: 1}) == (0, 1, frozenset())
    # Breaks it: one walk before Thursday, so Thursday's is due and counts.
    assert count([DAILY, WALKS], day=thursday, done_days={3: days(0, 3)}, times={3: 1})[:2] == (1, 2)


def test_a_bridge_the_day_after_one_is_in_neither_number():
    tuesday = MONDAY + timedelta(days=1)
    assert count([BRIDGE_5], day=tuesday, done_days={5: days(0, 1)}, times={5: 1})[:2] == (0, 0)
    assert count([BRIDGE_5], day=tuesday, done_days={5: days(1)}, times={5: 1})[:2] == (1, 1)


def test_a_times_a_day_exercise_counts_once_its_times_are_reached():
    assert count([BREAKS_4], times={4: 4})[:2] == (0, 1)
    assert count([BREAKS_4], times={4: 5})[:2] == (1, 1)


def test_a_paused_exercise_is_in_neither_number():
    assert count([DAILY, OTHER], times={1: 1, 2: 1}, paused={2})[:2] == (1, 1)
    assert count([DAILY, OTHER], times={1: 1, 2: 1}, paused=frozenset())[:2] == (2, 2)


def test_every_level_of_the_library_has_a_schedule_the_rules_read():
    kinds = set()
    for family in LIBRARY:
        for lvl in family["levels"]:
            kind, *target = lvl.get("schedule", ("daily",))
            assert kind in Schedule.values
            assert bool(target) == (kind in (Schedule.TIMES_A_DAY, Schedule.DAYS_A_WEEK))
            kinds.add(kind)
    assert kinds == set(Schedule.values)
