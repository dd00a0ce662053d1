"""A worksheet's settings as XML elements, as XlsxWriter 3.3.1 writes them for the calls
`xlsx_settings` made: validations, conditional formats, panes, filter, protection, tab colour,
print setup and the print titles' defined name."""

from __future__ import annotations

import re

from ecoscore.workbook.ooxml.styles import argb
from ecoscore.workbook.ooxml.xml import attr, cell_name, data, quote_sheetname, range_name, start, tag, utf16_len
from ecoscore.workbook.xlsx_styles import cell_index, range_index

_VALIDATE = {"whole": "whole", "decimal": "decimal", "list": "list", "date": "date", "textLength": "textLength"}
_OPERATORS = {"notBetween", "equal", "notEqual", "greaterThan", "lessThan", "greaterThanOrEqual", "lessThanOrEqual"}
_PROTECTION = (  # facade flag → (attribute, value written when the flag is off), in XlsxWriter's order
    ("formatCells", "formatCells"),
    ("formatColumns", "formatColumns"),
    ("formatRows", "formatRows"),
    ("insertColumns", "insertColumns"),
    ("insertRows", "insertRows"),
    ("insertHyperlinks", "insertHyperlinks"),
    ("deleteColumns", "deleteColumns"),
    ("deleteRows", "deleteRows"),
)


def formula(value) -> str:
    """A formula of a validation or conditional format as XlsxWriter writes the value it is given:
    a number as it is; else without "{", a leading "=" and "}" (`_prepare_formula`). Our writers'
    formulas are numbers, quoted text and ranges: a function call, which XlsxWriter would also give
    an _xlfn. prefix when it is a newer function, is refused rather than written differently."""
    if value.__class__ is not str:
        return str(value)
    try:
        float(value)
        return data(value)
    except ValueError:
        pass
    for head in ("{", "="):
        if value.startswith(head):
            value = value[1:]
    if value.endswith("}"):
        value = value[:-1]
    if "(" in re.sub(r'"[^"]*"', "", value):
        raise ValueError(f"a validation or conditional format formula with a function call: {value!r}")
    return data(value)


def _validation(dv) -> str | None:
    """One <dataValidation>; None for what XlsxWriter refuses (over-long titles, messages, lists)."""
    if dv.promptTitle and utf16_len(dv.promptTitle) > 32 or dv.errorTitle and utf16_len(dv.errorTitle) > 32:
        return None
    if dv.prompt and utf16_len(dv.prompt) > 255 or dv.error and utf16_len(dv.error) > 255:
        return None
    kind = _VALIDATE[dv.type]
    first = second = None
    operator = "between"
    if kind == "list":
        f1 = dv.formula1
        if f1.startswith('"') and f1.endswith('"'):
            items = f1[1:-1]
            if utf16_len(items) > 255:
                return None
            first = '"' + data(items) + '"'
        else:
            first = formula("=" + f1)
    else:
        operator = dv.operator or "between"
        first = formula("=" + dv.formula1)
        if operator in ("between", "notBetween"):
            second = formula("=" + dv.formula2)
    a = [("type", kind)]
    if operator != "between":
        a.append(("operator", operator))
    if dv.errorStyle in ("warning", "information"):
        a.append(("errorStyle", dv.errorStyle))
    if dv.allow_blank:
        a.append(("allowBlank", 1))
    if dv.showInputMessage:
        a.append(("showInputMessage", 1))
    if dv.showErrorMessage:
        a.append(("showErrorMessage", 1))
    for name, value in (("errorTitle", dv.errorTitle), ("error", dv.error)):
        if value:
            a.append((name, value))
    for name, value in (("promptTitle", dv.promptTitle), ("prompt", dv.prompt)):
        if value:
            a.append((name, value))
    if len(dv.sqref) > 1:
        sqref = " ".join(dv.sqref)
    else:
        sqref = range_name(*(n - 1 for n in range_index(dv.sqref[0])))
    a.append(("sqref", sqref))
    out = start("dataValidation", a) + f"<formula1>{first}</formula1>"
    if second is not None:
        out += f"<formula2>{second}</formula2>"
    return out + "</dataValidation>"


def validations(ws) -> str:
    items = [v for v in (_validation(dv) for dv in ws.data_validations if dv.sqref) if v is not None]
    return f'<dataValidations count="{len(items)}">{"".join(items)}</dataValidations>' if items else ""


def conditional_formats(ws, styles) -> str:
    ranges: dict[str, list[str]] = {}
    for priority, (ref, rule) in enumerate(ws.conditional_formatting, start=1):
        cells = range_name(*(n - 1 for n in range_index(ref)))
        dxf = styles.dxf(rule)
        ranges.setdefault(cells, []).append(
            f'<cfRule type="cellIs" dxfId="{dxf}" priority="{priority}" operator="{rule.operator}">'
            f"<formula>{formula(rule.formula[0])}</formula></cfRule>"
        )
    return "".join(
        f'<conditionalFormatting sqref="{attr(r)}">{"".join(x)}</conditionalFormatting>' for r, x in ranges.items()
    )


def panes(ws) -> str:
    """The frozen panes and their selections (inside <sheetView>), or "" for none."""
    r, c = cell_index(ws.freeze_panes)
    row, col = r - 1, c - 1
    a = []
    if col:
        a.append(("xSplit", col))
    if row:
        a.append(("ySplit", row))
    a.append(("topLeftCell", cell_name(row, col)))
    if row and col:
        active = "bottomRight"
        selections = (
            f'<selection pane="topRight" activeCell="{cell_name(0, col)}" sqref="{cell_name(0, col)}"/>'
            f'<selection pane="bottomLeft" activeCell="{cell_name(row, 0)}" sqref="{cell_name(row, 0)}"/>'
            '<selection pane="bottomRight"/>'
        )
    elif col:
        active, selections = "topRight", '<selection pane="topRight"/>'
    else:
        active, selections = "bottomLeft", '<selection pane="bottomLeft"/>'
    a += [("activePane", active), ("state", "frozen")]
    return tag("pane", a) + selections


def protection(ws) -> str:
    p = ws.protection
    if not p.sheet:
        return ""
    a = [("sheet", 1)]
    if p.objects:
        a.append(("objects", 1))
    if p.scenarios:
        a.append(("scenarios", 1))
    a += [(name, 0) for flag, name in _PROTECTION if not getattr(p, flag)]
    if p.selectLockedCells:
        a.append(("selectLockedCells", 1))
    if not p.sort:
        a.append(("sort", 0))
    if not p.autoFilter:
        a.append(("autoFilter", 0))
    if not p.pivotTables:
        a.append(("pivotTables", 0))
    if p.selectUnlockedCells:
        a.append(("selectUnlockedCells", 1))
    return tag("sheetProtection", a)


def sheet_properties(ws) -> str:
    tab = ws.sheet_properties.tabColor
    fit = ws.sheet_properties.pageSetUpPr
    fit_page = fit is not None and fit.fitToPage
    if not tab and not fit_page:
        return ""
    out = "<sheetPr>"
    if tab:
        out += f'<tabColor rgb="{argb(tab)}"/>'
    if fit_page:
        out += '<pageSetUpPr fitToPage="1"/>'
    return out + "</sheetPr>"


def filter_range(ws) -> tuple[str, str] | None:
    """The autofilter's ref and its _FilterDatabase defined name, or None."""
    if not ws.auto_filter.ref:
        return None
    r1, c1, r2, c2 = (n - 1 for n in range_index(ws.auto_filter.ref))
    area = range_name(r1, c1, r2, c2, absolute=True)
    return range_name(r1, c1, r2, c2), quote_sheetname(ws.title) + "!" + area


def print_titles(ws) -> str | None:
    if not ws.print_title_rows:
        return None
    first, _, last = ws.print_title_rows.replace("$", "").partition(":")
    return f"{quote_sheetname(ws.title)}!${int(first)}:${int(last or first)}"


def page(ws) -> str:
    """pageMargins, pageSetup, headerFooter and rowBreaks."""
    m, p = ws.page_margins, ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    fit_page = fit is not None and fit.fitToPage
    footer = ws.oddFooter.center
    footer_text = None
    if footer.text:
        footer_text = "&C" + (f'&"{footer.font}"' if footer.font else "") + footer.text
        footer_text = footer_text.replace("&[Picture]", "&G")
        if utf16_len(footer_text) > 255 or "&G" in footer_text:
            footer_text = None  # XlsxWriter refuses it (too long, or an image placeholder)
    margins = [("left", m.left), ("right", m.right), ("top", m.top), ("bottom", m.bottom), ("header", 0.3)]
    margins.append(("footer", m.footer if footer_text is not None else 0.3))
    out = [tag("pageMargins", margins)]
    paper = int(p.paperSize) if p.paperSize else 0
    orientation = p.orientation if p.orientation in ("landscape", "portrait") else None
    if paper or orientation or fit_page:
        a: list = []
        if paper:
            a.append(("paperSize", paper))
        if fit_page:
            width, height = (p.fitToWidth if p.fitToWidth is not None else 1), (p.fitToHeight or 0)
            if width != 1:
                a.append(("fitToWidth", width))
            if height != 1:
                a.append(("fitToHeight", height))
        a.append(("orientation", "landscape" if orientation == "landscape" else "portrait"))
        out.append(tag("pageSetup", a))
    if footer_text is not None:
        out.append(f"<headerFooter><oddFooter>{data(footer_text)}</oddFooter></headerFooter>")
    breaks = sorted({b.id for b in ws.row_breaks} - {0})[:1023]
    if breaks:
        items = "".join(f'<brk id="{b}" max="16383" man="1"/>' for b in breaks)
        out.append(f'<rowBreaks count="{len(breaks)}" manualBreakCount="{len(breaks)}">{items}</rowBreaks>')
    return "".join(out)
