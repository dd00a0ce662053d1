"""The county's own names for the responsible units (docs/spec/decisions.md#dev-12-5).

The rubric's items and sub-rules name their units as the source — 中方县's responsibility list —
spells them ("市生态环境局中方分局"). Another county gives its own name for each in the input
(the workbook's 责任单位对照 sheet, JSON `"units"`); `rename` applies them to every line of a
report right after scoring, in this one place, so every output (scored workbook, terminal,
JSON, 责任单位 sheet, diff, batch) charges the county's own units.
"""

from __future__ import annotations

from dataclasses import replace

from ecoscore.core.model import Line, Location, Problem, Report
from ecoscore.core.text import printable
from ecoscore.rubric import Rubric

NAME_LIMIT = 50  # characters: a unit's name, as the 填报说明 sheet's county cell


def rubric_units(rubric: Rubric) -> dict[str, tuple[str, ...]]:
    """Every unit the rubric names (items and sub-rules), in rubric order → the items and sub-rules naming it."""
    out: dict[str, list[str]] = {}
    for it in rubric.items:
        for u in it.units:
            out.setdefault(u, []).append(it.id)
        for r in it.rules:
            for u in r.units:
                out.setdefault(u, []).append(r.id)
    return {u: tuple(dict.fromkeys(ids)) for u, ids in out.items()}


def validate(names: dict, rubric: Rubric, locations: dict | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The renamings to apply ({source name: county's name}, blank and unchanged ones dropped) and the problems."""
    known = rubric_units(rubric)
    clean: dict[str, str] = {}
    problems: list[Problem] = []
    for source, local in names.items():
        where = (locations or {}).get(f"units.{source}") or Location("JSON", f"units.{source}")
        if source not in known:
            problems.append(
                Problem(
                    "unknown_unit",
                    f"责任单位对照：“{source}”不是考核细则中的责任单位名称（左列请勿修改；"
                    f"细则中的单位有 {'、'.join(list(known)[:5])} 等 {len(known)} 个）",
                    key="units",
                    value=source,
                    location=where,
                    expected="考核细则中的责任单位名称",
                )
            )
            continue
        if local is None or (isinstance(local, str) and not local.strip()):
            continue  # blank: the source's name stands
        if not isinstance(local, str) or len(local.strip()) > NAME_LIMIT:
            problems.append(
                Problem(
                    "invalid_value",
                    f"责任单位对照：“{source}”对应的本县（市、区）单位名称“{local}”不是不超过 {NAME_LIMIT} 字的文字",
                    key="units",
                    value=local,
                    location=where,
                    expected=f"不超过 {NAME_LIMIT} 字的单位名称",
                )
            )
            continue
        if printable(local.strip()) != source:
            clean[source] = printable(local.strip())
    return clean, problems


def _renamed(units: tuple[str, ...], names: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names.get(u, u) for u in units))  # two units one office: named once


def rename_lines(lines: list[Line], names: dict[str, str]) -> list[Line]:
    return [replace(ln, units=_renamed(ln.units, names)) for ln in lines]


def rename(report: Report, names: dict[str, str]) -> Report:
    """Every line's units by the county's names (in place; the report is returned for chaining)."""
    report.unit_names = dict(names)
    if not names:
        return report
    for it in report.items:
        it.lines = rename_lines(it.lines, names)
    report.bonus.lines = rename_lines(report.bonus.lines, names)
    report.penalty.lines = rename_lines(report.penalty.lines, names)
    return report


def source_names_note(county: str | None, names: dict[str, str], rubric: Rubric) -> str | None:
    """A 提示 when another county's input still charges the source county's own offices."""
    mark = rubric.source_county.removesuffix("县").removesuffix("市").removesuffix("区")
    if not county or county == rubric.source_county or not mark:
        return None
    left = [u for u in rubric_units(rubric) if mark in names.get(u, u)]
    if not left:
        return None
    return (
        f"本输入为{county}，但“责任单位对照”中仍有 {len(left)} 个{rubric.source_county}的单位名称"
        f"（{'、'.join(left[:3])}{'等' if len(left) > 3 else ''}），失分将记在这些名称下；"
        f"请在“责任单位对照”表（JSON 为 units）填写{county}的单位名称后重新评分"
    )
