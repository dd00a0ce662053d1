"""`ecoscore score`: its options and how it hands one file or a batch to `ecoscore.services`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ecoscore import cli_collector
from ecoscore.cli_messages import whole_number
from ecoscore.cli_options import SAME_OUTPUT, rubric_option
from ecoscore.cli_run import run, state


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
    self_file: Optional[Path] = typer.Option(
        None,
        "--self",
        metavar="自评文件",
        help="所给文件为市里的核定，本项为县（市、区）报来的自评：两者都评分，写出“核定差异”表，列出每项差异的原因（仅单个文件时可用）。",
    ),
    rubric_id: Optional[str] = rubric_option(),
    explain_losses: bool = typer.Option(
        False, "--explain-losses", help="另显示失分挽回：改变哪项填报值可挽回多少分（按可挽回分值排序）。"
    ),
    by_unit: Optional[Path] = typer.Option(
        None,
        "--by-unit",
        metavar="文件夹",
        help="为每个有失分的责任单位写一份可打印的失分清单到该文件夹（不存在时自动创建）；仅单个文件时可用。",
    ),
    no_city: bool = typer.Option(
        False,
        "--no-city",
        help="批量评分时不由各县数据测算全市平均改善幅度、水质综合指数全市排名和全市第1名（默认：同一考核细则、"
        "同一年度的多个县时测算，只填入空白字段）。",
    ),
    prev: Optional[Path] = typer.Option(
        None,
        "--prev",
        metavar="文件夹",
        help="批量评分时与上年比较：上年各县的工作簿、评分结果或 JSON 所在文件夹（按县名对应）。",
    ),
) -> None:
    """评分：读取输入，计算 39 项及加扣分，写出评分结果工作簿并显示摘要；多个文件时另写汇总表并排名。"""
    from ecoscore.services import output as out
    from ecoscore.services import score as lib
    from ecoscore.services.batch_inputs import is_batch  # not `batch`: one file needs none of it

    extra = explain_losses or by_unit is not None  # both need the recoveries

    def single():
        if prev is not None:
            from ecoscore.core.model import UsageProblem

            raise UsageProblem(
                "--prev 仅用于批量评分（多个文件或一个文件夹）；单个县与上年对比请用 ecoscore diff 上年文件 本年文件"
            )
        if json_out and json_out != "-":
            wb = output or lib.scored_path(files[0])
            out.check_distinct(Path(json_out), wb, SAME_OUTPUT.format(json=json_out, what="评分结果工作簿"))
            out.check_output_path(Path(json_out), files[0])
            if self_file is not None:
                out.check_output_path(Path(json_out), self_file)
        result = lib.score_file(
            files[0], output=output, rubric_id=rubric_id, self_path=self_file, recover=extra, notices_to=by_unit
        )
        if json_out == "-":
            sys.stdout.write(out.json_text(result.to_dict()))
        elif json_out:
            out.write_text_atomic(Path(json_out), out.json_text(result.to_dict()))
        if (quiet and not explain_losses) or json_out == "-" and not extra:
            return
        from ecoscore.terminal import render, render_losses  # rich only when something is shown

        con = render.console(stderr=json_out == "-")  # stdout holds the JSON report then
        if not quiet and json_out != "-":
            shown = str(result.output) if result.output else None
            render.summary(con, result.report, shown, overwritten=result.overwritten)
            if result.audit is not None:
                from ecoscore.terminal import render_audit

                render_audit.show(con, result.audit)
        if explain_losses:
            render_losses.losses(con, result.recoveries or [])
        if by_unit is not None and not quiet:
            render_losses.notices(con, by_unit, result.notices)

    def many():
        from ecoscore.core.model import UsageProblem
        from ecoscore.services import batch
        from ecoscore.terminal import render, render_batch

        cli_collector.long_run()  # minutes, in forked workers: the interpreter's collector settings

        if self_file is not None:
            raise UsageProblem(
                "--self（自评文件）只能用于单个核定文件：请写成 ecoscore score 核定文件.xlsx --self 自评文件.xlsx"
            )
        if extra:
            raise UsageProblem(
                "批量评分时不能用 --explain-losses 或 --by-unit：失分挽回和失分清单按单个县（市、区）给出，"
                "请对每个输入文件分别运行 ecoscore score 文件 --by-unit 文件夹"
            )
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
        import tempfile

        with tempfile.TemporaryDirectory(prefix="ecoscore-") as spool:  # each county's report, for --json
            with render_batch.progress(con) as advance:
                result = batch.score_many(
                    files,
                    summary=summary,
                    jobs=jobs,
                    progress=advance,
                    rubric_id=rubric_id,
                    city=not no_city,
                    reports=Path(spool) if json_out else None,
                    previous=prev,
                )
            if json_out:
                from ecoscore.services import batch_json

                batch_json.save(result, json_out)
        render_batch.show(
            con, result, render.console(stderr=True), quiet=quiet or json_out == "-", debug=state["debug"]
        )
        if result.exit_code:
            raise typer.Exit(result.exit_code)

    run(many if is_batch(files) else single)
