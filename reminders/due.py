"""When a reminder is due: pure, no request, no queries (docs/reminders.md).

A reminder time is a wall-clock time in the user's zone. Each local day it becomes one instant:

- a time that does not exist that day (skipped by a daylight-saving change: 01:30 in London on
  the last Sunday of March) is moved to the next minute that does exist (02:00 local);
- a time that happens twice (01:30 on the last Sunday of October) is the first of the two.

A run of the sender looks at the user's local today and yesterday (a 23:30 reminder is still due
at 00:10 the next day): a day's reminder is due once its instant has passed, and sent only while
it is at most `LATE_AFTER` late; older than that it is recorded as skipped, never sent.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

LATE_AFTER = timedelta(hours=2)
# The longest wall-clock gap in the tz database is a whole day (Pacific/Apia, 30 December 2011).
_LONGEST_GAP = timedelta(days=1, minutes=1)


def _exists(naive: datetime, zone: tzinfo) -> bool:
    """Does this wall-clock time happen in `zone`? (A skipped one comes back another time.)"""
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def local_instant(day: date, at: time, zone: tzinfo) -> datetime:
    """The instant (in UTC) of `at` on `day` in `zone`: the next valid minute inside a
    daylight-saving gap, the first of the two in a repeated hour."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    moved = naive
    while not _exists(moved, zone):
        moved = (moved + timedelta(minutes=1)).replace(second=0, microsecond=0)
        if moved - naive > _LONGEST_GAP:  # not a real zone's rules; keep the wall time as given
            moved = naive
            break
    # fold=0 is the first of a repeated wall time (the offset before the change).
    return moved.replace(tzinfo=zone, fold=0).astimezone(UTC)


def on_weekday(weekdays: int, day: date) -> bool:
    """Is `day` one of the days in the bit mask (bit 0 Monday ... bit 6 Sunday)?"""
    return bool(weekdays & (1 << day.weekday()))


@dataclass(frozen=True)
class Due:
    """One day's reminder whose moment has come: sent unless `late`."""

    day: date  # the user's local day it is for
    due_at: datetime  # its instant, in UTC
    late: bool  # more than LATE_AFTER ago: recorded as skipped, not sent


def due_now(*, at: time, weekdays: int, zone: tzinfo, now: datetime, since: datetime | None = None):
    """The user's reminders of yesterday and today (local days) whose instant is at or before `now`,
    oldest first. `since`: when the settings were last saved; an instant before it is left out (a
    reminder set at 19:30 for 19:00 starts the next day, and never counts as missed)."""
    today = now.astimezone(zone).date()
    found = []
    for day in (today - timedelta(days=1), today):
        if not on_weekday(weekdays, day):
            continue
        due_at = local_instant(day, at, zone)
        if due_at > now or (since is not None and due_at < since):
            continue
        found.append(Due(day=day, due_at=due_at, late=now - due_at > LATE_AFTER))
    return found


def still_on_time(due_at: datetime, now: datetime) -> bool:
    """May a reminder due at `due_at` still be sent (or retried) at `now`?"""
    return due_at <= now and now - due_at <= LATE_AFTER
