"""Read a filled input workbook: raw values by field key, the water-section rows, and where
each came from, without ever writing to the file.

Fields are found by their key in the `字段编码` column, in any sheet whose header row has both
`字段编码` and `填报值` (users insert rows, sort, move, rename and hide sheets). Typing is left to
`ecoscore.values.parse` — the one normaliser — with two workbook-only exceptions handled here:
percent-formatted numbers (0.95 shown as 95 %) and cells that hold formulas or Excel errors.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Context, Decimal
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from ecoscore import rubric
from ecoscore.fields import SECTION_COLUMNS, Field
from ecoscore.model import FileProblem, Location, Problem
from ecoscore.values import PERCENT_UNITS, clean_text, is_blank
from ecoscore.workbook import layout as L

PERCENT_KINDS = ("pct", "pct+", "spct")
EXCEL_DIGITS = Context(prec=15)
MERGE_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
SECTION_HEADER_TO_COL = {header: col for col, header in SECTION_COLUMNS.items()}


@dataclass
class InputData:
    """What a workbook holds, raw (typing is the engine's job), with the cell of every value."""

    values: dict = field(default_factory=dict)  # key → raw value; only keys found; blank → None
    sections: list[dict] = field(default_factory=list)  # {name, level, target, prev, cur}, raw
    locations: dict = field(default_factory=dict)  # key → Location (also "sections" → the table)
    section_locations: list[dict] = field(default_factory=list)  # per row: column → Location
    county: str | None = None
    year: int | None = None
    template_version: str | None = None
    problems: list[Problem] = field(default_factory=list)  # cell-level problems found while reading


@dataclass
class Slot:
    """One cell to read. `target` says what it feeds: ("value", key), ("section", row, col), ("meta", what)."""

    target: tuple
    location: Location
    value: object
    data_type: str
    number_format: str
    formula: str | None = None  # set by the second pass: the formula whose cached value `value` is

    @property
    def is_formula(self) -> bool:
        return self.data_type == "f"


def read_input(path) -> InputData:
    """Read `path` (opened read-only; the file is never modified). Raises FileProblem if it is no workbook.

    Problems with single cells are collected in `problems`, not raised: the caller raises them
    together with the engine's (see `ecoscore.inputs.score_input`)."""
    with open(path, "rb") as handle:  # a handle, so openpyxl does not judge the file by its extension
        try:
            slots, found_fields = _read(handle)
        except UNREADABLE:
            raise FileProblem(f"无法读取工作簿“{os.path.basename(str(path))}”：它不是 .xlsx 文件或已损坏"
                              "（.xls、.et 等格式请在 Excel/WPS 中“另存为” .xlsx）") from None
    data = InputData()
    if not found_fields:
        data.problems.append(Problem("no_fields", f"没有找到同时含“{L.KEY_HEADER}”和“{L.VALUE_HEADER}”表头的工作表："
                                                  "这可能不是 ecoscore 填报模板，或表头被修改了（请用 init-template 生成模板）"))
    _assemble(data, slots)
    return data


# ---- opening ----------------------------------------------------------------------------
# What openpyxl raises, lazily while rows are read, for a damaged or foreign file.
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, ParseError, KeyError, ValueError, TypeError, IndexError,
              AttributeError)


def _read(handle) -> tuple[list[Slot], bool]:
    wb = load_workbook(handle, read_only=True, data_only=False, keep_links=False)
    try:
        slots, found_fields = _scan(wb)
    finally:
        wb.close()
    formulas = [s for s in slots if s.is_formula]
    if formulas:  # take the values Excel/WPS cached when the file was last saved
        handle.seek(0)
        _take_cached(load_workbook(handle, read_only=True, data_only=True, keep_links=False), formulas)
    return slots, found_fields


def _merged_ranges(ws) -> list[CellRange]:
    # Read-only worksheets do not parse <mergeCells>; read them from the sheet part directly.
    out = []
    with ws._get_source() as src:
        for _, el in iterparse(src):
            if el.tag == MERGE_TAG:
                out.append(CellRange(el.get("ref")))
            el.clear()
    return [r for r in out if r.size["rows"] * r.size["columns"] > 1]


def _header_text(value) -> str:
    return re.sub(r"\s", "", clean_text(value)) if isinstance(value, str) else ""


def _slot(target: tuple, sheet: str, row: tuple, r: int, c: int) -> Slot:
    cell = row[c - 1] if c - 1 < len(row) else None
    value = getattr(cell, "value", None)
    return Slot(target, Location(sheet, f"{get_column_letter(c)}{r}"), value,
                getattr(cell, "data_type", "n") or "n", getattr(cell, "number_format", None) or "General")


# ---- first pass: find every value cell ---------------------------------------------------
def _scan(wb) -> tuple[list[Slot], bool]:
    slots: list[Slot] = []
    found_fields = False
    for ws in wb.worksheets:
        ws.reset_dimensions()  # some writers store a wrong <dimension>; read every row present
        merges = _merged_ranges(ws)
        tops = {(m.min_row, m.min_col): m for m in merges}
        top_slots: dict[tuple[int, int], Slot] = {}
        sheet_slots: list[Slot] = []
        header: tuple[int, int] | None = None  # 1-based key and value columns of the field table
        section_cols: dict[str, int] | None = None
        for r, row in enumerate(ws.iter_rows(), start=1):
            for c, cell in enumerate(row, start=1):
                if (r, c) in tops:
                    top_slots[(r, c)] = _slot(("top",), ws.title, row, r, c)
            texts = [_header_text(getattr(cell, "value", None)) for cell in row]
            if ws.title.strip() == L.SECTIONS_SHEET:
                if section_cols is None:
                    if SECTION_COLUMNS["name"] in texts:
                        section_cols = {SECTION_HEADER_TO_COL[t]: i for i, t in enumerate(texts, start=1)
                                        if t in SECTION_HEADER_TO_COL}
                        sheet_slots += _missing_columns(ws.title, r, section_cols)
                    continue
                sheet_slots += [_slot(("section", r, col), ws.title, row, r, c) for col, c in section_cols.items()]
                continue
            if L.KEY_HEADER in texts and L.VALUE_HEADER in texts:
                header = (texts.index(L.KEY_HEADER) + 1, texts.index(L.VALUE_HEADER) + 1)
                found_fields = True
                continue
            if ws.title == L.INFO_SHEET:
                for what, label in L.INFO_LABELS.items():
                    if _header_text(label) in texts:
                        sheet_slots.append(_slot(("meta", what), ws.title, row, r, texts.index(_header_text(label)) + 2))
            if header is not None:
                key_cell = row[header[0] - 1] if header[0] - 1 < len(row) else None
                key = getattr(key_cell, "value", None)
                if not is_blank(key):
                    sheet_slots.append(_slot(("value", clean_text(str(key)).replace(" ", "")), ws.title,
                                             row, r, header[1]))
        if section_cols is not None:
            sheet_slots.append(Slot(("sections_table",), Location(ws.title, f"A{_first_data_row(sheet_slots)}"),
                                    None, "n", "General"))
        slots += [_merged_value(s, merges, top_slots) for s in sheet_slots]
    return slots, found_fields


def _first_data_row(sheet_slots: list[Slot]) -> int:
    rows = [s.target[1] for s in sheet_slots if s.target[0] == "section"]
    return min(rows) if rows else L.HEADER_ROW + 1


def _missing_columns(sheet: str, r: int, cols: dict[str, int]) -> list[Slot]:
    return [Slot(("missing_column", header), Location(sheet, f"A{r}"), None, "n", "General")
            for col, header in SECTION_COLUMNS.items() if col not in cols]


def _merged_value(slot: Slot, merges: list[CellRange], top_slots: dict) -> Slot:
    """A value cell inside a merged range reads the range's top-left cell (where Excel keeps the value)."""
    if slot.value is not None or not merges or slot.target[0] in ("missing_column", "sections_table"):
        return slot
    cell = slot.location.cell
    for m in merges:
        if cell in m and (m.min_row, m.min_col) in top_slots:
            top = top_slots[(m.min_row, m.min_col)]
            return Slot(slot.target, top.location, top.value, top.data_type, top.number_format)
    return slot


# ---- second pass: cached results of formulas -------------------------------------------------
def _take_cached(wb, formulas: list[Slot]) -> None:
    wanted: dict[str, dict[str, list[Slot]]] = {}
    for s in formulas:
        s.formula = str(getattr(s.value, "text", s.value))  # ArrayFormula keeps its text in .text
        s.value, s.data_type = None, "n"
        wanted.setdefault(s.location.sheet, {}).setdefault(s.location.cell, []).append(s)
    try:
        for ws in wb.worksheets:
            cells = wanted.get(ws.title)
            if not cells:
                continue
            ws.reset_dimensions()
            for row in ws.iter_rows():
                for cell in row:
                    for s in cells.get(getattr(cell, "coordinate", None), ()):
                        s.value, s.data_type = cell.value, cell.data_type
    finally:
        wb.close()


# ---- turning slots into InputData ------------------------------------------------------------
def _assemble(data: InputData, slots: list[Slot]) -> None:
    cat = rubric.catalogue()
    rows: dict[int, tuple[dict, dict, bool]] = {}
    for s in slots:
        what = s.target[0]
        if what == "missing_column":
            data.problems.append(Problem("missing_column", f"断面水质表缺少“{s.target[1]}”列（表头行见 {s.location}）",
                                         key=f"sections.{SECTION_HEADER_TO_COL[s.target[1]]}", location=s.location,
                                         expected=f"表头“{s.target[1]}”"))
        elif what == "sections_table":
            data.locations["sections"] = s.location
        elif what == "value":
            key = s.target[1]
            if key in data.locations:
                data.problems.append(Problem(
                    "duplicate", f"字段编码“{key}”出现了不止一次（另见 {data.locations[key]}）；每个字段只能填一行，请删除多余的行",
                    key=key, value=s.value, location=s.location, expected="每个字段编码只出现一次"))
                continue
            f = cat.get(key)
            data.locations[key] = s.location
            data.values[key] = _raw(s, f, f.label if f else key, f.expected if f else "", data.problems, key)
        elif what == "section":
            _, r, col = s.target
            values, locs, bad = rows.setdefault(r, ({}, {}, False))
            n_problems = len(data.problems)
            values[col] = _raw(s, None, f"断面水质第 {r} 行{SECTION_COLUMNS[col]}", "", data.problems, f"sections.{col}")
            locs[col] = s.location
            rows[r] = (values, locs, bad or len(data.problems) > n_problems)
        elif what == "meta":
            _meta(data, s)
    for r in sorted(rows):
        values, locs, bad = rows[r]
        # Blank rows are room left for more sections; a row with a bad cell is already reported.
        if not bad and not all(is_blank(v) for v in values.values()):
            data.sections.append(values)
            data.section_locations.append(locs)


def _raw(s: Slot, f: Field | None, label: str, expected: str, problems: list, key: str):
    """The cell's raw value for the engine, or None after recording a problem with it."""
    expected_text = f"；应填{expected}" if expected else ""
    if s.data_type == "e":
        problems.append(Problem("cell_error", f"{label}：单元格是 Excel 错误值 {s.value}（公式出错或引用了无效单元格）"
                                              f"{expected_text}", key=key, value=s.value, expected=expected or None,
                                location=s.location))
        return None
    # A formula saved without a result (written by a program, never opened in Excel); an empty
    # text result (t="str") is a legitimate blank.
    if s.formula is not None and s.value is None and s.data_type != "s":
        problems.append(Problem("formula_without_value", f"{label}：单元格是公式 {s.formula}，但文件里没有保存计算结果"
                                                         "（可能是程序生成的文件）；请在 Excel 或 WPS 中打开并保存，或直接填写数值",
                                key=key, value=s.formula, expected=expected or None, location=s.location))
        return None
    if is_blank(s.value):  # a cell holding only spaces is blank to the clerk, and to the engine
        return None
    value = _excel_precision(s.value) if isinstance(s.value, float) else s.value
    if (f is not None and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
            and "%" in s.number_format and (f.kind in PERCENT_KINDS or f.unit in PERCENT_UNITS)):
        return _percent(value)
    return value


def _excel_precision(value: float) -> float | Decimal:
    """Excel keeps and shows 15 significant digits; a formula's 0.30000000000000004 is binary
    noise the clerk never saw, so it is read as 0.3 (SPEC D3: no float noise reaches a user)."""
    d = Decimal(repr(value))
    if not d.is_finite() or len(d.as_tuple().digits) <= 15:
        return value
    return _plain(EXCEL_DIGITS.plus(d))


def _percent(value: float | Decimal) -> Decimal:
    """A percent-formatted cell stores 0.95 for 95 %: scale by 100 exactly (no float noise)."""
    return _plain((value if isinstance(value, Decimal) else Decimal(repr(value))) * 100)


def _plain(d: Decimal) -> Decimal:
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def _meta(data: InputData, s: Slot) -> None:
    what = s.target[1]
    raw = _raw(s, None, L.INFO_LABELS[what], "", data.problems, f"info.{what}")
    if is_blank(raw):
        return
    if what == "county":
        data.county = clean_text(str(raw))
    elif what == "version":
        data.template_version = clean_text(str(raw))
    elif what == "year":
        text = clean_text(str(raw)).removesuffix("年").removesuffix(".0")
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw == int(raw):
            text = str(int(raw))
        if text.isdigit() and 1900 <= int(text) <= 2200:
            data.year = int(text)
        else:
            data.problems.append(Problem("invalid_value", f"考核年度：填写的“{raw}”不是年份；应填四位数年份，如 2021",
                                         key="info.year", value=raw, expected="四位数年份", location=s.location))
