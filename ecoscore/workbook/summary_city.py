"""汇总.xlsx's 全市测算 sheet: each county's figures the city batch used (PM2.5, 综合指数, 优良天数
比例 of both years and their improvements, 二级标准, 城市水质综合指数 and its rank, 断面改善幅度,
the first places with 递补), the 全市平均 row and how each figure is found.

`city_sheet(ws, city)` writes into a sheet the summary writer creates and names (`result.city`, a
`services.city.CityBatch`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ecoscore.workbook import layout as L
from ecoscore.workbook.tables import sheet_start, write_rows

NAME_WIDTH, NUMBER_WIDTH, TEXT_WIDTH = 12, 9, 16
INDEX_COLUMNS = ("综合指数", "水质综合指数")  # indices keep four decimals, so the improvement can be recomputed
HINT = (
    "由本批次各县（市、区）的填报数据测算；各县评分时只填入空白的字段，已填写的以填报值为准（见各县评分结果的"
    "“全市测算”表）。数值显示四舍五入，计算用精确值。"
)


def cell(value: object, header: str) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        places = 4 if any(word in header for word in INDEX_COLUMNS) and "改善" not in header else 2
        q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return int(q) if q == q.to_integral_value() else float(q)
    return value


def widths(columns) -> tuple[float, ...]:
    return tuple(NAME_WIDTH if i == 0 else TEXT_WIDTH if "第1名" in h else NUMBER_WIDTH for i, h in enumerate(columns))


def city_sheet(ws, city) -> None:
    """Write the 全市测算 sheet of the batch's `city` figures into `ws`."""
    fig = city.figures
    w = widths(fig.columns)
    first = sheet_start(ws, f"全市测算：本批次 {len(fig.rows)} 个县（市、区）", HINT, fig.columns, w)
    ws.row_dimensions[3].height = 15 * max(L.line_count(h, wd) for h, wd in zip(fig.columns, w)) + 3
    ws.freeze_panes = "B4"
    rows = (tuple(cell(v, h) for v, h in zip(row, fig.columns)) for row in fig.rows)  # one at a time
    r = write_rows(ws, first, rows, w)
    r = write_rows(ws, r, [tuple(cell(v, h) for v, h in zip(fig.average_row, fig.columns))], w, bold=True)
    r += 1
    L.put(ws, r, 1, "测算方法", font=L.font(bold=True, size=12))
    span = sum(w)
    for text in [*fig.method, *(f"提示：{t}" for t, _ in fig.notes)]:
        r += 1
        L.put(ws, r, 1, text, font=L.font(), alignment=L.WRAP_LEFT)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(w))
        ws.row_dimensions[r].height = 15 * L.line_count(text, span) + 3
