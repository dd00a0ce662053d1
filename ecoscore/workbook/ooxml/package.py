"""Saving a facade workbook (`xlsx.Workbook`) as an .xlsx package, without XlsxWriter.

Two passes, in XlsxWriter 3.3.1's order, so that every part equals the one it writes (the zip's
part list and order too; tests/test_ooxml_oracle.py compares them): first every sheet's cells go
into its table (shared strings numbered as they come), then each sheet's XML is written (cell
formats numbered as they come), then the charts, drawings, workbook, styles and the rest.
"""

from __future__ import annotations

import io
import zipfile

from ecoscore.workbook.ooxml import chart as charts
from ecoscore.workbook.ooxml import parts, settings
from ecoscore.workbook.ooxml.cells import CellTable, SharedStrings, cell_of
from ecoscore.workbook.ooxml.sheet import hyperlinks, sheet_xml
from ecoscore.workbook.ooxml.styles import StyleTable
from ecoscore.workbook.ooxml.theme import THEME_XML

# zlib level 1, not XlsxWriter's 6: the scored workbook compresses in 2 ms instead of 6, to 76 KB
# instead of 62 (docs/performance.md 第五轮); the parts themselves are the same either way
COMPRESSION = zipfile.ZIP_DEFLATED
LEVEL = 1
_STAMP = (1980, 1, 1, 0, 0, 0)  # XlsxWriter's in-memory part timestamp


class Package:
    """What the workbook-level parts need to know of the sheets, gathered as they are written."""

    def __init__(self, wb):
        self.wb = wb
        self.styles = StyleTable()
        self.names: list[tuple[str, int, str, int]] = []
        self.sheet_rels: dict[int, list[tuple[str, str, str]]] = {}  # sheet number → its relationships
        self.chart_xml: list[str] = []
        self.drawing_xml: list[str] = []
        self.drawing_rels: list[str] = []

    def settle(self, index: int, ws, table: CellTable, figures) -> str | None:
        """The defined names, relationships, charts and drawing of sheet `index` (0-based); returns the
        drawing's relationship id in the sheet (None: no drawing)."""
        filtered = settings.filter_range(ws)
        if filtered:
            self.names.append(("_xlnm._FilterDatabase", index, filtered[1], 1))
        titles = settings.print_titles(ws)
        if titles:
            self.names.append(("_xlnm.Print_Titles", index, titles, 0))
        targets = hyperlinks(table)[1]
        rels = [("/hyperlink", target, "External") for target in targets]
        drawing_rid = None
        if ws.charts:
            anchors, chart_rels = [], []
            for chart, ref in ws.charts:
                self.chart_xml.append(charts.chart_xml(chart, len(self.chart_xml) + 1, figures))
                chart_rels.append(("/chart", f"../charts/chart{len(self.chart_xml)}.xml", ""))
                row, col = cell_of(ref)
                anchors.append(charts.anchor(table, row, col, *charts.chart_size(chart)))
            self.drawing_xml.append(charts.drawing_xml(anchors))
            self.drawing_rels.append(parts.relationships(chart_rels))
            rels.append(("/drawing", f"../drawings/drawing{len(self.drawing_xml)}.xml", ""))
            drawing_rid = f"rId{len(rels)}"
        if rels:
            self.sheet_rels[index + 1] = rels
        return drawing_rid

    def write(self, handle, sheets: list, strings: SharedStrings | None) -> None:
        """The package to `handle`; `sheets` are the worksheets' XML in order, each a text or, for
        a streaming sheet, (head, the sheet whose spilled rows follow, tail)."""
        wb, n = self.wb, len(sheets)
        titles = [ws.title for ws in wb.worksheets]
        names = parts.sorted_names(self.names)
        entries: list[tuple[str, str]] = [
            ("[Content_Types].xml", parts.content_types(n, len(self.chart_xml), len(self.drawing_xml), bool(strings))),
            ("_rels/.rels", parts.ROOT_RELS),
            ("xl/_rels/workbook.xml.rels", parts.workbook_rels(n, bool(strings))),
        ]
        entries += [(f"xl/worksheets/sheet{i}.xml", xml) for i, xml in enumerate(sheets, start=1)]
        entries.append(("xl/workbook.xml", parts.workbook_xml(titles, names)))
        entries += [(f"xl/charts/chart{i}.xml", xml) for i, xml in enumerate(self.chart_xml, start=1)]
        entries += [(f"xl/drawings/drawing{i}.xml", xml) for i, xml in enumerate(self.drawing_xml, start=1)]
        if strings:
            entries.append(("xl/sharedStrings.xml", strings.xml()))
        entries += [("xl/styles.xml", self.styles.xml()), ("xl/theme/theme1.xml", THEME_XML)]
        for number, rels in sorted(self.sheet_rels.items()):
            entries.append((f"xl/worksheets/_rels/sheet{number}.xml.rels", parts.relationships(rels)))
        entries += [(f"xl/drawings/_rels/drawing{i}.xml.rels", x) for i, x in enumerate(self.drawing_rels, start=1)]
        props = wb.properties
        entries.append(("docProps/core.xml", parts.core_xml(props.creator, props.title)))
        entries.append(("docProps/app.xml", parts.app_xml(titles, names)))
        with zipfile.ZipFile(handle, "w", compression=COMPRESSION, compresslevel=LEVEL) as z:
            for name, xml in entries:
                info = zipfile.ZipInfo(name, _STAMP)
                info.compress_type = COMPRESSION
                if xml.__class__ is str:
                    z.writestr(info, xml.encode("utf-8"), compresslevel=LEVEL)
                    continue
                head, sheet, tail = xml
                # by name: the zip module then gives the part the archive's level (and the time of writing)
                with z.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
                    out.write(head)
                    sheet.data(out)
                    out.write(tail)


def save(wb, handle) -> None:
    """Write the in-memory workbook `wb` to the binary file object `handle`."""
    package = Package(wb)
    strings = SharedStrings()
    tables = []
    for ws in wb.worksheets:
        table = CellTable(ws, package.styles, strings)
        table.fill()
        tables.append(table)
    by_title = {ws.title: t for ws, t in zip(wb.worksheets, tables)}
    values = list(strings.index)

    def figures(sheet: str, r1: int, c1: int, r2: int, c2: int) -> list:
        table = by_title.get(sheet)
        return [] if table is None else charts.table_figures(table, values, r1, c1, r2, c2)

    sheets = []
    for i, (ws, table) in enumerate(zip(wb.worksheets, tables)):
        drawing_rid = package.settle(i, ws, table, figures)
        sheets.append(sheet_xml(ws, table, package.styles, i == 0, drawing_rid))
    package.write(handle, sheets, strings if strings.count else None)
