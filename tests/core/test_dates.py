"""The long lists' dates read as the `date` filter writes them, for every day of a year."""

import datetime

from django.template.defaultfilters import date as date_filter

from pcc_portal.core.dates import long_date, short_date, weekday_date


def test_short_and_long_dates_read_as_the_date_filter_writes_them():
    first = datetime.date(2028, 1, 1)  # a leap year: 29 February too
    for offset in range(366):
        day = first + datetime.timedelta(days=offset)
        assert short_date(day) == date_filter(day, "j M Y")
        assert long_date(day) == date_filter(day, "j F Y")
        assert weekday_date(day) == date_filter(day, "l j F Y")
