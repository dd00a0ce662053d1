"""`@record` (ecoscore/core/record.py) against the stdlib dataclass it stands for: the same class
body made both ways must show, compare and hash alike; frozen records are checked by mypy; and
every record in the package goes through `@record`."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ecoscore.core import record as record_module

ROOT = Path(__file__).resolve().parent.parent


def both(options: dict, body):
    """The class `body` makes, once as the stdlib dataclass and once as a fast record."""
    reference = dataclasses.dataclass(**options)(body())
    strict = record_module.STRICT
    record_module.STRICT = False
    try:
        fast = record_module.record(**options)(body())
    finally:
        record_module.STRICT = strict
    return reference, fast


def plain():
    class Point:
        """A point."""

        x: int
        y: list = dataclasses.field(default_factory=list)
        note: str = dataclasses.field(default="", repr=False, compare=False)
        tag: str = dataclasses.field(default="t", hash=False)

    return Point


def hashable(cls, value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@pytest.mark.parametrize(
    "options",
    [{}, {"frozen": True}, {"eq": False}, {"frozen": True, "eq": False}, {"repr": False}, {"slots": True}],
    ids=["plain", "frozen", "no-eq", "frozen-no-eq", "no-repr", "slots"],
)
def test_a_fast_record_shows_compares_and_hashes_like_the_dataclass(options):
    reference, fast = both(options, plain)
    for cls in (reference, fast):
        a, same, other = cls(1, (2,), "a"), cls(1, (2,), "b"), cls(1, (3,))
        cls.made = (a, same, other)
    ra, rsame, rother = reference.made
    fa, fsame, fother = fast.made
    if options.get("repr", True):
        # the note field is not shown: Point(x=1, y=(2,), tag='t')
        assert repr(fa) == repr(ra)
        assert repr(fa).endswith(".Point(x=1, y=(2,), tag='t')")
    else:
        assert repr(fa).startswith("<") and repr(ra).startswith("<")  # object's own repr
    # note is not compared: a == same; y differs: a != other; only eq=True compares by value
    assert (fa == fsame, fa == fother, fa == fa) == (ra == rsame, ra == rother, ra == ra)
    assert (fa == fsame) is options.get("eq", True)
    assert (fast.__hash__ is None) == (reference.__hash__ is None)
    assert hashable(fast, fa) == hashable(reference, ra)
    if options.get("frozen") and options.get("eq", True):
        # tag is not hashed (hash=False), note is not compared: hash((x, y))
        assert hash(fa) == hash(ra) == hash((1, (2,)))
    assert [f.name for f in dataclasses.fields(fast)] == ["x", "y", "note", "tag"]
    assert dataclasses.replace(fa, x=5).x == 5
    assert dataclasses.asdict(fa) == dataclasses.asdict(ra)
    assert hasattr(fa, "__dict__") is hasattr(ra, "__dict__")  # slots=True: no instance dict either way


def test_a_record_keeps_the_methods_its_class_writes():
    def own():
        class Money:
            amount: int

            def __eq__(self, other):
                return isinstance(other, Money) and abs(self.amount - other.amount) < 2

            def __repr__(self):
                return f"¥{self.amount}"

        return Money

    reference, fast = both({"frozen": True}, own)
    assert repr(fast(3)) == repr(reference(3)) == "¥3"
    assert (fast(3) == fast(4)) is (reference(3) == reference(4)) is True
    # a class with its own __eq__ and no __hash__ is made hashable by fields when frozen, as dataclasses do
    assert hash(fast(3)) == hash(reference(3)) == hash((3,))


def test_a_record_that_inherits_compares_all_its_fields():
    def child():
        @dataclasses.dataclass
        class Base:
            a: int

        class Child(Base):
            b: int = 0

        return Child

    reference, fast = both({}, child)
    assert repr(fast(1, 2)).endswith("Child(a=1, b=2)") and repr(reference(1, 2)).endswith("Child(a=1, b=2)")
    assert (fast(1, 2) == fast(1, 3)) is (reference(1, 2) == reference(1, 3)) is False
    assert (fast(1, 2) == fast(1, 2)) is (reference(1, 2) == reference(1, 2)) is True


def test_every_record_in_the_package_goes_through_record():
    # a plain @dataclass would bring back the generated methods this module saves (and be unchecked by the tests)
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in sorted((ROOT / "ecoscore").rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.match(r"\s*@(dataclasses\.)?dataclass\b", line)
    ]
    assert found == []


@pytest.mark.slow
def test_mypy_rejects_an_assignment_to_a_frozen_record(tmp_path):
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from ecoscore.core.record import record

            @record(frozen=True, eq=False)
            class Frozen:
                x: int

            @record
            class Open:
                x: int

            Frozen(1).x = 2
            Open(1).x = 2
            Frozen("one")
            """
        ),
        encoding="utf-8",
    )
    mypy = Path(sys.executable).with_name("mypy")
    proc = subprocess.run(
        [str(mypy), "--no-incremental", "--follow-imports=silent", str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(ROOT), "PATH": ""},
    )
    errors = [line.split(": error: ")[1] for line in proc.stdout.splitlines() if ": error: " in line]
    # line 12: the frozen field; line 14: the wrong type; line 13 (an open record) is allowed
    assert [line.split(":")[1] for line in proc.stdout.splitlines() if ": error: " in line] == ["12", "14"], proc.stdout
    assert errors[0].startswith('Property "x" defined in "Frozen" is read-only')
