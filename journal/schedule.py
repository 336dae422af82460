"""What is due on a day, from each level's schedule: pure, no request, no queries.

A level's schedule is data (`Exercise.schedule` with `times_per_day` / `days_per_week`;
docs/clinical-rules.md, "What is due on a day"):

- daily: due every day; done once ticked.
- N times a day (sitting breaks): due every day; each tap adds one to the day's count on its one
  tick, and it is done for the day once the count reaches N.
- N days a week (walking): a week runs Monday to Sunday; due on a day while the days it was done
  earlier that week are fewer than N; the days done this week, the day itself included, are its
  count ("2 of 4 walks this week").
- every other day (single-leg bridge): the anchor is the last day it was done: due on any day
  except the day after a day it was done. Missing a day does not move the next one further away.

"Done" for a weekly or every-other-day item reads the days any level of its family was done, so a
level change in mid-week keeps the week's count and the day of rest after a session.

A day's "x of y" counts only what is due that day: an item done although not due (a fifth walk,
a bridge the day after) is kept and shown, but it is not in the day's count.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from django.utils.translation import gettext, ngettext

from exercises.models import Exercise

Schedule = Exercise.Schedule


def week_start(day):
    """The Monday of `day`'s week: the week a days-a-week item counts toward."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Status:
    """One plan item on one day: is it due, is it done for the day's count, and its own count."""

    schedule: str
    due: bool
    done: bool
    count: int = 0  # times today (times a day), days done this week (days a week)
    target: int | None = None
    unit: str = ""
    next_due: date | None = None  # every other day, when not due today

    @property
    def counts_up(self):
        """Each tap adds one (times a day) instead of ticking it done."""
        return self.schedule == Schedule.TIMES_A_DAY

    @property
    def counted(self):
        """Done and due: one of the day's "x of y"."""
        return self.due and self.done

    @property
    def text(self):
        """The row's own progress in words ("3 of 5 breaks", "2 of 4 walks this week"), or ""."""
        # The unit is the level's word for one time, in the plural ("breaks", "walks"), already in
        # the active language (the library's snapshot); the count's own plural form is the target's.
        found = {"count": self.count, "target": self.target, "unit": self.unit}
        if self.schedule == Schedule.TIMES_A_DAY:
            # Translators: "3 of 5 breaks": unit is the plural word for one time of the exercise.
            return (
                ngettext("%(count)s of %(target)s %(unit)s", "%(count)s of %(target)s %(unit)s", self.target)
                % found
            )
        if self.schedule == Schedule.DAYS_A_WEEK:
            if self.due:
                text = ngettext(
                    # Translators: "2 of 4 walks this week": unit is the plural word for one time.
                    "%(count)s of %(target)s %(unit)s this week",
                    "%(count)s of %(target)s %(unit)s this week",
                    self.target,
                )
            else:
                # Never "5 of 4": past the target the count is the week's alone (once "7 of 3 sessions").
                text = ngettext(
                    # Translators: "5 walks this week: the week's target of 4 is met, …": unit is the
                    # plural word for one time.
                    "%(count)s %(unit)s this week: the week's target of %(target)s is met, anything more is a bonus",
                    "%(count)s %(unit)s this week: the week's target of %(target)s is met, anything more is a bonus",
                    self.count,
                )
            return text % found
        if self.schedule == Schedule.EVERY_OTHER_DAY and not self.due:
            return gettext("Every other day: done yesterday, so today is its day off")
        return ""


def status(exercise, *, day, done_days=frozenset(), times=0):
    """How `exercise` (a plan item's level) stands on `day`.

    `done_days`: the days its family was done (any level; days after `day` are ignored); `times`:
    the count on the day's tick of this exercise (0: not ticked). Done for the day is this
    exercise's own tick (a times-a-day one at its target); a weekly count also takes a day another
    level of the family was ticked.
    """
    schedule = exercise.schedule
    ticked = times > 0
    if schedule == Schedule.TIMES_A_DAY:
        target = exercise.times_per_day
        return Status(
            schedule, due=True, done=times >= target, count=times, target=target, unit=exercise.count_unit
        )
    if schedule == Schedule.DAYS_A_WEEK:
        target = exercise.days_per_week
        start = week_start(day)
        before = sum(1 for d in done_days if start <= d < day)
        return Status(
            schedule,
            due=before < target,
            done=ticked,
            count=before + (ticked or day in done_days),
            target=target,
            unit=exercise.count_unit,
        )
    if schedule == Schedule.EVERY_OTHER_DAY:
        due = day - timedelta(days=1) not in done_days
        return Status(schedule, due=due, done=ticked, next_due=None if due else day + timedelta(days=1))
    return Status(schedule, due=True, done=ticked)


def done_days_by_family(ticks, family_of):
    """{family id: the dates any of its levels was done} from `DoneTick`s; `family_of(exercise id)`."""
    by_exercise = defaultdict(set)
    for tick in ticks:
        by_exercise[tick.exercise_id].add(tick.date)
    days = defaultdict(set)
    for exercise_id, dates in by_exercise.items():  # each exercise's family looked up once
        days[family_of(exercise_id)] |= dates
    return days


def statuses(exercises, *, day, ticks, family_of):
    """Each exercise's `Status` on `day`, from the ticks read up to it (two weeks cover every rule)."""
    by_family = done_days_by_family(ticks, family_of)
    times = {tick.exercise_id: tick.times for tick in ticks if tick.date == day}
    return [
        status(
            exercise,
            day=day,
            done_days=by_family.get(exercise.progression_id, frozenset()),
            times=times.get(exercise.pk, 0),
        )
        for exercise in exercises
    ]


class DoneOfDue(NamedTuple):
    """A day's "x of y": `done` of the `due` exercises; `counted`, the pks of the exercises done."""

    done: int
    due: int
    counted: frozenset = frozenset()


def done_of_due(day_statuses, exercises=None):
    """The day's done-of-due, the one definition of "x of y" (docs/clinical-rules.md, "Done of due"):
    `due` counts the exercises due that day, `done` those of them that are complete (`Status.counted`:
    a times-a-day one once its times are reached). An exercise done although not due (a fifth walk,
    a bridge the day after) and one paused after severe pain (`not_due`) are in neither; a rest day
    plans nothing, so it is (0, 0). `day_statuses`: the day's plan's (`statuses`, then `not_due`);
    `exercises`, the plan in step with them, names the ones done in `counted`.

    Today shows it as it is now; the services store it (`Entry.planned`, and each tick's `counted`,
    which the database sums into `Entry.done`) from the statuses they compute for their write, and
    History, the report and the calendar read the stored numbers.
    """
    done = [i for i, s in enumerate(day_statuses) if s.counted]
    counted = frozenset(exercises[i].pk for i in done) if exercises is not None else frozenset()
    return DoneOfDue(len(done), sum(1 for s in day_statuses if s.due), counted)


def not_due(day_statuses, exercises, paused):
    """The statuses with those of `paused` exercise pks made not due: an exercise paused after
    severe pain is in no count until it is taken up again."""
    return [
        replace(s, due=False) if exercise.pk in paused else s
        for s, exercise in zip(day_statuses, exercises, strict=True)
    ]
