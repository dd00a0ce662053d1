"""Write the batch summary workbook (汇总.xlsx): 排名 (one row per scored county), 总分图 (a bar
chart of the totals) and 未评分文件 (the files that failed, one row per problem).

Every text cell goes through `layout.put`, so a county or file name starting with `=` stays
literal text; the workbook is saved atomically like the scored workbooks.
"""

from __future__ import annotations

import os
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.kit import num
from ecoscore.core.model import OutputProblem
from ecoscore.rubric import Rubric
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.tables import NUMBER, n, sheet_start, write_rows
from ecoscore.workbook.xlsx import BarChart, DataLabelList, Font, Reference, Workbook

RANK_SHEET = "排名"
CHART_SHEET = "总分图"
FAILED_SHEET = "未评分文件"
LOSSES_HEADER = "失分最多的细则"
FAILED_HEADERS = ("文件", "错误类型", "说明", "位置", "字段编码", "问题")
FAILED_WIDTHS = (30, 12, 40, 24, 28, 60)
ERROR_KINDS = {1: "内部错误", 2: "用法错误", 3: "无法读取文件", 4: "输入有误", 5: "无法写入"}


def rank_headers(rubric: Rubric) -> tuple[tuple[str, float], ...]:
    """(header, width) of the 排名 sheet, one column per rubric section."""
    head = (("排名", 6), ("县（市、区）", 16), ("年度", 7), ("总分", 9), ("是否暂定", 12))
    secs = tuple((f"{L.section_sheet_name(s.id, rubric)}（{num(s.points)}分）", 11) for s in rubric.point_sections)
    tail = (("加分", 7), ("扣分", 7), (LOSSES_HEADER, 60), ("输入文件", 24), ("评分结果文件", 28))
    return head + secs + tail


def write_summary(result, path, rubric: Rubric | None = None) -> None:
    """Write the summary of a `batch.BatchResult` to `path`; OutputProblem when it cannot be saved.
    `rubric`: the edition the counties were scored against (its sections are the columns)."""
    rubric = rubric or editions.default()
    target = Path(path)
    wb = Workbook()
    wb.properties.creator = "ecoscore"
    wb.properties.title = "生态环境保护工作考核评分汇总"
    ranking = wb.active
    rows = rank_sheet(ranking, result, target, rubric)
    chart_sheet(wb.create_sheet(CHART_SHEET), ranking, rows)
    failed_sheet(wb.create_sheet(FAILED_SHEET), result, target)
    try:
        save_atomic(wb, target)
    except PermissionError:
        raise OutputProblem(f"无法写入汇总表“{target}”：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as exc:
        raise OutputProblem(
            f"无法写入汇总表“{target}”：{exc.strerror or exc}（请检查文件夹是否存在、是否有写权限）"
        ) from None


def losses_text(row) -> str:
    return "\n".join(f"{ln.rule} {name}：{ln.reason}" for name, ln in row.losses) or "无失分"


def link(path: Path | None, base: Path) -> str | None:
    """`path` relative to the summary's folder: shown, and linked (the link survives moving the folder)."""
    if path is None:
        return None
    try:
        return os.path.relpath(path, base).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)


def rank_sheet(ws, result, target: Path, rubric: Rubric) -> int:
    """The ranking table; returns the number of county rows written."""
    ws.title = RANK_SHEET
    headers, widths = zip(*rank_headers(rubric), strict=True)
    failed = len(result.failed)
    hint = (
        f"共 {len(result.outcomes)} 个文件，已评分 {len(result.ranking)} 个"
        + (f"，{failed} 个未评分（见“{FAILED_SHEET}”表）" if failed else "")
        + "。总分相同者名次相同（如 1、1、3）；暂定分表示有条款缺少数据未评分，实际得分可能更高。"
    )
    first = sheet_start(ws, "生态环境保护工作考核评分汇总（按总分排名）", hint, headers, widths)
    ws.row_dimensions[3].height = 48  # section names wrap to three lines
    n_secs = len(rubric.point_sections)
    number_cols = {c: NUMBER for c in [4] + list(range(6, 6 + n_secs + 2))}
    for i, row in enumerate(result.ranking):
        by_id = {t.section.id: t.score for t in row.sections}
        provisional = f"是（{row.unscored} 项未评分）" if row.provisional else "否"
        values = (
            (row.rank, row.label, row.year, n(row.total), provisional)
            + tuple(n(by_id.get(s.id)) for s in rubric.point_sections)
            + (
                n(row.bonus),
                n(row.penalty),
                losses_text(row),
                link(row.path, target.parent),
                link(row.output, target.parent) or "",
            )
        )
        r = first + i
        write_rows(ws, r, [values], widths, number_cols)
        if row.output is not None:
            cell = ws.cell(row=r, column=len(headers))
            cell.hyperlink = link(row.output, target.parent)
            cell.font = Font(name=L.FONT_NAME, color="0563C1", underline="single")
    if not result.ranking:
        write_rows(ws, first, [("", "没有评分成功的文件") + ("",) * (len(headers) - 2)], widths)
    last = ws.cell(row=first + max(len(result.ranking), 1) - 1, column=len(headers))
    ws.auto_filter.ref = f"A3:{last.coordinate}"
    ws.freeze_panes = "C4"  # rank and county stay visible while scrolling right
    return len(result.ranking)


def chart_sheet(ws, data_ws, n_rows: int) -> None:
    L.put(ws, 1, 1, "各县（市、区）考核总分", font=L.font(bold=True, size=14))
    if not n_rows:
        L.put(ws, 2, 1, "没有评分成功的文件，无图表。", font=L.font(color="595959", size=10))
        return
    L.put(ws, 2, 1, f"数据来自“{RANK_SHEET}”表，按排名从上到下排列。", font=L.font(color="595959", size=10))
    chart = BarChart()
    chart.type, chart.title, chart.y_axis.title = "bar", "考核总分", "分"
    chart.add_data(Reference(data_ws, min_col=4, min_row=3, max_row=3 + n_rows), titles_from_data=True)
    chart.set_categories(Reference(data_ws, min_col=2, min_row=4, max_row=3 + n_rows))
    chart.legend = None
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = chart.dataLabels.showCatName = chart.dataLabels.showLegendKey = False
    chart.x_axis.delete = chart.y_axis.delete = False  # both axes shown
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top, as in the table
    chart.y_axis.crosses = "max"  # keep the value axis at the bottom when the categories are reversed
    chart.y_axis.scaling.min = 0
    chart.height, chart.width = max(7.5, 0.6 * n_rows + 3), 24  # cm: about one bar per 0.6 cm
    ws.add_chart(chart, "A4")
    L.page_setup(ws, None, landscape=False)


def failed_sheet(ws, result, target: Path) -> None:
    r = sheet_start(
        ws,
        "未评分的文件",
        "这些文件未能评分，请按“问题”列修改后重新评分；其余文件的评分不受影响。",
        FAILED_HEADERS,
        FAILED_WIDTHS,
    )
    rows = []
    for o in result.failed:
        err = o.error
        kind, name = ERROR_KINDS.get(err.exit_code, "错误"), link(o.path, target.parent)
        if not err.problems:
            rows.append((name, kind, err.message, "", "", ""))
        for i, p in enumerate(err.problems):
            rows.append(
                (
                    name if i == 0 else "",
                    kind if i == 0 else "",
                    err.message if i == 0 else "",
                    str(p.location or ""),
                    p.key or "",
                    p.message,
                )
            )
    write_rows(ws, r, rows or [("无", "", "全部文件均已评分", "", "", "")], FAILED_WIDTHS)
