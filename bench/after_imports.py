"""一次 `ecoscore score` 在导入之后各阶段的 CPU 时间（process_time）：读取（load_input）、评分（score_input）、
失分挽回（recoveries）、建表（write_scored 中交给保存之前，即内容函数写入内存中的工作簿）。每个新进程先导入
`score` 进程最终会导入的模块并载入默认细则，再量首次（冷）与再做 N 次（热）；建表不含保存（写出器生成 XML 并压缩）。

    python bench/after_imports.py                    # 9 个新进程，每个热 10 次
    python bench/after_imports.py --processes 15 --runs 20

机器忙时单次波动大：各阶段给出所有进程的中位数与最小值。
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = (("read", "读取"), ("score", "评分"), ("recovery", "失分挽回"), ("build", "建表"))

ONE = """
import json, sys, tempfile, time
from pathlib import Path
import ecoscore.cli, ecoscore.services.score, ecoscore.workbook.reader, ecoscore.workbook.fast
import ecoscore.workbook.scored as scored, ecoscore.scoring.recovery
from ecoscore import rubric as editions
editions.default()
from ecoscore.scoring.recovery import recoveries
from ecoscore.services.load import load_input, score_input
src, out = Path(sys.argv[1]), Path(tempfile.mkdtemp()) / "out.xlsx"
marks = {}
save = scored.save_atomic
def timed_save(wb, path):
    marks["build"] = time.process_time()
    save(wb, path)
scored.save_atomic = timed_save
runs = []
for _ in range(int(sys.argv[2]) + 1):
    t0 = time.process_time(); data = load_input(src)
    t1 = time.process_time(); report = score_input(data)
    t2 = time.process_time(); found = recoveries(report, editions.of(report.rubric))
    t3 = time.process_time()
    scored.write_scored(report, out, county=report.county, year=report.year, input_name="x.xlsx",
                        locations=data.locations, recoveries=found)
    runs.append({"read": t1 - t0, "score": t2 - t1, "recovery": t3 - t2, "build": marks["build"] - t3})
print(json.dumps({"cold": runs[0], "warm": runs[1:]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--example", default=str(ROOT / "examples" / "中方县-2021.xlsx"))
    ap.add_argument("--processes", type=int, default=9)
    ap.add_argument("--runs", type=int, default=10, help="每个进程中的热运行次数")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # compile once, as installed
    results = []
    with tempfile.TemporaryDirectory() as cwd:  # not the worktree: the installed ecoscore is measured
        for _ in range(args.processes):
            out = subprocess.run(
                [sys.executable, "-c", ONE, args.example, str(args.runs)],
                capture_output=True,
                text=True,
                env=env,
                cwd=cwd,
            )
            if out.returncode:
                sys.exit(out.stderr)
            results.append(json.loads(out.stdout))
    print(f"导入之后各阶段，ms CPU（{args.processes} 个进程；冷：进程中第一次，热：每进程再 {args.runs} 次）")
    for key, label in PHASES:
        cold = [r["cold"][key] * 1000 for r in results]
        warm = [w[key] * 1000 for r in results for w in r["warm"]]
        print(
            f"  {label:<6}冷 中位数 {statistics.median(cold):5.1f} 最小 {min(cold):5.1f}   "
            f"热 中位数 {statistics.median(warm):5.1f} 最小 {min(warm):5.1f}"
        )
    print("负载", " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "")


if __name__ == "__main__":
    sys.exit(main())
