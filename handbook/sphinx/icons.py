"""Sphinx extension: the theme's icons as a small stylesheet (about 10 KB gzip) instead of a 540 KB script.

pydata-sphinx-theme loads ``fontawesome.js`` (Font Awesome's SVG-with-JavaScript build, 542 KB
gzip) on every page, only to turn a dozen ``<i class="fa-solid fa-…">`` elements into SVGs. This
extension

- drops that ``<script>`` from every page (``templates/layout.html`` filters the theme's ``css``
  block), and
- when the build has finished, reads which icons the pages name (and the few the theme's own
  script inserts, :data:`SCRIPT_ICONS`), and which icons the theme's stylesheet draws from its
  icon font (admonition titles, download links: ``content: var(--pst-icon-…)``), takes each one's
  path from the theme's copy of ``fontawesome.js``, and writes ``_static/handbook-icons.css``:
  one CSS mask per icon, an inline SVG drawn in ``currentColor``, so icons follow the text colour
  in light and dark mode.

The extension also puts ``handbook/sphinx/templates`` first on Sphinx's template path: the
layout that drops the script lives there, beside the handbook's other theme templates.

An icon the CSS does not cover still shows: it falls back to the theme's Font Awesome web font
(156 KB, which the browser then downloads). ``tests/test_site.py`` checks that no page needs it.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from ..files import write_atomically

CSS_NAME = "handbook-icons.css"
TEMPLATES = Path(__file__).parent / "templates"
#: Icons that pydata-sphinx-theme's script creates at run time (announcement and version banners).
SCRIPT_ICONS = {("fas", "xmark")}
#: Class names that select a style, as Font Awesome 6 spells them.
STYLES = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far",
          "fa-brands": "fab", "fab": "fab"}
#: Font Awesome's classes that are not icons (sizes, animations, layout).
NOT_ICONS = re.compile(r"^fa-(\d?x|xs|sm|lg|xl|2xs|2xl|fw|ul|li|border|pull-\w+|beat|bounce|fade|"
                       r"beat-fade|flip|shake|spin|spin-pulse|pulse|spin-reverse|rotate-\d+|"
                       r"rotate-by|flip-\w+|stack|stack-\dx|inverse|sr-only|sr-only-focusable|"
                       r"solid|regular|brands|classic|sharp)$")
CLASS = re.compile(r'class="([^"]*)"')
ICON = re.compile(r'(?:"(?P<quoted>[a-z0-9-]+)"|(?P<bare>[a-z0-9_$]+)):\[(?P<width>\d+),(?P<height>\d+),'
                  r'\[(?P<aliases>[^\]]*)\],"(?P<code>[0-9a-f]*)","(?P<path>[^"]+)"\]')
PACK = re.compile(r'\bd\("(?P<prefix>fa[srb])",')
#: A rule of a stylesheet that draws a glyph of the icon font: ``content: var(--pst-icon-bell)``
#: (pydata-sphinx-theme) or ``content: "\f303"`` (sphinx-exercise). Its selector starts after a
#: brace or at the start (the look-behind), or the search would retry from every character of
#: every selector: 30 times slower.
CSS_ICON_RULE = re.compile(r'(?<![^{}])(?P<selector>[^{}]+)\{[^{}]*?content:\s*(?:var\(--pst-icon-(?P<icon>[a-z-]+)\)'
                           r'|"\\(?P<code>f[0-9a-f]{3})"|"(?P<glyph>[\ue000-\uf8ff])")[^{}]*\}')
CSS_ICON_VALUE = re.compile(r'--pst-icon-(?P<name>[a-z-]+):(?:"(?P<glyph>[^"]+)"|var\(--pst-icon-(?P<alias>[a-z-]+)\))')
BRAND_ICONS = {"github", "gitlab"}


def icons_in(html: str) -> set[tuple[str, str]]:
    """The icons an HTML page names, as (style prefix, name) pairs: ``("fas", "download")``."""
    found = set()
    for attribute in CLASS.finditer(html):
        classes = attribute.group(1).split()
        styles = {STYLES[c] for c in classes if c in STYLES}
        names = {c[3:] for c in classes if c.startswith("fa-") and c not in STYLES
                 and not NOT_ICONS.match(c)}
        if styles and names:
            found |= {(style, name) for style in styles for name in names}
    return found


def theme_css_icons(css: str, variables: str = "") -> list[tuple[str, str, str]]:
    """The rules of a stylesheet that draw an icon-font glyph, as (selector, prefix, code point
    in hex): ``(".admonition>.admonition-title:after", "fas", "f0f3")``. ``variables`` is the
    stylesheet that defines the theme's ``--pst-icon-…`` values (when ``css`` is another).
    Font Awesome's own ``.fa-…`` class rules are left out: :func:`icons_in` covers those."""
    values = {m["name"]: (m["glyph"], m["alias"])
              for m in CSS_ICON_VALUE.finditer(variables + css)}

    def glyph(name: str, depth: int = 0) -> str | None:
        value, alias = values.get(name, (None, None))
        if alias and depth < 5:
            return glyph(alias, depth + 1)
        return f"{ord(value):x}" if value and len(value) == 1 else None

    rules = []
    for match in CSS_ICON_RULE.finditer(css):
        selector = " ".join(re.sub(r"/\*.*?\*/", "", match["selector"], flags=re.S).split())
        if ".fa-" in selector:
            continue
        if match["icon"]:
            code = glyph(match["icon"])
        else:
            code = match["code"] or f"{ord(match['glyph']):x}"
        if code:
            prefix = "fab" if match["icon"] in BRAND_ICONS else "fas"
            rules.append((selector, prefix, code))
    return rules


def icon_paths(script: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """Every icon in Font Awesome's ``fontawesome.js``: (prefix, name, alias or code point in
    hex) -> (width, height, SVG path). The script defines each style's icons, then registers
    them with ``d("fas", …)``; an icon belongs to the first registration after it."""
    packs = [(m.start(), m["prefix"]) for m in PACK.finditer(script)]
    icons: dict[tuple[str, str], tuple[int, int, str]] = {}
    for match in ICON.finditer(script):
        prefix = next((p for start, p in packs if start > match.start()), None)
        if prefix is None:
            continue
        value = (int(match["width"]), int(match["height"]), match["path"])
        names = [match["quoted"] or match["bare"]]
        names += re.findall(r'"([a-z0-9-]+)"', match["aliases"]) + [match["code"]]
        for name in names:
            icons.setdefault((prefix, name), value)
    return icons


def _mask(width: int, height: int, path: str) -> str:
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
           f"<path d='{path}'/></svg>")
    return "url(\"data:image/svg+xml," + quote(svg, safe=" /:=',.-") + "\")"


MASKED = ('content:"";background-color:currentColor;mask-repeat:no-repeat;mask-position:center;'
          "mask-size:contain")


def icon_css(icons: set[tuple[str, str]], paths: dict,
             theme_rules: list[tuple[str, str, str]] = ()) -> tuple[str, list[tuple[str, str]]]:
    """The CSS that draws ``icons`` (and the theme stylesheet's ``theme_rules``), and the icons
    it could not find a path for."""
    selectors = {"fas": (".fa-solid", ".fas"), "far": (".fa-regular", ".far"),
                 "fab": (".fa-brands", ".fab")}
    rules, missing, every = [], [], []
    for prefix, name in sorted(icons):
        if (prefix, name) not in paths:
            missing.append((prefix, name))
            continue
        width, height, path = paths[(prefix, name)]
        url = _mask(width, height, path)
        selector = ",".join(f"{style}.fa-{name}::before" for style in selectors[prefix])
        every.append(selector)
        rules.append(f"{selector}{{width:{width / height:.4g}em;mask-image:{url}}}")
    # An empty box still needs its font's metrics: the icons and their boxes take the text's
    # font, so that the browser does not download the icon font for them.
    elements = [selector.replace("::before", "") for selector in every]
    shared = (",\n".join(elements) + "{font-family:inherit}\n"
              + ",\n".join(every) + "{display:inline-block;height:1em;vertical-align:-0.125em;"
              + MASKED + "}") if every else ""
    # The theme's own icon rules keep their size and place; only the glyph becomes a mask.
    for selector, prefix, code in theme_rules:
        if (prefix, code) not in paths:
            missing.append((prefix, code))
            continue
        inline = "" if "admonition-title" in selector else \
            "display:inline-block;width:1em;height:1em;vertical-align:-0.125em;"
        rules.append(f"{selector}{{{inline}font-family:inherit;{MASKED};"
                     f"mask-image:{_mask(*paths[(prefix, code)])}}}")
    header = ("/* The theme's Font Awesome icons as CSS masks (written by handbook/sphinx/icons.py "
              "from the theme's fontawesome.js; Font Awesome Free, icons CC BY 4.0). */")
    return "\n".join([header, shared, *rules]) + "\n", missing


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def _theme_script() -> Path:
    return _theme_static() / "scripts" / "fontawesome.js"


def _config_inited(app, config) -> None:
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    icons = set(SCRIPT_ICONS)
    for page in outdir.rglob("*.html"):
        if "_static" not in page.relative_to(outdir).parts:
            icons |= icons_in(page.read_text(encoding="utf-8"))
    theme_css = (_theme_static() / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    rules = []
    for sheet in sorted((outdir / "_static").rglob("*.css")):
        if sheet.name != CSS_NAME:
            rules += theme_css_icons(sheet.read_text(encoding="utf-8"), theme_css)
    css, missing = icon_css(icons, icon_paths(_theme_script().read_text(encoding="utf-8")),
                            rules)
    if missing:
        from sphinx.util import logging

        logging.getLogger(__name__).warning(
            "icons without a path in fontawesome.js (they fall back to the web font): %s",
            ", ".join(f"{p} {n}" for p, n in missing))
    write_atomically(outdir / "_static" / CSS_NAME, css)


def setup(app):
    app.connect("config-inited", _config_inited)
    app.add_css_file(CSS_NAME)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
