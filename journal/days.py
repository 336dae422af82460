"""Which days a user's diary accepts: pure functions, no request, no queries.

A day is written `YYYY-MM-DD` and nothing else (Python's date parser also takes `20260105` and
`2026-W02-1`, which are not days a person types). It is not in the user's future, and not before
the diary's floor: a year before the account was created, so a new user can log the weeks before
they signed up, and every range a page draws is bounded by data that can exist.
"""

import re
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext as _

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
FLOOR_DAYS = 365


def floor(joined):
    """The first day the diary accepts for an account created on the local date `joined`."""
    return joined - timedelta(days=FLOOR_DAYS)


def first_day(user):
    """The first day the diary accepts for `user`: `floor` of the day the account was created, in
    the user's zone (the user model knows when it joined; the journal knows what that allows)."""
    return floor(user.date_joined.astimezone(user.tzinfo).date())


def _iso_day(value):
    """The date `value` spells as YYYY-MM-DD, else None."""
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def ahead(value, *, today):
    """The ISO day `value` when it is after `today` (a day a time-zone change can leave ahead), else None."""
    day = _iso_day(value)
    return day if day is not None and day > today else None


def parse(value, *, today, first):
    """(day, None) for an accepted day, else (None, the message to show)."""
    day = _iso_day(value)
    if day is None:
        return None, _("That is not a date we understand. Dates look like 2026-03-01.")
    if day > today:
        return None, _("That day hasn't happened yet, so there is nothing to log.")
    if day < first:
        return (
            None,
            _("The diary starts on %(first)s, a year before you joined: that day is before it.")
            % {"first": formats.date_format(first, "DATE_FORMAT")},
        )
    return day, None
