"""Score every item, the bonus and the penalty of validated inputs (`scoring.validation`).

`score_values(values, sections, rubric=…)` is the library entry point: raw values in (JSON or
read from a workbook), a `Report` out, or an `InputError` listing every problem at once. It
scores against the `Rubric` it is given (the default edition when none is).
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore import rubric as editions
from ecoscore.core.fields import Field, WaterSection
from ecoscore.core.kit import ROUNDING_NOTE, D, apportion, cap_bonus, clamp_item, restate, round2
from ecoscore.core.model import GroupResult, InputError, ItemResult, Line, Missing, Report
from ecoscore.rubric import Rubric
from ecoscore.rubric.declare import Inputs, Item
from ecoscore.scoring.validation import validate_sections, validate_values

SECTIONS_KEY = "sections"


def required_missing(it: Item, typed: dict, locations: dict | None, rubric: Rubric) -> list[Missing]:
    """docs/spec/decisions.md#d7: every required field the item reads; a conditional field (`Field.required_when`,
    rev 2) only when its condition holds. While the condition cannot be decided (the field it
    looks at is blank, and so missing itself) the conditional field is not listed too."""
    cat = rubric.catalogue
    return [
        Missing(key, f.label, locations.get(key) if locations else None)
        for key in it.keys
        if is_missing(f := cat[key], typed)
    ]


def is_missing(f: Field, typed: dict) -> bool:
    """`required_missing` for one field: required (or its condition holds) and blank."""
    needed = not f.optional and (f.required_when is None or f.required_when.holds(typed) is True)
    return needed and typed.get(f.key) is None


def run_item(
    it: Item, typed: dict, sections: tuple[WaterSection, ...], rubric: Rubric, year: int | None = None
) -> list[Line]:
    """Call the item's formula and attach each line's responsible units (docs/spec/decisions.md#d10).
    `year`: the data's 考核年度, for the year words of the reasons (the edition's year when None)."""
    x = Inputs(
        typed,
        frozenset(it.keys),
        sections if it.uses_sections else None,
        params=rubric.params,
        year=year or rubric.year,
        edition_year=rubric.year,
    )
    assert it.score is not None, f"item {it.id} has no scoring function"
    return [ln if ln.units else Line(ln.rule, ln.delta, ln.reason, it.units_for(ln.rule)) for ln in it.score(x)]


def score_item(
    it: Item,
    typed: dict,
    sections: tuple[WaterSection, ...],
    section_missing: list[Missing],
    locations: dict | None = None,
    rubric: Rubric | None = None,
    year: int | None = None,
) -> ItemResult:
    rubric = rubric or editions.default()
    missing = required_missing(it, typed, locations, rubric)
    if it.uses_sections:
        missing += section_missing
        if not sections and not section_missing:
            missing.append(
                Missing(
                    SECTIONS_KEY, "断面水质表（至少填写一个断面）", locations.get(SECTIONS_KEY) if locations else None
                )
            )
    assert it.points is not None, f"item {it.id} is scored as a group (bonus/penalty)"
    result = ItemResult(it.id, it.section, it.name, it.points, None, missing=missing)
    if missing:
        return result
    lines = run_item(it, typed, sections, rubric, year)
    raw = it.points + sum((ln.delta for ln in lines), Decimal(0))
    clamped, why = clamp_item(raw, it.points)
    if why is not None:
        rule = it.clamp_rule or it.id
        lines.append(Line(rule, clamped - raw, why, it.units_for(rule)))
    result.score = round2(clamped)
    result.lines = shown_lines(lines, result.score - it.points, it.id)
    return result


def shown_lines(lines: list[Line], total: Decimal, note_rule: str) -> list[Line]:
    """docs/spec/decisions.md#d3-display: each line gets the two-decimal amount users see, adding up exactly to
    `total` (the item's score − points, or the group's amount); when plain rounding would not,
    largest remainder adjusts them, the adjusted lines' reasons are restated and one note line
    (0 points) says so. The exact `delta` stays for accountability."""
    amounts = apportion([ln.delta for ln in lines], total)
    out, adjusted = [], False
    for ln, shown in zip(lines, amounts, strict=True):
        reason = ln.reason
        if shown != round2(ln.delta):
            reason, adjusted = restate(ln.reason, ln.delta, shown), True
        out.append(Line(ln.rule, ln.delta, reason, ln.units, shown))
    if adjusted:
        out.append(Line(note_rule, Decimal(0), ROUNDING_NOTE, (), Decimal("0.00")))
    return out


def score_group(
    it: Item, typed: dict, sections: tuple[WaterSection, ...], rubric: Rubric | None = None, year: int | None = None
) -> GroupResult:
    """Bonus (capped by the edition's `bonus_cap`) or penalty (no cap); their fields are all optional."""
    rubric = rubric or editions.default()
    lines = run_item(it, typed, sections, rubric, year)
    total = sum((ln.delta for ln in lines), Decimal(0))
    if it.id == "B":
        capped, why = cap_bonus(total, D(rubric.param("bonus_cap")))
        if why is not None:
            lines.append(Line("B", capped - total, why, it.units))
            total = capped
    score = round2(abs(total))
    return GroupResult(it.id, it.name, score, shown_lines(lines, score if total >= 0 else -score, it.id))


def score_typed(
    typed: dict,
    sections: tuple[WaterSection, ...],
    section_missing: tuple[Missing, ...] | list[Missing] = (),
    locations: dict | None = None,
    rubric: Rubric | None = None,
    year: int | None = None,
) -> Report:
    rubric = rubric or editions.default()
    results = [
        score_item(it, typed, sections, list(section_missing), locations, rubric, year) for it in rubric.scored_items
    ]
    bonus = score_group(rubric.item("B"), typed, sections, rubric, year)
    penalty = score_group(rubric.item("P"), typed, sections, rubric, year)
    return Report(
        results,
        bonus,
        penalty,
        rubric.derived_figures(typed, sections),
        typed,
        list(sections),
        dict(locations or {}),
        rubric=rubric.id,
    )


def score_values(
    values: dict,
    sections: list[dict] | None = None,
    *,
    locations: dict | None = None,
    section_locations: list[dict] | None = None,
    apply_defaults: bool = True,
    rubric: Rubric | None = None,
    year: int | None = None,
) -> Report:
    """Score one county-year (`year`: its 考核年度, for the year words of the reasons). Raises `InputError` listing every invalid value at once.

    `values` maps field keys to raw values (bools or 是/否, numbers or numeric strings…);
    keys absent from `values` take the catalogue default when `apply_defaults` (JSON input);
    `sections` are rows of {"name", "level", "target", "prev", "cur"}.
    """
    rubric = rubric or editions.default()
    typed, problems = validate_values(values, locations, apply_defaults, rubric)
    water, section_missing, section_problems = validate_sections(sections, section_locations)
    problems += section_problems
    if problems:
        raise InputError(problems)
    return score_typed(typed, water, section_missing, locations, rubric, year)


def blank_typed(rubric: Rubric | None = None) -> dict:
    """Every catalogue key blank: a base for tests and tools that fill only a few values."""
    return {k: None for k in (rubric or editions.default()).catalogue}


__all__ = ["score_values", "score_typed", "validate_values", "validate_sections", "D"]
