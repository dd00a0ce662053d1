"""佐证材料 (issue #15 part 4): the template's sheet, the two readers, the JSON member, the 提示 for
items without any, and where the scored workbook shows them (docs/spec/decisions.md#dev-15-evidence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecoscore.core.evidence import Evidence
from ecoscore.core.model import InputError
from ecoscore.services.evidence import NONE_NOTE
from ecoscore.services.load import load_input, score_input
from ecoscore.workbook import read_input, write_scored, write_template
from tests.test_workbook_reader import SECTIONS, all_valid, fill

ROOT = Path(__file__).resolve().parents[1]


def evidence_rows(wb) -> dict[str, int]:
    ws = wb["佐证材料"]
    return {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}


def filled_evidence(path: Path) -> Path:
    """Item 1: two documents on two lines of the same cells; item 9: one, its page typed as a number,
    and a second on an inserted row whose 序号 is blank (it belongs to item 9)."""
    write_template(path)

    def edit(wb, cells):
        ws = wb["佐证材料"]
        rows = evidence_rows(wb)
        ws.cell(rows["1"], 4).value = "党校教学计划\n六五环境日简报"
        ws.cell(rows["1"], 5).value = "中党校发〔2021〕3号"
        ws.cell(rows["1"], 6).value = "第 1–6 页\n材料\\01"
        ws.cell(rows["9"], 4).value = "空气质量监测年报"
        ws.cell(rows["9"], 6).value = 12
        ws.insert_rows(rows["9"] + 1)
        ws.cell(rows["9"] + 1, 4).value = "特护期空气质量通报"

    return fill(path, all_valid(), SECTIONS, edit=edit)


ITEM1 = (Evidence("党校教学计划", "中党校发〔2021〕3号", "第 1–6 页"), Evidence("六五环境日简报", "", "材料\\01"))
ITEM9 = (Evidence("空气质量监测年报", "", "12"), Evidence("特护期空气质量通报"))


def test_the_template_has_one_evidence_row_per_item():
    wb = load_workbook(ROOT / "templates" / "input_template.xlsx")
    ws = wb["佐证材料"]
    assert [c.value for c in ws[3]] == [
        "序号",
        "工作目标/重点任务",
        "考核依据（细则要求）",
        "材料名称",
        "文号",
        "页码或文件路径",
    ]
    ids = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert ids == [str(i) for i in range(1, 40)] + ["B", "P"]  # 39 items, bonus, penalty
    row3 = [ws.cell(6, c).value for c in range(1, 7)]
    assert row3 == ["3", "科学谋划“十四五”生态环境保护工作", "规划文本", None, None, None]
    assert ws.cell(6, 4).protection.locked is False and ws.cell(6, 1).protection.locked is True
    assert ws.protection.sheet and ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"


@pytest.mark.parametrize("reader", ["openpyxl", "fast"])
def test_both_readers_read_the_evidence_alike(tmp_path, reader):
    data = read_input(filled_evidence(tmp_path / "in.xlsx"), reader)
    assert data.evidence_given and data.evidence == {"1": ITEM1, "9": ITEM9}


def test_scored_workbook_shows_the_evidence_and_lists_the_items_without(tmp_path):
    path = filled_evidence(tmp_path / "in.xlsx")
    report = score_input(load_input(path))
    assert report.evidence == {"1": ITEM1, "9": ITEM9}
    # 37 of the 39 items have none, and all_valid() claims a bonus: 38; the first 20 are named
    assert report.bonus.score > 0
    blank = "、".join(str(i) for i in range(2, 23) if i != 9)
    assert report.notes == [f"以下 38 个条款未填佐证材料：{blank}等（不影响评分，见“考核评分表”）"]
    out = tmp_path / "out.xlsx"
    write_scored(report, out, county="中方县", year=2021, input_name="in.xlsx", locations=None)
    wb = load_workbook(out)
    official = {row[0].value: row for row in wb["考核评分表"].iter_rows(min_row=4)}
    assert official["1"][9].value == (
        "相关方案、计划及报告\n1. 党校教学计划（中党校发〔2021〕3号，第 1–6 页）\n2. 六五环境日简报（材料\\01）"
    )
    assert official["2"][9].value == "相关方案、措施及台账\n佐证材料：未提供"
    detail = {row[0].value: row for row in wb["评分明细"].iter_rows(min_row=4) if row[1].value is None}
    assert detail["9"][7].value.endswith("\n佐证材料：空气质量监测年报（12）；特护期空气质量通报")
    assert detail["9"][9].value == "监测数据、附表1"


def test_an_unknown_item_number_is_an_error_at_its_cell(tmp_path):
    path = tmp_path / "in.xlsx"
    write_template(path)

    def edit(wb, cells):
        ws = wb["佐证材料"]
        ws.cell(ws.max_row + 1, 1).value = "40"
        ws.cell(ws.max_row, 4).value = "多出来的材料"

    fill(path, all_valid(), SECTIONS, edit=edit)
    with pytest.raises(InputError) as exc:
        score_input(load_input(path))
    (problem,) = exc.value.problems
    assert str(problem.location) == "佐证材料!A45"  # header row 3, 41 item rows, then the new one
    assert problem.message == "佐证材料的序号“40”不是考核细则中的条款（应为 1～39、B 或 P）"


def test_a_template_without_the_sheet_gets_no_note_and_a_blank_one_gets_one(tmp_path):
    older = tmp_path / "older.xlsx"
    write_template(older)
    fill(older, all_valid(), SECTIONS, edit=lambda wb, cells: wb.remove(wb["佐证材料"]))
    data = load_input(older)
    assert not data.evidence_given and data.evidence == {}
    assert score_input(data).notes == []
    blank = tmp_path / "blank.xlsx"
    write_template(blank)
    fill(blank, all_valid(), SECTIONS)
    assert score_input(load_input(blank)).notes == [NONE_NOTE]


def test_json_evidence_member(tmp_path):
    doc = json.loads((ROOT / "examples" / "中方县-2021.json").read_text(encoding="utf-8"))
    assert doc["evidence"]["3"] == [
        {"name": "中方县“十四五”生态环境保护规划", "number": "中政发〔2021〕12号", "page": "第 7–58 页"}
    ]
    doc["evidence"] = {"3": ["规划文本", {"name": "批复", "number": "怀环函〔2021〕5号"}]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    data = load_input(path)
    assert data.evidence == {"3": (Evidence("规划文本"), Evidence("批复", "怀环函〔2021〕5号"))}
    report = score_input(data)
    assert report.notes[-1].startswith("以下 39 个条款未填佐证材料：1、2、4、5、")  # 38 items and the bonus claimed
    doc["evidence"] = {"3": [{"title": "x"}], "41": ["材料"]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        score_input(load_input(path))
    assert [str(p.location) for p in exc.value.problems] == ["evidence.3[0]", "evidence.41"]


def test_the_shipped_example_names_evidence_for_every_item():
    for path in (ROOT / "examples" / "中方县-2021.xlsx", ROOT / "examples" / "中方县-2021.json"):
        report = score_input(load_input(path))
        assert set(report.evidence) == {str(i) for i in range(1, 40)} | {"B"}
        assert not any("佐证材料" in note for note in report.notes)


def test_carry_over_does_not_carry_the_evidence(tmp_path):
    from tests.test_county_units import run

    out = tmp_path / "2022.xlsx"
    code, _, err = run(
        "init-template", out, "--from", ROOT / "examples" / "中方县-2021.xlsx", "--rubric", "huaihua-2021"
    )
    assert code == 0, err
    ws = load_workbook(out)["佐证材料"]
    assert [ws.cell(r, c).value for r in range(4, ws.max_row + 1) for c in (4, 5, 6) if ws.cell(r, c).value] == []
