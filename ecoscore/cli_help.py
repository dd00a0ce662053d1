"""Help pages in Chinese, laid out as a Chinese reader expects: display widths counting a CJK character as
two columns, line breaks that keep punctuation with its word, headings and rows through click's public
formatter (cli_messages' command classes call these)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any


def option_names(opts: Sequence[str]) -> list[str]:
    """Short options first, as typer lists them."""
    return sorted(opts, key=lambda o: len(o) - len(o.lstrip("-/")))


def argument_name(param: Any) -> str:
    name = param.metavar or param.name
    return f"{name}..." if param.nargs != 1 else name


@cache
def cjk() -> re.Pattern[str]:
    return re.compile(r"[\u3400-\u9fff]")  # compiled when first used: a help page, not `score`


@cache
def tokens() -> re.Pattern[str]:
    return re.compile(r"[!-~]+|\s+|.")  # a run of ASCII, a run of blanks, or one other character


NO_LINE_START = set("，。；：、？！）》」』”’,.;:?!)]")


NO_LINE_END = set("（《「『“‘([")


# ---- help ------------------------------------------------------------------------------------------
# typer's formatter counts a Chinese character as one column; a console shows it in two. So the
# columns and line breaks of the help page are laid out here (with the formatter's public methods).
def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns; English words are not split, no line starts with a
    closing mark (，。）…) nor ends with an opening one (（“…): those take a character along."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []
        for token in tokens().findall(paragraph):
            if line and sum(map(columns, line)) + columns(token) > width:
                carried = []
                while token[0] in NO_LINE_START and len(line) > 1 and not line[-1].isspace():
                    carried.insert(0, line.pop())
                    if carried[0][0] not in NO_LINE_START:
                        break
                while len(line) > 1 and line[-1][-1] in NO_LINE_END:
                    carried.insert(0, line.pop())
                lines.append("".join(line).rstrip())
                line = carried
                if token.isspace():
                    continue
            line.append(token)
        lines.append("".join(line).rstrip())
    return lines


def write_rows(formatter: Any, rows: list[tuple[str, str]]) -> None:
    indent = " " * formatter.current_indent
    first = min(max(columns(label) for label, _ in rows), 30) + 2
    width = max(formatter.width - formatter.current_indent - first, 20)
    for label, text in rows:
        lines = wrap(text, width) if text else []
        if columns(label) + 2 > first and lines:  # a long label: its text starts on the next line
            formatter.write(f"{indent}{label}\n")
            lines = [" " * first + line for line in lines]
            formatter.write("".join(f"{indent}{line}\n" for line in lines))
            continue
        head = f"{indent}{label}{' ' * (first - columns(label))}" if lines else f"{indent}{label}"
        formatter.write(f"{head}{lines[0] if lines else ''}\n")
        formatter.write("".join(f"{indent}{' ' * first}{line}\n" for line in lines[1:]))


def section(formatter: Any, heading: str, rows: list[tuple[str, str]]) -> None:
    if rows:
        formatter.write_paragraph()
        formatter.write(f"{'':>{formatter.current_indent}}{heading}：\n")
        with formatter.indentation():
            write_rows(formatter, rows)


def help_label(param: Any) -> str:
    if param.param_type_name == "argument":
        return argument_name(param)
    label = ", ".join(option_names(param.opts))
    if param.secondary_opts:
        label += " / " + ", ".join(option_names(param.secondary_opts))
    if not param.is_flag and not param.count:
        label += f" {param.metavar or '值'}"
    return label


def help_text(param: Any) -> str:
    extra = []
    if param.required:
        extra.append("必填")
    else:
        shown = param.show_default
        default = param.default
        if isinstance(shown, str):
            extra.append(f"默认：{shown}")
        elif shown and not callable(default) and default not in (None, False, (), []):
            extra.append(f"默认：{default}")
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        extra.append(f"{low} 至 {high}")
    elif low is not None:
        extra.append(f"至少 {low}")
    elif high is not None:
        extra.append(f"至多 {high}")
    if getattr(param, "show_envvar", False) and param.envvar:
        names = param.envvar if isinstance(param.envvar, str) else "、".join(param.envvar)
        extra.append(f"环境变量：{names}")
    text = param.help or ""
    if extra:
        text = f"{text}  [{'；'.join(extra)}]" if text else f"[{'；'.join(extra)}]"
    return text
