"""An input workbook, open for reading, by one of two readers giving the same rows:

- `Book`, the reference: openpyxl's public read-only workbook (data-only: cells give the
  values Excel/WPS cached) and, beside it, the zip itself, whose sheets `outline` parses for
  what openpyxl's read-only mode does not tell;
- `fast.FastBook`, the accelerator (the default): our own single pass per sheet, giving the
  same values, types and number formats (tests/test_reader_paths.py holds it to that).

openpyxl keeps which zip part holds which sheet to itself, so the package's own map is read
by `package`; a sheet listed in the workbook but missing from the file — which openpyxl would
skip silently, losing its values — is a damaged file.
"""

from __future__ import annotations

import os
import zipfile

from ecoscore.core.model import FileProblem
from ecoscore.workbook import defused
from ecoscore.workbook.outline import sheet_rows
from ecoscore.workbook.package import Package, read_package

READER_ENV = "ECOSCORE_READER"
READERS = ("fast", "openpyxl", "both")  # the accelerator (default), the reference, both compared


def choice() -> str:
    """The reader ECOSCORE_READER asks for: "openpyxl" (the reference), "both" (each file read
    both ways and compared: a check, for the test suite), else the accelerator."""
    wanted = os.environ.get(READER_ENV, "").strip().lower()
    return wanted if wanted in READERS else "fast"


class Book:
    """The reference reader: openpyxl's read-only, data-only workbook (`wb`), and the zip for our
    own pass over each sheet (`outline.sheet_rows`)."""

    def __init__(self, wb, zf: zipfile.ZipFile, package: Package):
        self.wb, self.zip, self.package = wb, zf, package

    @property
    def worksheets(self):
        return self.wb.worksheets

    def rows(self, ws, cap: int, found, budget=None):
        return sheet_rows(self, ws, cap, found, budget)

    def open_part(self, title: str):
        return self.zip.open(self.package.parts[title])

    def close(self) -> None:
        self.wb.close()
        self.zip.close()


def open_workbook(handle, name: str, reader: str = "fast"):
    """The workbook in `handle` (a binary file), after refusing any part that declares XML
    entities, so no parser — ours or openpyxl's — ever parses one; `reader`: "fast" or "openpyxl"."""
    zf = zipfile.ZipFile(handle)
    try:
        defused.refuse_entities(zf)
        package = read_package(zf)
        if package.missing:
            raise FileProblem(
                f"“{name}”不完整：其中的工作表（{package.missing[0]}）缺失，可能是文件损坏或下载中断；"
                "请重新获取完整文件，或在 Excel/WPS 中打开修复后另存再试"
            )
        if reader == "fast":
            from ecoscore.workbook.fast import FastBook

            return FastBook(zf, package)
        from openpyxl import load_workbook  # the reference reader only: openpyxl takes 0.2 s to import
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = load_workbook(handle, read_only=True, data_only=True, keep_vba=False, keep_links=False)
        except InvalidFileException as exc:
            raise ValueError(str(exc)) from exc  # one of defused.UNREADABLE
    except BaseException:
        zf.close()
        raise
    return Book(wb, zf, package)
