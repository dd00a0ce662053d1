"""The console script's entry point (`ecoscore.cli_main.console`): the command, with the collector
set for a short run — rare collections while it runs, everything frozen before the interpreter's
exit pass; a batch, whose workers fork from it, back at the interpreter's settings — the quick
exit when nothing is left to clean up, and the exit code and output unchanged."""

import gc
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from ecoscore import __version__

ROOT = Path(__file__).resolve().parents[1]
# how the command ended — "quick" (os._exit) or "exit" (the interpreter's exit, atexit runs once
# SystemExit has left it) — and what the collector was left with
PROBE = """
import atexit, gc, os, sys
def ended(how):
    print(how, gc.get_threshold()[0], gc.get_freeze_count() > 0, file=sys.stderr)
atexit.register(ended, "exit")
quick_exit = os._exit
def observed(code):
    ended("quick")
    sys.stderr.flush()
    quick_exit(code)
os._exit = observed
sys.argv = ["ecoscore", *sys.argv[1:]]
from ecoscore.cli_main import console
console()
"""


def test_the_console_script_is_the_tuned_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"ecoscore": "ecoscore.cli_main:console"}


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_collects_rarely_and_freezes_before_exit():
    proc = run("--version")
    assert (proc.returncode, proc.stdout) == (0, f"ecoscore {__version__}\n")
    assert proc.stderr.splitlines()[-1] == "quick 200000 True"


def test_a_usage_error_keeps_its_exit_code_and_message():
    proc = run("score")  # no file: a usage error, exit code 2 (README)
    message, probe = proc.stderr.rsplit("quick ", 1)
    assert proc.returncode == 2
    assert (
        message
        == "用法：ecoscore score [选项] 文件...\n请运行“ecoscore score --help”查看帮助。\n\n错误：缺少参数“文件”。\n"
    )
    assert probe == "200000 True\n"


def test_a_batch_gives_the_collector_back_to_the_interpreter(tmp_path):
    # the workers fork from the command: collecting every 200 000 allocations, each kept the
    # garbage of hundreds of counties (docs/performance.md, 第五轮)
    for name in ("甲县.xlsx", "乙县.xlsx"):
        shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", tmp_path / name)
    proc = run("score", str(tmp_path), "--quiet", "--no-city", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    # its spool is a temporary directory: the usual exit, which removes what is left of it
    assert proc.stderr.splitlines()[-1] == f"exit {gc.get_threshold()[0]} True"  # this interpreter's own: 700


def test_one_workbook_ends_with_the_quick_exit_and_its_files_complete(tmp_path):
    shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", tmp_path / "县.xlsx")
    proc = run("score", "县.xlsx", "--json", "县.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1] == "quick 200000 True"
    assert "总分" in proc.stdout  # the summary was flushed before the process ended
    report = json.loads((tmp_path / "县.json").read_text(encoding="utf-8"))
    assert report["total"] == 89.59  # the example's total (README, the JSON report)
    with zipfile.ZipFile(tmp_path / "县.scored.xlsx") as scored:
        assert scored.testzip() is None


def test_a_run_that_loaded_what_cleans_up_at_exit_exits_as_usual(tmp_path):
    # the reference reader is openpyxl, which removes its temporary files at exit
    shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", tmp_path / "县.xlsx")
    proc = run("score", "县.xlsx", "--quiet", cwd=tmp_path, ECOSCORE_READER="openpyxl")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1] == "exit 200000 True"


def test_an_error_code_ends_quickly_too(tmp_path):
    (tmp_path / "坏.xlsx").write_bytes(b"not a workbook")
    proc = run("score", "坏.xlsx", cwd=tmp_path)
    assert proc.returncode == 3  # unreadable file (README)
    assert "坏.xlsx" in proc.stderr
    assert proc.stderr.splitlines()[-1] == "quick 200000 True"
