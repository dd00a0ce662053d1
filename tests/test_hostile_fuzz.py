"""Random cells of the template filled with random text, numbers, dates and blanks: ecoscore always
ends in either a score (exit 0, a scored workbook) or a clean, located error (exit 4, nothing
written) — never an internal error or a traceback — and the input is never modified.
"""

import hashlib
import re
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ecoscore import rubric
from tests.test_hostile_files import cli, write_blank
from tests.test_workbook_reader import SECTIONS, all_valid, fill

TYPED = [
    "#N/A",
    "#DIV/0!",
    "#VALUE!",
    "=A1+1",
    "是",
    "否",
    "√",
    "×",
    "95%",
    "９５",
    "３个",
    "－5",
    "1,234",
    "0.5",
    "Ⅲ",
    "III",
    "劣Ⅴ",
    "七类",
    "国考",
    "市考",
    "按时",
    "按期",
    " ",
    "　",
    "1e3",
    "1E+30",
    "1e-30",
    "N/A",
    "无",
    "-",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(TYPED),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),  # subnormals to 1.8e308
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 12, 31)),
    st.dates(date(1900, 3, 1), date(2100, 12, 31)),
    st.times(),
    st.builds(lambda t: t.replace(microsecond=0), st.times()),
)
KEYS = sorted(rubric.default().catalogue)
COLUMNS = ("name", "level", "target", "prev", "cur")
LOCATED = re.compile(r"^  - .+![A-Z]{1,3}\d+ \[[\w.]+\] ")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return write_blank(tmp_path_factory)


@st.composite
def edits(draw):
    """A valid filling with some cells overwritten at random, and some section cells too."""
    values = {**all_valid(), **{k: draw(CELL) for k in draw(st.lists(st.sampled_from(KEYS), max_size=10, unique=True))}}
    sections = [dict(s) for s in SECTIONS] + [{} for _ in range(draw(st.integers(0, 2)))]
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.integers(0, len(sections) - 1))
        sections[row][draw(st.sampled_from(COLUMNS))] = draw(CELL)
    return values, sections


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=edits())
def test_random_cells_end_in_a_score_or_a_clean_located_error(tmp_path, blank, drawn):
    values, sections = drawn
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    book, out = folder / "填报.xlsx", folder / "结果.xlsx"
    shutil.copy(blank, book)
    fill(book, values, sections)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    exit_code, output = cli("score", book, "-o", out)  # asserts: no traceback, no internal error
    assert exit_code in (0, 4), output
    if exit_code == 0:
        assert "总分：" in output and load_workbook(out, read_only=True).sheetnames
    else:
        assert output.startswith("错误：") and not out.exists(), output
        problems = [ln for ln in output.splitlines() if ln.startswith("  - ")]
        assert problems and all(LOCATED.match(ln) for ln in problems), output  # each names sheet!cell and key
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted({book.name} | ({out.name} if exit_code == 0 else set()))
