import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def timezone_names():
    return sorted(zoneinfo.available_timezones())


@cache
def timezone_choices():
    return tuple((name, name) for name in timezone_names())


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. Pick one from the list, e.g. Europe/London.",
            params={"value": value},
            code="unknown_timezone",
        )
