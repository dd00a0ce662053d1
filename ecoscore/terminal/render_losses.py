"""`ecoscore score --explain-losses`: where the points are (docs/spec/decisions.md#dev-15-recovery), one
row per input whose change recovers points, most points first, within 80 columns."""

from __future__ import annotations

from rich.console import Console

from ecoscore.core.kit import pts
from ecoscore.scoring.recovery import Recovery
from ecoscore.terminal.render import safe_text, table

WIDTH = 80  # fits a standard terminal; only the sentence column wraps


def losses(con: Console, found: list[Recovery]) -> None:
    if not found:
        con.print("失分挽回：没有可通过改变单项填报值挽回的失分")
        return
    t = table(con, "可挽回", "细则", "如何挽回", title="失分挽回（每行只改变一项填报值的测算，各行不能相加）")
    t.width = min(con.width, WIDTH)
    t.columns[0].justify = "right"
    t.columns[0].no_wrap = t.columns[1].no_wrap = True
    for r in found:
        rule = "扣分项 " + "、".join(r.rules) if r.item_id == "P" else "、".join(r.rules)
        t.add_row(pts(r.points), rule, safe_text(f"{r.sentence}\n责任单位：{'、'.join(r.units)}"))
    con.print(t)


def notices(con: Console, folder, written: list) -> None:
    """What `--by-unit` wrote: one line per unit's 失分清单."""
    if not written:
        con.print(safe_text(f"没有单位失分，未写失分清单（文件夹：{folder}）"))
        return
    con.print(safe_text(f"失分清单已写入文件夹：{folder}（{len(written)} 个单位）"))
    for w in written:
        again = "，已覆盖" if w.replaced else ""
        con.print(safe_text(f"  {w.path.name}（失 {pts(w.lost)} 分{again}）"))
