"""How figures and their sources are printed in tables: handbook.numbers, handbook.sources."""


def test_figure_text_prints_a_value_a_range_or_a_bound():
    """A figure from a dataset's value / value_low / value_high columns, as its table prints it."""
    import pandas as pd
    import pytest

    from handbook.numbers import figure_text

    nan = float("nan")
    assert figure_text(1_000_000.0, nan, nan) == "1,000,000"
    assert figure_text(pd.NA, 20_000, 50_000) == "20,000–50,000"
    assert figure_text(None, 30_000.0, None) == "more than 30,000"
    assert figure_text(nan, nan, 2_700.0) == "up to 2,700"
    assert figure_text(44_500.0, 40_000.0, 50_000.0) == "44,500"  # the value wins
    assert figure_text(17.5) == "17.5" and figure_text(nan, 1.25, 2.0) == "1.25–2"
    with pytest.raises(ValueError, match="needs a value"):
        figure_text(nan, pd.NA, None)


def test_citations_short_and_author_date(tmp_path):
    """A table cites a row's sources either with their titles or, where titles would crowd
    it, by author and date; several keys are joined with '; '."""
    from handbook.sources import cite_author_date, cite_short

    bib = tmp_path / "refs.bib"
    bib.write_text('@article{a2024x,\n    author = "Rettman, Andrew",\n    title = "Shells",\n'
                   '    year = "2024",\n    date = "2024-03-16",\n    url = "https://x.org/a"\n}\n\n'
                   '@misc{b2025y,\n    author = "{Interfax-Ukraine}",\n    title = "Ratio",\n'
                   '    year = "2025",\n    url = "https://x.org/b"\n}\n', encoding="utf-8")
    assert cite_author_date("a2024x;b2025y", bib) == "Rettman (2024-03-16); Interfax-Ukraine (2025)"
    assert cite_short("a2024x", bib) == "Rettman (2024-03-16), Shells"
