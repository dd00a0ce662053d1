"""Annual air figures of one year by HJ 663-2013, from daily rows."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import field
from decimal import Decimal

from ecoscore.core.record import record
from ecoscore.monitoring.indicators.air import AirDay, DayAqi, aqi_edition, day_aqi
from ecoscore.monitoring.indicators.numeric import mean, percentile, round_gb8170
from ecoscore.monitoring.indicators.periods import MonthDayRange, in_special_periods, parse_special_periods
from ecoscore.monitoring.indicators.tables import (
    ANNUAL_EDITIONS,
    DEFAULT_AIR_EDITION,
    DEFAULT_SPECIAL_PERIODS,
    AnnualEdition,
)

SpecialPeriods = str | tuple[MonthDayRange, ...]


@record(frozen=True)
class AirYear:
    """The annual air figures of one year, rounded as the standard reports them.

    Concentrations, ratios and special-period figures are None when no valid day is used.
    `days_valid` counts the days with all six pollutants (the data-completeness count);
    the figures use those days minus `dust_dates_excluded` (扣沙, off by default), and
    `days_used` says how many that is.
    """

    year: int
    days_total: int
    days_valid: int
    invalid_dates: list[datetime.date]
    pm25: Decimal | None
    pm10: Decimal | None
    so2: Decimal | None
    no2: Decimal | None
    co_p95: Decimal | None
    o3_8h_p90: Decimal | None
    good_days: int
    good_days_ratio: Decimal | None
    heavy_days: int
    pm25_special: Decimal | None
    good_days_ratio_special: Decimal | None
    special_days_valid: int
    complete: bool
    incomplete_reasons: list[str]
    last_date: datetime.date | None
    primary_by_month: dict[int, dict[str, int]]
    days_used: int = 0
    dust_dates_excluded: list[datetime.date] = field(default_factory=list)
    o3_unrated_dates: list[datetime.date] = field(default_factory=list)


def annual_edition_for(edition: str) -> AnnualEdition:
    return ANNUAL_EDITIONS[aqi_edition(edition).annual_edition]


def special_ranges(special_periods: SpecialPeriods) -> tuple[MonthDayRange, ...]:
    if isinstance(special_periods, str):
        return parse_special_periods(special_periods)
    return tuple(special_periods)


def _ratio(part: int, whole: int, decimals: int) -> Decimal | None:
    if whole == 0:
        return None
    return round_gb8170(Decimal(part) * 100 / whole, decimals)


def _rounded(value: Decimal | None, decimals: int) -> Decimal | None:
    return None if value is None else round_gb8170(value, decimals)


def _month_span(first: int, last: int) -> str:
    return f"{first}月" if first == last else f"{first}—{last}月"


def incomplete_reasons(
    valid_dates: list[datetime.date], last_date: datetime.date | None, rules: AnnualEdition
) -> list[str]:
    """Why a year's figures are provisional (HJ 663 data completeness); empty when complete.

    Months after the last date present are summarised as one "无数据" reason instead of
    one reason per empty month.
    """
    if last_date is None:
        return ["无该年数据"]
    reasons: list[str] = []
    if len(valid_dates) < rules.min_valid_days:
        reasons.append(f"有效天数{len(valid_dates)}天，少于{rules.min_valid_days}天")
    if (last_date.month, last_date.day) != (12, 31):
        reasons.append(f"数据截至{last_date.month}月{last_date.day}日")
        if last_date.month < 12:
            reasons.append(f"{_month_span(last_date.month + 1, 12)}无数据")
    per_month = Counter(d.month for d in valid_dates)
    for month in range(1, last_date.month + 1):
        required = rules.min_february_days if month == 2 else rules.min_month_days
        if per_month[month] < required:
            reasons.append(f"{month}月有效天数{per_month[month]}天，少于{required}天")
    return reasons


def _primary_by_month(rated: list[DayAqi]) -> dict[int, dict[str, int]]:
    counts: dict[int, Counter[str]] = {}
    for day in rated:
        month_counts = counts.setdefault(day.date.month, Counter())
        month_counts.update(day.primary)
    return {month: dict(counts[month]) for month in sorted(counts)}


def annual_air(
    days: Iterable[AirDay],
    year: int,
    *,
    special_periods: SpecialPeriods = DEFAULT_SPECIAL_PERIODS,
    exclude_dust: bool = False,
    edition: str = DEFAULT_AIR_EDITION,
) -> AirYear:
    """The annual figures of `year` from daily rows; rows of other years are ignored.

    Raises ValueError when a date appears twice (run `validate_air_days` first).
    """
    rules = annual_edition_for(edition)
    ranges = special_ranges(special_periods)
    rows = sorted((d for d in days if d.date.year == year), key=lambda d: d.date)
    for earlier, later in zip(rows, rows[1:]):
        if earlier.date == later.date:
            raise ValueError(f"空气日数据日期重复：{later.date.isoformat()}")

    rated = [(row, day_aqi(row, edition)) for row in rows]
    valid = [(row, aqi) for row, aqi in rated if aqi.valid]
    dust_excluded = [row.date for row, _ in valid if exclude_dust and row.dust]
    used = [(row, aqi) for row, aqi in valid if not (exclude_dust and row.dust)]
    special = [(row, aqi) for row, aqi in used if in_special_periods(row.date, ranges)]

    figures: dict[str, Decimal | None] = {}
    for pollutant in rules.mean_pollutants:
        exact = mean([row.value(pollutant) for row, _ in used])
        figures[pollutant] = _rounded(exact, rules.decimals[pollutant])
    for pollutant, p in rules.percentiles.items():
        exact = percentile([row.value(pollutant) for row, _ in used], p)
        figures[pollutant] = _rounded(exact, rules.decimals[pollutant])

    good_days = sum(aqi.good for _, aqi in used)
    special_good = sum(aqi.good for _, aqi in special)
    last_date = rows[-1].date if rows else None
    reasons = incomplete_reasons([row.date for row, _ in valid], last_date, rules)
    return AirYear(
        year=year,
        days_total=len(rows),
        days_valid=len(valid),
        invalid_dates=[aqi.date for _, aqi in rated if not aqi.valid],
        pm25=figures["pm25"],
        pm10=figures["pm10"],
        so2=figures["so2"],
        no2=figures["no2"],
        co_p95=figures["co"],
        o3_8h_p90=figures["o3_8h"],
        good_days=good_days,
        good_days_ratio=_ratio(good_days, len(used), rules.ratio_decimals),
        heavy_days=sum(aqi.heavy for _, aqi in used),
        pm25_special=_rounded(mean([row.value("pm25") for row, _ in special]), rules.decimals["pm25"]),
        good_days_ratio_special=_ratio(special_good, len(special), rules.ratio_decimals),
        special_days_valid=len(special),
        complete=not reasons,
        incomplete_reasons=reasons,
        last_date=last_date,
        primary_by_month=_primary_by_month([aqi for _, aqi in used]),
        days_used=len(used),
        dust_dates_excluded=dust_excluded,
        o3_unrated_dates=[aqi.date for _, aqi in used if aqi.o3_unrated],
    )
