"""Turning the cells found on the input sheets into the one `InputData`: field values by key, the water
sections table, the 填报说明 facts (county, year, template version), each with its cell."""

from __future__ import annotations

from itertools import zip_longest

from ecoscore.core.evidence import Evidence
from ecoscore.core.fields import SECTION_COLUMNS
from ecoscore.core.model import Location, Problem
from ecoscore.core.values import clean_text, is_blank
from ecoscore.rubric import Rubric
from ecoscore.sources.inputs import InputData
from ecoscore.workbook import layout as L
from ecoscore.workbook.cells import Slot, raw_value
from ecoscore.workbook.evidence_sheet import EVIDENCE_SHEET as EVIDENCE_SHEET_NAME

SECTION_HEADER_TO_COL = {header: col for col, header in SECTION_COLUMNS.items()}


# ---- turning slots into InputData ------------------------------------------------------------
def assemble(data: InputData, slots: list[Slot], rubric: Rubric) -> None:
    cat = rubric.catalogue
    rows: dict[int, tuple[dict, dict, bool]] = {}
    units: dict[int, list] = {}  # 责任单位对照 row → [source name, local name, where the local name is]
    evidence: dict[int, list] = {}  # 佐证材料 row → [序号, 材料名称, 文号, 页码]
    for s in slots:
        what = s.target[0]
        if what == "missing_column":
            data.problems.append(
                Problem(
                    "missing_column",
                    f"断面水质表缺少“{s.target[1]}”列（表头行见 {s.location}）",
                    key=f"sections.{SECTION_HEADER_TO_COL[s.target[1]]}",
                    location=s.location,
                    expected=f"表头“{s.target[1]}”",
                )
            )
        elif what == "sections_table":
            data.locations["sections"] = s.location
        elif what == "value":
            key = s.target[1]
            if key in data.locations:
                data.problems.append(
                    Problem(
                        "duplicate",
                        f"字段编码“{key}”出现了不止一次（另见 {data.locations[key]}）；每个字段只能填一行，请删除多余的行",
                        key=key,
                        value=s.value,
                        location=s.location,
                        expected="每个字段编码只出现一次",
                    )
                )
                continue
            f = cat.get(key)
            data.locations[key] = s.location
            data.values[key] = raw_value(s, f, f.label if f else key, f.expected if f else "", data.problems, key)
        elif what == "section":
            _, r, col = s.target
            values, locs, bad = rows.setdefault(r, ({}, {}, False))
            n_problems = len(data.problems)
            values[col] = raw_value(
                s, None, f"断面水质第 {r} 行{SECTION_COLUMNS[col]}", "", data.problems, f"sections.{col}"
            )
            locs[col] = s.location
            rows[r] = (values, locs, bad or len(data.problems) > n_problems)
        elif what == "meta":
            read_meta(data, s)
        elif what == "evidence_table":
            data.evidence_given = True
        elif what == "evidence":
            _, r, i = s.target
            evidence.setdefault(r, [None] * 4)[i] = raw_value(s, None, "佐证材料", "", data.problems, "evidence")
        elif what == "unit":
            _, r, i = s.target
            units.setdefault(r, [None, None, s.location])[i] = raw_value(
                s, None, L.NAMES_TABLE_HEADERS[i], "", data.problems, "units"
            )
            if i == 1:
                units[r][2] = s.location
    for source, local, where in units.values():
        if not is_blank(source):
            source = str(source).strip()  # as typed: clean_text would turn full-width brackets into ASCII
            data.unit_names[source] = None if is_blank(local) else str(local).strip()
            data.meta_locations[f"units.{source}"] = where
    read_evidence(data, evidence)
    for r in sorted(rows):
        values, locs, bad = rows[r]
        # Blank rows are room left for more sections; a row with a bad cell is already reported.
        if not bad and not all(is_blank(v) for v in values.values()):
            data.sections.append(values)
            data.section_locations.append(locs)


def version_note(version: str | None) -> str | None:
    """A note when the workbook says it was made with another template version than ours.

    Reading goes by field key, so an older or newer workbook still scores; what it lacks is
    missing data and what it has extra is reported. A blank version (an old or hand-made
    workbook) is no reason for a note."""
    if not version or version == L.TEMPLATE_VERSION:
        return None
    return (
        f"此工作簿由模板版本 {version} 生成，本工具的模板版本为 {L.TEMPLATE_VERSION}：字段按编码读取，"
        "本工具需要而此工作簿没有的字段按缺项处理，请核对“缺项”表；最新模板可用 ecoscore init-template 生成。"
    )


def read_meta(data: InputData, s: Slot) -> None:
    what = s.target[1]
    raw = raw_value(s, None, L.INFO_LABELS[what], "", data.problems, f"info.{what}")
    data.meta_locations[f"info.{what}"] = s.location
    if is_blank(raw):
        return
    if what == "county":
        data.county = clean_text(str(raw))
    elif what == "version":
        data.template_version = clean_text(str(raw))
    elif what == "year":
        text = clean_text(str(raw)).removesuffix("年").removesuffix(".0")
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == int(raw):
            text = str(int(raw))
        if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2200:
            data.year = int(text)
        else:
            data.problems.append(
                Problem(
                    "invalid_value",
                    f"考核年度：填写的“{raw}”不是年份；应填四位数年份，如 2021",
                    key="info.year",
                    value=raw,
                    expected="四位数年份",
                    location=s.location,
                )
            )


def _text(raw) -> str:
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)  # a page number typed as a number
    return "" if is_blank(raw) else str(raw).strip()


def read_evidence(data: InputData, rows: dict[int, list]) -> None:
    """The 佐证材料 rows by item: a blank 序号 continues the item above; the lines of a cell are
    several documents, matched line by line across 材料名称, 文号 and 页码."""
    current: str | None = None
    found: dict[str, list[Evidence]] = {}
    for r in sorted(rows):
        item_id, *parts = rows[r]
        texts = [_text(p) for p in parts]
        if not is_blank(item_id):
            current = clean_text(_text(item_id)).upper()
            data.meta_locations.setdefault(f"evidence.{current}", Location(EVIDENCE_SHEET_NAME, f"A{r}"))
        if current is None or not any(texts):
            continue
        lines = zip_longest(*(t.split("\n") for t in texts), fillvalue="")
        found.setdefault(current, []).extend(
            Evidence(*(x.strip() for x in ln)) for ln in lines if any(x.strip() for x in ln)
        )
    data.evidence = {k: tuple(v) for k, v in found.items()}
