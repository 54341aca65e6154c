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
from charts_in_book import COMPOSITIONS, NOTEBOOKS, all_charts, find_layers, stored_charts

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


def _tooltips(layer) -> list[dict]:
    tips = layer.encoding.get("tooltip")
    tips = tips if isinstance(tips, list) else [tips]
    return [tip for tip in tips if isinstance(tip, dict) and isinstance(tip.get("field"), str)]


#: Where a panel can be: a composition's children, or a facet's or repeat's inner ``spec``.
COMPOSITIONS_AND_SPEC = (*COMPOSITIONS, "spec")


def _facet_fields(spec: dict) -> set[str]:
    """The fields that split a chart into panels (``facet``, ``row``, ``column``), anywhere."""
    found = set()
    if isinstance(spec.get("facet"), dict):
        facet = spec["facet"]
        for definition in [facet] if "field" in facet else facet.values():
            if isinstance(definition, dict) and isinstance(definition.get("field"), str):
                found.add(definition["field"])
    for key in COMPOSITIONS_AND_SPEC:
        children = spec.get(key)
        for child in children if isinstance(children, list) else [children]:
            if isinstance(child, dict):
                found |= _facet_fields(child)
    return found



@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_tooltips_are_titled_and_cite_sources(chart):
    """A tooltip's title heads its column in the chart's data table: a field's name is no
    heading. A source is shown as a citation, not as the bibliography keys the data holds."""
    from handbook.sources import bibliography, split_keys

    keys = set(bibliography())
    for layer in find_layers(chart.spec):
        for tip in _tooltips(layer):
            assert tip.get("title"), f"{chart}: the tooltip of {tip['field']!r} has no title"
            values = {str(_value(row, tip["field"])) for row in layer.values} - {"None", ""}
            raw = sorted(v for v in values if split_keys(v) and set(split_keys(v)) <= keys)
            assert not raw, (f"{chart}: the tooltip {tip['title']!r} shows bibliography keys "
                             f"({raw[0]!r}); show handbook.sources.cite_short of them")


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_categories_drawn_are_in_the_tooltips(chart):
    """What a colour or a shape with a legend, or a panel, tells the eye, the tooltip (and so the
    data table a keyboard or screen-reader user reads) tells in words. Categories on an axis are
    left to the chart's author: the tooltip often names them more fully (an episode's name for
    its short label)."""
    facets = _facet_fields(chart.spec)
    for layer in find_layers(chart.spec):
        tips = {tip["field"] for tip in _tooltips(layer)}
        if not tips:
            continue
        drawn = set(facets)
        for channel in ("color", "fill", "shape"):
            encoding = layer.encoding.get(channel)
            if not isinstance(encoding, dict) or encoding.get("type") not in ("nominal", "ordinal"):
                continue
            if "legend" in encoding and encoding["legend"] is None:
                continue  # no legend: it repeats an axis, or it only alternates shading
            drawn.add(encoding.get("field"))
        drawn &= {key for row in layer.values[:1] for key in row} or drawn
        missing = sorted(field for field in drawn if field and field not in tips)
        assert not missing, f"{chart}: {missing} drawn by colour, shape or panel, not in the tooltips"


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_tooltips_show_fields_the_data_hold(chart):
    """The table under a chart is built from its data, which cannot run Vega expressions: a
    tooltip shows a field the rows hold or a ``lookup`` joins to them, not one a ``calculate``
    transform makes in the browser (compute it in pandas)."""
    for layer in find_layers(chart.spec):
        joined = {field for transform in layer.spec.get("transform", []) if "lookup" in transform
                  for field in transform.get("from", {}).get("fields", [])}
        held = {key for row in layer.values for key in row} | joined
        missing = [tip["field"] for tip in _tooltips(layer)
                   if layer.values and tip["field"].split(".")[0] not in held]
        assert not missing, f"{chart}: tooltips {missing} are computed in the browser"
