"""The zip's own map of a workbook (content types → workbook part → its relationships), read
with defusedxml the way openpyxl finds it: which part holds which sheet, which listed sheets
are missing, and the date system."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from ecoscore.workbook import defused
from ecoscore.workbook.xlstd import (
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

WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)  # openpyxl's order of preference


@dataclass
class Package:
    """The zip's own map of the workbook, read as openpyxl reads it."""

    parts: dict[str, str]  # worksheet title → zip part, in the workbook's order (no chartsheets)
    missing: list[str]  # parts of sheets the workbook lists but the zip lacks
    overrides: dict[str, str]  # content type → first part name declared for it
    date1904: bool


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
                targets[rel.get("Id")] = (
                    target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target)),
                    "chartsheet" in (rel.get("Type") or ""),
                )
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
