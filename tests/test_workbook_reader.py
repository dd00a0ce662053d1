"""Reading a filled template: by key, every normalisation, every error with its cell, never writing."""

import hashlib
import re
import shutil
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

from ecoscore import rubric
from ecoscore.core.model import FileProblem, InputError
from ecoscore.scoring.engine import score_values, validate_values
from ecoscore.services.evidence import NONE_NOTE
from ecoscore.services.load import load_input, score_input
from ecoscore.workbook import read_input, write_template
from tests.strategies import inputs
from tests.test_s01_ideology import PERFECT as S01_PERFECT

SECTIONS = [
    {"name": "舞水中方段", "level": "国考", "target": "Ⅲ", "prev": "Ⅱ", "cur": "Ⅱ"},
    {"name": "沅水铜湾段", "level": "省考", "target": "Ⅲ", "prev": "Ⅲ", "cur": "Ⅲ"},
]


# ---- helpers shared by the workbook tests ---------------------------------------------------
def key_cells(wb) -> dict:
    """key → value cell, found the way a person would: by the 字段编码 / 填报值 headers."""
    out = {}
    for ws in wb.worksheets:
        cols = None
        for row in ws.iter_rows():
            texts = [c.value for c in row]
            if "字段编码" in texts and "填报值" in texts:
                cols = texts.index("字段编码"), texts.index("填报值")
            elif cols and row[cols[0]].value:
                out[row[cols[0]].value] = ws.cell(row=row[0].row, column=cols[1] + 1)
    return out


def valid_value(f):
    """A valid value of each kind, as a clerk would type it."""
    return {
        "bool": "是",
        "count": 0,
        "rank": 3,
        "pct": 90,
        "pct+": 100,
        "spct": "1.5",
        "conc": 30,
        "num": 50,
        "ded": 0,
        "text": f.default or "说明",
    }.get(f.kind, f.choices[0] if f.choices else None)


def all_valid() -> dict:
    return {k: valid_value(f) for k, f in rubric.default().catalogue.items()}


def fill(path, values: dict, sections: list | None = None, out=None, edit=None):
    """Fill a template by key (and the 断面水质 rows), optionally edit the workbook, save."""
    wb = load_workbook(path)
    cells = key_cells(wb)
    for key, v in values.items():
        cells[key].value = v
    ws = wb["断面水质"]
    cols = {c.value: c.column for c in ws[3]}
    for i, row in enumerate(sections or []):
        for col, header in (
            ("name", "断面名称"),
            ("level", "级别"),
            ("target", "目标类别"),
            ("prev", "上年类别"),
            ("cur", "本年类别"),
        ):
            ws.cell(row=4 + i, column=cols[header]).value = row.get(col)
    if edit:
        edit(wb, cells)
    wb.save(out or path)
    return out or path


@pytest.fixture(scope="session")
def blank_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "input.xlsx"
    write_template(path)
    return path


@pytest.fixture
def template(tmp_path, blank_template):
    """A fresh copy of the template (writing one takes longer than copying it)."""
    path = tmp_path / "input.xlsx"
    shutil.copy(blank_template, path)
    return path


def score(path):
    """The path the CLI takes: load (sniffing the content), then score."""
    return score_input(load_input(path))


def typed(data):
    values, problems = validate_values(data.values, data.locations, apply_defaults=False)
    assert problems == []
    return values


# ---- round trips ---------------------------------------------------------------------------
def test_blank_template_reads_defaults_and_meta(template):
    data = read_input(template)
    cat = rubric.default().catalogue
    assert set(data.values) == set(cat) and data.problems == [] and data.sections == []
    assert data.values["target.pm25_annual"] == 32 and data.values["target.good_days_ratio"] == 95
    assert data.values["i01.party_school"] is None
    assert (data.county, data.year, data.template_version) == ("中方县", 2021, "2021.3")
    assert str(data.locations["sections"]) == "断面水质!A4"


def test_round_trip_items_1_to_3_hand_worked(template):
    fill(template, {**all_valid(), **S01_PERFECT}, SECTIONS)
    report = score(template)
    assert not report.provisional
    # each of items 1–3 is worth 1 and all conditions hold: 1 + 1 + 1
    assert [report.item(i).score for i in (1, 2, 3)] == [Decimal("1.00")] * 3
    fill(template, {"i01.party_school": "否", "i02.plan_implemented": "×", "i03.plan_done_on_time": "N"})
    report = score(template)
    # 1.1 not in party school −0.5 → 0.5; 2.2 not implemented −0.5 → 0.5; 3 not on time → 0
    assert [report.item(i).score for i in (1, 2, 3)] == [Decimal("0.50"), Decimal("0.50"), Decimal("0.00")]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=inputs())
def test_workbook_scores_like_json(tmp_path, blank_template, drawn):
    values, sections = drawn
    path = tmp_path / "drawn.xlsx"
    shutil.copy(blank_template, path)
    fill(path, values, sections)
    from_book = score(path)
    from_json = score_values(values, sections, apply_defaults=False)
    assert from_book.total == from_json.total
    assert [i.score for i in from_book.items] == [i.score for i in from_json.items]


def test_input_file_stays_byte_identical(template):
    fill(template, {**all_valid(), "i01.party_school": "=1+1"}, SECTIONS)
    before = hashlib.sha256(template.read_bytes()).hexdigest()
    with pytest.raises(InputError):
        score(template)
    assert hashlib.sha256(template.read_bytes()).hexdigest() == before


# ---- normalisation -----------------------------------------------------------------------------
NORMALISED = [
    ("air.good_days_ratio", " 95 ", None, Decimal(95)),
    ("air.good_days_ratio", "９５．５", None, Decimal("95.5")),
    ("air.good_days_ratio", "95%", None, Decimal(95)),
    ("air.good_days_ratio", 0.955, "0.0%", Decimal("95.5")),
    ("air.good_days_ratio", 0.95, "0%", Decimal(95)),
    ("i08.sewage_collection_increase", -0.015, "0.0%", Decimal("-1.5")),
    ("city.good_days_improvement_avg", 0.02, "0%", Decimal(2)),  # unit 个百分点
    ("air.pm25", 0.1 + 0.2, None, Decimal("0.3")),  # binary noise beyond Excel's 15 digits
    ("air.good_days_ratio", 0.9 + 0.055, "0.0%", Decimal("95.5")),
    ("i37.phone_complaints", "1,234", None, 1234),
    ("i37.phone_complaints", "12", None, 12),
    ("air.pm25", 0.35, "0%", Decimal("0.35")),  # not a percent field: the cell's % format is ignored
    ("i01.party_school", "√", None, True),
    ("i01.party_school", "×", None, False),
    ("i01.party_school", "Y", None, True),
    ("i01.party_school", "n", None, False),
    ("i01.party_school", True, None, True),
    ("i01.party_school", "FALSE", None, False),
    ("i01.party_school", " 是 ", None, True),
]


@pytest.mark.parametrize("key,raw,fmt,expected", NORMALISED)
def test_normalises_what_people_type(template, key, raw, fmt, expected):
    def number_format(wb, cells):
        if fmt:
            cells[key].number_format = fmt

    fill(template, {key: raw}, edit=number_format)
    assert typed(read_input(template))[key] == expected


def test_water_class_spellings(template):
    rows = [
        {"name": f"断面{i}", "level": "国考", "target": t, "prev": p, "cur": c}
        for i, (t, p, c) in enumerate([("III", "二类", 3), ("Ⅲ类", "劣V", "1"), (" Ⅳ ", "劣Ⅴ", "IV类")])
    ]
    fill(template, all_valid(), rows)
    report = score(template)
    assert [(s.target, s.prev, s.cur) for s in report.sections] == [(3, 2, 3), (3, 6, 1), (4, 6, 4)]


# ---- layout changes users make ------------------------------------------------------------------
def test_rows_inserted_sorted_sheets_moved_renamed_hidden(template):
    def rearrange(wb, cells):
        ws = wb["1 学习贯彻生态文明思想"]
        ws.insert_rows(1, 2)  # notes above the header
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_row=ws.max_row)]
        for r, values in enumerate(reversed(rows), start=6):  # sorted descending
            for c, v in enumerate(values, start=1):
                ws.cell(row=r, column=c).value = v
        ws.title = "第一部分"
        ws.sheet_state = "hidden"
        wb.move_sheet(ws, offset=-(wb.index(ws)))

    fill(template, {**all_valid(), **S01_PERFECT, "i01.party_school": "否"}, SECTIONS, edit=rearrange)
    data = read_input(template)
    assert data.problems == []
    assert typed(data)["i01.party_school"] is False and typed(data)["i03.plan_done_on_time"] is True
    assert str(data.locations["i03.plan_done_on_time"]) == "第一部分!E6"  # the last row came first
    assert score(template).item(1).score == Decimal("0.50")


def test_merged_value_cell_reads_its_top_left(template):
    def merge(wb, cells):
        cell = cells["i03.plan_done_on_time"]
        ws = cell.parent
        ws.merge_cells(start_row=cell.row, start_column=cell.column - 1, end_row=cell.row, end_column=cell.column)
        ws.cell(row=cell.row, column=cell.column - 1).value = "是"

    fill(template, {}, edit=merge)
    data = read_input(template)
    assert data.values["i03.plan_done_on_time"] == "是"
    assert str(data.locations["i03.plan_done_on_time"]).endswith("!D8")


def test_formula_takes_the_cached_value(template, tmp_path):
    def formulas(wb, cells):
        cells["air.good_days_ratio"].value = "=0.9+0.05"
        cells["air.good_days_ratio"].number_format = "0%"
        cells["i06.sources_exceeding"].value = "=1-1"

    fill(template, {}, edit=formulas)
    # Give the formulas the results Excel would have cached when saving.
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(cached, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<f>0.9\+0.05</f><v\s*/>", b"<f>0.9+0.05</f><v>0.95</v>", data)
                data = re.sub(rb"<f>1-1</f><v\s*/>", b"<f>1-1</f><v>0</v>", data)
            dst.writestr(info, data)
    values = typed(read_input(cached))
    assert values["air.good_days_ratio"] == Decimal(95) and values["i06.sources_exceeding"] == 0


# ---- errors ------------------------------------------------------------------------------------
def test_every_error_in_one_report_with_cell_and_key(template):
    def extra_rows(wb, cells):
        ws = cells["i01.party_school"].parent
        ws.cell(row=ws.max_row + 1, column=9).value = "i01.party_school"  # duplicate key
        ws.cell(row=ws.max_row, column=5).value = "是"
        ws.cell(row=ws.max_row + 1, column=9).value = "i99.no_such_field"
        ws.cell(row=ws.max_row, column=5).value = 1

    bad = {
        "i06.sources_exceeding": "两个",
        "air.good_days_ratio": 120,
        "i12.measures_missed": 1.5,
        "i07.cod_target": datetime(2021, 3, 5),
        "i16.plots_incomplete": "#DIV/0!",
        "i17.cd_sources_incomplete": "=A1*2",
        "i35.report_status": "按期",
        "i12.emergency_not_launched": "可能",
        "i20.inspected_tasks": 3,
        "i20.false_tasks": 5,
    }
    rows = SECTIONS + [
        {"name": "沅水", "level": "国考", "target": "Ⅲ", "prev": "Ⅱ", "cur": "#N/A"},
        {"name": "舞水中方段", "level": "市考", "target": "Ⅶ", "prev": "Ⅱ", "cur": "Ⅱ"},
    ]
    fill(template, {**all_valid(), **bad}, rows, edit=extra_rows)
    data = read_input(template)
    with pytest.raises(InputError) as err:
        score(template)
    by_key = {}
    for p in err.value.problems:
        by_key.setdefault(p.key, []).append(p)
    loc = {k: str(data.locations[k]) for k in bad}
    del bad["i20.inspected_tasks"]
    expect = {
        "i06.sources_exceeding": ("invalid_value", "两个", "不是数值"),
        "air.good_days_ratio": ("invalid_value", "120", "数值过大"),
        "i12.measures_missed": ("invalid_value", "1.5", "应为整数"),
        "i07.cod_target": ("invalid_value", "2021", "日期"),
        "i16.plots_incomplete": ("cell_error", "#DIV/0!", "错误值"),
        "i17.cd_sources_incomplete": ("formula_without_value", "=A1*2", "没有保存计算结果"),
        "i35.report_status": ("invalid_value", "按期", "按时、迟报、未报"),
        "i12.emergency_not_launched": ("invalid_value", "可能", "是”或“否"),
        "i20.false_tasks": ("contradiction", "5", "不能大于"),
    }
    for key, (code, value, words) in expect.items():
        (p,) = by_key[key]
        assert p.code == code and str(p.location) == loc[key] and value in p.message and words in p.message, p
        assert p.text().startswith(f"{loc[key]} [{key}] ")
    (dup,) = by_key["i01.party_school"]
    assert dup.code == "duplicate" and str(data.locations["i01.party_school"]) in dup.message
    assert by_key["i99.no_such_field"][0].code == "unknown_key"
    assert by_key["sections.cur"][0].code == "cell_error" and str(by_key["sections.cur"][0].location) == "断面水质!E6"
    sections = {(p.code, p.key, str(p.location)) for p in err.value.problems if p.key.startswith("sections.")}
    assert sections == {
        ("cell_error", "sections.cur", "断面水质!E6"),
        ("duplicate", "sections.name", "断面水质!A7"),
        ("invalid_value", "sections.level", "断面水质!B7"),
        ("invalid_value", "sections.target", "断面水质!C7"),
    }
    assert len(err.value.problems) == len(expect) + 2 + len(sections)


def test_blank_required_cells_are_listed_with_their_cells(template):
    values = all_valid()
    values["i03.plan_done_on_time"] = None
    fill(template, values)  # no sections either
    data = read_input(template)
    report = score(template)
    assert report.provisional and report.item(3).score is None
    missing = {m.key: str(m.location) for m in report.missing}
    assert missing["i03.plan_done_on_time"] == str(data.locations["i03.plan_done_on_time"])
    assert missing["sections"] == "断面水质!A4"


def test_deleted_row_makes_item_incomplete_without_cell(template):
    def delete(wb, cells):
        cell = cells["i03.plan_done_on_time"]
        cell.parent.delete_rows(cell.row)

    fill(template, all_valid(), SECTIONS, edit=delete)
    report = score(template)
    assert [(m.key, m.location) for m in report.item(3).missing] == [("i03.plan_done_on_time", None)]


def test_missing_section_column_and_bad_year(template):
    def edit(wb, cells):
        wb["断面水质"]["D3"].value = "去年"
        wb["填报说明"]["B4"].value = "二〇二一"

    fill(template, all_valid(), SECTIONS, edit=edit)
    data = read_input(template)
    codes = {(p.code, p.key, str(p.location)) for p in data.problems}
    assert ("missing_column", "sections.prev", "断面水质!A3") in codes
    assert ("invalid_value", "info.year", "填报说明!B4") in codes


def test_not_a_template_and_not_a_workbook(tmp_path):
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    assert [p.code for p in read_input(plain).problems] == ["no_fields"]
    junk = tmp_path / "old.xls"
    junk.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    with pytest.raises(FileProblem) as err:
        read_input(junk)
    assert "另存为" in err.value.message


# ---- another template version ----------------------------------------------------------------------
def _set_version(wb, version):
    for row in wb["填报说明"].iter_rows():
        for cell in row:
            if cell.value == "模板版本":
                wb["填报说明"].cell(row=cell.row, column=cell.column + 1).value = version
                return
    raise AssertionError("no 模板版本 on 填报说明")


def test_another_template_version_is_a_note_not_an_error(template, tmp_path):
    """A workbook made with another template version still scores (fields are read by key); the
    report says so in 提示, on the terminal, in 总览 and in the JSON."""
    from openpyxl import load_workbook as open_wb

    from ecoscore.services.score import score_file
    from ecoscore.workbook import layout as L

    def older(wb, cells):
        _set_version(wb, "2020.3")

    fill(template, {}, SECTIONS, edit=older)
    result = score_file(template, output=tmp_path / "out.xlsx")
    expected = (
        f"此工作簿由模板版本 2020.3 生成，本工具的模板版本为 {L.TEMPLATE_VERSION}：字段按编码读取，"
        "本工具需要而此工作簿没有的字段按缺项处理，请核对“缺项”表；最新模板可用 ecoscore init-template 生成。"
    )
    # and the blank 佐证材料 sheet is told once (docs/spec/decisions.md#dev-15-evidence)
    assert result.report.notes == [expected, NONE_NOTE] and result.report.to_dict()["notes"] == [expected, NONE_NOTE]
    notes = [
        r[1] for r in open_wb(tmp_path / "out.xlsx")["总览"].iter_rows(max_col=2, values_only=True) if r[0] == "提示"
    ]
    assert notes == [expected, NONE_NOTE]


def test_the_current_template_version_gives_no_note(template, tmp_path):
    from ecoscore.services.score import score_file

    fill(template, {}, SECTIONS)
    report = score_file(template, output=tmp_path / "out.xlsx").report
    assert report.notes == [NONE_NOTE] and report.to_dict()["notes"] == [NONE_NOTE]  # only the blank 佐证材料
