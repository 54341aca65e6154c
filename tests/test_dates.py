"""Dates are never written more precisely than the data knows them."""
import pandas as pd

from handbook.dates import iso, long_date, short_date


def test_long_and_short_dates_follow_precision():
    date = pd.Timestamp("2022-02-24")
    assert long_date(date) == "24 February 2022"
    assert long_date(pd.Timestamp("2022-02-01"), "month") == "February 2022"
    assert long_date(pd.Timestamp("2022-01-01"), "year") == "2022"
    assert short_date(date, "day") == "24 Feb 2022"
    assert short_date(pd.Timestamp("2014-03-01"), "month") == "Mar 2014"


def test_iso_dates_for_chart_data():
    assert iso(pd.Timestamp("2022-02-24")) == "2022-02-24"
    series = pd.Series(pd.to_datetime(["2014-09-05", None]))
    assert iso(series).tolist()[0] == "2014-09-05" and pd.isna(iso(series).tolist()[1])
