"""Monitoring data through the workbook: the 空气日数据 / 断面监测 sheets of the template (headers,
validations, example on 填报说明), a template filled by header scoring exactly as its JSON twin,
located errors, and the scored workbook's 监测测算 sheet checked cell by cell."""

import copy
import datetime
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string

from ecoscore.core.model import InputError
from ecoscore.services.load import load_input, score_input
from ecoscore.services.score import score_file
from ecoscore.sources.inputs import json_input
from ecoscore.workbook import layout as L
from ecoscore.workbook import write_template
from ecoscore.workbook.reader import read_input
from tests.indicators.test_air_synthetic import reference, synthetic_year
from tests.test_monitoring import CWQI, EXAMPLE, SAMPLES, TYPED_AIR, air_json, dec
from tests.test_workbook_template import validations

HEADERS = {"so2": "SO2", "no2": "NO2", "pm10": "PM10", "co": "CO", "o3_8h": "O3_8h", "pm25": "PM2.5"}
WATER = {"ph": "pH", "do": "溶解氧", "codmn": "高锰酸盐指数", "nh3n": "氨氮", "tp": "总磷"}


def columns(ws) -> dict:
    """header → column, found the way a person would: the row holding 日期 or 断面名称."""
    for row in ws.iter_rows(max_row=10):
        texts = [c.value for c in row]
        if "日期" in texts or "断面名称" in texts:
            return {c.value: c.column for c in row if c.value}, row[0].row
    raise AssertionError(f"no header row in {ws.title}")


def column_of(ws, letter):
    """The column's dimension: a writer may store adjacent columns alike as one <col min max>, which
    openpyxl keys by its first letter."""
    index = column_index_from_string(letter)
    return next(d for d in ws.column_dimensions.values() if d.min <= index <= d.max)


def fill_air(wb, rows, first=0) -> int:
    ws = wb["空气日数据"]
    cols, header = columns(ws)
    for i, r in enumerate(rows):
        at = header + 1 + first + i
        ws.cell(at, cols["日期"]).value = datetime.datetime.combine(r.date, datetime.time())
        for key, title in HEADERS.items():
            value = getattr(r, key)
            ws.cell(at, cols[title]).value = None if value is None else float(value)
        ws.cell(at, cols["沙尘"]).value = "是" if r.dust else None
    return header + 1 + first


def fill_water(wb, samples) -> int:
    ws = wb["断面监测"]
    cols, header = columns(ws)
    for i, sample in enumerate(samples):
        at = header + 1 + i
        ws.cell(at, cols["断面名称"]).value = sample["section"]
        ws.cell(at, cols["采样日期"]).value = sample["date"].replace("-", "/")  # typed as text
        for key, title in WATER.items():
            ws.cell(at, cols[title]).value = sample.get(key)
        ws.cell(at, cols["湖库"]).value = "否"
    return header + 1


def template(path, blank_cur=True):
    values = {k: v for k, v in EXAMPLE["values"].items() if k not in TYPED_AIR}
    sections = copy.deepcopy(EXAMPLE["sections"])
    if blank_cur:
        sections[3]["cur"] = None  # 太平溪出口
    write_template(path, prefill=values, sections=sections, force=True)
    return load_workbook(path)


@pytest.fixture(scope="module")
def years():
    return synthetic_year(2021, seed=2021), synthetic_year(2020, seed=2020)


@pytest.fixture(scope="module")
def filled(tmp_path_factory, years):
    path = tmp_path_factory.mktemp("monitoring") / "input.xlsx"
    wb = template(path)
    fill_air(wb, years[1] + years[0])
    fill_water(wb, SAMPLES)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def scored(filled):
    result = score_file(filled)
    return result, load_workbook(result.output)


# ---- the template ----------------------------------------------------------------------------------
def test_template_sheets_headers_validations_and_example(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, year=2021)
    wb = load_workbook(path)
    assert wb.sheetnames[-2:] == ["空气日数据", "断面监测"]
    air, water = wb["空气日数据"], wb["断面监测"]
    assert air.max_row == 3 and water.max_row == 3  # no empty cells stored below the header (see below)
    assert [c.value for c in air[3]] == ["日期", "SO2", "NO2", "PM10", "CO", "O3_8h", "PM2.5", "O3_1h", "沙尘"]
    assert [c.value for c in water[3]][:4] == ["断面名称", "采样日期", "pH", "溶解氧"] and water["X3"].value == "湖库"
    dvs = validations(air)
    last = 3 + 2 * 366
    for cell in ("A4", f"A{last}", "G4", f"I{last}"):
        assert cell in dvs
    assert f"A{last + 1}" not in dvs
    # Input columns are styled as columns (<col style>), so the template stores no empty cells:
    # every cell below the header is unlocked and yellow-green in Excel, WPS and LibreOffice.
    for ws, letters in ((air, "ABCDEFGHI"), (water, "ABCX")):
        for letter in letters:
            column = column_of(ws, letter)
            assert column.protection.locked is False and column.fill.fgColor.rgb.endswith(L.OPTIONAL_FILL.fgColor[-6:])
            assert column.border.left.style == "thin"
    assert column_of(air, "A").number_format == "yyyy-mm-dd" and column_of(water, "A").number_format == "@"
    assert column_of(air, "B").number_format == "General" and column_of(air, "I").number_format == "@"
    date_rule = dvs["A4"]
    assert (date_rule.type, date_rule.operator or "between") == ("date", "between")  # the default, may be left out
    assert (int(date_rule.formula1), int(date_rule.formula2)) == (43831, 44561)  # 2020-01-01, 2021-12-31
    assert (dvs["G4"].type, dvs["G4"].formula1, dvs["G4"].formula2) == ("decimal", "0", "1000")
    assert (dvs["I4"].type, dvs["I4"].formula1) == ("list", '"是,否"')
    assert air.freeze_panes == "A4"
    wdv = validations(water)
    assert (wdv["A4"].type, wdv["A4"].formula1) == ("list", "'断面水质'!$A$4:$A$43")
    assert (wdv["B503"].type, int(wdv["B503"].formula1)) == ("date", 44197)  # 2021-01-01
    assert (wdv["C4"].formula1, wdv["C4"].formula2) == ("0", "14") and wdv["D4"].operator == "greaterThanOrEqual"
    assert wdv["X4"].formula1 == '"是,否"' and "B504" not in wdv
    info = " ".join(str(v) for row in wb["填报说明"].iter_rows(values_only=True) for v in row if v)
    assert "空气日数据示例" in info and "日期 2021-01-01 │ SO2 8" in info and "断面监测示例" in info
    assert read_input(path).monitoring is None  # an empty template has no monitoring data


# ---- a filled workbook ------------------------------------------------------------------------------
def test_filled_workbook_scores_as_its_json_twin(scored, years):
    result, _ = scored
    doc = copy.deepcopy(EXAMPLE)
    for key in TYPED_AIR:
        del doc["values"][key]
    doc["sections"][3]["cur"] = None
    doc["air_daily"] = air_json(years[1] + years[0])
    doc["water_samples"] = SAMPLES
    twin = score_input(json_input(doc)).to_dict()
    got = result.report.to_dict()
    for member in ("total", "items", "derived", "monitoring", "bonus", "penalty"):
        assert got[member] == twin[member], member
    assert result.report.values["air.pm25"] == dec(reference(years[0], 2021)["pm25"])
    assert {s.name: s.cur for s in result.report.sections}["太平溪出口"] == 4


def row_starting(ws, text):
    for row in ws.iter_rows(values_only=True):
        if row[0] == text:
            return row
    raise AssertionError(f"no row starting with {text!r}")


def test_monitoring_sheet_cells(scored, years):
    _, wb = scored
    assert wb.sheetnames[-1] == "监测测算"
    ws = wb["监测测算"]
    assert [c.value for c in ws[3]] == ["字段编码", "指标", "单位", "测算值", "填报值", "差值", "处理"]
    now, before = reference(years[0], 2021), reference(years[1], 2020)
    assert row_starting(ws, "air.pm25") == (
        "air.pm25",
        "本年 PM2.5 年均浓度",
        "μg/m³",
        int(now["pm25"]),
        None,
        None,
        "已填入（原为空白）",
    )
    assert row_starting(ws, "air.co_p95_prev")[3] == float(dec(before["co_p95"]))
    assert row_starting(ws, "air.heavy_days_2020")[3] == before["heavy_days"]
    assert row_starting(ws, "sections.沅水中方段.cur")[3:] == (
        "Ⅰ",
        "Ⅱ",
        None,
        "与填报值不一致，以填报值为准（测算为Ⅰ类）",
    )
    assert row_starting(ws, "sections.太平溪出口.cur")[3:] == ("Ⅳ", None, None, "已填入（原为空白）")
    assert row_starting(ws, "i05.cwqi")[3:] == (2.5696, 3.85, 1.2804, "与填报值不一致，以填报值为准")

    year = row_starting(ws, "2021年")
    invalid = [d for d in range(1, 366) if d % 53 == 0]
    assert year[1:6] == ("至12月31日", 365, 365 - len(invalid), now["days_used"], now["special_days_valid"])
    assert year[6].startswith("无效日期（六项污染物不全）：2月22日、") and year[6].endswith("数据完整")
    assert row_starting(ws, "2020年")[2] == 366
    january = row_starting(ws, "2021年1月")
    expected = now["primary_by_month"][1]
    assert january[1:] == tuple(expected.get(p) for p in ("so2", "no2", "pm10", "co", "o3_8h", "pm25"))

    section = row_starting(ws, "太平溪出口")
    assert section[1:4] == ("省考，1 个样品（3月5日—3月5日）", "Ⅳ", None)
    assert section[4] == float(round(CWQI["太平溪出口"], 4))
    assert section[5] == "否" and section[6].startswith(
        "定类因子：溶解氧 4、高锰酸盐指数 8、氨氮 1.2、总磷 0.25\n年均值：pH 7.2（Ⅰ）；"
    )
    assert row_starting(ws, "沅水中方段")[2:4] == ("Ⅰ", "Ⅱ")
    assert not any(row[0] == "预测总分" for row in ws.iter_rows(values_only=True))  # a whole year: no projection


def test_mid_year_workbook_shows_the_projection(tmp_path, years):
    path = tmp_path / "mid.xlsx"
    wb = template(path, blank_cur=False)
    fill_air(wb, years[1] + [r for r in years[0] if r.date <= datetime.date(2021, 6, 30)])
    wb.save(path)
    result = score_file(path)
    mid = result.report.monitoring.mid_year
    ws = load_workbook(result.output)["监测测算"]
    texts = [row[0] for row in ws.iter_rows(values_only=True)]
    assert "年中情况：本年空气日数据截至6月30日" in texts
    total = row_starting(ws, "预测总分")
    assert total[1] == f"{mid.total:.2f} 分" and total[6].startswith("预测：截至6月30日的实测数据，加上2020年7月1日")
    assert row_starting(ws, "air.pm25")[6] == "2021年数据截至6月30日，不是全年数值，未采用"


def test_bad_cells_are_located(tmp_path, years):
    path = tmp_path / "bad.xlsx"
    wb = template(path, blank_cur=False)
    first = fill_air(wb, years[0][:20])
    air = wb["空气日数据"]
    air.cell(first + 20, 1).value = air.cell(first + 3, 1).value  # a duplicate day, 2021-01-04
    air.cell(first + 20, 7).value = 30
    air.cell(first + 5, 7).value = -1  # negative PM2.5
    air.cell(first + 6, 2).value = "很高"  # not a number
    air.cell(first + 7, 1).value = datetime.datetime(2019, 5, 1)  # outside 2020–2021
    air.cell(first + 8, 3).value = "=1+1"  # a formula nobody calculated
    row = fill_water(wb, SAMPLES[:1] + [{"section": "无名河", "date": "2021-04-01", "ph": 7}])
    wb.save(path)
    with pytest.raises(InputError) as caught:
        score_input(load_input(path))
    found = {(p.code, str(p.location)) for p in caught.value.problems}
    assert found == {
        ("duplicate", f"空气日数据!A{first + 20}"),
        ("invalid_value", f"空气日数据!G{first + 5}"),
        ("invalid_value", f"空气日数据!B{first + 6}"),
        ("invalid_value", f"空气日数据!A{first + 7}"),
        ("formula_without_value", f"空气日数据!C{first + 8}"),
        ("unknown_section", f"断面监测!A{row + 1}"),
    }


def test_headers_found_in_any_order_with_units(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "空气日数据"
    ws.append(["备注"])
    ws.append(["PM2.5（μg/m³）", "日期", "so2", "NO2", "PM10", "CO(mg/m3)", "O3-8h", "沙尘"])
    ws.append([35, "2021年3月1日", 8, 20, 60, 1.1, 90, "否"])
    ws.append([None, datetime.date(2021, 3, 2), "—", "—", "—", "—", "—", None])  # no data that day: skipped
    path = tmp_path / "own.xlsx"
    wb.save(path)
    data = read_input(path).monitoring
    assert data.problems == [] and len(data.air_days) == 1
    day = data.air_days[0]
    assert (day.date, day.pm25, day.so2, day.co, day.o3_8h, day.o3_1h) == (
        datetime.date(2021, 3, 1),
        35,
        8,
        Decimal("1.1"),
        90,
        None,
    )
    assert str(data.air_locations[0]["pm25"]) == "空气日数据!A3"
    lacking = Workbook()
    lacking.active.title = "空气日数据"
    lacking.active.append(["日期", "SO2", "NO2", "PM10", "CO", "O3_8h"])
    lacking.active.append(["2021-01-01", 8, 20, 60, 1.1, 90])
    lacking.save(tmp_path / "lacking.xlsx")
    problems = read_input(tmp_path / "lacking.xlsx").monitoring.problems
    assert [(p.code, str(p.location), p.message) for p in problems] == [
        ("missing_column", "空气日数据!A1", "空气日数据表缺少“PM2.5”列（表头行见 空气日数据!A1）")
    ]


def test_formulas_far_down_a_data_sheet_take_their_cached_values(tmp_path):
    """Daily data may fill rows beyond the field sheets' row cap (~1 069): a formula there (a
    clerk's =ROUND(…)) still reads the value Excel cached, not "公式没有计算结果"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "空气日数据"
    ws.append(["日期", "SO2", "NO2", "PM10", "CO", "O3_8h", "PM2.5"])
    start = datetime.date(2020, 1, 1)
    for i in range(1200):  # rows 2–1201
        ws.append([start + datetime.timedelta(days=i), 8, 20, 60, 1.1, 90, 30])
    ws["G1150"] = "=ROUND(35.4,0)"
    raw = tmp_path / "raw.xlsx"
    wb.save(raw)
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(cached, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<f>ROUND\(35.4,0\)</f><v\s*/>", b"<f>ROUND(35.4,0)</f><v>35</v>", data)
            dst.writestr(info, data)
    data = read_input(cached).monitoring
    assert data.problems == []
    day = {d.date: d for d in data.air_days}[start + datetime.timedelta(days=1148)]  # row 1150 = day 1149
    assert day.pm25 == 35


def test_the_workbook_is_opened_once(tmp_path, monkeypatch, years):
    """Fields and daily data come from one open of the file (reading twice cost ~0.4 s a workbook)."""
    from ecoscore.workbook import reader

    path = tmp_path / "once.xlsx"
    wb = template(path, blank_cur=False)
    fill_air(wb, years[0][:10])
    wb.save(path)
    opened = []
    real = reader.open_workbook
    monkeypatch.delenv(
        "ECOSCORE_READER", raising=False
    )  # one reader (ECOSCORE_READER=both runs two, each opening it once)
    monkeypatch.setattr(reader, "open_workbook", lambda *a: opened.append(a) or real(*a))
    data = load_input(path)
    assert len(opened) == 1 and len(data.monitoring.air_days) == 10


def test_content_far_below_a_data_sheet_is_reported_with_its_cell(tmp_path):
    """The rows read per data sheet are bounded (ROW_CAP = 3 + 732 + 1 000 = 1 735); anything
    below is named by its cell, however far down (not only in the first row past the cap)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "空气日数据"
    ws.append(["日期", "SO2", "NO2", "PM10", "CO", "O3_8h", "PM2.5"])
    ws.append([datetime.date(2021, 1, 1), 8, 20, 60, 1.1, 90, 30])
    ws["C5000"] = 12
    path = tmp_path / "far.xlsx"
    wb.save(path)
    data = read_input(path).monitoring
    assert [(p.code, str(p.location)) for p in data.problems] == [("too_many_rows", "空气日数据!C5000")]
    assert "第 1735 行以下还有内容" in data.problems[0].message and len(data.air_days) == 1
