"""journal/date_words.py writes a date in a named format as `formats.date_format` does, in every
language, without a DateFormat per date (History's rows and the PSFS rows use it)."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import formats, translation

from journal import date_words

NAMES = [
    "SHORT_DATE_FORMAT",
    "DAY_MONTH_FORMAT",
    "WEEKDAY_DAY_MONTH_FORMAT",
    "WEEKDAY_DATE_FORMAT",
    "DATE_FORMAT",
]


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize("name", NAMES)
def test_a_written_date_is_date_formats_in_every_language(code, name):
    with translation.override(code):
        write = date_words.writer(name)
        for first in (date(2024, 1, 1), date(999, 12, 25)):
            for n in range(0, 366, 3):
                day = first + timedelta(days=n)
                assert write(day) == formats.date_format(day, name)


def test_the_words_follow_the_active_language():
    day = date(2026, 12, 6)
    with translation.override("en"):
        assert date_words.writer("WEEKDAY_DAY_MONTH_FORMAT")(day) == "Sun 6 Dec"
    with translation.override("de"):
        assert date_words.writer("WEEKDAY_DAY_MONTH_FORMAT")(day) == "So, 6. Dez"
    with translation.override("es"):
        assert date_words.writer("DATE_FORMAT")(day) == "6 de diciembre de 2026"


def test_a_letter_it_does_not_write_leaves_the_format_to_date_format():
    assert date_words._compile("jS F Y") is None  # the English ordinal: date_format writes it
    assert date_words._compile(r"j \d\e F") == "{0.day} de {4}"


def test_a_brace_in_a_format_is_written_as_itself():
    assert date_words._compile("{j}") == "{{{0.day}}}"
