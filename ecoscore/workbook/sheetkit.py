"""Building blocks of the input sheets, shared by the field sheets (`template`) and the
monitoring-data sheets (`monitoring_sheets`): validations (a field's own from its kind), protection, title rows."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import Field
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


NUMBER_LIMIT = "1000000"  # "any number" for signed percentages: Excel still rejects text there
TEXT_LIMIT = 255  # characters at most in a free-text cell of the template
TOO_LONG = f"文字过长（最多 {TEXT_LIMIT} 字）。"


# ---- validations ------------------------------------------------------------------------
def text_validation(ws, cache: dict, cell: str, prompt: str, error: str = TOO_LONG) -> None:
    """A free-text cell: at most TEXT_LIMIT characters."""
    validation(ws, cache, cell, "textLength", "lessThanOrEqual", str(TEXT_LIMIT), None, prompt, error)


def field_validation(ws, cache: dict, cell: str, f: Field) -> None:
    unit = f"，单位：{f.unit}" if f.unit and f.unit != "%" else ""
    prompt = f"应填{f.expected}{unit}。" + ("可留空（视为无）。" if f.optional else "")
    error = f"这里应填{f.expected}{unit}。数值请只填数字，不带单位。"
    if f.kind == "bool":
        return validation(
            ws, cache, cell, "list", None, '"是,否"', None, "请下拉选择“是”或“否”。", "请从下拉列表选择“是”或“否”。"
        )
    if f.kind == "enum":
        return validation(
            ws,
            cache,
            cell,
            "list",
            None,
            '"' + ",".join(f.choices) + '"',
            None,
            "请下拉选择：" + "、".join(f.choices),
            "请从下拉列表中选择。",
        )
    if f.kind == "text":
        return text_validation(ws, cache, cell, prompt, error)
    if f.kind in ("pct", "pct+", "spct") or f.unit == "%":
        prompt += "百分数填 95 或 95% 均可。"
    lo, hi = f.minimum, f.maximum
    kind = "whole" if f.whole else "decimal"
    if f.positive:
        return validation(ws, cache, cell, kind, "greaterThan", "0", None, prompt, error)
    if lo is not None and hi is not None:
        return validation(ws, cache, cell, kind, "between", _n(lo), _n(hi), prompt, error)
    if lo is not None:
        return validation(ws, cache, cell, kind, "greaterThanOrEqual", _n(lo), None, prompt, error)
    return validation(ws, cache, cell, kind, "between", "-" + NUMBER_LIMIT, NUMBER_LIMIT, prompt, error)


def _n(x: Decimal) -> str:
    return format(x.normalize(), "f")
