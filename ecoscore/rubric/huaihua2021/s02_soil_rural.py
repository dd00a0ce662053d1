"""Section 2 深入打好污染防治攻坚战, soil and rural pollution: items 15–19."""

from __future__ import annotations

from ecoscore.core.fields import F
from ecoscore.core.kit import HUNDRED, D, earned, linear, lost, num
from ecoscore.rubric import years
from ecoscore.rubric.declare import Inputs, Rule, item

# Items 15–18 share one merged name cell (深入开展土壤污染防治行动); each item's own heading
# (一、… 四、…) is appended so the four items can be told apart.
SOIL = "深入开展土壤污染防治行动"
EVIDENCE = "自评报告、相关佐证资料"
CITY_EEB, COUNTY_EEB = ("市生态环境局",), ("市生态环境局中方分局",)
CITY_AGRI, COUNTY_AGRI = ("市农业农村局",), ("县农业农村局",)
CITY_HOUSING, COUNTY_HOUSING = ("市住建局",), ("县住建局",)


@item(
    id="15",
    section="2",
    name=f"{SOIL}：受污染耕地安全利用和严格管控总任务完成情况",
    points="3",
    deadline="12月31日",
    evidence="相关资料台账及现场抽查核查",
    auditors=CITY_AGRI,
    units=COUNTY_AGRI,
    source=(
        "一、受污染耕地安全利用和严格管控总任务完成情况\n"
        "受污染耕地安全利用和严格管控任务全部完成，计3分，每少完成1%，扣0.3分，扣完为止。"
        "（说明 ：具体任务另行下达）"
    ),
    rules=(
        Rule(
            "15",
            "受污染耕地安全利用和严格管控任务全部完成，计3分，每少完成1%，扣0.3分，扣完为止",
            "0.3 × (100 − 完成率)，完成率达到或超过 100% 不扣分",
        ),
    ),
    fields=(
        F(
            "i15.farmland_completion",
            "pct+",
            "受污染耕地安全利用和严格管控任务完成率",
            "%",
            rule="15",
            note="具体任务另行下达；超额完成可填大于 100 的数",
        ),
    ),
)
def score_15(x: Inputs):
    c = x["i15.farmland_completion"]
    return [lost("15", linear(HUNDRED - c, "0.3"), f"任务完成率 {num(c)}%，较 100% 每少 1% 扣 0.3 分")]


@item(
    id="16",
    section="2",
    name=f"{SOIL}：污染地块安全利用情况",
    points="3",
    deadline="12月31日",
    evidence=EVIDENCE,
    auditors=CITY_EEB,
    units=COUNTY_EEB,
    source=("二、污染地块安全利用情况\n污染地块安全利用任务全部完成，计3分，每少完成1块，扣0.5分，扣完为止。"),
    rules=(Rule("16", "污染地块安全利用任务全部完成，计3分，每少完成1块，扣0.5分，扣完为止", "0.5 × 未完成的地块数"),),
    fields=(F("i16.plots_incomplete", "count", "未完成安全利用任务的污染地块数", "块", rule="16"),),
)
def score_16(x: Inputs):
    n = x["i16.plots_incomplete"]
    return [lost("16", linear(n, "0.5"), f"未完成安全利用任务的污染地块 {num(n)} 块，每块扣 0.5 分")]


@item(
    id="17",
    section="2",
    name=f"{SOIL}：涉镉等重金属污染源排查整治情况",
    points="1",
    deadline="12月31日",
    evidence=EVIDENCE,
    auditors=CITY_EEB,
    units=COUNTY_EEB,
    source=(
        "三、涉镉等重金属污染源排查整治情况\n"
        "完成2轮涉镉等重金属污染源排查整治，做到应查尽查，计1分，每少完成1个，扣0.1分，扣完为止。"
    ),
    rules=(
        Rule(
            "17",
            "完成2轮涉镉等重金属污染源排查整治，计1分，每少完成1个，扣0.1分，扣完为止",
            "0.1 × 未完成排查整治的污染源数",
        ),
    ),
    fields=(
        F(
            "i17.cd_sources_incomplete",
            "count",
            "未完成排查整治的涉镉等重金属污染源数",
            "个",
            rule="17",
            note="两轮排查整治合计",
        ),
    ),
)
def score_17(x: Inputs):
    n = x["i17.cd_sources_incomplete"]
    return [lost("17", linear(n, "0.1"), f"未完成排查整治的涉镉等重金属污染源 {num(n)} 个，每个扣 0.1 分")]


@item(
    id="18",
    section="2",
    name=f"{SOIL}：土壤重点监管企业隐患排查情况",
    points="1",
    deadline="12月31日",
    evidence=EVIDENCE,
    auditors=CITY_EEB,
    units=COUNTY_EEB,
    source=(
        "四、土壤重点监管企业隐患排查情况\n完成土壤重点监管企业隐患排查任务，计1分，每少完成1个，扣0.1分，扣完为止。"
    ),
    rules=(
        Rule(
            "18",
            "完成土壤重点监管企业隐患排查任务，计1分，每少完成1个，扣0.1分，扣完为止",
            "0.1 × 未完成隐患排查的企业数",
        ),
    ),
    fields=(F("i18.enterprises_incomplete", "count", "未完成隐患排查的土壤重点监管企业数", "个", rule="18"),),
)
def score_18(x: Inputs):
    n = x["i18.enterprises_incomplete"]
    return [lost("18", linear(n, "0.1"), f"未完成隐患排查的土壤重点监管企业 {num(n)} 个，每个扣 0.1 分")]


@item(
    id="19",
    section="2",
    name="加强农业农村面源污染治理",
    points="2",
    deadline="12月31日",
    evidence="自评报告、相关佐证资料、抽查情况",
    # Item level: every unit of the five continuation rows; each sub-rule carries its own.
    auditors=CITY_AGRI + CITY_EEB + CITY_HOUSING,
    units=COUNTY_AGRI + COUNTY_EEB + COUNTY_HOUSING,
    source=(
        "1.2021年主要农作物单位面积化肥、农药施用量零增长，化肥、农药施用量较上年分别减少2%和1.5%以上，"
        "计0.4分，没达到比例扣0.4分；\n"
        "2.农膜回收率和秸秆综合利用率分别较2020年提高1%以上，计0.4分，农膜回收率没达到比例扣0.2分，"
        "秸秆综合利用率没达到比例扣0.2分；\n"
        "3.2021年畜禽粪污综合利用率达到90%以上，计0.4分，每少1%，扣0.1分；\n"
        "4.加强农村生活污水治理设施运行维护，计0.4分，每发现未正常运行1个，扣0.2分，扣完为止；\n"
        "5.对已整改销号的农村非正规垃圾堆放点开展“回头看”，计0.4分，抽查发现1个问题扣0.2分。"
    ),
    rules=(
        Rule(
            "19.1",
            "主要农作物单位面积化肥、农药施用量零增长，化肥、农药施用量较上年分别减少2%和1.5%以上，计0.4分",
            "三项条件全部达到得 0.4 分，否则 0 分",
            points="0.4",
            auditors=CITY_AGRI,
            units=COUNTY_AGRI,
        ),
        Rule(
            "19.2",
            "农膜回收率和秸秆综合利用率分别较2020年提高1%以上，计0.4分",
            "农膜回收率提高不足 1 个百分点扣 0.2 分，秸秆综合利用率提高不足 1 个百分点扣 0.2 分",
            points="0.4",
            auditors=CITY_AGRI,
            units=COUNTY_AGRI,
        ),
        Rule(
            "19.3",
            "畜禽粪污综合利用率达到90%以上，计0.4分，每少1%，扣0.1分",
            "0.1 × (90 − 利用率)，最多扣 0.4 分",
            points="0.4",
            auditors=CITY_AGRI,
            units=COUNTY_AGRI,
        ),
        Rule(
            "19.4",
            "加强农村生活污水治理设施运行维护，计0.4分，每发现未正常运行1个，扣0.2分，扣完为止",
            "0.2 × 未正常运行设施数，最多扣 0.4 分",
            points="0.4",
            auditors=CITY_EEB,
            units=COUNTY_EEB,
        ),
        Rule(
            "19.5",
            "对已整改销号的农村非正规垃圾堆放点开展“回头看”，计0.4分，抽查发现1个问题扣0.2分",
            "0.2 × 抽查发现问题数，最多扣 0.4 分",
            points="0.4",
            auditors=CITY_HOUSING,
            units=COUNTY_HOUSING,
        ),
    ),
    fields=(
        F("i19.per_area_zero_growth", "bool", "2021年主要农作物单位面积化肥、农药施用量均实现零增长", rule="19.1"),
        F("i19.fertiliser_reduction", "spct", "化肥施用量较上年减少", "%", rule="19.1", note="增加的填负数"),
        F("i19.pesticide_reduction", "spct", "农药施用量较上年减少", "%", rule="19.1", note="增加的填负数"),
        F("i19.film_recovery_increase", "spct", "农膜回收率较2020年提高", "个百分点", rule="19.2", note="下降的填负数"),
        F("i19.straw_use_increase", "spct", "秸秆综合利用率较2020年提高", "个百分点", rule="19.2", note="下降的填负数"),
        F("i19.manure_use_rate", "pct", "2021年畜禽粪污综合利用率", "%", rule="19.3"),
        F("i19.rural_sewage_faults", "count", "抽查发现未正常运行的农村生活污水治理设施数", "个", rule="19.4"),
        F(
            "i19.garbage_site_problems",
            "count",
            "“回头看”抽查发现的已销号农村非正规垃圾堆放点问题数",
            "个",
            rule="19.5",
        ),
    ),
)
def score_19(x: Inputs):
    zero, fert, pest = x["i19.per_area_zero_growth"], x["i19.fertiliser_reduction"], x["i19.pesticide_reduction"]
    # "以上" includes the threshold itself: a 2 % / 1.5 % reduction qualifies.
    met = bool(zero) and fert >= 2 and pest >= D("1.5")
    cond = (
        f"单位面积施用量{'零增长' if zero else '未实现零增长'}，化肥减少 {num(fert)}%（需 ≥2%），"
        f"农药减少 {num(pest)}%（需 ≥1.5%）"
    )
    film, straw = x["i19.film_recovery_increase"], x["i19.straw_use_increase"]
    manure = x["i19.manure_use_rate"]
    faults, problems = x["i19.rural_sewage_faults"], x["i19.garbage_site_problems"]
    return [
        earned("19.1", "0.4" if met else 0, "0.4", cond + ("，全部达到" if met else "，未全部达到")),
        lost(
            "19.2",
            "0.2" if film < 1 else 0,
            f"农膜回收率较{years.last_year(x)}提高 {num(film)} 个百分点，不足 1 个百分点扣 0.2 分",
        ),
        lost(
            "19.2",
            "0.2" if straw < 1 else 0,
            f"秸秆综合利用率较{years.last_year(x)}提高 {num(straw)} 个百分点，不足 1 个百分点扣 0.2 分",
        ),
        lost(
            "19.3",
            linear(90 - manure, "0.1"),
            f"畜禽粪污综合利用率 {num(manure)}%，较 90% 每少 1% 扣 0.1 分",
            cap="0.4",
        ),
        lost(
            "19.4",
            linear(faults, "0.2"),
            f"未正常运行的农村生活污水治理设施 {num(faults)} 个，每个扣 0.2 分",
            cap="0.4",
        ),
        lost(
            "19.5",
            linear(problems, "0.2"),
            f"垃圾堆放点“回头看”抽查发现问题 {num(problems)} 个，每个扣 0.2 分",
            cap="0.4",
        ),
    ]
