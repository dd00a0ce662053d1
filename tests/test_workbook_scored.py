"""The scored workbook, checked cell by cell against a report whose figures are worked by hand."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ecoscore.core.fields import WaterSection
from ecoscore.core.model import GroupResult, ItemResult, Line, Location, Missing, Report
from ecoscore.workbook import write_scored, write_template
from ecoscore.workbook.xlsx import Workbook
from tests.test_s01_ideology import PERFECT as S01_PERFECT
from tests.test_workbook_reader import SECTIONS, all_valid, fill, score

D = Decimal
PARTY = ("县委组织部", "县委宣传部")
BUREAU = ("市生态环境局中方分局",)
SHEET1 = "1 学习贯彻生态文明思想"
SECTION_SHEETS = {
    n: None
    for n in (
        SHEET1,
        "2 污染防治攻坚战",
        "3 突出问题整改",
        "4 生态保护和修复",
        "5 碳排放达峰",
        "6 绿色生产生活方式",
        "7 监管执法",
        "8 环境风险防范",
        "9 服务高质量发展",
        "10 制度建设",
        "11 能力建设",
    )
}
EVIL = '=HYPERLINK("http://example.invalid","点我")'


def hand_report() -> Report:
    """Items 1, 2, 3 (incomplete) and 6, a bonus and a penalty, with user text that looks like formulas."""
    items = [
        ItemResult(
            "1",
            "1",
            "抓好习近平生态文明思想宣传",
            D(1),
            D("0.50"),
            [
                Line("1.1", D("-0.5"), "未纳入党校教育培训内容，扣 0.50 分", PARTY),
                Line("1.2", D(0), "已开展六五环境日宣传活动，不扣分", PARTY),
            ],
        ),
        ItemResult("2", "1", "认真学习贯彻", D(1), D("1.00"), [Line("2.1", D(0), "已制定方案和措施，不扣分", PARTY)]),
        ItemResult(
            "3",
            "1",
            "科学谋划“十四五”生态环境保护工作",
            D(1),
            None,
            missing=[Missing("i03.plan_done_on_time", "已按时完成规划编制", Location(SHEET1, "E8"))],
        ),
        ItemResult(
            "6",
            "2",
            "深入开展水污染防治行动",
            D(2),
            D("1.50"),
            [Line("6", D("-0.5"), "水源地超标 1 个，每个扣 0.5 分，扣 0.50 分", BUREAU)],
        ),
    ]
    bonus = GroupResult("B", "加分项", D(1), [Line("B.3", D(1), "受到省政府激励措施奖励，加 1.00 分", ())])
    penalty = GroupResult("P", "扣分项", D("0.5"), [Line("P.1", D("-0.5"), "=被国家通报批评 1 次，扣 0.50 分", BUREAU)])
    values = {
        "target.special_periods": EVIL,
        "i01.party_school": False,
        "i06.sources_exceeding": 1,
        "target.pm25_annual": D(32),
        "air.good_days_ratio": D("95.5"),
    }
    sections = [WaterSection("@SUM(1+1)", "国考", 3, 2, 3)]
    locations = {
        "i01.party_school": Location(SHEET1, "E4"),
        "i06.sources_exceeding": Location("2 污染防治攻坚战", "E9"),
    }
    return Report(items, bonus, penalty, values=values, sections=sections, locations=locations)


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    path = tmp_path_factory.mktemp("scored") / "input.scored.xlsx"
    report = hand_report()
    write_scored(report, path, county="中方县", year=2021, input_name="input.xlsx", locations=report.locations)
    return load_workbook(path)


def rows(ws, first=1):
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=first)]


def row_starting(ws, text):
    for row in ws.iter_rows():
        if row[0].value == text:
            return [c.value for c in row]
    raise AssertionError(f"no row starting with {text!r} in {ws.title}")


def test_sheets_and_page_setup(scored):
    assert scored.sheetnames == [
        "考核评分表",
        "总览",
        "评分明细",
        "责任单位",
        "责任单位明细",
        "失分挽回",
        "缺项",
        "填报数据",
    ]
    for ws in scored.worksheets:
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        assert (
            ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1
        )  # 1 is the default, left out
    assert scored["评分明细"].freeze_panes == "A4"


def test_summary_figures(scored):
    ws = scored["总览"]
    assert ws["A1"].value == "中方县2021年度生态环境保护工作考核评分结果"
    facts = {r[0]: r[1] for r in rows(ws, 3)[:9]}
    # items 0.5 + 1 + 1.5 = 3; total 3 + bonus 1 − penalty 0.5 = 3.5; item 3 (1 point) unscored
    assert facts["总分"] == 3.5 and facts["条款得分合计"] == 3 and facts["加分"] == 1 and facts["扣分"] == 0.5
    assert facts["是否暂定分"].startswith("是：1 个条款缺少数据未评分，共 1 分未计入")
    assert facts["县（市、区）"] == "中方县" and facts["考核年度"] == 2021 and facts["填报文件"] == "input.xlsx"
    # section 1: 3 points, scored 0.5 + 1, lost 0.5 + 0, item 3 unscored; section 2: item 6 only
    assert row_starting(ws, SHEET1)[:6] == [SHEET1, "深入学习贯彻习近平生态文明思想", 3, 1.5, 0.5, "3"]
    assert row_starting(ws, "2 污染防治攻坚战")[2:6] == [57, 1.5, 0.5, None]
    # section 11: none of its items in the report, so none scored — 未评分, not 0.00 (issue #15)
    assert row_starting(ws, "11 能力建设")[2:5] == [4, "未评分", "未评分"]
    assert row_starting(ws, "合计")[2:6] == [100, 3, 1, "1 个条款未评分"]
    # partly scored: the figure stays a number, shown with （暂定）
    assert (
        row_starting(ws, SHEET1)[3] == 1.5
        and ws.cell(row_starting_row(ws, SHEET1), 4).number_format == '0.00"（暂定）"'
    )
    (chart,) = ws._charts
    assert chart.tagname == "barChart" and len(chart.series) == 1  # one series: 得分率


def row_starting_row(ws, text) -> int:
    return next(row[0].row for row in ws.iter_rows() if row[0].value == text)


def test_summary_chart_plots_the_rate_of_each_section(scored):
    ws = scored["总览"]
    top = row_starting_row(ws, "各部分得分率（已评分条款的得分 ÷ 其分值）")
    figures = [(ws.cell(r, 6).value, ws.cell(r, 7).value) for r in range(top + 1, top + 13)]
    # section 1: 1.5 of the 2 points of its scored items (item 3 unscored) = 75 %, 暂定;
    # section 2: item 6 only, 1.5 of 2 = 75 %; sections 3–11: no item in the report, no bar
    assert figures[:3] == [("部分", "得分率（%）"), (f"{SHEET1}（暂定）", 75), ("2 污染防治攻坚战", 75)]
    assert figures[3:] == [(f"{name}（未评分）", None) for name in list(SECTION_SHEETS)[2:]]
    (chart,) = ws._charts
    assert chart.y_axis.scaling.max == 100
    # provisional (item 3 unscored): the chart still starts a printed page, under its heading
    assert top - 1 in [b.id for b in ws.row_breaks.brk] and chart.anchor._from.row + 1 == top + 1


def test_ten_largest_losses(scored):
    ws = scored["总览"]
    start = next(i for i, r in enumerate(rows(ws)) if r[0] == "失分最多的十项") + 2
    losses = [r for r in rows(ws)[start:] if r[0]]
    # three losses of 0.5 each, in rubric order: item 1, item 6, then the penalty
    assert [(r[0], r[4]) for r in losses] == [("第 1 条", 0.5), ("第 6 条", 0.5), ("扣分项", 0.5)]
    assert losses[0][5] == "未纳入党校教育培训内容，扣 0.50 分"


def test_detail_rows(scored):
    ws = scored["评分明细"]
    assert rows(ws)[2] == ("条款", "细则", "内容", "分值", "得分", "失分", "增减分", "说明", "责任单位", "考核依据")
    item1 = row_starting(ws, "1")
    assert item1[3:6] == [1, 0.5, 0.5] and item1[7] == "失 0.50 分" and item1[8] == "县委组织部、县委宣传部"
    line = next(r for r in rows(ws) if r[1] == "1.1")
    assert line[3] == 0.5 and line[6] == -0.5 and line[7] == "未纳入党校教育培训内容，扣 0.50 分"
    assert line[2].startswith("习近平生态文明思想纳入县委党校")  # the rule text from the rubric
    item3 = row_starting(ws, "3")
    assert item3[4] == "未评分" and item3[7] == "缺少数据，未评分：已按时完成规划编制"
    assert row_starting(ws, "B")[4] == 1 and row_starting(ws, "P")[4] == -0.5
    totals = {r[2]: r[4] for r in rows(ws) if r[2] in ("条款得分合计", "总分")}
    assert totals == {"条款得分合计": 3, "总分": 3.5}


def test_units_share_losses(scored):
    ws = scored["责任单位"]
    summary = [r[:4] for r in rows(ws, 4)[:3]]
    # the bureau: item 6 (0.5) + penalty (0.5) = 1, nothing shared; party units share 1.1's 0.5
    assert summary == [
        ("市生态环境局中方分局", 1, 0, "6、扣分项"),
        ("县委组织部", 0.5, 0.5, "1"),
        ("县委宣传部", 0.5, 0.5, "1"),
    ]
    assert len(rows(ws, 4)) == 3  # the detail is on its own sheet, under its own repeated header
    ws = scored["责任单位明细"]
    assert rows(ws)[2] == ("责任单位", "失分", "是否共同", "条款", "细则", "共同责任单位", "说明")
    assert ws.print_title_rows == "$3:$3" and scored["责任单位"].print_title_rows == "$3:$3"
    detail = [r for r in rows(ws) if r[4] in ("1.1", "6", "P.1")]
    assert ("县委组织部", 0.5, "共同", "1. 抓好习近平生态文明思想宣传", "1.1", "县委宣传部") in [r[:6] for r in detail]
    assert ("市生态环境局中方分局", 0.5, None, "6. 深入开展水污染防治行动", "6", None) in [r[:6] for r in detail]


def test_missing_links_to_the_input_cell(scored):
    ws = scored["缺项"]
    assert rows(ws, 4)[0][:4] == (
        "3",
        "科学谋划“十四五”生态环境保护工作",
        "已按时完成规划编制",
        "i03.plan_done_on_time",
    )
    cell = ws["E4"]
    assert cell.value == f"{SHEET1}!E8"
    assert cell.hyperlink.target == "input.xlsx" and cell.hyperlink.location == f"'{SHEET1}'!E8"


def test_inputs_as_read_and_formula_like_text_stays_literal(scored):
    ws = scored["填报数据"]
    # the Chinese label first, the field code last (issue #15)
    assert rows(ws)[2] == ("填报内容", "读取值", "单位", "单元格", "字段编码")
    by_key = {r[4]: r for r in rows(ws, 4) if r[4]}
    assert by_key["target.special_periods"][1] == EVIL
    assert by_key["i01.party_school"][:4] == ("已纳入县委党校（行政学院）教育培训内容", "否", None, f"{SHEET1}!E4")
    assert by_key["air.good_days_ratio"][1] == 95.5 and by_key["target.pm25_annual"][1] == 32
    assert row_starting(ws, "@SUM(1+1)")[:5] == ["@SUM(1+1)", "国考", "Ⅲ", "Ⅱ", "Ⅲ"]
    for sheet in scored.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{sheet.title}!{c.coordinate} became a formula: {c.value}"
    penalty_line = next(r for r in rows(scored["评分明细"]) if r[1] == "P.1")
    assert penalty_line[7] == "=被国家通报批评 1 次，扣 0.50 分"


def test_round_trip_from_template(tmp_path):
    path = tmp_path / "input.xlsx"
    write_template(path)

    def typed_as_text(wb, cells):  # what Excel stores when a clerk types '=SUM(1,1) (a note, not a formula)
        cells["target.special_periods"].value = "=SUM(1,1)"
        cells["target.special_periods"].data_type = "s"

    fill(
        path,
        {**all_valid(), **S01_PERFECT, "i01.party_school": "否", "i03.plan_done_on_time": None},
        SECTIONS,
        edit=typed_as_text,
    )
    report = score(path)
    out = tmp_path / "input.scored.xlsx"
    write_scored(report, out, county="中方县", year=2021, input_name="input.xlsx", locations=report.locations)
    literal = next(r for r in load_workbook(out)["填报数据"].iter_rows() if r[4].value == "target.special_periods")[1]
    assert literal.value == "=SUM(1,1)" and literal.data_type == "s"
    ws = load_workbook(out)["总览"]
    # section 1: item 1 loses 1.1 (0.5) → 0.5, item 2 full → 1, item 3 blank → unscored
    assert row_starting(ws, SHEET1)[2:6] == [3, 1.5, 0.5, "3"]
    missing = load_workbook(out)["缺项"]["E4"]
    assert missing.value == str(report.item(3).missing[0].location) and missing.hyperlink.target == "input.xlsx"


def test_failed_save_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "input.scored.xlsx"
    out.write_bytes(b"old")

    def broken_save(self, filename):
        filename.write(b"half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(OSError):
        write_scored(hand_report(), out, county="中方县", year=2021, input_name="input.xlsx", locations={})
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["input.scored.xlsx"]
