"""The one small kit every scoring function uses: exact decimals, the D2 per-unit
policies (deductions proportional, bonuses per whole unit), caps, floors and the wording of a line's tail — and the engine's item clamp,
bonus cap and total floor.

Nothing else in ecoscore does clamp or per-unit arithmetic by hand (docs/spec/decisions.md#d1–#d3).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ecoscore.core.line import Line

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def D(x: object) -> Decimal:
    """Exact decimal from an int, a str or a Decimal (floats go through their repr)."""
    if isinstance(x, Decimal):
        return x
    if type(x) is int or type(x) is str:  # a count, a rate literal "0.5" (not bool: an int subclass, below)
        return Decimal(x)
    if isinstance(x, bool):
        return ONE if x else ZERO
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(str(x))


def pos(x: object) -> Decimal:
    """L(x) = max(0, x)."""
    if not isinstance(x, Decimal):  # most are Decimal already: no call to D
        x = D(x)
    return x if x > 0 else ZERO


def clamp(x: object, lo: object, hi: object) -> Decimal:
    x, lo, hi = D(x), D(lo), D(hi)
    return lo if x < lo else hi if x > hi else x


def linear(gap: object, rate: object, per: object = ONE) -> Decimal:
    """docs/spec/decisions.md#d2: a per-unit rule is proportional to the gap, rate × gap / per.

    A gap of zero or less costs nothing. This is the single place the policy lives.
    """
    return pos(gap) * D(rate) / D(per)


def per_whole(gap: object, rate: object, per: object = ONE) -> Decimal:
    """docs/spec/decisions.md#d2 (rev 2): a per-unit *bonus* ("每多20件加0.1分") counts whole units only,
    rate × ⌊gap / per⌋: 12 above a target of 60 earns nothing, 25 above earns one unit.

    Deductions stay proportional (`linear`). This is the single place the whole-unit policy lives.
    """
    units = (pos(gap) / D(per)).to_integral_value(ROUND_FLOOR)
    return units * D(rate)


def round2(x: object) -> Decimal:
    """docs/spec/decisions.md#d3: round once, half-up, to two decimals."""
    # the rounding passed by position: decimal parses a keyword argument slower than it quantizes
    return (x if isinstance(x, Decimal) else D(x)).quantize(CENT, ROUND_HALF_UP)


def apportion(amounts: list[Decimal], total: object) -> list[Decimal]:
    """docs/spec/decisions.md#d3-display: the amounts rounded to two decimals so that they add up to `total`
    exactly (itself a two-decimal figure), by largest remainder.

    Each amount is rounded half-up; if those do not add up, the 尾差 goes 0.01 at a time to the
    amounts whose rounding moved them furthest from the direction needed (each stays within
    0.01 of its exact value). An amount that is exactly 0 is never moved.
    """
    total = D(total)
    plain = [round2(a) for a in amounts]
    diff = total - sum(plain, ZERO)
    if diff == 0:
        return plain
    step = CENT if diff > 0 else -CENT
    # remainder exact − rounded: when the total needs more, the most rounded-down go first
    candidates = sorted(
        (i for i, a in enumerate(amounts) if a != 0),
        key=lambda i: (amounts[i] - plain[i]) * (1 if diff > 0 else -1),
        reverse=True,
    )
    for i in candidates[: int(abs(diff) / CENT)]:
        plain[i] += step
    return plain


def restate(reason: str, exact: object, shown: object) -> str:
    """A line's reason with its tail ("扣 0.13 分" / "加 0.13 分") restated at the shown amount."""
    exact, shown = D(exact), D(shown)
    for word, sign in (("扣", -1), ("加", 1)):
        old, new = f"{word} {pts(sign * exact)} 分", f"{word} {pts(sign * shown)} 分"
        if reason.endswith(old):
            return reason[: -len(old)] + new
    return reason


ROUNDING_NOTE = "明细金额四舍五入，尾差已调整"


def num(x: object) -> str:
    """A value as a person writes it in a reason: 85.5, 2, 0.45 (no exponent, no trailing zeros)."""
    if type(x) is int:
        return str(x)
    x = D(x)
    if x == x.to_integral_value():
        return str(x.quantize(ONE))
    x = x.normalize()
    # str writes a fraction as format(x, "f") does (three times faster) unless it is below 1e-6
    return str(x) if x.adjusted() >= -6 else format(x, "f")


def pts(x: object) -> str:
    """Points as shown to users: two decimals (str of a two-decimal figure never has an exponent)."""
    return str(round2(x))


def signed(x: Decimal | None) -> str:
    """A change in points: +0.50 / -0.50 / 0.00, "—" when there is none to show (an ASCII minus:
    U+2212 cannot be printed on a GBK console)."""
    if x is None:
        return "—"
    return f"+{pts(x)}" if x > 0 else f"-{pts(-x)}" if x < 0 else pts(0)


def approx(x: object, places: int = 2) -> str:
    """A derived value for a reason (display only, never used in arithmetic): exact when it
    fits in `places` decimals, otherwise rounded half-up and marked 约."""
    x = D(x)
    q = x.quantize(ONE.scaleb(-places), ROUND_HALF_UP)
    return num(q) if q == x else f"约{num(q)}"


def lost(rule: str, amount: object, what: str, *, cap: object | None = None) -> Line:
    """A deduction line: `what` names the values used, the tail says how much was taken.

    `cap` is the sub-rule's own maximum (its stated points or "最多扣 X 分", docs/spec/decisions.md#d1).
    """
    amount = pos(amount)
    if cap is not None and amount > D(cap):
        amount = D(cap)
        what = f"{what}，最多扣 {num(cap)} 分"
    tail = f"扣 {pts(amount)} 分" if amount else "不扣分"
    return Line(rule, -amount, f"{what}，{tail}")


def gained(rule: str, amount: object, what: str, *, cap: object | None = None) -> Line:
    """A bonus line (positive delta), with an optional cap on what this rule can add."""
    amount = pos(amount)
    if cap is not None and amount > D(cap):
        amount = D(cap)
        what = f"{what}，最多加 {num(cap)} 分"
    tail = f"加 {pts(amount)} 分" if amount else "不加分"
    return Line(rule, amount, f"{what}，{tail}")


def earned(rule: str, score: object, points: object, what: str) -> Line:
    """A "计 X 分" rule: the county earns `score` of `points`; the line shows the loss.

    The earned score is clamped to [0, points] (a sub-rule never loses more than its points).
    """
    points = D(points)
    score = clamp(score, 0, points)
    return lost(rule, points - score, f"{what}，得 {pts(score)} 分（满分 {num(points)} 分）")


def flag(b: object) -> int:
    """[c]: 1 if the condition holds, else 0."""
    return 1 if b else 0


def clamp_item(raw: Decimal, points: Decimal) -> tuple[Decimal, str | None]:
    """An item's score kept within [0, points], and the reason for the line that does so (None
    when nothing was clamped): 扣完为止 below, the item's own points above (in-item bonuses)."""
    if raw < 0:
        return ZERO, f"扣分合计超过本项分值 {num(points)} 分，扣完为止（本项记 0 分）"
    if raw > points:
        return points, f"加分后超过本项分值 {num(points)} 分，按 {num(points)} 分计"
    return raw, None


def cap_bonus(total: Decimal, cap: Decimal) -> tuple[Decimal, str | None]:
    """The bonus kept within its cap ("加分累计不超过5分"), and the reason when it was cut."""
    if total > cap:
        return cap, f"加分合计 {pts(total)} 分，累计不超过 {num(cap)} 分"
    return total, None


def floor_total(total: Decimal) -> Decimal:
    """The total never goes below 0 (penalties beyond the score are not carried)."""
    return total if total > 0 else ZERO
