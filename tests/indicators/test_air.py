"""Daily AQI (HJ 633-2012), percentiles, GB/T 8170 rounding and special periods.

Every expected value is worked by hand from docs/spec/indicators.md; the arithmetic is in the comment.
"""

import datetime
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecoscore.monitoring.indicators import (
    AQI_EDITIONS,
    DEFAULT_AIR_EDITION,
    AirDay,
    MonthDayRange,
    day_aqi,
    iaqi,
    in_special_periods,
    parse_special_periods,
    percentile,
    round_gb8170,
)

DAY = datetime.date(2021, 3, 1)


@pytest.mark.parametrize(
    "pollutant, value, expected",
    [
        # SO2 24-h: 0, 50, 150, 475, 800, 1600, 2100, 2620
        ("so2", "0", 0),
        ("so2", "1", 1),  # 50/50 × 1 = 1
        ("so2", "50", 50),
        ("so2", "100", 75),  # (100−50)/(150−50) × (100−50) + 50 = 75
        ("so2", "150", 100),
        ("so2", "475", 150),  # on a breakpoint: exactly 150, not 151
        ("so2", "500", 154),  # 50/325 × 25 + 150 = 153.85 → 154
        ("so2", "2620", 500),
        ("so2", "2621", 500),  # above the top breakpoint
        # NO2 24-h: 0, 40, 80, 180, 280, 565, 750, 940
        ("no2", "40", 50),
        ("no2", "41", 52),  # 50/40 × 1 + 50 = 51.25 → 52
        ("no2", "180", 150),
        ("no2", "200", 160),  # 50/100 × 20 + 150 = 160
        ("no2", "940", 500),
        ("no2", "1000", 500),
        # PM10 24-h: 0, 50, 150, 250, 350, 420, 500, 600
        ("pm10", "50", 50),
        ("pm10", "51", 51),  # 50/100 × 1 + 50 = 50.5 → 51
        ("pm10", "350", 200),
        ("pm10", "400", 272),  # 100/70 × 50 + 200 = 271.43 → 272
        ("pm10", "600", 500),
        ("pm10", "700", 500),
        # CO 24-h: 0, 2, 4, 14, 24, 36, 48, 60 (mg/m³)
        ("co", "1.9", 48),  # 50/2 × 1.9 = 47.5 → 48
        ("co", "2", 50),
        ("co", "4", 100),
        ("co", "4.5", 103),  # 50/10 × 0.5 + 100 = 102.5 → 103
        ("co", "60", 500),
        ("co", "61", 500),
        # O3 8-h: 0, 100, 160, 215, 265, 800 (IAQI 0 … 300)
        ("o3_8h", "100", 50),
        ("o3_8h", "161", 101),  # 50/55 × 1 + 100 = 100.91 → 101
        ("o3_8h", "700", 282),  # 100/535 × 435 + 200 = 281.31 → 282
        ("o3_8h", "800", 300),
        # O3 1-h: 0, 160, 200, 300, 400, 800, 1000, 1200
        ("o3_1h", "200", 100),
        ("o3_1h", "250", 125),  # 50/100 × 50 + 100 = 125
        ("o3_1h", "1200", 500),
        ("o3_1h", "1300", 500),
        # PM2.5 24-h: 0, 35, 75, 115, 150, 250, 350, 500
        ("pm25", "35", 50),
        ("pm25", "36", 52),  # (100−50)/(75−35) × (36−35) + 50 = 51.25 → 52
        ("pm25", "75", 100),
        ("pm25", "115", 150),
        ("pm25", "150", 200),
        ("pm25", "160", 210),  # 100/100 × 10 + 200 = 210
        ("pm25", "500", 500),
        ("pm25", "501", 500),
    ],
)
def test_iaqi_at_and_between_breakpoints(pollutant, value, expected):
    assert iaqi(pollutant, D(value)) == expected


def test_iaqi_o3_8h_above_800_is_not_rated_by_the_8h_table():
    assert iaqi("o3_8h", D("801")) is None
    assert iaqi("pm25", None) is None


def test_iaqi_rejects_negative_values_and_unknown_pollutants():
    with pytest.raises(ValueError):
        iaqi("pm25", D("-1"))
    with pytest.raises(ValueError):
        iaqi("benzene", D("1"))


@given(
    pollutant=st.sampled_from(sorted(AQI_EDITIONS[DEFAULT_AIR_EDITION].breakpoints)),
    a=st.decimals(min_value=0, max_value=3000, places=2),
    b=st.decimals(min_value=0, max_value=3000, places=2),
)
def test_iaqi_never_decreases_and_stays_within_0_500(pollutant, a, b):
    low, high = sorted((a, b))
    rated_low, rated_high = iaqi(pollutant, low), iaqi(pollutant, high)
    if rated_high is None:  # O3 8-h above 800 goes to the 1-h table
        return
    assert 0 <= rated_low <= rated_high <= 500


def air_day(**values):
    base = dict(so2=8, no2=20, pm10=60, co="1.1", o3_8h=90, pm25=41)
    base.update(values)
    return AirDay(DAY, **base)


def test_day_aqi_is_the_max_iaqi_and_names_the_primary_pollutant():
    # SO2 8 → 8; NO2 20 → 50/40×20 = 25; PM10 60 → 50/100×10+50 = 55; CO 1.1 → 27.5 → 28;
    # O3 90 → 45; PM2.5 41 → 50/40×6+50 = 57.5 → 58. AQI 58 > 50, primary PM2.5.
    result = day_aqi(air_day())
    assert result.iaqi == {"so2": 8, "no2": 25, "pm10": 55, "co": 28, "o3_8h": 45, "pm25": 58}
    assert (result.aqi, result.primary, result.valid, result.good, result.heavy) == (58, ("pm25",), True, True, False)


def test_day_aqi_lists_every_pollutant_tied_at_the_max():
    # PM10 54 → 50/100×4+50 = 52; PM2.5 36 → 51.25 → 52: both primary.
    assert day_aqi(air_day(pm10=54, pm25=36)).primary == ("pm10", "pm25")


def test_no_primary_pollutant_when_aqi_is_50_or_less():
    # PM2.5 30 → 50/35×30 = 42.86 → 43; PM10 40 → 40; O3 90 → 50/100×90 = 45: AQI 45 ≤ 50.
    result = day_aqi(air_day(pm10=40, pm25=30))
    assert result.aqi == 45 and result.primary == ()


@pytest.mark.parametrize(
    "pm25, good, heavy",
    [
        ("75", True, False),  # IAQI 100: still 优良
        ("75.5", False, False),  # 50/40×0.5+100 = 100.625 → 101
        ("150", False, False),  # IAQI 200: not yet heavy
        ("151", False, True),  # 100/100×1+200 = 201
    ],
)
def test_good_and_heavy_day_boundaries(pm25, good, heavy):
    result = day_aqi(air_day(pm25=D(pm25)))
    assert (result.good, result.heavy) == (good, heavy)


def test_o3_8h_above_800_uses_the_1h_table():
    # O3 1-h 950: (400−300)/(1000−800) × (950−800) + 300 = 375 → AQI 375, primary O3 1-h.
    result = day_aqi(air_day(o3_8h=900, o3_1h=950))
    assert result.iaqi["o3_1h"] == 375 and "o3_8h" not in result.iaqi
    assert (result.aqi, result.primary, result.heavy, result.o3_unrated) == (375, ("o3_1h",), True, False)


def test_o3_8h_above_800_without_1h_value_is_unrated_but_heavy():
    result = day_aqi(air_day(o3_8h=900))
    assert result.iaqi["o3_1h"] is None
    assert (result.aqi, result.valid, result.good, result.heavy, result.o3_unrated) == (None, True, False, True, True)
    assert result.primary == ("o3_1h",)


def test_day_missing_a_pollutant_is_invalid():
    result = day_aqi(air_day(pm25=None))
    assert (result.valid, result.aqi, result.good, result.heavy, result.primary) == (False, None, False, False, ())
    # O3 1-h is not one of the six
    assert day_aqi(air_day(o3_1h=None)).valid


def test_air_day_converts_numbers_to_exact_decimals():
    day = AirDay(DAY, 8, 20.5, "60", D("1.1"), 90, 41.1)
    assert day.no2 == D("20.5") and day.pm25 == D("41.1") and isinstance(day.so2, D)


@pytest.mark.parametrize(
    "values, p, expected",
    [
        # n=4, p=95: k = 1 + 3×0.95 = 3.85, s = 3 → X3 + (X4−X3)×0.85 = 3 + 1×0.85
        (["4", "1", "3", "2"], 95, "3.85"),
        # n=10, p=90: k = 1 + 9×0.9 = 9.1, s = 9 → 90 + (100−90)×0.1 = 91
        (["100", "10", "90", "20", "80", "30", "70", "40", "60", "50"], 90, "91"),
        # n=5, p=90: k = 1 + 4×0.9 = 4.6 → X4 + (X5−X4)×0.6 = 1.2 + 0.5×0.6 = 1.5
        (["0.8", "1.7", "1.0", "1.2", "0.9"], 90, "1.5"),
        # n=1: k = 1 → the value itself
        (["5"], 95, "5"),
        # p=100: k = n, there is no X(n+1) → the largest value
        (["1", "2", "3"], 100, "3"),
    ],
)
def test_percentile_by_hj663(values, p, expected):
    assert percentile([D(v) for v in values], p) == D(expected)


def test_percentile_of_nothing_is_none():
    assert percentile([], 90) is None


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        ("32.5", 0, "32"),  # five, even neighbour below
        ("33.5", 0, "34"),  # five, even neighbour above
        ("32.51", 0, "33"),  # more than half
        ("32.49", 0, "32"),
        ("1.25", 1, "1.2"),
        ("1.35", 1, "1.4"),
        ("1.251", 1, "1.3"),
        ("82.45", 1, "82.4"),
    ],
)
def test_gb8170_rounds_half_to_even(value, decimals, expected):
    assert str(round_gb8170(D(value), decimals)) == expected


def test_special_periods_parse_and_include_02_29_in_a_leap_year():
    periods = parse_special_periods("01-01~02-28;11-01~12-31")
    assert periods == (MonthDayRange((1, 1), (2, 28)), MonthDayRange((11, 1), (12, 31)))
    assert in_special_periods(datetime.date(2020, 2, 29), periods)
    assert in_special_periods(datetime.date(2021, 2, 28), periods)
    assert in_special_periods(datetime.date(2021, 11, 1), periods)
    assert not in_special_periods(datetime.date(2020, 3, 1), periods)
    assert not in_special_periods(datetime.date(2021, 10, 31), periods)


def test_special_periods_accept_full_width_separators():
    assert parse_special_periods(" 1-1～2-28；11-01～12-31 ") == parse_special_periods("01-01~02-28;11-01~12-31")


@pytest.mark.parametrize(
    "text, words",
    [
        ("11-01~02-28", "跨年"),
        ("13-01~12-31", "不存在"),
        ("02-30~03-01", "不存在"),
        ("01-01-02-28", "格式不对"),
        ("0101~0228", "格式不对"),
        ("", "为空"),
        (" ; ", "为空"),
    ],
)
def test_malformed_special_periods_raise_a_chinese_message(text, words):
    with pytest.raises(ValueError, match=words):
        parse_special_periods(text)


def test_air_day_reads_blank_as_missing_and_refuses_non_numbers():
    assert AirDay(DAY, " ", 20, 60, 1, 90, 41).so2 is None
    for bad in ("abc", "NaN", True, [1]):
        with pytest.raises(ValueError):
            AirDay(DAY, bad, 20, 60, 1, 90, 41)
