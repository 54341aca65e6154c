"""The vendored Vega bundle matches Altair and is written atomically."""
import altair as alt

from handbook.sphinx import vega as sphinx_vega


def test_bundle_sets_the_versions_altair_checks():
    text = sphinx_vega.bundle_text()
    assert text.startswith("/* Vega")
    assert "(function () {" in text
    for key, value in (("vega_version", alt.VEGA_VERSION), ("vegalite_version", alt.VEGALITE_VERSION),
                       ("vegaembed_version", alt.VEGAEMBED_VERSION)):
        assert f'"{key}": "{value}"' in text
    assert "window.vegaEmbed" in text
    assert "https://" not in text.split("*/", 1)[0]


def test_bibliography_entries_become_list_items():
    from handbook.sphinx.bibliography import fix_citation_list_roles

    body = '<div class="citation-list" role="list"><div role="doc-biblioentry">A</div></div>'
    assert 'role="listitem"' in fix_citation_list_roles(body)
    assert "doc-biblioentry" not in fix_citation_list_roles(body)
    other = '<p role="doc-biblioentry">not a bibliography</p>'
    assert fix_citation_list_roles(other) == other


def test_edition_is_read_from_configuration(tmp_path):
    """The student edition is a configuration value in a copy of _config.yml, not an
    environment variable, and the copy keeps everything else."""
    import yaml

    from handbook import ROOT
    from handbook.build import _edition_config
    from handbook.sphinx.edition import CONFIG_VALUE

    path = _edition_config(ROOT, tmp_path, "student")
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    original = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"][CONFIG_VALUE] == "student"
    config["sphinx"]["config"].pop(CONFIG_VALUE)
    assert config == original
