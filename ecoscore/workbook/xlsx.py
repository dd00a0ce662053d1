"""The writers' backend: a workbook held in memory with the small part of openpyxl's worksheet API
that the content functions use (cells and their styles, merges, dimensions, validations,
conditional formats, a bar chart, panes, print setup, protection), saved by our own xlsx writer
(`ooxml`), which writes the parts XlsxWriter 3.3.1 would write for it, byte for byte.

The content functions (`scored`, `scored_sheets`, `summary`, `template`, …) decide what goes in
which cell. XlsxWriter itself is the reference (`REFERENCE`: `xlsx_save`, `xlsx_stream`, a test
dependency only), against which tests/test_ooxml_oracle.py checks every part.

- Styles are small immutable values (`Font`, `PatternFill`, `Border`, …) named and built as in
  openpyxl, equal ones one object (`xlsx_styles`); each distinct combination becomes one
  cell format per workbook (`ooxml.styles`).
- Cells are kept by row (row → column → cell); a streaming workbook (`Workbook(streaming=True)`,
  `ooxml.stream`) hands each row to the writer once a later row is written.
- Text is always written as text (a shared or inline string), never as a formula: text starting
  with = + - @ stays text (`layout.put` also gives it a quote prefix, so it stays literal after
  the user edits it).
- Column widths and row heights are given in openpyxl's sense (the values stored in the file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecoscore.workbook.xlstd import get_column_letter
from ecoscore.workbook.xlsx_cells import Cell, ColumnDimension, Dimensions, RowDimension, RowDimensions, unpacked
from ecoscore.workbook.xlsx_chart import BarChart, DataLabelList, Reference
from ecoscore.workbook.xlsx_parts import (
    CellIsRule,
    ConditionalFormatting,
    DataValidation,
    Namespace,
    PageSetupProperties,
    SheetProtection,
)
from ecoscore.workbook.xlsx_styles import (
    Alignment,
    Border,
    Break,
    Font,
    Hyperlink,
    PatternFill,
    Protection,
    Side,
    cell_index,
    range_index,
)

__all__ = [
    "Alignment",
    "BarChart",
    "Border",
    "Break",
    "CellIsRule",
    "DataLabelList",
    "DataValidation",
    "Font",
    "Hyperlink",
    "PageSetupProperties",
    "PatternFill",
    "Protection",
    "Reference",
    "Side",
    "Workbook",
    "get_column_letter",
]

PAPERSIZE_A4 = "9"
# True: save through XlsxWriter (`xlsx_save`, `xlsx_stream`), the reference our writer (`ooxml`) is
# checked against (tests/test_ooxml_oracle.py); read when a workbook is created and saved
REFERENCE = False


# ---- worksheet and workbook ----------------------------------------------------------------------
class Worksheet:
    PAPERSIZE_A4 = PAPERSIZE_A4

    def __init__(self, parent: Workbook, title: str):
        self.parent, self._title = parent, title
        self._rows: dict[int, dict] = {}  # row → column → `Cell`, or (value, style, quote) from `put_value`
        self._written = 0  # streaming: the rows up to this one are with the writer (`take_rows`)
        self._last = 0  # the highest row holding a cell
        self.merged: list[tuple[int, int, int, int]] = []
        self.row_dimensions: dict[int, RowDimension] = RowDimensions(self)
        self.column_dimensions: dict[str, ColumnDimension] = Dimensions(ColumnDimension)
        self.column_ranges: list[tuple[int, int, float]] = []  # (first, last column, width): `set_widths`
        self.freeze_panes: str | None = None
        self.auto_filter = Namespace(ref=None)
        self.protection = SheetProtection()
        self.sheet_properties = Namespace(tabColor=None, pageSetUpPr=None)
        self.page_setup = Namespace(paperSize=None, orientation=None, fitToWidth=None, fitToHeight=None)
        self.page_margins = Namespace(left=0.7, right=0.7, top=0.75, bottom=0.75, header=0.3, footer=0.3)
        self.oddFooter = Namespace(center=Namespace(text=None, font=None))
        self.print_title_rows: str | None = None
        self.row_breaks: list[Break] = []
        self.data_validations: list[DataValidation] = []
        self.conditional_formatting = ConditionalFormatting()
        self.charts: list[tuple[BarChart, str]] = []

    @property
    def title(self) -> str:
        return self._title

    @title.setter
    def title(self, title: str) -> None:
        stream = self.parent._stream
        if stream is not None and stream.started(self):
            raise ValueError(f"{self._title}: a sheet already being written cannot be renamed")
        self._title = title

    def _row(self, row: int) -> dict:
        cells = self._rows.get(row)
        if cells is None:
            if row > self._last:
                stream = self.parent._stream
                if stream is not None:
                    stream.advance(self, row)  # the rows above go to XlsxWriter
                self._last = row
            elif row <= self._written:
                raise ValueError(f"{self._title}: row {row} is already written (rows are written in order)")
            cells = self._rows[row] = {}
        return cells

    def cell(self, row: int, column: int) -> Cell:
        cells = self._rows.get(row)
        if cells is None:
            cells = self._row(row)
        c = cells.get(column)
        if c is None:
            c = cells[column] = Cell(row, column)
        elif c.__class__ is tuple:  # written by `put_value`: made a cell when asked for
            c = cells[column] = unpacked(row, column, c)
        return c

    def put_value(self, row: int, column: int, value, style: dict, quote: bool) -> bool:
        """Store a new cell as (value, style, quote) without making a `Cell` (the table writers'
        many cells); False when the cell exists already (the caller then sets it as a `Cell`)."""
        cells = self._rows.get(row)
        if cells is None:
            cells = self._row(row)
        if column in cells:
            return False
        cells[column] = (value, style, quote)
        return True

    def put_row(self, row: int, packed: list[tuple]) -> list[int]:
        """`put_value` of a row's cells from column 1, each (value, style, quote); returns the
        columns that hold a cell already (the caller sets those as a `Cell`)."""
        if not packed:
            return []  # no cell: the row is not started (as no `put_value` call starts it)
        cells = self._rows.get(row)
        if cells is None:
            cells = self._row(row)
        taken = []
        for column, cell in enumerate(packed, start=1):
            if column in cells:
                taken.append(column)
            else:
                cells[column] = cell
        return taken

    def __getitem__(self, ref: str) -> Cell:
        return self.cell(*cell_index(ref))

    @property
    def max_row(self) -> int:
        return max(self._last, 1)

    def merge_cells(self, range_string=None, start_row=None, start_column=None, end_row=None, end_column=None):
        if range_string is not None:
            start_row, start_column, end_row, end_column = range_index(range_string)
        if self.parent._stream is not None and (start_row <= self._written or end_row != start_row):
            raise ValueError(f"{self._title}: a streaming sheet merges cells of its current row only")
        self.merged.append((start_row, start_column, end_row, end_column))

    def set_widths(self, first: int, last: int, width: float) -> None:
        """Columns `first` to `last` (1-based) `width` wide: one entry however many columns (the
        county columns of 汇总.xlsx), where `column_dimensions` would keep one per column."""
        self.column_ranges.append((first, last, width))

    def add_data_validation(self, dv: DataValidation) -> None:
        self.data_validations.append(dv)

    def add_chart(self, chart: BarChart, anchor: str) -> None:
        self.charts.append((chart, anchor))

    def take_rows(self, below: int) -> Iterator[tuple[int, RowDimension | None, list[tuple[int, int, int, int]], dict]]:
        """Streaming: the rows above `below` not yet handed to the writer, in order, each as (row,
        its dimension or None, the merges starting in it, its cells); each leaves the sheet once the
        writer has taken it (a merge reads its anchor cell's style from the sheet). Used by
        `ooxml.stream`, and by `xlsx_stream` for the reference writer. A row's height is written
        with its cells, so a row with a height and no cell is refused."""
        dims, merged = self.row_dimensions, self.merged
        due = {r for r in self._rows if r < below}
        due.update(r for r in dims if r < below)
        due.update(m[0] for m in merged if m[0] < below)
        for r in sorted(due):
            dim = dims.pop(r, None)
            if dim is not None and dim.height is not None and r not in self._rows:
                raise ValueError(f"{self._title}: row {r} has a height but no cell")
            starting = [m for m in merged if m[0] == r]
            for m in starting:
                merged.remove(m)
            yield r, dim, starting, self._rows.get(r, {})
            self._rows.pop(r, None)
        self._written = below - 1

    def take_all_rows(self) -> Iterator[tuple[int, RowDimension | None, list[tuple[int, int, int, int]], dict]]:
        """Streaming: `take_rows` of every row so far; later rows may still be added."""
        last = max(self._last, *self.row_dimensions, *(m[0] for m in self.merged), 0)
        yield from self.take_rows(last + 1)
        self._last = last


class Workbook:
    """One sheet to begin with (`active`, named "Sheet"), as openpyxl's.

    `streaming=True`: each sheet hands a row to XlsxWriter (in its constant_memory mode) as soon as
    a later row of that sheet gets a cell, and all its rows when the next sheet is created, so
    neither holds more than a row or so per sheet, however many rows are written (`xlsx_stream`).
    Rows must then be written in order; a row already handed on cannot be changed (ValueError);
    merges span one row; text is stored inline, not shared."""

    def __init__(self, streaming: bool = False):
        self._stream = None
        if streaming:
            if REFERENCE:
                from ecoscore.workbook.xlsx_stream import Stream
            else:
                from ecoscore.workbook.ooxml.stream import Stream  # type: ignore[assignment]

            try:
                self._stream = Stream(self)
            except OSError:  # no temporary folder to stream through: held in memory, saved as before
                self._stream = None
        if self._stream is None and not REFERENCE:
            # the writer loads with the workbook, not when it is saved: Ctrl-C during an import is
            # held until the command ends (`cli_run.on_signal`), and the save has its temporary file open
            import ecoscore.workbook.ooxml.package  # noqa: F401
        self.worksheets: list[Worksheet] = [Worksheet(self, "Sheet")]
        self.properties = Namespace(creator=None, title=None)

    @property
    def active(self) -> Worksheet:
        return self.worksheets[0]

    @property
    def sheetnames(self) -> list[str]:
        return [ws.title for ws in self.worksheets]

    def create_sheet(self, title: str) -> Worksheet:
        """A new last sheet; a title already taken (in any case) gets the next number, as openpyxl does."""
        taken = [n for n in self.sheetnames if n.lower() == title.lower()]
        if taken:
            found = re.findall(f"(?P<title>{re.escape(title)})(?P<count>\\d*),?", ",".join(self.sheetnames), re.I)
            title = f"{title}{max([int(n) for _, n in found if n.isdigit()], default=0) + 1}"
        if self._stream is not None:  # the sheets before are done with: their last rows go on too
            for done in self.worksheets:
                self._stream.close_rows(done)
        ws = Worksheet(self, title)
        self.worksheets.append(ws)
        return ws

    def remove(self, ws: Worksheet) -> None:
        if self._stream is not None and self._stream.started(ws):
            raise ValueError(f"{ws.title}: a sheet already being written cannot be removed")
        self.worksheets.remove(ws)

    def __getitem__(self, name: str) -> Worksheet:
        for ws in self.worksheets:
            if ws.title == name:
                return ws
        raise KeyError(f"Worksheet {name} does not exist.")

    def __contains__(self, name: str) -> bool:
        return name in self.sheetnames

    def save(self, handle) -> None:
        """Write the workbook as .xlsx to a binary file object (`atomic.save_atomic` gives a temporary file)."""
        if self._stream is not None:
            self._stream.finish(handle)
        elif REFERENCE:
            from ecoscore.workbook.xlsx_save import render

            render(self, handle)
        else:
            from ecoscore.workbook.ooxml.package import save

            save(self, handle)
