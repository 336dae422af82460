"""backcare/urgent_care.py: the care words by country, the fallback, and the guess from a time zone."""

import re
import zoneinfo

import pytest
from django.utils import translation

from backcare import urgent_care
from backcare.urgent_care import care_for, country_for_timezone

# The table as docs/care-words.md gives it, copied by hand on purpose: a change
# to backcare/urgent_care.py must be a change here too. (code, dialled, emergency words, urgent words)
ROWS = [
    ("GB", "999", "999 (112 works too)", "NHS 111 (phone or online)"),
    ("GB-NIR", "999", "999 (112)", "your GP, or GP out-of-hours"),
    ("IE", "112", "112 or 999", "your GP, or the GP out-of-hours service"),
    ("DE", "112", "112", "your doctor, or the out-of-hours doctor service (116 117)"),
    ("FR", "112", "112", "your doctor, or the out-of-hours doctor service"),
    ("US", "911", "911", "your doctor, or an urgent-care clinic"),
    ("CA", "911", "911", "811 in most provinces, or your doctor"),
    ("AU", "000", "000 (112 from mobiles)", "healthdirect 1800 022 222, or your GP"),
    ("NZ", "111", "111", "Healthline 0800 611 116, or your GP"),
]
EU_EEA_BUT_IRELAND = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE".split()  # noqa: SIM905
)
# Every number any entry may show: the table's, nothing else.
TABLE_NUMBERS = {"999", "112", "111", "116 117", "911", "811", "000", "1800 022 222", "0800 611 116"}


@pytest.mark.parametrize(("code", "number", "emergency", "urgent"), ROWS)
def test_each_row_of_the_table(code, number, emergency, urgent):
    assert care_for(code) == urgent_care.Care(number, emergency, urgent, place=urgent_care.CARE[code].place)
    assert not care_for(code).fallback


@pytest.mark.parametrize("code", EU_EEA_BUT_IRELAND)
def test_every_eu_and_eea_country_has_112_and_its_doctor(code):
    entry = care_for(code)
    assert (entry.emergency_number, entry.emergency_words) == ("112", "112")
    assert entry.urgent_words.startswith("your doctor, or the out-of-hours doctor service")
    assert ("116 117" in entry.urgent_words) == (code == "DE")


def test_the_table_holds_exactly_these_countries():
    assert set(urgent_care.CARE) == {"GB", "GB-NIR", "IE", "US", "CA", "AU", "NZ", *EU_EEA_BUT_IRELAND}


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_no_entry_shows_a_number_the_table_does_not_hold(language):
    # The words are translated (docs/translations.md): no language may add or change a number.
    with translation.override(language):
        for entry in urgent_care.CARE.values():
            for words in (str(entry.emergency_words), str(entry.urgent_words)):
                assert set(re.findall(r"\d[\d ]*\d|\d", words)) <= TABLE_NUMBERS, words
            assert entry.emergency_number in TABLE_NUMBERS


def test_only_the_united_kingdom_outside_northern_ireland_says_nhs():
    assert [code for code, entry in urgent_care.CARE.items() if "NHS" in entry.urgent_words] == ["GB"]


@pytest.mark.parametrize("country", [None, "", "ZZ", "CH", "gb", "GB-SCT", "<script>"])
def test_no_country_or_one_without_an_entry_gets_the_deployments_number(country, settings):
    settings.EMERGENCY_NUMBER = "0800 123 456"
    entry = care_for(country)
    assert entry.fallback and entry.place == ""
    assert entry.emergency_number == "0800 123 456"
    assert entry.emergency_words == "0800 123 456, or your local emergency number"
    assert entry.urgent_words == "your doctor, or your local urgent-care service"


def test_the_fallback_never_shows_another_number(settings):
    settings.EMERGENCY_NUMBER = "17"
    entry = care_for("")
    words = f"{entry.emergency_number} {entry.emergency_words} {entry.urgent_words}"
    assert re.findall(r"\d+", words) == ["17", "17"]
    assert "GP" not in words and "NHS" not in words


def test_the_choices_put_another_country_first_then_every_entry_once_by_name():
    choices = urgent_care.country_choices()
    assert choices[0] == ("", "Another country (or not listed)")
    codes = [code for code, _ in choices[1:]]
    assert sorted(codes) == sorted(urgent_care.CARE) and len(codes) == len(set(codes))
    names = [name for _, name in choices[1:]]
    assert names == sorted(names)
    assert all(len(code) <= urgent_care.COUNTRY_MAX_LENGTH for code in codes)
    assert ("GB", "United Kingdom: England, Wales or Scotland") in choices
    assert ("GB-NIR", "United Kingdom: Northern Ireland") in choices


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/London", "GB"),
        ("Europe/Belfast", "GB-NIR"),
        ("Europe/Dublin", "IE"),
        ("Europe/Berlin", "DE"),
        ("Europe/Paris", "FR"),
        ("Atlantic/Canary", "ES"),
        ("Atlantic/Reykjavik", "IS"),
        ("America/New_York", "US"),
        ("America/Indianapolis", "US"),
        ("Pacific/Honolulu", "US"),
        ("US/Eastern", "US"),
        ("America/Toronto", "CA"),
        ("America/Vancouver", "CA"),
        ("America/St_Johns", "CA"),
        ("Australia/Sydney", "AU"),
        ("Australia/Perth", "AU"),
        ("Pacific/Auckland", "NZ"),
        (" Europe/London ", "GB"),
    ],
)
def test_a_time_zone_guesses_its_country(zone, country):
    assert country_for_timezone(zone) == country


@pytest.mark.parametrize(
    "zone",
    [
        "",
        None,
        "UTC",
        "Europe/Zurich",
        "Asia/Tokyo",
        "US/Samoa",
        "Europe/Busingen",
        "Mars/Olympus_Mons",
        "europe/london",
    ],
)
def test_a_time_zone_outside_the_table_guesses_nothing(zone):
    assert country_for_timezone(zone) == ""


def test_every_guess_is_a_known_zone_and_a_country_with_an_entry():
    assert set(urgent_care.TIMEZONE_COUNTRIES) <= zoneinfo.available_timezones()
    assert set(urgent_care.TIMEZONE_COUNTRIES.values()) == set(urgent_care.CARE)


def test_the_choices_are_sorted_in_the_active_language_and_each_call_gets_its_own_list():
    """Sorted once a language (urgent_care.country_choices): each language keeps its own order."""
    from django.utils import translation

    english = urgent_care.country_choices()
    english.append(("XX", "changed by a caller"))  # a caller's change is its own list's
    assert urgent_care.country_choices()[-1] != ("XX", "changed by a caller")
    with translation.override("de"):
        german = urgent_care.country_choices()
    assert dict(german)["DE"] == "Deutschland" and dict(english)["DE"] == "Germany"
    assert [name for _, name in german[1:]] == sorted(name for _, name in german[1:])
    assert urgent_care.country_choices() == english[:-1]
