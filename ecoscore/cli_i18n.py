"""Chinese for the messages that typer's bundled click prints itself (usage errors, help text).

typer ships its own copy of click (`typer._click`) with English literals, so this module
wraps the three places users see them: the usage line, the --help option's text and the
usage-error report. Messages we do not know pass through unchanged.
"""

from __future__ import annotations

import re

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^Missing argument (.+)\.$", r"缺少参数 \1。"),
    (r"^Missing option (.+)\.$", r"缺少选项 \1。"),
    (r"^Missing parameter:? (.+?)\.?$", r"缺少参数 \1。"),
    (r"^No such command (.+)\.$", r"没有命令 \1。"),
    (r"^No such option: (.+)$", r"没有选项：\1"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"多余的参数（\1）"),
    (r"^Option (.+) requires an argument\.$", r"选项 \1 需要一个值。"),
    (r"^Option (.+) does not take a value\.$", r"选项 \1 不接受值。"),
    (r"^Invalid value for (.+?): (.+)$", r"\1 的值无效：\2"),
    (r"^(.+) is not a valid integer\.$", r"\1 不是有效的整数。"),
))
# typer's own help headings go through gettext, so a lookup table is enough for them.
WORDS = {"Arguments": "参数", "Options": "选项", "Commands": "命令", "required": "必填",
         "default: {default}": "默认：{default}", "env var: {var}": "环境变量：{var}", "Aborted!": "已中止。"}
HELP_TEXT = "显示本帮助后退出。"
USAGE_PREFIX = "用法："


def translate(message: str) -> str:
    for pattern, replacement in PATTERNS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def install() -> None:
    """Best effort: if typer's internals change, its English messages simply remain."""
    try:
        _install()
    except (ImportError, AttributeError):
        pass


def _install() -> None:
    import typer.core
    from typer._click import core, exceptions, formatting
    from typer._click.utils import echo

    typer.core._ = lambda message: WORDS.get(message, message)

    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self, prog, args="", prefix=None):
        return original_write_usage(self, prog, args, f"{USAGE_PREFIX} " if prefix is None else prefix)

    original_get_help_option = core.Command.get_help_option

    def get_help_option(self, ctx):
        option = original_get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def show(self, file=None):
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = f"请运行“{self.ctx.command_path} {self.ctx.help_option_names[0]}”查看帮助。\n"
        if self.ctx is not None:
            echo(f"{self.ctx.get_usage()}\n{hint}", err=True)
        echo(f"错误：{translate(self.format_message())}", err=True)

    formatting.HelpFormatter.write_usage = write_usage
    core.Command.get_help_option = get_help_option
    exceptions.UsageError.show = show
