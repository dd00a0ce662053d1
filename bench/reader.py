"""读取耗时对比：两个（或多个）安装了不同版本 ecoscore 的 Python 环境交替运行，比较
(1) `ecoscore score 工作簿 --quiet -o …` 的墙钟时间；(2) 单独读取（`read_input`）的耗时。

    python bench/reader.py --env 旧=/tmp/old/venv --env 新=/tmp/new/venv --runs 9 examples/中方县-2021.xlsx
    python bench/reader.py --env 新=.venv --env 新·参照=.venv:ECOSCORE_READER=openpyxl examples/中方县-2021.xlsx

`--env 名称=虚拟环境[:变量=值]`：虚拟环境中的 bin/ecoscore 与 bin/python；变量（如 ECOSCORE_READER）只对这一组生效。
各组交替运行（每轮按顺序各跑一次），使机器负载的变化对各组影响相同；每项给出中位数、最小值、最大值。
(2) 在新进程中先读一次（“首次”，含读取时才导入的模块），再连续读 10 次取中位数（“稳态”）；
同时给出 CPU 时间（process_time）。所有命令都在临时文件夹中运行，不改动仓库。
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READ = """
import json, sys, time
from ecoscore.workbook.reader import read_input
path = sys.argv[1]
w, c = time.perf_counter(), time.process_time()
read_input(path)
first = (time.perf_counter() - w, time.process_time() - c)
walls, cpus = [], []
for _ in range(10):
    w, c = time.perf_counter(), time.process_time()
    read_input(path)
    walls.append(time.perf_counter() - w); cpus.append(time.process_time() - c)
walls.sort(); cpus.sort()
print(json.dumps({"first": first[0], "first_cpu": first[1], "steady": walls[5], "steady_cpu": cpus[5]}))
"""


def contestant(spec: str) -> tuple[str, Path, dict]:
    name, _, rest = spec.partition("=")
    venv, _, var = rest.partition(":")
    env = dict([var.split("=", 1)]) if var else {}
    return name, Path(venv).resolve(), env


def stats(xs: list[float]) -> str:
    return f"{statistics.median(xs):.3f}（{min(xs):.3f}–{max(xs):.3f}）"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workbook", type=Path)
    ap.add_argument("--env", action="append", required=True, help="名称=虚拟环境[:变量=值]")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    groups = [contestant(s) for s in args.env]
    book = args.workbook.resolve()
    results = {
        name: {"score": [], "first": [], "first_cpu": [], "steady": [], "steady_cpu": []} for name, _, _ in groups
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for _ in range(args.runs):
            for name, venv, extra in groups:
                env = {**os.environ, **extra}
                env.pop("PYTHONPATH", None)
                start = time.perf_counter()
                subprocess.run(
                    [str(venv / "bin" / "ecoscore"), "score", str(book), "--quiet", "-o", str(work / "x.xlsx")],
                    cwd=work,
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                results[name]["score"].append(time.perf_counter() - start)
                out = subprocess.run(
                    [str(venv / "bin" / "python"), "-c", READ, str(book)],
                    cwd=work,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                for key, value in json.loads(out).items():
                    results[name][key].append(value)
    print(f"{book.name}，每组 {args.runs} 次，交替运行；Python {sys.version.split()[0]}；负载 {os.getloadavg()[0]:.2f}")
    print("| 组 | score 墙钟 s | 读取·首次 s（CPU） | 读取·稳态 s（CPU） |")
    print("|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {stats(r['score'])} | {stats(r['first'])}（{statistics.median(r['first_cpu']):.3f}）"
            f" | {stats(r['steady'])}（{statistics.median(r['steady_cpu']):.3f}） |"
        )


if __name__ == "__main__":
    main()
