"""Section 2 深入打好污染防治攻坚战, air pollution control tasks: item 13 (emission
reduction rates) and item 14 (seven task sub-rules with their own responsible units)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import Condition, F, Op
from ecoscore.core.kit import ZERO, earned, flag, linear, lost, num
from ecoscore.core.model import Line
from ecoscore.rubric.declare import Inputs, Rule, item

TASK = "深入开展大气污染防治行动"

# ---- item 13: VOCs, NOx and CO2-per-GDP reduction rates ------------------------------------------
# (sub-rule id, key stem, indicator name); the source has one rule for all three, docs/spec/items.md scores
# each indicator on its own, so each gets its own id.
INDICATORS = (
    ("13.1", "vocs", "挥发性有机物（VOCs）排放量"),
    ("13.2", "nox", "氮氧化物排放量"),
    ("13.3", "co2", "万元GDP二氧化碳排放"),
)
_RULE13 = (
    "每一项污染物削减率较年度目标任务每少1%，扣0.2分，每项指标最多扣1分；污染物排放量或排放强度不降反增的，每一项扣1分"
)
_HOW13 = "削减率为负（不降反增）扣 1 分；否则 0.2 × (目标削减率 − 实际削减率)，按比例计，最多扣 1 分"


@item(
    id="13",
    section="2",
    name=f"{TASK}（挥发性有机物、氮氧化物、万元GDP二氧化碳排放削减率）",
    points="2",
    deadline="12月31日",
    evidence="减排数据台账及核定情况",
    auditors=("市生态环境局",),
    units=("市生态环境局中方分局",),
    source=(
        "五、挥发性有机物、氮氧化物、万元GDP二氧化碳排放削减率\n"
        "每一项污染物削减率较年度目标任务每少1%，扣0.2分，每项指标最多扣1分；"
        "污染物排放量或排放强度不降反增的，每一项扣1分。"
    ),
    rules=tuple(Rule(rid, f"{name}削减率：{_RULE13}", _HOW13) for rid, _, name in INDICATORS),
    fields=tuple(
        f
        for rid, stem, name in INDICATORS
        for f in (
            F(f"i13.{stem}_target", "spct", f"{name}削减率年度目标", "%", rule=rid, assigned=True),
            F(f"i13.{stem}_rate", "spct", f"{name}实际削减率", "%", rule=rid, note="不降反增的填负数"),
        )
    ),
)
def score_13(x: Inputs) -> list[Line]:
    lines = []
    for rid, stem, name in INDICATORS:
        target, rate = x[f"i13.{stem}_target"], x[f"i13.{stem}_rate"]
        if rate < 0:
            lines.append(lost(rid, 1, f"{name}削减率 {num(rate)}%，排放量或排放强度不降反增，每项扣 1 分"))
        else:
            lines.append(
                lost(
                    rid,
                    linear(target - rate, "0.2"),
                    f"{name}削减率 {num(rate)}%，年度目标 {num(target)}%，每少 1% 扣 0.2 分",
                    cap=1,
                )
            )
    return lines


# ---- item 14: air pollution control tasks -------------------------------------------------------
ECO_AGRI = dict(auditors=("市生态环境局", "市农业农村局"), units=("市生态环境局中方分局", "县农业农村局"))
# docs/spec/decisions.md#d10-remit: each sub-rule under the unit whose remit it is
ECO_BRANCH_ONLY = ("市生态环境局中方分局",)
STRAW_UNITS = ("县农业农村局", "各乡镇党委政府")  # 附表2: straw burning


@item(
    id="14",
    section="2",
    name=f"{TASK}（大气污染防治任务）",
    points="5",
    deadline="12月31日",
    evidence="工作台账及现场抽查核查情况、附表2",
    **ECO_AGRI,
    source=(
        "六、大气污染防治任务\n"
        "1.完成工业窑炉治理项目，计1分，未完成不得分；\n"
        "2.强化秸秆禁烧工作，计1分，秸秆卫星监测火点较2021年目标值每增加1个扣0.5分，扣完为止；\n"
        "3.声功能区划调整完成计0.5分，未完成不得分；\n"
        "4.完成辖区非道路移动机械摸底调查和编码登记，挂牌率达到90%以上，计1分，每少1%扣0.1分；\n"
        "5.完成老旧车辆淘汰任务，计0.5分，较目标任务每少1%，扣0.1分；\n"
        "6.制定并严格落实重点行业错峰生产计划，计0.5分，每发现一家企业未按要求落实错峰生产计划扣0.2分，扣完为止；\n"
        "7.全县城市建成区所有工地完成“六个百分之百”扬尘污染防治工作并按规定开展落实情况监督抽查，计0.5分，"
        "省级及以上督查、检查、执法中发现问题占比超过全省平均的，按排名扣分，第一名扣0.1分，第二名扣0.2分，"
        "以此类推，扣完为止。"
    ),
    rules=(
        Rule(
            "14.1",
            "完成工业窑炉治理项目，计1分，未完成不得分",
            "完成得 1 分，否则 0 分",
            points="1",
            auditors=ECO_AGRI["auditors"],
            units=ECO_BRANCH_ONLY,
        ),
        Rule(
            "14.2",
            "强化秸秆禁烧工作，计1分，秸秆卫星监测火点较2021年目标值每增加1个扣0.5分，扣完为止",
            "1 − 0.5 × (火点数 − 目标值)，不低于 0",
            points="1",
            auditors=ECO_AGRI["auditors"],
            units=STRAW_UNITS,
        ),
        Rule(
            "14.3",
            "声功能区划调整完成计0.5分，未完成不得分",
            "完成得 0.5 分，否则 0 分",
            points="0.5",
            auditors=ECO_AGRI["auditors"],
            units=ECO_BRANCH_ONLY,
        ),
        Rule(
            "14.4",
            "完成非道路移动机械摸底调查和编码登记，挂牌率达到90%以上，计1分，每少1%扣0.1分",
            "未完成摸底调查和编码登记 0 分；否则 1 − 0.1 × (90 − 挂牌率)，按比例计，不低于 0",
            points="1",
            auditors=ECO_AGRI["auditors"],
            units=ECO_BRANCH_ONLY,
        ),
        Rule(
            "14.5",
            "完成老旧车辆淘汰任务，计0.5分，较目标任务每少1%扣0.1分",
            "0.5 − 0.1 × (100 − 任务完成率)，按比例计，不低于 0",
            points="0.5",
            auditors=("市公安局",),
            units=("县公安局",),
        ),
        Rule(
            "14.6",
            "制定并严格落实重点行业错峰生产计划，计0.5分，每发现一家企业未落实扣0.2分，扣完为止",
            "未制定计划 0 分；否则 0.5 − 0.2 × 未落实企业数，不低于 0",
            points="0.5",
            auditors=("市工业信息化局",),
            units=("县商科工信局",),
        ),
        Rule(
            "14.7",
            "工地完成“六个百分之百”扬尘污染防治并开展监督抽查，计0.5分；问题占比超过全省平均的按排名扣分",
            "未完成 0 分；否则 0.5 − 0.1 × 排名（超过全省平均最少的为第一名，扣 0.1 分，以此类推），不低于 0",
            points="0.5",
            auditors=("市住建局",),
            units=("县住建局",),
        ),
    ),
    fields=(
        F("i14.kiln_done", "bool", "已完成工业窑炉治理项目", rule="14.1"),
        F("i14.straw_fire_points", "count", "秸秆焚烧卫星遥感监测火点数", "个", rule="14.2"),
        F("i14.noise_zoning_done", "bool", "已完成声功能区划调整", rule="14.3"),
        F("i14.nrmm_survey_done", "bool", "已完成辖区非道路移动机械摸底调查和编码登记", rule="14.4"),
        F(
            "i14.nrmm_tag_rate",
            "pct",
            "非道路移动机械挂牌率",
            "%",
            rule="14.4",
            required_when=Condition("i14.nrmm_survey_done", Op.IS, True),
        ),
        F(
            "i14.old_vehicle_completion",
            "pct+",
            "老旧车辆淘汰任务完成率",
            "%",
            rule="14.5",
            note="淘汰数 ÷ 目标任务数 × 100，可超过 100",
        ),
        F("i14.stagger_plan_done", "bool", "已制定重点行业错峰生产计划", rule="14.6"),
        F(
            "i14.stagger_violations",
            "count",
            "发现未按要求落实错峰生产计划的企业数",
            "家",
            rule="14.6",
            required_when=Condition("i14.stagger_plan_done", Op.IS, True),
        ),
        F(
            "i14.dust_control_done",
            "bool",
            "城市建成区所有工地已完成“六个百分之百”扬尘污染防治工作并按规定开展监督抽查",
            rule="14.7",
        ),
        F(
            "i14.dust_rank",
            "rank",
            "省级及以上督查检查执法发现扬尘问题占比超过全省平均的县中的名次"
            "（超过全省平均最少的为第一名，填 1，扣 0.1 分；第二名扣 0.2 分，以此类推）",
            "名",
            optional=True,
            rule="14.7",
            note="问题占比未超过全省平均的留空",
        ),
    ),
    reads=("target.straw_fire_points",),
)
def score_14(x: Inputs) -> list[Line]:
    kiln, noise = x["i14.kiln_done"], x["i14.noise_zoning_done"]
    fires, fire_target = x["i14.straw_fire_points"], x["target.straw_fire_points"]
    lines = [
        earned("14.1", flag(kiln), 1, "已完成工业窑炉治理项目" if kiln else "未完成工业窑炉治理项目"),
        earned(
            "14.2",
            1 - linear(fires - fire_target, "0.5"),
            1,
            f"秸秆焚烧卫星监测火点 {fires} 个，目标值 {fire_target} 个，每增加 1 个扣 0.5 分",
        ),
        earned(
            "14.3", Decimal("0.5") if noise else 0, "0.5", "已完成声功能区划调整" if noise else "未完成声功能区划调整"
        ),
    ]
    surveyed, tag_rate = x["i14.nrmm_survey_done"], x["i14.nrmm_tag_rate"]
    if surveyed:
        lines.append(
            earned(
                "14.4",
                1 - linear(90 - tag_rate, "0.1"),
                1,
                f"非道路移动机械挂牌率 {num(tag_rate)}%，应达到 90%，每少 1% 扣 0.1 分",
            )
        )
    else:
        lines.append(earned("14.4", ZERO, 1, "未完成非道路移动机械摸底调查和编码登记"))
    done = x["i14.old_vehicle_completion"]
    lines.append(
        earned(
            "14.5",
            Decimal("0.5") - linear(100 - done, "0.1"),
            "0.5",
            f"老旧车辆淘汰任务完成 {num(done)}%，每少 1% 扣 0.1 分",
        )
    )
    plan, violations = x["i14.stagger_plan_done"], x["i14.stagger_violations"]
    if plan:
        lines.append(
            earned(
                "14.6",
                Decimal("0.5") - linear(violations, "0.2"),
                "0.5",
                f"发现 {violations} 家企业未按要求落实错峰生产计划，每家扣 0.2 分",
            )
        )
    else:
        lines.append(earned("14.6", ZERO, "0.5", "未制定重点行业错峰生产计划"))
    dust, rank = x["i14.dust_control_done"], x["i14.dust_rank"]
    if not dust:
        lines.append(earned("14.7", ZERO, "0.5", "未完成“六个百分之百”扬尘污染防治工作或未按规定开展监督抽查"))
    elif rank is None:
        lines.append(
            earned("14.7", Decimal("0.5"), "0.5", "已完成“六个百分之百”扬尘污染防治工作，问题占比未超过全省平均")
        )
    else:
        lines.append(
            earned(
                "14.7",
                Decimal("0.5") - linear(rank, "0.1"),
                "0.5",
                f"已完成“六个百分之百”扬尘污染防治工作，问题占比超过全省平均，排名第 {rank} 名"
                f"（超过全省平均最少的为第一名，扣 0.1 分，以此类推）",
            )
        )
    return lines
