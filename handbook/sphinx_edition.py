"""Sphinx extension: the student edition, a site with no solution text at all.

Build it with ``make book EDITION=student`` (which sets ``HANDBOOK_EDITION=student``). Then:

- sphinx-exercise's ``hide_solutions`` drops every ``{solution}`` block;
- the gated ``{solution-start}`` … ``{solution-end}`` pairs, whose contents (text and code cells)
  sit between two markers rather than inside a directive, are removed marker to marker;
- the notebooks are not copied into the site and the download button is off, since the
  notebooks themselves hold the solutions.
"""
from __future__ import annotations

import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

EDITION_VARIABLE = "HANDBOOK_EDITION"


def is_student_edition() -> bool:
    return os.environ.get(EDITION_VARIABLE, "").strip().lower() == "student"


class hidden_start(nodes.Element):
    pass


class hidden_end(nodes.Element):
    pass


class HiddenSolutionStart(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"class": directives.class_option, "label": directives.unchanged,
                   "hidden": directives.flag}

    def run(self):
        return [hidden_start()]


class HiddenSolutionEnd(SphinxDirective):
    def run(self):
        return [hidden_end()]


class RemoveGatedSolutions(SphinxTransform):
    """Remove every node from a hidden solution start to its end marker, inclusive."""

    default_priority = 5

    def apply(self):
        for start in list(self.document.findall(hidden_start)):
            parent = start.parent
            if parent is None:
                continue
            index = parent.index(start)
            for sibling in list(parent.children[index:]):
                parent.remove(sibling)
                if isinstance(sibling, hidden_end) or any(
                        True for _ in sibling.findall(hidden_end)):
                    break


def _configure(app, config):
    if not is_student_edition():
        return
    config.hide_solutions = True
    config.html_copy_source = False
    options = dict(config.html_theme_options or {})
    options["use_download_button"] = False
    config.html_theme_options = options
    config.html_title = f"{config.project} (student edition)"


def setup(app):
    app.connect("config-inited", _configure)
    if is_student_edition():
        app.add_directive("solution-start", HiddenSolutionStart, override=True)
        app.add_directive("solution-end", HiddenSolutionEnd, override=True)
        app.add_transform(RemoveGatedSolutions)
        app.add_node(hidden_start, html=(lambda s, n: None, lambda s, n: None))
        app.add_node(hidden_end, html=(lambda s, n: None, lambda s, n: None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
