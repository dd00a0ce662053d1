"""The fields several items of the 2021 edition read: targets (附表1, 附表2), the city-wide
figures the county is compared with, and the monitored air figures.

Each says what it is (`role`, `measure`, `period`), so carry-over, the template and the
monitoring bridge need not read meaning out of the keys. The keys are public: never rename one.
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import Condition, Field, Op, Period, Role
from ecoscore.rubric.huaihua2021.params import HEAVY_DAYS_BASE_YEARS

CURRENT, PREVIOUS = Period.CURRENT, Period.PREVIOUS
# docs/spec/decisions.md#d7 (第 2 版): the special-period figures are read only when the annual figure misses its target (9.3, 11.2)
PM25_MISSED = Condition("air.pm25", Op.GT, other="target.pm25_annual")
GOOD_DAYS_MISSED = Condition("air.good_days_ratio", Op.LT, other="target.good_days_ratio")


def T(key: str, kind: str, label: str, unit: str = "", **kw) -> Field:
    return Field(key=key, kind=kind, label=label, unit=unit, role=Role.TARGET, **kw)


def C(key: str, kind: str, label: str, unit: str = "", **kw) -> Field:
    return Field(key=key, kind=kind, label=label, unit=unit, role=Role.CITY, **kw)


def A(key: str, measure: str, period: Period, kind: str, label: str, unit: str = "", **kw) -> Field:
    return Field(key=key, kind=kind, label=label, unit=unit, role=Role.FIGURE, measure=measure, period=period, **kw)


TARGET_FIELDS: tuple[Field, ...] = (
    T("target.pm25_annual", "num", "PM2.5 年均浓度目标", "μg/m³", default=Decimal(32), note="附表1"),
    T(
        "target.pm25_special",
        "num",
        "PM2.5 特护期浓度目标",
        "μg/m³",
        default=Decimal(42),
        informational=True,
        note="附表1，仅供对照",
    ),
    T(
        "target.pm10_annual",
        "num",
        "PM10 年均浓度目标",
        "μg/m³",
        default=Decimal(47),
        informational=True,
        note="附表1，仅供对照",
    ),
    T(
        "target.pm10_special",
        "num",
        "PM10 特护期浓度目标",
        "μg/m³",
        default=Decimal(56),
        informational=True,
        note="附表1，仅供对照",
    ),
    T("target.good_days_ratio", "pct", "空气质量优良天数比例目标", "%", default=Decimal(95), note="附表1"),
    T(
        "target.good_days_ratio_special",
        "pct",
        "特护期优良天数比例目标",
        "%",
        default=Decimal(90),
        informational=True,
        note="附表1，仅供对照",
    ),
    T("target.heavy_days", "count", "重污染天数目标", "天", default=0, note="附表1"),
    T("target.straw_fire_points", "count", "秸秆焚烧卫星遥感监测火点目标数", "个", default=2, note="附表2"),
    T(
        "target.sewage_collection_increase",
        "num",
        "县级城市生活污水集中收集率较2018年应提高",
        "个百分点",
        default=Decimal(12),
        note="细则8.8，县级城市取 12",
    ),
    T(
        "target.bod_increase",
        "num",
        "污水处理厂进水 BOD 浓度较2018年应提高",
        "%",
        optional=True,
        note="仅设市城市适用，县默认留空（不考核）",
    ),
    T("target.phone_complaints", "count", "全年应录入电话投诉举报数量", "件", default=60, note="细则37.4"),
    T(
        "target.eco_damage_cases",
        "count",
        "应办结的生态环境损害赔偿案件数（6类案件合计）",
        "件",
        default=2,
        note="细则36.3；以市直相关单位下达任务为准",
    ),
    T(
        "target.special_periods",
        "text",
        "特护期起止（月-日）",
        "",
        default="01-01~02-28;11-01~12-31",
        optional=True,
        note="请核对当年文件；用于由日数据测算特护期指标",
        measure="special_periods",
    ),
    T("target.national_ge3_count", "count", "年度要求达到或优于Ⅲ类的国考断面数", "个", note="市下达年度考核要求"),
    T(
        "target.provincial_ge3_count",
        "count",
        "年度要求达到或优于Ⅲ类的省考断面数（含国考）",
        "个",
        note="市下达年度考核要求",
    ),
)

CITY_FIELDS: tuple[Field, ...] = (
    C("city.pm25_improvement_avg", "spct", "全市 PM2.5 年均浓度平均改善幅度", "%", note="市生态环境局通报"),
    C("city.aqci_improvement_avg", "spct", "全市环境空气质量综合指数平均改善幅度", "%", note="市生态环境局通报"),
    C("city.good_days_improvement_avg", "spct", "全市优良天数比例平均改善幅度", "个百分点", note="市生态环境局通报"),
)

_POLLUTANTS = (
    ("pm25", "PM2.5 年均浓度", "μg/m³"),
    ("pm10", "PM10 年均浓度", "μg/m³"),
    ("so2", "SO2 年均浓度", "μg/m³"),
    ("no2", "NO2 年均浓度", "μg/m³"),
    ("co_p95", "CO 日均值第95百分位数", "mg/m³"),
    ("o3_8h_p90", "O3 日最大8小时平均第90百分位数", "μg/m³"),
)

AIR_FIELDS: tuple[Field, ...] = (
    *(A(f"air.{k}", k, CURRENT, "conc", f"本年 {label}", unit) for k, label, unit in _POLLUTANTS),
    *(A(f"air.{k}_prev", k, PREVIOUS, "conc", f"上年 {label}", unit, positive=True) for k, label, unit in _POLLUTANTS),
    A(
        "air.pm25_special",
        "pm25_special",
        CURRENT,
        "conc",
        "本年特护期 PM2.5 平均浓度",
        "μg/m³",
        required_when=PM25_MISSED,
    ),
    A(
        "air.pm25_special_prev",
        "pm25_special",
        PREVIOUS,
        "conc",
        "上年特护期 PM2.5 平均浓度",
        "μg/m³",
        positive=True,
        required_when=PM25_MISSED,
    ),
    A("air.good_days_ratio", "good_days_ratio", CURRENT, "pct", "本年优良天数比例", "%"),
    A("air.good_days_ratio_prev", "good_days_ratio", PREVIOUS, "pct", "上年优良天数比例", "%"),
    A(
        "air.good_days_ratio_special",
        "good_days_ratio_special",
        CURRENT,
        "pct",
        "本年特护期优良天数比例",
        "%",
        required_when=GOOD_DAYS_MISSED,
    ),
    A(
        "air.good_days_ratio_special_prev",
        "good_days_ratio_special",
        PREVIOUS,
        "pct",
        "上年特护期优良天数比例",
        "%",
        required_when=GOOD_DAYS_MISSED,
    ),
    A("air.heavy_days", "heavy_days", CURRENT, "count", "本年重污染天数", "天"),
    *(
        A(f"air.heavy_days_{y}", "heavy_days", Period.YEAR, "count", f"{y}年重污染天数", "天", year=y)
        for y in HEAVY_DAYS_BASE_YEARS
    ),
)

SHARED_FIELDS: tuple[Field, ...] = TARGET_FIELDS + CITY_FIELDS + AIR_FIELDS
