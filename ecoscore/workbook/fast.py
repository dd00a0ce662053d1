"""The accelerated reader: one pass of our own over each sheet (`sheetxml`, keeping the cells),
typed exactly as openpyxl's read-only, data-only reader types them, so it can stand in for
the reference reader (`book.Book`) — tests/test_reader_paths.py reads every test workbook
both ways and requires the same result.

openpyxl's read-only mode parses each sheet once to open it (looking for its dimensions) and
again for its rows, builds objects for every shared string and style, and leaves merged ranges
and formulas to a pass of ours; here a sheet is parsed once, and only the number formats of the
styles (styles.xml: cellXfs → numFmtId → numFmts or Excel's built-in formats) and the shared
strings' text are read besides. Set ECOSCORE_READER=openpyxl to read with the reference.
"""

from __future__ import annotations

import zipfile

from ecoscore.workbook import defused, sheetxml
from ecoscore.workbook.defused import SEP
from ecoscore.workbook.package import Package
from ecoscore.workbook.xlstd import (
    ARC_STYLE,
    BUILTIN_FORMATS,
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    SHARED_STRINGS,
    SHEET_MAIN_NS,
    from_excel,
    from_ISO8601,
    is_date_format,
    is_timedelta_format,
)

NS = SHEET_MAIN_NS + SEP
SI, R, T = NS + "si", NS + "r", NS + "t"
NUM_FMT, CELL_XFS, XF = NS + "numFmt", NS + "cellXfs", NS + "xf"


class Sheet:
    __slots__ = ("title",)

    def __init__(self, title: str):
        self.title = title


class Cell:
    """What the reader asks of a cell (as of openpyxl's ReadOnlyCell): value, type, number format."""

    __slots__ = ("value", "data_type", "style", "book")

    def __init__(self, value, data_type: str, style: int, book: FastBook):
        self.value, self.data_type, self.style, self.book = value, data_type, style, book

    @property
    def number_format(self) -> str:
        return self.book.formats[self.style]  # as openpyxl: an unknown style fails when asked for


class FastBook:
    def __init__(self, zf: zipfile.ZipFile, package: Package):
        self.zip, self.package = zf, package
        self.worksheets = [Sheet(title) for title in package.parts]
        self.epoch = CALENDAR_MAC_1904 if package.date1904 else CALENDAR_WINDOWS_1900
        self.formats, self.dates, self.timedeltas = _styles(zf)
        strings = package.overrides.get(SHARED_STRINGS)
        self.strings = _shared_strings(zf, strings[1:]) if strings is not None else []
        self.empty: dict[str | None, Cell] = {}  # style attribute → the empty cell of that style

    def rows(self, ws, cap, found, budget=None):
        """Rows 1.. of the sheet, each a tuple of cells (None where the file has none), up to
        its last row with cells within `cap`; `found` is filled as the rows go."""
        given = 0  # rows 1..given have been handed over
        with self.zip.open(self.package.parts[ws.title]) as src:
            for r, width, cells in sheetxml.parse(src, ws.title, cap, found, budget, keep=self._cell):
                if r <= given or not cells:  # a row at or before one given (openpyxl skips it too), or empty
                    continue
                for _ in range(r - 1 - given):
                    yield ()
                row = [None] * width
                for c, cell in cells:
                    row[c - 1] = cell
                yield tuple(row)
                given = r

    def _cell(self, column: int, t: str, s: str | None, v: str | None, text: str | None) -> Cell:
        """openpyxl's WorkSheetParser.parse_cell, data-only, step for step."""
        if not v and t == "n":  # an empty (styled) cell: the commonest after numbers and strings
            empty = self.empty.get(s)
            if empty is None:
                empty = self.empty[s] = Cell(None, t, int(s) if s else 0, self)
            return empty
        style = int(s) if s else 0
        value = None if t == "inlineStr" else (v or None)
        if value is not None:
            if t == "n":
                value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                if style in self.dates:
                    t = "d"
                    try:
                        value = from_excel(value, self.epoch, timedelta=style in self.timedeltas)
                    except (OverflowError, ValueError):
                        t, value = "e", "#VALUE!"
            elif t == "s":
                value = self.strings[int(value)]
            elif t == "b":
                value = bool(int(value))
            elif t == "str":
                t = "s"
            elif t == "d":
                value = from_ISO8601(value)
        elif t == "inlineStr" and text is not None:
            t, value = "s", text
        return Cell(value, t, style, self)

    def close(self) -> None:
        self.zip.close()


def _styles(zf: zipfile.ZipFile) -> tuple[list[str], set[int], set[int]]:
    """Per cell style (cellXfs): its number format, and which styles are dates and durations —
    as openpyxl's stylesheet works them out (a custom format first, else the built-in one)."""
    try:
        src = zf.open(ARC_STYLE)
    except KeyError:
        return ["General"], set(), set()  # no styles: openpyxl's default, one plain style
    sheet = _StyleSheet()
    with src:
        defused.feed(defused.parser(sheet.start, sheet.end), src)
    custom = {int(n): code for n, code in sheet.num_fmts}  # every <numFmt>, the last of an id winning
    formats, dates, timedeltas = [], set(), set()
    kinds: dict[str | None, tuple[bool, bool]] = {}  # a format → (a date, a duration): styles share a few formats
    for i, n in enumerate(int(x) for x in sheet.xfs):
        fmt = custom[n] if n in custom else BUILTIN_FORMATS.get(n)
        formats.append(fmt if fmt is not None else "General")
        if fmt not in kinds:
            kinds[fmt] = (is_date_format(fmt), is_timedelta_format(fmt))
        date, duration = kinds[fmt]
        if date:
            dates.add(i)
        if duration:
            timedeltas.add(i)
    return formats, dates, timedeltas


class _StyleSheet:
    """styles.xml's <numFmt>s (anywhere) and the numFmtId of each <xf> within the root's first
    <cellXfs>, in document order."""

    def __init__(self):
        self.depth, self.within = 0, 0  # the current element's depth; the <cellXfs>' while inside it
        self.seen = False  # the root's first <cellXfs> has been met
        self.num_fmts: list[tuple] = []
        self.xfs: list = []

    def start(self, tag, attrib):
        self.depth += 1
        if tag == NUM_FMT:
            self.num_fmts.append((attrib.get("numFmtId"), attrib.get("formatCode")))
        if self.within and tag == XF:
            self.xfs.append(attrib.get("numFmtId", 0))
        elif tag == CELL_XFS and self.depth == 2 and not self.seen:
            self.within, self.seen = self.depth, True

    def end(self, tag):
        if self.depth == self.within:
            self.within = 0
        self.depth -= 1


class _Strings:
    """Each <si>'s text as openpyxl reads it: its own <t>, then its rich-text runs' <t>."""

    def __init__(self):
        self.strings: list[str] = []
        self.stack: list[str] = []
        self.text: str | None = None
        self.plain, self.runs = None, []

    def start(self, tag, attrib):
        st = self.stack
        parent = st[-1] if st else None
        st.append(tag)
        if tag == SI:
            self.plain, self.runs = None, []
        elif tag == T and (parent == SI or parent == R and len(st) >= 3 and st[-3] == SI):
            self.text = ""

    def data(self, text):
        if self.text is not None:
            self.text += text

    def end(self, tag):
        st = self.stack
        st.pop()
        if tag == T and self.text is not None:
            text, self.text = self.text, None
            if st[-1] == SI:
                self.plain = text
            else:
                self.runs.append(text)
        elif tag == SI:
            text = "".join(x for x in (self.plain, *self.runs) if x) if self.runs else self.plain or ""
            self.strings.append(text.replace("x005F_", "") if "x005F_" in text else text)


def _shared_strings(zf: zipfile.ZipFile, part: str) -> list[str]:
    target = _Strings()
    with zf.open(part) as src:
        defused.feed(defused.parser(target.start, target.end, target.data), src)
    return target.strings
