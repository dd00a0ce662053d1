"""Write the scored workbook: 总览, 评分明细, 责任单位, 缺项, 填报数据 (all Chinese, A4 landscape).

Every text cell goes through `layout.put`, so a note the user typed that starts with `=` stays
literal text. The 责任单位 sheet implements SPEC D10: each line's loss is attributed to every
unit of its sub-rule, and marked 共同 (naming the co-units) when there are several.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break

from ecoscore import rubric as editions
from ecoscore.core.fields import SECTION_COLUMNS, class_name
from ecoscore.core.kit import num, round2
from ecoscore.core.model import ItemResult, Location, Report
from ecoscore.rubric import Rubric
from ecoscore.scoring.accountability import unit_losses
from ecoscore.scoring.totals import lost_total, section_totals
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.monitoring_report import write_monitoring_sheet

NUMBER = "0.00"
SIGNED = "+0.00;-0.00;0.00"
CHART_ROWS = 20  # rows left free under the section table for the bar chart


def write_scored(
    report: Report,
    path,
    *,
    county: str | None,
    year: int | None,
    input_name: str,
    locations: dict | None,
    rubric: Rubric | None = None,
) -> None:
    """Write the scored workbook to `path` atomically. `input_name` is the input workbook's path
    relative to the output's folder (used for the 缺项 links); `rubric` is the edition the report
    was scored against (by default the one its id names)."""
    rubric = rubric or editions.of(report.rubric)
    wb = Workbook()
    summary_sheet(wb.active, report, county, year, input_name, rubric)
    detail_sheet(wb.create_sheet(L.DETAIL_SHEET), report, rubric)
    units_sheet(wb.create_sheet(L.UNITS_SHEET), report)
    missing_sheet(wb.create_sheet(L.MISSING_SHEET), report, input_name)
    inputs_sheet(
        wb.create_sheet(L.INPUTS_SHEET), report, locations if locations is not None else report.locations, rubric
    )
    write_monitoring_sheet(wb, report, rubric)  # 监测测算, only when the input had monitoring data
    wb.properties.creator = "ecoscore"
    save_atomic(wb, path)


# ---- helpers ------------------------------------------------------------------------------
def n(x) -> float | int | None:
    """A figure for a cell: rounded to 2 decimals (SPEC D3), as a number Excel can sum."""
    if x is None:
        return None
    q = round2(x)
    return int(q) if q == q.to_integral_value() else float(q)


def meta(item_id: str, rubric: Rubric):
    # a report built for an item the edition does not have: show what we know
    return rubric.item(item_id) if rubric.has_item(item_id) else None


def units_of(item_id: str, rubric: Rubric) -> str:
    it = meta(item_id, rubric)
    return "、".join(it.units) if it else ""


def write_rows(ws, first: int, rows, widths, formats: dict[int, str] | None = None, fill=None, bold=False) -> int:
    """Write rows of values from row `first`; returns the next free row."""
    style = {"font": L.font(bold=bold), "alignment": L.WRAP, "border": L.BORDER}
    if fill is not None:
        style["fill"] = fill
    numeric = {c: {**style, "number_format": f} for c, f in (formats or {}).items()}
    r = first
    for values in rows:
        written = [
            L.put(ws, r, c, v, **(numeric[c] if c in numeric and isinstance(v, (int, float)) else style)).value
            for c, v in enumerate(values, start=1)
        ]
        L.set_row_height(ws, r, written, widths)
        r += 1
    return r


def sheet_start(ws, title: str, hint: str, headers, widths) -> int:
    L.put(ws, 1, 1, title, font=L.font(bold=True, size=14))
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=10))
    L.header_row(ws, 3, headers, widths)
    ws.freeze_panes = "A4"
    L.page_setup(ws, "3:3")
    return 4


# ---- 总览 -----------------------------------------------------------------------------------
def summary_sheet(ws, report: Report, county, year, input_name: str, rubric: Rubric) -> None:
    ws.title = L.SUMMARY_SHEET
    for c, w in enumerate(L.SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    L.put(ws, 1, 1, f"{county or ''}{year or ''}年度生态环境保护工作考核评分结果", font=L.font(bold=True, size=16))
    incomplete = [it for it in report.items if it.score is None]
    provisional = (
        f"是：{len(incomplete)} 个条款缺少数据未评分，共 {n(report.unscored_points)} 分未计入（见“缺项”表）"
        if report.provisional
        else "否"
    )
    facts = (
        (L.INFO_LABELS["county"], county or ""),
        (L.INFO_LABELS["year"], year),
        (L.INFO_LABELS["rubric"], report.rubric),
        (L.INPUT_FILE_LABEL, input_name),
        ("总分", n(report.total)),
        ("是否暂定分", provisional),
        ("条款得分合计", n(report.items_total)),
        ("加分", n(report.bonus.score)),
        ("扣分", n(report.penalty.score)),
        *(("提示", note) for note in report.notes),
    )
    for r, (label, value) in enumerate(facts, start=3):
        L.put(ws, r, 1, label, font=L.font(bold=True), border=L.BORDER, alignment=L.TOP)
        cell = L.put(
            ws,
            r,
            2,
            value,
            font=L.font(bold=label == "总分", size=14 if label == "总分" else 11),
            border=L.BORDER,
            alignment=L.WRAP_LEFT,
        )
        if isinstance(value, float | int) and label != L.INFO_LABELS["year"]:
            cell.number_format = NUMBER
        L.fit_row_height(ws, r, L.SUMMARY_WIDTHS)
    top = 3 + len(facts) + 1
    L.put(ws, top, 1, "各部分得分", font=L.font(bold=True, size=12))
    L.header_row(ws, top + 1, L.SECTION_TABLE_HEADERS, L.SUMMARY_WIDTHS[:6])
    rows = [
        (
            L.section_sheet_name(t.section.id, rubric),
            t.section.name,
            n(t.section.points),
            n(t.score),
            n(t.lost),
            "、".join(t.unscored),
        )
        for t in section_totals(report, rubric)
    ]
    end = write_rows(ws, top + 2, rows, L.SUMMARY_WIDTHS, {3: NUMBER, 4: NUMBER, 5: NUMBER})
    total_points = sum((s.points for s in rubric.point_sections), Decimal(0))
    end = write_rows(
        ws,
        end,
        [
            (
                "合计",
                "",
                n(total_points),
                n(report.items_total),
                n(lost_total(report)),
                f"{len(incomplete)} 个条款未评分" if incomplete else "",
            )
        ],
        L.SUMMARY_WIDTHS,
        {3: NUMBER, 4: NUMBER, 5: NUMBER},
        bold=True,
    )
    chart = BarChart()
    chart.type, chart.title, chart.y_axis.title = "bar", "各部分得分与分值", "分"
    chart.add_data(Reference(ws, min_col=3, max_col=4, min_row=top + 1, max_row=end - 2), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 2, max_row=end - 2))
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes unless told otherwise
    chart.x_axis.scaling.orientation = "maxMin"  # section 1 at the top, as in the table
    chart.y_axis.number_format = "0"
    chart.y_axis.crosses = "max"  # keep the value axis at the bottom when the categories are reversed
    chart.height, chart.width = CHART_ROWS * 0.53, 22  # cm; 15-point rows are about 0.53 cm
    ws.add_chart(chart, f"A{end + 1}")
    ws.row_breaks.append(Break(id=end))  # chart and the ten losses start a new printed page
    losses_table(ws, end + CHART_ROWS + 2, report, rubric)
    L.page_setup(ws, None)


BRIEF_CHARS = 300


def brief(text: str) -> str:
    """The overview keeps a long list of reasons short; the full text is in 评分明细."""
    return text if len(text) <= BRIEF_CHARS else text[:BRIEF_CHARS] + "…（详见“评分明细”）"


def losses_table(ws, top: int, report: Report, rubric: Rubric) -> None:
    L.put(ws, top, 1, "失分最多的十项", font=L.font(bold=True, size=12))
    L.header_row(ws, top + 1, L.LOSS_HEADERS, L.SUMMARY_WIDTHS)
    entries = [
        (it.lost, f"第 {it.id} 条", it.name, n(it.points), n(it.score), it.lines, units_of(it.id, rubric))
        for it in report.items
        if it.score is not None and it.lost > 0
    ]
    if report.penalty.score > 0:
        entries.append((report.penalty.score, "扣分项", report.penalty.name, None, None, report.penalty.lines, ""))
    entries.sort(key=lambda e: -e[0])  # stable: ties keep rubric order
    rows = [
        (label, name, pts, score, n(lost), brief("；".join(ln.reason for ln in lines if ln.delta < 0)), units)
        for lost, label, name, pts, score, lines, units in entries[:10]
    ]
    write_rows(
        ws,
        top + 2,
        rows or [("无失分", "", None, None, None, "", "")],
        L.SUMMARY_WIDTHS,
        {3: NUMBER, 4: NUMBER, 5: NUMBER},
    )


# ---- 评分明细 ---------------------------------------------------------------------------------
def item_rows(it: ItemResult, rubric: Rubric) -> list[tuple]:
    m = meta(it.id, rubric)
    if it.score is None:
        note = "缺少数据，未评分：" + "、".join(x.label for x in it.missing)
    else:
        note = "满分" if it.lost == 0 else f"失 {n(it.lost):.2f} 分"
    rows = [
        (
            it.id,
            "",
            it.name,
            n(it.points),
            n(it.score) if it.score is not None else "未评分",
            n(it.lost),
            None,
            note,
            units_of(it.id, rubric),
            m.evidence if m else "",
        )
    ]
    for ln in it.lines:
        rule = m.rule(ln.rule) if m else None
        rows.append(
            (
                "",
                ln.rule,
                rule.text if rule else "本条款合计",
                n(rule.points) if rule and rule.points else None,
                None,
                None,
                n(ln.display),
                ln.reason,
                "、".join(ln.units),
                "",
            )
        )
    return rows


def band(ws, r: int, text: str) -> int:
    """A section heading across the whole table (merged: the narrow first column must not wrap it)."""
    L.put(ws, r, 1, text, font=L.font(bold=True, size=12), fill=L.SECTION_FILL)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(L.DETAIL_HEADERS))
    ws.row_dimensions[r].height = 20
    return r + 1


def detail_sheet(ws, report: Report, rubric: Rubric) -> None:
    r = sheet_start(
        ws,
        "评分明细",
        "每个条款一行（蓝底），其下为各细则的增减分和理由；“增减分”负数为扣分，正数为加分。",
        L.DETAIL_HEADERS,
        L.DETAIL_WIDTHS,
    )
    formats = {4: NUMBER, 5: NUMBER, 6: NUMBER, 7: SIGNED}
    for i, sec in enumerate(rubric.point_sections):
        numeral = L.CN_NUMERALS[i] if i < len(L.CN_NUMERALS) else sec.id
        r = band(ws, r, f"{numeral}、{sec.name}（{num(sec.points)}分）")
        for it in (x for x in report.items if x.section == sec.id):
            rows = item_rows(it, rubric)
            r = write_rows(ws, r, rows[:1], L.DETAIL_WIDTHS, formats, fill=L.GROUP_FILL, bold=True)
            r = write_rows(ws, r, rows[1:], L.DETAIL_WIDTHS, formats)
    for group, sign, label in ((report.bonus, 1, "加分项（累计不超过 5 分）"), (report.penalty, -1, "扣分项")):
        r = band(ws, r, label)
        r = write_rows(
            ws,
            r,
            [(group.id, "", label, None, n(sign * group.score), None, None, "", "", "")],
            L.DETAIL_WIDTHS,
            formats,
            fill=L.GROUP_FILL,
            bold=True,
        )
        m = meta(group.id, rubric)
        r = write_rows(
            ws,
            r,
            [
                (
                    "",
                    ln.rule,
                    (m.rule(ln.rule).text if m and m.rule(ln.rule) else ""),
                    None,
                    None,
                    None,
                    n(ln.display),
                    ln.reason,
                    "、".join(ln.units),
                    "",
                )
                for ln in group.lines
            ],
            L.DETAIL_WIDTHS,
            formats,
        )
    total_note = "暂定分（有条款未评分）" if report.provisional else ""
    write_rows(
        ws,
        r,
        [
            ("", "", "条款得分合计", None, n(report.items_total), None, None, "", "", ""),
            ("", "", "总分", None, n(report.total), None, None, total_note, "", ""),
        ],
        L.DETAIL_WIDTHS,
        formats,
        bold=True,
    )
    ws.auto_filter.ref = f"A3:J{r + 1}"


# ---- 责任单位 (SPEC D10) ------------------------------------------------------------------------
def units_sheet(ws, report: Report) -> None:
    losses = unit_losses(report)
    totals: dict[str, list] = {}
    for x in losses:
        t = totals.setdefault(x.unit, [Decimal(0), Decimal(0), []])
        t[0] += x.lost
        t[1] += x.lost if x.co_units else 0
        label = "扣分项" if x.item_id == "P" else x.item_id
        if label not in t[2]:
            t[2].append(label)
    order = sorted(totals, key=lambda u: -totals[u][0])
    r = sheet_start(
        ws,
        "各责任单位失分",
        "共同失分：一条细则列有多个责任单位时，失分在每个单位下都全额列出并标明共同单位，"
        "故各单位合计之和可能大于总失分。某条款扣分合计超过其分值（扣完为止）或有加分时，按该条款实际失分"
        "依各细则扣分比例分摊。未评分的条款不计入。",
        L.UNIT_SUMMARY_HEADERS,
        L.UNIT_WIDTHS,
    )
    rows = [(u, n(totals[u][0]), n(totals[u][1]), "、".join(totals[u][2])) for u in order]
    r = write_rows(ws, r, rows or [("无失分", None, None, "")], L.UNIT_WIDTHS, {2: NUMBER, 3: NUMBER})
    L.put(ws, r + 1, 1, "失分明细", font=L.font(bold=True, size=12))
    L.header_row(ws, r + 2, L.UNIT_DETAIL_HEADERS, L.UNIT_WIDTHS)
    detail = [
        (x.unit, n(x.lost), "共同" if x.co_units else "", x.item, x.rule, "、".join(x.co_units), x.reason)
        for u in order
        for x in losses
        if x.unit == u
    ]
    write_rows(ws, r + 3, detail, L.UNIT_WIDTHS, {2: NUMBER})


# ---- 缺项 -------------------------------------------------------------------------------------
def link_location(loc: Location) -> str:
    return "'" + loc.sheet.replace("'", "''") + "'!" + loc.cell


def missing_sheet(ws, report: Report, input_name: str) -> None:
    r = sheet_start(
        ws,
        "缺项：未填写的必填项",
        f"以下单元格在 {input_name} 中为空，相关条款未评分（总分为暂定分）。"
        "点击单元格地址可打开填报表并跳到该处（填报表须在同一文件夹）。",
        L.MISSING_HEADERS,
        L.MISSING_WIDTHS,
    )
    rows = [(it.id, it.name, m.label, m.key, m.location) for it in report.items for m in it.missing]
    if not rows:
        write_rows(ws, r, [("无", "所有必填项均已填写", "", "", "")], L.MISSING_WIDTHS)
        return
    for item_id, name, label, key, loc in rows:
        text = str(loc) if loc else "工作簿中没有这一行（模板较旧或该行被删除，请用新模板）"
        write_rows(ws, r, [(item_id, name, label, key, text)], L.MISSING_WIDTHS)
        if loc and loc.sheet != "JSON":  # JSON input: the path is shown, there is no cell to open
            cell = ws.cell(row=r, column=5)
            cell.hyperlink = Hyperlink(
                ref=cell.coordinate, target=input_name, location=link_location(loc), tooltip="打开填报表并跳到该单元格"
            )
            cell.font = Font(name=L.FONT_NAME, color="0563C1", underline="single")
        r += 1


# ---- 填报数据 ----------------------------------------------------------------------------------
def shown(value):
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def inputs_sheet(ws, report: Report, locations: dict, rubric: Rubric) -> None:
    cat = rubric.catalogue
    r = sheet_start(
        ws,
        "填报数据（按读取结果）",
        "评分所用的数值，已按字段类型规范化（如 95% → 95，√ → 是）；空白表示未填。",
        L.INPUT_HEADERS,
        L.INPUT_WIDTHS,
    )
    rows = [
        (
            key,
            cat[key].label if key in cat else "",
            shown(v),
            cat[key].unit if key in cat else "",
            str(locations[key]) if key in locations else "",
        )
        for key, v in report.values.items()
    ]
    r = write_rows(ws, r, rows, L.INPUT_WIDTHS)
    L.put(ws, r + 1, 1, "断面水质", font=L.font(bold=True, size=12))
    L.header_row(ws, r + 2, tuple(SECTION_COLUMNS.values()), L.INPUT_WIDTHS)
    write_rows(
        ws,
        r + 3,
        [(s.name, s.level, class_name(s.target), s.prev_name, class_name(s.cur)) for s in report.sections]
        or [("未填写断面", "", "", "", "")],
        L.INPUT_WIDTHS,
    )
