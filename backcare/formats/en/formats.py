# How dates and times read in English (docs/translations.md, "Dates"): day before month, as in the
# UK and most of the English-speaking world; 24-hour times. Django's named formats, plus the
# project's own names for the shapes its pages use (each language's module defines every name).
DATE_FORMAT = "j F Y"  # 6 December 2026
SHORT_DATE_FORMAT = "j M Y"  # 6 Dec 2026
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 6 Dec 2026, 19:30
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"  # 6 December
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
DAY_MONTH_FORMAT = "j M"  # 6 Dec
WEEKDAY_DAY_MONTH_FORMAT = "D j M"  # Sun 6 Dec
WEEKDAY_DATE_FORMAT = "l j F"  # Sunday 6 December
WEEKDAY_FULL_DATE_FORMAT = "l j F Y"  # Sunday 6 December 2026
WEEKDAY_SHORT_DATETIME_FORMAT = "D j M Y, H:i"  # Sun 6 Dec 2026, 19:30
