"""Items 9–12 (air quality outcomes), expected values worked by hand from the source text."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import D, deltas, item_result, score

PERFECT = {
    # current year, all within Grade II (SO2 ≤ 60, NO2 ≤ 40, PM10 ≤ 70, PM2.5 ≤ 35, CO ≤ 4, O3 ≤ 160)
    "air.so2": "10",
    "air.no2": "20",
    "air.pm10": "50",
    "air.pm25": "30",
    "air.co_p95": "1.2",
    "air.o3_8h_p90": "130",
    "air.so2_prev": "12",
    "air.no2_prev": "22",
    "air.pm10_prev": "55",
    "air.pm25_prev": "34",
    "air.co_p95_prev": "1.4",
    "air.o3_8h_p90_prev": "140",
    "air.pm25_special": "40",
    "air.pm25_special_prev": "42",
    "air.good_days_ratio": "96",
    "air.good_days_ratio_prev": "94",
    "air.good_days_ratio_special": "92",
    "air.good_days_ratio_special_prev": "90",
    "air.heavy_days": "0",
    "air.heavy_days_2018": "2",
    "air.heavy_days_2019": "1",
    "air.heavy_days_2020": "0",
    "city.pm25_improvement_avg": "5",
    "city.aqci_improvement_avg": "5",
    "city.good_days_improvement_avg": "1",
    "i12.emergency_not_launched": "否",
    "i12.measures_missed": "0",
    # i10.province_bottom_rank is optional: blank = not in the province's last 10
}

# Every figure exactly at its Grade II limit: attained (≤), AQCI = 6 × 1 = 6.
AT_LIMIT = {"so2": "60", "no2": "40", "pm10": "70", "pm25": "35", "co_p95": "4", "o3_8h_p90": "160"}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def air(cur: dict, prev: dict, **kw):
    """PERFECT with the six current and six previous-year figures replaced."""
    v = with_(**kw)
    v.update({f"air.{k}": x for k, x in cur.items()})
    v.update({f"air.{k}_prev": x for k, x in prev.items()})
    return v


def rules_of(item_id, values):
    return {ln.rule for ln in item_result(item_id, values).lines}


def test_perfect_full_marks():
    for i, pts in (("9", "3.00"), ("10", "2.00"), ("11", "3.00"), ("12", "3.00")):
        assert score(i, PERFECT) == D(pts), i
    assert rules_of("9", PERFECT) == {"9.1", "9.2", "9.3", "9.4"}
    assert rules_of("10", PERFECT) == {"10.1", "10.2", "10.3"}
    assert rules_of("11", PERFECT) == {"11.1", "11.2", "11.3"}
    assert rules_of("12", PERFECT) == {"12.1", "12.2", "12.3"}


# ---- item 9 -------------------------------------------------------------------------------------
def test_9_1_rise_6_9_pct_is_exempt():
    # 30 → 32.07: rise 2.07 / 30 = 6.9 % < 7 %, Grade II attained (32.07 ≤ 35) → whole item exempt.
    # Without it: 9.2 0.1 × (5 + 6.9) = 1.19 → cap 1, 9.4 0.5 × 0.07 = 0.035.
    v = with_(air__pm25="32.07", air__pm25_prev="30")
    assert score("9", v) == D("3.00")
    r = item_result("9", v)
    assert {ln.rule for ln in r.lines} == {"9.1", "9.2", "9.3", "9.4"}
    assert all(ln.delta == 0 for ln in r.lines)
    assert all("因免扣未计算" in ln.reason and "9.1" in ln.reason for ln in r.lines if ln.rule != "9.1")


def test_9_1_rise_exactly_7_pct_is_not_exempt():
    # 30 → 32.1: rise 7 % (not < 7) → 9.2 0.1 × (5 − (−7)) = 1.2 → cap 1; 9.3 special 40 vs 42 fell → 0;
    # 9.4 0.5 × (32.1 − 32) = 0.05 → 3 − 1 − 0.05 = 1.95
    v = with_(air__pm25="32.1", air__pm25_prev="30")
    assert score("9", v) == D("1.95")
    assert deltas("9", v) == {"9.1": 0, "9.2": D("-1"), "9.3": 0, "9.4": D("-0.05")}


def test_9_1_grade2_missed_by_one_pollutant():
    # as the 6.9 % case but O3 161 > 160 → not exempt: 3 − 1 (9.2 capped) − 0.035 (9.4) = 1.965 → 1.97 (half-up)
    v = with_(air__pm25="32.07", air__pm25_prev="30", air__o3_8h_p90="161")
    assert score("9", v) == D("1.97")
    assert "O3 161>160" in item_result("9", v).lines[0].reason


def test_9_1_a_fall_counts():
    # 34 → 30 fell (11.76 % improvement) with Grade II: exempt even though the city average 50 % is far higher
    assert score("9", with_(city__pm25_improvement_avg="50")) == D("3.00")


NO_G2 = dict(air__o3_8h_p90="170")  # Grade II missed through O3 only, so PM2.5 rules apply


def test_9_2_linear_and_cap():
    base = dict(NO_G2, target__pm25_annual="40", air__pm25="38", air__pm25_prev="40")  # improvement 2/40 = 5 %
    assert score("9", with_(**base, city__pm25_improvement_avg="5")) == D("3.00")  # gap 0
    assert score("9", with_(**base, city__pm25_improvement_avg="5.5")) == D("2.95")  # 0.1 × 0.5 = 0.05
    assert score("9", with_(**base, city__pm25_improvement_avg="8")) == D("2.70")  # 0.1 × 3 = 0.3
    assert score("9", with_(**base, city__pm25_improvement_avg="20")) == D("2.00")  # 0.1 × 15 = 1.5 → cap 1


def test_9_3_only_above_target_and_cap():
    base = dict(NO_G2, air__pm25="33", air__pm25_prev="33", city__pm25_improvement_avg="0")  # 9.2: 0
    # 33 > 32: 9.3 0.2 × (45 − 42) = 0.6; 9.4 0.5 × 1 = 0.5 → 1.9
    assert score("9", with_(**base, air__pm25_special="45")) == D("1.90")
    # 9.3 0.2 × 8 = 1.6 → cap 1; 9.4 0.5 → 1.5
    assert score("9", with_(**base, air__pm25_special="50")) == D("1.50")
    # special period fell (40 vs 42): 9.3 0; 9.4 0.5 → 2.5
    assert score("9", with_(**base, air__pm25_special="40")) == D("2.50")
    # annual 32 = target: 9.3 not applied even though the special period rose by 8
    v = with_(**dict(base, air__pm25="32", air__pm25_prev="32"), air__pm25_special="50")
    assert score("9", v) == D("3.00")
    assert deltas("9", v)["9.3"] == 0


def test_9_4_linear_and_exhausting_the_item():
    # Grade II missed (O3); PM2.5 fell from 40 so 9.2: 0 against −100 %; special 40 vs 42 fell → 9.3: 0
    base = dict(NO_G2, air__pm25_prev="40", city__pm25_improvement_avg="-100")
    assert score("9", with_(**base, air__pm25="32.5")) == D("2.75")  # 0.5 × 0.5 = 0.25
    assert score("9", with_(**base, air__pm25="37")) == D("0.50")  # 0.5 × 5 = 2.5
    v = with_(**base, air__pm25="40")  # 0.5 × 8 = 4 > 3 → 扣完为止, item 0
    assert score("9", v) == D("0.00")
    r = item_result("9", v)
    assert r.lines[-1].rule == "9.4" and r.lines[-1].delta == D("1")  # engine clamp line, attributed to 9.4
    assert deltas("9", v)["9.4"] == D("-3")


def test_9_blank_makes_incomplete():
    v = dict(PERFECT)
    del v["air.o3_8h_p90"]  # needed for Grade II even if nothing else depends on it
    r = item_result("9", v)
    assert r.score is None and [m.key for m in r.missing] == ["air.o3_8h_p90"]


# ---- item 10 ------------------------------------------------------------------------------------
def test_10_1_exempt_when_aqci_falls():
    # prev: limits with O3 200 → AQCI 5 + 1.25 = 6.25; cur: O3 192 → 5 + 1.2 = 6.2 < 6.25 → exempt.
    # Without it: 10.2 0.2 × (5 − 0.8) = 0.84; 10.3 (Grade II missed, rank 1) 1 → 0.16.
    v = air(dict(AT_LIMIT, o3_8h_p90="192"), dict(AT_LIMIT, o3_8h_p90="200"), i10__province_bottom_rank="1")
    assert score("10", v) == D("2.00")
    r = item_result("10", v)
    assert {ln.rule for ln in r.lines} == {"10.1", "10.2", "10.3"} and all(ln.delta == 0 for ln in r.lines)
    assert "6.2" in r.lines[0].reason and "6.25" in r.lines[0].reason
    assert all("因免扣未计算" in ln.reason for ln in r.lines[1:])


def test_10_1_equal_aqci_not_exempt():
    # AQCI 6.25 both years: improvement 0, city 1 → 10.2 0.2 × 1 = 0.2; rank blank → 10.3 0 → 1.8
    v = air(dict(AT_LIMIT, o3_8h_p90="200"), dict(AT_LIMIT, o3_8h_p90="200"), city__aqci_improvement_avg="1")
    assert score("10", v) == D("1.80")


UP = (dict(AT_LIMIT, o3_8h_p90="169.6"), AT_LIMIT)  # AQCI 6 → 6.06: improvement −1 %, Grade II missed (O3)


def test_10_2_linear_and_cap():
    assert score("10", air(*UP, city__aqci_improvement_avg="-5")) == D("2.00")  # gap −4 → 0
    assert score("10", air(*UP, city__aqci_improvement_avg="2")) == D("1.40")  # 0.2 × 3 = 0.6
    assert score("10", air(*UP, city__aqci_improvement_avg="10")) == D("1.00")  # 0.2 × 11 = 2.2 → cap 1


def test_10_3_bottom_rank():
    base = dict(city__aqci_improvement_avg="-5")  # 10.2: 0
    assert score("10", air(*UP, **base, i10__province_bottom_rank="1")) == D("1.00")  # 1.1 − 0.1 = 1
    assert score("10", air(*UP, **base, i10__province_bottom_rank="10")) == D("1.90")  # 1.1 − 1 = 0.1
    assert score("10", air(*UP, **base, i10__province_bottom_rank="11")) == D("2.00")  # not in the last 10
    assert score("10", air(*UP, **base)) == D("2.00")  # blank
    assert "未达二级标准" in item_result("10", air(*UP, **base, i10__province_bottom_rank="1")).lines[-1].reason


def test_10_3_not_applied_when_grade2_attained():
    # prev 0.9 × limits (AQCI 5.4), cur at limits (6, Grade II attained): improvement −0.6/5.4 = −11.1 %,
    # city 0 → 10.2 0.2 × 11.1 → cap 1; 10.3 not applied despite rank 1 → 1.00
    prev = {"so2": "54", "no2": "36", "pm10": "63", "pm25": "31.5", "co_p95": "3.6", "o3_8h_p90": "144"}
    v = air(AT_LIMIT, prev, city__aqci_improvement_avg="0", i10__province_bottom_rank="1")
    assert score("10", v) == D("1.00")
    assert deltas("10", v)["10.3"] == 0


def test_10_shows_aqci_to_4_decimals():
    # cur 10/60 + 20/40 + 50/70 + 30/35 + 1.2/4 + 130/160 = 3.35060; prev … = 3.73214
    reason = item_result("10", PERFECT).lines[0].reason
    assert "3.3506" in reason and "3.7321" in reason


# ---- item 11 ------------------------------------------------------------------------------------
def test_11_1_linear_and_cap():
    base = dict(air__good_days_ratio="96", air__good_days_ratio_prev="95")  # improvement 1 pp
    assert score("11", with_(**base, city__good_days_improvement_avg="1")) == D("3.00")
    assert score("11", with_(**base, city__good_days_improvement_avg="3")) == D("2.60")  # 0.2 × 2
    assert score("11", with_(**base, city__good_days_improvement_avg="10")) == D("2.00")  # 1.8 → cap 1


def test_11_2_only_below_target_and_cap():
    base = dict(air__good_days_ratio="94", air__good_days_ratio_prev="94", city__good_days_improvement_avg="0")
    # 94 < 95: 11.2 0.2 × (90 − 88) = 0.4; 11.3 1 pp → 0.5 × 1 / 0.5 = 1 → 1.6
    assert score("11", with_(**base, air__good_days_ratio_special="88")) == D("1.60")
    # 11.2 0.2 × 10 = 2 → cap 1; 11.3 1 → 1.0
    assert score("11", with_(**base, air__good_days_ratio_special="80")) == D("1.00")
    # special period rose 90 → 92: 11.2 0; 11.3 1 → 2.0
    assert score("11", with_(**base)) == D("2.00")
    # target met (95): 11.2 not applied although the special ratio fell by 10 pp
    v = with_(
        air__good_days_ratio="95",
        air__good_days_ratio_prev="95",
        city__good_days_improvement_avg="0",
        air__good_days_ratio_special="80",
    )
    assert score("11", v) == D("3.00")


def test_11_3_linear_and_exhausting_the_item():
    base = dict(city__good_days_improvement_avg="0")  # special 92 vs 90 rose → 11.2: 0
    v = with_(**base, air__good_days_ratio="94.75", air__good_days_ratio_prev="94.75")
    assert score("11", v) == D("2.75")  # 0.5 × 0.25 / 0.5 = 0.25
    v = with_(**base, air__good_days_ratio="90", air__good_days_ratio_prev="90")  # 0.5 × 5 / 0.5 = 5 > 3
    assert score("11", v) == D("0.00")
    assert deltas("11", v)["11.3"] == D("-3")  # −5 plus the engine's +2 clamp line on 11.3


def test_11_blank_special_ratio_required_only_when_the_annual_ratio_misses():
    # D7 rev 2: 96 % ≥ 95 %: 11.2 is not applied, so the special-period ratio is not asked
    v = dict(PERFECT)
    del v["air.good_days_ratio_special"]
    assert item_result("11", v).score == D("3.00")  # 11.1: 2 pp ≥ 1 pp average; 11.2 n/a; 11.3 0
    # 94 % < 95 %: the branch is taken and the blank makes the item incomplete
    r = item_result("11", {**v, "air.good_days_ratio": "94"})
    assert r.score is None and [m.key for m in r.missing] == ["air.good_days_ratio_special"]


# ---- item 12 ------------------------------------------------------------------------------------
def heavy(days, y18, y19, y20, **kw):
    return with_(
        air__heavy_days=str(days),
        air__heavy_days_2018=str(y18),
        air__heavy_days_2019=str(y19),
        air__heavy_days_2020=str(y20),
        **kw,
    )


def test_12_1_against_three_year_mean():
    t = dict(target__heavy_days="2")  # keeps 12.2 at 0 for days ≤ 2
    assert score("12", heavy(2, 1, 2, 2, **t)) == D("0.00")  # 2 > 5/3 = 1.67 → −3
    assert score("12", heavy(2, 2, 2, 2, **t)) == D("3.00")  # 2 = mean 2: did not rise
    assert score("12", heavy(2, 2, 2, 3, **t)) == D("3.00")  # 2 < 7/3 = 2.33
    assert score("12", heavy(1, 0, 1, 1, **t)) == D("0.00")  # 1 > 2/3
    assert deltas("12", heavy(1, 0, 1, 1, **t))["12.1"] == D("-3")


def test_12_2_per_day_above_target():
    assert score("12", heavy(0, 2, 2, 2)) == D("3.00")
    assert score("12", heavy(1, 2, 2, 2)) == D("2.00")  # 1 day over 0
    assert score("12", heavy(2, 3, 3, 3)) == D("1.00")  # 2 days over 0


def test_12_3_emergency_and_measures():
    assert score("12", with_(i12__emergency_not_launched="是")) == D("1.50")  # 3 − 1.5
    assert score("12", with_(i12__measures_missed="2")) == D("2.00")  # 3 − 0.5 × 2
    assert score("12", with_(i12__emergency_not_launched="是", i12__measures_missed="1")) == D("1.00")  # 3 − 2
    assert score("12", with_(i12__emergency_not_launched="是", i12__measures_missed="3")) == D("0.00")  # 3 − 3
    assert deltas("12", with_(i12__emergency_not_launched="是", i12__measures_missed="1"))["12.3"] == D("-2")


def test_12_blank_makes_incomplete():
    v = dict(PERFECT)
    del v["i12.measures_missed"]
    r = item_result("12", v)
    assert r.score is None and [m.key for m in r.missing] == ["i12.measures_missed"]


# ---- properties ---------------------------------------------------------------------------------
def dec(lo, hi, places=1):
    return st.decimals(min_value=Decimal(lo), max_value=Decimal(hi), places=places).map(str)


POLLUTANTS = ("so2", "no2", "pm10", "pm25", "co_p95", "o3_8h_p90")
inputs = st.fixed_dictionaries(
    {
        **{f"air.{k}": dec(0, 250) for k in POLLUTANTS},
        **{f"air.{k}_prev": dec("0.1", 250) for k in POLLUTANTS},
        "air.pm25_special": dec(0, 250),
        "air.pm25_special_prev": dec("0.1", 250),
        **{f"air.good_days_ratio{s}": dec(0, 100) for s in ("", "_prev", "_special", "_special_prev")},
        **{f"air.heavy_days{s}": st.integers(0, 30).map(str) for s in ("", "_2018", "_2019", "_2020")},
        **{f"city.{k}_improvement_avg": dec(-60, 60) for k in ("pm25", "aqci", "good_days")},
        "target.pm25_annual": dec(10, 80),
        "target.good_days_ratio": dec(50, 100),
        "target.heavy_days": st.integers(0, 10).map(str),
        "i10.province_bottom_rank": st.one_of(st.just(""), st.integers(1, 15).map(str)),
        "i12.emergency_not_launched": st.sampled_from(["是", "否"]),
        "i12.measures_missed": st.integers(0, 8).map(str),
    }
)
POINTS = {"9": D(3), "10": D(2), "11": D(3), "12": D(3)}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_items_9_to_12_within_points(v):
    for i, pts in POINTS.items():
        assert D(0) <= score(i, v) <= pts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs, dec(0, 250), dec(0, 250))
def test_raising_pm25_never_raises_item_9(v, a, b):
    lo, hi = sorted((Decimal(a), Decimal(b)))
    assert score("9", dict(v, **{"air.pm25": str(hi)})) <= score("9", dict(v, **{"air.pm25": str(lo)}))
