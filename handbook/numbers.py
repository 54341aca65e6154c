"""Figures as the handbook stores them: rounded, so that they read the same on every machine.

A float computed at full precision can differ in its last digit between two machines (a different
BLAS, a different summation order): ``0.8424399911754025`` here, ``0.842439991175402`` there.
Stored notebook outputs must not depend on that, so every float a chart embeds passes through
:func:`significant`, and every figure a chapter glues into its prose is rounded to the decimals
the prose shows (``tests/test_outputs.py`` checks both).
"""
from __future__ import annotations

import math

import pandas as pd

#: Significant digits kept for floats embedded in chart data. Far above what any chart shows,
#: far below the 15–17 digits at which machines disagree.
CHART_DIGITS = 6


def significant(value: float, digits: int = CHART_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits (NaN and infinities unchanged)."""
    if value is None or pd.isna(value) or not math.isfinite(value) or value == 0:
        return value
    return float(f"{value:.{digits}g}")


def rounded_frame(frame: pd.DataFrame, digits: int = CHART_DIGITS) -> pd.DataFrame:
    """A copy of ``frame`` whose float columns hold at most ``digits`` significant digits."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].map(lambda v: significant(v, digits)).astype(out[column].dtype)
    return out


def figure_text(value: float, low: float = math.nan, high: float = math.nan) -> str:
    """A figure as a table prints it, from the three columns a dataset keeps for it: the value
    (``"1,000"``, ``"17.5"``), or a range (``"20,000–50,000"``), or a bound alone: the low end of a
    "more than" figure (``"more than 30,000"``), the high end of an "up to" one
    (``"up to 2,700"``). Missing values may be NaN, None or ``pd.NA``."""
    has = [v is not None and not pd.isna(v) for v in (value, low, high)]
    if has[0]:
        return _number(value)
    if has[1] and has[2]:
        return f"{_number(low)}–{_number(high)}"
    if has[1]:
        return f"more than {_number(low)}"
    if has[2]:
        return f"up to {_number(high)}"
    raise ValueError("a figure needs a value, a range or a bound")


def _number(value: float) -> str:
    """A whole number with thousands separators; a fraction to at most two decimals (17.5)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0")
