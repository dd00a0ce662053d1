"""What each CLI command does, as plain library functions (the CLI only parses and prints).

No typer or rich here; openpyxl and pandas are imported only by the functions that need them.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ecoscore.inputs import InputData, load_input, score_input
from ecoscore.model import OutputProblem, Report, UsageProblem


@dataclass
class Scored:
    data: InputData
    report: Report
    output: Path | None


def scored_path(source: Path) -> Path:
    """`input.xlsx` → `input.scored.xlsx` beside it (JSON inputs too: `a.json` → `a.scored.xlsx`)."""
    return source.with_name(f"{source.stem}.scored.xlsx")


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(output: Path, source: Path) -> None:
    if same_file(output, source) or output.resolve() == source.resolve():
        raise UsageProblem(f"输出文件不能与输入文件相同（{output}）：ecoscore 从不修改输入文件，请用 -o 指定另一个文件名")
    if output.exists() and output.is_dir():
        raise UsageProblem(f"输出路径“{output}”是文件夹，请指定文件名（如 {output / '评分结果.xlsx'}）")


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename, so no half-written file remains."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputProblem(f"无法在“{folder}”中写入文件：{exc.strerror or exc}（请检查文件夹是否存在、是否有写权限）") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputProblem(f"无法写入“{path}”：{exc.strerror or exc}（文件是否正在 Excel/WPS 中打开？请关闭后重试）") from None


def report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def score_file(path: str | Path, *, output: str | Path | None = None, workbook: bool = True) -> Scored:
    """Read, validate and score one input; write its scored workbook unless `workbook` is False."""
    source = Path(path)
    data = load_input(source)
    report = score_input(data)
    out = None
    if workbook:
        out = Path(output) if output else scored_path(source)
        check_output_path(out, source)
        from ecoscore.workbook.scored import write_scored

        try:
            write_scored(report, out, county=report.county, year=report.year, input_name=source.name,
                         locations=data.locations)
        except PermissionError:
            raise OutputProblem(f"无法写入“{out}”：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
        except OSError as exc:
            raise OutputProblem(f"无法写入“{out}”：{exc.strerror or exc}（请检查文件夹是否存在、是否有写权限）") from None
    return Scored(data, report, out)


def init_template(path: str | Path, *, force: bool = False, county: str = "中方县", year: int = 2021) -> Path:
    from ecoscore.workbook.template import write_template

    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageProblem(f"“{target}”是文件夹，请指定文件名，如 {target / 'input.xlsx'}")
    if target.exists() and not force:
        raise UsageProblem(f"文件“{target}”已存在，未覆盖；如确需覆盖请加 --force")
    try:
        write_template(target, county=county, year=year, force=True)
    except PermissionError:
        raise OutputProblem(f"无法写入“{target}”：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as exc:
        raise OutputProblem(f"无法写入“{target}”：{exc.strerror or exc}") from None
    return target
