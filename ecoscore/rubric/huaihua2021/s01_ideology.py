"""Section 1 深入学习贯彻习近平生态文明思想 (3 points): items 1–3."""

from __future__ import annotations

from ecoscore.core.fields import Condition, F, Op
from ecoscore.core.kit import earned, flag, lost
from ecoscore.rubric.declare import Inputs, Rule, item

PARTY_UNITS = ("县委组织部", "县委宣传部")


@item(
    id="1",
    section="1",
    name="抓好习近平生态文明思想宣传",
    points="1",
    deadline="12月31日",
    evidence="相关方案、计划及报告",
    auditors=("市委组织部", "市委宣传部", "市生态环境局"),
    units=PARTY_UNITS,
    source=(
        "1.将习近平生态文明思想纳入县委党校（行政学院）教育培训内容，计0.5分，未纳入的不得分；\n"
        "2.推进《“美丽中国，我是行动者”提升公民生态文明意识行动计划（2021—2025年）》，"
        "组织“六五”环境日宣传活动，计0.5分，未开展相关活动的不得分。"
    ),
    rules=(
        Rule("1.1", "习近平生态文明思想纳入县委党校教育培训内容，计0.5分", "纳入得 0.5 分，未纳入 0 分", points="0.5"),
        Rule("1.2", "组织“六五”环境日宣传活动，计0.5分", "开展得 0.5 分，未开展 0 分", points="0.5"),
    ),
    fields=(
        F("i01.party_school", "bool", "已纳入县委党校（行政学院）教育培训内容", rule="1.1"),
        F("i01.env_day_activity", "bool", "已组织“六五”环境日宣传活动", rule="1.2"),
    ),
)
def score_01(x: Inputs):
    school, activity = x["i01.party_school"], x["i01.env_day_activity"]
    return [
        earned("1.1", "0.5" if school else 0, "0.5", "已纳入党校教育培训内容" if school else "未纳入党校教育培训内容"),
        earned(
            "1.2",
            "0.5" if activity else 0,
            "0.5",
            "已开展六五环境日宣传活动" if activity else "未开展六五环境日宣传活动",
        ),
    ]


@item(
    id="2",
    section="1",
    name="认真学习贯彻党的十九届五中全会和习近平总书记考察湖南重要讲话指示精神",
    points="1",
    deadline="12月31日",
    evidence="相关方案、措施及台账",
    auditors=("市生态环境局",),
    units=PARTY_UNITS,
    source=(
        "制定学习贯彻党的十九届五中全会和习近平总书记考察湖南重要讲话指示精神的方案和措施，推动中央决策部署"
        "落实落地，计1分；未制定方案和措施的，扣0.5分；方案和措施未落实的，扣0.5分。"
    ),
    rules=(
        Rule("2.1", "未制定方案和措施的，扣0.5分", "未制定扣 0.5 分", points="0.5"),
        Rule("2.2", "方案和措施未落实的，扣0.5分", "未落实扣 0.5 分（未制定方案视为未落实）", points="0.5"),
    ),
    fields=(
        F("i02.plan_made", "bool", "已制定学习贯彻方案和措施", rule="2.1"),
        F(
            "i02.plan_implemented",
            "bool",
            "方案和措施已落实",
            rule="2.2",
            required_when=Condition("i02.plan_made", Op.IS, True),
        ),
    ),
)
def score_02(x: Inputs):
    made, implemented = x["i02.plan_made"], x["i02.plan_implemented"]
    # docs/spec/items.md#item-2: a plan not made counts as not implemented.
    implemented = implemented and made
    return [
        lost("2.1", "0.5" if not made else 0, "未制定方案和措施" if not made else "已制定方案和措施"),
        lost(
            "2.2",
            "0.5" if not implemented else 0,
            ("方案和措施未落实" + ("（未制定方案，视为未落实）" if not made else ""))
            if not implemented
            else "方案和措施已落实",
        ),
    ]


@item(
    id="3",
    section="1",
    name="科学谋划“十四五”生态环境保护工作",
    points="1",
    deadline="12月31日",
    evidence="规划文本",
    auditors=("市生态环境局",),
    units=("市生态环境局中方分局",),
    source="完成“十四五”生态环境保护规划编制，计1分，未按时完成的不得分。",
    rules=(
        Rule(
            "3", "完成“十四五”生态环境保护规划编制，计1分，未按时完成的不得分", "按时完成得 1 分，否则 0 分", points="1"
        ),
    ),
    fields=(F("i03.plan_done_on_time", "bool", "已按时完成“十四五”生态环境保护规划编制", rule="3"),),
)
def score_03(x: Inputs):
    done = x["i03.plan_done_on_time"]
    return [earned("3", flag(done), 1, "已按时完成规划编制" if done else "未按时完成规划编制")]
