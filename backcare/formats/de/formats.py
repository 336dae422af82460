# How dates and times read in German (docs/translations.md, "Dates"): "6. Dezember 2026".
DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. M Y"  # 6. Dez 2026
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATETIME_FORMAT = "j. M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
DAY_MONTH_FORMAT = "j. M"
WEEKDAY_DAY_MONTH_FORMAT = "D, j. M"  # So, 6. Dez
WEEKDAY_DATE_FORMAT = "l, j. F"  # Sonntag, 6. Dezember
WEEKDAY_FULL_DATE_FORMAT = "l, j. F Y"
WEEKDAY_SHORT_DATETIME_FORMAT = "D, j. M Y, H:i"
