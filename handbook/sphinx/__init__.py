"""The handbook's Sphinx extensions, one module each, listed in ``_config.yml``:

- :mod:`.vega` ships Vega, Vega-Lite and Vega-Embed with the site, fetched on chart pages only
  when a reader comes to a chart; it sets up :mod:`.chartpage`, which shows each chart as a
  static SVG from the start, with its data (table, CSV), source and citation under it;
- :mod:`.chartpdf` draws each chart as a PNG for the PDF, from the specification in its HTML;
- :mod:`.bibliography` gives the bibliography's entries the list-item role;
- :mod:`.glossary` renders ``data/glossary.csv`` as the glossary page;
- :mod:`.edition` builds the student edition (``handbook_edition = "student"``);
- :mod:`.csp` writes a Content-Security-Policy into every page;
- :mod:`.record` provides the ``{{ record_as_of }}`` substitution;
- :mod:`.icons` draws the theme's icons with a small stylesheet instead of Font Awesome's script;
- :mod:`.meta` gives every page a meta description (its summary line);
- :mod:`.sitemap` writes ``sitemap.xml``;
- :mod:`.a11y` repairs generated HTML for assistive technology (empty table header cells);
- :mod:`.unusedcss` removes from the theme's stylesheets the rules no page or script can use;
- :mod:`.plaincode` drops the highlighting spans of code cells that style nothing;
- :mod:`.deferscripts` gives the head's scripts ``defer``, so they do not hold up the first paint.
"""
