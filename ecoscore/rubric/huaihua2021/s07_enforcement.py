"""Section 7 严格生态环境监管执法 (5 points): items 29–30."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import ZERO, D, earned, flag, gained, linear, lost, num, pts
from ecoscore.core.model import Line
from ecoscore.rubric.declare import Inputs, Rule, item

ECO_BRANCH = "市生态环境局中方分局"
POLICE = "县公安局"
ITEM30_POINTS = Decimal(4)
# 30.6: this many disciplinary violations or more wipe out the whole item (全盘否定).
WIPE_OUT_VIOLATIONS = 3


@item(
    id="29",
    section="7",
    name="严格生态环境行政许可",
    points="1",
    deadline="12月31日",
    evidence="相关台账及抽查核查情况",
    auditors=("市生态环境局",),
    units=(ECO_BRANCH,),
    source="完善生态环境行政许可制度，规范流程，做到严格把关、依法行政，计1分，每发现1起违规行为扣0.2分，扣完为止。",
    rules=(
        Rule(
            "29",
            "完善生态环境行政许可制度，计1分，每发现1起违规行为扣0.2分，扣完为止",
            "0.2 × 违规行为起数，最多扣 1 分",
            points="1",
        ),
    ),
    fields=(F("i29.violations", "count", "发现生态环境行政许可违规行为", "起", rule="29"),),
)
def score_29(x: Inputs):
    n = x["i29.violations"]
    return [lost("29", linear(n, "0.2"), f"发现行政许可违规行为 {n} 起，每起扣 0.2 分", cap=1)]


SOURCE_30 = (
    "1.加强移动执法系统的全覆盖使用，按要求落实“双随机、一公开”日常执法制度，计1分，未动态更新一单两库并制定随机抽查计划的，"
    "每发现1次扣0.1分；未开展“双随机”执法并信息公开的，扣0.1分；未按要求将“双随机、一公开”结果归集到相关信息系统的，"
    "扣0.1分，扣完为止；\n"
    "2.加强两法衔接，加大对环境违法犯罪行为打击力度，计1分，环保、公安部门未按要求及时办理交办、督办案件的，"
    "每一起案件扣0.1分；查处案件程序违法或者不到位的，每一起案件扣0.1分；未办案（行政拘留案件或刑事案件）的，扣0.1分；"
    "未按要求移送环境违法犯罪案件的，每一起行政拘留案件扣0.1分，每一起刑事案件扣0.2分；公安对环保移送的案件不依法及时"
    "受理查办的，每一起行政拘留案件扣0.1分，每一起刑事案件扣0.2分，扣完为止；\n"
    "3.完成全国环境行政处罚案件办理信息系统案件填报，计1分，填报率每低5%扣0.1分，扣完为止；\n"
    "4.按要求开展涉铊、涉危废等专项执法检查，计1分，未开展的不得分；\n"
    "5.环保案件数或罚款数同比增长10%以上的，加0.1分；办理全国有影响力的或者获国家、省级部门书面表扬的大案要案，"
    "每一起案件加0.2分；办理全省有影响力的案件，每一起案件加0.1分；同一案件不重复加分；（累计最高奖励不超过1分）\n"
    "6．加强执法廉政建设，每发现一起环境执法违纪事件，扣1分；发现三起及以上执法违纪事件，实行全盘否定，总得分直接记0分；\n"
    "7．以上加分扣分累计后，总得分不低于0分或不超过4分。"
)


@item(
    id="30",
    section="7",
    name="严格生态环境执法",
    points=str(ITEM30_POINTS),
    deadline="12月31日",
    evidence="执法台账及抽查核查情况",
    auditors=("市生态环境局", "市公安局"),
    units=(ECO_BRANCH, POLICE),
    source=SOURCE_30,
    clamp_rule="30.7",
    rules=(
        Rule(
            "30.1",
            "落实“双随机、一公开”日常执法制度，计1分，扣完为止",
            "未更新一单两库并制定抽查计划每次 0.1；未开展双随机执法并公开 0.1；结果未归集 0.1；最多扣 1 分",
            points="1",
            units=(ECO_BRANCH,),
        ),
        Rule(
            "30.2",
            "加强两法衔接，计1分，扣完为止",
            "未及时办理交办督办案件、程序违法或不到位每起 0.1；未办案 0.1；未移送行政拘留/刑事案件每起 0.1/0.2；"
            "公安未受理行政拘留/刑事案件每起 0.1/0.2；最多扣 1 分",
            points="1",
            units=(ECO_BRANCH, POLICE),
        ),
        Rule(
            "30.3",
            "完成全国环境行政处罚案件办理信息系统案件填报，计1分，填报率每低5%扣0.1分，扣完为止",
            "0.1 × (100 − 填报率) / 5，按比例，最多扣 1 分",
            points="1",
            units=(ECO_BRANCH,),
        ),
        Rule(
            "30.4",
            "按要求开展涉铊、涉危废等专项执法检查，计1分，未开展的不得分",
            "开展得 1 分，否则 0 分",
            points="1",
            units=(ECO_BRANCH,),
        ),
        Rule(
            "30.5",
            "案件数或罚款数同比增长10%以上加0.1分；全国级大案要案每起加0.2分；全省级每起加0.1分；累计最高1分",
            "0.1 × [增长 ≥ 10%] + 0.2 × 全国级案件 + 0.1 × 全省级案件，最多加 1 分",
            units=(ECO_BRANCH,),
        ),
        Rule(
            "30.6",
            "每发现一起环境执法违纪事件扣1分；三起及以上全盘否定，总得分直接记0分",
            "1 × 违纪事件起数；≥ 3 起本项记 0 分",
            units=(ECO_BRANCH,),
        ),
        Rule("30.7", "以上加分扣分累计后，总得分不低于0分或不超过4分", "本项得分截取在 [0, 4]"),
    ),
    fields=(
        F("i30.list_update_failures", "count", "发现未动态更新一单两库并制定随机抽查计划", "次", rule="30.1"),
        F("i30.no_random_inspection", "bool", "未开展“双随机”执法并信息公开", rule="30.1", note="未开展填“是”"),
        F(
            "i30.not_aggregated",
            "bool",
            "未按要求将“双随机、一公开”结果归集到相关信息系统",
            rule="30.1",
            note="未归集填“是”",
        ),
        F("i30.cases_late", "count", "环保、公安部门未按要求及时办理的交办、督办案件", "起", rule="30.2"),
        F("i30.cases_improper", "count", "查处程序违法或者不到位的案件", "起", rule="30.2"),
        F("i30.no_cases", "bool", "全年未办理行政拘留案件或刑事案件", rule="30.2", note="未办案填“是”"),
        F("i30.detention_not_transferred", "count", "未按要求移送的环境违法行政拘留案件", "起", rule="30.2"),
        F("i30.criminal_not_transferred", "count", "未按要求移送的环境犯罪刑事案件", "起", rule="30.2"),
        F("i30.police_detention_refused", "count", "公安对环保移送的行政拘留案件未依法及时受理查办", "起", rule="30.2"),
        F("i30.police_criminal_refused", "count", "公安对环保移送的刑事案件未依法及时受理查办", "起", rule="30.2"),
        F("i30.penalty_fill_rate", "pct", "全国环境行政处罚案件办理信息系统案件填报率", "%", rule="30.3"),
        F("i30.special_enforcement_done", "bool", "已按要求开展涉铊、涉危废等专项执法检查", rule="30.4"),
        F("i30.cases_up_10pct", "bool", "环保案件数或罚款数同比增长10%以上", rule="30.5"),
        F(
            "i30.national_cases",
            "count",
            "办理全国有影响力或获国家、省级部门书面表扬的大案要案",
            "起",
            rule="30.5",
            note="同一案件只计一次，按最高级别计",
        ),
        F(
            "i30.provincial_cases",
            "count",
            "办理全省有影响力的案件（不含已按上一行计的）",
            "起",
            rule="30.5",
            note="同一案件只计一次，按最高级别计",
        ),
        F("i30.discipline_violations", "count", "发现环境执法违纪事件", "起", rule="30.6"),
    ),
)
def score_30(x: Inputs):
    lines = [
        _part_lost(
            "30.1",
            [
                _per("未动态更新一单两库并制定随机抽查计划", x["i30.list_update_failures"], "次", "0.1"),
                _once("未开展“双随机”执法并信息公开", x["i30.no_random_inspection"]),
                _once("未按要求将“双随机、一公开”结果归集到相关信息系统", x["i30.not_aggregated"]),
            ],
            "一单两库已动态更新并制定随机抽查计划，已开展“双随机”执法并信息公开，结果已归集",
        ),
        _part_lost(
            "30.2",
            [
                _per("未按要求及时办理交办、督办案件", x["i30.cases_late"], "起", "0.1"),
                _per("查处案件程序违法或者不到位", x["i30.cases_improper"], "起", "0.1"),
                _once("未办案（行政拘留案件或刑事案件）", x["i30.no_cases"]),
                _per("未按要求移送行政拘留案件", x["i30.detention_not_transferred"], "起", "0.1"),
                _per("未按要求移送刑事案件", x["i30.criminal_not_transferred"], "起", "0.2"),
                _per("公安未依法及时受理查办移送的行政拘留案件", x["i30.police_detention_refused"], "起", "0.1"),
                _per("公安未依法及时受理查办移送的刑事案件", x["i30.police_criminal_refused"], "起", "0.2"),
            ],
            "未发现案件办理不及时、程序违法或不到位、未办案、未移送或公安未受理的情形",
        ),
        _fill_rate(x["i30.penalty_fill_rate"]),
        earned(
            "30.4",
            flag(x["i30.special_enforcement_done"]),
            1,
            "已开展涉铊、涉危废等专项执法检查"
            if x["i30.special_enforcement_done"]
            else "未开展涉铊、涉危废等专项执法检查",
        ),
        _bonus(x),
    ]
    n = x["i30.discipline_violations"]
    if n >= WIPE_OUT_VIOLATIONS:
        lines.append(
            _wipe_out(
                "30.6",
                ITEM30_POINTS,
                lines,
                f"发现环境执法违纪事件 {n} 起（三起及以上），实行全盘否定，总得分直接记 0 分",
            )
        )
    else:
        lines.append(lost("30.6", linear(n, 1), f"发现环境执法违纪事件 {n} 起，每起扣 1 分"))
    return lines  # 30.7 (clamp to [0, 4]) is applied by the engine through clamp_rule


def _per(what: str, n: int, unit: str, rate: str) -> tuple[Decimal, str]:
    """One "每…扣 rate 分" clause of a compound sub-rule: (its deduction, its words)."""
    return linear(n, rate), f"{what} {n} {unit}（每{unit}扣 {rate} 分）"


def _once(what: str, failed: bool) -> tuple[Decimal, str]:
    """One "…的，扣0.1分" clause."""
    return (D("0.1") if failed else ZERO), f"{what}（扣 0.1 分）"


def _part_lost(rule: str, parts: list[tuple[Decimal, str]], clean: str) -> Line:
    """A sub-rule made of several clauses sharing one "计1分…扣完为止" cap.

    The reason names the clauses that cost something, or says `clean` when none did.
    """
    hit = [(a, t) for a, t in parts if a > 0]
    return lost(rule, sum((a for a, _ in hit), ZERO), "；".join(t for _, t in hit) or clean, cap=1)


def _fill_rate(rate: Decimal) -> Line:
    return lost(
        "30.3", linear(100 - rate, "0.1", 5), f"案件填报率 {num(rate)}%，填报率每低 5% 扣 0.1 分（按比例）", cap=1
    )


def _bonus(x: Inputs) -> Line:
    up, nat, prov = x["i30.cases_up_10pct"], x["i30.national_cases"], x["i30.provincial_cases"]
    amount = D("0.1") * flag(up) + linear(nat, "0.2") + linear(prov, "0.1")
    what = (
        "环保案件数或罚款数同比增长 10% 以上（加 0.1 分）" if up else "环保案件数或罚款数未同比增长 10% 以上"
    ) + f"；全国有影响力或获表扬的大案要案 {nat} 起（每起加 0.2 分）；全省有影响力的案件 {prov} 起（每起加 0.1 分）"
    return gained("30.5", amount, what, cap=1)


def _wipe_out(rule: str, points: Decimal, before: list[Line], what: str) -> Line:
    """全盘否定: a line whose delta brings the item to exactly 0, whatever the other lines are.

    (Not in the kit yet: the delta is points + Σ others, so it is computed from the lines.)
    """
    delta = -(points + sum((ln.delta for ln in before), ZERO))
    if delta < 0:
        tail = f"扣 {pts(-delta)} 分"
    else:  # the other sub-rules already took everything (cannot exceed it today: 30.1–30.4 lose ≤ 4)
        tail = "本项其余扣分已扣完，不再扣分" if delta == 0 else f"加回 {pts(delta)} 分"
    return Line(rule=rule, delta=delta, reason=f"{what}，{tail}")
