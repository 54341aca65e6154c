"""Sphinx extension: the student edition, a site with no solution text at all.

Build it with ``make book EDITION=student``: :mod:`handbook.build` then builds with a copy of
``_config.yml`` that sets the Sphinx configuration value ``handbook_edition: student``. Then:

- sphinx-exercise's ``hide_solutions`` drops every ``{solution}`` block;
- the gated ``{solution-start}`` … ``{solution-end}`` pairs, whose contents (text and code cells)
  sit between two markers rather than inside a directive, are removed marker to marker;
- the notebooks are not copied into the site and the download button is off, since the
  notebooks themselves hold the solutions.
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

#: The Sphinx configuration value that names the edition ("full" or "student").
CONFIG_VALUE = "handbook_edition"
EDITIONS = ("full", "student")


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
    edition = getattr(config, CONFIG_VALUE)
    if edition not in EDITIONS:
        raise ValueError(f"{CONFIG_VALUE} must be one of {EDITIONS}, not {edition!r}")
    if edition != "student":
        return
    config.hide_solutions = True
    config.html_copy_source = False
    options = dict(config.html_theme_options or {})
    options["use_download_button"] = False
    config.html_theme_options = options
    config.html_title = f"{config.project} (student edition)"
    app.add_directive("solution-start", HiddenSolutionStart, override=True)
    app.add_directive("solution-end", HiddenSolutionEnd, override=True)
    app.add_transform(RemoveGatedSolutions)
    app.add_node(hidden_start, html=(lambda s, n: None, lambda s, n: None))
    app.add_node(hidden_end, html=(lambda s, n: None, lambda s, n: None))


def setup(app):
    app.add_config_value(CONFIG_VALUE, "full", "env", [str])
    # After sphinx-exercise's own handler, so that its directives are the ones replaced.
    app.connect("config-inited", _configure, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
