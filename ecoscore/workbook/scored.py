"""Write the scored workbook: 考核评分表, 总览, 评分明细, 责任单位, 责任单位明细, 失分挽回, 缺项, 填报数据 (all Chinese, A4 landscape).

Every text cell goes through `layout.put`, so a note the user typed that starts with `=` stays
literal text. The 责任单位 sheet implements docs/spec/decisions.md#d10: each line's loss is attributed to every
unit of its sub-rule, and marked 共同 (naming the co-units) when there are several.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ecoscore import rubric as editions
from ecoscore.core.model import Report
from ecoscore.rubric import Rubric
from ecoscore.scoring.totals import SectionTotal, lost_total, section_totals
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.official_sheet import write_official_sheet
from ecoscore.workbook.overview_chart import rate_chart
from ecoscore.workbook.recovery_sheet import write_recovery_sheet
from ecoscore.workbook.scored_sheets import detail_sheet, inputs_sheet, missing_sheet, units_of, units_sheet
from ecoscore.workbook.tables import NUMBER, n, write_rows
from ecoscore.workbook.xlsx import Workbook, get_column_letter

if TYPE_CHECKING:
    from ecoscore.core.audit import Audit

PROVISIONAL = '0.00"（暂定）"'  # a section's score when some of its items are not scored: still a number


def section_row(label: str, t: SectionTotal) -> tuple:
    """One row of 各部分得分: 未评分 when none of its items is scored (not 0.00), its figures otherwise."""
    unscored = t.incomplete == t.size
    return (
        label,
        t.section.name,
        n(t.section.points),
        "未评分" if unscored else n(t.score),
        "未评分" if unscored else n(t.lost),
        "、".join(t.unscored),
    )


def section_formats(t: SectionTotal) -> dict[int, str]:
    return {3: NUMBER, 4: PROVISIONAL if t.incomplete else NUMBER, 5: NUMBER}


def write_scored(
    report: Report,
    path,
    *,
    county: str | None,
    year: int | None,
    input_name: str,
    locations: dict | None,
    rubric: Rubric | None = None,
    audit: Audit | None = None,
    recoveries: list | None = None,
) -> None:
    """Write the scored workbook to `path` atomically. `input_name` is the input workbook's path
    relative to the output's folder (used for the 缺项 links); `rubric` is the edition the report
    was scored against (by default the one its id names); `audit` (with --self) adds 核定差异; `recoveries`: the 失分挽回 rows when already computed."""
    rubric = rubric or editions.of(report.rubric)
    wb = Workbook()
    write_official_sheet(wb.active, report, rubric, county, year)  # 考核评分表 first: what is printed and signed
    summary_sheet(wb.create_sheet(L.SUMMARY_SHEET), report, county, year, input_name, rubric)
    detail_sheet(wb.create_sheet(L.DETAIL_SHEET), report, rubric)
    units_sheet(wb.create_sheet(L.UNITS_SHEET), report, wb.create_sheet(L.UNIT_DETAIL_SHEET))
    write_recovery_sheet(wb, report, rubric, recoveries)  # 失分挽回
    missing_sheet(wb.create_sheet(L.MISSING_SHEET), report, input_name)
    inputs_sheet(
        wb.create_sheet(L.INPUTS_SHEET), report, locations if locations is not None else report.locations, rubric
    )
    # the sheets only some inputs have, and their modules loaded only then (issue #17: `score` imports)
    if report.monitoring is not None:
        from ecoscore.workbook.monitoring_report import write_monitoring_sheet

        write_monitoring_sheet(wb, report, rubric)  # 监测测算, only when the input had monitoring data
    if audit is not None:
        from ecoscore.workbook.audit_sheet import write_audit_sheet

        write_audit_sheet(wb, audit)
    if report.city:
        from ecoscore.workbook.city_sheet import write_city_sheet

        write_city_sheet(wb, report)  # 全市测算, only when scored in a city batch
    wb.properties.creator = "ecoscore"
    save_atomic(wb, path)


# ---- 总览 -----------------------------------------------------------------------------------
def summary_sheet(ws, report: Report, county, year, input_name: str, rubric: Rubric) -> None:
    ws.title = L.SUMMARY_SHEET
    for c, w in enumerate(L.SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    title = f"{county or ''}{year or ''}年度生态环境保护工作考核评分结果" + (
        f"（{report.basis}）" if report.basis else ""
    )
    L.put(ws, 1, 1, title, font=L.font(bold=True, size=16))
    incomplete = [it for it in report.items if it.score is None]
    provisional = (
        f"是：{len(incomplete)} 个条款缺少数据未评分，共 {n(report.unscored_points)} 分未计入（见“缺项”表）"
        if report.provisional
        else "否"
    )
    facts = (
        (L.INFO_LABELS["county"], county or ""),
        (L.INFO_LABELS["year"], year),
        (L.INFO_LABELS["rubric"], f"{rubric.id}（{rubric.title}）"),
        *((L.BASIS_LABEL, report.basis),) * bool(report.basis),
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
    totals = [(L.section_sheet_name(t.section.id, rubric), t) for t in section_totals(report, rubric)]
    end = top + 2
    for label, t in totals:
        end = write_rows(ws, end, [section_row(label, t)], L.SUMMARY_WIDTHS, section_formats(t))
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
        {3: NUMBER, 4: PROVISIONAL if incomplete else NUMBER, 5: NUMBER},
        bold=True,
    )
    below = rate_chart(ws, end + 1, totals)
    losses_table(ws, below + 1, report, rubric)
    L.page_setup(ws, None)


BRIEF_CHARS = 300


def brief(text: str) -> str:
    """The overview keeps a long list of reasons short; the full text is in 评分明细."""
    return text if len(text) <= BRIEF_CHARS else text[:BRIEF_CHARS] + "…（详见“评分明细”）"


def losses_table(ws, top: int, report: Report, rubric: Rubric) -> None:
    L.put(ws, top, 1, "失分最多的十项", font=L.font(bold=True, size=12))
    L.header_row(ws, top + 1, L.LOSS_HEADERS, L.SUMMARY_WIDTHS)
    entries = [
        (
            it.lost,
            f"第 {it.id} 条",
            it.name,
            n(it.points),
            n(it.score),
            it.lines,
            units_of(it.id, rubric, report.unit_names),
        )
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
