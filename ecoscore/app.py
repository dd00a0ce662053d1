"""What each CLI command does, as plain library functions (the CLI only parses and prints).

No typer or rich here; openpyxl and pandas are imported only by the functions that need them.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
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


@contextmanager
def writing(path: Path):
    """Turn a failed write into a clear Chinese OutputProblem (the writers leave nothing half-written)."""
    try:
        yield
    except OutputProblem:
        raise
    except OSError as exc:
        raise output_problem(Path(path), exc) from None


def output_problem(path: Path, exc: OSError) -> OutputProblem:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return OutputProblem(f"无法写入“{path}”：文件夹“{folder}”不存在")
    if not os.access(folder, os.W_OK):
        return OutputProblem(f"无法写入“{path}”：没有文件夹“{folder}”的写权限，请换一个文件夹或检查权限")
    if isinstance(exc, PermissionError):
        return OutputProblem(f"无法写入“{path}”：文件可能正在 Excel/WPS 中打开，请关闭后重试")
    return OutputProblem(f"无法写入“{path}”：{exc.strerror or exc}")


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename, so no half-written file remains."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    with writing(path):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def json_text(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def report_json(report: Report) -> str:
    return json_text(report.to_dict())


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

        # 缺项 links point at the input relative to the output's folder, so they work with -o too.
        link = os.path.relpath(source.resolve(), out.resolve().parent)
        with writing(out):
            write_scored(report, out, county=report.county, year=report.year, input_name=link,
                         locations=data.locations)
    return Scored(data, report, out)


def init_template(path: str | Path, *, force: bool = False, county: str = "中方县", year: int = 2021,
                  from_: str | Path | None = None):
    """Write the input workbook; with `from_`, carry last year's figures, sections and targets.

    Returns the carry-over (or None) so the CLI can say what was carried.
    """
    from ecoscore.workbook.template import write_template

    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageProblem(f"“{target}”是文件夹，请指定文件名，如 {target / 'input.xlsx'}")
    if from_ is not None and (same_file(target, Path(from_)) or target.resolve() == Path(from_).resolve()):
        raise UsageProblem(f"新工作簿不能与上年文件相同（{target}）；请换一个文件名")
    if target.exists() and not force:
        raise UsageProblem(f"文件“{target}”已存在，未覆盖；如确需覆盖请加 --force")
    carried = None
    prefill, sections = None, None
    if from_ is not None:
        from ecoscore.carry import carry_over

        carried = carry_over(from_)
        county, year = carried.county or county, carried.year or year
        prefill, sections = carried.prefill, carried.sections
    with writing(target):
        write_template(target, county=county, year=year, prefill=prefill, sections=sections, force=True)
    return carried


def diff_files(last: str | Path, current: str | Path | None = None, *, output: str | Path | None = None):
    """Compare two years (each side a workbook, a scored workbook or JSON); optionally write diff.xlsx."""
    from ecoscore.diff import diff_paths

    result = diff_paths(last, current)
    if output:
        out = Path(output)
        for src in (Path(last), Path(current) if current else Path("input.xlsx")):
            check_output_path(out, src)
        from ecoscore.workbook.diff_writer import write_diff

        with writing(out):
            write_diff(result, out)
    return result


def diff_json(result) -> str:
    return json_text(result.to_dict())
