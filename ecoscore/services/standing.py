"""What a batch keeps of each scored county (`Standing`): enough for the ranking, the summary
workbook and --json, and no more; in a batch it waits on disk (`pack`, `services.spool`) and only its
`Brief` stays in memory."""

from __future__ import annotations

import pickle
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from ecoscore import rubric as editions
from ecoscore.core.model import Line, Report
from ecoscore.core.record import record
from ecoscore.scoring.totals import largest_losses, section_totals

TOP_LOSSES = 3  # largest losses per county in the ranking and the summary workbook


@record(frozen=True)
class Standing:
    """What the ranking, the summary workbook and --json keep of one scored county. The report
    itself is dropped once its workbook is written (a worker sends only this back, packed), and the
    batch writes it to its spool: a Standing is a few hundred numbers (one score per item), read
    back when a summary sheet asks for its county's row."""

    county: str
    year: int | None
    rubric: str  # the edition's id
    total: Decimal
    provisional: bool
    unscored: int  # items left unscored for missing data
    sections: tuple  # SectionTotal per rubric section the report holds (`scoring.totals`)
    bonus: Decimal
    penalty: Decimal
    losses: tuple[tuple[str, Line], ...]  # (item name, line), largest first
    basis: str | None = None  # "按《…》口径测算" when scored on another year's edition
    scores: tuple[tuple[str, Decimal | None], ...] = ()  # (item id, score; None: unscored), report order
    unscored_points: Decimal = Decimal(0)  # the points of the unscored items

    @property
    def scored_points(self) -> Decimal:
        """The points the total is out of: all the items' points less the unscored ones'."""
        return sum((t.item_points for t in self.sections), Decimal(0)) - self.unscored_points


def standing(report: Report, top: int = TOP_LOSSES) -> Standing:
    return Standing(
        report.county,
        report.year,
        report.rubric,
        report.total,
        report.provisional,
        sum(1 for it in report.items if it.score is None),
        tuple(t for t in section_totals(report, editions.of(report.rubric)) if t.size),
        report.bonus.score,
        report.penalty.score,
        tuple(largest_losses(report, top)),
        report.basis,
        tuple((it.id, it.score) for it in report.items),
        report.unscored_points,
    )


class Brief(NamedTuple):
    """What a batch keeps in memory of one scored county, all the ranking needs: the rest of its
    `Standing` waits on disk (`services.spool`) until a summary sheet, --json or the terminal reads it."""

    county: str
    year: int | None
    total: Decimal
    provisional: bool


def brief_of(s: Standing) -> Brief:
    return Brief(s.county, s.year, s.total, s.provisional)


def pack(s: Standing) -> bytes:
    """`s` pickled for the spool, each section named by its id: the rubric's sections (their items,
    names and texts) are not written once per county, and come back as this process's own objects."""
    sections = tuple(t._replace(section=t.section.id) for t in s.sections)
    return pickle.dumps(replace(s, sections=sections), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(record: Standing) -> Standing:
    """A spooled Standing (as `pack` wrote it, unpickled) with its sections pointing at the rubric's."""
    rubric = editions.of(record.rubric)
    return replace(record, sections=tuple(t._replace(section=rubric.section(t.section)) for t in record.sections))
