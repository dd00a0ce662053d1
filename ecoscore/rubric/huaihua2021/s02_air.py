"""Section 2 深入打好污染防治攻坚战, air quality outcomes: items 9–12 (PM2.5, AQCI,
good-days ratio, heavy-pollution days). Items 9 and 10 have whole-item exemptions (docs/spec/decisions.md#d6)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import ZERO, D, approx, flag, linear, lost, num
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
from ecoscore.rubric.huaihua2021.params import HEAVY_DAYS_BASE_YEARS

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


# ---- item 11: good-days ratio ------------------------------------------------------------------
@item(
    id="11",
    name=f"{TASK}（全年优良天数比例）",
    points="3",
    **AIR_COMMON,
    source=(
        "三、全年优良天数比例\n"
        "1.全年优良天数比例改善幅度每低于全市优良天数比例平均改善幅度1个百分点扣0.2分，最多扣1分；\n"
        "2.全年优良天数比例未完成年度目标，特护期优良天数比例较上年同比每减少1个百分点，扣0.2分，最多扣1分；\n"
        "3.全年优良天数比例较年度目标任务每下降0.5个百分点，扣0.5分，扣完为止。"
    ),
    rules=(
        Rule(
            "11.1",
            "优良天数比例改善幅度每低于全市平均改善幅度1个百分点扣0.2分，最多扣1分",
            "改善幅度 = 本年比例 − 上年比例（百分点）；0.2 × (全市平均 − 本县)，按比例计，最多扣 1 分",
        ),
        Rule(
            "11.2",
            "优良天数比例未完成年度目标，特护期优良天数比例较上年同比每减少1个百分点扣0.2分，最多扣1分",
            "仅当全年比例低于年度目标：0.2 × 特护期比例下降的百分点，最多扣 1 分",
        ),
        Rule(
            "11.3",
            "优良天数比例较年度目标每下降0.5个百分点扣0.5分，扣完为止",
            "0.5 × (年度目标 − 本年比例) / 0.5，即每个百分点 1 分，按比例计，扣完本项为止",
        ),
    ),
    reads=(
        "air.good_days_ratio",
        "air.good_days_ratio_prev",
        "air.good_days_ratio_special",
        "air.good_days_ratio_special_prev",
        "target.good_days_ratio",
        "city.good_days_improvement_avg",
    ),
    clamp_rule="11.3",
)
def score_11(x: Inputs) -> list[Line]:
    cur, prev, target = x["air.good_days_ratio"], x["air.good_days_ratio_prev"], x["target.good_days_ratio"]
    imp, avg = cur - prev, x["city.good_days_improvement_avg"]  # docs/spec/decisions.md#d4: ratios change in pp
    lines = [
        lost(
            "11.1",
            linear(avg - imp, "0.2"),
            f"优良天数比例 {num(cur)}%（上年 {num(prev)}%），改善 {num(imp)} 个百分点，"
            f"全市平均改善 {num(avg)} 个百分点，每低 1 个百分点扣 0.2 分",
            cap=1,
        )
    ]
    if cur < target:
        sp, sp_prev = x["air.good_days_ratio_special"], x["air.good_days_ratio_special_prev"]
        lines.append(
            lost(
                "11.2",
                linear(sp_prev - sp, "0.2"),
                f"优良天数比例 {num(cur)}% 未完成年度目标 {num(target)}%，特护期优良天数比例 {num(sp)}%"
                f"（上年同期 {num(sp_prev)}%），每减少 1 个百分点扣 0.2 分",
                cap=1,
            )
        )
    else:
        lines.append(lost("11.2", ZERO, f"优良天数比例 {num(cur)}% 已完成年度目标 {num(target)}%，本条不适用"))
    lines.append(
        lost(
            "11.3",
            linear(target - cur, "0.5", "0.5"),
            f"优良天数比例 {num(cur)}%，年度目标 {num(target)}%，每下降 0.5 个百分点扣 0.5 分",
        )
    )
    return lines


# ---- item 12: heavy-pollution days --------------------------------------------------------------
@item(
    id="12",
    name=f"{TASK}（重污染天数）",
    points="3",
    **AIR_COMMON,
    source=(
        "四、重污染天数\n"
        "1.重污染天数与2018-2020年三年平均值相比不降反升的，扣3分；\n"
        "2.未完成年度目标任务的，较年度任务目标每超过1天扣1分；\n"
        "3.重污染天气未按要求启动应急响应并导致产生重污染天数的，扣1.5分，"
        "重污染天气或特护期未按要求采取相关措施的每次扣0.5分。"
    ),
    rules=(
        Rule(
            "12.1",
            "重污染天数与2018-2020年三年平均值相比不降反升的，扣3分",
            "本年重污染天数高于 2018–2020 年平均值扣 3 分",
        ),
        Rule("12.2", "未完成年度目标任务的，较年度任务目标每超过1天扣1分", "1 × (本年重污染天数 − 年度目标)"),
        Rule(
            "12.3",
            "未按要求启动应急响应并导致产生重污染天数的扣1.5分，未按要求采取相关措施的每次扣0.5分",
            "未启动应急响应并导致重污染天扣 1.5 分；另每次未采取措施扣 0.5 分",
        ),
    ),
    fields=(
        F(
            "i12.emergency_not_launched",
            "bool",
            "存在重污染天气未按要求启动应急响应并导致产生重污染天数的情况",
            rule="12.3",
            note="存在填“是”",
        ),
        F("i12.measures_missed", "count", "重污染天气或特护期未按要求采取相关措施的次数", "次", rule="12.3"),
    ),
    reads=("air.heavy_days", *(f"air.heavy_days_{y}" for y in HEAVY_DAYS_BASE_YEARS), "target.heavy_days"),
)
def score_12(x: Inputs) -> list[Line]:
    days, target = x["air.heavy_days"], x["target.heavy_days"]
    base = x.param("heavy_days_base_years")
    years = tuple(x[f"air.heavy_days_{y}"] for y in base)
    # days > Σ/n compared as n·days > Σ: exact, no division.
    rose = len(years) * days > sum(years)
    mean = approx(D(sum(years)) / len(years))
    lines = [
        lost(
            "12.1",
            3 * flag(rose),
            f"本年重污染天数 {days} 天，{base[0]}–{base[-1]} 年分别为 {'、'.join(map(str, years))} 天，平均 {mean} 天，"
            + ("不降反升" if rose else "未上升"),
        )
    ]
    lines.append(
        lost("12.2", linear(days - target, 1), f"本年重污染天数 {days} 天，年度目标 {target} 天，每超过 1 天扣 1 分")
    )
    launched_not = x["i12.emergency_not_launched"]
    lines.append(
        lost(
            "12.3",
            Decimal("1.5") * flag(launched_not),
            "存在未按要求启动应急响应并导致产生重污染天数的情况"
            if launched_not
            else "未发现未按要求启动应急响应并导致重污染天的情况",
        )
    )
    missed = x["i12.measures_missed"]
    lines.append(
        lost("12.3", linear(missed, "0.5"), f"重污染天气或特护期未按要求采取相关措施 {missed} 次，每次扣 0.5 分")
    )
    return lines
