"""Where results go: output paths checked against the inputs, atomic text writes, and failed
writes turned into clear Chinese messages (the workbook writers leave nothing half-written)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from ecoscore.core.files import (
    NotRegularFile,
    replace_atomically,
    replaceable,
)
from ecoscore.core.model import EcoscoreError, OutputProblem, UsageProblem


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


def is_same_path(a: Path, b: Path) -> bool:
    """The same file, whether or not it exists yet."""
    return same_file(a, b) or resolved(a) == resolved(b)


def check_output_path(output: Path, source: Path) -> None:
    if is_same_path(output, source):
        raise UsageProblem(
            f"输出文件不能与输入文件相同（{output}）：ecoscore 从不修改输入文件，请用 -o 指定另一个文件名"
        )
    if output.exists() and output.is_dir():
        raise UsageProblem(f"输出路径“{output}”是文件夹，请指定文件名（如 {output / '评分结果.xlsx'}）")
    check_target(output)


def not_regular(path: Path) -> UsageProblem:
    return UsageProblem(
        f"输出路径“{path}”不是普通文件（是设备、管道等），ecoscore 不会写入或替换它；请指定一个普通的文件名"
    )


def check_target(path: Path) -> None:
    """Refuse an output path that exists as a device, FIFO or socket (never replaced)."""
    if not replaceable(path) and not Path(path).is_dir():
        raise not_regular(path)


def check_workbook_name(path: Path, option: str = "-o") -> None:
    """A workbook written under another extension (结果.json, 结果.xls) is refused: Excel/WPS would
    not open it, or take it for another kind of file."""
    if Path(path).suffix.lower() != ".xlsx":
        raise UsageProblem(
            f"{option} 指定的是工作簿，文件名应以 .xlsx 结尾（如 评分结果.xlsx），现为“{Path(path).name}”；"
            "JSON 报告请用 --json 另存"
        )


def check_distinct(a: Path, b: Path, message: str) -> None:
    """Two outputs of one command naming the same file: the second would replace the first."""
    if is_same_path(a, b):
        raise UsageProblem(message)


@contextmanager
def writing(path: Path):
    """Turn a failed write into a clear Chinese OutputProblem (the writers leave nothing half-written)."""
    try:
        yield
    except OutputProblem:
        raise
    except OSError as exc:
        raise output_problem(Path(path), exc) from None


def output_problem(path: Path, exc: OSError) -> EcoscoreError:
    if isinstance(exc, NotRegularFile):
        return not_regular(path)
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

    def write(fd: int) -> None:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    with writing(path):
        replace_atomically(path, f".{path.name}.", write)


def json_text(doc: object) -> str:
    import json  # only --json

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
