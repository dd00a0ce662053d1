"""The batch's ranking (docs/spec/decisions.md#dev-city-ranking): the counties with a final score
by total, equal totals sharing a rank (1, 1, 3); then the provisional ones (some item unscored for
missing data), by total too, with no rank number: a total with points still open is not
comparable with a final one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ecoscore.core.kit import round2
from ecoscore.core.model import Line

FULL_MARKS = Decimal(100)  # a county's 满分: the 39 items' points (bonus and penalty come on top)


@dataclass(frozen=True)
class RankRow:
    """One scored county: `rank` is None for a provisional one (listed after the ranked ones)."""

    rank: int | None
    index: int  # position in BatchResult.outcomes
    county: str
    year: int | None
    label: str  # the county, with the file name added when two rows would read the same (the basis: `basis`)
    total: Decimal  # rounded to two decimals, as shown; the ranking compares these
    provisional: bool
    unscored: int  # items left unscored for missing data
    sections: tuple  # SectionTotal per rubric section (`scoring.totals`)
    bonus: Decimal
    penalty: Decimal
    losses: tuple[tuple[str, Line], ...]  # (item name, line), largest first
    path: Path
    output: Path | None
    unscored_points: Decimal = Decimal(0)
    scored_points: Decimal = FULL_MARKS  # what the total is out of (100 less the unscored points)
    scores: tuple[tuple[str, Decimal | None], ...] = ()  # (item id, score or None)
    basis: str | None = None

    @property
    def rate(self) -> Decimal | None:
        """得分率: total ÷ the points scored (100 when final; may pass 1 with the bonus)."""
        return self.total / self.scored_points if self.scored_points else None


def ranking(outcomes: list) -> list[RankRow]:
    """Final scores by total, highest first, equal (two-decimal) totals sharing a rank and keeping
    input order, the next rank skipping the shared places (1, 1, 3); then the provisional scores,
    by total, without a rank."""
    scored = sorted(
        ((o.standing.provisional, round2(o.standing.total), i, o) for i, o in enumerate(outcomes) if o.ok),
        key=lambda t: (t[0], -t[1], t[2]),
    )
    names = Counter(o.standing.county for *_, o in scored)
    years = {o.standing.year for *_, o in scored}
    rows: list[RankRow] = []
    for pos, (provisional, total, i, o) in enumerate(scored):
        r = o.standing
        if provisional:
            rank = None
        else:
            rank = rows[-1].rank if rows and rows[-1].total == total else pos + 1
        label = r.county if names[r.county] == 1 else f"{r.county}（{o.path.name}）"
        if len(years) > 1:  # a ranking across years is no ranking: each row says its year
            label += f"（{r.year or '年度不详'}年）"
        rows.append(
            RankRow(
                rank,
                i,
                r.county,
                r.year,
                label,
                total,
                r.provisional,
                r.unscored,
                r.sections,
                r.bonus,
                r.penalty,
                r.losses,
                o.path,
                o.output,
                r.unscored_points,
                r.scored_points,
                r.scores,
                r.basis,
            )
        )
    return rows


def final_rows(rows: list[RankRow]) -> list[RankRow]:
    return [r for r in rows if r.rank is not None]


def provisional_rows(rows: list[RankRow]) -> list[RankRow]:
    return [r for r in rows if r.rank is None]


def city_average(rows: list[RankRow]) -> tuple[Decimal, Decimal] | None:
    """(mean total, mean 得分率) of the final scores; None when there is none. Exact: the caller rounds."""
    finals = final_rows(rows)
    if not finals:
        return None
    n = Decimal(len(finals))
    return sum((r.total for r in finals), Decimal(0)) / n, sum((r.total / FULL_MARKS for r in finals), Decimal(0)) / n
