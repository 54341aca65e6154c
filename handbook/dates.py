"""Dates as the handbook writes them: never more precise than the data."""
from __future__ import annotations

import pandas as pd

LONG_FORMATS = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}
SHORT_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def long_date(date: pd.Timestamp, precision: str = "day") -> str:
    """For prose and tooltips: '24 February 2022', 'February 2022' or '2022'."""
    return pd.Timestamp(date).strftime(LONG_FORMATS.get(str(precision), "%Y-%m-%d"))


def short_date(date: pd.Timestamp, precision: str = "day") -> str:
    """For tables: '24 Feb 2022', 'Feb 2022' or '2022'."""
    return pd.Timestamp(date).strftime(SHORT_FORMATS.get(str(precision), "%Y-%m-%d"))


def iso(dates):
    """For chart data: '2022-02-24', for one date or a Series of dates (missing stays missing)."""
    if isinstance(dates, pd.Series):
        return dates.dt.strftime("%Y-%m-%d")
    return pd.Timestamp(dates).strftime("%Y-%m-%d")
