"""Section 10 推进生态文明体系制度建设, item 37 构建全民行动体系 (statistics, complaints, publicity)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import D, clamp, earned, gained, linear, lost, num, per_whole
from ecoscore.core.model import Line
from ecoscore.rubric.declare import Inputs, Rule, item


def _bounded(rule: str, base: object, lines: list[Line], lo: object, hi: object, what: str) -> Line:
    """A "累计后总得分不低于 lo 分或不超过 hi 分" rule inside an item (37.8): the line that
    brings base + Σ deltas of `lines` back into [lo, hi] (kit.clamp does the arithmetic)."""
    raw = D(base) + sum((ln.delta for ln in lines), Decimal(0))
    adjust = clamp(raw, lo, hi) - raw
    text = f"{what}累计后为 {num(raw)} 分，总得分不低于 {num(lo)} 分或不超过 {num(hi)} 分"
    if adjust > 0:
        return gained(rule, adjust, f"{text}，按 {num(lo)} 分计")
    if adjust < 0:
        return lost(rule, -adjust, f"{text}，按 {num(hi)} 分计")
    return lost(rule, 0, f"{text}，无需调整")


@item(
    id="37",
    section="10",
    name="构建全民行动体系",
    points="2",
    deadline="12月31日",
    evidence="公众满意度调查数据、生态环境部、市生态环境局周报、月报及督办情况",
    auditors=("市统计局", "市生态环境局"),
    units=("县统计局", "市生态环境局中方分局"),
    source=(
        "1.公众环境满意率调查，计1分，按环境满意度比率折算计分；\n"
        "2.连续一周不登录12369环保举报联网管理平台，每次扣0.1分；平台内举报件未按期受理或办结，每件扣0.1分；\n"
        "3.举报件办理不规范且被生态环境部督办的，每件扣0.2分，被省生态环境厅督办的，每件扣0.15分，"
        "被市生态环境局督办的，每件扣0.1分；\n"
        "4.以县为单位，全年录入电话投诉举报数量未达到60件的，每少20件扣0.1分，每多20件加0.1分，最多加0.3分"
        "（中方县高新区除外，经开区任务减半）；\n"
        "5.被部、省、市抽查不合格投诉举报件每1件扣0.05分；\n"
        "6.每月上报典型案例一件，每少一件扣0.1分；\n"
        "7.经省厅筛选在公众号上公布的典型案例，每件加0.1分，最多加0.3分；\n"
        "8.以上2-7项加分扣分累计后，总得分不低于0分或不超过1分。"
    ),
    rules=(
        Rule(
            "37.1",
            "公众环境满意率调查，计1分，按环境满意度比率折算计分",
            "1 × 满意率 / 100",
            points="1",
            units=("县统计局",),
        ),
        Rule(
            "37.2",
            "连续一周不登录12369平台每次扣0.1分；举报件未按期受理或办结每件扣0.1分",
            "0.1 × 未登录周数 + 0.1 × 逾期件数",
            units=("市生态环境局中方分局",),
        ),
        Rule(
            "37.3",
            "举报件办理不规范被部、省、市督办的，每件分别扣0.2、0.15、0.1分",
            "0.2 × 部督办 + 0.15 × 省督办 + 0.1 × 市督办",
            units=("市生态环境局中方分局",),
        ),
        Rule(
            "37.4",
            "全年录入电话投诉举报未达到60件的每少20件扣0.1分，每多20件加0.1分，最多加0.3分",
            "扣分按比例：0.1 × (目标 − 录入数) / 20；加分按满 20 件计：0.1 × ⌊(录入数 − 目标) / 20⌋，最多加 0.3 分",
            units=("市生态环境局中方分局",),
        ),
        Rule(
            "37.5",
            "被部、省、市抽查不合格投诉举报件每1件扣0.05分",
            "0.05 × 不合格件数",
            units=("市生态环境局中方分局",),
        ),
        Rule("37.6", "每月上报典型案例一件，每少一件扣0.1分", "0.1 × 少报件数", units=("市生态环境局中方分局",)),
        Rule(
            "37.7",
            "经省厅筛选在公众号上公布的典型案例每件加0.1分，最多加0.3分",
            "0.1 × 公布件数，最多加 0.3 分",
            units=("市生态环境局中方分局",),
        ),
        Rule(
            "37.8",
            "以上2-7项加分扣分累计后，总得分不低于0分或不超过1分",
            "第 2–7 项从 1 分起累计加扣分，结果限定在 0–1 分之间",
            units=("市生态环境局中方分局",),
        ),
    ),
    fields=(
        F("i37.satisfaction", "pct", "公众环境满意率", "%", rule="37.1"),
        F("i37.weeks_not_logged", "count", "连续一周未登录12369环保举报联网管理平台的次数", "次", rule="37.2"),
        F("i37.complaints_late", "count", "平台内未按期受理或办结的举报件数", "件", rule="37.2"),
        F("i37.supervised_ministry", "count", "举报件办理不规范被生态环境部督办的件数", "件", rule="37.3"),
        F("i37.supervised_province", "count", "举报件办理不规范被省生态环境厅督办的件数", "件", rule="37.3"),
        F("i37.supervised_city", "count", "举报件办理不规范被市生态环境局督办的件数", "件", rule="37.3"),
        F("i37.phone_complaints", "count", "全年录入电话投诉举报数量", "件", rule="37.4"),
        F("i37.unqualified_complaints", "count", "被部、省、市抽查不合格的投诉举报件数", "件", rule="37.5"),
        F("i37.typical_cases_missing", "count", "少报的典型案例件数（每月应上报一件）", "件", rule="37.6"),
        F("i37.cases_published", "count", "经省厅筛选在公众号上公布的典型案例件数", "件", rule="37.7"),
    ),
    reads=("target.phone_complaints",),
)
def score_37(x: Inputs):
    sat = x["i37.satisfaction"]
    weeks, late = x["i37.weeks_not_logged"], x["i37.complaints_late"]
    ministry, province, city = x["i37.supervised_ministry"], x["i37.supervised_province"], x["i37.supervised_city"]
    phone, target = x["i37.phone_complaints"], x["target.phone_complaints"]
    phone_what = f"全年录入电话投诉举报 {phone} 件，目标 {target} 件"
    block = [  # sub-rules 2–7, starting from 1 point
        lost("37.2", linear(weeks, "0.1"), f"连续一周未登录平台 {weeks} 次，每次扣 0.1 分"),
        lost("37.2", linear(late, "0.1"), f"举报件未按期受理或办结 {late} 件，每件扣 0.1 分"),
        lost(
            "37.3",
            linear(ministry, "0.2") + linear(province, "0.15") + linear(city, "0.1"),
            f"被生态环境部督办 {ministry} 件（每件 0.2 分）、省生态环境厅督办 {province} 件（每件 0.15 分）、"
            f"市生态环境局督办 {city} 件（每件 0.1 分）",
        ),
        (
            gained(
                "37.4",
                per_whole(phone - target, "0.1", 20),
                f"{phone_what}，多 {phone - target} 件，每多满 20 件加 0.1 分",
                cap="0.3",
            )
            if phone > target
            else lost("37.4", linear(target - phone, "0.1", 20), f"{phone_what}，每少 20 件扣 0.1 分")
        ),
        lost(
            "37.5",
            linear(x["i37.unqualified_complaints"], "0.05"),
            f"抽查不合格投诉举报件 {x['i37.unqualified_complaints']} 件，每件扣 0.05 分",
        ),
        lost(
            "37.6",
            linear(x["i37.typical_cases_missing"], "0.1"),
            f"少报典型案例 {x['i37.typical_cases_missing']} 件，每件扣 0.1 分",
        ),
        gained(
            "37.7",
            linear(x["i37.cases_published"], "0.1"),
            f"典型案例在省厅公众号公布 {x['i37.cases_published']} 件，每件加 0.1 分",
            cap="0.3",
        ),
    ]
    return [
        earned("37.1", linear(sat, 1, 100), 1, f"公众环境满意率 {num(sat)}%，按 1 × {num(sat)}% 折算"),
        *block,
        _bounded("37.8", 1, block, 0, 1, "第 2–7 项从 1 分起"),
    ]
