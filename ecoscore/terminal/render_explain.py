"""`ecoscore explain` on the terminal: an item (source text, sub-rules, fields), one sub-rule, or
one field (label, unit, what it accepts, whether it is required, its template cell, who reads it)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ecoscore.core.fields import Field, Role
from ecoscore.core.kit import num
from ecoscore.rubric.declare import Item
from ecoscore.services.explain import FieldTopic, ItemTopic, RuleTopic, Topic
from ecoscore.terminal.render import safe_text, table

SECTIONS_ROW = ("sections", "断面水质表（断面名称、级别、目标类别、上年类别、本年类别）", "", "表格")


def show(con: Console, topic: Topic, catalogue) -> None:
    if isinstance(topic, ItemTopic):
        item(con, topic.item, catalogue)
    elif isinstance(topic, RuleTopic):
        rule(con, topic, catalogue)
    else:
        field(con, topic, catalogue)


def heading(con: Console, it: Item) -> None:
    points = "不超过 5 分" if it.id == "B" else "不封顶" if it.id == "P" else f"{num(it.points)} 分"
    con.print(
        safe_text(f"{item_title(it)}  {it.name}（{points}）" if it.id.isdigit() else f"{it.name}（{points}）", "bold")
    )


def kind_text(f: Field, catalogue) -> str:
    kind = f.expected + ("（选填）" if f.optional else "")
    if f.required_when is not None:
        kind += f"（仅当{f.required_when.text(catalogue)}时填写）"
    if f.at_most:
        kind += f"（不大于“{catalogue[f.at_most].label}”）"
    return kind


def fields_table(con: Console, keys, catalogue, title: str, sections: bool = False) -> None:
    t = table(con, "字段编码", "填报内容", "单位", "类型", title=title)
    for key in keys:
        f = catalogue[key]
        t.add_row(key, f.label, f.unit, kind_text(f, catalogue))
    if sections:
        t.add_row(*SECTIONS_ROW)
    con.print(t)


def item(con: Console, it: Item, catalogue) -> None:
    heading(con, it)
    con.print(f"进度节点：{it.deadline}")
    con.print(f"考核依据：{it.evidence}")
    con.print(f"审核单位：{'、'.join(it.auditors)}")
    con.print(f"责任单位：{'、'.join(it.units)}")
    con.print(Text("计分方法（原文）：", style="bold"))
    con.print(it.source)
    t = table(con, "细则", "分值", "规则", "如何计分", "责任单位", title="细则")
    for r in it.rules:
        units = "、".join(r.units) if r.units else ""
        t.add_row(r.id, num(r.points) if r.points is not None else "", r.text, r.how, units)
    con.print(t)
    fields_table(con, it.keys, catalogue, "读取的字段", sections=it.uses_sections)


def rule(con: Console, topic: RuleTopic, catalogue) -> None:
    it, r = topic.item, topic.rule
    heading(con, it)
    con.print(safe_text(f"细则 {r.id}：{r.text}", "bold"))
    if r.points is not None:
        con.print(f"分值：{num(r.points)} 分")
    if r.how:
        con.print(f"如何计分：{r.how}")
    con.print(f"审核单位：{'、'.join(it.auditors_for(r.id))}")
    con.print(f"责任单位：{'、'.join(it.units_for(r.id))}")
    if topic.fields:
        fields_table(con, [f.key for f in topic.fields], catalogue, "读取的字段")
    else:  # the item does not say which of its fields each sub-rule reads
        fields_table(con, it.keys, catalogue, f"{item_title(it)}读取的字段", sections=it.uses_sections)
    con.print(f"本项的原文和全部细则：ecoscore explain {it.id}")


def required_text(f: Field, catalogue) -> str:
    if f.informational:
        return "仅供对照，不参与计分"
    if f.required_when is not None:
        return f"仅当{f.required_when.text(catalogue)}时必填，否则可留空"
    if f.optional:
        return "选填，留空视为“无”或 0"
    if f.default is not None or f.role is Role.TARGET:
        return "必填；模板已预填目标值，请核对"
    return "必填；留空则读取它的条款不评分（总分为暂定分）"


def field(con: Console, topic: FieldTopic, catalogue) -> None:
    f = topic.field
    con.print(safe_text(f"字段 {f.key}  {f.label}", "bold"))
    con.print(f"单位：{f.unit or '无'}")
    con.print(f"应填：{f.expected}" + (f"（不大于“{catalogue[f.at_most].label}”）" if f.at_most else ""))
    if f.default is not None:
        con.print(f"模板预填：{num(f.default) if not isinstance(f.default, str) else f.default}")
    con.print(f"是否必填：{required_text(f, catalogue)}")
    where = f"“{topic.location.sheet}”表 {topic.location.cell} 单元格" if topic.location else "不在输入工作簿的表中"
    con.print(f"在输入工作簿中的位置：{where}（JSON 输入：values.{f.key}）")
    if f.note:
        con.print(f"说明：{f.note}")
    by_rule = any(r is not None for _, r in topic.readers)  # a shared field names no sub-rule
    t = table(con, "条款", "名称", *("细则",) * by_rule, title="读取它的条款")
    for it, r in topic.readers:
        t.add_row(it.id, it.name, *((r.id if r is not None else "",) * by_rule))
    con.print(t)


def item_title(it) -> str:
    """ "第 9 项" for a numbered item; the bonus and penalty by their names alone ("加分项", not "第 B 项")."""
    return f"第 {it.id} 项" if it.id.isdigit() else it.name
