"""Two-year views of the air data: the assessment year and the previous one, and the mid-year
projection. (Which rubric field holds which figure is the bridge's business: `monitoring.bridge`.)"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from collections.abc import Iterable

from ecoscore.core.record import record
from ecoscore.monitoring.indicators.air import AirDay
from ecoscore.monitoring.indicators.air_annual import AirYear, SpecialPeriods, annual_air, special_ranges
from ecoscore.monitoring.indicators.tables import DEFAULT_AIR_EDITION, DEFAULT_SPECIAL_PERIODS


def split_air_years(
    days: Iterable[AirDay],
    year: int,
    *,
    special_periods: SpecialPeriods = DEFAULT_SPECIAL_PERIODS,
    exclude_dust: bool = False,
    edition: str = DEFAULT_AIR_EDITION,
) -> tuple[AirYear, AirYear | None]:
    """Annual figures of the assessment `year` and of `year − 1` from rows of both years
    mixed. The previous year is None when no row of it is present; rows of other years
    are ignored."""
    rows = list(days)
    ranges = special_ranges(special_periods)
    options = dict(special_periods=ranges, exclude_dust=exclude_dust, edition=edition)
    current = annual_air(rows, year, **options)
    has_previous = any(row.date.year == year - 1 for row in rows)
    previous = annual_air(rows, year - 1, **options) if has_previous else None
    return current, previous


@record(frozen=True)
class MidYearAir:
    """The assessment year "截至 as_of" and, when the data stop before year end and the
    previous year's rows cover later month-days, a 预测 completing it with those rows."""

    as_of: datetime.date | None
    current: AirYear
    projection: AirYear | None
    borrowed_days: int

    @property
    def partial(self) -> bool:
        return self.as_of is None or (self.as_of.month, self.as_of.day) != (12, 31)


def _same_day_of_year(row: AirDay, year: int) -> AirDay | None:
    """The row moved to `year` (same month-day); None for 02-29 into a common year."""
    if row.date.month == 2 and row.date.day == 29 and not calendar.isleap(year):
        return None
    return dataclasses.replace(row, date=row.date.replace(year=year))


def mid_year_air(
    days: Iterable[AirDay],
    year: int,
    *,
    special_periods: SpecialPeriods = DEFAULT_SPECIAL_PERIODS,
    exclude_dust: bool = False,
    edition: str = DEFAULT_AIR_EDITION,
) -> MidYearAir:
    """Figures of `year` as of its last date present, and the projection.

    The projection takes this year's rows up to the last date and, for every later
    month-day, the previous year's row of the same month-day (02-29 of a leap previous
    year is dropped in a common year; a leap current year gets no 02-29 from a common
    previous year). It is made whenever at least one such row exists; its own
    `complete`/`incomplete_reasons` say whether the borrowed days are enough. Gaps before
    the last date are not filled.
    """
    rows = list(days)
    ranges = special_ranges(special_periods)
    options = dict(special_periods=ranges, exclude_dust=exclude_dust, edition=edition)
    current = annual_air(rows, year, **options)
    last = current.last_date
    if last is None:
        return MidYearAir(None, current, None, 0)

    borrowed = []
    for row in rows:
        if row.date.year == year - 1 and (row.date.month, row.date.day) > (last.month, last.day):
            moved = _same_day_of_year(row, year)
            if moved is not None:
                borrowed.append(moved)
    if not borrowed:
        return MidYearAir(last, current, None, 0)
    own = [row for row in rows if row.date.year == year]
    projection = annual_air(own + borrowed, year, **options)
    return MidYearAir(last, current, projection, len(borrowed))
