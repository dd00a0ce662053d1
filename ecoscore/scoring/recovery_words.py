"""The inputs `scoring.recovery` varies (`Knob`: a field, or a water section's 本年类别) and the
Chinese sentences that say what changing one recovers (docs/spec/decisions.md#dev-15-recovery)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from unicodedata import east_asian_width

from ecoscore.core.fields import WaterSection, class_name
from ecoscore.core.kit import num, pts
from ecoscore.core.record import record

PERCENT_UNITS = ("%", "个百分点")


@record(frozen=True)
class Knob:
    """One input varied alone: its current value, valid range and how to set it."""

    key: str
    label: str
    kind: str  # the field's kind; "class" for a water section's class (1 = Ⅰ … 6 = 劣Ⅴ)
    unit: str
    value: object
    lo: Decimal | None
    hi: Decimal | None
    whole: bool
    choices: tuple[str, ...]
    put: Callable[[object, dict, tuple[WaterSection, ...]], tuple[dict, tuple[WaterSection, ...]]]


@record(frozen=True)
class Search:
    """What moving one numeric input in one direction gives."""

    direction: int  # −1 down, +1 up
    points: Decimal  # the most it recovers
    full: Decimal  # the nearest value recovering that much
    rate: Decimal | None  # points one natural unit recovers from the current value (None: the bound is nearer)
    start: Decimal | None  # when one unit gives nothing: the last value that still gives nothing
    all_at_once: bool = False  # the first value that recovers anything recovers all of `points`


def section_knob(i: int, section: WaterSection) -> Knob:
    def put(value, typed: dict, sections: tuple[WaterSection, ...]):
        changed = list(sections)
        changed[i] = replace(section, cur=int(value))
        return typed, tuple(changed)

    label = f"断面“{section.name}”本年类别"
    return Knob(f"sections[{i}].cur", label, "class", "", section.cur, Decimal(1), Decimal(6), True, (), put)


def shown(knob: Knob, value: object) -> str:
    """A value as the county reads it: 32 μg/m³, 95%, 3 起, 是, Ⅲ类."""
    if knob.kind == "class":
        return f"{class_name(int(value))}类"  # type: ignore[call-overload]
    if knob.kind == "bool":
        return "是" if value else "否"
    if knob.kind == "enum":
        return str(value)
    if knob.unit == "%":
        return f"{num(value)}%"
    return f"{num(value)} {knob.unit}" if knob.unit else num(value)


def bool_text(knob: Knob, points: Decimal) -> str:
    return f"如{'未发生' if knob.value else '已完成'}，可挽回 {pts(points)} 分"


def choice_text(gains: list[tuple[Decimal, str]]) -> str:
    return "；".join(f"如为“{choice}”，可挽回 {pts(g)} 分" for g, choice in gains[:3])


def _one(knob: Knob) -> str:
    """One natural unit of the input: 1 μg/m³, 1 个百分点, 1 起."""
    if knob.unit in PERCENT_UNITS:
        return "1 个百分点"
    return f"1 {knob.unit}" if knob.unit else "1"


def _then(text: str, more: str) -> str:
    """`more` after `text`, a space between them unless `text` ends in a Chinese character."""
    return text + more if east_asian_width(text[-1]) in "WF" else f"{text} {more}"


def step_text(knob: Knob, s: Search) -> str:
    """每下降 1 μg/m³ 挽回 0.50 分，降至 32 μg/m³ 可挽回 2.00 分; 降至 5 起以下才开始挽回，…"""
    down = s.direction < 0
    to = shown(knob, s.full)
    if knob.kind == "class":
        each, reach = "每提升一类", f"提升至 {to}"
        than = "优于"
    else:
        if knob.kind == "rank":
            each, verb, than = (
                f"名次每{'减小' if down else '增大'} 1",
                "减" if down else "增",
                "小于" if down else "大于",
            )
        elif knob.kind == "count":
            each, verb, than = (
                f"每{'少' if down else '多'} {_one(knob)}",
                "降" if down else "增",
                "少于" if down else "多于",
            )
        else:
            each, verb, than = (
                f"每{'下降' if down else '提高'} {_one(knob)}",
                "降" if down else "提高",
                "低于" if down else "高于",
            )
        reach = f"{verb}至 {to}"
    tail = _then(reach, f"可挽回 {pts(s.points)} 分")
    if s.rate is not None and s.rate > 0:
        return f"{_then(each, '挽回')} {pts(s.rate)} 分，{tail}"
    if s.start is None or s.all_at_once:
        return tail  # all or nothing: the value named recovers everything at once
    # capped: nothing comes back until the value passes the cap (strictly, hence 低于/少于…)
    return f"{than} {_then(shown(knob, s.start), '才开始挽回')}，{tail}"
