"""真实的 Ctrl-C / 终止信号落在保存评分结果的途中：反复运行 `ecoscore score 大输入 -o 文件夹/r.xlsx`，等临时文件出现后
随机再等 0–50 毫秒，随机发 SIGINT 或 SIGTERM，数出有几次落在写出途中（什么也没留下）、几次出了问题（stderr 里有
Traceback、“Exception ignored”或“内部错误”，或留下了临时文件，或留下的不是完整的工作簿）。只在 POSIX 上运行。

    python bench/interrupts.py                        # 本仓库安装的 ecoscore，400 次
    python bench/interrupts.py --script /tmp/old-venv/bin/ecoscore --attempts 1000

大输入：示例 JSON，断面填到上限（1 000 个），写出约 40 毫秒，多数信号落在写出途中。
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOISE = ("Traceback", "Exception ignored", "内部错误", "BrokenPipeError")


def big_input(folder: Path) -> Path:
    from ecoscore.sources import inputs

    doc = json.loads((ROOT / "examples" / "中方县-2021.json").read_text(encoding="utf-8"))
    doc["sections"] = [dict(doc["sections"][0], name=f"断面{i}") for i in range(inputs.MAX_SECTIONS)]
    path = folder / "大.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def attempt(script: str, source: Path, out: Path, rng: random.Random) -> tuple[str, str]:
    """One run interrupted: ('mid-write' | 'after' | 'problem', what went wrong)."""
    sig = rng.choice([signal.SIGINT, signal.SIGTERM])
    proc = subprocess.Popen(
        [script, "score", str(source), "-o", str(out / "r.xlsx")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    while proc.poll() is None and not any(p.name.endswith(".tmp") for p in out.iterdir()):
        time.sleep(0.0005)
    time.sleep(rng.random() * 0.05)
    proc.send_signal(sig)
    err = proc.communicate()[1].decode("utf-8", "replace")
    left = sorted(p.name for p in out.iterdir())
    try:
        if any(word in err for word in NOISE):
            return "problem", f"{sig.name} 退出码 {proc.returncode}：{err.strip()[:300]}"
        if not left:
            return "mid-write", ""
        if left != ["r.xlsx"]:
            return "problem", f"{sig.name} 留下了 {left}"
        with zipfile.ZipFile(out / "r.xlsx") as z:
            if z.testzip() is not None:
                return "problem", f"{sig.name} 留下的工作簿不完整"
        return "after", ""
    finally:
        for name in left:
            (out / name).unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--script", default=shutil.which("ecoscore") or "ecoscore", help="ecoscore 命令的路径")
    parser.add_argument("--attempts", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if sys.platform == "win32":
        sys.exit("只在 POSIX 上运行（Windows 没有 SIGTERM）")
    rng = random.Random(args.seed)
    counts = {"mid-write": 0, "after": 0, "problem": 0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = big_input(folder)
        out = folder / "结果"
        out.mkdir()
        for i in range(args.attempts):
            kind, detail = attempt(args.script, source, out, rng)
            counts[kind] += 1
            if detail:
                print(f"第 {i + 1} 次：{detail}")
    print(
        f"{args.attempts} 次：落在写出途中 {counts['mid-write']} 次，写完之后 {counts['after']} 次，"
        f"出问题 {counts['problem']} 次（{args.script}）"
    )


if __name__ == "__main__":
    main()
