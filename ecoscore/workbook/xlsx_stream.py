"""The reference writer's streaming mode (tests only, `xlsx.REFERENCE`; `ooxml.stream` writes the
files). The streaming mode of the writers' backend (`xlsx.Workbook(streaming=True)`), for 汇总.xlsx, whose
size grows with the batch: each sheet hands its rows to XlsxWriter as soon as a later row of the
sheet gets a cell (`Worksheet.cell` calls `advance`), and XlsxWriter, in its constant_memory mode,
writes each row to a temporary file once the next one starts. Neither side holds more than a row
or so per sheet, however many counties the rows are for.

What stays until the save is per sheet, not per row: column widths, validations, conditional
formats, print setup, charts (written by `finish`, as `xlsx_save` does for a workbook in memory),
and what XlsxWriter itself keeps for the file's later parts: a row's height, a hyperlink.

constant_memory's rules hold for the content functions: rows in ascending order in each sheet
(a row already handed on cannot be changed: ValueError), merges within one row, the sheet's name
fixed once its first row is written. Text is stored as inline strings, not in a shared table;
what a reader gets back is the same text.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref

from ecoscore.workbook.xlsx_save import Formats, merge, new_book, set_properties, write_row
from ecoscore.workbook.xlsx_settings import render_columns, render_settings, row_height


class _LateFile:
    """The file XlsxWriter writes the package to: only known when the workbook is saved (`save_atomic`
    gives a temporary file then), while XlsxWriter is created with the workbook."""

    def __init__(self):
        self.target = None

    def write(self, data) -> int:
        return self.target.write(data)

    def tell(self) -> int:
        return self.target.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.target.seek(offset, whence)

    def flush(self) -> None:
        self.target.flush()

    def seekable(self) -> bool:
        return True


class Stream:
    def __init__(self, wb):
        self.wb = wb
        self.file = _LateFile()
        # XlsxWriter's row files go to a folder of our own, removed when done or given up
        self.folder = tempfile.mkdtemp(prefix="ecoscore-xlsx-")
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.book = new_book(self.file, constant_memory=True, tmpdir=self.folder)
        self.formats = Formats(self.book)
        self.sheets: dict = {}  # facade sheet → its XlsxWriter worksheet, in the workbook's order

    def started(self, ws) -> bool:
        return ws in self.sheets

    def _sheet(self, ws):
        xs = self.sheets.get(ws)
        if xs is None:  # create the sheets before it too: XlsxWriter orders sheets as they are added
            for other in self.wb.worksheets:
                if other not in self.sheets:
                    self.sheets[other] = self.book.add_worksheet(other.title)
                if other is ws:
                    break
            xs = self.sheets[ws]
        return xs

    def advance(self, ws, row: int) -> None:
        """Hand every row of `ws` above `row` to XlsxWriter: its height, merges and cells."""
        self._write(ws, ws.take_rows(row))

    def close_rows(self, ws) -> None:
        """Hand every row of `ws` to XlsxWriter; later rows may still be added."""
        self._write(ws, ws.take_all_rows())

    def _write(self, ws, rows) -> None:
        xs = None
        for r, dim, merges, cells in rows:
            if xs is None:  # a sheet starts with its first row
                xs = self._sheet(ws)
            if dim is not None:
                row_height(xs, r, dim)
            covered: set = set()
            for m in merges:
                merge(xs, self.formats, ws, *m, covered)
            write_row(xs, self.formats, r, cells, covered)

    def finish(self, handle) -> None:
        """The last rows, each sheet's settings, and the package written to `handle`."""
        try:
            self.file.target = handle
            set_properties(self.wb, self.book)
            for ws in self.wb.worksheets:
                self.close_rows(ws)
                xs = self._sheet(ws)
                render_columns(ws, xs, self.formats)
                render_settings(ws, xs, self.formats, self.book)
            self.book.close()
        finally:
            self._cleanup()
