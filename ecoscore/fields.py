"""Field declarations (SPEC §4) and the fields shared by several items.

A `Field` says what one input value is: its public key, type, Chinese label, unit,
default, whether it may be blank, and its valid range. Item-specific fields are declared
next to their scoring functions in `ecoscore.rubric.*`; `ecoscore.rubric.catalogue()`
assembles the one catalogue that the template writer, the readers and the engine share.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# kind → (Chinese description of what is expected, minimum, maximum, whole number)
KINDS: dict[str, tuple[str, Decimal | None, Decimal | None, bool]] = {
    "bool": ("是 或 否", None, None, False),
    "count": ("不小于 0 的整数", Decimal(0), None, True),
    "pct": ("0 至 100 之间的百分数", Decimal(0), Decimal(100), False),
    "pct+": ("不小于 0 的百分数（可超过 100）", Decimal(0), None, False),
    "spct": ("百分数（可为负数，负数表示上升/增加）", None, None, False),
    "conc": ("不小于 0 的浓度值", Decimal(0), None, False),
    "num": ("不小于 0 的数值", Decimal(0), None, False),
    "rank": ("不小于 1 的整数名次（不在名单内请留空）", Decimal(1), None, True),
    "ded": ("0 至 0.5 之间的扣分", Decimal(0), Decimal("0.5"), False),
    "enum": ("下拉选项之一", None, None, False),
    "text": ("文字", None, None, False),
}


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    label: str
    unit: str = ""
    default: object = None
    optional: bool = False
    rule: str = ""  # the sub-rule that reads it (for the template's 细则 column)
    choices: tuple[str, ...] = ()
    positive: bool = False  # must be > 0 (it divides)
    informational: bool = False  # read by no rule; shown beside the actual figures
    required_with: str | None = None  # required only when this other key is filled
    at_most: str | None = None  # must not exceed this other field (e.g. false ≤ inspected)
    note: str = ""  # a short hint for the person filling it in

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.key}")
        if self.kind == "enum" and not self.choices:
            raise ValueError(f"enum field {self.key} needs choices")

    @property
    def expected(self) -> str:
        """What a valid value looks like, in Chinese (used in error messages and prompts)."""
        if self.kind == "enum":
            return "下列之一：" + "、".join(self.choices)
        text, lo, hi, _ = KINDS[self.kind]
        if self.positive:
            text = "大于 0 的数值"
        return text

    @property
    def minimum(self) -> Decimal | None:
        return KINDS[self.kind][1]

    @property
    def maximum(self) -> Decimal | None:
        return KINDS[self.kind][2]

    @property
    def whole(self) -> bool:
        return KINDS[self.kind][3]


def F(key: str, kind: str, label: str, unit: str = "", **kw) -> Field:
    return Field(key=key, kind=kind, label=label, unit=unit, **kw)


# ---- targets (附表1, 附表2) and the city-wide figures the county is compared with -------------
TARGET_FIELDS: tuple[Field, ...] = (
    F("target.pm25_annual", "num", "PM2.5 年均浓度目标", "μg/m³", default=Decimal(32), note="附表1"),
    F("target.pm25_special", "num", "PM2.5 特护期浓度目标", "μg/m³", default=Decimal(42),
      informational=True, note="附表1，仅供对照"),
    F("target.pm10_annual", "num", "PM10 年均浓度目标", "μg/m³", default=Decimal(47),
      informational=True, note="附表1，仅供对照"),
    F("target.pm10_special", "num", "PM10 特护期浓度目标", "μg/m³", default=Decimal(56),
      informational=True, note="附表1，仅供对照"),
    F("target.good_days_ratio", "pct", "空气质量优良天数比例目标", "%", default=Decimal(95), note="附表1"),
    F("target.good_days_ratio_special", "pct", "特护期优良天数比例目标", "%", default=Decimal(90),
      informational=True, note="附表1，仅供对照"),
    F("target.heavy_days", "count", "重污染天数目标", "天", default=0, note="附表1"),
    F("target.straw_fire_points", "count", "秸秆焚烧卫星遥感监测火点目标数", "个", default=2, note="附表2"),
    F("target.sewage_collection_increase", "num", "县级城市生活污水集中收集率较2018年应提高", "个百分点",
      default=Decimal(12), note="细则8.8，县级城市取 12"),
    F("target.bod_increase", "num", "污水处理厂进水 BOD 浓度较2018年应提高", "%", optional=True,
      note="仅设市城市适用，县默认留空（不考核）"),
    F("target.phone_complaints", "count", "全年应录入电话投诉举报数量", "件", default=60, note="细则37.4"),
    F("target.special_periods", "text", "特护期起止（月-日）", "", default="01-01~02-28;11-01~12-31",
      optional=True, note="请核对当年文件；用于由日数据测算特护期指标"),
    F("target.national_ge3_count", "count", "年度要求达到或优于Ⅲ类的国考断面数", "个", note="市下达年度考核要求"),
    F("target.provincial_ge3_count", "count", "年度要求达到或优于Ⅲ类的省考断面数（含国考）", "个",
      note="市下达年度考核要求"),
)

CITY_FIELDS: tuple[Field, ...] = (
    F("city.pm25_improvement_avg", "spct", "全市 PM2.5 年均浓度平均改善幅度", "%", note="市生态环境局通报"),
    F("city.aqci_improvement_avg", "spct", "全市环境空气质量综合指数平均改善幅度", "%", note="市生态环境局通报"),
    F("city.good_days_improvement_avg", "spct", "全市优良天数比例平均改善幅度", "个百分点",
      note="市生态环境局通报"),
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
    *(F(f"air.{k}", "conc", f"本年 {label}", unit) for k, label, unit in _POLLUTANTS),
    *(F(f"air.{k}_prev", "conc", f"上年 {label}", unit, positive=True) for k, label, unit in _POLLUTANTS),
    F("air.pm25_special", "conc", "本年特护期 PM2.5 平均浓度", "μg/m³"),
    F("air.pm25_special_prev", "conc", "上年特护期 PM2.5 平均浓度", "μg/m³", positive=True),
    F("air.good_days_ratio", "pct", "本年优良天数比例", "%"),
    F("air.good_days_ratio_prev", "pct", "上年优良天数比例", "%"),
    F("air.good_days_ratio_special", "pct", "本年特护期优良天数比例", "%"),
    F("air.good_days_ratio_special_prev", "pct", "上年特护期优良天数比例", "%"),
    F("air.heavy_days", "count", "本年重污染天数", "天"),
    F("air.heavy_days_2018", "count", "2018年重污染天数", "天"),
    F("air.heavy_days_2019", "count", "2019年重污染天数", "天"),
    F("air.heavy_days_2020", "count", "2020年重污染天数", "天"),
)

SHARED_FIELDS: tuple[Field, ...] = TARGET_FIELDS + CITY_FIELDS + AIR_FIELDS

# ---- water sections table ------------------------------------------------------------------
SECTION_LEVELS = ("国考", "省考")
CLASS_NAMES = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ")  # class n is CLASS_NAMES[n - 1] (SPEC D5)

# column key → Chinese header of the 断面水质 sheet (JSON uses the keys)
SECTION_COLUMNS: dict[str, str] = {
    "name": "断面名称",
    "level": "级别",
    "target": "目标类别",
    "prev": "上年类别",
    "cur": "本年类别",
}


def class_name(n: int | None) -> str:
    return "" if n is None else CLASS_NAMES[n - 1]


@dataclass(frozen=True)
class WaterSection:
    """One monitored section; classes are 1 (Ⅰ) … 6 (劣Ⅴ), `prev` may be unknown."""

    name: str
    level: str
    target: int
    prev: int | None
    cur: int

    @property
    def national(self) -> bool:
        return self.level == "国考"

    @property
    def meets_target(self) -> bool:
        return self.cur <= self.target

    @property
    def worsened(self) -> bool:
        return self.prev is not None and self.cur > self.prev
