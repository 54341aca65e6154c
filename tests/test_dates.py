"""Dates are never written more precisely than the data knows them."""
import pandas as pd

from handbook.dates import long_date, short_date


def test_long_and_short_dates_follow_precision():
    date = pd.Timestamp("2022-02-24")
    assert long_date(date) == "24 February 2022"
    assert long_date(pd.Timestamp("2022-02-01"), "month") == "February 2022"
    assert long_date(pd.Timestamp("2022-01-01"), "year") == "2022"
    assert short_date(date, "day") == "24 Feb 2022"
    assert short_date(pd.Timestamp("2014-03-01"), "month") == "Mar 2014"
