"""The zip's own map of a workbook (content types → workbook part → its relationships), read
with our defused expat parser (`defused.parser`) the way openpyxl finds it: which part holds which
sheet, which listed sheets are missing, and the date system."""

from __future__ import annotations

import posixpath
import zipfile

from ecoscore.core.record import record
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


@record
class Package:
    """The zip's own map of the workbook, read as openpyxl reads it."""

    parts: dict[str, str]  # worksheet title → zip part, in the workbook's order (no chartsheets)
    missing: list[str]  # parts of sheets the workbook lists but the zip lacks
    overrides: dict[str, str]  # content type → first part name declared for it
    date1904: bool


def elements(zf: zipfile.ZipFile, part: str, *tags: str) -> dict[str, list[tuple[int, dict]]]:
    """The attributes of each element of a (small) part named one of `tags` ("namespace}local",
    as `defused.parser` names them), in document order, with its depth (1: the root)."""
    found: dict[str, list[tuple[int, dict]]] = {t: [] for t in tags}
    depth = 0

    def start(tag, attrib):
        nonlocal depth
        depth += 1
        if tag in found:
            found[tag].append((depth, attrib))

    def end(tag):
        nonlocal depth
        depth -= 1

    with zf.open(part) as fh:
        defused.feed(defused.parser(start, end), fh)
    return found


def read_package(zf: zipfile.ZipFile) -> Package:
    override, default = f"{CONTYPES_NS}}}Override", f"{CONTYPES_NS}}}Default"
    types = elements(zf, ARC_CONTENT_TYPES, override, default)
    overrides: dict[str, str] = {}
    for _, o in types[override]:
        overrides.setdefault(o.get("ContentType"), o.get("PartName") or "")
    wb_part = _workbook_part(overrides, {d.get("ContentType") for _, d in types[default]})
    folder, file = posixpath.split(wb_part)
    rels_part = posixpath.join(folder, "_rels", file + ".rels")
    names = set(zf.namelist())
    targets = {}
    if rels_part in names:
        relationship = f"{PKG_REL_NS}}}Relationship"
        for _, rel in elements(zf, rels_part, relationship)[relationship]:
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External":
                targets[rel.get("Id")] = (
                    target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target)),
                    "chartsheet" in (rel.get("Type") or ""),
                )
    sheet_tag, props_tag = f"{SHEET_MAIN_NS}}}sheet", f"{SHEET_MAIN_NS}}}workbookPr"
    workbook = elements(zf, wb_part, sheet_tag, props_tag)
    parts, missing = {}, []
    for _, sheet in workbook[sheet_tag]:
        target, chart = targets.get(sheet.get(f"{REL_NS}}}id"), (None, False))
        if target is None:
            continue  # openpyxl drops such a sheet too (an invalid specification)
        if target not in names:
            missing.append(target)
        elif not chart:
            parts[sheet.get("name")] = target
    props = [attrib for depth, attrib in workbook[props_tag] if depth == 2]  # the root's own (ElementTree's find)
    flag = props[0].get("date1904") if props else None
    return Package(parts, missing, overrides, flag is not None and flag not in ("false", "f", "0"))


def _workbook_part(overrides: dict[str, str], defaults: set) -> str:
    """The workbook part as openpyxl finds it: by its content type, else the default location."""
    for kind in WORKBOOK_TYPES:
        if kind in overrides:
            return overrides[kind][1:]
    if defaults & set(WORKBOOK_TYPES):
        return ARC_WORKBOOK
    raise OSError("File contains no valid workbook part")
