"""The `ecoscore` console script's entry point (`console`): the command, with the collector set
for a short run (`cli_collector`; a batch sets it back), and a quick exit. The library leaves the
interpreter's settings alone.

A normal exit tears everything down: every module, the rubric, the caches, freed object by
object (about 15–20 ms of a 0.2 s `score`), to give back memory the system takes back anyway.
When the command has nothing left to clean up — one thread, and none of the modules that clean
up at exit loaded — the streams are flushed and the process ends there, as mypy ends its runs
(`util.hard_exit`). Otherwise (a batch's worker pool and spool, openpyxl's temporary files, log
handlers) the interpreter exits as usual, with everything still alive frozen first, which leaves
it out of the collector's exit pass (about 30 ms).
"""

import gc
import os
import sys

from ecoscore import cli_collector

# what these clean up at exit: worker processes and threads joined, log handlers flushed,
# temporary files and directories removed, coverage data saved
CLEANS_UP_AT_EXIT = ("multiprocessing", "concurrent.futures", "logging", "tempfile", "openpyxl", "coverage")


def main() -> None:
    """The command as the console script runs it, ending as any function does (with SystemExit):
    for a caller that goes on afterwards (tests, the bench)."""
    cli_collector.short_run()
    from ecoscore.cli import app  # after the thresholds: importing is most of a short run's allocations

    try:
        app(prog_name="ecoscore")
    finally:
        gc.freeze()


def console() -> None:
    """The console script: `main`, and the quick exit when nothing is left to clean up."""
    try:
        main()
    except SystemExit as done:
        if (done.code is None or isinstance(done.code, int)) and nothing_to_clean_up():
            quick_exit(int(done.code or 0))
        raise


def nothing_to_clean_up() -> bool:
    threading = sys.modules.get("threading")  # not loaded: no thread was started through it
    if threading is not None and threading.active_count() > 1:
        return False
    return not any(name in sys.modules for name in CLEANS_UP_AT_EXIT)


def quick_exit(code: int) -> None:
    """End the process with `code` once what it printed is out; if that fails (a closed pipe),
    return, and the usual exit reports it as it always has."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream
        return
    os._exit(code)
