"""What openpyxl's read-only mode does not tell about a sheet (`Outline`, filled by our own pass
over its XML, `sheetxml`): its merged ranges, which cells hold formulas and their text
(openpyxl is opened data-only, so it gives the cached results), how far its rows go, and the
first content below the rows read. The pass also spends the workbook's element `Budget`, so a
sheet too big to read is refused before openpyxl parses it.

`sheet_rows` is the reference reader of a sheet: that pass, then openpyxl's public row
iterator over the rows it found, stopped at the last of them (so openpyxl never parses what
lies beyond).
"""

from __future__ import annotations

from dataclasses import field
from itertools import islice

from ecoscore.core.model import FileProblem, Location, Problem
from ecoscore.core.record import record
from ecoscore.workbook import sheetxml
from ecoscore.workbook.defused import COL_CAP, ELEMENT_BUDGET, MAX_MERGES, ROWS, row_cap
from ecoscore.workbook.xlstd import cell_range


@record
class Budget:
    """Rows and cells the whole workbook may make us parse; exceeding it is a FileProblem."""

    workbook: str
    left: int = ELEMENT_BUDGET

    def spend(self, sheet: str, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise FileProblem(
                f"“{self.workbook}”的工作表“{sheet}”中的行或单元格异常多，不像 ecoscore 填报工作簿，已拒绝读取；"
                "如确为填报表，请删除多余的行、列和工作表后另存再试"
            )


@record
class Outline:
    merges: list[str] = field(default_factory=list)  # refs such as "D8:E8"
    beyond: str | None = None  # the first cell holding content below the row cap (the pass stops there)
    formulas: dict = field(default_factory=dict)  # (row, col) → "=…" (shared formulas translated)
    last_row: int = 0  # the last row within the cap that has cells
    width: int = 0  # the widest column within COL_CAP that has a cell

    def has_content(self, r: int, c: int, cell) -> bool:
        """A value, or a formula (whose cached result may be missing: still something to report)."""
        return getattr(cell, "value", None) is not None or (r, c) in self.formulas

    def problem(self, sheet: str) -> Problem:
        cap = row_cap()
        return Problem(
            "too_many_rows",
            f"工作表“{sheet}”第 {cap} 行以下还有内容（{self.beyond}）：ecoscore 只读取每张表"
            f"的前 {cap} 行，这些内容不会被读取；请把它移到表格中，或删除后重新评分",
            location=Location(sheet, self.beyond),
            expected=f"内容在前 {cap} 行内",
        )


def sheet_rows(book, ws, cap, found: Outline, budget: Budget | None = None):
    """Rows 1..`found.last_row` (within `cap`, see `sheetxml.parse`) of a read-only sheet, each a tuple of `found.width`
    cells as openpyxl gives them (values, types, number formats: openpyxl's), after our own pass
    has filled `found`. A row the file leaves out is all empty cells."""
    with book.open_part(ws.title) as src:
        for _ in sheetxml.parse(src, ws.title, cap, found, budget):
            pass
    if found.last_row and found.width:
        # islice: openpyxl's iterator looks one row ahead to end a bounded pass; never let it
        yield from islice(
            ws.iter_rows(min_row=1, max_row=found.last_row, min_col=1, max_col=found.width), found.last_row
        )


def merged_ranges(refs: list[str], sheet: str, name: str) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of the multi-cell ranges whose top-left cell is read."""
    out = []
    for ref in refs:
        min_col, min_row, max_col, max_row = cell_range(ref)
        if (max_row - min_row + 1) * (max_col - min_col + 1) > 1 and ROWS.within(min_row) and min_col <= COL_CAP:
            out.append((min_row, min_col, max_row, max_col))
    if len(out) > MAX_MERGES:
        raise FileProblem(
            f"“{name}”的工作表“{sheet}”中合并单元格异常多（{len(out)} 处），已拒绝读取；请取消多余的合并后另存再试"
        )
    return out
