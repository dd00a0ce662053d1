"""Terminal output (the only module that uses rich).

Colour only on a terminal (and never with NO_COLOR); plain, fixed-width text otherwise, so
piped output and tests are stable. Box characters are GBK-safe.
"""

from __future__ import annotations

import errno
import os
import sys
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ecoscore import rubric as editions
from ecoscore.core.kit import num, pts
from ecoscore.core.model import EcoscoreError, Report
from ecoscore.core.text import printable
from ecoscore.scoring.totals import largest_losses, section_totals

PLAIN_WIDTH = 120


class SafeConsole(Console):
    """Every string shown is literal (no rich markup) and stripped of control characters, so
    user text (a county name, a cell value) can neither break the layout nor drive the terminal."""

    def render_str(self, text: str, **kwargs) -> Text:
        return super().render_str(printable(text), **kwargs)

    def on_broken_pipe(self) -> None:
        """The reader closed the pipe (`ecoscore score … | head -1`): stop writing and let the
        command end quietly with the status shells expect (`ecoscore.cli.run`; README: 141),
        instead of rich's exit status 1, which the README reserves for internal errors."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "管道已关闭")


def safe_text(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style)


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return SafeConsole(
        file=stream,
        width=None if tty else PLAIN_WIDTH,
        markup=False,
        highlight=False,
        emoji=False,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        soft_wrap=not tty,
        force_terminal=None,
    )


def table_box(con: Console):
    enc = (getattr(con.file, "encoding", None) or "utf-8").lower()
    try:
        "─".encode(enc)
        return box.SIMPLE
    except (UnicodeEncodeError, LookupError):
        return box.ASCII


def table(con: Console, *headers: str, title: str | None = None) -> Table:
    t = Table(title=title, box=table_box(con), show_edge=False, title_justify="left", pad_edge=False)
    for h in headers:
        t.add_column(h, overflow="fold")
    return t


def summary(con: Console, report: Report, output: str | None = None, overwritten: bool = False) -> None:
    head = f"{report.county} {report.year or ''} 年度生态环境保护工作考核评分".replace("  ", " ")
    if report.basis:
        head += f"（{report.basis}）"
    con.print(safe_text(head, "bold"))
    total = f"总分：{pts(report.total)} 分"
    if report.provisional:
        total += f"（暂定：{sum(1 for it in report.items if it.score is None)} 项缺数据未评分，未计 {num(report.unscored_points)} 分）"
    con.print(Text(total, style="bold yellow" if report.provisional else "bold green"))
    con.print(
        f"其中：39 项得分 {pts(report.items_total)}，加分 +{pts(report.bonus.score)}，扣分 -{pts(report.penalty.score)}"
    )
    for note in report.notes:
        con.print(safe_text(f"提示：{note}", "yellow"))

    t = table(con, "板块", "分值", "得分", "失分", "缺数据", title="各板块得分")
    for col in (1, 2, 3, 4):
        t.columns[col].justify = "right"
    for row in section_totals(report, editions.of(report.rubric)):
        if not row.size:
            continue
        unscored = row.incomplete == row.size  # none of its items scored: 未评分, not 0.00
        t.add_row(
            f"{row.section.id} {row.section.name}",
            num(row.item_points),
            "未评分" if unscored else pts(row.score) + ("（暂定）" if row.incomplete else ""),
            "未评分" if unscored else pts(row.lost),
            f"{row.incomplete} 项" if row.incomplete else "",
        )
    con.print(t)

    losses = largest_losses(report)
    if losses:
        t = table(con, "细则", "失分", "原因", "责任单位", title=f"失分最多的 {len(losses)} 条")
        t.columns[1].justify = "right"
        for _, ln in losses:
            t.add_row(ln.rule, pts(-ln.display), safe_text(ln.reason, "red"), "、".join(ln.units))
        con.print(t)

    gains = [ln for ln in report.bonus.lines if ln.delta > 0]
    if gains:
        t = table(con, "细则", "加分", "原因", title="加分")
        for ln in gains:
            t.add_row(ln.rule, pts(ln.display), safe_text(ln.reason, "green"))
        con.print(t)

    if report.missing:
        t = table(con, "位置", "缺少的内容", "字段编码", title="缺少数据（请补填后重新评分）")
        for m in report.missing:
            t.add_row(str(m.location or ""), m.label, m.key)
        con.print(t)
    monitoring(con, report)
    if output:
        con.print(f"评分结果已{'覆盖' if overwritten else '写入'}：{output}")


def monitoring(con: Console, report: Report) -> None:
    """Figures derived from monitoring data: what was filled, where typed figures differ, and the
    mid-year 预测 (clearly labelled)."""
    d = report.monitoring
    if d is None:
        return
    con.print(Text("由监测数据测算", style="bold"))
    con.print(
        f"测算 {len(d.derived)} 项：填入空白 {len(d.filled)} 项，与填报值不一致 {len(d.differences)} 项"
        f"（以填报值为准），未采用的暂定值 {len(d.provisional)} 项"
    )
    if d.differences:
        t = table(con, "字段编码", "内容", "填报值", "测算值", "差值", title="填报值与测算值不一致（以填报值为准）")
        for x in d.differences:
            delta = x.delta
            t.add_row(x.key, x.label, _shown(x.typed), _shown(x.derived), "" if delta is None else num(delta))
        con.print(t)
    for note in d.notes:
        con.print(f"  - {note}")
    mid = d.mid_year
    if mid is not None and mid.projection is not None and mid.total is not None:
        text = f"预测：本年空气日数据{mid.label}，以上年同期以后的日数据补齐全年，预测总分 {pts(mid.total)} 分"
        if mid.provisional:
            text += f"（暂定，未计 {num(mid.unscored_points)} 分）"
        con.print(Text(text + "，仅供参考", style="bold cyan"))
    elif mid is not None:
        con.print(f"本年空气日数据{mid.label}，未作全年预测")


def _shown(value) -> str:
    return num(value) if isinstance(value, (Decimal, int)) and not isinstance(value, bool) else str(value)


def problems(con: Console, err: EcoscoreError) -> None:
    con.print(safe_text(f"错误：{err.message}", "bold red"))
    for p in err.problems:
        where = f"{p.location} " if p.location else ""
        key = f"[{p.key}] " if p.key else ""
        con.print(safe_text(f"  - {where}{key}{p.message}"))
    for note in getattr(err, "notes", ()):  # e.g. the workbook is of another template version
        con.print(safe_text(f"提示：{note}", "yellow"))


def rubrics(con: Console, editions: list, default_id: str) -> None:
    """`ecoscore rubrics`: every edition with its id, Chinese title and year."""
    t = table(con, "编号（--rubric）", "考核细则", "适用年度", "责任单位名称来源", title="现有考核细则")
    for e in editions:
        t.add_row(
            e.id + ("（默认）" if e.id == default_id else ""), e.title, f"{e.year} 年", f"{e.source_county}责任清单"
        )
    con.print(t)
    con.print("评分时按输入的考核年度自动选用对应细则；没有该年度的细则时，可加 --rubric 编号 按该细则口径对比测算。")
