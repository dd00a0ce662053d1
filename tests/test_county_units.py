"""Issue #13: another county's own unit names in every output; the 提示 when 中方县's are left.

The 21 units are those 中方县's responsibility list names (read off the source by hand).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SOURCE_UNITS = (
    "县委组织部",
    "县委宣传部",
    "市生态环境局中方分局",
    "县发改局",
    "县城管执法局",
    "县住建局",
    "县交通局",
    "县水利局",
    "县农业农村局",
    "各乡镇党委政府",  # 14.2's remit (rubric revision 2, D10)
    "县公安局",
    "县商科工信局",
    "县应急管理局",
    "县自然资源局",
    "“夏季攻势”牵头单位",
    "县直整改牵头单位",
    "县林业局",
    "县机关事务中心",
    "县人大环资委",
    "县统计局",
    "县财政局",
    "县生态环境保护委员会办公室",
)
HECHENG = {u: "鹤城区" + u.removeprefix("县").replace("市生态环境局中方分局", "生态环境分局") for u in SOURCE_UNITS}
runner = CliRunner()


def run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def hecheng_book(tmp_path: Path, names: dict | None) -> Path:
    book = tmp_path / "鹤城区-2021.xlsx"
    shutil.copy(EXAMPLES / "中方县-2021.xlsx", book)
    wb = load_workbook(book)
    wb["填报说明"]["B3"] = "鹤城区"
    ws = wb["责任单位对照"]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    assert set(rows) == set(SOURCE_UNITS)  # one row per unit, and nothing else
    for source, name in (names or {}).items():
        ws.cell(rows[source], 2).value = name
    wb.save(book)
    return book


def units_in_json(report: dict) -> set[str]:
    lines = [ln for it in report["items"] for ln in it["lines"]] + report["bonus"]["lines"] + report["penalty"]["lines"]
    return {u for ln in lines for u in ln["units"]}


def test_the_template_lists_every_unit_pre_filled_with_the_source_names(tmp_path):
    assert run("init-template", tmp_path / "a.xlsx", "--county", "鹤城区", "--year", "2021")[0] == 0
    wb = load_workbook(tmp_path / "a.xlsx")
    assert (wb["填报说明"]["B3"].value, wb["填报说明"]["B4"].value) == ("鹤城区", 2021)
    ws = wb["责任单位对照"]
    pairs = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(4, ws.max_row + 1)]
    assert pairs == [(u, u) for u in SOURCE_UNITS]
    assert wb["填报说明"]["B6"].value == "2021.3"  # the template version moved on (佐证材料)


def test_a_filled_unit_table_puts_the_county_s_names_in_every_output(tmp_path):
    book = hecheng_book(tmp_path, HECHENG)
    out, js = tmp_path / "out.xlsx", tmp_path / "out.json"
    code, text, _ = run("score", book, "-o", out, "--json", js)
    assert code == 0
    assert "中方" not in text  # terminal: county, units, notes
    report = json.loads(js.read_text(encoding="utf-8"))
    assert report["county"] == "鹤城区" and report["notes"] == []
    assert units_in_json(report) <= set(HECHENG.values())
    assert "鹤城区生态环境分局" in units_in_json(report)
    wb = load_workbook(out)
    charged = {
        r[0] for name in ("责任单位", "责任单位明细") for r in wb[name].iter_rows(min_row=4, values_only=True) if r[0]
    }
    assert charged and all("中方" not in u for u in charged)
    detail_units = {r[8] for r in wb["评分明细"].iter_rows(min_row=4, values_only=True) if r[8]}
    assert detail_units and all("中方" not in u for u in detail_units)
    losses = [r for r in wb["总览"].iter_rows(values_only=True) if r[0] and str(r[0]).startswith("第 ")]
    assert losses and all("中方" not in (r[6] or "") for r in losses)


def test_diff_and_batch_keep_the_county_s_names(tmp_path):
    book = hecheng_book(tmp_path, HECHENG)
    assert run("score", book, "-q")[0] == 0
    scored = tmp_path / "鹤城区-2021.scored.xlsx"
    before = tmp_path / "before.json"
    doc = json.loads((EXAMPLES / "中方县-2021.json").read_text(encoding="utf-8"))
    doc |= {"county": "鹤城区", "units": HECHENG}
    doc["values"]["i01.party_school"] = False  # item 1 loses points: a unit's loss changes
    before.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for new in (book, scored):  # the scored workbook keeps the names (its 填报数据 sheet)
        code, out, _ = run("diff", before, new, "--json", "-")
        units = {u["unit"] for u in json.loads(out)["units"]}
        assert code == 0 and units and all("中方" not in u for u in units), (new.name, units)
    code, out, _ = run("score", tmp_path, "-q", "--json", "-")
    files = json.loads(out)["files"]
    summary = [{k: v for k, v in f.items() if k != "report"} for f in files]
    assert code == 0 and "中方" not in json.dumps(summary, ensure_ascii=False).replace("中方县-2021", "")
    # each county's full report (as single-file --json) carries the county's unit names on every line
    reports = [f["report"] for f in files]
    units = [u for r in reports for it in r["items"] for ln in it["lines"] for u in ln["units"]]
    assert units and all("中方" not in u for u in units)
    assert all(r["unit_names"]["市生态环境局中方分局"] == "鹤城区生态环境分局" for r in reports)


def test_json_units_and_an_unknown_unit(tmp_path):
    doc = json.loads((EXAMPLES / "中方县-2021.json").read_text(encoding="utf-8"))
    doc |= {"county": "鹤城区", "units": {"市生态环境局中方分局": "市生态环境局鹤城分局"}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run("score", path, "--json", "-")
    report = json.loads(out)
    assert code == 0 and "市生态环境局鹤城分局" in units_in_json(report)
    assert "市生态环境局中方分局" not in units_in_json(report)
    assert report["notes"] == []  # the one name holding 中方 is replaced
    doc["units"] = {"市生态环境局鹤城分局": "x"}  # the left side is the rubric's name, not the county's
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run("score", path)
    assert code == 4 and "“市生态环境局鹤城分局”不是考核细则中的责任单位名称" in err


def test_another_county_left_with_the_source_names_gets_the_note(tmp_path):
    book = hecheng_book(tmp_path, None)
    code, out, _ = run("score", book, "--json", "-")
    notes = json.loads(out)["notes"]
    assert code == 0 and len(notes) == 1
    assert notes[0].startswith("本输入为鹤城区，但“责任单位对照”中仍有 1 个中方县的单位名称（市生态环境局中方分局）")
    code, out, _ = run("score", EXAMPLES / "中方县-2021.xlsx", "--json", "-")
    assert json.loads(out)["notes"] == []  # 中方县's own workbook: its names are right


def test_carry_over_keeps_the_county_and_its_names(tmp_path):
    book = hecheng_book(tmp_path, HECHENG)
    new = tmp_path / "2022.xlsx"
    assert run("init-template", new, "--from", book, "--rubric", "huaihua-2021")[0] == 0
    wb = load_workbook(new)
    assert (wb["填报说明"]["B3"].value, wb["填报说明"]["B4"].value) == ("鹤城区", 2022)
    ws = wb["责任单位对照"]
    assert {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, ws.max_row + 1)} == HECHENG
    # the field sheets' 责任单位 column names the county's units too
    shown = {
        r[7] for sheet in wb.worksheets for r in sheet.iter_rows(min_row=4, values_only=True) if len(r) > 8 and r[7]
    }
    assert "鹤城区生态环境分局" in shown and not any("中方" in u for u in shown)
