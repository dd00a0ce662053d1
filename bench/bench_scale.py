"""ecoscore 批量评分的规模测量：生成 N 份各不相同的县工作簿（bench/counties.py），用真实命令
`ecoscore score 文件夹 --quiet -j 2`（另测加 --json）评分，给出每份耗时和主进程峰值内存，并外推到全国约
2 800 个县级单位。只打印数字，不判定达标与否（docs/performance.md 记录结果）。

    python bench/bench_scale.py                     # N = 100 与 1000
    python bench/bench_scale.py --counts 100 300    # 机器慢时
    python bench/bench_scale.py --no-summary        # 只评分（batch.score_many，不写汇总表）：评分部分本身的内存

生成的工作簿放在临时文件夹（--keep 保留并打印路径）；生成时间不计入。
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

COUNTIES = 2800  # China's county-level units, roughly

# The command (its console script's entry, with the collector as the command sets it) in this
# process, so its own peak memory (not only its workers') can be read at the end.
RUN = """
import json, resource, sys, time
from ecoscore.cli_main import main
sys.argv = ["ecoscore", *sys.argv[1:]]
t = time.perf_counter()
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
elapsed = time.perf_counter() - t
kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss: KiB on Linux, bytes on macOS
print(json.dumps({"elapsed": elapsed, "code": code,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024}), file=sys.stderr)
"""

# Scoring only, without the summary workbook: the batch's own memory, apart from the summary writer's.
SCORING = """
import json, resource, sys, time
from pathlib import Path
from ecoscore.services import batch
t = time.perf_counter()
r = batch.score_many([Path(sys.argv[1])], jobs=int(sys.argv[2]), write_summary=False)
kib = 1 if sys.platform != "darwin" else 1 / 1024
print(json.dumps({"elapsed": time.perf_counter() - t, "code": r.exit_code,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024}), file=sys.stderr)
"""


def make(folder: Path, n: int) -> None:
    """The county workbooks, written by another process: Linux carries a parent's peak memory over to
    the children it starts (ru_maxrss survives fork and exec), so this process stays small for the
    measured runs' figures to be their own."""
    code = "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; from counties import make_counties; "
    code += "make_counties(Path(sys.argv[2]), int(sys.argv[3]))"
    subprocess.run([sys.executable, "-c", code, str(BENCH), str(folder), str(n)], check=True)


def run(folder: Path, jobs: int, json_out: Path | None, summary: bool = True) -> dict:
    args = [sys.executable, "-c", RUN, "score", str(folder), "--quiet", "-j", str(jobs)]
    if not summary:
        args = [sys.executable, "-c", SCORING, str(folder), str(jobs)]
    if json_out is not None:
        args += ["--json", str(json_out)]
    wall = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - wall
    if not proc.stderr.strip():
        sys.exit(f"评分进程没有输出：{proc.stdout[-2000:]}")
    figures = json.loads(proc.stderr.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description="ecoscore 批量评分规模测量")
    ap.add_argument("--counts", type=int, nargs="+", default=[100, 1000], help="各次的工作簿份数（默认 100 1000）")
    ap.add_argument("--jobs", type=int, default=2, help="进程数（默认 2）")
    ap.add_argument("--keep", action="store_true", help="保留生成的工作簿")
    ap.add_argument("--no-summary", action="store_true", help="只评分，不写汇总表、不测 --json（评分部分本身的内存）")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ecoscore-scale-"))
    results = []
    try:
        for n in args.counts:
            folder = work / f"n{n}"
            t = time.perf_counter()
            make(folder, n)
            print(f"生成 {n} 份工作簿：{time.perf_counter() - t:.0f} s（不计入）", flush=True)
            plain = run(folder, args.jobs, None, summary=not args.no_summary)
            if args.no_summary:
                results.append((n, plain, plain, 0.0))
                print(
                    f"N={n}（只评分）：每份 {plain['wall'] / n:.3f} s；主进程峰值 {plain['self_mb']:.1f} MB，"
                    f"工作进程峰值 {plain['worker_mb']:.1f} MB",
                    flush=True,
                )
                continue
            for p in folder.glob("*.scored.xlsx"):
                p.unlink()
            with_json = run(folder, args.jobs, work / f"n{n}.json")
            size = (work / f"n{n}.json").stat().st_size / 2**20
            results.append((n, plain, with_json, size))
            print(
                f"N={n}：每份 {plain['wall'] / n:.3f} s（墙钟 {plain['wall']:.1f} s，退出码 {plain['code']}）；"
                f"主进程峰值 {plain['self_mb']:.1f} MB，工作进程峰值 {plain['worker_mb']:.1f} MB；"
                f"加 --json：每份 {with_json['wall'] / n:.3f} s，主进程峰值 {with_json['self_mb']:.1f} MB，"
                f"JSON {size:.1f} MB",
                flush=True,
            )
        if len(results) >= 2:
            (n1, a, aj, _), (n2, b, bj, size) = results[0], results[-1]
            per = b["wall"] / n2
            growth = (b["self_mb"] - a["self_mb"]) / (n2 - n1) * 1000
            growth_json = (bj["self_mb"] - aj["self_mb"]) / (n2 - n1) * 1000
            print(
                f"外推到 {COUNTIES} 份（按 N={n2} 的每份耗时）：约 {per * COUNTIES / 60:.0f} 分钟；"
                f"主进程内存每多 1000 份 {growth:+.1f} MB（加 --json {growth_json:+.1f} MB），"
                f"{COUNTIES} 份约 {b['self_mb'] + growth * (COUNTIES - n2) / 1000:.0f} MB；"
                f"JSON 约 {size / n2 * COUNTIES:.0f} MB"
            )
    finally:
        if args.keep:
            print(f"工作簿保留在：{work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
