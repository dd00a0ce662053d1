"""两个安装（两个虚拟环境，如改动前与改动后）交替运行，比较新进程的 CPU：导入、读取+评分+失分挽回、写评分结果
（write_scored，含保存），以及真实命令 `ecoscore score 示例 --quiet` 整个子进程的 CPU（user+sys）。每一对新旧进程
交替运行、先后逐对交换；给出两边的中位数和逐对差的中位数（机器忙时单次波动大，逐对差较稳）。

    python bench/alternate.py /tmp/old-venv /tmp/new-venv
    python bench/alternate.py /tmp/old-venv /tmp/new-venv --pairs 41 --example 某县.xlsx

两个虚拟环境都应是新装的非 editable 安装（`pip install .`），并且不设 PYTHONDONTWRITEBYTECODE。
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PHASES = """
import json, sys, tempfile, time
from pathlib import Path
c = time.process_time()
import ecoscore.cli_main
from ecoscore import rubric as editions
from ecoscore.scoring.recovery import recoveries
from ecoscore.services.load import load_input, score_input
from ecoscore.workbook import scored
imports = time.process_time() - c
data = load_input(Path(sys.argv[1]))
report = score_input(data)
found = recoveries(report, editions.of(report.rubric))
read = time.process_time() - c - imports
out = Path(tempfile.mkdtemp()) / "out.xlsx"
scored.write_scored(report, out, county=report.county, year=report.year, input_name="x.xlsx",
                    locations=data.locations, recoveries=found)
write = time.process_time() - c - imports - read
print(json.dumps({"导入": imports, "读取+评分+失分挽回": read, "write_scored": write}))
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _phases(venv: Path, example: Path) -> dict[str, float]:
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", PHASES, str(example)],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tempfile.gettempdir(),  # not the worktree: its ecoscore/ would shadow the installed one
        check=True,
    )
    return json.loads(out.stdout)


def _command(venv: Path, example: Path, folder: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [str(venv / "bin" / "ecoscore"), "score", str(example), "-o", str(folder / "out.xlsx"), "--quiet"],
        env=_env(),
        cwd=folder,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return {"ecoscore score 进程": cpu}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path, help="改动前的虚拟环境")
    ap.add_argument("new", type=Path, help="改动后的虚拟环境")
    ap.add_argument("--pairs", type=int, default=21)
    ap.add_argument("--example", type=Path, default=ROOT / "examples" / "中方县-2021.xlsx")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ecoscore-alternate-"))
    example = folder / "in.xlsx"  # a copy: nothing is written next to examples/
    shutil.copyfile(args.example, example)
    runs: dict[Path, list[dict[str, float]]] = {args.old: [], args.new: []}
    try:
        for i in range(args.pairs):
            for venv in (args.old, args.new) if i % 2 == 0 else (args.new, args.old):
                runs[venv].append(_phases(venv, example) | _command(venv, example, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"CPU 毫秒，{args.pairs} 对交替的新进程；系统负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for part in runs[args.old][0]:
        old = statistics.median(r[part] for r in runs[args.old])
        new = statistics.median(r[part] for r in runs[args.new])
        diff = statistics.median(n[part] - o[part] for o, n in zip(runs[args.old], runs[args.new]))
        print(f"  {part:<20}旧 {old * 1e3:7.1f}  新 {new * 1e3:7.1f}  逐对差中位数 {diff * 1e3:+6.1f}")


if __name__ == "__main__":
    main()
