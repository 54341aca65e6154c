"""Sphinx extension: every chart visible before any script runs, with its data beside it.

A chart's HTML output (:func:`handbook.charts.chart_html`) is an empty ``<div>`` and a script
that holds its Vega-Lite specification. When a page is written, this extension replaces the script
and, for each chart,

* renders the specification with vl-convert to a static SVG (its own theme and configuration)
  and shows it in the chart's ``<div>`` as an image (``chart-data/<page>-<n>.svg``) whose
  ``alt`` text is the chart's description, the text Vega gives the interactive chart: the chart
  is seen at once, without JavaScript, in print and in a reader that blocks scripts. The image
  has its width and height, so nothing moves when it arrives. Renders are cached in
  ``_build/.chart-cache`` (kept between builds, removed by ``make clean``) by a hash of the
  specification and the renderer's version;
* writes the specification to ``chart-data/<page>-<n>.json``, which the loader of :mod:`.vega`
  hands to Vega-Embed when the reader comes to the chart; Vega-Embed empties the ``<div>``
  before it draws, so the interactive chart (tooltips) replaces the image and is never doubled
  by it, for the eye or for a screen reader;
* raises any font size under :data:`MIN_FONT_SIZE` pixels, in the image and the interactive
  chart alike. Charts are drawn at their natural width and scroll sideways inside their own
  frame on a narrow screen (``handbook.css``), never shrunk, so this is the size a phone shows;
* adds, under the chart, a ``<details>`` element ("The data behind this chart") holding an HTML
  table of the rows the chart draws (its main dataset, then any other dataset it draws with
  tooltips of its own; the columns its tooltips name, titled as the tooltips title them, dates
  as dates), a link to the same rows as a CSV file written next to
  the page (``chart-data/<page>-<n>.csv``: a file, as the Content-Security-Policy allows no
  ``data:`` links; it adds the fields that only place a mark, such as a bar's end), the chart's
  source line and a "How to cite" line. Keyboard and screen-reader users get from it what the
  tooltips show (the chart contract in ``tests/test_chart_contract.py`` keeps every tooltip
  titled and every category drawn by colour, shape or panel in the tooltips).

The stored notebooks are not changed: all of this happens to the HTML as it is written.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..files import cached, write_atomically

#: An Altair chart as ``handbook.charts`` renders it: an empty, identified div and its script.
CHART = re.compile(r'<div id="(?P<id>altair-viz-[0-9a-f]+)"></div>(?P<gap>\s*)'
                   r'<script type="text/javascript">(?P<script>.*?)</script>', re.S)
#: The end of Altair's chart script: ``})(SPEC, EMBED_OPTIONS);``.
CALL = re.compile(r"\}\)\((?P<spec>\{.*\}), (?P<options>\{[^{}]*\})\);\s*$", re.S)
#: The smallest text a chart may draw, in CSS pixels (issue 15: 11 px on a 390-px screen).
MIN_FONT_SIZE = 11
#: Rows shown in a chart's table; the CSV file holds them all.
MAX_TABLE_ROWS = 400
CSV_FOLDER = "chart-data"
CACHE_FOLDER = ".chart-cache"
CHANNELS = ("x", "y", "x2", "y2", "theta", "radius", "latitude", "longitude", "row", "column",
            "facet", "color", "fill", "stroke", "shape", "size", "opacity", "text", "detail",
            "tooltip")


# --------------------------------------------------------------------------------------------
# The specification in Altair's script


def split_script(script: str) -> tuple[dict, dict] | None:
    """The chart specification in an Altair chart script and Vega-Embed's options (``None`` if
    the script is not one)."""
    match = CALL.search(script)
    if not match:
        return None
    try:
        return json.loads(match["spec"]), json.loads(match["options"])
    except ValueError:
        return None


def with_minimum_font_size(spec: dict, minimum: float = MIN_FONT_SIZE) -> dict:
    """A copy of ``spec`` in which every font size (``fontSize``, ``labelFontSize``,
    ``titleFontSize``…) under ``minimum`` is ``minimum``; the datasets are shared, not copied."""
    def raise_size(key, value):
        small = key.lower().endswith("fontsize") and isinstance(value, (int, float)) and value < minimum
        return minimum if small else value

    return rewritten(spec, raise_size)


def rewritten(spec: dict, change) -> dict:
    """A copy of ``spec`` in which every value ``v`` under a key ``k`` (at any depth, in lists too)
    is ``change(k, v)``, applied on the way down; the datasets are shared, not copied or changed."""
    def walk(node):
        if isinstance(node, dict):
            return {key: walk(change(key, value)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    fixed = walk({key: value for key, value in spec.items() if key != "datasets"})
    if "datasets" in spec:
        fixed["datasets"] = spec["datasets"]
    return fixed


# --------------------------------------------------------------------------------------------
# The static image

#: The font list of the static image: the handbook's (:data:`handbook.charts.FONT`) with its widest
#: member first. vl-convert measures text with the first font of a list that it has, and sizes the
#: image to fit; the reader's browser draws the image's text with the first font the reader has. So
#: the image is measured with DejaVu Sans, the widest of the list and the font Linux systems fall
#: back to: where the reader has it, text fits exactly; where not, a narrower font draws it (Helvetica
#: Neue, Arial) and it still fits. Measured with Arial's metrics and drawn in DejaVu Sans, long axis
#: labels lost their first letters and long subtitles their last words. The interactive chart
#: measures in the browser and keeps the handbook's own order.
STATIC_FONT = "DejaVu Sans, Helvetica Neue, Arial, Liberation Sans, sans-serif"


def with_static_font(spec: dict) -> dict:
    """A copy of ``spec`` whose fonts (the configuration's and any mark's or title's that names
    :data:`handbook.charts.FONT`) are :data:`STATIC_FONT`; the datasets are shared, not copied."""
    from ..charts import FONT  # altair is imported only when a page is written

    fixed = rewritten(spec, lambda key, value: STATIC_FONT if value == FONT else value)
    fixed.setdefault("config", {})["font"] = STATIC_FONT
    return fixed


def spec_hash(spec: dict) -> str:
    """A hash of ``spec`` and of the renderer that draws it (vl-convert and Vega-Lite)."""
    import vl_convert as vlc

    from ..charts import vl_convert_version

    text = json.dumps(spec, sort_keys=True, ensure_ascii=True)
    renderer = f"vl-convert {getattr(vlc, '__version__', '')} vega-lite {vl_convert_version()}"
    return hashlib.sha256(f"{renderer}\n{text}".encode()).hexdigest()


def render_svg(spec: dict, cache: Path | None = None) -> str:
    """``spec`` drawn as SVG by vl-convert, offline; read from ``cache`` (a folder) when it was
    drawn before, and stored there when not."""
    import vl_convert as vlc

    from ..charts import vl_convert_version

    return cached(cache / f"{spec_hash(spec)}.svg" if cache is not None else None,
                  lambda: vlc.vegalite_to_svg(spec, vl_version=vl_convert_version()))


def static_svg(svg: str) -> str:
    """vl-convert's SVG as a file an ``<img>`` shows: the XML declaration, and the roles and
    ARIA attributes that only an inline SVG would expose, removed (the image's ``alt`` text,
    the chart's description, is what assistive technology reads)."""
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg)
    return re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", svg)


# --------------------------------------------------------------------------------------------
# The data behind a chart


def _text(value) -> str:
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values() if isinstance(v, (str, list)))
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    return "" if value is None else str(value)


def chart_title(spec: dict) -> str:
    """The chart's title (its first line, without the subtitle)."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    return _text(title).strip()


def _units(node: dict, data: str | None):
    """Every view in ``node`` (a unit with a mark, or a composition), with the name of the
    dataset it draws (inherited from its parents when it names none)."""
    own = node.get("data")
    if isinstance(own, dict) and "name" in own:
        data = own["name"]
    if "mark" in node:
        yield node, data
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []):
            yield from _units(child, data)
    if isinstance(node.get("spec"), dict):
        yield from _units(node["spec"], data)


def _field_defs(node: dict):
    """The field definitions of a view's encoding (and of its facet), tooltips included."""
    encoding = dict(node.get("encoding", {}))
    facet = node.get("facet")
    if isinstance(facet, dict):
        encoding.update({"facet": facet} if "field" in facet else facet)
    for channel in CHANNELS:
        definitions = encoding.get(channel)
        for definition in definitions if isinstance(definitions, list) else [definitions]:
            if isinstance(definition, dict) and isinstance(definition.get("field"), str):
                yield channel, definition


def is_source_line(rows: list[dict]) -> bool:
    """The one-row dataset of the source line under every chart (``handbook.charts.finish``)."""
    return (len(rows) == 1 and set(rows[0]) == {"text"}
            and str(rows[0]["text"]).startswith("Source:"))


def source_line(spec: dict) -> str | None:
    """The chart's source line ("Source: …"), as the chart prints it."""
    for rows in spec.get("datasets", {}).values():
        if is_source_line(rows):
            return str(rows[0]["text"]).strip()
    return None


def with_lookups(rows: list[dict], transforms: list, datasets: dict) -> list[dict]:
    """``rows`` with the fields that the ``lookup`` transforms among ``transforms`` join to them
    from another inline dataset (a chart keeps a long title once, not on every row); rows that
    find nothing get ``None``, as Vega-Lite's lookup gives them."""
    for transform in transforms:
        source = transform.get("from", {}) if isinstance(transform, dict) else {}
        data, fields = source.get("data", {}), source.get("fields")
        if "lookup" not in transform or not fields:
            continue
        table = datasets.get(data.get("name"), data.get("values", []))
        found = {row.get(source.get("key")): row for row in table}
        rows = [{**row, **{field: found.get(row.get(transform["lookup"]), {}).get(field)
                           for field in fields}} for row in rows]
    return rows


class ChartData(NamedTuple):
    """The rows a chart draws, and the columns of them to show."""

    #: Every field the chart shows, as ``(field, heading)``: tooltips first, then the other
    #: fields its marks encode (the CSV file).
    columns: list[tuple[str, str]]
    rows: list[dict]
    #: The columns of the table under the chart: the tooltips' fields, what a reader who hovers
    #: over a mark is told (every column when the chart has no tooltips). The fields that only
    #: place a mark (a bar's end, a label's row, coordinates) stay in the CSV file.
    shown: list[tuple[str, str]]
    #: The fields drawn as dates, which the table and the CSV file write as dates.
    temporal: frozenset[str] = frozenset()


def _dataset_columns(units: list, name: str, rows: list[dict]):
    """The columns of one dataset: ``(columns, tooltip fields, temporal fields)``, where the
    columns are ``(field, heading)`` pairs, tooltips first (see :func:`chart_data`)."""
    present = list(dict.fromkeys(key for row in rows for key in row))
    headings: dict[str, str] = {}
    order: list[tuple[int, str]] = []
    temporal: set[str] = set()
    for node, unit_name in units:
        if unit_name != name:
            continue
        for channel, definition in _field_defs(node):
            field = definition["field"]
            if field not in present:
                continue
            title = definition.get("title")
            if title and (channel == "tooltip" or headings.get(field, field) == field):
                headings[field] = _text(title).strip()
            headings.setdefault(field, field)
            order.append((0 if channel == "tooltip" else 1, field))
            if definition.get("type") == "temporal":
                temporal.add(field)
    fields = list(dict.fromkeys(field for _, field in sorted(order, key=lambda item: item[0])))
    if not fields:
        fields, headings = present, {field: field for field in present}
    tips = {field for rank, field in order if rank == 0}
    return [(field, headings[field]) for field in fields], tips, temporal


def _repeats(rows: list[dict], among: list[dict]) -> bool:
    """Whether every row of ``rows`` is, on its own fields, a row of ``among`` (a layer that
    redraws some of the main rows, such as highlighted points)."""
    return all(any(all(other.get(key) == value for key, value in row.items()) for other in among)
               for row in rows)


def chart_data(spec: dict) -> ChartData:
    """The rows a chart draws and the columns to show of them.

    The rows are those of the chart's main dataset: the largest of the inline datasets its marks
    draw (the source line aside), with what its ``lookup`` transforms join to them. The columns
    are the fields the marks that draw it encode, tooltips first and in their order, each headed
    by the title the chart gives it (a tooltip's or an axis's) or else its name; fields a
    ``calculate`` transform makes are left out, as the rows do not hold them. A chart that
    encodes none of its rows' fields shows every column. The table shows the tooltips' columns
    (:attr:`ChartData.shown`); the CSV file all of them.

    Other datasets the chart draws with tooltips of their own (a series beside scattered points,
    the eras behind a timeline) follow the main rows, with their tooltips' columns added, so that
    the table holds everything a reader can hover over; a dataset whose rows repeat main rows is
    left out."""
    datasets = spec.get("datasets", {})
    units = list(_units(spec, None))
    drawn = {name for _, name in units if name in datasets and not is_source_line(datasets[name])}
    if not drawn:
        drawn = {name for name, rows in datasets.items() if not is_source_line(rows)}
    if not drawn:
        return ChartData([], [], [])

    def joined(name: str) -> list[dict]:
        rows = datasets[name]
        for node, unit_name in units:
            if unit_name == name:
                rows = with_lookups(rows, node.get("transform", []), datasets)
        return rows

    main = max(sorted(drawn), key=lambda name: len(datasets[name]))
    rows = list(joined(main))
    columns, tips, temporal = _dataset_columns(units, main, rows)
    shown = [column for column in columns if column[0] in tips] or list(columns)
    tipped = dict.fromkeys(name for node, name in units if name in drawn and name != main
                           and any(channel == "tooltip" for channel, _ in _field_defs(node)))
    for name in tipped:
        extra = joined(name)
        if not extra or _repeats(extra, rows):
            continue
        extra_columns, extra_tips, extra_temporal = _dataset_columns(units, name, extra)
        headings, shown_fields = dict(columns), {field for field, _ in shown}
        shown += [(field, headings.get(field, heading)) for field, heading in extra_columns
                  if field in extra_tips and field not in shown_fields]
        temporal |= extra_temporal
        rows += extra
    # The table's columns come first in the CSV file, then those that only place a mark.
    shown_fields = {field for field, _ in shown}
    columns = shown + [column for column in columns if column[0] not in shown_fields]
    return ChartData(columns, rows, shown, frozenset(temporal))


#: A date as Vega-Lite data hold it when pandas wrote a day: midnight, no time zone.
_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?")


def _cell(value, temporal: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if temporal and isinstance(value, str):
        day = _MIDNIGHT.fullmatch(value)
        return day[1] if day else value
    return str(value)


def csv_text(columns: list[tuple[str, str]], rows: list[dict],
             temporal: frozenset[str] = frozenset()) -> str:
    """The rows as CSV, headed by the columns' headings; ``temporal`` fields as dates."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([heading for _, heading in columns])
    for row in rows:
        writer.writerow([_cell(row.get(field), field in temporal) for field, _ in columns])
    return out.getvalue()


def table_html(columns: list[tuple[str, str]], rows: list[dict], caption: str,
               limit: int = MAX_TABLE_ROWS, temporal: frozenset[str] = frozenset()) -> str:
    """An accessible table of the rows (the first ``limit`` of them): a caption, column headers
    with ``scope="col"``; ``temporal`` fields as dates."""
    shown = rows[:limit]
    head = "".join(f'<th scope="col">{html.escape(heading)}</th>' for _, heading in columns)
    def cells(row: dict) -> str:
        return "".join(f"<td>{html.escape(_cell(row.get(field), field in temporal))}</td>"
                       for field, _ in columns)

    body = "".join(f"<tr>{cells(row)}</tr>\n" for row in shown)
    return (f'<table class="handbook-chart-table">\n<caption>{html.escape(caption)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>")


def rows_phrase(count: int, limit: int = MAX_TABLE_ROWS) -> str:
    noun = "row" if count == 1 else "rows"
    if count > limit:
        return f"{count:,} {noun}; the table shows the first {limit:,}, the CSV file all of them"
    return f"{count:,} {noun}"


# --------------------------------------------------------------------------------------------
# The page


def details_html(spec: dict, csv_href: str, citation: str, data: ChartData | None = None) -> str:
    """The ``<details>`` under a chart: its data as a table, the CSV link, source and citation
    (``data``: the chart's :func:`chart_data`, when the caller has it already)."""
    data = data or chart_data(spec)
    rows = data.rows
    title = chart_title(spec) or "the chart"
    parts = [f'<details class="handbook-chart-data">\n<summary>The data behind this chart '
             f"({rows_phrase(len(rows))})</summary>"]
    if data.columns:
        parts.append(f'<div class="handbook-chart-table-frame" tabindex="0" role="region" '
                     f'aria-label="{html.escape("Data of the chart: " + title, quote=True)}">')
        parts.append(table_html(data.shown, rows, f"Data of the chart: {title}",
                                temporal=data.temporal))
        parts.append("</div>")
        parts.append(f'<p><a href="{html.escape(csv_href, quote=True)}" download>Download the '
                     f"data (CSV, {rows_phrase(len(rows), len(rows))})</a></p>")
    source = source_line(spec)
    if source:
        parts.append(f"<p>{html.escape(source)}</p>")
    parts.append(f'<p class="handbook-chart-cite">How to cite this chart: {citation}</p>')
    parts.append("</details>")
    return "\n".join(parts)


def citation_html(chart: str, page_title: str, page_address: str, authors: str, years: str,
                  as_of: str, how_to_cite_href: str) -> str:
    """The "How to cite" line of one chart, in the form of the book's own citation."""
    e = html.escape
    return (f"{e(authors)} ({e(years)}). “{e(chart)}”. Chart in <em>Reading the Kremlin</em>, "
            f"“{e(page_title)}”, {e(page_address)}; record as of {e(as_of)}. Add the day you read "
            f'it (see <a href="{e(how_to_cite_href, quote=True)}">How to cite</a>).')


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height (CSS pixels) an SVG's root element declares."""
    root = re.search(r"<svg\b[^>]*>", svg)
    sizes = [re.search(rf'\s{name}="([\d.]+)', root[0]) if root else None
             for name in ("width", "height")]
    if not all(sizes):
        raise ValueError("the chart's SVG declares no width and height")
    return round(float(sizes[0][1])), round(float(sizes[1][1]))


def rewrite_body(body: str, pagename: str, render, citation, write) -> str:
    """``body`` with each Altair chart replaced by its static image and its data.

    Each chart becomes a frame (which scrolls sideways when the chart is wider than the column)
    holding the chart's element with its static SVG as an image, named by the chart's
    description; the element names the file that holds its specification (``data-spec``), which
    the loader of :mod:`.vega` hands to Vega-Embed when the reader comes to the chart. Altair's
    script goes: the specification is in that file. Then come the chart's data.

    ``render(spec)`` returns the SVG, ``citation(chart_title)`` the "How to cite" HTML and
    ``write(name, text)`` stores a file next to the page (``name`` relative to it)."""
    count = 0
    stem = PurePosixPath(pagename).name

    def replace(match: re.Match) -> str:
        nonlocal count
        parts = split_script(match["script"])
        if parts is None:
            return match.group(0)
        count += 1
        spec, options = parts
        spec = with_minimum_font_size(spec)
        chart_id = match["id"]
        name = f"{CSV_FOLDER}/{stem}-{count}"
        description = str(spec.get("description") or chart_title(spec) or "Chart")
        svg = render(with_static_font(spec))
        width, height = svg_size(svg)
        write(f"{name}.svg", svg)
        write(f"{name}.json", json.dumps({"spec": spec, "options": options}, ensure_ascii=False))
        data = chart_data(spec)
        if data.columns:
            write(f"{name}.csv", csv_text(data.columns, data.rows, data.temporal))
        e = html.escape
        lazy = ' loading="lazy"' if count > 1 else ""
        return (f'<div class="handbook-chart-frame" tabindex="0" role="group" '
                f'aria-label="{e("Chart: " + (chart_title(spec) or description), quote=True)}">'
                f'<div id="{chart_id}" data-spec="{e(name, quote=True)}.json">'
                f'<img class="handbook-chart-static" src="{e(name, quote=True)}.svg" '
                f'alt="{e(description, quote=True)}" width="{width}" height="{height}"'
                f'{lazy} decoding="async" /></div></div>\n'
                + details_html(spec, f"{name}.csv", citation(chart_title(spec) or description),
                               data))

    return CHART.sub(replace, body)


def _on_page(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if app.builder.format != "html" or "altair-viz-" not in body:
        return
    from .record import record_as_of

    cache = Path(app.srcdir) / "_build" / CACHE_FOLDER
    data_dir = Path(app.srcdir) / "data"
    as_of = record_as_of(data_dir if data_dir.is_dir() else None)
    page_file = app.builder.get_target_uri(pagename)
    base = (app.config.html_baseurl or "").rstrip("/")
    address = f"{base}/{page_file}" if base else page_file
    page_title = re.sub(r"<[^>]+>", "", context.get("title", "")).strip()
    how_to = app.builder.get_relative_uri(pagename, app.config.root_doc) + "#how-to-cite"

    def citation(chart: str) -> str:
        return citation_html(chart, html.unescape(page_title), address, app.config.author,
                             app.config.copyright, as_of, how_to)

    def write(name: str, text: str) -> None:
        folder = Path(app.outdir) / PurePosixPath(page_file).parent
        write_atomically(folder / name, text)

    def render(spec: dict) -> str:
        return static_svg(render_svg(spec, cache))

    context["body"] = rewrite_body(body, pagename, render, citation, write)


def setup(app):
    app.connect("html-page-context", _on_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
