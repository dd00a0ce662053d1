"""The batch's ranking (docs/spec/decisions.md#dev-city-ranking): the counties with a final score
by total, equal totals sharing a rank (1, 1, 3); then the provisional ones (some item unscored for
missing data), by total too, with no rank number: a total with points still open is not
comparable with a final one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import overload

from ecoscore.core.kit import round2
from ecoscore.core.model import Line
from ecoscore.core.record import record

FULL_MARKS = Decimal(100)  # a county's 满分: the 39 items' points (bonus and penalty come on top)


@record(frozen=True)
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


@record(frozen=True, slots=True)
class Place:
    """A ranked county as the ranking keeps it in memory: its rank, its outcome's position and its label."""

    rank: int | None
    index: int
    label: str


@record(frozen=True, slots=True)
class Light:
    """A ranked county's figures read without its Standing (the city average, --prev)."""

    rank: int | None
    index: int
    county: str
    label: str
    total: Decimal  # rounded to two decimals, as `RankRow.total`


class Ranking(Sequence):
    """The ranked counties in rank order (`ranking`), each `RankRow` built when asked from its outcome,
    whose Standing may wait on disk (`services.spool`): iterating reads them one at a time, as often as
    a caller iterates (once per summary sheet), so only the `Place`s stay in memory."""

    def __init__(self, outcomes: Sequence = (), places: Sequence[Place] = (), finals: int | None = None):
        self._outcomes = outcomes
        self._places = places
        self._finals = sum(1 for p in places if p.rank is not None) if finals is None else finals

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, i: int) -> RankRow: ...
    @overload
    def __getitem__(self, i: slice) -> Ranking: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            part = self._places[i]
            return Ranking(self._outcomes, part)
        return self._row(self._places[i])

    def __iter__(self) -> Iterator[RankRow]:
        for place in self._places:
            yield self._row(place)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __repr__(self) -> str:
        return f"Ranking({len(self)} counties, {self._finals} ranked)"

    @property
    def finals(self) -> Ranking:
        """The ranked counties (final scores): the ranking's head."""
        return Ranking(self._outcomes, self._places[: self._finals], self._finals)

    @property
    def provisionals(self) -> Ranking:
        """The counties with a provisional score, after the ranked ones, without a rank."""
        return Ranking(self._outcomes, self._places[self._finals :], 0)

    def lights(self) -> Iterator[Light]:
        """Each county's rank, index, name, label and rounded total, without reading its Standing."""
        for p in self._places:
            b = self._outcomes[p.index].brief
            yield Light(p.rank, p.index, b.county, p.label, round2(b.total))

    def _row(self, place: Place) -> RankRow:
        rank, i, label = place.rank, place.index, place.label
        o = self._outcomes[i]
        r = o.standing
        return RankRow(
            rank,
            i,
            r.county,
            r.year,
            label,
            round2(r.total),
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


def ranking(outcomes: Sequence) -> Ranking:
    """Final scores by total, highest first, equal (two-decimal) totals sharing a rank and keeping
    input order, the next rank skipping the shared places (1, 1, 3); then the provisional scores,
    by total, without a rank. Reads only each outcome's `brief` (county, year, total, provisional)."""
    scored = sorted(
        ((o.brief.provisional, round2(o.brief.total), i) for i, o in enumerate(outcomes) if o.ok),
        key=lambda t: (t[0], -t[1], t[2]),
    )
    names = Counter(outcomes[i].brief.county for *_, i in scored)
    years = {outcomes[i].brief.year for *_, i in scored}
    places: list[Place] = []
    last: Decimal | None = None
    for pos, (provisional, total, i) in enumerate(scored):
        b = outcomes[i].brief
        if provisional:
            rank = None
        else:
            rank = places[-1].rank if places and last == total else pos + 1
        last = total
        label = b.county if names[b.county] == 1 else f"{b.county}（{outcomes[i].path.name}）"
        if len(years) > 1:  # a ranking across years is no ranking: each row says its year
            label += f"（{b.year or '年度不详'}年）"
        places.append(Place(rank, i, label))
    return Ranking(outcomes, places)


def final_rows(rows: Sequence) -> Sequence:
    if isinstance(rows, Ranking):
        return rows.finals
    return [r for r in rows if r.rank is not None]


def provisional_rows(rows: Sequence) -> Sequence:
    if isinstance(rows, Ranking):
        return rows.provisionals
    return [r for r in rows if r.rank is None]


def lights(rows: Sequence) -> Iterable:
    """Each row's rank, index, county, label and total: from memory for a `Ranking`, else the rows."""
    return rows.lights() if isinstance(rows, Ranking) else rows


def city_average(rows: Sequence) -> tuple[Decimal, Decimal] | None:
    """(mean total, mean 得分率) of the final scores; None when there is none. Exact: the caller rounds."""
    count, total, rate = 0, Decimal(0), Decimal(0)
    for r in lights(rows):  # one pass, nothing kept: a Ranking's from memory, other rows as they come
        if r.rank is not None:
            count, total, rate = count + 1, total + r.total, rate + r.total / FULL_MARKS
    if not count:
        return None
    return total / count, rate / count
