"""The one description of the workbooks: sheet names, headers, column order, colours, and the
few cell-writing conventions both writers share.

The template writer and the reader both take sheet names and headers from here, so the
layout cannot drift between them. The reader never relies on positions: it finds fields by
the `字段编码` column and the value by the `填报值` column of the same header row.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ecoscore.core.fields import SECTION_COLUMNS, Field, Role
from ecoscore.core.kit import num
from ecoscore.core.text import printable
from ecoscore.rubric import Rubric
from ecoscore.rubric.declare import Item, Rule
from ecoscore.workbook.textwidth import char_width, line_count, lines_within, row_lines, text_width, usable  # noqa: F401  (L.text_width …)
from ecoscore.workbook.xlsx import Alignment, Border, Font, PageSetupProperties, PatternFill, Side, get_column_letter

TEMPLATE_VERSION = "2021.3"  # bump when sheets or headers change in a way old readers would not understand

# ---- input template -----------------------------------------------------------------------
INFO_SHEET = "填报说明"
TARGETS_SHEET = "目标与全市"
AIR_SHEET = "空气质量"
SECTIONS_SHEET = "断面水质"
BONUS_SHEET = "加分扣分"
AIR_DATA_SHEET = "空气日数据"  # optional monitoring data (`monitoring_sheets`, `monitoring_reader`)
WATER_DATA_SHEET = "断面监测"
SECTION_SHEET_NAMES = {  # short names: Excel allows 31 characters and no []:*?/\
    "1": "1 学习贯彻生态文明思想",
    "2": "2 污染防治攻坚战",
    "3": "3 突出问题整改",
    "4": "4 生态保护和修复",
    "5": "5 碳排放达峰",
    "6": "6 绿色生产生活方式",
    "7": "7 监管执法",
    "8": "8 环境风险防范",
    "9": "9 服务高质量发展",
    "10": "10 制度建设",
    "11": "11 能力建设",
}
CN_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")

KEY_HEADER = "字段编码"
VALUE_HEADER = "填报值"
# (header, width in Excel character units, wrap long text)
FIELD_COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("条款", 20, True),
    ("细则", 7, False),
    ("填报内容", 38, True),
    ("单位", 8, False),
    (VALUE_HEADER, 13, False),
    ("评分规则", 38, True),
    ("考核依据", 14, True),
    ("责任单位", 16, True),
    (KEY_HEADER, 30, False),
)
FIELD_HEADERS = tuple(h for h, _, _ in FIELD_COLUMNS)
VALUE_COL = FIELD_HEADERS.index(VALUE_HEADER) + 1
KEY_COL = FIELD_HEADERS.index(KEY_HEADER) + 1
TITLE_ROW, HINT_ROW, HEADER_ROW = 1, 2, 3  # every input sheet: a title, a one-line hint, the headers

SECTION_HEADERS = tuple(SECTION_COLUMNS.values()) + ("备注",)
SECTION_WIDTHS = (26, 10, 11, 11, 11, 30)
SECTION_ROWS = 40  # blank rows offered for water sections (the brief asks for at least 30)

# the county's own names for the rubric's units (`unit_sheet`); the reader finds the table by these headers
UNIT_NAMES_SHEET = "责任单位对照"
UNIT_SOURCE_HEADER = "细则中的责任单位"
UNIT_LOCAL_HEADER = "本县（市、区）的单位名称"
NAMES_TABLE_HEADERS = (UNIT_SOURCE_HEADER, UNIT_LOCAL_HEADER, "涉及条款和细则")
NAMES_TABLE_WIDTHS = (30, 34, 60)

# label → what it is, on the 填报说明 sheet; the value sits in the cell right of its label
INFO_LABELS = {"county": "县（市、区）", "year": "考核年度", "rubric": "考核细则", "version": "模板版本"}

# ---- scored workbook --------------------------------------------------------------------------
SUMMARY_SHEET = "总览"
DETAIL_SHEET = "评分明细"
UNITS_SHEET = "责任单位"
UNIT_DETAIL_SHEET = "责任单位明细"
MISSING_SHEET = "缺项"
INPUTS_SHEET = "填报数据"
DETAIL_HEADERS = ("条款", "细则", "内容", "分值", "得分", "失分", "增减分", "说明", "责任单位", "考核依据")
DETAIL_WIDTHS = (7, 7, 34, 7, 7, 7, 8, 48, 18, 16)
UNIT_SUMMARY_HEADERS = ("责任单位", "失分合计", "其中共同失分", "涉及条款")
UNIT_DETAIL_HEADERS = ("责任单位", "失分", "是否共同", "条款", "细则", "共同责任单位", "说明")
# 涉及条款 and 细则 wide enough that an id never breaks across lines ("1、7" for 17); a long list wraps at 、
UNIT_SUMMARY_WIDTHS = (32, 12, 14, 72)
UNIT_DETAIL_WIDTHS = (24, 10, 10, 30, 9, 28, 56)
SUMMARY_WIDTHS = (25, 34, 9, 16, 9, 50, 22)  # 得分 wide enough for “45.05（暂定）”
SECTION_TABLE_HEADERS = ("部分", "名称", "分值", "得分", "失分", "未评分条款")
LOSS_HEADERS = ("条款", "名称", "分值", "得分", "失分", "主要失分原因", "责任单位")
MISSING_HEADERS = ("条款", "条款名称", "填报内容", "字段编码", "单元格（点击跳转）")
MISSING_WIDTHS = (7, 30, 42, 30, 30)
READ_VALUE_HEADER = "读取值"  # 填报数据's value column: `ecoscore diff` reads a scored workbook back by it
# the Chinese label first, the field code last: people read the label; tools find columns by header
INPUT_HEADERS = ("填报内容", READ_VALUE_HEADER, "单位", "单元格", KEY_HEADER)
BASIS_LABEL = "评分口径"  # 总览: "按《…》口径测算" when scored on another year's edition
INPUT_FILE_LABEL = "填报文件"  # 总览: the input workbook's name (county and year use INFO_LABELS)
INPUT_WIDTHS = (44, 20, 10, 24, 42)  # 字段编码: the longest key (35 characters) on one line

# ---- colours (the 填报说明 sheet explains each) ----------------------------------------------
FONT_NAME = "宋体"  # present on every Chinese Windows and substituted sensibly by WPS and LibreOffice
HEADER_FILL = PatternFill("solid", fgColor="FF1F4E78")
REQUIRED_FILL = PatternFill("solid", fgColor="FFFFF2CC")  # to fill in (yellow)
DEFAULT_FILL = PatternFill("solid", fgColor="FFDDEBF7")  # pre-filled target, check and edit (blue)
OPTIONAL_FILL = PatternFill("solid", fgColor="FFE2EFDA")  # optional, blank means none (green)
INFO_FILL = PatternFill("solid", fgColor="FFEDEDED")  # informational, not scored (grey)
SECTION_FILL = PatternFill("solid", fgColor="FFB4C6E7")  # section rows of the scored workbook
GROUP_FILL = PatternFill("solid", fgColor="FFDDEBF7")  # item rows of the scored workbook
LEGEND = (
    (REQUIRED_FILL, "黄色：必填。留空则相关条款不评分（总分为暂定分）"),
    (DEFAULT_FILL, "蓝色：已按附表1、附表2等预填的目标值，请核对，可修改"),
    (OPTIONAL_FILL, "绿色：选填。留空视为“无”或 0"),
    (INFO_FILL, "灰色：仅供对照，不参与计分"),
)
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def fill_for(field: Field, has_default: bool) -> PatternFill:
    if field.informational:
        return INFO_FILL
    if field.optional:
        return OPTIONAL_FILL
    return DEFAULT_FILL if has_default else REQUIRED_FILL


# ---- which field goes on which sheet ------------------------------------------------------
class FieldRow(NamedTuple):  # a NamedTuple, not a dataclass: no code generated at import
    field: Field
    item: Item | None  # None for shared fields (targets, city, air)
    rule: Rule | None
    used_by: tuple[str, ...] = ()  # ids of the items reading a shared field


class FieldSheet(NamedTuple):
    name: str
    title: str
    rows: tuple[FieldRow, ...]


def section_sheet_name(section_id: str, rubric: Rubric) -> str:
    name = SECTION_SHEET_NAMES.get(section_id)
    if name is None:  # a section added later: derive a legal sheet name from its Chinese name
        sec = rubric.section(section_id)
        name = re.sub(r"[\[\]:*?/\\]", "", f"{section_id} {sec.name}")[:31]
    return name


# the sheet of a shared field, by what it is (an item's own field goes on the item's sheet)
SHARED_SHEETS = {Role.FIGURE: AIR_SHEET, Role.TARGET: TARGETS_SHEET, Role.CITY: TARGETS_SHEET}


def field_sheets(rubric: Rubric) -> list[FieldSheet]:
    """Every catalogue field on exactly one sheet, in rubric order (generic over the catalogue)."""
    groups: dict[str, list[FieldRow]] = {}
    for key, f in rubric.catalogue.items():
        it = rubric.owner(key)
        if it is None:
            sheet = SHARED_SHEETS.get(f.role, TARGETS_SHEET)
            row = FieldRow(f, None, None, rubric.readers(key))
        else:
            sheet = BONUS_SHEET if it.points is None else section_sheet_name(it.section, rubric)
            row = FieldRow(f, it, it.rule(f.rule) if f.rule else None)
        groups.setdefault(sheet, []).append(row)
    order = [TARGETS_SHEET, AIR_SHEET] + [section_sheet_name(s.id, rubric) for s in rubric.point_sections]
    order += [BONUS_SHEET]
    order += [name for name in groups if name not in order]
    return [FieldSheet(name, sheet_title(name, rubric), tuple(groups[name])) for name in order if name in groups]


def sheet_title(name: str, rubric: Rubric) -> str:
    for i, sec in enumerate(rubric.point_sections):
        if section_sheet_name(sec.id, rubric) == name:
            numeral = CN_NUMERALS[i] if i < len(CN_NUMERALS) else sec.id
            return f"{numeral}、{sec.name}（{num(sec.points)}分）"
    return {
        TARGETS_SHEET: "考核目标（附表1、附表2）与全市平均水平",
        AIR_SHEET: "环境空气质量监测数据",
        BONUS_SHEET: "加分项与扣分项（均为选填，留空视为无）",
    }.get(name, name)


# ---- writing cells ----------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@")


def clean_for_cell(text: str) -> str:
    """Control characters, lone surrogates and U+FFFE/U+FFFF are illegal in xlsx; keep \n and \t."""
    # a printable text has none of them (they are all unprintable): the common case, checked in C;
    # `printable` keeps the rest (a multi-line text, 日期：　　年) without compiling its pattern
    return text if text.isprintable() else printable(text)


def put(ws, row: int, col: int, value, **style):
    """Write one cell. Text is always stored as text: user text starting with = + - @ must
    never become a formula (CSV/formula injection), so the cell type is forced to string."""
    return put_styled(ws, row, col, value, style)


def put_value(ws, row: int, col: int, value, style: dict):
    """`put_styled` for the table writers: returns the value as stored, not the cell (made only
    when something asks for it: `ws.cell`), one tuple instead of a cell object."""
    cell = packed_value(value, style)
    if not ws.put_value(row, col, *cell):
        put_styled(ws, row, col, cell[0], style)
    return cell[0]


def packed_value(value, style: dict) -> tuple:
    """The cell `put_value` keeps: (the value as stored, its style, whether it takes the quote prefix)."""
    if isinstance(value, str):
        value = clean_for_cell(value)
        return value, style, value.startswith(FORMULA_START)  # the quote prefix, as `put_styled` sets it
    return value, style, False


def put_styled(ws, row: int, col: int, value, style: dict):
    """`put` with the style as one dict (font/fill/border/alignment/number_format/protection), for
    the table writers that share one dict across many cells. The style values are immutable and
    shared; each distinct combination becomes one Format when saved."""
    cell = ws.cell(row, col)
    if style:
        cell.__dict__.update(style)  # `xlsx.Cell` keeps what is set on it in its __dict__
    if isinstance(value, str):
        value = clean_for_cell(value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel keeps it literal even after the user edits the cell
    else:
        cell.value = value
    return cell


@cache  # style values are hashed into the workbook's Format cache: share them
def font(bold: bool = False, color: str | None = None, size: float = 11) -> Font:
    return Font(name=FONT_NAME, bold=bold, color=color, size=size)


HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF", size=11)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
WRAP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
VALUE_ALIGN = Alignment(horizontal="center", vertical="top", wrap_text=True)
LEFT = Alignment(horizontal="left")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def header_row(ws, row: int, headers, widths) -> None:
    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        put(ws, row, col, text, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER, border=BORDER)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[row].height = 20


def fit_row_height(ws, row: int, widths, minimum: int = 1) -> None:
    """Row height from the wrapped text it holds (Excel does not auto-fit rows of a written file)."""
    set_row_height(ws, row, [ws.cell(row=row, column=col).value for col in range(1, len(widths) + 1)], widths, minimum)


def set_row_height(ws, row: int, values, widths, minimum: int = 1) -> None:
    """Row height for `values` as written in the row's cells (when the caller has them at hand)."""
    fit_lines(ws, row, values, [usable(w) for w in widths], minimum)


def fit_lines(ws, row: int, values, rooms, minimum: int = 1) -> None:
    """`set_row_height` given each column's room (`usable(width)`), worked out once for a table's rows."""
    ws.row_dimensions[row].height = min(15 * row_lines(values, rooms, minimum) + 3, 400)


def page_setup(ws, header_rows: str | None, landscape: bool = True) -> None:
    """A4, fit all columns on the page width, repeat the header row, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    # the footer (page numbers) sits 0.3 in from the edge, well inside the 0.75 in bottom margin
    ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = 0.6, 0.75, 0.3
    if header_rows:
        ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT_NAME
