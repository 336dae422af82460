"""Where to get help: the emergency number and the urgent-care words for the user's country.

The one table of them (docs/care-words.md says how to change it). Every entry must be checked
against its official source before a release, and no number may be added that the table does
not hold: a user whose country has no entry gets the deployment's EMERGENCY_NUMBER instead.
"""

from dataclasses import dataclass

from django.conf import settings

# The country field's value for Northern Ireland: its ISO 3166-2 code, because its urgent-care
# words differ from the rest of the United Kingdom ("GB": England, Wales, Scotland).
NORTHERN_IRELAND = "GB-NIR"
COUNTRY_MAX_LENGTH = 6

OTHER_COUNTRY_LABEL = "Another country (or not listed)"
FALLBACK_URGENT_WORDS = "your doctor, or your local urgent-care service"


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


EU_EEA_URGENT_WORDS = "your doctor, or the out-of-hours doctor service"
# Ireland has a row of its own; Switzerland and other countries outside the EU/EEA have none.
EU_EEA = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IS": "Iceland",
    "IT": "Italy",
    "LV": "Latvia",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}

CARE = {
    "GB": _entry(
        "United Kingdom: England, Wales or Scotland",
        "999",
        "999 (112 works too)",
        "NHS 111 (phone or online)",
    ),
    NORTHERN_IRELAND: _entry(
        "United Kingdom: Northern Ireland", "999", "999 (112)", "your GP, or GP out-of-hours"
    ),
    "IE": _entry("Ireland", "112", "112 or 999", "your GP, or the GP out-of-hours service"),
    **{code: _entry(name, "112", "112", EU_EEA_URGENT_WORDS) for code, name in EU_EEA.items()},
    # Germany's out-of-hours number replaces its EU/EEA entry above.
    "DE": _entry("Germany", "112", "112", f"{EU_EEA_URGENT_WORDS} (116 117)"),
    "US": _entry("United States", "911", "911", "your doctor, or an urgent-care clinic"),
    "CA": _entry("Canada", "911", "911", "811 in most provinces, or your doctor"),
    "AU": _entry("Australia", "000", "000 (112 from mobiles)", "healthdirect 1800 022 222, or your GP"),
    "NZ": _entry("New Zealand", "111", "111", "Healthline 0800 611 116, or your GP"),
}


def country_choices():
    """The country field's choices: "another country" (blank) first, then the table by name."""
    by_name = sorted(CARE.items(), key=lambda item: item[1].place)
    return [("", OTHER_COUNTRY_LABEL), *((code, care.place) for code, care in by_name)]


def care_for(country):
    """The care words for a country code; blank or a code without an entry gets the fallback."""
    entry = CARE.get(country or "")
    if entry is not None:
        return entry
    return Care(
        emergency_number=settings.EMERGENCY_NUMBER,
        emergency_words=f"{settings.EMERGENCY_NUMBER}, or your local emergency number",
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
