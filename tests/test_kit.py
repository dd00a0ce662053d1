"""The arithmetic kit's per-unit policies (docs/spec/decisions.md#d2), worked by hand."""

from decimal import Decimal

import pytest

from ecoscore.core.kit import linear, per_whole


@pytest.mark.parametrize(
    "gap, expected",
    [(0, "0"), (-5, "0"), (12, "0"), (19, "0"), (20, "0.1"), (25, "0.1"), (39, "0.1"), (40, "0.2"), (70, "0.3")],
)
def test_per_whole_counts_whole_units_of_20(gap, expected):
    # 0.1 × ⌊gap / 20⌋; a gap of 0 or less earns nothing
    assert per_whole(gap, "0.1", 20) == Decimal(expected)


def test_linear_stays_proportional():
    assert linear(12, "0.1", 20) == Decimal("0.06")  # 0.1 × 12 / 20
    assert linear(Decimal("4.5"), "0.1") == Decimal("0.45")
