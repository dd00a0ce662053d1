"""Score many inputs in one go: expand files and folders, score each as `services.score.score_file` does,
rank the counties and write the summary workbook (汇总.xlsx).

Pure orchestration: no typer, no rich; openpyxl only through `score_file` and the summary
writer, both imported when needed. A bad file never stops the batch: its error is kept in its
`Outcome` and the others are scored. With `jobs` > 1 the files are scored in worker processes;
results come back in input order and are the same as serial scoring.

Memory does not grow with the number of files beyond a few numbers per county: each county's
`Standing` is spooled to a private temporary file as it arrives (`services.spool`, `batch_pool`), the
ranking is a sequence that reads its rows back from there (`ranking.Ranking`), and the spool is removed
by `BatchResult.close()`, when the result is collected, at exit, or at once on an error or Ctrl+C.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import field
from pathlib import Path

from ecoscore.core.model import EcoscoreError, InputError, UsageProblem
from ecoscore.core.record import record
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
from ecoscore.services.batch_pool import Progress, score_all
from ecoscore.services.city import OFF_NOTE, CityBatch, collect, kept_path, settle
from ecoscore.services.outcome import InternalFailure, Outcome
from ecoscore.services.output import is_same_path
from ecoscore.services.ranking import Ranking, RankRow, city_average, lights, ranking
from ecoscore.services.spool import Spool
from ecoscore.services.standing import Standing, standing

POOL_THRESHOLD = 8  # fewer files than this are scored in this process: a pool costs more than it saves


@record
class BatchResult:
    outcomes: list[Outcome]
    ranking: Ranking = field(default_factory=Ranking)  # in rank order; each row read from the spool when asked
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it was not scored)
    summary_path: Path | None = None  # None when no summary was asked for or it could not be written
    summary_error: EcoscoreError | None = None
    jobs: int = 1
    city: CityBatch | None = None  # the figures derived across the counties (services.city); None when not
    city_note: str = ""  # why they were not derived (one line), "" when they were
    previous: object | None = None  # `prev.Comparison` with last year's totals, when --prev is given
    spool: Spool | None = field(default=None, repr=False)  # where the Standings wait; removed by `close`

    def close(self) -> None:
        """Remove the spooled Standings (also done when the result is garbage-collected or Python exits);
        the rows and the outcomes' standings cannot be read after."""
        if self.spool is not None:
            self.spool.close()

    def __enter__(self) -> BatchResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def finals(self) -> Ranking:
        """The ranked counties (final scores)."""
        return self.ranking.finals

    @property
    def provisionals(self) -> Ranking:
        """The counties with a provisional score, listed after the ranked ones without a rank."""
        return self.ranking.provisionals

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
        ranks = {r.index: r.rank for r in lights(self.ranking)}
        return {
            "files": [o.to_dict(ranks.get(i)) for i, o in enumerate(self.outcomes)],
            "summary": str(self.summary_path) if self.summary_path else None,
            "city": self.city.to_dict() if self.city else None,  # the cross-county figures (services.city)
            "city_note": self.city_note or None,
            "exit_code": self.exit_code,
        }


def default_jobs(n_files: int) -> int:
    return 1 if n_files < POOL_THRESHOLD else max(1, min(2, os.cpu_count() or 1))


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
    spool = Spool()  # each county's Standing, and its share of the city figures, wait here (services.spool)
    try:
        with tempfile.TemporaryDirectory(prefix="ecoscore-") as keep:  # each input read once (services.city)
            shared, city_note, kept = None, OFF_NOTE, None
            if city:
                reads = collect([t[0] for t in todo], jobs, rubric_id, Path(keep))
                kept = [r.kept is not None for r in reads]  # its path is kept_path(keep, i)
                shared, city_note = settle(reads, spool)
                del reads  # the city records: only the figures derived from them are needed from here

            def task(k: int) -> tuple:
                if kept is None:
                    return todo[k]
                return (*todo[k], shared and shared.counties.get(k), kept[k] and kept_path(Path(keep), k) or None)

            done = iter(score_all(len(todo), task, jobs, progress, spool))
            outcomes = [Outcome(p, error=clashes[i]) if i in clashes else next(done) for i, (p, _) in enumerate(tasks)]
        result = BatchResult(
            outcomes, ranking(outcomes), skipped, jobs=jobs, city=shared, city_note=city_note, spool=spool
        )
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
    except BaseException:
        spool.close()
        raise
    return result


__all__ = [
    "SCORED_SUFFIX",
    "SUMMARY_NAME",
    "BatchResult",
    "InternalFailure",
    "Outcome",
    "Progress",
    "RankRow",
    "Ranking",
    "Standing",
    "expand",
    "is_batch",
    "plan",
    "ranking",
    "score_many",
    "skip_reason",
    "standing",
    "check_summary_path",
    "default_summary",
]
