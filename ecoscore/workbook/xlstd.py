"""What the xlsx format fixes and the fast reader needs, without importing openpyxl (which takes a
quarter of a second, numpy included when pandas is installed): package part names and content
types, the built-in number formats, which formats are dates or durations, Excel serial dates,
ISO 8601 cells, and cell references.

Each is openpyxl's own (openpyxl 3.1, MIT licence, © 2010-2024 openpyxl), copied so that the fast
reader types cells exactly as the reference reader does; tests/test_xlstd.py holds them equal to
openpyxl's, value for value and error for error.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

# ---- package (openpyxl.xml.constants) ---------------------------------------------------------------
ARC_CONTENT_TYPES = "[Content_Types].xml"
ARC_WORKBOOK = "xl/workbook.xml"
ARC_STYLE = "xl/styles.xml"
SHEET_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLTM = "application/vnd.ms-excel.template.macroEnabled.main+xml"
XLTX = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"

# ---- number formats (openpyxl.styles.numbers) -------------------------------------------------------
BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
_LITERAL_GROUP = r'".*?"'  # anything in quotes
_LOCALE_GROUP = r"\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]"  # anything in square brackets, except hours, minutes, seconds
_STRIP = f"{_LITERAL_GROUP}|{_LOCALE_GROUP}"
_TIMEDELTA = r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?"
# every date or time format has one of these letters; most formats (General, 0.00, 0%) have none,
# and are answered without the patterns, which are compiled on first use (re's cache)
_DATE_LETTERS = frozenset("dmhysDMHYS")


def is_date_format(fmt) -> bool:
    if fmt is None:
        return False
    fmt = fmt.split(";")[0]  # only the first section, quoted text and locales ignored
    if _DATE_LETTERS.isdisjoint(fmt):
        return False
    return re.search(r"(?<![_\\])[dmhysDMHYS]", re.sub(_STRIP, "", fmt)) is not None


def is_timedelta_format(fmt) -> bool:
    if fmt is None:
        return False
    fmt = fmt.split(";")[0]
    return "[" in fmt and re.search(_TIMEDELTA, fmt, re.I) is not None


# ---- dates (openpyxl.utils.datetime) ----------------------------------------------------------------
CALENDAR_WINDOWS_1900 = WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
CALENDAR_MAC_1904 = MAC_EPOCH = datetime.datetime(1904, 1, 1)
SECS_PER_DAY = 86400
# compiled on first use (a workbook with date-typed or merged cells), not at every start-up
_iso_regex = cache(lambda: re.compile(ISO_PATTERN, re.VERBOSE))
_iso_duration = cache(lambda: re.compile(DURATION_PATTERN))
_range_re = cache(lambda: re.compile(RANGE_PATTERN, re.VERBOSE))
ISO_PATTERN = r"""
(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?
(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"""
DURATION_PATTERN = r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?"


def from_ISO8601(formatted_string):
    """A cell of type d: a date, time, datetime or (strict OOXML) duration."""
    if not formatted_string:
        return None
    match = _iso_regex().match(formatted_string)
    if match and any(match.groups()):
        parts = match.groupdict(0)
        for key in ["year", "month", "day", "hour", "minute", "second"]:
            if parts[key]:
                parts[key] = int(parts[key])
        if parts["microsecond"]:
            parts["microsecond"] = int(float(parts["microsecond"]) * 1_000_000)
        if not parts["date"]:
            return datetime.time(parts["hour"], parts["minute"], parts["second"], parts["microsecond"])
        if not parts["time"]:
            return datetime.date(parts["year"], parts["month"], parts["day"])
        del parts["time"]
        del parts["date"]
        return datetime.datetime(**parts)
    match = _iso_duration().match(formatted_string)
    if match and any(match.groups()):
        parts = match.groupdict(0)
        for key, val in parts.items():
            if val:
                parts[key] = float(val)
        return datetime.timedelta(**parts)
    raise ValueError(f"Invalid datetime value {formatted_string}")


def from_excel(value, epoch=WINDOWS_EPOCH, timedelta=False):
    """An Excel serial as a datetime (a time below 1, Excel's 1900 leap-year bug kept), or a duration."""
    if value is None:
        return None
    if timedelta:
        td = datetime.timedelta(days=value)
        if td.microseconds:  # round to millisecond precision
            td = datetime.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = datetime.timedelta(milliseconds=round(fraction * SECS_PER_DAY * 1000))
    if 0 <= value < 1 and diff.days == 0:
        mins, seconds = divmod(diff.seconds, 60)
        hours, mins = divmod(mins, 60)
        return datetime.time(hours, mins, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + datetime.timedelta(days=day) + diff


# ---- cell references (openpyxl.utils.cell) ----------------------------------------------------------
# the string module's constants, written out: importing it compiles string.Template's pattern, and
# nothing else on the `score` path imports it
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
_DECIMAL_TO_ALPHA = [""] + list(_LETTERS)
_ALPHA_TO_DECIMAL = {letter: pos for pos, letter in enumerate(_LETTERS, 1)}
_POWERS = (1, 26, 676)
RANGE_PATTERN = r"""^[$]?(?P<min_col>[A-Za-z]{1,3})?
[$]?(?P<min_row>\d+)?
(:[$]?(?P<max_col>[A-Za-z]{1,3})?
[$]?(?P<max_row>\d+)?)?$"""


@cache
def get_column_letter(col_idx: int) -> str:
    if not 1 <= col_idx <= 18278:
        raise ValueError(f"Invalid column index {col_idx}")
    if col_idx < 26:
        return _DECIMAL_TO_ALPHA[col_idx]
    result: list[str] = []
    while col_idx:
        col_idx, remainder = divmod(col_idx, 26)
        result.insert(0, _DECIMAL_TO_ALPHA[remainder])
        if not remainder:
            col_idx -= 1
            result.insert(0, "Z")
    return "".join(result)


def column_index_from_string(col: str) -> int:
    error = f"'{col}' is not a valid column name. Column names are from A to ZZZ"
    if len(col) > 3:
        raise ValueError(error)
    idx = 0
    for letter, power in zip(reversed(col.upper()), _POWERS):
        try:
            idx += _ALPHA_TO_DECIMAL[letter] * power
        except KeyError:
            raise ValueError(error) from None
    if not 0 < idx < 18279:
        raise ValueError(error)
    return idx


def coordinate_to_tuple(coordinate: str) -> tuple[int, int]:
    """'B7' → (7, 2)."""
    idx = next((i for i, c in enumerate(coordinate) if c in _DIGITS), len(coordinate) - 1)  # openpyxl's split
    return int(coordinate[idx:]), column_index_from_string(coordinate[:idx])


def range_boundaries(range_string: str) -> tuple:
    """'A1:C3' → (min_col, min_row, max_col, max_row); a cell is a range of one; 'A:C' and '1:3' leave
    the rows or the columns None."""
    first, colon, last = range_string.partition(":")
    lo = _plain_cell(first)
    hi = _plain_cell(last) if colon else lo
    if lo is not None and hi is not None:  # "A1:C3" or "A1", nearly every merge: without the pattern
        return column_index_from_string(lo[0]), int(lo[1]), column_index_from_string(hi[0]), int(hi[1])
    msg = f"{range_string} is not a valid coordinate or range"
    m = _range_re().match(range_string)
    if not m:
        raise ValueError(msg)
    min_col, min_row, sep, max_col, max_row = m.groups()
    if sep:
        cols, rows = (min_col, max_col), (min_row, max_row)
        if not (all(cols + rows) or all(cols) and not any(rows) or all(rows) and not any(cols)):
            raise ValueError(msg)
    lo_col = column_index_from_string(min_col) if min_col is not None else None
    lo_row = int(min_row) if min_row is not None else None
    hi_col = column_index_from_string(max_col) if max_col is not None else lo_col
    hi_row = int(max_row) if max_row is not None else lo_row
    return lo_col, lo_row, hi_col, hi_row


def _plain_cell(ref: str) -> tuple[str, str] | None:
    """("B", "7") for "B7": one to three ASCII letters, then ASCII digits; None for anything else."""
    letters = ref.rstrip(_DIGITS)
    if letters != ref and 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha():
        return letters, ref[len(letters) :]
    return None


def cell_range(range_string: str) -> tuple:
    """(min_col, min_row, max_col, max_row) of a range as openpyxl's CellRange takes it: a sheet name
    before '!' is dropped; whole rows or columns (TypeError), a row or column past the sheet's and a
    range whose ends are reversed (ValueError) are refused."""
    if "!" in range_string:
        range_string = range_string.rsplit("!", 1)[1]
    bounds = min_col, min_row, max_col, max_row = range_boundaries(range_string)
    for value, top in zip(bounds, (18278, 1048576, 18278, 1048576)):  # CellRange's typed bounds
        if not isinstance(value, int):
            raise TypeError("expected <class 'int'>")
        if value < 1:
            raise ValueError("Min value is 1")
        if value > top:
            raise ValueError(f"Max value is {top}")
    if min_col > max_col:
        raise ValueError(f"{max_col} must be greater than {min_col}")
    if min_row > max_row:
        raise ValueError(f"{max_row} must be greater than {min_row}")
    return min_col, min_row, max_col, max_row
