"""Text helpers of the xlsx writer (`ooxml`): XML escaping, cell references and sheet-name quoting,
each written to give the same characters as XlsxWriter 3.3.1 (xmlwriter.py, utility.py), so that
the parts we write equal its parts byte for byte (tests/test_ooxml_oracle.py)."""

from __future__ import annotations

import re

from ecoscore.core.text import printable_but_kept
from ecoscore.workbook.xlstd import get_column_letter
from ecoscore.workbook.xlsx_styles import column_index

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_NEEDS_ESCAPE = re.compile('["&<>\n]')
# the patterns below are compiled on first use (re's cache): most processes never need them, and
# each compiled at import cost every start-up a little
_ESCAPED_CONTROL = "(_x[0-9a-fA-F]{4}_)"
_CONTROL = "[\x00-\x08\x0b-\x1f]"


def attr(value) -> str:
    """An attribute value: & " < > and newlines escaped (XlsxWriter's `_escape_attributes`)."""
    if value.__class__ is not str:
        return str(value)
    if not _NEEDS_ESCAPE.search(value):
        return value
    return (
        value.replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "&#xA;")
    )


def text(value) -> str:
    """Element text: & < > escaped (XlsxWriter's `_escape_data`)."""
    if value.__class__ is not str:
        return str(value)
    if not _NEEDS_ESCAPE.search(value):
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def control(value: str) -> str:
    """Control characters as _xHHHH_ (and a literal _xHHHH_ kept literal), as Excel reads them."""
    if "_x" in value:
        value = re.sub(_ESCAPED_CONTROL, r"_x005F\1", value)
    # control characters, U+FFFE and U+FFFF are all unprintable; line feeds, tabs and ideographic
    # spaces are unprintable too, and stay as they are
    if printable_but_kept(value):
        return value
    value = re.sub(_CONTROL, lambda m: f"_x{ord(m.group()):04X}_", value)
    return value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


def data(value) -> str:
    """Text of a data element (`_xml_data_element`): escaped, then control characters encoded."""
    escaped = text(value)
    return control(escaped) if escaped.__class__ is str else escaped


def string_text(value: str) -> tuple[str, bool]:
    """A cell's text as a <t> element holds it (control characters encoded, then escaped) and
    whether it needs xml:space="preserve"; most texts need neither, which a few scans in C tell
    (control characters, U+FFFE and U+FFFF are unprintable; an "_x" may start an _xHHHH_)."""
    if not value.isprintable() or "&" in value or "<" in value or ">" in value or "_x" in value:
        value = text(control(value))
    return value, bool(value) and (value[0].isspace() or value[-1].isspace())


def tag(name: str, attributes) -> str:
    """An empty element with escaped attributes."""
    return "<" + name + "".join(f' {k}="{attr(v)}"' for k, v in attributes) + "/>"


def start(name: str, attributes=()) -> str:
    return "<" + name + "".join(f' {k}="{attr(v)}"' for k, v in attributes) + ">"


COLUMNS: list[str] = []  # column letters by 0-based index, filled as far as asked (`column_name`)


def column_name(col: int) -> str:
    """0-based column → letters (cached: the row loop asks for the same few columns again and again)."""
    while len(COLUMNS) <= col:
        COLUMNS.append(get_column_letter(len(COLUMNS) + 1))
    return COLUMNS[col]


def cell_name(row: int, col: int, absolute: bool = False) -> str:
    """0-based (row, column) → 'B3' (or '$B$3')."""
    if absolute:
        return f"${column_name(col)}${row + 1}"
    return f"{column_name(col)}{row + 1}"


def range_name(r1: int, c1: int, r2: int, c2: int, absolute: bool = False) -> str:
    """A range, or one cell when it is a single cell (XlsxWriter's `xl_range`)."""
    first = cell_name(r1, c1, absolute)
    if r1 == r2 and c1 == c2:
        return first
    return first + ":" + cell_name(r2, c2, absolute)


def quote_sheetname(name: str) -> str:
    """A sheet name as a formula reference needs it: quoted when it holds anything but word
    characters and dots, starts with a digit or dot, or reads as a cell reference (XlsxWriter's
    rules, but for its emoji exception: a sheet name with an emoji is quoted here, which Excel reads
    the same way)."""
    if name.startswith("'"):
        return name
    # XlsxWriter's first two rules, [^\w.] and ^[\d.]: regex \w is str.isalnum() or "_", \d str.isdecimal()
    words = name.replace("_", "").replace(".", "")
    if (words and not words.isalnum()) or name[:1].isdecimal() or name.startswith("."):
        quote = True
    else:
        upper = name.upper()
        quote = "A" <= upper[:1] <= "Z" and _reads_as_reference(upper)
    return "'" + name.replace("'", "''") + "'" if quote else name


def _reads_as_reference(upper: str) -> bool:
    """XlsxWriter's rules for a name that reads as an A1 or R1C1 reference (only a name starting
    with a letter A–Z can: the patterns are compiled then, on first use)."""
    if m := re.match(r"^([A-Z]{1,3})(\d+)$", upper):
        return 0 < int(m.group(2)) <= 1048576 and column_index(m.group(1)) <= 16384
    if m := re.match(r"^R(\d+)", upper):
        return 0 < int(m.group(1)) <= 1048576
    if m := re.match(r"^R?C(\d+)", upper):
        return 0 < int(m.group(1)) <= 16384
    return upper in ("R", "C", "RC")


def utf16_len(value: str) -> int:
    return len(value) + sum(1 for ch in value if ord(ch) > 0xFFFF)
