"""The input template's 佐证材料 sheet: one row per item (序号, the task, the source's 考核依据) and
three cells to name each supporting document — 材料名称, 文号, 页码或文件路径. A second document
goes on an inserted row (序号 blank: the item above) or on a new line of the same cells
(docs/spec/decisions.md#dev-15-evidence)."""

from __future__ import annotations

from ecoscore.rubric import Rubric
from ecoscore.workbook import layout as L
from ecoscore.workbook.official_rows import task
from ecoscore.workbook.sheetkit import UNLOCKED, protect, text_validation, title_rows

EVIDENCE_SHEET = "佐证材料"
ID_HEADER = "序号"
NAME_HEADER = "材料名称"
NUMBER_HEADER = "文号"
PAGE_HEADER = "页码或文件路径"
EVIDENCE_HEADERS = (ID_HEADER, "工作目标/重点任务", "考核依据（细则要求）", NAME_HEADER, NUMBER_HEADER, PAGE_HEADER)
EVIDENCE_WIDTHS = (6, 30, 22, 36, 20, 24)
READ_HEADERS = (ID_HEADER, NAME_HEADER, NUMBER_HEADER, PAGE_HEADER)  # what the reader takes, by header
GROUP_LABELS = {"B": "加分项", "P": "扣分项"}


def write_evidence_sheet(ws, rubric: Rubric, cache: dict, evidence: dict | None = None) -> None:
    """`evidence`: 佐证材料 to pre-fill, by item id (the examples); several go on separate lines."""
    ncols = len(EVIDENCE_HEADERS)
    title_rows(
        ws,
        "佐证材料（考核依据）",
        "选填。每个条款填写佐证材料的名称、文号和页码（或电子文件路径），列入评分结果的“考核评分表”；"
        "多份材料可在单元格内换行（Alt+Enter）逐行填写，或在下方插入行（序号留空即属上一条款）。",
        ncols,
    )
    ws.cell(row=L.HINT_ROW, column=1).alignment = L.WRAP_LEFT  # two lines across the merged hint row
    ws.row_dimensions[L.HINT_ROW].height = 30
    L.header_row(ws, L.HEADER_ROW, EVIDENCE_HEADERS, EVIDENCE_WIDTHS)
    for r, it in enumerate(rubric.items, start=L.HEADER_ROW + 1):
        label = GROUP_LABELS.get(it.id) or task(it)
        for col, text in enumerate((it.id, label, it.evidence), start=1):
            L.put(ws, r, col, text, font=L.font(), fill=L.INFO_FILL, border=L.BORDER, alignment=L.WRAP)
        given = (evidence or {}).get(it.id, ())
        texts = ["\n".join(getattr(e, part) for e in given) or None for part in ("name", "number", "page")]
        for col in range(4, ncols + 1):
            cell = L.put(
                ws,
                r,
                col,
                texts[col - 4],
                font=L.font(),
                border=L.BORDER,
                fill=L.OPTIONAL_FILL,
                protection=UNLOCKED,
                alignment=L.WRAP,
                number_format="@",
            )
            text_validation(
                ws, cache, cell.coordinate, f"{EVIDENCE_HEADERS[col - 1]}（选填）；多份材料可换行（Alt+Enter）逐行填写"
            )
        L.fit_row_height(ws, r, EVIDENCE_WIDTHS)
    ws.freeze_panes = f"A{L.HEADER_ROW + 1}"
    protect(ws)
    L.page_setup(ws, f"{L.HEADER_ROW}:{L.HEADER_ROW}")
