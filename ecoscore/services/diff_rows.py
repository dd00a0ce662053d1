"""The row builders of `ecoscore diff`: items, sub-rule lines and input fields of two sides,
matched by id, rule and key (pure; no pandas)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ecoscore.core.fields import SECTION_COLUMNS, class_name, section_key
from ecoscore.core.model import Report
from ecoscore.rubric import Rubric
from ecoscore.services.load import UNKNOWN
from ecoscore.sources.inputs import InputData

ZERO = Decimal(0)


class Side(NamedTuple):
    data: InputData
    report: Report


def item_rows(report: Report) -> list[dict]:
    """The 39 items, then B and P as their contribution to the total (penalty negative)."""
    rows = [
        dict(
            id=it.id,
            section=it.section,
            name=it.name,
            points=it.points,
            score=it.score,
            lines=it.lines,
            missing=it.missing,
        )
        for it in report.items
    ]
    rows.append(
        dict(
            id="B",
            section="B",
            name=report.bonus.name or "加分项",
            points=None,
            score=report.bonus.score,
            lines=report.bonus.lines,
            missing=[],
        )
    )
    rows.append(
        dict(
            id="P",
            section="P",
            name=report.penalty.name or "扣分项",
            points=None,
            score=-report.penalty.score,
            lines=report.penalty.lines,
            missing=[],
        )
    )
    return rows


def difference(new, old):
    return None if new is None or old is None else new - old


def _keyed_lines(lines) -> dict[tuple[str, int], object]:
    """Lines by (rule, n-th occurrence): a rule may emit several lines, and a clamp line may reuse an id."""
    seen: dict[str, int] = {}
    out = {}
    for ln in lines:
        n = seen.get(ln.rule, 0)
        seen[ln.rule] = n + 1
        out[(ln.rule, n)] = ln
    return out


def line_changes(item_id: str, item_name: str, old_lines, new_lines, reasons: bool = False) -> list[dict]:
    """Lines that appeared, disappeared or whose effect changed; with `reasons` (an item whose score
    changed) also lines whose effect is equal but whose reason differs, e.g. "9.1 符合免扣条件 → 不符合"."""
    old, new = _keyed_lines(old_lines), _keyed_lines(new_lines)
    out = []
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and a.delta == b.delta and (not reasons or a.reason == b.reason):
            continue
        status = "changed" if a is not None and b is not None else "appeared" if a is None else "disappeared"
        da, db = (a.delta if a else ZERO), (b.delta if b else ZERO)
        units = tuple(dict.fromkeys((a.units if a else ()) + (b.units if b else ())))
        out.append(
            dict(
                item=item_id,
                item_name=item_name,
                rule=key[0],
                status=status,
                old=da,
                new=db,
                change=db - da,
                old_reason=a.reason if a else "",
                new_reason=b.reason if b else "",
                units=units,
            )
        )
    return out


def section_values(report: Report) -> dict[tuple[str, str], object]:
    """The water-section table as (name, column) → value, classes as names (Ⅰ…劣Ⅴ)."""
    out = {}
    for s in report.sections:
        out[(s.name, "level")] = s.level
        for col in ("target", "prev", "cur"):
            out[(s.name, col)] = (s.prev_name if col == "prev" else class_name(getattr(s, col))) or None
    return out


def field_changes(old: Side, new: Side, rubric: Rubric) -> tuple[list[dict], list[str], list[str]]:
    """Changed input values by key, then the keys present on the old side only and on the new side only."""
    cat = rubric.catalogue
    po, pn = present_keys(old.data, rubric), present_keys(new.data, rubric)
    uo, un = old.data.extra.get(UNKNOWN, {}), new.data.extra.get(UNKNOWN, {})
    rows = []
    for key in list(cat) + [k for k in {**uo, **un} if k not in cat]:
        in_old, in_new = key in po, key in pn
        if not (in_old or in_new):
            continue
        a = old.report.values.get(key) if key in cat else uo.get(key)
        b = new.report.values.get(key) if key in cat else un.get(key)
        status = "changed" if in_old and in_new else "old_only" if in_old else "new_only"
        if status == "changed" and (a == b if key in cat else str(a) == str(b)):
            continue
        label = cat[key].label if key in cat else "（当前考核细则中没有这个字段）"
        rows.append(
            dict(
                key=key,
                label=label,
                old=a if in_old else None,
                new=b if in_new else None,
                unit=cat[key].unit if key in cat else "",
                status=status,
            )
        )
    only_old = [r["key"] for r in rows if r["status"] == "old_only"]
    only_new = [r["key"] for r in rows if r["status"] == "new_only"]
    so, sn = section_values(old.report), section_values(new.report)
    for name, col in list(so) + [k for k in sn if k not in so]:
        a, b = so.get((name, col)), sn.get((name, col))
        if a != b:
            # a section on one side only is old_only/new_only (a changed list of sections, not another template)
            in_old, in_new = (name, col) in so, (name, col) in sn
            status = "changed" if in_old and in_new else "old_only" if in_old else "new_only"
            rows.append(
                dict(
                    key=section_key(name, col),
                    label=f"断面“{name}”{SECTION_COLUMNS[col]}",
                    old=a,
                    new=b,
                    unit="",
                    status=status,
                )
            )
    return rows, only_old, only_new


def present_keys(data: InputData, rubric: Rubric) -> set[str]:
    """Keys a side carries: a workbook those its sheets hold; JSON every key (absent means blank)."""
    unknown = set(data.extra.get(UNKNOWN, {}))
    if data.kind == "json":
        return set(rubric.catalogue) | unknown
    return set(data.values) | unknown
