"""Reads that need care (bounded windows, few queries). Every query starts from the user."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from backcare.sql import column, column_converters, converted, table
from exercises import catalog, positions
from exercises.models import Exercise, Progression
from journal import history_numbers, plan_periods, safety
from journal import pain as pain_words
from journal.history_numbers import Day
from journal.models import (
    ClientOperation,
    Dismissal,
    Entry,
    LevelChange,
    PlanItem,
    PlanPeriod,
    PsfsActivity,
    PsfsRating,
    PsfsRound,
    SafetyAlert,
    SafetyScreen,
    ShareLink,
    ShareView,
    StartAnswers,
    Tick,
)
from journal.safety import SPREAD_SHOWN_DAYS
from journal.suggestions import SESSION_WINDOW_DAYS, DoneTick

# A rough day swaps the plan for these: belly breathing, lying face down, marching level 1.
ROUGH_DAY_SET = ["belly-breathing-feet-up", "lying-face-down", "supine-marching"]
# While a "see a doctor soon" answer waits for a clinician's OK the plan holds only the gentle set:
# breathing, walking and the rough-day set (docs/clinical-rules.md).
GENTLE_SET = ["belly-breathing-feet-up", "daily-walk", "lying-face-down", "supine-marching"]
# Days of log read for suggestions, baseline and warning signs.
WINDOW_DAYS = 42


@dataclass(slots=True)
class PlannedItem:
    """An active plan item as Today reads it (active_plan): its ids, dates and dose step, then its
    library rows."""

    pk: int
    progression_id: int
    exercise_id: int
    since: date
    dose_step: int = 0
    dose_since: date | None = None
    paused_on: date | None = None  # paused after severe pain (PlanItem.paused_on); today's plan only
    pause_values: dict | None = None
    resumed_through: date | None = None  # after "I have talked to a clinician" (PlanItem.resumed_through)
    exercise: Exercise | None = None
    progression: Progression | None = None
    top_level: int = 0

    @property
    def evidence_since(self):
        """The day the current dose step began (PlanItem.evidence_since)."""
        return self.dose_since or self.since


class LatestScreen(NamedTuple):
    """What every journal page needs of the user's latest safety screen (safety.screen_status)."""

    pk: int
    outcome: str
    taken_on: date
    cleared_on: date | None
    psfs_last_on: date | None  # the user's latest PSFS round, filled in or skipped (journal/psfs.py)
    # The "time to see a clinician" note is put away until this day (exclusive), or None.
    see_clinician_until: date | None
    # The four-weekly re-screen reminder is put away until this day (exclusive), or None.
    rescreen_until: date | None
    answers: dict


def latest_screen(*, user):
    """The user's latest safety screen as a `LatestScreen`, or None: on every journal page.

    The date of the user's latest PSFS round rides along as a subquery (Today asks for a round when
    one is due), and so do the days the "time to see a clinician" note and the re-screen reminder
    come back after being put away (a `Dismissal` each, one row at most), so no page pays a query
    for any of them.

    Hand-written like `_days` (`_latest_screen_sql`). Measured on the bench's 5-year user (SQLite,
    in process, CPU per call): through the ORM (`values_list` with the three `Subquery`
    annotations) 1.28-1.36 ms, nearly all of it building and compiling the query (its execution
    0.03 ms): a fifth of a tick (6.3 ms), read afresh by every write (the plan gate) and by a page
    whenever the screen version moved; this SQL about 0.05 ms. The rows are the ORM's
    (tests/journal/test_screen_read.py compares them).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _latest_screen_sql(),
            [Dismissal.Kind.SEE_CLINICIAN.value, Dismissal.Kind.RESCREEN.value, user.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, outcome, taken_on, cleared_on, psfs_last_on, see_clinician_until, rescreen_until, answers = row
    if isinstance(answers, str):
        answers = json.loads(answers)
    return LatestScreen(
        pk,
        outcome,
        _as_date(taken_on),
        _as_date(cleared_on),
        _as_date(psfs_last_on),
        _as_date(see_clinician_until),
        _as_date(rescreen_until),
        answers or {},
    )


@cache
def _latest_screen_sql():
    """The SQL of `latest_screen`, from the models' own table and column names: the newest screen
    by the (user, -created_at) index, the latest PSFS round's date and the two put-away days
    (`Dismissal`s without a plan item, of the two kinds given as parameters) as subqueries."""
    screen, psfs_round, dismissal = (table(model) for model in (SafetyScreen, PsfsRound, Dismissal))
    s_user, r_user, d_user = (column(model, "user") for model in (SafetyScreen, PsfsRound, Dismissal))
    until = column(Dismissal, "until")
    put_away = (
        f"(SELECT d.{until} FROM {dismissal} d WHERE d.{column(Dismissal, 'kind')} = %s"
        f" AND d.{column(Dismissal, 'plan_item')} IS NULL AND d.{d_user} = s.{s_user}"
        f" ORDER BY d.{until} DESC LIMIT 1)"
    )
    taken_on = column(PsfsRound, "taken_on")
    columns = [
        *(f"s.{column(SafetyScreen, name)}" for name in ("id", "outcome", "taken_on", "cleared_on")),
        f"(SELECT r.{taken_on} FROM {psfs_round} r WHERE r.{r_user} = s.{s_user}"
        f" ORDER BY r.{taken_on} DESC LIMIT 1)",
        put_away,
        put_away,
        f"s.{column(SafetyScreen, 'answers')}",
    ]
    return (
        f"SELECT {', '.join(columns)} FROM {screen} s WHERE s.{s_user} = %s"
        f" ORDER BY s.{column(SafetyScreen, 'created_at')} DESC LIMIT 1"
    )


def _with_library(items):
    """Plan items with their exercise and progression from the library snapshot, in plan order."""
    exercise = library_exercises()
    for item in items:
        item.exercise = exercise(item.exercise_id)
        item.progression = item.exercise.progression
    return sorted(items, key=lambda item: plan_order(item.progression))


def plan_order(progression):
    """The sort key of a family in the plan: its order in the library, then its name."""
    return (progression.order, progression.name)


# The columns of an active plan item as Today reads it (`PlannedItem`'s first fields, in order).
PLAN_ITEM_FIELDS = (
    "pk",
    "progression_id",
    "exercise_id",
    "since",
    "dose_step",
    "dose_since",
    "paused_on",
    "pause_values",
    "resumed_through",
)


def active_plan(*, user):
    """The user's active plan items in plan order, each with its exercise and `top_level`.

    One query; the exercises come from the library snapshot.
    """
    rows = PlanItem.objects.filter(user=user, active=True).order_by().values_list(*PLAN_ITEM_FIELDS)
    return _active_items(rows)


def _active_items(rows):
    """`active_plan` from its rows (PLAN_ITEM_FIELDS), however they were read."""
    items = _with_library([PlannedItem(*row) for row in rows])
    library = catalog.catalog()
    for item in items:
        item.top_level = library.top_level(item.progression_id)
    return items


def plan_on(*, user, day):
    """The plan items in the plan on `day` at that day's levels, as `PlannedItem`s in plan order
    (`since`: the day that level began). One query, of the user's plan periods
    (journal/plan_periods.py); the exercises come from the library snapshot.
    """
    rows = (
        PlanPeriod.objects.filter(user=user)
        .order_by()
        .values_list("plan_item_id", "exercise_id", "start", "end")
    )
    items = [
        PlannedItem(period.plan_item_id, family_of(period.exercise_id), period.exercise_id, period.start)
        for period in plan_periods.periods_on(rows, day)
    ]
    items = _with_library(items)
    library = catalog.catalog()
    for item in items:
        item.top_level = library.top_level(item.progression_id)
    return items


def family_of(exercise_id):
    """The progression (family) id of a library exercise."""
    return catalog.exercise(exercise_id).progression_id


def library_exercises():
    """`catalog.exercise` with the library snapshot read once, for the many lookups of one request
    (each `catalog.exercise` reads the snapshot again, in the active language: some 3 µs). An
    exercise newer than that snapshot is found as `catalog.exercise` finds it."""
    exercises = catalog.catalog().exercises

    def exercise(pk):
        found = exercises.get(pk)
        return found if found is not None else catalog.exercise(pk)

    return exercise


def families():
    """`family_of` with the library snapshot read once (`library_exercises`)."""
    exercise = library_exercises()
    return lambda exercise_id: exercise(exercise_id).progression_id


def snoozed(*, user, today):
    """(plan item pk, kind) of each suggestion the user said "not now" to that is still snoozed; the
    day's gentle-set suggestion has no plan item (None). Unordered (a set: the model's ordering
    would sort them in SQL for nothing).

    Hand-written like `_days` (`_snoozed_sql`), the SQL built once a process: through the ORM
    (`values_list`) 0.21 ms CPU a call in process, nearly all of it building and compiling the
    SELECT, on every Today load with something due; this SQL 0.016 ms. The rows are the ORM's
    (tests/journal/test_compiled_reads.py compares them)."""
    with connection.cursor() as cursor:
        cursor.execute(_snoozed_sql(), [user.pk, connection.ops.adapt_datefield_value(today)])
        return set(cursor.fetchall())


@cache
def _snoozed_sql():
    """The SQL of `snoozed`, from the model's own table and column names."""
    columns = ", ".join(column(Dismissal, name) for name in ("plan_item", "kind"))
    return (
        f"SELECT {columns} FROM {table(Dismissal)}"
        f" WHERE {column(Dismissal, 'user')} = %s AND {column(Dismissal, 'until')} > %s"
    )


def gentle_exercises(slugs=ROUGH_DAY_SET):
    by_slug = catalog.catalog().by_slug
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def start_answers(*, user):
    """The user's answers of the start (journal.models.StartAnswers), or None (an account made before
    the start existed). One query.

    Hand-written like `snoozed` (`_start_answers_sql`), read on every settings load: through the ORM
    (`.first()`) 0.28 ms CPU a call in process, nearly all of it building and compiling the SELECT;
    this SQL and the fields' own converters (`column_converters`: the dates, the JSON answers) a
    tenth of it. The row is the ORM's (tests/journal/test_compiled_reads.py compares them)."""
    with connection.cursor() as cursor:
        cursor.execute(_start_answers_sql(), [user.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    names, converters = _start_answers_columns()
    return StartAnswers.from_db(connection.alias, names, converted(row, converters))


@cache
def _start_answers_columns():
    names = tuple(field.attname for field in StartAnswers._meta.concrete_fields)
    return names, column_converters(StartAnswers, names)


@cache
def _start_answers_sql():
    """The SQL of `start_answers`, from the model's own table and column names (one row a user: the
    user column is unique)."""
    names, _ = _start_answers_columns()
    columns = ", ".join(column(StartAnswers, name) for name in names)
    return f"SELECT {columns} FROM {table(StartAnswers)} WHERE {column(StartAnswers, 'user')} = %s"


def start_open(*, user):
    """Is the user's start begun and not yet finished? One query."""
    return StartAnswers.objects.filter(user=user, finished_on__isnull=True).exists()


def screen_status(*, user):
    """The latest safety screen's meaning for the plan, read for a write (pages use request.safety)."""
    return safety.screen_status(latest_screen(user=user), user.local_today())


def allowed(exercise, status):
    """May the safety answers have this exercise planned? Read from the level's tags
    (exercises/positions.py): never face-down work for someone pregnant; no level that bends the
    low back backwards above the one allowed after a narrowing of the spinal canal."""
    return positions.allowed(exercise, status)


def highest_allowed_levels(plan, status):
    """{progression id: the highest level a level-up may reach} for the plan items whose family
    has a level above them that the safety answers rule out (`positions.highest_allowed`); families
    with nothing ruled out above them are left out (suggestions.Context.max_level). From the
    library snapshot, no query."""
    if status is None or not (status.no_prone or status.no_extension_above is not None):
        return {}
    library = catalog.catalog()
    families = {family.pk: family for family in library.progressions}
    found = {}
    for item in plan:
        family = families.get(item.progression_id)
        if family is None:
            continue
        highest = positions.highest_allowed(family.levels.all(), item.exercise.level, status)
        if highest < library.top_level(item.progression_id):
            found[item.progression_id] = highest
    return found


def day_plan(*, user, day_type, status, day=None, active=None):
    """(plan items, exercises planned) for `day` (None: today), a day of this type.

    A rest day plans nothing; a rough day, or a plan waiting for a clinician's OK after a "see a
    doctor soon" answer, the gentle set; a held plan nothing. Exercises the safety answers rule
    out are left out of every set. Today's plan is the active plan; another day's is the plan as
    it was that day, at that day's levels (`plan_on`). `active`: today's active plan when the caller
    has read it already (`days_with_ticks(..., with_plan=True)`), so it is not read again.
    """
    if day_type == Entry.DayType.REST or status.blocks_plan:
        return [], []
    if status.gentle_only:
        return [], [ex for ex in gentle_exercises(GENTLE_SET) if allowed(ex, status)]
    if day_type == Entry.DayType.ROUGH:
        return [], [ex for ex in gentle_exercises() if allowed(ex, status)]
    past = day is not None and day != user.local_today()
    if past:
        plan = plan_on(user=user, day=day)
    elif active is None:
        plan = active_plan(user=user)
    else:
        plan = active
    items = [item for item in plan if allowed(item.exercise, status)]
    return items, [item.exercise for item in items]


def dose_steps(plan):
    """{exercise pk: dose step} of a day's plan items (`day_plan`'s first part). An exercise planned
    without a plan item (the rough-day and gentle sets) is not in it: it is done at step 0, the low
    end of every range."""
    return {item.exercise_id: item.dose_step for item in plan}


def paused_exercises(plan):
    """The exercise pks of a day's plan items paused after severe pain (`day_plan`'s first part):
    not due, no Done, no level-up (journal/suggestions.py: severe_pain)."""
    return frozenset(item.exercise_id for item in plan if item.paused_on is not None)


def planned_exercises(*, user, day_type, status=None, day=None):
    """What is planned on `day` (None: today), a day of this type (see day_plan); `status` is read
    when not given."""
    if day_type == Entry.DayType.REST:
        return []
    return day_plan(user=user, day_type=day_type, status=status or screen_status(user=user), day=day)[1]


@cache
def _days_sql(*, newest_first, notes):
    """The SQL of `_days`, from the models' own table and column names."""
    entry, tick = (table(model) for model in (Entry, Tick))
    fields = ["date", "pain", "day_type", "planned", "done", "leg_symptoms"]
    date_column = column(Entry, "date")
    # Without the notes, an empty one in their place: `Day`'s fields are positional.
    notes_column = f"e.{column(Entry, 'notes')}" if notes else "''"
    return (
        f"SELECT {', '.join(f'e.{column(Entry, name)}' for name in fields)}, {notes_column},"
        # The day's number of ticks (the streak's: done or not due), counted per day: it reads the
        # (entry, exercise) index, where a JOIN + GROUP BY over five years of days costs more.
        f" (SELECT COUNT(*) FROM {tick} t WHERE t.{column(Tick, 'entry')} = e.{column(Entry, 'id')})"
        f" FROM {entry} e WHERE e.{column(Entry, 'user')} = %s"
        f" AND e.{date_column} >= %s AND e.{date_column} <= %s"
        f" ORDER BY e.{date_column}{' DESC' if newest_first else ''}"
    )


def _days(user, *, first, last=date.max, newest_first=False, notes=True):
    """The user's days from `first` to `last` as `history_numbers.Day` rows, with each day's number of
    ticks: one query, the one hand-written read left.

    Measured with scripts/profile_pages.py's 5-year user (SQLite, in process): through the ORM
    (`values_list` with the count as a correlated `Subquery`) this read took 1.4-1.5 ms more than
    this SQL, most of it building the query: 28% of Today (5.4 ms), 33% of History 90 (4.3 ms),
    21% of History "all" (19.9 ms), past the fifth of a page the ORM may cost. The rows are the
    ORM's (tests/journal/test_selectors.py compares them).
    """
    with connection.cursor() as cursor:
        cursor.execute(_days_sql(newest_first=newest_first, notes=notes), [user.pk, first, last])
        return [Day(*row) for row in cursor.fetchall()]


def recent_entries(*, user, day):
    """The window of days up to `day` (and the day after it), newest first, as `history_numbers.Day` rows."""
    return _days(user, first=window_start(day), last=day + timedelta(days=1), newest_first=True)


def first_checkins(*, user):
    """The user's first 7 check-ins (days with a pain score), as `history_numbers.Day` rows in date order:
    every check-in of the diary's first week, whatever came after (the "time to see a clinician"
    note compares that week with the last, journal/safety.py)."""
    rows = (
        Entry.objects.filter(user=user, pain__isnull=False)
        .order_by("date")
        .values_list("date", "pain", "day_type")[: pain_words.WINDOW_DAYS]
    )
    return [Day(*row) for row in rows]


def window_start(day):
    """The first day of the window of days read up to `day` (recent_entries)."""
    return day - timedelta(days=WINDOW_DAYS - 1)


def ticks_from(day):
    """The first day whose ticks any rule reads back from `day`: the sessions' two weeks and the
    spreading banner's week."""
    return day - timedelta(days=max(SESSION_WINDOW_DAYS, SPREAD_SHOWN_DAYS) - 1)


def recent_ticks(*, user, day):
    """The ticks of the last two weeks up to `day` (the furthest any rule reads sessions back, and
    the spreading banner's week), as `suggestions.DoneTick` rows in no particular order. The streak
    comes from the days' tick counts, so the six-week window needs no ticks.

    Unordered: sorting them in SQL costs more than the callers' own sort by date.
    """
    first = ticks_from(day)
    rows = (
        Tick.objects.filter(entry__user=user, entry__date__gte=first, entry__date__lte=day)
        .order_by()
        .values_list("entry__date", *DoneTick._fields[1:])
    )
    return [DoneTick(*row) for row in rows]


class DayWithTicks(NamedTuple):
    """What a tick or an undo reads of the user's diary (`days_with_ticks`)."""

    days: list  # the window of days up to the day (and the day after it), newest first: recent_entries
    entry_pk: int | None  # the day's own Entry, None while it has none
    ticks: list  # the ticks of the two weeks up to the day: recent_ticks
    plan: list | None = None  # with_plan: the active plan (active_plan), else None


@cache
def _days_with_ticks_sql(*, with_plan=False):
    """The SQL of `days_with_ticks`, from the models' own table and column names: `_days`'s days
    (newest first), each joined to its ticks only inside the two weeks the rules read; `with_plan`:
    then the active plan items (`active_plan`'s columns), in the same statement (UNION ALL, each
    side's columns NULL on the other side's rows, a first column telling them apart)."""
    entry, tick = (table(model) for model in (Entry, Tick))
    day_fields = ["pain", "day_type", "planned", "done"]
    tick_fields = DoneTick._fields[1:]
    date_column, entry_id = column(Entry, "date"), column(Entry, "id")
    tick_entry = column(Tick, "entry")
    plan_columns = [column(PlanItem, "id" if name == "pk" else name) for name in PLAN_ITEM_FIELDS]
    day_columns = [
        f"e.{entry_id}",
        f"e.{date_column}",
        *(f"e.{column(Entry, name)}" for name in day_fields),
        f"(SELECT COUNT(*) FROM {tick} c WHERE c.{tick_entry} = e.{entry_id})",
        f"e.{column(Entry, 'leg_symptoms')}",
        f"e.{column(Entry, 'notes')}",
        *(f"t.{column(Tick, name)}" for name in tick_fields),
    ]
    days = (
        f"SELECT {'0, ' if with_plan else ''}{', '.join(day_columns)}"
        f"{''.join(', NULL' for _ in plan_columns) if with_plan else ''}"
        f" FROM {entry} e LEFT JOIN {tick} t ON t.{tick_entry} = e.{entry_id} AND e.{date_column} >= %s"
        f" AND e.{date_column} <= %s"
        f" WHERE e.{column(Entry, 'user')} = %s AND e.{date_column} >= %s AND e.{date_column} <= %s"
    )
    if not with_plan:
        return f"{days} ORDER BY e.{date_column} DESC"
    plan = (
        f"SELECT 1{''.join(', NULL' for _ in day_columns)}, {', '.join(f'p.{name}' for name in plan_columns)}"
        f" FROM {table(PlanItem)} p"
        f" WHERE p.{column(PlanItem, 'user')} = %s AND p.{column(PlanItem, 'active')} = %s"
    )
    # No ORDER BY: sorting the compound's rows took SQLite a temporary B-tree (a tenth of the read);
    # days_with_ticks tells the two sides apart by the first column and puts the days in order.
    return f"{days} UNION ALL {plan}"


def _plan_row(row):
    """A plan item's columns as `active_plan` reads them (PLAN_ITEM_FIELDS): in a UNION, SQLite
    hands dates back as text and JSON is text on both databases."""
    pk, progression_id, exercise_id, since, dose_step, dose_since, paused_on, values, resumed = row
    as_date = _as_date
    if isinstance(values, str):
        values = json.loads(values)
    return (
        pk,
        progression_id,
        exercise_id,
        as_date(since),
        dose_step,
        as_date(dose_since),
        as_date(paused_on),
        values,
        as_date(resumed),
    )


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def days_with_ticks(*, user, day, with_plan=False, since=None):
    """`recent_entries` and `recent_ticks` of `day`, and the day's Entry pk, in one query: the window
    of days (each with its number of ticks, as `_days` counts them) joined to their ticks inside the
    two weeks up to `day` (one row per tick, one for a day without any). The read of a tick and an
    undo (journal/services.py: DayRead), made in their transaction. `with_plan`: the active plan
    (`active_plan`) in the same query (`plan`), for a write of today. `since`: the first day read
    (by default the window's, `window_start`); the session page reads only the two weeks of ticks
    its rules need (`ticks_from(day)`): the same ticks, a third of the days.

    Hand-written like `_days`. Measured on the bench's 5-year user (SQLite, in process, CPU per
    call): through the ORM (the window's days joined to all their ticks, counted here) 2.7-2.8 ms,
    a fifth of the whole tick; the two reads it replaces (`recent_entries`, `recent_ticks`)
    1.0-1.2 ms; this SQL 0.5 ms. With the plan, the rows come unsorted (no ORDER BY over the UNION: SQLite sorted its ~100 rows in a temporary B-tree)
    and the days are put newest first here (then 0.41 ms, and 0.31 ms for the session's).
    tests/journal/test_tick_writes.py compares its rows with theirs (and its plan with `active_plan`).
    """
    first_tick = ticks_from(day)
    params = [first_tick, day, user.pk, since or window_start(day), day + timedelta(days=1)]
    with connection.cursor() as cursor:
        cursor.execute(
            _days_with_ticks_sql(with_plan=with_plan),
            [*params, user.pk, True] if with_plan else params,
        )
        rows = cursor.fetchall()
    ticks, entry_pk, plan_rows = [], None, []
    if with_plan:  # the plan's rows (first column 1) split off, each row cut once
        width = len(PLAN_ITEM_FIELDS)
        plan_rows = [_plan_row(row[-width:]) for row in rows if row[0] == 1]
        rows = [row[1:-width] for row in rows if row[0] == 0]
    # A day's columns repeat on each of its ticks' rows: its Day is built on its first row only
    # (by its date: in whatever order the rows come, the days are sorted below).
    found = {}
    for pk, date_, pain, type_, planned, done, ticked, leg, notes, *tick in rows:
        current = found.get(date_)
        if current is None:
            current = found[date_] = Day(_as_date(date_), pain, type_, planned, done, leg, notes, ticked)
            if current.date == day:
                entry_pk = pk
        during, effort, full_dose, spread, exercise_id, times = tick
        if exercise_id is not None:  # a tick inside the two weeks
            ticks.append(
                DoneTick(
                    current.date,
                    during,
                    effort,
                    bool(full_dose),
                    None if spread is None else bool(spread),
                    exercise_id,
                    times,
                )
            )
    days = list(found.values())
    if with_plan:  # newest first (without the plan the statement orders them, through its index)
        days.sort(key=_day_date, reverse=True)
    return DayWithTicks(days, entry_pk, ticks, _active_items(plan_rows) if with_plan else None)


_day_date = itemgetter(0)  # a Day's date


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


def streak(*, user, today, active_days=None, read_from=None):
    """The current streak in days (`history_numbers.current_streak`).

    `active_days` are the active dates a page has already read from `read_from` (None: every day);
    a streak that reaches back to `read_from` may run on before it, so only then (or when nothing
    was read) the query of `streak_days` reads back to its start.
    """
    if active_days is not None:
        known = history_numbers.streak_if_known(active_days, today, read_from)
        if known is not None:
            return known
    return history_numbers.current_streak(streak_days(user=user, today=today), today)


def plan_overview(*, user):
    """Every progression with the user's level in it (None: never in the plan) and whether it is in
    the plan now (settings page): 1 query, of three columns (no model instances to build).

    Hand-written like `snoozed` (`_plan_overview_sql`): through the ORM (`values_list`) the read
    cost 0.23 ms CPU a settings load in process, nearly all of it building and compiling the
    SELECT. The rows are the ORM's (tests/journal/test_settings_reads.py compares them).
    """
    with connection.cursor() as cursor:
        cursor.execute(_plan_overview_sql(), [user.pk])
        # bool(): the ORM's type whatever the driver gives for the column.
        chosen = {
            progression: (exercise, bool(active)) for progression, exercise, active in cursor.fetchall()
        }
    overview = []
    exercise = library_exercises()  # the snapshot read once, not once a family
    for family in catalog.catalog().progressions:
        exercise_id, active = chosen.get(family.pk, (None, False))
        overview.append((family, exercise(exercise_id) if exercise_id else None, active))
    return overview


@cache
def _plan_overview_sql():
    """The SQL of `plan_overview`, from the model's own table and column names."""
    columns = ", ".join(column(PlanItem, name) for name in ("progression", "exercise", "active"))
    return f"SELECT {columns} FROM {table(PlanItem)} WHERE {column(PlanItem, 'user')} = %s"


def logged_days(*, user, since, details=False):
    """The user's days from `since` (None: all) in date order as `history_numbers.Day`s, with each day's
    number of ticks: one query.

    Returns (days, notes); with `details` (the report) the days carry their notes and notes is
    {date: note}, otherwise notes is empty.
    """
    days = _days(user, first=since or date.min, notes=details)
    if not details:
        return days, {}
    return days, {d.date: d.notes for d in days if d.notes}


# The day's columns the insights read: its stored done-of-due (journal/schedule.py), as History's.
INSIGHT_DAY_FIELDS = ("date", "pain", "day_type", "planned", "done")


@cache
def _insight_days_sql(vendor, leg_symptoms=False):
    """The SQL of `insight_rows` (and, with `leg_symptoms` after `done`, of `history_days`), from the
    models' own table and column names: each day with its ticks, the day's ticked exercises as one
    text of ids in id order."""
    entry, tick = (table(model) for model in (Entry, Tick))
    exercise = f"t.{column(Tick, 'exercise')}"
    date_column = f"e.{column(Entry, 'date')}"
    fields = (*INSIGHT_DAY_FIELDS, "leg_symptoms") if leg_symptoms else INSIGHT_DAY_FIELDS
    columns = ", ".join(f"e.{column(Entry, name)}" for name in fields)
    where = f"WHERE e.{column(Entry, 'user')} = %s AND {date_column} >= %s AND {date_column} <= %s"
    if vendor == "postgresql":
        # Joined and grouped by the primary key, on which the day's other columns depend.
        ticked = f"STRING_AGG(CAST({exercise} AS TEXT), ',' ORDER BY {exercise})"
        return (
            f"SELECT {columns}, {ticked} FROM {entry} e LEFT JOIN {tick} t"
            f" ON t.{column(Tick, 'entry')} = e.{column(Entry, 'id')}"
            f" {where} GROUP BY e.{column(Entry, 'id')} ORDER BY {date_column}"
        )
    # SQLite reads the days in date order through the (user, date) index and each day's ticks by a
    # subquery through the (entry, exercise) index, in id order: no grouping, no temporary B-tree
    # (a join grouped by the date: 0.53 -> 0.41 ms for 180 days against a join grouped by the
    # primary key; this subquery: 0.44 -> 0.40 ms against that join, the 5-year user in process).
    return (
        f"SELECT {columns}, (SELECT GROUP_CONCAT({exercise}) FROM {tick} t"
        f" WHERE t.{column(Tick, 'entry')} = e.{column(Entry, 'id')})"
        f" FROM {entry} e {where} ORDER BY {date_column}"
    )


def insight_rows(*, user, first, last):
    """(date, pain, day type, planned, done, the ticked exercises' ids as "3,5,9" or None) of each
    of the user's days from `first` to `last`, in date order: History's insights
    (journal/insights.py), one query grouping each day's ticks; `done` is the day's stored
    done-of-due, as History's.

    Hand-written, as `_days`: measured with scripts/profile_pages.py's 5-year user (SQLite, in
    process), the ORM's one row a tick (some 1,000 in 180 days, each with its date converted) took
    1.8 ms, this read 0.41-0.56 ms (0.7 ms with its digest, against 1.7 ms for the rows a tick): a
    sixth of History 90's first load after a tick, which reads it to learn that its days are the
    same. The rows are the ORM's (tests/journal/test_selectors.py compares them)."""
    with connection.cursor() as cursor:
        cursor.execute(_insight_days_sql(connection.vendor), [user.pk, first, last])
        return cursor.fetchall()


def history_days(*, user, since, first, last):
    """History's days and its insights' rows in one read (journal/views/history_page.py, for a
    range whose days all fall in the insights' window): (the days from `since` as `logged_days`
    gives them, without notes; the rows from `first` to `last` as `insight_rows` gives them).

    One query instead of two on a first load after a write: the insights' read (each day with its
    ticked exercises' ids) from `first`, with each day's leg symptoms, the day's number of ticks
    counted from its ids. `first` is at most `since`: the days before `since` serve the insights only."""
    with connection.cursor() as cursor:
        cursor.execute(_insight_days_sql(connection.vendor, leg_symptoms=True), [user.pk, first, date.max])
        found = cursor.fetchall()
    days, rows = [], []
    for date_, pain, day_type, planned, done, leg_symptoms, ticked in found:
        if date_ >= since:
            count = ticked.count(",") + 1 if ticked else 0
            days.append(Day(date_, pain, day_type, planned, done, leg_symptoms, "", count))
        if first <= date_ <= last:
            rows.append((date_, pain, day_type, planned, done, ticked))
    return days, rows


# --- single reads of the pages that write, and of the report ------------------------------------


def entry(*, user, day):
    """The user's Entry for `day`, or None."""
    return Entry.objects.filter(user=user, date=day).first()


def day_type(*, user, day):
    """The kind of day the user marked `day` as (normal while it has no entry)."""
    found = Entry.objects.filter(user=user, date=day).only("day_type").first()
    return found.day_type if found else Entry.DayType.NORMAL


def exercise_at(*, progression, level):
    """The exercise at `level` of a progression (an instance or its id), or None."""
    return Exercise.objects.filter(progression=progression, level=level).first()


def plan_item(*, user, progression):
    """The user's plan item for a progression, with its exercise, or None."""
    return PlanItem.objects.filter(user=user, progression=progression).select_related("exercise").first()


def safety_screen(*, user, pk):
    """One of the user's safety screens, whole (the safety pages show its answers)."""
    return SafetyScreen.objects.get(user=user, pk=pk)


def acknowledged_alerts(*, user):
    """(kind, first day) of each warning banner the user has read."""
    return set(
        SafetyAlert.objects.filter(user=user).order_by().values_list("kind", "first_day")
    )  # a set: unordered


def report_records(*, user, since, limit, screens=True):
    """The report's plan, level changes since `since` (the newest `limit`, and one more to tell
    whether there are more) and safety screens: 3 queries, 2 without the screens."""
    # The exercises and their families come from the library snapshot, not from joins: an
    # exercise row is some 35 columns, three times over for a change, and building those queries
    # and rows was a fifth of the report. The plan keeps its own order (the family's order).
    plan = list(PlanItem.objects.filter(user=user, active=True))
    # From the first moment of `since` in the current time zone, as `created_at__date__gte` reads
    # it, but on the column itself: the date lookup runs a function on every one of the user's
    # changes on SQLite (0.23 of the 0.96 ms this query took for the 5-year demo user).
    first_moment = datetime.combine(since, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    changes = list(
        LevelChange.objects.filter(user=user, created_at__gte=first_moment)
        .select_related("plan_item")
        .order_by("-created_at")[: limit + 1]
    )
    families = {progression.pk: progression for progression in catalog.catalog().progressions}
    for item in plan + [change.plan_item for change in changes]:
        item.exercise = catalog.exercise(item.exercise_id)
        item.progression = families.get(item.progression_id) or item.exercise.progression
    for change in changes:
        change.from_exercise = catalog.exercise(change.from_exercise_id)
        change.to_exercise = catalog.exercise(change.to_exercise_id)
    return {
        "plan": plan,
        "changes": changes,
        "screens": list(SafetyScreen.objects.filter(user=user).order_by("-created_at")) if screens else [],
    }


def psfs_activities(*, user):
    """The user's active PSFS activities, each with `last_rating` (its rating in the latest round
    that rated it, or None): one query."""
    last = (
        PsfsRating.objects.filter(activity=OuterRef("pk")).order_by("-round__taken_on").values("rating")[:1]
    )
    return list(
        PsfsActivity.objects.filter(user=user, retired_on__isnull=True)
        .annotate(last_rating=Subquery(last))
        .order_by("added_on", "pk")
    )


def psfs_rows(*, user):
    """(taken_on, activity id, name, rating) of every PSFS rating of the user, oldest first: one
    query, whatever the length of the diary (a round every two weeks: about 650 rows in 5 years)."""
    return list(
        PsfsRating.objects.filter(round__user=user)
        .order_by("round__taken_on", "activity__added_on", "activity_id")
        .values_list("round__taken_on", "activity_id", "activity__name", "rating")
    )


def share_links(*, user):
    """The user's share links, newest first, each with `views` (newest first): 2 queries."""
    links = list(ShareLink.objects.filter(user=user).order_by("-created_at"))
    views = {}
    for view in ShareView.objects.filter(link__user=user).order_by("-viewed_at").only("link_id", "viewed_at"):
        views.setdefault(view.link_id, []).append(view)
    for link in links:
        link.view_list = views.get(link.pk, [])
    return links


def share_link_by_fingerprint(*, token_hash):
    """The link with this fingerprint and its owner, or None: 1 query."""
    return ShareLink.objects.select_related("user").filter(token_hash=token_hash).first()


# --- the user's data, whole (export) ---------------------------------------------------------------


def export_ticks(*, user):
    """Every tick of the user with its exercise, oldest first (the CSV export)."""
    return Tick.objects.filter(entry__user=user).select_related("exercise").order_by("created_at")


def export_entries(*, user):
    """Every day of the user, oldest first (the CSV export)."""
    return Entry.objects.filter(user=user).order_by("date")


def start_export(*, user):
    """The start's answers for the JSON export (`start`: None for an account without them). One query."""
    return {
        "start": StartAnswers.objects.filter(user=user)
        .values(
            "episode", "leg", "activities", "equipment", "minutes", "sitting", "started_on", "finished_on"
        )
        .first()
    }


def export_records(*, user):
    """Every journal record of the user as plain values, by kind (the JSON export, backcare/export.py,
    adds the lessons read and the reminders): one query each."""
    return {
        "plan": list(
            PlanItem.objects.filter(user=user).values(
                "progression__slug",
                "exercise__slug",
                "exercise__level",
                "active",
                "since",
                "dose_step",
                "dose_since",
                "paused_on",
                "pause_values",
                "resumed_through",
            )
        ),
        "entries": list(
            Entry.objects.filter(user=user).values(
                "date", "pain", "notes", "day_type", "planned", "leg_symptoms"
            )
        ),
        "ticks": list(
            Tick.objects.filter(entry__user=user).values(
                "entry__date",
                "exercise__slug",
                "exercise__level",
                "pain_during",
                "effort",
                "full_dose",
                "spread",
                "times",
                "created_at",
            )
        ),
        "level_changes": list(
            LevelChange.objects.filter(user=user).values(
                "plan_item__progression__slug",
                "from_exercise__slug",
                "to_exercise__slug",
                "direction",
                "rule",
                "values",
                "reason",
                "created_at",
            )
        ),
        # Writes the Today page sent with an operation id, kept a week (journal/client_ops.py).
        "client_operations": list(
            ClientOperation.objects.filter(user=user).values("op_id", "kind", "day", "created_at")
        ),
        "dismissals": list(
            Dismissal.objects.filter(user=user).values("plan_item__progression__slug", "kind", "until")
        ),
        **start_export(user=user),
        "safety_screens": list(
            SafetyScreen.objects.filter(user=user).values(
                "taken_on", "answers", "outcome", "cleared_on", "cleared_note"
            )
        ),
        "safety_alerts": list(
            SafetyAlert.objects.filter(user=user).values("kind", "first_day", "acknowledged_at")
        ),
        "psfs_activities": list(
            PsfsActivity.objects.filter(user=user)
            .order_by("added_on", "pk")
            .values("id", "name", "added_on", "retired_on")
        ),
        "psfs_rounds": list(
            PsfsRound.objects.filter(user=user).order_by("taken_on").values("id", "taken_on", "skipped")
        ),
        "psfs_ratings": list(
            PsfsRating.objects.filter(round__user=user)
            .order_by("round__taken_on", "activity_id")
            .values("round_id", "round__taken_on", "activity_id", "rating")
        ),
        "share_links": _export_share_links(user),
    }


def _export_share_links(user):
    """The user's share links without their token fingerprints, each with its views: 2 queries."""
    links = list(
        ShareLink.objects.filter(user=user)
        .order_by("created_at")
        .values("id", "display_name", "show_notes", "show_safety", "created_at", "expires_at", "revoked_at")
    )
    views = {}
    for link_id, viewed_at in (
        ShareView.objects.filter(link__user=user).order_by("viewed_at").values_list("link_id", "viewed_at")
    ):
        views.setdefault(link_id, []).append(viewed_at)
    return [
        {**{k: v for k, v in link.items() if k != "id"}, "views": views.get(link["id"], [])} for link in links
    ]


def days_outside(*, user, first, today):
    """The user's days before the diary's first day or after today (saved under older rules)."""
    return list(
        Entry.objects.filter(user=user)
        .filter(Q(date__lt=first) | Q(date__gt=today))
        .order_by("date")
        .only("date", "pain", "notes")
    )
