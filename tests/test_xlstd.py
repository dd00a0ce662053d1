"""The format facts the fast reader keeps of its own (`workbook.xlstd`) equal openpyxl's: part names
and content types, built-in number formats, date and duration formats, Excel serials and ISO 8601
cells (value for value, error for error), cell references and ranges."""

import openpyxl.xml.constants as C
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import numbers
from openpyxl.utils import cell as cells
from openpyxl.utils import datetime as dates
from openpyxl.worksheet.cell_range import CellRange

from ecoscore.workbook import xlstd

CONSTANTS = (
    "ARC_CONTENT_TYPES ARC_WORKBOOK ARC_STYLE SHEET_MAIN_NS CONTYPES_NS PKG_REL_NS REL_NS SHARED_STRINGS "
    "XLSM XLSX XLTM XLTX"
).split()
FORMATS = [
    *numbers.BUILTIN_FORMATS.values(),
    "yyyy-mm-dd",
    "[$-804]yyyy年m月d日",
    '"d"0.00',
    "0.00_);[Red](0.00)",
    "[h]:mm",
    "[mm]:ss",
    "[ss].00",
    "h:mm;@",
    "\\d0",
    "_d0",
    "[Red]0",
    "0.00%",
    "",
]


def outcome(f, *args, **kw):
    try:
        return ("ok", f(*args, **kw))
    except Exception as exc:  # the same error, or the same value
        return ("error", type(exc).__name__)


def test_constants_and_builtin_formats():
    assert {n: getattr(xlstd, n) for n in CONSTANTS} == {n: getattr(C, n) for n in CONSTANTS}
    assert xlstd.BUILTIN_FORMATS == numbers.BUILTIN_FORMATS
    assert (xlstd.CALENDAR_WINDOWS_1900, xlstd.CALENDAR_MAC_1904) == (
        dates.CALENDAR_WINDOWS_1900,
        dates.CALENDAR_MAC_1904,
    )


@pytest.mark.parametrize("fmt", FORMATS + [None])
def test_date_and_duration_formats(fmt):
    assert xlstd.is_date_format(fmt) == numbers.is_date_format(fmt)
    assert xlstd.is_timedelta_format(fmt) == numbers.is_timedelta_format(fmt)


@given(st.text(alphabet='dmhysDMHYS0#.,;:[]"\\_@$-804 年月日Red', max_size=16))
def test_any_format_string(fmt):
    assert xlstd.is_date_format(fmt) == numbers.is_date_format(fmt)
    assert xlstd.is_timedelta_format(fmt) == numbers.is_timedelta_format(fmt)


@given(
    st.one_of(st.floats(min_value=-1e6, max_value=3e6, allow_nan=False), st.integers(-1000, 2_958_465)),
    st.sampled_from([dates.CALENDAR_WINDOWS_1900, dates.CALENDAR_MAC_1904]),
    st.booleans(),
)
def test_excel_serials(value, epoch, timedelta):
    assert outcome(xlstd.from_excel, value, epoch, timedelta=timedelta) == outcome(
        dates.from_excel, value, epoch, timedelta=timedelta
    )


@pytest.mark.parametrize("value", [None, 0, 0.5, 59, 60, 61, 44197, 44197.75, 0.9999999, 2958465.99999])
def test_excel_serials_at_the_edges(value):
    for epoch in (dates.CALENDAR_WINDOWS_1900, dates.CALENDAR_MAC_1904):
        assert outcome(xlstd.from_excel, value, epoch) == outcome(dates.from_excel, value, epoch)


@pytest.mark.parametrize(
    "text",
    [
        "2021-01-05",
        "2021-01-05T08:30:00",
        "2021-01-05T08:30:00.125Z",
        "08:30",
        "08:30:15.5",
        "PT3H",
        "PT1H30M",
        "PT12.5S",
        "",
        None,
        "2021-13-45",
        "yesterday",
        "T",
    ],
)
def test_iso8601_cells(text):
    assert outcome(xlstd.from_ISO8601, text) == outcome(dates.from_ISO8601, text)


@given(st.integers(-5, 18300))
def test_column_letters(col):
    assert outcome(xlstd.get_column_letter, col) == outcome(cells.get_column_letter, col)


@given(st.from_regex(r"\A\$?[A-Za-z]{0,4}\$?[0-9]{0,8}(:\$?[A-Za-z]{0,4}\$?[0-9]{0,8})?\Z"))
def test_references_and_ranges(ref):
    if ref:  # openpyxl fails on "" with UnboundLocalError; ours with ValueError
        assert outcome(xlstd.coordinate_to_tuple, ref) == outcome(cells.coordinate_to_tuple, ref)
    assert outcome(xlstd.range_boundaries, ref) == outcome(cells.range_boundaries, ref)
    assert outcome(xlstd.cell_range, ref) == outcome(lambda r: CellRange(r).bounds, ref)


def test_cell_range_with_a_sheet_name():
    assert xlstd.cell_range("'Sheet 1'!B2:C3") == CellRange("'Sheet 1'!B2:C3").bounds == (2, 2, 3, 3)
