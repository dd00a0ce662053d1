"""Items 15–19, expected values worked by hand from the source text (docs/spec/items.md, D1, D2)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ecoscore import rubric
from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i15.farmland_completion": 100,
    "i16.plots_incomplete": 0,
    "i17.cd_sources_incomplete": 0,
    "i18.enterprises_incomplete": 0,
    "i19.per_area_zero_growth": "是",
    "i19.fertiliser_reduction": "2.5",
    "i19.pesticide_reduction": 2,
    "i19.film_recovery_increase": "1.5",
    "i19.straw_use_increase": 2,
    "i19.manure_use_rate": 92,
    "i19.rural_sewage_faults": 0,
    "i19.garbage_site_problems": 0,
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_full_marks():
    for item_id, points in (("15", "3.00"), ("16", "3.00"), ("17", "1.00"), ("18", "1.00"), ("19", "2.00")):
        assert score(item_id, PERFECT) == D(points)


# ---- 15: 0.3 per % short of 100 % ----------------------------------------------------------
def test_item15_linear_shortfall():
    # 95.5 %: gap 4.5 × 0.3 = 1.35 → 3 − 1.35 = 1.65
    assert score("15", with_(i15__farmland_completion="95.5")) == D("1.65")
    assert deltas("15", with_(i15__farmland_completion="95.5"))["15"] == D("-1.35")


def test_item15_over_100_no_deduction():
    # pct+ may exceed 100: 105 % → no gap → 3
    assert score("15", with_(i15__farmland_completion=105)) == D("3.00")
    assert score("15", with_(i15__farmland_completion="100%")) == D("3.00")


def test_item15_floor():
    # 90 %: 10 × 0.3 = 3 → 0; 80 %: 20 × 0.3 = 6 → 扣完为止 → 0
    assert score("15", with_(i15__farmland_completion=90)) == D("0.00")
    r = item_result("15", with_(i15__farmland_completion=80))
    assert r.score == D("0.00")
    assert any("扣完为止" in ln.reason for ln in r.lines)


# ---- 16–18: per unit, 扣完为止 ----------------------------------------------------------------
def test_item16_per_plot_and_floor():
    assert score("16", with_(i16__plots_incomplete=3)) == D("1.50")  # 3 − 3 × 0.5
    assert score("16", with_(i16__plots_incomplete=6)) == D("0.00")  # 3 − 6 × 0.5 = 0
    assert score("16", with_(i16__plots_incomplete=7)) == D("0.00")  # 3.5 > 3 → floor


def test_item17_per_source_and_floor():
    assert score("17", with_(i17__cd_sources_incomplete=4)) == D("0.60")  # 1 − 0.4
    assert score("17", with_(i17__cd_sources_incomplete=12)) == D("0.00")  # 1.2 > 1 → floor


def test_item18_per_enterprise_and_floor():
    assert score("18", with_(i18__enterprises_incomplete=1)) == D("0.90")  # 1 − 0.1
    assert score("18", with_(i18__enterprises_incomplete=10)) == D("0.00")  # 1 − 1.0
    assert score("18", with_(i18__enterprises_incomplete=11)) == D("0.00")  # floor


# ---- 19 ------------------------------------------------------------------------------------
def test_item19_1_all_three_conditions():
    # thresholds are inclusive ("以上"): 2 % and 1.5 % exactly → 0.4 kept
    assert deltas("19", with_(i19__fertiliser_reduction=2, i19__pesticide_reduction="1.5"))["19.1"] == 0
    # any one condition missed → 0.4 lost → 2 − 0.4 = 1.6
    assert score("19", with_(i19__per_area_zero_growth="否")) == D("1.60")
    assert score("19", with_(i19__fertiliser_reduction="1.99")) == D("1.60")
    assert score("19", with_(i19__pesticide_reduction="-0.5")) == D("1.60")  # an increase
    # all three missed → still only 0.4 (its own points)
    assert deltas("19", with_(i19__per_area_zero_growth="否", i19__fertiliser_reduction=0, i19__pesticide_reduction=0))[
        "19.1"
    ] == D("-0.4")


def test_item19_2_film_and_straw():
    assert deltas("19", with_(i19__film_recovery_increase=1, i19__straw_use_increase=1))["19.2"] == 0  # ≥ 1 pp
    assert score("19", with_(i19__film_recovery_increase="0.5")) == D("1.80")  # 2 − 0.2
    assert score("19", with_(i19__straw_use_increase=-1)) == D("1.80")  # 2 − 0.2
    assert score("19", with_(i19__film_recovery_increase=0, i19__straw_use_increase="0.9")) == D("1.60")  # 2 − 0.4


def test_item19_3_manure_linear_and_cap():
    assert deltas("19", with_(i19__manure_use_rate=90))["19.3"] == 0
    assert score("19", with_(i19__manure_use_rate="87.5")) == D("1.75")  # 2.5 × 0.1 = 0.25 → 2 − 0.25
    assert score("19", with_(i19__manure_use_rate="85.5")) == D("1.60")  # 4.5 × 0.1 = 0.45 → cap 0.4


def test_item19_4_sewage_faults_and_cap():
    assert score("19", with_(i19__rural_sewage_faults=1)) == D("1.80")  # 0.2
    assert score("19", with_(i19__rural_sewage_faults=3)) == D("1.60")  # 0.6 → cap 0.4


def test_item19_5_garbage_and_cap():
    assert score("19", with_(i19__garbage_site_problems=1)) == D("1.80")  # 0.2
    assert score("19", with_(i19__garbage_site_problems=5)) == D("1.60")  # 1.0 → cap 0.4


def test_item19_worst_case_is_zero():
    # 0.4 × 5 sub-rules, each capped at its own 0.4 → 2 − 2 = 0
    bad = with_(
        i19__per_area_zero_growth="否",
        i19__film_recovery_increase=0,
        i19__straw_use_increase=0,
        i19__manure_use_rate=0,
        i19__rural_sewage_faults=9,
        i19__garbage_site_problems=9,
    )
    assert score("19", bad) == D("0.00")


def test_item19_sub_rule_units():
    it = rubric.default().item("19")
    assert it.auditors_for("19.1") == ("市农业农村局",) and it.units_for("19.3") == ("县农业农村局",)
    assert it.auditors_for("19.4") == ("市生态环境局",) and it.units_for("19.4") == ("市生态环境局中方分局",)
    assert it.auditors_for("19.5") == ("市住建局",) and it.units_for("19.5") == ("县住建局",)
    lines = item_result("19", with_(i19__garbage_site_problems=1)).lines
    assert [ln.units for ln in lines if ln.rule == "19.5"] == [("县住建局",)]
    assert sum(r.points for r in it.rules) == it.points  # 5 × 0.4 = 2


def test_every_sub_rule_explained():
    assert {ln.rule for ln in item_result("19", PERFECT).lines} == {"19.1", "19.2", "19.3", "19.4", "19.5"}
    assert all("不扣分" in ln.reason for ln in item_result("19", PERFECT).lines)


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i19.manure_use_rate"]
    r = item_result("19", v)
    assert r.score is None and [m.key for m in r.missing] == ["i19.manure_use_rate"]


# ---- property: within [0, points]; more problems never raise a score ------------------------
def _pct(lo=0, hi=100):
    return st.decimals(min_value=lo, max_value=hi, places=2)


COUNTS = (
    "i16.plots_incomplete",
    "i17.cd_sources_incomplete",
    "i18.enterprises_incomplete",
    "i19.rural_sewage_faults",
    "i19.garbage_site_problems",
)
RATES = {
    "i15.farmland_completion": _pct(0, 120),
    "i19.fertiliser_reduction": _pct(-10, 10),
    "i19.pesticide_reduction": _pct(-10, 10),
    "i19.film_recovery_increase": _pct(-5, 5),
    "i19.straw_use_increase": _pct(-5, 5),
    "i19.manure_use_rate": _pct(),
}

base_st = st.fixed_dictionaries(
    {**{k: st.integers(0, 12) for k in COUNTS}, **RATES, "i19.per_area_zero_growth": st.booleans()}
)
worse_st = st.fixed_dictionaries(
    {**{k: st.integers(0, 5) for k in COUNTS}, **{k: _pct(0, 20) for k in RATES}, "flip": st.booleans()}
)


def _worsen(base: dict, w: dict) -> dict:
    bad = dict(base)
    for k in COUNTS:
        bad[k] = base[k] + w[k]
    for k in RATES:
        bad[k] = base[k] - w[k]
    bad["i15.farmland_completion"] = max(Decimal(0), bad["i15.farmland_completion"])
    bad["i19.manure_use_rate"] = max(Decimal(0), bad["i19.manure_use_rate"])
    bad["i19.per_area_zero_growth"] = base["i19.per_area_zero_growth"] and not w["flip"]
    return bad


@settings(max_examples=60, deadline=None)
@given(base=base_st, w=worse_st)
def test_property_bounds_and_monotone(base, w):
    bad = _worsen(base, w)
    for item_id in ("15", "16", "17", "18", "19"):
        points = rubric.default().item(item_id).points
        good_score, bad_score = score(item_id, base), score(item_id, bad)
        assert 0 <= bad_score <= good_score <= points
