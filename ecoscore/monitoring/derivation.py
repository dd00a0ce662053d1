"""What deriving figures from monitoring data found (`Derivation`): the figures, which filled a
blank, which differ from the typed ones, which are provisional, the mid-year view; and its JSON."""

from __future__ import annotations

import datetime
from dataclasses import field
from decimal import Decimal

from ecoscore.core import fields
from ecoscore.core.fields import section_of_key
from ecoscore.core.model import Problem, json_number, json_value
from ecoscore.core.record import record
from ecoscore.monitoring.indicators import DEFAULT_SPECIAL_PERIODS, AirYear, SectionQuality


def section_key(name: str) -> str:
    """The field code of a section's 本年类别, the one column monitoring data derive."""
    return fields.section_key(name, "cur")


def as_of_text(day: datetime.date) -> str:
    return f"截至{day.month}月{day.day}日"


@record(frozen=True)
class Difference:
    """A typed figure that differs from the one derived from data (the typed one is used)."""

    key: str
    label: str
    typed: object
    derived: object

    @property
    def delta(self) -> Decimal | None:
        """typed − derived for numbers; None for water classes."""
        if isinstance(self.typed, (Decimal, int)) and isinstance(self.derived, (Decimal, int)):
            return Decimal(self.typed) - Decimal(self.derived)
        return None


@record
class MidYear:
    """The assessment year's air data stop at `as_of`. `projection` completes the year with the
    previous year's rows of the later month-days (None when there are none); `values` are its
    figures and `fill` the ones scored in the projection (blank in the input). `total` and
    `provisional` are set once the projection has been scored."""

    as_of: datetime.date
    current: AirYear
    projection: AirYear | None
    borrowed_days: int
    values: dict = field(default_factory=dict)
    fill: dict = field(default_factory=dict)
    total: Decimal | None = None
    provisional: bool = False
    unscored_points: Decimal | None = None

    @property
    def label(self) -> str:
        return as_of_text(self.as_of)

    @property
    def projection_label(self) -> str:
        start = self.as_of + datetime.timedelta(days=1)
        return (
            f"预测：{self.label}的实测数据，加上{self.as_of.year - 1}年{start.month}月{start.day}日—12月31日"
            f"的日数据（{self.borrowed_days} 天）补齐全年，仅供参考"
        )


@record
class Derivation:
    year: int
    derived: dict = field(default_factory=dict)
    filled: dict = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    provisional: dict = field(default_factory=dict)  # key → why it was not used
    problems: list[Problem] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)  # the section rows, blank 本年类别 filled
    current: AirYear | None = None
    previous: AirYear | None = None
    special_periods: str = DEFAULT_SPECIAL_PERIODS
    special_periods_default: bool = False
    water: dict[str, SectionQuality] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)  # section name → 国考/省考 as typed
    notes: list[str] = field(default_factory=list)
    mid_year: MidYear | None = None

    @property
    def value_fills(self) -> dict:
        """The filled field values (section classes are filled into `sections` instead)."""
        return {key: value for key, value in self.filled.items() if section_of_key(key) is None}

    def to_dict(self) -> dict:
        """The report's `monitoring` member (JSON-safe)."""
        mid = self.mid_year
        return {
            "filled": list(self.filled),
            "differences": [
                {"key": d.key, "typed": json_value(d.typed), "derived": json_value(d.derived)} for d in self.differences
            ],
            "provisional": dict(self.provisional),
            "notes": list(self.notes),
            "as_of": mid.as_of.isoformat() if mid else None,
            "projection": None
            if mid is None or mid.projection is None
            else {
                "label": mid.projection_label,
                "borrowed_days": mid.borrowed_days,
                "values": {k: json_value(v) for k, v in mid.values.items()},
                "filled": list(mid.fill),
                "total": json_number(mid.total),
                "provisional": mid.provisional,
            },
        }
