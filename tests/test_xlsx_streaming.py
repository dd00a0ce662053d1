"""The backend's streaming mode (`xlsx.Workbook(streaming=True)`, `xlsx_stream`): what a reader gets
back equals the in-memory workbook's, rows must come in order, nothing is left in the temporary
folder; and 汇总.xlsx, written that way, reads its counties only by `len()` and `iter()` and keeps
no county beyond the row being written."""

import gc
import zipfile
from decimal import Decimal as D
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from ecoscore.core.model import GroupResult, ItemResult, Line, Report
from ecoscore.services import batch
from ecoscore.services.ranking import city_average
from ecoscore.workbook import layout as L
from ecoscore.workbook import xlsx_stream
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.summary import Tally, write_summary
from ecoscore.workbook.xlsx import BarChart, CellIsRule, PatternFill, Reference, Workbook
from tests.xlsx_parity import dump


def sample(wb: Workbook) -> None:
    """A little of everything the summary writes: styles, merges, heights, widths, links, a
    conditional format, a chart, print setup, a second sheet."""
    ws = wb.active
    ws.title = "排名"
    L.put(ws, 1, 1, "标题", font=L.font(bold=True, size=14))
    ws.row_dimensions[1].height = 24
    L.put(ws, 2, 1, "=不是公式", font=L.font(color="595959", size=10), alignment=L.WRAP_LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    L.header_row(ws, 3, ("名次", "县", "得分率"), (6, 22, 10))
    for r in range(4, 9):
        L.put(ws, r, 1, r - 3, font=L.font(), border=L.BORDER)
        L.put(ws, r, 2, f"县{r}", font=L.font(), border=L.BORDER, fill=L.GROUP_FILL if r % 2 else None)
        L.put(ws, r, 3, 0.9 - r / 100, font=L.font(), number_format="0.0%", border=L.BORDER)
        L.set_row_height(ws, r, ("", "很长的文字" * 10, ""), (6, 22, 10))
    ws.set_widths(4, 6, 9)
    ws.conditional_formatting.add("C4:C8", CellIsRule("lessThan", ["0.85"], fill=PatternFill("solid", "FFFFC7CE")))
    chart = BarChart()
    chart.type = "bar"
    chart.add_data(Reference(ws, min_col=3, min_row=3, max_row=8), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=4, max_row=8))
    ws.add_chart(chart, "E3")
    ws.freeze_panes = "A4"
    L.page_setup(ws, "3:3")
    files = wb.create_sheet("文件")
    L.put(files, 1, 1, "a/b.xlsx", font=L.font())
    files.cell(1, 1).hyperlink = "a/b.xlsx"


def test_a_streamed_workbook_reads_back_as_the_one_held_in_memory(tmp_path):
    held, streamed = Workbook(), Workbook(streaming=True)
    for wb in (held, streamed):
        sample(wb)
    save_atomic(held, tmp_path / "held.xlsx")
    save_atomic(streamed, tmp_path / "streamed.xlsx")
    assert dump(tmp_path / "streamed.xlsx") == dump(tmp_path / "held.xlsx")
    with zipfile.ZipFile(tmp_path / "streamed.xlsx") as z:  # the one difference in the file: inline text
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert 't="inlineStr"' in sheet and "xl/sharedStrings.xml" not in z.namelist()


def test_rows_come_in_order_merges_span_one_row_and_heights_need_cells(tmp_path):
    wb = Workbook(streaming=True)
    ws = wb.active
    L.put(ws, 1, 1, "a")
    L.put(ws, 2, 1, "b")  # row 1 goes to XlsxWriter
    with pytest.raises(ValueError, match="row 1 is already written"):
        L.put(ws, 1, 2, "late")
    with pytest.raises(ValueError, match="already written"):
        ws.row_dimensions[1].height = 30
    with pytest.raises(ValueError, match="current row only"):
        ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
    with pytest.raises(ValueError, match="cannot be renamed"):
        ws.title = "新名字"
    L.put(ws, 2, 2, "same row: still open")
    ws.row_dimensions[3].height = 20  # a height and no cell: constant_memory could not write it
    with pytest.raises(ValueError, match="row 3 has a height but no cell"):
        L.put(ws, 4, 1, "c")


def test_no_temporary_files_are_left_after_a_save_or_a_failed_write(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream.tempfile, "tempdir", str(tmp_path))
    wb = Workbook(streaming=True)
    sample(wb)
    save_atomic(wb, tmp_path / "out.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    wb = Workbook(streaming=True)  # given up half-way (an error in a content function)
    sample(wb)
    del wb
    gc.collect()
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


# ---- 汇总.xlsx from a sequence read again on every pass -----------------------------------------
def report(i: int, total: str, provisional: bool = False) -> Report:
    lines = [Line("10.1", D(total) - D(100), "扣分")]
    items = [ItemResult("1", "1", "x", D(100), D(total), lines)]
    if provisional:
        items.append(ItemResult("2", "2", "y", D(5), None, [], missing=[]))
    return Report(items, GroupResult("B", "加分项", D(0)), GroupResult("P", "扣分项", D(0)), county=f"县{i}", year=2021)


class Passes:
    """len() and iter() only, as a sequence read back from disk; counts the passes."""

    def __init__(self, rows):
        self._rows, self.passes = list(rows), 0

    def __len__(self):
        return len(self._rows)

    def __iter__(self):
        self.passes += 1
        return iter(self._rows)


def test_the_summary_reads_the_ranking_by_passes_and_writes_what_a_list_gives(tmp_path):
    outcomes = [
        batch.Outcome(Path(f"县{i}.xlsx"), Path(f"县{i}.scored.xlsx"), standing=batch.standing(report(i, t, p)))
        for i, (t, p) in enumerate([("90", False), ("85.5", False), ("70", True), ("80.25", False)])
    ]
    listed = batch.BatchResult(outcomes, batch.ranking(outcomes))
    write_summary(listed, tmp_path / "list.xlsx")
    ranking = Passes(listed.ranking)
    # only what the writer may use: no finals or provisionals of the batch's; its average (from memory)
    passed = SimpleNamespace(
        ranking=ranking, outcomes=outcomes, failed=[], previous=None, city=None, average=listed.average
    )
    write_summary(passed, tmp_path / "passes.xlsx")
    assert dump(tmp_path / "passes.xlsx") == dump(tmp_path / "list.xlsx")
    # 排名 3 (tally, finals, provisionals), 得分率图 1, 分项得分 1 + 39 items + 3, 板块得分 1 + 11 + 2, 文件 1
    assert ranking.passes == 3 + 1 + 43 + 14 + 1


def test_the_city_average_is_that_of_the_final_scores():
    outcomes = [
        batch.Outcome(Path(f"{i}.xlsx"), standing=batch.standing(report(i, t, p)))
        for i, (t, p) in enumerate([("90", False), ("85.5", False), ("70", True), ("80.25", False)])
    ]
    rows = batch.ranking(outcomes)
    tally = Tally(rows)
    # (90 + 85.5 + 80.25) / 3 = 255.75 / 3 = 85.25; 得分率 85.25 / 100 = 0.8525; the provisional 70 left out
    assert batch.BatchResult(outcomes, rows).average == (D("85.25"), D("0.8525")) == city_average(rows)
    assert (tally.finals, tally.provisionals, tally.years) == (3, 1, {2021})


def test_without_a_temporary_folder_the_workbook_is_held_in_memory_and_saved_the_same(tmp_path, monkeypatch):
    held = Workbook()
    sample(held)
    save_atomic(held, tmp_path / "held.xlsx")
    monkeypatch.setattr(xlsx_stream.tempfile, "tempdir", str(tmp_path / "missing"))
    wb = Workbook(streaming=True)
    assert wb._stream is None
    sample(wb)
    save_atomic(wb, tmp_path / "fallback.xlsx")
    assert dump(tmp_path / "fallback.xlsx") == dump(tmp_path / "held.xlsx")


def test_the_county_sheets_wrap_their_hint_across_the_first_printed_page(tmp_path):
    """The 分项得分 / 板块得分 hint is merged over the columns printed on the first page and wraps:
    条款, 名称, 分值, 全市平均 (A–D) and the counties, all of them while the sheet is fitted to the
    page width (up to 20), the 9 that fit on an A4 page at full size beyond that."""

    def merged_hint(n: int) -> list[str]:
        outcomes = [
            batch.Outcome(Path(f"县{i}.xlsx"), Path(f"县{i}.scored.xlsx"), standing=batch.standing(report(i, "90")))
            for i in range(n)
        ]
        path = tmp_path / f"{n}.xlsx"
        write_summary(batch.BatchResult(outcomes, batch.ranking(outcomes)), path)
        wb = openpyxl.load_workbook(path)
        sheets = [wb["分项得分"], wb["板块得分"]]
        assert all(ws["A2"].alignment.wrap_text for ws in sheets)
        return [str(r) for ws in sheets for r in ws.merged_cells.ranges if r.min_row == 2]

    assert merged_hint(3) == ["A2:G2", "A2:G2"]  # 4 + 3 counties = column 7, G
    assert merged_hint(20) == ["A2:X2", "A2:X2"]  # 4 + 20 = 24, X
    assert merged_hint(21) == ["A2:M2", "A2:M2"]  # printed at full size: 4 + 9 = 13, M
