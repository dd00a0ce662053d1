"""Validate the inputs, then score every item, the bonus and the penalty.

`score_values(values, sections, rubric=…)` is the library entry point: raw values in (JSON or
read from a workbook), a `Report` out, or an `InputError` listing every problem at once. It
scores against the `Rubric` it is given (the default edition when none is).
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore import rubric as editions
from ecoscore.core.fields import NEW_SECTION, SECTION_COLUMNS, SECTION_LEVELS, WaterSection
from ecoscore.core.kit import ROUNDING_NOTE, D, apportion, cap_bonus, clamp_item, num, restate, round2
from ecoscore.core.model import GroupResult, InputError, ItemResult, Line, Location, Missing, Problem, Report
from ecoscore.core.values import BadValue, is_blank, is_new_section, parse, parse_class
from ecoscore.rubric import Rubric
from ecoscore.rubric.declare import Inputs, Item

SECTIONS_KEY = "sections"


def _loc(locations: dict | None, key: str) -> Location:
    if locations and key in locations:
        return locations[key]
    return Location("JSON", f"values.{key}")


def validate_values(
    values: dict, locations: dict | None = None, apply_defaults: bool = True, rubric: Rubric | None = None
) -> tuple[dict, list[Problem]]:
    """Typed values for every catalogue key (None = blank) and the problems found."""
    cat = (rubric or editions.default()).catalogue
    problems: list[Problem] = []
    for key in values:
        if key not in cat:
            problems.append(
                Problem(
                    "unknown_key",
                    f"未知的字段编码“{key}”（请核对字段编码，勿修改模板中的编码）",
                    key=key,
                    value=values[key],
                    location=_loc(locations, key),
                )
            )
    typed: dict = {}
    for key, field in cat.items():
        raw = values.get(key, field.default if apply_defaults and key not in values else None)
        try:
            typed[key] = parse(field, raw)
        except BadValue as bad:
            typed[key] = None
            problems.append(
                Problem(
                    "invalid_value",
                    f"{field.label}：填写的“{raw}”{bad}；应填{field.expected}",
                    key=key,
                    value=raw,
                    expected=field.expected,
                    location=_loc(locations, key),
                )
            )
    for key, field in cat.items():
        other = field.at_most
        if not other or typed.get(key) is None:
            continue
        # an optional count left blank means 0 (docs/spec/decisions.md#d7): "1 unrectified of 0 interviews" contradicts too
        bound = typed.get(other)
        if bound is None and cat[other].optional and cat[other].kind == "count":
            bound = 0
        if bound is not None and typed[key] > bound:
            problems.append(
                Problem(
                    "contradiction",
                    f"{field.label}（{num(typed[key])}）不能大于{cat[other].label}（{num(bound)}）",
                    key=key,
                    value=typed[key],
                    expected=f"不大于 {num(bound)}",
                    location=_loc(locations, key),
                )
            )
    return typed, problems


def validate_sections(
    rows: list[dict] | None, locations: list[dict] | None = None
) -> tuple[tuple[WaterSection, ...], list[Missing], list[Problem]]:
    """Water sections from rows of {name, level, target, prev, cur}; blank rows are skipped."""
    sections: list[WaterSection] = []
    missing: list[Missing] = []
    problems: list[Problem] = []
    seen: dict[str, Location] = {}
    for i, row in enumerate(rows or []):
        row_locs = (locations[i] if locations and i < len(locations) else None) or {}

        def loc(col: str, i: int = i, row_locs: dict = row_locs) -> Location:  # this row's, bound now
            return row_locs.get(col) or Location("JSON", f"sections[{i}].{col}")

        unknown = [c for c in row if c not in SECTION_COLUMNS]
        for c in unknown:
            problems.append(
                Problem(
                    "unknown_key",
                    f"断面表中未知的列“{c}”（应为 {', '.join(SECTION_COLUMNS)}）",
                    key=f"sections.{c}",
                    location=loc(c),
                )
            )
        if all(is_blank(row.get(c)) for c in SECTION_COLUMNS):
            continue
        name = "" if is_blank(row.get("name")) else str(row["name"]).strip()
        label = f"断面“{name}”" if name else f"第 {i + 1} 个断面"
        if not name:
            problems.append(
                Problem(
                    "invalid_value",
                    f"{label}：断面名称为空；应填断面名称",
                    key="sections.name",
                    location=loc("name"),
                    expected="断面名称",
                )
            )
        elif name in seen:
            problems.append(
                Problem(
                    "duplicate",
                    f"断面“{name}”重复出现（另见 {seen[name]}）",
                    key="sections.name",
                    value=name,
                    location=loc("name"),
                    expected="不重复的断面名称",
                )
            )
        else:
            seen[name] = loc("name")
        level = None if is_blank(row.get("level")) else str(row["level"]).strip()
        if level not in SECTION_LEVELS:
            problems.append(
                Problem(
                    "invalid_value",
                    f"{label}级别：填写的“{row.get('level') or ''}”不在可选范围内；应填国考或省考",
                    key="sections.level",
                    value=row.get("level"),
                    location=loc("level"),
                    expected="国考 或 省考",
                )
            )
        classes: dict[str, int | None] = {}
        new = False
        for col in ("target", "prev", "cur"):
            raw = row.get(col)
            if col == "prev" and is_new_section(raw):
                # docs/spec 第 2 版: 上年类别 `无` = a section new this year, left out of 4.3, 5.4 and B.4
                classes[col], new = None, True
                continue
            if is_blank(raw):
                # docs/spec/decisions.md#d7: a blank class is missing data (the items reading sections wait for it).
                classes[col] = None
                missing.append(Missing(f"sections.{name or i + 1}.{col}", f"{label}{SECTION_COLUMNS[col]}", loc(col)))
                continue
            try:
                classes[col] = parse_class(raw)
            except BadValue as bad:
                classes[col] = None
                problems.append(
                    Problem(
                        "invalid_value",
                        f"{label}{SECTION_COLUMNS[col]}：填写的“{raw}”{bad}"
                        + (f"；本年新增的断面填“{NEW_SECTION}”" if col == "prev" else ""),
                        key=f"sections.{col}",
                        value=raw,
                        location=loc(col),
                        expected="Ⅰ～劣Ⅴ" if col != "prev" else f"Ⅰ～劣Ⅴ，新增断面填“{NEW_SECTION}”",
                    )
                )
        if name and level in SECTION_LEVELS and classes["target"] and classes["cur"]:
            sections.append(WaterSection(name, level, classes["target"], classes["prev"], classes["cur"], new=new))
    return tuple(sections), missing, problems


def required_missing(it: Item, typed: dict, locations: dict | None, rubric: Rubric) -> list[Missing]:
    """docs/spec/decisions.md#d7: every required field the item reads; a conditional field (`Field.required_when`,
    rev 2) only when its condition holds. While the condition cannot be decided (the field it
    looks at is blank, and so missing itself) the conditional field is not listed too."""
    cat = rubric.catalogue
    out = []
    for key in it.keys:
        f = cat[key]
        needed = not f.optional and (f.required_when is None or f.required_when.holds(typed) is True)
        if needed and typed.get(key) is None:
            out.append(Missing(key, f.label, locations.get(key) if locations else None))
    return out


def run_item(it: Item, typed: dict, sections: tuple[WaterSection, ...], rubric: Rubric) -> list[Line]:
    """Call the item's formula and attach each line's responsible units (docs/spec/decisions.md#d10)."""
    x = Inputs(typed, frozenset(it.keys), sections if it.uses_sections else None, params=rubric.params)
    assert it.score is not None, f"item {it.id} has no scoring function"
    return [ln if ln.units else Line(ln.rule, ln.delta, ln.reason, it.units_for(ln.rule)) for ln in it.score(x)]


def score_item(
    it: Item,
    typed: dict,
    sections: tuple[WaterSection, ...],
    section_missing: list[Missing],
    locations: dict | None = None,
    rubric: Rubric | None = None,
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
    lines = run_item(it, typed, sections, rubric)
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
    out = []
    for ln, shown in zip(lines, amounts, strict=True):
        reason = ln.reason if shown == round2(ln.delta) else restate(ln.reason, ln.delta, shown)
        out.append(Line(ln.rule, ln.delta, reason, ln.units, shown))
    if any(shown != round2(ln.delta) for ln, shown in zip(lines, amounts, strict=True)):
        out.append(Line(note_rule, Decimal(0), ROUNDING_NOTE, (), Decimal("0.00")))
    return out


def score_group(it: Item, typed: dict, sections: tuple[WaterSection, ...], rubric: Rubric | None = None) -> GroupResult:
    """Bonus (capped by the edition's `bonus_cap`) or penalty (no cap); their fields are all optional."""
    rubric = rubric or editions.default()
    lines = run_item(it, typed, sections, rubric)
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
) -> Report:
    rubric = rubric or editions.default()
    results = [score_item(it, typed, sections, list(section_missing), locations, rubric) for it in rubric.scored_items]
    bonus = score_group(rubric.item("B"), typed, sections, rubric)
    penalty = score_group(rubric.item("P"), typed, sections, rubric)
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
) -> Report:
    """Score one county-year. Raises `InputError` listing every invalid value at once.

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
    return score_typed(typed, water, section_missing, locations, rubric)


def blank_typed(rubric: Rubric | None = None) -> dict:
    """Every catalogue key blank: a base for tests and tools that fill only a few values."""
    return {k: None for k in (rubric or editions.default()).catalogue}


__all__ = ["score_values", "score_typed", "validate_values", "validate_sections", "D"]
