"""The real command in a subprocess on a GBK console (PYTHONIOENCODING=gbk, as on Chinese Windows)
with NO_COLOR: every path ends with its documented exit code, readable Chinese and no traceback
or UnicodeEncodeError; an internal error (such as XML parsers that are not defused, checked at
start-up) is one short line plus the --debug hint.
"""

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecoscore.core.model import (
    EcoscoreError,
    FileProblem,
    InputError,
    OutputProblem,
    UsageProblem,
)
from ecoscore.workbook import defused
from tests.test_hostile_files import EXAMPLE, part_of, rebuild
from tests.test_workbook_reader import key_cells

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them

ROOT = Path(__file__).resolve().parents[1]
CODE = "import sys; sys.argv[0] = 'ecoscore'; from ecoscore.cli_main import main; main()"  # the console script
COLOUR = re.compile(r"\x1b\[[\d;]*?(?:3\d|4\d|9[0-7]|10[0-7])(?:;[\d;]*)?m")  # a colour, not bold


def ecoscore(cwd: Path, *args, **env) -> tuple[int, str, str]:
    """Run the CLI of this tree; (exit code, stdout, stderr) decoded as the GBK console shows them."""
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "PYTHONIOENCODING")}
    environ.update({"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "gbk", "NO_COLOR": "1", **env})
    environ = {k: v for k, v in environ.items() if v is not None}
    proc = subprocess.run(
        [sys.executable, "-c", CODE, *map(str, args)],
        cwd=cwd,
        env=environ,
        capture_output=True,
        timeout=120,
        check=False,
    )
    out, err = proc.stdout.decode("gbk"), proc.stderr.decode("gbk")  # strict: the console could show them
    for text in (out, err):
        assert "UnicodeEncodeError" not in text and "UnicodeDecodeError" not in text, text
    if "--debug" not in args:
        assert "Traceback" not in err, err
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def bad_cells(tmp_path_factory) -> tuple[Path, str]:
    """The example with PM2.5 written with its unit (³ is not in GBK); the file and the cell."""
    path = tmp_path_factory.mktemp("cells") / "填报.xlsx"
    wb = load_workbook(EXAMPLE)
    cell = key_cells(wb)["air.pm25"]
    cell.value = "36μg/m³"
    wb.save(path)
    return path, f"{cell.parent.title}!{cell.coordinate}"


def test_scoring_the_example_on_a_gbk_console(tmp_path):
    code, out, err = ecoscore(tmp_path, "score", EXAMPLE, "-o", tmp_path / "结果.xlsx")
    assert code == 0 and "总分：" in out and "评分结果已写入" in out and err == "", err
    code, out, err = ecoscore(tmp_path, "score", EXAMPLE, "-o", tmp_path / "结果.xlsx", "--json", "-")
    assert code == 0 and json.loads(out)["county"] == "中方县", err


@pytest.mark.parametrize(
    "args", [("explain", "9"), ("explain", "4"), ("explain", "B"), ("--help",), ("score", "--help"), ("--version",)]
)
def test_help_and_explanations_on_a_gbk_console(tmp_path, args):
    code, out, err = ecoscore(tmp_path, *args)
    assert code == 0 and out and err == "", err


def test_every_error_path_on_a_gbk_console(tmp_path, bad_cells):
    (tmp_path / "2020.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    (tmp_path / "input.xlsx").write_bytes(EXAMPLE.read_bytes())
    cases = [
        (("score",), UsageProblem, ["缺少参数"]),
        (("scroe", "input.xlsx"), UsageProblem, ["没有命令“scroe”", "你是不是要用“score”？"]),
        (("score", "input.xlsx", "-j", "0"), UsageProblem, ["“-j / --jobs”的值无效", "至少为 1"]),
        (("score", "input.xlsx", "--jbos", "2"), UsageProblem, ["没有选项“--jbos”"]),
        (("explain", "99"), UsageProblem, ["没有第“99”项"]),
        (("init-template", "input.xlsx"), UsageProblem, ["已存在", "--force"]),
        (("score", "没有.xlsx"), FileProblem, ["找不到文件"]),
        (("score", "2020.xls"), FileProblem, ["旧版", "另存为"]),
        (("diff", "2020.xls", "input.xlsx"), FileProblem, ["旧版"]),
        (("score", bad_cells[0]), InputError, [f"{bad_cells[1]} [air.pm25]", "36μg/m", "不是数值"]),
        (("score", "input.xlsx", "-o", tmp_path / "没有的文件夹" / "x.xlsx"), OutputProblem, ["无法写入"]),
    ]
    for args, kind, words in cases:
        code, out, err = ecoscore(tmp_path, *args)
        assert code == kind.exit_code and all(w in err for w in words), (args, err)
        assert err.startswith(("错误：", "用法：")) and "总分" not in out, err


def test_an_internal_error_is_one_line_and_a_hint_and_debug_shows_the_traceback(tmp_path):
    # a broken set-up: openpyxl would parse XML without defusedxml (it matters where openpyxl reads:
    # the reference reader; the fast reader imports no openpyxl and has its own defused parsers)
    unsafe = {"OPENPYXL_DEFUSEDXML": "False", "ECOSCORE_READER": "openpyxl"}
    code, _, err = ecoscore(tmp_path, "score", EXAMPLE, **unsafe)
    assert code == 1 and err.startswith("内部错误：") and "defusedxml" in err and "--debug" in err, err
    assert len(err.strip().splitlines()) == 2
    code, _, err = ecoscore(tmp_path, "--debug", "score", EXAMPLE, **unsafe)
    assert code == 1 and "Traceback" in err and "XmlNotDefused" in err, err


def test_defusedxml_is_required_and_verified_at_start_up(monkeypatch):
    from xml.parsers import expat

    import openpyxl.xml

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.startswith("defusedxml") for d in deps)
    defused.verify()  # this installation is safe
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(defused.XmlNotDefused, match="DEFUSEDXML"):
        defused.verify()
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", True)
    monkeypatch.setattr(defused, "refuse", lambda p: expat.ParserCreate())  # our parser left unprotected
    with pytest.raises(defused.XmlNotDefused, match="parser"):
        defused.verify()


def test_no_colour_with_no_color_even_on_a_forced_terminal(tmp_path):
    code, out, _ = ecoscore(tmp_path, "score", EXAMPLE, "-o", tmp_path / "r.xlsx", FORCE_COLOR="1", NO_COLOR=None)
    assert code == 0 and COLOUR.search(out)  # the check below can see colour
    code, out, _ = ecoscore(tmp_path, "score", EXAMPLE, "-o", tmp_path / "r.xlsx", FORCE_COLOR="1")
    assert code == 0 and not COLOUR.search(out) and "总分：" in out


def test_user_text_cannot_drive_the_terminal(tmp_path):
    doc = {"county": "中方县\x1b]0;pwned\x07", "values": {"i01.party_school": "\x1b[2J是"}}
    (tmp_path / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = ecoscore(tmp_path, "score", "a.json")
    assert code == 4 and "\x1b" not in out + err, err


def test_no_python_warnings_reach_the_clerk(tmp_path):
    gap = rebuild(tmp_path / "缺表.xlsx", lambda n, b: None if n == part_of("目标与全市") else b)
    code, _, err = ecoscore(tmp_path, "diff", gap, EXAMPLE)
    assert code == 3 and "Warning" not in err and ".py:" not in err, err


def test_readme_documents_every_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d) \| (.+?) \|$", readme, re.MULTILINE))
    assert sorted(table) == ["0", "1", "2", "3", "4", "5"]
    assert "--debug" in table["1"]
    for kind, word in (
        (UsageProblem, "用法"),
        (FileProblem, "无法读取"),
        (InputError, "输入内容"),
        (OutputProblem, "无法写入"),
    ):
        assert word in table[str(kind.exit_code)] and issubclass(kind, EcoscoreError)
