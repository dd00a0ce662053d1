"""One cell of an input workbook, as read: where it is, what openpyxl found, and the raw value
handed to the engine (`raw_value`). Shared by the field reader (`reader`) and the
monitoring-data reader (`monitoring_reader`), so a cell means the same in every sheet.

Typing is left to `ecoscore.core.values.parse` — the one normaliser — except for what only a
workbook has: percent-formatted numbers (0.95 shown as 95 %), formulas (their cached results)
and Excel error values.
"""

from __future__ import annotations

import math
from decimal import Context, Decimal

from ecoscore.core.fields import Field
from ecoscore.core.model import Location, Problem
from ecoscore.core.record import record
from ecoscore.core.values import PERCENT_UNITS, is_blank
from ecoscore.workbook.xlstd import get_column_letter

PERCENT_KINDS = ("pct", "pct+", "spct")
TEXT_TYPES = ("s", "str")  # openpyxl's read-only cells keep a formula's text result as "str"
EXCEL_DIGITS = Context(prec=15)


@record
class Slot:
    """One cell to read. `target` says what it feeds (("value", key), ("section", row, col), …)."""

    target: tuple
    location: Location
    value: object
    data_type: str
    number_format: str
    formula: str | None = None  # the cell's formula; then `value` is the result Excel/WPS cached, if any


def slot(target: tuple, sheet: str, row: tuple, r: int, c: int, formulas: dict) -> Slot:
    """The Slot for column `c` (1-based) of row `r`, as the reader's row gave it (openpyxl's
    read-only, data-only cells, or `fast`'s, which are alike), with its formula from `formulas`
    ((row, col) → text, see `outline`)."""
    cell = row[c - 1] if c - 1 < len(row) else None
    return Slot(
        target,
        Location(sheet, f"{get_column_letter(c)}{r}"),
        getattr(cell, "value", None),
        getattr(cell, "data_type", "n") or "n",
        getattr(cell, "number_format", None) or "General",
        formulas.get((r, c)),
    )


def raw_value(s: Slot, f: Field | None, label: str, expected: str, problems: list, key: str):
    """The cell's raw value for the engine, or None after recording a problem with it."""
    expected_text = f"；应填{expected}" if expected else ""
    if s.data_type == "e":
        problems.append(
            Problem(
                "cell_error",
                f"{label}：单元格是 Excel 错误值 {s.value}（公式出错或引用了无效单元格）{expected_text}",
                key=key,
                value=s.value,
                expected=expected or None,
                location=s.location,
            )
        )
        return None
    # A formula saved without a result (written by a program, never opened in Excel); an empty
    # text result (t="str", as LibreOffice writes =IF(…,"")) is a legitimate blank.
    if s.formula is not None and s.value is None and s.data_type not in TEXT_TYPES:
        problems.append(
            Problem(
                "formula_without_value",
                f"{label}：单元格是公式 {s.formula}，但文件里没有保存计算结果"
                "（可能是程序生成的文件）；请在 Excel 或 WPS 中打开并保存，或直接填写数值",
                key=key,
                value=s.formula,
                expected=expected or None,
                location=s.location,
            )
        )
        return None
    if is_blank(s.value):  # a cell holding only spaces is blank to the clerk, and to the engine
        return None
    if isinstance(s.value, float) and not math.isfinite(s.value):  # <v>1e999</v>: Excel never writes it
        problems.append(
            Problem(
                "invalid_value",
                f"{label}：单元格的数值超出范围（{s.value}），不是有效数值{expected_text}",
                key=key,
                value=s.value,
                expected=expected or None,
                location=s.location,
            )
        )
        return None
    value = excel_precision(s.value) if isinstance(s.value, float) else s.value
    if (
        f is not None
        and isinstance(value, (int, float, Decimal))
        and not isinstance(value, bool)
        and "%" in s.number_format
        and (f.kind in PERCENT_KINDS or f.unit in PERCENT_UNITS)
    ):
        return _percent(value)
    return value


def excel_precision(value: float) -> float | Decimal:
    """Excel keeps and shows 15 significant digits; a formula's 0.30000000000000004 is binary
    noise the clerk never saw, so it is read as 0.3 (docs/spec/decisions.md#d3: no float noise reaches a user)."""
    d = Decimal(repr(value))
    if not d.is_finite() or len(d.as_tuple().digits) <= 15:
        return value
    return _plain(EXCEL_DIGITS.plus(d))


def _percent(value: float | Decimal) -> Decimal:
    """A percent-formatted cell stores 0.95 for 95 %: scale by 100 exactly (no float noise)."""
    return _plain((value if isinstance(value, Decimal) else Decimal(repr(value))) * 100)


def _plain(d: Decimal) -> Decimal:
    if d != d.to_integral_value():
        return d.normalize()
    # a whole number without exponent; one too long for that (1e232) is left for the range check to refuse
    return d.quantize(Decimal(1)) if d.adjusted() < EXCEL_DIGITS.prec else d
