"""Standard tables as data, keyed by edition, plus plausibility bounds for the input checks
(the column headers of the data sheets are in `ecoscore.monitoring.headers`).

Logic lives in air*.py and water.py and only reads these tables, so a revised edition
(GB 3095-2026 / HJ 633-2026 / HJ 663-2026, in force from 2026-03-01) is one more entry
here and a different edition name passed by the rubric.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from ecoscore.core.record import record

DEFAULT_AIR_EDITION = "HJ633-2012"
DEFAULT_WATER_EDITION = "GB3838-2002"
DEFAULT_SPECIAL_PERIODS = "01-01~02-28;11-01~12-31"


def _curve(concentrations: tuple[str, ...], levels: tuple[int, ...]) -> tuple[tuple[Decimal, int], ...]:
    """Breakpoints as (concentration, IAQI) pairs; a short table uses the first levels only."""
    return tuple((Decimal(c), level) for c, level in zip(concentrations, levels))


@record(frozen=True)
class AqiEdition:
    """Daily AQI rules (HJ 633). Pollutant keys are the AirDay field names."""

    name: str
    pollutants: tuple[str, ...]  # the six that make a day valid
    breakpoints: Mapping[str, tuple[tuple[Decimal, int], ...]]
    above_top_iaqi: int  # IAQI above the top breakpoint
    fallback_above_top: Mapping[str, str]  # o3_8h above its top → rate o3_1h instead
    primary_above: int  # primary pollutant only when AQI > this
    good_max: int  # 优良天: AQI ≤ this
    heavy_above: int  # 重污染天: AQI > this
    annual_edition: str  # the HJ 663 edition that goes with it


@record(frozen=True)
class AnnualEdition:
    """Annual evaluation rules (HJ 663): statistics, rounding and data completeness."""

    name: str
    mean_pollutants: tuple[str, ...]
    percentiles: Mapping[str, int]  # pollutant → percentile p
    decimals: Mapping[str, int]  # pollutant → decimals of the reported figure
    ratio_decimals: int  # good-days ratio in %
    min_valid_days: int
    min_month_days: int
    min_february_days: int


_IAQI_LEVELS_2012 = (0, 50, 100, 150, 200, 300, 400, 500)

AQI_EDITIONS: Mapping[str, AqiEdition] = MappingProxyType(
    {
        "HJ633-2012": AqiEdition(
            name="HJ633-2012",
            pollutants=("so2", "no2", "pm10", "co", "o3_8h", "pm25"),
            breakpoints=MappingProxyType(
                {
                    "so2": _curve(("0", "50", "150", "475", "800", "1600", "2100", "2620"), _IAQI_LEVELS_2012),
                    "no2": _curve(("0", "40", "80", "180", "280", "565", "750", "940"), _IAQI_LEVELS_2012),
                    "pm10": _curve(("0", "50", "150", "250", "350", "420", "500", "600"), _IAQI_LEVELS_2012),
                    "co": _curve(("0", "2", "4", "14", "24", "36", "48", "60"), _IAQI_LEVELS_2012),
                    "pm25": _curve(("0", "35", "75", "115", "150", "250", "350", "500"), _IAQI_LEVELS_2012),
                    # O3 8-h stops at IAQI 300 (800 µg/m³); above it the 1-h table applies.
                    "o3_8h": _curve(("0", "100", "160", "215", "265", "800"), _IAQI_LEVELS_2012),
                    "o3_1h": _curve(("0", "160", "200", "300", "400", "800", "1000", "1200"), _IAQI_LEVELS_2012),
                }
            ),
            above_top_iaqi=500,
            fallback_above_top=MappingProxyType({"o3_8h": "o3_1h"}),
            primary_above=50,
            good_max=100,
            heavy_above=200,
            annual_edition="HJ663-2013",
        ),
    }
)

ANNUAL_EDITIONS: Mapping[str, AnnualEdition] = MappingProxyType(
    {
        "HJ663-2013": AnnualEdition(
            name="HJ663-2013",
            mean_pollutants=("so2", "no2", "pm10", "pm25"),
            percentiles=MappingProxyType({"co": 95, "o3_8h": 90}),
            decimals=MappingProxyType({"so2": 0, "no2": 0, "pm10": 0, "pm25": 0, "co": 1, "o3_8h": 0}),
            ratio_decimals=1,
            min_valid_days=324,
            min_month_days=27,
            min_february_days=25,
        ),
    }
)


@record(frozen=True)
class WaterEdition:
    """Surface-water class limits (GB 3838 Table 1), classes Ⅰ…Ⅴ; above Ⅴ is 劣Ⅴ."""

    name: str
    limits: Mapping[str, tuple[Decimal, ...]]  # river limits, five per parameter, mg/L
    lake_limits: Mapping[str, tuple[Decimal, ...]]  # overrides for lakes and reservoirs
    at_least: frozenset[str]  # a value must be ≥ the limit (DO)
    ph_range: tuple[Decimal, Decimal]  # inside → Ⅰ, outside → 劣Ⅴ


def _limits(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


WATER_EDITIONS: Mapping[str, WaterEdition] = MappingProxyType(
    {
        "GB3838-2002": WaterEdition(
            name="GB3838-2002",
            limits=MappingProxyType(
                {
                    "do": _limits("7.5", "6", "5", "3", "2"),
                    "codmn": _limits("2", "4", "6", "10", "15"),
                    "cod": _limits("15", "15", "20", "30", "40"),
                    "bod5": _limits("3", "3", "4", "6", "10"),
                    "nh3n": _limits("0.15", "0.5", "1.0", "1.5", "2.0"),
                    "tp": _limits("0.02", "0.1", "0.2", "0.3", "0.4"),
                    "cu": _limits("0.01", "1.0", "1.0", "1.0", "1.0"),
                    "zn": _limits("0.05", "1.0", "1.0", "2.0", "2.0"),
                    "f": _limits("1.0", "1.0", "1.0", "1.5", "1.5"),
                    "se": _limits("0.01", "0.01", "0.01", "0.02", "0.02"),
                    "as": _limits("0.05", "0.05", "0.05", "0.1", "0.1"),
                    "hg": _limits("0.00005", "0.00005", "0.0001", "0.001", "0.001"),
                    "cd": _limits("0.001", "0.005", "0.005", "0.005", "0.01"),
                    "cr6": _limits("0.01", "0.05", "0.05", "0.05", "0.1"),
                    "pb": _limits("0.01", "0.01", "0.05", "0.05", "0.1"),
                    "cn": _limits("0.005", "0.05", "0.2", "0.2", "0.2"),
                    "phenol": _limits("0.002", "0.002", "0.005", "0.01", "0.1"),
                    "petroleum": _limits("0.05", "0.05", "0.05", "0.5", "1.0"),
                    "las": _limits("0.2", "0.2", "0.2", "0.3", "0.3"),
                    "sulfide": _limits("0.05", "0.1", "0.2", "0.5", "1.0"),
                }
            ),
            lake_limits=MappingProxyType({"tp": _limits("0.01", "0.025", "0.05", "0.1", "0.2")}),
            at_least=frozenset({"do"}),
            ph_range=(Decimal(6), Decimal(9)),
        ),
    }
)

# ---- plausibility bounds for input checks (not part of any standard) ------------------------
# A daily value above these is a typing or unit error, not air; µg/m³, CO mg/m³.
AIR_PLAUSIBLE_MAX: Mapping[str, Decimal] = MappingProxyType(
    {
        "so2": Decimal(5000),
        "no2": Decimal(2000),
        "pm10": Decimal(10000),  # dust storms reach several thousand
        "co": Decimal(150),
        "o3_8h": Decimal(1500),
        "pm25": Decimal(1000),
        "o3_1h": Decimal(2000),
    }
)
PH_PLAUSIBLE_RANGE = (Decimal(0), Decimal(14))
