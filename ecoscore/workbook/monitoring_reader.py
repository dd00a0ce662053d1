"""Reading the monitoring-data sheets (空气日数据, 断面监测) of an input workbook: columns found
by their headers in any order (units in brackets, case and spaces ignored), every value with
its cell. Called by `reader` on the workbook it has open — the file is opened once.
"""

from __future__ import annotations

from ecoscore.core.model import Location, Problem
from ecoscore.core.values import clean_text
from ecoscore.monitoring.headers import AIR_HEADERS
from ecoscore.monitoring.rows import (
    AIR_POLLUTANTS,
    WATER_COLUMNS,
    MonitoringData,
    from_rows,
)
from ecoscore.workbook import layout as L
from ecoscore.workbook.cells import Slot, raw_value, slot
from ecoscore.workbook.outline import Outline

AIR_ROWS = 2 * 366  # both years of daily data
WATER_ROWS = 500
# Rows read per data sheet: the template's room plus a margin. The zip pre-flight
# (`ecoscore.sources.safety`) bounds the sheet's XML, so no element budget is spent here.
ROW_CAP = L.HEADER_ROW + AIR_ROWS + 1_000
AIR_REQUIRED = ("date", *(k for k in AIR_POLLUTANTS if k != "o3_1h"))  # O3_1h only matters above 800
WATER_REQUIRED = ("section", "date")

OPENING, CLOSING = "（(", "）)"
# What makes a bracketed header ending a unit, in lower case (Μg, the capital mu, lowers to μg;
# µg is the micro sign): str methods, not a regular expression a fresh process would compile.
UNIT_MARKS = ("/", "m³", "m3", "mg", "μg", "ug", "µg")

DataRows = list[tuple[int, dict[str, Slot]]]  # (row number, column key → Slot)


def header_key(text: object) -> str:
    """A header as compared: NFKC, no spaces, no unit in brackets, upper case, - as _."""
    if not isinstance(text, str):
        return ""
    t = "".join(clean_text(text).split())  # every Unicode space out, as str.isspace knows them
    return without_unit(t).upper().replace("-", "_")


def without_unit(t: str) -> str:
    """`t` less the bracketed unit it ends with ("PM2.5（μg/m³）" → "PM2.5"): the last bracket
    before the closing one at the end must open a group holding a unit mark, in any case."""
    if not t.endswith(tuple(CLOSING)):
        return t
    start = max(t.rfind(b, 0, len(t) - 1) for b in OPENING + CLOSING)
    if start < 0 or t[start] in CLOSING:
        return t
    inside = t[start + 1 : -1].lower()
    return t[:start] if any(mark in inside for mark in UNIT_MARKS) else t


TABLES = {  # sheet → (header key → column key, required column keys, column key → header)
    L.AIR_DATA_SHEET: ({header_key(h): k for k, h in AIR_HEADERS.items()}, AIR_REQUIRED, AIR_HEADERS),
    L.WATER_DATA_SHEET: ({header_key(h): k for k, h in WATER_COLUMNS.items()}, WATER_REQUIRED, WATER_COLUMNS),
}


def is_data_sheet(title: str) -> bool:
    return title.strip() in TABLES


def scan(book, ws, problems: list[Problem]) -> DataRows:
    """The non-blank rows below the header row of one data sheet, at most ROW_CAP rows."""
    sheet = ws.title
    known, required, headers = TABLES[sheet.strip()]
    columns: dict[str, int] | None = None
    found, seen = [], False
    outline = Outline()
    for r, row in enumerate(book.rows(ws, ROW_CAP, outline), start=1):
        has = outline.has_content
        if columns is None:
            seen = seen or any(has(r, c, cell) for c, cell in enumerate(row, start=1))
            texts = [header_key(getattr(c, "value", None)) for c in row]
            if header_key(headers[required[0]]) in texts and header_key(headers[required[1]]) in texts:
                columns = {known[t]: i for i, t in enumerate(texts, start=1) if t in known}
                absent = [key for key in required if key not in columns]
                for key in absent:
                    problems.append(
                        Problem(
                            "missing_column",
                            f"{sheet}表缺少“{headers[key]}”列（表头行见 {sheet}!A{r}）",
                            key=f"{sheet}.{key}",
                            location=Location(sheet, f"A{r}"),
                            expected=f"表头“{headers[key]}”",
                        )
                    )
                if absent:
                    return []
            continue
        if any(c <= len(row) and has(r, c, row[c - 1]) for c in columns.values()):  # most template rows are empty
            found.append(
                (r, {key: slot((sheet, r, key), sheet, row, r, c, outline.formulas) for key, c in columns.items()})
            )
    if outline.beyond:  # never parse an unbounded sheet; say what was left unread
        problems.append(
            Problem(
                "too_many_rows",
                f"{sheet}表第 {ROW_CAP} 行以下还有内容（{outline.beyond}）：只读取前 "
                f"{ROW_CAP} 行，请删除多余的行或分表后重新评分",
                location=Location(sheet, outline.beyond),
                expected=f"内容在前 {ROW_CAP} 行内",
            )
        )
    if columns is None and seen:
        problems.append(
            Problem(
                "missing_column",
                f"{sheet}表找不到表头行（应含“{headers[required[0]]}”“{headers[required[1]]}”等列）",
                key=f"{sheet}.{required[0]}",
                location=Location(sheet, "A1"),
                expected=f"表头“{headers[required[0]]}”",
            )
        )
    return found


def assemble(tables: dict[str, DataRows], problems: list[Problem]) -> MonitoringData | None:
    """MonitoringData from the scanned sheets (formulas read as their cached values); None when
    the workbook has neither sheet, or both are empty and fine."""
    raw_tables: dict[str, list] = {}
    for sheet, found in tables.items():
        headers = TABLES[sheet.strip()][2]
        raw_tables[sheet.strip()] = [
            (
                {
                    key: raw_value(s, None, f"{sheet}表{headers[key]}", "", problems, f"{sheet}.{key}")
                    for key, s in cells.items()
                },
                {key: s.location for key, s in cells.items()} | {"row": Location(sheet, f"A{r}")},
            )
            for r, cells in found
        ]
    air = raw_tables.get(L.AIR_DATA_SHEET, [])
    water = raw_tables.get(L.WATER_DATA_SHEET, [])
    if not (air or water or problems):
        return None
    return from_rows(air, water, problems)
