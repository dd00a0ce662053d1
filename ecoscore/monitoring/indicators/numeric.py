"""Exact arithmetic shared by the air and water indicators: coercion, GB/T 8170 rounding,
means and the HJ 663 percentile."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation


def dec(value: object) -> Decimal | None:
    """An exact, finite Decimal from an int, str or Decimal (a float goes through its repr).

    None and a blank string mean "not measured" and give None; anything else that is not a
    finite number raises ValueError.
    """
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float, str)):
        raise ValueError(f"不是数值：{value!r}")
    text = repr(value) if isinstance(value, float) else str(value).strip()
    try:
        exact = value if isinstance(value, Decimal) else Decimal(text)
    except InvalidOperation:
        raise ValueError(f"不是数值：{value!r}") from None
    if not exact.is_finite():
        raise ValueError(f"不是有限的数值：{value!r}")
    return exact


def round_gb8170(value: Decimal, decimals: int) -> Decimal:
    """GB/T 8170 修约 (四舍六入五成双): round half to even at `decimals` places."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


def mean(values: Sequence[Decimal]) -> Decimal | None:
    """Arithmetic mean, unrounded (Decimal context precision); None for no values."""
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def percentile(values: Sequence[Decimal], p: int | Decimal) -> Decimal | None:
    """HJ 663-2013 percentile: sort ascending, k = 1 + (n − 1)·p/100, s = ⌊k⌋,
    X_p = X(s) + (X(s+1) − X(s))·(k − s), with X(1) the smallest value. None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = 1 + (len(ordered) - 1) * Decimal(p) / 100
    s = math.floor(k)
    low = ordered[s - 1]
    if s >= len(ordered):  # k = n: the largest value, there is no X(n+1)
        return low
    return low + (ordered[s] - low) * (k - s)
