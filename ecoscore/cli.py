"""The `ecoscore` command (with `cli_messages`, the only modules that use typer). Each command
calls one function of `ecoscore.services` and hands the result to `ecoscore.terminal`.

Exit codes (README): 0 scored, 1 internal error, 2 usage, 3 unreadable file,
4 invalid input, 5 output not writable; 141 output pipe closed by its reader, 130 / 143
interrupted by Ctrl-C / SIGTERM (128 + the signal's number, as shells report them).
"""

from __future__ import annotations

import signal
import sys
import warnings
from pathlib import Path
from typing import Optional

import typer

from ecoscore import __version__
from ecoscore.cli_diff import diff
from ecoscore.cli_messages import OPTIONS_METAVAR, SUBCOMMAND_METAVAR, EcoscoreCommand, EcoscoreGroup
from ecoscore.cli_options import rubric_option
from ecoscore.cli_run import on_signal, run, state
from ecoscore.cli_score import score

app = typer.Typer(
    name="ecoscore",
    help="县级生态环境保护工作年度考核自动评分（怀化市 2021 年考核细则）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=EcoscoreGroup,  # usage errors and --help in Chinese (ecoscore/cli_messages.py)
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar=SUBCOMMAND_METAVAR,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ecoscore {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号后退出。"),
    debug: bool = typer.Option(False, "--debug", help="出现内部错误时显示完整的 Python 调用栈。"),
) -> None:
    """县级生态环境保护工作年度考核自动评分。"""
    state["debug"] = debug
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, on_signal)
    except (ValueError, OSError):  # not the main thread (an embedding program): keep its handling
        pass
    # openpyxl warns about damaged or WPS-made parts it can read anyway; clerks need no Python warnings.
    warnings.filterwarnings("ignore", module="openpyxl")
    for stream in (sys.stdout, sys.stderr):
        # A GBK console cannot show every character (e.g. ³); replace rather than crash.
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


app.command(cls=EcoscoreCommand)(score)


@app.command(cls=EcoscoreCommand)
def explain(
    topic: str = typer.Argument(
        ...,
        metavar="编号",
        help="条款编号（1–39、B 加分项、P 扣分项，也可写“第9项”）、细则编号（如 9.4、B.1）或字段编码（如 air.pm25）。",
    ),
) -> None:
    """说明某一条款、细则或字段：条款的原文、分值、责任单位和每条细则如何计分；字段的含义、单位、填写位置和读取它的条款。"""
    from ecoscore import rubric
    from ecoscore.services.explain import explain as find
    from ecoscore.terminal import render, render_explain

    def go():
        edition = rubric.default()
        render_explain.show(render.console(), find(topic, edition), edition.catalogue)

    run(go)


@app.command("init-template", cls=EcoscoreCommand)
def init_template(
    path: Path = typer.Argument(Path("input.xlsx"), metavar="文件", help="要生成的输入工作簿路径。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
    from_: Optional[Path] = typer.Option(
        None,
        "--from",
        show_default=False,
        metavar="文件",
        help="上年的填报工作簿、评分结果或 JSON：结转上年数据（上年浓度、上年类别、重污染天数历史等）、断面名单和目标值。",
    ),
    county: Optional[str] = typer.Option(
        None, "--county", metavar="名称", show_default=False, help="县（市、区）名称，如 鹤城区（填入“填报说明”表）。"
    ),
    year: Optional[int] = typer.Option(
        None,
        "--year",
        metavar="年度",
        show_default=False,
        help="考核年度，如 2021（须有该年度的考核细则，或加 --rubric）。",
    ),
    rubric_id: Optional[str] = rubric_option(),
) -> None:
    """生成标准输入工作簿（中文、带数据验证、目标值已预填）。"""
    from ecoscore.services import template as lib

    def go():
        carried = lib.init_template(path, force=force, from_=from_, county=county, year=year, rubric_id=rubric_id)
        if carried is None:
            typer.echo(f"已生成输入工作簿：{path}")
        else:
            from ecoscore.terminal import render_diff
            from ecoscore.terminal.render import console

            render_diff.carried(console(), carried, str(path))

    run(go)


app.command(cls=EcoscoreCommand)(diff)


@app.command(cls=EcoscoreCommand)
def rubrics() -> None:
    """列出 ecoscore 现有的考核细则：编号、名称和适用年度。"""
    from ecoscore import rubric
    from ecoscore.terminal import render

    def go():
        render.rubrics(render.console(), rubric.editions(), rubric.DEFAULT_ID)

    run(go)
