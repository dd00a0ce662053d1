"""The 2021 Huaihua/Zhongfang rubric: sections, items, sub-rules and the field catalogue.

Each section module declares its items with `@item(...)`; importing them fills the registry.
`catalogue()` is the one list of fields that template, readers and engine all use.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from ecoscore.fields import SHARED_FIELDS, Field
from ecoscore.rubric.declare import REGISTRY, Item, Section

# The modules register their items on import (order does not matter; items sort by id).
from ecoscore.rubric import (  # noqa: F401  (imported for their registrations)
    s01_ideology,
    s02_water,
    s02_air,
    s02_air_tasks,
    s02_soil_rural,
    s02_summer,
    s03_s05,
    s06_green,
    s07_enforcement,
    s08_s09,
    s10_s11,
    bonus,
    penalty,
)

SECTIONS: tuple[Section, ...] = (
    Section("1", "深入学习贯彻习近平生态文明思想", Decimal(3)),
    Section("2", "深入打好污染防治攻坚战", Decimal(57)),
    Section("3", "持续推进突出生态环境问题整改", Decimal(8)),
    Section("4", "加强生态保护和修复", Decimal(4)),
    Section("5", "实施碳排放达峰行动", Decimal(4)),
    Section("6", "构建绿色生产生活方式", Decimal(4)),
    Section("7", "严格生态环境监管执法", Decimal(5)),
    Section("8", "防范化解生态环境风险", Decimal(3)),
    Section("9", "服务高质量发展", Decimal(2)),
    Section("10", "推进生态文明体系制度建设", Decimal(6)),
    Section("11", "加强生态环境能力建设", Decimal(4)),
    Section("B", "加分项", None),
    Section("P", "扣分项", None),
)
SECTION_BY_ID = {s.id: s for s in SECTIONS}


def _order(item_id: str) -> tuple[int, str]:
    return (int(item_id), "") if item_id.isdigit() else (1000, item_id)


def items() -> list[Item]:
    """The 39 scored items, in rubric order (bonus and penalty excluded)."""
    return [REGISTRY[k] for k in sorted(REGISTRY, key=_order) if k.isdigit()]


def all_items() -> list[Item]:
    """The 39 items, then bonus (B) and penalty (P)."""
    return items() + [REGISTRY[k] for k in ("B", "P") if k in REGISTRY]


def get_item(item_id: object) -> Item:
    return REGISTRY[str(item_id).upper()]


@cache
def catalogue() -> dict[str, Field]:
    """Every input field by key: the shared ones first, then each item's, in rubric order."""
    out: dict[str, Field] = {f.key: f for f in SHARED_FIELDS}
    for it in all_items():
        for f in it.fields:
            if f.key in out:
                raise ValueError(f"field {f.key} declared twice")
            out[f.key] = f
    return out


def owner(key: str) -> Item | None:
    """The item that declares `key` (None for shared fields)."""
    for it in all_items():
        if any(f.key == key for f in it.fields):
            return it
    return None
