"""Conditional fields (docs/spec/decisions.md#d7 (第 2 版)): a field read in one branch only is required only when
that branch is taken. Expected scores worked by hand from the rule text."""

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore import rubric
from ecoscore.cli import app
from ecoscore.core.fields import Condition, Op
from tests.helpers import D, item_result
from tests.test_s01_ideology import PERFECT as S01
from tests.test_s02_air import PERFECT as AIR
from tests.test_s03_s05 import PERFECT as S03

# docs/spec/decisions.md#d7 (第 2 版): field → the condition's field (and what it must hold)
CONDITIONAL = {
    "i02.plan_implemented": ("i02.plan_made", Op.IS, True),
    "i14.nrmm_tag_rate": ("i14.nrmm_survey_done", Op.IS, True),
    "i14.stagger_violations": ("i14.stagger_plan_done", Op.IS, True),
    "i22.conflicts_found": ("i22.cleanup_done", Op.IS, True),
    "i28.capacity_failures": ("i28.capacity_plan_made", Op.IS, True),
    "i39.spending_relative_up": ("i39.constraints_met", Op.IS, False),
    "i39.spending_absolute_up": ("i39.constraints_met", Op.IS, False),
    "air.pm25_special": ("air.pm25", Op.GT, None),
    "air.pm25_special_prev": ("air.pm25", Op.GT, None),
    "air.good_days_ratio_special": ("air.good_days_ratio", Op.LT, None),
    "air.good_days_ratio_special_prev": ("air.good_days_ratio", Op.LT, None),
    "i08.bod_increase": ("target.bod_increase", Op.FILLED, None),
}


def test_the_catalogue_declares_exactly_the_spec_list():
    cat = rubric.default().catalogue
    declared = {k for k, f in cat.items() if f.required_when is not None}
    assert declared == set(CONDITIONAL)
    for key, (on, op, value) in CONDITIONAL.items():
        c = cat[key].required_when
        assert (c.key, c.op) == (on, op), key
        if op is Op.IS:
            assert c.value is value
    assert cat["air.pm25_special"].required_when.other == "target.pm25_annual"
    assert cat["air.good_days_ratio_special"].required_when.other == "target.good_days_ratio"


def test_every_item_reading_a_conditional_field_reads_its_condition():
    # otherwise a blank condition field would not make the item incomplete
    cat = rubric.default().catalogue
    for it in rubric.default().items:
        for key in it.keys:
            c = cat[key].required_when
            if c is not None:
                assert set(c.keys) <= set(it.keys), (it.id, key)


def test_condition_holds():
    c = Condition("air.pm25", Op.GT, other="target.pm25_annual")
    assert c.holds({"air.pm25": D(33), "target.pm25_annual": D(32)}) is True
    assert c.holds({"air.pm25": D(32), "target.pm25_annual": D(32)}) is False
    assert c.holds({"air.pm25": None, "target.pm25_annual": D(32)}) is None
    assert Condition("x", Op.IS, True).holds({"x": False}) is False
    assert Condition("x", Op.FILLED).holds({"x": None}) is False
    with pytest.raises(ValueError):
        Condition("x", Op.GT)


def test_item2_plan_not_made_needs_no_implementation_answer():
    # 2.1 no plan −0.5; 2.2 not made counts as not implemented −0.5 → 0
    v = {k: val for k, val in S01.items() if k != "i02.plan_implemented"}
    r = item_result("2", {**v, "i02.plan_made": "否"})
    assert r.score == D("0.00") and r.missing == []
    r = item_result("2", v)  # plan made: the answer is needed
    assert r.score is None and [m.key for m in r.missing] == ["i02.plan_implemented"]


def test_item2_blank_condition_lists_only_the_condition():
    v = {k: val for k, val in S01.items() if not k.startswith("i02.")}
    assert [m.key for m in item_result("2", v).missing] == ["i02.plan_made"]


def test_item9_special_pm25_only_above_the_annual_target():
    v = {k: val for k, val in AIR.items() if not k.startswith("air.pm25_special")}
    # PM2.5 30 ≤ 32, Grade II, fell 34 → 30: 9.1 exempt, full 3 points, no special figures asked
    assert item_result("9", v).score == D("3.00")
    r = item_result("9", {**v, "air.pm25": "33", "air.pm25_prev": "33"})
    assert r.score is None and [m.key for m in r.missing] == ["air.pm25_special", "air.pm25_special_prev"]


def test_item22_cleanup_not_done_needs_no_conflict_count():
    v = {k: val for k, val in S03.items() if k != "i22.conflicts_found"}
    # 22.1 not done → 0 of 0.5; 22.2 no failures → 1 − 0.5 = 0.5
    r = item_result("22", {**v, "i22.cleanup_done": "否"})
    assert r.score == D("0.50") and r.missing == []
    assert [m.key for m in item_result("22", v).missing] == ["i22.conflicts_found"]


def test_template_row_says_only_when(tmp_path):
    from ecoscore.workbook import write_template

    path = tmp_path / "t.xlsx"
    write_template(path)
    wb = load_workbook(path)
    texts = {
        row[-1]: row
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
        if row and isinstance(row[-1], str) and row[-1] in CONDITIONAL
    }
    label = next(c for c in texts["i39.spending_relative_up"] if isinstance(c, str) and "财政支出相对" in c)
    assert label == "污染防治方面财政支出相对情况上升（仅当“已完成环境质量约束性指标”为“否”时填写）"
    label = next(c for c in texts["air.pm25_special"] if isinstance(c, str) and "特护期 PM2.5" in c)
    assert label == "本年特护期 PM2.5 平均浓度（仅当“本年 PM2.5 年均浓度”大于“PM2.5 年均浓度目标”时填写）"
    assert "也请填写" not in label


def test_explain_shows_the_condition():
    r = CliRunner().invoke(app, ["explain", "39"])
    assert r.exit_code == 0
    flat = "".join(r.stdout.split())
    assert "（仅当“已完成环境质量约束性指标”为“否”时填写）" in flat
