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
from ecoscore.cli_messages import OPTIONS_METAVAR, SUBCOMMAND_METAVAR, EcoscoreCommand, EcoscoreGroup, whole_number
from ecoscore.cli_run import on_signal, run, state

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


SAME_OUTPUT = (
    "“{json}”同时被指定为 --json 报告和{what}：后写的会覆盖先写的；请给 JSON 报告另起文件名（如 评分结果.json）"
)

RUBRIC_HELP = (
    "按此考核细则评分（编号见 ecoscore rubrics；默认按考核年度自动选用）；年度不同时为对比测算，结果注明口径。"
)


def rubric_option():
    return typer.Option(None, "--rubric", metavar="细则", show_default=False, help=RUBRIC_HELP)


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


@app.command(cls=EcoscoreCommand)
def score(
    files: list[Path] = typer.Argument(
        ...,
        show_default=False,
        metavar="文件",
        help="填好的输入工作簿（.xlsx）或 JSON 输入；可给多个文件或一个文件夹（批量评分并排名）。",
    ),
    output: Optional[Path] = typer.Option(
        None,
        "-o",
        "--output",
        metavar="文件",
        help="评分结果工作簿路径（默认：<输入>.scored.xlsx；仅单个文件时可用）。",
    ),
    json_out: Optional[str] = typer.Option(
        None, "--json", metavar="文件", help="另存 JSON 评分报告到该路径；“-”表示输出到屏幕。"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示评分摘要（出错时仍显示错误）。"),
    summary: Optional[Path] = typer.Option(
        None, "--summary", metavar="文件", help="批量评分时汇总表的路径（默认：输入文件旁的 汇总.xlsx）。"
    ),
    jobs: Optional[int] = typer.Option(
        None,
        "--jobs",
        "-j",
        metavar="整数",
        parser=whole_number(1),
        help="批量评分时同时使用的进程数（默认：文件多时用 2 个）。",
    ),
    rubric_id: Optional[str] = rubric_option(),
) -> None:
    """评分：读取输入，计算 39 项及加扣分，写出评分结果工作簿并显示摘要；多个文件时另写汇总表并排名。"""
    from ecoscore.services import output as out
    from ecoscore.services import score as lib
    from ecoscore.services.batch import is_batch

    def single():
        if json_out and json_out != "-":
            wb = output or lib.scored_path(files[0])
            out.check_distinct(Path(json_out), wb, SAME_OUTPUT.format(json=json_out, what="评分结果工作簿"))
            out.check_output_path(Path(json_out), files[0])
        result = lib.score_file(files[0], output=output, rubric_id=rubric_id)
        if json_out == "-":
            sys.stdout.write(lib.report_json(result.report))
        elif json_out:
            out.write_text_atomic(Path(json_out), lib.report_json(result.report))
        if not quiet and json_out != "-":
            from ecoscore.terminal import render  # rich only when something is shown

            render.summary(render.console(), result.report, str(result.output) if result.output else None)

    def many():
        from ecoscore.core.model import UsageProblem
        from ecoscore.services import batch
        from ecoscore.terminal import render, render_batch

        if output is not None:
            raise UsageProblem(
                "批量评分时不能用 -o 指定单个结果文件：每个输入的评分结果写在它旁边；汇总表请用 --summary"
            )
        if json_out and json_out != "-":
            if summary is not None:
                out.check_distinct(Path(json_out), summary, SAME_OUTPUT.format(json=json_out, what="汇总表"))
            for f in files:
                out.check_output_path(Path(json_out), f)
        con = render.console()
        with render_batch.progress(con) as advance:
            result = batch.score_many(files, summary=summary, jobs=jobs, progress=advance, rubric_id=rubric_id)
        if json_out == "-":
            sys.stdout.write(out.json_text(result.to_dict()))
        elif json_out:
            out.write_text_atomic(Path(json_out), out.json_text(result.to_dict()))
        render_batch.show(
            con, result, render.console(stderr=True), quiet=quiet or json_out == "-", debug=state["debug"]
        )
        if result.exit_code:
            raise typer.Exit(result.exit_code)

    run(many if is_batch(files) else single)


@app.command(cls=EcoscoreCommand)
def explain(
    item: str = typer.Argument(..., metavar="编号", help="条款编号：1–39、B（加分项）或 P（扣分项）。"),
) -> None:
    """说明某一条款：原文、分值、责任单位、读取的字段和每条细则如何计分。"""
    from ecoscore import rubric
    from ecoscore.core.model import UsageProblem
    from ecoscore.terminal import render

    def go():
        edition = rubric.default()
        try:
            it = edition.item(item.strip())
        except KeyError:
            raise UsageProblem(f"没有第“{item}”项；请填 1–39、B（加分项）或 P（扣分项）") from None
        render.explain(render.console(), it, edition.catalogue)

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


@app.command(cls=EcoscoreCommand)
def diff(
    last: Path = typer.Argument(
        ...,
        show_default=False,
        metavar="上年文件",
        help="上年的文件：填报工作簿、评分结果工作簿（*.scored.xlsx）或 JSON 输入。",
    ),
    current: Optional[Path] = typer.Argument(
        None, show_default=False, metavar="本年文件", help="本年的文件（默认：当前文件夹中的 input.xlsx）。"
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", metavar="文件", help="另存对比工作簿（每种对比一张表，增绿减红）。"
    ),
    json_out: Optional[str] = typer.Option(
        None, "--json", metavar="文件", help="另存 JSON 对比结果到该路径；“-”表示输出到屏幕。"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示对比结果（出错时仍显示错误）。"),
    rubric_id: Optional[str] = rubric_option(),
) -> None:
    """对比两年的考核：总分与各板块、得分变化的条款及细则、填报数据、责任单位失分和缺项。"""
    from ecoscore.services import diff as lib
    from ecoscore.services import output as out

    def go():
        if json_out and json_out != "-":
            if output is not None:
                out.check_distinct(Path(json_out), output, SAME_OUTPUT.format(json=json_out, what="对比工作簿"))
            for f in (last, current or Path("input.xlsx")):
                out.check_output_path(Path(json_out), f)
        result = lib.diff_files(last, current, output=output, rubric_id=rubric_id)
        if json_out == "-":
            sys.stdout.write(lib.diff_json(result))
        elif json_out:
            out.write_text_atomic(Path(json_out), lib.diff_json(result))
        if not quiet and json_out != "-":
            from ecoscore.terminal import render_diff
            from ecoscore.terminal.render import console

            con = console()
            render_diff.show(con, result)
            if output:
                con.print(f"对比工作簿已写入：{output}")

    run(go)


@app.command(cls=EcoscoreCommand)
def rubrics() -> None:
    """列出 ecoscore 现有的考核细则：编号、名称和适用年度。"""
    from ecoscore import rubric
    from ecoscore.terminal import render

    def go():
        render.rubrics(render.console(), rubric.editions(), rubric.DEFAULT_ID)

    run(go)
