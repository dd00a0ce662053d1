"""评分与失分挽回的 CPU 时间（process_time，毫秒）：每个新进程先像 `score` 一样设垃圾回收阈值、导入命令与
写出模块并读入示例，再量评分（`score_input`）和失分挽回（`recoveries`）的首次，以及各再做 30 次的最小值。
给出两个解释器时交替运行（旧版、新版各装一个全新的非 editable 虚拟环境），各取中位数。

    python bench/score_cpu.py --runs 25 /tmp/旧版/bin/python /tmp/新版/bin/python

每个新进程都是 `python -c`，在临时文件夹中运行，不改动仓库。
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "中方县-2021.xlsx"

ONE = """
import gc, json, sys, time
gc.set_threshold(200_000, 30, 30)  # as the command sets it (ecoscore.cli_collector)
from pathlib import Path
import ecoscore.cli, ecoscore.workbook.scored
from ecoscore import rubric as editions
from ecoscore.scoring.recovery import recoveries
from ecoscore.services.load import load_input, score_input
clock = time.process_time
data = load_input(Path(sys.argv[1]))
c = clock(); report = score_input(data); score = clock() - c
rubric = editions.of(report.rubric)
c = clock(); recoveries(report, rubric); recovery = clock() - c
again = {"score": [], "recovery": []}
for _ in range(30):
    c = clock(); score_input(data); again["score"].append(clock() - c)
    c = clock(); recoveries(report, rubric); again["recovery"].append(clock() - c)
print(json.dumps({"评分 首次": score, "失分挽回 首次": recovery,
                  "评分 最小": min(again["score"]), "失分挽回 最小": min(again["recovery"])}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pythons", nargs="+", help="解释器（各自的虚拟环境中装有 ecoscore）")
    ap.add_argument("--runs", type=int, default=15, help="每个解释器的新进程数")
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a fresh process should read its compiled modules
    rows: dict[str, list[dict]] = {p: [] for p in args.pythons}
    with tempfile.TemporaryDirectory() as work:
        example = Path(work) / EXAMPLE.name
        shutil.copy(EXAMPLE, example)
        for _ in range(args.runs):
            for python in args.pythons:
                out = subprocess.run(
                    [python, "-c", ONE, str(example)], cwd=work, env=env, capture_output=True, text=True
                )
                out.check_returncode()
                rows[python].append(json.loads(out.stdout))
    for python, runs in rows.items():
        medians = {k: statistics.median(r[k] for r in runs) * 1000 for k in runs[0]}
        print(python, "  ".join(f"{k} {v:.2f}" for k, v in medians.items()))
    print("负载", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
