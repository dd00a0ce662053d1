"""`ecoscore score` for one file, as a library function: read, validate, score, write the
scored workbook. (Many files: `services.batch`.) No typer or rich here; openpyxl only when a
workbook is read or written.
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from ecoscore import rubric as editions
from ecoscore.core.model import Report
from ecoscore.core.record import record
from ecoscore.services.load import load_input, score_input
from ecoscore.services.output import check_output_path, check_workbook_name, json_text, resolved, writing
from ecoscore.sources.inputs import InputData

if TYPE_CHECKING:  # only --self and a city batch load these
    from ecoscore.core.audit import Audit
    from ecoscore.core.city import CountyCity


@record(eq=False)
class Scored:
    """One scored input: what was read, the report, and where it was written."""

    data: InputData
    report: Report
    output: Path | None
    audit: Audit | None = None  # with --self: the 自评 against this (核定) report
    overwritten: bool = False  # the output existed before and was replaced (the terminal says 已覆盖)
    recoveries: list | None = None  # 失分挽回 (`scoring.recovery`), computed once for the workbook and the terminal
    notices: list = field(default_factory=list)  # the 失分清单 written with `notices_to` (`services.notices.Written`)

    def to_dict(self) -> dict:
        """The JSON report (`score --json`): the report, and with --self the differences and their reasons."""
        doc = self.report.to_dict()
        if self.audit is not None:
            doc["audit"] = self.audit.to_dict()
        return doc


def scored_path(source: Path) -> Path:
    """`input.xlsx` → `input.scored.xlsx` beside it (JSON inputs too: `a.json` → `a.scored.xlsx`)."""
    return source.with_name(f"{source.stem}.scored.xlsx")


def report_json(report: Report) -> str:
    return json_text(report.to_dict())


def score_file(
    path: str | Path,
    *,
    output: str | Path | None = None,
    workbook: bool = True,
    rubric_id: str | None = None,
    self_path: str | Path | None = None,
    city: CountyCity | None = None,
    data: InputData | None = None,
    recover: bool = False,
    notices_to: Path | None = None,
) -> Scored:
    """Read, validate and score one input; write its scored workbook unless `workbook` is False.

    The edition is the one for the input's 考核年度, or the one `rubric_id` names (`services.basis`).
    With `self_path` (the county's 自评) the input is the city's 核定: the 自评 is scored on the
    same edition, set as `report.self_report`, and the differences (`services.audit`) are
    returned and written as the 核定差异 sheet.
    `recover`: also return the 失分挽回 (always computed when the workbook is written);
    `notices_to`: write a 失分清单 per responsible unit with losses into that folder.
    `city`: the figures its city batch derived for it (`services.city`); `data`: the input as
    the batch already read it from `path` (read here when None)."""
    source = Path(path)
    out = None
    if notices_to is not None:
        from ecoscore.services import notices

        notices.check_folder(Path(notices_to))
    if workbook:
        out = Path(output) if output else scored_path(source)
        check_output_path(out, source)
        if self_path is not None:  # the 自评 file is an input too: never overwritten
            check_output_path(out, Path(self_path))
        check_workbook_name(out)
    data = data if data is not None else load_input(source)
    report = score_input(data, rubric_id=rubric_id, city=city)
    rubric = editions.of(report.rubric)
    found = None
    if self_path is not None:
        from ecoscore.services.audit import audit, load_self
        from ecoscore.services.diff_rows import Side

        audited = Side(data, report)
        mine = load_self(self_path, audited, source)
        report.self_report = mine.report
        found = audit(mine, audited, self_name=Path(self_path).name, name=source.name)

    found_recoveries = None
    if out is not None or recover or notices_to is not None:
        from ecoscore.scoring.recovery import recoveries

        found_recoveries = recoveries(report, rubric)
    overwritten = False
    if out is not None:
        from ecoscore.workbook.scored import write_scored

        # 缺项 links point at the input relative to the output's folder, so they work with -o too.
        link = os.path.relpath(resolved(source), resolved(out).parent)
        overwritten = out.exists()  # decided before the write: afterwards it always exists
        with writing(out):
            write_scored(
                report,
                out,
                county=report.county,
                year=report.year,
                input_name=link,
                locations=data.locations,
                rubric=rubric,
                audit=found,
                recoveries=found_recoveries,
            )
    written = []
    if notices_to is not None:
        written = notices.write_notices(report, Path(notices_to), source, found_recoveries)
    return Scored(data, report, out, found, overwritten, found_recoveries, written)
