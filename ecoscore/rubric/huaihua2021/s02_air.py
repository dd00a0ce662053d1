"""Section 2 深入打好污染防治攻坚战, air quality outcomes: items 9 (PM2.5) and 10 (AQCI), each with
its whole-item exemption (docs/spec/decisions.md#d6)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import ZERO, approx, linear, lost, num
from ecoscore.core.model import Line
from ecoscore.rubric.declare import Inputs, Rule, item
from ecoscore.rubric.huaihua2021.derived import (
    AIR_KEYS,
    AIR_PREV_KEYS,
    aqci,
    grade2_attained,
    grade2_text,
    improvement_pct,
)

TASK = "深入开展大气污染防治行动"
AIR_COMMON = dict(
    section="2",
    deadline="12月31日",
    evidence="监测数据、附表1",
    auditors=("市生态环境局",),
    units=("市生态环境局中方分局", "县城管执法局", "县住建局", "县交通局"),
)
EXEMPT_RISE = Decimal(7)  # 9.1: PM2.5 must rise by less than 7 %


def _not_applied(rules: tuple[str, ...], why: str) -> list[Line]:
    """Zero lines for the sub-rules an exemption (9.1, 10.1) switches off, so each is explained."""
    return [lost(r, ZERO, f"因免扣未计算（{why}）") for r in rules]


# ---- item 9: PM2.5 ------------------------------------------------------------------------------
@item(
    id="9",
    name=f"{TASK}（PM2.5年均浓度、特护期平均浓度）",
    points="3",
    **AIR_COMMON,
    source=(
        "一、PM2.5年均浓度、特护期平均浓度\n"
        "1.达到国家环境空气质量二级标准同时PM2.5年均浓度同比上升幅度低于7%的不扣分；\n"
        "2.PM2.5年均浓度同比改善幅度每低于全市PM2.5平均改善幅度1个百分点扣0.1分，最多扣1分；\n"
        "3.PM2.5年均浓度未完成年度目标，特护期平均浓度较上年同期相比每上升1μg/m3，扣0.2分，最多扣1分；\n"
        "4.PM2.5年均浓度较年度目标任务每上升1μg/m3，分别扣0.5分，扣完为止。"
    ),
    rules=(
        Rule(
            "9.1",
            "达到国家环境空气质量二级标准同时PM2.5年均浓度同比上升幅度低于7%的不扣分",
            "达到二级标准且 PM2.5 年均浓度同比上升幅度 < 7%（下降也算）时本项满分，9.2–9.4 不适用",
        ),
        Rule(
            "9.2",
            "PM2.5年均浓度同比改善幅度每低于全市平均改善幅度1个百分点扣0.1分，最多扣1分",
            "0.1 × (全市平均改善幅度 − 本县改善幅度)，按比例计，最多扣 1 分",
        ),
        Rule(
            "9.3",
            "PM2.5年均浓度未完成年度目标，特护期平均浓度较上年同期每上升1μg/m3扣0.2分，最多扣1分",
            "仅当 PM2.5 年均浓度超过年度目标：0.2 × 特护期浓度上升值，最多扣 1 分",
        ),
        Rule(
            "9.4",
            "PM2.5年均浓度较年度目标任务每上升1μg/m3扣0.5分，扣完为止",
            "0.5 × (PM2.5 年均浓度 − 年度目标)，扣完本项为止",
        ),
    ),
    reads=(
        *AIR_KEYS,
        "air.pm25_prev",
        "air.pm25_special",
        "air.pm25_special_prev",
        "target.pm25_annual",
        "city.pm25_improvement_avg",
    ),
    clamp_rule="9.4",
)
def score_09(x: Inputs) -> list[Line]:
    get = x.__getitem__
    cur, prev, target = x["air.pm25"], x["air.pm25_prev"], x["target.pm25_annual"]
    imp = improvement_pct(prev, cur)
    rise = -imp  # docs/spec/decisions.md#d4: worsening % = −improvement %
    g2 = grade2_attained(get)
    change = f"PM2.5 年均浓度 {num(cur)} μg/m³（上年 {num(prev)}），" + (
        f"同比上升 {approx(rise)}%" if rise > 0 else f"同比下降 {approx(imp)}%" if imp > 0 else "与上年持平"
    )
    if g2 and rise < EXEMPT_RISE:
        return [
            lost("9.1", ZERO, f"{grade2_text(get)}，{change}，符合免扣条件（达到二级标准且上升幅度低于 7%），本项满分")
        ] + _not_applied(("9.2", "9.3", "9.4"), "已符合 9.1 免扣条件，整项不扣分")
    lines = [
        lost("9.1", ZERO, f"{grade2_text(get)}，{change}，不符合免扣条件（须达到二级标准且 PM2.5 上升幅度低于 7%）")
    ]
    avg = x["city.pm25_improvement_avg"]
    lines.append(
        lost(
            "9.2",
            linear(avg - imp, "0.1"),
            f"PM2.5 年均浓度同比改善幅度 {approx(imp)}%，全市平均改善幅度 {num(avg)}%，每低 1 个百分点扣 0.1 分",
            cap=1,
        )
    )
    if cur > target:
        sp, sp_prev = x["air.pm25_special"], x["air.pm25_special_prev"]
        lines.append(
            lost(
                "9.3",
                linear(sp - sp_prev, "0.2"),
                f"PM2.5 年均浓度 {num(cur)} 未完成年度目标 {num(target)}，特护期平均浓度 {num(sp)} μg/m³"
                f"（上年同期 {num(sp_prev)}），每上升 1 μg/m³ 扣 0.2 分",
                cap=1,
            )
        )
    else:
        lines.append(lost("9.3", ZERO, f"PM2.5 年均浓度 {num(cur)} 未超过年度目标 {num(target)}，本条不适用"))
    lines.append(
        lost(
            "9.4",
            linear(cur - target, "0.5"),
            f"PM2.5 年均浓度 {num(cur)} μg/m³，年度目标 {num(target)}，每上升 1 μg/m³ 扣 0.5 分",
        )
    )
    return lines


# ---- item 10: air quality composite index (AQCI) --------------------------------------------------
BOTTOM_RANKS = 10  # 10.3: only the province's last 10 are charged


@item(
    id="10",
    name=f"{TASK}（大气综合指数）",
    points="2",
    **AIR_COMMON,
    source=(
        "二、大气综合指数\n"
        "1.综合指数同比下降不扣分；\n"
        "2.综合指数同比改善幅度每低于全市综合指数平均改善幅度1个百分点扣0.2分，最多扣1分；\n"
        "3.环境空气质量未达到国家二级标准的县（市、区）中综合指数改善幅度排名全省倒数后10位的，"
        "按照排名先后分别扣0.1-1分。"
    ),
    rules=(
        Rule("10.1", "综合指数同比下降不扣分", "本年综合指数低于上年时本项满分，10.2、10.3 不适用"),
        Rule(
            "10.2",
            "综合指数同比改善幅度每低于全市平均改善幅度1个百分点扣0.2分，最多扣1分",
            "0.2 × (全市平均改善幅度 − 本县改善幅度)，按比例计，最多扣 1 分",
        ),
        Rule(
            "10.3",
            "未达二级标准的县中综合指数改善幅度排名全省倒数后10位的，按排名先后扣0.1-1分",
            "仅当未达二级标准：全省倒数第 k 名（k = 1…10）扣 1.1 − 0.1 × k 分，不在倒数后 10 位不扣",
        ),
    ),
    fields=(
        F(
            "i10.province_bottom_rank",
            "rank",
            "未达二级标准的县（市、区）中综合指数改善幅度全省倒数名次（倒数第1名填1）",
            "名",
            optional=True,
            rule="10.3",
            note="不在全省倒数后10位的留空",
        ),
    ),
    reads=(*AIR_KEYS, *AIR_PREV_KEYS, "city.aqci_improvement_avg"),
)
def score_10(x: Inputs) -> list[Line]:
    get = x.__getitem__
    cur, prev = aqci(get), aqci(get, "_prev")
    shown = f"综合指数 {approx(cur, 4)}（上年 {approx(prev, 4)}）"
    if cur < prev:
        return [lost("10.1", ZERO, f"{shown}，同比下降，符合免扣条件，本项满分")] + _not_applied(
            ("10.2", "10.3"), "已符合 10.1 免扣条件，整项不扣分"
        )
    lines = [lost("10.1", ZERO, f"{shown}，同比未下降，不符合免扣条件")]
    imp, avg = improvement_pct(prev, cur), x["city.aqci_improvement_avg"]
    lines.append(
        lost(
            "10.2",
            linear(avg - imp, "0.2"),
            f"{shown}，同比改善幅度 {approx(imp)}%，全市平均改善幅度 {num(avg)}%，每低 1 个百分点扣 0.2 分",
            cap=1,
        )
    )
    g2, k = grade2_attained(get), x["i10.province_bottom_rank"]
    if g2:
        lines.append(lost("10.3", ZERO, f"{grade2_text(get)}，本条不适用"))
    elif k is None or k > BOTTOM_RANKS:
        lines.append(lost("10.3", ZERO, f"{grade2_text(get)}，综合指数改善幅度不在全省倒数后 10 位"))
    else:
        lines.append(
            lost(
                "10.3",
                Decimal("1.1") - Decimal("0.1") * k,
                f"{grade2_text(get)}，综合指数改善幅度排名全省倒数第 {k} 位（倒数第 1 位扣 1 分，"
                f"倒数第 10 位扣 0.1 分）",
            )
        )
    return lines
