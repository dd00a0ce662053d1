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
    assert r.stderr == (
        "错误：没有第“40”项；请填条款编号 1–39、B（加分项）或 P（扣分项），细则编号（如 9.4）或字段编码（如 air.pm25）\n"
    )


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
    # hand check of the example: items 87.39 + bonus (B.4 1 + B.5 1 + B.7 0.5 = 2.5) − penalty
    # (city action 0.2 + late reply 0.1 = 0.3) = 89.59.
    # Rev 2 moved it from 89.65: 37.4's bonus counts whole units of 20 (docs/spec/decisions.md#d2) and the example
    # has 72 calls against 60 (12 more, no full 20: +0.06 → +0), so item 37 is
    # 2 − 0.114 (37.1) − 0.1 (37.2) − 0.1 (37.3) − 0.2 (37.6) + 0.1 (37.7) = 1.586 → 1.59, not 1.65.
    assert out[:3] == [
        "中方县 2021 年度生态环境保护工作考核评分",
        "总分：89.59 分",
        "其中：39 项得分 87.39，加分 +2.50，扣分 -0.30",
    ]
    assert out[-1] == f"评分结果已写入：{tmp_path / '中方县.scored.xlsx'}"
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["total"] == 89.59 and doc["provisional"] is False and doc["rubric"] == "huaihua-2021"
    assert [it["id"] for it in doc["items"]] == [str(i) for i in range(1, 40)]
    assert doc["bonus"]["score"] == 2.5 and doc["penalty"]["score"] == 0.3


def test_score_json_to_stdout_is_pure_json(tmp_path):
    src = tmp_path / "a.json"
    shutil.copy(EXAMPLE_JSON, src)
    r = runner.invoke(app, ["score", str(src), "--json", "-"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["total"] == 89.59


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


# ---- values: typer converts them (through pydantic), errors are ours ---------------------------
def imports_pydantic(*args: str, cwd: Path) -> bool:
    code = (
        "import sys; from ecoscore.cli import app; sys.argv = ['ecoscore', *sys.argv[1:]]\n"
        "try:\n    app()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print('pydantic' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.splitlines()[-1] == "True"


def test_help_and_version_do_not_import_pydantic(tmp_path):
    for args in (["--help"], ["--version"], ["score", "--help"], ["diff", "--help"]):
        assert not imports_pydantic(*args, cwd=tmp_path), args


def test_score_does_not_import_pydantic(tmp_path):
    """typer 0.29 converts every value given to a command through a pydantic TypeAdapter (0.11 s
    CPU on every `score`; docs/performance.md), so pyproject keeps typer below 0.29."""
    shutil.copy(EXAMPLE_JSON, tmp_path / "in.json")
    assert not imports_pydantic("score", str(tmp_path / "in.json"), "-q", cwd=tmp_path)
    assert (tmp_path / "in.scored.xlsx").exists()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("0", "错误：选项“-j / --jobs”的值无效：“0”太小，至少为 1。"),
        ("两个", "错误：选项“-j / --jobs”的值无效：“两个”不是整数。"),
        ("1.5", "错误：选项“-j / --jobs”的值无效：“1.5”不是整数。"),
    ],
)
def test_values_typer_rejects_still_get_typers_message(given, message):
    """A bad --jobs is refused by our parser, in Chinese (not pydantic's "Input should be …")."""
    r = runner.invoke(app, ["score", "x.xlsx", "-j", given])
    assert r.exit_code == 2 and lines(r.stderr)[-1] == message


def test_plain_conversion_gives_what_typer_would(tmp_path, monkeypatch):
    """Paths, lists of paths, text and a whole number reach the command converted."""
    from ecoscore.core.model import UsageProblem
    from ecoscore.services import batch

    seen = {}
    monkeypatch.setattr(
        batch,
        "score_many",
        lambda files, **kw: seen.update(files=files, **kw) or (_ for _ in ()).throw(UsageProblem("停在这里")),
    )
    r = runner.invoke(app, ["score", "a.xlsx", "b.json", "-j", " 2", "--summary", "汇总.xlsx", "--json", "-"])
    assert r.exit_code == 2 and "停在这里" in r.stderr
    assert seen["files"] == [Path("a.xlsx"), Path("b.json")] and seen["jobs"] == 2
    assert seen["summary"] == Path("汇总.xlsx")


# ---- usage errors and --help in Chinese (ecoscore.cli_messages) -----------------------------------
def usage(command: str = "") -> list[str]:
    if not command:
        return ["用法：ecoscore [选项] 命令 [参数]...", "请运行“ecoscore --help”查看帮助。", ""]
    pieces = {"score": "文件...", "explain": "编号", "init-template": "[文件]", "diff": "文件一 [文件二]"}[command]
    return [f"用法：ecoscore {command} [选项] {pieces}", f"请运行“ecoscore {command} --help”查看帮助。", ""]


@pytest.mark.parametrize(
    ("args", "command", "message"),
    [
        (["scroe"], "", "没有命令“scroe”。你是不是要用“score”？"),
        (["dif"], "", "没有命令“dif”。你是不是要用“diff”？"),
        (["xyz"], "", "没有命令“xyz”。可用的命令：“score”、“explain”、“init-template”、“diff”、“rubrics”。"),
        (["--debug"], "", "缺少命令（“score”、“explain”、“init-template”、“diff”或“rubrics”）。"),
        (["--bogus", "score"], "", "没有选项“--bogus”。"),
        (["score", "a.xlsx", "--jbos", "2"], "score", "没有选项“--jbos”。你是不是要用“--jobs”或“--json”？"),
        (["score", "a.xlsx", "--jsno", "r.json"], "score", "没有选项“--jsno”。你是不是要用“--jobs”或“--json”？"),
        (["score"], "score", "缺少参数“文件”。"),
        (["diff"], "diff", "缺少参数“文件一”。"),
        (["explain"], "explain", "缺少参数“编号”。"),
        (["score", "a.xlsx", "-j", "x"], "score", "选项“-j / --jobs”的值无效：“x”不是整数。"),
        (["score", "a.xlsx", "--jobs", "-3"], "score", "选项“-j / --jobs”的值无效：“-3”太小，至少为 1。"),
        (["explain", "1", "2"], "explain", "多余的参数：“2”。"),
        (["diff", "a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"], "diff", "多余的参数：“c.xlsx”、“d.xlsx”。"),
        (["score", "a.xlsx", "-o"], "score", "选项“-o”需要一个值。"),
        (["score", "a.xlsx", "--quiet=yes"], "score", "选项“--quiet”不接受值。"),
        (
            ["explain", "40"],
            "explain",
            "没有第“40”项；请填条款编号 1–39、B（加分项）或 P（扣分项），细则编号（如 9.4）或字段编码（如 air.pm25）",
        ),
    ],
)
def test_usage_errors_are_chinese(args, command, message):
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and r.stdout == "", r.stderr
    if args[0] == "explain" and len(args) == 2:  # ecoscore's own usage problem: the message only
        assert lines(r.stderr) == [f"错误：{message}"]
    else:
        assert lines(r.stderr) == [*usage(command), f"错误：{message}"]


def test_what_the_user_typed_cannot_drive_the_terminal():
    r = runner.invoke(app, ["sc\x1b]0;x\x07ore"])
    assert r.exit_code == 2 and "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert lines(r.stderr)[-1] == "错误：没有命令“sc\\x1b]0;x\\x07ore”。你是不是要用“score”？"


def test_no_arguments_shows_the_help_with_exit_2():
    r = runner.invoke(app, [])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == runner.invoke(app, ["--help"]).stdout


ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "Did you mean",
    "Input should",
    "<list",
    "<int",
    "<str>",
    "<path>",
    "INTEGER",
    "PATH",
    "TEXT",
    "[required]",
    "default:",
    "Error",
    "Try ",
    "Missing",
    "No such",
    "range",
)


@pytest.mark.parametrize("command", [None, "score", "explain", "init-template", "diff"])
def test_help_has_no_english_from_typer(command):
    r = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert r.exit_code == 0 and r.stdout.startswith("用法：")
    assert [w for w in ENGLISH if w in r.stdout] == []
    # every English word is a name the user types, or a file-format word of our own help texts
    group = typer_group()
    names = {*group.commands, "ecoscore"}
    for cmd in [group, *group.commands.values()]:
        for p in cmd.params:
            names.update(w for o in getattr(p, "opts", ()) for w in re.findall(r"[A-Za-z]+", o))  # --no-city: no, city
    names.update({"help", "init", "template", "JSON", "xlsx", "scored", "input", "Python", "B", "P"})
    names.update({"air", "pm"})  # explain's example field code (air.pm25), as the template's 字段编码 column shows it
    assert set(re.findall(r"[A-Za-z]+", r.stdout)) - names == set(), r.stdout


def test_help_pages_exactly():
    r = runner.invoke(app, ["diff", "--help"])
    assert lines(r.stdout) == [
        "用法：ecoscore diff [选项] 文件一 [文件二]",
        "",
        "  对比两个文件的考核（两个年度、同一年度的两份填报，或自评与核定）：总分与各板",
        "  块、得分变化的条款及细则、填报数据、责任单位失分和缺项。",
        "",
        "参数：",
        "  文件一  对比的一方（如上年或自评）：填报工作簿、评分结果工作簿",
        "          （*.scored.xlsx）或 JSON 输入。  [必填]",
        "  文件二  对比的另一方（如本年或核定；默认：当前文件夹中的 input.xlsx）；变化 =",
        "          文件二 − 文件一。",
        "",
        "选项：",
        "  -o, --output 文件  另存对比工作簿（每种对比一张表，增绿减红）。",
        "  --json 文件        另存 JSON 对比结果到该路径；“-”表示输出到屏幕。",
        "  --audit            文件一是县（市、区）的自评，文件二是市里的核定：两方标为“自",
        "                     评”“核定”。",
        "  --all              也显示没有分值变化的板块和细则（默认只显示有变化的，并注明",
        "                     另有几行无变化）。",
        "  -q, --quiet        不显示对比结果（出错时仍显示错误）。",
        "  --rubric 细则      按此考核细则评分（编号见 ecoscore rubrics；默认按考核年度自",
        "                     动选用）；年度不同时为对比测算，结果注明口径。",
        "  --help             显示本帮助后退出。",
    ]
    r = runner.invoke(app, ["init-template", "--help"])
    assert "  文件  要生成的输入工作簿路径。  [默认：input.xlsx]" in lines(r.stdout)


def test_help_lines_fit_the_console():
    """A Chinese character takes two columns: the help is wrapped to the formatter's width (80
    under CliRunner; the console's width − 2, at most 78, otherwise)."""
    import unicodedata

    for command in (None, *commands()):
        text = runner.invoke(app, [command, "--help"] if command else ["--help"]).stdout
        for line in text.splitlines():
            assert sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) <= 80, line


def typer_group():
    import typer.main

    return typer.main.get_command(app)


def test_every_parameter_has_chinese_help_and_a_metavar():
    """Walk the registry: the group and every command, with their help options."""
    import typer

    cjk = re.compile(r"[\u4e00-\u9fff]")
    group = typer_group()
    for cmd in [group, *group.commands.values()]:
        ctx = typer.Context(cmd, info_name=cmd.name)
        params = cmd.get_params(ctx)
        assert params[-1].opts == ["--help"] and params[-1].help == "显示本帮助后退出。", cmd.name
        for p in params:
            assert p.help and cjk.search(p.help), f"{cmd.name} {p.name}"
            if p.param_type_name == "option" and p.is_flag:
                continue  # a flag takes no value: nothing to name
            assert p.metavar and cjk.search(p.metavar), f"{cmd.name} {p.name}: metavar {p.metavar!r}"


def test_the_package_uses_no_private_typer_or_click():
    found = []
    for path in sorted((ROOT / "ecoscore").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"typer\._|click\._|_click\b|\bimport click\b|from click\b", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


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
    assert out[2].startswith("其中：39 项得分") and out[3].startswith(
        "提示：此工作簿由模板版本 2019.1 生成，本工具的模板版本为 "
    )
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


def test_help_loads_none_of_the_scoring_model(tmp_path):
    """`ecoscore --help` needs typer and the version only: the model's dataclasses and decimal
    cost about a third of what ecoscore adds to typer's own start (docs/performance.md)."""
    code = (
        "import sys; from ecoscore.cli import app; sys.argv = ['ecoscore', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('ecoscore.core.model', 'decimal', 'tempfile') if m in sys.modules), file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.stderr.splitlines()[-1] == "[]", proc.stderr
