"""Sphinx extension: the student edition, a site with no solution text at all.

Build it with ``make book EDITION=student``: :mod:`handbook.build` then builds with a copy of
``_config.yml`` that sets the Sphinx configuration value ``handbook_edition: student``. Then:

- sphinx-exercise's ``hide_solutions`` drops every ``{solution}`` block;
- the gated ``{solution-start}`` … ``{solution-end}`` pairs, whose contents (text and code cells)
  sit between two markers rather than inside a directive, are removed marker to marker;
- the notebooks are not copied into the site and the download button is off, since the
  notebooks themselves hold the solutions;
- the teachers' pages (the instructor guide, the assessment page with its exam questions and
  model answers, and the slide decks) keep their place in the table of contents but hold only a
  line saying they are not part of this edition, and no slide deck is written over them.
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

#: The Sphinx configuration value that names the edition ("full" or "student").
CONFIG_VALUE = "handbook_edition"
EDITIONS = ("full", "student")
#: Pages for teachers only: the student edition replaces their content with :data:`TEACHERS_ONLY`.
TEACHER_PAGES = ("book/instructor-guide", "book/teaching/", "book/slides/")
TEACHERS_ONLY = ("This page is for teachers and is not part of the student edition.")


def teachers_only(docname: str) -> bool:
    return any(docname.startswith(page) if page.endswith("/") else docname == page
               for page in TEACHER_PAGES)


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


class RemoveTeacherPages(SphinxTransform):
    """Keep a teachers' page's title, and replace everything under it with one line."""

    default_priority = 5

    def apply(self):
        if not teachers_only(self.env.docname):
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        title = section.next_node(nodes.title)
        section.children = [title, nodes.paragraph(text=TEACHERS_ONLY)] if title else \
            [nodes.paragraph(text=TEACHERS_ONLY)]
        for child in section.children:
            child.parent = section
        for other in list(self.document.children):
            if other is not section and isinstance(other, nodes.section):
                self.document.remove(other)


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
    app.add_transform(RemoveTeacherPages)
    app.add_node(hidden_start, html=(lambda s, n: None, lambda s, n: None))
    app.add_node(hidden_end, html=(lambda s, n: None, lambda s, n: None))


def setup(app):
    app.add_config_value(CONFIG_VALUE, "full", "env", [str])
    # After sphinx-exercise's own handler, so that its directives are the ones replaced.
    app.connect("config-inited", _configure, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
