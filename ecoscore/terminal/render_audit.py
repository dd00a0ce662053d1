"""Terminal output of `ecoscore score 核定.xlsx --self 自评.xlsx`, after the normal summary:
the 自评 and 核定 totals, their difference, and each item whose score differs with its reason."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ecoscore.core.kit import pts
from ecoscore.terminal.render import safe_text, table
from ecoscore.terminal.render_diff import change_text, score_text


def show(con: Console, audit) -> None:
    """`audit` is an `ecoscore.core.audit.Audit`."""
    con.print(safe_text(f"自评与核定对比：自评（{audit.self_name}）→ 核定（{audit.name}）", "bold"))
    for note in audit.notes:
        con.print(safe_text(f"提示：{note}", "yellow"))
    line = Text(f"自评总分：{pts(audit.self_total)}；核定总分：{pts(audit.total)}；差异：")
    line.append_text(change_text(audit.change))
    if audit.provisional_text:
        line.append(f"；{audit.provisional_text}", style="yellow")
    con.print(line)
    items = audit.differing
    if not items:
        con.print(Text("各条款的自评分与核定分一致。", style="green"))
    else:
        tab = table(con, "条款", "名称", "自评", "核定", "差异", "原因", title=f"得分不同的条款（{len(items)} 项）")
        for c in (2, 3, 4):
            tab.columns[c].justify = "right"
        for it in items:
            tab.add_row(
                it.id, it.name, score_text(it.self_score), score_text(it.score), change_text(it.change), it.reason
            )
        con.print(tab)
    if audit.other_fields:
        con.print("核定改动但不影响任何条款得分的填报数据：")
        for f in audit.other_fields:
            con.print(safe_text(f"  {f.text()}"))
