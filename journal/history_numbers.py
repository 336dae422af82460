"""History: pain series, rolling average, adherence, streaks and change. Pure functions.

Inputs are plain rows already fetched: `Day(date, pain, day_type, planned, done, leg_symptoms,
notes, ticked)`, the one day row of the pure modules, the selectors and the views. A missing day or an
empty pain is a gap (None), never 0.

A day is active (it counts for a streak) when it has at least one tick or is marked as a rest or
rough day. The current streak runs up to yesterday; today adds to it once it counts.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice, takewhile
from operator import attrgetter
from typing import NamedTuple

from journal.models import Entry
from journal.pain import meaningful_improvement

ROLLING_DAYS = 7
ROLLING_MIN_DAYS = 3
WEEKLY_AFTER_DAYS = 365

DayType = Entry.DayType
# Days that count for a streak without a tick: the user marked them as resting or taking it gently.
MARKED_DAYS = (DayType.REST, DayType.ROUGH)
_date = attrgetter("date")


class Day(NamedTuple):
    """One logged day (a named tuple: five years of them are built per History page): `planned` and
    `done`, its done-of-due as stored (journal/schedule.py: done_of_due; "3 of 5" on Today, History,
    the report and the calendar), and `ticked`, its number of ticks, due or not (the streak's). `notes`
    is read only where it is shown (Today, the report)."""

    date: date
    pain: int | None = None
    day_type: str = DayType.NORMAL
    planned: int = 0
    done: int = 0
    leg_symptoms: bool | None = None
    notes: str = ""
    ticked: int = 0

    @property
    def active(self):
        # Anything done counts for the streak, due or not (a done-of-due is a tick too).
        return self.ticked > 0 or self.done > 0 or self.day_type in MARKED_DAYS


def active_days(days):
    """The dates of the active days among `days`."""
    return {d.date for d in days if d.active}


def current_streak(active_days, today):
    """Active days in a row up to today (or up to yesterday while today does not count yet)."""
    days = set(active_days)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(active_days):
    # Day numbers rather than dates: five years of days are counted on every "all" History page.
    best = run = 0
    previous = None
    for day in sorted({d.toordinal() for d in active_days}):
        run = run + 1 if day - 1 == previous else 1
        if run > best:
            best = run
        previous = day
    return best


def date_range(start, end):
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def pain_series(days, start, end):
    """[(date, pain or None)] for every date from start to end."""
    by_date = {d.date: d.pain for d in days}
    return [(day, by_date.get(day)) for day in date_range(start, end)]


def rolling_average(series, window=ROLLING_DAYS, minimum=ROLLING_MIN_DAYS):
    """The mean of the scores present in the `window` days ending on each date (None with < minimum).

    `series` is a gap-filled [(date, pain or None)] in date order; one pass with a running sum.
    """
    result = []
    total = count = 0
    values = [pain for _, pain in series]
    for i, (day, pain) in enumerate(series):
        if pain is not None:
            total += pain
            count += 1
        if i >= window and values[i - window] is not None:
            total -= values[i - window]
            count -= 1
        result.append((day, round(total / count, 2) if count >= minimum else None))
    return result


def days_from(days, start):
    """The days on or after `start`, from days in date order (found by bisection, not a walk)."""
    return days[bisect_left(days, start, key=_date) :]


def streak_if_known(active_days, today, first_read):
    """The current streak from the active days read since `first_read` (None: every day).

    None when the streak reaches back to `first_read`: it may run on before it, so the caller
    reads further (selectors.streak_days).
    """
    streak = current_streak(active_days, today)
    if first_read is None or not streak:
        return streak
    last = today if today in active_days else today - timedelta(days=1)
    return streak if last - timedelta(days=streak - 1) > first_read else None


def average(values):
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 2) if present else None


@dataclass(frozen=True)
class Adherence:
    done: int
    planned: int
    rest_days: int
    rough_days: int

    @property
    def percent(self):
        return round(100 * min(self.done, self.planned) / self.planned) if self.planned else None


def adherence(days):
    """Done against planned: each day's stored done-of-due (journal/schedule.py: done_of_due), capped
    at its own stored plan (a day filled before the count was stored: journal/0019); rest days plan
    nothing."""
    done = planned = rest = rough = 0
    for d in days:
        if d.day_type == DayType.REST:
            rest += 1
            continue
        if d.day_type == DayType.ROUGH:
            rough += 1
        planned += d.planned
        done += min(d.done, d.planned)
    return Adherence(done=done, planned=planned, rest_days=rest, rough_days=rough)


def day_status(d):
    """done / partly / missed / rest / rough / none — for the calendar, from the day's stored
    done-of-due (History's "x of y"): all of it done, some, none. A day with nothing due is done once
    anything was ticked on it."""
    if d is None:
        return "none"
    if d.day_type in MARKED_DAYS:
        return str(d.day_type)
    if not d.planned:
        return "done" if d.ticked or d.done else "missed"
    if d.done >= d.planned:
        return "done"
    if d.done:
        return "partly"
    return "missed"


@dataclass(frozen=True)
class Change:
    first: float
    last: float

    @property
    def delta(self):
        return round(self.last - self.first, 2)

    @property
    def meaningful(self):
        """Fallen by a meaningful change (journal/pain.py; docs/clinical-rules.md)."""
        return meaningful_improvement(self.first, self.last)


def change(days, end):
    """The first 7 days' average against the last 7 days' (ending `end`); None without two weeks.

    `days` are the period's days in date order. The first 7 days start at the first check-in, so a
    new user's empty weeks do not hide a change; missing days and empty scores are left out.
    """
    first = next((i for i, d in enumerate(days) if d.pain is not None), None)
    if first is None or (end - days[first].date).days + 1 < 2 * ROLLING_DAYS:
        return None
    first_end = days[first].date + timedelta(days=ROLLING_DAYS - 1)
    last_start = end - timedelta(days=ROLLING_DAYS - 1)
    # At most seven days each, found without walking the whole period (five years on "all").
    first_week = takewhile(lambda d: d.date <= first_end, islice(days, first, None))
    last_week = days_from(days, last_start)
    first = average([d.pain for d in first_week])
    last = average([d.pain for d in last_week if d.date <= end])
    if first is None or last is None:
        return None
    return Change(first=first, last=last)


def by_week(start, end):
    """A period longer than a year is drawn as weekly averages: daily points would be unreadable."""
    return (end - start).days + 1 > WEEKLY_AFTER_DAYS


def weekly_averages(days, start, end):
    """[(Monday, mean pain or None)] for every week (Monday to Sunday) from `start`'s to `end`'s.

    The mean of the scores present in the week, rounded to one decimal as it is shown; `days` are
    the period's days in date order, so the first and last weeks count only their days inside it.
    """
    first_monday = start - timedelta(days=start.weekday())
    weeks = (end - first_monday).days // 7 + 1
    totals, counts = [0] * weeks, [0] * weeks
    # Day numbers, not date arithmetic: this runs over every day of five years.
    base = first_monday.toordinal()
    for d in days[bisect_left(days, start, key=_date) : bisect_right(days, end, key=_date)]:
        if d.pain is not None:
            week = (d.date.toordinal() - base) // 7
            totals[week] += d.pain
            counts[week] += 1
    return [
        (first_monday + timedelta(weeks=n), round(totals[n] / counts[n], 1) if counts[n] else None)
        for n in range(weeks)
    ]


def calendar_weeks(days, today, weeks=12):
    """Rows of 7 (Monday first) of (date, status, pain) ending with the week of `today`."""
    by_date = {d.date: d for d in days}
    end = today + timedelta(days=6 - today.weekday())
    start = end - timedelta(days=7 * weeks - 1)
    cells = []
    for day in date_range(start, end):
        d = by_date.get(day)
        status = "future" if day > today else day_status(d)
        cells.append((day, status, d.pain if d else None))
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


# The habit score: an exponential average of kept days, as the best habit trackers keep it. Each
# day moves the score a step toward 100% (kept) or 0% (not kept); a step is sized so that a day's
# weight halves in HABIT_HALF_LIFE days. A missed day dents it, a long run builds it, nothing
# resets it. A kept day is an active day (a tick, a rest or a rough day), as for the streak.
HABIT_HALF_LIFE = 14
HABIT_KEEP = 0.5 ** (1 / HABIT_HALF_LIFE)  # the share of yesterday's score a day keeps
HABIT_WINDOW_DAYS = 91  # before that, a day weighs ~1% or less: the 13 weeks History reads anyway


def habit_score(active_days, start, today):
    """The habit score (0-100, a whole number) from `start` (the diary's first day) to today.

    Today counts once it is kept (as for the streak): until then the score runs to yesterday.
    Starts at 0, so a new habit builds up: 14 kept days in a row give 50, 28 give 75.
    """
    end = today if today in active_days else today - timedelta(days=1)
    score = 0.0
    kept = 1 - HABIT_KEEP
    for n in range((end - start).days + 1):
        score *= HABIT_KEEP
        if start + timedelta(days=n) in active_days:
            score += kept
    return round(100 * score)


def days_kept(active_days, today, days=7):
    """How many of the `days` days up to today were kept."""
    return sum(today - timedelta(days=n) in active_days for n in range(days))
