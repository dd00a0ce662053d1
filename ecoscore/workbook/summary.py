"""Write the batch summary workbook (汇总.xlsx) for the city's leaders (docs/spec/decisions.md#dev-city-summary):

- 排名: one A4 landscape page — rank, county, total, 得分率, 比上年 (with --prev), the largest losses and
  a note; the city average of the final scores; the provisional counties after them, without a rank;
- 得分率图, 分项得分 (item × county), 板块得分 (section × county): `summary_tables`;
- 未评分文件 and 文件 (the inputs and scored workbooks, linked): `summary_files`.

Every text cell goes through `layout.put`, so a county or file name starting with `=` stays
literal text; the workbook is saved atomically like the scored workbooks.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.kit import pts
from ecoscore.core.model import OutputProblem
from ecoscore.rubric import Rubric
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.summary_files import FAILED_SHEET, FILES_SHEET, failed_sheet, files_sheet
from ecoscore.workbook.summary_tables import chart_sheet, items_sheet, sections_sheet
from ecoscore.workbook.tables import NUMBER, SIGNED, n
from ecoscore.workbook.xlsx import Alignment, Workbook

RANK_SHEET = "排名"
LOSSES_HEADER = "失分最多的细则"
NOTE_HEADER = "备注"
RATE = "0.0%"
PROVISIONAL_RATE = '0.0%"（暂定）"'
AVERAGE_FILL = L.GROUP_FILL
PROVISIONAL_FILL = L.REQUIRED_FILL
BODY = L.font()  # 11 pt on a page that needs no shrinking for ~20 counties (tests/test_batch.py)
NUMBER_ALIGN = Alignment(horizontal="right", vertical="top")
DASH = "—"
ONE_PAGE = 24  # counties the 排名 sheet fits on one page at 9 pt or more (tests/test_batch_city.py)


def rank_columns(with_prev: bool) -> tuple[tuple[str, float], ...]:
    """(header, width) of the 排名 sheet: under 130 character widths, inside an A4 landscape page at 100 %."""
    cols = [("名次", 6), ("县（市、区）", 22), ("总分", 9), ("得分率", 16)]
    if with_prev:
        cols.append(("比上年", 10))
    return tuple(cols + [(LOSSES_HEADER, 47), (NOTE_HEADER, 28)])


CITY_SHEET = "全市测算"


def write_summary(result, path, rubric: Rubric | None = None) -> None:
    """Write the summary of a `batch.BatchResult` to `path`; OutputProblem when it cannot be saved.
    `rubric`: the edition the counties were scored against (its items and sections are the rows).

    `result.ranking` is read as a sequence the writer iterates many times (`len()` and `iter()`
    only: it is never indexed, copied or kept), the counties in ranking order; so it may re-read
    its rows from disk on each pass. The writer keeps one row at a time: 排名, 得分率图 and 文件
    take one or two passes each; 分项得分 and 板块得分 (a county per column) one pass per row.
    Of `result` it also reads `outcomes` and `failed` (their `len()`; `failed` is iterated once),
    `average` (the city average of the final scores, `services.ranking.city_average`), `previous`
    and `city` (docs/performance.md, 流式写出)."""
    rubric = rubric or editions.default()
    target = Path(path)
    wb = Workbook(streaming=True)  # a row goes to the file once the next is written: flat in the counties
    wb.properties.creator = "ecoscore"
    wb.properties.title = "生态环境保护工作考核评分汇总"
    rank_sheet(wb.active, result)
    chart_sheet(wb.create_sheet("得分率图"), result.ranking)
    items_sheet(wb.create_sheet("分项得分"), result.ranking, rubric)
    sections_sheet(wb.create_sheet("板块得分"), result.ranking, rubric)
    if getattr(result, "city", None) is not None:  # the figures derived across the counties, with their inputs
        from ecoscore.workbook.summary_city import city_sheet

        city_sheet(wb.create_sheet(CITY_SHEET), result.city)
    failed_sheet(wb.create_sheet(FAILED_SHEET), result, target)
    files_sheet(wb.create_sheet(FILES_SHEET), result, target)
    try:
        save_atomic(wb, target)
    except PermissionError:
        raise OutputProblem(f"无法写入汇总表“{target}”：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as exc:
        raise OutputProblem(
            f"无法写入汇总表“{target}”：{exc.strerror or exc}（请检查文件夹是否存在、是否有写权限）"
        ) from None


def losses_text(row) -> str:
    """The largest losses, short: "8.8 −4.85；21.2 −0.50" (the reasons are in each county's workbook)."""
    return "；".join(f"{ln.rule} −{pts(-ln.display)}" for _, ln in row.losses) or "无失分"


class Tally:
    """What the 排名 sheet needs of all the counties, in one pass over the ranking: how many are final
    and provisional, and their years. (The city average is the batch's own, `result.average`.)"""

    def __init__(self, ranking):
        self.finals = self.provisionals = 0
        self.years: set = set()
        for row in ranking:
            self.years.add(row.year)
            if row.rank is None:
                self.provisionals += 1
            else:
                self.finals += 1


def title_of(years: set) -> str:
    year = f"{next(iter(years))}年度" if len(years) == 1 and None not in years else ""
    return f"{year}各县（市、区）生态环境保护工作考核评分汇总"


def counts_text(result, tally: Tally) -> str:
    finals, provisional = tally.finals, tally.provisionals
    failed = len(result.failed)
    text = f"共 {len(result.outcomes)} 个文件：{finals} 个县（市、区）最终得分并排名，{provisional} 个暂定（不排名）"
    return text + (f"，{failed} 个未能评分（见“{FAILED_SHEET}”表）" if failed else "") + "。"


def rank_sheet(ws, result) -> int:
    """The one-page ranking; returns the number of county rows written."""
    ws.title = RANK_SHEET
    comparison = result.previous
    headers, widths = zip(*rank_columns(comparison is not None), strict=True)
    last_col = len(headers)
    tally = Tally(result.ranking)
    L.put(ws, 1, 1, title_of(tally.years), font=L.font(bold=True, size=14))
    ws.row_dimensions[1].height = 24
    hint = counts_text(result, tally) + "总分相同者名次相同。得分率 = 总分 ÷ 满分 100（含加扣分，可超过 100%）。"
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=10), alignment=L.WRAP_LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_col)
    ws.row_dimensions[2].height = 30
    L.header_row(ws, 3, headers, widths)
    col = {h: i for i, h in enumerate(headers, start=1)}
    r = 4
    for row in result.ranking:
        if row.rank is not None:
            r = county_row(ws, r, row, col, widths, comparison)
    if not tally.finals and not tally.provisionals:
        L.put(ws, r, 2, "没有评分成功的文件", font=BODY, border=L.BORDER)
        r += 1
    if result.average is not None:
        r = average_row(ws, r, result.average, col, comparison, result.ranking)
    if tally.provisionals:
        heading = f"暂定得分（{tally.provisionals} 个，有条款缺少数据未评分，不排名次；得分率按已评分的分值计）"
        L.put(ws, r, 1, heading, font=L.font(bold=True), fill=PROVISIONAL_FILL, border=L.BORDER)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
        ws.row_dimensions[r].height = 18
        r += 1
        for row in result.ranking:
            if row.rank is None:
                r = county_row(ws, r, row, col, widths, comparison)
    notes = prev_notes(comparison) if comparison is not None else []
    notes.append(
        f"各县的输入文件和评分结果文件（可点击打开）见“{FILES_SHEET}”表；每条细则的失分原因见各县的评分结果文件。"
    )
    for text in notes:
        r += 1
        L.put(ws, r, 1, text, font=L.font(color="595959", size=10), alignment=L.WRAP_LEFT)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)
        ws.row_dimensions[r].height = 15 * L.line_count(text, sum(widths) * 1.1) + 3
    ws.freeze_panes = "A4"
    L.page_setup(ws, "3:3")
    # one page for a city (up to ~20 counties fit at full size); a longer list prints on as many
    # pages as it needs at full size, the header repeated, rather than shrunk past reading
    counties = tally.finals + tally.provisionals
    ws.page_setup.fitToHeight = 1 if counties <= ONE_PAGE else 0
    ws.page_margins.top = 0.5  # the bottom keeps page_setup's room for the footer
    return counties


def county_row(ws, r: int, row, col: dict, widths, comparison) -> int:
    rate_format = PROVISIONAL_RATE if row.provisional else RATE
    values: dict[str, object] = {
        "名次": row.rank if row.rank is not None else "暂定",
        "县（市、区）": row.label,
        "总分": n(row.total),
        "得分率": float(row.rate) if row.rate is not None else None,
        LOSSES_HEADER: losses_text(row),
        NOTE_HEADER: note_text(row, comparison),
    }
    formats = {"总分": NUMBER, "得分率": rate_format, "比上年": SIGNED}
    if comparison is not None:
        change = comparison.changes.get(row.index)
        values["比上年"] = n(change.delta) if change is not None else DASH
    fill = PROVISIONAL_FILL if row.provisional else None
    write_cells(ws, r, values, col, formats, fill)
    L.set_row_height(ws, r, [values.get(h) for h in col], widths)
    return r + 1


def write_cells(ws, r: int, values: dict, col: dict, formats: dict, fill=None, bold: bool = False) -> None:
    for header, c in col.items():
        value = values.get(header)
        style: dict = {"font": L.font(bold=bold), "border": L.BORDER, "alignment": L.WRAP}
        if fill is not None:
            style["fill"] = fill
        if isinstance(value, (int, float)) and header in formats:
            style.update(number_format=formats[header], alignment=NUMBER_ALIGN)
        elif value == DASH or header == "名次":
            style["alignment"] = L.VALUE_ALIGN
        L.put(ws, r, c, value, **style)


def note_text(row, comparison) -> str:
    parts = []
    if row.provisional:
        parts.append(f"暂定：{pts(row.unscored_points)} 分未评分（{row.unscored} 项）")
    if comparison is not None:
        change = comparison.changes.get(row.index)
        if change is not None and change.last.provisional:
            parts.append("上年为暂定分")
    if row.basis:
        parts.append(row.basis)
    return "；".join(parts)


def average_row(ws, r: int, average, col: dict, comparison, ranking) -> int:
    total, rate = average
    values: dict[str, object] = {
        "名次": DASH,
        "县（市、区）": "全市平均（不含暂定）",
        "总分": n(total),
        "得分率": float(rate),
    }
    if comparison is not None:  # the mean change of the final counties with last year's figure
        delta, count = Decimal(0), 0
        for row in ranking:
            change = comparison.changes.get(row.index) if row.rank is not None else None
            if change is not None:
                delta, count = delta + change.delta, count + 1
        values["比上年"] = n(delta / count) if count else DASH
    write_cells(ws, r, values, col, {"总分": NUMBER, "得分率": RATE, "比上年": SIGNED}, AVERAGE_FILL, bold=True)
    ws.row_dimensions[r].height = 18  # one line: its texts are short
    return r + 1


def prev_notes(comparison) -> list[str]:
    prev = comparison.previous
    notes = [f"比上年 = 本年总分 − 上年总分（上年数据：{prev.folder}，按县名对应；全市平均行为有上年数据的县的平均）。"]
    if comparison.unmatched:
        notes.append(f"上年没有对应数据、显示“{DASH}”的：" + "、".join(comparison.unmatched) + "。")
    if prev.failed:
        notes.append(f"上年文件中有 {len(prev.failed)} 个未能读取（见“{FILES_SHEET}”表）。")
    return notes
