"""One responsible unit's 失分清单 (docs/spec/decisions.md#dev-15-notices): a printable workbook to send
out for follow-up — the unit's lost points by sub-rule, why, what would recover them, the
co-units of a shared loss, the unit's total, and lines to sign and set the deadline on."""

from __future__ import annotations

from ecoscore.scoring.notice_rows import UnitNotice
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.tables import NUMBER, n, write_rows
from ecoscore.workbook.xlsx import Workbook

NOTICE_SHEET = "失分清单"
NOTICE_HEADERS = ("细则", "项目", "失分", "原因", "如何挽回", "共同责任单位")
NOTICE_WIDTHS = (8, 20, 8, 40, 44, 26)
HEADER_ROW = 4
SIGN_LINES = (
    "签收单位（盖章）：____________________    签收人：____________    签收日期：______年____月____日",
    "整改时限：______年____月____日前    整改措施及完成情况报送：____________________________________",
)


def notice_title(county: str, year: int | None, unit: str) -> str:
    return f"{county}{year or ''}年度生态环境保护工作考核失分清单（{unit}）"


def lead(notice: UnitNotice, basis: str) -> str:
    shared = (
        f"，其中与其他单位共同承担的失分 {n(notice.shared):.2f} 分（共同失分在每个共同责任单位下全额列出，不拆分）"
        if notice.shared
        else ""
    )
    scope = f"（{basis}）" if basis else ""
    return (
        f"经考核评分{scope}，贵单位负责的细则共失 {n(notice.total):.2f} 分{shared}。"
        "请对照“如何挽回”逐项整改，并在下方填写整改时限；“如何挽回”为只改变一项填报值时的测算，各项不能简单相加。"
    )


def write_notice(path, notice: UnitNotice, *, county: str, year: int | None, basis: str = "") -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = NOTICE_SHEET
    last = len(NOTICE_HEADERS)
    L.put(ws, 1, 1, notice_title(county, year, notice.unit), font=L.font(bold=True, size=14), alignment=L.CENTER)
    L.put(ws, 2, 1, lead(notice, basis), font=L.font(size=10), alignment=L.WRAP_LEFT)
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    ws.row_dimensions[1].height = 26
    ws.row_dimensions[2].height = 15 * L.line_count(lead(notice, basis), sum(NOTICE_WIDTHS)) + 6
    L.header_row(ws, HEADER_ROW, NOTICE_HEADERS, NOTICE_WIDTHS)
    rows = [
        (
            r.rule,
            "扣分项" if r.item_id == "P" else r.item,
            n(r.lost),
            "；".join(r.reasons),
            "\n".join(r.recover) or "（无单项填报值可挽回，请对照细则整改）",
            "、".join(r.co_units),
        )
        for r in notice.rows
    ]
    end = write_rows(ws, HEADER_ROW + 1, rows, NOTICE_WIDTHS, {3: NUMBER})
    end = write_rows(ws, end, [("合计", "", n(notice.total), "", "", "")], NOTICE_WIDTHS, {3: NUMBER}, bold=True)
    for i, text in enumerate(SIGN_LINES):
        r = end + 1 + i * 2
        L.put(ws, r, 1, text, font=L.font(size=11))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        ws.row_dimensions[r].height = 24
    L.page_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}", landscape=True)
    wb.properties.creator = "ecoscore"
    save_atomic(wb, path)
