"""One county-year's raw input, from a JSON document or a filled workbook, and scoring it.

Both paths end in the same `engine.score_values` call, so a workbook and its JSON twin
give identical reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ecoscore.model import FileProblem, InputError, Location, Problem, Report
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
    extra: dict = field(default_factory=dict)  # further JSON members (daily data…) for later stages


def read_json(path: Path) -> InputData:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，请以 UTF-8 编码保存") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileProblem(f"“{path.name}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误（{exc.msg}）") from None
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
    known = {"values", "sections", "county", "year"}
    return InputData(
        values=dict(doc.get("values", {})), sections=list(sections), county=doc.get("county"), year=year,
        problems=problems, kind="json", path=path, extra={k: v for k, v in doc.items() if k not in known})


def load_input(path: str | Path) -> InputData:
    """Read a JSON input or an input workbook (recognised by content, not by extension)."""
    path = Path(path)
    kind = sniff(path)
    if kind == "json":
        return read_json(path)
    from ecoscore.workbook.reader import read_input  # openpyxl only when a workbook is read

    data = read_input(path)
    return InputData(
        values=data.values, sections=data.sections, locations=data.locations,
        section_locations=data.section_locations, county=data.county, year=data.year,
        problems=list(data.problems), kind="xlsx", path=path)


def score_input(data: InputData) -> Report:
    """Score the input; every problem (reading and validating) is raised together."""
    from ecoscore.engine import score_values

    try:
        report = score_values(data.values, data.sections, locations=data.locations,
                              section_locations=data.section_locations, apply_defaults=data.kind == "json")
    except InputError as exc:
        raise InputError(data.problems + exc.problems) from None
    if data.problems:
        raise InputError(data.problems)
    report.county = data.county or DEFAULT_COUNTY
    report.year = data.year or DEFAULT_YEAR
    return report
