"""One rubric edition as an object (OpenFisca's tax-benefit system, for an assessment).

A `Rubric` is everything one 考核细则 edition is: its id, title, region and year, sections,
items, the field catalogue and its parameters. The engine scores against the `Rubric` it is
given. Next year's edition derives from this one (`derive`): it keeps the unchanged items,
replaces the ones that changed and overrides parameters — no copying, no global state.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field, replace
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from ecoscore.core.fields import Field, Period, WaterSection
from ecoscore.core.model import DerivedFigure
from ecoscore.core.record import record
from ecoscore.rubric.declare import Item, Section

if TYPE_CHECKING:
    from ecoscore.core.city import CityRules


@record(frozen=True, eq=False, repr=False)
class Rubric:
    """One edition. Compared by identity (there is one object per edition) and shown by its id
    (`__repr__` below)."""

    id: str  # stable, in JSON reports: "huaihua-2021"
    title: str  # the source's Chinese title, for every user-facing mention
    region: str  # the city whose rubric it is
    year: int  # the assessment year it applies to
    source_county: str  # whose responsibility list the unit names are taken from
    sections: tuple[Section, ...]
    items: tuple[Item, ...]  # in rubric order: the scored items, then bonus B and penalty P
    shared_fields: tuple[Field, ...]  # targets, city-wide and monitored figures several items read
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    # the quantities computed once from the inputs for the explanation (Grade II, AQCI…)
    derived_figures: Callable[[dict, tuple[WaterSection, ...]], list[DerivedFigure]] = lambda values, sections: []
    # the module whose `RULES` are the figures a city batch derives across its counties (全市平均、
    # 全市排名、全市第1名), loaded when a batch first asks for `city_rules`; kept by `derive`
    city_module: str | None = None

    # item id → 计分方法（简）, one line for the print-ready 考核评分表 (absent: the sub-rules' texts)
    methods: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "methods", MappingProxyType(dict(self.methods)))
        ids = [it.id for it in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError(f"rubric {self.id}: an item is declared twice")
        self.catalogue  # noqa: B018 — a field declared twice fails here, when the edition is built

    # ---- what it holds ---------------------------------------------------------------------
    @property
    def scored_items(self) -> tuple[Item, ...]:
        """The items worth points (bonus and penalty excluded), in rubric order."""
        return tuple(it for it in self.items if it.points is not None)

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {it.id: it for it in self.items}

    def item(self, item_id: object) -> Item:
        return self._by_id[str(item_id).upper()]

    def has_item(self, item_id: object) -> bool:
        return str(item_id).upper() in self._by_id

    def section(self, section_id: str) -> Section:
        for sec in self.sections:
            if sec.id == section_id:
                return sec
        raise KeyError(section_id)

    @property
    def point_sections(self) -> tuple[Section, ...]:
        """The sections worth points (not bonus or penalty)."""
        return tuple(s for s in self.sections if s.points)

    def param(self, name: str):
        return self.params[name]

    @cached_property
    def city_rules(self) -> CityRules | None:
        """The edition's cross-county rules (None: it has none); scoring one workbook never loads them."""
        return None if self.city_module is None else importlib.import_module(self.city_module).RULES

    # ---- the field catalogue ---------------------------------------------------------------
    @cached_property
    def catalogue(self) -> Mapping[str, Field]:
        """Every input field by key: the shared ones first, then each item's, in rubric order."""
        out: dict[str, Field] = {f.key: f for f in self.shared_fields}
        for it in self.items:
            for f in it.fields:
                if f.key in out:
                    raise ValueError(f"rubric {self.id}: field {f.key} declared twice")
                out[f.key] = f
        return MappingProxyType(out)

    @cached_property
    def _owners(self) -> dict[str, Item]:
        return {f.key: it for it in self.items for f in it.fields}

    def owner(self, key: str) -> Item | None:
        """The item that declares `key` (None for shared fields)."""
        return self._owners.get(key)

    def readers(self, key: str) -> tuple[str, ...]:
        """Ids of the items that read `key`, declared or shared."""
        return tuple(it.id for it in self.items if key in it.keys)

    def figure(self, measure: str, period: Period, year: int | None = None) -> Field | None:
        """The field holding `measure` for a period (e.g. last year's PM2.5), if the edition has one."""
        for f in self.catalogue.values():
            if f.measure == measure and f.period is period and f.year == year:
                return f
        return None

    # ---- reforms ---------------------------------------------------------------------------
    def derive(
        self,
        *,
        id: str,
        title: str | None = None,
        year: int | None = None,
        region: str | None = None,
        items: Iterable[Item] = (),
        params: Mapping[str, object] | None = None,
        shared_fields: tuple[Field, ...] | None = None,
        sections: tuple[Section, ...] | None = None,
        methods: Mapping[str, str] | None = None,
    ) -> Rubric:
        """A new edition: this one with `items` replacing those of the same id (a new id is added
        before bonus and penalty), `params` overriding parameters of the same name and `methods` the
        short 计分方法 of the items it names (a replaced item should bring its own)."""
        replaced = {it.id: it for it in items}
        kept = [replaced.pop(it.id, it) for it in self.items]
        extra = list(replaced.values())
        tail = [it for it in kept if it.points is None]
        body = [it for it in kept if it.points is not None] + extra
        return replace(
            self,
            id=id,
            title=title or self.title,
            year=year or self.year,
            region=region or self.region,
            items=tuple(body + tail),
            params={**self.params, **(params or {})},
            shared_fields=self.shared_fields if shared_fields is None else shared_fields,
            sections=self.sections if sections is None else sections,
            methods={**self.methods, **(methods or {})},
        )

    def __repr__(self) -> str:
        return f"Rubric({self.id!r})"
