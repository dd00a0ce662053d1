"""Items 13–14 (air pollution control tasks), expected values worked by hand from the source text."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i13.vocs_target": "3",
    "i13.vocs_rate": "4",
    "i13.nox_target": "3",
    "i13.nox_rate": "3",
    "i13.co2_target": "3",
    "i13.co2_rate": "3.5",
    "i14.kiln_done": "是",
    "i14.straw_fire_points": "1",  # target.straw_fire_points defaults to 2
    "i14.noise_zoning_done": "是",
    "i14.nrmm_survey_done": "是",
    "i14.nrmm_tag_rate": "95",
    "i14.old_vehicle_completion": "100",
    "i14.stagger_plan_done": "是",
    "i14.stagger_violations": "0",
    "i14.dust_control_done": "是",
    # i14.dust_rank is optional: blank = not above the provincial average
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_perfect_full_marks():
    assert score("13", PERFECT) == D("2.00")
    assert score("14", PERFECT) == D("5.00")
    assert {ln.rule for ln in item_result("13", PERFECT).lines} == {"13.1", "13.2", "13.3"}
    assert {ln.rule for ln in item_result("14", PERFECT).lines} == {f"14.{i}" for i in range(1, 8)}


# ---- item 13 ------------------------------------------------------------------------------------
def test_13_per_indicator_linear_cap_and_increase():
    assert score("13", with_(i13__vocs_rate="1.5")) == D("1.70")  # 13.1: 0.2 × (3 − 1.5) = 0.3
    assert score("13", with_(i13__nox_rate="0", i13__nox_target="8")) == D("1.00")  # 13.2: 0.2 × 8 = 1.6 → cap 1
    v = with_(i13__co2_rate="-0.5")  # 13.3: intensity rose → 1
    assert score("13", v) == D("1.00") and deltas("13", v)["13.3"] == D("-1")
    assert score("13", with_(i13__vocs_rate="0", i13__vocs_target="0")) == D("2.00")  # 0 is not an increase


def test_13_all_three_increase_floors_at_zero():
    # 1 + 1 + 1 = 3 > 2 → item 0
    v = with_(i13__vocs_rate="-1", i13__nox_rate="-2", i13__co2_rate="-3")
    assert score("13", v) == D("0.00")


def test_13_blank_makes_incomplete():
    v = dict(PERFECT)
    del v["i13.co2_target"]
    r = item_result("13", v)
    assert r.score is None and [m.key for m in r.missing] == ["i13.co2_target"]


# ---- item 14 ------------------------------------------------------------------------------------
def test_14_1_kiln():
    assert score("14", with_(i14__kiln_done="否")) == D("4.00")  # 5 − 1


def test_14_2_straw_fire_points():
    assert score("14", with_(i14__straw_fire_points="2")) == D("5.00")  # at target 2
    assert score("14", with_(i14__straw_fire_points="3")) == D("4.50")  # 1 over → 0.5
    assert score("14", with_(i14__straw_fire_points="5")) == D("4.00")  # 3 over → 1.5 → its 1 point only
    assert score("14", with_(i14__straw_fire_points="5", target__straw_fire_points="4")) == D("4.50")  # shared target


def test_14_3_noise_zoning():
    assert score("14", with_(i14__noise_zoning_done="否")) == D("4.50")  # 5 − 0.5


def test_14_4_nrmm():
    assert score("14", with_(i14__nrmm_survey_done="否")) == D("4.00")  # survey not done → 0 of 1
    assert score("14", with_(i14__nrmm_tag_rate="90")) == D("5.00")
    assert score("14", with_(i14__nrmm_tag_rate="85.5")) == D("4.55")  # 0.1 × 4.5 = 0.45 (D2)
    assert score("14", with_(i14__nrmm_tag_rate="70")) == D("4.00")  # 0.1 × 20 = 2 → its 1 point only


def test_14_5_old_vehicles():
    assert score("14", with_(i14__old_vehicle_completion="120")) == D("5.00")  # over 100 is fine
    assert score("14", with_(i14__old_vehicle_completion="97")) == D("4.70")  # 0.1 × 3 = 0.3
    assert score("14", with_(i14__old_vehicle_completion="90")) == D("4.50")  # 1.0 → its 0.5 only


def test_14_6_stagger_plan():
    assert score("14", with_(i14__stagger_plan_done="否")) == D("4.50")  # no plan → 0 of 0.5
    assert score("14", with_(i14__stagger_violations="1")) == D("4.80")  # 0.2
    assert score("14", with_(i14__stagger_violations="3")) == D("4.50")  # 0.6 → its 0.5 only


def test_14_7_dust_control():
    assert score("14", with_(i14__dust_control_done="否")) == D("4.50")  # not done → 0 of 0.5
    assert score("14", with_(i14__dust_control_done="否", i14__dust_rank="1")) == D("4.50")
    assert score("14", with_(i14__dust_rank="1")) == D("4.90")  # first → 0.1
    assert score("14", with_(i14__dust_rank="2")) == D("4.80")  # second → 0.2
    assert score("14", with_(i14__dust_rank="6")) == D("4.50")  # 0.6 → its 0.5 only


def test_14_everything_lost():
    v = with_(
        i14__kiln_done="否",
        i14__straw_fire_points="9",
        i14__noise_zoning_done="否",
        i14__nrmm_survey_done="否",
        i14__old_vehicle_completion="0",
        i14__stagger_plan_done="否",
        i14__dust_control_done="否",
    )
    assert score("14", v) == D("0.00")  # 1 + 1 + 0.5 + 1 + 0.5 + 0.5 + 0.5 = 5


def test_14_own_units_per_sub_rule():
    v = with_(i14__kiln_done="否", i14__old_vehicle_completion="99", i14__stagger_violations="1", i14__dust_rank="1")
    units = {ln.rule: ln.units for ln in item_result("14", v).lines}
    assert units["14.1"] == ("市生态环境局中方分局",)  # D10 rev 2: the branch's remit
    assert units["14.2"] == ("县农业农村局", "各乡镇党委政府")  # straw burning, 附表2
    assert units["14.5"] == ("县公安局",)
    assert units["14.6"] == ("县商科工信局",)
    assert units["14.7"] == ("县住建局",)


def test_14_conditional_rate_required_only_after_the_survey():
    v = with_(i14__nrmm_survey_done="否")
    del v["i14.nrmm_tag_rate"]  # D7 rev 2: not asked once the survey is not done
    r = item_result("14", v)
    assert r.score == D("4.00")  # 5 − 1 (14.4: survey not done → 0 of 1)
    v = with_(i14__nrmm_survey_done="是")
    del v["i14.nrmm_tag_rate"]
    r = item_result("14", v)
    assert r.score is None and [m.key for m in r.missing] == ["i14.nrmm_tag_rate"]


# ---- properties ---------------------------------------------------------------------------------
def dec(lo, hi, places=1):
    return st.decimals(min_value=Decimal(lo), max_value=Decimal(hi), places=places).map(str)


yes_no = st.sampled_from(["是", "否"])
inputs = st.fixed_dictionaries(
    {
        **{f"i13.{k}_{s}": dec(-20, 30) for k in ("vocs", "nox", "co2") for s in ("target", "rate")},
        "i14.kiln_done": yes_no,
        "i14.noise_zoning_done": yes_no,
        "i14.nrmm_survey_done": yes_no,
        "i14.stagger_plan_done": yes_no,
        "i14.dust_control_done": yes_no,
        "i14.straw_fire_points": st.integers(0, 12).map(str),
        "target.straw_fire_points": st.integers(0, 5).map(str),
        "i14.nrmm_tag_rate": dec(0, 100),
        "i14.old_vehicle_completion": dec(0, 150),
        "i14.stagger_violations": st.integers(0, 6).map(str),
        "i14.dust_rank": st.one_of(st.just(""), st.integers(1, 12).map(str)),
    }
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_items_13_14_within_points(v):
    assert D(0) <= score("13", v) <= D(2)
    assert D(0) <= score("14", v) <= D(5)
