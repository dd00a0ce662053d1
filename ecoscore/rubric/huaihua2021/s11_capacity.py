"""Section 11 加强生态环境能力建设: items 38 (monitoring and information capacity) and 39 (financial input and
the constraint indicators)."""

from __future__ import annotations

from ecoscore.core.fields import Condition, F, Op
from ecoscore.core.kit import D, earned, flag, linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item

BRANCH = ("市生态环境局中方分局",)
CITY_EEB = ("市生态环境局",)


@item(
    id="38",
    section="11",
    name="推进能力建设",
    points="2",
    deadline="12月31日",
    evidence="相关台账、现场核查",
    auditors=CITY_EEB,
    units=BRANCH,
    source=(
        "1.生态环境保护执法网上办案基本实现全覆盖；\n"
        "2.建立县生态环境保护污染源自动监控管理机制，落实值班值守制度；\n"
        "3.按要求完成城市环境空气质量自动监测站、颗粒物组分站、光化学组分站等环境监管能力建设"
        "（每少完成1个项目扣0.2分）；\n"
        "4.按要求完成地表水自动监测站、饮用水自动监测站等环境监管能力建设有关工作；\n"
        "5.保障国控、省控自动站的建设和正常运行，完成仪器设备更新、受损站点应急修复、水电路网等保障、"
        "落实点位长制保证自动站不受人为干扰；\n"
        "6.全面完成年度监测任务；\n"
        "7.加强县级环境监测能力建设，具备自主承担执法与应急监测能力；上述工作未按要求完成的，每一项扣0.2分，扣完为止。"
    ),
    rules=(
        Rule("38.1", "生态环境保护执法网上办案基本实现全覆盖", "未完成扣 0.2 分"),
        Rule("38.2", "建立县污染源自动监控管理机制，落实值班值守制度", "未完成扣 0.2 分"),
        Rule(
            "38.3",
            "完成空气自动监测站、颗粒物组分站、光化学组分站等能力建设，每少完成1个项目扣0.2分",
            "0.2 × 少完成项目数",
        ),
        Rule("38.4", "完成地表水自动监测站、饮用水自动监测站等能力建设有关工作", "未完成扣 0.2 分"),
        Rule("38.5", "保障国控、省控自动站的建设和正常运行", "未完成扣 0.2 分"),
        Rule("38.6", "全面完成年度监测任务", "未完成扣 0.2 分"),
        Rule("38.7", "加强县级环境监测能力建设，具备自主承担执法与应急监测能力", "未完成扣 0.2 分；本项扣完为止"),
    ),
    fields=(
        F("i38.online_cases_done", "bool", "生态环境保护执法网上办案已基本实现全覆盖", rule="38.1"),
        F("i38.monitoring_mechanism_done", "bool", "已建立县污染源自动监控管理机制并落实值班值守制度", rule="38.2"),
        F(
            "i38.air_stations_missing",
            "count",
            "未按要求完成的空气自动监测站、颗粒物组分站、光化学组分站等建设项目数",
            "个",
            rule="38.3",
        ),
        F("i38.water_stations_done", "bool", "已按要求完成地表水、饮用水自动监测站等能力建设有关工作", rule="38.4"),
        F("i38.stations_operating", "bool", "已保障国控、省控自动站的建设和正常运行", rule="38.5"),
        F("i38.monitoring_tasks_done", "bool", "已全面完成年度监测任务", rule="38.6"),
        F("i38.county_capacity_done", "bool", "县级环境监测能力已具备自主承担执法与应急监测能力", rule="38.7"),
    ),
)
def score_38(x: Inputs):
    tasks = (
        ("38.1", "i38.online_cases_done", "执法网上办案全覆盖"),
        ("38.2", "i38.monitoring_mechanism_done", "污染源自动监控管理机制和值班值守制度"),
        ("38.4", "i38.water_stations_done", "地表水、饮用水自动监测站能力建设"),
        ("38.5", "i38.stations_operating", "国控、省控自动站建设和正常运行保障"),
        ("38.6", "i38.monitoring_tasks_done", "年度监测任务"),
        ("38.7", "i38.county_capacity_done", "县级执法与应急监测能力建设"),
    )
    missing = x["i38.air_stations_missing"]
    lines = [lost(r, "0" if x[k] else "0.2", f"{what}{'已完成' if x[k] else '未按要求完成'}") for r, k, what in tasks]
    lines.insert(2, lost("38.3", linear(missing, "0.2"), f"空气自动监测站等建设项目少完成 {missing} 个，每个扣 0.2 分"))
    return lines


# docs/spec/decisions.md#d8: the sub-points add up to 1 of the item's 2, so all are doubled
D8_39 = "（分项合计仅 1 分而本项 2 分，各分项分值与扣分均加倍）"


@item(
    id="39",
    section="11",
    name="生态环境保护财政资金投入及使用情况",
    points="2",
    deadline="严格按照资金管理办法和问题整改时限",
    evidence="资金使用情况",
    auditors=("市财政局", "市生态环境局"),
    units=("县财政局", "市生态环境局中方分局"),
    source=(
        "1.2021年中央和地方生态环境保护财政资金预算执行率（资金执行数/预算数，%）。预算执行率≥80%时，得0.3分；"
        "预算执行率<80%时，得分为预算执行率乘以0.3；\n"
        "2.2021年因生态环境保护方面财政资金管理及项目管理方面存在问题被列入审计署、财政部（湖南监管局）报告次数（次）。"
        "未出现问题的得0.3分，资金管理及项目管理方面存在重大问题被列入审计署、财政部（各地监管局）报告，"
        "报告每一次数扣0.1分，扣完为止；\n"
        "3.未完成环境质量约束性指标的县相关财政支出增长情况。已完成环境质量约束性指标的县市区，该项直接得0.4分。"
        "未完成环境质量约束性指标的，污染防治方面财政支出相对情况上升的，得0.2分，绝对增长情况上升的，得0.2分。"
        "相对增长及绝对增长情况均下降的，不得分。"
    ),
    rules=(
        Rule(
            "39.1",
            "预算执行率≥80%得0.3分，<80%得预算执行率乘以0.3",
            "执行率 ≥ 80% 得 0.6 分，否则 0.6 × 执行率 / 100" + D8_39,
            points="0.6",
        ),
        Rule(
            "39.2",
            "存在重大问题被列入审计署、财政部报告，每次扣0.1分，扣完为止",
            "0.6 − 0.2 × 列入次数，最低 0 分" + D8_39,
            points="0.6",
        ),
        Rule(
            "39.3",
            "已完成约束性指标得0.4分；未完成的，相对支出上升得0.2分，绝对增长上升得0.2分",
            "已完成得 0.8 分；未完成的，相对上升 0.4 分 + 绝对上升 0.4 分" + D8_39,
            points="0.8",
        ),
    ),
    fields=(
        F(
            "i39.budget_execution",
            "pct+",
            "2021年中央和地方生态环境保护财政资金预算执行率（执行数/预算数）",
            "%",
            rule="39.1",
        ),
        F(
            "i39.audit_listings",
            "count",
            "因资金及项目管理重大问题被列入审计署、财政部（监管局）报告的次数",
            "次",
            rule="39.2",
        ),
        F("i39.constraints_met", "bool", "已完成环境质量约束性指标", rule="39.3"),
        F(
            "i39.spending_relative_up",
            "bool",
            "污染防治方面财政支出相对情况上升",
            rule="39.3",
            required_when=Condition("i39.constraints_met", Op.IS, False),
        ),
        F(
            "i39.spending_absolute_up",
            "bool",
            "污染防治方面财政支出绝对增长情况上升",
            rule="39.3",
            required_when=Condition("i39.constraints_met", Op.IS, False),
        ),
    ),
)
def score_39(x: Inputs):
    rate, listings = x["i39.budget_execution"], x["i39.audit_listings"]
    met, rel, absol = x["i39.constraints_met"], x["i39.spending_relative_up"], x["i39.spending_absolute_up"]
    if met:
        spend, spend_what = D("0.8"), "已完成环境质量约束性指标"
    else:
        spend = linear(flag(rel), "0.4") + linear(flag(absol), "0.4")
        spend_what = (
            f"未完成环境质量约束性指标，财政支出相对情况{'上升' if rel else '未上升'}、"
            f"绝对增长情况{'上升' if absol else '未上升'}，各计 0.4 分"
        )
    return [
        earned(
            "39.1",
            "0.6" if rate >= 80 else linear(rate, "0.6", 100),
            "0.6",
            f"预算执行率 {num(rate)}%"
            + ("，不低于 80%" if rate >= 80 else f"，低于 80%，按 0.6 × {num(rate)}% 计")
            + "（分值加倍）",
        ),
        lost(
            "39.2",
            linear(listings, "0.2"),
            f"被列入审计署、财政部报告 {listings} 次，每次扣 0.2 分（加倍）",
            cap="0.6",
        ),
        earned("39.3", spend, "0.8", spend_what + "（分值加倍）"),
    ]
