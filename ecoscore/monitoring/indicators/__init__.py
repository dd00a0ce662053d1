"""Air and water indicators computed from raw monitoring data (docs/spec/indicators.md).

Pure functions over exact Decimals: no workbook, no I/O. Standard tables live in
`tables` keyed by edition, the data sheets' column headers in `ecoscore.monitoring.headers`; the rubric names
the editions it uses.

Each name is loaded from its module when first asked for (PEP 562): a workbook without
monitoring data is scored without loading the air and water tables, AQI and CWQI code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecoscore.core.lazy import lazy_exports

_MODULE_OF = {
    **dict.fromkeys(("AirDay", "DayAqi", "day_aqi", "iaqi"), ".air"),
    **dict.fromkeys(("AirYear", "annual_air", "incomplete_reasons"), ".air_annual"),
    **dict.fromkeys(("MidYearAir", "mid_year_air", "split_air_years"), ".air_years"),
    **dict.fromkeys(("DataProblem", "validate_air_days", "validate_water_samples"), ".checks"),
    **dict.fromkeys(("mean", "percentile", "round_gb8170"), ".numeric"),
    **dict.fromkeys(("MonthDayRange", "in_special_periods", "parse_special_periods"), ".periods"),
    **dict.fromkeys(("AIR_HEADERS", "WATER_PARAM_HEADERS", "WATER_SAMPLE_HEADERS"), "ecoscore.monitoring.headers"),
    **dict.fromkeys(
        (
            "ANNUAL_EDITIONS",
            "AQI_EDITIONS",
            "DEFAULT_AIR_EDITION",
            "DEFAULT_SPECIAL_PERIODS",
            "DEFAULT_WATER_EDITION",
            "WATER_EDITIONS",
        ),
        ".tables",
    ),
    **dict.fromkeys(
        (
            "SectionQuality",
            "WaterSample",
            "county_cwqi",
            "evaluate_sections",
            "parameter_class",
            "section_cwqi",
            "section_quality",
        ),
        ".water",
    ),
}

if TYPE_CHECKING:  # for type checkers and readers: the names, as if imported eagerly
    from ecoscore.monitoring.headers import AIR_HEADERS, WATER_PARAM_HEADERS, WATER_SAMPLE_HEADERS
    from ecoscore.monitoring.indicators.air import AirDay, DayAqi, day_aqi, iaqi
    from ecoscore.monitoring.indicators.air_annual import AirYear, annual_air, incomplete_reasons
    from ecoscore.monitoring.indicators.air_years import MidYearAir, mid_year_air, split_air_years
    from ecoscore.monitoring.indicators.checks import DataProblem, validate_air_days, validate_water_samples
    from ecoscore.monitoring.indicators.numeric import mean, percentile, round_gb8170
    from ecoscore.monitoring.indicators.periods import MonthDayRange, in_special_periods, parse_special_periods
    from ecoscore.monitoring.indicators.tables import (
        ANNUAL_EDITIONS,
        AQI_EDITIONS,
        DEFAULT_AIR_EDITION,
        DEFAULT_SPECIAL_PERIODS,
        DEFAULT_WATER_EDITION,
        WATER_EDITIONS,
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


__getattr__, __dir__ = lazy_exports(__name__, _MODULE_OF)

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
