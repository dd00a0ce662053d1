"""Figures a city batch derives across its counties (docs/spec/decisions.md#d-batch): the plain
data an edition's city rules read and return, and what each county's report shows of them.

An edition's rules (`Rubric.city_rules`) read one `CountyRecord` per county and return a
`CityFigures`; `ecoscore.services.city` meets each derived figure with the county's typed one
(a typed figure wins, the difference is shown) and hands the county its `CountyCity`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from decimal import Decimal

from ecoscore.core.fields import WaterSection
from ecoscore.core.record import record


@record(frozen=True)
class CountyRecord:
    """The few typed values of one county the city rules read (blank or unreadable: None)."""

    index: int  # the county's position in the batch
    county: str
    values: Mapping[str, object]
    sections: tuple[WaterSection, ...] | None  # None when the 断面水质 table is incomplete or wrong


@record(frozen=True)
class Derived:
    """One figure derived for one county, with how it was found (Chinese, for the reader)."""

    value: object
    basis: str


@record(frozen=True)
class CityFigure:
    """A batch figure as one county's report shows it: the value used, the derived and the typed one."""

    key: str
    label: str
    used: object
    derived: object
    typed: object  # None when the field was blank (the derived value filled it)
    basis: str

    @property
    def differs(self) -> bool:
        return self.typed is not None and not same(self.typed, self.derived)

    @property
    def delta(self) -> Decimal | None:
        """typed − derived for numbers that differ; None otherwise."""
        if not self.differs or isinstance(self.typed, bool) or isinstance(self.derived, bool):
            return None
        if isinstance(self.typed, (Decimal, int)) and isinstance(self.derived, (Decimal, int)):
            return Decimal(self.typed) - Decimal(self.derived)
        return None

    def to_dict(self, plain: Callable[[object], object]) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "used": plain(self.used),
            "derived": plain(self.derived),
            "typed": plain(self.typed),
            "differs": self.differs,
            "basis": self.basis,
        }


def same(typed: object, derived: object) -> bool:
    """Equal at the typed figure's precision: a typed 3.9 matches a derived 3.85 (half-up)."""
    if isinstance(typed, bool) or isinstance(derived, bool):
        return typed == derived
    if isinstance(typed, (Decimal, int)) and isinstance(derived, (Decimal, int)):
        typed, derived = Decimal(typed), Decimal(derived)
        places = max(0, -int(typed.normalize().as_tuple().exponent))
        return derived.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP") == typed
    return typed == derived


@record
class CountyCity:
    """What one county receives from the batch: blank fields filled, the figures shown, 提示."""

    fill: dict = field(default_factory=dict)
    figures: list[CityFigure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counties: int = 0  # how many counties the batch derived the figures from


@record
class CityFigures:
    """What an edition's city rules found for a batch.

    `derived[index][key]` is each county's derived figure; `columns`/`rows` the per-county
    inputs and results for the city sheet (one row per county, in batch order, values already
    display-ready: Decimal, int, bool, str or None); `averages` the city-wide figures as
    (label, value, basis); `method` short lines saying how each figure is found; `notes` 提示
    for the whole batch with the indices of the counties each concerns."""

    derived: dict[int, dict[str, Derived]] = field(default_factory=dict)
    columns: tuple[str, ...] = ()
    rows: list[tuple] = field(default_factory=list)
    average_row: tuple = ()
    method: list[str] = field(default_factory=list)
    notes: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)

    def to_dict(self, plain: Callable[[object], object]) -> dict:
        return {
            "columns": list(self.columns),
            "rows": [[plain(v) for v in row] for row in self.rows],
            "average": [plain(v) for v in self.average_row],
            "method": list(self.method),
            "notes": [text for text, _ in self.notes],
        }


@record(frozen=True)
class CityRules:
    """An edition's cross-county rules: the keys each county's record holds, and the rules."""

    reads: tuple[str, ...]
    derive: Callable[[list[CountyRecord]], CityFigures]
