"""The time zones a user may choose: the tz database's canonical zones, grouped by region.

The zone table comes from the system's tz database (`tzdata.zi` on zoneinfo's search path): its
`Z` lines are the canonical zones, its `L` lines the links (aliases such as `Asia/Calcutta`, which
browsers still report) that are mapped to their zone on input. Names that mean "whatever the
server's clock says" (`localtime`, `Factory`) and the `posix/` and `right/` trees are refused.
"""

import zoneinfo
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
UTC = "UTC"
# The regions' names in the list (the tz database's own region names; "America" is both Americas).
# The cities are the tz database's English names, in a select marked translate="no"
# (backcare/forms.py: SettingsForm): there is no catalogue of them to translate from.
REGION_NAMES = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}
REFUSED = {"localtime", "Factory"}
REFUSED_PREFIXES = ("posix/", "right/")


@cache
def _table():
    """(canonical zones, {alias: zone}) from the tz database's compact table."""
    for root in zoneinfo.TZPATH:
        source = Path(root) / "tzdata.zi"
        if source.exists():
            zones, links = set(), {}
            for line in source.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "Z":
                    zones.add(parts[1])
                elif len(parts) == 3 and parts[0] == "L":
                    links[parts[2]] = parts[1]
            return frozenset(zones), links
    # No table on this system: every zone zoneinfo knows, without aliases.
    return frozenset(zoneinfo.available_timezones()), {}


@cache
def canonical_zones():
    """The zones offered: canonical zones of the regions, and UTC."""
    zones, _ = _table()
    return (UTC, *sorted(z for z in zones if z.split("/", 1)[0] in REGIONS))


def canonical(value):
    """The canonical zone for `value` (itself, or the zone an alias links to), or None if refused."""
    if not isinstance(value, str) or value in REFUSED or value.startswith(REFUSED_PREFIXES):
        return None
    offered = set(canonical_zones())
    if value in offered:
        return value
    _, links = _table()
    seen = set()
    while value in links and value not in seen:  # a link may name another link
        seen.add(value)
        value = links[value]
    if value in ("Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu"):
        return UTC
    return value if value in offered else None


def _label(zone):
    return zone.split("/", 1)[1].replace("_", " ").replace("/", " / ")


@cache
def timezone_choices():
    """(region, [(zone, city)]) groups for a select, UTC first."""
    groups = {}
    for zone in canonical_zones()[1:]:
        groups.setdefault(zone.split("/", 1)[0], []).append((zone, _label(zone)))
    return (
        (UTC, ((UTC, _("UTC (no daylight saving)")),)),
        *((REGION_NAMES[region], tuple(items)) for region, items in groups.items()),
    )


def validate_timezone(value):
    if canonical(value) is None:
        raise ValidationError(
            _("“%(value)s” is not a time zone we know. Pick one from the list, e.g. Europe/London."),
            params={"value": value},
            code="unknown_timezone",
        )
