"""Carry-over: start this year's workbook from last year's (`ecoscore init-template --from`).

This year's previous-year fields are last year's current ones (every `X_prev` ← `X`: the air
figures, the special-period and good-days ratios, CWQI), each water section's 上年类别 is its
本年类别 of last year, the heavy-pollution history moves on by one year, and the section list
and the targets are kept. Everything else is left blank. Nothing is guessed: a value that is
blank, invalid or has no field this year is reported in `skipped`, never invented.

Heavy-pollution history: the keys name calendar years (`air.heavy_days_2018` … `_2020`, fixed
by the 2021 rubric). Last year's file (year Y) knows the years its history keys name plus Y
itself (`air.heavy_days`, which wins over a history key for the same year); each of this year's
history keys takes the figure for its year, and figures for years with no key are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ecoscore import rubric
from ecoscore.engine import validate_sections, validate_values
from ecoscore.fields import SECTION_COLUMNS, class_name
from ecoscore.inputs import DEFAULT_COUNTY, DEFAULT_YEAR
from ecoscore.kit import num
from ecoscore.values import BadValue, parse

HEAVY_CURRENT = "air.heavy_days"
HEAVY_YEAR = re.compile(r"^air\.heavy_days_(\d{4})$")


@dataclass
class CarryOver:
    prefill: dict  # key → typed value, for write_template(prefill=…)
    sections: list[dict]  # {name, level, target, prev, cur=None}, classes as Ⅰ…劣Ⅴ, for write_template(sections=…)
    carried: list[tuple[str, str, object]]  # (key, this year's label, value), in catalogue order, then sections
    skipped: list[str]  # Chinese notes: what could not be carried, and why
    county: str
    year: int  # this year (last year's + 1)
    last_year: int | None = None  # the year last year's file states (None: not stated, assumed year − 1)
    source: str = ""  # last year's file name

    def to_dict(self) -> dict:
        from ecoscore.diff import plain

        return {"source": self.source, "last_year": self.last_year, "county": self.county, "year": self.year,
                "carried": [{"key": k, "label": lb, "value": plain(v)} for k, lb, v in self.carried],
                "skipped": list(self.skipped)}


def prev_pairs() -> list[tuple[str, str]]:
    """(this year's key, last year's key) for every `X_prev` field whose `X` exists."""
    cat = rubric.catalogue()
    return [(k, k.removesuffix("_prev")) for k in cat if k.endswith("_prev") and k.removesuffix("_prev") in cat]


def heavy_keys() -> dict[int, str]:
    """Calendar year → history key, from the catalogue (2018, 2019, 2020 in the 2021 rubric)."""
    return {int(m.group(1)): k for k in rubric.catalogue() if (m := HEAVY_YEAR.match(k))}


def carry_over(last_path: str | Path) -> CarryOver:
    """Read last year's file (input workbook, scored workbook or JSON) and derive this year's prefill."""
    from ecoscore.diff import read_side

    path = Path(last_path)
    data = read_side(path)
    typed, problems = validate_values(data.values, data.locations, apply_defaults=data.kind == "json")
    bad = {p.key for p in problems if p.key}
    cat = rubric.catalogue()
    present = set(cat) if data.kind == "json" else set(data.values)
    last_year = data.year
    year = (last_year or DEFAULT_YEAR - 1) + 1
    out = CarryOver({}, [], [], [], data.county or DEFAULT_COUNTY, year, last_year, path.name)
    if last_year is None:
        out.skipped.append(f"上年文件没有注明考核年度，按 {year - 1} 年处理（本年 {year} 年）")

    def take(key: str, source_key: str, value, what: str | None = None) -> None:
        f = cat[key]
        try:
            value = parse(f, value)  # this year's rules for the field (a previous-year figure must be > 0)
        except BadValue as err:
            out.skipped.append(f"{f.label}：上年的{what or cat[source_key].label}为 {num(value)}，{err}，请手工填写")
            return
        out.prefill[key] = value

    def source(source_key: str, key: str):
        """Last year's typed value, or None after noting why it cannot be carried."""
        label = cat[key].label
        if source_key not in present:
            out.skipped.append(f"{label}：上年文件中没有“{cat[source_key].label}”（{source_key}）这一项，请手工填写")
        elif source_key in bad:
            out.skipped.append(f"{label}：上年文件中“{cat[source_key].label}”填写有误，请手工填写")
        elif typed.get(source_key) is None:
            out.skipped.append(f"{label}：上年文件中“{cat[source_key].label}”为空，请手工填写")
        else:
            return typed[source_key]
        return None

    for key, source_key in prev_pairs():
        value = source(source_key, key)
        if value is not None:
            take(key, source_key, value)
    carry_heavy(out, typed, present, bad, take)
    for key in cat:
        if key.startswith("target.") and key in present and key not in bad and typed.get(key) is not None:
            out.prefill[key] = typed[key]
    order = {k: i for i, k in enumerate(cat)}
    out.carried = [(k, cat[k].label, out.prefill[k]) for k in sorted(out.prefill, key=order.get)]
    carry_sections(out, data)
    return out


def carry_heavy(out: CarryOver, typed: dict, present: set, bad: set, take) -> None:
    """This year's `air.heavy_days_<y>` ← last year's figure for year y (see the module docstring)."""
    cat = rubric.catalogue()
    slots = heavy_keys()
    last = out.year - 1
    history = {y: typed.get(k) for y, k in slots.items() if k in present and k not in bad}
    if HEAVY_CURRENT in present and HEAVY_CURRENT not in bad and typed.get(HEAVY_CURRENT) is not None:
        current = typed[HEAVY_CURRENT]
        if history.get(last) is not None and history[last] != current:
            out.skipped.append(f"上年文件中“{cat[slots[last]].label}”（{history[last]}）与“{cat[HEAVY_CURRENT].label}”"
                               f"（{current}）不一致，按后者结转 {last} 年")
        history[last] = current
    for y, value in sorted(history.items()):
        if value is None:
            continue
        if y in slots:
            take(slots[y], slots[y], value, f"{y}年重污染天数")
        else:
            out.skipped.append(f"{y}年重污染天数（{value} 天）：现行考核细则没有 {y} 年的字段"
                               f"（只有 {'、'.join(str(s) for s in sorted(slots))} 年），未结转")
    for y in sorted(slots):
        if slots[y] not in out.prefill and history.get(y) is None:
            out.skipped.append(f"{cat[slots[y]].label}：上年文件中没有 {y} 年的数据，请手工填写")


def carry_sections(out: CarryOver, data) -> None:
    """Keep each valid section (name, level, target); its 上年类别 is last year's 本年类别."""
    sections, _, problems = validate_sections(data.sections, data.section_locations)
    for s in sections:
        out.sections.append({"name": s.name, "level": s.level, "target": class_name(s.target),
                             "prev": class_name(s.cur), "cur": None})
        out.carried.append((f"sections.{s.name}.prev", f"断面“{s.name}”{SECTION_COLUMNS['prev']}",
                            class_name(s.cur)))
    if problems:
        out.skipped.append(f"上年断面水质表有 {len(problems)} 处填写有误，相关断面未结转：" +
                           "；".join(p.text() for p in problems[:5]) + ("…" if len(problems) > 5 else ""))
