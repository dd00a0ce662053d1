"""写出评分结果工作簿（write_scored）的 CPU 时间：新进程中第一次调用（冷）与同一进程中再写（热），
分为三段：建表（内容函数写入内存中的工作簿）、生成工作表（自有写出器 ecoscore/workbook/ooxml 把单元格
排入各表并生成工作表 XML）、打包（其余部件与 zip 压缩）。失分挽回（scoring.recovery）先算好再传入，
不计入写出，单独列出。第四轮及以前的写出器（XlsxWriter）用旧版本的代码与旧版本的本脚本测。

    python bench/writer.py                 # 冷：7 个新进程；热：每个进程再写 10 次
    python bench/writer.py --processes 15 --runs 20

机器忙时单次波动大：各段取所有进程的最小值与中位数。
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE = """
import json, sys, tempfile, time
from pathlib import Path
c = time.process_time()
from ecoscore.workbook import scored
from ecoscore.workbook.ooxml import package
imports = time.process_time() - c
from ecoscore import rubric as editions
from ecoscore.scoring.recovery import recoveries
from ecoscore.services.load import load_input, score_input
data = load_input(Path(sys.argv[1]))
report = score_input(data)
c = time.process_time()
found = recoveries(report, editions.of(report.rubric))
recovery = time.process_time() - c
out = Path(tempfile.mkdtemp()) / "out.xlsx"
marks = {}
save, write = scored.save_atomic, package.Package.write
def timed_save(wb, path):
    marks["build"] = time.process_time()
    save(wb, path)
def timed_write(self, *args):
    marks["render"] = time.process_time()
    write(self, *args)
    marks["close"] = time.process_time()
scored.save_atomic, package.Package.write = timed_save, timed_write
runs = []
for _ in range(int(sys.argv[2]) + 1):
    t = time.process_time()
    scored.write_scored(report, out, county=report.county, year=report.year, input_name="x.xlsx",
                        locations=data.locations, recoveries=found)
    end = time.process_time()
    runs.append({"total": end - t, "build": marks["build"] - t, "render": marks["render"] - marks["build"],
                 "close": marks["close"] - marks["render"]})
print(json.dumps({"imports": imports, "recovery": recovery, "cold": runs[0], "warm": runs[1:]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--example", default=str(ROOT / "examples" / "中方县-2021.xlsx"))
    ap.add_argument("--processes", type=int, default=7)
    ap.add_argument("--runs", type=int, default=10, help="每个进程中的热运行次数")
    args = ap.parse_args()
    results = []
    for _ in range(args.processes):
        out = subprocess.run([sys.executable, "-c", ONE, args.example, str(args.runs)], capture_output=True, text=True)
        if out.returncode:
            sys.exit(out.stderr)
        results.append(json.loads(out.stdout))

    def show(label: str, values: list[float]) -> None:
        print(f"  {label:<24}最小 {min(values):.4f}  中位数 {statistics.median(values):.4f}")

    print(f"导入 ecoscore.workbook.scored 与写出器（s CPU，{args.processes} 个进程）")
    show("导入", [r["imports"] for r in results])
    show("失分挽回（不计入写出）", [r["recovery"] for r in results])
    for kind in ("cold", "warm"):
        runs = [r[kind] for r in results] if kind == "cold" else [w for r in results for w in r["warm"]]
        print("write_scored " + ("冷（进程中第一次）" if kind == "cold" else f"热（{len(runs)} 次）") + "，s CPU")
        for part, label in (
            ("total", "合计"),
            ("build", "建表"),
            ("render", "生成工作表"),
            ("close", "打包（部件与压缩）"),
        ):
            show(label, [x[part] for x in runs])


if __name__ == "__main__":
    sys.exit(main())
