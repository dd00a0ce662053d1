"""`@record`: the project's dataclasses, cheaper to create in a fresh process.

`@record` means what `@dataclasses.dataclass` means for the options the project uses (`frozen`,
`eq`, `repr`, `slots`; fields, defaults, `field()`, `replace`, `fields`, `asdict` all work), but
only `__init__` is generated from source. Python compiles every method a dataclass generates
from a source string, about 0.15 ms each, and a `score` process creates some thirty record
classes when it starts: a frozen, comparable class generated five methods (about 1 ms). Here
`__repr__`, `__eq__` and `__hash__` are made from closures that compare, hash and show exactly
what the generated ones would (tests/test_record.py holds them to the dataclass's own), and
`frozen` is enforced by the type checker — mypy, which the test suite runs (tests/test_checks.py),
rejects any assignment to a frozen record's field — instead of by a generated `__setattr__`.

With ECOSCORE_STRICT_RECORDS=1 (the test suite sets it, tests/conftest.py) every record is the
stdlib dataclass itself, frozen at run time too: the ~1,200 tests then fail on any assignment to
a frozen record, in modules the type checker does not check as well.
"""

from __future__ import annotations

import dataclasses
import os
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

C = TypeVar("C", bound=type)
STRICT = os.environ.get("ECOSCORE_STRICT_RECORDS") == "1"


@overload
def record(cls: C, /) -> C: ...


@overload
def record(*, frozen: bool = False, eq: bool = True, repr: bool = True, slots: bool = False) -> Callable[[C], C]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: Any = None, /, *, frozen: bool = False, eq: bool = True, repr: bool = True, slots: bool = False) -> Any:
    """A dataclass with the stdlib's meaning of `frozen` (checked statically), `eq`, `repr` and `slots`."""

    def make(c: type) -> type:
        if STRICT:
            return dataclasses.dataclass(c, frozen=frozen, eq=eq, repr=repr, slots=slots)
        own = c.__dict__  # methods the class writes itself win, as with dataclasses
        explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        c = dataclasses.dataclass(c, eq=False, repr=False, slots=slots)
        fields = dataclasses.fields(c)
        if repr and "__repr__" not in own:
            c.__repr__ = _repr_of(tuple(f.name for f in fields if f.repr))  # type: ignore[assignment]
        if eq:
            compared = tuple(f.name for f in fields if f.compare)
            if "__eq__" not in own:
                c.__eq__ = _eq_of(compared)  # type: ignore[assignment]
            if not explicit_hash:  # the dataclass rule: comparable and frozen → hashable by value, else not hashable
                hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
                c.__hash__ = _hash_of(hashed) if frozen else None  # type: ignore[assignment]
        return c

    return make if cls is None else make(cls)


def _repr_of(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq_of(names: tuple[str, ...]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    return __eq__


def _hash_of(names: tuple[str, ...]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, n) for n in names))

    return __hash__
