"""Annual air figures (HJ 663-2013) on small hand-worked data: rounding, validity,
special periods, dust days, the rubric mapping and the input checks."""

import datetime
from decimal import Decimal as D

import pytest

from ecoscore import rubric
from ecoscore.monitoring.air_fields import air_field_values
from ecoscore.monitoring.indicators import (
    AirDay,
    annual_air,
    split_air_years,
    validate_air_days,
)


def rubric_air_values(current, previous):
    return air_field_values(rubric.default(), current, previous)


date = datetime.date


def clean_day(day, pm25=40, **values):
    """A day with every IAQI ≤ 58 unless told otherwise (PM2.5 40 → 50/40×5+50 = 56.25 → 57)."""
    base = dict(so2=8, no2=20, pm10=60, co="1.0", o3_8h=90, pm25=pm25)
    base.update(values)
    return AirDay(day, **base)


def year_with_invalid_days(year, invalid_per_month):
    """Every day of `year`; the first n days of month m lack PM2.5 (invalid)."""
    rows, day = [], date(year, 1, 1)
    while day.year == year:
        missing = day.day <= invalid_per_month.get(day.month, 0)
        rows.append(clean_day(day, pm25=None if missing else 40))
        day += datetime.timedelta(days=1)
    return rows


# The most invalid days each month can lose and keep ≥ 27 (Feb ≥ 25) valid days: 43 in all.
MONTH_SLACK = {1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 3, 7: 4, 8: 4, 9: 3, 10: 4, 11: 3, 12: 4}


def test_324_valid_days_are_enough():
    # 43 − 2 = 41 invalid days → 365 − 41 = 324 valid; Nov and Dec keep 28.
    invalid = {**MONTH_SLACK, 11: 2, 12: 3}
    result = annual_air(year_with_invalid_days(2021, invalid), 2021)
    assert (result.days_total, result.days_valid, len(result.invalid_dates)) == (365, 324, 41)
    assert result.complete and result.incomplete_reasons == []


def test_323_valid_days_are_provisional():
    # 42 invalid → 323 valid; every month still at or above its minimum.
    invalid = {**MONTH_SLACK, 11: 2}
    result = annual_air(year_with_invalid_days(2021, invalid), 2021)
    assert result.days_valid == 323
    assert not result.complete
    assert result.incomplete_reasons == ["有效天数323天，少于324天"]


@pytest.mark.parametrize(
    "year, invalid, reasons",
    [
        (2021, {1: 4}, []),  # January 27 valid
        (2021, {1: 5}, ["1月有效天数26天，少于27天"]),  # January 26
        (2021, {2: 3}, []),  # February 25 of 28
        (2021, {2: 4}, ["2月有效天数24天，少于25天"]),  # February 24
        (2020, {2: 4}, []),  # leap February 29 − 4 = 25
        (2021, {4: 3, 9: 4}, ["9月有效天数26天，少于27天"]),  # April 27 ok, September 26
    ],
)
def test_monthly_validity_thresholds(year, invalid, reasons):
    result = annual_air(year_with_invalid_days(year, invalid), year)
    assert result.incomplete_reasons == reasons
    assert result.complete == (not reasons)


def test_annual_means_round_half_to_even():
    # PM2.5 32 and 33 → 32.5 → 32; PM10 33 and 34 → 33.5 → 34; NO2 20 and 21.01 → 20.505 → 21.
    rows = [
        clean_day(date(2021, 3, 1), pm25=32, pm10=33, no2=20),
        clean_day(date(2021, 3, 2), pm25=33, pm10=34, no2="21.01"),
    ]
    result = annual_air(rows, 2021)
    assert (result.pm25, result.pm10, result.no2, result.so2) == (D(32), D(34), D(21), D(8))


def test_percentiles_are_rounded_like_the_standard():
    # n = 1: every percentile is the value itself; CO 1.25 → 1.2, O3 160.5 → 160.
    result = annual_air([clean_day(date(2021, 5, 1), co="1.25", o3_8h="160.5")], 2021)
    assert str(result.co_p95) == "1.2" and str(result.o3_8h_p90) == "160"
    # n = 2, CO 1.0 and 1.5: k = 1 + 1×0.95 = 1.95 → 1.0 + 0.5×0.95 = 1.475 → 1.5;
    # O3 100 and 200: k = 1.9 → 100 + 100×0.9 = 190.
    rows = [clean_day(date(2021, 5, 1), co="1.0", o3_8h=100), clean_day(date(2021, 5, 2), co="1.5", o3_8h=200)]
    result = annual_air(rows, 2021)
    assert str(result.co_p95) == "1.5" and str(result.o3_8h_p90) == "190"


def test_good_days_ratio_rounds_to_one_decimal_half_to_even():
    # 16 valid days. 1 good: 1/16 = 6.25 % → 6.2; 3 good: 18.75 % → 18.8.
    def days(good):
        return [clean_day(date(2021, 6, n), pm25=40 if n <= good else 120) for n in range(1, 17)]

    assert str(annual_air(days(1), 2021).good_days_ratio) == "6.2"
    assert str(annual_air(days(3), 2021).good_days_ratio) == "18.8"


def test_invalid_days_leave_every_denominator():
    # PM2.5 40, 50, (missing), 100: valid 3; mean (40+50+100)/3 = 63.33 → 63;
    # good: 40 → 57, 50 → 50/40×15+50 = 68.75 → 69, 100 → 50/40×25+100 = 131.25 → 132: 2 of 3 = 66.7 %.
    rows = [clean_day(date(2021, 1, n), pm25=v) for n, v in ((1, 40), (2, 50), (3, None), (4, 100))]
    result = annual_air(rows, 2021)
    assert result.invalid_dates == [date(2021, 1, 3)]
    assert (result.days_total, result.days_valid, result.pm25) == (4, 3, D(63))
    assert (result.good_days, str(result.good_days_ratio), result.heavy_days) == (2, "66.7", 0)
    assert result.primary_by_month == {1: {"pm25": 3}}
    assert result.last_date == date(2021, 1, 4)


def test_leap_year_special_period_includes_02_29():
    # 2020-02-28 PM2.5 40 and 02-29 50 are in 01-01~02-28; 03-01 100 is not.
    # special: mean (40+50)/2 = 45, both good → 100.0 %; the year: 2 good of 3 → 66.7 %.
    rows = [
        clean_day(date(2020, 2, 28), pm25=40),
        clean_day(date(2020, 2, 29), pm25=50),
        clean_day(date(2020, 3, 1), pm25=100),
    ]
    result = annual_air(rows, 2020)
    assert (result.special_days_valid, result.pm25_special) == (2, D(45))
    assert str(result.good_days_ratio_special) == "100.0"
    assert str(result.good_days_ratio) == "66.7"


def test_special_period_in_a_common_year_and_a_custom_spec():
    rows = [
        clean_day(date(2021, 2, 28), pm25=40),
        clean_day(date(2021, 3, 1), pm25=100),
        clean_day(date(2021, 12, 31), pm25=60),
    ]
    result = annual_air(rows, 2021)
    # 02-28 (40) and 12-31 (60): mean 50; 60 → 50/40×25+50 = 81.25 → 82, good: 100.0 %
    assert (result.special_days_valid, result.pm25_special, str(result.good_days_ratio_special)) == (2, D(50), "100.0")
    custom = annual_air(rows, 2021, special_periods="03-01~03-31")
    assert (custom.special_days_valid, custom.pm25_special, str(custom.good_days_ratio_special)) == (1, D(100), "0.0")


def test_dust_days_are_left_out_only_when_asked():
    # PM2.5 40, 50, 300 (dust): 300 → 100/150×50+300 = 333.3 → 334, heavy.
    rows = [
        clean_day(date(2021, 4, 1), pm25=40),
        clean_day(date(2021, 4, 2), pm25=50),
        AirDay(date(2021, 4, 3), 8, 20, 60, D("1.0"), 90, D(300), dust=True),
    ]
    kept = annual_air(rows, 2021)
    # (40+50+300)/3 = 130
    assert (kept.pm25, kept.heavy_days, kept.days_used, kept.dust_dates_excluded) == (D(130), 1, 3, [])
    dropped = annual_air(rows, 2021, exclude_dust=True)
    # (40+50)/2 = 45; the dust day still counts for data completeness
    assert (dropped.pm25, dropped.heavy_days, dropped.days_used, dropped.days_valid) == (D(45), 0, 2, 3)
    assert dropped.dust_dates_excluded == [date(2021, 4, 3)]


def test_unrated_o3_day_counts_as_heavy_and_keeps_its_8h_value():
    # O3 8-h 90 and 900 (no 1-h): k = 1 + 1×0.9 = 1.9 → 90 + (900−90)×0.9 = 819.
    rows = [clean_day(date(2021, 7, 1)), clean_day(date(2021, 7, 2), o3_8h=900)]
    result = annual_air(rows, 2021)
    assert (result.heavy_days, result.good_days, result.o3_8h_p90) == (1, 1, D(819))
    assert result.o3_unrated_dates == [date(2021, 7, 2)]
    assert result.primary_by_month == {7: {"pm25": 1, "o3_1h": 1}}


def test_a_year_without_rows_has_no_figures():
    result = annual_air([clean_day(date(2020, 1, 1))], 2021)
    assert (result.days_total, result.pm25, result.good_days_ratio, result.last_date) == (0, None, None, None)
    assert not result.complete and result.incomplete_reasons == ["无该年数据"]
    assert rubric_air_values(result, None) == {}


def test_duplicate_dates_are_refused():
    with pytest.raises(ValueError, match="重复"):
        annual_air([clean_day(date(2021, 1, 1)), clean_day(date(2021, 1, 1))], 2021)


def test_rubric_air_values_map_both_years():
    # 2021: PM2.5 40 and 160 (IAQI 210, heavy): mean 100; 2020: PM2.5 30 and 50: mean 40.
    rows = [
        clean_day(date(2021, 1, 1), pm25=40),
        clean_day(date(2021, 1, 2), pm25=160),
        clean_day(date(2020, 7, 1), pm25=30),
        clean_day(date(2020, 7, 2), pm25=50),
    ]
    current, previous = split_air_years(rows, 2021)
    values = rubric_air_values(current, previous)
    assert values == {
        "air.pm25": D(100),
        "air.pm10": D(60),
        "air.so2": D(8),
        "air.no2": D(20),
        "air.co_p95": D("1.0"),
        "air.o3_8h_p90": D(90),
        "air.pm25_special": D(100),
        "air.good_days_ratio": D("50.0"),
        "air.good_days_ratio_special": D("50.0"),
        "air.pm25_prev": D(40),
        "air.pm10_prev": D(60),
        "air.so2_prev": D(8),
        "air.no2_prev": D(20),
        "air.co_p95_prev": D("1.0"),
        "air.o3_8h_p90_prev": D(90),
        "air.good_days_ratio_prev": D("100.0"),
        "air.heavy_days": 1,
        "air.heavy_days_2020": 0,
    }  # 2020's rows are in July: no special-period figures for the previous year


def test_heavy_days_of_the_previous_year_only_for_the_rubric_years():
    rows = [clean_day(date(2023, 1, 1)), clean_day(date(2022, 1, 1))]
    values = rubric_air_values(*split_air_years(rows, 2023))
    assert "air.heavy_days_2022" not in values and values["air.heavy_days"] == 0
    current, previous = split_air_years([clean_day(date(2021, 1, 1))], 2021)
    assert previous is None and "air.pm25_prev" not in rubric_air_values(current, previous)
    with pytest.raises(ValueError):
        rubric_air_values(
            annual_air([clean_day(date(2021, 1, 1))], 2021), annual_air([clean_day(date(2019, 1, 1))], 2019)
        )


def test_validate_air_days_reports_problems_as_data():
    rows = [
        clean_day(date(2021, 1, 1)),
        clean_day(date(2021, 1, 1)),  # duplicate
        clean_day(date(2019, 12, 31)),  # outside 2020–2021
        clean_day(date(2021, 1, 2), pm25=-1),  # negative
        clean_day(date(2021, 1, 3), pm25=1001, co=151),  # impossible
        clean_day(date(2020, 5, 1), pm25=1000, co=150),  # the bounds themselves are accepted
    ]
    problems = validate_air_days(rows, 2021)
    assert [(p.row, p.column, p.value) for p in problems] == [
        (1, "date", date(2021, 1, 1)),
        (2, "date", date(2019, 12, 31)),
        (3, "pm25", D(-1)),
        (4, "co", D(151)),
        (4, "pm25", D(1001)),
    ]
    messages = [p.message for p in problems]
    assert "重复" in messages[0] and "2020—2021" in messages[1] and "负数" in messages[2]
    assert "CO" in messages[3] and "PM2.5" in messages[4]
    assert all(isinstance(p, tuple) and len(p) == 4 for p in problems)
    assert validate_air_days(rows[:1], 2021) == []
