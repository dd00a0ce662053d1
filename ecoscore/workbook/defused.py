"""XML from a user's workbook is parsed only by parsers that cannot be turned against us.

openpyxl uses defusedxml when it is installed and `OPENPYXL_DEFUSEDXML` is not "False"; then
documents declaring entities (billion laughs, external entities such as file:///etc/passwd)
are refused instead of expanded or fetched. `verify()` checks, once at start-up and before
every read, that this is really so — the flag, the parse functions openpyxl's readers hold, and
a probe document — and raises `XmlNotDefused` (an internal error, exit code 1) otherwise.

Opening stays within bounds too: `open_workbook` (read-only; a sheet the file lacks is a
damaged file, not silently skipped), and `sheet_rows`, the one streaming pass over a sheet that
yields its rows (the template's extent plus a margin, never more) and finds its merged ranges
and any content below the rows read, holding no more than one row in memory. `rows` is
openpyxl's own iterator, within the same bounds, for the rare second pass over formulas.
"""

from __future__ import annotations

import importlib
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from xml.etree.ElementTree import ParseError

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import SHEET_MAIN_NS

from ecoscore.core.model import FileProblem, Location, Problem
from ecoscore.workbook import layout as L

# openpyxl modules that parse a workbook's XML, and the parse function each imported
READERS = (("openpyxl.xml.functions", "fromstring"), ("openpyxl.xml.functions", "iterparse"),
           ("openpyxl.reader.excel", "fromstring"), ("openpyxl.reader.workbook", "fromstring"),
           ("openpyxl.reader.strings", "iterparse"), ("openpyxl.worksheet._reader", "iterparse"),
           ("openpyxl.styles.stylesheet", "fromstring"), ("openpyxl.packaging.manifest", "fromstring"))
PROBE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "EXPANDED">]><x>&e;</x>'
HINT = ("请执行 pip install 'defusedxml>=0.7' 安装（它是 ecoscore 的必需依赖），"
        "并确认没有设置环境变量 OPENPYXL_DEFUSEDXML=False")


class XmlNotDefused(RuntimeError):
    """The installation would parse XML unsafely: a setup defect, reported as an internal error."""


def verify() -> None:
    """Raise XmlNotDefused unless every XML parser openpyxl uses refuses entity declarations."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise XmlNotDefused(f"openpyxl 未启用 defusedxml（openpyxl.xml.DEFUSEDXML 为 False），为安全起见拒绝读取工作簿；{HINT}")
    for module, name in READERS:
        fn = getattr(importlib.import_module(module), name, None)
        if fn is None or not _refuses_entities(fn, name):
            raise XmlNotDefused(f"{module}.{name} 会展开 XML 实体（未使用 defusedxml），为安全起见拒绝读取工作簿；{HINT}")


def _refuses_entities(fn, name: str) -> bool:
    """The probe's entity is refused (defusedxml) or left unexpanded (lxml with resolve_entities=False)."""
    import io

    from defusedxml import DefusedXmlException

    try:
        if name == "iterparse":
            texts = [el.text or "" for _, el in fn(io.BytesIO(PROBE))]
        else:
            root = fn(PROBE)
            texts = [t or "" for t in root.itertext()]
    except DefusedXmlException:
        return True
    except Exception:  # noqa: BLE001 — any other failure to parse the probe: not provably safe
        return False
    return not any("EXPANDED" in t for t in texts)


def is_hostile_xml(exc: BaseException) -> bool:
    """True if `exc` (or what it wraps: openpyxl re-raises parse errors) is defusedxml refusing a document."""
    from defusedxml import DefusedXmlException

    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


# ---- opening a workbook, within bounds -------------------------------------------------------
# Bounds on what a workbook can make us read (the template is ~70 rows by 9 columns).
ROW_MARGIN = 1_000  # rows users insert: notes, more water sections…
COL_CAP = max(len(L.FIELD_HEADERS), len(L.SECTION_HEADERS)) + 40
ELEMENT_BUDGET = 150_000  # rows and cells parsed in the whole workbook (a filled template: ~25 000)
MAX_MERGES = 1_000  # merged ranges per sheet that touch the cells read


@cache
def row_cap() -> int:
    """Rows read per sheet: the template's extent (of the largest edition) plus a margin."""
    from ecoscore import rubric as editions

    extent = max([L.HEADER_ROW + L.SECTION_ROWS] + [L.HEADER_ROW + len(s.rows) for e in editions.editions()
                                                      for s in L.field_sheets(e)])
    return extent + ROW_MARGIN


# What openpyxl raises, lazily while rows are read, for a damaged or foreign file.
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, ParseError, KeyError, ValueError, TypeError, IndexError,
              AttributeError, OSError, InvalidFileException, NotImplementedError, OverflowError, RecursionError)


def open_workbook(handle, name: str):
    """openpyxl's read-only workbook; a sheet listed in the workbook but missing from the file
    (which openpyxl would silently skip, losing its values) is a damaged file."""
    reader = ExcelReader(handle, read_only=True, keep_vba=False, data_only=False, keep_links=False)
    reader.read()
    missing = [rel.target for _, rel in reader.parser.find_sheets() if rel.target not in reader.valid_files]
    if missing:
        reader.wb.close()
        raise FileProblem(f"“{name}”不完整：其中的工作表（{missing[0]}）缺失，可能是文件损坏或下载中断；"
                          "请重新获取完整文件，或在 Excel/WPS 中打开修复后另存再试")
    return reader.wb


def merged_ranges(refs: list[str], sheet: str, name: str) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of the multi-cell ranges whose top-left cell is read."""
    out = []
    for ref in refs:
        m = CellRange(ref)
        if m.size["rows"] * m.size["columns"] > 1 and m.min_row <= row_cap() and m.min_col <= COL_CAP:
            out.append((m.min_row, m.min_col, m.max_row, m.max_col))
    if len(out) > MAX_MERGES:
        raise FileProblem(f"“{name}”的工作表“{sheet}”中合并单元格异常多（{len(out)} 处），已拒绝读取；"
                          "请取消多余的合并后另存再试")
    return out


def rows(ws, max_row: int | None = None):
    """At most `max_row` (default `row_cap()`) rows of at most COL_CAP cells (the rest is never
    parsed or kept)."""
    ws.reset_dimensions()  # some writers store a wrong <dimension>; read every row present
    for row in ws.iter_rows(max_row=max_row or row_cap()):
        yield row[:COL_CAP]


# ---- the one bounded pass over one sheet ---------------------------------------------------
NS = f"{{{SHEET_MAIN_NS}}}"
SHEET_DATA, ROW, CELL, MERGE, MERGE_CELLS = (NS + "sheetData", NS + "row", NS + "c", NS + "mergeCell",
                                             NS + "mergeCells")
CONTENT = (NS + "v", NS + "is", NS + "f")


@dataclass
class Budget:
    """Rows and cells the whole workbook may make us parse; exceeding it is a FileProblem."""

    workbook: str
    left: int = ELEMENT_BUDGET

    def spend(self, sheet: str, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise FileProblem(f"“{self.workbook}”的工作表“{sheet}”中的行或单元格异常多，不像 ecoscore 填报工作簿，已拒绝读取；"
                              "如确为填报表，请删除多余的行、列和工作表后另存再试")


@dataclass
class Outline:
    merges: list[str] = field(default_factory=list)  # refs such as "D8:E8"
    beyond: str | None = None  # the first cell holding content below the row cap (the pass stops there)

    def problem(self, sheet: str) -> Problem:
        cap = row_cap()
        return Problem("too_many_rows", f"工作表“{sheet}”第 {cap} 行以下还有内容（{self.beyond}）：ecoscore 只读取每张表"
                                        f"的前 {cap} 行，这些内容不会被读取；请把它移到表格中，或删除后重新评分",
                       location=Location(sheet, self.beyond), expected=f"内容在前 {cap} 行内")


def sheet_rows(ws, cap: int, found: Outline, budget: Budget | None = None):
    """Rows 1..`cap` of a read-only sheet, each a tuple of at most COL_CAP cells (a missing row
    is ()), in one streaming pass that also fills `found`: the sheet's merged ranges and the
    first content below `cap` (the pass stops there), holding no more than one row in memory.

    openpyxl's own row iterator turns every other element of the sheet into objects too (data
    validations, conditional formats, views…), which cost more than the cells of a template
    sheet; here only rows are parsed — by openpyxl's `WorkSheetParser.parse_row`, so values,
    types and formats are exactly openpyxl's — and the pass ends after <mergeCells>, which the
    schema puts before everything else we would skip."""
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.functions import iterparse  # the defused one (see verify)

    wb = ws.parent
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        depth = r = 0
        data = None
        for event, el in iterparse(src, events=("start", "end")):
            if event == "start":
                depth += 1
                if el.tag == SHEET_DATA:
                    data = el
                continue
            depth -= 1
            if el.tag == ROW:
                if budget is not None:
                    budget.spend(ws.title, 1 + len(el))
                r = _row_number(el.get("r"), r)
                if r > cap:
                    found.beyond = _first_content(el, r)
                else:
                    while parser.row_counter + 1 < r:  # rows the file leaves out are empty
                        parser.row_counter += 1
                        yield ()
                    _, cells = parser.parse_row(el)
                    width = min(max((c["column"] for c in cells), default=0), COL_CAP)  # any cell order
                    yield ws._get_row(cells, 1, width) if width else ()
                if data is not None:
                    data.clear()  # rows already seen hold no memory
                if found.beyond:
                    return
            elif el.tag == MERGE:
                found.merges.append(el.get("ref") or "")
            elif el.tag == MERGE_CELLS:
                return
            if depth <= 1:  # a part of the sheet read to its end: drop it
                el.clear()


def _row_number(attr: str | None, previous: int) -> int:
    """A <row>'s number as openpyxl reads it: r="7" or r="7.0"; without r, the next row."""
    if attr is None:
        return previous + 1
    try:
        return int(attr)
    except ValueError:
        number = float(attr)
        if not number.is_integer():
            raise ValueError(f"{attr} is not a valid row number") from None
        return int(number)


def _first_content(row, r: int) -> str | None:
    for i, c in enumerate(row, start=1):
        if c.tag == CELL and any(child.tag in CONTENT and (child.text or len(child)) for child in c):
            return c.get("r") or f"{get_column_letter(min(i, 16384))}{r}"
    return None
