"""An edition's air and water figures derived from raw monitoring data (docs/spec/indicators.md), and how
they meet the figures typed in. Pure: no openpyxl, no I/O.

`derive(values, sections, data, year, rubric)` validates the monitoring rows (located problems),
computes the figures with `ecoscore.monitoring.indicators`, and returns a `Derivation`:

- `derived`: every figure computed, by field key (`air.pm25`, `air.heavy_days_2020`,
  `sections.<断面名称>.cur`, `i05.cwqi`);
- `filled`: the derived figures the input left blank (they are scored); a typed figure is the
  official one and wins, and `differences` lists where it differs from the data;
- `provisional`: derived figures not used because the year's data are incomplete (HJ 663) or
  stop before 12-31 ("截至 M月D日"), with the reason;
- `mid_year`: when the assessment year's air data stop before 12-31, the figures so far and a
  预测 completed with the previous year's remaining days (`projection_fill`), scored by
  `ecoscore.services.load.score_input`.
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import CLASS_NAMES, SECTION_COLUMNS, SECTION_LEVELS, Period, section_of_key
from ecoscore.core.model import Location, Problem
from ecoscore.core.values import BadValue, clean_text, is_blank, parse, parse_class
from ecoscore.monitoring.air_fields import air_field_values, figure_year
from ecoscore.monitoring.derivation import Derivation, Difference, MidYear, as_of_text, section_key
from ecoscore.monitoring.indicators import (
    DEFAULT_SPECIAL_PERIODS,
    AirYear,
    WaterSample,
    county_cwqi,
    evaluate_sections,
    mid_year_air,
    parse_special_periods,
    round_gb8170,
    split_air_years,
    validate_air_days,
    validate_water_samples,
)
from ecoscore.monitoring.rows import (
    AIR_MEMBER,
    WATER_MEMBER,
    MonitoringData,
    from_json,
    from_rows,
)
from ecoscore.rubric import Rubric

CWQI_DECIMALS = 4  # the derived county CWQI is filled rounded (GB/T 8170) to 4 decimals


__all__ = ["Derivation", "Difference", "MidYear", "MonitoringData", "derive", "from_json", "from_rows", "section_key"]


# ---- derive ---------------------------------------------------------------------------------
def derive(
    values: dict,
    sections: list[dict],
    data: MonitoringData,
    year: int,
    rubric: Rubric,
    *,
    locations: dict | None = None,
) -> Derivation:
    """Figures from `data` for the assessment `year`, checked against the raw `values` and
    section rows of the input. Problems (bad dates, duplicates, impossible values, samples of
    sections not in 断面水质, a malformed special period) are located and returned, never raised;
    with problems in the air or the water data, that part derives nothing."""
    out = Derivation(year, sections=[dict(row) for row in sections])
    if data.air_days:
        _derive_air(out, values, data, year, rubric, locations or {})
    if data.samples:
        _derive_water(out, data, year, rubric)
    rows = _rows_by_name(out.sections)  # one pass: looking rows up per key was quadratic
    for key, value in out.derived.items():
        if key in out.provisional:
            continue
        typed = _typed(key, values, rows, rubric)
        if typed is _BLANK:
            out.filled[key] = value
            section = section_of_key(key)
            if section:
                _fill_section(rows, section[0], value)
        elif typed is not None and not _same(typed, value):
            out.differences.append(Difference(key, _label(key, rubric), typed, value))
    if out.mid_year is not None:
        blank = {k for k in out.mid_year.values if _typed(k, values, rows, rubric) is _BLANK}
        out.mid_year.fill = {k: v for k, v in out.mid_year.values.items() if k in blank}
    return out


_BLANK = object()


def _problem(problem, locs: list[dict], member: str, code_for) -> Problem:
    row = locs[problem.row] if problem.row < len(locs) else {}
    location = row.get(problem.column) or row.get("date") or row.get("row")
    return Problem(
        code_for(problem), problem.message, key=f"{member}.{problem.column}", value=problem.value, location=location
    )


def _code(problem) -> str:
    return "duplicate" if "重复" in problem.message else "invalid_value"


def _derive_air(
    out: Derivation, values: dict, data: MonitoringData, year: int, rubric: Rubric, locations: dict
) -> None:
    special = rubric.figure("special_periods", Period.NONE)
    special_key = special.key if special else ""
    raw = values.get(special_key) if special else None
    text = DEFAULT_SPECIAL_PERIODS if is_blank(raw) else clean_text(str(raw))
    out.special_periods_default = is_blank(raw)
    try:
        periods = parse_special_periods(text)
    except ValueError as exc:
        out.problems.append(
            Problem(
                "invalid_value",
                str(exc),
                key=special_key,
                value=raw,
                location=locations.get(special_key) or Location("JSON", f"values.{special_key}"),
                expected="如 01-01~02-28;11-01~12-31",
            )
        )
        return
    out.special_periods = ";".join(str(p) for p in periods)
    problems = [_problem(p, data.air_locations, AIR_MEMBER, _code) for p in validate_air_days(data.air_days, year)]
    out.problems += problems
    if problems:
        return
    current, previous = split_air_years(data.air_days, year, special_periods=periods)
    out.current, out.previous = current, previous
    figures = air_field_values(rubric, current, previous)
    out.derived.update(figures)
    for key in figures:
        source = previous if figure_year(rubric, key, year) == year - 1 else current
        if not source.complete:
            out.provisional[key] = _why(source)
    view = mid_year_air(data.air_days, year, special_periods=periods)
    if view.as_of is not None and view.partial:
        mid = MidYear(view.as_of, view.current, view.projection, view.borrowed_days)
        if view.projection is not None:
            mid.values = air_field_values(rubric, view.projection, None)
        else:
            out.notes.append(f"本年空气日数据{mid.label}，没有上年同期以后的日数据，未作全年预测")
        out.mid_year = mid
        out.notes.append(
            f"本年空气日数据{mid.label}：本年的空气指标不是全年数值，不填入评分（截至值和预测见“监测测算”）"
        )
    if out.special_periods_default:
        out.notes.append(f"特护期未填写，按默认 {DEFAULT_SPECIAL_PERIODS} 测算（请核对当年文件）")


def _why(figures: AirYear) -> str:
    last = figures.last_date
    if last is not None and (last.month, last.day) != (12, 31):
        return f"{figures.year}年数据{as_of_text(last)}，不是全年数值，未采用"
    return f"{figures.year}年数据不完整（" + "；".join(figures.incomplete_reasons) + "），为暂定值，未采用"


def _derive_water(out: Derivation, data: MonitoringData, year: int, rubric: Rubric) -> None:
    names = {}
    for row in out.sections:
        if not is_blank(row.get("name")):
            name = clean_text(str(row["name"]))
            names[name] = str(row["name"]).strip()
            out.levels[names[name]] = "" if is_blank(row.get("level")) else clean_text(str(row["level"]))
    problems = [
        _problem(p, data.sample_locations, WATER_MEMBER, _code) for p in validate_water_samples(data.samples, year)
    ]
    for i, sample in enumerate(data.samples):
        if sample.section and clean_text(sample.section) not in names:
            loc = data.sample_locations[i]
            problems.append(
                Problem(
                    "unknown_section",
                    f"断面“{sample.section}”不在“断面水质”表中：请先在断面水质表填写该断面（名称须一致）",
                    key=f"{WATER_MEMBER}.section",
                    value=sample.section,
                    location=loc.get("section") or loc.get("row"),
                    expected="断面水质表中的断面名称",
                )
            )
    out.problems += problems
    if problems:
        return
    renamed = [WaterSample(names[clean_text(s.section)], s.date, s.values, s.lake) for s in data.samples]
    try:
        out.water = evaluate_sections(renamed, year=year)
    except ValueError as exc:  # validation above covers what evaluate_sections refuses; belt and braces
        out.problems.append(Problem("invalid_value", str(exc), key=f"{WATER_MEMBER}.section"))
        return
    for name, quality in out.water.items():
        out.derived[section_key(name)] = CLASS_NAMES[quality.cls - 1]
        last = quality.dates[-1] if quality.dates else None
        if last is not None and last.month < 12:
            out.notes.append(f"断面“{name}”的采样{as_of_text(last)}，类别为已有样品的均值")
    # Rule 5.1's CWQI is over "所有省考断面"; 国考 sections are 省考 sections too (5.2 says
    # "省考断面（包括国考断面）"; only 5.3 and 5.4 exclude them, and say so).
    counted = [name for name, level in out.levels.items() if level in SECTION_LEVELS]
    without = [name for name in counted if name not in out.water]
    if counted and not without:
        cwqi_field = rubric.figure("cwqi", Period.CURRENT)
        if cwqi_field is not None:
            out.derived[cwqi_field.key] = round_gb8170(
                county_cwqi([out.water[name] for name in counted]), CWQI_DECIMALS
            )
    elif without:
        out.notes.append(f"断面{'、'.join(without)}没有{year}年监测数据，未测算城市水质综合指数")


# ---- typed versus derived ---------------------------------------------------------------------
def _rows_by_name(sections: list[dict]) -> dict[str, list[dict]]:
    """The section rows under their (stripped) names, in input order."""
    rows: dict[str, list[dict]] = {}
    for row in sections:
        if not is_blank(row.get("name")):
            rows.setdefault(str(row["name"]).strip(), []).append(row)
    return rows


def _typed(key: str, values: dict, rows: dict[str, list[dict]], rubric: Rubric):
    """The typed value of `key`: _BLANK when blank, None when unreadable (the engine reports it)."""
    section = section_of_key(key)
    if section:
        name = section[0]
        row = rows[name][0] if name in rows else None
        raw = None if row is None else row.get("cur")
        if is_blank(raw):
            return _BLANK
        try:
            return CLASS_NAMES[parse_class(raw) - 1]
        except BadValue:
            return None
    raw = values.get(key)
    if is_blank(raw):
        return _BLANK
    try:
        return parse(rubric.catalogue[key], raw)
    except BadValue:
        return None


def _same(typed: object, derived: object) -> bool:
    """Equal at the typed figure's precision: an official 3.85 matches a derived 3.8512."""
    if isinstance(typed, (Decimal, int)) and isinstance(derived, (Decimal, int)):
        typed, derived = Decimal(typed), Decimal(derived)
        places = max(0, -typed.normalize().as_tuple().exponent)
        return round_gb8170(derived, places) == typed
    return typed == derived


def _label(key: str, rubric: Rubric) -> str:
    section = section_of_key(key)
    if section:
        return f"断面“{section[0]}”{SECTION_COLUMNS[section[1]]}"
    f = rubric.catalogue.get(key)
    return f.label if f else key


def _fill_section(rows: dict[str, list[dict]], name: str, value: str) -> None:
    for row in rows.get(name, []):
        row["cur"] = value
