"""An input workbook, open for reading: openpyxl's public read-only workbook (data-only: cells
give the values Excel/WPS cached) and, beside it, the zip itself, whose parts `outline` parses
for what openpyxl's read-only mode does not tell.

openpyxl keeps which zip part holds which sheet to itself, so the package's own map is read
here (content types → workbook part → its relationships), with defusedxml, as openpyxl finds
it; and a sheet listed in the workbook but missing from the file — which openpyxl would skip
silently, losing its values — is a damaged file.
"""

from __future__ import annotations

import posixpath
import zipfile

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

WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)  # openpyxl's order of preference


class Book:
    """`wb`: openpyxl's read-only, data-only workbook; `open_part(title)`: the sheet's XML."""

    def __init__(self, wb, zf: zipfile.ZipFile, parts: dict[str, str]):
        self.wb, self.zip, self.parts = wb, zf, parts

    @property
    def worksheets(self):
        return self.wb.worksheets

    def open_part(self, title: str):
        return self.zip.open(self.parts[title])

    def close(self) -> None:
        self.wb.close()
        self.zip.close()


def open_workbook(handle, name: str) -> Book:
    """The workbook in `handle` (a binary file), after refusing any part that declares XML
    entities, so openpyxl never parses one."""
    zf = zipfile.ZipFile(handle)
    try:
        defused.refuse_entities(zf)
        parts, missing = _sheet_parts(zf)
        if missing:
            raise FileProblem(f"“{name}”不完整：其中的工作表（{missing[0]}）缺失，可能是文件损坏或下载中断；"
                              "请重新获取完整文件，或在 Excel/WPS 中打开修复后另存再试")
        wb = load_workbook(handle, read_only=True, data_only=True, keep_vba=False, keep_links=False)
    except BaseException:
        zf.close()
        raise
    return Book(wb, zf, parts)


def _root(zf: zipfile.ZipFile, part: str):
    with zf.open(part) as fh:
        for _, el in defused.iterparse(fh):
            root = el  # the last element to end is the root
    return root


def _workbook_part(zf: zipfile.ZipFile) -> str:
    """The workbook part as openpyxl finds it: by its content type, else the default location."""
    overrides = {}
    for o in _root(zf, ARC_CONTENT_TYPES).iter(f"{{{CONTYPES_NS}}}Override"):
        overrides.setdefault(o.get("ContentType"), o.get("PartName") or "")
    for kind in WORKBOOK_TYPES:
        if kind in overrides:
            return overrides[kind].lstrip("/")
    return ARC_WORKBOOK


def _sheet_parts(zf: zipfile.ZipFile) -> tuple[dict[str, str], list[str]]:
    """sheet title → zip part, and the parts listed but absent."""
    wb_part = _workbook_part(zf)
    folder, file = posixpath.split(wb_part)
    rels_part = posixpath.join(folder, "_rels", file + ".rels")
    names = set(zf.namelist())
    targets = {}
    if rels_part in names:
        for rel in _root(zf, rels_part).iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External":
                targets[rel.get("Id")] = (target[1:] if target.startswith("/")
                                          else posixpath.normpath(posixpath.join(folder, target)))
    parts, missing = {}, []
    for sheet in _root(zf, wb_part).iter(f"{{{SHEET_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL_NS}}}id"))
        if target is None:
            continue  # openpyxl drops such a sheet too (an invalid specification)
        if target in names:
            parts[sheet.get("name")] = target
        else:
            missing.append(target)
    return parts, missing
