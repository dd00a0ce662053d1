"""Test helpers: score one item from a handful of raw values, the way users type them."""

from __future__ import annotations

from decimal import Decimal

from ecoscore import rubric
from ecoscore.core.model import InputError, ItemResult
from ecoscore.scoring.engine import score_group, score_item, validate_sections, validate_values


def item_result(item_id: str, values: dict, sections: list[dict] | None = None) -> ItemResult:
    """Score item `item_id` from raw `values` (targets take their catalogue defaults)."""
    typed, problems = validate_values(values)
    water, section_missing, section_problems = validate_sections(sections)
    if problems + section_problems:
        raise InputError(problems + section_problems)
    it = rubric.default().item(item_id)
    if it.points is None:
        return score_group(it, typed, water)
    return score_item(it, typed, water, section_missing)


def score(item_id: str, values: dict, sections: list[dict] | None = None) -> Decimal:
    """The item's score (bonus/penalty: the amount added/taken)."""
    return item_result(item_id, values, sections).score


def deltas(item_id: str, values: dict, sections: list[dict] | None = None) -> dict[str, Decimal]:
    """Sum of line deltas per sub-rule id."""
    out: dict[str, Decimal] = {}
    for ln in item_result(item_id, values, sections).lines:
        out[ln.rule] = out.get(ln.rule, Decimal(0)) + ln.delta
    return out


def D(x) -> Decimal:
    return Decimal(str(x))
