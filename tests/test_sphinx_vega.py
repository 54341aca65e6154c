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
