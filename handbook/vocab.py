"""One vocabulary: how every categorical field is labelled, ordered, coloured and shaped.

The vocabulary is written once, in ``data/datapackage.json``, as a field property
``x-vocabulary``: a list, in display order, of ``{"value", "label", "colour", "shape"}`` objects,
one per allowed value (the same values as the field's ``enum`` constraint). Every chart that
encodes such a field takes its labels and scales from here, so a value looks the same in every
chapter, whatever subset of values a chart shows::

    frame["status_label"] = vocab.label(frame["status"], "territory", "status")
    alt.Color("status_label:N", scale=vocab.colour("territory", "status", frame["status"]))
    alt.Shape("status_label:N", scale=vocab.shape("territory", "status", frame["status"]))

``tests/test_chart_contract.py`` reads every chart stored in the book and fails when one field's labels
are drawn with colours or shapes other than these.
"""
from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from .data import describe


class VocabularyError(KeyError):
    """A field has no vocabulary, or a value is not in it."""


def terms(resource: str, field: str) -> list[dict]:
    """The vocabulary of ``resource.field``: dicts with value, label, colour and shape, in order."""
    for spec in describe(resource)["schema"]["fields"]:
        if spec["name"] == field:
            if "x-vocabulary" not in spec:
                raise VocabularyError(f"{resource}.{field} has no x-vocabulary in datapackage.json")
            return [dict(t) for t in spec["x-vocabulary"]]
    raise VocabularyError(f"{resource} has no field {field!r}")


def _present(resource: str, field: str, values: Iterable[str] | None) -> list[dict]:
    all_terms = terms(resource, field)
    if values is None:
        return all_terms
    wanted = {v for v in values if isinstance(v, str)}
    unknown = wanted - {t["value"] for t in all_terms}
    if unknown:
        raise VocabularyError(f"{resource}.{field}: not in the vocabulary: {sorted(unknown)}")
    return [t for t in all_terms if t["value"] in wanted]


def labels(resource: str, field: str) -> dict[str, str]:
    """value -> label, in display order."""
    return {t["value"]: t["label"] for t in terms(resource, field)}


def order(resource: str, field: str, values: Iterable[str] | None = None) -> list[str]:
    """The labels of the values present in ``values`` (all when None), in display order."""
    return [t["label"] for t in _present(resource, field, values)]


def label(values: pd.Series, resource: str, field: str) -> pd.Series:
    """``values`` mapped to their labels (a string Series); unknown values raise."""
    _present(resource, field, values.dropna())
    return values.map(labels(resource, field)).astype("string")


def colour(resource: str, field: str, values: Iterable[str] | None = None) -> alt.Scale:
    """A colour scale from the labels of the values present to their colours."""
    present = _present(resource, field, values)
    return alt.Scale(domain=[t["label"] for t in present], range=[t["colour"] for t in present])


def shape(resource: str, field: str, values: Iterable[str] | None = None) -> alt.Scale:
    """A shape scale from the labels of the values present to their shapes."""
    present = _present(resource, field, values)
    return alt.Scale(domain=[t["label"] for t in present], range=[t["shape"] for t in present])


def all_vocabularies() -> dict[tuple[str, str], list[dict]]:
    """Every field that has a vocabulary, keyed by (resource, field)."""
    from .data import read_package

    out = {}
    for resource in read_package()["resources"]:
        for spec in resource["schema"]["fields"]:
            if "x-vocabulary" in spec:
                out[(resource["name"], spec["name"])] = spec["x-vocabulary"]
    return out
