"""Options and texts more than one command shares."""

from __future__ import annotations

import typer

SAME_OUTPUT = (
    "“{json}”同时被指定为 --json 报告和{what}：后写的会覆盖先写的；请给 JSON 报告另起文件名（如 评分结果.json）"
)

RUBRIC_HELP = (
    "按此考核细则评分（编号见 ecoscore rubrics；默认按考核年度自动选用）；年度不同时为对比测算，结果注明口径。"
)


def rubric_option():
    return typer.Option(None, "--rubric", metavar="细则", show_default=False, help=RUBRIC_HELP)
