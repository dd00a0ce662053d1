"""Building blocks of the input sheets, shared by the field sheets (`template`) and the
monitoring-data sheets (`monitoring_sheets`): validations, protection, title rows."""

from __future__ import annotations

from ecoscore.workbook import layout as L
from ecoscore.workbook.xlsx import DataValidation, Protection

UNLOCKED = Protection(locked=False)


# ---- validations ------------------------------------------------------------------------
def validation(
    ws,
    cache: dict,
    cell: str,
    kind: str,
    operator: str | None,
    formula1: str,
    formula2: str | None,
    prompt: str,
    error: str,
    title: str = "填写说明",
) -> None:
    """One DataValidation per distinct rule and sheet, covering all its cells (keeps files small)."""
    spec = (ws.title, kind, operator, formula1, formula2, prompt, error, title)
    dv = cache.get(spec)
    if dv is None:
        dv = DataValidation(
            type=kind,
            operator=operator,
            formula1=formula1,
            formula2=formula2,
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            promptTitle=title[:32],
            prompt=prompt[:255],
            errorTitle="输入有误",
            error=error[:255],
            errorStyle="stop",
        )
        ws.add_data_validation(dv)
        cache[spec] = dv
    dv.add(cell)


def protect(ws) -> None:
    """Protected against accidental edits, no password; widths, row inserts, sort and filter stay allowed."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = p.formatRows = p.insertRows = p.sort = p.autoFilter = False


def title_rows(ws, title: str, hint: str, last_col: int) -> None:
    L.put(ws, L.TITLE_ROW, 1, title, font=L.font(bold=True, size=14))
    L.put(ws, L.HINT_ROW, 1, hint, font=L.font(color="595959", size=10))
    for row in (L.TITLE_ROW, L.HINT_ROW):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    ws.row_dimensions[L.TITLE_ROW].height = 24
