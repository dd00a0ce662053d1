"""The `ecoscore` console script's entry point: the command, with the collector set for a short
run (`cli_collector`; a batch sets it back). The library leaves the interpreter's settings alone.

At exit the interpreter looks for cycles among everything still alive (the modules, the rubric,
the caches): about 30 ms, to free memory the system takes back anyway. Those objects are frozen
first, which leaves them out of it; exit handlers, finalizers and flushing run as always.
"""

import gc

from ecoscore import cli_collector


def main() -> None:
    cli_collector.short_run()
    from ecoscore.cli import app  # after the thresholds: importing is most of a short run's allocations

    try:
        app(prog_name="ecoscore")
    finally:
        gc.freeze()
