"""First place in the city for bonus B (B.1 综合指数改善幅度, B.2 国考/省考断面改善幅度), with 递补
(docs/spec/decisions.md#d-batch). Pure.

- B.1: among the counties that attain Grade II, the largest positive AQCI improvement (%). A
  county that already earns the air group's point (全省前十, or PM2.5 < 15) passes the award to
  the next (递补: "综合指数改善幅度由排名第二的县市区递补").
- B.2: per level, 断面改善幅度 = the mean over that level's sections with a previous class of
  (上年类别 − 本年类别) in class steps (new sections left out); 国考 counts the 国考 sections,
  省考 the 省考 ones. Only a positive value can be first. The 国考 first, when first in 省考
  too, passes the 省考 award to the next ("省考断面改善幅度第2名县市区递补").
- Counties tied at the top are each first.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ecoscore.core.city import CountyRecord, Derived
from ecoscore.core.kit import approx
from ecoscore.core.text import listed
from ecoscore.rubric.huaihua2021.derived import AQCI_DIVISORS, GRADE2_LIMITS, improvement_pct

AQCI_FIRST = "bonus.aqci_first_city"
NATIONAL_FIRST = "bonus.national_water_first_city"
PROVINCIAL_FIRST = "bonus.provincial_water_first_city"
FIRST_KEYS = (AQCI_FIRST, NATIONAL_FIRST, PROVINCIAL_FIRST)
PM25_CLEAN = Decimal(15)  # B.1 "PM2.5年均浓度小于15微克/立方米"
FIRST_NAMES = {
    AQCI_FIRST: "综合指数改善幅度全市第1名",
    NATIONAL_FIRST: "国考断面改善幅度全市第1名",
    PROVINCIAL_FIRST: "省考断面改善幅度全市第1名",
}
FIRST_COLUMNS = (
    "国考断面改善幅度（类别级差）",
    "省考断面改善幅度（类别级差）",
    "综合指数改善第1名",
    "国考断面改善第1名",
    "省考断面改善第1名",
)
FIRST_METHOD = (
    "综合指数改善幅度全市第1名（加分项）：在达到国家二级标准、综合指数改善幅度为正的县（市、区）中取改善幅度最大者；"
    "该县已因“空气质量排名全省前十”或“PM2.5年均浓度小于15微克/立方米”得到本组加分时，由下一名递补；并列的均为第1名。",
    "断面改善幅度（加分项，待市局确认）：国考、省考分别计，取该级别有上年类别的断面“上年类别 − 本年类别”（类别级差，"
    "新增断面不计）的平均；只有为正的才能排第1名；同一县国考、省考都排第1名时，省考由第2名递补；并列的均为第1名。",
)

AqciFigures = tuple[Decimal | None, Decimal | None, Decimal | None, bool | None]


def _aqci(values, suffix: str) -> Decimal | None:
    figures = [values.get(f"air.{k}{suffix}") for k in AQCI_DIVISORS]
    if any(x is None for x in figures):
        return None
    return sum((Decimal(x) / div for x, div in zip(figures, AQCI_DIVISORS.values(), strict=True)), Decimal(0))


def aqci_figures(r: CountyRecord) -> AqciFigures:
    """(本年综合指数, 上年综合指数, 改善幅度 %, 达到二级标准), None where figures are blank."""
    cur, prev = _aqci(r.values, ""), _aqci(r.values, "_prev")
    better = None if cur is None or prev is None else improvement_pct(prev, cur)
    grade2 = None if cur is None else all(Decimal(r.values[f"air.{k}"]) <= lim for k, lim in GRADE2_LIMITS.items())  # type: ignore[arg-type]
    return cur, prev, better, grade2


def _level_improvement(r: CountyRecord, national: bool) -> Decimal | None:
    if r.sections is None:
        return None
    compared = [s for s in r.sections if s.national == national and s.prev is not None]
    if not compared:
        return None
    return sum((Decimal(s.prev - s.cur) for s in compared), Decimal(0)) / len(compared)  # type: ignore[operator]


def section_improvements(r: CountyRecord) -> tuple[Decimal | None, Decimal | None]:
    """(国考, 省考) 断面改善幅度 in class steps; None without comparable sections."""
    return _level_improvement(r, True), _level_improvement(r, False)


def _award(candidates: dict[int, Decimal], taken: Callable[[int], str | None]) -> tuple[set[int], dict[int, str], bool]:
    """Who is first: the largest positive value, passing over the counties `taken` names a
    reason for (递补). Returns the winners, the passed-over counties with why, and whether the
    winners came by 递补."""
    passed: dict[int, str] = {}
    for step, value in enumerate(sorted({v for v in candidates.values() if v > 0}, reverse=True)):
        group = [i for i, v in candidates.items() if v == value]
        for i in group:
            why = taken(i)
            if why:
                passed[i] = why
        winners = {i for i in group if i not in passed}
        if winners:
            return winners, passed, step > 0
    return set(), passed, False


def _first(
    key: str,
    records: list[CountyRecord],
    candidates: dict[int, Decimal],
    what: str,
    unit: str,
    taken: Callable[[int], str | None],
    left_out: dict[int, str],
    out: dict[int, dict[str, Derived]],
) -> dict[int, str]:
    """Derive `key` for every county; returns the sheet's text per county."""
    winners, passed, by_substitution = _award(candidates, taken)
    names = {r.index: r.county for r in records}
    ranked = sorted(candidates, key=lambda i: (-candidates[i], i))
    listing = listed([f"{names[i]} {approx(candidates[i])}{unit}" for i in ranked]) or "无"
    won = "、".join(names[i] for i in sorted(winners)) or "无（没有改善幅度为正的县）"
    basis = f"本批次{what}由大到小：{listing}；第1名：{won}" + ("（递补）" if by_substitution else "")
    if passed:
        basis += "；" + listed([f"{names[i]}{why}，由下一名递补" for i, why in passed.items()], "；")
    if left_out:
        basis += "；" + listed([f"{names[i]}{why}" for i, why in left_out.items()], "；")
    shown = {}
    for r in records:
        out[r.index][key] = Derived(r.index in winners, basis)
        if r.index in winners:
            shown[r.index] = "是（递补）" if by_substitution else "是"
        elif r.index in passed:  # its place among the candidates: 1 unless those above were passed over too
            place = 1 + sum(1 for v in candidates.values() if v > candidates[r.index])
            shown[r.index] = f"第{place}名，{passed[r.index]}，由下一名递补"
        else:
            shown[r.index] = left_out.get(r.index, "否")
    return shown


def first_places(
    records: list[CountyRecord],
    aqci: dict[int, AqciFigures],
    sections: dict[int, tuple[Decimal | None, Decimal | None]],
    out: dict[int, dict[str, Derived]],
) -> dict[int, tuple[str, str, str]]:
    """B.1's and B.2's first places for every county (`out`), and the city sheet's texts."""
    by_index = {r.index: r for r in records}
    air_left = {
        r.index: "空气六项数值未填全，未参与" if aqci[r.index][2] is None else "未达到国家二级标准，不参与"
        for r in records
        if aqci[r.index][2] is None or not aqci[r.index][3]
    }
    air = {i: f[2] for i, f in aqci.items() if i not in air_left and f[2] is not None}

    def air_rewarded(i: int) -> str | None:
        v = by_index[i].values
        if v.get("bonus.air_top10_province"):
            return "已因空气质量排名全省前十得到本组加分"
        pm25 = v.get("air.pm25")
        if pm25 is not None and Decimal(pm25) < PM25_CLEAN:  # type: ignore[arg-type]
            return "已因PM2.5年均浓度小于15微克/立方米得到本组加分"
        return None

    aqci_text = _first(AQCI_FIRST, records, air, "综合指数改善幅度", "%", air_rewarded, air_left, out)
    national = {i: s[0] for i, s in sections.items() if s[0] is not None}
    provincial = {i: s[1] for i, s in sections.items() if s[1] is not None}

    def no_sections(level: int, word: str) -> dict[int, str]:
        return {
            r.index: "断面水质表不完整，未参与" if r.sections is None else f"没有可比的{word}断面，未参与"
            for r in records
            if sections[r.index][level] is None
        }

    nat_text = _first(
        NATIONAL_FIRST, records, national, "国考断面改善幅度", "级", lambda i: None, no_sections(0, "国考"), out
    )
    nat_winners = {i for i in national if out[i][NATIONAL_FIRST].value}

    def provincial_rewarded(i: int) -> str | None:
        return "同时为国考断面改善幅度第1名" if i in nat_winners else None

    prov_text = _first(
        PROVINCIAL_FIRST,
        records,
        provincial,
        "省考断面改善幅度",
        "级",
        provincial_rewarded,
        no_sections(1, "省考"),
        out,
    )
    return {r.index: (aqci_text[r.index], nat_text[r.index], prov_text[r.index]) for r in records}


def typed_first_notes(records: list[CountyRecord]) -> list[tuple[str, tuple[int, ...]]]:
    """提示 when two or more counties typed 是 for the same first place."""
    notes = []
    for key in FIRST_KEYS:
        claim = [r for r in records if r.values.get(key) is True]
        if len(claim) >= 2:
            names = listed([r.county for r in claim])
            notes.append(
                (
                    f"{len(claim)} 个县（市、区）都填报了“{FIRST_NAMES[key]}”：{names}；"
                    "全市第1名只有一个（并列除外），请核对",
                    tuple(r.index for r in claim),
                )
            )
    return notes
