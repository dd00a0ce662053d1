"""Saving a backend workbook (`xlsx.Workbook`) with XlsxWriter: one Format per distinct style, cells
written in one pass (text always with `write_string`), then merges, validations, conditional
formats, panes, protection, print setup and charts."""

from __future__ import annotations

import datetime
import math
import warnings
from decimal import Decimal

import xlsxwriter

from ecoscore.workbook.xlsx_chart import render_chart
from ecoscore.workbook.xlsx_styles import PLAIN, cell_index, column_index, external_url, range_index

_DIGIT_PX = 7  # Calibri 11's digit width in pixels: XlsxWriter's column width arithmetic


def _rgb(colour: str | None) -> str | None:
    return None if colour is None else "#" + colour[-6:]


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
            p["font_color"] = _rgb(font.color)
        if font.underline:
            p["underline"] = {"single": 1, "double": 2}.get(font.underline, 1)
    if fill is not None and fill.fill_type == "solid":
        p["pattern"] = 1
        p["bg_color"] = _rgb(fill.fgColor)  # XlsxWriter puts a solid fill's colour in fgColor, as Excel
    if border is not None:
        for side in ("left", "right", "top", "bottom"):
            s = getattr(border, side)
            if s is not None and s.style:
                p[side] = _BORDER_STYLES.get(s.style, 1)
                if s.color:
                    p[f"{side}_color"] = _rgb(s.color)
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


class _Formats:
    """One Format per distinct style in a workbook."""

    def __init__(self, book):
        self.book, self.cache = book, {}

    def get(self, key: tuple):
        if key == PLAIN:
            return None
        fmt = self.cache.get(key)
        if fmt is None:
            fmt = self.cache[key] = self.book.add_format(format_properties(key))
        return fmt

    def dxf(self, rule):
        p = {}
        if rule.fill is not None:
            p["bg_color"] = _rgb(rule.fill.fgColor)  # a conditional format's fill colour is its bgColor
        if rule.font is not None and rule.font.color:
            p["font_color"] = _rgb(rule.font.color)
        return self.book.add_format(p)


_CRITERIA = {
    "between": "between",
    "notBetween": "not between",
    "equal": "==",
    "notEqual": "!=",
    "greaterThan": ">",
    "lessThan": "<",
    "greaterThanOrEqual": ">=",
    "lessThanOrEqual": "<=",
}
_VALIDATE = {"whole": "integer", "decimal": "decimal", "list": "list", "date": "date", "textLength": "length"}


def _validation_options(dv) -> dict:
    o: dict = {
        "validate": _VALIDATE[dv.type],
        "ignore_blank": bool(dv.allow_blank),
        "show_input": bool(dv.showInputMessage),
        "show_error": bool(dv.showErrorMessage),
        "error_type": {"stop": "stop", "warning": "warning", "information": "information"}[dv.errorStyle or "stop"],
    }
    if dv.type == "list":
        f1 = dv.formula1
        o["source"] = f1[1:-1].split(",") if f1.startswith('"') and f1.endswith('"') else "=" + f1
    else:
        o["criteria"] = _CRITERIA[dv.operator or "between"]
        if o["criteria"] in ("between", "not between"):
            o["minimum"], o["maximum"] = "=" + dv.formula1, "=" + dv.formula2
        else:
            o["value"] = "=" + dv.formula1
    for ours, theirs in (
        ("promptTitle", "input_title"),
        ("prompt", "input_message"),
        ("errorTitle", "error_title"),
        ("error", "error_message"),
    ):
        text = getattr(dv, ours)
        if text:
            o[theirs] = text
    return o


def _width_pixels(width: float) -> float:
    """XlsxWriter stores a column's width as (pixels * 256 // 7) / 256: give it the pixels (a float)
    that store `width` itself, as openpyxl does."""
    return width * _DIGIT_PX


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


def render(wb, handle) -> None:
    book = xlsxwriter.Workbook(
        handle,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": True,
            "max_url_length": 2079,
        },
    )
    props = {k: v for k, v in (("author", wb.properties.creator), ("title", wb.properties.title)) if v}
    if props:
        book.set_properties(props)
    formats = _Formats(book)
    sheets = [(ws, book.add_worksheet(ws.title)) for ws in wb.worksheets]
    for ws, xs in sheets:
        _render_sheet(ws, xs, formats, book)
    book.close()


def _render_sheet(ws, xs, formats: _Formats, book) -> None:
    for letter, dim in sorted(ws.column_dimensions.items(), key=lambda kv: column_index(kv[0])):
        c = column_index(letter) - 1
        fmt = formats.get(dim.style_key())
        if dim.width is not None or fmt is not None:
            xs.set_column_pixels(c, c, _width_pixels(dim.width) if dim.width is not None else None, fmt)
    for r, dim in ws.row_dimensions.items():
        if dim.height is not None:
            xs.set_row_pixels(r - 1, dim.height * 4 / 3)  # stored as pixels × 0.75: the height itself
    covered = {}
    for r1, c1, r2, c2 in ws.merged:
        anchor = ws._cells.get((r1, c1))
        fmt = formats.get(anchor.style_key()) if anchor is not None else None
        xs.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", fmt)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = True
    for (r, c), cell in sorted(ws._cells.items()):
        if (r, c) in covered:
            continue
        key = cell.style_key()
        if cell.value is None and key == PLAIN and cell.hyperlink is None:
            continue
        fmt = formats.get(key)
        if cell.hyperlink is not None:
            url, tip = external_url(cell.hyperlink)
            text = cell.value if isinstance(cell.value, str) else None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a link Excel could not hold (too long): the text alone
                linked = text is not None and xs.write_url(r - 1, c - 1, url, fmt, text, tip) == 0
            if not linked:
                _write_value(xs, r - 1, c - 1, cell.value, fmt)
        else:
            _write_value(xs, r - 1, c - 1, cell.value, fmt)
    for dv in ws.data_validations:
        if not dv.sqref:
            continue
        r1, c1, r2, c2 = range_index(dv.sqref[0])
        options = _validation_options(dv)
        if len(dv.sqref) > 1:
            options["multi_range"] = " ".join(dv.sqref)
        xs.data_validation(r1 - 1, c1 - 1, r2 - 1, c2 - 1, options)
    for ref, rule in ws.conditional_formatting:
        xs.conditional_format(
            ref,
            {
                "type": "cell",
                "criteria": _CRITERIA[rule.operator],
                "value": rule.formula[0],
                "format": formats.dxf(rule),
            },
        )
    if ws.freeze_panes:
        r, c = cell_index(ws.freeze_panes)
        xs.freeze_panes(r - 1, c - 1)
    if ws.auto_filter.ref:
        xs.autofilter(ws.auto_filter.ref)
    if ws.protection.sheet:
        xs.protect("", ws.protection.options())
    if ws.sheet_properties.tabColor:
        xs.set_tab_color(_rgb(ws.sheet_properties.tabColor))
    _render_print(ws, xs)
    for chart, anchor in ws.charts:
        r, c = cell_index(anchor)
        xs.insert_chart(r - 1, c - 1, render_chart(book, chart))


def _render_print(ws, xs) -> None:
    p = ws.page_setup
    if p.paperSize:
        xs.set_paper(int(p.paperSize))
    if p.orientation == "landscape":
        xs.set_landscape()
    elif p.orientation == "portrait":
        xs.set_portrait()
    fit = ws.sheet_properties.pageSetUpPr
    if fit is not None and fit.fitToPage:
        xs.fit_to_pages(p.fitToWidth if p.fitToWidth is not None else 1, p.fitToHeight or 0)
    m = ws.page_margins
    xs.set_margins(left=m.left, right=m.right, top=m.top, bottom=m.bottom)
    footer = ws.oddFooter.center
    if footer.text:
        font = f'&"{footer.font}"' if footer.font else ""
        xs.set_footer(f"&C{font}{footer.text}", {"margin": m.footer})
    if ws.print_title_rows:
        first, _, last = ws.print_title_rows.replace("$", "").partition(":")
        xs.repeat_rows(int(first) - 1, int(last or first) - 1)
    if ws.row_breaks:
        xs.set_h_pagebreaks([b.id for b in ws.row_breaks])
