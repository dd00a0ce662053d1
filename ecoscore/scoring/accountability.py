"""Who lost the points (docs/spec/decisions.md#d10): each deduction under each responsible unit of its sub-rule.

An item never loses more than its points, and bonus lines inside an item (30.5, 37.4, 37.7)
give points back, so the lines of an item can add up to more than the item actually lost. The
item's actual loss is therefore shared over its deduction lines in proportion to their size
(docs/interpretation.md): units see what the county really lost, never a negative "refund".
The penalty's lines count as they are. A line naming several units is shared: the loss is shown
in full under each of them, marked with the co-units.
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.kit import ZERO, round2
from ecoscore.core.model import Line, Report
from ecoscore.core.record import record

NO_UNIT = "（未指定责任单位）"


@record(frozen=True)
class UnitLoss:
    """One responsible unit's share of one sub-rule's loss."""

    unit: str
    item_id: str
    item: str  # "9. 名称" or "扣分项"
    rule: str
    lost: Decimal  # exact share of the item's actual loss
    co_units: tuple[str, ...]
    reason: str


def _shares(lines: list[Line], actual_loss: Decimal) -> list[tuple[Line, Decimal]]:
    deductions = [ln for ln in lines if ln.delta < 0]
    raw = sum((-ln.delta for ln in deductions), ZERO)
    if raw == 0 or actual_loss <= 0:
        return []
    factor = actual_loss / raw
    return [(ln, -ln.delta * factor) for ln in deductions]


def unit_losses(report: Report, items: set[str] | None = None) -> list[UnitLoss]:
    """Every deduction of a scored item (of `items` only, when given) and of the penalty, per unit."""
    groups = [
        (it.id, f"{it.id}. {it.name}", _shares(it.lines, it.points - it.score))
        for it in report.items
        if it.score is not None and (items is None or it.id in items)
    ]
    groups.append(("P", report.penalty.name, [(ln, -ln.delta) for ln in report.penalty.lines if ln.delta < 0]))
    out = []
    for item_id, label, shares in groups:
        for ln, lost in shares:
            units = ln.units or (NO_UNIT,)
            out += [
                UnitLoss(u, item_id, label, ln.rule, lost, tuple(x for x in units if x != u), ln.reason) for u in units
            ]
    return out


def unit_totals(report: Report, items: set[str] | None = None) -> dict[str, Decimal]:
    """Points lost per unit, rounded to 2 decimals as shown (a shared loss counts under each unit)."""
    out: dict[str, Decimal] = {}
    for x in unit_losses(report, items):
        out[x.unit] = out.get(x.unit, ZERO) + x.lost
    return {u: round2(v) for u, v in out.items()}
