"""Bonus B 加分项: what the county earns on top of the 100 points.

The engine caps the bonus at +5 ("累计不超过5分"); this module never caps it itself.
Every field is optional: blank means "not awarded" (docs/spec/decisions.md#d7).
The source gives this part no 进度节点/考核依据/审核单位/责任单位; the lines are attributed to
the county's coordinating office (县生态环境保护委员会办公室), audited by the city's
(市生态环境保护委员会办公室): `COORDINATION_UNITS`/`COORDINATION_AUDITORS`,
docs/spec/decisions.md#dev-6-1.
"""

from __future__ import annotations

from ecoscore.core.fields import F, class_name
from ecoscore.core.kit import flag, gained, linear, num
from ecoscore.rubric.declare import Inputs, Rule, item
from ecoscore.rubric.huaihua2021.derived import AIR_KEYS, grade2_attained, grade2_text, newly_class1
from ecoscore.rubric.huaihua2021.params import COORDINATION_AUDITORS, COORDINATION_UNITS
from ecoscore.rubric.huaihua2021.s02_water import new_sections_text

PM25_CLEAN = 15  # µg/m³, "PM2.5年均浓度小于15微克/立方米"
DEMO_NATIONAL = {"申报": "1", "命名": "2"}
DEMO_PROVINCIAL = {"申报": "0.5", "命名": "1"}
DEMO_CHOICES = ("无", "申报", "命名")


def _demo(rule: str, stage: str | None, points: dict[str, str], title: str):
    """A demonstration title counts once, at its highest stage (docs/spec/items-b-p.md#item-b)."""
    stage = stage or "无"
    return gained(rule, points.get(stage, "0"), f"{title}：{stage}")


@item(
    id="B",
    section="B",
    name="加分项",
    points=None,
    deadline="",
    evidence="",
    # the source table gives B/P no 审核单位/责任单位: see the module docstring
    auditors=COORDINATION_AUDITORS,
    units=COORDINATION_UNITS,
    source=(
        "一、有下列情形之一的，予以加分,累计不超过5分（同一事件不重复加分）：\n"
        "1.空气质量排名全省前十、PM2.5年均浓度小于15微克/立方米的县市区、空气质量综合指数和水环境质量国考断面、"
        "省考断面改善幅度排名全市第1名市以及因环境质量改善受到省政府激励措施奖励的，辖区内省、国考断面水质较上年"
        "新提升达到Ⅰ类水质的，每项加1分；（同一县市区空气质量排名全省前十、PM2.5年均浓度小于15微克/立方米、"
        "空气质量同时达到国家二级标准和综合指数改善第一的只加一次分，综合指数改善幅度由排名第二的县市区递补；"
        "同一县市区国考断面、省考断面改善幅度排名全省第1名，则省考断面改善幅度第2名县市区递补。）\n"
        "2.县市区污染防治攻坚战工作经验或成效受到国家部委和省委、省政府表彰的（需要党中央、国务院及各部委、"
        "省委省政府正式表彰文件，表彰需是集体，不含个人），每项加1分；（同一表彰文件涉及市多个县市区、部门的，"
        "按一项内容加分）\n"
        "3.本年度申报国家级生态文明建设示范县（市、区）或“绿水青山就是金山银山”实践创新基地，加1分，获得命名，"
        "加2分。本年度申报省级生态文明建设示范县（市、区），加0.5分，获得命名，加1分。\n"
        "三、以上加分、扣分事项皆以本年度所发生事实为准。"
    ),
    rules=(
        Rule(
            "B.1",
            "空气质量排名全省前十、PM2.5年均浓度小于15微克/立方米、空气质量同时达到国家二级标准和综合指数改善幅度"
            "排名全市第1名，只加一次分",
            "任一项成立加 1 分（只加一次）；综合指数改善第一须同时达到二级标准，未达到的不加分",
        ),
        Rule("B.2", "水环境质量国考断面、省考断面改善幅度排名全市第1名", "任一项成立加 1 分（只加一次）"),
        Rule("B.3", "因环境质量改善受到省政府激励措施奖励", "加 1 分"),
        Rule(
            "B.4", "辖区内省、国考断面水质较上年新提升达到Ⅰ类", "有任一断面新提升达到Ⅰ类加 1 分（按项计，不按断面数计）"
        ),
        Rule("B.5", "污染防治攻坚战工作经验或成效受国家部委和省委、省政府表彰，每项加1分", "1 × 表彰文件数"),
        Rule("B.6", "申报国家级生态文明建设示范县或“两山”实践创新基地加1分，获得命名加2分", "申报 1 分，命名 2 分"),
        Rule("B.7", "申报省级生态文明建设示范县加0.5分，获得命名加1分", "申报 0.5 分，命名 1 分"),
    ),
    fields=(
        F("bonus.air_top10_province", "bool", "空气质量排名全省前十", rule="B.1", optional=True),
        F(
            "bonus.aqci_first_city",
            "bool",
            "空气质量综合指数改善幅度排名全市第1名（含递补）",
            rule="B.1",
            optional=True,
            note="须同时达到国家二级标准才加分（按本表空气六项判定）；第一名已因其他空气项加分时由第二名递补",
        ),
        F(
            "bonus.national_water_first_city",
            "bool",
            "国考断面水环境质量改善幅度排名全市第1名（含递补）",
            rule="B.2",
            optional=True,
        ),
        F(
            "bonus.provincial_water_first_city",
            "bool",
            "省考断面水环境质量改善幅度排名全市第1名（含递补）",
            rule="B.2",
            optional=True,
        ),
        F("bonus.province_incentive", "bool", "因环境质量改善受到省政府激励措施奖励", rule="B.3", optional=True),
        F(
            "bonus.commendations",
            "count",
            "污染防治攻坚战工作经验或成效受国家部委和省委、省政府集体表彰的文件数",
            "项",
            rule="B.5",
            optional=True,
            note="同一表彰文件按一项计；不含个人表彰",
        ),
        F(
            "bonus.national_demo",
            "enum",
            "本年度国家级生态文明建设示范县或“两山”实践创新基地（两项合并填一格，取达到的最高阶段）",
            rule="B.6",
            optional=True,
            choices=DEMO_CHOICES,
            note="国家级生态文明建设示范县、“绿水青山就是金山银山”实践创新基地任一项均算；申报加1分，获得命名加2分，"
            "同一称号只按最高阶段加一次",
        ),
        F(
            "bonus.provincial_demo",
            "enum",
            "本年度省级生态文明建设示范县",
            rule="B.7",
            optional=True,
            choices=DEMO_CHOICES,
            note="申报加0.5分，获得命名加1分，只按最高阶段加一次",
        ),
    ),
    reads=AIR_KEYS,  # PM2.5 < 15, and Grade II for the AQCI first place (rev 2)
    uses_sections=True,
)
def score_bonus(x: Inputs):
    pm25 = x["air.pm25"]
    # blank PM2.5 (the item scoring it is then incomplete): this criterion is not evaluated
    clean = pm25 is not None and pm25 < PM25_CLEAN
    pm_text = (
        "PM2.5 年均浓度未填，该条件不评价"
        if pm25 is None
        else f"PM2.5 年均浓度 {num(pm25)} μg/m³（{'小于' if clean else '不小于'} {PM25_CLEAN}）"
    )
    # docs/spec 第 2 版: "空气质量同时达到国家二级标准和综合指数改善第一" — first place earns only with Grade II
    aqci_first = bool(x["bonus.aqci_first_city"])
    aqci_note = ""
    if aqci_first:
        if any(x[k] is None for k in AIR_KEYS):
            aqci_first, aqci_note = (
                False,
                "综合指数改善幅度排名全市第1名，但空气六项年均数值未填全，无法判定是否达到二级标准（须同时达到才加分）",
            )
        elif not grade2_attained(x.__getitem__):
            aqci_first = False
            aqci_note = f"综合指数改善幅度排名全市第1名，但{grade2_text(x.__getitem__)}，须同时达到国家二级标准才加分"
    air = [
        what
        for what, yes in (
            ("空气质量排名全省前十", x["bonus.air_top10_province"]),
            (pm_text, clean),
            ("综合指数改善幅度排名全市第1名且达到国家二级标准", aqci_first),
        )
        if yes
    ]
    water = [
        what
        for what, yes in (
            ("国考断面改善幅度排名全市第1名", x["bonus.national_water_first_city"]),
            ("省考断面改善幅度排名全市第1名", x["bonus.provincial_water_first_city"]),
        )
        if yes
    ]
    new1 = newly_class1(x.sections)
    n = x["bonus.commendations"] or 0
    return [
        gained(
            "B.1",
            flag(air),
            ("、".join(air) + "（同一县只加一次）" if air else f"空气质量未排名全省前十，{pm_text}")
            + (f"；{aqci_note}" if aqci_note else "" if air else "，综合指数改善幅度非全市第1名"),
        ),
        gained(
            "B.2", flag(water), ("、".join(water) + "（只加一次）") if water else "国考、省考断面改善幅度均非全市第1名"
        ),
        gained(
            "B.3",
            flag(x["bonus.province_incentive"]),
            "受到省政府激励措施奖励" if x["bonus.province_incentive"] else "未受到省政府激励措施奖励",
        ),
        gained(
            "B.4",
            flag(new1),
            "新提升达到Ⅰ类的断面："
            + (
                "、".join(f"{s.name}（{class_name(s.prev)}→Ⅰ）" for s in new1) + "（按项加一次，不按断面数）"
                if new1
                else "无"
            )
            + new_sections_text(x.sections),
        ),
        gained("B.5", linear(n, 1), f"受国家部委和省委、省政府表彰 {n} 项，每项加 1 分"),
        _demo("B.6", x["bonus.national_demo"], DEMO_NATIONAL, "国家级生态文明建设示范县或“两山”实践创新基地"),
        _demo("B.7", x["bonus.provincial_demo"], DEMO_PROVINCIAL, "省级生态文明建设示范县"),
    ]
