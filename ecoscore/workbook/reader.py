"""Read a filled input workbook: raw values by field key, the water-section rows, and where
each came from, without ever writing to the file.

Fields are found by their key in the `字段编码` column, in any sheet whose header row has both
`字段编码` and `填报值` (users insert rows, sort, move, rename and hide sheets). Typing is left to
`ecoscore.values.parse` — the one normaliser — with two workbook-only exceptions handled here:
percent-formatted numbers (0.95 shown as 95 %) and cells that hold formulas or Excel errors.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from ecoscore import rubric
from ecoscore.fields import SECTION_COLUMNS, Field
from ecoscore.model import FileProblem, Location, Problem
from ecoscore.sniff import SAVE_AS, sniff
from ecoscore.values import PERCENT_UNITS, clean_text, is_blank
from ecoscore.workbook import defused
from ecoscore.workbook import layout as L
from ecoscore.workbook.defused import UNREADABLE, open_workbook, row_cap, rows

defused.verify()  # at start-up: no workbook is ever opened by a parser that expands entities

PERCENT_KINDS = ("pct", "pct+", "spct")
EXCEL_DIGITS = Context(prec=15)
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

    The content decides, not the extension (.XLSX, .xlsm, a misnamed file…), and the zip
    pre-flight (`ecoscore.safety`) runs first even when called directly. Problems with single
    cells are collected in `problems`, not raised: the caller raises them together with the
    engine's (see `ecoscore.inputs.score_input`)."""
    path = Path(path)
    defused.verify()
    if sniff(path) != "xlsx":
        raise FileProblem(f"“{path.name}”不是 Excel 工作簿（.xlsx）；{SAVE_AS}")
    with open(path, "rb") as handle:  # a handle, so openpyxl does not judge the file by its extension
        try:
            with warnings.catch_warnings():  # openpyxl's notes on unsupported extensions are not for clerks
                warnings.simplefilter("ignore")
                slots, found_fields, problems = _read(handle, path.name)
        except UNREADABLE as exc:
            if defused.is_hostile_xml(exc):
                raise FileProblem(f"“{path.name}”含有 XML 实体声明（可能是恶意构造的文件），为安全起见已拒绝读取；"
                                  f"如确为填报表，{SAVE_AS}") from None
            raise FileProblem(f"无法读取工作簿“{path.name}”：它不是 .xlsx 文件或已损坏"
                              "（.xls、.et 等格式请在 Excel/WPS 中“另存为” .xlsx）") from None
    data = InputData(problems=problems)
    if not found_fields:
        data.problems.append(Problem("no_fields", f"没有找到同时含“{L.KEY_HEADER}”和“{L.VALUE_HEADER}”表头的工作表："
                                                  "这可能不是 ecoscore 填报模板，或表头被修改了（请用 init-template 生成模板）"))
    _assemble(data, slots)
    return data


def _read(handle, name: str) -> tuple[list[Slot], bool, list[Problem]]:
    wb = open_workbook(handle, name)
    try:
        slots, found_fields, problems = _scan(wb, name)
        formulas = [s for s in slots if s.is_formula]
        if formulas:  # take the values Excel/WPS cached when the file was last saved: the same
            wb._data_only = True  # parts read again for <v> (openpyxl decides per pass), no second open
            _take_cached(wb, formulas)
    finally:
        wb.close()
    return slots, found_fields, problems


def _header_text(value) -> str:
    return re.sub(r"\s", "", clean_text(value)) if isinstance(value, str) else ""


def _slot(target: tuple, sheet: str, row: tuple, r: int, c: int) -> Slot:
    cell = row[c - 1] if c - 1 < len(row) else None
    value = getattr(cell, "value", None)
    return Slot(target, Location(sheet, f"{get_column_letter(c)}{r}"), value,
                getattr(cell, "data_type", "n") or "n", getattr(cell, "number_format", None) or "General")


# ---- first pass: find every value cell ---------------------------------------------------
def _scan(wb, name: str) -> tuple[list[Slot], bool, list[Problem]]:
    slots: list[Slot] = []
    problems: list[Problem] = []
    found_fields = False
    budget = defused.Budget(name)
    for ws in wb.worksheets:
        with ws._get_source() as src:  # read-only sheets do not parse <mergeCells>
            outline = defused.sheet_outline(src, ws.title, row_cap(), budget)
        merges = defused.merged_ranges(outline.merges, ws.title, name)
        tops = {(m[0], m[1]) for m in merges}
        top_slots: dict[tuple[int, int], Slot] = {}
        sheet_slots: list[Slot] = []
        header: tuple[int, int] | None = None  # 1-based key and value columns of the field table
        section_cols: dict[str, int] | None = None
        for r, row in enumerate(rows(ws), start=1):
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
        if sheet_slots and outline.beyond:  # a template sheet with more below the rows read
            problems.append(outline.problem(ws.title))
        slots += [_merged_value(s, merges, top_slots) for s in sheet_slots]
    return slots, found_fields, problems


def _first_data_row(sheet_slots: list[Slot]) -> int:
    rows = [s.target[1] for s in sheet_slots if s.target[0] == "section"]
    return min(rows) if rows else L.HEADER_ROW + 1


def _missing_columns(sheet: str, r: int, cols: dict[str, int]) -> list[Slot]:
    return [Slot(("missing_column", header), Location(sheet, f"A{r}"), None, "n", "General")
            for col, header in SECTION_COLUMNS.items() if col not in cols]


def _merged_value(slot: Slot, merges: list[tuple[int, int, int, int]], top_slots: dict) -> Slot:
    """A value cell inside a merged range reads the range's top-left cell (where Excel keeps the value)."""
    if slot.value is not None or not merges or slot.target[0] in ("missing_column", "sections_table"):
        return slot
    r, c = coordinate_to_tuple(slot.location.cell)
    for r0, c0, r1, c1 in merges:
        if r0 <= r <= r1 and c0 <= c <= c1 and (r0, c0) in top_slots:
            top = top_slots[(r0, c0)]
            return Slot(slot.target, top.location, top.value, top.data_type, top.number_format)
    return slot


# ---- second pass: cached results of formulas -------------------------------------------------
def _take_cached(wb, formulas: list[Slot]) -> None:
    wanted: dict[str, dict[str, list[Slot]]] = {}
    for s in formulas:
        s.formula = str(getattr(s.value, "text", s.value))  # ArrayFormula keeps its text in .text
        s.value, s.data_type = None, "n"
        wanted.setdefault(s.location.sheet, {}).setdefault(s.location.cell, []).append(s)
    for ws in wb.worksheets:
        cells = wanted.get(ws.title)
        if not cells:
            continue
        for row in rows(ws):
            for cell in row:
                for s in cells.get(getattr(cell, "coordinate", None), ()):
                    s.value, s.data_type = cell.value, cell.data_type


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
    if isinstance(s.value, float) and not math.isfinite(s.value):  # <v>1e999</v>: Excel never writes it
        problems.append(Problem("invalid_value", f"{label}：单元格的数值超出范围（{s.value}），不是有效数值{expected_text}",
                                key=key, value=s.value, expected=expected or None, location=s.location))
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
    if d != d.to_integral_value():
        return d.normalize()
    # a whole number without exponent; one too long for that (1e232) is left for the range check to refuse
    return d.quantize(Decimal(1)) if d.adjusted() < EXCEL_DIGITS.prec else d


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
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == int(raw):
            text = str(int(raw))
        if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2200:
            data.year = int(text)
        else:
            data.problems.append(Problem("invalid_value", f"考核年度：填写的“{raw}”不是年份；应填四位数年份，如 2021",
                                         key="info.year", value=raw, expected="四位数年份", location=s.location))
