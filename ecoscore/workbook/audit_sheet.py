"""The scored workbook's 核定差异 sheet (`ecoscore score 核定.xlsx --self 自评.xlsx`): per item its
自评分 and 核定分, the difference (核定 − 自评) and the reason — the fields the city changed, with
their values and cells, and the sub-rule lines that moved. A4 landscape, header row repeated.
"""

from __future__ import annotations

from ecoscore.core.audit import Audit, ItemDifference
from ecoscore.workbook import layout as L
from ecoscore.workbook.tables import NUMBER, SIGNED, n, sheet_start, write_rows

AUDIT_SHEET = "核定差异"
HEADERS = ("序号", "项目", "自评分", "核定分", "差异", "原因")
WIDTHS = (6, 30, 9, 9, 9, 84)
FORMATS = {3: NUMBER, 4: NUMBER, 5: SIGNED}
DIFFERS_FILL = L.REQUIRED_FILL  # a row whose score differs stands out (light yellow)


def item_label(it: ItemDifference) -> str:
    return it.name if it.id in ("B", "P") else f"第 {it.id} 条 {it.name}"


def score_cell(x):
    return "未评分" if x is None else n(x)


def write_audit_sheet(wb, audit: Audit) -> None:
    ws = wb.create_sheet(AUDIT_SHEET)
    hint = (
        f"自评文件：{audit.self_name}；核定文件：{audit.name}。差异 = 核定分 − 自评分；"
        "扣分项按对总分的影响计（负数）。原因列出核定改动的填报数据（自评值 → 核定值，单元格）和分值变化的细则。"
        + "".join(f"提示：{note}。" for note in audit.notes)
    )
    r = sheet_start(ws, "自评与核定得分差异", hint, HEADERS, WIDTHS)
    # the hint is long: wrapped across the table's width, so nothing runs off the printed page
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=10), alignment=L.WRAP_LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    L.set_row_height(ws, 2, [hint], [sum(WIDTHS)])
    for i, it in enumerate(audit.items, start=1):
        row = (i, item_label(it), score_cell(it.self_score), score_cell(it.score), n(it.change), it.reason)
        r = write_rows(ws, r, [row], WIDTHS, FORMATS, fill=DIFFERS_FILL if it.differs else None)
    differing = len(audit.differing)
    summary = (
        f"{differing} 个条款得分不同，核定改动填报数据 {len(audit.fields)} 项" if differing or audit.fields else "一致"
    )
    total = (
        "",
        "总分",
        n(audit.self_total),
        n(audit.total),
        n(audit.change),
        "；".join(x for x in (summary, audit.provisional_text) if x),
    )
    r = write_rows(ws, r, [total], WIDTHS, FORMATS, bold=True)
    if audit.other_fields:
        L.put(ws, r + 1, 1, "核定改动但不影响任何条款得分的填报数据", font=L.font(bold=True, size=12))
        rows = [("", "", None, None, None, f.text()) for f in audit.other_fields]
        write_rows(ws, r + 2, rows, WIDTHS)
