"""The cells and row/column dimensions of the writers' backend (`xlsx`): a cell keeps only what is
set on it; a table writer's cell may stay a (value, style, quote) tuple until asked for
(`Worksheet.put_value`, `unpacked`)."""

from __future__ import annotations

from ecoscore.workbook.xlstd import get_column_letter
from ecoscore.workbook.xlsx_styles import Alignment, Border, Font, Hyperlink, PatternFill, Protection


class Cell:
    """One cell. The defaults are class attributes: a cell stores only what was set on it, and
    making one costs two assignments."""

    value: object = None
    data_type = "n"
    number_format = "General"
    font: Font | None = None
    fill: PatternFill | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    protection: Protection | None = None
    hyperlink: Hyperlink | str | None = None
    quotePrefix = False

    def __init__(self, row: int, column: int):
        self.row, self.column = row, column

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


def unpacked(row: int, column: int, packed: tuple) -> Cell:
    """The `Cell` of a cell stored by `Worksheet.put_value`."""
    value, style, quote = packed
    c = Cell(row, column)
    c.__dict__.update(style)
    c.value = value
    if isinstance(value, str):
        c.data_type = "s"
    if quote:
        c.quotePrefix = True
    return c


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


class Dimensions(dict):
    def __init__(self, factory):
        super().__init__()
        self._factory = factory

    def __missing__(self, key):
        value = self[key] = self._factory()
        return value


class RowDimensions(Dimensions):
    """A sheet's row heights; in a streaming workbook a row already written cannot be changed."""

    def __init__(self, ws):
        super().__init__(RowDimension)
        self._ws = ws

    def __missing__(self, key):
        if key <= self._ws._written:
            raise ValueError(f"{self._ws.title}: row {key} is already written (rows are written in order)")
        return super().__missing__(key)
