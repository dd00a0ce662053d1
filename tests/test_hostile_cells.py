"""Careless and hostile cells, through the command line: every bad cell is reported in one report
naming sheet!cell, the key, the value and what was expected (exit 4, nothing written, the input
unchanged); careless but clear spellings are normalised; layout changes do not change the result.
"""

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecoscore import rubric
from ecoscore.services import score as lib
from tests.test_hostile_files import EXAMPLE, FAST, cli, rebuild, snapshot, write_blank
from tests.test_s01_ideology import PERFECT as S01_PERFECT
from tests.test_workbook_reader import SECTIONS, all_valid, fill, key_cells

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them

ROOT = Path(__file__).resolve().parents[1]
BASE = {**all_valid(), **S01_PERFECT}

# key → (raw cell value, text the report shows as the value, words of the reason / expectation)
BAD_CELLS = {
    "i16.plots_incomplete": ("#DIV/0!", "#DIV/0!", ["Excel 错误值"]),
    "i17.cd_sources_incomplete": ("#N/A", "#N/A", ["Excel 错误值"]),
    "air.so2": ("#VALUE!", "#VALUE!", ["Excel 错误值"]),
    "air.no2": ("#REF!", "#REF!", ["Excel 错误值"]),
    "i06.sources_exceeding": ("=B2*3", "=B2*3", ["没有保存计算结果"]),
    "i07.cod_target": (datetime(2021, 3, 5), "2021-03-05", ["日期", "数值"]),
    "air.pm10": (time(8, 30), "08:30", ["数值"]),
    # "3个" is read as 3 since rev 2 (the field's own unit word); another unit word is still an error
    "i08.zones_missing_county": ("3件", "3件", ["不是数值", "不小于 0 的整数"]),
    "air.pm25": ("36μg/m³", "36μg/m³", ["不是数值"]),
    "i12.measures_missed": (1.5, "1.5", ["应为整数"]),
    "air.good_days_ratio": (120, "120", ["数值过大", "0 至 100"]),
    "i08.zones_missing_other": (-1, "-1", ["数值过小"]),
    "air.co_p95": (True, "True", ["是/否", "数值"]),
    "air.pm25_prev": ("三十六", "三十六", ["不是数值"]),
    "target.pm25_annual": ("30%", "30%", ["不是百分数"]),
    "i35.report_status": ("按期", "按期", ["不在可选范围内", "按时、迟报、未报"]),
    "i28.kitchen_waste_status": ("已建成 ", "已建成", ["不在可选范围内"]),
    "i12.emergency_not_launched": ("可能", "可能", ["“是”或“否”"]),
    "i01.party_school": ("1.5", "1.5", ["“是”或“否”"]),
    "i05.cwqi_city_rank": (0, "0", ["数值过小", "名次"]),
    "i28.frugal_deduction": (0.8, "0.8", ["数值过大", "0 至 0.5"]),
    "i20.inspected_tasks": (3, None, []),  # valid alone; with the next one a contradiction
    "i20.false_tasks": (5, "（5）", ["不能大于", "（3）"]),
}
BAD_SECTIONS = [
    {"name": "沅水", "level": "国考", "target": "Ⅲ", "prev": "Ⅱ", "cur": "#N/A"},
    {"name": "舞水中方段", "level": "市考", "target": "七类", "prev": "Ⅱ", "cur": "Ⅱ"},
]


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return write_blank(tmp_path_factory)


@pytest.fixture
def book(tmp_path, blank):
    path = tmp_path / "县" / "填报.xlsx"
    path.parent.mkdir()
    shutil.copy(blank, path)
    return path


def extra_rows(wb, cells):
    """A duplicated key and a key the catalogue does not know, appended under the field table."""
    ws = cells["i01.party_school"].parent
    for key, value in (("i02.plan_implemented", "是"), ("i99.no_such_field", 1)):
        r = ws.max_row + 1
        ws.cell(row=r, column=9).value, ws.cell(row=r, column=5).value = key, value


def test_every_bad_cell_in_one_report_with_cell_key_value_and_expectation(book):
    fill(book, {**BASE, **{k: v for k, (v, _, _) in BAD_CELLS.items()}}, SECTIONS + BAD_SECTIONS, edit=extra_rows)
    cells = key_cells(load_workbook(book))
    where = {k: f"{c.parent.title}!{c.coordinate}" for k, c in cells.items()}
    before = snapshot(book.parent)
    for args in (("score", book), ("diff", EXAMPLE, book)):
        exit_code, out = cli(*args)
        assert exit_code == 4, out
        lines = out.splitlines()
        for key, (_, shown, words) in BAD_CELLS.items():
            if shown is None:
                continue
            (line,) = [ln for ln in lines if f"{where[key]} [{key}]" in ln] or [out]
            assert shown in line and all(w in line for w in words), (key, line)
        assert any("[i02.plan_implemented]" in ln and "不止一次" in ln for ln in lines), out
        if args[0] == "score":  # diff lists keys of another template version instead (see diff.read_side)
            assert any("[i99.no_such_field]" in ln and "未知的字段编码" in ln for ln in lines), out
        assert any("断面水质!E6 [sections.cur]" in ln and "#N/A" in ln for ln in lines), out
        assert any("断面水质!B7 [sections.level]" in ln and "市考" in ln and "国考或省考" in ln for ln in lines), out
        assert any("断面水质!C7 [sections.target]" in ln and "七类" in ln for ln in lines), out
        assert any("断面水质!A7 [sections.name]" in ln and "重复" in ln for ln in lines), out
        assert snapshot(book.parent) == before  # nothing written, the input's bytes unchanged


# ---- careless but clear: normalised to exactly what was meant ----------------------------------
CARELESS = {
    "bool": ["√", "Y", "TRUE", " 是 ", "对", True, 1],
    "count": ["０", " 0 ", "0.0"],
    "rank": ["３", "3"],
    "ded": ["０", "0.00"],
    "conc": ["３０", "30.0"],
    "num": ["５０", "50"],
    "pct": ["90%", "９０", "90.0％"],
    "pct+": ["100%", "１００"],
    "spct": ["＋1.5", "1.5%"],
}
SECTION_SPELLINGS = [
    {"name": " 舞水中方段 ", "level": "国考", "target": "III", "prev": "２", "cur": "Ⅱ类"},
    {"name": "沅水铜湾段", "level": " 省考", "target": "三类", "prev": 3, "cur": "3类"},
]


def careless(values: dict) -> dict:
    cat, out, seen = rubric.default().catalogue, {}, {}
    for key, v in values.items():
        options = CARELESS.get(cat[key].kind)
        if (
            options
            and v
            == {
                "bool": "是",
                "count": 0,
                "rank": 3,
                "ded": 0,
                "conc": 30,
                "num": 50,
                "pct": 90,
                "pct+": 100,
                "spct": "1.5",
            }[cat[key].kind]
        ):
            i = seen[cat[key].kind] = seen.get(cat[key].kind, -1) + 1
            v = options[i % len(options)]
        out[key] = v
    return out


def test_careless_spellings_score_exactly_like_the_canonical_ones(tmp_path, blank):
    canonical, sloppy = tmp_path / "canonical.xlsx", tmp_path / "sloppy.xlsx"
    shutil.copy(blank, canonical)
    shutil.copy(blank, sloppy)
    fill(canonical, BASE, SECTIONS)

    def percent_cell(wb, cells):  # 0.9 shown as 90 % is 90
        cells["air.good_days_ratio"].value, cells["air.good_days_ratio"].number_format = 0.9, "0%"

    fill(sloppy, careless(BASE), SECTION_SPELLINGS, edit=percent_cell)
    a = lib.score_file(canonical, workbook=False).report.to_dict()
    b = lib.score_file(sloppy, workbook=False).report.to_dict()
    assert a == b


# ---- what users do to the layout does not change the result -------------------------------------
def rearranged(path: Path) -> Path:
    wb = load_workbook(EXAMPLE)
    cells = key_cells(wb)
    air = cells["air.pm25"].parent
    air.insert_rows(2, 3)  # notes above the header
    cells = key_cells(wb)
    for key in ("i01.party_school", "air.pm10"):  # merge the value cell with the label left of it
        cell = cells[key]
        left = cell.parent.cell(row=cell.row, column=cell.column - 1)
        left.value, cell.value = cell.value, None
        cell.parent.merge_cells(start_row=cell.row, start_column=left.column, end_row=cell.row, end_column=cell.column)
    wb.move_sheet(air, offset=len(wb.sheetnames))  # reordered
    wb[wb.sheetnames[1]].sheet_state = "hidden"
    wb[wb.sheetnames[2]].sheet_state = "veryHidden"
    wb.save(path)
    return path


def test_merged_inserted_hidden_reordered_give_the_same_report(tmp_path):
    path = rearranged(tmp_path / "rearranged.xlsx")
    assert (
        lib.score_file(path, workbook=False).report.to_dict()
        == lib.score_file(EXAMPLE, workbook=False).report.to_dict()
    )
    exit_code, out = cli("score", path, "-o", tmp_path / "out.xlsx")
    assert exit_code == 0, out


# ---- numbers far beyond any county figure ----------------------------------------------------------
def test_numbers_read_as_infinite_or_enormous_are_located_errors(book, tmp_path):
    def year(wb, cells):
        wb["填报说明"]["B4"].value = 1e300

    fill(book, {**BASE, "i14.noise_zoning_done": 3.9673104644907476e232, "air.pm25": 1e300}, SECTIONS, edit=year)
    crafted = rebuild(tmp_path / "inf.xlsx", lambda n, b: b.replace(b"<v>1e+300</v>", b"<v>1e999</v>"), src=book)
    exit_code, out = cli("score", crafted)  # Excel never writes 1e999; openpyxl reads it as inf
    assert exit_code == 4, out
    assert "[i14.noise_zoning_done]" in out and "[air.pm25]" in out and "不是有效数值" in out, out
    assert "填报说明!B4 [info.year]" in out and out.count("不是有效数值") >= 2, out


@pytest.mark.parametrize(
    "key,raw,words",
    [
        ("air.pm25", 1e30, "数值过大"),
        ("city.pm25_improvement_avg", -1e30, "数值过大"),
        ("target.pm25_annual", "1E+28", "数值过大"),
        ("air.no2", 1.7e308, "数值过大"),
        ("air.pm25_prev", 1e-30, "数值过小"),  # a denominator: 36 / 1e-30 cannot be rounded to two decimals
    ],
)
def test_numbers_far_out_of_range_are_invalid_values_not_internal_errors(book, key, raw, words):
    fill(book, {**BASE, key: raw}, SECTIONS)
    exit_code, out = cli("score", book)
    assert exit_code == 4 and f"[{key}]" in out and words in out, out


def test_json_infinity_and_nan_are_invalid_values(tmp_path):
    doc = {
        "values": {**BASE, "air.pm25": float("nan")},
        "sections": [dict(SECTIONS[0], prev=float("inf")), dict(SECTIONS[1], cur=float("nan"))],
    }
    (tmp_path / "a.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")  # NaN, Infinity
    exit_code, out = cli("score", tmp_path / "a.json", "-o", tmp_path / "a.xlsx")
    assert exit_code == 4 and "sections[0].prev" in out and "sections[1].cur" in out and "[air.pm25]" in out, out


def test_a_huge_exponent_is_rejected_at_once(book):
    fill(book, {**BASE, "i37.phone_complaints": "1e999999999"}, SECTIONS)
    code = "import sys; from ecoscore.cli import app; sys.argv[0] = 'ecoscore'; app()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code, "score", str(book)],
        capture_output=True,
        text=True,
        timeout=FAST,
        env=env,
        cwd=book.parent,
        check=False,
    )  # a hang fails here, it does not stall
    assert proc.returncode == 4 and "[i37.phone_complaints]" in proc.stderr, proc.stderr
