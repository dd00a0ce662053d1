"""Telling an interrupt (Ctrl-C, SIGTERM) apart from the errors it causes on its way out.

A signal's exception can land between any two instructions, and the standard library is not safe
against that (https://docs.python.org/3/library/signal.html#note-on-signal-handlers-and-exceptions):
a Ctrl-C inside zipfile's writing surfaces as zipfile's own “Can't close the ZIP file …”
ValueError, raised while the KeyboardInterrupt unwinds. Such an error is the interrupt, not a bug
of ours nor a county's failure: whoever catches broad errors asks `interrupt_behind` first.
"""

from __future__ import annotations


def interrupt_behind(exc: BaseException) -> KeyboardInterrupt | None:
    """The KeyboardInterrupt that `exc` is, or that was unwinding (its cause or context, at any
    depth) when `exc` was raised; None when there is none."""
    todo, seen = [exc], set()
    while todo:
        e = todo.pop()
        if isinstance(e, KeyboardInterrupt):
            return e
        if id(e) not in seen:
            seen.add(id(e))
            todo += [c for c in (e.__cause__, e.__context__) if c is not None]
    return None


def raise_if_interrupted(exc: BaseException) -> None:
    """For an `except Exception` that keeps going (the next county, a fallback): when `exc` is an
    interrupt's doing, raise the interrupt again (a new one of its class: Ctrl-C or SIGTERM), so
    that the command stops as it would have had the interrupt surfaced as itself."""
    stop = interrupt_behind(exc)
    if stop is not None:
        raise type(stop)() from None
