"""The 总览 sheet's chart: each section's 得分率 (score ÷ points of its scored items, in %), on a
printed page of its own (docs/spec/decisions.md#dev-15-6).

Raw points would let section 2 (57 points) dwarf the ten others (2–8 points); a rate puts them
on one scale. The bars are drawn from a small table beside the chart, which also says which
sections are 暂定 (some items unscored) or 未评分 (none scored: no bar, a chart cannot plot text).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ecoscore.scoring.totals import SectionTotal
from ecoscore.workbook import layout as L
from ecoscore.workbook.tables import n
from ecoscore.workbook.xlsx import BarChart, Break, DataLabelList, Reference

CHART_ROWS = 22  # rows the chart covers: with the heading row it stays well inside one A4 landscape page
RATE_COL = 6  # the chart's figures, in the two columns right of the chart (F: label, G: rate)
RATE_FORMAT = "0.0"
RATE_HEADERS = ("部分", "得分率（%）")


def rate(t: SectionTotal) -> Decimal | None:
    """Score ÷ points of the scored items, in %, to one decimal; None when no item is scored."""
    scored_points = t.score + t.lost  # each scored item's lost is its points minus its score
    if t.incomplete == t.size or scored_points == 0:
        return None
    return (t.score / scored_points * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def status(t: SectionTotal) -> str:
    """（未评分） when no item of the section is scored, （暂定） when some are not, else nothing."""
    if t.incomplete == t.size:
        return "（未评分）"
    return "（暂定）" if t.incomplete else ""


def rate_chart(ws, top: int, totals: list[tuple[str, SectionTotal]]) -> int:
    """From row `top` (a page break is put above it): heading, chart, its figures beside it.
    `totals` are (the section's label, its totals). Returns the first row below the chart."""
    ws.row_breaks.append(Break(id=top - 1))  # the chart starts a printed page
    L.put(ws, top, 1, "各部分得分率（已评分条款的得分 ÷ 其分值）", font=L.font(bold=True, size=12))
    first = top + 1
    for c, text in enumerate(RATE_HEADERS, start=RATE_COL):
        L.put(ws, first, c, text, font=L.HEADER_FONT, fill=L.HEADER_FILL, alignment=L.CENTER, border=L.BORDER)
    for r, (label, t) in enumerate(totals, start=first + 1):
        L.put(ws, r, RATE_COL, label + status(t), font=L.font(), border=L.BORDER, alignment=L.TOP)
        value = rate(t)
        L.put(ws, r, RATE_COL + 1, n(value), font=L.font(), border=L.BORDER, number_format=RATE_FORMAT)
    last = first + len(totals)
    chart = BarChart()
    chart.type, chart.title, chart.y_axis.title = "bar", "各部分得分率（%）", "得分率（%）"
    chart.add_data(Reference(ws, min_col=RATE_COL + 1, min_row=first, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=RATE_COL, min_row=first + 1, max_row=last))
    chart.x_axis.delete = chart.y_axis.delete = False  # both axes shown
    chart.x_axis.scaling.orientation = "maxMin"  # section 1 at the top, as in the table
    chart.y_axis.number_format = "0"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.crosses = "max"  # keep the value axis at the bottom when the categories are reversed
    chart.legend = None  # one series: its name is the title
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.height, chart.width = CHART_ROWS * 0.53, 16  # cm; 15-point rows are about 0.53 cm; columns A–E
    ws.add_chart(chart, f"A{first}")
    return first + CHART_ROWS + 1
