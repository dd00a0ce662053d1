"""The input template: sheets, one row per catalogue key, defaults, validations, protection, print."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecoscore import rubric
from ecoscore.rubric import DEFAULT_ID as RUBRIC_ID
from ecoscore.workbook import read_input, write_template
from ecoscore.workbook.layout import TEMPLATE_VERSION

COMMITTED = Path(__file__).resolve().parent.parent / "templates" / "input_template.xlsx"
REGENERATE = (
    'python -c "from ecoscore.workbook import write_template; '
    "write_template('templates/input_template.xlsx', force=True)\""
)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "input.xlsx"
    write_template(path)
    return load_workbook(path)


def field_rows(wb) -> dict:
    """key → {header: cell} for every field row, found by the header row of each sheet."""
    out = {}
    for ws in wb.worksheets:
        headers = None
        for row in ws.iter_rows():
            texts = [c.value for c in row]
            if "字段编码" in texts and "填报值" in texts:
                headers = texts
            elif headers and row[headers.index("字段编码")].value:
                assert row[headers.index("字段编码")].value not in out, "key twice"
                out[row[headers.index("字段编码")].value] = dict(zip(headers, row))
    return out


def validations(ws) -> dict:
    """cell coordinate → its DataValidation."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col):
                for c in row:
                    assert c.coordinate not in out, f"{ws.title}!{c.coordinate} validated twice"
                    out[c.coordinate] = dv
    return out


def test_sheets(book):
    names = book.sheetnames
    assert names[:5] == ["填报说明", "责任单位对照", "目标与全市", "空气质量", "断面水质"]
    assert names[-4:] == ["加分扣分", "佐证材料", "空气日数据", "断面监测"]
    sections = {it.section for it in rubric.default().scored_items if it.fields}
    assert [n for n in names[5:-4]] == [n for n in names[5:-4] if n.split(" ")[0] in sections]
    assert len(names[5:-4]) == len(sections)
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


def test_every_key_once_with_label_unit_and_default(book):
    rows = field_rows(book)
    cat = rubric.default().catalogue
    assert list(rows) == list(cat)  # rubric order, every key exactly once
    for key, f in cat.items():
        row = rows[key]
        assert row["填报内容"].value.startswith(f.label)
        assert (row["单位"].value or "") == f.unit
        value = row["填报值"].value
        if f.default is None:
            assert value is None, key
        else:
            assert Decimal(str(value)) == f.default if f.kind != "text" else value == f.default
        assert ("（选填）" in row["填报内容"].value) == f.optional
        assert ("仅供对照" in row["填报内容"].value) == f.informational
    item = rows["i01.party_school"]
    assert item["条款"].value == "1. 抓好习近平生态文明思想宣传" and item["细则"].value == "1.1"
    assert item["评分规则"].value.startswith("习近平生态文明思想纳入县委党校")
    assert item["考核依据"].value == "相关方案、计划及报告" and item["责任单位"].value == "县委组织部、县委宣传部"
    assert rows["air.pm25"]["条款"].value.startswith("用于第 9")


EXPECTED_RULE = {  # kind → (validation type, operator, formula1, formula2)
    "bool": ("list", None, '"是,否"', None),
    "count": ("whole", "greaterThanOrEqual", "0", None),
    "rank": ("whole", "greaterThanOrEqual", "1", None),
    "pct": ("decimal", "between", "0", "100"),
    "ded": ("decimal", "between", "0", "0.5"),
    "pct+": ("decimal", "greaterThanOrEqual", "0", None),
    "conc": ("decimal", "greaterThanOrEqual", "0", None),
    "num": ("decimal", "greaterThanOrEqual", "0", None),
    "spct": ("decimal", "between", "-1000000", "1000000"),
    "text": ("textLength", "lessThanOrEqual", "255", None),
}


def test_validation_on_every_input_cell(book):
    rows = field_rows(book)
    by_sheet = {ws.title: validations(ws) for ws in book.worksheets}
    for key, f in rubric.default().catalogue.items():
        cell = rows[key]["填报值"]
        dv = by_sheet[cell.parent.title][cell.coordinate]
        operator = dv.operator or ("between" if dv.type != "list" else None)  # between: the default, may be left out
        got = (dv.type, operator, dv.formula1, dv.formula2)
        if f.kind == "enum":
            assert got == ("list", None, '"' + ",".join(f.choices) + '"', None)
        elif f.positive:
            assert got[:3] == ("decimal", "greaterThan", "0")
        else:
            assert got == EXPECTED_RULE[f.kind], key
        assert (
            dv.showErrorMessage and dv.showInputMessage and (dv.errorStyle or "stop") == "stop"
        )  # the default, left out
        assert re.search(r"[\u4e00-\u9fff]", dv.prompt) and re.search(r"[\u4e00-\u9fff]", dv.error)
    # every unlocked cell (what a clerk may type into) is validated
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if not c.protection.locked:
                    assert c.coordinate in by_sheet[ws.title], f"{ws.title}!{c.coordinate}"


def test_input_cells_marked_unlocked_rest_protected(book):
    rows = field_rows(book)
    colours = {"FFFFF2CC", "FFDDEBF7", "FFE2EFDA", "FFEDEDED"}
    for ws in book.worksheets:
        assert ws.protection.sheet and not ws.protection.password
        assert ws.protection.formatColumns is False and ws.protection.insertRows is False
    for key in rubric.default().catalogue:
        row = rows[key]
        assert row["填报值"].protection.locked is False and row["填报值"].fill.fgColor.rgb in colours
        assert row["字段编码"].protection.locked is not False and row["填报内容"].protection.locked is not False
    assert rows["target.pm25_annual"]["填报值"].fill.fgColor.rgb == "FFDDEBF7"  # pre-filled target
    assert rows["i01.party_school"]["填报值"].fill.fgColor.rgb == "FFFFF2CC"  # required
    assert rows["target.pm10_annual"]["填报值"].fill.fgColor.rgb == "FFEDEDED"  # informational


def test_sections_sheet(book):
    ws = book["断面水质"]
    assert [c.value for c in ws[3]][:5] == ["断面名称", "级别", "目标类别", "上年类别", "本年类别"]
    dvs = validations(ws)
    for r in range(4, 4 + 30):
        assert all(ws.cell(row=r, column=c).protection.locked is False for c in range(1, 6))
        assert dvs[f"B{r}"].formula1 == '"国考,省考"'
        assert {dvs[f"{col}{r}"].formula1 for col in "CE"} == {'"Ⅰ,Ⅱ,Ⅲ,Ⅳ,Ⅴ,劣Ⅴ"'}
        assert dvs[f"D{r}"].formula1 == '"Ⅰ,Ⅱ,Ⅲ,Ⅳ,Ⅴ,劣Ⅴ,无（新增断面）"'  # 上年类别: a new section (rev 2)
    assert ws.freeze_panes == "A4"


def test_frozen_headers_widths_and_a4(book):
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9 and (ws.page_setup.fitToWidth or 1) == 1  # 1 is the default, left out
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title != "填报说明":
            assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    ws = book["2 污染防治攻坚战"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["C"].width >= 30 and ws.column_dimensions["I"].width >= 25


def test_info_sheet(book):
    ws = book["填报说明"]
    assert book.sheetnames[0] == "填报说明"
    info = {r[0]: r[1] for r in ws.iter_rows(min_row=3, max_row=6, values_only=True)}
    assert info == {
        "县（市、区）": "中方县",
        "考核年度": 2021,
        "考核细则": f"{RUBRIC_ID}（2021年怀化市生态环境保护工作考核细则）",
        "模板版本": TEMPLATE_VERSION,
    }
    texts = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "颜色说明" in texts and "黄色" in texts and "字段编码" in texts


def test_refuses_to_overwrite_unless_forced(tmp_path):
    path = tmp_path / "input.xlsx"
    path.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_template(path)
    assert path.read_bytes() == b"mine"
    write_template(path, force=True)
    assert load_workbook(path).sheetnames[0] == "填报说明"
    assert [p.name for p in tmp_path.iterdir()] == ["input.xlsx"]  # no temporary file left


def test_prefill_county_year_and_sections(tmp_path):
    path = tmp_path / "input.xlsx"
    write_template(
        path,
        county="鹤城区",
        year=2022,
        prefill={"target.pm25_annual": Decimal("30.5"), "i01.party_school": True, "i12.measures_missed": 2},
        sections=[{"name": "舞水", "level": "国考", "target": 3, "prev": "Ⅱ", "cur": 2}],
    )
    data = read_input(path)
    assert (data.county, data.year) == ("鹤城区", 2022)
    assert data.values["target.pm25_annual"] == 30.5 and data.values["i01.party_school"] == "是"
    assert data.values["i12.measures_missed"] == 2
    assert data.sections == [{"name": "舞水", "level": "国考", "target": "Ⅲ", "prev": "Ⅱ", "cur": "Ⅱ"}]
    with pytest.raises(ValueError, match="i99.nothing"):
        write_template(tmp_path / "other.xlsx", prefill={"i99.nothing": 1})


def signature(path) -> dict:
    """Everything a clerk sees and the reader relies on: sheets, every cell's value, validations."""
    wb = load_workbook(path)
    out = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        dvs = validations(ws)
        out[ws.title] = [
            (
                c.coordinate,
                c.value,
                c.protection.locked,
                (
                    dvs[c.coordinate].type,
                    dvs[c.coordinate].formula1,
                    dvs[c.coordinate].formula2,
                    dvs[c.coordinate].prompt,
                )
                if c.coordinate in dvs
                else None,
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.coordinate in dvs
        ]
    return out


def test_committed_template_matches_a_fresh_one(tmp_path):
    assert COMMITTED.exists(), f"templates/input_template.xlsx is missing; generate it with: {REGENERATE}"
    fresh = tmp_path / "fresh.xlsx"
    write_template(fresh)
    committed, new = signature(COMMITTED), signature(fresh)
    assert committed["sheets"] == new["sheets"], f"sheets differ; regenerate with: {REGENERATE}"
    for sheet in new["sheets"]:
        assert committed[sheet] == new[sheet], f"sheet {sheet} differs; regenerate with: {REGENERATE}"


def test_new_section_round_trips_through_the_workbook(tmp_path):
    # rev 2: JSON "prev": "无" pre-fills the dropdown's own text, which reads back as a new section
    from ecoscore.services.load import load_input

    path = tmp_path / "new.xlsx"
    rows = [{"name": "新断面", "level": "国考", "target": "Ⅲ", "prev": "无", "cur": "Ⅲ"}]
    write_template(path, sections=rows)
    ws = load_workbook(path)["断面水质"]
    assert ws["D4"].value == "无（新增断面）"
    data = load_input(path)
    assert data.sections[0]["prev"] == "无（新增断面）"
    from ecoscore.scoring.engine import validate_sections

    (s,), missing, problems = validate_sections(data.sections)
    assert s.new and not missing and not problems
