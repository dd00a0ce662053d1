"""Reading a scored workbook back as an input (for `ecoscore diff` and carry-over).

A scored workbook's 填报数据 sheet lists every value as read (key, label, value, unit, cell)
and the water-section table, which is all the engine needs to score it again.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ecoscore.core.fields import SECTION_COLUMNS
from ecoscore.core.interrupt import raise_if_interrupted
from ecoscore.core.model import Location
from ecoscore.core.values import clean_text, is_blank
from ecoscore.sources.inputs import InputData
from ecoscore.workbook import layout as L

SECTION_BY_HEADER = {header: col for col, header in SECTION_COLUMNS.items()}


def is_scored_workbook(path: Path) -> bool:
    """A scored workbook has the 总览 and 填报数据 sheets (an input workbook has neither)."""
    try:
        with open(path, "rb") as handle:
            wb = load_workbook(handle, read_only=True)
            names = set(wb.sheetnames)
            wb.close()
    except Exception as exc:  # noqa: BLE001 — unreadable here: the input reader gives the proper message
        raise_if_interrupted(exc)
        return False
    return L.INPUTS_SHEET in names and L.SUMMARY_SHEET in names


def _text(v) -> str:
    return clean_text(v).replace(" ", "") if isinstance(v, str) else ""


def read_scored_inputs(path: Path) -> tuple[InputData | None, Path | None]:
    """The inputs a scored workbook was scored from (its 填报数据 sheet), ready to score again.

    If the sheet has no field table (an older or damaged file): (None, the input workbook named
    on its 总览 sheet as 填报文件, in the same folder), for the caller to read instead.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        wb = load_workbook(handle, read_only=True, data_only=True)
        try:
            facts = {
                _text(r[0]): r[1]
                for r in wb[L.SUMMARY_SHEET].iter_rows(max_col=2, values_only=True)
                if len(r) >= 2 and _text(r[0])
            }
            data = _inputs_sheet(wb[L.INPUTS_SHEET])
        finally:
            wb.close()
    if data is None:
        source = facts.get(_text(L.INPUT_FILE_LABEL))
        return None, (path.parent / str(source) if not is_blank(source) else None)
    data.path = path
    data.county = _text(facts.get(_text(L.INFO_LABELS["county"]))) or None
    year = facts.get(_text(L.INFO_LABELS["year"]))
    data.year = (
        int(year)
        if isinstance(year, (int, float)) and not isinstance(year, bool)
        else (int(year) if isinstance(year, str) and year.strip().isdigit() else None)
    )
    return data, None


def _inputs_sheet(ws) -> InputData | None:
    data = InputData(values={}, sections=[], kind="xlsx")
    key_col = value_col = None
    section_cols: dict[str, int] | None = None
    unit_cols: tuple[int, int] | None = None
    found = False
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        texts = [_text(v) for v in row]
        if _text(L.UNIT_SOURCE_HEADER) in texts and _text(L.UNIT_LOCAL_HEADER) in texts:
            unit_cols = (texts.index(_text(L.UNIT_SOURCE_HEADER)), texts.index(_text(L.UNIT_LOCAL_HEADER)))
            section_cols = key_col = None
            continue
        if unit_cols is not None:
            source, local = (row[i] if i < len(row) else None for i in unit_cols)
            if not is_blank(source):
                data.unit_names[str(source).strip()] = None if is_blank(local) else str(local).strip()
            continue
        if L.KEY_HEADER in texts and L.READ_VALUE_HEADER in texts:
            key_col, value_col, found = texts.index(L.KEY_HEADER), texts.index(L.READ_VALUE_HEADER), True
            continue
        if SECTION_COLUMNS["name"] in texts:
            section_cols = {SECTION_BY_HEADER[t]: i for i, t in enumerate(texts) if t in SECTION_BY_HEADER}
            key_col = None
            continue
        if section_cols is not None:
            values = {col: (row[i] if i < len(row) else None) for col, i in section_cols.items()}
            # a scored workbook holds validated sections only; a row without level and classes is a note
            if not all(is_blank(values.get(c)) for c in ("level", "target", "cur")):
                data.sections.append(values)
                data.section_locations.append(
                    {col: Location(ws.title, f"{get_column_letter(i + 1)}{r}") for col, i in section_cols.items()}
                )
        elif key_col is not None:
            if key_col >= len(row) or is_blank(row[key_col]):
                key_col = None  # the field table ends at its first blank row
                continue
            key = _text(str(row[key_col]))
            data.values[key] = row[value_col] if value_col < len(row) else None
            data.locations[key] = Location(ws.title, f"{get_column_letter(value_col + 1)}{r}")
    return data if found else None
