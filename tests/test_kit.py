"""The arithmetic kit's per-unit policies (docs/spec/decisions.md#d2), worked by hand."""

from decimal import Decimal

import pytest

from ecoscore.core.kit import linear, num, per_whole, pts


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


@pytest.mark.parametrize(
    "x, text",
    [
        (7, "7"),
        (-3, "-3"),
        (Decimal("12.50"), "12.5"),
        (Decimal("-0.50"), "-0.5"),
        (Decimal("1E+3"), "1000"),  # an integral value without exponent
        (Decimal("5.000"), "5"),
        (Decimal("0.000001"), "0.000001"),
        (Decimal("0.0000005"), "0.0000005"),  # below 1e-6 str would write 5E-7: never in a reason
        ("0.25", "0.25"),
    ],
)
def test_num_writes_a_value_as_a_person_does(x, text):
    assert num(x) == text


@pytest.mark.parametrize(
    "x, text",
    [
        (Decimal("0.125"), "0.13"),  # half-up
        (Decimal("2"), "2.00"),
        (1, "1.00"),
        (Decimal("-0.004"), "-0.00"),  # the sign of a loss rounded to nothing stays, as before
        (Decimal("1234.5"), "1234.50"),
        ("0.5", "0.50"),
    ],
)
def test_pts_has_two_decimals(x, text):
    assert pts(x) == text
