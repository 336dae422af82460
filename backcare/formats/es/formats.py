# How dates and times read in Spanish (docs/translations.md, "Dates"): "6 de diciembre de 2026".
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j M Y"  # 6 Dic 2026
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
FIRST_DAY_OF_WEEK = 1
DAY_MONTH_FORMAT = "j M"
WEEKDAY_DAY_MONTH_FORMAT = "D j M"  # dom 6 Dic
WEEKDAY_DATE_FORMAT = r"l j \d\e F"  # domingo 6 de diciembre
WEEKDAY_FULL_DATE_FORMAT = r"l j \d\e F \d\e Y"
WEEKDAY_SHORT_DATETIME_FORMAT = "D j M Y, H:i"
