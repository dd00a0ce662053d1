"""The texts of one field's row on an input sheet: the clause it belongs to, its label (with 选填,
仅当…时填写 and the data's year), the rule, the units, the key — and the value a cell holds for it."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import Field
from ecoscore.core.model import Location
from ecoscore.rubric import Rubric
from ecoscore.rubric.years import label_for_year
from ecoscore.workbook import layout as L
from ecoscore.workbook.xlstd import get_column_letter


def field_label(f: Field, rubric: Rubric, year: int | None = None) -> str:
    """The label as the template shows it: with the workbook's year words (`rubric.years`) and marks."""
    marks = ("（选填）" if f.optional else "") + ("（仅供对照，不计分）" if f.informational else "")
    if f.required_when is not None:
        marks += f"（仅当{f.required_when.text(rubric.catalogue)}时填写）"
    return label_for_year(f, rubric.year, year) + marks + (f"\n注：{f.note}" if f.note else "")


def field_cells(row: L.FieldRow, rubric: Rubric, year: int | None = None, names: dict | None = None) -> tuple:
    """The texts of one field row, in FIELD_COLUMNS order (the value column left as None); the
    units by the county's names where known (`names`, carried from last year)."""
    f, it = row.field, row.item
    if it is None:  # shared data: say which items use it; who provides it is not the rubric's concern
        clause, units, rule_text, evidence = used_by_text(row.used_by), (), "", ""
    else:
        clause = f"{it.id}. {it.name}" if it.points is not None else it.name
        units = it.units_for(f.rule) if f.rule else it.units
        rule_text, evidence = (row.rule.text if row.rule else ""), it.evidence
    units = tuple(dict.fromkeys((names or {}).get(u) or u for u in units))
    return (clause, f.rule, field_label(f, rubric, year), f.unit, None, rule_text, evidence, "、".join(units), f.key)


def template_cells(rubric: Rubric) -> dict[str, Location]:
    """Where each field's 填报值 cell is in a fresh input template (`template.field_sheet` writes the
    rows of `L.field_sheets` in this order, one per field, below the header row)."""
    column = get_column_letter(L.VALUE_COL)
    return {
        row.field.key: Location(sheet.name, f"{column}{L.HEADER_ROW + 1 + i}")
        for sheet in L.field_sheets(rubric)
        for i, row in enumerate(sheet.rows)
    }


def used_by_text(item_ids: tuple[str, ...]) -> str:
    names = {"B": "加分项", "P": "扣分项"}
    numbered = [i for i in item_ids if i not in names]
    parts = ([f"第 {'、'.join(numbered)} 条"] if numbered else []) + [names[i] for i in item_ids if i in names]
    return ("用于" + "及".join(parts)) if parts else ""


def value_for_cell(f: Field, raw):
    if isinstance(raw, bool) and f.kind == "bool":
        return "是" if raw else "否"
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else float(raw)
    return raw


def column_widths(texts: list[tuple], values: list) -> list[float]:
    """Wrapped columns keep their set width; the others widen to their longest text (keys are
    printed smaller, so they need less), up to a cap."""
    widths = []
    for i, (_, width, wrap) in enumerate(L.FIELD_COLUMNS):
        if not wrap:
            column = [v for v in values if v is not None] if i + 1 == L.VALUE_COL else [t[i] for t in texts if t[i]]
            scale = 0.85 if i + 1 == L.KEY_COL else 1.0
            width = min(max([width] + [L.text_width(str(v)) * scale + 2 for v in column]), 40)
        widths.append(width)
    return widths
