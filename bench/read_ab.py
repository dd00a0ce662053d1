"""两份源码交替比较读取输入的 CPU：新进程中导入读取模块、首次 `load_input`（细则已载入）的 process_time，
整个 `ecoscore score 示例 --quiet` 进程的 CPU（子进程 rusage），以及可选的 valgrind 指令数（不受机器负载影响）。

    git archive c36d941 ecoscore | tar -x -C /tmp/旧版     # 两份源码树（含 ecoscore/ 目录）
    python bench/read_ab.py /tmp/旧版 /tmp/新版 --runs 41
    python bench/read_ab.py /tmp/旧版 /tmp/新版 --valgrind 5   # 另数指令（每次约 15 s）

用运行本脚本的 python（应是新装的非 editable 虚拟环境）；源码树放在 PYTHONPATH 最前，子进程在临时文件夹里运行
（`python -c` 把当前文件夹放在 sys.path 最前，在仓库里运行会导入仓库的 ecoscore）。示例先复制到临时文件夹。
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
import sys
import tempfile
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "中方县-2021.xlsx"

BEFORE = """
import sys, time, json
from pathlib import Path
import ecoscore.scoring.engine, ecoscore.cli_main, ecoscore.workbook.layout, zipfile  # a score process has them
import ecoscore.rubric; ecoscore.rubric.default()
"""
READ = """
t0 = time.process_time()
from ecoscore.services.load import load_input
import ecoscore.workbook.reader, ecoscore.workbook.fast
t1 = time.process_time()
load_input(Path(sys.argv[1]))
t2 = time.process_time()
print(json.dumps({"imports": t1 - t0, "read": t2 - t1}))
"""
SCORE = "import sys; from ecoscore.cli_main import main; sys.argv[0] = 'ecoscore'; sys.exit(main())"


def env(tree: Path) -> dict:
    out = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    return {**out, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}


def fresh_read(tree: Path, book: Path) -> dict:
    code = BEFORE + READ
    out = subprocess.run(
        [sys.executable, "-c", code, str(book)], env=env(tree), cwd=book.parent, check=True, capture_output=True
    )
    return json.loads(out.stdout)


def score_cpu(tree: Path, book: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    args = [sys.executable, "-c", SCORE, "score", str(book), "-o", str(book.with_name("out.xlsx")), "--quiet"]
    subprocess.run(args, env=env(tree), cwd=book.parent, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def instructions(tree: Path, code: str, book: Path) -> int:
    args = ["setarch", "-R", "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c"]
    out = subprocess.run(
        [*args, code, str(book)], env=env(tree), cwd=book.parent, capture_output=True, text=True, check=True
    )
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--valgrind", type=int, default=0, help="每份源码数几次指令（取最小）")
    args = ap.parse_args()
    trees = (args.old, args.new)
    with tempfile.TemporaryDirectory(prefix="ecoscore-read-ab-") as tmp:
        book = Path(tmp) / "示例.xlsx"
        shutil.copy(EXAMPLE, book)
        for tree in trees:  # byte-compiles both trees first
            fresh_read(tree, book)
            score_cpu(tree, book)
        reads: dict[Path, list[dict]] = {t: [] for t in trees}
        scores: dict[Path, list[float]] = {t: [] for t in trees}
        for _ in range(args.runs):
            for tree in trees:
                reads[tree].append(fresh_read(tree, book))
                scores[tree].append(score_cpu(tree, book))
        print(f"负载 {os.getloadavg()[0]:.2f}，{args.runs} 次交替；中位数（最小）ms")
        print("| 源码 | 导入读取模块 | 首次 load_input | 整个 score 进程 |")
        print("|---|---|---|---|")
        for tree in trees:
            cells = [[r[k] for r in reads[tree]] for k in ("imports", "read")] + [scores[tree]]
            shown = " | ".join(f"{statistics.median(x) * 1000:.2f}（{min(x) * 1000:.2f}）" for x in cells)
            print(f"| {tree} | {shown} |")
        if args.valgrind:
            print("指令数（最小，M 条）：读取 = 先载入细则再读示例，减去只载入细则")
            for tree in trees:
                whole = min(instructions(tree, BEFORE + READ, book) for _ in range(args.valgrind))
                base = min(instructions(tree, BEFORE, book) for _ in range(args.valgrind))
                print(
                    f"  {tree}: 读取 {(whole - base) / 1e6:.1f} M（整个 {whole / 1e6:.1f} M，其中读取前 {base / 1e6:.1f} M）"
                )


if __name__ == "__main__":
    main()
