"""`ecoscore score` 导入各 ecoscore 模块的耗时：在新进程里以 PYTHONPROFILEIMPORTTIME=1 运行 `score` 多次，
给出每次各模块自身时间（self，含 importtime 自身的开销）之和的中位数，以及各模块最小值之和（受机器上其他进程的影响小得多）。

    python bench/imports.py                       # 11 次，列出最贵的 25 个模块
    python bench/imports.py --runs 21 --top 60
    python bench/imports.py --example 某县.xlsx

需要非可编辑安装的环境，且不设 PYTHONDONTWRITEBYTECODE（否则每次都重新编译）。“核心各层”为 core、
rubric、monitoring、sources、services、scoring（不含 cli、terminal、workbook）。
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s+(\S+)")
OTHERS = ("ecoscore.cli", "ecoscore.terminal", "ecoscore.workbook")


def one_run(example: Path, out: Path) -> dict[str, int]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPROFILEIMPORTTIME"] = "1"
    script = Path(sys.executable).parent / "ecoscore"  # the installed command, as a user runs it
    args = [str(script), "score", str(example), "-o", str(out), "--quiet"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    return {m.group(2): int(m.group(1)) for m in map(LINE.match, done.stderr.splitlines()) if m}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--example", type=Path, default=next(ROOT.glob("examples/*2021*.xlsx")))
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [one_run(opts.example, Path(tmp) / "out.xlsx") for _ in range(opts.runs)]
    names = sorted({name for run in runs for name in run if name.startswith("ecoscore")})
    median = {name: statistics.median(run.get(name, 0) for run in runs) for name in names}
    ours = [name for name in names if not name.startswith(OTHERS)]
    totals = [sum(run.get(name, 0) for name in names) for run in runs]
    our_totals = [sum(run.get(name, 0) for name in ours) for run in runs]
    print(f"{opts.runs} 次，ecoscore 模块 {len(names)} 个（核心各层 {len(ours)} 个）")
    for what, sums in (("ecoscore.* 自身时间之和", totals), ("其中核心各层", our_totals)):
        ms = [x / 1000 for x in sums]
        print(f"{what}：中位数 {statistics.median(ms):.1f} ms（{min(ms):.1f}–{max(ms):.1f}）")
    # each module's fastest run: far less moved by other processes on the machine than one run's sum
    fastest = {name: min(run.get(name, 0) for run in runs) for name in names}
    print(
        f"各模块最小值之和：ecoscore.* {sum(fastest.values()) / 1000:.1f} ms，"
        f"核心各层 {sum(fastest[name] for name in ours) / 1000:.1f} ms"
    )
    print("  中位数  最小值  模块")
    for name in sorted(names, key=median.get, reverse=True)[: opts.top]:
        print(f"{median[name]:8.0f} {fastest[name]:7.0f}  {name}")


if __name__ == "__main__":
    main()
