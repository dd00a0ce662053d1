"""Cell styles of the writers' backend (`xlsx`): small frozen values named and built as openpyxl's
(`Font`, `PatternFill`, `Side`, `Border`, `Alignment`, `Protection`), hashable so that each
distinct combination becomes one XlsxWriter Format per workbook; and cell-reference helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Font:
    name: str | None = None
    bold: bool = False
    color: str | None = None
    size: float | None = None
    underline: str | None = None
    italic: bool = False


@dataclass(frozen=True)
class PatternFill:
    fill_type: str | None = None
    fgColor: str | None = None


@dataclass(frozen=True)
class Side:
    style: str | None = None
    color: str | None = None


@dataclass(frozen=True)
class Border:
    left: Side | None = None
    right: Side | None = None
    top: Side | None = None
    bottom: Side | None = None


@dataclass(frozen=True)
class Alignment:
    horizontal: str | None = None
    vertical: str | None = None
    wrap_text: bool = False


@dataclass(frozen=True)
class Protection:
    locked: bool = True


@dataclass(frozen=True)
class Hyperlink:
    ref: str | None = None
    target: str | None = None
    location: str | None = None
    tooltip: str | None = None


@dataclass(frozen=True)
class Break:
    id: int


PLAIN = (None, None, None, None, "General", None, False)  # the style key of an unstyled cell

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_index(ref: str) -> tuple[int, int]:
    """'B3' → (3, 2), 1-based (row, column)."""
    m = _CELL.match(ref.upper())
    if m is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), column_index(m.group(1))


def range_index(ref: str) -> tuple[int, int, int, int]:
    """'A1:C3' (or 'A1') → (first row, first column, last row, last column), 1-based."""
    first, _, last = ref.partition(":")
    r1, c1 = cell_index(first)
    r2, c2 = cell_index(last) if last else (r1, c1)
    return r1, c1, r2, c2


_HREF_ESCAPES = str.maketrans(
    {
        "%": "%25",
        '"': "%22",
        " ": "%20",
        "#": "%23",
        "<": "%3c",
        ">": "%3e",
        "[": "%5b",
        "]": "%5d",
        "^": "%5e",
        "`": "%60",
        "{": "%7b",
        "}": "%7d",
    }
)


def external_url(link) -> tuple[str, str | None]:
    """An XlsxWriter url for a link to another file (relative to the workbook's folder), and its tip.
    The file name is escaped here, '#' included, so only the location follows the '#'."""
    if isinstance(link, str):
        target, location, tip = link, None, None
    else:
        target, location, tip = link.target, link.location, link.tooltip
    url = "external:" + (target or "").translate(_HREF_ESCAPES)
    return (url + "#" + location if location else url), tip
