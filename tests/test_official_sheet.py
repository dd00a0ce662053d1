"""The 考核评分表 (issue #15 part 1): its figures equal the report's item by item, per section and in
total; 自评分/核定分 with and without a self-assessment; its print setup; and the footer's room
on every sheet of every workbook ecoscore writes (the page-number footer was cut in half)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from ecoscore.core.model import ItemResult, Line
from ecoscore.services import batch
from ecoscore.workbook import write_scored, write_template
from ecoscore.workbook.official_sheet import BODY_SIZE, WIDTHS
from tests.test_workbook_scored import hand_report

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ["序号", "工作目标/重点任务", "分值", "计分方法", "自评分", "核定分", "扣分原因", "责任单位", "审核单位"]
HEADERS += ["考核依据/佐证材料", "备注"]


def table(report, tmp_path, name="out.xlsx"):
    path = tmp_path / name
    write_scored(report, path, county="中方县", year=2021, input_name="input.xlsx", locations={})
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "考核评分表"
    return wb, wb["考核评分表"]


def rows_by_label(ws) -> dict:
    """Item rows by 序号; subtotal, bonus, penalty and total rows by their 工作目标 text (in order)."""
    out: dict = {}
    for row in ws.iter_rows(min_row=4, values_only=True):
        key = row[0] or row[1]
        out.setdefault(key, []).append(list(row[:11]))
    return out


def test_the_figures_are_the_report_s(tmp_path):
    _, ws = table(hand_report(), tmp_path)
    assert [c.value for c in ws[3]] == HEADERS
    assert ws["A1"].value == "中方县2021年度生态环境保护工作考核评分表"
    rows = rows_by_label(ws)
    (one,) = rows["1"]
    assert one[:3] == ["1", "抓好习近平生态文明思想宣传", 1]
    assert one[4:7] == [0.5, None, "1.1 未纳入党校教育培训内容 扣 0.50 分"]  # 核定分 blank: the city fills it
    assert one[7:9] == ["县委组织部、县委宣传部", "市委组织部、市委宣传部、市生态环境局"]
    assert rows["2"][0][4:7] == [1, None, "—"]  # nothing lost
    three = rows["3"][0]
    assert three[4:7] == ["未评分", None, "未评分：缺 1 项数据"] and three[10] == "暂定：缺数据未计分"  # never 0.00
    six = rows["6"][0]  # its own heading: items 4–8 share the name 深入开展水污染防治行动
    assert six[1] == "深入开展水污染防治行动：县级城市集中式饮用水水源水质"
    assert six[3] == "县级城市集中式饮用水水源地每超标 1 个扣 0.5 分"
    assert six[4:7] == [1.5, None, "6 水源地超标 1 个 扣 0.50 分"]  # "每个扣 0.5 分" is the method, not a fact
    subtotals = rows["小计"]
    assert len(subtotals) == 11  # one per section worth points
    # section 1: 3 points, items 1 and 2 scored 0.5 + 1 = 1.5, lost 0.5; item 3 unscored
    assert subtotals[0][2:7] == [3, None, 1.5, None, "本部分失 0.50 分；第 3 条未评分"]
    assert subtotals[1][2:7] == [57, None, 1.5, None, "本部分失 0.50 分"]  # section 2: item 6 only
    assert subtotals[2][2:7] == [8, None, 0, None, "本部分失 0.00 分"]  # section 3: none of its items here
    (bonus,) = rows["加分项（累计不超过 5 分）"]
    assert bonus[4:7] == [1, None, "B.3 受到省政府激励措施奖励 加 1.00 分"]
    (penalty,) = rows["扣分项"]
    assert penalty[4:7] == [-0.5, None, "P.1 =被国家通报批评 1 次 扣 0.50 分"]
    (total,) = rows["合计"]
    # items 0.5 + 1 + 1.5 = 3; 3 + bonus 1 − penalty 0.5 = 3.5 (provisional: item 3 unscored)
    assert total[2:7] == [100, None, 3.5, None, "条款失分 1.00 分，加分 1.00 分，扣分 0.50 分"]
    assert total[10] == "暂定分：1 个条款未评分"
    signature = [c.value for c in ws[ws.max_row] if c.value]
    assert signature == ["填报单位（盖章）：", "填报人：", "审核人：", "日期：　　年　　月　　日"]


def test_a_checked_report_shows_the_self_assessment_beside_it(tmp_path):
    own = hand_report()
    checked = hand_report()
    checked.items[3] = ItemResult(
        "6", "2", "深入开展水污染防治行动", Decimal(2), Decimal(2), []
    )  # the city restores 0.5
    checked.penalty.lines.append(Line("P.3", Decimal("-0.2"), "被市级通报批评 1 次，每次扣 0.2 分，扣 0.20 分", ()))
    checked.penalty.score = Decimal("0.7")
    checked.self_report = own
    _, ws = table(checked, tmp_path)
    rows = rows_by_label(ws)
    assert rows["6"][0][4:7] == [1.5, 2, "—"]  # 自评分 the county's, 核定分 and its reasons the city's
    assert rows["1"][0][4:6] == [0.5, 0.5]
    assert rows["小计"][1][4:6] == [1.5, 2]
    assert rows["扣分项"][0][4:6] == [-0.5, -0.7]
    # self: 3 + 1 − 0.5 = 3.5; checked: items 0.5 + 1 + 2 = 3.5, + 1 − 0.7 = 3.8
    assert rows["合计"][0][4:6] == [3.5, 3.8]
    assert "核定分为市级核定结果" in ws["A2"].value


def test_the_shipped_example_row_by_row(tmp_path):
    from ecoscore.services.load import load_input, score_input

    report = score_input(load_input(ROOT / "examples" / "中方县-2021.xlsx"))
    _, ws = table(report, tmp_path)
    rows = rows_by_label(ws)
    for it in report.items:  # every item once, with the report's score
        (row,) = rows[it.id]
        assert row[4] == float(it.score) and row[2] == float(it.points)
    nine = rows["9"][0][6].split("\n")
    # 9.4: PM2.5 36 against the target 32, 4 × 0.5 = 2.00 (the example's figures)
    assert nine[-1] == "9.4 PM2.5 年均浓度 36 μg/m³，年度目标 32 扣 2.00 分"
    assert rows["10"][0][10] == "符合 10.1 免扣"  # item 10's exemption
    assert rows["39"][0][10] == "进度节点：严格按照资金管理办法和问题整改时限"
    assert rows["3"][0][9] == "规划文本\n中方县“十四五”生态环境保护规划（中政发〔2021〕12号，第 7–58 页）"
    assert rows["合计"][0][4] == float(report.total)


def test_print_setup(tmp_path):
    _, ws = table(hand_report(), tmp_path)
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1
    assert ws.page_setup.fitToHeight == 0  # as many pages down as it needs
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    for row in ws.iter_rows(min_row=3):
        for c in row:
            if c.value is not None:
                assert c.font.sz >= BODY_SIZE and c.alignment.wrap_text or c.row == ws.max_row, c.coordinate
    # fit to width shrinks the page: A4 landscape less 0.4 in margins is 10.89 in = 784 pt; a column
    # of width w is w × 7 + 5 px = 0.75 pt per px (Excel's Calibri 11 default); at ≥ 90 % the 10 pt
    # body prints at ≥ 9 pt
    width_pt = sum(w * 7 + 5 for w in WIDTHS) * 0.75
    assert min(1, 784 / width_pt) * BODY_SIZE >= 9
    assert (ws.column_dimensions["D"].width, ws.column_dimensions["G"].width) == (WIDTHS[3], WIDTHS[6])


def footer_room(wb) -> list[tuple[str, float, float]]:
    """Sheets whose footer (0.3 in from the edge, about 0.15 in of text) would not sit inside the
    bottom margin with room to spare."""
    return [
        (ws.title, ws.page_margins.bottom, ws.page_margins.footer)
        for ws in wb.worksheets
        if not ws.page_margins.bottom - ws.page_margins.footer >= 0.4
    ]


def test_every_sheet_leaves_the_footer_room(tmp_path):
    template = tmp_path / "t.xlsx"
    write_template(template)
    scored, _ = table(hand_report(), tmp_path)
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("中方县-2021.xlsx", "中方县-2021.json"):
        shutil.copy(ROOT / "examples" / name, folder / name.replace(".json", "-json.json"))
    batch.score_many([folder])
    books = [load_workbook(template), scored, load_workbook(folder / "汇总.xlsx")]
    books.append(load_workbook(folder / "中方县-2021.scored.xlsx"))
    for wb in books:
        assert footer_room(wb) == [] and all(ws.oddFooter.center.text for ws in wb.worksheets)


def test_page_breaks_keep_headings_with_their_items_and_the_signature_with_the_total(tmp_path):
    from ecoscore.services.load import load_input, score_input

    _, ws = table(score_input(load_input(ROOT / "examples" / "中方县-2021.xlsx")), tmp_path)
    breaks = [b.id for b in ws.row_breaks.brk]  # the new page starts at row id + 1
    assert len(breaks) >= 5
    bands = {r for r in range(4, ws.max_row + 1) if re.match("[一二三四五六七八九十]+、", str(ws.cell(r, 1).value))}
    assert len(bands) == 11 and not bands & set(breaks)  # no heading is the last row of a page
    total = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "合计")
    assert breaks[-1] < total and ws.cell(total + 2, 1).value == "填报单位（盖章）："
    # every page's rows fit in A4 landscape less the margins, 8.27 − 0.6 − 0.75 in = 498 pt, even
    # printed at 100 % (fit to width only shrinks); later pages also repeat the 30 pt header row
    pages = zip([3, *breaks], [*breaks, ws.max_row])
    for first, last in pages:
        rows = range(first + 1, last + 1)
        assert sum(ws.row_dimensions[r].height or 15 for r in rows) + (30 if first > 3 else 88) <= 498
