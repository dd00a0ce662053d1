"""自评 and 核定: `ecoscore score 核定 --self 自评`, a hand-made pair with three changed fields.

The 自评 is the base of tests/test_diff.py (examples/中方县-2020.json as a 2021 input, every
item scored, total 97.48). The city's 核定 changes three fields; expected differences are
worked by hand from the rule text:
- i01.party_school 是 → 否: 1.1 "未纳入党校教育培训内容" costs its 0.5 → item 1: 1 → 0.5 (−0.5).
- i02.plan_made 是 → 否: 2.1 −0.5 and 2.2 −0.5 (a plan not made is not implemented either)
  → item 2: 1 → 0 (−1).
- penalty.city_actions 1 → 3: P.3 0.2 per city notice → 0.2 → 0.6; as its contribution to the
  total −0.2 → −0.6 (−0.4).
Total: 97.48 − 0.5 − 1 − 0.4 = 95.58 (difference −1.90).
"""

import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore.cli import app
from ecoscore.services import score as app_score
from tests.test_diff import base, changed, save_json, save_workbook

CHANGES = dict(i01__party_school=False, i02__plan_made=False, penalty__city_actions=3)
PARTY = "已纳入县委党校（行政学院）教育培训内容"
runner = CliRunner()


@pytest.fixture
def pair(tmp_path):
    mine = save_json(tmp_path / "自评.json", base())
    audited = save_json(tmp_path / "核定.json", changed(base(), **CHANGES))
    return mine, audited


def by_id(audit):
    return {it.id: it for it in audit.items}


def test_three_changed_fields_give_the_differences_and_reasons(pair):
    mine, audited = pair
    result = app_score.score_file(audited, self_path=mine)
    a = result.audit
    assert (a.self_total, a.total, a.change) == (D("97.48"), D("95.58"), D("-1.90"))
    assert [it.id for it in a.differing] == ["1", "2", "P"]
    items = by_id(a)
    assert (items["1"].self_score, items["1"].score, items["1"].change) == (D(1), D("0.5"), D("-0.5"))
    assert (items["2"].self_score, items["2"].score, items["2"].change) == (D(1), D(0), D(-1))
    assert (items["P"].self_score, items["P"].score, items["P"].change) == (D("-0.2"), D("-0.6"), D("-0.4"))
    assert sum(it.change for it in a.differing) == a.change  # −0.5 − 1 − 0.4 = −1.9
    one = items["1"]
    assert [(f.key, f.self_value, f.value) for f in one.fields] == [("i01.party_school", True, False)]
    assert [(ln.rule, ln.self_points, ln.points) for ln in one.lines] == [("1.1", D(0), D("-0.5"))]
    assert one.reason.splitlines()[0] == f"核定改动：{PARTY}：是 → 否（values.i01.party_school）"
    assert one.reason.splitlines()[1].startswith("细则 1.1 0.00 → -0.50：未纳入党校教育培训内容")
    two = items["2"]
    assert [f.key for f in two.fields] == ["i02.plan_made"]
    assert [(ln.rule, ln.self_points, ln.points) for ln in two.lines] == [
        ("2.1", D(0), D("-0.5")),
        ("2.2", D(0), D("-0.5")),
    ]
    p = items["P"]
    assert p.reason.splitlines()[0] == (
        "核定改动：被市级通报批评、约谈或者下发督办函的次数：1 次 → 3 次（values.penalty.city_actions）"
    )
    assert [(ln.rule, ln.self_points, ln.points) for ln in p.lines] == [("P.3", D("-0.2"), D("-0.6"))]
    assert not items["3"].differs and items["3"].reason == ""  # an untouched item has no reason
    assert result.report.self_report is not None and result.report.self_report.total == D("97.48")


def test_json_report_gains_self_total_and_self_scores(pair, tmp_path):
    mine, audited = pair
    res = runner.invoke(app, ["score", str(audited), "--self", str(mine), "--json", "-"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert (d["self_total"], d["total"]) == (97.48, 95.58)
    first, second = d["items"][0], d["items"][1]
    assert (first["self_score"], first["score"], second["self_score"], second["score"]) == (1, 0.5, 1, 0)
    assert (d["penalty"]["self_score"], d["penalty"]["score"]) == (0.2, 0.6)  # amounts taken, as "score"
    assert d["bonus"]["self_score"] == d["bonus"]["score"]
    assert [x["id"] for x in d["audit"]["items"]] == ["1", "2", "P"]
    assert d["audit"]["change"] == -1.9
    # without --self the report keeps exactly its keys
    plain = json.loads(runner.invoke(app, ["score", str(audited), "--json", "-"]).stdout)
    assert "self_total" not in plain and "audit" not in plain and "self_score" not in plain["items"][0]


def test_the_audit_sheet_reads_back(pair):
    mine, audited = pair
    out = app_score.score_file(audited, self_path=mine).output
    ws = load_workbook(out)["核定差异"]
    assert [c.value for c in ws[3]] == ["序号", "项目", "自评分", "核定分", "差异", "原因"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[1]}
    one = rows["第 1 条 抓好习近平生态文明思想宣传"]
    assert (one[0], one[2], one[3], one[4]) == (1, 1, 0.5, -0.5)
    assert PARTY in one[5] and "是 → 否" in one[5] and "细则 1.1" in one[5]
    assert rows["扣分项"][2:5] == (-0.2, -0.6, -0.4)
    assert rows["总分"][2:5] == (97.48, 95.58, -1.9)
    assert "3 个条款得分不同，核定改动填报数据 3 项" in rows["总分"][5]
    numbered = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)}
    assert len(numbered) == 41 and numbered[3][4] == 0  # every item, B and P listed; unchanged ones too
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"


def test_terminal_shows_totals_and_reasons(pair):
    mine, audited = pair
    res = runner.invoke(app, ["score", str(audited), "--self", str(mine)])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "自评总分：97.48；核定总分：95.58；差异：-1.90" in out
    assert "得分不同的条款（3 项）" in out
    assert "总分：95.58 分" in out  # the normal summary stays


def test_usage_errors(pair, tmp_path):
    mine, audited = pair
    res = runner.invoke(app, ["score", str(audited), "--self", str(audited)])
    assert res.exit_code == 2 and "同一个文件" in res.output
    res = runner.invoke(app, ["score", str(audited), str(mine), "--self", str(mine)])
    assert res.exit_code == 2 and "--self（自评文件）只能用于单个核定文件" in res.output
    other = base()
    other["county"] = "鹤城区"
    res = runner.invoke(app, ["score", str(audited), "--self", str(save_json(tmp_path / "鹤城.json", other))])
    assert res.exit_code == 2 and "是鹤城区的，核定文件是中方县的" in res.output
    assert not (tmp_path / "核定.scored.xlsx").exists()  # nothing written for a wrong pair


def test_a_field_change_without_score_effect_is_named(tmp_path):
    # 37.4 adds 0.1 per full 20 complaints recorded above the 60 required: 64 − 60 = 4 and
    # 70 − 60 = 10 are both under 20 → +0 either way. The score and the lines are unchanged; the
    # changed figure is listed all the same, with 得分不变.
    mine = save_json(tmp_path / "自评.json", base())
    audited = save_json(tmp_path / "核定.json", changed(base(), i37__phone_complaints=70))
    a = app_score.score_file(audited, self_path=mine, workbook=False).audit
    assert a.change == 0 and a.differing == []
    assert [f.key for f in a.fields] == ["i37.phone_complaints"]
    assert (
        by_id(a)["37"].reason
        == "核定改动：全年录入电话投诉举报数量：64 件 → 70 件（values.i37.phone_complaints）\n得分不变"
    )


@pytest.mark.slow
def test_workbook_pair_names_the_cells(tmp_path):
    mine = save_workbook(tmp_path / "自评.xlsx", base())
    audited = save_workbook(tmp_path / "核定.xlsx", changed(base(), **CHANGES))
    a = app_score.score_file(audited, self_path=mine, workbook=False).audit
    one = by_id(a)["1"].fields[0]
    assert one.at and one.at == one.self_at and "!" in one.at  # the same cell in both templates
    assert by_id(a)["1"].reason.splitlines()[0] == f"核定改动：{PARTY}：是 → 否（{one.at}）"


def test_an_item_the_self_assessment_left_unscored(tmp_path):
    # the 自评 leaves 公众环境满意率 blank: item 37 is not scored there (a provisional total without
    # its points), the 核定 fills it. The difference of the totals is then item 37's 核定 score.
    mine = save_json(tmp_path / "自评.json", changed(base(), i37__satisfaction=None))
    audited = save_json(tmp_path / "核定.json", base())
    a = app_score.score_file(audited, self_path=mine, workbook=False).audit
    thirty_seven = by_id(a)["37"]
    assert thirty_seven.self_score is None and thirty_seven.change is None and thirty_seven.differs
    assert [it.id for it in a.differing] == ["37"]
    assert "自评缺数据，未评分" in thirty_seven.reason and "公众环境满意率：（空） → " in thirty_seven.reason
    assert a.change == thirty_seven.score
    assert a.provisional_text == "自评为暂定分（有条款缺数据未评分）"
    res = runner.invoke(app, ["score", str(audited), "--self", str(mine), "-q", "--json", "-"])
    assert json.loads(res.stdout)["items"][36]["self_score"] is None


def test_a_change_no_item_reads_is_listed_apart(tmp_path):
    # target.pm10_annual is shown beside the actual figures but read by no scoring rule: 核定
    # changing it moves no score; it is listed under "不影响任何条款得分" in the sheet.
    mine = save_json(tmp_path / "自评.json", base())
    audited = save_json(tmp_path / "核定.json", changed(base(), target__pm10_annual=50))
    result = app_score.score_file(audited, self_path=mine)
    a = result.audit
    assert a.differing == [] and [f.key for f in a.other_fields] == ["target.pm10_annual"]
    ws = load_workbook(result.output)["核定差异"]
    texts = [r[5] for r in ws.iter_rows(min_row=4, values_only=True) if r[5]]
    assert "PM10 年均浓度目标：47 μg/m³ → 50 μg/m³（values.target.pm10_annual）" in texts
    headings = [r[0] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert "核定改动但不影响任何条款得分的填报数据" in headings
