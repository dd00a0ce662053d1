"""The 2021 edition: 《怀化市生态环境保护工作考核细则》 as 中方县's responsibility list states it.

One module per section (or group of items), each declaring its items with `@item(...)`;
`params` holds the edition's facts and policy figures, `shared_fields` the fields several
items read. `RUBRIC` is the edition; later editions derive from it.
"""

from __future__ import annotations

from ecoscore.rubric.declare import items_of
from ecoscore.rubric.edition import Rubric
from ecoscore.rubric.huaihua2021 import (
    bonus,
    derived,
    params,
    penalty,
    s01_ideology,
    s02_air,
    s02_air_days,
    s02_air_tasks,
    s02_soil_rural,
    s02_summer,
    s02_water,
    s02_water_tasks,
    s03_s04,
    s05_carbon,
    s06_green,
    s07_enforcement,
    s08_s09,
    s10_participation,
    s10_system,
    s11_capacity,
)
from ecoscore.rubric.huaihua2021.methods import METHODS
from ecoscore.rubric.huaihua2021.shared_fields import AIR_FIELDS, CITY_FIELDS, TARGET_FIELDS


def _rubric_order(item_id: str) -> tuple[int, str]:
    return (int(item_id), "") if item_id.isdigit() else (1000 + "BP".index(item_id), item_id)


_ITEMS = items_of(
    s01_ideology,
    s02_water,
    s02_water_tasks,
    s02_air,
    s02_air_days,
    s02_air_tasks,
    s02_soil_rural,
    s02_summer,
    s03_s04,
    s05_carbon,
    s06_green,
    s07_enforcement,
    s08_s09,
    s10_system,
    s10_participation,
    s11_capacity,
    bonus,
    penalty,
)

RUBRIC = Rubric(
    id=params.ID,
    title=params.TITLE,
    region=params.REGION,
    year=params.YEAR,
    source_county=params.SOURCE_COUNTY,
    sections=params.SECTIONS,
    items=tuple(sorted(_ITEMS, key=lambda it: _rubric_order(it.id))),
    shared_fields=TARGET_FIELDS + CITY_FIELDS + AIR_FIELDS,
    params=params.PARAMS,
    derived_figures=derived.figures,
    city_module="ecoscore.rubric.huaihua2021.city",
    methods=METHODS,
)
