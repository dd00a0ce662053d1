"""What one input value is (`Field`), and the water-section row every edition shares.

A `Field` says what one input value is: its public key, type, Chinese label, unit,
default, whether it may be blank, its valid range — and what it means: its `role` (an
item's answer, a shared monitored figure, a target, a city-wide figure), the `measure` it
is a figure of and the `period` it covers (this year, last year, a named calendar year).
Carry-over, the template and the monitoring bridge ask these; no code parses a key string.
An edition (`ecoscore.rubric.Rubric`) assembles its fields into the one catalogue.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from ecoscore.core.record import record


class Role(StrEnum):
    ANSWER = "answer"  # what the county reports for one item (on that item's sheet)
    FIGURE = "figure"  # a monitored figure several items read (air quality)
    TARGET = "target"  # a target set by the city: pre-filled, kept from year to year
    CITY = "city"  # a city-wide figure the county is compared with


class Period(StrEnum):
    NONE = ""  # not a figure of a period (a yes/no answer, a count of cases…)
    CURRENT = "current"  # the year assessed
    PREVIOUS = "previous"  # the year before it
    YEAR = "year"  # a named calendar year (`Field.year`), e.g. a base year of an average


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


class Op(StrEnum):
    IS = "is"  # the field holds `value` (是 → True, 否 → False, an enum choice…)
    GT = "gt"  # the field is greater than `value`, or than the `other` field
    LT = "lt"  # the field is less than `value`, or than the `other` field
    FILLED = "filled"  # the field is not blank


@record(frozen=True, eq=False)  # one object per declaration (see `Field`)
class Condition:
    """When a conditional field is required (docs/spec/decisions.md#d7 (第 2 版)): data, not code — the engine asks
    `holds`, the template and `explain` show `text`.

    `holds` is None while it cannot be decided (a field it compares is blank): that blank field
    is then itself missing data, so the conditional one is not listed as well.
    """

    key: str
    op: Op
    value: object = None
    other: str | None = None  # compare with this field instead of `value` (GT, LT)

    def __post_init__(self) -> None:
        if self.op in (Op.GT, Op.LT) and (self.value is None) == (self.other is None):
            raise ValueError(f"condition on {self.key}: compare with a value or another field, not both")
        if self.op is Op.IS and self.value is None:
            raise ValueError(f"condition on {self.key}: IS needs a value")

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,) + ((self.other,) if self.other else ())

    def holds(self, typed: dict) -> bool | None:
        v = typed.get(self.key)
        if self.op is Op.FILLED:
            return v is not None
        if v is None:
            return None
        if self.op is Op.IS:
            return v == self.value
        bound = typed.get(self.other) if self.other else Decimal(str(self.value))
        if bound is None:
            return None
        return v > bound if self.op is Op.GT else v < bound

    def text(self, catalogue: dict) -> str:
        """In Chinese: “已制定方案”为“是”, “本年 PM2.5 年均浓度”大于“PM2.5 年均浓度目标”…"""
        label = f"“{catalogue[self.key].label}”"
        if self.op is Op.FILLED:
            return f"填写了{label}"
        if self.op is Op.IS:
            shown = (
                {True: "是", False: "否"}.get(self.value, self.value) if isinstance(self.value, bool) else self.value
            )
            return f"{label}为“{shown}”"
        than = f"“{catalogue[self.other].label}”" if self.other else str(self.value)
        return f"{label}{'大于' if self.op is Op.GT else '小于'}{than}"


@record(frozen=True, eq=False)
class Field:
    """One input value an edition declares. Compared by identity: each field is declared once and
    none is compared by value (a generated `__eq__` and `__hash__` would cost import time on every run)."""

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
    required_when: Condition | None = None  # required only when this holds (docs/spec/decisions.md#d7 (第 2 版))
    at_most: str | None = None  # must not exceed this other field (e.g. false ≤ inspected)
    note: str = ""  # a short hint for the person filling it in
    role: Role = Role.ANSWER
    measure: str = ""  # the quantity it is a figure of, shared by its current/previous/year fields
    period: Period = Period.NONE
    year: int | None = None  # the calendar year, for Period.YEAR
    # given to the county (a task amount, a target asked on the item's sheet), not changed by its
    # work this year: `scoring.recovery` never suggests changing it (docs/spec/decisions.md#dev-15-recovery)
    assigned: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.key}")
        if self.kind == "enum" and not self.choices:
            raise ValueError(f"enum field {self.key} needs choices")
        if (self.period is Period.YEAR) != (self.year is not None):
            raise ValueError(f"field {self.key}: a calendar year goes with Period.YEAR, and only with it")
        if self.period is not Period.NONE and not self.measure:
            raise ValueError(f"field {self.key}: a figure of a period names its measure")

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


# ---- water sections table ------------------------------------------------------------------
SECTION_LEVELS = ("国考", "省考")
CLASS_NAMES = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ")  # class n is CLASS_NAMES[n - 1] (docs/spec/decisions.md#d5)

# column key → Chinese header of the 断面水质 sheet (JSON uses the keys)
SECTION_COLUMNS: dict[str, str] = {
    "name": "断面名称",
    "level": "级别",
    "target": "目标类别",
    "prev": "上年类别",
    "cur": "本年类别",
}


SECTION_KEY_PREFIX = "sections."  # a water section's column as a field code: sections.<断面名称>.<column>


def section_key(name: str, column: str) -> str:
    """The field code of one section's column (missing data, monitoring fills, diff rows)."""
    return f"{SECTION_KEY_PREFIX}{name}.{column}"


def section_of_key(key: str) -> tuple[str, str] | None:
    """(section name, column) of a `section_key`, None for any other key. The name may itself
    contain dots; the column is the part after the last one."""
    if not key.startswith(SECTION_KEY_PREFIX):
        return None
    name, dot, column = key[len(SECTION_KEY_PREFIX) :].rpartition(".")
    return (name, column) if dot and column in SECTION_COLUMNS else None


# 上年类别 of a section new this year (docs/spec 第 2 版): the dropdown text, and every spelling read
NEW_SECTION = "无（新增断面）"
NEW_SECTION_WORDS = ("无", "新增", "新增断面", NEW_SECTION)


def class_name(n: int | None) -> str:
    return "" if n is None else CLASS_NAMES[n - 1]


@record(frozen=True)
class WaterSection:
    """One monitored section; classes are 1 (Ⅰ) … 6 (劣Ⅴ).

    `prev` is None when the previous year's class is not known; `new` says the section is new
    this year (上年类别 `无`, docs/spec 第 2 版): it has no previous class, and is left out of every
    comparison with the previous year (4.3, 5.4, B.4). A blank 上年类别 is missing data instead,
    and never reaches a `WaterSection` the items score.
    """

    name: str
    level: str
    target: int
    prev: int | None
    cur: int
    new: bool = False

    def __post_init__(self) -> None:
        if self.new and self.prev is not None:
            raise ValueError(f"section {self.name}: a new section has no previous class")

    @property
    def prev_name(self) -> str:
        """上年类别 as shown: the class, 无（新增断面） for a new section, blank when unknown."""
        return NEW_SECTION if self.new else class_name(self.prev)

    @property
    def national(self) -> bool:
        return self.level == "国考"

    @property
    def meets_target(self) -> bool:
        return self.cur <= self.target

    @property
    def worsened(self) -> bool:
        return self.prev is not None and self.cur > self.prev
