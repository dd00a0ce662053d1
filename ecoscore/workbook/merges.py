"""Merged cells on an input sheet: a value cell inside a merged range takes the range's value (the
top-left cell holds it), and a range spanning two value cells is an error naming both, never a silent copy."""

from __future__ import annotations

from ecoscore.core.fields import SECTION_COLUMNS
from ecoscore.core.model import Problem
from ecoscore.workbook.cells import Slot, slot
from ecoscore.workbook.xlstd import coordinate_to_tuple, get_column_letter


def merged_value(s: Slot, merges: list[tuple[int, int, int, int]], filled: dict, formulas: dict) -> Slot:
    """A value cell inside a merged range reads the range's top-left cell (where Excel keeps the value)."""
    if (
        s.value is not None
        or s.formula is not None
        or not merges
        or s.target[0] in ("missing_column", "sections_table")
    ):
        return s
    r, c = coordinate_to_tuple(s.location.cell)
    for r0, c0, r1, c1 in merges:
        if r0 <= r <= r1 and c0 <= c <= c1 and (r0, c0) in filled:
            top = slot(("top",), s.location.sheet, filled[(r0, c0)], r0, c0, formulas)
            return Slot(s.target, top.location, top.value, top.data_type, top.number_format, top.formula)
    return s


def merged_across(sheet_slots: list[Slot], merges: list[tuple[int, int, int, int]]) -> list[Problem]:
    """A merged range over the value cells of two fields (or two section cells): Excel keeps one
    value for the range, so the second would silently read the first's. An error naming both."""
    problems: list[Problem] = []
    if not merges:
        return problems
    value_slots = [
        (coordinate_to_tuple(s.location.cell), s) for s in sheet_slots if s.target[0] in ("value", "section", "meta")
    ]
    for r0, c0, r1, c1 in merges:
        inside = [s for (r, c), s in value_slots if r0 <= r <= r1 and c0 <= c <= c1]
        if len(inside) < 2 or all(s.value is None for s in inside):  # blank throughout: nothing is copied
            continue
        first, second = inside[0], inside[1]
        ref = f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"
        problems.append(
            Problem(
                "merged_cells",
                f"合并单元格 {ref} 同时覆盖了 {first.location.cell}（{_slot_name(first)}）和 {second.location.cell}"
                f"（{_slot_name(second)}）两个填报值单元格：合并后只保存一个值，{second.location.cell} 会被误读成 "
                f"{first.location.cell} 的值；请取消合并后分别填写",
                key=first.target[1] if first.target[0] == "value" else None,
                location=first.location,
                expected="每个填报值单独一个单元格（不与其他填报值合并）",
            )
        )
    return problems


def _slot_name(s: Slot) -> str:
    kind = s.target[0]
    if kind == "value":
        return str(s.target[1])
    if kind == "section":
        return f"断面表第 {s.target[1]} 行“{SECTION_COLUMNS.get(s.target[2], s.target[2])}”"
    return str(s.target[1])
