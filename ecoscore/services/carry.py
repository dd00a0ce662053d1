"""Carry-over: start this year's workbook from last year's (`ecoscore init-template --from`).

The catalogue says what each field is, and carry-over follows it: a previous-year figure takes
last year's current figure of the same measure (the air figures, the special-period and
good-days ratios, CWQI), each water section's 上年类别 is its 本年类别 of last year, the
calendar-year history (heavy-pollution days) moves on by one year, and the section list and
the targets are kept. Everything else is left blank. Nothing is guessed: a value that is
blank, invalid or has no field this year is reported in `skipped`, never invented.

Calendar-year history: last year's file (year Y) knows the years its history fields name plus
Y itself (its current figure of the measure, which wins over a history field for the same
year); each of this year's history fields takes the figure for its year, and figures for
years with no field are reported.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.fields import SECTION_COLUMNS, Period, Role, class_name, section_key
from ecoscore.core.kit import num
from ecoscore.core.model import plain
from ecoscore.core.record import record
from ecoscore.core.values import BadValue, parse
from ecoscore.rubric import Rubric
from ecoscore.scoring.engine import validate_sections, validate_values
from ecoscore.services.load import UNKNOWN, read_side


@record
class CarryOver:
    prefill: dict  # key → typed value, for write_template(prefill=…)
    sections: list[dict]  # {name, level, target, prev, cur=None}, classes as Ⅰ…劣Ⅴ, for write_template(sections=…)
    carried: list[tuple[str, str, object]]  # (key, this year's label, value), in catalogue order, then sections
    skipped: list[str]  # Chinese notes: what could not be carried, and why
    county: str
    year: int  # this year (last year's + 1)
    last_year: int | None = None  # the year last year's file states (None: not stated, assumed year − 1)
    source: str = ""  # last year's file name
    basis: object = None  # the `services.basis.Basis` this year's workbook is made on
    unit_names: dict = field(default_factory=dict)  # the county's names for the rubric's units, carried as they are

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "last_year": self.last_year,
            "county": self.county,
            "year": self.year,
            "basis": getattr(self.basis, "text", "") or None,
            "carried": [{"key": k, "label": lb, "value": plain(v)} for k, lb, v in self.carried],
            "skipped": list(self.skipped),
        }


def prev_pairs(rubric: Rubric) -> list[tuple[str, str]]:
    """(this year's key, last year's key): every previous-year figure and the current figure of its measure."""
    pairs = []
    for f in rubric.catalogue.values():
        if f.period is Period.PREVIOUS:
            current = rubric.figure(f.measure, Period.CURRENT)
            if current is not None:
                pairs.append((f.key, current.key))
    return pairs


def history_keys(rubric: Rubric, measure: str) -> dict[int, str]:
    """Calendar year → the field of `measure` for that year (2018, 2019, 2020 of heavy days in 2021)."""
    return {f.year: f.key for f in rubric.catalogue.values() if f.measure == measure and f.period is Period.YEAR}


def carry_over(last_path: str | Path, rubric: Rubric | None = None, *, choose_basis=None) -> CarryOver:
    """Read last year's file (input workbook, scored workbook or JSON) and derive this year's prefill.

    `choose_basis(this_year)` → `services.basis.Basis`: the edition this year's workbook is made on,
    chosen once last year's file has said its year (`services.template`); else `rubric` (the default)."""
    path = Path(last_path)
    data = read_side(path, rubric)
    basis = None
    if choose_basis is not None:
        basis = choose_basis((data.year or editions.default().year - 1) + 1)
        rubric = basis.rubric
        data.values = {**data.values, **data.extra.pop(UNKNOWN, {})}  # re-read by this edition's catalogue
        unknown = {k: v for k, v in data.values.items() if k not in rubric.catalogue}
        data.values = {k: v for k, v in data.values.items() if k in rubric.catalogue}
        if unknown:
            data.extra[UNKNOWN] = unknown
    rubric = rubric or editions.default()
    typed, problems = validate_values(data.values, data.locations, apply_defaults=data.kind == "json", rubric=rubric)
    bad = {p.key for p in problems if p.key}
    cat = rubric.catalogue
    present = set(cat) if data.kind == "json" else set(data.values)
    last_year = data.year
    year = (last_year or rubric.year - 1) + 1
    out = CarryOver({}, [], [], [], data.county or rubric.source_county, year, last_year, path.name, basis)
    out.unit_names = dict(getattr(data, "unit_names", {}) or {})
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

    for key, source_key in prev_pairs(rubric):
        value = source(source_key, key)
        if value is not None:
            take(key, source_key, value)
    for measure in dict.fromkeys(f.measure for f in cat.values() if f.period is Period.YEAR):
        carry_history(out, rubric, measure, typed, present, bad, take)
    for key, f in cat.items():
        if f.role is Role.TARGET and key in present and key not in bad and typed.get(key) is not None:
            out.prefill[key] = typed[key]
    order = {k: i for i, k in enumerate(cat)}
    out.carried = [(k, cat[k].label, out.prefill[k]) for k in sorted(out.prefill, key=order.get)]
    carry_sections(out, data)
    return out


def carry_history(out: CarryOver, rubric: Rubric, measure: str, typed: dict, present: set, bad: set, take) -> None:
    """This year's calendar-year fields of `measure` ← last year's figure for each year (module docstring)."""
    cat = rubric.catalogue
    slots = history_keys(rubric, measure)
    current_field = rubric.figure(measure, Period.CURRENT)
    current_key = current_field.key if current_field else None
    last = out.year - 1
    # "重污染天数": the measure as a person names it, from the current figure's label ("本年重污染天数")
    what = current_field.label.removeprefix("本年").strip() if current_field else measure
    unit = current_field.unit if current_field else ""
    history = {y: typed.get(k) for y, k in slots.items() if k in present and k not in bad}
    if current_key in present and current_key not in bad and typed.get(current_key) is not None:
        current = typed[current_key]
        if history.get(last) is not None and history[last] != current:
            out.skipped.append(
                f"上年文件中“{cat[slots[last]].label}”（{history[last]}）与“{cat[current_key].label}”"
                f"（{current}）不一致，按后者结转 {last} 年"
            )
        history[last] = current
    for y, value in sorted(history.items()):
        if value is None:
            continue
        if y in slots:
            take(slots[y], slots[y], value, f"{y}年{what}")
        else:
            out.skipped.append(
                f"{y}年{what}（{value} {unit}）：现行考核细则没有 {y} 年的字段"
                f"（只有 {'、'.join(str(s) for s in sorted(slots))} 年），未结转"
            )
    for y in sorted(slots):
        if slots[y] not in out.prefill and history.get(y) is None:
            out.skipped.append(f"{cat[slots[y]].label}：上年文件中没有 {y} 年的数据，请手工填写")


def carry_sections(out: CarryOver, data) -> None:
    """Keep each valid section (name, level, target); its 上年类别 is last year's 本年类别."""
    sections, _, problems = validate_sections(data.sections, data.section_locations)
    for s in sections:
        out.sections.append(
            {"name": s.name, "level": s.level, "target": class_name(s.target), "prev": class_name(s.cur), "cur": None}
        )
        out.carried.append((section_key(s.name, "prev"), f"断面“{s.name}”{SECTION_COLUMNS['prev']}", class_name(s.cur)))
    if problems:
        out.skipped.append(
            f"上年断面水质表有 {len(problems)} 处填写有误，相关断面未结转："
            + "；".join(p.text() for p in problems[:5])
            + ("…" if len(problems) > 5 else "")
        )
