"""The vendored Vega bundle matches Altair and is written atomically."""
import altair as alt

from handbook import sphinx_vega


def test_bundle_sets_the_versions_altair_checks():
    text = sphinx_vega.bundle_text()
    assert text.startswith("/* Vega")
    assert "(function () {" in text
    for key, value in (("vega_version", alt.VEGA_VERSION), ("vegalite_version", alt.VEGALITE_VERSION),
                       ("vegaembed_version", alt.VEGAEMBED_VERSION)):
        assert f'"{key}": "{value}"' in text
    assert "window.vegaEmbed" in text
    assert "https://" not in text.split("*/", 1)[0]


def test_write_atomically_leaves_nothing_half_written(tmp_path, monkeypatch):
    target = tmp_path / "out" / "file.js"
    sphinx_vega.write_atomically(target, "old")

    class Boom(Exception):
        pass

    def fail(*args, **kwargs):
        raise Boom

    monkeypatch.setattr(sphinx_vega.os, "replace", fail)
    try:
        sphinx_vega.write_atomically(target, "new")
    except Boom:
        pass
    assert target.read_text() == "old"
    assert [p.name for p in target.parent.iterdir()] == ["file.js"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"
