"""Plain data the engine produces and every front end (JSON, workbook, terminal) reads.

Errors are data too (frictionless-style): a `Problem` has a code, a location and a
Chinese message; they are collected and raised together as one `InputError`.
"""

from __future__ import annotations

from dataclasses import field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ecoscore.core.kit import floor_total
from ecoscore.core.line import Line
from ecoscore.core.record import record

if TYPE_CHECKING:  # annotations only: `ecoscore --help` need not build these classes
    from ecoscore.core.city import CityFigure
    from ecoscore.core.evidence import Evidence


@record(frozen=True)
class Location:
    """Where a value came from: a sheet and a cell, or a JSON path (sheet = "JSON")."""

    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet != "JSON" else self.cell


@record(frozen=True)
class Problem:
    """One thing wrong with the input. `code` is stable (see README), `message` is Chinese."""

    code: str
    message: str
    key: str | None = None
    value: object = None
    expected: str | None = None
    location: Location | None = None

    def text(self) -> str:
        where = f"{self.location} " if self.location else ""
        key = f"[{self.key}] " if self.key else ""
        return f"{where}{key}{self.message}"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "key": self.key,
            "location": str(self.location) if self.location else None,
            "value": None if self.value is None else str(self.value),
            "expected": self.expected,
            "message": self.message,
        }


class EcoscoreError(Exception):
    """An expected failure with a Chinese message and a documented exit code (see README)."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.message = message
        self.problems = list(problems or [])
        super().__init__(message)


class UsageProblem(EcoscoreError):
    """The command was called wrongly (a path that is a folder, an output equal to the input…)."""

    exit_code = 2


class FileProblem(EcoscoreError):
    """The input file cannot be read at all (missing, wrong format, encrypted, damaged…)."""

    exit_code = 3


class InputError(EcoscoreError):
    """The input cannot be scored; `problems` lists everything wrong, found in one pass."""

    exit_code = 4

    def __init__(self, problems: list[Problem], message: str | None = None, notes: list[str] | None = None):
        problems = list(problems)
        super().__init__(message or f"输入有 {len(problems)} 处错误，未评分", problems)
        self.notes = list(notes or [])  # 提示 that may explain the errors (e.g. another template version)


class OutputProblem(EcoscoreError):
    """The output cannot be written (open in Excel, folder not writable…); nothing half-written is left."""

    exit_code = 5


@record(frozen=True)
class Missing:
    """A blank required value (docs/spec/decisions.md#d7)."""

    key: str
    label: str
    location: Location | None = None

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "location": str(self.location) if self.location else None}


def json_number(x: Decimal | None) -> int | float | None:
    """Plain JSON number with at most two decimals (an int when whole)."""
    if x is None:
        return None
    q = x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if q == q.to_integral_value():
        return int(q)
    return float(q)


@record(eq=False)
class ItemResult:
    """One scored item of a report (results are compared by identity, never by value)."""

    id: str
    section: str
    name: str
    points: Decimal
    score: Decimal | None
    lines: list[Line] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "scored" if self.score is not None else "incomplete"

    @property
    def lost(self) -> Decimal | None:
        return None if self.score is None else self.points - self.score

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "section": self.section,
            "name": self.name,
            "points": json_number(self.points),
            "score": json_number(self.score),
            "status": self.status,
            "missing": [m.key for m in self.missing],
            "lines": [line_dict(ln) for ln in self.lines],
        }


def line_dict(ln: Line) -> dict:
    return {"rule": ln.rule, "delta": json_number(ln.display), "reason": ln.reason, "units": list(ln.units)}


@record(eq=False)
class GroupResult:
    """Bonus (B) or penalty (P): `score` is the positive amount added or taken."""

    id: str
    name: str
    score: Decimal
    lines: list[Line] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"score": json_number(self.score), "lines": [line_dict(ln) for ln in self.lines]}


@record(frozen=True)
class DerivedFigure:
    """A quantity computed once from the inputs and shown in the explanation."""

    key: str
    label: str
    value: object
    note: str = ""


@record(eq=False)
class Report:
    """Everything one scoring found: the items, bonus and penalty, and what they were scored from."""

    items: list[ItemResult]
    bonus: GroupResult
    penalty: GroupResult
    derived: list[DerivedFigure] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    sections: list = field(default_factory=list)
    locations: dict = field(default_factory=dict)
    rubric: str = ""  # the edition's id (`Rubric.id`), set by the engine
    county: str = ""
    year: int | None = None
    # "按《2021年…细则》口径测算" when scored on another year's edition at the user's request; "" otherwise
    basis: str = ""
    # the county's names for the rubric's units, as applied to the lines ({source name: county's name})
    unit_names: dict = field(default_factory=dict)
    # Figures computed from monitoring data (key → Decimal, int or a class name such as "Ⅱ")
    # and how they were used (an `ecoscore.monitoring.bridge.Derivation`); empty/None without such data.
    derived_values: dict = field(default_factory=dict)
    monitoring: object | None = None
    # Figures a city batch derived across its counties (全市平均、全市排名、全市第1名), with the
    # value used, the derived and the typed one and how each was found; empty outside a city batch.
    city: list[CityFigure] = field(default_factory=list)
    # 提示: what the reader should know that is neither an error nor a lost point (e.g. the
    # workbook was made with another template version)
    notes: list[str] = field(default_factory=list)
    # the self-assessment's report when this one is the city's 核定 (`score --self`); None otherwise
    self_report: Report | None = None
    # 佐证材料 by item id ("1".."39", "B", "P"), as the input names them
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return any(it.score is None for it in self.items)

    @property
    def unscored_points(self) -> Decimal:
        return sum((it.points for it in self.items if it.score is None), Decimal(0))

    @property
    def items_total(self) -> Decimal:
        return sum((it.score for it in self.items if it.score is not None), Decimal(0))

    @property
    def total(self) -> Decimal:
        return floor_total(self.items_total + self.bonus.score - self.penalty.score)

    @property
    def missing(self) -> list[Missing]:
        seen: dict[str, Missing] = {}
        for it in self.items:
            for m in it.missing:
                seen.setdefault(m.key, m)
        return list(seen.values())

    def item(self, item_id: object) -> ItemResult:
        for it in self.items:
            if it.id == str(item_id):
                return it
        raise KeyError(item_id)

    def to_dict(self) -> dict:
        out = self._dict()
        mine = self.self_report
        if mine is not None:  # only with a 自评: the report without one keeps exactly its keys
            out["self_total"] = json_number(mine.total)
            scores = {it.id: it.score for it in mine.items}
            for row in out["items"]:
                row["self_score"] = json_number(scores.get(row["id"]))
            out["bonus"]["self_score"] = json_number(mine.bonus.score)
            out["penalty"]["self_score"] = json_number(mine.penalty.score)
        return out

    def _dict(self) -> dict:
        return {
            "rubric": self.rubric,
            "county": self.county,
            "year": self.year,
            "basis": self.basis or None,
            "unit_names": dict(self.unit_names),
            "total": json_number(self.total),
            "provisional": self.provisional,
            "unscored_points": json_number(self.unscored_points),
            "bonus": self.bonus.to_dict(),
            "penalty": self.penalty.to_dict(),
            "items": [it.to_dict() for it in self.items],
            "missing": [m.to_dict() for m in self.missing],
            # always present: {} and null when the input has no monitoring data
            "derived": {
                **{key: json_value(v) for key, v in self.derived_values.items()},
                **{f.key: json_value(f.derived) for f in self.city},
            },
            # how each batch-derived key of `derived` was found (keys from monitoring data are not listed)
            "derived_basis": {f.key: f.basis for f in self.city},
            "city": [f.to_dict(json_value) for f in self.city],
            "monitoring": self.monitoring.to_dict() if self.monitoring is not None else None,  # type: ignore[attr-defined]
            "notes": list(self.notes),
        }


def json_value(x: object) -> object:
    """A derived figure for JSON: exact decimals as int or float (not rounded), other values as they are."""
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() else float(x)
    return x


def plain(v):
    """A JSON-ready value: exact decimals as int or float, tuples and lists element by element."""
    if isinstance(v, (tuple, list)):
        return [plain(x) for x in v]
    return json_value(v)
