"""Special periods (特护期): month-day ranges such as `01-01~02-28;11-01~12-31`, applied to
any year alike."""

from __future__ import annotations

import calendar
import datetime
import re

from ecoscore.core.record import record

_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_RANGE_SEPARATORS = re.compile(r"[~～]")
_LIST_SEPARATORS = re.compile(r"[;；,，\n]")


@record(frozen=True)
class MonthDayRange:
    """From `start` to `end` inclusive, as (month, day); never wraps past 12-31."""

    start: tuple[int, int]
    end: tuple[int, int]

    def contains(self, day: datetime.date) -> bool:
        end = self.end
        # a range ending on 02-28 means "to the end of February": 02-29 too in a leap year
        if end == (2, 28) and calendar.isleap(day.year):
            end = (2, 29)
        return self.start <= (day.month, day.day) <= end

    def __str__(self) -> str:
        return f"{self.start[0]:02d}-{self.start[1]:02d}~{self.end[0]:02d}-{self.end[1]:02d}"


def _month_day(text: str, whole: str) -> tuple[int, int]:
    match = _MONTH_DAY.match(text.strip())
    if not match:
        raise ValueError(f"特护期“{whole}”格式不对：日期应写成 月-日，例如 01-01~02-28;11-01~12-31")
    month, day = int(match.group(1)), int(match.group(2))
    # 2000 is a leap year, so 02-29 is accepted as a month-day
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise ValueError(f"特护期“{whole}”中的日期 {text.strip()} 不存在")
    return month, day


def parse_special_periods(text: str) -> tuple[MonthDayRange, ...]:
    """Parse `MM-DD~MM-DD;MM-DD~MM-DD…` (full-width ～ and ；, commas and new lines accepted).

    Ranges may not wrap past the year end: write 11-01~12-31;01-01~02-28, not 11-01~02-28.
    Raises ValueError with a Chinese message for anything malformed or empty.
    """
    ranges: list[MonthDayRange] = []
    for part in _LIST_SEPARATORS.split(text or ""):
        part = part.strip()
        if not part:
            continue
        ends = _RANGE_SEPARATORS.split(part)
        if len(ends) != 2:
            raise ValueError(f"特护期“{part}”格式不对：应写成 起始月-日~结束月-日，例如 11-01~12-31")
        start, end = _month_day(ends[0], part), _month_day(ends[1], part)
        if start > end:
            raise ValueError(
                f"特护期“{part}”起始日期晚于结束日期；跨年的时段请拆成两段，"
                f"例如 {start[0]:02d}-{start[1]:02d}~12-31;01-01~{end[0]:02d}-{end[1]:02d}"
            )
        ranges.append(MonthDayRange(start, end))
    if not ranges:
        raise ValueError("特护期为空：请填写时段，例如 01-01~02-28;11-01~12-31")
    return tuple(ranges)


def in_special_periods(day: datetime.date, periods: tuple[MonthDayRange, ...]) -> bool:
    return any(period.contains(day) for period in periods)
