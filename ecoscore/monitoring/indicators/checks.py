"""Input checks for the monitoring data. They return problems as data, never raise: the
workbook and JSON readers turn each into a located error.

A problem is (row_index, column_key, value, Chinese message); row_index is the 0-based
position in the list passed in, column_key an AIR_HEADERS / WATER_SAMPLE_HEADERS /
WATER_PARAM_HEADERS key.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from ecoscore.monitoring.headers import AIR_HEADERS, WATER_PARAM_HEADERS
from ecoscore.monitoring.indicators.air import AirDay
from ecoscore.monitoring.indicators.tables import AIR_PLAUSIBLE_MAX, PH_PLAUSIBLE_RANGE
from ecoscore.monitoring.indicators.water import WaterSample


class DataProblem(NamedTuple):
    row: int
    column: str
    value: object
    message: str


def validate_air_days(days: Sequence[AirDay], year: int) -> list[DataProblem]:
    """Dates outside the assessment year and the previous one, duplicate dates (the later
    rows are flagged), negative values and values no daily mean can reach."""
    problems: list[DataProblem] = []
    seen: set[datetime.date] = set()
    for index, day in enumerate(days):
        if day.date.year not in (year - 1, year):
            problems.append(
                DataProblem(index, "date", day.date, f"日期 {day.date.isoformat()} 不在{year - 1}—{year}年内")
            )
        if day.date in seen:
            problems.append(
                DataProblem(index, "date", day.date, f"日期 {day.date.isoformat()} 重复，前面已有这一天的数据")
            )
        seen.add(day.date)
        for key, ceiling in AIR_PLAUSIBLE_MAX.items():
            value = day.value(key)
            if value is None:
                continue
            header = AIR_HEADERS[key]
            if value < 0:
                problems.append(DataProblem(index, key, value, f"{header} 浓度不能为负数"))
            elif value > ceiling:
                unit = "mg/m³" if key == "co" else "μg/m³"
                problems.append(
                    DataProblem(
                        index, key, value, f"{header} {value} 超过 {ceiling} {unit}，不可能是实测值，请核对数值和单位"
                    )
                )
    return problems


def _check_water_value(index: int, key: str, value: Decimal) -> DataProblem | None:
    header = WATER_PARAM_HEADERS[key]
    if key == "ph":
        low, high = PH_PLAUSIBLE_RANGE
        if not low <= value <= high:
            return DataProblem(index, key, value, f"pH {value} 不在{low}—{high}之间")
        return None
    if value < 0:
        return DataProblem(index, key, value, f"{header} 不能为负数")
    if key == "do" and value == 0:
        return DataProblem(index, key, value, "溶解氧为0：无法计算CWQI，请核对")
    return None


def validate_water_samples(samples: Sequence[WaterSample], year: int | None = None) -> list[DataProblem]:
    """Blank section names, dates outside `year` (when given), unknown parameters, negative
    values, pH outside 0–14, DO of 0 (the CWQI divides by it), the same section sampled
    twice on one date (it would weigh double in the mean) and a section marked 湖库 on
    some rows but not others."""
    problems: list[DataProblem] = []
    seen: set[tuple[str, datetime.date]] = set()
    lake_flag: dict[str, bool] = {}
    for index, sample in enumerate(samples):
        name = sample.section.strip()
        if not name:
            problems.append(DataProblem(index, "section", sample.section, "断面名称为空"))
        if year is not None and sample.date.year != year:
            problems.append(
                DataProblem(index, "date", sample.date, f"采样日期 {sample.date.isoformat()} 不在{year}年内")
            )
        if (name, sample.date) in seen:
            problems.append(
                DataProblem(index, "date", sample.date, f"断面“{name}”{sample.date.isoformat()} 的采样重复")
            )
        seen.add((name, sample.date))
        if lake_flag.setdefault(name, sample.lake) != sample.lake:
            problems.append(DataProblem(index, "lake", sample.lake, f"断面“{name}”的湖库标记前后不一致"))
        for key, value in sample.values.items():
            if key not in WATER_PARAM_HEADERS:
                problems.append(DataProblem(index, key, value, f"未知的水质参数：{key}"))
                continue
            problem = _check_water_value(index, key, value)
            if problem is not None:
                problems.append(problem)
    return problems
