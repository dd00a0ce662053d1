"""The reference writer (tests only, `xlsx.REFERENCE`): a backend workbook (`xlsx.Workbook`) saved with
XlsxWriter, whose output our own writer (`ooxml`) reproduces part for part: one Format per distinct style, cells
written in one pass, row by row (text always with `write_string`), then the sheet's settings
(`xlsx_settings`). `write_row` also serves the streaming workbook (`xlsx_stream`)."""

from __future__ import annotations

import datetime
import math
import warnings
from decimal import Decimal

import xlsxwriter

from ecoscore.workbook.xlsx_settings import render_columns, render_settings, rgb, row_height
from ecoscore.workbook.xlsx_styles import PLAIN, external_url, style_key_of

OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "max_url_length": 2079,
}

_BORDER_STYLES = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7}
_VALIGN = {"center": "vcenter", "top": "top", "bottom": "bottom", "justify": "vjustify"}


def format_properties(key: tuple) -> dict:
    """XlsxWriter Format properties of a style key (`Cell.style_key`)."""
    font, fill, border, alignment, number_format, protection, quote = key
    p: dict = {}
    if font is not None:
        if font.name:
            p["font_name"] = font.name
        if font.bold:
            p["bold"] = True
        if font.italic:
            p["italic"] = True
        if font.size:
            p["font_size"] = font.size
        if font.color:
            p["font_color"] = rgb(font.color)
        if font.underline:
            p["underline"] = {"single": 1, "double": 2}.get(font.underline, 1)
    if fill is not None and fill.fill_type == "solid":
        p["pattern"] = 1
        p["bg_color"] = rgb(fill.fgColor)  # XlsxWriter puts a solid fill's colour in fgColor, as Excel
    if border is not None:
        for side in ("left", "right", "top", "bottom"):
            s = getattr(border, side)
            if s is not None and s.style:
                p[side] = _BORDER_STYLES.get(s.style, 1)
                if s.color:
                    p[f"{side}_color"] = rgb(s.color)
    if alignment is not None:
        if alignment.horizontal:
            p["align"] = alignment.horizontal
        if alignment.vertical:
            p["valign"] = _VALIGN.get(alignment.vertical, alignment.vertical)
        if alignment.wrap_text:
            p["text_wrap"] = True
    if number_format and number_format != "General":
        p["num_format"] = number_format
    if protection is not None and not protection.locked:
        p["locked"] = False
    if quote:
        p["quote_prefix"] = True
    return p


class Formats:
    """One Format per distinct style in a workbook. Style values are interned (`xlsx_styles`), so a
    key hashes and compares by the identity of its parts."""

    def __init__(self, book):
        self.book = book
        self.cache: dict = {PLAIN: None}

    def get(self, key: tuple):
        fmt = self.cache.get(key, self)
        if fmt is self:
            fmt = self.cache[key] = self.book.add_format(format_properties(key))
        return fmt

    def dxf(self, rule):
        p = {}
        if rule.fill is not None:
            p["bg_color"] = rgb(rule.fill.fgColor)  # a conditional format's fill colour is its bgColor
        if rule.font is not None and rule.font.color:
            p["font_color"] = rgb(rule.font.color)
        return self.book.add_format(p)


def _write_value(ws, r: int, c: int, value, fmt) -> None:
    if isinstance(value, str):
        if value:
            ws.write_string(r, c, value, fmt)  # never `write`: text is text, whatever it starts with
        elif fmt is not None:
            ws.write_blank(r, c, None, fmt)  # an empty text is no value (openpyxl wrote none either)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isfinite(number):
            ws.write_number(r, c, number, fmt)
        elif number != number:  # NaN (a missing value in a pandas frame): an empty cell, as openpyxl wrote
            ws.write_blank(r, c, None, fmt)
        else:
            ws.write_string(r, c, str(value), fmt)
    elif isinstance(value, datetime.datetime | datetime.date | datetime.time):
        ws.write_datetime(r, c, value, fmt)
    elif value is None:
        if fmt is not None:
            ws.write_blank(r, c, None, fmt)
    else:
        raise TypeError(f"cannot write {type(value).__name__} to a cell")


def _write_link(xs, r: int, c: int, cell, fmt) -> None:
    url, tip = external_url(cell.hyperlink)
    text = cell.value if isinstance(cell.value, str) else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a link Excel could not hold (too long): the text alone
        linked = text is not None and xs.write_url(r, c, url, fmt, text, tip) == 0
    if not linked:
        _write_value(xs, r, c, cell.value, fmt)


def write_row(xs, formats: Formats, r: int, cells: dict, covered) -> None:
    """The cells of row `r` (1-based; column → `xlsx.Cell`), but those in `covered` ((row, column)
    pairs hidden by a merge)."""
    cache, r0 = formats.cache, r - 1
    for c in sorted(cells):
        if covered and (r, c) in covered:
            continue
        cell = cells[c]
        if cell.__class__ is tuple:  # (value, style, quote): `Worksheet.put_value`
            key = style_key_of(cell)
            value = cell[0]
        else:
            key = (
                cell.font,
                cell.fill,
                cell.border,
                cell.alignment,
                cell.number_format,
                cell.protection,
                cell.quotePrefix,
            )
            value = cell.value
            if cell.hyperlink is not None:
                _write_link(xs, r0, c - 1, cell, formats.get(key))
                continue
        fmt = cache.get(key, formats)
        if fmt is formats:
            fmt = formats.get(key)
        if value.__class__ is str:
            if value:
                xs.write_string(r0, c - 1, value, fmt)  # never `write`: text is text, whatever it starts with
            elif fmt is not None:
                xs.write_blank(r0, c - 1, None, fmt)  # an empty text is no value (openpyxl wrote none either)
        elif value is None:
            if fmt is not None:
                xs.write_blank(r0, c - 1, None, fmt)
        else:
            _write_value(xs, r0, c - 1, value, fmt)


def merge(xs, formats: Formats, ws, r1: int, c1: int, r2: int, c2: int, covered: set) -> None:
    anchor = ws._rows.get(r1, {}).get(c1)
    if anchor is None:
        fmt = None
    else:
        fmt = formats.get(style_key_of(anchor) if anchor.__class__ is tuple else anchor.style_key())
    xs.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", fmt)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if (r, c) != (r1, c1):
                covered.add((r, c))


def new_book(handle, **options):
    return xlsxwriter.Workbook(handle, {**OPTIONS, **options})


def set_properties(wb, book) -> None:
    props = {k: v for k, v in (("author", wb.properties.creator), ("title", wb.properties.title)) if v}
    if props:
        book.set_properties(props)


def render(wb, handle) -> None:
    book = new_book(handle, in_memory=True)  # every part in memory: no temporary files
    set_properties(wb, book)
    formats = Formats(book)
    sheets = [(ws, book.add_worksheet(ws.title)) for ws in wb.worksheets]
    for ws, xs in sheets:
        _render_sheet(ws, xs, formats, book)
    book.close()


def _render_sheet(ws, xs, formats: Formats, book) -> None:
    render_columns(ws, xs, formats)
    for r, dim in ws.row_dimensions.items():
        row_height(xs, r, dim)
    covered: set = set()
    for r1, c1, r2, c2 in ws.merged:
        merge(xs, formats, ws, r1, c1, r2, c2, covered)
    rows = ws._rows
    for r in sorted(rows):
        write_row(xs, formats, r, rows[r], covered)
    render_settings(ws, xs, formats, book)
