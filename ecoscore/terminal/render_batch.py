"""Terminal output of batch scoring: a progress bar while scoring, then the failed files with
their errors and the ranking table. Same conventions as `render` (whose helpers it uses)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ecoscore.core.kit import pts
from ecoscore.terminal.render import problems, table
from ecoscore.terminal.render_city import city_lines

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


def ranking_table(con: Console, result) -> None:
    t = table(
        con,
        "排名",
        "县（市、区）",
        "年度",
        "总分",
        "暂定",
        "加分",
        "扣分",
        "失分最多的细则（失分）",
        "评分结果",
        title=f"排名（{len(result.ranking)} 个）",
    )
    for col in (0, 3, 5, 6):
        t.columns[col].justify = "right"
    for row in result.ranking:
        loss = "  ".join(f"{ln.rule} -{pts(-ln.display)}" for _, ln in row.losses)
        t.add_row(
            str(row.rank),
            plain(row.label),
            str(row.year or ""),
            pts(row.total),
            Text(f"是（{row.unscored} 项）", style="yellow") if row.provisional else "否",
            f"+{pts(row.bonus)}",
            f"-{pts(row.penalty)}",
            loss,
            plain(row.output or ""),
        )
    con.print(t)


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
    done, failed = len(result.ranking), len(result.failed)
    line = f"共 {len(result.outcomes)} 个文件：已评分 {done} 个"
    line += f"，{failed} 个未评分（见上方错误）" if failed else ""
    con.print(Text(line, style="bold yellow" if failed else "bold green"))
    if result.summary_path is not None:
        con.print(plain(f"汇总表已写入：{result.summary_path}"))
