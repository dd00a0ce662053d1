"""Which files a batch scores and where their results go: folders expanded (lock files, scored
workbooks and the summary itself skipped, with the reason), each input's scored workbook, outputs that
would overwrite each other refused, the summary's path checked."""

from __future__ import annotations

from pathlib import Path

from ecoscore.core.model import OutputProblem, UsageProblem
from ecoscore.services.output import check_target, is_same_path, resolved

SUMMARY_NAME = "汇总.xlsx"


INPUT_SUFFIXES = (".xlsx", ".xlsm", ".json", ".xls", ".et")  # old formats too: scoring says how to convert them


SCORED_SUFFIX = ".scored.xlsx"


# ---- which files --------------------------------------------------------------------------
def skip_reason(path: Path, summary: Path | None = None) -> str | None:
    """Why `path` is not an input to score (None: score it)."""
    name = path.name
    if name.startswith("~$"):
        return "Excel/WPS 临时锁定文件"
    if name.lower().endswith(SCORED_SUFFIX):
        return "评分结果文件"
    if name == SUMMARY_NAME or (summary is not None and is_same_path(path, summary)):
        return "汇总表"
    return None


def is_batch(paths: list[Path]) -> bool:
    """True when the command line asks for batch scoring: several paths, or a folder."""
    return len(paths) != 1 or Path(paths[0]).is_dir()


def expand(paths: list[Path], summary: Path | None = None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The inputs to score, in the order given (a folder's files sorted by name, not recursive),
    each once, and the files passed over with the reason. A missing file is kept: scoring it
    reports 找不到文件 like any other bad file."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for given in map(Path, paths):
        if given.is_dir():
            found = sorted(
                (
                    p
                    for p in given.iterdir()
                    if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith(".")
                ),
                key=lambda p: p.name,
            )
            if not found:
                skipped.append((given, "空文件夹（没有 .xlsx 或 .json 输入文件）"))
        else:
            found = [given]
        for p in found:
            key = resolved(p)
            if key in seen:
                continue
            seen.add(key)
            why = skip_reason(p, summary)
            if why:
                skipped.append((p, why))
            else:
                files.append(p)
    return files, skipped


def default_summary(files: list[Path], given: list[Path]) -> Path:
    """汇总.xlsx in the first folder given, else beside the first input."""
    for p in map(Path, given):
        if p.is_dir():
            return p / SUMMARY_NAME
    return (files[0].parent if files else Path(".")) / SUMMARY_NAME


def check_summary_path(summary: Path) -> None:
    if summary.is_dir():
        raise UsageProblem(f"汇总表路径“{summary}”是文件夹，请指定文件名（如 {summary / SUMMARY_NAME}）")
    if summary.suffix.lower() != ".xlsx" or summary.name.lower().endswith(SCORED_SUFFIX):
        raise UsageProblem(
            f"汇总表文件名应以 .xlsx 结尾且不以 {SCORED_SUFFIX} 结尾（如 {SUMMARY_NAME}），现为“{summary.name}”"
        )
    check_target(summary)


# ---- the batch ----------------------------------------------------------------------------
def plan(files: list[Path]) -> tuple[list[tuple[Path, Path]], dict[int, OutputProblem]]:
    """(input, scored output) per file, and the files whose output another file already claims
    (a.json and a.xlsx both make a.scored.xlsx): those are refused rather than overwritten."""
    from ecoscore.services.score import scored_path

    tasks, clashes, claimed = [], {}, {}
    for i, p in enumerate(files):
        out = scored_path(p)
        first = claimed.setdefault(resolved(out), p)
        if first is not p:
            clashes[i] = OutputProblem(
                f"评分结果“{out.name}”与“{first.name}”的评分结果同名，为免覆盖未评分；请把其中一个文件改名后重新评分"
            )
        tasks.append((p, out))
    return tasks, clashes
