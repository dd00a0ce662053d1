"""Terminal output of `ecoscore diff` and of the carry-over (`init-template --from`).

Same conventions as `render`: its console and GBK-safe tables, colour only on a terminal.
Gains are green and losses red; a unit's larger loss is red. Changes are sorted by size.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.text import Text

from ecoscore.core.kit import num, pts
from ecoscore.terminal.render import safe_text, table

EMPTY = "（空）"
STATUS = {
    "appeared": "新增",
    "disappeared": "不再出现",
    "changed": "变化",
    "old_only": "仅上年文件有",
    "new_only": "仅本年文件有",
}


def signed(x: Decimal | None) -> str:
    """+0.50 / -0.50 / 0.00 (an ASCII minus: U+2212 cannot be printed on a GBK console)."""
    if x is None:
        return "—"
    return f"+{pts(x)}" if x > 0 else f"-{pts(-x)}" if x < 0 else pts(0)


def change_text(x: Decimal | None, losses: bool = False) -> Text:
    """A change, green when good and red when bad (for losses, growth is bad)."""
    if x is None or x == 0:
        return Text(signed(x))
    good = (x < 0) if losses else (x > 0)
    return Text(signed(x), style="green" if good else "red")


def score_text(x: Decimal | None) -> str:
    return "未评分" if x is None else pts(x)


def value_text(v) -> str:
    if v is None:
        return EMPTY
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal):
        return num(v)
    return str(v)


def _right(t, *cols: int):
    for c in cols:
        t.columns[c].justify = "right"
    return t


def show(con: Console, result) -> None:
    """The whole diff: total, sections, changed items and their lines, inputs, units, incomplete items."""
    o, n = result.old_title, result.new_title
    con.print(safe_text(f"{result.county} 考核得分对比：{o}（{result.old_name}）→ {n}（{result.new_name}）", "bold"))
    t = result.total
    line = Text(f"总分：{pts(t['old'])} → {pts(t['new'])}（")
    line.append_text(change_text(t["change"]))
    line.append("）")
    marks = [f"{side}为暂定分" for side, flag in ((o, t["old_provisional"]), (n, t["new_provisional"])) if flag]
    if marks:
        line.append("，" + "、".join(marks) + "（有条款缺数据未评分，见下方“缺数据的条款”）", style="yellow")
    con.print(line)
    if result.unchanged:
        con.print(Text("两份文件的得分、各条细则和填报数据均相同，没有变化。", style="green"))

    tab = _right(table(con, "板块", "分值", o, n, "变化", title="各板块得分"), 1, 2, 3, 4)
    for _, s in result.sections.iterrows():
        note = "（含缺数据条款）" if s["old_incomplete"] or s["new_incomplete"] else ""
        tab.add_row(
            f"{s['id']} {s['name']}{note}",
            num(s["points"]) if s["points"] is not None else "",
            score_text(s["old"]),
            score_text(s["new"]),
            change_text(s["change"]),
        )
    con.print(tab)

    items = result.changed_items
    if not items.empty:
        tab = _right(
            table(con, "条款", "名称", o, n, "变化", title=f"得分变化的条款（{len(items)} 项，按变化大小排列）"),
            2,
            3,
            4,
        )
        for _, it in items.iterrows():
            tab.add_row(it["id"], it["name"], score_text(it["old"]), score_text(it["new"]), change_text(it["change"]))
        con.print(tab)
    lines = ordered_lines(result)
    if lines:
        tab = _right(table(con, "细则", "变化情况", "增减", "说明", "责任单位", title="细则变化（负数为扣分）"), 2)
        for x in lines:
            tab.add_row(
                x["rule"],
                f"{signed(x['old'])} → {signed(x['new'])}",
                change_text(x["change"]),
                reason_text(x, o, n),
                "、".join(x["units"]),
            )
        con.print(tab)

    if not result.fields.empty:
        tab = table(con, "字段编码", "填报内容", o, n, title=f"填报数据的变化（{len(result.fields)} 项）")
        for _, f in result.fields.iterrows():
            label = f["label"] + (f"（{STATUS[f['status']]}）" if f["status"] != "changed" else "")
            unit = f" {f['unit']}" if f["unit"] and f["unit"] != "%" else f["unit"]
            tab.add_row(
                f["key"],
                label,
                value_text(f["old"]) + (unit if f["old"] is not None else ""),
                value_text(f["new"]) + (unit if f["new"] is not None else ""),
            )
        con.print(tab)
    for keys, side in ((result.only_old, o), (result.only_new, n)):
        if keys:
            con.print(f"只在{side}文件中出现的字段（模板或细则版本不同，未对比）：{'、'.join(keys)}")

    if not result.units.empty:
        tab = _right(table(con, "责任单位", f"{o}失分", f"{n}失分", "变化", title="失分有增减的责任单位"), 1, 2, 3)
        for _, u in result.units.iterrows():
            tab.add_row(u["unit"], pts(u["old"]), pts(u["new"]), change_text(u["change"], losses=True))
        con.print(tab)

    if not result.incomplete.empty:
        tab = table(con, "条款", "名称", f"{o}缺少", f"{n}缺少", title="缺数据的条款（未评分，得分变化无法计算）")
        for _, m in result.incomplete.iterrows():
            tab.add_row(m["id"], m["name"], "、".join(m["old_missing"]) or "—", "、".join(m["new_missing"]) or "—")
        con.print(tab)


def ordered_lines(result) -> list[dict]:
    """Line changes grouped by item, items in the order of `changed_items` (largest first), then the rest."""
    order = list(result.changed_items["id"])
    rows = result.lines.to_dict("records")
    rank = {item_id: i for i, item_id in enumerate(order)}
    return sorted(rows, key=lambda x: rank.get(x["item"], len(order)))  # stable: rubric order within an item


def reason_text(x: dict, o: str, n: str) -> str:
    if x["status"] == "appeared":
        return f"{n}：{x['new_reason']}"
    if x["status"] == "disappeared":
        return f"{o}：{x['old_reason']}"
    return f"{o}：{x['old_reason']}\n{n}：{x['new_reason']}"


def carried(con: Console, co, written: str | None = None) -> None:
    """What `init-template --from` carried over from last year's file, and what it could not."""
    head = f"已从 {co.source}（{co.last_year or '年度不详'}年）结转到 {co.year} 年填报表的数据：{len(co.carried)} 项"
    con.print(safe_text(head, "bold"))
    tab = table(con, "字段编码", "填报内容", "结转值")
    for key, label, value in co.carried:
        tab.add_row(key, label, value_text(value))
    con.print(tab)
    for note in co.skipped:
        con.print(safe_text(f"未结转：{note}", "yellow"))
    con.print("其余本年数据均留空待填；目标值和断面名单已保留，请核对是否有调整。")
    if written:
        con.print(f"已生成输入工作簿：{written}")
