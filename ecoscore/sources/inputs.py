"""One county-year's raw input (`InputData`), whichever file it came from, and the JSON reader.

The workbook readers (`ecoscore.workbook`) fill the same `InputData`; `services.load` picks
the reader by content and scores the result, so a workbook and its JSON twin give identical
reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ecoscore.core.model import FileProblem, Location, Problem
from ecoscore.monitoring.rows import AIR_MEMBER, WATER_MEMBER, MonitoringData, from_json


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
    template_version: str | None = None  # the 模板版本 a workbook states
    path: Path | None = None
    extra: dict = field(default_factory=dict)  # further JSON members for later stages
    monitoring: MonitoringData | None = None  # 空气日数据 / 断面监测 (JSON air_daily / water_samples)
    notes: list[str] = field(default_factory=list)  # passed on to Report.notes
    unit_names: dict = field(default_factory=dict)  # rubric's unit name → the county's (责任单位对照, JSON units)
    meta_locations: dict = field(default_factory=dict)  # "info.year", "info.county" → where they were read


def read_json(path: Path) -> InputData:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，请以 UTF-8 编码保存") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileProblem(
            f"“{path.name}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误（{exc.msg}）"
        ) from None
    except (RecursionError, ValueError):  # absurd nesting, or an integer thousands of digits long
        raise FileProblem(f"“{path.name}”不是合理的 JSON 输入（嵌套过深或数字过长），请检查文件内容") from None
    return json_input(doc, path)


def json_input(doc: object, path: Path | None = None) -> InputData:
    """The JSON input form: {"values": {key: value}, "sections": [{name, level, target, prev, cur}]}."""
    name = path.name if path else "JSON"
    if not isinstance(doc, dict) or not isinstance(doc.get("values", {}), dict):
        raise FileProblem(f'“{name}”的结构不对：应为 {{"values": {{字段编码: 值}}, "sections": [断面…]}}')
    sections = doc.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(r, dict) for r in sections):
        raise FileProblem(f"“{name}”的 sections 应为断面对象的列表，每个含 name、level、target、prev、cur")
    year = doc.get("year")
    problems = []
    if year is not None and not (isinstance(year, int) and 2000 <= year <= 2100):
        problems.append(
            Problem(
                "invalid_value",
                f"年度：填写的“{year}”不是有效年份；应填如 2021 的整数",
                key="year",
                value=year,
                location=Location("JSON", "year"),
                expected="年份",
            )
        )
        year = None
    units = doc.get("units", {})
    if not isinstance(units, dict):
        raise FileProblem(f"“{name}”的 units 应为对象：{{细则中的责任单位名称: 本县（市、区）的单位名称}}")
    known = {"values", "sections", "county", "year", "units", AIR_MEMBER, WATER_MEMBER}
    return InputData(
        values=dict(doc.get("values", {})),
        sections=list(sections),
        county=doc.get("county"),
        year=year,
        problems=problems,
        kind="json",
        path=path,
        extra={k: v for k, v in doc.items() if k not in known},
        monitoring=from_json(doc),
        unit_names=dict(units),
    )
