"""reminders/due.py: a reminder's local time turned into an instant, day by day. No database."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from reminders import due
from reminders.models import EVERY_DAY

LONDON = ZoneInfo("Europe/London")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "zone,day,at,expected",
    [
        # UTC+14: 07:00 on 1 June is 17:00 UTC the day before.
        (KIRITIMATI, date(2026, 6, 1), time(7, 0), utc(2026, 5, 31, 17, 0)),
        # UTC-11: 21:30 on 1 June is 08:30 UTC the day after.
        (PAGO_PAGO, date(2026, 6, 1), time(21, 30), utc(2026, 6, 2, 8, 30)),
        # London in winter (GMT) and summer (BST).
        (LONDON, date(2026, 1, 10), time(19, 0), utc(2026, 1, 10, 19, 0)),
        (LONDON, date(2026, 7, 10), time(19, 0), utc(2026, 7, 10, 18, 0)),
        # 29 March 2026: clocks go from 01:00 GMT to 02:00 BST; 01:30 does not exist -> 02:00 BST.
        (LONDON, date(2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 0)),
        (LONDON, date(2026, 3, 29), time(1, 0), utc(2026, 3, 29, 1, 0)),
        (LONDON, date(2026, 3, 29), time(0, 59), utc(2026, 3, 29, 0, 59)),
        (LONDON, date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0)),
        # 25 October 2026: 01:00-02:00 happens twice; 01:30 is the first (BST, 00:30 UTC).
        (LONDON, date(2026, 10, 25), time(1, 30), utc(2026, 10, 25, 0, 30)),
        (LONDON, date(2026, 10, 25), time(2, 0), utc(2026, 10, 25, 2, 0)),
    ],
)
def test_the_local_time_becomes_the_right_instant(zone, day, at, expected):
    assert due.local_instant(day, at, zone) == expected


def test_a_skipped_day_moves_to_the_next_minute_that_exists():
    """Samoa skipped 30 December 2011 entirely: 19:00 that day is 00:00 on the 31st."""
    apia = ZoneInfo("Pacific/Apia")
    instant = due.local_instant(date(2011, 12, 30), time(19, 0), apia)
    assert instant == datetime(2011, 12, 31, 0, 0, tzinfo=apia)


def test_due_once_its_minute_has_come_in_the_users_zone():
    at = time(7, 0)
    before = due.due_now(at=at, weekdays=EVERY_DAY, zone=KIRITIMATI, now=utc(2026, 5, 31, 16, 59))
    assert [d.day for d in before] == [date(2026, 5, 31)]  # yesterday's, long past
    assert before[0].late
    on_time = due.due_now(at=at, weekdays=EVERY_DAY, zone=KIRITIMATI, now=utc(2026, 5, 31, 17, 0))
    assert [(d.day, d.late) for d in on_time] == [(date(2026, 5, 31), True), (date(2026, 6, 1), False)]


def test_late_after_two_hours_exactly():
    at, zone = time(19, 0), LONDON
    two_hours = due.due_now(at=at, weekdays=EVERY_DAY, zone=zone, now=utc(2026, 1, 10, 21, 0))
    assert [(d.day, d.late) for d in two_hours][-1] == (date(2026, 1, 10), False)
    past = due.due_now(at=at, weekdays=EVERY_DAY, zone=zone, now=utc(2026, 1, 10, 21, 0, 1))
    assert [(d.day, d.late) for d in past][-1] == (date(2026, 1, 10), True)
    assert due.still_on_time(utc(2026, 1, 10, 19), utc(2026, 1, 10, 21))
    assert not due.still_on_time(utc(2026, 1, 10, 19), utc(2026, 1, 10, 21, 0, 1))
    assert not due.still_on_time(utc(2026, 1, 10, 19), utc(2026, 1, 10, 18, 59))


def test_yesterdays_late_evening_reminder_is_still_due_after_midnight():
    found = due.due_now(at=time(23, 30), weekdays=EVERY_DAY, zone=LONDON, now=utc(2026, 1, 11, 0, 10))
    assert [(d.day, d.late) for d in found] == [(date(2026, 1, 10), False)]


def test_only_the_chosen_weekdays():
    saturday = date(2026, 1, 10)
    assert saturday.weekday() == 5
    weekdays_only = 0b0011111
    now = utc(2026, 1, 10, 19, 5)
    assert due.due_now(at=time(19, 0), weekdays=weekdays_only, zone=LONDON, now=now) == [
        due.Due(day=date(2026, 1, 9), due_at=utc(2026, 1, 9, 19), late=True)
    ]
    assert due.on_weekday(1 << 5, saturday) and not due.on_weekday(1 << 6, saturday)


def test_a_time_set_after_its_moment_starts_the_next_day():
    now = utc(2026, 1, 10, 19, 30)
    since = now - timedelta(minutes=1)
    assert due.due_now(at=time(19, 0), weekdays=EVERY_DAY, zone=LONDON, now=now, since=since) == []
    tomorrow = now + timedelta(days=1)
    assert [
        d.day for d in due.due_now(at=time(19, 0), weekdays=EVERY_DAY, zone=LONDON, now=tomorrow, since=since)
    ] == [date(2026, 1, 11)]
