"""The scored workbook's 失分挽回 sheet (docs/spec/decisions.md#dev-15-recovery): for every item that
lost points, what change of one input recovers how much, most points first (`scoring.recovery`)."""

from __future__ import annotations

from ecoscore.core.model import Report
from ecoscore.rubric import Rubric
from ecoscore.scoring.recovery import Recovery, recoveries
from ecoscore.workbook.tables import NUMBER, n, sheet_start, write_rows

RECOVERY_SHEET = "失分挽回"
RECOVERY_HEADERS = ("可挽回分值", "细则", "项目", "字段", "当前值", "如何挽回", "责任单位")
RECOVERY_WIDTHS = (11, 14, 26, 28, 12, 44, 22)
RECOVERY_HINT = (
    "每行只改变一项填报值、其余不变时重新评分的测算；各行不能相加（同一条款的几行是不同的挽回途径）。"
    "按可挽回分值从大到小排列。"
)


def item_label(r: Recovery) -> str:
    return "扣分项" if r.item_id == "P" else f"{r.item_id}. {r.item_name}"


def write_recovery_sheet(wb, report: Report, rubric: Rubric, found: list[Recovery] | None = None) -> None:
    """The 失分挽回 sheet; `found`: the recoveries when already computed (else computed here)."""
    ws = wb.create_sheet(RECOVERY_SHEET)
    first = sheet_start(ws, "失分挽回：改变哪项填报值可挽回多少分", RECOVERY_HINT, RECOVERY_HEADERS, RECOVERY_WIDTHS)
    rows = [
        (n(r.points), "、".join(r.rules), item_label(r), r.label, r.current, r.how, "、".join(r.units))
        for r in (found if found is not None else recoveries(report, rubric))
    ]
    write_rows(ws, first, rows or [(None, "", "无可挽回的失分", "", "", "", "")], RECOVERY_WIDTHS, {1: NUMBER})
