"""Dates as the publication writes them, everywhere (the admin included): “16 July 2003”, and
times with their zone, “16 July 2003, 09:00 (CEST)”, as articles/text/dates.py does."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i (T)"
SHORT_DATETIME_FORMAT = "j M Y, H:i (T)"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
