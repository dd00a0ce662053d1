"""Air and water indicators computed from raw monitoring data (docs/spec/indicators.md).

Pure functions over exact Decimals: no workbook, no I/O. Standard tables live in
`tables` keyed by edition; the rubric names the editions it uses.
"""

from ecoscore.monitoring.indicators.air import AirDay, DayAqi, day_aqi, iaqi
from ecoscore.monitoring.indicators.air_annual import AirYear, annual_air, incomplete_reasons
from ecoscore.monitoring.indicators.air_years import (
    MidYearAir,
    mid_year_air,
    split_air_years,
)
from ecoscore.monitoring.indicators.checks import DataProblem, validate_air_days, validate_water_samples
from ecoscore.monitoring.indicators.numeric import mean, percentile, round_gb8170
from ecoscore.monitoring.indicators.periods import MonthDayRange, in_special_periods, parse_special_periods
from ecoscore.monitoring.indicators.tables import (
    AIR_HEADERS,
    ANNUAL_EDITIONS,
    AQI_EDITIONS,
    DEFAULT_AIR_EDITION,
    DEFAULT_SPECIAL_PERIODS,
    DEFAULT_WATER_EDITION,
    WATER_EDITIONS,
    WATER_PARAM_HEADERS,
    WATER_SAMPLE_HEADERS,
)
from ecoscore.monitoring.indicators.water import (
    SectionQuality,
    WaterSample,
    county_cwqi,
    evaluate_sections,
    parameter_class,
    section_cwqi,
    section_quality,
)

__all__ = [
    "AIR_HEADERS",
    "ANNUAL_EDITIONS",
    "AQI_EDITIONS",
    "DEFAULT_AIR_EDITION",
    "DEFAULT_SPECIAL_PERIODS",
    "DEFAULT_WATER_EDITION",
    "WATER_EDITIONS",
    "WATER_PARAM_HEADERS",
    "WATER_SAMPLE_HEADERS",
    "AirDay",
    "AirYear",
    "DataProblem",
    "DayAqi",
    "MidYearAir",
    "MonthDayRange",
    "SectionQuality",
    "WaterSample",
    "annual_air",
    "county_cwqi",
    "day_aqi",
    "evaluate_sections",
    "iaqi",
    "in_special_periods",
    "incomplete_reasons",
    "mean",
    "mid_year_air",
    "parameter_class",
    "parse_special_periods",
    "percentile",
    "round_gb8170",
    "section_cwqi",
    "section_quality",
    "split_air_years",
    "validate_air_days",
    "validate_water_samples",
]
