"""The county-by-county sheets of 汇总.xlsx: 得分率图 (得分率 by county, bars in ranking order), 分项得分
(each of the 39 items, bonus and penalty by county, coloured by 得分率) and 板块得分 (each section by
county). An item or section with nothing scored shows 未评分, never 0; a section partly scored shows
the score of its scored items with a * (暂定)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from ecoscore.core.kit import num
from ecoscore.rubric import Rubric
from ecoscore.workbook import layout as L
from ecoscore.workbook.tables import NUMBER, n
from ecoscore.workbook.xlsx import BarChart, CellIsRule, DataLabelList, PatternFill, Reference, get_column_letter

UNSCORED = "未评分"
PARTIAL = '0.00"*"'  # a section's score with some of its items unscored
FULL_FILL = PatternFill("solid", fgColor="FFC6EFCE")  # 得分率 100 %
PART_FILL = PatternFill("solid", fgColor="FFFFEB9C")  # 60 % up to 100 %
LOW_FILL = PatternFill("solid", fgColor="FFFFC7CE")  # below 60 %
NONE_FILL = PatternFill("solid", fgColor="FFEDEDED")  # 未评分
LOW_RATE = Decimal("0.6")
LEGEND = "颜色按得分率：绿色满分，黄色 60% 至未满分，红色低于 60%，灰色未评分。"
COUNTY_WIDTH = 9
WIDE = 20  # more county columns than this are not fitted to the page width (the text would be too small)
PAGE_COUNTIES = 9  # county columns on an A4 landscape page at full size, beside the first four
FINAL_BAR, PROVISIONAL_BAR = "4472C4", "BFBFBF"


def county_header(row) -> str:
    return f"{row.label}\n（暂定）" if row.provisional else row.label


def full_marks(rubric: Rubric) -> Decimal:
    return sum((it.points for it in rubric.scored_items), Decimal(0))


def band_rules(ws, ref: str, points: Decimal) -> None:
    """Colour the cells of `ref` by 得分率 against `points` (未评分 first: text compares above any number)."""
    ws.conditional_formatting.add(ref, CellIsRule("equal", [f'"{UNSCORED}"'], fill=NONE_FILL))
    ws.conditional_formatting.add(ref, CellIsRule("lessThan", [num(points * LOW_RATE)], fill=LOW_FILL))
    ws.conditional_formatting.add(ref, CellIsRule("lessThan", [num(points)], fill=PART_FILL))
    ws.conditional_formatting.add(ref, CellIsRule("greaterThanOrEqual", [num(points)], fill=FULL_FILL))


def start(ws, title: str, hint: str, headers, widths, rows) -> int:
    """Title, hint and the header row: `headers` (with their `widths`), then one column per county."""
    L.put(ws, 1, 1, title, font=L.font(bold=True, size=14))
    # the hint is long: wrapped across the columns of the first printed page, so nothing runs off it
    # (merged before row 3 is written: a streamed row is final once the next one starts)
    shown_counties = min(len(rows), WIDE if len(rows) <= WIDE else PAGE_COUNTIES)
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=10), alignment=L.WRAP_LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers) + shown_counties)
    L.set_row_height(ws, 2, [hint], [sum(widths) + COUNTY_WIDTH * shown_counties])
    L.header_row(ws, 3, headers, widths)
    counties = 0
    for c, row in enumerate(rows, start=len(headers) + 1):
        L.put(ws, 3, c, county_header(row), font=L.HEADER_FONT, fill=L.HEADER_FILL, alignment=L.CENTER, border=L.BORDER)
        counties += 1
    if counties:
        ws.set_widths(len(headers) + 1, len(headers) + counties, COUNTY_WIDTH)
    ws.row_dimensions[3].height = 34  # county names wrap to two lines
    ws.freeze_panes = "E4" if len(headers) + counties > 3 else "A4"
    L.page_setup(ws, "3:3")
    if counties > WIDE:  # too many counties to shrink onto the page width: print at full size
        ws.sheet_properties.pageSetUpPr.fitToPage = False
    return 4


def put_cell(ws, r: int, c: int, v, formats: dict[int, str] | str | None = None, bold: bool = False, fill=None) -> None:
    """A table cell; a figure (from column 3) gets its column's number format from `formats` (one
    format for every column when a str), NUMBER by default."""
    fmt = None
    if isinstance(v, (int, float)) and c > 2:
        fmt = formats if isinstance(formats, str) else (formats or {}).get(c, NUMBER)
    L.put_value(ws, r, c, v, _style(c <= 2, bold, fill, fmt))


@cache  # a few distinct styles for all the cells: one dict each, shared (never changed)
def _style(label: bool, bold: bool, fill, number_format: str | None) -> dict:
    style: dict = {"font": L.font(bold=bold), "border": L.BORDER, "alignment": L.WRAP if label else L.VALUE_ALIGN}
    if fill is not None:
        style["fill"] = fill
    if number_format is not None:
        style["number_format"] = number_format
    return style


def put_row(ws, r: int, values, formats: dict[int, str] | str | None = None, bold: bool = False, fill=None) -> None:
    for c, v in enumerate(values, start=1):
        put_cell(ws, r, c, v, formats, bold, fill)


def county_cells(ws, r: int, rows, cell_of, formats=None, bold=False, fill=None) -> Decimal | None:
    """One cell per county from column 5, in one pass over `rows`: `cell_of(row)` gives (the figure
    for the city average or None, the cell's value). Returns the mean of the final counties' figures
    (summed in ranking order, as `mean`), None when there is none."""
    total, count = Decimal(0), 0
    for c, row in enumerate(rows, start=5):
        figure, value = cell_of(row)
        if figure is not None and not row.provisional:
            total, count = total + figure, count + 1
        put_cell(ws, r, c, value, formats, bold, fill)
    return total / count if count else None


def shown(avg: Decimal | None):
    """The mean as a cell's figure, or "—" when there is nothing to average (`average_cell`)."""
    return "—" if avg is None else n(avg)


# ---- 得分率图 -----------------------------------------------------------------------------------
def chart_sheet(ws, rows) -> None:
    L.put(ws, 1, 1, "各县（市、区）考核得分率", font=L.font(bold=True, size=14))
    count = len(rows)
    if not count:
        L.put(ws, 2, 1, "没有评分成功的文件，无图表。", font=L.font(color="595959", size=10))
        return
    L.put(
        ws,
        2,
        1,
        "按排名从上到下；得分率 = 总分 ÷ 100（暂定的按已评分的分值计，灰色）。各板块分值不同，故比较得分率而不是分数。",
        font=L.font(color="595959", size=10),
    )
    headers, widths = ("名次", "县（市、区）", "得分率"), (6, 22, 10)
    L.header_row(ws, 3, headers, widths)
    colours: list[str | None] = []  # one bar colour per county: the chart's only per-county part
    for i, row in enumerate(rows):
        rank = row.rank if row.rank is not None else "暂定"
        label = f"{row.label}（暂定）" if row.provisional else row.label
        put_row(ws, 4 + i, (rank, label, float(row.rate) if row.rate is not None else None), {3: "0.0%"})
        colours.append(PROVISIONAL_BAR if row.provisional else None)
    last = 3 + count
    chart = BarChart()
    chart.type, chart.title, chart.y_axis.title = "bar", "考核得分率", "得分率"
    chart.add_data(Reference(ws, min_col=3, min_row=3, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=4, max_row=last))
    chart.legend = None
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.label_number_format = "0.0%"
    chart.bar_color = FINAL_BAR
    chart.point_colors = colours
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top, as in the table
    chart.y_axis.crosses = "max"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.height, chart.width = min(max(7.5, 0.6 * count + 3), 200), 18  # cm: 0.6 a bar, within Excel's limits
    ws.add_chart(chart, "E3")
    L.page_setup(ws, None)
    ws.page_setup.fitToHeight = 1


# ---- 分项得分 -----------------------------------------------------------------------------------
def items_sheet(ws, rows, rubric: Rubric) -> None:
    """Rows: the 39 items, 加分, 扣分, 总分; columns: 分值, the city average of the final scores, each
    county. A county per column: each row is one pass over `rows`."""
    widths = (5, 40, 6, 9)
    hint = f"各县每条考核内容的得分；“全市平均”为最终得分县的平均（不含暂定）。{LEGEND}"
    r = start(ws, "各县（市、区）分项得分", hint, ("条款", "名称", "分值", "全市平均"), widths, rows)
    last_col = get_column_letter(4 + len(rows))
    for i, it in enumerate(rubric.scored_items):
        avg = county_cells(ws, r, rows, lambda row, i=i, it=it: _score(row.scores, i, it.id))
        put_row(ws, r, (it.id, it.name, n(it.points), shown(avg)), {3: "0.##"})
        L.set_row_height(ws, r, (None, it.name), widths)
        band_rules(ws, f"D{r}:{last_col}{r}", it.points)
        r += 1
    for label, name, part in (("B", "加分项", "bonus"), ("P", "扣分项（扣减）", "penalty")):
        avg = county_cells(ws, r, rows, lambda row, part=part: (getattr(row, part), n(getattr(row, part))))
        put_row(ws, r, (label, name, "", shown(avg)))
        r += 1
    ws.conditional_formatting.add(f"D{r - 1}:{last_col}{r - 1}", CellIsRule("greaterThan", ["0"], fill=LOW_FILL))
    total_row(ws, r, rows, rubric)


def total_row(ws, r: int, rows, rubric: Rubric) -> None:
    style = {"bold": True, "fill": L.GROUP_FILL}
    avg = county_cells(ws, r, rows, lambda row: (row.total, n(row.total)), **style)
    put_row(ws, r, ("", "总分", n(full_marks(rubric)), shown(avg)), {3: "0"}, **style)


def _score(scores: tuple, i: int, item_id: str) -> tuple:
    """(the score for the average, the cell) of `item_id`, the `i`-th item: "—" for an item the
    county's edition does not have, 未评分 when unscored. `scores` is in report order, usually the
    rubric's: look at position `i` first."""
    if i < len(scores) and scores[i][0] == item_id:
        value = scores[i][1]
    else:
        value = next((v for k, v in scores if k == item_id), scores)
        if value is scores:
            return None, "—"
    return (None, UNSCORED) if value is None else (value, n(value))


# ---- 板块得分 -----------------------------------------------------------------------------------
def sections_sheet(ws, rows, rubric: Rubric) -> None:
    widths = (5, 30, 6, 9)
    hint = (
        f"各县每个板块的得分；{UNSCORED}：该板块没有一条评了分；带 * 的为暂定：只计已评分的条款。"
        f"“全市平均”为最终得分县的平均。{LEGEND}"
    )
    r = start(ws, "各县（市、区）板块得分", hint, ("板块", "名称", "分值", "全市平均"), widths, rows)
    last_col = get_column_letter(4 + len(rows))
    for sec in rubric.point_sections:
        total, count = Decimal(0), 0
        for c, row in enumerate(rows, start=5):
            t = next((t for t in row.sections if t.section.id == sec.id), None)
            if t is not None and not row.provisional:
                total, count = total + t.score, count + 1
            _section_cell(ws, r, c, t)
        put_row(ws, r, (sec.id, sec.name, n(sec.points), shown(total / count if count else None)), {3: "0.##"})
        L.set_row_height(ws, r, (None, sec.name), widths)
        band_rules(ws, f"D{r}:{last_col}{r}", sec.points)
        r += 1
    total_row(ws, r, rows, rubric)
    marks = full_marks(rubric)
    rates = "0.0%"  # 全市平均 and every county
    avg = county_cells(
        ws, r + 1, rows, lambda row: (row.total / marks, float(row.rate) if row.rate is not None else None), rates
    )
    put_row(ws, r + 1, ("", "得分率", "", float(avg) if avg is not None else "—"), rates)


def _section_cell(ws, r: int, c: int, total) -> None:
    style: dict = {"font": L.font(), "border": L.BORDER, "alignment": L.VALUE_ALIGN}
    if total is None:
        L.put(ws, r, c, "—", **style)
    elif total.incomplete == total.size:
        L.put(ws, r, c, UNSCORED, **style)
    else:
        L.put(ws, r, c, n(total.score), number_format=PARTIAL if total.incomplete else NUMBER, **style)
