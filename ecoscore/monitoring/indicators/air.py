"""Daily air quality index by HJ 633-2012 (or another edition in tables.AQI_EDITIONS).

Pollutant keys are the AirDay field names: so2, no2, pm10, co, o3_8h, pm25 (24-h means in
µg/m³, CO in mg/m³, o3_8h the day's maximum 8-hour mean) and o3_1h (the day's maximum
1-hour value, only needed when o3_8h is above the top of its table).
"""

from __future__ import annotations

import datetime
from dataclasses import fields
from decimal import ROUND_CEILING, Decimal

from ecoscore.core.record import record
from ecoscore.monitoring.indicators.numeric import dec
from ecoscore.monitoring.indicators.tables import AQI_EDITIONS, DEFAULT_AIR_EDITION, AqiEdition


@record(frozen=True)
class AirDay:
    """One row of 空气日数据. Concentrations are Decimal or None (not measured); ints, strings
    and floats are converted to exact Decimals on construction."""

    date: datetime.date
    so2: Decimal | None
    no2: Decimal | None
    pm10: Decimal | None
    co: Decimal | None
    o3_8h: Decimal | None
    pm25: Decimal | None
    o3_1h: Decimal | None = None
    dust: bool = False

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name not in ("date", "dust"):
                object.__setattr__(self, f.name, dec(getattr(self, f.name)))

    def value(self, pollutant: str) -> Decimal | None:
        return getattr(self, pollutant)


@record(frozen=True)
class DayAqi:
    """The AQI of one day.

    `iaqi` maps pollutant → IAQI; when O3 8-h is above its table the O3 entry is under
    "o3_1h" instead of "o3_8h". `aqi` is None when the day is invalid, or when O3 8-h is
    above its table and no O3 1-h value was given (see `day_aqi`).
    """

    date: datetime.date
    iaqi: dict[str, int | None]
    aqi: int | None
    primary: tuple[str, ...]
    valid: bool
    good: bool
    heavy: bool
    o3_unrated: bool = False


def aqi_edition(edition: str) -> AqiEdition:
    try:
        return AQI_EDITIONS[edition]
    except KeyError:
        raise ValueError(f"未知的空气质量指数标准版本：{edition}") from None


def iaqi(pollutant: str, value: object, edition: str = DEFAULT_AIR_EDITION) -> int | None:
    """IAQI = (IH − IL)/(BH − BL) × (C − BL) + IL, rounded up to an integer.

    None when the value is None, or when the pollutant's table hands values above its top
    to another table (O3 8-h above 800 µg/m³ is rated by the O3 1-h table, not here).
    Above the top breakpoint otherwise: the edition's top IAQI (500).
    """
    table = aqi_edition(edition)
    try:
        curve = table.breakpoints[pollutant]
    except KeyError:
        raise ValueError(f"未知的污染物：{pollutant}") from None
    concentration = dec(value)
    if concentration is None:
        return None
    if concentration < 0:
        raise ValueError(f"{pollutant} 浓度不能为负数：{concentration}")
    for (low_c, low_i), (high_c, high_i) in zip(curve, curve[1:]):
        if concentration <= high_c:
            # multiply before dividing so a value on a breakpoint gives an exact integer
            exact = Decimal(high_i - low_i) * (concentration - low_c) / (high_c - low_c) + low_i
            return int(exact.to_integral_value(rounding=ROUND_CEILING))
    if pollutant in table.fallback_above_top:
        return None
    return table.above_top_iaqi


def day_aqi(day: AirDay, edition: str = DEFAULT_AIR_EDITION) -> DayAqi:
    """AQI, primary pollutants and good/heavy status of one day.

    A day is valid when all six pollutants are present (O3 1-h is not required).
    AQI = max IAQI; the primary pollutants are those with that IAQI when AQI > 50.

    O3 8-h above 800 µg/m³ is rated with the day's O3 1-h value by the 1-h table. Without
    an O3 1-h value the O3 IAQI cannot be rated: iaqi["o3_1h"] is None, `aqi` is None and
    `o3_unrated` is True. Such a day stays valid (its O3 8-h value still enters the annual
    90th percentile), counts as a heavy-pollution day and not as a good day, because O3 8-h
    above 800 already lies above the IAQI 300 breakpoint of the 8-h table; O3 (as "o3_1h")
    is recorded as its primary pollutant.
    """
    table = aqi_edition(edition)
    ratings: dict[str, int | None] = {}
    o3_unrated = False
    for pollutant in table.pollutants:
        rating = iaqi(pollutant, day.value(pollutant), edition)
        replacement = table.fallback_above_top.get(pollutant)
        if rating is None and replacement is not None and day.value(pollutant) is not None:
            rating = iaqi(replacement, day.value(replacement), edition)
            o3_unrated = rating is None
            pollutant = replacement
        ratings[pollutant] = rating

    valid = all(day.value(p) is not None for p in table.pollutants)
    if not valid:
        return DayAqi(day.date, ratings, None, (), False, False, False)
    if o3_unrated:
        unrated = next(p for p, r in ratings.items() if r is None)
        return DayAqi(day.date, ratings, None, (unrated,), True, False, True, o3_unrated=True)

    aqi = max(r for r in ratings.values() if r is not None)
    primary = tuple(p for p, r in ratings.items() if r == aqi) if aqi > table.primary_above else ()
    return DayAqi(
        date=day.date,
        iaqi=ratings,
        aqi=aqi,
        primary=primary,
        valid=True,
        good=aqi <= table.good_max,
        heavy=aqi > table.heavy_above,
    )
