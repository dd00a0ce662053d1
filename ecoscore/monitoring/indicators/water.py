"""Surface-water section quality: GB 3838-2002 classes and the CWQI of the 2017
城市地表水环境质量排名技术规定（试行）.

Classes are ints 1..6 (1 = Ⅰ … 5 = Ⅴ, 6 = 劣Ⅴ). Parameter keys are those of
ecoscore.monitoring.headers.WATER_PARAM_HEADERS; values are in mg/L (pH dimensionless).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import field
from decimal import Decimal

from ecoscore.core.record import record
from ecoscore.monitoring.headers import WATER_PARAM_HEADERS
from ecoscore.monitoring.indicators.numeric import dec, mean
from ecoscore.monitoring.indicators.tables import DEFAULT_WATER_EDITION, WATER_EDITIONS, WaterEdition

WORST_CLASS = 6  # 劣Ⅴ
CLASS_III = 3  # the CWQI divides by the class Ⅲ limit
CWQI_PH_NEUTRAL = Decimal(7)  # CWQI rates pH by its distance from 7 towards the 6–9 range ends


@record(frozen=True)
class WaterSample:
    """One row of 断面监测. `values` holds the measured parameters only (blank = not measured);
    ints, strings and floats are converted to exact Decimals and None entries dropped."""

    section: str
    date: datetime.date
    values: dict[str, Decimal]
    lake: bool = False

    def __post_init__(self) -> None:
        exact = {key: dec(value) for key, value in self.values.items()}
        object.__setattr__(self, "values", {k: v for k, v in exact.items() if v is not None})


@record(frozen=True)
class SectionQuality:
    """A section's annual quality: means per parameter, their classes, the section class
    (worst parameter), the parameters at that class (定类因子) and the section CWQI."""

    name: str
    samples: int
    means: dict[str, Decimal]
    param_classes: dict[str, int]
    cls: int
    setting_params: list[str]
    cwqi: Decimal
    lake: bool = False
    dates: list[datetime.date] = field(default_factory=list)


def water_edition(edition: str) -> WaterEdition:
    try:
        return WATER_EDITIONS[edition]
    except KeyError:
        raise ValueError(f"未知的地表水标准版本：{edition}") from None


def _class_limits(param: str, lake: bool, table: WaterEdition) -> tuple[Decimal, ...]:
    if lake and param in table.lake_limits:
        return table.lake_limits[param]
    try:
        return table.limits[param]
    except KeyError:
        raise ValueError(f"未知的水质参数：{param}") from None


def parameter_class(param: str, value: object, *, lake: bool = False, edition: str = DEFAULT_WATER_EDITION) -> int:
    """GB 3838 class of one value: the best class whose limit it meets (≤ limit, DO ≥ limit);
    beyond the Ⅴ limit 劣Ⅴ (6). pH inside 6–9 is Ⅰ (1), outside 劣Ⅴ (6)."""
    table = water_edition(edition)
    concentration = dec(value)
    if concentration is None:
        raise ValueError(f"{param} 没有数值")
    if param == "ph":
        low, high = table.ph_range
        return 1 if low <= concentration <= high else WORST_CLASS
    limits = _class_limits(param, lake, table)
    at_least = param in table.at_least
    for cls, limit in enumerate(limits, start=1):
        if (concentration >= limit) if at_least else (concentration <= limit):
            return cls
    return WORST_CLASS


def section_cwqi(means: dict[str, Decimal], *, lake: bool = False, edition: str = DEFAULT_WATER_EDITION) -> Decimal:
    """CWQI = Σ over the measured parameters of C/S(Ⅲ); DO as S(Ⅲ)/C; pH as
    (7 − pH)/(7 − 6) when pH ≤ 7, else (pH − 7)/(9 − 7). Lake sections use the lake TP
    limit. Unrounded (docs/spec/decisions.md#d3: indices are compared unrounded)."""
    table = water_edition(edition)
    total = Decimal(0)
    for param, concentration in means.items():
        if param == "ph":
            low, high = table.ph_range
            if concentration <= CWQI_PH_NEUTRAL:
                total += (CWQI_PH_NEUTRAL - concentration) / (CWQI_PH_NEUTRAL - low)
            else:
                total += (concentration - CWQI_PH_NEUTRAL) / (high - CWQI_PH_NEUTRAL)
            continue
        standard = _class_limits(param, lake, table)[CLASS_III - 1]
        if param in table.at_least:
            if concentration == 0:
                raise ValueError("溶解氧为0，无法计算CWQI（溶解氧项为 标准值/实测值）")
            total += standard / concentration
        else:
            total += concentration / standard
    return total


def section_quality(
    name: str, samples: Iterable[WaterSample], *, edition: str = DEFAULT_WATER_EDITION
) -> SectionQuality:
    """Annual quality of one section from its samples: each parameter's mean over the
    samples that measured it, classed and summed into the CWQI.

    The section counts as a lake/reservoir when any of its samples is marked 湖库.
    """
    rows = list(samples)
    unknown = sorted({key for row in rows for key in row.values} - set(WATER_PARAM_HEADERS))
    if unknown:
        raise ValueError(f"断面“{name}”有未知的水质参数：{'、'.join(unknown)}")
    means: dict[str, Decimal] = {}
    for param in WATER_PARAM_HEADERS:
        measured = [row.values[param] for row in rows if param in row.values]
        if measured:
            means[param] = mean(measured)
    if not means:
        raise ValueError(f"断面“{name}”没有任何监测数值")

    lake = any(row.lake for row in rows)
    classes = {param: parameter_class(param, value, lake=lake, edition=edition) for param, value in means.items()}
    worst = max(classes.values())
    return SectionQuality(
        name=name,
        samples=len(rows),
        means=means,
        param_classes=classes,
        cls=worst,
        setting_params=[param for param, cls in classes.items() if cls == worst],
        cwqi=section_cwqi(means, lake=lake, edition=edition),
        lake=lake,
        dates=sorted(row.date for row in rows),
    )


def evaluate_sections(
    samples: Iterable[WaterSample], *, year: int | None = None, edition: str = DEFAULT_WATER_EDITION
) -> dict[str, SectionQuality]:
    """Every section's annual quality keyed by the section name (surrounding blanks removed),
    in the order sections first appear; with `year`, samples of other years are ignored."""
    by_section: dict[str, list[WaterSample]] = {}
    for sample in samples:
        if year is None or sample.date.year == year:
            by_section.setdefault(sample.section.strip(), []).append(sample)
    return {name: section_quality(name, rows, edition=edition) for name, rows in by_section.items()}


def county_cwqi(sections: Iterable[SectionQuality]) -> Decimal | None:
    """The county CWQI for rule 5.1: the mean of the given sections' CWQI (the caller passes
    the 省考 sections); unrounded; None when there are none."""
    return mean([section.cwqi for section in sections])
