"""The one place that adds a report up by section and finds its largest losses; the terminal,
the scored workbook and the batch ranking all ask here."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ecoscore.core.line import Line
from ecoscore.core.model import Report
from ecoscore.rubric import Rubric
from ecoscore.rubric.declare import Section

TOP_LOSSES = 10


class SectionTotal(NamedTuple):
    section: Section
    item_points: Decimal  # the points of its items in the report (the section's points when complete)
    score: Decimal  # of the scored items
    lost: Decimal  # of the scored items
    unscored: tuple[str, ...]  # ids of the items not scored (missing data)
    size: int  # how many of its items the report holds

    @property
    def incomplete(self) -> int:
        return len(self.unscored)


def section_totals(report: Report, rubric: Rubric) -> list[SectionTotal]:
    """Per section worth points, in rubric order (also a section none of whose items the report holds)."""
    out = []
    for sec in rubric.point_sections:
        its = [it for it in report.items if it.section == sec.id]
        scored = [(it.points, it.score) for it in its if it.score is not None]
        out.append(
            SectionTotal(
                sec,
                sum((it.points for it in its), Decimal(0)),
                sum((score for _, score in scored), Decimal(0)),
                sum((points - score for points, score in scored), Decimal(0)),
                tuple(it.id for it in its if it.score is None),
                len(its),
            )
        )
    return out


def lost_total(report: Report) -> Decimal:
    """Points lost by the scored items."""
    return sum((it.points - score for it in report.items if (score := it.score) is not None), Decimal(0))


def largest_losses(report: Report, n: int = TOP_LOSSES) -> list[tuple[str, Line]]:
    """The n sub-rule lines that cost most (item name, line), largest first; ties by rubric order."""
    lines = [(it.name, ln) for it in report.items if it.score is not None for ln in it.lines if ln.delta < 0]
    lines += [("扣分项", ln) for ln in report.penalty.lines if ln.delta < 0]
    return sorted(lines, key=lambda p: p[1].delta)[:n]
