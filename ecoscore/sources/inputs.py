"""One county-year's raw input (`InputData`), whichever file it came from, and the JSON reader.

The workbook readers (`ecoscore.workbook`) fill the same `InputData`; `services.load` picks
the reader by content and scores the result, so a workbook and its JSON twin give identical
reports.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path

from ecoscore.core.evidence import Evidence
from ecoscore.core.model import FileProblem, InputError, Location, Problem
from ecoscore.core.record import record
from ecoscore.monitoring.rows import AIR_MEMBER, WATER_MEMBER, MonitoringData, from_json

# Far beyond any county (a few dozen sections, two years of daily rows): refused before any work.
MAX_SECTIONS = 1_000
MAX_VALUES = 5_000
MAX_MONITORING_ROWS = 10_000
# Top-level members besides the data: free-text notes (the shipped examples carry 说明 / note).
KNOWN_MEMBERS = ("values", "sections", "county", "year", "units", "evidence", AIR_MEMBER, WATER_MEMBER)
NOTE_MEMBERS = ("note", "notes", "comment", "说明", "备注")
NOTE_PREFIXES = ("_", "$", "//", "#")
# patterns of a JSON input's lone surrogates, compiled by `re` when a JSON input is first read
SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F]"
SURROGATE = "[\ud800-\udfff]"
MAX_LISTED = 100  # problems of one kind listed, at most


@record(eq=False)
class InputData:
    """What one input holds, read but not yet checked against an edition (a workbook or a JSON file)."""

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
    # 佐证材料 by item id (佐证材料 sheet, JSON evidence); `evidence_given`: the input has a place for them
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    evidence_given: bool = False


def read_json(path: Path) -> InputData:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，请以 UTF-8 编码保存") from None
    import json  # only a JSON input needs it

    duplicates: dict[int, list[str]] = {}
    try:
        doc = json.loads(text, object_pairs_hook=_pairs_hook(duplicates))
    except json.JSONDecodeError as exc:
        raise FileProblem(
            f"“{path.name}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误（{exc.msg}）"
        ) from None
    except (RecursionError, ValueError):  # absurd nesting, or an integer thousands of digits long
        raise FileProblem(f"“{path.name}”不是合理的 JSON 输入（嵌套过深或数字过长），请检查文件内容") from None
    problems, cleaned = _checked(doc, duplicates, bool(re.search(SURROGATE_ESCAPE, text)))
    data = json_input(doc, path, problems)
    if cleaned:
        shown = "、".join(cleaned[:5]) + ("等" if len(cleaned) > 5 else "")
        data.notes.append(
            f"{shown}中有无效的 Unicode 字符（单独的代理项，如缺少另一半的 \\uD800），任何文件都无法保存，已删除"
        )
    return data


def _pairs_hook(duplicates: dict[int, list[str]]):
    """json's object_pairs_hook: a dict as usual, noting the keys an object repeats (json.loads
    would silently keep the last value)."""

    def hook(pairs: list[tuple[str, object]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated: dict[str, None] = {}
            for key, _ in pairs:
                if key in seen:
                    repeated[key] = None
                seen.add(key)
            duplicates[id(obj)] = list(repeated)
        return obj

    return hook


def _checked(doc: object, duplicates: dict[int, list[str]], surrogates: bool) -> tuple[list[Problem], list[str]]:
    """Problems of repeated keys, each at its JSON path; and the paths of the strings that held
    lone surrogates (a \\uD800 escape without its pair, which no file can store), removed here
    as the workbook writers would, so nothing downstream meets them (a note says so). One
    linear walk, only when the text holds either."""
    problems: list[Problem] = []
    cleaned: list[str] = []
    if not duplicates and not surrogates:
        return problems, cleaned
    stack: list[tuple[object, str]] = [(doc, "")]
    while stack and len(problems) < MAX_LISTED:
        node, where = stack.pop()
        if isinstance(node, dict):
            for key in duplicates.get(id(node), []):
                at = f"{where}.{key}" if where else key
                problems.append(
                    Problem(
                        "duplicate",
                        f"“{key}”在同一个对象中出现了不止一次：JSON 中每个键只能写一次（否则后写的值会悄悄覆盖先写的），请删除多余的一项",
                        key=at[len("values.") :] if at.startswith("values.") else at,
                        location=Location("JSON", at),
                        expected="每个键只出现一次",
                    )
                )
            if surrogates:
                for key in [k for k in node if re.search(SURROGATE, k)]:
                    fixed = re.sub(SURROGATE, "", key)
                    cleaned.append(f"{where}.{fixed}" if where else fixed)
                    node[fixed] = node.pop(key)
            children = [(key, value, f"{where}.{key}" if where else key) for key, value in node.items()]
        elif isinstance(node, list):
            children = [(i, value, f"{where}[{i}]") for i, value in enumerate(node)]
        else:
            continue
        for slot, value, at in children:
            if isinstance(value, str):
                if surrogates and re.search(SURROGATE, value):
                    node[slot] = re.sub(SURROGATE, "", value)
                    cleaned.append(at)
            elif isinstance(value, (dict, list)):
                stack.append((value, at))
    return problems[:MAX_LISTED], cleaned


def json_input(doc: object, path: Path | None = None, problems: list[Problem] | None = None) -> InputData:
    """The JSON input form: {"values": {key: value}, "sections": [{name, level, target, prev, cur}]}."""
    name = path.name if path else "JSON"
    if isinstance(doc, list):
        raise FileProblem(
            f'“{name}”的顶层是列表（[…]），应为一个对象：{{"values": {{字段编码: 值}}, "sections": [断面…]}}；'
            "一个文件只填一个县一年的数据"
        )
    if not isinstance(doc, dict) or not isinstance(doc.get("values", {}), dict):
        raise FileProblem(f'“{name}”的结构不对：应为 {{"values": {{字段编码: 值}}, "sections": [断面…]}}')
    sections = doc.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(r, dict) for r in sections):
        raise FileProblem(f"“{name}”的 sections 应为断面对象的列表，每个含 name、level、target、prev、cur")
    _check_size(doc)
    problems = list(problems or []) + _unknown_members(doc)
    year = doc.get("year")
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
    evidence = json_evidence(doc.get("evidence"), name, problems) if "evidence" in doc else {}
    return InputData(
        values=dict(doc.get("values", {})),
        sections=list(sections),
        county=doc.get("county"),
        year=year,
        problems=problems,
        kind="json",
        path=path,
        extra={k: v for k, v in doc.items() if k not in KNOWN_MEMBERS},
        monitoring=from_json(doc),
        unit_names=dict(units),
        evidence=evidence,
        evidence_given="evidence" in doc,
        meta_locations={f"evidence.{k}": Location("JSON", f"evidence.{k}") for k in evidence},
    )


EVIDENCE_PARTS = ("name", "number", "page")


def json_evidence(doc: object, name: str, problems: list[Problem]) -> dict[str, tuple[Evidence, ...]]:
    """{条款序号: [{"name": 材料名称, "number": 文号, "page": 页码或路径} 或 "材料名称", …]}; a bad entry is a
    problem at its JSON path, the item ids are checked against the edition when scoring."""
    if not isinstance(doc, dict):
        raise FileProblem(
            f"“{name}”的 evidence 应为对象：{{条款序号: [{{name: 材料名称, number: 文号, page: 页码}}…]}}"
        )
    out: dict[str, tuple[Evidence, ...]] = {}
    for item_id, entries in doc.items():
        entries = entries if isinstance(entries, list) else [entries]
        found = []
        for i, entry in enumerate(entries):
            if isinstance(entry, str):
                entry = {"name": entry}
            parts = entry if isinstance(entry, dict) else {}
            texts = {k: parts.get(k, "") for k in EVIDENCE_PARTS}
            if not parts or set(parts) - set(EVIDENCE_PARTS) or not all(isinstance(t, str) for t in texts.values()):
                problems.append(
                    Problem(
                        "invalid_value",
                        "佐证材料应为文字，或含 name（材料名称）、number（文号）、page（页码或文件路径）的对象",
                        key=f"evidence.{item_id}",
                        location=Location("JSON", f"evidence.{item_id}[{i}]"),
                        expected="材料名称或 {name, number, page}",
                    )
                )
                continue
            if any(t.strip() for t in texts.values()):
                found.append(Evidence(*(texts[k].strip() for k in EVIDENCE_PARTS)))
        if found:
            out[str(item_id).strip().upper()] = tuple(found)
    return out


def _check_size(doc: dict) -> None:
    """A document far beyond any county is refused at once (before any validation or scoring)."""
    for member, cap, what in (
        ("sections", MAX_SECTIONS, "断面"),
        ("values", MAX_VALUES, "字段"),
        (AIR_MEMBER, MAX_MONITORING_ROWS, "空气日数据行"),
        (WATER_MEMBER, MAX_MONITORING_ROWS, "断面监测行"),
    ):
        entries = doc.get(member)
        if isinstance(entries, (list, dict)) and len(entries) > cap:
            raise InputError(
                [
                    Problem(
                        "too_many_rows",
                        f"{member} 有 {len(entries)} 个{what}，远超任何一个县的数量（至多 {cap} 个），已拒绝读取；请核对文件",
                        key=member,
                        location=Location("JSON", member),
                        expected=f"至多 {cap} 个{what}",
                    )
                ]
            )


def _unknown_members(doc: dict) -> list[Problem]:
    """Top-level members ecoscore does not know (a typo such as "valus" would otherwise drop
    every value silently); notes (说明, note, _… ) are allowed."""
    allowed = ", ".join(KNOWN_MEMBERS)
    return [
        Problem(
            "unknown_key",
            f"未知的顶层成员“{key}”（应为 {allowed} 之一；说明文字请写在“说明”或“note”中）",
            key=key,
            location=Location("JSON", key),
            expected=allowed,
        )
        for key in doc
        if key not in KNOWN_MEMBERS and key not in NOTE_MEMBERS and not key.startswith(NOTE_PREFIXES)
    ]
