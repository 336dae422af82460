"""The calendar channel (docs/reminders.md, "Calendar feed"): the feed's token and its fingerprint,
and the iCalendar text of the reminder. Pure: no request, no queries.

A feed token is 32 random bytes (`secrets.token_urlsafe`, 43 characters) and only its SHA-256
fingerprint is stored, as for share links (journal/sharing.py): a leaked database gives no working
feed address, and a new link replaces the row, so the old address answers 404 at once. Unlike share
links, unknown tokens are not counted per address: calendar services fetch every user's feed from a
few shared addresses, and a revoked feed they keep polling must not lock out everyone else's. 256
random bits need no guessing limit.

The reminder is one repeating event at the user's wall-clock time in their own zone (`TZID` with
its `VTIMEZONE`), weekly on the chosen weekdays, with an alarm at its start, so a daylight-saving
change or travel keeps the time the user chose. Its UID depends only on the user, so a calendar
that reads the feed again, or a file imported again, updates the event instead of adding one; it
is a hash of the user row's random epoch (backcare/models.py: cache_epoch) and the component, so it
names neither the user's id nor their username.
"""

import hashlib
import re
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext_lazy as _

from journal import sharing

TOKEN_MAX_LENGTH = sharing.TOKEN_MAX_LENGTH  # longer than any token we make: refused without hashing
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9_-]+")  # what token_urlsafe makes
EVENT_MINUTES = 15
REFRESH = timedelta(hours=12)  # how often a subscribed calendar is asked to read the feed again
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order, as Reminder.weekdays
PRODID = "-//BackCare//Reminders//EN"
# Translators: the name of the calendar a calendar app subscribes to.
NAME = _("BackCare reminders")
# A standing event cannot know the day: a held plan, a rest or a rough day, a flare. Its words send
# the user to Today, which knows, and never ask for exercise as such.
# Translators: the calendar event's title.
SUMMARY = _("BackCare: a few minutes for your back")
DESCRIPTION = _(
    # Translators: CLINICAL: the calendar event's text, the same every day: it sends the person to
    # Today and never asks for exercise through pain. %(url)s is Today's address, on its own line.
    "Time for your BackCare check-in: open Today to see what today's plan holds (it may be a "
    "gentle day, a rest day or a few safety questions first), tick what you do and note how your "
    "back feels. Stop anything that makes the pain much worse or spreads it down your leg.\n\n%(url)s"
)
# Translators: the calendar alarm's words on the phone's screen.
ALARM_TEXT = _("Time for your BackCare check-in")


# The same token and fingerprint as a share link's (journal/sharing.py).
new_token = sharing.new_token
fingerprint = sharing.fingerprint


def plausible(token: str) -> bool:
    """A token we could have made: short enough to hash, URL-safe characters only."""
    return 0 < len(token) <= TOKEN_MAX_LENGTH and TOKEN_CHARACTERS.fullmatch(token) is not None


def weekdays_of(mask: int) -> list[str]:
    """The RRULE BYDAY values of a Reminder.weekdays bit mask (bit 0 is Monday)."""
    return [code for bit, code in enumerate(BYDAY) if mask & (1 << bit)]


def first_day(start: date, mask: int) -> date:
    """The first chosen weekday on or after `start` (the event's DTSTART must be an occurrence)."""
    for offset in range(7):
        day = start + timedelta(days=offset)
        if mask & (1 << day.weekday()):
            return day
    return start


def uid(epoch: int, host: str, component: str = "reminder") -> str:
    """The UID of the user's `component` ("reminder", "alarm"): the same on every fetch for the
    same user, with no id in it (a hash of the user's random epoch)."""
    digest = hashlib.blake2b(
        f"{component}:{epoch}".encode(), digest_size=16, person=b"backcare-ical"
    ).hexdigest()
    return f"{component}-{digest}@{host or 'backcare'}"


def build(
    *,
    epoch: int,
    zone: str,
    at: time | None,
    weekdays: int,
    start: date,
    today_url: str,
    host: str,
    stamp: datetime,
    name: str = "",
) -> bytes:
    """The iCalendar text: the zone's VTIMEZONE and, when `at` is given and a weekday is chosen,
    the repeating reminder with its alarm (`at` None: an empty calendar, which makes a subscribed
    calendar remove the event). `stamp` is now, in UTC (DTSTAMP). The words are the active
    language's: the views build it under `translation.override` for the calendar's owner."""
    # Imported here, not with the module: the views import this module for every worker, and
    # icalendar costs each one about 3 MB that only a calendar download needs (docs/architecture.md).
    import icalendar

    tz = zoneinfo.ZoneInfo(zone)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or str(NAME))
    cal.add("x-wr-timezone", zone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    days = weekdays_of(weekdays)
    first = first_day(start, weekdays)
    if at is not None and days:
        event = icalendar.Event()
        event.add("uid", uid(epoch, host))
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(first, at, tzinfo=tz))
        event.add("duration", timedelta(minutes=EVENT_MINUTES))
        event.add("rrule", {"freq": "weekly", "byday": days})
        event.add("summary", str(SUMMARY))
        event.add("description", DESCRIPTION % {"url": today_url})
        event.add("url", today_url)
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never shown as busy
        event.add("class", "PRIVATE")
        alarm = icalendar.Alarm()
        alarm.add("uid", uid(epoch, host, "alarm"))
        alarm.add("action", "DISPLAY")
        alarm.add("description", str(ALARM_TEXT))
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    # The zone's rules from a year before the event's first day (or today) to three years after
    # today: enough for clients without their own zone data, a kilobyte or two (most clients read
    # the TZID and use their own). A calendar without the event still names the zone, so it is
    # never without a component.
    since = min(first, stamp.date()) - timedelta(days=366)
    until = max(first, stamp.date()) + timedelta(days=3 * 366)
    if cal.events:
        cal.add_missing_timezones(first_date=since, last_date=until)
    else:
        cal.add_component(icalendar.Timezone.from_tzinfo(tz, first_date=since, last_date=until))
    return cal.to_ical()
