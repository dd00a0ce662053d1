"""Full years of synthetic daily data checked against an independent reference written here
in plain Python: Fractions, sorted lists, math.ceil and round() (half to even on Fractions).
The breakpoints are typed again from docs/spec/indicators.md rather than read from the code."""

import dataclasses
import datetime
import math
import random
from collections import Counter
from decimal import Decimal as D
from fractions import Fraction

import pytest

from ecoscore import rubric
from ecoscore.monitoring.air_fields import air_field_values
from ecoscore.monitoring.indicators import AirDay, mid_year_air, split_air_years


def rubric_air_values(current, previous):
    return air_field_values(rubric.default(), current, previous)


date = datetime.date
SIX = ("so2", "no2", "pm10", "co", "o3_8h", "pm25")
LEVELS = (0, 50, 100, 150, 200, 300, 400, 500)
BREAKPOINTS = {
    "so2": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "no2": (0, 40, 80, 180, 280, 565, 750, 940),
    "pm10": (0, 50, 150, 250, 350, 420, 500, 600),
    "co": (0, 2, 4, 14, 24, 36, 48, 60),
    "o3_8h": (0, 100, 160, 215, 265, 800),
    "pm25": (0, 35, 75, 115, 150, 250, 350, 500),
}


def synthetic_year(year, seed):
    """Every day of `year`, deterministic: integer and one-decimal values, mostly clean air
    with an episode on about one day in eight, a missing pollutant every 53rd day, a dust
    day every 61st. O3 stays below 800 (no 1-h fallback)."""
    rng = random.Random(seed)
    rows, day = [], date(year, 1, 1)
    while day.year == year:
        episode = rng.random() < 0.125
        values = {
            "so2": D(rng.randint(3, 40)),
            "no2": D(rng.randint(8, 120 if episode else 60)),
            "pm10": D(rng.randint(20, 420 if episode else 140)),
            "co": D(rng.randint(3, 45 if episode else 20)) / 10,
            "o3_8h": D(rng.randint(20, 300 if episode else 170)),
            "pm25": D(rng.randint(80, 2600 if episode else 800)) / 10,
        }
        offset = day.timetuple().tm_yday
        if offset % 53 == 0:
            values[rng.choice(SIX)] = None
        rows.append(AirDay(day, **values, dust=offset % 61 == 5))
        day += datetime.timedelta(days=1)
    return rows


def ref_iaqi(pollutant, concentration):
    points = BREAKPOINTS[pollutant]
    for i in range(1, len(points)):
        if concentration <= points[i]:
            slope = Fraction(LEVELS[i] - LEVELS[i - 1], points[i] - points[i - 1])
            return math.ceil(slope * (concentration - points[i - 1]) + LEVELS[i - 1])
    return 500


def ref_percentile(values, p):
    ordered = sorted(values)
    k = 1 + Fraction((len(ordered) - 1) * p, 100)
    s = math.floor(k)
    if s == len(ordered):
        return ordered[-1]
    return ordered[s - 1] + (ordered[s] - ordered[s - 1]) * (k - s)


def reference(rows, year, exclude_dust=False):
    """The annual figures of `year`, computed independently of ecoscore."""
    used = [
        r
        for r in rows
        if r.date.year == year and all(getattr(r, p) is not None for p in SIX) and not (exclude_dust and r.dust)
    ]
    columns = {p: [Fraction(str(getattr(r, p))) for r in used] for p in SIX}
    n = len(used)
    aqis, primary = [], {}
    for index, row in enumerate(used):
        ratings = {p: ref_iaqi(p, columns[p][index]) for p in SIX}
        aqi = max(ratings.values())
        aqis.append(aqi)
        month = primary.setdefault(row.date.month, Counter())
        if aqi > 50:
            month.update(p for p in SIX if ratings[p] == aqi)
    special = [i for i, r in enumerate(used) if r.date.month in (1, 2, 11, 12)]
    good = sum(a <= 100 for a in aqis)
    special_good = sum(aqis[i] <= 100 for i in special)
    return {
        "pm25": round(sum(columns["pm25"]) / n),
        "pm10": round(sum(columns["pm10"]) / n),
        "so2": round(sum(columns["so2"]) / n),
        "no2": round(sum(columns["no2"]) / n),
        "co_p95": round(ref_percentile(columns["co"], 95), 1),
        "o3_8h_p90": round(ref_percentile(columns["o3_8h"], 90)),
        "good_days": good,
        "good_days_ratio": round(Fraction(good * 100, n), 1),
        "heavy_days": sum(a > 200 for a in aqis),
        "pm25_special": round(sum(columns["pm25"][i] for i in special) / len(special)),
        "good_days_ratio_special": round(Fraction(special_good * 100, len(special)), 1),
        "special_days_valid": len(special),
        "days_used": n,
        "primary_by_month": {m: dict(c) for m, c in primary.items()},
    }


def assert_matches(result, expected):
    for key, value in expected.items():
        got = getattr(result, key)
        if isinstance(got, D):
            assert Fraction(str(got)) == value, key
        else:
            assert got == value, key


def mixed_rows():
    rows = synthetic_year(2021, seed=2021) + synthetic_year(2020, seed=2020)
    rows.append(AirDay(date(2019, 12, 31), 5, 5, 5, D(1), 5, 5))  # another year: ignored
    random.Random(7).shuffle(rows)
    return rows


@pytest.mark.parametrize("exclude_dust", [False, True])
def test_two_synthetic_years_match_the_independent_reference(exclude_dust):
    rows = mixed_rows()
    current, previous = split_air_years(rows, 2021, exclude_dust=exclude_dust)
    assert_matches(current, reference(rows, 2021, exclude_dust))
    assert_matches(previous, reference(rows, 2020, exclude_dust))
    assert (current.days_total, previous.days_total) == (365, 366)  # 2020 is a leap year
    # the data exercise both tails: good and heavy days in both years
    assert 0 < current.heavy_days < current.good_days and 0 < previous.heavy_days < previous.good_days
    invalid_2021 = [d for d in range(1, 366) if d % 53 == 0]  # day-of-year 53, 106, …, 318
    assert len(current.invalid_dates) == len(invalid_2021) and current.days_valid == 365 - len(invalid_2021)
    assert current.complete and previous.complete
    assert current.last_date == date(2021, 12, 31)
    if exclude_dust:
        assert current.dust_dates_excluded and current.days_used < current.days_valid


def test_synthetic_rubric_values_come_from_the_reference_figures():
    rows = mixed_rows()
    values = rubric_air_values(*split_air_years(rows, 2021))
    now, before = reference(rows, 2021), reference(rows, 2020)
    assert Fraction(str(values["air.pm25"])) == now["pm25"]
    assert Fraction(str(values["air.co_p95_prev"])) == before["co_p95"]
    assert Fraction(str(values["air.good_days_ratio_special_prev"])) == before["good_days_ratio_special"]
    assert values["air.heavy_days"] == now["heavy_days"]
    assert values["air.heavy_days_2020"] == before["heavy_days"]


def test_mid_year_figures_and_projection_with_last_years_remaining_days():
    first_half = [r for r in synthetic_year(2021, seed=2021) if r.date <= date(2021, 6, 30)]
    last_year = synthetic_year(2020, seed=2020)
    view = mid_year_air(first_half + last_year, 2021)
    assert view.as_of == date(2021, 6, 30) and view.partial
    # Jan–Jun: 31 + 28 + 31 + 30 + 31 + 30 = 181 days
    assert view.current.days_total == 181 and not view.current.complete
    assert "数据截至6月30日" in view.current.incomplete_reasons
    assert "7—12月无数据" in view.current.incomplete_reasons
    assert_matches(view.current, reference(first_half, 2021))

    # Jul–Dec of 2020: 31 + 31 + 30 + 31 + 30 + 31 = 184 days, moved to 2021
    borrowed = [dataclasses.replace(r, date=r.date.replace(year=2021)) for r in last_year if r.date > date(2020, 6, 30)]
    assert view.borrowed_days == 184 and view.projection.days_total == 365
    assert view.projection.complete
    assert_matches(view.projection, reference(first_half + borrowed, 2021))


def test_projection_drops_02_29_of_a_leap_previous_year():
    # 2021 data stop at 02-10 (41 days); 2020 has 366 − 41 = 325 later days, 02-29 dropped → 324.
    start = [r for r in synthetic_year(2021, seed=1) if r.date <= date(2021, 2, 10)]
    view = mid_year_air(start + synthetic_year(2020, seed=2), 2021)
    assert view.borrowed_days == 324 and view.projection.days_total == 365


def test_no_projection_for_a_full_year_or_without_last_years_data():
    full = mid_year_air(synthetic_year(2021, seed=3), 2021)
    assert full.as_of == date(2021, 12, 31) and not full.partial and full.projection is None
    half = [r for r in synthetic_year(2021, seed=3) if r.date.month <= 6]
    alone = mid_year_air(half, 2021)
    assert alone.partial and alone.projection is None and alone.borrowed_days == 0
