"""`ecoscore diff`: its options and how it hands two files to `ecoscore.services.diff`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ecoscore.cli_options import SAME_OUTPUT, rubric_option
from ecoscore.cli_run import run


def diff(
    last: Path = typer.Argument(
        ...,
        show_default=False,
        metavar="文件一",
        help="对比的一方（如上年或自评）：填报工作簿、评分结果工作簿（*.scored.xlsx）或 JSON 输入。",
    ),
    current: Optional[Path] = typer.Argument(
        None,
        show_default=False,
        metavar="文件二",
        help="对比的另一方（如本年或核定；默认：当前文件夹中的 input.xlsx）；变化 = 文件二 − 文件一。",
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", metavar="文件", help="另存对比工作簿（每种对比一张表，增绿减红）。"
    ),
    json_out: Optional[str] = typer.Option(
        None, "--json", metavar="文件", help="另存 JSON 对比结果到该路径；“-”表示输出到屏幕。"
    ),
    audit: bool = typer.Option(
        False, "--audit", help="文件一是县（市、区）的自评，文件二是市里的核定：两方标为“自评”“核定”。"
    ),
    show_all: bool = typer.Option(
        False, "--all", help="也显示没有分值变化的板块和细则（默认只显示有变化的，并注明另有几行无变化）。"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示对比结果（出错时仍显示错误）。"),
    rubric_id: Optional[str] = rubric_option(),
) -> None:
    """对比两个文件的考核（两个年度、同一年度的两份填报，或自评与核定）：总分与各板块、得分变化的条款及细则、填报数据、责任单位失分和缺项。"""
    from ecoscore.services import diff as lib
    from ecoscore.services import output as out

    def go():
        if json_out and json_out != "-":
            if output is not None:
                out.check_distinct(Path(json_out), output, SAME_OUTPUT.format(json=json_out, what="对比工作簿"))
            for f in (last, current or Path("input.xlsx")):
                out.check_output_path(Path(json_out), f)
        result = lib.diff_files(last, current, output=output, rubric_id=rubric_id, audit=audit)
        if json_out == "-":
            sys.stdout.write(lib.diff_json(result))
        elif json_out:
            out.write_text_atomic(Path(json_out), lib.diff_json(result))
        if not quiet and json_out != "-":
            from ecoscore.terminal import render_diff
            from ecoscore.terminal.render import console

            con = console()
            render_diff.show(con, result, show_all=show_all)
            if output:
                con.print(f"对比工作簿已写入：{output}")

    run(go)
