"""Where to get help: the emergency number and the urgent-care words for the user's country.

The one table of them (docs/care-words.md says how to change it). Every entry must be checked
against its official source before a release, and no number may be added that the table does
not hold: a user whose country has no entry gets the deployment's EMERGENCY_NUMBER instead.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

# The country field's value for Northern Ireland: its ISO 3166-2 code, because its urgent-care
# words differ from the rest of the United Kingdom ("GB": England, Wales, Scotland).
NORTHERN_IRELAND = "GB-NIR"
COUNTRY_MAX_LENGTH = 6

# The care words are translated whole, each one phrase: `emergency_words` follows "Call" (the
# safety screen's "Call {words}, or go to the nearest emergency department now"), `urgent_words`
# follows "contact" ("Get advice today: contact {words}"). A service's own name (NHS 111,
# Healthline) and every number stay as they are in every language.
OTHER_COUNTRY_LABEL = gettext_lazy("Another country (or not listed)")
# Translators: CLINICAL: whom to contact for urgent (not emergency) advice, where BackCare does not
# know the country; follows "contact" in a sentence.
FALLBACK_URGENT_WORDS = gettext_lazy("your doctor, or your local urgent-care service")


@dataclass(frozen=True)
class Care:
    """What a page says about getting help.

    `emergency_number` is what the call button dials; `emergency_words` and `urgent_words` are
    the table's words, to follow "call" and "contact".
    """

    emergency_number: str
    emergency_words: str
    urgent_words: str
    place: str = ""
    fallback: bool = False


def _entry(place, emergency_number, emergency_words, urgent_words):
    return Care(emergency_number, emergency_words, urgent_words, place=place)


# Translators: CLINICAL: whom to contact for urgent advice in the EU/EEA; follows "contact".
EU_EEA_URGENT_WORDS = gettext_lazy("your doctor, or the out-of-hours doctor service")
# Ireland has a row of its own; Switzerland and other countries outside the EU/EEA have none.
EU_EEA = {
    "AT": gettext_lazy("Austria"),
    "BE": gettext_lazy("Belgium"),
    "BG": gettext_lazy("Bulgaria"),
    "HR": gettext_lazy("Croatia"),
    "CY": gettext_lazy("Cyprus"),
    "CZ": gettext_lazy("Czechia"),
    "DK": gettext_lazy("Denmark"),
    "EE": gettext_lazy("Estonia"),
    "FI": gettext_lazy("Finland"),
    "FR": gettext_lazy("France"),
    "DE": gettext_lazy("Germany"),
    "GR": gettext_lazy("Greece"),
    "HU": gettext_lazy("Hungary"),
    "IS": gettext_lazy("Iceland"),
    "IT": gettext_lazy("Italy"),
    "LV": gettext_lazy("Latvia"),
    "LI": gettext_lazy("Liechtenstein"),
    "LT": gettext_lazy("Lithuania"),
    "LU": gettext_lazy("Luxembourg"),
    "MT": gettext_lazy("Malta"),
    "NL": gettext_lazy("Netherlands"),
    "NO": gettext_lazy("Norway"),
    "PL": gettext_lazy("Poland"),
    "PT": gettext_lazy("Portugal"),
    "RO": gettext_lazy("Romania"),
    "SK": gettext_lazy("Slovakia"),
    "SI": gettext_lazy("Slovenia"),
    "ES": gettext_lazy("Spain"),
    "SE": gettext_lazy("Sweden"),
}

CARE = {
    # Translators: CLINICAL: each country's emergency words follow "Call"; its urgent words
    # follow "contact". Keep every number and service name (NHS 111, healthdirect) as written.
    "GB": _entry(
        gettext_lazy("United Kingdom: England, Wales or Scotland"),
        "999",
        gettext_lazy("999 (112 works too)"),
        gettext_lazy("NHS 111 (phone or online)"),
    ),
    NORTHERN_IRELAND: _entry(
        gettext_lazy("United Kingdom: Northern Ireland"),
        "999",
        "999 (112)",
        # Translators: CLINICAL: urgent advice in Northern Ireland (GP: a family doctor); follows "contact".
        gettext_lazy("your GP, or GP out-of-hours"),
    ),
    "IE": _entry(
        gettext_lazy("Ireland"),
        "112",
        # Translators: CLINICAL: Ireland's emergency numbers; follows "Call".
        gettext_lazy("112 or 999"),
        # Translators: CLINICAL: urgent advice in Ireland (GP: a family doctor); follows "contact".
        gettext_lazy("your GP, or the GP out-of-hours service"),
    ),
    **{code: _entry(name, "112", "112", EU_EEA_URGENT_WORDS) for code, name in EU_EEA.items()},
    # Germany's out-of-hours number replaces its EU/EEA entry above.
    "DE": _entry(
        EU_EEA["DE"],
        "112",
        "112",
        # Translators: CLINICAL: urgent advice in Germany, with the out-of-hours number; follows "contact".
        gettext_lazy("your doctor, or the out-of-hours doctor service (116 117)"),
    ),
    "US": _entry(
        gettext_lazy("United States"),
        "911",
        "911",
        # Translators: CLINICAL: urgent advice in the United States; follows "contact".
        gettext_lazy("your doctor, or an urgent-care clinic"),
    ),
    "CA": _entry(
        gettext_lazy("Canada"),
        "911",
        "911",
        # Translators: CLINICAL: urgent advice in Canada (811: the health line); follows "contact".
        gettext_lazy("811 in most provinces, or your doctor"),
    ),
    "AU": _entry(
        gettext_lazy("Australia"),
        "000",
        # Translators: CLINICAL: Australia's emergency number; follows "Call".
        gettext_lazy("000 (112 from mobiles)"),
        # Translators: CLINICAL: urgent advice in Australia (healthdirect: the health line; GP: a
        # family doctor); follows "contact".
        gettext_lazy("healthdirect 1800 022 222, or your GP"),
    ),
    "NZ": _entry(
        gettext_lazy("New Zealand"),
        "111",
        "111",
        # Translators: CLINICAL: urgent advice in New Zealand (Healthline: the health line; GP: a
        # family doctor); follows "contact".
        gettext_lazy("Healthline 0800 611 116, or your GP"),
    ),
}


def country_choices():
    """The country field's choices: "another country" (blank) first, then the table by name, in
    the active language. Called each time the choices are read (a callable's choices are: several
    times a settings form, each sorting the table's names afresh): sorted once a language, as the
    table and its names do not change while the process runs."""
    return list(country_choices_for(get_language()))


@cache
def country_choices_for(language):
    """country_choices as a tuple, for `language` (the active one: the names are translated into
    it; the argument is the cache's key)."""
    by_name = sorted(((code, str(care.place)) for code, care in CARE.items()), key=lambda item: item[1])
    return (("", str(OTHER_COUNTRY_LABEL)), *by_name)


def care_for(country):
    """The care words for a country code; blank or a code without an entry gets the fallback."""
    entry = CARE.get(country or "")
    if entry is not None:
        return entry
    return Care(
        emergency_number=settings.EMERGENCY_NUMBER,
        # Translators: CLINICAL: the emergency number where BackCare does not know the country;
        # follows "Call".
        emergency_words=_("%(number)s, or your local emergency number")
        % {"number": settings.EMERGENCY_NUMBER},
        urgent_words=FALLBACK_URGENT_WORDS,
        fallback=True,
    )


# IANA time zone → country, to guess the country at sign-up: the zones of tzdata's zone.tab for
# the countries above, and the older names (links) browsers may still report. Left out on purpose,
# so they guess nothing: zones whose people may use another country's numbers (Europe/Busingen,
# Asia/Famagusta, Antarctica/Macquarie) and US/Samoa (American Samoa, not in the table).
# Europe/London guesses GB: someone in Northern Ireland picks it themselves.
_ZONES = {
    "GB": "Europe/London GB GB-Eire",
    NORTHERN_IRELAND: "Europe/Belfast",
    "IE": "Europe/Dublin Eire",
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "HR": "Europe/Zagreb",
    "CY": "Asia/Nicosia Europe/Nicosia",
    "CZ": "Europe/Prague",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "GR": "Europe/Athens",
    "HU": "Europe/Budapest",
    "IS": "Atlantic/Reykjavik Iceland",
    "IT": "Europe/Rome",
    "LV": "Europe/Riga",
    "LI": "Europe/Vaduz",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw Poland",
    "PT": "Europe/Lisbon Atlantic/Madeira Atlantic/Azores Portugal",
    "RO": "Europe/Bucharest",
    "SK": "Europe/Bratislava",
    "SI": "Europe/Ljubljana",
    "ES": "Europe/Madrid Africa/Ceuta Atlantic/Canary",
    "SE": "Europe/Stockholm",
    "US": """
        America/New_York America/Detroit America/Kentucky/Louisville America/Kentucky/Monticello
        America/Indiana/Indianapolis America/Indiana/Vincennes America/Indiana/Winamac
        America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay America/Chicago
        America/Indiana/Tell_City America/Indiana/Knox America/Menominee America/North_Dakota/Center
        America/North_Dakota/New_Salem America/North_Dakota/Beulah America/Denver America/Boise
        America/Phoenix America/Los_Angeles America/Anchorage America/Juneau America/Sitka
        America/Metlakatla America/Yakutat America/Nome America/Adak Pacific/Honolulu
        America/Indianapolis America/Fort_Wayne America/Louisville America/Knox_IN America/Shiprock
        Navajo US/Alaska US/Aleutian US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii
        US/Indiana-Starke US/Michigan US/Mountain US/Pacific
    """,
    "CA": """
        America/St_Johns America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay
        America/Blanc-Sablon America/Toronto America/Iqaluit America/Atikokan America/Winnipeg
        America/Resolute America/Rankin_Inlet America/Regina America/Swift_Current America/Edmonton
        America/Cambridge_Bay America/Inuvik America/Creston America/Dawson_Creek
        America/Fort_Nelson America/Whitehorse America/Dawson America/Vancouver America/Montreal
        America/Coral_Harbour America/Nipigon America/Thunder_Bay America/Rainy_River
        America/Yellowknife America/Pangnirtung Canada/Atlantic Canada/Central Canada/Eastern
        Canada/Mountain Canada/Newfoundland Canada/Pacific Canada/Saskatchewan Canada/Yukon
    """,
    "AU": """
        Australia/Lord_Howe Australia/Hobart Australia/Melbourne Australia/Sydney
        Australia/Broken_Hill Australia/Brisbane Australia/Lindeman Australia/Adelaide
        Australia/Darwin Australia/Perth Australia/Eucla Australia/ACT Australia/Canberra
        Australia/Currie Australia/LHI Australia/NSW Australia/North Australia/Queensland
        Australia/South Australia/Tasmania Australia/Victoria Australia/West Australia/Yancowinna
    """,
    "NZ": "Pacific/Auckland Pacific/Chatham NZ NZ-CHAT",
}
TIMEZONE_COUNTRIES = {zone: country for country, zones in _ZONES.items() for zone in zones.split()}


def country_for_timezone(zone):
    """The country a time zone guesses, or "" when it guesses none."""
    return TIMEZONE_COUNTRIES.get((zone or "").strip(), "")
