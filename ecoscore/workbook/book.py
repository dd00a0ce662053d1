"""An input workbook, open for reading, by one of two readers giving the same rows:

- `Book`, the reference: openpyxl's public read-only workbook (data-only: cells give the
  values Excel/WPS cached) and, beside it, the zip itself, whose sheets `outline` parses for
  what openpyxl's read-only mode does not tell;
- `fast.FastBook`, the accelerator (the default): our own single pass per sheet, giving the
  same values, types and number formats (tests/test_reader_paths.py holds it to that).

openpyxl keeps which zip part holds which sheet to itself, so the package's own map is read
here (content types → workbook part → its relationships), with defusedxml, as openpyxl finds
it; and a sheet listed in the workbook but missing from the file — which openpyxl would skip
silently, losing its values — is a damaged file.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_WORKBOOK,
    CONTYPES_NS,
    PKG_REL_NS,
    REL_NS,
    SHEET_MAIN_NS,
    XLSM,
    XLSX,
    XLTM,
    XLTX,
)

from ecoscore.model import FileProblem
from ecoscore.workbook import defused
from ecoscore.workbook.outline import sheet_rows

WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)  # openpyxl's order of preference
READER_ENV = "ECOSCORE_READER"
READERS = ("fast", "openpyxl", "both")  # the accelerator (default), the reference, both compared


def choice() -> str:
    """The reader ECOSCORE_READER asks for: "openpyxl" (the reference), "both" (each file read
    both ways and compared: a check, for the test suite), else the accelerator."""
    wanted = os.environ.get(READER_ENV, "").strip().lower()
    return wanted if wanted in READERS else "fast"


@dataclass
class Package:
    """The zip's own map of the workbook, read as openpyxl reads it."""

    parts: dict[str, str]  # worksheet title → zip part, in the workbook's order (no chartsheets)
    missing: list[str]  # parts of sheets the workbook lists but the zip lacks
    overrides: dict[str, str]  # content type → first part name declared for it
    date1904: bool


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
            raise FileProblem(f"“{name}”不完整：其中的工作表（{package.missing[0]}）缺失，可能是文件损坏或下载中断；"
                              "请重新获取完整文件，或在 Excel/WPS 中打开修复后另存再试")
        if reader == "fast":
            from ecoscore.workbook.fast import FastBook

            return FastBook(zf, package)
        wb = load_workbook(handle, read_only=True, data_only=True, keep_vba=False, keep_links=False)
    except BaseException:
        zf.close()
        raise
    return Book(wb, zf, package)


def root(zf: zipfile.ZipFile, part: str):
    """A (small) part's root element."""
    with zf.open(part) as fh:
        for _, el in defused.iterparse(fh):
            top = el  # the last element to end is the root
    return top


def read_package(zf: zipfile.ZipFile) -> Package:
    overrides: dict[str, str] = {}
    types = root(zf, ARC_CONTENT_TYPES)
    for o in types.iter(f"{{{CONTYPES_NS}}}Override"):
        overrides.setdefault(o.get("ContentType"), o.get("PartName") or "")
    wb_part = _workbook_part(overrides, {d.get("ContentType") for d in types.iter(f"{{{CONTYPES_NS}}}Default")})
    folder, file = posixpath.split(wb_part)
    rels_part = posixpath.join(folder, "_rels", file + ".rels")
    names = set(zf.namelist())
    targets = {}
    if rels_part in names:
        for rel in root(zf, rels_part).iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External":
                targets[rel.get("Id")] = (target[1:] if target.startswith("/")
                                          else posixpath.normpath(posixpath.join(folder, target)),
                                          "chartsheet" in (rel.get("Type") or ""))
    workbook = root(zf, wb_part)
    parts, missing = {}, []
    for sheet in workbook.iter(f"{{{SHEET_MAIN_NS}}}sheet"):
        target, chart = targets.get(sheet.get(f"{{{REL_NS}}}id"), (None, False))
        if target is None:
            continue  # openpyxl drops such a sheet too (an invalid specification)
        if target not in names:
            missing.append(target)
        elif not chart:
            parts[sheet.get("name")] = target
    props = workbook.find(f"{{{SHEET_MAIN_NS}}}workbookPr")
    flag = props.get("date1904") if props is not None else None
    return Package(parts, missing, overrides, flag is not None and flag not in ("false", "f", "0"))


def _workbook_part(overrides: dict[str, str], defaults: set) -> str:
    """The workbook part as openpyxl finds it: by its content type, else the default location."""
    for kind in WORKBOOK_TYPES:
        if kind in overrides:
            return overrides[kind][1:]
    if defaults & set(WORKBOOK_TYPES):
        return ARC_WORKBOOK
    raise OSError("File contains no valid workbook part")
