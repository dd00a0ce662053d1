"""Section 6 构建绿色生产生活方式 (4 points): item 28, eight sub-rules of 0.5 each."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import Condition, F, Op
from ecoscore.core.kit import D, earned, linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item

HALF = Decimal("0.5")

# 28.5: streets that must be demonstration zones by the end of 2021.
DEMO_STREETS_REQUIRED = 2
# 28.6: what each state of the kitchen-waste facility earns (of 0.5).
KITCHEN_WASTE_SCORES: dict[str, Decimal] = {
    "建成": Decimal("0.5"),
    "在建且进度超70%": Decimal("0.3"),
    "未达到": Decimal(0),
}
# 28.7: the three construction targets (parameters of the rubric, %), each missed costs 0.2.
GREEN_BUILDING_TARGET = Decimal(70)
PREFAB_TARGET = Decimal(32)
CONSTRUCTION_WASTE_TARGET = Decimal(35)
GREEN_TARGETS: tuple[tuple[str, str, Decimal], ...] = (
    ("i28.green_building_rate", "城镇绿色建筑竣工面积占新建建筑比例", GREEN_BUILDING_TARGET),
    ("i28.prefab_rate", "城镇装配式新建建筑占比", PREFAB_TARGET),
    ("i28.construction_waste_rate", "建筑垃圾资源化综合利用率", CONSTRUCTION_WASTE_TARGET),
)
# 28.8: at or above this completion rate the sub-rule earns its full 0.5.
CLEAN_AUDIT_FULL_RATE = Decimal(90)

# Sub-rule → responsible units (interpretation: the source lists the units for the item as a
# whole; each sub-rule is given the units whose remit it clearly is, see the reply to the lead).
DEVELOPMENT = "县发改局"
INDUSTRY = "县商科工信局"
ECO_BRANCH = "市生态环境局中方分局"
HOUSING = "县住建局"
URBAN_MGMT = "县城管执法局"
WATER = "县水利局"
OFFICES = "县机关事务中心"
ITEM28_UNITS = (DEVELOPMENT, INDUSTRY, ECO_BRANCH, HOUSING, URBAN_MGMT, WATER, OFFICES)

SOURCE_28 = (
    "1.制定依法依规推动落后产能退出工作方案，坚决遏制反弹现象，计0.5分，每发现1起未落实的扣0.1分，扣完为止；\n"
    "2.万元GDP用水量、万元工业增加值用水量完成上级下达的指标，计0.5分，每少完成1%扣0.1分，扣完为止；\n"
    "3.党政机关范围内开展节约型机关创建工作，计0.5分，根据开展成效酌情扣分；\n"
    "4.组织开展禁限塑工作，推动塑料污染治理，计0.5分，根据开展成效酌情扣分；\n"
    "5.推进城市生活垃圾分类及垃圾处理设施建设，2021年底前，至少要将2条街道建成示范区，未完成的按比例扣分；\n"
    "6.推进餐厨垃圾处理设施建设，县级城市建成餐厨垃圾无害化处理设施，计0.5分；工程开工且进度超过70%，计0.3分；"
    "未达到计0分；\n"
    "7.城镇绿色建筑竣工面积占新建建筑比例达到70%，城镇装配式新建建筑占比达到32%，建筑垃圾资源化综合利用率达到35%，"
    "计0.5分，每1项未达目标值，扣0.2分，扣完为止；\n"
    "8.完成重点企业清洁生产审核，2021年列入“湖南省2020年度重点企业清洁生产审核名单”的企业清洁生产审核工作完成情况，"
    "完成率≥90%时，得0.5分；完成率<90%时，得分为完成率乘以0.5。"
)


@item(
    id="28",
    section="6",
    name="推进绿色生产生活和绿色消费",
    points="4",
    deadline="12月31日",
    evidence="相关方案、台账、数据",
    auditors=("市发改委", "市工业信息化局", "市生态环境局", "市住建局", "市城管执法局", "市水利局", "市机关事务局"),
    units=ITEM28_UNITS,
    source=SOURCE_28,
    rules=(
        Rule(
            "28.1",
            "制定落后产能退出工作方案，计0.5分，每发现1起未落实的扣0.1分，扣完为止",
            "未制定方案得 0 分；已制定则 0.5 − 0.1 × 未落实起数",
            points="0.5",
            units=(DEVELOPMENT, INDUSTRY),
        ),
        Rule(
            "28.2",
            "万元GDP用水量、万元工业增加值用水量完成上级指标，计0.5分，每少完成1%扣0.1分，扣完为止",
            "0.1 × 两项指标少完成的百分数之和，最多扣 0.5 分",
            points="0.5",
            units=(WATER,),
        ),
        Rule(
            "28.3",
            "党政机关开展节约型机关创建工作，计0.5分，根据开展成效酌情扣分",
            "审核单位酌情确定的扣分（0–0.5）",
            points="0.5",
            units=(OFFICES,),
        ),
        Rule(
            "28.4",
            "组织开展禁限塑工作，推动塑料污染治理，计0.5分，根据开展成效酌情扣分",
            "审核单位酌情确定的扣分（0–0.5）",
            points="0.5",
            units=(DEVELOPMENT,),
        ),
        Rule(
            "28.5",
            "2021年底前至少将2条街道建成生活垃圾分类示范区，未完成的按比例扣分",
            "0.5 × min(建成街道数, 2) / 2",
            points="0.5",
            units=(URBAN_MGMT, HOUSING),
        ),
        Rule(
            "28.6",
            "县级城市建成餐厨垃圾无害化处理设施计0.5分；开工且进度超过70%计0.3分；未达到计0分",
            "建成 0.5 / 在建且进度超70% 0.3 / 未达到 0",
            points="0.5",
            units=(URBAN_MGMT, HOUSING),
        ),
        Rule(
            "28.7",
            "绿色建筑占比70%、装配式建筑占比32%、建筑垃圾资源化利用率35%，每1项未达目标扣0.2分，扣完为止",
            "0.2 × 未达目标项数，最多扣 0.5 分",
            points="0.5",
            units=(HOUSING,),
        ),
        Rule(
            "28.8",
            "重点企业清洁生产审核完成率≥90%得0.5分；<90%时得分为完成率乘以0.5",
            "完成率 ≥ 90% 得 0.5 分，否则 0.5 × 完成率 / 100",
            points="0.5",
            units=(ECO_BRANCH,),
        ),
    ),
    fields=(
        F("i28.capacity_plan_made", "bool", "已制定依法依规推动落后产能退出工作方案", rule="28.1"),
        F(
            "i28.capacity_failures",
            "count",
            "发现落后产能退出工作未落实的情况",
            "起",
            rule="28.1",
            note="无则填 0",
            required_when=Condition("i28.capacity_plan_made", Op.IS, True),
        ),
        F(
            "i28.water_gdp_shortfall",
            "pct",
            "万元GDP用水量指标少完成的幅度",
            "%",
            rule="28.2",
            note="完成上级下达指标的填 0",
        ),
        F(
            "i28.water_industry_shortfall",
            "pct",
            "万元工业增加值用水量指标少完成的幅度",
            "%",
            rule="28.2",
            note="完成上级下达指标的填 0",
        ),
        F(
            "i28.frugal_deduction",
            "ded",
            "节约型机关创建工作：审核单位酌情扣分",
            "分",
            rule="28.3",
            note="0–0.5，由审核单位根据开展成效酌情确定；不扣分填 0",
        ),
        F(
            "i28.plastic_deduction",
            "ded",
            "禁限塑工作：审核单位酌情扣分",
            "分",
            rule="28.4",
            note="0–0.5，由审核单位根据开展成效酌情确定；不扣分填 0",
        ),
        F("i28.demo_streets", "count", "已建成生活垃圾分类示范区的街道", "条", rule="28.5"),
        F(
            "i28.kitchen_waste_status",
            "enum",
            "县级城市餐厨垃圾无害化处理设施建设情况",
            rule="28.6",
            choices=tuple(KITCHEN_WASTE_SCORES),
        ),
        F("i28.green_building_rate", "pct", "城镇绿色建筑竣工面积占新建建筑比例", "%", rule="28.7"),
        F("i28.prefab_rate", "pct", "城镇装配式新建建筑占比", "%", rule="28.7"),
        F("i28.construction_waste_rate", "pct", "建筑垃圾资源化综合利用率", "%", rule="28.7"),
        F(
            "i28.clean_audit_rate",
            "pct",
            "重点企业清洁生产审核完成率",
            "%",
            rule="28.8",
            note="列入“湖南省2020年度重点企业清洁生产审核名单”的企业",
        ),
    ),
)
def score_28(x: Inputs):
    return [
        _capacity(x),
        _water(x),
        _discretionary("28.3", x["i28.frugal_deduction"], "节约型机关创建工作"),
        _discretionary("28.4", x["i28.plastic_deduction"], "禁限塑工作"),
        _streets(x),
        _kitchen(x),
        _green(x),
        _clean_audit(x),
    ]


def _capacity(x: Inputs):
    failures = x["i28.capacity_failures"]
    if not x["i28.capacity_plan_made"]:
        return earned("28.1", 0, HALF, "未制定落后产能退出工作方案")
    return lost(
        "28.1",
        linear(failures, "0.1"),
        f"已制定落后产能退出工作方案，发现未落实 {failures} 起，每起扣 0.1 分",
        cap=HALF,
    )


def _water(x: Inputs):
    gdp, industry = x["i28.water_gdp_shortfall"], x["i28.water_industry_shortfall"]
    # the spec (docs/spec/) 28.2: both indicators' shortfalls are summed under the one 0.5 cap.
    return lost(
        "28.2",
        linear(gdp, "0.1") + linear(industry, "0.1"),
        f"万元GDP用水量指标少完成 {num(gdp)}%，万元工业增加值用水量指标少完成 {num(industry)}%，每少完成 1% 扣 0.1 分",
        cap=HALF,
    )


def _discretionary(rule: str, deduction, what: str):
    # docs/spec/decisions.md#d9: the auditor's judgement is an input; the code only records it.
    return lost(rule, deduction, f"{what}：审核单位根据开展成效酌情扣分（审核单位的判断）", cap=HALF)


def _streets(x: Inputs):
    streets = x["i28.demo_streets"]
    return lost(
        "28.5",
        linear(DEMO_STREETS_REQUIRED - streets, HALF, DEMO_STREETS_REQUIRED),
        f"建成生活垃圾分类示范区街道 {streets} 条，要求至少 {DEMO_STREETS_REQUIRED} 条，未完成的按比例扣分",
    )


def _kitchen(x: Inputs):
    status = x["i28.kitchen_waste_status"]
    return earned("28.6", KITCHEN_WASTE_SCORES[status], HALF, f"餐厨垃圾无害化处理设施：{status}")


def _green(x: Inputs):
    missed = [
        f"{label} {num(x[key])}%（目标 {num(target)}%）" for key, label, target in GREEN_TARGETS if D(x[key]) < target
    ]
    what = (
        ("未达目标 " + str(len(missed)) + " 项：" + "；".join(missed) + "，每项扣 0.2 分")
        if missed
        else "三项指标均达到目标值"
    )
    return lost("28.7", linear(len(missed), "0.2"), what, cap=HALF)


def _clean_audit(x: Inputs):
    rate = x["i28.clean_audit_rate"]
    full = rate >= CLEAN_AUDIT_FULL_RATE
    got = HALF if full else linear(rate, HALF, 100)
    limit = num(CLEAN_AUDIT_FULL_RATE)
    rule = f"完成率 ≥ {limit}%，得 0.5 分" if full else f"完成率低于 {limit}%，得分为完成率乘以 0.5"
    return earned("28.8", got, HALF, f"重点企业清洁生产审核完成率 {num(rate)}%，{rule}")
