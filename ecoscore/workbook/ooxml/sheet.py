"""xl/worksheets/sheetN.xml of one facade sheet, element by element in XlsxWriter 3.3.1's order
(worksheet.py `_assemble_xml_file`): sheetPr, dimension, sheetViews, sheetFormatPr, cols,
sheetData, sheetProtection, autoFilter, mergeCells, conditionalFormatting, dataValidations,
hyperlinks, pageMargins, pageSetup, headerFooter, rowBreaks, drawing."""

from __future__ import annotations

from ecoscore.workbook.ooxml import settings
from ecoscore.workbook.ooxml.cells import CellTable
from ecoscore.workbook.ooxml.xml import COLUMNS, attr, cell_name, column_name, range_name

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
)
SHEET_DATA = "\0"  # where a streaming sheet's rows go (`sheet_xml`): never in the XML, which escapes it
DEFAULT_ROW_PX = 20  # 15 points
DEFAULT_COL_PX = 64  # 8.43 characters


def dimension(t: CellTable) -> str:
    if t.rowmin is None and t.colmin is None:
        return "A1"
    if t.rowmin is None:
        return range_name(0, t.colmin, 0, t.colmax)
    return range_name(t.rowmin, t.colmin, t.rowmax, t.colmax)


def columns(t: CellTable, index) -> str:
    """<cols>: runs of neighbouring columns with equal settings (the same width and format) as one."""
    if not t.cols:
        return ""
    out = ["<cols>"]
    run: list = []  # [first, last, settings]
    for c in sorted(t.cols):
        settings_ = t.cols[c]
        if run and c == run[1] + 1 and settings_[0] == run[2][0] and settings_[1] is run[2][1]:
            run[1] = c
            continue
        if run:
            out.append(_col(*run, index))
        run = [c, c, settings_]
    out.append(_col(*run, index))
    out.append("</cols>")
    return "".join(out)


def _col(first: int, last: int, settings_: tuple, index) -> str:
    width, fmt = settings_
    custom = width is not None and width != DEFAULT_COL_PX
    if width is None:
        width = DEFAULT_COL_PX
    chars = (width * 256 // 7) / 256.0
    out = f'<col min="{first + 1}" max="{last + 1}" width="{chars:.16g}"'
    if fmt is not None:
        out += f' style="{index(fmt)}"'
    return out + (' customWidth="1"/>' if custom else "/>")


def _spans(t: CellTable) -> dict[int, str]:
    """The spans attribute of each block of 16 rows: the first and last column holding a cell."""
    spans: dict[int, str] = {}
    blocks: dict[int, list[int]] = {}
    for r, cells in t.rows.items():
        if cells:
            block = blocks.get(r // 16)
            lo, hi = min(cells), max(cells)
            if block is None:
                blocks[r // 16] = [lo, hi]
            else:
                block[0], block[1] = min(block[0], lo), max(block[1], hi)
    for b, (lo, hi) in blocks.items():
        spans[b] = f"{lo + 1}:{hi + 1}"
    return spans


def row_xml(r: int, cells: dict | None, px: float | None, column_format: dict, index, span: str | None) -> str:
    """One <row>: its height, and its cells with their formats (a column's format for an unstyled cell)."""
    head = f'<row r="{r + 1}"'
    if span:
        head += f' spans="{span}"'
    if px is not None and px != DEFAULT_ROW_PX:
        head += f' ht="{px * 0.75:.16g}" customHeight="1"'
    if not cells:
        return head + "/>"
    out = [head + ">"]
    row = str(r + 1)
    column_name(max(cells))  # the letters of every column up to the row's last one, in COLUMNS
    for c in sorted(cells):
        fmt, rest = cells[c]
        if fmt is None:
            fmt = column_format.get(c)
        if fmt is None:
            out.append(f'<c r="{COLUMNS[c]}{row}"{rest}')
        else:
            xf = fmt.xf
            if xf is None:
                xf = index(fmt)
            out.append(f'<c r="{COLUMNS[c]}{row}" s="{xf}"{rest}')
    out.append("</row>")
    return "".join(out)


def column_formats(t: CellTable) -> dict:
    return {c: fmt for c, (_, fmt) in t.cols.items() if fmt is not None}


def sheet_data(t: CellTable, index) -> str:
    if t.rowmin is None:
        return "<sheetData/>"
    span_of = _spans(t)
    heights, rows, formats = t.heights, t.rows, column_formats(t)
    out = ["<sheetData>"]
    for r in sorted(set(rows) | set(heights)):
        out.append(row_xml(r, rows.get(r), heights.get(r), formats, index, span_of.get(r // 16)))
    out.append("</sheetData>")
    return "".join(out)


def hyperlinks(t: CellTable) -> tuple[str, list[str]]:
    """<hyperlinks> and the targets of their relationships (rId1, rId2, … in this order)."""
    if not t.links:
        return "", []
    out, targets = ["<hyperlinks>"], []
    for (r, c), link in sorted(t.links.items()):
        targets.append(link.target)
        a = f'<hyperlink ref="{cell_name(r, c)}" r:id="rId{len(targets)}"'
        if link.anchor:
            a += f' location="{attr(link.anchor)}"'
        if link.tip:
            a += f' tooltip="{attr(link.tip)}"'
        out.append(a + "/>")
    out.append("</hyperlinks>")
    return "".join(out), targets


def sheet_xml(ws, t: CellTable, styles, selected: bool, drawing_rid: str | None, data_xml: str | None = None) -> str:
    """The whole sheet; `data_xml` is its <sheetData> when it was written elsewhere (streaming)."""
    index = styles.index
    view = '<sheetView tabSelected="1" workbookViewId="0"' if selected else '<sheetView workbookViewId="0"'
    out = [_HEAD, settings.sheet_properties(ws), f'<dimension ref="{dimension(t)}"/><sheetViews>']
    out.append(f"{view}>{settings.panes(ws)}</sheetView>" if ws.freeze_panes else view + "/>")
    out.append('</sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    out.append(columns(t, index))
    out.append(sheet_data(t, index) if data_xml is None else data_xml)
    out.append(settings.protection(ws))
    filtered = settings.filter_range(ws)
    if filtered:
        out.append(f'<autoFilter ref="{filtered[0]}"/>')
    if t.merges:
        cells = "".join(f'<mergeCell ref="{range_name(*m)}"/>' for m in t.merges)
        out.append(f'<mergeCells count="{len(t.merges)}">{cells}</mergeCells>')
    out.append(settings.conditional_formats(ws, styles))
    out.append(settings.validations(ws))
    out.append(hyperlinks(t)[0])
    out.append(settings.page(ws))
    if drawing_rid:
        out.append(f'<drawing r:id="{drawing_rid}"/>')
    out.append("</worksheet>")
    return "".join(out)
