"""The cyclic garbage collector as the command sets it (docs/performance.md, 第五轮).

- One file (and every other command) runs for a fraction of a second and creates few reference
  cycles, but the interpreter's thresholds start a pass every 700 allocations: about a tenth of a
  `score` run. It collects rarely instead, as mypy does.
- A batch runs for minutes, and its workers are forked from this process, inheriting the setting:
  collecting that rarely, each would keep the garbage of a few hundred counties (59 MB instead of
  36 at 400 counties). A batch gets the interpreter's thresholds back before it starts.
"""

import gc

INTERPRETER = gc.get_threshold()  # as the interpreter started
SHORT_RUN = (200_000, 30, 30)


def short_run() -> None:
    gc.set_threshold(*SHORT_RUN)


def long_run() -> None:
    gc.set_threshold(*INTERPRETER)
