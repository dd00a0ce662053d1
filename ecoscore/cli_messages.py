"""Chinese for what typer itself shows: usage errors, the --help page and its headings.

Public API of typer only. The command classes below subclass `typer.core.TyperGroup` and
`typer.core.TyperCommand` (given to typer with `cls=`) and override their public methods;
nothing in typer is replaced. Messages are written here from the public attributes of the
exception (`ctx`, `param`, `option_name`, `possibilities`), never by translating typer's English
text, so rewording in a typer upgrade cannot bring English back: an error we do not recognise
gets a general Chinese message (`MESSAGE_UNKNOWN`) instead of typer's sentence.

typer 0.29 has its own copy of click and gives public names to only a few of its exceptions
(`typer.BadParameter`, and `typer.TyperException`, the base of all of them). UsageError,
NoSuchOption, MissingParameter and BadOptionUsage have none, so they are told apart by their
public attributes.
"""

from __future__ import annotations

import difflib
import inspect
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

import typer
import typer.core

from ecoscore.cli_help import (
    argument_name,
    cjk,
    help_label,
    help_text,
    option_names,
    section,
    wrap,
)

HELP_OPTION_HELP = "显示本帮助后退出。"
USAGE_PREFIX = "用法："
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
MESSAGE_UNKNOWN = "命令行有误。"
ABORTED = "已中止。"

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
WHOLE_NUMBER = re.compile(r"[+-]?\d{1,18}")


# ---- messages --------------------------------------------------------------------------------------
def plain(text: object) -> str:
    """Text the user typed, with control characters shown as escapes (they cannot drive the terminal)."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def quoted(words: Iterable[object], last: str = "或") -> str:
    """“a”、“b”或“c”."""
    items = [f"“{plain(w)}”" for w in words]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def describe(param: Any) -> str:
    """参数“文件” or 选项“-j / --jobs”."""
    if param.param_type_name == "argument":
        return f"参数“{param.metavar or param.name}”"
    return f"选项“{' / '.join(option_names(param.opts))}”"


def find_option(ctx: Any, name: str) -> Any | None:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            return param
    return None


def message(err: typer.TyperException) -> str:
    """The Chinese message for an exception of typer's click (without the 错误： prefix)."""
    ctx = getattr(err, "ctx", None)
    param = getattr(err, "param", None)
    text = str(getattr(err, "message", "") or "")
    if isinstance(err, typer.BadParameter):
        if hasattr(err, "param_type"):  # MissingParameter
            return f"缺少{describe(param)}。" if param is not None else "缺少参数。"
        what = describe(param) if param is not None else "参数"
        # Our own parsers write Chinese; typer's (pydantic's) English detail is left out.
        return f"{what}的值无效：{text}" if cjk().search(text) else f"{what}的值无效。"
    option = getattr(err, "option_name", None)
    if option is not None:
        if hasattr(err, "possibilities"):  # NoSuchOption
            close = sorted(getattr(err, "possibilities", None) or ())
            return f"没有选项“{plain(option)}”。" + (f"你是不是要用{quoted(close)}？" if close else "")
        known = find_option(ctx, option)  # BadOptionUsage: a value missing, or one given to a flag
        if known is None:
            return f"选项“{plain(option)}”的用法有误。"
        if known.is_flag:
            return f"选项“{plain(option)}”不接受值。"
        return (
            f"选项“{plain(option)}”需要一个值。"
            if known.nargs == 1
            else f"选项“{plain(option)}”需要 {known.nargs} 个值。"
        )
    if cjk().search(text):  # written by the classes below (ctx.fail) or by us
        return text
    return MESSAGE_UNKNOWN


def show(err: typer.TyperException) -> None:
    """Usage line, where to find help, and the message — as click lays them out, in Chinese."""
    ctx = getattr(err, "ctx", None)
    if ctx is not None and err.exit_code == 2:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"请运行“{ctx.command_path} {ctx.help_option_names[0]}”查看帮助。\n"
        typer.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    typer.echo(f"错误：{message(err)}", err=True)


# ---- values ----------------------------------------------------------------------------------------
def whole_number(minimum: int) -> Callable[[Any], int]:
    """A `parser=` for a whole number of at least `minimum`, with the error in Chinese."""

    def parse(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not WHOLE_NUMBER.fullmatch(text):
                raise typer.BadParameter(f"“{plain(value)}”不是整数。")
            number = int(text)
        if number < minimum:
            raise typer.BadParameter(f"“{number}”太小，至少为 {minimum}。")
        return number

    return parse


class ChineseCommandMixin:
    """What the group and the commands share: the --help page and usage errors, in Chinese."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_help_text(self, ctx, formatter) -> None:
        text = inspect.cleandoc(self.help or "").partition("\f")[0]
        if self.deprecated:
            text += "（已弃用）"
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                indent = " " * formatter.current_indent
                width = max(formatter.width - formatter.current_indent, 20)
                formatter.write("".join(f"{indent}{line}\n" if line else "\n" for line in wrap(text, width)))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:  # this command's own help option (an instance)
            option.help = HELP_OPTION_HELP
            # False, not None, when not given: typer then has nothing to convert, and `score --help`
            # does not import pydantic for the `ecoscore` group's help option (docs/performance.md).
            option.default = False
        return option

    def format_options(self, ctx, formatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if not param.hidden:
                rows = arguments if param.param_type_name == "argument" else options
                rows.append((help_label(param), help_text(param)))
        section(formatter, "参数", arguments)
        section(formatter, "选项", options)

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.TyperException as err:
            if getattr(err, "ctx", False) is None:  # the option parser raises some without one
                err.ctx = ctx
            raise

    def main(
        self, args=None, prog_name=None, complete_var=None, standalone_mode=True, windows_expand_args=True, **extra
    ):
        """As typer's, but usage errors are shown in Chinese. With standalone_mode=False the
        exceptions reach the caller as in typer."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            # Without standalone mode typer returns the command's value, or the code of a
            # typer.Exit; ecoscore's commands return None.
            rv = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            typer.echo(ABORTED, err=True)
            sys.exit(1)
        except typer.TyperException as err:  # click's exceptions: usage errors (exit code 2) and others
            show(err)
            sys.exit(err.exit_code)
        sys.exit(rv if isinstance(rv, int) else 0)


class EcoscoreCommand(ChineseCommandMixin, typer.core.TyperCommand):
    def parse_args(self, ctx, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # so that extra arguments are reported here, in Chinese
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            ctx.fail(f"多余的参数：{quoted(rest, last='、')}。")
        return rest


class EcoscoreGroup(ChineseCommandMixin, typer.core.TyperGroup):
    """The `ecoscore` command. A missing command is reported by `invoke` (in Chinese): typer
    itself is asked to run the callback without one."""

    def __init__(self, *, invoke_without_command: bool = False, **attrs: Any) -> None:
        super().__init__(invoke_without_command=True, **attrs)
        self.command_required = not invoke_without_command

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter) -> None:
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        commands = [(name, cmd) for name, cmd in commands if cmd is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            section(formatter, "命令", [(name, cmd.get_short_help_str(limit)) for name, cmd in commands])

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), err=True)  # as typer: the help, on stderr, exit code 2
            ctx.exit(2)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx, args: list[str]):
        name = args[0]
        if not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name, self.list_commands(ctx))
            ctx.fail(
                f"没有命令“{plain(name)}”。"
                + (
                    f"你是不是要用{quoted(close)}？"
                    if close
                    else f"可用的命令：{quoted(self.list_commands(ctx), last='、')}。"
                )
            )
        return super().resolve_command(ctx, args)

    def invoke(self, ctx):
        rv = super().invoke(ctx)
        if ctx.invoked_subcommand is None and self.command_required:
            ctx.fail(f"缺少命令（{quoted(self.list_commands(ctx))}）。")
        return rv
