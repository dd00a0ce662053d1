"""Last year's totals for the batch's 比上年 (`score … --prev 上年文件夹`, docs/spec/decisions.md#dev-city-prev).

The folder may hold last year's input workbooks, JSON inputs, scored workbooks (their 填报数据 sheet is
scored again), `score --json` reports or a batch's `--json`. Inputs are scored on their own year's
edition, no workbook written; a year without one is scored on the `--rubric` edition when it is
given (labelled), else that file is listed as not read. Counties are matched by name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import field
from decimal import Decimal
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.kit import round2
from ecoscore.core.model import EcoscoreError, UsageProblem
from ecoscore.core.record import record
from ecoscore.services.batch_inputs import INPUT_SUFFIXES, SCORED_SUFFIX, SUMMARY_NAME
from ecoscore.services.ranking import lights


@record(frozen=True)
class LastYear:
    county: str
    year: int | None
    total: Decimal
    provisional: bool
    path: Path
    basis: str = ""  # "按《…》口径测算" when scored on another year's edition


@record
class Previous:
    folder: Path
    counties: dict[str, LastYear] = field(default_factory=dict)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it was not read)
    repeated: list[tuple[str, Path]] = field(default_factory=list)  # (county, a later file not used)


@record(frozen=True)
class Change:
    last: LastYear
    delta: Decimal  # this year's total − last year's, both as shown (two decimals)


@record
class Comparison:
    previous: Previous
    changes: dict[int, Change]  # by RankRow.index
    unmatched: list[str]  # this year's counties with nothing from last year
    unused: list[str]  # last year's counties not in this batch


def check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise UsageProblem(f"--prev 应指定上年的文件夹（放上年各县的工作簿或 JSON），“{folder}”不是文件夹")


def candidates(folder: Path) -> list[Path]:
    """The folder's input-like files by name; a scored workbook only when its input is not there too
    (both would give the same county)."""
    files = sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file()
            and p.suffix.lower() in INPUT_SUFFIXES
            and not p.name.startswith(("~$", "."))
            and p.name != SUMMARY_NAME
        ),
        key=lambda p: p.name,
    )
    names = {p.name.lower() for p in files}
    out = []
    for p in files:
        if p.name.lower().endswith(SCORED_SUFFIX):
            stem = p.name[: -len(SCORED_SUFFIX)].lower()
            if any(f"{stem}{ext}" in names for ext in (".xlsx", ".xlsm", ".json")):
                continue
        out.append(p)
    return out


def load_previous(folder: Path, rubric_id: str | None = None) -> Previous:
    prev = Previous(folder)
    for path in candidates(folder):
        try:
            found = read_one(path, rubric_id)
        except EcoscoreError as err:
            first = err.problems[0].message if err.problems else ""
            prev.failed.append((path, err.message + (f"：{first}" if first and first not in err.message else "")))
            continue
        if not found:
            prev.failed.append((path, "文件中没有已评分的县（市、区）"))
        for last in found:
            if last.county in prev.counties:
                prev.repeated.append((last.county, path))
            else:
                prev.counties[last.county] = last
    return prev


def read_one(path: Path, rubric_id: str | None) -> list[LastYear]:
    if path.suffix.lower() == ".json":
        doc = _json(path)
        if isinstance(doc, dict) and isinstance(doc.get("files"), list):  # a batch's --json
            return [_from_report(f.get("report") or f, path) for f in doc["files"] if _scored_entry(f)]
        if isinstance(doc, dict) and "items" in doc and "total" in doc:  # a `score --json` report
            return [_from_report(doc, path)]
    return [_scored(path, rubric_id)]


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None  # the input reader says what is wrong with it


def _scored_entry(entry: object) -> bool:
    return isinstance(entry, dict) and bool(entry.get("ok")) and entry.get("total") is not None


def _from_report(doc: dict, path: Path) -> LastYear:
    year = doc.get("year")
    return LastYear(
        str(doc.get("county") or "").strip(),
        year if isinstance(year, int) else None,
        Decimal(str(doc["total"])),
        bool(doc.get("provisional")),
        path,
        str(doc.get("basis") or ""),
    )


def _scored(path: Path, rubric_id: str | None) -> LastYear:
    from ecoscore.services.load import read_side, score_input

    data = read_side(path)
    own = data.year is not None and editions.for_year(data.year) is not None
    report = score_input(data, rubric_id=None if own or data.year is None else rubric_id)
    return LastYear(report.county.strip(), report.year, report.total, report.provisional, path, report.basis)


def compare(rows: Sequence, prev: Previous) -> Comparison:
    """Each ranked county's change against last year's total of the same name (`rows`: RankRows or a
    `Ranking`, read from memory without its Standings)."""
    rows = list(lights(rows))
    changes, unmatched = {}, []
    for row in rows:
        last = prev.counties.get(row.county.strip())
        if last is None:
            unmatched.append(row.county)
        else:
            changes[row.index] = Change(last, round2(row.total) - round2(last.total))
    seen = {row.county.strip() for row in rows}
    unused = [name for name in prev.counties if name not in seen]
    return Comparison(prev, changes, unmatched, unused)
