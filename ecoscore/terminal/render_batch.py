"""Terminal output of batch scoring: a progress bar while scoring, then the failed files with
their errors and the ranking table. Same conventions as `render` (whose helpers it uses)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ecoscore.core.kit import pts, signed
from ecoscore.terminal.render import problems, table_box
from ecoscore.terminal.render_city import city_lines

MAX_WIDTH = 80  # the ranking fits a standard console window (cmd.exe, PowerShell)
COUNTY_WIDTH = 20  # wider labels (a county named twice carries its file name) end in …
PROGRESS_THRESHOLD = 3  # a bar only when more files than this are scored
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: object, style: str = "") -> Text:
    """User text (county names, file names) as literal text: no rich markup, no control characters
    (an ESC in a county name must not drive the terminal)."""
    return Text(CONTROL.sub("", str(text)), style=style)


@contextmanager
def progress(con: Console, threshold: int = PROGRESS_THRESHOLD) -> Iterator:
    """A callback for `batch.score_many(progress=...)` that drives a rich progress bar on `con`.

    The bar appears at the first finished file, and only when more than `threshold` files are
    scored and `con` is a terminal; it is removed when scoring ends (the ranking follows)."""
    state: dict = {}
    bar = Progress(
        TextColumn("评分中"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        console=con,
        transient=True,
    )

    def advance(done: int, total: int, outcome) -> None:
        if total <= threshold or not con.is_terminal:
            return
        if "task" not in state:
            bar.start()
            state["task"] = bar.add_task("评分", total=total, name="")
        bar.update(state["task"], completed=done, name=outcome.path.name)

    try:
        yield advance
    finally:
        if "task" in state:
            bar.stop()


def failures(con: Console, result, debug: bool = False) -> None:
    """Each file that was not scored, with every problem found in it (and, for an internal error,
    the traceback when `debug`)."""
    for o in result.failed:
        con.print(plain(f"未评分：{o.path}", "bold red"))
        problems(con, o.error)
        detail = getattr(o.error, "detail", "")
        if detail:
            con.print(Text(detail) if debug else Text("  请加 --debug 重新运行以查看详细信息，并将输出反馈给开发者。"))


def skipped(con: Console, items: list, listed: int = 3) -> None:
    """Files passed over, one line per reason; names only when there are few (a re-run in a
    folder passes over every scored workbook of the last run)."""
    groups: dict[str, list] = {}
    for path, why in items:
        groups.setdefault(why, []).append(path)
    for why, paths in groups.items():
        names = "：" + "、".join(str(p) for p in paths) if len(paths) <= listed else ""
        con.print(plain(f"已跳过 {len(paths)} 个{why}{names}", "dim"))


def percent(x: Decimal | None) -> str:
    return "" if x is None else f"{(x * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def losses(row) -> str:
    """ "8.8(-4.85) 21.2(-0.50)": no space inside an entry, so a wrapped line breaks between entries."""
    return " ".join(f"{ln.rule}(-{pts(-ln.display)})" for _, ln in row.losses) or "无失分"


def county_table(con: Console, rows: list, title: str, first: str, comparison) -> Table:
    """At most 80 columns: short headers, no file names; only the losses column wraps."""
    t = Table(
        title=title, box=table_box(con), show_edge=False, title_justify="left", pad_edge=False, collapse_padding=True
    )
    t.add_column(first, justify="right", no_wrap=True)
    t.add_column("县（市、区）", no_wrap=True, overflow="ellipsis", max_width=COUNTY_WIDTH)
    t.add_column("总分", justify="right", no_wrap=True)
    t.add_column("得分率", justify="right", no_wrap=True)
    if comparison is not None:
        t.add_column("比上年", justify="right", no_wrap=True)
    t.add_column("失分最多的细则", overflow="fold", min_width=14, ratio=1)
    for row in rows:
        cells = [
            str(row.rank) if row.rank is not None else f"{pts(row.unscored_points)}分",
            plain(row.label),
            pts(row.total),
            percent(row.rate),
        ]
        if comparison is not None:
            change = comparison.changes.get(row.index)
            cells.append("—" if change is None else signed(change.delta) + ("*" if change.last.provisional else ""))
        t.add_row(*cells, losses(row))
    return t


def ranking_table(con: Console, result) -> None:
    """The ranked counties, the city average, then the provisional ones under their own heading."""
    comparison = result.previous
    width = min(con.width, MAX_WIDTH)
    if result.finals:
        con.print(
            county_table(con, result.finals, f"排名（{len(result.finals)} 个县最终得分）", "名次", comparison),
            width=width,
        )
    average = result.average
    if average is not None:
        total, rate = average
        con.print(
            plain(f"全市平均（{len(result.finals)} 个最终得分县，不含暂定）：总分 {pts(total)}，得分率 {percent(rate)}")
        )
    if result.provisionals:
        title = f"暂定（{len(result.provisionals)} 个，有条款缺少数据未评分，不排名次；得分率按已评分的分值计）"
        con.print(county_table(con, result.provisionals, title, "未评分", comparison), width=width)
    for row in result.ranking:
        if row.basis:
            con.print(plain(f"注：{row.label}{row.basis}", "dim"))
    if comparison is not None:
        con.print(plain("比上年：与上年同名县的总分之差；* 上年为暂定分", "dim"))
        if comparison.unmatched:
            con.print(plain("上年没有对应数据（—）：" + "、".join(comparison.unmatched), "dim"))
        for path, why in comparison.previous.failed:
            con.print(plain(f"上年文件未能读取：{path.name}（{why}）", "yellow"))


def show(con: Console, result, err: Console | None = None, *, quiet: bool = False, debug: bool = False) -> None:
    """The batch's report: failures (on `err`, default `con`), then, unless `quiet`, the ranking,
    the skipped files and where the summary workbook is."""
    err = err or con
    failures(err, result, debug)
    if result.summary_error is not None:
        err.print(plain(f"错误：{result.summary_error.message}", "bold red"))
    if quiet:
        return
    if result.ranking:
        ranking_table(con, result)
    skipped(con, result.skipped)
    for line, style in city_lines(result):
        con.print(plain(line, style))
    failed = len(result.failed)
    line = (
        f"共 {len(result.outcomes)} 个文件：{len(result.finals)} 个县最终得分，{len(result.provisionals)} 个暂定，"
        f"{failed} 个无法评分" + ("（见上方错误）" if failed else "")
    )
    con.print(Text(line, style="bold yellow" if failed or result.provisionals else "bold green"))
    if result.summary_path is not None:
        con.print(plain(f"汇总表已写入：{result.summary_path}"))
