"""Items 31–34, expected values worked by hand from the source text; and a property over items 28–34."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoscore import rubric
from tests import test_s06_green, test_s07_enforcement
from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i31.network_rate": 100,
    "i31.transmission_rate": 100,
    "i31.late_items": 0,
    "i31.late_12h_periods": 0,
    "i31.no_materials_10d": "否",
    "i31.inaccurate_cases": 0,
    "i31.unhandled_exceedances": 0,
    "i32.reporting_failures": 0,
    "i32.drill_done": "是",
    "i32.incidents_general": 0,
    "i32.incidents_larger": 0,
    "i32.incidents_major": 0,
    "i32.depot_done": "是",
    "i32.escalations": 0,
    "i33.radiation_incident": "否",
    "i34.three_lines_failures": 0,
    "i34.spotcheck_rate": 35,
    "i34.report_rate": 100,
    "i34.credit_failures": 0,
}

DIRECTIONS = {
    "i31.network_rate": ("higher", 100),
    "i31.transmission_rate": ("higher", 100),
    "i31.late_items": ("count",),
    "i31.late_12h_periods": ("count",),
    "i31.no_materials_10d": ("bool", "否"),
    "i31.inaccurate_cases": ("count",),
    "i31.unhandled_exceedances": ("count",),
    "i32.reporting_failures": ("count",),
    "i32.drill_done": ("bool", "是"),
    "i32.incidents_general": ("count",),
    "i32.incidents_larger": ("count",),
    "i32.incidents_major": ("count",),
    "i32.depot_done": ("bool", "是"),
    "i32.escalations": ("count",),
    "i33.radiation_incident": ("bool", "否"),
    "i34.three_lines_failures": ("count",),
    "i34.spotcheck_rate": ("higher", 100),
    "i34.report_rate": ("higher", 100),
    "i34.credit_failures": ("count",),
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_full_marks():
    for item_id, points in (("31", "1.00"), ("32", "1.00"), ("33", "1.00"), ("34", "2.00")):
        assert score(item_id, PERFECT) == D(points)


# ---- 31 ---------------------------------------------------------------------------------------
def test_31_1_rates_and_cap():
    assert score("31", with_(i31__network_rate=95, i31__transmission_rate=98)) == D("0.93")  # (5 + 2) × 0.01
    assert deltas("31", with_(i31__network_rate=70, i31__transmission_rate=80))["31.1"] == D("-0.2")  # 0.5 → 0.2


def test_31_2_late_items_and_cap():
    assert score("31", with_(i31__late_items=3, i31__late_12h_periods=4)) == D("0.93")  # (3 + 4) × 0.01
    assert deltas("31", with_(i31__late_items=20, i31__late_12h_periods=15))["31.2"] == D("-0.3")  # 0.35 → 0.3


def test_31_3_two_parts():
    assert score("31", with_(i31__no_materials_10d="是")) == D("0.90")  # 0.1
    assert score("31", with_(i31__inaccurate_cases=4)) == D("0.96")  # 4 × 0.01
    # 15 × 0.01 = 0.15 capped at 0.1, plus 0.1 for no materials → 0.2
    assert deltas("31", with_(i31__no_materials_10d="是", i31__inaccurate_cases=15))["31.3"] == D("-0.2")


def test_31_4_exceedances_and_cap():
    assert score("31", with_(i31__unhandled_exceedances=5)) == D("0.90")  # 5 × 0.02
    assert deltas("31", with_(i31__unhandled_exceedances=20))["31.4"] == D("-0.3")  # 0.4 → 0.3


def test_31_all_caps_reach_zero():
    # 0.2 + 0.3 + (0.1 + 0.1) + 0.3 = 1.0 → 0
    v = with_(
        i31__network_rate=0,
        i31__transmission_rate=0,
        i31__late_items=50,
        i31__no_materials_10d="是",
        i31__inaccurate_cases=50,
        i31__unhandled_exceedances=50,
    )
    assert score("31", v) == D("0.00")


# ---- 32 ---------------------------------------------------------------------------------------
def test_32_each_sub_rule():
    assert score("32", with_(i32__reporting_failures=2)) == D("0.80")  # 2 × 0.1
    assert score("32", with_(i32__drill_done="否")) == D("0.80")  # 0.2
    assert score("32", with_(i32__incidents_general=1)) == D("0.80")  # 0.2
    assert score("32", with_(i32__incidents_larger=1)) == D("0.50")  # 0.5
    assert score("32", with_(i32__incidents_major=1)) == D("0.00")  # 1
    assert score("32", with_(i32__depot_done="否")) == D("0.80")  # 0.2
    assert score("32", with_(i32__escalations=1)) == D("0.50")  # 0.5


def test_32_floor():
    v = with_(i32__escalations=3)  # 1.5 > 1 → 0
    assert score("32", v) == D("0.00")
    assert deltas("32", v)["32.5"] == D("-1.5") and deltas("32", v)["32"] == D("0.5")  # engine's clamp line


# ---- 33 ---------------------------------------------------------------------------------------
def test_33_all_or_nothing():
    assert score("33", with_(i33__radiation_incident="是")) == D("0.00")


# ---- 34 ---------------------------------------------------------------------------------------
def test_34_1_and_34_3():
    assert score("34", with_(i34__three_lines_failures=2)) == D("1.60")  # 2 × 0.2
    assert score("34", with_(i34__credit_failures=3)) == D("1.40")  # 3 × 0.2


def test_34_2_spot_check_and_report_rates_linear():
    assert deltas("34", with_(i34__spotcheck_rate=30))["34.2"] == D("0")  # at the 30 % minimum
    assert score("34", with_(i34__spotcheck_rate=20)) == D("1.80")  # 0.1 × 10 / 5
    assert score("34", with_(i34__spotcheck_rate="27.5")) == D("1.95")  # 0.1 × 2.5 / 5
    assert score("34", with_(i34__report_rate=90)) == D("1.80")  # 0.1 × 10 / 5
    assert score("34", with_(i34__report_rate=97)) == D("1.94")  # 0.1 × 3 / 5 = 0.06
    # both: 0.2 + 0.2 → 1.6
    assert score("34", with_(i34__spotcheck_rate=20, i34__report_rate=90)) == D("1.60")


def test_34_total_capped_at_2():
    # 5 × 0.2 + 0.1 × 5 / 5 + 5 × 0.2 = 2.1 → item 0, never below
    v = with_(i34__three_lines_failures=5, i34__report_rate=95, i34__credit_failures=5)
    assert score("34", v) == D("0.00")
    assert deltas("34", v)["34"] == D("0.1")


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i34.report_rate"]
    r = item_result("34", v)
    assert r.score is None and [m.key for m in r.missing] == ["i34.report_rate"]
    assert [m.key for m in item_result("33", {}).missing] == ["i33.radiation_incident"]


# ---- property over items 28–34 ------------------------------------------------------------------
ALL_DIRECTIONS = {**test_s06_green.DIRECTIONS, **test_s07_enforcement.DIRECTIONS, **DIRECTIONS}
ITEMS = ("28", "29", "30", "31", "32", "33", "34")
COUNTS = st.integers(min_value=0, max_value=8)


def _sorted_pair(strategy):
    return st.tuples(strategy, strategy).map(sorted)


def _pct(hi):
    return st.decimals(min_value=0, max_value=hi, places=1, allow_nan=False, allow_infinity=False)


def _pair(spec):
    """(better, worse) raw values for one field: the second is never better than the first."""
    kind = spec[0]
    if kind == "count":
        return _sorted_pair(COUNTS)
    if kind == "more":  # more is better (demonstration streets)
        return _sorted_pair(COUNTS).map(lambda p: (p[1], p[0]))
    if kind == "lower":
        return _sorted_pair(_pct(spec[1]))
    if kind == "higher":
        return _sorted_pair(_pct(spec[1])).map(lambda p: (p[1], p[0]))
    if kind == "ded":
        return _sorted_pair(st.decimals(min_value=0, max_value=Decimal("0.5"), places=2))
    if kind == "bool":
        good, bad = spec[1], "否" if spec[1] == "是" else "是"
        return st.sampled_from([(good, good), (good, bad), (bad, bad)])
    if kind == "enum":
        return _sorted_pair(st.integers(0, len(spec[1]) - 1)).map(lambda p: (spec[1][p[0]], spec[1][p[1]]))
    if kind == "fixed_bool":
        return st.sampled_from(["是", "否"]).map(lambda b: (b, b))
    if kind == "fixed_count":
        return COUNTS.map(lambda n: (n, n))
    raise AssertionError(kind)


def _raw(v):
    return str(v) if isinstance(v, Decimal) else v


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_items_28_to_34_bounded_and_monotone(data):
    pairs = {k: data.draw(_pair(spec), label=k) for k, spec in ALL_DIRECTIONS.items()}
    better = {k: _raw(p[0]) for k, p in pairs.items()}
    worse = {k: _raw(p[1]) for k, p in pairs.items()}
    for item_id in ITEMS:
        points = rubric.default().item(item_id).points
        good, bad = score(item_id, better), score(item_id, worse)
        assert 0 <= good <= points and 0 <= bad <= points, item_id
        assert bad <= good, (item_id, good, bad)


def test_property_covers_every_field_of_items_28_to_34():
    declared = {k for i in ITEMS for k in rubric.default().item(i).keys}
    perfect = {**test_s06_green.PERFECT, **test_s07_enforcement.PERFECT, **PERFECT}
    assert set(ALL_DIRECTIONS) == declared == set(perfect)
