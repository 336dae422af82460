"""Reads that need care (bounded windows, few queries). Every query starts from the user."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from exercises import catalog
from exercises.models import Exercise, Progression
from journal import history, safety, streaks
from journal.models import Dismissal, Entry, PlanItem, Tick

# A rough day swaps the plan for these: belly breathing, lying face down, marching level 1.
ROUGH_DAY_SET = ["belly-breathing-feet-up", "lying-face-down", "supine-marching"]
# While a "see a doctor soon" answer waits for a clinician's OK the plan holds only the gentle set:
# breathing, walking and the rough-day set (docs/clinical-rules.md).
GENTLE_SET = ["belly-breathing-feet-up", "daily-walk", "lying-face-down", "supine-marching"]
# Every level of this family is done lying face down: never planned for someone pregnant.
PRONE_FAMILY = "back-extension"
# Days of log read for suggestions, baseline and warning signs.
WINDOW_DAYS = 42


class RecentDay(NamedTuple):
    """A day of the recent log (recent_entries)."""

    date: date
    pain: int | None
    notes: str
    day_type: str
    leg_symptoms: bool | None


class DoneTick(NamedTuple):
    """An exercise done on a recent day (recent_ticks)."""

    date: date
    exercise_id: int
    pain_during: int | None
    effort: str
    full_dose: bool
    spread: bool | None = None


@dataclass(slots=True)
class PlannedItem:
    """An active plan item as Today reads it (active_plan): its ids and dates, then its library rows."""

    pk: int
    progression_id: int
    exercise_id: int
    since: date
    exercise: Exercise | None = None
    progression: Progression | None = None
    top_level: int = 0


def _select(sql, params, row=None):
    """The rows of a hand-written read: tuples, or `row(*values)` for each (a named tuple, a dataclass).

    The reads behind every visit to Today and History (the plan, the recent days and ticks, the
    latest safety screen, five years of days) go through here: through the ORM, building those
    queries and their rows took longer than running them (Today's: 0.9 of 1.3 ms for the bench's
    5-year user on SQLite). The SQL is plain and portable, over the tables the models define, with
    the user's id as a parameter. Writes, and reads that run less often, use the ORM.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return rows if row is None else [row(*values) for values in rows]


class LatestScreen(NamedTuple):
    """What every journal page needs of the user's latest safety screen (safety.screen_status)."""

    pk: int
    outcome: str
    taken_on: date
    cleared_on: date | None
    answers: dict


def latest_screen(*, user):
    """The user's latest safety screen as a `LatestScreen`, or None: on every journal page, so plain SQL.

    The answers come back as JSON text (SQLite, and PostgreSQL as Django configures it) and are
    decoded here, as the model field would.
    """
    rows = _select(
        "SELECT id, outcome, taken_on, cleared_on, answers FROM journal_safetyscreen"
        # The (user, -created_at) index.
        " WHERE user_id = %s ORDER BY created_at DESC LIMIT 1",
        [user.pk],
    )
    if not rows:
        return None
    pk, outcome, taken_on, cleared_on, answers = rows[0]
    if isinstance(answers, str | bytes):
        answers = json.loads(answers)
    return LatestScreen(pk, outcome, taken_on, cleared_on, answers or {})


def _with_library(items):
    """Plan items with their exercise and progression from the library snapshot, in plan order."""
    for item in items:
        item.exercise = catalog.exercise(item.exercise_id)
        item.progression = item.exercise.progression
    return sorted(items, key=lambda item: (item.progression.order, item.progression.name))


def active_plan(*, user):
    """The user's active plan items in plan order, each with its exercise and `top_level`.

    One query; the exercises come from the library snapshot.
    """
    items = _with_library(
        _select(
            "SELECT id, progression_id, exercise_id, since FROM journal_planitem"
            " WHERE user_id = %s AND active = %s",
            [user.pk, True],
            PlannedItem,
        )
    )
    library = catalog.catalog()
    for item in items:
        item.top_level = library.top_level(item.progression_id)
    return items


def snoozed(*, user, today):
    """(plan item pk, kind) of each suggestion the user said "not now" to that is still snoozed; the
    day's gentle-set suggestion has no plan item (None)."""
    return set(Dismissal.objects.filter(user=user, until__gt=today).values_list("plan_item_id", "kind"))


def gentle_exercises(slugs=ROUGH_DAY_SET):
    by_slug = catalog.catalog().by_slug
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def screen_status(*, user):
    """The latest safety screen's meaning for the plan, read for a write (pages use request.safety)."""
    return safety.screen_status(latest_screen(user=user), user.local_today())


def allowed(exercise, status):
    """May the safety answers have this exercise planned? Never face-down work for someone pregnant;
    no extension level above the one allowed after a narrowing of the spinal canal."""
    if exercise.progression.slug != PRONE_FAMILY or status is None:
        return True
    if status.no_prone:
        return False
    return status.no_extension_above is None or exercise.level <= status.no_extension_above


def day_plan(*, user, day_type, status):
    """(plan items that may get suggestions, exercises planned) for a day of this type.

    A rest day plans nothing; a rough day, or a plan waiting for a clinician's OK after a "see a
    doctor soon" answer, the gentle set; a held plan nothing. Exercises the safety answers rule
    out are left out of every set.
    """
    if day_type == Entry.DayType.REST or status.blocks_plan:
        return [], []
    if status.gentle_only:
        return [], [ex for ex in gentle_exercises(GENTLE_SET) if allowed(ex, status)]
    if day_type == Entry.DayType.ROUGH:
        return [], [ex for ex in gentle_exercises() if allowed(ex, status)]
    items = [item for item in active_plan(user=user) if allowed(item.exercise, status)]
    return items, [item.exercise for item in items]


def planned_exercises(*, user, day_type, status=None):
    """What is planned on a day of this type (see day_plan); `status` is read when not given."""
    if day_type == Entry.DayType.REST:
        return []
    return day_plan(user=user, day_type=day_type, status=status or screen_status(user=user))[1]


def recent_entries(*, user, day):
    """The window of days up to `day` (and the day after it), newest first, as `RecentDay` rows."""
    return _select(
        "SELECT date, pain, notes, day_type, leg_symptoms FROM journal_entry"
        " WHERE user_id = %s AND date > %s AND date <= %s ORDER BY date DESC",
        [user.pk, day - timedelta(days=WINDOW_DAYS), day + timedelta(days=1)],
        RecentDay,
    )


def recent_ticks(*, user, day):
    """The ticks of the same window up to `day`, as `DoneTick` rows in no particular order.

    Unordered: sorting them in SQL costs more than the callers' own sort by date (progression.evidence).
    """
    return _select(
        "SELECT e.date, t.exercise_id, t.pain_during, t.effort, t.full_dose, t.spread"
        " FROM journal_tick t JOIN journal_entry e ON e.id = t.entry_id"
        " WHERE e.user_id = %s AND e.date > %s AND e.date <= %s",
        [user.pk, day - timedelta(days=WINDOW_DAYS), day],
        DoneTick,
    )


def _active_dates(*, user, until):
    """Dates that count for the streak, newest first: a tick, or marked rest or rough."""
    ticked = Tick.objects.filter(entry=OuterRef("pk"))
    return (
        Entry.objects.filter(user=user, date__lte=until)
        .filter(Q(day_type__in=[Entry.DayType.REST, Entry.DayType.ROUGH]) | Exists(ticked))
        .order_by("-date")
        .values_list("date", flat=True)
    )


def streak_days(*, user, today):
    """The active dates of the current streak only, newest first, read until the first gap.

    One query walking the (user, date) index backwards; it stops reading at the first missing day,
    so a long history costs no more than a short one.
    """
    days = set()
    expected = None
    for day in _active_dates(user=user, until=today).iterator(chunk_size=64):
        if expected is None:
            if day < today - timedelta(days=1):
                break
            expected = day
        if day != expected:
            break
        days.add(day)
        expected = day - timedelta(days=1)
    return days


def current_streak(*, user, today, entries, ticks):
    """The current streak in days, from today's window of entries and ticks when it fits inside it.

    `entries` and `ticks` are `recent_entries` / `recent_ticks` for today. Only a streak that
    reaches back to the window's first day needs the query of `streak_days`.
    """
    active = {t.date for t in ticks}
    active.update(e.date for e in entries if e.day_type in (Entry.DayType.REST, Entry.DayType.ROUGH))
    streak = streaks.current_streak(active, today)
    first_day = today - timedelta(days=WINDOW_DAYS - 1)
    start = (today if today in active else today - timedelta(days=1)) - timedelta(days=streak - 1)
    if streak and start <= first_day:
        return streaks.current_streak(streak_days(user=user, today=today), today)
    return streak


def plan_overview(*, user):
    """Every progression with its levels and the user's plan item for it (settings page): 1 query."""
    items = {
        item.progression_id: item
        for item in _with_library(list(PlanItem.objects.filter(user=user).order_by()))
    }
    return [(family, items.get(family.pk)) for family in catalog.catalog().progressions]


# The one read behind a History page and the report: a correlated count reads the (entry, exercise)
# index; a JOIN + GROUP BY over five years costs more.
LOGGED_DAYS_SQL = """
    SELECT e.date, e.pain, e.day_type, e.planned,
        (SELECT COUNT(*) FROM journal_tick t WHERE t.entry_id = e.id){details}
    FROM journal_entry e WHERE e.user_id = %s AND e.date >= %s ORDER BY e.date
"""


def logged_days(*, user, since, details=False):
    """The user's days from `since` (None: all) in date order as `history.Day`s, with each day's
    number of ticks: one query. Five years of rows are read per page, so plain SQL, as on Today.

    Returns (days, notes); with `details` (the report) the days carry their leg symptoms and the
    notes are {date: note}, otherwise notes is empty.
    """
    sql = LOGGED_DAYS_SQL.format(details=", e.leg_symptoms, e.notes" if details else "")
    rows = _select(sql, [user.pk, since or date.min])
    if not details:
        return [history.Day(*row) for row in rows], {}
    days, notes = [], {}
    for *values, note in rows:
        days.append(history.Day(*values))
        if note:
            notes[values[0]] = note
    return days, notes


def days_outside(*, user, first, today):
    """The user's days before the diary's first day or after today (saved under older rules)."""
    return list(
        Entry.objects.filter(user=user)
        .filter(Q(date__lt=first) | Q(date__gt=today))
        .order_by("date")
        .only("date", "pain", "notes")
    )
