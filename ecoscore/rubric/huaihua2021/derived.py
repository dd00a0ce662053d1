"""Quantities derived from the inputs (the spec (docs/spec/) §2, D4, D5), computed in one place.

Scoring functions call these with their `Inputs`, so every field used is one the item
declared; `figures()` computes the same quantities once more for the report's explanation.
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import WaterSection, class_name
from ecoscore.core.kit import HUNDRED, D, num
from ecoscore.core.model import DerivedFigure

# GB 3095-2012 Grade II limits (annual means; CO 24-h p95 in mg/m³; O3 8-h p90).
GRADE2_LIMITS: dict[str, Decimal] = {
    "so2": Decimal(60),
    "no2": Decimal(40),
    "pm10": Decimal(70),
    "pm25": Decimal(35),
    "co_p95": Decimal(4),
    "o3_8h_p90": Decimal(160),
}
# AQCI (HJ 663-2013 / city ranking rules) divides each figure by the same Grade II value.
AQCI_DIVISORS = GRADE2_LIMITS
POLLUTANT_NAMES = {"so2": "SO2", "no2": "NO2", "pm10": "PM10", "pm25": "PM2.5", "co_p95": "CO", "o3_8h_p90": "O3"}

AIR_KEYS = tuple(f"air.{k}" for k in GRADE2_LIMITS)
AIR_PREV_KEYS = tuple(f"air.{k}_prev" for k in GRADE2_LIMITS)
CLASS_III = 3
CLASS_II = 2


def grade2_attained(get) -> bool:
    """达到国家环境空气质量二级标准: every figure at or below its limit. `get(key)` reads a value."""
    return all(D(get(f"air.{k}")) <= limit for k, limit in GRADE2_LIMITS.items())


def grade2_text(get) -> str:
    over = [
        f"{POLLUTANT_NAMES[k]} {num(get(f'air.{k}'))}>{num(lim)}"
        for k, lim in GRADE2_LIMITS.items()
        if D(get(f"air.{k}")) > lim
    ]
    return "达到二级标准" if not over else "未达二级标准（" + "，".join(over) + "）"


def aqci(get, suffix: str = "") -> Decimal:
    """AQCI = Σ figure / divisor (not rounded, docs/spec/decisions.md#d3)."""
    return sum((D(get(f"air.{k}{suffix}")) / div for k, div in AQCI_DIVISORS.items()), Decimal(0))


def improvement_pct(prev: object, cur: object) -> Decimal:
    """docs/spec/decisions.md#d4: (prev − cur) / prev × 100 for concentrations and indices."""
    prev, cur = D(prev), D(cur)
    return (prev - cur) / prev * HUNDRED


def ge3(sections: tuple[WaterSection, ...]) -> int:
    """Sections at or better than class Ⅲ."""
    return sum(1 for s in sections if s.cur <= CLASS_III)


def national(sections: tuple[WaterSection, ...]) -> tuple[WaterSection, ...]:
    return tuple(s for s in sections if s.national)


def provincial_only(sections: tuple[WaterSection, ...]) -> tuple[WaterSection, ...]:
    return tuple(s for s in sections if not s.national)


def newly_class1(sections: tuple[WaterSection, ...]) -> tuple[WaterSection, ...]:
    """Sections newly at Ⅰ: current Ⅰ, previous year worse (bonus B)."""
    return tuple(s for s in sections if s.cur == 1 and s.prev is not None and s.prev > 1)


def names(sections) -> str:
    return "、".join(f"{s.name}（{class_name(s.cur)}）" for s in sections) or "无"


def figures(values: dict, sections: tuple[WaterSection, ...]) -> list[DerivedFigure]:
    """Every derived quantity whose inputs are present, for the report's explanation."""
    out: list[DerivedFigure] = []
    get = values.get
    if all(get(k) is not None for k in AIR_KEYS):
        out.append(DerivedFigure("grade2", "达到国家环境空气质量二级标准", grade2_attained(get), grade2_text(get)))
        out.append(DerivedFigure("aqci", "本年环境空气质量综合指数", aqci(get)))
    if all(get(k) is not None for k in AIR_PREV_KEYS):
        out.append(DerivedFigure("aqci_prev", "上年环境空气质量综合指数", aqci(get, "_prev")))
        if all(get(k) is not None for k in AIR_KEYS):
            out.append(
                DerivedFigure(
                    "aqci_improvement", "综合指数改善幅度（%）", improvement_pct(aqci(get, "_prev"), aqci(get))
                )
            )
    if get("air.pm25") is not None and get("air.pm25_prev"):
        out.append(
            DerivedFigure(
                "pm25_improvement",
                "PM2.5 年均浓度改善幅度（%）",
                improvement_pct(get("air.pm25_prev"), get("air.pm25")),
            )
        )
    if sections:
        nat = national(sections)
        out.append(DerivedFigure("national_sections", "国考断面数", len(nat)))
        out.append(DerivedFigure("national_ge3", "达到或优于Ⅲ类的国考断面数", ge3(nat)))
        out.append(DerivedFigure("all_ge3", "达到或优于Ⅲ类的省考断面数（含国考）", ge3(sections)))
        out.append(
            DerivedFigure(
                "sections_missing_target",
                "未达年度目标的断面",
                len([s for s in sections if not s.meets_target]),
                names([s for s in sections if not s.meets_target]),
            )
        )
        new1 = newly_class1(sections)
        out.append(DerivedFigure("new_class1", "新提升达到Ⅰ类的断面", len(new1), names(new1)))
    return out
