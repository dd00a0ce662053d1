"""Running a command: expected failures as their Chinese report and documented exit code, a closed
output pipe as 141, Ctrl-C / SIGTERM as one Chinese line and 130 / 143 (nothing half-written is left),
a bug of ours as one short line (the traceback with --debug)."""

from __future__ import annotations

import os
import signal
import sys

import typer

state = {"debug": False}


PIPE_CLOSED = 141  # 128 + SIGPIPE: what a shell shows for `ls | head -1`; also on Windows, which has no SIGPIPE


INTERRUPTED, TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM


INTERRUPTED_TEXT = "已中断：没有留下写了一半的文件（已写完的文件保留），输入文件未改动"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every writer removes its temporary file."""


pending: dict = {"signal": None}  # a signal that arrived during an import, acted on once it is done


def on_signal(signum, frame) -> None:
    """Ctrl-C and SIGTERM stop the command at once (every writer removes its temporary file),
    except inside an import: a KeyboardInterrupt there is swallowed by importlib with an
    “Exception ignored … Traceback”, so it is noted and acted on when the command returns."""
    f = frame
    while f is not None:
        if f.f_code.co_filename.startswith("<frozen importlib"):
            pending["signal"] = signum
            return
        f = f.f_back
    if not state["debug"]:
        sys.unraisablehook = _ending
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _ending(unraisable) -> None:
    """From the interrupt on, the command is ending and its temporary files are removed by the code
    the interrupt unwinds. What it cut short half-built may still fail in its finaliser (a ZipFile
    whose __init__ was stopped: “Exception ignored in … ZipFile.__del__”); that is the interrupt's
    doing, not news for the clerk. Shown with --debug."""


def interrupted(code: int) -> typer.Exit:
    typer.echo(INTERRUPTED_TEXT, err=True)
    return typer.Exit(code)


def quiet_stdout() -> None:
    """The reader of our stdout has gone: point stdout at the null device, so that the flush
    at exit has nowhere to fail (https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def run(fn):
    """Call `fn`; expected failures print their Chinese report and exit with their code."""
    from ecoscore.core.interrupt import interrupt_behind  # here, not at import: `--help` never needs them
    from ecoscore.core.model import EcoscoreError

    try:
        result = fn()
        sys.stdout.flush()  # a closed pipe surfaces here, not in the interpreter's exit
        if pending["signal"] is not None:  # arrived during an import; the work was finished
            raise interrupted(TERMINATED if pending["signal"] == signal.SIGTERM else INTERRUPTED)
        return result
    except BrokenPipeError:
        quiet_stdout()
        raise typer.Exit(PIPE_CLOSED) from None
    except KeyboardInterrupt as exc:
        raise interrupted(TERMINATED if isinstance(exc, Terminated) else INTERRUPTED) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        stop = interrupt_behind(exc)
        if stop is not None:  # an error the interrupt caused on its way out: the interrupt is the news
            raise interrupted(TERMINATED if isinstance(stop, Terminated) else INTERRUPTED) from None
        if isinstance(exc, EcoscoreError):
            from ecoscore.terminal import render  # rich only when something is shown

            render.problems(render.console(stderr=True), exc)
            raise typer.Exit(exc.exit_code) from None
        # a bug of ours: short message, traceback only on request
        if state["debug"]:
            raise
        typer.echo(
            f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行以查看详细信息，并将输出反馈给开发者。",
            err=True,
        )
        raise typer.Exit(1) from None
