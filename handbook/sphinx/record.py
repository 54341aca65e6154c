"""The record's "as of" date, derived from the data and offered to every page.

At ``config-inited`` this extension reads the date of the latest event in ``data/events.csv``
(through :func:`handbook.data.load`, so the file is validated first) and defines the MyST
substitution ``{{ record_as_of }}`` ("2 March 2026"). Pages write ``{{ record_as_of }}`` instead of
typing a date that the next data release would make false.
"""
from __future__ import annotations

from pathlib import Path

from ..dates import long_date


def record_as_of(data_dir: Path | None = None) -> str:
    """The date of the latest event, as the handbook writes dates in prose."""
    from .. import DATA_DIR
    from ..data import load

    events = load("events", data_dir=data_dir or DATA_DIR)
    latest = events.sort_values("date").iloc[-1]
    return long_date(latest["date"], latest["date_precision"])


def _config_inited(app, config) -> None:
    data_dir = Path(app.srcdir) / "data"
    substitutions = dict(config.myst_substitutions or {})
    substitutions["record_as_of"] = record_as_of(data_dir if data_dir.is_dir() else None)
    config.myst_substitutions = substitutions


def setup(app):
    app.connect("config-inited", _config_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
