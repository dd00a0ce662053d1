"""The 2021 edition's figures across counties, derived when a city scores its counties in one
batch (docs/spec/decisions.md#d-batch). Pure: records in, `CityFigures` out.

- 全市平均改善幅度 (9.2, 10.2, 11.1): the arithmetic mean of the counties' own improvements
  (PM2.5 and AQCI in % by D4, the good-day ratio in percentage points), over the counties
  with both years' figures; filled rounded half-up to 2 decimals.
- 城市水质综合指数全市排名 (5.1): lowest index = 1, ties share a rank (1, 1, 3).
- 全市第1名 (B.1, B.2, with 递补): `city_first`.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from ecoscore.core.city import CityFigures, CityRules, CountyRecord, Derived
from ecoscore.core.kit import approx, num, round2
from ecoscore.core.text import listed
from ecoscore.rubric.huaihua2021.city_first import (
    FIRST_COLUMNS,
    FIRST_KEYS,
    FIRST_METHOD,
    aqci_figures,
    first_places,
    section_improvements,
    typed_first_notes,
)
from ecoscore.rubric.huaihua2021.derived import AIR_KEYS, AIR_PREV_KEYS, improvement_pct

PM25, PM25_PREV = "air.pm25", "air.pm25_prev"
GOOD, GOOD_PREV = "air.good_days_ratio", "air.good_days_ratio_prev"
CWQI, RANK = "i05.cwqi", "i05.cwqi_city_rank"
PM25_AVG, AQCI_AVG, GOOD_AVG = (
    "city.pm25_improvement_avg",
    "city.aqci_improvement_avg",
    "city.good_days_improvement_avg",
)
TOP10 = "bonus.air_top10_province"
MIN_COUNTIES = 2  # a mean or a rank over one county is no city figure

READS = (*AIR_KEYS, *AIR_PREV_KEYS, GOOD, GOOD_PREV, CWQI, RANK, PM25_AVG, AQCI_AVG, GOOD_AVG, TOP10, *FIRST_KEYS)

COLUMNS = (
    "县（市、区）",
    "本年 PM2.5（μg/m³）",
    "上年 PM2.5（μg/m³）",
    "PM2.5 改善幅度（%）",
    "本年综合指数",
    "上年综合指数",
    "综合指数改善幅度（%）",
    "本年优良天数比例（%）",
    "上年优良天数比例（%）",
    "优良天数比例改善（百分点）",
    "达到国家二级标准",
    "城市水质综合指数",
    "水质综合指数全市排名",
    *FIRST_COLUMNS,
)


def pm25_improvement(r: CountyRecord) -> Decimal | None:
    cur, prev = r.values.get(PM25), r.values.get(PM25_PREV)
    return None if cur is None or prev is None else improvement_pct(prev, cur)


def good_days_change(r: CountyRecord) -> Decimal | None:
    """The good-day ratio's improvement in percentage points: this year's − last year's."""
    cur, prev = r.values.get(GOOD), r.values.get(GOOD_PREV)
    return None if cur is None or prev is None else Decimal(cur) - Decimal(prev)


def _average(
    records: list[CountyRecord], of, what: str, unit: str, out: dict[int, dict[str, Derived]], key: str
) -> Decimal | None:
    """The mean of `of(record)` over the counties that have it, for every county of the batch."""
    have = [(r, of(r)) for r in records]
    counted = [(r, x) for r, x in have if x is not None]
    left = [r.county for r, x in have if x is None]
    if len(counted) < MIN_COUNTIES:
        return None
    mean = sum((x for _, x in counted), Decimal(0)) / len(counted)
    value = round2(mean)
    basis = (
        f"全市 {len(counted)} 个县（市、区）{what}的平均："
        + listed([f"{r.county} {approx(x)}{unit}" for r, x in counted])
        + f"；按精确值求平均为 {approx(mean, 4)}{unit}，保留两位小数为 {value}{unit}"
        + (f"；{listed(left)}缺本年或上年数值，未计入" if left else "")
    )
    for r in records:
        out.setdefault(r.index, {})[key] = Derived(value, basis)
    return value


def _water_ranks(records: list[CountyRecord], out: dict[int, dict[str, Derived]]) -> dict[int, int]:
    ranked = [r for r in records if r.values.get(CWQI) is not None]
    if len(ranked) < MIN_COUNTIES:
        return {}
    index = {r.index: Decimal(r.values[CWQI]) for r in ranked}  # type: ignore[arg-type]
    ordered = sorted(index.values())
    ranks = {i: 1 + bisect_left(ordered, x) for i, x in index.items()}  # 1 + how many are lower: ties share
    order = sorted(ranked, key=lambda r: (ranks[r.index], r.index))
    left = [r.county for r in records if r.index not in index]
    basis = (
        f"本批次 {len(ranked)} 个县（市、区）城市水质综合指数由低（好）到高排名："
        + listed([f"{r.county} {num(index[r.index])}（第{ranks[r.index]}名）" for r in order])
        + "；指数相同的名次并列"
        + (f"；{listed(left)}未填城市水质综合指数，不参与排名" if left else "")
    )
    for r in ranked:
        out.setdefault(r.index, {})[RANK] = Derived(ranks[r.index], basis)
    return ranks


def derive(records: list[CountyRecord]) -> CityFigures:
    """Every county's derived figures, the city sheet's rows and the batch's 提示."""
    out: dict[int, dict[str, Derived]] = {r.index: {} for r in records}
    aqci = {r.index: aqci_figures(r) for r in records}
    averages = (
        _average(records, pm25_improvement, "PM2.5 年均浓度改善幅度", "%", out, PM25_AVG),
        _average(records, lambda r: aqci[r.index][2], "环境空气质量综合指数改善幅度", "%", out, AQCI_AVG),
        _average(records, good_days_change, "优良天数比例改善幅度", "个百分点", out, GOOD_AVG),
    )
    ranks = _water_ranks(records, out)
    sections = {r.index: section_improvements(r) for r in records}
    firsts = first_places(records, aqci, sections, out)
    rows = []
    for r in records:
        cur, prev, better, grade2 = aqci[r.index]
        v = r.values
        rows.append(
            (
                r.county,
                v.get(PM25),
                v.get(PM25_PREV),
                pm25_improvement(r),
                cur,
                prev,
                better,
                v.get(GOOD),
                v.get(GOOD_PREV),
                good_days_change(r),
                grade2,
                v.get(CWQI),
                ranks.get(r.index),
                *sections[r.index],
                *firsts[r.index],
            )
        )
    blank = (None,) * (len(COLUMNS) - 10)
    average_row = ("全市平均", None, None, averages[0], None, None, averages[1], None, None, averages[2], *blank)
    return CityFigures(
        derived=out,
        columns=COLUMNS,
        rows=rows,
        average_row=average_row,
        method=[*METHOD, *FIRST_METHOD],
        notes=typed_first_notes(records),
    )


METHOD = (
    "全市平均改善幅度（第9、10、11项“低于全市平均改善幅度”）：取本批次各县（市、区）改善幅度的算术平均"
    "（不是各县均值的改善幅度）；PM2.5、综合指数改善幅度 =（上年 − 本年）÷ 上年 × 100%，"
    "优良天数比例改善幅度 = 本年 − 上年（百分点）；缺本年或上年数值的县不计入；按精确值平均后保留两位小数。",
    "城市水质综合指数全市排名（第5项“排名位于全市前3位”）：指数最低（最好）的为第1名，相同的名次并列（如 1、1、3）。",
)

RULES = CityRules(READS, derive)
