"""Reading any input file into the one `InputData`, and scoring it.

`load_input` picks the reader by content (JSON, or an input workbook); `read_side` also takes
a scored workbook (its 填报数据 sheet), for diff and carry-over; `score_input` fills blanks from
monitoring data and scores against the edition given. openpyxl is imported only when a
workbook is read.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from ecoscore import rubric as editions
from ecoscore.core.kit import num
from ecoscore.core.model import FileProblem, InputError, Report
from ecoscore.core.values import is_blank
from ecoscore.rubric import Rubric
from ecoscore.scoring import units
from ecoscore.scoring.engine import score_values
from ecoscore.scoring.validation import has_this_years_data
from ecoscore.sources.inputs import InputData, read_json
from ecoscore.sources.sniff import sniff

if TYPE_CHECKING:
    from ecoscore.core.city import CountyCity  # only a city batch has one

UNKNOWN = "unknown_values"  # InputData.extra: keys the edition's catalogue does not know
NOTHING_ENTERED = "尚未填写任何数据：请先在输入工作簿中填写本年数据后再评分"


def load_input(path: str | Path) -> InputData:
    """Read a JSON input or an input workbook (recognised by content, not by extension)."""
    path = Path(path)
    if sniff(path) == "json":
        return read_json(path)
    from ecoscore.workbook.reader import read_input, version_note

    data = read_input(path, sniffed=True)  # the pre-flight has just run, in `sniff`
    note = version_note(data.template_version)
    data.notes = [note] if note else []
    return data


def read_side(path: str | Path, rubric: Rubric | None = None) -> InputData:
    """The raw input of an input workbook, a scored workbook (its 填报数据 sheet) or a JSON input.

    Keys the edition's catalogue does not know (another template version or rubric) are moved
    to `data.extra["unknown_values"]`, so they are listed instead of failing validation.
    """
    path = Path(path)
    data = None
    if sniff(path) == "xlsx":
        from ecoscore.workbook import scored_reader

        if scored_reader.is_scored_workbook(path):
            data, original = scored_reader.read_scored_inputs(path)
            if data is None:
                if original is None or not original.is_file():
                    raise FileProblem(
                        f"“{path.name}”的“填报数据”表中没有可读取的填报数据，"
                        f"也找不到它所依据的填报文件（{original.name if original else '未注明'}）；"
                        "请改用填报工作簿对比"
                    )
                data = load_input(original)
    if data is None:
        data = load_input(path)
    cat = (rubric or editions.default()).catalogue
    unknown = {k: v for k, v in data.values.items() if k not in cat}
    if unknown:
        data.values = {k: v for k, v in data.values.items() if k in cat}
        data.extra[UNKNOWN] = unknown
    return data


FRACTION_KINDS = ("pct", "pct+")  # 0–100 percentages (a change in % may well be below 1)


def fraction_hints(data: InputData, rubric: Rubric) -> list[str]:
    """提示 for a percentage typed as a fraction (0.92 for 92 %) in a workbook cell without a
    percent format: scored as typed, but named, with the value it probably meant.

    A percent-formatted cell is already scaled by the reader (it stores 0.92 for 92 % and is
    read as the exact Decimal 92, `workbook.cells`); a number in a plain cell arrives as the
    float Excel stored, a text cell as its text. Only those are looked at.
    """
    if data.kind != "xlsx":
        return []
    out = []
    for key, raw in data.values.items():
        f = rubric.catalogue.get(key)
        if f is None or f.kind not in FRACTION_KINDS or isinstance(raw, bool):
            continue
        if isinstance(raw, float):
            value = Decimal(repr(raw))
        elif isinstance(raw, str) and not raw.strip().endswith(("%", "％")):
            try:
                value = Decimal(raw.strip())
            except InvalidOperation:
                continue
        else:
            continue
        if 0 < value < 1:
            where = data.locations.get(key)
            meant = num(value * 100)
            out.append(
                f"{where} “{f.label}”填的是 {num(value)}，本项按百分数计，已按 {num(value)}% 计分；"
                f"如果是指 {meant}%，请改填 {meant} 或 {meant}%"
            )
    return out


def where_to_start(data: InputData, rubric: Rubric) -> str:
    """The one line after 尚未填写任何数据: where the first field of the first section sits."""
    if data.kind == "json":
        return "请在 JSON 的 “values” 中按字段编码填写本年数据（各字段的说明：ecoscore explain 字段编码）"
    from ecoscore.workbook.layout import section_sheet_name

    first = section_sheet_name(rubric.point_sections[0].id, rubric)
    return f"从“{first}”表开始，逐表填写黄色单元格（填写方法见“填报说明”表）"


def json_defaults(rubric: Rubric) -> dict:
    return {key: f.default for key, f in rubric.catalogue.items() if f.default is not None}


def score_input(
    data: InputData, rubric: Rubric | None = None, *, rubric_id: str | None = None, city: CountyCity | None = None
) -> Report:
    """Score the input; every problem (reading and validating) is raised together.

    The edition is the one for the input's 考核年度 (`services.basis.choose`); `rubric_id` (the
    CLI's --rubric) or `rubric` asks for that edition instead — on another year's data it is a
    labelled comparison basis (`Report.basis`). A year without an edition is an InputError.
    With monitoring data, the figures derived from them fill the blank fields and 本年类别
    first (typed figures win; `ecoscore.monitoring.bridge`), and a mid-year 预测 is scored as well.
    `city`: the figures a city batch derived for this county (`services.city`) fill the fields
    still blank, and the report lists them (`Report.city`).
    """
    from ecoscore.services import evidence
    from ecoscore.services.basis import Basis, choose

    if rubric is not None:
        basis = Basis(rubric, data.year or rubric.year, explicit=data.year is not None and data.year != rubric.year)
    else:
        try:
            basis = choose(data.year, rubric_id, location=data.meta_locations.get("info.year"))
        except InputError as exc:
            raise InputError(data.problems + exc.problems, exc.message, notes=data.notes) from None
    rubric, year = basis.rubric, basis.year
    values, sections, problems, derivation = data.values, data.sections, list(data.problems), None
    unit_names, unit_problems = units.validate(data.unit_names, rubric, data.meta_locations)
    problems += unit_problems + evidence.problems(data, rubric)
    given = data.monitoring is not None and data.monitoring.given
    if not problems and not has_this_years_data(values, sections, rubric, monitoring=given):
        message = NOTHING_ENTERED if data.kind == "xlsx" else NOTHING_ENTERED.replace("输入工作簿", "输入文件")
        raise InputError([], message, notes=[where_to_start(data, rubric), *data.notes])
    if data.monitoring is not None:
        from ecoscore.monitoring.bridge import derive

        problems += data.monitoring.problems
        if data.monitoring.given:
            if data.kind == "json":  # absent keys take their catalogue default, as in the engine
                values = {**json_defaults(rubric), **values}
            derivation = derive(values, sections, data.monitoring, year, rubric, locations=data.locations)
            problems += derivation.problems
            values, sections = {**data.values, **derivation.value_fills}, derivation.sections
    if city is not None:  # blank fields only: a typed figure may be the official city figure
        values = {**values, **{k: v for k, v in city.fill.items() if is_blank(values.get(k))}}
    options: dict = {
        "locations": data.locations,
        "section_locations": data.section_locations,
        "apply_defaults": data.kind == "json",
        "rubric": rubric,
        "year": year,
    }
    try:
        report = score_values(values, sections, **options)
    except InputError as exc:
        raise InputError(problems + exc.problems, notes=data.notes) from None
    if problems:
        raise InputError(problems, notes=data.notes)
    report.county = data.county or rubric.source_county
    report.year = year
    report.basis = basis.text
    units.rename(report, unit_names)  # the one place lines take the county's names for their units
    report.evidence = dict(data.evidence)
    report.notes = list(data.notes) + fraction_hints(data, rubric)
    if data.monitoring is not None:
        report.notes += data.monitoring.notes  # e.g. the days whose PM was 0, read as 无数据
    note = units.source_names_note(data.county, unit_names, rubric)
    if note:
        report.notes.append(note)
    blank_evidence = evidence.blank_note(data, report)
    if blank_evidence:
        report.notes.append(blank_evidence)
    if data.year is None:
        report.notes.append(
            f"输入未注明考核年度，按《{rubric.title}》适用的 {year} 年度评分；请在“填报说明”表填写考核年度"
        )
    if not data.county:
        report.notes.append(
            f"输入未注明县（市、区）名称，按考核细则来源 {rubric.source_county} 显示；请填写县（市、区）名称"
        )
    if city is not None:
        report.city = list(city.figures)
        report.notes += city.notes
    if derivation is not None:
        report.derived_values, report.monitoring = dict(derivation.derived), derivation
        mid = derivation.mid_year
        if mid is not None and mid.projection is not None:  # 预测: the remaining days from last year
            projected = score_values({**values, **mid.fill}, sections, **options)
            mid.total, mid.provisional = projected.total, projected.provisional
            mid.unscored_points = projected.unscored_points
    return report
