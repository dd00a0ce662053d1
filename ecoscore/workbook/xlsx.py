"""The writers' backend: a workbook held in memory with the small part of openpyxl's worksheet API
that the content functions use (cells and their styles, merges, dimensions, validations,
conditional formats, a bar chart, panes, print setup, protection), saved with XlsxWriter.

The content functions (`scored`, `scored_sheets`, `summary`, `template`, …) decide what goes in
which cell, as before; only their imports changed. XlsxWriter writes the file once, in one pass,
in about half of openpyxl's time, and importing it costs a few milliseconds (no numpy).

- Styles are small frozen values (`Font`, `PatternFill`, `Border`, …) named and built as in
  openpyxl; each distinct combination becomes one XlsxWriter Format per workbook (`_Formats`).
- Text is written with `write_string`, never `write`: text starting with = + - @ stays text
  (`layout.put` also gives it a quote prefix, so it stays literal after the user edits it).
- Column widths and row heights are given in openpyxl's sense (the values stored in the file) and
  reach XlsxWriter through its pixel setters, which store them unrounded: the file holds the same
  numbers as before.
"""

from __future__ import annotations

import re

from ecoscore.workbook.xlstd import get_column_letter
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


# ---- cells, dimensions, sheet settings ---------------------------------------------------------
class Cell:
    __slots__ = (
        "row",
        "column",
        "value",
        "data_type",
        "number_format",
        "font",
        "fill",
        "border",
        "alignment",
        "protection",
        "quotePrefix",
        "hyperlink",
    )

    def __init__(self, row: int, column: int):
        self.row, self.column = row, column
        self.value = None
        self.data_type = "n"
        self.number_format = "General"
        self.font = self.fill = self.border = self.alignment = self.protection = self.hyperlink = None
        self.quotePrefix = False

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def style_key(self) -> tuple:
        return (
            self.font,
            self.fill,
            self.border,
            self.alignment,
            self.number_format,
            self.protection,
            self.quotePrefix,
        )


class RowDimension:
    __slots__ = ("height",)

    def __init__(self):
        self.height: float | None = None


class ColumnDimension:
    __slots__ = ("width", "font", "fill", "border", "protection", "number_format")

    def __init__(self):
        self.width: float | None = None
        self.font = self.fill = self.border = self.protection = None
        self.number_format = "General"

    def style_key(self) -> tuple:
        return (self.font, self.fill, self.border, None, self.number_format, self.protection, False)


class _Dimensions(dict):
    def __init__(self, factory):
        super().__init__()
        self._factory = factory

    def __missing__(self, key):
        value = self[key] = self._factory()
        return value


# ---- worksheet and workbook ----------------------------------------------------------------------
class Worksheet:
    PAPERSIZE_A4 = PAPERSIZE_A4

    def __init__(self, parent: Workbook, title: str):
        self.parent, self.title = parent, title
        self._cells: dict[tuple[int, int], Cell] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.row_dimensions: dict[int, RowDimension] = _Dimensions(RowDimension)
        self.column_dimensions: dict[str, ColumnDimension] = _Dimensions(ColumnDimension)
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

    def cell(self, row: int, column: int) -> Cell:
        c = self._cells.get((row, column))
        if c is None:
            c = self._cells[(row, column)] = Cell(row, column)
        return c

    def __getitem__(self, ref: str) -> Cell:
        return self.cell(*cell_index(ref))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self._cells), default=1)

    def merge_cells(self, range_string=None, start_row=None, start_column=None, end_row=None, end_column=None):
        if range_string is not None:
            start_row, start_column, end_row, end_column = range_index(range_string)
        self.merged.append((start_row, start_column, end_row, end_column))

    def add_data_validation(self, dv: DataValidation) -> None:
        self.data_validations.append(dv)

    def add_chart(self, chart: BarChart, anchor: str) -> None:
        self.charts.append((chart, anchor))


class Workbook:
    """One sheet to begin with (`active`, named "Sheet"), as openpyxl's."""

    def __init__(self):
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
        ws = Worksheet(self, title)
        self.worksheets.append(ws)
        return ws

    def remove(self, ws: Worksheet) -> None:
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
        from ecoscore.workbook.xlsx_save import render

        render(self, handle)
