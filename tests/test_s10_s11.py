"""Items 35–39, expected values worked by hand from the source text and docs/spec/items.md / D8."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecoscore import rubric
from ecoscore.core.model import InputError
from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i35.report_status": "按时",
    "i35.task_completion": "100",
    "i36.congress_supervision": "是",
    "i36.acts_revoked": 0,
    "i36.reform_group": "是",
    "i36.reform_plan": "是",
    "i36.damage_cases": 2,
    "i37.satisfaction": "100",
    "i37.weeks_not_logged": 0,
    "i37.complaints_late": 0,
    "i37.supervised_ministry": 0,
    "i37.supervised_province": 0,
    "i37.supervised_city": 0,
    "i37.phone_complaints": 60,  # = target.phone_complaints (default 60)
    "i37.unqualified_complaints": 0,
    "i37.typical_cases_missing": 0,
    "i37.cases_published": 0,
    "i38.online_cases_done": "是",
    "i38.monitoring_mechanism_done": "是",
    "i38.air_stations_missing": 0,
    "i38.water_stations_done": "是",
    "i38.stations_operating": "是",
    "i38.monitoring_tasks_done": "是",
    "i38.county_capacity_done": "是",
    "i39.budget_execution": "100",
    "i39.audit_listings": 0,
    "i39.constraints_met": "是",
    "i39.spending_relative_up": "是",
    "i39.spending_absolute_up": "是",
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_perfect_county_gets_full_points():
    for item_id in ("35", "36", "37", "38", "39"):
        assert score(item_id, PERFECT) == D("2.00"), item_id


def test_every_sub_rule_has_a_line_when_nothing_is_lost():
    expected = {
        "35": {"35.1", "35.2"},
        "36": {"36.1", "36.2", "36.3"},
        "37": {f"37.{i}" for i in range(1, 9)},
        "38": {f"38.{i}" for i in range(1, 8)},
        "39": {"39.1", "39.2", "39.3"},
    }
    for item_id, rules in expected.items():
        d = deltas(item_id, PERFECT)
        assert set(d) == rules and all(v == 0 for v in d.values()), item_id


# ---- 35 ---------------------------------------------------------------------------------------


def test_item35_1_report_status():
    assert score("35", with_(i35__report_status="迟报")) == D("1.90")  # 0.5 − 0.1 = 0.4; 0.4 + 1.5
    assert score("35", with_(i35__report_status="未报")) == D("1.50")  # 0 + 1.5
    assert deltas("35", PERFECT)["35.1"] == 0


def test_item35_2_completion_linear_and_floor():
    assert score("35", with_(i35__task_completion="95")) == D("1.75")  # 0.1 × 5 / 2 = 0.25 → 2 − 0.25
    assert score("35", with_(i35__task_completion="99")) == D("1.95")  # 0.1 × 1 / 2 = 0.05
    assert score("35", with_(i35__task_completion="120")) == D("2.00")  # above 100 %: no deduction
    # floor: 60 % → 0.1 × 40 / 2 = 2.0 > 1.5 → 35.2 loses its 1.5 only → 0.5 + 0 = 0.5
    assert score("35", with_(i35__task_completion="60")) == D("0.50")
    assert deltas("35", with_(i35__task_completion="60"))["35.2"] == D("-1.5")


# ---- 36 (D8: 2 − losses) -------------------------------------------------------------------------


def test_item36_perfect_and_worst():
    assert score("36", PERFECT) == D("2.00")
    # worst: 0.5 + 0.5 (cap of 0.2 × 3 = 0.6) + 0.1 + 0.1 + 0.7 (0.35 × 2) = 1.9 → 2 − 1.9 = 0.1
    worst = with_(
        i36__congress_supervision="否",
        i36__acts_revoked=3,
        i36__reform_group="否",
        i36__reform_plan="否",
        i36__damage_cases=0,
    )
    assert score("36", worst) == D("0.10")


def test_item36_1_congress_supervision():
    assert score("36", with_(i36__congress_supervision="否")) == D("1.50")  # 2 − 0.5
    r = item_result("36", with_(i36__congress_supervision="否"))
    line = next(ln for ln in r.lines if ln.rule == "36.1")
    assert line.units == ("县人大环资委",)
    assert rubric.default().item("36").auditors_for("36.1") == ("市人大环资委",)


def test_item36_2_revoked_acts_and_cap():
    assert score("36", with_(i36__acts_revoked=1)) == D("1.80")  # 2 − 0.2
    assert score("36", with_(i36__acts_revoked=2)) == D("1.60")  # 2 − 0.4
    assert score("36", with_(i36__acts_revoked=3)) == D("1.50")  # 0.6 capped at 0.5 → 2 − 0.5
    r = item_result("36", with_(i36__acts_revoked=1))
    assert next(ln for ln in r.lines if ln.rule == "36.2").units == ("市生态环境局中方分局",)
    assert rubric.default().item("36").auditors_for("36.2") == ("市生态环境局",)


def test_item36_3_reform_group_plan_and_cases():
    assert score("36", with_(i36__reform_group="否")) == D("1.90")  # 2 − 0.1
    assert score("36", with_(i36__reform_plan="否")) == D("1.90")  # 2 − 0.1
    assert score("36", with_(i36__damage_cases=1)) == D("1.65")  # 2 − 0.35
    assert score("36", with_(i36__damage_cases=0)) == D("1.30")  # 2 − 0.7 (cap)
    assert score("36", with_(i36__damage_cases=5)) == D("2.00")  # more than 2: nothing lost
    assert deltas("36", with_(i36__reform_group="否", i36__reform_plan="否"))["36.3"] == D("-0.2")
    assert rubric.default().item("36").units_for("36.3") == ("市生态环境局中方分局",)


def test_item36_3_case_target_is_a_parameter():
    # rev 2: the required count is target.eco_damage_cases (default 2, "以市直相关单位下达任务为准")
    f = rubric.default().catalogue["target.eco_damage_cases"]
    assert f.default == 2 and f.role == "target" and "以市直相关单位下达任务为准" in f.note
    # target 1: 0 cases → 0.35 short → 1.65; 1 case → nothing lost
    assert score("36", with_(target__eco_damage_cases=1, i36__damage_cases=0)) == D("1.65")
    assert score("36", with_(target__eco_damage_cases=1, i36__damage_cases=1)) == D("2.00")
    # target 3: 2 cases → 1 short, 0.35 → 1.65; 1 case → 0.7 → 1.30; 0 cases → 1.05, at most 0.7 → 1.30
    assert score("36", with_(target__eco_damage_cases=3, i36__damage_cases=2)) == D("1.65")
    assert score("36", with_(target__eco_damage_cases=3, i36__damage_cases=1)) == D("1.30")
    assert score("36", with_(target__eco_damage_cases=3, i36__damage_cases=0)) == D("1.30")
    line = item_result("36", with_(target__eco_damage_cases=3, i36__damage_cases=2)).lines[-1]
    assert "应办结 3 件" in line.reason and "少 1 件" in line.reason
    # a blank target is missing data
    r = item_result("36", with_(target__eco_damage_cases=None))
    assert r.score is None and [m.key for m in r.missing] == ["target.eco_damage_cases"]


def test_item36_explains_the_two_points_without_internal_codes():
    it = rubric.default().item("36")
    assert all("按 2 − 各分项扣分计分" in r.how and "D8" not in r.how for r in it.rules)


# ---- 37 ----------------------------------------------------------------------------------------


def test_item37_1_satisfaction():
    # 1 × 85.5 / 100 = 0.855 → item 1.855 → rounded half-up 1.86
    assert score("37", with_(i37__satisfaction="85.5")) == D("1.86")
    assert deltas("37", with_(i37__satisfaction="85.5"))["37.1"] == D("-0.145")
    assert score("37", with_(i37__satisfaction="0")) == D("1.00")


def test_item37_2_login_and_late():
    assert score("37", with_(i37__weeks_not_logged=2, i37__complaints_late=3)) == D("1.50")  # 1 − 0.2 − 0.3 + 1


def test_item37_3_supervision_levels():
    # 0.2 × 1 + 0.15 × 2 + 0.1 × 1 = 0.6 → 2 − 0.6
    assert score("37", with_(i37__supervised_ministry=1, i37__supervised_province=2, i37__supervised_city=1)) == D(
        "1.40"
    )


def test_item37_4_deductions_proportional():
    assert score("37", with_(i37__phone_complaints=50)) == D("1.95")  # 0.1 × 10 / 20 = 0.05
    assert score("37", with_(i37__phone_complaints=20)) == D("1.80")  # 0.1 × 40 / 20 = 0.2
    assert deltas("37", with_(i37__phone_complaints=48))["37.4"] == D("-0.06")  # 0.1 × 12 / 20


@pytest.mark.parametrize(
    "phone, bonus",
    [
        (72, "0"),  # 12 more than 60: no full 20 → +0 (rev 2: a bonus counts whole units)
        (79, "0"),  # 19 more: still no full 20
        (80, "0.1"),  # 20 more: one unit
        (85, "0.1"),  # 25 more: one full 20 → +0.1
        (100, "0.2"),  # 40 more: two units
        (130, "0.3"),  # 70 more: three full 20 (the remainder 10 earns nothing) → +0.3, the cap
        (200, "0.3"),  # 140 more: seven units 0.7, at most 0.3
    ],
)
def test_item37_4_bonus_per_whole_20(phone, bonus):
    # 5 weeks not logged (−0.5) keeps the 2–7 block below its 1-point ceiling, so the bonus shows:
    # item = 1 (37.1) + 1 − 0.5 + bonus
    v = with_(i37__weeks_not_logged=5, i37__phone_complaints=phone)
    assert deltas("37", v)["37.4"] == D(bonus)
    assert score("37", v) == D("1.5") + D(bonus)


def test_item37_4_bonus_line_says_whole_units():
    (line,) = [ln for ln in item_result("37", with_(i37__phone_complaints=72)).lines if ln.rule == "37.4"]
    assert "多 12 件" in line.reason and "每多满 20 件加 0.1 分" in line.reason and "不加分" in line.reason


def test_item37_4_uses_the_target_parameter():
    # target 80, 60 entered → 0.1 × 20 / 20 = 0.1
    assert score("37", with_(target__phone_complaints=80)) == D("1.90")


def test_item37_5_6_7():
    assert score("37", with_(i37__unqualified_complaints=3)) == D("1.85")  # 0.05 × 3
    assert score("37", with_(i37__typical_cases_missing=4)) == D("1.60")  # 0.1 × 4
    assert score("37", with_(i37__weeks_not_logged=5, i37__cases_published=2)) == D("1.70")  # 1 − 0.5 + 0.2
    assert score("37", with_(i37__weeks_not_logged=5, i37__cases_published=5)) == D("1.80")  # +0.5 capped 0.3


def test_item37_8_block_below_zero():
    # 0.1 × 8 + 0.2 × 3 = 1.4 → raw 1 − 1.4 = −0.4 → 37.8 adds 0.4 → block 0; 37.1: 0.9 → 0.90
    v = with_(i37__satisfaction="90", i37__weeks_not_logged=8, i37__supervised_ministry=3)
    assert score("37", v) == D("0.90")
    assert deltas("37", v)["37.8"] == D("0.4")


def test_item37_8_block_above_one():
    # 130 calls: 70 more, three full 20 → +0.3 (at the cap); 3 published: +0.3 → raw 1.6 → 37.8 −0.6 → block 1
    v = with_(i37__satisfaction="50", i37__phone_complaints=130, i37__cases_published=3)
    assert score("37", v) == D("1.50")  # 0.5 + 1
    assert deltas("37", v)["37.8"] == D("-0.6")


def test_item37_8_no_adjustment_inside_range():
    assert deltas("37", with_(i37__weeks_not_logged=3))["37.8"] == 0  # raw 0.7


# ---- 38 ----------------------------------------------------------------------------------------


def test_item38_each_task_and_floor():
    for key in (
        "online_cases_done",
        "monitoring_mechanism_done",
        "water_stations_done",
        "stations_operating",
        "monitoring_tasks_done",
        "county_capacity_done",
    ):
        assert score("38", with_(**{f"i38__{key}": "否"})) == D("1.80"), key  # 2 − 0.2
    assert score("38", with_(i38__air_stations_missing=3)) == D("1.40")  # 2 − 0.2 × 3
    # all six tasks missed (1.2) and 5 stations (1.0) = 2.2 > 2 → 扣完为止 → 0
    worst = with_(
        i38__air_stations_missing=5,
        **{
            f"i38__{k}": "否"
            for k in (
                "online_cases_done",
                "monitoring_mechanism_done",
                "water_stations_done",
                "stations_operating",
                "monitoring_tasks_done",
                "county_capacity_done",
            )
        },
    )
    assert score("38", worst) == D("0.00")


# ---- 39 (D8: doubled) --------------------------------------------------------------------------


def test_item39_doubled_points():
    assert [r.points for r in rubric.default().item("39").rules] == [D("0.6"), D("0.6"), D("0.8")]


def test_item39_1_budget_execution():
    assert score("39", with_(i39__budget_execution="80")) == D("2.00")  # ≥ 80 %: 0.6
    assert score("39", with_(i39__budget_execution="50")) == D("1.70")  # 0.6 × 0.5 = 0.3 → 2 − 0.3
    assert score("39", with_(i39__budget_execution="79.5")) == D("1.88")  # 0.6 × 0.795 = 0.477 → 1.877
    assert score("39", with_(i39__budget_execution="0")) == D("1.40")  # 0 → 2 − 0.6


def test_item39_2_audit_listings_floor():
    assert score("39", with_(i39__audit_listings=1)) == D("1.80")  # 2 × 0.1 = 0.2
    assert score("39", with_(i39__audit_listings=3)) == D("1.40")  # 0.6
    assert score("39", with_(i39__audit_listings=5)) == D("1.40")  # 1.0 floored at the rule's 0.6


def test_item39_3_constraints():
    no = dict(i39__constraints_met="否")
    assert score("39", with_(**no, i39__spending_absolute_up="否")) == D("1.60")  # 0.4 of 0.8
    assert score("39", with_(**no, i39__spending_relative_up="否")) == D("1.60")
    assert score("39", with_(**no)) == D("2.00")  # 0.4 + 0.4
    assert score("39", with_(**no, i39__spending_relative_up="否", i39__spending_absolute_up="否")) == D("1.20")
    # met: 0.8 directly, whatever the spending
    assert score("39", with_(i39__spending_relative_up="否", i39__spending_absolute_up="否")) == D("2.00")


def test_item39_worst_is_zero():
    v = with_(
        i39__budget_execution="0",
        i39__audit_listings=3,
        i39__constraints_met="否",
        i39__spending_relative_up="否",
        i39__spending_absolute_up="否",
    )
    assert score("39", v) == D("0.00")


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i37.satisfaction"]
    r = item_result("37", v)
    assert r.score is None and [m.key for m in r.missing] == ["i37.satisfaction"]
    v = dict(PERFECT)
    del v["i39.spending_absolute_up"]  # D7 rev 2: not asked when the constraints are met
    assert item_result("39", v).score == D("2.00")


def test_item39_constraints_met_with_both_spending_cells_blank():
    # D7 rev 2: 39.3 is 0.8 when the constraints are met; the spending answers are asked only when not.
    # 39.1 execution 100 % ≥ 80 % → 0.6; 39.2 no listings → 0.6; 39.3 met → 0.8: 2.00
    v = {k: val for k, val in PERFECT.items() if not k.startswith("i39.spending_")}
    r = item_result("39", v)
    assert r.score == D("2.00") and r.missing == []
    # constraints not met: both are needed
    r = item_result("39", {**v, "i39.constraints_met": "否"})
    assert r.score is None
    assert [m.key for m in r.missing] == ["i39.spending_relative_up", "i39.spending_absolute_up"]
    # filled although not needed: validated as usual
    with pytest.raises(InputError):
        item_result("39", {**v, "i39.spending_relative_up": "也许"})


# ---- properties --------------------------------------------------------------------------------

# field → (strategy of values, how to make it one step worse)
COUNT = st.integers(0, 12)
BAD_COUNTS = [
    "i36.acts_revoked",
    "i37.weeks_not_logged",
    "i37.complaints_late",
    "i37.supervised_ministry",
    "i37.supervised_province",
    "i37.supervised_city",
    "i37.unqualified_complaints",
    "i37.typical_cases_missing",
    "i38.air_stations_missing",
    "i39.audit_listings",
]
GOOD_COUNTS = ["i36.damage_cases", "i37.phone_complaints", "i37.cases_published"]
GOOD_BOOLS = [k for k, v in PERFECT.items() if v == "是"]
RATES = ["i35.task_completion", "i37.satisfaction", "i39.budget_execution"]
STATUS = ["按时", "迟报", "未报"]


@st.composite
def county(draw):
    v = {k: draw(COUNT) for k in BAD_COUNTS}
    v.update({k: draw(st.integers(0, 200)) for k in GOOD_COUNTS})
    v.update({k: draw(st.sampled_from(["是", "否"])) for k in GOOD_BOOLS})
    v.update({k: str(draw(st.decimals(0, 100, places=1))) for k in RATES})
    v["i35.report_status"] = draw(st.sampled_from(STATUS))
    return v


def worse(v: dict, key: str, step: int) -> dict:
    w = dict(v)
    if key in BAD_COUNTS:
        w[key] = v[key] + step
    elif key in GOOD_COUNTS:
        w[key] = max(0, v[key] - step)
    elif key in GOOD_BOOLS:
        w[key] = "否"
    elif key in RATES:
        w[key] = str(max(D(0), D(v[key]) - step))
    else:
        w[key] = STATUS[min(2, STATUS.index(v[key]) + 1)]
    return w


@settings(max_examples=60, deadline=None)
@given(
    county(), st.sampled_from(BAD_COUNTS + GOOD_COUNTS + GOOD_BOOLS + RATES + ["i35.report_status"]), st.integers(1, 30)
)
def test_scores_in_range_and_more_problems_never_raise_a_score(v, key, step):
    w = worse(v, key, step)
    for item_id in ("35", "36", "37", "38", "39"):
        a, b = score(item_id, v), score(item_id, w)
        assert D(0) <= b <= a <= D(2), (item_id, key)
