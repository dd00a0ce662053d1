"""Read a filled input workbook: raw values by field key, the water-section rows, and where
each came from, without ever writing to the file.

Fields are found by their key in the `字段编码` column, in any sheet whose header row has both
`字段编码` and `填报值` (users insert rows, sort, move, rename and hide sheets). The two
monitoring-data sheets are read by `monitoring_reader` in the same pass over the open workbook;
what a single cell means (percent formats, formulas, error values) is `cells`.
"""

from __future__ import annotations

import gc
import warnings
from contextlib import contextmanager
from dataclasses import field
from functools import lru_cache
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.fields import SECTION_COLUMNS
from ecoscore.core.model import FileProblem, Location, Problem
from ecoscore.core.record import record
from ecoscore.core.values import clean_text, is_blank
from ecoscore.rubric import Rubric
from ecoscore.sources.inputs import InputData
from ecoscore.sources.sniff import SAVE_AS, sniff
from ecoscore.workbook import book, defused, monitoring_reader
from ecoscore.workbook import layout as L
from ecoscore.workbook.assemble import SECTION_HEADER_TO_COL, assemble, version_note
from ecoscore.workbook.book import open_workbook
from ecoscore.workbook.cells import Slot, slot
from ecoscore.workbook.defused import ROWS, UNREADABLE
from ecoscore.workbook.evidence_sheet import EVIDENCE_SHEET, READ_HEADERS
from ecoscore.workbook.merges import merged_across, merged_value
from ecoscore.workbook.outline import Budget, Outline, merged_ranges

defused.verify(openpyxl=False)  # at start-up: no workbook is ever opened by a parser that expands entities


@record
class Scan:
    """What one pass over the open workbook found."""

    slots: list[Slot] = field(default_factory=list)  # field, section and 填报说明 cells
    found_fields: bool = False
    problems: list[Problem] = field(default_factory=list)
    data_tables: dict = field(default_factory=dict)  # data sheet → rows (`monitoring_reader.scan`)
    data_problems: list[Problem] = field(default_factory=list)


class ReaderMismatch(RuntimeError):
    """ECOSCORE_READER=both: the two readers read a workbook differently (a defect of ours)."""


def read_input(path, reader: str | None = None, rubric: Rubric | None = None, *, sniffed: bool = False) -> InputData:
    """Read `path` (opened read-only; the file is never modified). Raises FileProblem if it is no workbook.

    The content decides, not the extension (.XLSX, .xlsm, a misnamed file…), and the zip
    pre-flight (`ecoscore.sources.safety`) runs first even when called directly. Problems with single
    cells are collected in `problems`, not raised: the caller raises them together with the
    engine's (see `ecoscore.services.load.score_input`). `reader`: see `book.choice` (the default);
    `rubric`: the edition whose catalogue the keys are read by (the default edition's);
    `sniffed`: the caller has just had `sniff` call the file a workbook (so its pre-flight has
    run: `services.load.load_input`), and it is not sniffed again."""
    with collector_paused():
        return _read_input(Path(path), reader or book.choice(), rubric, sniffed)


@contextmanager
def collector_paused():
    """Reading allocates some ten thousand short-lived objects (cells, rows, slots) and makes no
    reference cycles: the cyclic garbage collector's passes over them cost a sixth of the read and
    free nothing, so it waits until the read is done (if it was on)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_input(path: Path, reader: str, rubric: Rubric | None, sniffed: bool) -> InputData:
    if reader == "both":
        return _read_both(path, rubric, sniffed)
    defused.verify(openpyxl=reader != "fast")
    if not sniffed and sniff(path) != "xlsx":
        raise FileProblem(f"“{path.name}”不是 Excel 工作簿（.xlsx）；{SAVE_AS}")
    with open(path, "rb") as handle:  # a handle, so openpyxl does not judge the file by its extension
        try:
            with warnings.catch_warnings():  # openpyxl's notes on unsupported extensions are not for clerks
                warnings.simplefilter("ignore")
                scan = _read(handle, path.name, reader)
        except UNREADABLE as exc:
            if defused.is_hostile_xml(exc):
                raise FileProblem(
                    f"“{path.name}”含有 XML 实体声明（可能是恶意构造的文件），为安全起见已拒绝读取；"
                    f"如确为填报表，{SAVE_AS}"
                ) from None
            raise FileProblem(
                f"无法读取工作簿“{path.name}”：它不是 .xlsx 文件或已损坏"
                "（.xls、.et 等格式请在 Excel/WPS 中“另存为” .xlsx）"
            ) from None
    data = InputData(
        values={},
        sections=[],
        problems=scan.problems,
        kind="xlsx",
        path=path,
        monitoring=monitoring_reader.assemble(scan.data_tables, scan.data_problems),
    )
    if not scan.found_fields:
        data.problems.append(
            Problem(
                "no_fields",
                f"没有找到同时含“{L.KEY_HEADER}”和“{L.VALUE_HEADER}”表头的工作表："
                "这可能不是 ecoscore 填报模板，或表头被修改了（请用 init-template 生成模板）",
            )
        )
    assemble(data, scan.slots, rubric or editions.default())
    return data


def _read_both(path: Path, rubric: Rubric | None, sniffed: bool) -> InputData:
    """The reference reader's result, after checking the accelerator's is the same (the same
    values of the same types, locations and problems; or the same refusal)."""
    outcomes = []
    for reader in ("openpyxl", "fast"):
        try:
            outcomes.append(read_input(path, reader, rubric, sniffed=sniffed))
        except FileProblem as exc:
            outcomes.append(exc)
    ref, fast = outcomes
    seen = [(type(o).__name__, repr(o) if isinstance(o, InputData) else str(o)) for o in outcomes]
    if seen[0] != seen[1]:
        raise ReaderMismatch(f"读取“{path.name}”的两种方式结果不同：\nopenpyxl: {seen[0]}\nfast:     {seen[1]}")
    if isinstance(ref, FileProblem):
        raise ref
    return ref


def _read(handle, name: str, reader: str) -> Scan:
    opened = open_workbook(handle, name, reader)
    try:
        return _scan(opened, name)
    finally:
        opened.close()


def _header_text(value) -> str:
    return _string_header(value) if isinstance(value, str) else ""


@lru_cache(maxsize=8192)  # a batch reads the same template's labels in every workbook; bounded
def _string_header(value: str) -> str:
    return "".join(clean_text(value).split())  # every Unicode space out, as str.isspace knows them


class HeaderTexts(dict):
    """A cell value → its text as compared with a header (`_header_text`), each distinct value
    looked up once per workbook (a sheet repeats its labels, units and notes)."""

    def __missing__(self, value) -> str:
        self[value] = text = _header_text(value)
        return text


# ---- first pass: find every value cell ---------------------------------------------------
def _scan(opened, name: str) -> Scan:
    scan = Scan()
    budget = Budget(name)
    headers = HeaderTexts()
    for ws in opened.worksheets:
        if monitoring_reader.is_data_sheet(ws.title):  # daily data: read once, by its own reader
            scan.data_tables[ws.title] = monitoring_reader.scan(opened, ws, scan.data_problems)
            continue
        outline = Outline()
        sheet_slots, cells = _scan_sheet(ws, opened.rows(ws, ROWS, outline, budget), outline, scan, headers)
        if sheet_slots and outline.beyond:  # a template sheet with more below the rows read
            scan.problems.append(outline.problem(ws.title))
        merges = merged_ranges(outline.merges, ws.title, name)  # known once the pass has ended
        scan.problems += merged_across(sheet_slots, merges)
        scan.slots += [merged_value(s, merges, cells, outline.formulas) for s in sheet_slots]
    return scan


def _scan_sheet(ws, sheet_rows, outline: Outline, scan: Scan, headers: HeaderTexts) -> tuple[list[Slot], dict]:
    """The value cells of one sheet (fields, section rows, 填报说明's county and year), and every
    non-empty cell by (row, column), for values Excel keeps in a merged range's top-left cell.
    `outline` knows each row's formulas by the time the row is given (`book.rows`)."""
    filled: dict[tuple[int, int], tuple] = {}
    sheet_slots: list[Slot] = []
    header: tuple[int, int] | None = None  # 1-based key and value columns of the field table
    section_cols: dict[str, int] | None = None
    unit_cols: tuple[int, int] | None = None  # 责任单位对照: the source-name and local-name columns
    evidence_cols: tuple[int, ...] | None = None  # 佐证材料: 序号, 材料名称, 文号, 页码 columns
    title = ws.title.strip()
    info_labels = (
        [(what, _header_text(label)) for what, label in L.INFO_LABELS.items()] if ws.title == L.INFO_SHEET else []
    )
    formulas = outline.formulas  # filled as the rows go: each row's are known by the time it is given
    for r, row in enumerate(sheet_rows, start=1):
        values = [getattr(cell, "value", None) for cell in row]
        for c, value in enumerate(values, start=1):
            if value is not None or (r, c) in formulas:  # `Outline.has_content`
                filled[(r, c)] = row
        if title == L.SECTIONS_SHEET:
            if section_cols is None:
                texts = [headers[v] for v in values]  # header texts only until the header row is found
                if SECTION_COLUMNS["name"] in texts:
                    section_cols = {
                        SECTION_HEADER_TO_COL[t]: i for i, t in enumerate(texts, start=1) if t in SECTION_HEADER_TO_COL
                    }
                    sheet_slots += _missing_columns(ws.title, r, section_cols)
                continue
            sheet_slots += [slot(("section", r, col), ws.title, row, r, c, formulas) for col, c in section_cols.items()]
            continue
        if title == L.UNIT_NAMES_SHEET:
            if unit_cols is None:
                texts = [headers[v] for v in values]
                heads = (_header_text(L.UNIT_SOURCE_HEADER), _header_text(L.UNIT_LOCAL_HEADER))
                if all(h in texts for h in heads):
                    unit_cols = (texts.index(heads[0]) + 1, texts.index(heads[1]) + 1)
            else:
                sheet_slots += [slot(("unit", r, i), ws.title, row, r, c, formulas) for i, c in enumerate(unit_cols)]
            continue
        if title == EVIDENCE_SHEET:
            if evidence_cols is None:
                texts = [headers[v] for v in values]
                if all(h in texts for h in READ_HEADERS):
                    evidence_cols = tuple(texts.index(h) + 1 for h in READ_HEADERS)
                    sheet_slots.append(Slot(("evidence_table",), Location(ws.title, f"A{r}"), None, "n", "General"))
            else:
                sheet_slots += [
                    slot(("evidence", r, i), ws.title, row, r, c, formulas) for i, c in enumerate(evidence_cols)
                ]
            continue
        texts = [headers[v] for v in values]
        if L.KEY_HEADER in texts and L.VALUE_HEADER in texts:
            header = (texts.index(L.KEY_HEADER) + 1, texts.index(L.VALUE_HEADER) + 1)
            scan.found_fields = True
            continue
        for what, label in info_labels:
            if label in texts:
                sheet_slots.append(slot(("meta", what), ws.title, row, r, texts.index(label) + 2, formulas))
        if header is not None:
            key_cell = row[header[0] - 1] if header[0] - 1 < len(row) else None
            key = getattr(key_cell, "value", None)
            if not is_blank(key):
                sheet_slots.append(
                    slot(("value", clean_text(str(key)).replace(" ", "")), ws.title, row, r, header[1], formulas)
                )
    if section_cols is not None:
        sheet_slots.append(
            Slot(("sections_table",), Location(ws.title, f"A{_first_data_row(sheet_slots)}"), None, "n", "General")
        )
    return sheet_slots, filled


def _first_data_row(sheet_slots: list[Slot]) -> int:
    section_rows = [s.target[1] for s in sheet_slots if s.target[0] == "section"]
    return min(section_rows) if section_rows else L.HEADER_ROW + 1


def _missing_columns(sheet: str, r: int, cols: dict[str, int]) -> list[Slot]:
    return [
        Slot(("missing_column", header), Location(sheet, f"A{r}"), None, "n", "General")
        for col, header in SECTION_COLUMNS.items()
        if col not in cols
    ]


__all__ = ["read_input", "version_note", "ReaderMismatch"]
