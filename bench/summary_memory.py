"""汇总.xlsx 写出的内存：在 100 个与 1 000 个县之间，write_summary 的 tracemalloc 峰值增长多少。

    python bench/summary_memory.py                  # 100 与 1 000 个县
    python bench/summary_memory.py --sizes 100 1000 2800 --runs 1

CPU 时间另在不跟踪内存的进程中测（tracemalloc 会使它慢几倍），取 --runs 次的最小值。各县的 RankRow 由示例按 bench/counties.py 的方式变化后评分得到，每次遍历时重新生成（如同从磁盘重读的
序列：`len()` 与 `iter()`），所以峰值只算写出本身留下的东西。每个规模在单独的进程中测量。要测改动前的
写出，用旧版本的代码运行本脚本（例如 `git worktree add /tmp/old <提交>`，再
`PYTHONPATH=/tmp/old python bench/summary_memory.py`）。
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE = """
import json, sys, tempfile, time, tracemalloc
from decimal import Decimal
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from counties import EXAMPLE, county_name, varied
from ecoscore.services.batch import BatchResult, Outcome
from ecoscore.services.load import score_input
from ecoscore.services.ranking import RankRow
from ecoscore.services.standing import standing
from ecoscore.sources.inputs import json_input
from ecoscore.workbook.summary import write_summary

size = int(sys.argv[1])
doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
kinds = [standing(score_input(json_input({**doc, "values": varied(i, doc)}, Path("x.json"), []))) for i in range(7)]
folder = Path(tempfile.mkdtemp())
provisional_from = size - size // 7  # the last seventh provisional, as a ranking lists them


# made before tracing starts, each path's text too (Path caches it): a sequence read back from disk hands
# the writer such rows anew on each pass; what they hold is not the writer's
names = [county_name(i) for i in range(size)]
files = [(Path(folder, f"{i:04d}.xlsx"), Path(folder, f"{i:04d}.scored.xlsx")) for i in range(size)]
for pair in files:
    list(map(str, pair))


def row(i):
    s = kinds[i % 7]
    final = i < provisional_from
    total = Decimal(95) - Decimal(i) / 100 if final else Decimal(80) - Decimal(i) / 100
    unscored = Decimal(0) if final else Decimal(3)
    return RankRow(i + 1 if final else None, i, names[i], 2021, names[i], total, not final, 0 if final else 2,
                   s.sections, s.bonus, s.penalty, s.losses, *files[i], unscored, Decimal(100) - unscored,
                   s.scores, s.basis)


class Rows:
    # a sequence that re-makes its rows on every pass, as one read back from disk would
    def __init__(self, make):
        self.make = make
    def __len__(self):
        return size
    def __iter__(self):
        return (self.make(i) for i in range(size))


result = BatchResult(Rows(lambda i: Outcome(*files[i])), Rows(row))
traced = sys.argv[3] == "trace"
if traced:
    tracemalloc.start()
t = time.process_time()
write_summary(result, folder / "汇总.xlsx")
cpu = time.process_time() - t
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(json.dumps({"size": size, "peak": peak, "cpu": cpu, "bytes": (folder / "汇总.xlsx").stat().st_size}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--runs", type=int, default=3, help="不跟踪内存时测 CPU 的次数（取最小值）")
    args = ap.parse_args()

    def run(size: int, mode: str) -> dict:
        cmd = [sys.executable, "-c", ONE, str(size), str(ROOT / "bench"), mode]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode:
            sys.exit(out.stderr)
        return json.loads(out.stdout)

    results = []
    for size in args.sizes:
        traced = run(size, "trace")
        traced["cpu"] = min(run(size, "time")["cpu"] for _ in range(args.runs))  # CPU without tracing
        results.append(traced)
    print(f"{'县数':>6} {'tracemalloc 峰值':>16} {'CPU（不跟踪）':>12} {'文件':>9}")
    for r in results:
        print(f"{r['size']:>6} {r['peak'] / 2**20:>13.2f} MB {r['cpu']:>10.2f} s {r['bytes'] // 1024:>6} KB")
    if len(results) > 1:
        a, b = results[0], results[-1]
        per = (b["peak"] - a["peak"]) / (b["size"] - a["size"])
        print(f"峰值每多一个县增加 {per / 1024:.2f} KB（{a['size']} → {b['size']} 个县）")


if __name__ == "__main__":
    sys.exit(main())
