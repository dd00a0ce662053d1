"""Section 5 实施碳排放达峰行动: items 25–27."""

from __future__ import annotations

from ecoscore.core.fields import F
from ecoscore.core.kit import earned, flag
from ecoscore.rubric.declare import Inputs, Rule, item

EEB, COUNTY_EEB = ("市生态环境局",), ("市生态环境局中方分局",)


@item(
    id="25",
    section="5",
    name="健全议事协调机构",
    points="1",
    deadline="12月31日",
    evidence="相关文件",
    auditors=EEB,
    units=COUNTY_EEB,
    source="调整我县应对气候变化及节能减排工作领导小组，统筹碳排放行动计划，计1分，未调整领导小组的不得分。",
    rules=(
        Rule(
            "25",
            "调整应对气候变化及节能减排工作领导小组，计1分，未调整的不得分",
            "已调整得 1 分，否则 0 分",
            points="1",
        ),
    ),
    fields=(F("i25.group_adjusted", "bool", "已调整县应对气候变化及节能减排工作领导小组", rule="25"),),
)
def score_25(x: Inputs):
    done = x["i25.group_adjusted"]
    return [earned("25", flag(done), 1, "已调整领导小组" if done else "未调整领导小组")]


@item(
    id="26",
    section="5",
    name="制定碳排放达峰行动方案",
    points="2",
    deadline="12月31日",
    evidence="相关方案",
    auditors=EEB,
    units=COUNTY_EEB,
    source="编制应对气候变化达峰行动方案得2分，未编制的不得分。",
    rules=(Rule("26", "编制应对气候变化达峰行动方案得2分，未编制的不得分", "已编制得 2 分，否则 0 分", points="2"),),
    fields=(F("i26.plan_compiled", "bool", "已编制应对气候变化达峰行动方案", rule="26"),),
)
def score_26(x: Inputs):
    done = x["i26.plan_compiled"]
    return [earned("26", 2 * flag(done), 2, "已编制达峰行动方案" if done else "未编制达峰行动方案")]


@item(
    id="27",
    section="5",
    name="开展监督检查",
    points="1",
    deadline="12月31日",
    evidence="相关台账、报告",
    auditors=EEB,
    units=COUNTY_EEB,
    source="对重点排放单位温室气体排放和碳排放配额清缴情况开展监督检查，计1分，未按时完成的扣1分。",
    rules=(
        Rule(
            "27",
            "对重点排放单位温室气体排放和碳排放配额清缴情况开展监督检查，计1分，未按时完成的扣1分",
            "按时完成得 1 分，否则 0 分",
            points="1",
        ),
    ),
    fields=(
        F("i27.inspection_done", "bool", "已按时对重点排放单位温室气体排放和碳排放配额清缴情况开展监督检查", rule="27"),
    ),
)
def score_27(x: Inputs):
    done = x["i27.inspection_done"]
    return [earned("27", flag(done), 1, "已按时完成监督检查" if done else "未按时完成监督检查")]
