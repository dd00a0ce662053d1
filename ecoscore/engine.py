"""Validate the inputs, then score every item, the bonus and the penalty.

`score_values(values, sections)` is the library entry point: raw values in (JSON or read
from a workbook), a `Report` out, or an `InputError` listing every problem at once.
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore import rubric
from ecoscore.fields import SECTION_COLUMNS, SECTION_LEVELS, WaterSection
from ecoscore.kit import D, num, pts, round2
from ecoscore.model import GroupResult, InputError, ItemResult, Line, Location, Missing, Problem, Report
from ecoscore.rubric.declare import Inputs, Item
from ecoscore.rubric.derived import figures
from ecoscore.values import BadValue, is_blank, parse, parse_class

BONUS_CAP = Decimal(5)
SECTIONS_KEY = "sections"


def _loc(locations: dict | None, key: str) -> Location:
    if locations and key in locations:
        return locations[key]
    return Location("JSON", f"values.{key}")


def validate_values(values: dict, locations: dict | None = None,
                    apply_defaults: bool = True) -> tuple[dict, list[Problem]]:
    """Typed values for every catalogue key (None = blank) and the problems found."""
    cat = rubric.catalogue()
    problems: list[Problem] = []
    for key in values:
        if key not in cat:
            problems.append(Problem("unknown_key", f"未知的字段编码“{key}”（请核对字段编码，勿修改模板中的编码）",
                                    key=key, value=values[key], location=_loc(locations, key)))
    typed: dict = {}
    for key, field in cat.items():
        raw = values.get(key, field.default if apply_defaults and key not in values else None)
        try:
            typed[key] = parse(field, raw)
        except BadValue as bad:
            typed[key] = None
            problems.append(Problem(
                "invalid_value", f"{field.label}：填写的“{raw}”{bad}；应填{field.expected}",
                key=key, value=raw, expected=field.expected, location=_loc(locations, key)))
    for key, field in cat.items():
        other = field.at_most
        if other and typed.get(key) is not None and typed.get(other) is not None and typed[key] > typed[other]:
            problems.append(Problem(
                "contradiction",
                f"{field.label}（{num(typed[key])}）不能大于{cat[other].label}（{num(typed[other])}）",
                key=key, value=typed[key], expected=f"不大于 {num(typed[other])}", location=_loc(locations, key)))
    return typed, problems


def validate_sections(rows: list[dict] | None, locations: list[dict] | None = None
                      ) -> tuple[tuple[WaterSection, ...], list[Missing], list[Problem]]:
    """Water sections from rows of {name, level, target, prev, cur}; blank rows are skipped."""
    sections: list[WaterSection] = []
    missing: list[Missing] = []
    problems: list[Problem] = []
    seen: dict[str, Location] = {}
    for i, row in enumerate(rows or []):
        row_locs = (locations[i] if locations and i < len(locations) else None) or {}

        def loc(col: str) -> Location:
            return row_locs.get(col) or Location("JSON", f"sections[{i}].{col}")

        unknown = [c for c in row if c not in SECTION_COLUMNS]
        for c in unknown:
            problems.append(Problem("unknown_key", f"断面表中未知的列“{c}”（应为 {', '.join(SECTION_COLUMNS)}）",
                                    key=f"sections.{c}", location=loc(c)))
        if all(is_blank(row.get(c)) for c in SECTION_COLUMNS):
            continue
        name = "" if is_blank(row.get("name")) else str(row["name"]).strip()
        label = f"断面“{name}”" if name else f"第 {i + 1} 个断面"
        if not name:
            problems.append(Problem("invalid_value", f"{label}：断面名称为空；应填断面名称",
                                    key="sections.name", location=loc("name"), expected="断面名称"))
        elif name in seen:
            problems.append(Problem("duplicate", f"断面“{name}”重复出现（另见 {seen[name]}）",
                                    key="sections.name", value=name, location=loc("name"), expected="不重复的断面名称"))
        else:
            seen[name] = loc("name")
        level = None if is_blank(row.get("level")) else str(row["level"]).strip()
        if level not in SECTION_LEVELS:
            problems.append(Problem("invalid_value", f"{label}级别：填写的“{row.get('level') or ''}”不在可选范围内；应填国考或省考",
                                    key="sections.level", value=row.get("level"), location=loc("level"),
                                    expected="国考 或 省考"))
        classes: dict[str, int | None] = {}
        for col in ("target", "prev", "cur"):
            raw = row.get(col)
            if is_blank(raw):
                # SPEC D7: a blank class is missing data (the items reading sections wait for it).
                classes[col] = None
                missing.append(Missing(f"sections.{name or i + 1}.{col}", f"{label}{SECTION_COLUMNS[col]}", loc(col)))
                continue
            try:
                classes[col] = parse_class(raw)
            except BadValue as bad:
                classes[col] = None
                problems.append(Problem("invalid_value", f"{label}{SECTION_COLUMNS[col]}：填写的“{raw}”{bad}",
                                        key=f"sections.{col}", value=raw, location=loc(col), expected="Ⅰ～劣Ⅴ"))
        if name and level in SECTION_LEVELS and classes["target"] and classes["cur"]:
            sections.append(WaterSection(name, level, classes["target"], classes["prev"], classes["cur"]))
    return tuple(sections), missing, problems


def required_missing(it: Item, typed: dict, locations: dict | None) -> list[Missing]:
    """SPEC D7: every required field the item reads, whichever branch it takes."""
    cat = rubric.catalogue()
    out = []
    for key in it.keys:
        f = cat[key]
        needed = not f.optional and (f.required_with is None or typed.get(f.required_with) is not None)
        if needed and typed.get(key) is None:
            out.append(Missing(key, f.label, locations.get(key) if locations else None))
    return out


def run_item(it: Item, typed: dict, sections: tuple[WaterSection, ...]) -> list[Line]:
    """Call the item's formula and attach each line's responsible units (SPEC D10)."""
    x = Inputs(typed, frozenset(it.keys), sections if it.uses_sections else None)
    return [ln if ln.units else Line(ln.rule, ln.delta, ln.reason, it.units_for(ln.rule)) for ln in it.score(x)]


def score_item(it: Item, typed: dict, sections: tuple[WaterSection, ...],
               section_missing: list[Missing], locations: dict | None = None) -> ItemResult:
    missing = required_missing(it, typed, locations)
    if it.uses_sections:
        missing += section_missing
        if not sections and not section_missing:
            missing.append(Missing(SECTIONS_KEY, "断面水质表（至少填写一个断面）",
                                   locations.get(SECTIONS_KEY) if locations else None))
    result = ItemResult(it.id, it.section, it.name, it.points, None, missing=missing)
    if missing:
        return result
    lines = run_item(it, typed, sections)
    raw = it.points + sum((ln.delta for ln in lines), Decimal(0))
    rule = it.clamp_rule or it.id
    if raw < 0:
        lines.append(Line(rule, -raw, f"扣分合计超过本项分值 {num(it.points)} 分，扣完为止（本项记 0 分）",
                          it.units_for(rule)))
        raw = Decimal(0)
    elif raw > it.points:
        lines.append(Line(rule, it.points - raw, f"加分后超过本项分值 {num(it.points)} 分，按 {num(it.points)} 分计",
                          it.units_for(rule)))
        raw = it.points
    result.lines = lines
    result.score = round2(raw)
    return result


def score_group(it: Item, typed: dict, sections: tuple[WaterSection, ...]) -> GroupResult:
    """Bonus (capped at +5) or penalty (no cap); their fields are all optional."""
    lines = run_item(it, typed, sections)
    total = sum((ln.delta for ln in lines), Decimal(0))
    if it.id == "B" and total > BONUS_CAP:
        lines.append(Line("B", BONUS_CAP - total, f"加分合计 {pts(total)} 分，累计不超过 {num(BONUS_CAP)} 分",
                          it.units))
        total = BONUS_CAP
    return GroupResult(it.id, it.name, round2(abs(total)), lines)


def score_typed(typed: dict, sections: tuple[WaterSection, ...], section_missing: list[Missing] = (),
                locations: dict | None = None) -> Report:
    results = [score_item(it, typed, sections, list(section_missing), locations) for it in rubric.items()]
    bonus = score_group(rubric.get_item("B"), typed, sections)
    penalty = score_group(rubric.get_item("P"), typed, sections)
    return Report(results, bonus, penalty, figures(typed, sections), typed, list(sections), dict(locations or {}))


def score_values(values: dict, sections: list[dict] | None = None, *, locations: dict | None = None,
                 section_locations: list[dict] | None = None, apply_defaults: bool = True) -> Report:
    """Score one county-year. Raises `InputError` listing every invalid value at once.

    `values` maps field keys to raw values (bools or 是/否, numbers or numeric strings…);
    keys absent from `values` take the catalogue default when `apply_defaults` (JSON input);
    `sections` are rows of {"name", "level", "target", "prev", "cur"}.
    """
    typed, problems = validate_values(values, locations, apply_defaults)
    water, section_missing, section_problems = validate_sections(sections, section_locations)
    problems += section_problems
    if problems:
        raise InputError(problems)
    return score_typed(typed, water, section_missing, locations)


def blank_typed() -> dict:
    """Every catalogue key blank: a base for tests and tools that fill only a few values."""
    return {k: None for k in rubric.catalogue()}


__all__ = ["score_values", "score_typed", "validate_values", "validate_sections", "D"]
