"""Dates written in the active language for rows built in Python (History's calendar and day
list, the PSFS rows of History and the report): what `formats.date_format(day, name)` writes, for
a fraction of its cost.

`date_format` builds a `DateFormat` and translates the month's or weekday's name on every call; a
year of History's rows would pay that hundreds of times. Here each named format of the active
language (`backcare/formats/<lang>/formats.py`, docs/translations.md "Dates") is compiled once into
a `str.format` pattern, with Django's month and weekday names translated once, and kept per
language: shared words, never anything of a user. A format letter not compiled here falls back to
`date_format` itself. tests/journal/test_date_words.py compares the two in every language.
"""

from weakref import WeakKeyDictionary

from django.conf import settings
from django.utils import dates, formats
from django.utils.translation import trans_real

# Format letters (Django's `date` filter) and the field of `_Names.fields` each is read from; any
# other letter makes the format fall back to `date_format`.
_NUMBERS = {"j": "{0.day}", "d": "{0.day:02d}", "n": "{0.month}", "m": "{0.month:02d}", "Y": "{0.year:04d}"}
_NAMES = {"D": "{1}", "l": "{2}", "M": "{3}", "F": "{4}", "b": "{5}", "N": "{6}", "E": "{7}"}

# {translation catalogue: {(format's name, its letters): writer}}: a new catalogue (another
# language, or the catalogues loaded again) starts afresh, and an old one's entry goes with it.
_KEPT = WeakKeyDictionary()


def _compile(letters):
    """A `str.format` pattern writing `letters` (a Django date format), or None when it holds a
    letter this module does not write."""
    out, escaped = [], False
    for char in letters:
        if escaped:
            out.append(char.replace("{", "{{").replace("}", "}}"))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _NUMBERS:
            out.append(_NUMBERS[char])
        elif char in _NAMES:
            out.append(_NAMES[char])
        elif char.isalpha():
            return None
        else:
            out.append(char.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def _writer(name, letters):
    pattern = _compile(letters)
    if pattern is None:
        return lambda day: formats.date_format(day, letters)
    # Each name as DateFormat writes it (django/utils/dateformat.py), translated once.
    weekdays_abbr = [str(dates.WEEKDAYS_ABBR[n]) for n in range(7)]
    weekdays = [str(dates.WEEKDAYS[n]) for n in range(7)]
    months_3 = [""] + [str(dates.MONTHS_3[n]) for n in range(1, 13)]
    months_title = [m.title() for m in months_3]
    months = [""] + [str(dates.MONTHS[n]) for n in range(1, 13)]
    months_ap = [""] + [str(dates.MONTHS_AP[n]) for n in range(1, 13)]
    months_alt = [""] + [str(dates.MONTHS_ALT[n]) for n in range(1, 13)]
    write = pattern.format

    def writer(day):
        w, m = day.weekday(), day.month
        return write(
            day,
            weekdays_abbr[w],
            weekdays[w],
            months_title[m],
            months[m],
            months_3[m],
            months_ap[m],
            months_alt[m],
        )

    return writer


def format_letters(name):
    """The active language's letters for the named format; a language without a format module of
    its own (one being added) reads the site's default language's, never the name as letters."""
    letters = formats.get_format(name)
    if letters == name:
        letters = formats.get_format(name, lang=settings.LANGUAGE_CODE)
    return letters


def writer(name):
    """A function writing a date in the named format of the active language (a format's name, as
    "WEEKDAY_DAY_MONTH_FORMAT"); call it once a page, then once a date."""
    letters = format_letters(name)
    kept = _KEPT.setdefault(trans_real.catalog(), {})
    found = kept.get((name, letters))
    if found is None:
        found = kept[(name, letters)] = _writer(name, letters)
    return found


def month_abbreviation(month):
    """The month's short name as the `M` letter writes it ("Dec", "Dic", "Dez")."""
    return str(dates.MONTHS_3[month]).title()


def names():
    """Django's month and weekday names in the active language, for a script that writes dates
    itself (History's chart): {"months", "months_3", "weekdays", "weekdays_abbr"}, months from
    January, weekdays from Monday, each as the `date` filter's F, M, l and D write them."""
    kept = _KEPT.setdefault(trans_real.catalog(), {})
    found = kept.get("names")
    if found is None:
        found = kept["names"] = {
            "months": [str(dates.MONTHS[n]) for n in range(1, 13)],
            "months_3": [month_abbreviation(n) for n in range(1, 13)],
            "weekdays": [str(dates.WEEKDAYS[n]) for n in range(7)],
            "weekdays_abbr": [str(dates.WEEKDAYS_ABBR[n]) for n in range(7)],
        }
    return found
