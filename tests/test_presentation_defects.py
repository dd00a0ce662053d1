"""Issue #15, part 6: explain of a sub-rule and of a field, the untouched template, 已覆盖, 未评分
and 暂定 on the terminal, and the 总览 / 责任单位 pages of the example's scored workbook."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore import rubric
from ecoscore.cli import app
from ecoscore.workbook import layout as L
from ecoscore.workbook.field_rows import template_cells
from tests.test_workbook_reader import key_cells

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_JSON = ROOT / "examples" / "中方县-2021.json"
EXAMPLE_XLSX = ROOT / "examples" / "中方县-2021.xlsx"
runner = CliRunner()


def lines(text: str) -> list[str]:
    return [ln.rstrip() for ln in text.splitlines()]


# ---- explain ----------------------------------------------------------------------------------
def test_explain_a_sub_rule_shows_its_item_and_that_rule():
    r = runner.invoke(app, ["explain", "9.4"])
    assert r.exit_code == 0, r.output
    assert lines(r.stdout)[:6] == [
        "第 9 项  深入开展大气污染防治行动（PM2.5年均浓度、特护期平均浓度）（3 分）",
        "细则 9.4：PM2.5年均浓度较年度目标任务每上升1μg/m3扣0.5分，扣完为止",
        "如何计分：0.5 × (PM2.5 年均浓度 − 年度目标)，扣完本项为止",
        "审核单位：市生态环境局",
        "责任单位：市生态环境局中方分局、县城管执法局、县住建局、县交通局",
        "第 9 项读取的字段",  # item 9 does not say which field each of its sub-rules reads
    ]
    assert "target.pm25_annual          PM2.5 年均浓度目标                    μg/m³   不小于 0 的数值" in lines(
        r.stdout
    )
    assert lines(r.stdout)[-1] == "本项的原文和全部细则：ecoscore explain 9"
    assert "9.1" not in r.stdout  # only the sub-rule asked for


def test_explain_a_sub_rule_with_its_own_points_and_fields():
    r = runner.invoke(app, ["explain", "20.10"])
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    assert out[2] == "分值：3 分"  # 20.10 states its own 3 points
    assert out[6] == "读取的字段"  # item 20 declares its fields by sub-rule
    keys = [ln.split()[0] for ln in out[9:-1] if ln.startswith("i")]  # not a label's wrapped line
    assert keys == ["i20.inspected_tasks", "i20.false_tasks"]


def test_explain_a_field_code():
    r = runner.invoke(app, ["explain", "air.pm25"])
    assert r.exit_code == 0, r.output
    assert lines(r.stdout) == [
        "字段 air.pm25  本年 PM2.5 年均浓度",
        "单位：μg/m³",
        "应填：不小于 0 的浓度值",
        "是否必填：必填；留空则读取它的条款不评分（总分为暂定分）",
        "在输入工作簿中的位置：“空气质量”表 E4 单元格（JSON 输入：values.air.pm25）",
        "读取它的条款",
        "条款   名称",
        "─" * 64,
        "9      深入开展大气污染防治行动（PM2.5年均浓度、特护期平均浓度）",
        "10     深入开展大气污染防治行动（大气综合指数）",
        "B      加分项",
    ]


def test_explain_an_item_s_own_field_names_its_sub_rule_and_bound():
    r = runner.invoke(app, ["explain", "i20.false_tasks"])
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    assert out[2] == "应填：不小于 0 的整数（不大于““夏季攻势”现场核查的检查任务总数”）"
    assert out[-1] == "20     “2021年夏季攻势”工作   20.10"
    r = runner.invoke(app, ["explain", "target.pm25_annual"])
    assert "模板预填：32" in lines(r.stdout) and "是否必填：必填；模板已预填目标值，请核对" in lines(r.stdout)


def test_explain_says_where_the_template_puts_each_field(tmp_path):
    path = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["init-template", str(path)]).exit_code == 0
    cells = key_cells(load_workbook(path))
    where = template_cells(rubric.default())
    assert set(where) == set(cells)
    for key, cell in cells.items():
        assert (where[key].sheet, where[key].cell) == (cell.parent.title, cell.coordinate), key


@pytest.mark.parametrize("spelling", ["第9项", "第 9 条", "９", " 9 "])
def test_explain_accepts_the_ways_an_item_is_written(spelling):
    assert runner.invoke(app, ["explain", spelling]).stdout == runner.invoke(app, ["explain", "9"]).stdout


def test_explain_bonus_in_words_and_lower_case_rule():
    assert runner.invoke(app, ["explain", "加分项"]).stdout == runner.invoke(app, ["explain", "B"]).stdout
    assert runner.invoke(app, ["explain", "b.4"]).stdout.splitlines()[1].startswith("细则 B.4：")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("9.9", "第 9 项没有细则“9.9”；第 9 项的细则：9.1、9.2、9.3、9.4"),
        (
            "air.pm26",
            "没有“air.pm26”这一条款、细则或字段编码。你是不是要找“air.pm25”、“air.pm10”、“air.so2”？"
            "请填条款编号 1–39、B（加分项）或 P（扣分项），细则编号（如 9.4）或字段编码（如 air.pm25）",
        ),
        (
            "40.1",
            "没有第“40”项；请填条款编号 1–39、B（加分项）或 P（扣分项），细则编号（如 9.4）或字段编码（如 air.pm25）",
        ),
    ],
)
def test_explain_unknown_is_a_chinese_usage_error(query, message):
    r = runner.invoke(app, ["explain", query])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == f"错误：{message}\n"


# ---- an untouched template --------------------------------------------------------------------
def test_scoring_an_untouched_template_says_so_with_exit_4(tmp_path):
    path = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["init-template", str(path)]).exit_code == 0
    r = runner.invoke(app, ["score", str(path)])
    assert r.exit_code == 4 and r.stdout == ""
    assert lines(r.stderr) == [
        "错误：尚未填写任何数据：请先在输入工作簿中填写本年数据后再评分",
        "提示：从“1 学习贯彻生态文明思想”表开始，逐表填写黄色单元格（填写方法见“填报说明”表）",
    ]
    assert not (tmp_path / "t.scored.xlsx").exists()


def test_changed_targets_alone_are_not_this_year_s_data(tmp_path):
    src = tmp_path / "a.json"
    src.write_text(json.dumps({"year": 2021, "values": {"target.pm25_annual": 30}}), encoding="utf-8")
    r = runner.invoke(app, ["score", str(src)])
    assert r.exit_code == 4
    assert lines(r.stderr) == [
        "错误：尚未填写任何数据：请先在输入文件中填写本年数据后再评分",
        "提示：请在 JSON 的 “values” 中按字段编码填写本年数据（各字段的说明：ecoscore explain 字段编码）",
    ]


def test_one_figure_or_one_section_class_is_data(tmp_path):
    for doc in (
        {"year": 2021, "values": {"air.pm25": 30}},
        {"year": 2021, "values": {}, "sections": [{"name": "甲", "level": "国考", "target": "Ⅲ", "cur": "Ⅱ"}]},
    ):
        src = tmp_path / "a.json"
        src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        r = runner.invoke(app, ["score", str(src), "-q"])
        assert r.exit_code == 0, r.stderr  # scored, provisional: the rest is missing data


def test_in_a_batch_an_untouched_template_is_that_file_s_failure(tmp_path):
    shutil.copy(EXAMPLE_JSON, tmp_path / "中方县.json")
    assert runner.invoke(app, ["init-template", str(tmp_path / "空白.xlsx")]).exit_code == 0
    r = runner.invoke(app, ["score", str(tmp_path), "--json", "-"])
    doc = json.loads(r.stdout)
    outcomes = {Path(o["file"]).name: o for o in doc["files"]}
    assert outcomes["中方县.json"]["total"] == 89.59
    assert "尚未填写任何数据" in json.dumps(outcomes["空白.xlsx"], ensure_ascii=False)
    assert r.exit_code == 4


# ---- 已覆盖 -------------------------------------------------------------------------------------
def test_rescoring_says_the_old_result_was_overwritten(tmp_path):
    src = tmp_path / "中方县.json"
    shutil.copy(EXAMPLE_JSON, src)
    out = tmp_path / "中方县.scored.xlsx"
    first = runner.invoke(app, ["score", str(src)])
    assert first.exit_code == 0 and lines(first.stdout)[-1] == f"评分结果已写入：{out}"
    second = runner.invoke(app, ["score", str(src)])
    assert second.exit_code == 0 and lines(second.stdout)[-1] == f"评分结果已覆盖：{out}"


# ---- 未评分 and 暂定 on the terminal ---------------------------------------------------------------
def test_terminal_shows_unscored_and_provisional_sections(tmp_path):
    doc = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    edition = rubric.default()
    blank = [f.key for it in edition.items if it.section == "4" or it.id == "3" for f in it.fields]
    for key in blank:
        doc["values"].pop(key, None)
    src = tmp_path / "a.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["score", str(src)])
    assert r.exit_code == 0
    rows = {ln.split()[0]: ln.split()[1:] for ln in lines(r.stdout) if ln[:2].strip().isdigit() and "  " in ln}
    # section 1 (items 1–3, 1 point each, all full marks in the example): item 3 blank → 1 + 1 = 2 of
    # the scored 2 points, 暂定; section 4: every item blank → 未评分, not 0.00
    assert rows["1"] == ["深入学习贯彻习近平生态文明思想", "3", "2.00（暂定）", "0.00", "1", "项"]
    assert rows["4"] == ["加强生态保护和修复", "4", "未评分", "未评分", "3", "项"]


# ---- the example's 总览 and 责任单位 ---------------------------------------------------------------
@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "x.scored.xlsx"
    r = runner.invoke(app, ["score", str(EXAMPLE_XLSX), "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return load_workbook(out)


def test_the_chart_is_of_rates_and_starts_a_printed_page(example):
    ws = example["总览"]
    top = next(c.row for c in ws["A"] if c.value == "各部分得分率（已评分条款的得分 ÷ 其分值）")
    assert top - 1 in [b.id for b in ws.row_breaks.brk]  # a manual page break right above it
    rates = {ws.cell(r, 6).value: ws.cell(r, 7).value for r in range(top + 2, top + 13)}
    # the example: section 2 scores 47.73 of 57 = 83.74 % → 83.7; section 6 3.03 of 4 = 75.75 % → 75.8
    # (half up); section 1 3 of 3 = 100
    assert rates["2 污染防治攻坚战"] == 83.7 and rates["6 绿色生产生活方式"] == 75.8
    assert rates["1 学习贯彻生态文明思想"] == 100
    (chart,) = ws._charts
    assert chart.anchor._from.row + 1 == top + 1  # anchored under the heading, on the same page


def test_units_tables_each_on_their_own_sheet_and_ids_unbroken(example):
    summary, detail = example["责任单位"], example["责任单位明细"]
    assert [c.value for c in summary[3]] == list(L.UNIT_SUMMARY_HEADERS)
    assert [c.value for c in detail[3]] == list(L.UNIT_DETAIL_HEADERS)
    assert summary.max_column == 4  # nothing of the detail table on the summary's pages
    # 涉及条款 of the bureau: 19 items; at its width the list wraps once at most, between two ids
    lists = [r[3] for r in summary.iter_rows(min_row=4, values_only=True) if r[3]]
    widest = max(L.text_width(x) for x in lists)
    assert widest == L.text_width("5、7、8、9、11、12、13、14、17、19、20、28、31、34、35、36、37、38、39")
    assert summary.column_dimensions["D"].width * 2 > widest  # two lines at most


def test_explaining_a_field_loads_no_workbook_library():
    code = (
        "import sys; from typer.testing import CliRunner; from ecoscore.cli import app; "
        "r = CliRunner().invoke(app, ['explain', 'air.pm25']); assert r.exit_code == 0, r.output; "
        "assert not {'openpyxl', 'xlsxwriter', 'pandas'} & set(sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_explain_names_the_bonus_and_penalty_without_a_number():
    """The bonus and penalty are not numbered items: "加分项（不超过 5 分）", never "第 B 项"."""
    runner = CliRunner()
    first = runner.invoke(app, ["explain", "B"]).output.splitlines()[0]
    assert first == "加分项（不超过 5 分）"
    assert "第 P 项" not in runner.invoke(app, ["explain", "P"]).output
    assert runner.invoke(app, ["explain", "9"]).output.startswith("第 9 项  ")
