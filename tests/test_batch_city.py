"""Issue #14 parts 2–5: the city's view of a batch — final scores ranked and provisional ones not,
未评分 never shown as 0, the leader's 汇总.xlsx (one-page 排名, item × county equal to each county's own
report), the batch JSON with every report, --prev, and the terminal table within 80 columns.

Totals are the base input's total T (single-file scoring) moved by hand-worked sub-rules, as in
tests/test_batch.py:  1.1 未纳入党校教育培训内容 → −0.5;  21.2 省级交办问题 1 项未达序时进度 → −0.5.
"""

import json
import shutil
import subprocess
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from ecoscore.cli import app
from ecoscore.core.model import GroupResult, ItemResult, Line, Report, UsageProblem
from ecoscore.services import batch
from ecoscore.services import score as single
from ecoscore.services.output import json_text
from ecoscore.terminal import render_batch
from ecoscore.workbook.summary import write_summary
from tests.test_batch import LATE, NO_SCHOOL, write_json

D = Decimal
runner = CliRunner()
SECTION_1 = (
    "i01.party_school",
    "i01.env_day_activity",
    "i02.plan_made",
    "i02.plan_implemented",
    "i03.plan_done_on_time",
)


def blank(*keys: str) -> dict:
    return {k.replace(".", "__"): None for k in keys}


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """甲 T (final); 乙 T − 0.5 (final, 1.1); 丙 item 1 blank (provisional, section 1 partly scored);
    丁 all of section 1 blank (provisional, section 1 未评分)."""
    folder = tmp_path_factory.mktemp("city") / "本年"
    folder.mkdir()
    write_json(folder / "a.json", "甲县")
    write_json(folder / "b.json", "乙县", **NO_SCHOOL)
    write_json(folder / "c.json", "丙县", **blank("i01.party_school"))
    write_json(folder / "d.json", "丁县", **blank(*SECTION_1))
    result = batch.score_many([folder], jobs=1)
    return folder, result


# ---- ranking ---------------------------------------------------------------------------------------
def synthetic(county: str, score: str, unscored: bool = False) -> batch.Outcome:
    items = [
        ItemResult("1", "1", "x", D(50), None if unscored else D(0), []),
        ItemResult("2", "2", "y", D(50), D(score), [Line("2.1", D(score) - 50, "扣分")]),
    ]
    report = Report(items, GroupResult("B", "加分项", D(0)), GroupResult("P", "扣分项", D(0)), county=county)
    return batch.Outcome(Path(f"{county}.json"), standing=batch.standing(report))


def test_a_provisional_county_gets_no_rank_number():
    # 丙 (provisional) has the highest total, 47, but points still open: no rank, listed last;
    # the final 甲 45 and 乙 45 tie at 1, 丁 40 is third (1, 1, 3)
    outcomes = [
        synthetic("甲", "45"),
        synthetic("丙", "47", unscored=True),
        synthetic("乙", "45"),
        synthetic("丁", "40"),
    ]
    rows = batch.ranking(outcomes)
    assert [(r.rank, r.county) for r in rows] == [(1, "甲"), (1, "乙"), (3, "丁"), (None, "丙")]
    assert rows[3].unscored_points == 50 and rows[3].scored_points == 50
    assert rows[3].rate == D("0.94")  # 47 ÷ the 50 points scored
    assert rows[0].rate == D("0.45")  # 45 ÷ 100
    result = batch.BatchResult(outcomes, rows)
    files = result.to_dict()["files"]
    assert [(f["county"], f["rank"]) for f in files] == [("甲", 1), ("丙", None), ("乙", 1), ("丁", 3)]


def test_city_ranking_and_average(city):
    _, result = city
    assert [(r.rank, r.county) for r in result.ranking] == [(1, "甲县"), (2, "乙县"), (None, "丙县"), (None, "丁县")]
    t = result.ranking[0].total
    # mean of the final totals: (T + T − 0.5) / 2 = T − 0.25; 得分率 the same over 100
    assert result.average == (t - D("0.25"), (t - D("0.25")) / 100)
    # 丙: item 1 (1 point) unscored → over 99 points; 丁: items 1–3 (3 points) → over 97
    assert [(r.unscored_points, r.scored_points) for r in result.provisionals] == [(1, 99), (3, 97)]


# ---- the summary workbook ----------------------------------------------------------------------
def test_unscored_shows_未评分_never_0(city):
    folder, _ = city
    wb = load_workbook(folder / "汇总.xlsx")
    items = wb["分项得分"]
    assert [c.value for c in items[3]][:4] == ["条款", "名称", "分值", "全市平均"]
    assert [c.value for c in items[3]][4:] == ["甲县", "乙县", "丙县\n（暂定）", "丁县\n（暂定）"]
    item1 = [c.value for c in items[4]]
    # item 1: 甲 full 1; 乙 loses 1.1 (0.5); the final counties' average (1 + 0.5) / 2 = 0.75
    assert item1[:8] == ["1", "抓好习近平生态文明思想宣传", 1, 0.75, 1, 0.5, "未评分", "未评分"]
    sections = wb["板块得分"]
    sec1 = [c.value for c in sections[4]]
    # section 1 (items 1–3, 1 point each): 甲 3, 乙 2.5, 丙 items 2 and 3 only = 2 (暂定, marked *), 丁 none
    assert sec1[:8] == ["1", "深入学习贯彻习近平生态文明思想", 3, 2.75, 3, 2.5, 2, "未评分"]
    assert sections.cell(row=4, column=7).number_format == '0.00"*"'
    assert sections.cell(row=4, column=6).number_format == "0.00"
    ranked = [[c.value for c in row] for row in wb["排名"].iter_rows(min_row=4, max_row=9)]
    assert [r[0] for r in ranked] == [1, 2, "—", ranked[3][0], "暂定", "暂定"]
    assert ranked[3][0].startswith("暂定得分（2 个")
    assert ranked[4][5] == "暂定：1.00 分未评分（1 项）"
    assert ranked[5][5] == "暂定：3.00 分未评分（3 项）"
    assert all(0 not in r[2:4] for r in ranked)  # no total or 得分率 shown as 0


def test_item_by_county_values_equal_each_countys_report(city):
    folder, result = city
    ws = load_workbook(folder / "汇总.xlsx")["分项得分"]
    header = [c.value for c in ws[3]]
    rows = {row[0].value: [c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value}
    for o in result.outcomes:
        report = single.score_file(o.path, workbook=False).report
        label = report.county + ("\n（暂定）" if report.provisional else "")
        col = header.index(label)
        for it in report.items:
            shown = rows[it.id][col]
            assert shown == ("未评分" if it.score is None else float(it.score)), (report.county, it.id)
        assert rows["B"][col] == float(report.bonus.score) and rows["P"][col] == float(report.penalty.score)
    assert len([k for k in rows if k not in ("B", "P")]) == 39


def synthetic_city(n: int) -> batch.BatchResult:
    """`n` counties with long labels and three long losses each: the worst case for one page."""
    outcomes = []
    for i in range(n):
        lines = [Line(f"10.{j + 10}", D("-12.75"), "扣分") for j in range(3)]
        items = [ItemResult("1", "1", "x", D(100), D(60 + i % 30), lines)]
        county = f"麻阳苗族自治县{i:02d}"
        report = Report(items, GroupResult("B", "加分项", D(0)), GroupResult("P", "扣分项", D(0)), county=county)
        outcomes.append(batch.Outcome(Path(f"县{i:02d}-很长的文件名.xlsx"), standing=batch.standing(report)))
    return batch.BatchResult(outcomes, batch.ranking(outcomes))


A4_LANDSCAPE = (842, 595)  # points


def page_scale(ws) -> float:
    """The scale Excel's fit-to-page needs for the printed area, estimated: a column of width w holds
    w × 7 + 5 pixels (0.75 pt each); unset rows are 15 pt."""
    m = ws.page_margins
    width = sum((ws.column_dimensions[c].width * 7 + 5) * 0.75 for c in "ABCDEF")
    height = sum((ws.row_dimensions[r].height or 15) for r in range(1, ws.max_row + 1))
    usable = (A4_LANDSCAPE[0] - (m.left + m.right) * 72, A4_LANDSCAPE[1] - (m.top + m.bottom) * 72)
    return min(1.0, usable[0] / width, usable[1] / height)


@pytest.mark.parametrize("n", [13, 20, 24])
def test_first_sheet_prints_on_one_a4_landscape_page_at_9pt_or_more(tmp_path, n):
    write_summary(synthetic_city(n), tmp_path / "汇总.xlsx")
    ws = load_workbook(tmp_path / "汇总.xlsx").worksheets[0]
    assert ws.title == "排名"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4
    # one page wide and one tall: 1 is the file format's default for both, so XlsxWriter leaves them out
    assert (setup.fitToWidth, setup.fitToHeight) in ((None, None), (1, 1))
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    body = {c.font.sz for row in ws.iter_rows(min_row=3) for c in row if c.value is not None}
    assert min(body) >= 10
    assert min(body) * page_scale(ws) >= 9, page_scale(ws)
    names = [c.value for c in ws["B"][3:]]
    assert all(".xlsx" not in str(v) for v in names if v)  # file names go to the 文件 sheet


def test_a_longer_ranking_prints_on_several_pages_at_full_size(tmp_path):
    write_summary(synthetic_city(30), tmp_path / "汇总.xlsx")
    ws = load_workbook(tmp_path / "汇总.xlsx").worksheets[0]
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((None, 0), (1, 0))  # wide 1, tall any
    assert ws.print_title_rows == "$3:$3"  # the header on every page


# ---- the batch JSON --------------------------------------------------------------------------------
def test_batch_json_carries_each_countys_full_report(tmp_path):
    folder = tmp_path / "本年"
    folder.mkdir()
    write_json(folder / "a.json", "甲县", **LATE)
    write_json(folder / "b.json", "乙县", **blank("i01.party_school"))
    (folder / "c.json").write_text("{oops", encoding="utf-8")
    # --no-city: with cross-county figures derived, a county's report differs from its single-file one
    # by those figures (tests/test_city_batch.py checks them); here the report itself is the point.
    r = runner.invoke(app, ["score", str(folder), "--json", str(tmp_path / "out.json"), "-q", "--no-city"])
    assert r.exit_code == 4
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    reports = [
        json.loads(single.report_json(single.score_file(folder / f"{n}.json", workbook=False).report)) for n in "ab"
    ]
    assert [f["report"] for f in doc["files"]] == [*reports, None]
    assert [(f["county"], f["rank"], f["provisional"]) for f in doc["files"]] == [
        ("甲县", 1, False),
        ("乙县", None, True),
        (None, None, None),
    ]
    assert "derived" in doc["files"][0]["report"]
    assert text == json_text(doc)  # streamed, yet laid out as one json.dumps would


# ---- last year -----------------------------------------------------------------------------------
def test_prev_compares_with_last_years_reports_inputs_and_scored_workbooks(tmp_path):
    this, last = tmp_path / "本年", tmp_path / "上年"
    this.mkdir()
    last.mkdir()
    write_json(this / "a.json", "甲县")  # T
    write_json(this / "b.json", "乙县", **NO_SCHOOL)  # T − 0.5
    write_json(this / "c.json", "丙县", **LATE)  # T − 0.5
    write_json(this / "d.json", "丁县")  # T, nothing last year
    jia = single.score_file(write_json(tmp_path / "x.json", "甲县", **NO_SCHOOL, **LATE), workbook=False)
    (last / "甲县.json").write_text(single.report_json(jia.report), encoding="utf-8")  # a report: T − 1.0
    write_json(last / "乙县.json", "乙县")  # an input: T
    write_json(tmp_path / "丙县.json", "丙县", **LATE)
    single.score_file(tmp_path / "丙县.json", output=last / "丙县.scored.xlsx")  # a scored workbook: T − 0.5
    (last / "坏.json").write_text("{", encoding="utf-8")
    result = batch.score_many([this], previous=last, jobs=1)
    changes = {r.county: result.previous.changes.get(r.index) for r in result.ranking}
    # 甲 T − (T − 1) = +1; 乙 (T − 0.5) − T = −0.5; 丙 (T − 0.5) − (T − 0.5) = 0; 丁 unmatched
    assert {k: (v.delta if v else None) for k, v in changes.items()} == {
        "甲县": D("1.00"),
        "乙县": D("-0.50"),
        "丙县": D("0.00"),
        "丁县": None,
    }
    assert result.previous.unmatched == ["丁县"]
    assert [p.name for p, _ in result.previous.previous.failed] == ["坏.json"]
    ws = load_workbook(this / "汇总.xlsx")["排名"]
    assert [c.value for c in ws[3]][4] == "比上年"
    col = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=5).value for r in range(4, 9)}
    assert (col["甲县"], col["乙县"], col["丙县"], col["丁县"]) == (1, -0.5, 0, "—")
    assert col["全市平均（不含暂定）"] == 0.17  # of the counties matched: (1 − 0.5 + 0) / 3 = 0.1667 → 0.17
    notes = [ws.cell(row=r, column=1).value for r in range(9, ws.max_row + 1)]
    assert any(n and "上年没有对应数据" in n and "丁县" in n for n in notes)

    out = StringIO()
    render_batch.show(Console(file=out, width=80), result)
    lines = out.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    header = next(line for line in lines if line.startswith("名次"))
    assert header.split() == ["名次", "县（市、区）", "总分", "得分率", "比上年", "失分最多的细则"]
    assert "共 4 个文件：4 个县最终得分，0 个暂定，0 个无法评分" in lines


def test_prev_needs_a_folder_and_a_batch(tmp_path):
    write_json(tmp_path / "a.json", "甲县")
    with pytest.raises(UsageProblem, match="不是文件夹"):
        batch.score_many([tmp_path], previous=tmp_path / "a.json")
    r = runner.invoke(app, ["score", str(tmp_path / "a.json"), "--prev", str(tmp_path)])
    assert r.exit_code == 2 and "--prev 仅用于批量评分" in r.stderr


def test_terminal_table_fits_80_columns_with_provisional_heading(city):
    _, result = city
    out = StringIO()
    render_batch.show(Console(file=out, width=80), result)
    lines = out.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert next(line for line in lines if line.startswith("名次")).split() == [
        "名次",
        "县（市、区）",
        "总分",
        "得分率",
        "失分最多的细则",
    ]
    assert any(line.startswith("暂定（2 个") for line in lines)
    assert "共 4 个文件：2 个县最终得分，2 个暂定，0 个无法评分" in lines
    table = lines[: next(i for i, line in enumerate(lines) if line.startswith("共 "))]
    assert not any(".json" in line or ".scored.xlsx" in line for line in table)  # no file names


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice")
def test_rendered_first_page_holds_the_whole_ranking(tmp_path):
    """LibreOffice prints the 排名 sheet of 20 counties on page 1: every county and the notes under it,
    and page 2 is already the next sheet."""
    from tests.test_workbook_libreoffice import soffice

    write_summary(synthetic_city(20), tmp_path / "汇总.xlsx")
    soffice(tmp_path, "pdf", tmp_path / "汇总.xlsx")
    pdf = tmp_path / "lo" / "汇总.pdf"
    page = [
        subprocess.run(
            ["pdftotext", "-f", str(p), "-l", str(p), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for p in (1, 2)
    ]
    assert all(f"麻阳苗族自治县{i:02d}" in page[0] for i in range(20))
    assert "全市平均（不含暂定）" in page[0] and "见“文件”表" in page[0]
    assert "考核得分率" in page[1] and "麻阳苗族自治县00" in page[1]  # the chart sheet's table
