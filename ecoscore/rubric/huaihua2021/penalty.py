"""Penalty P 扣分项: deductions from the total, no cap (docs/spec/items-b-p.md#item-p).

Every field is an optional count (blank = 0, docs/spec/decisions.md#d7). "未按要求整改到位" is a further
charge on top of the interview or listing (docs/spec 第 2 版, docs/spec/items-b-p.md#r-p-1): the
plain count (`*_interviews`, `*_listed`) is every interview or listing, and the
`*_unrectified` count how many of those were not rectified, so a national interview not
rectified costs 1 + 2 = 3. An unrectified count above its plain count is a contradiction
(`Field.at_most`). Every other event goes in exactly one count.
The source gives this part no 进度节点/考核依据/审核单位/责任单位; the lines are attributed to
the county's coordinating office (县生态环境保护委员会办公室), audited by the city's
(市生态环境保护委员会办公室), as for the bonus (`COORDINATION_UNITS`, docs/spec/decisions.md#dev-6-1).
"""

from __future__ import annotations

from ecoscore.core.fields import F
from ecoscore.core.kit import D, linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item
from ecoscore.rubric.huaihua2021.params import COORDINATION_AUDITORS, COORDINATION_UNITS

# (key suffix, what happened, unit, national points, provincial points = half, docs/spec/items-b-p.md#item-p)
LEVEL_EVENTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("restrictions", "区域限批或因突出问题整改不力被专项督察", "次", "2", "1"),
    ("interviews", "约谈", "次", "1", "0.5"),
    ("interviews_unrectified", "约谈后未按要求整改到位", "次", "2", "1"),
    ("cases_exposed", "典型案例曝光", "个问题", "1", "0.5"),
    ("listed", "挂牌督办", "个问题", "0.5", "0.25"),
    ("listed_unrectified", "挂牌督办后未按要求整改到位", "个问题", "1", "0.5"),
    ("criticisms", "通报批评", "次", "0.5", "0.25"),
    ("media", "主流媒体曝光且经查实存在严重问题", "次", "0.5", "0.25"),
)
UNRECTIFIED = {"interviews_unrectified": "interviews", "listed_unrectified": "listed"}
# (rule, key prefix, level, media named by the source)
LEVELS = (("P.1", "nat", "国家", "人民日报、新华社、中央广播电视台"), ("P.2", "prov", "省级", "湖南日报、湖南卫视"))
# (rule, key, what happened, unit, points each)
LOCAL_EVENTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("P.3", "penalty.city_actions", "被市级通报批评、约谈或者下发督办函", "次", "0.2"),
    ("P.4", "penalty.late_replies", "交办任务未能及时回复接收", "次", "0.1"),
    ("P.4", "penalty.report_failures", "向市生环委办报送调度材料迟报、虚报、瞒报、未报或未按要求报送", "次", "0.1"),
    ("P.4", "penalty.report_mismatches", "经市生环委办现场核查发现与上报情况不符", "次", "0.2"),
)


FURTHER = "其中"  # an unrectified count's line starts so: a further charge on top of the plain one


def _event_text(level: str, suffix: str, what: str) -> str:
    if suffix in UNRECTIFIED:
        plain = next(w for s, w, *_ in LEVEL_EVENTS if s == UNRECTIFIED[suffix])
        return f"{FURTHER}被{level}{plain}后未按要求整改到位"
    return f"被{level}{what}"


def _count_label(what: str, unit: str) -> str:
    return f"{what}的{'问题数' if unit == '个问题' else '次数'}"


def _level_fields() -> tuple:
    out = []
    for i, (rule, prefix, level, media) in enumerate(LEVELS):
        for suffix, what, unit, *points in LEVEL_EVENTS:
            what = f"被{level}{what}" if suffix != "media" else f"被{level}主流媒体（{media}）曝光且经查实存在严重问题"
            label = _count_label(what, unit)
            note = f"每{unit}扣 {points[i]} 分"
            at_most = None
            if suffix in UNRECTIFIED.values():
                label += "（含其中未按要求整改到位的）"
            if suffix in UNRECTIFIED:
                plain = next(w for s, w, u, *_ in LEVEL_EVENTS if s == UNRECTIFIED[suffix])
                plain_label = _count_label(f"被{level}{plain}", unit)
                plain_points = next(p[i] for s, w, u, *p in LEVEL_EVENTS if s == UNRECTIFIED[suffix])
                label = f"{plain_label}中，未按要求整改到位的{'问题数' if unit == '个问题' else '次数'}"
                note = (
                    f"在{plain}每{unit}扣 {plain_points} 分之上，每{unit}另扣 {points[i]} 分"
                    f"（共 {num(D(plain_points) + D(points[i]))} 分）；不能大于{plain}总数"
                )
                at_most = f"penalty.{prefix}_{UNRECTIFIED[suffix]}"
            out.append(
                F(
                    f"penalty.{prefix}_{suffix}",
                    "count",
                    label,
                    unit,
                    rule=rule,
                    optional=True,
                    note=note,
                    at_most=at_most,
                )
            )
    return tuple(out)


def _lines(rule: str, events: list[tuple[int | None, str, str, str]], nothing: str) -> list:
    """One line per non-zero count of a sub-rule, or one "不扣分" line if all are zero.

    An unrectified count's line (its text starts with `FURTHER`) says "另扣": it comes on top
    of the interview's or listing's own line.
    """
    lines = [
        lost(
            rule, linear(n, each), f"{what} {n} {unit}，每{unit}{'另' if what.startswith(FURTHER) else ''}扣 {each} 分"
        )
        for n, what, unit, each in events
        if n
    ]
    return lines or [lost(rule, 0, nothing)]


@item(
    id="P",
    section="P",
    name="扣分项",
    points=None,
    deadline="",
    evidence="",
    # the source table gives B/P no 审核单位/责任单位: see the module docstring
    auditors=COORDINATION_AUDITORS,
    units=COORDINATION_UNITS,
    source=(
        "二、有下列情形之一的，予以扣分（同一事件不重复扣分）：\n"
        "1．被国家区域限批或因突出问题整改不力被专项督察的，一次扣2分；被国家约谈的，每次扣1分，未按要求整改到位的，"
        "一次扣2分；被国家典型案例曝光的，一个问题扣1分；被国家挂牌督办的，一个问题扣0.5分，未按要求整改到位的，"
        "一个问题扣1分；被国家通报批评的1次扣0.5分；被国家主流媒体（人民日报、新华社、中央广播电视台）曝光，"
        "经查实存在严重问题的，一次扣0.5分；\n"
        "2.被省级区域限批或因突出问题整改不力被专项督察的，一次扣1分；被省级约谈的，一次扣0.5分，未按要求整改到位的，"
        "一次扣1分；被省级典型案例曝光的，一个问题扣0.5分；被省级挂牌督办，一个问题扣0.25分，未按要求整改到位的，"
        "一个问题扣0.5分；被省级通报批评的1次扣0.25分；被省级主流媒体（湖南日报、湖南卫视）曝光，经查实存在严重问题的，"
        "一次扣0.25分。\n"
        "3.被市级通报批评、约谈或者下发督办函的，每次扣0.2分。\n"
        "4.各县市区污染防治攻坚战联络机制不健全，交办任务未能及时回复接收的每次扣0.1分；向市生环委办报送调度材料"
        "存在迟报、虚报、瞒报、未报、未按要求报送等情况的，一次扣0.1分；污染防治攻坚战涉及问题经市生环委办现场核查，"
        "发现与上报情况不符的，一次扣0.2分。\n"
        "三、以上加分、扣分事项皆以本年度所发生事实为准。"
    ),
    rules=(
        Rule(
            "P.1",
            "被国家区域限批、专项督察、约谈、典型案例曝光、挂牌督办、通报批评、主流媒体曝光",
            "限批或专项督察 2 分/次，约谈 1 分/次（其中未按要求整改到位的每次另扣 2 分，共 3 分），典型案例 1 分/个，"
            "挂牌督办 0.5 分/个（其中未按要求整改到位的每个另扣 1 分，共 1.5 分），通报批评 0.5 分/次，"
            "媒体曝光 0.5 分/次；其他事件只计一次",
        ),
        Rule(
            "P.2",
            "被省级区域限批、专项督察、约谈、典型案例曝光、挂牌督办、通报批评、主流媒体曝光",
            "按国家级各项的一半扣分（约谈未整改到位共 1.5 分，挂牌督办未整改到位共 0.75 分）；其他事件只计一次",
        ),
        Rule("P.3", "被市级通报批评、约谈或者下发督办函的，每次扣0.2分", "0.2 × 次数"),
        Rule(
            "P.4",
            "联络机制不健全：交办任务未及时回复接收、调度材料报送不实或不及时、现场核查与上报不符",
            "未及时回复 0.1 分/次，报送问题 0.1 分/次，核查不符 0.2 分/次",
        ),
    ),
    fields=_level_fields()
    + tuple(
        F(k, "count", _count_label(what, unit), unit, rule=rule, optional=True, note=f"每{unit}扣 {each} 分")
        for rule, k, what, unit, each in LOCAL_EVENTS
    ),
)
def score_penalty(x: Inputs):
    out = []
    for i, (rule, prefix, level, _) in enumerate(LEVELS):
        events = [
            (x[f"penalty.{prefix}_{suffix}"], _event_text(level, suffix, what), unit, points[i])
            for suffix, what, unit, *points in LEVEL_EVENTS
        ]
        out += _lines(rule, events, f"未发生{level}层面扣分事项")
    for rule, nothing in (("P.3", "未被市级通报批评、约谈或下发督办函"), ("P.4", "联络机制方面无扣分事项")):
        out += _lines(rule, [(x[k], what, unit, each) for r, k, what, unit, each in LOCAL_EVENTS if r == rule], nothing)
    return out
