"""xl/charts/chartN.xml and xl/drawings/drawingN.xml of a facade bar chart (`xlsx_chart.BarChart`),
as XlsxWriter 3.3.1 writes the chart `xlsx_chart.render_chart` described to it (chart.py,
chart_bar.py, drawing.py; the anchor from worksheet.py `_position_object_pixels`).

The chart keeps a copy of the figures it plots (strCache/numCache), read from the sheet's cells
as XlsxWriter reads them; a streaming sheet keeps none (its rows are on disk already).
"""

from __future__ import annotations

from ecoscore.workbook.ooxml.xml import attr, cell_name, data, quote_sheetname, range_name

_PX_PER_CM = 96 / 2.54
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/'
    'drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><c:lang val="en-US"/><c:chart>'
)
_TAIL = (
    '<c:plotVisOnly val="1"/></c:chart><c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" '
    't="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings></c:chartSpace>'
)


def _title(name: str, vertical: bool = False) -> str:
    body = '<a:bodyPr rot="-5400000" vert="horz"/>' if vertical else "<a:bodyPr/>"
    return (
        f"<c:title><c:tx><c:rich>{body}<a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r>"
        f'<a:rPr lang="en-US"/><a:t>{data(name)}</a:t></a:r></a:p></c:rich></c:tx><c:layout/></c:title>'
    )


def _kind(values: list | None) -> str:
    """XlsxWriter's `_get_data_type`: "str" if any figure is text (or has a space or underscore)."""
    if not values:
        return "none"
    for token in values:
        if token is None:
            continue
        if token.__class__ is str and ("_" in token or " " in token):
            return "str"
        try:
            float(token)
        except ValueError:
            return "str"
    return "num"


def _str_cache(values: list) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{data(v)}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{points}</c:strCache>'


def _num_cache(values: list) -> str:
    points = []
    for i, v in enumerate(values):
        if v is None:
            continue
        try:
            float(v)
        except ValueError:
            v = 0
        points.append(f'<c:pt idx="{i}"><c:v>{data(v)}</c:v></c:pt>')
    return f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{"".join(points)}</c:numCache>'


def _fill(colour: str) -> str:
    return f'<c:spPr><a:solidFill><a:srgbClr val="{colour.upper()}"/></a:solidFill></c:spPr>'


def _ref(sheet: str, r1: int, c1: int, r2: int | None = None, c2: int | None = None) -> str:
    if r2 is None:
        return quote_sheetname(sheet) + "!" + cell_name(r1, c1, absolute=True)
    return quote_sheetname(sheet) + "!" + range_name(r1, c1, r2, c2, absolute=True)


def chart_xml(chart, number: int, figures) -> str:
    """The chart part; `number` counts the workbook's charts from 1; `figures(sheet, r1, c1, r2, c2)`
    gives the cached figures of a range (None: none kept)."""
    bar = chart.type == "bar"
    axis = 5000 + number
    cat_id, val_id = f"{axis:04d}0001", f"{axis:04d}0002"
    labels = chart.dataLabels is not None and chart.dataLabels.showVal
    out = [_HEAD]
    if chart.title:
        out.append(_title(chart.title))
    out.append(f'<c:plotArea><c:layout/><c:barChart><c:barDir val="{"bar" if bar else "col"}"/>')
    out.append('<c:grouping val="clustered"/>')
    numeric_categories = False
    for i, (name, values) in enumerate(chart.series):
        out.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>')
        if name is not None:
            cached = figures(name[0], name[1], name[2], name[1], name[2])
            out.append(f"<c:tx><c:strRef><c:f>{data(_ref(*name))}</c:f>{_str_cache(cached or [])}</c:strRef></c:tx>")
        if chart.bar_color:
            out.append(_fill(chart.bar_color))
        for p, colour in enumerate(chart.point_colors or ()):
            if colour:
                out.append(f'<c:dPt><c:idx val="{p}"/>{_fill(colour)}</c:dPt>')
        if labels:
            out.append("<c:dLbls>")
            if chart.label_number_format:
                out.append(f'<c:numFmt formatCode="{attr(chart.label_number_format)}" sourceLinked="0"/>')
            out.append('<c:showVal val="1"/></c:dLbls>')
        if chart.categories is not None:
            cached = figures(*chart.categories)
            ref = data(_ref(*chart.categories))
            if _kind(cached) == "str":
                out.append(f"<c:cat><c:strRef><c:f>{ref}</c:f>{_str_cache(cached)}</c:strRef></c:cat>")
            else:
                numeric_categories = True
                cache = _num_cache(cached) if _kind(cached) == "num" else ""
                out.append(f"<c:cat><c:numRef><c:f>{ref}</c:f>{cache}</c:numRef></c:cat>")
        cached = figures(*values)
        out.append(f"<c:val><c:numRef><c:f>{data(_ref(*values))}</c:f>{_num_cache(cached or [])}</c:numRef></c:val>")
        out.append("</c:ser>")
    out.append(f'<c:axId val="{cat_id}"/><c:axId val="{val_id}"/></c:barChart>')
    out.append(_axes(chart, bar, cat_id, val_id, numeric_categories))
    out.append("</c:plotArea>")
    if chart.legend is not None:
        out.append('<c:legend><c:legendPos val="r"/><c:layout/></c:legend>')
    out.append(_TAIL)
    return "".join(out)


def _axes(chart, bar: bool, cat_id: str, val_id: str, numeric_categories: bool) -> str:
    x, y = chart.x_axis, chart.y_axis
    reverse = x.scaling.orientation == "maxMin"
    cat_pos, val_pos = ("l", "b") if bar else ("b", "l")
    if reverse:  # the value axis moves to the far side of reversed categories
        val_pos = {"l": "r", "b": "t"}[val_pos]
    out = [f'<c:catAx><c:axId val="{cat_id}"/><c:scaling><c:orientation val="{"maxMin" if reverse else "minMax"}"/>']
    out.append(f'</c:scaling><c:axPos val="{cat_pos}"/>')
    if numeric_categories:
        out.append('<c:numFmt formatCode="General" sourceLinked="1"/>')
    out.append(f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_id}"/><c:crosses val="autoZero"/>')
    out.append('<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>')
    out.append(f'<c:valAx><c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/>')
    if y.scaling.max is not None:
        out.append(f'<c:max val="{attr(y.scaling.max)}"/>')
    if y.scaling.min is not None:
        out.append(f'<c:min val="{attr(y.scaling.min)}"/>')
    out.append(f'</c:scaling><c:axPos val="{val_pos}"/><c:majorGridlines/>')
    if y.title:
        out.append(_title(y.title, vertical=not bar))
    if y.number_format and y.number_format != "General":
        out.append(f'<c:numFmt formatCode="{attr(y.number_format)}" sourceLinked="0"/>')
    else:
        out.append('<c:numFmt formatCode="General" sourceLinked="1"/>')
    crosses = "max" if y.crosses == "max" else "autoZero"
    out.append(f'<c:tickLblPos val="nextTo"/><c:crossAx val="{cat_id}"/><c:crosses val="{crosses}"/>')
    out.append('<c:crossBetween val="between"/></c:valAx>')
    return "".join(out)


def chart_size(chart) -> tuple[int, int]:
    """Width and height in pixels (`render_chart` gives XlsxWriter the cm sizes rounded so)."""
    return round(chart.width * _PX_PER_CM), round(chart.height * _PX_PER_CM)


def anchor(t, row: int, col: int, width: int, height: int) -> tuple[int, int, int, int, int, int, int, int]:
    """The cells and offsets (EMU) a chart `width` × `height` pixels at (row, col) spans, from the
    sheet's column widths and row heights (`cells.CellTable`)."""

    def col_px(c: int) -> float:
        w = t.cols[c][0] if c in t.cols else None
        return 64 if w is None else w

    def row_px(r: int) -> float:
        return t.heights.get(r, 20)

    x1, col = _past(0, col, col_px)  # past hidden (zero-width) columns and rows, as XlsxWriter does
    y1, row = _past(0, row, row_px)
    w, h = width + x1 if col_px(col) > 0 else width, height + y1 if row_px(row) > 0 else height
    w, col_end = _past(w, col, col_px)
    h, row_end = _past(h, row, row_px)
    emu = [int(0.5 + 9525 * v) for v in (x1, y1, w, h)]
    return col, row, emu[0], emu[1], col_end, row_end, emu[2], emu[3]


def _past(offset: float, index: int, size) -> tuple[float, int]:
    """Where `offset` pixels from the start of cell `index` fall: (offset within the cell, cell),
    cells being `size(i)` pixels wide or tall."""
    while offset >= size(index):
        offset -= size(index)
        index += 1
    return offset, index


def drawing_xml(anchors: list[tuple]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.'
        'org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    ]
    for i, (c1, r1, x1, y1, c2, r2, x2, y2) in enumerate(anchors, start=1):
        out.append(
            f"<xdr:twoCellAnchor><xdr:from><xdr:col>{c1}</xdr:col><xdr:colOff>{x1}</xdr:colOff><xdr:row>{r1}</xdr:row>"
            f"<xdr:rowOff>{y1}</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c2}</xdr:col><xdr:colOff>{x2}</xdr:colOff>"
            f'<xdr:row>{r2}</xdr:row><xdr:rowOff>{y2}</xdr:rowOff></xdr:to><xdr:graphicFrame macro="">'
            f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{i + 1}" name="Chart {i}"/><xdr:cNvGraphicFramePr/>'
            '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://'
            'schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships" r:id="rId{i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>'
            "</xdr:twoCellAnchor>"
        )
    out.append("</xdr:wsDr>")
    return "".join(out)


def table_figures(t, strings: list[str], r1: int, c1: int, r2: int, c2: int) -> list:
    """A range's figures in table `t` (`cells.CellTable`) as a chart caches them (XlsxWriter's
    `_get_range_data`): text, numbers as text, "" for a blank, None for no cell; a boolean is left
    out, as XlsxWriter leaves it out."""
    out: list = []
    for r in range(r1, r2 + 1):
        cells = t.rows.get(r)
        if cells is None:
            out.append(None)
            continue
        for c in range(c1, c2 + 1):
            cell = cells.get(c)
            if cell is None:
                out.append(None)
                continue
            rest = cell[1]
            if rest == "/>":
                out.append("")
            elif rest.startswith(' t="s"><v>'):
                out.append(strings[int(rest[10:-8])])
            elif rest.startswith("><v>"):
                out.append(rest[4:-8].replace("E", "e"))
    return out
