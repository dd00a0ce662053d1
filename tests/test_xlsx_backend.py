"""The writers' backend (`workbook/xlsx.py`) beyond parity: sheet names as openpyxl gives them,
text that looks like a formula stays text, missing numbers stay empty, and a save never replaces
anything but a regular file nor leaves a half-written one."""

import math
import os

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook

from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.xlsx import Workbook


@pytest.mark.parametrize("names", [["a", "A", "a"], ["Sheet", "x", "sheet", "Sheet1"], ["b", "b1", "b"]])
def test_a_taken_sheet_name_gets_the_next_number_as_in_openpyxl(names):
    ours, theirs = Workbook(), OpenpyxlWorkbook()
    for name in names:
        ours.create_sheet(name)
        theirs.create_sheet(name)
    assert ours.sheetnames == theirs.sheetnames


def test_text_stays_text_and_missing_numbers_stay_empty(tmp_path):
    wb = Workbook()
    ws = wb.active
    texts = ["=1+1", "+86 123", "-3", "@SUM(A1)", '=HYPERLINK("http://x")', "普通文字"]
    for r, text in enumerate(texts, start=1):
        L.put(ws, r, 1, text, font=L.font())
    L.put(ws, 1, 2, math.nan, font=L.font())
    L.put(ws, 2, 2, float("inf"), font=L.font())
    L.put(ws, 3, 2, "", font=L.font())
    save_atomic(wb, tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx").active
    for r, text in enumerate(texts, start=1):
        cell = back.cell(r, 1)
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix == text.startswith(L.FORMULA_START)
    assert back["B1"].value is None and back["B2"].value == "inf" and back["B3"].value is None


def test_a_save_replaces_only_a_regular_file(tmp_path):
    """A folder or a FIFO is never replaced; a link is replaced itself (its target is left alone),
    as any save over a link (core.files.replaceable)."""
    wb = Workbook()
    L.put(wb.active, 1, 1, "x")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"keep")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    for target in (folder, fifo):
        with pytest.raises(OSError, match="不是普通文件"):
            save_atomic(wb, target)
    assert folder.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == [
        "folder.xlsx",
        "link.xlsx",
        "pipe.xlsx",
        "real.xlsx",
    ]
    save_atomic(wb, link)
    assert not link.is_symlink() and real.read_bytes() == b"keep"
    assert load_workbook(link).active["A1"].value == "x"
    save_atomic(wb, real)  # a regular file is replaced
    assert load_workbook(real).active["A1"].value == "x"
