"""The scored workbook's 考核评分表: the print-ready official table in the source's own shape — one
row per item, section subtotals, 加分项, 扣分项, 合计 and the signature block (issue #15,
docs/spec/decisions.md#dev-15-official). A4 landscape, the header row repeated on every page.

自评分 and 核定分: a report scored on its own is the county's self-assessment (自评分; 核定分 left for
the city to fill); a report with a `self_report` is the city's 核定, beside the county's 自评分.
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.kit import num
from ecoscore.core.model import Report
from ecoscore.rubric import Rubric
from ecoscore.scoring.totals import lost_total, section_totals
from ecoscore.workbook import layout as L
from ecoscore.workbook import official_rows as T
from ecoscore.workbook.scored_sheets import units_of
from ecoscore.workbook.tables import NUMBER, n, put_values
from ecoscore.workbook.xlsx import Alignment, Break, Font, get_column_letter

OFFICIAL_SHEET = "考核评分表"
HEADERS = (
    "序号",
    "工作目标/重点任务",
    "分值",
    "计分方法",
    "自评分",
    "核定分",
    "扣分原因",
    "责任单位",
    "审核单位",
    "考核依据/佐证材料",
    "备注",
)
WIDTHS = (4.5, 13, 5, 22, 6.5, 6.5, 32, 13, 11, 20, 8)
SCORE_COLS = (5, 6)  # 自评分, 核定分
HEADER_ROW = 3
BODY_SIZE = 10  # printed at the fit-to-width scale, still ≥ 9 pt (tests/test_official_sheet.py)
LINE_HEIGHT = 12.75  # points per wrapped line at BODY_SIZE (宋体 10 pt in Excel and WPS, a little spare)
# A4 landscape 8.27 in less the 0.6 and 0.75 in margins, in points, less a little for the borders
PAGE_HEIGHT = (8.27 - 0.6 - 0.75) * 72 - 10
SIGNATURE = (("填报单位（盖章）：", 1, 4), ("填报人：", 5, 7), ("审核人：", 8, 9), ("日期：　　年　　月　　日", 10, 11))

BODY = Font(name=L.FONT_NAME, size=BODY_SIZE)
BOLD = Font(name=L.FONT_NAME, size=BODY_SIZE, bold=True)
HEAD = Font(name=L.FONT_NAME, size=BODY_SIZE, bold=True, color="FFFFFF")
MIDDLE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_official_sheet(ws, report: Report, rubric: Rubric, county, year) -> None:
    ws.title = OFFICIAL_SHEET
    last = len(HEADERS)
    own, checked = (report.self_report, report) if report.self_report is not None else (report, None)
    title = f"{county or ''}{year or ''}年度生态环境保护工作考核评分表"
    L.put(ws, 1, 1, title, font=L.font(bold=True, size=16), alignment=MIDDLE)
    usual = T.common_deadline(rubric.items)
    who = (
        "自评分为县（市、区）自评结果，核定分为市级核定结果"
        if checked is not None
        else "自评分为本县（市、区）自评结果，核定分由市级考核部门填写"
    )
    hint = f"考核细则：《{rubric.title}》{('，' + report.basis) if report.basis else ''}；{who}"
    hint += f"；进度节点除备注注明者外均为{usual}；扣分原因的详细计算见“评分明细”表。" if usual else "。"
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=BODY_SIZE), alignment=L.WRAP_LEFT)
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
    ws.row_dimensions[1].height, ws.row_dimensions[2].height = 28, 30
    for col, (text, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        L.put(ws, HEADER_ROW, col, text, font=HEAD, fill=L.HEADER_FILL, alignment=MIDDLE, border=L.BORDER)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = 30
    r = HEADER_ROW + 1
    totals = {t.section.id: t for t in section_totals(report, rubric)}
    own_totals = {t.section.id: t for t in section_totals(own, rubric)}
    glued = []  # rows printed on the same page as the row below them
    for i, sec in enumerate(rubric.point_sections):
        numeral = L.CN_NUMERALS[i] if i < len(L.CN_NUMERALS) else sec.id
        glued.append(r)  # a section's heading never ends a page
        r = band(ws, r, f"{numeral}、{sec.name}（{num(sec.points)}分）")
        for it in (x for x in report.items if x.section == sec.id):
            meta = rubric.item(it.id) if rubric.has_item(it.id) else T.stand_in(it)
            mine = _result(own, it.id)
            row = (
                it.id,
                T.task(meta),
                n(it.points),
                T.method(meta, rubric.methods),
                _score(mine),
                _score(it) if checked is not None else None,
                T.reasons(it),
                units_of(it.id, rubric, report.unit_names),
                T.auditors(meta),
                T.basis_and_evidence(meta, report.evidence.get(it.id, ())),
                T.remark(it, meta, usual),
            )
            r = write(ws, r, row)
        t, mine_t = totals[sec.id], own_totals[sec.id]
        lost = f"本部分失 {n(t.lost):.2f} 分" + (f"；第 {'、'.join(t.unscored)} 条未评分" if t.unscored else "")
        r = write(ws, r, ("", "小计", n(sec.points), "", *_pair(mine_t.score, t.score, checked), lost), bold=True)
    for group, sign, label in ((report.bonus, 1, "加分项"), (report.penalty, -1, "扣分项")):
        meta = rubric.item(group.id)
        mine = own.bonus if group is report.bonus else own.penalty
        row = (
            "",
            "加分项（累计不超过 5 分）" if sign > 0 else label,
            None,
            T.method(meta, rubric.methods),
            *_pair(sign * mine.score, sign * group.score, checked),
            T.reasons(None, group.lines),
            units_of(group.id, rubric, report.unit_names),
            T.auditors(meta),
            _group_evidence(meta, report.evidence.get(group.id, ()), claimed=sign > 0 and group.score > 0),
            "",
        )
        r = write(ws, r, row, bold=False)
    points = sum((s.points for s in rubric.point_sections), Decimal(0))
    note = f"暂定分：{sum(1 for x in report.items if x.score is None)} 个条款未评分" if report.provisional else ""
    lost = f"条款失分 {n(lost_total(report)):.2f} 分，加分 {n(report.bonus.score):.2f} 分，扣分 {n(report.penalty.score):.2f} 分"
    r = write(
        ws, r, ("", "合计", n(points), "", *_pair(own.total, report.total, checked), lost, "", "", "", note), bold=True
    )
    glued += [r - 1, r]  # the total, the blank row and the signature block together
    signature(ws, r + 1)
    paginate(ws, r + 1, set(glued))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    L.page_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _group_evidence(meta, evidence: tuple, claimed: bool) -> str:
    """A bonus claimed wants its 佐证材料 (or says none was given); a penalty shows what the county named."""
    return T.basis_and_evidence(meta, evidence) if claimed or evidence else ""


def _result(report: Report, item_id: str):
    return next((x for x in report.items if x.id == item_id), None)


def _score(result):
    if result is None:
        return None
    return n(result.score) if result.score is not None else "未评分"


def _pair(mine, official, checked):
    """(自评分, 核定分): the county's own figure, and the city's when this report is its 核定."""
    return n(mine), (n(official) if checked is not None else None)


def band(ws, r: int, text: str) -> int:
    L.put(ws, r, 1, text, font=BOLD, fill=L.SECTION_FILL, border=L.BORDER, alignment=L.WRAP_LEFT)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADERS))
    ws.row_dimensions[r].height = 18
    return r + 1


CENTRED = (1, 3, *SCORE_COLS)


def _style(bold: bool, centred: bool, score: bool) -> dict:
    style = {"font": BOLD if bold else BODY, "border": L.BORDER, "alignment": L.VALUE_ALIGN if centred else L.WRAP_LEFT}
    if bold:
        style["fill"] = L.GROUP_FILL
    if score:  # a figure in 自评分/核定分; 分值 stays General: 1, 0.5, 100 as the source writes them
        style["number_format"] = NUMBER
    return style


# (bold, centred, a score figure) → the cell style: one dict each, shared by the cells
STYLES = {(b, c, f): _style(b, c, f) for b in (False, True) for c in (False, True) for f in (False, True)}


def write(ws, r: int, values, bold: bool = False) -> int:
    values = tuple(values) + ("",) * (len(HEADERS) - len(values))
    styles = [
        STYLES[bold, col in CENTRED, col in SCORE_COLS and isinstance(value, int | float)]
        for col, value in enumerate(values, start=1)
    ]
    put_values(ws, r, [value if value != "" else None for value in values], styles)
    ws.row_dimensions[r].height = min(LINE_HEIGHT * L.row_lines(values, ROOMS) + 4, 400)  # a padding "" adds no line
    return r + 1


def usable(width: float) -> int:
    """The display units one line of a cell `width` wide holds at BODY_SIZE (Excel units: 7 px, plus
    5 px padding), where a CJK glyph is BODY_SIZE points (2 display units) wide; a little margin for
    the cell's insets. This sheet's body text is larger than the other sheets' (`layout.usable`)."""
    px_per_unit = BODY_SIZE * 96 / 72 / 2
    return max(int((width * 7 + 5) / px_per_unit * 0.97), 2)


ROOMS = tuple(usable(w) for w in WIDTHS)  # each column's units a line, for the rows' heights


def paginate(ws, last: int, glued: set[int]) -> None:
    """Page breaks from the row heights set here, so that no section heading is left at the foot of
    a page and the signature stays with the total. Fit to width only ever shrinks the page, so a
    page holds at least PAGE_HEIGHT points of rows: every break is placed by this count (none left
    to the application, whose own breaks would fall elsewhere), a little short of the page."""
    height = {r: ws.row_dimensions[r].height or 15 for r in range(1, last + 1)}
    room = PAGE_HEIGHT - sum(height[r] for r in range(1, HEADER_ROW + 1))  # first page: title and header
    used, r = 0.0, HEADER_ROW + 1
    while r <= last:
        end = r
        while end in glued and end < last:
            end += 1
        block = sum(height[x] for x in range(r, end + 1))
        if used and used + block > room:
            ws.row_breaks.append(Break(id=r - 1))  # the new page starts at row r
            room, used = PAGE_HEIGHT - height[HEADER_ROW], 0.0  # later pages repeat the header row
        used += block
        r = end + 1


def signature(ws, r: int) -> None:
    """填报单位（盖章）、填报人、审核人、日期, across the page under the table."""
    for text, first, end in SIGNATURE:
        L.put(ws, r, first, text, font=L.font(bold=True, size=11), alignment=Alignment(vertical="center"))
        ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=end)
    ws.row_dimensions[r].height = 36
