"""读取一份输入工作簿的 CPU 时间（process_time）：首次（新进程中第一次 `load_input`，此前已导入
`ecoscore.workbook` 与评分引擎，与 `ecoscore score` 的进程相同；读取要用细则的字段目录，首次读取时
才载入默认细则）、细则已载入时的首次（另一个新进程，先载入细则再读）和稳态（同一进程再读 20 次的中位数）。
量两份工作簿：随附示例，和按 tests/test_monitoring_workbook.py 构造的含两年空气日数据与断面监测的工作簿。

    .venv/bin/python bench/read_cpu.py --runs 9              # 各 9 个新进程，取中位数与最小值
    .venv/bin/python bench/read_cpu.py --profile 示例         # 另列 cProfile（首次一次 + 稳态 10 次）
    ECOSCORE_READER=openpyxl .venv/bin/python bench/read_cpu.py   # 参照读取器
    .venv/bin/python bench/read_cpu.py --src /tmp/旧版       # 同一环境量另一份源码（如 git archive 取出的旧版）

每个新进程都是 `python -c`，在临时文件夹中运行；不改动仓库。
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

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "中方县-2021.xlsx"

ONE = """
import json, sys, time
from pathlib import Path
t0 = time.process_time()
import ecoscore.workbook, ecoscore.scoring.engine  # as a `score` process has them before reading
from ecoscore.services.load import load_input
t1 = time.process_time()
path = Path(sys.argv[1])
if sys.argv[2:] == ["rubric"]:
    import ecoscore.rubric
    ecoscore.rubric.default()
c = time.process_time(); load_input(path); cold = time.process_time() - c
warm = []
for _ in range(20):
    c = time.process_time(); load_input(path); warm.append(time.process_time() - c)
print(json.dumps({"imports": t1 - t0, "cold": cold, "warm": sorted(warm)[10]}))
"""

WHERE = "import ecoscore, pathlib; print(pathlib.Path(ecoscore.__file__).parents[1])"

PROFILE = """
import cProfile, pstats, sys
from pathlib import Path
import ecoscore.workbook, ecoscore.scoring.engine
from ecoscore.services.load import load_input
path = Path(sys.argv[1])
for label, times in (("首次", 1), ("稳态 ×10", 10)):
    pr = cProfile.Profile(); pr.enable()
    for _ in range(times):
        load_input(path)
    pr.disable()
    print(f"==== {label}")
    pstats.Stats(pr, stream=sys.stdout).sort_stats("tottime").print_stats(25)
"""


def monitoring_workbook(folder: Path) -> Path:
    """The filled workbook of tests/test_monitoring_workbook.py (two years of air days, water samples)."""
    sys.path.insert(0, str(ROOT))
    from tests.indicators.test_air_synthetic import synthetic_year
    from tests.test_monitoring import SAMPLES
    from tests.test_monitoring_workbook import fill_air, fill_water, template

    path = folder / "monitoring.xlsx"
    wb = template(path)
    fill_air(wb, synthetic_year(2020, seed=2020) + synthetic_year(2021, seed=2021))
    fill_water(wb, SAMPLES)
    wb.save(path)
    return path


def run(code: str, path: Path, cwd: Path, src: Path | None = None, *extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return subprocess.run(
        [sys.executable, "-c", code, str(path), *extra], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--src", type=Path, help="量这份源码树（放在 PYTHONPATH 最前）而不是安装的 ecoscore")
    ap.add_argument("--profile", choices=("示例", "监测"), help="只列出这份工作簿的 cProfile")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecoscore-read-") as tmp:
        work = Path(tmp)
        books = {"示例": EXAMPLE, "监测": monitoring_workbook(work)}
        run(ONE, EXAMPLE, work, args.src)  # byte-compiles what the first run imports, as an installed package has it
        if args.profile:
            print(run(PROFILE, books[args.profile], work, args.src))
            return
        where = args.src or Path(run(WHERE, EXAMPLE, work, args.src).strip())
        print(
            f"{where}：读取 CPU 秒（{args.runs} 个新进程；读取器 {os.environ.get('ECOSCORE_READER') or 'fast'}；"
            f"负载 {os.getloadavg()[0]:.2f}）"
        )
        print("| 工作簿 | 首次 中位（最小） | 首次·细则已载入 | 稳态 |")
        print("|---|---|---|---|")
        for name, path in books.items():
            got, loaded = [], []
            for _ in range(args.runs):  # alternately, so a change in the machine's load touches both alike
                got.append(json.loads(run(ONE, path, work, args.src)))
                loaded.append(json.loads(run(ONE, path, work, args.src, "rubric")))
            cells = [[g["cold"] for g in got], [g["cold"] for g in loaded], [g["warm"] for g in got + loaded]]
            print(f"| {name} | " + " | ".join(f"{statistics.median(x):.4f}（{min(x):.4f}）" for x in cells) + " |")


if __name__ == "__main__":
    main()
