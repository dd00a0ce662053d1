"""Scoring a batch's files one by one, in this process or in worker processes (`score_all`).

Each file's Standing goes to the batch's spool as it arrives (`services.spool`), so the main process
keeps per county only its `Outcome` (paths, `Brief`, offset). With workers, only a few files are in
flight at a time: the tasks not yet sent, and the results already taken, hold nothing in memory.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

from ecoscore.core.city import CountyCity
from ecoscore.core.interrupt import raise_if_interrupted
from ecoscore.core.model import EcoscoreError
from ecoscore.services.city import kept_input
from ecoscore.services.outcome import InternalFailure, Outcome
from ecoscore.services.spool import Spool
from ecoscore.services.standing import brief_of, pack, standing

Progress = Callable[[int, int, Outcome], None]  # (files done, files in all, the outcome just finished)
IN_FLIGHT = 4  # tasks per worker sent ahead: enough to keep it busy, few enough to hold nothing


def score_one(
    path: Path,
    output: Path,
    rubric_id: str | None = None,
    report_to: Path | None = None,
    city: CountyCity | None = None,
    kept: Path | None = None,
) -> tuple:
    """Score one file (as phase 1 read and `kept` it, if it did); never raises. Returns plain
    picklable parts: the output, the Standing's `Brief` and the Standing packed for the spool (bytes:
    the main process writes them as they are), or the error's parts (an EcoscoreError does not survive
    pickling, as its constructor takes other arguments than it stores). `report_to`: write the
    report's JSON (as `score --json` would) there, so it need not be kept or sent back."""
    from ecoscore.services import score as app

    try:
        scored = app.score_file(path, output=output, rubric_id=rubric_id, city=city, data=kept_input(kept))
        if report_to is not None:
            report_to.write_text(app.report_json(scored.report), encoding="utf-8")
        kept_standing = standing(scored.report)
        return scored.output, brief_of(kept_standing), pack(kept_standing), None, report_to
    except EcoscoreError as err:
        return None, None, None, (type(err), err.message, err.problems, ""), None
    except Exception as exc:  # noqa: BLE001  a bug of ours must not cost the other counties their scores
        raise_if_interrupted(exc)
        failure = (InternalFailure, f"内部错误：{type(exc).__name__}: {exc}", [], traceback.format_exc())
        return None, None, None, failure, None


def outcome(parts: tuple, args: tuple, spool: Spool) -> Outcome:
    """The Outcome of `score_one`'s parts for the task `args` (its Standing written to `spool`). The
    paths are the task's own objects, not the worker's copies: one path object less per county."""
    scored_output, brief, blob, err, report_file = parts
    path, output, report_to = args[0], args[1], args[3] if len(args) > 3 else None
    if err is None:
        out = output if scored_output == output else scored_output
        report = report_to if report_file is not None and report_file == report_to else report_file
        return Outcome(path, out, report_file=report, brief=brief, spool=spool, offset=spool.put_bytes(blob))
    cls, message, problems, detail = err
    error = cls.__new__(cls)  # not cls(...): the constructors differ (InputError takes the problems first)
    Exception.__init__(error, message)
    error.message, error.problems, error.detail = message, list(problems), detail
    return Outcome(path, error=error)


def score_all(
    total: int, task: Callable[[int], tuple], jobs: int, progress: Progress | None, spool: Spool
) -> list[Outcome]:
    """The outcome of each of `total` tasks, in task order; `task(i)` gives `score_one`'s arguments
    for the i-th (asked for just before it is scored, so the tasks need not all be held at once)."""
    results: list[Outcome | None] = [None] * total
    if jobs <= 1:
        for i in range(total):
            args = task(i)
            results[i] = outcome(score_one(*args), args, spool)
            if progress:
                progress(i + 1, total, results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    import ecoscore.scoring.engine  # noqa: F401  loaded before the workers fork, so they need not import it again
    import ecoscore.workbook  # noqa: F401
    import ecoscore.workbook.ooxml.package  # noqa: F401  (the xlsx writer)

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        todo = iter(range(total))
        running: dict = {}

        def send() -> None:
            i = next(todo, None)
            if i is not None:
                args = task(i)
                running[pool.submit(score_one, *args)] = (i, args)

        try:
            for _ in range(jobs * IN_FLIGHT):
                send()
            done = 0
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i, args = running.pop(fut)
                    results[i] = outcome(fut.result(), args, spool)
                    done += 1
                    if progress:
                        progress(done, total, results[i])  # type: ignore[arg-type]
                    send()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return results  # type: ignore[return-value]
