"""The `ecoscore` console script's entry point: the command, run with the collector tuned for a
short-lived process (docs/performance.md, 第五轮). The library leaves the interpreter's settings alone.

- A command runs for a fraction of a second and creates few reference cycles, but the cyclic
  collector's default thresholds start a pass every 700 allocations: about a tenth of a `score`
  run. The command collects far less often, as mypy does.
- At exit the interpreter looks for cycles among everything still alive (the modules, the rubric,
  the caches): about 30 ms, to free memory the system takes back anyway. Those objects are frozen
  first, which leaves them out of it; exit handlers, finalizers and flushing run as always.
"""

import gc


def main() -> None:
    gc.set_threshold(200_000, 30, 30)
    from ecoscore.cli import app  # after the thresholds: importing is most of a short run's allocations

    try:
        app(prog_name="ecoscore")
    finally:
        gc.freeze()
