"""ecoscore 性能基准：在本机测量 (a) `ecoscore --help` 耗时，与 `python -c "import typer, rich"` 之比；
(b) 评分示例工作簿的耗时与“下限”（openpyxl 直接读取同一输入 + 保存同样大小的工作簿）之比；(c) 一次批量
评分 100 份示例的每份耗时和峰值内存，及同样进程数下 openpyxl 读写同样文件的“下限”；(d) 批量主进程的
峰值内存在 100 份与 400 份之间的增长。最后一次列出各目标的比值和 2800 县的外推。

    python bench/bench.py                  # 全部四项，默认次数
    python bench/bench.py --runs 7 --batch-runs 3 --compare-jobs
    python bench/bench.py --example 某县.xlsx --only c

每项取多次运行的中位数，并给出最小值和最大值。示例工作簿按 examples/*2021*.xlsx 查找。
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# issue #17: --help ≤ 1.2× `python -c "import typer, rich"`; score ≤ 0.5× the openpyxl load+save floor;
# batch ≤ 0.1 s per workbook on two cores; the batch's main-process memory flat in the number of workbooks
TARGETS = {"help_ratio": 1.2, "ratio": 0.5, "per_workbook": 0.1, "peak_mb": 300, "growth_mb_per_100": 2.0}

FLOOR = """
import sys, time
import openpyxl
openpyxl.load_workbook(sys.argv[1])            # 读取输入（与 ecoscore 读取的是同一文件）
t, c = time.perf_counter(), time.process_time()
out = openpyxl.load_workbook(sys.argv[2])      # 准备：载入评分结果，不计入下限
print(time.perf_counter() - t, time.process_time() - c)
out.save(sys.argv[3])                          # 保存同样大小的工作簿
"""

BREAKDOWN = """
import sys, time
from pathlib import Path
marks = [("", time.process_time())]
def mark(what):
    marks.append((what, time.process_time()))
import ecoscore.cli; mark("import typer + ecoscore.cli")
import ecoscore.terminal.render; mark("import rich + ecoscore.terminal.render")
import ecoscore.workbook.reader, ecoscore.workbook.scored, ecoscore.scoring.engine, ecoscore.scoring.recovery
import ecoscore.services.score, ecoscore.rubric.huaihua2021; mark("import ecoscore 读取、评分、写出模块 + 细则")
import ecoscore.workbook.ooxml.package; mark("import 写出器（ecoscore.workbook.ooxml）")
from ecoscore.services.load import load_input, score_input
from ecoscore.workbook.scored import write_scored
data = load_input(Path(sys.argv[1])); mark("读取输入（sniff + read_input）")
report = score_input(data); mark("评分（engine）")
from ecoscore.scoring.recovery import recoveries
from ecoscore import rubric as editions
recs = recoveries(report, editions.of(report.rubric)); mark("失分挽回（recovery）")
write_scored(report, sys.argv[2], county=report.county, year=report.year, input_name="x.xlsx",
             locations=data.locations, recoveries=recs); mark("写评分结果（write_scored，自有写出器，含保存）")
print(" " * 10 + "已载入的重型模块：", sorted({"openpyxl", "numpy", "pandas"} & set(sys.modules)) or "无")
import openpyxl; mark("对照：import openpyxl（含 numpy）")
openpyxl.load_workbook(sys.argv[1]); mark("对照：openpyxl.load_workbook 输入")
wb = openpyxl.load_workbook(sys.argv[2]); mark("")
wb.save(sys.argv[3]); mark("对照：保存同样大小的工作簿")
for (_, t0), (what, t1) in zip(marks, marks[1:]):
    if what:
        print(f"{t1 - t0:8.3f}  {what}")
"""

BATCH = """
import json, resource, sys, time
from pathlib import Path
from ecoscore.services import batch
t = time.perf_counter()
r = batch.score_many([Path(sys.argv[1])], jobs=int(sys.argv[2]) or None)
elapsed = time.perf_counter() - t
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
first = r.failed[0].error.message if r.failed else None
print(json.dumps({"elapsed": elapsed, "ok": len(r.ranking), "failed": len(r.failed), "jobs": r.jobs, "error": first,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20}))
"""

BATCH_FLOOR = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import openpyxl
folder, scored, saves, jobs = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
inputs = sorted(folder.glob("县*.xlsx"))
inputs = [p for p in inputs if not p.name.endswith(".scored.xlsx")]
out = openpyxl.load_workbook(scored)           # 准备：一个与评分结果同样大小的工作簿
def one(i):
    openpyxl.load_workbook(inputs[i])          # 读取每份输入
    out.save(saves / f"{i}.xlsx")              # 保存同样大小的工作簿（另一个文件夹：不混入输入）
if jobs > 1:
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(one, range(len(inputs))))
else:
    for i in range(len(inputs)):
        one(i)
"""


def find_example(given: str | None) -> Path:
    if given:
        path = Path(given)
        if not path.is_file():
            sys.exit(f"找不到示例工作簿：{path}")
        return path
    found = sorted((ROOT / "examples").glob("*2021*.xlsx"))
    found = [p for p in found if not p.name.endswith(".scored.xlsx") and not p.name.startswith("~$")]
    if not found:
        sys.exit(
            f"找不到示例工作簿：{ROOT / 'examples'} 中没有 *2021*.xlsx。\n"
            "请先生成示例（由 examples/中方县-2021.json 生成），或用 --example 指定一个填好的输入工作簿。"
        )
    return found[0]


def entry_point() -> list[str]:
    """The `ecoscore` script installed with this interpreter (not a version-manager shim on PATH)."""
    scripts = sysconfig.get_path("scripts")
    exe = shutil.which("ecoscore", path=scripts) or shutil.which("ecoscore")
    if not exe:
        sys.exit("找不到 ecoscore 命令：请先在本环境中安装（pip install -e .）")
    return [exe]


def cpu_children() -> float:
    try:
        import resource
    except ImportError:  # Windows: no CPU figures
        return 0.0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


CPU: list[float] = []  # CPU seconds (user + sys) of each command timed, for the CPU ratio


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, str]:
    cpu, t = cpu_children(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    elapsed = time.perf_counter() - t
    CPU.append(cpu_children() - cpu)
    if proc.returncode != 0:
        sys.exit(f"命令失败（退出码 {proc.returncode}）：{' '.join(map(str, cmd))}\n{proc.stderr}")
    return elapsed, proc.stdout


def stats(xs: list[float]) -> dict:
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "runs": len(xs)}


def fmt(s: dict, unit: str = "s", digits: int = 3) -> str:
    return (
        f"中位数 {s['median']:.{digits}f} {unit}（最小 {s['min']:.{digits}f}，最大 {s['max']:.{digits}f}，"
        f"{s['runs']} 次）"
    )


def verdict(value: float, target: float) -> str:
    return f"目标 ≤ {target:g}：{'达标' if value <= target else '未达标'}"


def load() -> str:
    try:
        return "系统负载 {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except (OSError, AttributeError):
        return "系统负载 未知"


def bench_help(exe: list[str], runs: int) -> dict:
    timed(exe + ["--help"])  # warm the file cache
    ours, theirs, bare = [], [], []
    for _ in range(runs):  # alternate, so that a change in the machine's load affects all three alike
        ours.append(timed(exe + ["--help"])[0])
        theirs.append(timed([sys.executable, "-c", "import typer, rich"])[0])
        bare.append(timed([sys.executable, "-c", "pass"])[0])
    s, libs, base = stats(ours), stats(theirs), stats(bare)
    check = "import sys, ecoscore.cli; print(sorted({'pandas', 'openpyxl', 'numpy'} & set(sys.modules)))"
    heavy = timed([sys.executable, "-c", check])[1].strip()
    ratio = s["median"] / libs["median"]
    print(f"(a) ecoscore --help：{fmt(s)}")
    print(
        f'    对照：python -c "import typer, rich" {fmt(libs)}；比值 {ratio:.2f}  {verdict(ratio, TARGETS["help_ratio"])}'
    )
    print(f"    python -c pass {fmt(base)}；导入 ecoscore.cli 后已载入的重型模块：{heavy}")
    return {"help": s, "typer_rich": libs, "help_ratio": ratio, "python_startup": base, "heavy_modules": heavy}


def bench_single(exe: list[str], example: Path, runs: int, work: Path) -> dict:
    src = work / "single" / example.name
    src.parent.mkdir()
    shutil.copy2(example, src)
    scored = src.with_name(f"{src.stem}.scored.xlsx")
    timed(exe + ["score", str(src), "--quiet"])  # warm up, and make the scored output the floor saves
    ours, floor, cpu_ours, cpu_floor = [], [], [], []
    for _ in range(runs):  # alternate, so that a change in the machine's load affects both alike
        ours.append(timed(exe + ["score", str(src), "--quiet"])[0])
        cpu_ours.append(CPU[-1])
        wall, out = timed([sys.executable, "-c", FLOOR, str(src), str(scored), str(work / "floor.xlsx")])
        prep_wall, prep_cpu = map(float, out.split())
        floor.append(wall - prep_wall)
        cpu_floor.append(CPU[-1] - prep_cpu)
    s_ours, s_floor = stats(ours), stats(floor)
    ratio = s_ours["median"] / s_floor["median"]
    cpu_ratio = statistics.median(cpu_ours) / statistics.median(cpu_floor) if min(cpu_floor) > 0 else float("nan")
    size = (src.stat().st_size // 1024, scored.stat().st_size // 1024, (work / "floor.xlsx").stat().st_size // 1024)
    print(f"(b) ecoscore score {example.name} --quiet：{fmt(s_ours)}")
    print(f"    下限（python 启动 + import openpyxl + load_workbook 输入 + 保存同样大小的工作簿）：{fmt(s_floor)}")
    print(
        f"    比值（中位数之比）{ratio:.2f}  {verdict(ratio, TARGETS['ratio'])}；"
        f"输入 {size[0]} KB，评分结果 {size[1]} KB，下限保存 {size[2]} KB"
    )
    print(
        f"    CPU 时间（user+sys）中位数：ecoscore {statistics.median(cpu_ours):.3f} s，下限 "
        f"{statistics.median(cpu_floor):.3f} s，比值 {cpu_ratio:.2f}（受机器负载影响较小）"
    )
    return {
        "score": s_ours,
        "floor": s_floor,
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "sizes_kb": size,
        "cpu_score": stats(cpu_ours),
        "cpu_floor": stats(cpu_floor),
    }


def breakdown(example: Path, work: Path) -> None:
    """Where one scoring's CPU time goes, stage by stage, in a fresh process (imports included)."""
    out = timed([sys.executable, "-c", BREAKDOWN, str(example), str(work / "bd.scored.xlsx"), str(work / "bd.xlsx")])[1]
    print("    分解（CPU 秒，单次，新进程）：\n" + "\n".join("    " + line for line in out.splitlines()))


def bench_batch(example: Path, copies: int, runs: int, jobs: int, work: Path) -> dict:
    folder = work / f"batch-{jobs}"
    folder.mkdir()
    for i in range(copies):
        shutil.copy2(example, folder / f"县{i + 1:03d}.xlsx")
    walls, results, cpus = [], [], []
    for _ in range(runs):
        wall, out = timed([sys.executable, "-c", BATCH, str(folder), str(jobs)])
        walls.append(wall)
        cpus.append(CPU[-1] / copies)  # user+sys of the batch and its workers, per workbook
        results.append(json.loads(out))
    r = results[-1]
    if r["ok"] != copies:
        sys.exit(f"批量评分有 {r['failed']} 份失败，基准无效：{r['error']}")
    per = stats([w / copies for w in walls])
    peak = max(x["self_mb"] + x["jobs"] * x["worker_mb"] * (x["jobs"] > 1) for x in results)
    scored = sorted(folder.glob("*.scored.xlsx"))[0]
    saves = work / f"floor-{jobs}"
    saves.mkdir()
    floor = stats(
        [
            timed([sys.executable, "-c", BATCH_FLOOR, str(folder), str(scored), str(saves), str(r["jobs"])])[0] / copies
            for _ in range(runs)
        ]
    )
    print(
        f"(c) 批量评分 {copies} 份（jobs={r['jobs']}）：每份 {fmt(per)}  "
        f"{verdict(per['median'], TARGETS['per_workbook'])}"
    )
    cpu = stats(cpus)
    print(
        f"    CPU（user+sys，主进程与工作进程合计）每份 {fmt(cpu)}；{r['jobs']} 个核都空闲时每份约 "
        f"{cpu['median'] / r['jobs']:.3f} s（不受其他程序占用 CPU 的影响）"
    )
    print(
        f"    下限（同样 {r['jobs']} 个进程：每份 load_workbook 输入 + 保存同样大小的工作簿，含 Python 启动）："
        f"每份 {fmt(floor)}；比值 {per['median'] / floor['median']:.2f}"
    )
    print(
        f"    峰值内存：主进程 {max(x['self_mb'] for x in results):.0f} MB"
        + (f"，每个工作进程 ≤ {max(x['worker_mb'] for x in results):.0f} MB" if r["jobs"] > 1 else "")
        + f"；合计上限 {peak:.0f} MB  {verdict(peak, TARGETS['peak_mb'])}"
    )
    return {
        "per_workbook": per,
        "cpu_per_workbook": cpu,
        "floor_per_workbook": floor,
        "peak_mb": peak,
        "self_mb": max(x["self_mb"] for x in results),
        "worker_mb": max(x["worker_mb"] for x in results),
        "jobs": r["jobs"],
        "runs": results,
    }


def bench_memory(example: Path, small: int, large: int, jobs: int, work: Path) -> dict:
    """The batch's main-process peak memory at two batch sizes: flat means no growth per workbook."""
    peaks = {}
    for copies in (small, large):
        folder = work / f"memory-{copies}"
        folder.mkdir()
        for i in range(copies):
            shutil.copy2(example, folder / f"县{i + 1:04d}.xlsx")
        peaks[copies] = json.loads(timed([sys.executable, "-c", BATCH, str(folder), str(jobs)])[1])
        shutil.rmtree(folder)
    a, b = peaks[small]["self_mb"], peaks[large]["self_mb"]
    growth = (b - a) / (large - small) * 100
    print(
        f"(d) 批量主进程峰值内存：{small} 份 {a:.1f} MB，{large} 份 {b:.1f} MB；每多 100 份 +{growth:.2f} MB  "
        f"{verdict(growth, TARGETS['growth_mb_per_100'])}"
    )
    return {"small": small, "large": large, "self_mb": [a, b], "growth_mb_per_100": growth, "runs": peaks}


def ratios(out: dict) -> None:
    """Every target's figure from this one run, and the extrapolation to 2,800 counties."""
    print("—— 目标比值（本次运行）——")
    if "a" in out:
        print(f"  --help / import typer, rich = {out['a']['help_ratio']:.2f}（目标 ≤ {TARGETS['help_ratio']}）")
    if "b" in out:
        print(
            f"  score / openpyxl 读写下限 = {out['b']['ratio']:.2f}（CPU {out['b']['cpu_ratio']:.2f}；目标 ≤ {TARGETS['ratio']}）"
        )
    if "c" in out:
        c = out["c"]
        per = c["per_workbook"]["median"]
        print(
            f"  批量每份 {per:.3f} s（jobs={c['jobs']}；目标 ≤ {TARGETS['per_workbook']} s）= 目标的 {per / TARGETS['per_workbook']:.2f} 倍"
        )
        idle = c["cpu_per_workbook"]["median"] / c["jobs"]
        print(
            f"  按 CPU 时间，{c['jobs']} 个核空闲时每份约 {idle:.3f} s = 目标的 {idle / TARGETS['per_workbook']:.2f} 倍"
        )
        extra = out.get("d", {}).get("growth_mb_per_100", 0.0)
        memory = c["self_mb"] + extra * 28 + c["jobs"] * c["worker_mb"] * (c["jobs"] > 1)
        print(
            f"  外推 2800 县：约 {per * 2800 / 60:.1f} 分钟，内存约 {memory:.0f} MB（主进程 + {c['jobs']} 个工作进程）"
        )
    if "d" in out:
        print(
            f"  主进程内存每 100 份增长 {out['d']['growth_mb_per_100']:.2f} MB（目标 ≤ {TARGETS['growth_mb_per_100']}）"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description="ecoscore 性能基准")
    ap.add_argument("--example", help="输入工作簿（默认 examples/*2021*.xlsx）")
    ap.add_argument("--runs", type=int, default=7, help="(a)(b) 每项运行次数（默认 7）")
    ap.add_argument("--batch-runs", type=int, default=3, help="(c) 运行次数（默认 3）")
    ap.add_argument("--copies", type=int, default=100, help="(c) 批量份数（默认 100）")
    ap.add_argument("--jobs", type=int, default=0, help="(c) 进程数（默认 0：自动）")
    ap.add_argument("--compare-jobs", action="store_true", help="(c) 另测 jobs=1，与自动进程数对比")
    ap.add_argument("--only", choices=("a", "b", "c", "d"), action="append", help="只测某几项")
    ap.add_argument(
        "--memory-copies", type=int, default=400, help="(d) 与 --copies 对比主进程内存的批量份数（默认 400）"
    )
    ap.add_argument("--breakdown", action="store_true", help="(b) 另列出单次评分各阶段的 CPU 时间")
    ap.add_argument("--json", help="另存结果为 JSON")
    args = ap.parse_args()
    parts = args.only or ["a", "b", "c", "d"]
    example = find_example(args.example)
    exe = entry_point()
    import openpyxl

    print(
        f"ecoscore 基准：{platform.platform()}，{os.cpu_count()} 核，Python {platform.python_version()}，"
        f"openpyxl {openpyxl.__version__}；示例 {example}"
    )
    print(f"命令：{' '.join(exe)}；{load()}")
    out: dict = {"cpus": os.cpu_count(), "python": platform.python_version(), "example": str(example)}
    with tempfile.TemporaryDirectory(prefix="ecoscore-bench-") as tmp:
        work = Path(tmp)
        if "a" in parts:
            out["a"] = bench_help(exe, args.runs)
        if "b" in parts:
            out["b"] = bench_single(exe, example, args.runs, work)
            if args.breakdown:
                breakdown(example, work)
        if "c" in parts:
            out["c"] = bench_batch(example, args.copies, args.batch_runs, args.jobs, work)
            if args.compare_jobs:
                out["c_jobs1"] = bench_batch(example, args.copies, args.batch_runs, 1, work)
        if "d" in parts:
            out["d"] = bench_memory(example, args.copies, args.memory_copies, args.jobs, work)
    ratios(out)
    print(load())
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
