"""What each responsible unit's 失分清单 lists (docs/spec/decisions.md#dev-15-notices): the unit's lost
points by item and sub-rule, as the 责任单位 sheet attributes them (`accountability.unit_losses`:
a shared line's loss stands in full under each of its units, never split), with the reasons
and what would recover them (`recovery.recoveries`)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.kit import ZERO, round2
from ecoscore.core.model import Report
from ecoscore.core.record import record
from ecoscore.rubric import Rubric
from ecoscore.scoring.accountability import unit_losses
from ecoscore.scoring.recovery import Recovery, recoveries


@record(frozen=True)
class NoticeRow:
    item_id: str
    item: str  # "9. 名称" or the penalty's name
    rule: str
    lost: Decimal  # exact: the unit's share of the item's actual loss on this sub-rule
    reasons: tuple[str, ...]
    recover: tuple[str, ...]  # sentences, most points first
    co_units: tuple[str, ...]  # the other units charged with the same loss (shared)


@record(frozen=True)
class UnitNotice:
    unit: str
    rows: tuple[NoticeRow, ...]

    @property
    def total(self) -> Decimal:
        """As the 责任单位 sheet: the exact shares summed, rounded once."""
        return round2(sum((r.lost for r in self.rows), ZERO))

    @property
    def shared(self) -> Decimal:
        return round2(sum((r.lost for r in self.rows if r.co_units), ZERO))


def unit_notices(report: Report, rubric: Rubric, found: list[Recovery] | None = None) -> list[UnitNotice]:
    """One notice per unit that lost points, in the order the units first lose them (rubric order)."""
    found = recoveries(report, rubric) if found is None else found
    rows: dict[str, dict[tuple[str, str], NoticeRow]] = {}
    for x in unit_losses(report):
        if x.lost <= 0:
            continue
        mine = rows.setdefault(x.unit, {})
        key = (x.item_id, x.rule)
        old = mine.get(key)
        if old is None:
            how = tuple(r.sentence for r in found if r.item_id == x.item_id and x.rule in r.rules)
            mine[key] = NoticeRow(x.item_id, x.item, x.rule, x.lost, (x.reason,), how, x.co_units)
        else:  # several lines of one sub-rule (12.3): one row, the reasons joined
            co = tuple(dict.fromkeys(old.co_units + x.co_units))
            mine[key] = NoticeRow(
                x.item_id, x.item, x.rule, old.lost + x.lost, old.reasons + (x.reason,), old.recover, co
            )
    return [UnitNotice(unit, tuple(by_rule.values())) for unit, by_rule in rows.items()]
