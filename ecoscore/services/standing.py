"""What a batch keeps of each scored county (`Standing`): enough for the ranking, the summary
workbook and --json, and no more."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ecoscore import rubric as editions
from ecoscore.core.model import Line, Report
from ecoscore.scoring.totals import largest_losses, section_totals

TOP_LOSSES = 3  # largest losses per county in the ranking and the summary workbook


@dataclass(frozen=True)
class Standing:
    """What the ranking, the summary workbook and --json keep of one scored county. The report
    itself is dropped once its workbook is written (a worker sends only this back), so a batch's
    memory does not grow with the reports of the counties already scored: a Standing is a few
    hundred numbers (one score per item), not the report's lines and values."""

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


_SHARED: dict = {}  # one object per distinct figure, item id or tuple of ids, for all the counties of a batch
_SHARED_LIMIT = 200_000  # distinct values kept at most (scores repeat: 0.5, 1, 3 …; a bound all the same)


def _one(x):
    """`x`, or the equal value already kept (Decimals, strings and tuples are immutable: safe to share)."""
    if x is None:
        return None
    kept = _SHARED.get(x)
    if kept is None:
        if len(_SHARED) < _SHARED_LIMIT:
            _SHARED[x] = x
        return x
    return kept


def shared_sections(s: Standing) -> Standing:
    """`s` with its sections pointing at this process's rubric (a worker's come back as copies) and
    its figures and item ids shared with the other counties' equal ones: a batch of thousands keeps
    a few KB per county, not one Decimal object per item and county."""
    rubric = editions.of(s.rubric)
    sections = tuple(
        t._replace(
            section=rubric.section(t.section.id),
            item_points=_one(t.item_points),
            score=_one(t.score),
            lost=_one(t.lost),
            unscored=_one(tuple(map(_one, t.unscored))),
        )
        for t in s.sections
    )
    scores = tuple(_one((_one(i), _one(v))) for i, v in s.scores)
    return replace(s, sections=sections, scores=scores, unscored_points=_one(s.unscored_points))
