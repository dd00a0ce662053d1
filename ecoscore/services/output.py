"""Where results go: output paths checked against the inputs, atomic text writes, and failed
writes turned into clear Chinese messages (the workbook writers leave nothing half-written)."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ecoscore.core.model import OutputProblem, UsageProblem


def resolved(path: Path) -> Path:
    """`path` made absolute with its symbolic links followed as far as they go; a loop of links
    (which `Path.resolve` reports as RuntimeError on Python 3.11, OSError later) stays as given."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(output: Path, source: Path) -> None:
    if same_file(output, source) or resolved(output) == resolved(source):
        raise UsageProblem(
            f"输出文件不能与输入文件相同（{output}）：ecoscore 从不修改输入文件，请用 -o 指定另一个文件名"
        )
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
