"""How figures are printed: handbook.numbers."""


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
    with pytest.raises(ValueError, match="needs a value"):
        figure_text(nan, pd.NA, None)
