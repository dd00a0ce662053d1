"""A worksheet's cell table, built from a facade sheet (`xlsx.Worksheet`) the way XlsxWriter 3.3.1
builds its own from the calls `xlsx_save` made (set_column_pixels, set_row_pixels, merge_range,
write_*): the same cells, the same used range ("dimension"), the same shared-string order.

Each cell is kept as (format, the rest of its <c> element), the rest written when the cell is,
so the sheet's XML is one join (`sheet`). Text is always a string cell (shared, or inline in a
streaming workbook): never a formula, whatever it starts with.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from ecoscore.workbook.ooxml.links import Link, parse_link
from ecoscore.workbook.ooxml.xml import string_text, utf16_len
from ecoscore.workbook.xlsx_styles import cell_index, column_index, external_url, style_key_of

_STRMAX = 32767  # Excel's longest text, in UTF-16 units
_EPOCH = datetime.datetime(1899, 12, 31)


class SharedStrings:
    """xl/sharedStrings.xml: each distinct text once, in first-written order; `count` counts writes."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.count = 0

    def get(self, value: str) -> int:
        self.count += 1
        i = self.index.get(value)
        if i is None:
            i = self.index[value] = len(self.index)
        return i

    def xml(self) -> str:
        out = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" count="{self.count}" uniqueCount="{len(self.index)}">'
        ]
        for value in self.index:
            value, space = string_text(value)
            out.append(f'<si><t xml:space="preserve">{value}</t></si>' if space else f"<si><t>{value}</t></si>")
        out.append("</sst>")
        return "".join(out)


def excel_date(value) -> float:
    """A date or time as Excel's serial number (1900 system), as XlsxWriter converts it."""
    if isinstance(value, datetime.datetime):
        delta = value - _EPOCH  # a date with a time zone is refused, as XlsxWriter refuses it
    elif isinstance(value, datetime.date):
        delta = datetime.datetime.fromordinal(value.toordinal()) - _EPOCH
    else:
        delta = datetime.datetime.combine(_EPOCH, value) - _EPOCH
    serial = delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / 86400
    if isinstance(value, datetime.datetime) and value.isocalendar() == (1900, 1, 1):
        serial -= 1
    return serial + 1 if serial > 59 else serial


class CellTable:
    """The cells, column and row settings, merges and links of one sheet, with its used range."""

    def __init__(self, ws, styles, strings: SharedStrings | None):
        self.ws, self.styles, self.strings = ws, styles, strings  # strings None: inline text (streaming)
        self.rowmin = self.rowmax = self.colmin = self.colmax = None
        self.cols: dict[int, tuple] = {}  # column (0-based) → (width in pixels or None, CellFormat or None)
        self.heights: dict[int, float] = {}  # row (0-based) → height in pixels
        self.rows: dict[int, dict[int, tuple]] = {}  # row → column → (CellFormat or None, rest of <c>)
        self.merges: list[tuple[int, int, int, int]] = []
        self.links: dict[tuple[int, int], Link] = {}
        # streaming (`stream`): a row is spilled when a later row gets a cell, as XlsxWriter's
        # constant_memory mode does; rows above `previous` are refused from then on
        self.spill = None
        self.previous = 0

    def extend(self, row: int, col: int) -> None:
        if self.rowmin is None or row < self.rowmin:
            self.rowmin = row
        if self.rowmax is None or row > self.rowmax:
            self.rowmax = row
        self.extend_columns(col)

    def extend_columns(self, col: int) -> None:
        if self.colmin is None or col < self.colmin:
            self.colmin = col
        if self.colmax is None or col > self.colmax:
            self.colmax = col

    # ---- columns and rows --------------------------------------------------------------------
    def columns(self) -> None:
        fmt_of = self.styles.format
        dims = self.ws.column_dimensions
        for letter in sorted(dims, key=column_index):
            dim, c = dims[letter], column_index(letter) - 1
            fmt = fmt_of(dim.style_key())
            if dim.width is not None or fmt is not None:
                if fmt is not None:  # a styled column counts in the used range, a width alone does not
                    self.extend_columns(c)
                self.cols[c] = (dim.width * 7 if dim.width is not None else None, fmt)
        for first, last, width in self.ws.column_ranges:
            for c in range(first - 1, last):
                self.cols[c] = (width * 7, None)

    def height(self, r: int, height: float) -> None:
        """A row's height (points): kept in pixels, as XlsxWriter's set_row_pixels keeps it."""
        if self.spill is not None and r - 1 < self.previous:
            return
        self.extend(r - 1, self.colmin if self.colmin is not None else 0)
        self.heights[r - 1] = height * 4 / 3

    # ---- cells -------------------------------------------------------------------------------
    def merge(self, r1: int, c1: int, r2: int, c2: int, covered: set) -> None:
        anchor = self.ws._rows.get(r1, {}).get(c1)
        style = None if anchor is None else (style_key_of(anchor) if anchor.__class__ is tuple else anchor.style_key())
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
        if (r1, c1) == (r2, c2):
            return  # one cell is no merge (XlsxWriter warns and ignores it)
        if self.spill is not None and r1 - 1 < self.previous:
            return
        self.extend(r1 - 1, c1 - 1)
        self.extend(r2 - 1, c2 - 1)
        self.merges.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))
        fmt = None if style is None else self.styles.format(style)
        if fmt is not None:  # the merged cells are blanks in the anchor's style
            for r in range(r1 - 1, r2):
                for c in range(c1 - 1, c2):
                    self.put(r, c, fmt, "/>")

    def put(self, r: int, c: int, fmt, rest: str) -> None:
        """One cell: (format, rest of <c>) at 0-based (r, c)."""
        self.put_row(r, {c: (fmt, rest)})

    def put_row(self, r: int, row: dict) -> None:
        """A row's cells at once (column → (format, rest of <c>), in column order). Streaming, the
        rows above are spilled first, and a row above the spilled ones is dropped (`__init__`)."""
        first, last = min(row), max(row)
        if self.spill is not None:
            if r < self.previous:
                return
            self.extend(r, first)
            self.extend(r, last)
            if r > self.previous:
                self.spill(r)
        cells = self.rows.get(r)
        if cells is None:
            self.rows[r] = row
            self.extend(r, first)
            self.extend(r, last)
        else:  # merged blanks or a link put already
            cells.update(row)
            self.extend_columns(first)
            self.extend_columns(last)

    def string(self, r: int, c: int, value: str, fmt) -> None:
        self.put(r, c, fmt, self.text_rest(value))

    def text_rest(self, value: str) -> str:
        """The rest of a <c> holding a non-empty text."""
        if len(value) > _STRMAX // 2 and utf16_len(value) > _STRMAX:
            value = _truncated(value)
        if self.strings is not None:
            return f' t="s"><v>{self.strings.get(value)}</v></c>'
        value, space = string_text(value)
        t = '<t xml:space="preserve">' if space else "<t>"
        return f' t="inlineStr"><is>{t}{value}</t></is></c>'

    def value(self, r: int, c: int, value, fmt) -> None:
        rest = self.value_rest(value, fmt)
        if rest is not None:
            self.put(r, c, fmt, rest)

    def value_rest(self, value, fmt) -> str | None:
        """The rest of a <c> holding a value that is not a non-empty text (those: `text_rest`);
        None for no cell (a blank without a style)."""
        if value.__class__ is str or value is None:  # "" or None: a blank, if it has a style
            return None if fmt is None else "/>"
        if isinstance(value, bool):
            return f' t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float | Decimal):
            number = float(value)
            if math.isfinite(number):
                return f"><v>{number:.16G}</v></c>"
            if number != number:  # NaN (a missing value in a pandas frame): an empty cell
                return None if fmt is None else "/>"
            return self.text_rest(str(value))
        if isinstance(value, datetime.datetime | datetime.date | datetime.time):
            return f"><v>{excel_date(value):.16G}</v></c>"
        raise TypeError(f"cannot write {type(value).__name__} to a cell")

    def link(self, r: int, c: int, cell, fmt) -> None:
        if self.spill is not None and r < self.previous:
            return  # a row already spilled: XlsxWriter refuses the link and its text
        url, tip = external_url(cell.hyperlink)
        link = parse_link(url, tip) if isinstance(cell.value, str) else None
        if link is None or len(self.links) >= 65530:  # a link Excel could not hold: the text alone
            if isinstance(cell.value, str) and cell.value:
                self.string(r, c, cell.value, fmt)
            else:
                self.value(r, c, cell.value, fmt)
            return
        if fmt is None:
            raise ValueError(f"{self.ws.title}: a hyperlink cell needs a style (the writers give it the link font)")
        self.string(r, c, cell.value, fmt)
        self.links[(r, c)] = link

    def write_row(self, r: int, cells: dict, covered) -> None:
        """The cells of facade row `r` (1-based), but those hidden by a merge."""
        fmt_of, packed_format, r0 = self.styles.format, self.styles.packed_format, r - 1
        text_rest, value_rest = self.text_rest, self.value_rest
        row: dict = {}
        last = None  # (style, quote, format) of the cell before: a table's cells share one style dict
        for c in sorted(cells):
            if covered and (r, c) in covered:
                continue
            cell = cells[c]
            if cell.__class__ is tuple:  # (value, style, quote): `Worksheet.put_value`
                value, style, quote = cell
                if last is None or last[0] is not style or last[1] is not quote:
                    last = (style, quote, packed_format(cell))
                fmt = last[2]
            else:
                fmt, value = fmt_of(cell.style_key()), cell.value
                if cell.hyperlink is not None:
                    self.link(r0, c - 1, cell, fmt)
                    continue
            rest = text_rest(value) if value.__class__ is str and value else value_rest(value, fmt)
            if rest is not None:
                row[c - 1] = (fmt, rest)
        if row:
            self.put_row(r0, row)

    def fill(self) -> None:
        """Everything of the facade sheet held in memory, in `xlsx_save`'s order."""
        ws = self.ws
        self.columns()
        for r, dim in ws.row_dimensions.items():
            if dim.height is not None:
                self.height(r, dim.height)
        covered: set = set()
        for r1, c1, r2, c2 in ws.merged:
            self.merge(r1, c1, r2, c2, covered)
        rows = ws._rows
        for r in sorted(rows):
            self.write_row(r, rows[r], covered)


def _truncated(value: str) -> str:
    out, units = [], 0
    for ch in value:
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > _STRMAX:
            break
        out.append(ch)
    return "".join(out)


def cell_of(ref: str) -> tuple[int, int]:
    """'B3' → (2, 1), 0-based."""
    r, c = cell_index(ref)
    return r - 1, c - 1
