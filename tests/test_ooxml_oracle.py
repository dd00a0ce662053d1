"""Our xlsx writer (ecoscore/workbook/ooxml) against its oracle, XlsxWriter 3.3.1 (`xlsx_save`,
`xlsx_stream`, chosen by `xlsx.REFERENCE`): each workbook is saved both ways and every zip part
must be byte-identical, the list and order of the parts too.

The one part allowed to differ is docProps/core.xml, whose two timestamps are the moment of
writing. The zip entries' own headers (compression level, timestamps) are not parts and may differ
(docs/performance.md 第五轮).

- quick: a synthetic workbook with every feature the facade has, in memory and streaming;
- slow: every kind of workbook ecoscore writes (tests/xlsx_parity.generate: template, scored 2020
  and 2021 with its chart, 汇总.xlsx streaming with two counties, the diff workbook, a pre-filled
  template and a scored workbook with 监测测算), a scored workbook with 核定差异, the 失分清单 of every
  unit, and a four-county city batch (全市测算 sheets, 汇总.xlsx with four counties).
"""

from __future__ import annotations

import datetime
import io
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from ecoscore.workbook import layout as L
from ecoscore.workbook import xlsx
from ecoscore.workbook.ooxml.package import save as ooxml_save
from ecoscore.workbook.xlsx import (
    BarChart,
    Break,
    CellIsRule,
    DataLabelList,
    DataValidation,
    Hyperlink,
    PageSetupProperties,
    PatternFill,
    Protection,
    Reference,
    Workbook,
)
from ecoscore.workbook.xlsx_save import render as reference_save

ROOT = Path(__file__).resolve().parent.parent
TIMESTAMPED = "docProps/core.xml"


def parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(n, z.read(n)) for n in z.namelist()]


def assert_same_parts(reference: bytes, ours: bytes, what: str) -> None:
    ref, new = parts(reference), parts(ours)
    assert [n for n, _ in new] == [n for n, _ in ref], what
    for (name, x), (_, y) in zip(ref, new):
        if name != TIMESTAMPED:
            assert y == x, f"{what}: {name}"


def feature_book(streaming: bool) -> Workbook:
    """One of everything the facade writes, some of it twice in different forms."""
    wb = Workbook(streaming=streaming)
    wb.properties.creator, wb.properties.title = "ecoscore", "测试 & <标题>"
    ws = wb.active
    ws.title = "数据 表"  # a space: quoted in references
    ws.column_dimensions["A"].width = 12.5
    ws.column_dimensions["C"].width = 8.43
    ws.column_dimensions["D"].font = L.font()
    ws.set_widths(6, 9, 11)
    L.put(ws, 1, 1, "  前后有空格 ", font=L.font(bold=True, size=14), alignment=L.CENTER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.row_dimensions[1].height = 26
    L.put(ws, 2, 1, "=1+1", font=xlsx.Font(name="宋体", color="595959", size=10.5, italic=True), alignment=L.WRAP_LEFT)
    ws.merge_cells("B2:C2")  # no style: the merged cells stay empty
    ws.merge_cells("E2:E2")  # one cell: no merge
    values = [
        'a & b < c > d " e',
        "控制\x01字符 _x0041_",
        7,
        -0.1 + 0.3,
        1e-7,
        123456789012345678,
        Decimal("2.50"),
        True,
        float("nan"),
        float("inf"),
        datetime.date(2021, 3, 1),
        datetime.datetime(2021, 3, 1, 12, 30),
        "",
        None,
    ]
    for r, value in enumerate(values, start=3):
        L.put(ws, r, 1, value, font=L.font(), border=L.BORDER, number_format="0.00" if r % 3 else "General")
        ws.cell(r, 2).value = value
        ws.row_dimensions[r].height = 15 if r % 2 else 20.25
        if r == 3:
            cell = ws.cell(3, 5)
            cell.value = "打开"
            cell.hyperlink = Hyperlink(target="子目录/评分 结果#1.xlsx", location="'总览'!A1", tooltip="打开文件")
            cell.font = xlsx.Font(name="宋体", color="0563C1", underline="single")
        elif r == 4:
            cell = ws.cell(4, 5)
            cell.value = "另一个"
            cell.hyperlink = "其它.xlsx"
            cell.font = xlsx.Font(underline="double", bold=True)
        elif r == 5:
            cell = ws.cell(5, 5)
            cell.value = "解锁"
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill(fill_type="solid", fgColor="FFDDEBF7")
            cell.alignment = xlsx.Alignment(horizontal="right", vertical="bottom")
    for kind, operator, f1, f2 in (
        ("whole", "between", "0", "10"),
        ("decimal", "greaterThanOrEqual", "0", None),
        ("date", "between", "43831", "44561"),
        ("textLength", "lessThanOrEqual", "255", None),
        ("list", None, '"是,否"', None),
        ("list", None, "'数据 表'!$A$3:$A$9", None),
    ):
        dv = DataValidation(type=kind, operator=operator, formula1=f1, formula2=f2, allow_blank=True)
        dv.showInputMessage = dv.showErrorMessage = True
        dv.promptTitle, dv.prompt, dv.errorTitle, dv.error = "说明", "提示 & 说明", "错误", "请重填"
        dv.add("F3")
        if kind == "list":
            dv.add("G3")
            dv.add("G5")
        ws.add_data_validation(dv)
    too_long = DataValidation(type="whole", operator="greaterThan", formula1="0", promptTitle="长" * 40)
    too_long.add("H3")
    ws.add_data_validation(too_long)
    red, green = PatternFill(fill_type="solid", fgColor="FFFFC7CE"), PatternFill(fill_type="solid", fgColor="FFC6EFCE")
    ws.conditional_formatting.add("A3:A9", CellIsRule(operator="lessThan", formula=["0.6"], fill=red))
    ws.conditional_formatting.add("A3:A9", CellIsRule(operator="equal", formula=['"未评分"'], fill=green))
    ws.conditional_formatting.add(
        "$B$3:$B$9", CellIsRule(operator="greaterThan", formula=["0"], fill=red, font=xlsx.Font(color="9C0006"))
    )
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = "A2:E16"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.selectLockedCells = True
    ws.sheet_properties.tabColor = "1F4E78"
    L.page_setup(ws, "2:2", landscape=True)
    ws.row_breaks.append(Break(id=10))
    ws.row_breaks.append(Break(id=5))

    chart_ws = wb.create_sheet("图")
    L.put(chart_ws, 1, 2, "得分率", font=L.font())
    for r, (label, rate) in enumerate((("甲 县", 0.9), ("乙县", 0.75), ("丙县", None)), start=2):
        L.put(chart_ws, r, 1, label, font=L.font())
        L.put(chart_ws, r, 2, rate, font=L.font(), number_format="0.0%")
        L.put(chart_ws, r, 3, r * 10, font=L.font())
    chart_ws.freeze_panes = "A2"
    bar = BarChart()
    bar.type, bar.title, bar.y_axis.title = "bar", "考核得分率", "得分率"
    bar.add_data(Reference(chart_ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    bar.set_categories(Reference(chart_ws, min_col=1, min_row=2, max_row=4))
    bar.legend, bar.dataLabels = None, DataLabelList()
    bar.dataLabels.showVal = True
    bar.label_number_format, bar.bar_color, bar.point_colors = "0.0%", "4472C4", [None, "ED7D31", None]
    bar.x_axis.scaling.orientation, bar.y_axis.crosses, bar.y_axis.number_format = "maxMin", "max", "0%"
    bar.y_axis.scaling.min, bar.y_axis.scaling.max = 0, 1
    bar.height, bar.width = 9.3, 18
    chart_ws.add_chart(bar, "E2")
    column = BarChart()  # a column chart with a legend, numeric categories, default axis format
    column.add_data(Reference(chart_ws, min_col=3, min_row=2, max_row=4))
    column.set_categories(Reference(chart_ws, min_col=3, min_row=2, max_row=4))
    chart_ws.add_chart(column, "E20")

    plain = wb.create_sheet("空表")
    plain.freeze_panes = "C1"
    plain.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    plain.page_setup.fitToHeight = 0
    wb.create_sheet("1表")  # starts with a digit: quoted
    return wb


# the workbook holds what XlsxWriter refuses with a warning (a one-cell merge, an over-long title):
# our writer must refuse the same, silently
@pytest.mark.filterwarnings("ignore::UserWarning:xlsxwriter")
def test_every_feature_in_memory_is_written_as_xlsxwriter_writes_it():
    wb = feature_book(streaming=False)
    reference, ours = io.BytesIO(), io.BytesIO()
    reference_save(wb, reference)
    ooxml_save(wb, ours)
    assert_same_parts(reference.getvalue(), ours.getvalue(), "feature book")


@pytest.mark.filterwarnings("ignore::UserWarning:xlsxwriter")  # as above
def test_every_feature_streaming_is_written_as_xlsxwriter_writes_it(monkeypatch):
    saved = []
    for ref in (True, False):
        monkeypatch.setattr(xlsx, "REFERENCE", ref)
        buf = io.BytesIO()
        feature_book(streaming=True).save(buf)
        saved.append(buf.getvalue())
    assert_same_parts(saved[0], saved[1], "streaming feature book")


# ---- every workbook ecoscore writes --------------------------------------------------------------
def both_ways(monkeypatch) -> list[tuple[str, bytes, bytes]]:
    """Make every in-memory save write through both writers; the pairs saved so far."""
    pairs: list[tuple[str, bytes, bytes]] = []
    original = xlsx.Workbook.save

    def save(self, handle):
        if self._stream is not None:
            return original(self, handle)
        reference, ours = io.BytesIO(), io.BytesIO()
        reference_save(self, reference)
        ooxml_save(self, ours)
        pairs.append((self.worksheets[0].title, reference.getvalue(), ours.getvalue()))
        handle.write(ours.getvalue())

    monkeypatch.setattr(xlsx.Workbook, "save", save)
    return pairs


@pytest.mark.slow
def test_every_workbook_ecoscore_writes_is_written_as_xlsxwriter_writes_it(tmp_path, monkeypatch):
    from ecoscore.services import batch
    from ecoscore.services.notices import write_notices
    from ecoscore.services.score import score_file
    from tests.test_city_batch import four
    from tests.test_diff import base, changed, save_json
    from tests.xlsx_parity import generate

    pairs = both_ways(monkeypatch)
    summaries = []
    for ref in (True, False):  # streaming: the whole batch once per writer
        monkeypatch.setattr(xlsx, "REFERENCE", ref)
        folder = tmp_path / f"parity-{ref}"
        folder.mkdir()
        out = generate(folder)
        summaries.append(out["summary"].read_bytes())
        city = batch.score_many(four(tmp_path / f"city-{ref}"), jobs=1)
        summaries.append(city.summary_path.read_bytes())
    assert_same_parts(summaries[0], summaries[2], "汇总.xlsx")
    assert_same_parts(summaries[1], summaries[3], "汇总.xlsx of a city batch")

    mine = save_json(tmp_path / "自评.json", base())
    audited = save_json(tmp_path / "核定.json", changed(base(), **{"air.pm25": "40"}))
    score_file(audited, self_path=mine)
    example = tmp_path / "中方县-2021.xlsx"
    shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", example)
    notices = write_notices(score_file(example).report, tmp_path / "单位", example)
    assert notices
    titles = [t for t, _, _ in pairs]
    assert "核定差异" in {n for _, ref, _ in pairs for n in _sheet_names(ref)}
    assert "全市测算" in {n for _, ref, _ in pairs for n in _sheet_names(ref)}
    assert len(pairs) >= 2 * 7 + 4 + 1 + len(notices), titles
    for title, reference, ours in pairs:
        assert_same_parts(reference, ours, title)


def _sheet_names(data: bytes) -> list[str]:
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())


def test_only_the_reference_path_imports_xlsxwriter():
    """XlsxWriter is a test dependency now: no module but the reference backend may import it."""
    importers = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "ecoscore").rglob("*.py")
        if "import xlsxwriter" in p.read_text(encoding="utf-8") or "from xlsxwriter" in p.read_text(encoding="utf-8")
    )
    assert importers == ["ecoscore/workbook/xlsx_save.py"]
