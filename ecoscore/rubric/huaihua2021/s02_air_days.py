"""Section 2 深入打好污染防治攻坚战, air quality by days: item 11 (good-days ratio) and 12
(heavy-pollution days)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import ZERO, D, approx, flag, linear, lost, num
from ecoscore.core.model import Line
from ecoscore.rubric import years as yw
from ecoscore.rubric.declare import Inputs, Rule, item
from ecoscore.rubric.huaihua2021.params import HEAVY_DAYS_BASE_YEARS

TASK = "深入开展大气污染防治行动"
AIR_COMMON = dict(
    section="2",
    deadline="12月31日",
    evidence="监测数据、附表1",
    auditors=("市生态环境局",),
    units=("市生态环境局中方分局", "县城管执法局", "县住建局", "县交通局"),
)


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
            f"{yw.this_year(x)}重污染天数 {days} 天，{yw.window(x, base)}分别为 {'、'.join(map(str, years))} 天，"
            f"平均 {mean} 天，" + ("不降反升" if rose else "未上升"),
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
