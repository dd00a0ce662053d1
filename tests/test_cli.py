"""The CLI: exact output (CliRunner), exit codes, and a walk of the command registry."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecoscore import __version__
from ecoscore.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_JSON = ROOT / "examples" / "中方县-2021.json"
runner = CliRunner()


def lines(text: str) -> list[str]:
    return [ln.rstrip() for ln in text.splitlines()]


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout == f"ecoscore {__version__}\n"


def test_explain_prints_source_points_units_rules_and_fields():
    r = runner.invoke(app, ["explain", "3"])
    assert r.exit_code == 0
    assert lines(r.stdout) == [
        "第 3 项  科学谋划“十四五”生态环境保护工作（1 分）",
        "进度节点：12月31日",
        "考核依据：规划文本",
        "审核单位：市生态环境局",
        "责任单位：市生态环境局中方分局",
        "计分方法（原文）：",
        "完成“十四五”生态环境保护规划编制，计1分，未按时完成的不得分。",
        "细则",
        "细则   分值   规则                                                          如何计分                     责任单位",
        "─" * 113,
        "3      1      完成“十四五”生态环境保护规划编制，计1分，未按时完成的不得分   按时完成得 1 分，否则 0 分",
        "读取的字段",
        "字段编码                填报内容                                 单位   类型",
        "─" * 80,
        "i03.plan_done_on_time   已按时完成“十四五”生态环境保护规划编制          是 或 否",
    ]


def test_explain_unknown_item_is_a_usage_error():
    r = runner.invoke(app, ["explain", "40"])
    assert r.exit_code == 2
    assert r.stderr == "错误：没有第“40”项；请填 1–39、B（加分项）或 P（扣分项）\n"


def test_score_missing_file():
    r = runner.invoke(app, ["score", "nonexist.json"])
    assert r.exit_code == 3
    assert r.stderr == "错误：找不到文件“nonexist.json”，请检查路径和文件名\n"


def test_score_json_summary_and_json_report(tmp_path):
    src = tmp_path / "中方县.json"
    shutil.copy(EXAMPLE_JSON, src)
    r = runner.invoke(app, ["score", str(src), "--json", str(tmp_path / "r.json")])
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    # hand check of the example: items 87.45 + bonus (B.4 1 + B.5 1 + B.7 0.5 = 2.5) − penalty
    # (city action 0.2 + late reply 0.1 = 0.3) = 89.65
    assert out[:3] == ["中方县 2021 年度生态环境保护工作考核评分", "总分：89.65 分",
                       "其中：39 项得分 87.45，加分 +2.50，扣分 -0.30"]
    assert out[-1] == f"评分结果已写入：{tmp_path / '中方县.scored.xlsx'}"
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["total"] == 89.65 and doc["provisional"] is False and doc["rubric"] == "huaihua-2021"
    assert [it["id"] for it in doc["items"]] == [str(i) for i in range(1, 40)]
    assert doc["bonus"]["score"] == 2.5 and doc["penalty"]["score"] == 0.3


def test_score_json_to_stdout_is_pure_json(tmp_path):
    src = tmp_path / "a.json"
    shutil.copy(EXAMPLE_JSON, src)
    r = runner.invoke(app, ["score", str(src), "--json", "-"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["total"] == 89.65


def test_invalid_values_are_all_listed_with_exit_4(tmp_path):
    doc = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    doc["values"]["air.pm25"] = "三十"
    doc["values"]["i20.false_tasks"] = 30  # more than the 24 inspected
    doc["values"]["i99.nonsense"] = 1
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["score", str(src)])
    assert r.exit_code == 4
    err = lines(r.stderr)
    assert err[0] == "错误：输入有 3 处错误，未评分"
    assert any("values.air.pm25 [air.pm25] 本年 PM2.5 年均浓度：填写的“三十”不是数值" in e for e in err)
    assert any("[i20.false_tasks]" in e and "不能大于" in e for e in err)
    assert any("[i99.nonsense] 未知的字段编码" in e for e in err)
    assert not (tmp_path / "bad.scored.xlsx").exists()
    assert "Traceback" not in r.output


def test_init_template_refuses_to_overwrite(tmp_path):
    target = tmp_path / "input.xlsx"
    assert runner.invoke(app, ["init-template", str(target)]).exit_code == 0
    before = target.read_bytes()
    r = runner.invoke(app, ["init-template", str(target)])
    assert r.exit_code == 2 and "已存在" in r.stderr and target.read_bytes() == before


# ---- meta-tests over the command registry ------------------------------------------------------
def commands():
    import typer.main

    return typer.main.get_command(app).commands


def test_every_command_and_option_has_chinese_help():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for name, cmd in commands().items():
        assert cmd.help and cjk.search(cmd.help), name
        for p in cmd.params:
            assert p.help and cjk.search(p.help), f"{name} {p.name}"


@pytest.mark.parametrize("name", ["score", "explain", "init-template", "diff"])
def test_every_command_is_registered_and_in_the_readme(name):
    assert name in commands()
    assert f"ecoscore {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_output():
    for name in commands():
        r = runner.invoke(app, [name, "--help"])
        assert r.exit_code == 0 and "用法：" in r.stdout, name


# ---- values converted without pydantic (ecoscore.cli_coerce) ------------------------------------
def test_score_does_not_import_pydantic(tmp_path):
    """typer converts values through pydantic (0.18 s to import); `cli_coerce` does the plain
    cases itself. If a typer upgrade bypasses it, this fails and docs/performance.md is stale."""
    shutil.copy(EXAMPLE_JSON, tmp_path / "in.json")
    code = ("import sys; from ecoscore.cli import app; sys.argv = ['ecoscore', 'score', sys.argv[1], '-q']\n"
            "try:\n    app()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('pydantic' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in.json")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "False\n"
    assert (tmp_path / "in.scored.xlsx").exists()


@pytest.mark.parametrize(("given", "message"), [
    ("0", "错误：'--jobs' / '-j' 的值无效：Input should be greater than or equal to 1"),
    ("两个", "错误：'--jobs' / '-j' 的值无效：Input should be a valid integer, unable to parse string as an integer"),
])
def test_values_typer_rejects_still_get_typers_message(given, message):
    """A value the plain converter does not accept goes to typer's own conversion (and message)."""
    r = runner.invoke(app, ["score", "x.xlsx", "-j", given])
    assert r.exit_code == 2 and lines(r.stderr)[-1] == message


def test_plain_conversion_gives_what_typer_would(tmp_path, monkeypatch):
    """Paths, lists of paths, text and a ranged whole number reach the command as typer's own
    conversion would give them."""
    import typer.core

    from ecoscore.core.model import UsageProblem
    from ecoscore.services import batch

    seen = {}
    monkeypatch.setattr(batch, "score_many", lambda files, **kw: seen.update(files=files, **kw) or (_ for _ in ()).throw(
        UsageProblem("停在这里")))
    r = runner.invoke(app, ["score", "a.xlsx", "b.json", "-j", " 2", "--summary", "汇总.xlsx", "--json", "-"])
    assert r.exit_code == 2 and "停在这里" in r.stderr
    assert seen["files"] == [Path("a.xlsx"), Path("b.json")] and seen["jobs"] == 2
    assert seen["summary"] == Path("汇总.xlsx")
    assert getattr(typer.core.build_runtime_param, "ecoscore_plain", False)


def test_another_template_version_is_shown_as_a_note(tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(ROOT / "examples" / "中方县-2021.xlsx")
    info = wb["填报说明"]
    label = next(c for row in info.iter_rows() for c in row if c.value == "模板版本")
    info.cell(row=label.row, column=label.column + 1).value = "2019.1"
    wb.save(tmp_path / "old.xlsx")
    r = runner.invoke(app, ["score", str(tmp_path / "old.xlsx")])
    assert r.exit_code == 0
    out = lines(r.stdout)
    assert out[2].startswith("其中：39 项得分") and out[3].startswith("提示：此工作簿由模板版本 2019.1 生成，本工具的模板版本为 ")
    plain = runner.invoke(app, ["score", str(ROOT / "examples" / "中方县-2021.json"), "-o", str(tmp_path / "j.xlsx")])
    assert plain.exit_code == 0 and "提示：" not in plain.stdout


def test_a_newer_template_with_fields_we_do_not_know_explains_itself(tmp_path):
    """Errors from a workbook of another template version end with the version note."""
    from openpyxl import load_workbook

    wb = load_workbook(ROOT / "examples" / "中方县-2021.xlsx")
    info = wb["填报说明"]
    label = next(c for row in info.iter_rows() for c in row if c.value == "模板版本")
    info.cell(row=label.row, column=label.column + 1).value = "2022.1"
    sheet = wb["目标与全市"]
    key_col = next(c.column for row in sheet.iter_rows(max_row=5) for c in row if c.value == "字段编码")
    value_col = next(c.column for row in sheet.iter_rows(max_row=5) for c in row if c.value == "填报值")
    sheet.cell(row=sheet.max_row + 1, column=key_col).value = "i40.new_field"
    sheet.cell(row=sheet.max_row, column=value_col).value = 1
    wb.save(tmp_path / "newer.xlsx")
    r = runner.invoke(app, ["score", str(tmp_path / "newer.xlsx")])
    assert r.exit_code == 4
    err = lines(r.stderr)
    assert err[0] == "错误：输入有 1 处错误，未评分" and "未知的字段编码“i40.new_field”" in err[1]
    assert err[-1].startswith("提示：此工作簿由模板版本 2022.1 生成")
