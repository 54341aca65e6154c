"""One contract for every chart in the book, read from the charts the notebooks store.

Every chart has a title and subtitle, a description for screen readers, a source line, tooltips,
titled axes (with a unit where the axis is a quantity), and draws each categorical field the one
way its vocabulary says (``x-vocabulary`` in data/datapackage.json, read by handbook.vocab).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from charts_in_book import NOTEBOOKS, all_charts, find_layers, stored_charts

from handbook import vocab

CHARTS = all_charts()
IDS = [str(chart) for chart in CHARTS]
DATA_MARKS = {"point", "circle", "square", "bar", "line", "area", "rect", "tick", "geoshape",
              "trail", "arc", "rule"}
UNIT = re.compile(r"\(.+\)|%|per cent|\bin \w+|km|USD|EUR|RUB|\$|number|count|share|year", re.I)


def test_the_book_has_charts():
    assert len(CHARTS) >= 10, f"only {len(CHARTS)} charts found in {len(NOTEBOOKS)} notebooks"


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_chart_is_framed(chart):
    spec = chart.spec
    title = spec.get("title")
    assert isinstance(title, dict) and title.get("text"), f"{chart}: no title"
    assert title.get("subtitle"), f"{chart}: no subtitle"
    assert len(spec.get("description", "")) >= 40, f"{chart}: no description for screen readers"
    text = json.dumps(spec.get("datasets", {}), ensure_ascii=False)
    assert '"Source: ' in text, f"{chart}: no source line (use handbook.charts.finish)"


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_chart_has_tooltips(chart):
    drawn = [layer for layer in find_layers(chart.spec) if layer.mark in DATA_MARKS]
    assert any("tooltip" in layer.encoding for layer in drawn), f"{chart}: no tooltips"


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_axes_have_titles_and_units(chart):
    titles, kinds = defaultdict(list), defaultdict(set)
    for layer in find_layers(chart.spec):
        for channel in ("x", "y"):
            encoding = layer.encoding.get(channel)
            if not isinstance(encoding, dict) or "field" not in encoding:
                continue
            if encoding.get("axis", {}) is None or encoding.get("scale", {}) is None:
                continue  # a label's position, not an axis
            kinds[channel].add(encoding.get("type"))
            axis = encoding.get("axis") or {}
            titles[channel].append(encoding.get("title") or axis.get("title"))
    for channel, types in kinds.items():
        named = [t for t in titles[channel] if t]
        if not types & {"quantitative", "temporal"}:
            continue
        assert named, f"{chart}: the {channel} axis has no title"
        if "quantitative" in types and "temporal" not in types:
            text = " ".join(t if isinstance(t, str) else " ".join(t) for t in named)
            assert UNIT.search(text), f"{chart}: the {channel} axis title {named[0]!r} has no unit"


def _value(row: dict, field: str):
    for part in field.split("."):
        if not isinstance(row, dict):
            return None
        row = row.get(part)
    return row


def _label_owners() -> dict[str, set[tuple[str, str]]]:
    owners = defaultdict(set)
    for key, terms in vocab.all_vocabularies().items():
        for term in terms:
            owners[term["label"]].add(key)
    return owners


OWNERS = _label_owners()


def _categorical_encodings(chart):
    """(channel, labels drawn, label -> colour or shape) for each categorical colour/shape."""
    for layer in find_layers(chart.spec):
        for channel in ("color", "fill", "shape"):
            encoding = layer.encoding.get(channel)
            if not isinstance(encoding, dict) or encoding.get("type") != "nominal":
                continue
            field = encoding.get("field")
            drawn = {_value(row, field) for row in layer.values} - {None}
            scale = encoding.get("scale") or {}
            mapping = dict(zip(scale.get("domain", []), scale.get("range", [])))
            yield ("shape" if channel == "shape" else "colour"), field, drawn, mapping


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_chart_draws_categories_from_the_vocabulary(chart):
    """A categorical encoding whose values are a vocabulary's labels uses that vocabulary's
    colours or shapes, for exactly those labels."""
    for kind, field, drawn, mapping in _categorical_encodings(chart):
        known = {label for label in drawn if label in OWNERS}
        if not known:
            continue
        candidates = set.intersection(*(OWNERS[label] for label in known))
        assert known == drawn and candidates, (
            f"{chart}: {field} mixes labels of different vocabularies or unknown labels: "
            f"{sorted(drawn - known)}")
        good = []
        for resource, name in candidates:
            terms = {t["label"]: t for t in vocab.terms(resource, name)}
            if all(mapping.get(label) == terms[label][kind] for label in drawn):
                good.append((resource, name))
        assert good, (f"{chart}: {field} draws {sorted(drawn)} with {kind}s {mapping}, not those of "
                      f"the vocabulary of {sorted(candidates)} (use handbook.vocab.{kind})")


def test_no_label_is_drawn_two_ways():
    """Across the whole book, a label keeps its colour and its shape."""
    seen = defaultdict(dict)  # (kind, label) -> {value: first chart}
    clashes = []
    for chart in CHARTS:
        for kind, _field, drawn, mapping in _categorical_encodings(chart):
            for label in drawn:
                if label not in mapping:
                    continue
                first = seen[(kind, label)]
                if first and mapping[label] not in first:
                    other, where = next(iter(first.items()))
                    clashes.append(f"{label!r}: {kind} {mapping[label]} in {chart}, {other} in {where}")
                first.setdefault(mapping[label], str(chart))
    assert not clashes, "the same label drawn two ways:\n" + "\n".join(clashes)


def test_find_layers_walks_layers_and_concatenations():
    spec = {"datasets": {"d": [{"a": 1}]}, "data": {"name": "d"},
            "vconcat": [{"layer": [{"mark": "point"}, {"mark": {"type": "text"}}]},
                        {"hconcat": [{"mark": "bar", "data": {"values": [{"b": 2}]}}]},
                        {"facet": {"row": {"field": "a"}}, "spec": {"mark": "line"}}]}
    layers = find_layers(spec)
    assert [layer.mark for layer in layers] == ["point", "text", "bar", "line"]
    assert layers[0].values == [{"a": 1}] and layers[2].values == [{"b": 2}]
    assert [layer.mark for layer in find_layers(spec, mark="bar")] == ["bar"]


def test_stored_charts_reads_every_chart_of_a_notebook():
    notebook = next(n for n in NOTEBOOKS if n.stem.startswith("07"))
    charts = stored_charts(notebook)
    html = notebook.read_text(encoding="utf-8")
    assert len(charts) == html.count('"$schema": \\"https://vega.github.io/schema/vega-lite') or charts
