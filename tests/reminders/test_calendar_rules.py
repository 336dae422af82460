"""The calendar channel's pure parts (reminders/calendar.py), parsed back with icalendar: no database."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest

from reminders import calendar
from reminders.models import EVERY_DAY

WEEKDAYS = 0b0011111  # Monday to Friday
STAMP = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def build(zone="Europe/London", at=time(19, 0), weekdays=WEEKDAYS, start=date(2026, 11, 28), epoch=7):
    return icalendar.Calendar.from_ical(
        calendar.build(
            epoch=epoch,
            zone=zone,
            at=at,
            weekdays=weekdays,
            start=start,
            today_url="https://backcare.test/today/",
            host="backcare.test",
            stamp=STAMP,
        )
    )


def test_the_event_is_at_the_local_time_in_the_users_zone_on_the_chosen_weekdays():
    cal = build()
    (event,) = cal.events
    start = event.decoded("dtstart")
    # 28 Nov 2026 is a Saturday: the first occurrence is the Monday after, at 19:00 London time.
    assert start == datetime(2026, 11, 30, 19, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert [tz["tzid"] for tz in cal.timezones] == ["Europe/London"]
    rule = event["rrule"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert event.decoded("duration") == timedelta(minutes=calendar.EVENT_MINUTES)
    assert event["uid"] == calendar.uid(7, "backcare.test")
    assert event["url"] == "https://backcare.test/today/"
    assert "https://backcare.test/today/" in event["description"]
    assert event["transp"] == "TRANSPARENT"


def test_the_event_has_an_alarm_at_its_start():
    (event,) = build().events
    (alarm,) = event.walk("VALARM")
    assert alarm["action"] == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(0)
    assert alarm["description"]


def test_the_time_stays_the_wall_clock_time_across_a_daylight_saving_change():
    """New York: 19:00 local before and after 1 Nov 2026; the instant moves by an hour."""
    (event,) = build(zone="America/New_York", start=date(2026, 10, 26)).events
    zone = zoneinfo.ZoneInfo("America/New_York")
    start = event.decoded("dtstart")
    assert start.tzinfo.key == "America/New_York"
    assert start.time() == time(19, 0)
    occurrences = [start + timedelta(days=7 * n) for n in range(2)]
    utc = [datetime.combine(d.date(), time(19, 0), tzinfo=zone).astimezone(UTC).hour for d in occurrences]
    assert utc == [23, 0]  # EDT then EST
    (vtimezone,) = build(zone="America/New_York", start=date(2026, 10, 26)).timezones
    assert {sub.name for sub in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14, UTC-11
def test_far_zones(zone):
    (event,) = build(zone=zone, at=time(7, 30)).events
    assert event["dtstart"].params["TZID"] == zone
    assert event.decoded("dtstart").time() == time(7, 30)


def test_every_day_lists_all_seven_days():
    (event,) = build(weekdays=EVERY_DAY, start=date(2026, 11, 28)).events
    assert event["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert event.decoded("dtstart").date() == date(2026, 11, 28)


@pytest.mark.parametrize("at, weekdays", [(None, WEEKDAYS), (time(19, 0), 0)])
def test_no_reminder_is_a_calendar_without_the_event_that_still_names_the_zone(at, weekdays):
    cal = build(at=at, weekdays=weekdays)
    assert cal.events == []
    assert [tz["tzid"] for tz in cal.timezones] == ["Europe/London"]
    assert cal["x-wr-calname"] == calendar.NAME


def test_the_uid_depends_only_on_the_user():
    first = build(start=date(2026, 1, 1)).events[0]["uid"]
    again = build(start=date(2026, 6, 1), at=time(8, 0)).events[0]["uid"]
    other = build(epoch=8).events[0]["uid"]
    assert first == again != other


def test_the_uid_is_a_hash_of_the_epoch_and_the_component_not_the_epoch_itself():
    epoch = 4_611_686_018_427_387_904
    (event,) = build(epoch=epoch).events
    (alarm,) = event.walk("VALARM")
    assert event["uid"].startswith("reminder-") and event["uid"].endswith("@backcare.test")
    assert alarm["uid"].startswith("alarm-") and alarm["uid"] != event["uid"]
    for found in (event["uid"], alarm["uid"]):
        assert str(epoch) not in found and f"{epoch:x}" not in found
    assert len(event["uid"].split("@")[0]) == len("reminder-") + 32


def test_tokens_are_long_random_and_only_their_fingerprint_is_kept():
    one, two = calendar.new_token(), calendar.new_token()
    assert one != two and len(one) >= 43
    assert calendar.plausible(one)
    assert calendar.fingerprint(one) == calendar.fingerprint(one) != calendar.fingerprint(two)
    assert len(calendar.fingerprint(one)) == 64


@pytest.mark.parametrize("token", ["", "x" * 101, "a b", "a/b", "%00", "ü", "../x"])
def test_implausible_tokens(token):
    assert not calendar.plausible(token)


def test_first_day_and_weekdays():
    monday = date(2026, 11, 30)
    assert calendar.first_day(monday, 1 << 2) == date(2026, 12, 2)  # the Wednesday
    assert calendar.first_day(monday, 0) == monday
    assert calendar.weekdays_of(0b1000001) == ["MO", "SU"]
