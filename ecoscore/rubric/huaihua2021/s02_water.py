"""Section 2, water sections (items 4 and 5): national and provincial sections and the CWQI
(docs/spec/items.md#item-4)."""

from __future__ import annotations

from ecoscore.core.fields import F, Period, WaterSection, class_name
from ecoscore.core.kit import approx, linear, lost, num, pos
from ecoscore.rubric import years
from ecoscore.rubric.declare import Inputs, Rule, item
from ecoscore.rubric.huaihua2021.derived import (
    CLASS_II,
    CLASS_III,
    ge3,
    improvement_pct,
    names,
    national,
    provincial_only,
)

NAME = "深入开展水污染防治行动"  # items 6 and 7 have a blank (merged) name cell in the source
AUDITORS = ("市生态环境局",)
UNITS = ("市生态环境局中方分局",)


def _missed(ss) -> str:
    return "、".join(f"{s.name}（{class_name(s.cur)}，目标{class_name(s.target)}）" for s in ss)


def _fell(ss) -> str:
    return "、".join(f"{s.name}（{class_name(s.cur)}，上年{class_name(s.prev)}）" for s in ss)


def new_sections_text(ss) -> str:
    """The sections new this year (上年类别 无), named in a line that compares with last year."""
    new = [s for s in ss if s.new]
    if not new:
        return ""
    return f"；本年新增断面{'、'.join(s.name for s in new)}（上年类别为“无”）无上年类别可比较，不参与本条"


def _low(missed: list[WaterSection]) -> list[WaterSection]:
    """Missed sections that also cost a ≥Ⅲ section: target Ⅲ or better, class worse than Ⅲ."""
    return [s for s in missed if s.target <= CLASS_III and s.cur > CLASS_III]


def _count_line(rule: str, what: str, ss: tuple[WaterSection, ...], need: int, rate: str) -> tuple:
    """The ≥Ⅲ count shortfall S (returned for the no-double-charge offset) and its line."""
    got = ge3(ss)
    short = int(pos(need - got))
    text = f"达到或优于Ⅲ类的{what} {got} 个（{names([s for s in ss if s.cur <= CLASS_III])}），年度要求 {need} 个"
    text += f"，少 {short} 个，每少 1 个扣 {rate} 分" if short else "，达到年度要求"
    return short, lost(rule, linear(short, rate), text)


def _target_line(rule: str, what: str, missed: list[WaterSection], short: int, rate: str, count_rule: str):
    """Target misses, less those already charged through the ≥Ⅲ shortfall ("不重复扣分")."""
    if not missed:
        return lost(rule, 0, f"{what}均达到年度考核目标")
    excused = min(short, len(_low(missed)))
    text = f"未达目标：{_missed(missed)}，共 {len(missed)} 个"
    if excused:
        # What is established is the count, not which section caused the shortfall (in 5.2 a
        # national section may have): the same shortfall is not charged twice.
        text += (
            f"；{count_rule} 已因达到或优于Ⅲ类的断面少 {short} 个扣分，同一问题不重复扣分："
            f"未达目标且劣于Ⅲ类的断面中 {excused} 个不再扣分，计 {len(missed) - excused} 个"
        )
    return lost(rule, linear(len(missed) - excused, rate), f"{text}，每个扣 {rate} 分")


def _fell_line(
    rule: str, what: str, met_fell: list[WaterSection], exempt: list[WaterSection], rate: str, x: Inputs, among=()
):
    """Sections meeting target but worse than last year; a new section (`among`) is left out and named."""
    charged = [s for s in met_fell if s not in exempt]
    text = f"达标但水质类别较{years.last_year(x)}下降的{what}：{_fell(charged) or '无'}"
    if exempt:
        text += f"（达到Ⅱ类不扣分：{_fell(exempt)}）"
    text += new_sections_text(among)
    if charged:
        text += f"，共 {len(charged)} 个，每个扣 {rate} 分"
    return lost(rule, linear(len(charged), rate), text)


@item(
    id="4",
    section="2",
    name=NAME,
    points="4",
    deadline="12月31日",
    evidence="监测数据",
    auditors=AUDITORS,
    units=UNITS,
    source=(
        "一、辖区国考断面水质\n"
        "1.辖区达到或优于Ⅲ类水质的国考断面数量少于年度考核要求的，每少1个扣2分；\n"
        "2.辖区国考断面水质未达到年度考核目标的，每1个断面扣1分；\n"
        "3.辖区国考断面水质达到国家考核目标，但水质类别较2020年下降的，每1个断面扣0.2分（达到Ⅱ类水质不扣分）。\n"
        "（说明： 1、2项不重复扣分。）"
    ),
    rules=(
        Rule("4.1", "达到或优于Ⅲ类的国考断面数量少于年度考核要求的，每少1个扣2分", "2 × 少的个数"),
        Rule(
            "4.2",
            "国考断面水质未达到年度考核目标的，每1个断面扣1分（1、2项不重复扣分）",
            "1 × （未达目标断面数 − 已在4.1扣分的个数）；已扣分的个数 = min（4.1少的个数，目标Ⅲ类及以上而本年劣于Ⅲ类的未达标断面数）",
        ),
        Rule(
            "4.3",
            "达到考核目标但水质类别较2020年下降的，每1个断面扣0.2分（达到Ⅱ类水质不扣分）",
            "0.2 × 达标、较上年下降且劣于Ⅱ类的国考断面数",
        ),
    ),
    reads=("target.national_ge3_count",),
    uses_sections=True,
)
def score_04(x: Inputs):
    nat = national(x.sections)
    short, line1 = _count_line("4.1", "国考断面", nat, x["target.national_ge3_count"], "2")
    missed = [s for s in nat if not s.meets_target]
    met_fell = [s for s in nat if s.meets_target and s.worsened]
    return [
        line1,
        _target_line("4.2", "国考断面", missed, short, "1", "4.1"),
        _fell_line("4.3", "国考断面", met_fell, [s for s in met_fell if s.cur <= CLASS_II], "0.2", x, nat),
    ]


@item(
    id="5",
    section="2",
    name=NAME,
    points="4",
    deadline="12月31日",
    evidence="监测数据",
    auditors=AUDITORS,
    units=UNITS,
    source=(
        "二、辖区省考断面水质\n"
        "1.辖区省考断面城市水质综合指数，按照恶化比例扣分，每恶化1个百分点扣0.2分，总体恶化幅度超过10%的，扣4分。"
        "城市水质综合指数排名位于全市前3位且恶化幅度在3%以内的，不扣分，超出部分按本项前述要求扣分；\n"
        "2.辖区达到或优于Ⅲ类水质的省考断面（包括国考断面）数量低于年度要求的，每少1个扣1分；\n"
        "3.辖区省考断面（不包括国考断面）水质未达到年度考核目标的，每1个断面扣0.5分；\n"
        "4.辖区省考断面（不包括国考断面）水质达到年度考核目标，但水质类别较2020年下降的，每1个断面扣0.1分。\n"
        "（说明：同一问题不重复扣分；本细则中，省考断面指数变化程度以相关年度所有省考断面的城市水质综合指数计，"
        "国考断面指数变化程度以相关年度“十四五”国考断面的城市水质综合指数计，下同。）"
    ),
    rules=(
        Rule(
            "5.1",
            "城市水质综合指数每恶化1个百分点扣0.2分，恶化超过10%扣4分；排名全市前3位且恶化在3%以内不扣分",
            "恶化幅度 w =（本年 − 上年）/ 上年 × 100：w > 10 扣 4 分；w ≤ 0 不扣分；"
            "排名前3位扣 0.2 × （w − 3，不小于 0）；否则扣 0.2 × w",
        ),
        Rule("5.2", "达到或优于Ⅲ类的省考断面（包括国考断面）数量低于年度要求的，每少1个扣1分", "1 × 少的个数"),
        Rule(
            "5.3",
            "省考断面（不包括国考断面）未达到年度考核目标的，每1个断面扣0.5分（同一问题不重复扣分）",
            "0.5 × （未达目标的省考断面数 − min（5.2少的个数，其中目标Ⅲ类及以上而本年劣于Ⅲ类的个数））",
        ),
        Rule(
            "5.4",
            "省考断面（不包括国考断面）达到年度目标但水质类别较2020年下降的，每1个断面扣0.1分",
            "0.1 × 达标但较上年下降的省考断面数（无Ⅱ类豁免）",
        ),
    ),
    fields=(
        F(
            "i05.cwqi",
            "num",
            "本年辖区省考断面城市水质综合指数",
            positive=True,
            rule="5.1",
            measure="cwqi",
            period=Period.CURRENT,
        ),
        F(
            "i05.cwqi_prev",
            "num",
            "上年（2020年）辖区省考断面城市水质综合指数",
            positive=True,
            rule="5.1",
            measure="cwqi",
            period=Period.PREVIOUS,
        ),
        F(
            "i05.cwqi_city_rank",
            "rank",
            "本年城市水质综合指数全市排名（第几名，1 为最好）",
            "名",
            optional=True,
            rule="5.1",
            note="排名全市前3位且恶化在3%以内不扣分；留空按不在前3位计",
        ),
    ),
    reads=("target.provincial_ge3_count",),
    uses_sections=True,
)
def score_05(x: Inputs):
    cur, prev, rank = x["i05.cwqi"], x["i05.cwqi_prev"], x["i05.cwqi_city_rank"]
    w = -improvement_pct(prev, cur)  # worsening %, not rounded before the comparisons (D3)
    base = f"城市水质综合指数本年 {num(cur)}，上年 {num(prev)}"
    top3 = rank is not None and rank <= 3
    rank_text = (
        f"，全市排名第 {rank} 位（{'前3位' if top3 else '不在前3位'}）"
        if rank is not None
        else "，未填全市排名（按不在前3位计）"
    )
    if w > 10:
        line1 = lost("5.1", 4, f"{base}，恶化 {approx(w)}%，总体恶化幅度超过 10%")
    elif w <= 0:
        line1 = lost("5.1", 0, f"{base}，{'改善 ' + approx(-w) + '%' if w else '持平'}，未恶化")
    elif top3 and w <= 3:
        line1 = lost("5.1", 0, f"{base}，恶化 {approx(w)}%{rank_text}，恶化在 3% 以内")
    elif top3:
        line1 = lost(
            "5.1",
            linear(w - 3, "0.2"),
            f"{base}，恶化 {approx(w)}%{rank_text}，3% 以内不扣分，超出 {approx(w - 3)} 个百分点，每个百分点扣 0.2 分",
        )
    else:
        line1 = lost("5.1", linear(w, "0.2"), f"{base}，恶化 {approx(w)}%{rank_text}，每恶化 1 个百分点扣 0.2 分")
    prov = provincial_only(x.sections)
    short, line2 = _count_line("5.2", "省考断面（含国考）", x.sections, x["target.provincial_ge3_count"], "1")
    missed = [s for s in prov if not s.meets_target]
    met_fell = [s for s in prov if s.meets_target and s.worsened]
    return [
        line1,
        line2,
        _target_line("5.3", "省考断面（不含国考）", missed, short, "0.5", "5.2"),
        _fell_line("5.4", "省考断面（不含国考）", met_fell, [], "0.1", x, prov),  # no class-Ⅱ exemption in 5.4
    ]
