"""Writing tables of figures into the output workbooks (scored workbook, 汇总.xlsx): number
formats, figures as numbers Excel can sum, rows with their heights, a sheet's title block."""

from __future__ import annotations

from ecoscore.core.kit import round2
from ecoscore.workbook import layout as L

NUMBER = "0.00"
SIGNED = "+0.00;-0.00;0.00"


def n(x) -> float | int | None:
    """A figure for a cell: rounded to 2 decimals (docs/spec/decisions.md#d3), as a number Excel can sum."""
    if x is None:
        return None
    q = round2(x)
    return int(q) if q == q.to_integral_value() else float(q)


def write_rows(ws, first: int, rows, widths, formats: dict[int, str] | None = None, fill=None, bold=False) -> int:
    """Write rows of values from row `first`; returns the next free row."""
    style = {"font": L.font(bold=bold), "alignment": L.WRAP, "border": L.BORDER}
    if fill is not None:
        style["fill"] = fill
    numeric = {c: {**style, "number_format": f} for c, f in (formats or {}).items()}
    rooms = [L.usable(w) for w in widths]
    r = first
    for values in rows:
        if numeric:
            styles = [
                numeric[c] if c in numeric and isinstance(v, int | float) else style for c, v in enumerate(values, 1)
            ]
        else:
            styles = [style] * len(values)
        L.fit_lines(ws, r, put_values(ws, r, values, styles), rooms)
        r += 1
    return r


def put_values(ws, row: int, values, styles) -> list:
    """`layout.put_value` of a row's values from column 1, each with its style dict, in one call to
    the sheet; returns the values as stored."""
    packed = [L.packed_value(value, style) for value, style in zip(values, styles)]
    for col in ws.put_row(row, packed):
        L.put_styled(ws, row, col, packed[col - 1][0], packed[col - 1][1])
    return [cell[0] for cell in packed]


def sheet_start(ws, title: str, hint: str, headers, widths) -> int:
    L.put(ws, 1, 1, title, font=L.font(bold=True, size=14))
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=10))
    L.header_row(ws, 3, headers, widths)
    ws.freeze_panes = "A4"
    L.page_setup(ws, "3:3")
    return 4
