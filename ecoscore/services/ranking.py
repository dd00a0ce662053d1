"""The batch's ranking: scored counties by total, equal totals sharing a rank (1, 1, 3)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ecoscore.core.kit import round2
from ecoscore.core.model import Line


@dataclass(frozen=True)
class RankRow:
    """One scored county in the ranking (competition ranking: 1, 1, 3 on equal totals)."""

    rank: int
    index: int  # position in BatchResult.outcomes
    county: str
    year: int | None
    label: str  # the county, with the file name added when two rows would read the same
    total: Decimal  # rounded to two decimals, as shown; the ranking compares these
    provisional: bool
    unscored: int  # items left unscored for missing data
    sections: tuple  # SectionTotal per rubric section (`scoring.totals`)
    bonus: Decimal
    penalty: Decimal
    losses: tuple[tuple[str, Line], ...]  # (item name, line), largest first
    path: Path
    output: Path | None


def ranking(outcomes: list) -> list[RankRow]:
    """Scored outcomes by total, highest first; equal (two-decimal) totals share a rank and keep
    input order; the next rank skips the shared places (1, 1, 3)."""

    scored = sorted(
        ((round2(o.standing.total), i, o) for i, o in enumerate(outcomes) if o.ok), key=lambda t: (-t[0], t[1])
    )
    names = Counter(o.standing.county for _, _, o in scored)
    years = {o.standing.year for _, _, o in scored}
    rows: list[RankRow] = []
    for pos, (total, i, o) in enumerate(scored):
        r = o.standing
        rank = rows[-1].rank if rows and rows[-1].total == total else pos + 1
        label = r.county if names[r.county] == 1 else f"{r.county}（{o.path.name}）"
        if len(years) > 1:  # a ranking across years is no ranking: each row says its year
            label += f"（{r.year or '年度不详'}年）"
        if r.basis:
            label += f"（{r.basis}）"
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
            )
        )
    return rows
