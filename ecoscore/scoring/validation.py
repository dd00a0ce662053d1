"""Validating raw inputs against an edition's catalogue: every value typed by its field, every
water-section row checked, and every problem found in one pass (errors are data: `Problem`)."""

from __future__ import annotations

from ecoscore import rubric as editions
from ecoscore.core.fields import NEW_SECTION, SECTION_COLUMNS, SECTION_LEVELS, Period, Role, WaterSection, section_key
from ecoscore.core.kit import num
from ecoscore.core.model import Location, Missing, Problem
from ecoscore.core.values import BadValue, is_blank, is_new_section, parse, parse_class
from ecoscore.rubric import Rubric


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
                missing.append(
                    Missing(section_key(str(name or i + 1), col), f"{label}{SECTION_COLUMNS[col]}", loc(col))
                )
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


def has_this_years_data(values: dict, sections: list[dict] | None, rubric: Rubric, monitoring: bool = False) -> bool:
    """Whether the county has entered anything of the year assessed (docs/spec/decisions.md#dev-15-6).

    What a template comes with does not count: targets and other pre-filled defaults, and what
    carry-over brings from last year (previous-year figures, the calendar-year history, the
    section list with its 上年类别). A water section counts once its 本年类别 is filled; monitoring
    rows count."""
    if monitoring:
        return True
    for key, raw in values.items():
        f = rubric.catalogue.get(key)
        if f is None:
            return True  # an unknown key was typed by someone (and is reported as such)
        carried = f.role is Role.TARGET or f.default is not None or f.period in (Period.PREVIOUS, Period.YEAR)
        if not carried and not is_blank(raw):
            return True
    return any(not is_blank(row.get("cur")) for row in sections or ())
