"""`ecoscore explain`: what the user asks about — an item (9, 第9项, B), a sub-rule (9.4, B.1) or a
field code (air.pm25) — found in the edition, with what is shown about it
(docs/spec/decisions.md#dev-15-6). No typer or rich here."""

from __future__ import annotations

import difflib
import re
import unicodedata

from ecoscore.core.fields import Field
from ecoscore.core.model import Location, UsageProblem
from ecoscore.core.record import record
from ecoscore.rubric import Rubric
from ecoscore.rubric.declare import Item, Rule

GROUP_WORDS = {"加分项": "B", "加分": "B", "扣分项": "P", "扣分": "P"}
# 9, 第9项, 第 9 条, 9.4, B.1, b, 第20.10条 (after NFKC and without spaces)
NUMBERED = re.compile(r"第?([0-9]+|[BP])(?:\.([0-9]+))?(?:项|条|款|条款)?", re.IGNORECASE)


@record(frozen=True)
class ItemTopic:
    item: Item


@record(frozen=True)
class RuleTopic:
    item: Item
    rule: Rule
    fields: tuple[Field, ...]  # the item's fields declared for this sub-rule (empty: not told apart)


@record(frozen=True)
class FieldTopic:
    field: Field
    location: Location | None  # where it sits in the input template (None: on no sheet)
    readers: tuple[tuple[Item, Rule | None], ...]  # the items reading it, with the sub-rule when declared


Topic = ItemTopic | RuleTopic | FieldTopic


def explain(query: str, rubric: Rubric) -> Topic:
    """The item, sub-rule or field `query` names; UsageProblem (in Chinese, with close matches) if none."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", query))
    text = GROUP_WORDS.get(text, text)
    if text.lower() in rubric.catalogue:
        return field_topic(text.lower(), rubric)
    m = NUMBERED.fullmatch(text)
    if m is None:
        raise UsageProblem(unknown(query, rubric))
    item_id, sub = m.group(1).upper(), m.group(2)
    if not rubric.has_item(item_id):
        raise UsageProblem(f"没有第“{m.group(1)}”项；{usage(rubric)}")
    it = rubric.item(item_id)
    if sub is None:
        return ItemTopic(it)
    rule = it.rule(f"{item_id}.{sub}")
    if rule is None:
        ids = "、".join(r.id for r in it.rules)
        raise UsageProblem(f"第 {it.id} 项没有细则“{query.strip()}”；第 {it.id} 项的细则：{ids}")
    return RuleTopic(it, rule, tuple(f for f in it.fields if f.rule == rule.id))


def field_topic(key: str, rubric: Rubric) -> FieldTopic:
    from ecoscore.workbook.field_rows import template_cells

    readers = []
    for item_id in rubric.readers(key):
        it = rubric.item(item_id)
        own = next((f for f in it.fields if f.key == key), None)
        readers.append((it, it.rule(own.rule) if own is not None and own.rule else None))
    return FieldTopic(rubric.catalogue[key], template_cells(rubric).get(key), tuple(readers))


def usage(rubric: Rubric) -> str:
    scored = rubric.scored_items
    return (
        f"请填条款编号 {scored[0].id}–{scored[-1].id}、B（加分项）或 P（扣分项），"
        "细则编号（如 9.4）或字段编码（如 air.pm25）"
    )


def unknown(query: str, rubric: Rubric) -> str:
    names = [*rubric.catalogue, *(r.id for it in rubric.items for r in it.rules)]
    close = difflib.get_close_matches(query.strip().lower(), names, n=3, cutoff=0.6)
    hint = "你是不是要找" + "、".join(f"“{c}”" for c in close) + "？" if close else ""
    return f"没有“{query.strip()}”这一条款、细则或字段编码。{hint}{usage(rubric)}"
