"""Section 10 推进生态文明体系制度建设 (6 points): items 35 and 36 (item 37: `s10_participation`)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import earned, linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item

BRANCH = ("市生态环境局中方分局",)
CITY_EEB = ("市生态环境局",)
REPORT_SCORES = {"按时": Decimal("0.5"), "迟报": Decimal("0.4"), "未报": Decimal(0)}


@item(
    id="35",
    section="10",
    name="深入推进“四严四基”三年行动计划",
    points="2",
    deadline="12月31日",
    evidence="总结报告及任务台账",
    auditors=CITY_EEB,
    units=BRANCH,
    source=(
        "1.按时上报“四严四基”进展情况及年度工作总结，计0.5分，未按时上报的扣0.1分，未上报的不得分；\n"
        "2.按时完成2021年“四严四基”工作任务，计1.5分，完成率每少2%，扣0.1分，扣完为止。"
    ),
    rules=(
        Rule(
            "35.1",
            "按时上报“四严四基”进展情况及年度工作总结，计0.5分，未按时上报的扣0.1分，未上报的不得分",
            "按时上报 0.5 分，迟报 0.4 分，未上报 0 分",
            points="0.5",
        ),
        Rule(
            "35.2",
            "按时完成2021年“四严四基”工作任务，计1.5分，完成率每少2%，扣0.1分，扣完为止",
            "1.5 − 0.1 × (100 − 完成率) / 2，按比例计算，最低 0 分",
            points="1.5",
        ),
    ),
    fields=(
        F(
            "i35.report_status",
            "enum",
            "“四严四基”进展情况及年度工作总结上报情况",
            rule="35.1",
            choices=tuple(REPORT_SCORES),
        ),
        F("i35.task_completion", "pct+", "2021年“四严四基”工作任务完成率", "%", rule="35.2"),
    ),
)
def score_35(x: Inputs):
    status, rate = x["i35.report_status"], x["i35.task_completion"]
    return [
        earned("35.1", REPORT_SCORES[status], "0.5", f"进展情况及年度工作总结{status}"),
        lost("35.2", linear(100 - rate, "0.1", 2), f"任务完成率 {num(rate)}%，较 100% 每少 2% 扣 0.1 分", cap="1.5"),
    ]


# docs/spec/decisions.md#d8: the sub-points add up to 1.9 of the item's 2
D8_36 = "分项合计 1.9 分而本项 2 分，按 2 − 各分项扣分计分（全部达标得 2 分，最低 0.1 分）"


@item(
    id="36",
    section="10",
    name="进一步完善生态环境保护法规和标准",
    points="2",
    deadline="12月31日",
    evidence="人大监督情况；行政复议或诉讼情况",
    auditors=("市人大环资委", "市生态环境局"),
    units=("县人大环资委", "市生态环境局中方分局"),
    source=(
        "1．按要求开展生态环境保护法律监督、工作监督（至少开展一项），计0.5分，均未按要求开展的，不得分；\n"
        "2．行政行为违法或不依法履行法定职责，在行政复议或行政诉讼中被撤销、变更、确认违法或者无效、责令履行的，"
        "每起扣0.2分，未发生的计0.5分；\n"
        "3.按照中办、国办《生态环境损害赔偿制度改革方案》和省政府的相关要求，各县应当成立改革领导小组和制定实施方案"
        "（0.2分）；每个县市区办理涉及生态环境、自然资源、住房城乡建设、水利、农业农村、林业等6类案件共计不少于2件"
        "（0.7分）（具体以市直相关单位下达任务为准）。未成立改革领导小组扣0.1分；未制定出台实施方案扣0.1分；"
        "每少办结一件案件扣0.35分。"
    ),
    rules=(
        Rule(
            "36.1",
            "按要求开展生态环境保护法律监督、工作监督（至少开展一项），计0.5分，均未开展的不得分",
            "均未开展扣 0.5 分；" + D8_36,
            points="0.5",
            auditors=("市人大环资委",),
            units=("县人大环资委",),
        ),
        Rule(
            "36.2",
            "行政行为在行政复议或行政诉讼中被撤销、变更、确认违法或者无效、责令履行的，每起扣0.2分，未发生的计0.5分",
            "每起扣 0.2 分，最多扣 0.5 分；" + D8_36,
            points="0.5",
            auditors=CITY_EEB,
            units=BRANCH,
        ),
        Rule(
            "36.3",
            "成立生态环境损害赔偿制度改革领导小组和制定实施方案（0.2分），办理6类案件不少于2件（0.7分，"
            "以市直相关单位下达任务为准）",
            "未成立领导小组扣 0.1 分，未制定实施方案扣 0.1 分，较应办结件数（目标值，默认 2 件）每少办结 1 件扣 0.35 分"
            "（最多扣 0.7 分）；" + D8_36,
            points="0.9",
            auditors=CITY_EEB,
            units=BRANCH,
        ),
    ),
    fields=(
        F("i36.congress_supervision", "bool", "已按要求开展生态环境保护法律监督或工作监督（至少一项）", rule="36.1"),
        F(
            "i36.acts_revoked",
            "count",
            "行政行为在行政复议或行政诉讼中被撤销、变更、确认违法或者无效、责令履行的起数",
            "起",
            rule="36.2",
        ),
        F("i36.reform_group", "bool", "已成立生态环境损害赔偿制度改革领导小组", rule="36.3"),
        F("i36.reform_plan", "bool", "已制定出台生态环境损害赔偿制度改革实施方案", rule="36.3"),
        F(
            "i36.damage_cases",
            "count",
            "办结的生态环境损害赔偿案件数（6类案件合计）",
            "件",
            rule="36.3",
            note="应办结件数见“应办结的生态环境损害赔偿案件数”（目标值，默认 2 件）",
        ),
    ),
    reads=("target.eco_damage_cases",),
)
def score_36(x: Inputs):
    supervised, acts = x["i36.congress_supervision"], x["i36.acts_revoked"]
    group, plan, cases = x["i36.reform_group"], x["i36.reform_plan"], x["i36.damage_cases"]
    need = x["target.eco_damage_cases"]  # rev 2: "以市直相关单位下达任务为准", default 2
    return [
        lost(
            "36.1",
            "0" if supervised else "0.5",
            "已开展法律监督或工作监督" if supervised else "法律监督、工作监督均未按要求开展",
        ),
        lost(
            "36.2",
            linear(acts, "0.2"),
            f"行政行为被撤销、变更、确认违法或无效、责令履行 {acts} 起，每起扣 0.2 分",
            cap="0.5",
        ),
        lost("36.3", "0" if group else "0.1", "已成立改革领导小组" if group else "未成立改革领导小组"),
        lost("36.3", "0" if plan else "0.1", "已制定出台实施方案" if plan else "未制定出台实施方案"),
        lost(
            "36.3",
            linear(need - cases, "0.35"),
            f"办结生态环境损害赔偿案件 {cases} 件，应办结 {need} 件"
            + (f"，少 {need - cases} 件，每少 1 件扣 0.35 分" if cases < need else "，已完成"),
            cap="0.7",
        ),
    ]
