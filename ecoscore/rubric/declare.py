"""How a rubric item is declared: its metadata from the source table, its sub-rules,
the fields it reads, and one small scoring function returning `Line`s (OpenFisca-style).

    @item(id="6", section="2", name="…", points="2", deadline="12月31日", evidence="监测数据",
          auditors=("市生态环境局",), units=("市生态环境局中方分局",), source="三、县级城市…",
          rules=(Rule("6", "县级城市集中式饮用水水源地每超标1个扣0.5分", "0.5 × 超标水源地个数"),),
          fields=(F("i06.sources_exceeding", "count", "超标的县级城市集中式饮用水水源地", "个", rule="6"),))
    def score_06(x: Inputs) -> list[Line]:
        n = x["i06.sources_exceeding"]
        return [lost("6", linear(n, "0.5"), f"水源地超标 {n} 个，每个扣 0.5 分")]

The engine attaches responsible units to each line from the sub-rule (or item), clamps the
item to [0, points] and rounds it; a scoring function never does either by hand.

`@item` returns the declared `Item` (its formula is `Item.score`); an edition package collects
the items of its modules (`items_of`), so nothing is registered process-wide and two editions
can share an unchanged item module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from decimal import Decimal

from ecoscore.core.fields import Field, WaterSection
from ecoscore.core.model import Line
from ecoscore.core.record import record


@record(frozen=True, eq=False)
class Rule:
    """One sub-rule of an item, as the source states it. Declarations (`Rule`, `Section`, `Item`)
    are compared by identity: each is declared once, and none is compared by value."""

    id: str  # shown to users: "4.2", "20.10", "B.1", "P.3"
    text: str  # the source rule, in brief
    how: str = ""  # how it is scored (formula in words)
    points: Decimal | None = None  # the sub-rule's own points where the source states them
    auditors: tuple[str, ...] = ()  # own 审核单位 (items 14, 19, 20, 36); empty → the item's
    units: tuple[str, ...] = ()  # own 责任单位; empty → the item's

    def __post_init__(self) -> None:
        if self.points is not None and not isinstance(self.points, Decimal):
            object.__setattr__(self, "points", Decimal(str(self.points)))


@record(frozen=True, eq=False)
class Section:
    """A section of the rubric (一、二、… and the bonus and penalty groups)."""

    id: str
    name: str
    points: Decimal | None


@record(frozen=True, eq=False)
class Item:
    """One item of the rubric: the source table's row, its sub-rules, its fields and its formula."""

    id: str
    section: str
    name: str
    points: Decimal | None  # None for bonus / penalty
    deadline: str
    evidence: str
    auditors: tuple[str, ...]
    units: tuple[str, ...]
    source: str
    rules: tuple[Rule, ...]
    fields: tuple[Field, ...] = ()  # fields declared by (and belonging to) this item
    reads: tuple[str, ...] = ()  # shared fields it also reads (targets, air, city…)
    uses_sections: bool = False
    clamp_rule: str | None = None  # the sub-rule id that states the item's clamp, if any
    score: Callable[[Inputs], list[Line]] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """Every field this item reads: its own, then the shared ones."""
        return tuple(f.key for f in self.fields) + tuple(self.reads)

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    def units_for(self, rule_id: str) -> tuple[str, ...]:
        r = self.rule(rule_id)
        return r.units if r is not None and r.units else self.units

    def auditors_for(self, rule_id: str) -> tuple[str, ...]:
        r = self.rule(rule_id)
        return r.auditors if r is not None and r.auditors else self.auditors


def item(
    *,
    id: str,
    section: str,
    name: str,
    points: str | None,
    deadline: str,
    evidence: str,
    auditors: tuple[str, ...],
    units: tuple[str, ...],
    source: str,
    rules: tuple[Rule, ...],
    fields: tuple[Field, ...] = (),
    reads: tuple[str, ...] = (),
    uses_sections: bool = False,
    clamp_rule: str | None = None,
) -> Callable:
    """Declare an item; the decorated function is its scoring formula."""

    def declare(fn: Callable[[Inputs], list[Line]]) -> Item:
        return Item(
            id=id,
            section=section,
            name=name,
            points=None if points is None else Decimal(points),
            deadline=deadline,
            evidence=evidence,
            auditors=tuple(auditors),
            units=tuple(units),
            source=source,
            rules=tuple(rules),
            fields=tuple(fields),
            reads=tuple(reads),
            uses_sections=uses_sections,
            clamp_rule=clamp_rule,
            score=fn,
        )

    return declare


def items_of(*modules) -> tuple[Item, ...]:
    """The items the modules declare (module attributes that are `Item`s), in declaration order."""
    out: list[Item] = []
    for module in modules:
        out.extend(v for v in vars(module).values() if isinstance(v, Item))
    return tuple(out)


class UndeclaredRead(KeyError):
    """A scoring function read a field it did not declare: a bug in the rubric code."""


@record(eq=False)
class Inputs:
    """What one scoring function sees: typed values of the fields it declared, and the sections.

    Reading an undeclared key raises, so the declared `reads` can never drift from the code.
    """

    values: dict
    allowed: frozenset[str]
    water_sections: tuple[WaterSection, ...] | None = None
    params: Mapping[str, object] = field(default_factory=dict)  # the edition's parameters (`Rubric.params`)
    year: int | None = None  # the data's 考核年度 (`ecoscore.rubric.years` words the reasons by it)
    edition_year: int | None = None  # the year of the edition scoring it

    def __getitem__(self, key: str):
        if key not in self.allowed:
            raise UndeclaredRead(f"field {key!r} read but not declared by this item")
        return self.values.get(key)

    def param(self, name: str):
        """One of the edition's parameters (a policy figure such as the heavy-day base years)."""
        return self.params[name]

    @property
    def sections(self) -> tuple[WaterSection, ...]:
        if self.water_sections is None:
            raise UndeclaredRead("water sections read but not declared (uses_sections=True)")
        return self.water_sections
