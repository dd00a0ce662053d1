"""Score many inputs in one go: expand files and folders, score each as `services.score.score_file` does,
rank the counties and write the summary workbook (汇总.xlsx).

Pure orchestration: no typer, no rich; openpyxl only through `score_file` and the summary
writer, both imported when needed. A bad file never stops the batch: its error is kept in its
`Outcome` and the others are scored. With `jobs` > 1 the files are scored in worker processes;
results come back in input order and are the same as serial scoring.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ecoscore.core.city import CountyCity
from ecoscore.core.model import EcoscoreError, InputError, UsageProblem, json_number
from ecoscore.services.batch_inputs import (
    SCORED_SUFFIX,
    SUMMARY_NAME,
    check_summary_path,
    default_summary,
    expand,
    is_batch,
    plan,
    skip_reason,
)
from ecoscore.services.city import OFF_NOTE, CityBatch, collect, kept_input, settle
from ecoscore.services.output import is_same_path
from ecoscore.services.ranking import RankRow, city_average, final_rows, provisional_rows, ranking
from ecoscore.services.standing import Standing, shared_sections, standing

POOL_THRESHOLD = 8  # fewer files than this are scored in this process: a pool costs more than it saves

Progress = Callable[[int, int, "Outcome"], None]  # (files done, files in all, the outcome just finished)


class InternalFailure(EcoscoreError):
    """A bug of ours met while scoring one file; kept so the rest of the batch is still scored."""

    exit_code = 1

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail  # the traceback, for --debug


@dataclass
class Outcome:
    """One input's result: its `standing` and `output` when scored, else `error`."""

    path: Path
    output: Path | None = None
    standing: Standing | None = None
    error: EcoscoreError | None = None
    report_file: Path | None = None  # its report's JSON, spooled to a temporary file (`batch_json`)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self, rank: int | None = None) -> dict:
        r, e = self.standing, self.error
        return {
            "file": str(self.path),
            "ok": self.ok,
            "output": str(self.output) if self.output else None,
            "county": r.county if r else None,
            "total": json_number(r.total) if r else None,
            "provisional": r.provisional if r else None,
            "rank": rank,
            "error": e
            and {"exit_code": e.exit_code, "message": e.message, "problems": [p.to_dict() for p in e.problems]},
        }


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    ranking: list[RankRow] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it was not scored)
    summary_path: Path | None = None  # None when no summary was asked for or it could not be written
    summary_error: EcoscoreError | None = None
    jobs: int = 1
    city: CityBatch | None = None  # the figures derived across the counties (services.city); None when not
    city_note: str = ""  # why they were not derived (one line), "" when they were
    previous: object | None = None  # `prev.Comparison` with last year's totals, when --prev is given

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def finals(self) -> list[RankRow]:
        """The ranked counties (final scores)."""
        return final_rows(self.ranking)

    @property
    def provisionals(self) -> list[RankRow]:
        """The counties with a provisional score, listed after the ranked ones without a rank."""
        return provisional_rows(self.ranking)

    @property
    def average(self) -> tuple | None:
        """(mean total, mean 得分率) of the final scores (`ranking.city_average`)."""
        return city_average(self.ranking)

    @property
    def exit_code(self) -> int:
        """0 all scored; 1 if a file met an internal error; 4 (invalid input) if any file failed;
        5 if every file was scored but the summary workbook could not be written."""
        if any(isinstance(o.error, InternalFailure) for o in self.outcomes):
            return InternalFailure.exit_code
        if self.failed:
            return InputError.exit_code
        if self.summary_error is not None:
            return self.summary_error.exit_code
        return 0

    def to_dict(self) -> dict:
        """For `--json`: each file's outcome with its rank (None: provisional or not scored), the
        summary path and the exit code; `batch_json.write` adds each file's report as it streams."""
        ranks = {r.index: r.rank for r in self.ranking}
        return {
            "files": [o.to_dict(ranks.get(i)) for i, o in enumerate(self.outcomes)],
            "summary": str(self.summary_path) if self.summary_path else None,
            "city": self.city.to_dict() if self.city else None,  # the cross-county figures (services.city)
            "city_note": self.city_note or None,
            "exit_code": self.exit_code,
        }


# ---- scoring one file (in this process or a worker) --------------------------------------------
def _score_one(
    path: Path,
    output: Path,
    rubric_id: str | None = None,
    report_to: Path | None = None,
    city: CountyCity | None = None,
    kept: Path | None = None,
) -> tuple:
    """Score one file (as phase 1 read and `kept` it, if it did); never raises. Returns plain
    picklable parts (an EcoscoreError does not survive pickling, as its constructor takes other
    arguments than it stores). `report_to`: write the report's JSON (as `score --json` would)
    there, so it need not be kept or sent back."""
    from ecoscore.services import score as app

    try:
        scored = app.score_file(path, output=output, rubric_id=rubric_id, city=city, data=kept_input(kept))
        if report_to is not None:
            report_to.write_text(app.report_json(scored.report), encoding="utf-8")
        return path, scored.output, standing(scored.report), None, report_to
    except EcoscoreError as err:
        return path, None, None, (type(err), err.message, err.problems, ""), None
    except Exception as exc:  # noqa: BLE001  a bug of ours must not cost the other counties their scores
        failure = (InternalFailure, f"内部错误：{type(exc).__name__}: {exc}", [], traceback.format_exc())
        return path, None, None, failure, None


def _outcome(parts: tuple) -> Outcome:
    path, output, kept, err, report_file = parts
    if err is None:
        return Outcome(path, output, shared_sections(kept), report_file=report_file)
    cls, message, problems, detail = err
    error = cls.__new__(cls)  # not cls(...): the constructors differ (InputError takes the problems first)
    Exception.__init__(error, message)
    error.message, error.problems, error.detail = message, list(problems), detail
    return Outcome(path, error=error)


def default_jobs(n_files: int) -> int:
    return 1 if n_files < POOL_THRESHOLD else max(1, min(2, os.cpu_count() or 1))


def _score_all(tasks: list[tuple], jobs: int, progress: Progress | None) -> list[Outcome]:
    total = len(tasks)
    results: list[Outcome | None] = [None] * total
    if jobs <= 1:
        for i, task in enumerate(tasks):
            results[i] = _outcome(_score_one(*task))
            if progress:
                progress(i + 1, total, results[i])
        return results  # type: ignore[return-value]
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import ecoscore.scoring.engine  # noqa: F401  loaded before the workers fork, so they need not import it again
    import ecoscore.workbook  # noqa: F401
    import ecoscore.workbook.xlsx_save  # noqa: F401  (XlsxWriter)

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_score_one, *task): i for i, task in enumerate(tasks)}
        try:
            for done, fut in enumerate(as_completed(futures), start=1):
                i = futures[fut]
                results[i] = _outcome(fut.result())
                if progress:
                    progress(done, total, results[i])
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return results  # type: ignore[return-value]


def score_many(
    paths: list[Path],
    *,
    summary: Path | None = None,
    write_summary: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    rubric_id: str | None = None,
    city: bool = True,
    reports: Path | None = None,
    previous: Path | None = None,
) -> BatchResult:
    """Score every input among `paths` (files and folders), write each one's scored workbook
    beside it, then the summary workbook (`summary`, default 汇总.xlsx beside the inputs).

    Raises UsageProblem only for a wrong summary path or when there is nothing to score; every
    problem with a single file is kept in its Outcome. `jobs` None or 0: `default_jobs`.
    `rubric_id`: score every file on that edition (`services.basis`; default: each file's year's).
    `city`: derive the cross-county figures when the inputs are one city's counties of one year
    (`services.city`; docs/spec/decisions.md#d-batch).
    `reports`: a folder where each county's report JSON is spooled (for --json, `batch_json`);
    `previous`: last year's folder, compared by county (`services.prev`)."""
    paths = [Path(p) for p in paths]
    if previous is not None:
        from ecoscore.services.prev import check_folder

        check_folder(Path(previous))
    if summary is not None:
        summary = Path(summary)
        check_summary_path(summary)
        if any(is_same_path(p, summary) for p in paths + expand(paths)[0]):  # a file given, or in a folder given
            raise UsageProblem(
                f"汇总表“{summary}”不能与输入文件相同：ecoscore 从不修改输入文件，请用 --summary 指定另一个文件名"
            )
    files, skipped = expand(paths, summary)
    if not files:
        where = "、".join(str(p) for p in paths) or "（未指定）"
        raise UsageProblem(f"在 {where} 中没有找到要评分的 .xlsx 或 .json 输入文件")
    tasks, clashes = plan(files)
    todo = [
        (p, out, rubric_id, reports and reports / f"{i}.json") for i, (p, out) in enumerate(tasks) if i not in clashes
    ]
    jobs = max(1, min(jobs or default_jobs(len(todo)), len(todo)))
    with tempfile.TemporaryDirectory(prefix="ecoscore-") as keep:  # each input read once (services.city)
        reads = collect([t[0] for t in todo], jobs, rubric_id, Path(keep)) if city else None
        shared, city_note = settle(reads) if reads is not None else (None, OFF_NOTE)
        if reads is not None:
            todo = [(*t, shared and shared.counties.get(i), reads[i].kept) for i, t in enumerate(todo)]
        done = iter(_score_all(todo, jobs, progress))
        outcomes = [Outcome(p, error=clashes[i]) if i in clashes else next(done) for i, (p, _) in enumerate(tasks)]
    result = BatchResult(outcomes, ranking(outcomes), skipped, jobs=jobs, city=shared, city_note=city_note)
    if previous is not None:
        from ecoscore.services.prev import compare, load_previous

        result.previous = compare(result.ranking, load_previous(Path(previous), rubric_id))
    if write_summary:
        from ecoscore.workbook.summary import write_summary as write

        target = summary or default_summary(files, paths)
        try:
            write(result, target)
            result.summary_path = target
        except EcoscoreError as err:
            result.summary_error = err
    return result


__all__ = [
    "SCORED_SUFFIX",
    "SUMMARY_NAME",
    "BatchResult",
    "Outcome",
    "RankRow",
    "expand",
    "is_batch",
    "plan",
    "ranking",
    "score_many",
    "skip_reason",
    "check_summary_path",
    "default_summary",
]
