"""The reference writer (tests only): the sheet-level settings of a backend worksheet (`xlsx.Worksheet`) as XlsxWriter calls: column
widths and styles, row heights, validations, conditional formats, panes, filter, protection, tab
colour, print setup and charts; written after its cells (`xlsx_save`, `xlsx_stream`)."""

from __future__ import annotations

from ecoscore.workbook.xlsx_chart import render_chart
from ecoscore.workbook.xlsx_styles import cell_index, column_index, range_index

_DIGIT_PX = 7  # Calibri 11's digit width in pixels: XlsxWriter's column width arithmetic


def rgb(colour: str | None) -> str | None:
    return None if colour is None else "#" + colour[-6:]


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


def row_height(xs, r: int, dim) -> None:
    if dim.height is not None:
        xs.set_row_pixels(r - 1, dim.height * 4 / 3)  # stored as pixels × 0.75: the height itself


def render_columns(ws, xs, formats) -> None:
    for letter, dim in sorted(ws.column_dimensions.items(), key=lambda kv: column_index(kv[0])):
        c = column_index(letter) - 1
        fmt = formats.get(dim.style_key())
        if dim.width is not None or fmt is not None:
            xs.set_column_pixels(c, c, _width_pixels(dim.width) if dim.width is not None else None, fmt)
    for first, last, width in ws.column_ranges:
        xs.set_column_pixels(first - 1, last - 1, _width_pixels(width))


def render_settings(ws, xs, formats, book) -> None:
    """Everything of `ws` but its cells, row heights and merges."""
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
        xs.set_tab_color(rgb(ws.sheet_properties.tabColor))
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
