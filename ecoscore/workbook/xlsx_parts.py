"""The sheet settings of the in-memory workbook (`xlsx`): protection, page-setup properties, data
validations and conditional formats, each with the part of openpyxl's attributes the writers set."""

from __future__ import annotations

from ecoscore.workbook.xlsx_styles import (
    Font,
    PatternFill,
)


class SheetProtection:
    """openpyxl's flags and defaults: True means the action is protected (when `sheet` is on)."""

    FLAGS = {  # openpyxl name → XlsxWriter option (XlsxWriter's options say what stays *allowed*)
        "objects": "objects",
        "scenarios": "scenarios",
        "formatCells": "format_cells",
        "formatColumns": "format_columns",
        "formatRows": "format_rows",
        "insertColumns": "insert_columns",
        "insertRows": "insert_rows",
        "insertHyperlinks": "insert_hyperlinks",
        "deleteColumns": "delete_columns",
        "deleteRows": "delete_rows",
        "selectLockedCells": "select_locked_cells",
        "selectUnlockedCells": "select_unlocked_cells",
        "sort": "sort",
        "autoFilter": "autofilter",
        "pivotTables": "pivot_tables",
    }

    def __init__(self):
        self.sheet = False
        self.objects = self.scenarios = self.selectLockedCells = self.selectUnlockedCells = False
        self.formatCells = self.formatColumns = self.formatRows = self.insertColumns = self.insertRows = True
        self.insertHyperlinks = self.deleteColumns = self.deleteRows = self.sort = self.autoFilter = True
        self.pivotTables = True

    def options(self) -> dict:
        return {option: not getattr(self, flag) for flag, option in self.FLAGS.items()}


class PageSetupProperties:
    def __init__(self, fitToPage: bool = False):
        self.fitToPage = fitToPage


class Namespace:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class DataValidation:
    """A validation rule and the cells it covers (`add`), as openpyxl's."""

    def __init__(
        self,
        type=None,
        operator=None,
        formula1=None,
        formula2=None,
        allow_blank=False,
        showInputMessage=False,
        showErrorMessage=False,
        promptTitle=None,
        prompt=None,
        errorTitle=None,
        error=None,
        errorStyle="stop",
    ):
        self.type, self.operator, self.formula1, self.formula2 = type, operator, formula1, formula2
        self.allow_blank, self.showInputMessage, self.showErrorMessage = allow_blank, showInputMessage, showErrorMessage
        self.promptTitle, self.prompt, self.errorTitle, self.error = promptTitle, prompt, errorTitle, error
        self.errorStyle = errorStyle
        self.sqref: list[str] = []

    def add(self, ref: str) -> None:
        self.sqref.append(ref)


class CellIsRule:
    """A conditional format: cells whose value compares so (`operator`, `formula`) get `fill` and `font`."""

    __slots__ = ("operator", "formula", "fill", "font")

    def __init__(self, operator: str, formula: list, fill: PatternFill | None = None, font: Font | None = None):
        self.operator, self.formula, self.fill, self.font = operator, formula, fill, font


class ConditionalFormatting(list):
    def add(self, ref: str, rule: CellIsRule) -> None:
        self.append((ref, rule))
