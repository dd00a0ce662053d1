"""Terminal output of `ecoscore diff` and of the carry-over (`init-template --from`).

Same conventions as `render`: its console and GBK-safe tables, colour only on a terminal.
Gains are green and losses red; a unit's larger loss is red. Changes are sorted by size.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.text import Text

from ecoscore.core.fields import SECTION_KEY_PREFIX, section_of_key
from ecoscore.core.kit import num, pts, signed
from ecoscore.core.text import status_text, value_text
from ecoscore.terminal.render import safe_text, table

SHORT_COLUMNS = {"level": "", "target": "目标", "prev": "上年", "cur": "本年"}  # a one-sided section's row
VALUE_WIDTH = 16  # columns of a value in the 填报数据 table
ABSENT = "—"  # the side has no such row (a section or field present in the other file only)


def change_text(x: Decimal | None, losses: bool = False) -> Text:
    """A change, green when good and red when bad (for losses, growth is bad)."""
    if x is None or x == 0:
        return Text(signed(x))
    good = (x < 0) if losses else (x > 0)
    return Text(signed(x), style="green" if good else "red")


def score_text(x: Decimal | None) -> str:
    return "未评分" if x is None else pts(x)


def _right(t, *cols: int):
    for c in cols:
        t.columns[c].justify = "right"
    return t


def hidden_note(con: Console, count: int) -> None:
    if count:
        con.print(Text(f"另有 {count} 行无变化（加 --all 显示）", style="dim"))


def show(con: Console, result, show_all: bool = False) -> None:
    """The whole diff: total, sections, changed items and their lines, inputs, units, incomplete items.
    Rows without a change in points (sections, lines whose reason alone changed) are shown with `show_all`."""
    o, n = result.old_title, result.new_title
    for note in result.notes:  # what is compared comes first (another county, swapped years, a basis)
        con.print(safe_text(f"提示：{note}", "yellow"))
    basis = f"（{result.basis}）" if result.basis else ""
    head = result.heading
    con.print(safe_text(f"{result.county} 考核得分对比{basis}：{head}", "bold"))
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

    sections = result.sections.to_dict("records")  # records keep None as None (a row Series may turn it into nan)
    shown = [s for s in sections if show_all or s["change"] != 0 or s["old_incomplete"] or s["new_incomplete"]]
    if shown:
        tab = _right(table(con, "板块", "分值", o, n, "变化", title="各板块得分"), 1, 2, 3, 4)
        for s in shown:
            note = "（含缺数据条款）" if s["old_incomplete"] or s["new_incomplete"] else ""
            tab.add_row(
                f"{s['id']} {s['name']}{note}",
                num(s["points"]) if s["points"] is not None else "",
                score_text(s["old"]),
                score_text(s["new"]),
                change_text(s["change"]),
            )
        con.print(tab)
    if not result.unchanged:
        hidden_note(con, len(sections) - len(shown))

    items = result.changed_items.to_dict("records")
    if items:
        tab = _right(
            table(con, "条款", "名称", o, n, "变化", title=f"得分变化的条款（{len(items)} 项，按变化大小排列）"),
            2,
            3,
            4,
        )
        for it in items:
            tab.add_row(it["id"], it["name"], score_text(it["old"]), score_text(it["new"]), change_text(it["change"]))
        con.print(tab)
    lines = ordered_lines(result)
    shown_lines = [x for x in lines if show_all or x["change"] != 0]
    if shown_lines:
        tab = _right(table(con, "细则", "变化情况", "增减", "说明", "责任单位", title="细则变化（负数为扣分）"), 2)
        for x in shown_lines:
            tab.add_row(
                x["rule"],
                f"{signed(x['old'])} → {signed(x['new'])}",
                change_text(x["change"]),
                reason_text(x, o, n),
                "、".join(x["units"]),
            )
        con.print(tab)
    hidden_note(con, len(lines) - len(shown_lines))

    fields = result.fields.to_dict("records")
    if fields:
        tab = table(con, "填报内容", o, n, "字段编码", title=f"填报数据的变化（{len(fields)} 项）")
        for c in (1, 2):  # values stay narrow (a one-sided section wraps) so labels keep their room
            tab.columns[c].max_width = VALUE_WIDTH
        for row in field_rows(fields, o, n):
            tab.add_row(*row)
        con.print(tab)
    for keys, side in ((result.only_old, o), (result.only_new, n)):
        if keys:
            con.print(f"只在{side}文件中出现的字段（模板或细则版本不同，未对比）：{'、'.join(keys)}")

    units = result.units.to_dict("records")
    if units:
        tab = _right(table(con, "责任单位", f"{o}失分", f"{n}失分", "变化", title="失分有增减的责任单位"), 1, 2, 3)
        for u in units:
            tab.add_row(u["unit"], pts(u["old"]), pts(u["new"]), change_text(u["change"], losses=True))
        con.print(tab)

    incomplete = result.incomplete.to_dict("records")
    if incomplete:
        tab = table(con, "条款", "名称", f"{o}缺少", f"{n}缺少", title="缺数据的条款（未评分，得分变化无法计算）")
        for m in incomplete:
            tab.add_row(m["id"], m["name"], "、".join(m["old_missing"]) or "—", "、".join(m["new_missing"]) or "—")
        con.print(tab)


def field_rows(fields: list[dict], o: str, n: str) -> list[tuple[str, str, str, str]]:
    """The 填报数据 table's rows: label, the two values, field code. A water section present on one
    side only is one row, its columns joined ("级别 国考，目标类别 Ⅲ，…"), "—" on the other side."""
    out: list[tuple[str, str, str, str]] = []
    sections: dict[tuple[str, str], list] = {}  # (section name, status) → [row index, parts]
    for f in fields:
        status = status_text(f["status"], o, n)
        section = section_of_key(f["key"])
        if section and f["status"] != "changed":
            name = section[0]
            side = "old" if f["status"] == "old_only" else "new"
            column = SHORT_COLUMNS.get(section[1], "")
            group = sections.get((name, f["status"]))
            if group is None:
                group = sections[(name, f["status"])] = [len(out), [], side]
                out.append(("", "", "", ""))
            group[1].append(f"{column}{value_text(f[side])}")
            values = ("，".join(group[1]), ABSENT) if side == "old" else (ABSENT, "，".join(group[1]))
            out[group[0]] = (f"断面“{name}”（{status}）", *values, f"{SECTION_KEY_PREFIX}{name}")
            continue
        label = f["label"] + (f"（{status}）" if f["status"] != "changed" else "")
        out.append((label, field_value(f, "old"), field_value(f, "new"), f["key"]))
    return out


def field_value(f: dict, side: str) -> str:
    """A field's value on one side with its unit; "—" when that side has no such row."""
    if f["status"] == ("new_only" if side == "old" else "old_only"):
        return ABSENT
    v = f[side]
    unit = f" {f['unit']}" if f["unit"] and f["unit"] != "%" else f["unit"]
    return value_text(v) + (unit if v is not None else "")


def ordered_lines(result) -> list[dict]:
    """Line changes grouped by item, items in the order of `changed_items` (largest first), then the rest."""
    order = list(result.changed_items["id"])
    rows = result.lines.to_dict("records")  # records, not iterrows: a row Series turns None into nan
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
    basis = getattr(co.basis, "text", "")
    if basis:  # the new year has no edition of its own: the workbook is made on the one asked for
        con.print(safe_text(f"提示：{co.year} 年没有对应的考核细则，本填报表{basis}", "yellow"))
    tab = table(con, "字段编码", "填报内容", "结转值")
    for key, label, value in co.carried:
        tab.add_row(key, label, value_text(value))
    con.print(tab)
    for note in co.skipped:
        con.print(safe_text(f"未结转：{note}", "yellow"))
    con.print("其余本年数据均留空待填；目标值和断面名单已保留，请核对是否有调整。")
    if written:
        con.print(f"已生成输入工作簿：{written}")
