"""两个安装（两个虚拟环境，如改动前与改动后）交替运行，比较新进程里各段的 CPU（process_time）：导入、首次读取
（load_input）、评分（score_input）、失分挽回（recoveries）、写评分结果（write_scored，含保存），以及真实命令
`ecoscore score 示例 --quiet` 整个子进程的 CPU（user+sys）。每一对新旧进程交替运行、先后逐对交换；给出两边的中位数、
最小值和逐对差的中位数（机器忙时单次波动大，逐对差与最小值较稳）。`--valgrind N` 另数各段脚本的指令数（取 N 次最小，
不受机器负载影响）。

    python bench/alternate.py /tmp/old-venv /tmp/new-venv
    python bench/alternate.py /tmp/old-venv /tmp/new-venv --pairs 41 --example 某县.xlsx
    python bench/alternate.py /tmp/old-venv /tmp/new-venv --pairs 5 --valgrind 3

两个虚拟环境都应是新装的非 editable 安装（`pip install .`）；子进程不设 PYTHONDONTWRITEBYTECODE，在临时文件夹里
运行（`python -c` 把当前文件夹放在 sys.path 最前，在仓库里运行会导入仓库的 ecoscore），示例先复制到临时文件夹。
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the phases of one `score`, each timed the first time a fresh process does it (with the command's collector)
PHASES = """
import json, sys, time
from pathlib import Path
from ecoscore import cli_collector
cli_collector.short_run()
clock = time.process_time
c = clock()
import ecoscore.cli
from ecoscore import rubric as editions
from ecoscore.scoring.recovery import recoveries
from ecoscore.services.load import load_input, score_input
from ecoscore.workbook import scored
took = {"导入": clock() - c}
c = clock(); data = load_input(Path(sys.argv[1])); took["读取"] = clock() - c
c = clock(); report = score_input(data); took["评分"] = clock() - c
c = clock(); found = recoveries(report, editions.of(report.rubric)); took["失分挽回"] = clock() - c
c = clock()
scored.write_scored(report, Path(sys.argv[2]), county=report.county, year=report.year, input_name="x.xlsx",
                    locations=data.locations, recoveries=found)
took["write_scored"] = clock() - c
print(json.dumps(took))
"""
COMMAND = "ecoscore score 进程"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}


def _phases(venv: Path, example: Path, folder: Path) -> dict[str, float]:
    args = [str(venv / "bin" / "python"), "-c", PHASES, str(example), str(folder / "phases.xlsx")]
    out = subprocess.run(args, capture_output=True, text=True, env=_env(), cwd=folder, check=True)
    return json.loads(out.stdout)


def _command(venv: Path, example: Path, folder: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    args = [str(venv / "bin" / "ecoscore"), "score", str(example), "-o", str(folder / "out.xlsx"), "--quiet"]
    subprocess.run(args, env=_env(), cwd=folder, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {COMMAND: after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime}


def _instructions(venv: Path, example: Path, folder: Path) -> int:
    """Instructions of the phases script under callgrind (address randomisation off, so runs agree)."""
    args = ["setarch", "-R", "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    args += [str(venv / "bin" / "python"), "-c", PHASES, str(example), str(folder / "phases.xlsx")]
    out = subprocess.run(args, capture_output=True, text=True, env=_env(), cwd=folder, check=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"valgrind 没有给出指令数：{out.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path, help="改动前的虚拟环境")
    ap.add_argument("new", type=Path, help="改动后的虚拟环境")
    ap.add_argument("--pairs", type=int, default=21, help="交替的对数（默认 21）")
    ap.add_argument("--example", type=Path, default=ROOT / "examples" / "中方县-2021.xlsx")
    ap.add_argument("--valgrind", type=int, default=0, help="另数指令数的次数（取最小；默认 0：不数）")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ecoscore-alternate-"))
    example = folder / "in.xlsx"  # a copy: nothing is written next to examples/
    shutil.copyfile(args.example, example)
    venvs = (args.old, args.new)
    runs: dict[Path, list[dict[str, float]]] = {v: [] for v in venvs}
    try:
        for venv in venvs:  # each install's first run reads its files from disk: not measured
            _phases(venv, example, folder)
        for i in range(args.pairs):
            for venv in venvs if i % 2 == 0 else venvs[::-1]:
                runs[venv].append(_phases(venv, example, folder) | _command(venv, example, folder))
        counts = {
            v: min(_instructions(v, example, folder) for _ in range(args.valgrind)) for v in venvs if args.valgrind
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"CPU 毫秒，{args.pairs} 对交替的新进程；系统负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    old_runs, new_runs = runs[args.old], runs[args.new]
    for part in old_runs[0]:
        old, new = [r[part] * 1e3 for r in old_runs], [r[part] * 1e3 for r in new_runs]
        diff = statistics.median(n - o for o, n in zip(old, new))
        shown = [f"{statistics.median(x):.1f}（最小 {min(x):.1f}）" for x in (old, new)]
        print(f"  {part}：旧 {shown[0]}，新 {shown[1]}，逐对差中位数 {diff:+.1f}")
    if args.valgrind:
        old, new = counts[args.old] / 1e6, counts[args.new] / 1e6
        print(
            f"  指令数（各段脚本整个进程，{args.valgrind} 次最小，百万条）：旧 {old:.1f}  新 {new:.1f}  {new - old:+.1f}"
        )


if __name__ == "__main__":
    main()
