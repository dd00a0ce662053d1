"""The console script's entry point (`ecoscore.cli_main.main`): the command, with the collector
set for a short run — rare collections while it runs, everything frozen before the interpreter's
exit pass; a batch, whose workers fork from it, back at the interpreter's settings — and the exit
code and output unchanged."""

import gc
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from ecoscore import __version__

ROOT = Path(__file__).resolve().parents[1]
# after main() has exited (atexit runs once SystemExit has left it): what the collector was left with
PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("gc", gc.get_threshold()[0], gc.get_freeze_count() > 0, file=sys.stderr))
sys.argv = ["ecoscore", *sys.argv[1:]]
from ecoscore.cli_main import main
main()
"""


def test_the_console_script_is_the_tuned_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"ecoscore": "ecoscore.cli_main:main"}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_collects_rarely_and_freezes_before_exit():
    proc = run("--version")
    assert (proc.returncode, proc.stdout) == (0, f"ecoscore {__version__}\n")
    assert proc.stderr.splitlines()[-1] == "gc 200000 True"


def test_a_usage_error_keeps_its_exit_code_and_message():
    proc = run("score")  # no file: a usage error, exit code 2 (README)
    message, probe = proc.stderr.rsplit("gc ", 1)
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
    assert proc.stderr.splitlines()[-1] == f"gc {gc.get_threshold()[0]} True"  # this interpreter's own: 700
