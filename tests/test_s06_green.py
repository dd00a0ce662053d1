"""Item 28, expected values worked by hand from the source text (eight sub-rules of 0.5)."""

import pytest

from ecoscore.core.model import InputError
from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i28.capacity_plan_made": "是",
    "i28.capacity_failures": 0,
    "i28.water_gdp_shortfall": 0,
    "i28.water_industry_shortfall": 0,
    "i28.frugal_deduction": 0,
    "i28.plastic_deduction": 0,
    "i28.demo_streets": 2,
    "i28.kitchen_waste_status": "建成",
    "i28.green_building_rate": 80,
    "i28.prefab_rate": 40,
    "i28.construction_waste_rate": 50,
    "i28.clean_audit_rate": 100,
}

# For the property test in test_s08_s09: how each field moves when things get worse.
DIRECTIONS = {
    "i28.capacity_plan_made": ("bool", "是"),
    "i28.capacity_failures": ("count",),
    "i28.water_gdp_shortfall": ("lower", 100),
    "i28.water_industry_shortfall": ("lower", 100),
    "i28.frugal_deduction": ("ded",),
    "i28.plastic_deduction": ("ded",),
    "i28.demo_streets": ("more",),
    "i28.kitchen_waste_status": ("enum", ("建成", "在建且进度超70%", "未达到")),
    "i28.green_building_rate": ("higher", 100),
    "i28.prefab_rate": ("higher", 100),
    "i28.construction_waste_rate": ("higher", 100),
    "i28.clean_audit_rate": ("higher", 100),
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_full_marks_and_a_line_per_sub_rule():
    assert score("28", PERFECT) == D("4.00")  # 8 × 0.5
    d = deltas("28", PERFECT)
    assert sorted(d, key=lambda r: int(r.split(".")[1])) == [f"28.{i}" for i in range(1, 9)]
    assert all(v == 0 for v in d.values())


def test_worst_case_is_zero():
    # every sub-rule loses its 0.5 → 4 − 8 × 0.5 = 0
    worst = with_(
        i28__capacity_plan_made="否",
        i28__water_gdp_shortfall=10,
        i28__water_industry_shortfall=10,
        i28__frugal_deduction="0.5",
        i28__plastic_deduction="0.5",
        i28__demo_streets=0,
        i28__kitchen_waste_status="未达到",
        i28__green_building_rate=0,
        i28__prefab_rate=0,
        i28__construction_waste_rate=0,
        i28__clean_audit_rate=0,
    )
    assert score("28", worst) == D("0.00")


def test_28_1_no_plan_scores_zero():
    assert deltas("28", with_(i28__capacity_plan_made="否"))["28.1"] == D("-0.5")  # no plan → 0 of 0.5
    assert score("28", with_(i28__capacity_plan_made="否")) == D("3.50")


def test_28_1_failures_and_cap():
    assert score("28", with_(i28__capacity_failures=2)) == D("3.80")  # 4 − 2 × 0.1
    assert deltas("28", with_(i28__capacity_failures=7))["28.1"] == D("-0.5")  # 0.7 capped at 0.5
    # no plan and failures: still just the 0.5 the sub-rule is worth
    assert deltas("28", with_(i28__capacity_plan_made="否", i28__capacity_failures=3))["28.1"] == D("-0.5")


def test_28_2_both_water_indicators_summed_and_capped():
    # (1.5 + 2) % short × 0.1 = 0.35 → 3.65
    assert score("28", with_(i28__water_gdp_shortfall="1.5", i28__water_industry_shortfall=2)) == D("3.65")
    # (4 + 3) × 0.1 = 0.7, capped at 0.5 → 3.50
    assert deltas("28", with_(i28__water_gdp_shortfall=4, i28__water_industry_shortfall=3))["28.2"] == D("-0.5")


def test_28_3_and_28_4_take_the_auditors_deduction():
    r = item_result("28", with_(i28__frugal_deduction="0.3"))
    assert r.score == D("3.70")  # 4 − 0.3
    line = next(ln for ln in r.lines if ln.rule == "28.3")
    assert "酌情扣分" in line.reason and "审核单位" in line.reason
    assert score("28", with_(i28__plastic_deduction="0.5")) == D("3.50")  # at most 0.5
    assert "不扣分" in next(ln for ln in item_result("28", PERFECT).lines if ln.rule == "28.4").reason


def test_28_3_deduction_above_half_is_invalid():
    with pytest.raises(InputError):
        item_result("28", with_(i28__frugal_deduction="0.6"))


def test_28_5_streets_proportional():
    assert score("28", with_(i28__demo_streets=1)) == D("3.75")  # 0.5 × 1 / 2 = 0.25 earned, 0.25 lost
    assert score("28", with_(i28__demo_streets=0)) == D("3.50")  # 0 earned
    assert deltas("28", with_(i28__demo_streets=5))["28.5"] == D("0")  # min(5, 2) = 2 → full


def test_28_6_kitchen_waste_enum():
    assert deltas("28", with_(i28__kitchen_waste_status="在建且进度超70%"))["28.6"] == D("-0.2")  # 0.3 of 0.5
    assert score("28", with_(i28__kitchen_waste_status="未达到")) == D("3.50")  # 0 of 0.5
    with pytest.raises(InputError):
        item_result("28", with_(i28__kitchen_waste_status="在建"))


def test_28_7_targets_missed():
    assert deltas("28", with_(i28__green_building_rate=70, i28__prefab_rate=32, i28__construction_waste_rate=35))[
        "28.7"
    ] == D("0")  # exactly on target
    assert score("28", with_(i28__green_building_rate="69.9")) == D("3.80")  # one missed: 0.2
    assert score("28", with_(i28__prefab_rate=31, i28__construction_waste_rate=34)) == D("3.60")  # two: 0.4
    # three missed: 0.6, capped at 0.5
    assert deltas("28", with_(i28__green_building_rate=60, i28__prefab_rate=20, i28__construction_waste_rate=10))[
        "28.7"
    ] == D("-0.5")


def test_28_8_clean_audit_threshold():
    # 89.9 % → 0.5 × 89.9 / 100 = 0.4495, lost 0.0505 → 3.9495 → 3.95
    assert deltas("28", with_(i28__clean_audit_rate="89.9"))["28.8"] == D("-0.0505")
    assert score("28", with_(i28__clean_audit_rate="89.9")) == D("3.95")
    assert score("28", with_(i28__clean_audit_rate=90)) == D("4.00")  # ≥ 90 → 0.5
    assert score("28", with_(i28__clean_audit_rate=50)) == D("3.75")  # 0.25 earned
    assert score("28", with_(i28__clean_audit_rate=0)) == D("3.50")


def test_sub_rule_units():
    r = item_result("28", with_(i28__water_gdp_shortfall=1, i28__demo_streets=1, i28__prefab_rate=1))
    units = {ln.rule: ln.units for ln in r.lines}
    assert units["28.2"] == ("县水利局",)
    assert units["28.5"] == ("县城管执法局", "县住建局")
    assert units["28.7"] == ("县住建局",)
    assert units["28.8"] == ("市生态环境局中方分局",)
    assert units["28.1"] == ("县发改局", "县商科工信局")
    assert units["28.3"] == ("县机关事务中心",)


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i28.kitchen_waste_status"]
    r = item_result("28", v)
    assert r.score is None and [m.key for m in r.missing] == ["i28.kitchen_waste_status"]
    # D7 rev 2: the failures count is asked only when a plan was made
    v = with_(i28__capacity_plan_made="否")
    del v["i28.capacity_failures"]
    assert item_result("28", v).score == D("3.50")  # 28.1: no plan → 0 of 0.5
    v = with_(i28__capacity_plan_made="是")
    del v["i28.capacity_failures"]
    assert [m.key for m in item_result("28", v).missing] == ["i28.capacity_failures"]
