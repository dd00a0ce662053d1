"""The scored workbook's detail sheets: 评分明细 (every item and sub-rule line), 责任单位 (losses by
unit, docs/spec/decisions.md#d10: each line's loss is attributed to every unit of its sub-rule, marked 共同 when
there are several), 缺项 (missing data, linked to the input cells) and 填报数据 (the values read)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import SECTION_COLUMNS, class_name
from ecoscore.core.kit import num
from ecoscore.core.model import ItemResult, Location, Report
from ecoscore.rubric import Rubric
from ecoscore.rubric.years import label_for_year
from ecoscore.scoring.accountability import unit_losses
from ecoscore.workbook import layout as L
from ecoscore.workbook.tables import NUMBER, SIGNED, n, sheet_start, write_rows
from ecoscore.workbook.xlsx import Font, Hyperlink


def meta(item_id: str, rubric: Rubric):
    # a report built for an item the edition does not have: show what we know
    return rubric.item(item_id) if rubric.has_item(item_id) else None


def units_of(item_id: str, rubric: Rubric, names: dict | None = None) -> str:
    """The item's units, by the county's names (`Report.unit_names`) where it gave them."""
    it = meta(item_id, rubric)
    return "、".join(dict.fromkeys((names or {}).get(u, u) for u in it.units)) if it else ""


# ---- 评分明细 ---------------------------------------------------------------------------------
def item_rows(it: ItemResult, rubric: Rubric, names: dict | None = None, evidence: tuple = ()) -> list[tuple]:
    m = meta(it.id, rubric)
    if it.score is None:
        note = "缺少数据，未评分：" + "、".join(x.label for x in it.missing)
    else:
        note = "满分" if it.lost == 0 else f"失 {n(it.lost):.2f} 分"
    if evidence:  # in the wide 说明 column: the narrow 考核依据 one would make the row tall
        note += "\n佐证材料：" + "；".join(e.text() for e in evidence)
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
            units_of(it.id, rubric, names),
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
            rows = item_rows(it, rubric, report.unit_names, report.evidence.get(it.id, ()))
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


def wrap_hint(ws, widths) -> None:
    """The hint wrapped across the table's width: left running on, it would widen the printed page."""
    hint = ws.cell(row=2, column=1)
    hint.alignment = L.WRAP_LEFT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(widths))
    L.set_row_height(ws, 2, [hint.value], [sum(widths) * 1.1])  # 10-point text: more fits than at 11


# ---- 责任单位, 责任单位明细 (docs/spec/decisions.md#d10) -----------------------------------------------
def units_sheet(ws, report: Report, detail_ws) -> None:
    """Losses by unit on `ws`, each loss line on `detail_ws`: two sheets, so that each table's
    header is the one repeated on its printed pages (docs/spec/decisions.md#dev-15-6)."""
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
        f"依各细则扣分比例分摊。未评分的条款不计入。每条失分见“{L.UNIT_DETAIL_SHEET}”表。",
        L.UNIT_SUMMARY_HEADERS,
        L.UNIT_SUMMARY_WIDTHS,
    )
    wrap_hint(ws, L.UNIT_SUMMARY_WIDTHS)
    rows = [(u, n(totals[u][0]), n(totals[u][1]), "、".join(totals[u][2])) for u in order]
    write_rows(ws, r, rows or [("无失分", None, None, "")], L.UNIT_SUMMARY_WIDTHS, {2: NUMBER, 3: NUMBER})
    r = sheet_start(
        detail_ws,
        "各责任单位失分明细",
        "每个责任单位的每一条失分：所属条款和细则、是否与其他单位共同失分及理由（按单位失分合计从多到少排列）。",
        L.UNIT_DETAIL_HEADERS,
        L.UNIT_DETAIL_WIDTHS,
    )
    detail = [
        (x.unit, n(x.lost), "共同" if x.co_units else "", x.item, x.rule, "、".join(x.co_units), x.reason)
        for u in order
        for x in losses
        if x.unit == u
    ]
    write_rows(detail_ws, r, detail or [("无失分", None, "", "", "", "", "")], L.UNIT_DETAIL_WIDTHS, {2: NUMBER})


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
            label_for_year(cat[key], rubric.year, report.year) if key in cat else "",
            shown(v),
            cat[key].unit if key in cat else "",
            str(locations[key]) if key in locations else "",
            key,
        )
        for key, v in report.values.items()
    ]
    r = write_rows(ws, r, rows, L.INPUT_WIDTHS)
    L.put(ws, r + 1, 1, "断面水质", font=L.font(bold=True, size=12))
    L.header_row(ws, r + 2, tuple(SECTION_COLUMNS.values()), L.INPUT_WIDTHS)
    r = write_rows(
        ws,
        r + 3,
        [(s.name, s.level, class_name(s.target), s.prev_name, class_name(s.cur)) for s in report.sections]
        or [("未填写断面", "", "", "", "")],
        L.INPUT_WIDTHS,
    )
    if report.unit_names:  # the county's names for the rubric's units: diff and carry-over read them back
        L.put(ws, r + 1, 1, L.UNIT_NAMES_SHEET, font=L.font(bold=True, size=12))
        L.header_row(ws, r + 2, L.NAMES_TABLE_HEADERS[:2], L.INPUT_WIDTHS)
        write_rows(ws, r + 3, list(report.unit_names.items()), L.INPUT_WIDTHS)
