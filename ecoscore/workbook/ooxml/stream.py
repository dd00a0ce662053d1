"""The streaming mode of the xlsx writer (`xlsx.Workbook(streaming=True)`), for 汇总.xlsx, whose size
grows with the batch: as XlsxWriter's constant_memory mode, each sheet's rows go to a temporary
file of their own as soon as a later row of the sheet gets a cell, and the file is copied into
the package when the workbook is saved. Neither the facade nor this writer holds more than a row
or so per sheet, however many counties the rows are for.

What stays until the save is per sheet, not per row (column widths, validations, conditional
formats, print setup, charts), and what the file's later parts need: row heights, hyperlinks.
Text is stored inline (no shared strings); a chart keeps no copy of its figures. The facade's
rules hold (`xlsx.Workbook`): rows in ascending order, merges within a row, the sheet's name fixed
once its first row is written. Parts equal XlsxWriter's constant_memory output
(tests/test_ooxml_oracle.py).
"""

from __future__ import annotations

import shutil
import tempfile
import weakref

from ecoscore.workbook.ooxml.cells import CellTable
from ecoscore.workbook.ooxml.package import Package
from ecoscore.workbook.ooxml.sheet import SHEET_DATA, column_formats, row_xml, sheet_xml

_CHUNK = 1 << 16


class _Sheet:
    """One streaming sheet: its cell table, and the file its finished rows are spilled to."""

    def __init__(self, ws, styles, folder: str):
        self.table = CellTable(ws, styles, None)
        self.table.spill = self.spill
        # newline="": a line break in a cell stays "\n" on Windows too (XlsxWriter's text-mode row file
        # would make it "\r\n" there; on Linux, where the oracle test runs, the two are the same)
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=folder)
        self.index = styles.index

    def spill(self, current: int) -> None:
        """Write the previous row (XlsxWriter's `_write_single_row`) and start row `current`."""
        t = self.table
        row, t.previous = t.previous, current
        cells = t.rows.get(row)
        if cells or row in t.heights:
            self.file.write(row_xml(row, cells, t.heights.get(row), column_formats(t), self.index, None))
        t.rows.clear()

    def data(self, out) -> None:
        """<sheetData>, copied from the spilled rows into `out` (a text file)."""
        if self.table.rowmin is None:
            out.write("<sheetData/>")
            return
        out.write("<sheetData>")
        self.file.seek(0)
        shutil.copyfileobj(self.file, out, _CHUNK)
        out.write("</sheetData>")


class Stream:
    def __init__(self, wb):
        self.wb = wb
        self.folder = tempfile.mkdtemp(prefix="ecoscore-xlsx-")
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.package = Package(wb)
        self.sheets: dict = {}  # facade sheet → `_Sheet`, in the workbook's order

    def started(self, ws) -> bool:
        return ws in self.sheets

    def _sheet(self, ws) -> _Sheet:
        sheet = self.sheets.get(ws)
        if sheet is None:  # the sheets before it start too: the package numbers sheets so
            for other in self.wb.worksheets:
                if other not in self.sheets:
                    self.sheets[other] = _Sheet(other, self.package.styles, self.folder)
                if other is ws:
                    break
            sheet = self.sheets[ws]
        return sheet

    def advance(self, ws, row: int) -> None:
        """Write every row of `ws` above `row`: its height, merges and cells."""
        self._write(ws, ws.take_rows(row))

    def close_rows(self, ws) -> None:
        """Write every row of `ws`; later rows may still be added."""
        self._write(ws, ws.take_all_rows())

    def _write(self, ws, rows) -> None:
        table = None
        for r, dim, merges, cells in rows:
            if table is None:  # a sheet starts with its first row
                table = self._sheet(ws).table
            if dim is not None and dim.height is not None:
                table.height(r, dim.height)
            covered: set = set()
            for m in merges:
                table.merge(*m, covered)
            table.write_row(r, cells, covered)

    def finish(self, handle) -> None:
        """The last rows, each sheet's settings, and the package written to `handle`."""
        try:
            for ws in self.wb.worksheets:
                self.close_rows(ws)
                self._sheet(ws).table.columns()
            package, sheets = self.package, []
            for i, ws in enumerate(self.wb.worksheets):
                sheet = self.sheets[ws]
                sheet.spill(0)  # the last row
                drawing_rid = package.settle(i, ws, sheet.table, lambda *_: ())
                xml = sheet_xml(ws, sheet.table, package.styles, i == 0, drawing_rid, SHEET_DATA)
                head, _, tail = xml.partition(SHEET_DATA)
                sheets.append((head, sheet, tail))
            package.write(handle, sheets, None)
        finally:
            for sheet in self.sheets.values():
                sheet.file.close()
            self._cleanup()
