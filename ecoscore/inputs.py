"""One county-year's raw input, from a JSON document or a filled workbook, and scoring it.

Both paths end in the same `engine.score_values` call, so a workbook and its JSON twin
give identical reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ecoscore.model import FileProblem, InputError, Location, Problem, Report
from ecoscore.monitoring_rows import AIR_MEMBER, WATER_MEMBER, MonitoringData, from_json
from ecoscore.sniff import sniff

DEFAULT_COUNTY = "中方县"
DEFAULT_YEAR = 2021


@dataclass
class InputData:
    values: dict
    sections: list[dict]
    locations: dict = field(default_factory=dict)
    section_locations: list[dict] = field(default_factory=list)
    county: str | None = None
    year: int | None = None
    problems: list[Problem] = field(default_factory=list)
    kind: str = "json"  # "json" or "xlsx"
    path: Path | None = None
    extra: dict = field(default_factory=dict)  # further JSON members for later stages
    monitoring: MonitoringData | None = None  # 空气日数据 / 断面监测 (JSON air_daily / water_samples)
    notes: list[str] = field(default_factory=list)  # passed on to Report.notes


def read_json(path: Path) -> InputData:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，请以 UTF-8 编码保存") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileProblem(f"“{path.name}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误（{exc.msg}）") from None
    except (RecursionError, ValueError):  # absurd nesting, or an integer thousands of digits long
        raise FileProblem(f"“{path.name}”不是合理的 JSON 输入（嵌套过深或数字过长），请检查文件内容") from None
    return json_input(doc, path)


def json_input(doc: object, path: Path | None = None) -> InputData:
    """The JSON input form: {"values": {key: value}, "sections": [{name, level, target, prev, cur}]}."""
    name = path.name if path else "JSON"
    if not isinstance(doc, dict) or not isinstance(doc.get("values", {}), dict):
        raise FileProblem(f"“{name}”的结构不对：应为 {{\"values\": {{字段编码: 值}}, \"sections\": [断面…]}}")
    sections = doc.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(r, dict) for r in sections):
        raise FileProblem(f"“{name}”的 sections 应为断面对象的列表，每个含 name、level、target、prev、cur")
    year = doc.get("year")
    problems = []
    if year is not None and not (isinstance(year, int) and 2000 <= year <= 2100):
        problems.append(Problem("invalid_value", f"年度：填写的“{year}”不是有效年份；应填如 2021 的整数",
                                key="year", value=year, location=Location("JSON", "year"), expected="年份"))
        year = None
    known = {"values", "sections", "county", "year", AIR_MEMBER, WATER_MEMBER}
    return InputData(
        values=dict(doc.get("values", {})), sections=list(sections), county=doc.get("county"), year=year,
        problems=problems, kind="json", path=path, extra={k: v for k, v in doc.items() if k not in known},
        monitoring=from_json(doc))


def load_input(path: str | Path) -> InputData:
    """Read a JSON input or an input workbook (recognised by content, not by extension)."""
    path = Path(path)
    kind = sniff(path)
    if kind == "json":
        return read_json(path)
    # openpyxl only when a workbook is read
    from ecoscore.workbook.reader import read_input, version_note

    data = read_input(path)
    note = version_note(data.template_version)
    return InputData(
        values=data.values, sections=data.sections, locations=data.locations,
        section_locations=data.section_locations, county=data.county, year=data.year,
        problems=list(data.problems), kind="xlsx", path=path, monitoring=data.monitoring,
        notes=[note] if note else [])


def score_input(data: InputData) -> Report:
    """Score the input; every problem (reading and validating) is raised together.

    With monitoring data, the figures derived from them fill the blank fields and 本年类别
    first (typed figures win; `ecoscore.monitoring`), and a mid-year 预测 is scored as well.
    """
    from ecoscore.engine import score_values

    year = data.year or DEFAULT_YEAR
    values, sections, problems, derivation = data.values, data.sections, list(data.problems), None
    if data.monitoring is not None:
        from ecoscore.monitoring import derive

        problems += data.monitoring.problems
        if data.monitoring.given:
            if data.kind == "json":  # absent keys take their catalogue default, as in the engine
                values = {**_json_defaults(), **values}
            derivation = derive(values, sections, data.monitoring, year, locations=data.locations)
            problems += derivation.problems
            values, sections = {**data.values, **derivation.value_fills}, derivation.sections
    options = {"locations": data.locations, "section_locations": data.section_locations,
               "apply_defaults": data.kind == "json"}
    try:
        report = score_values(values, sections, **options)
    except InputError as exc:
        raise InputError(problems + exc.problems, notes=data.notes) from None
    if problems:
        raise InputError(problems, notes=data.notes)
    report.county = data.county or DEFAULT_COUNTY
    report.year = year
    report.notes = list(data.notes)
    if derivation is not None:
        report.derived_values, report.monitoring = dict(derivation.derived), derivation
        mid = derivation.mid_year
        if mid is not None and mid.projection is not None:  # 预测: the remaining days from last year
            projected = score_values({**values, **mid.fill}, sections, **options)
            mid.total, mid.provisional = projected.total, projected.provisional
            mid.unscored_points = projected.unscored_points
    return report


def _json_defaults() -> dict:
    from ecoscore import rubric

    return {key: f.default for key, f in rubric.catalogue().items() if f.default is not None}
