"""Section 2 深入打好污染防治攻坚战, the 2021 summer offensive: item 20 (13 points, ten sub-rules).

Every sub-rule has its own points and its own 审核单位/责任单位 (the source's continuation rows);
each loses at most its own points (docs/spec/decisions.md#d1), so the item never needs the engine's clamp.
"""

from __future__ import annotations

from ecoscore.core.fields import F
from ecoscore.core.kit import linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item

EEB = (("市生态环境局",), ("市生态环境局中方分局",))  # (auditors, units) of 20.2–20.4, 20.6, 20.9


def _rule(rid: str, text: str, how: str, points: str, units: tuple[tuple[str, ...], tuple[str, ...]]) -> Rule:
    return Rule(rid, text, how, points=points, auditors=units[0], units=units[1])


RULES = (
    _rule(
        "20.1",
        "完成辖区内新建乡镇污水处理设施任务数，每少完成1个项目扣0.5分",
        "0.5 × 未完成项目数，最多扣 1.5 分",
        "1.5",
        (("市住建局",), ("县住建局",)),
    ),
    _rule(
        "20.2",
        "9月30日前完成VOCs污染治理项目总数的80%，12月31日前全面完成重点企业VOCs污染治理，每阶段少完成1个项目扣0.5分",
        "0.5 × (9月30日少完成数 + 12月31日少完成数)，最多扣 1 分",
        "1",
        EEB,
    ),
    _rule(
        "20.3",
        "9月30日前未完成乡镇级千人以上饮用水水源保护区问题整治的，一个问题扣0.1分；"
        "12月31日前仍未完成所有问题整治的，扣1分",
        "0.1 × 9月30日未完成问题数 + 1（12月31日仍未全部完成），最多扣 1 分",
        "1",
        EEB,
    ),
    _rule(
        "20.4", "完成中央专项资金土壤污染防治项目，每少完成1个项目扣0.5分", "0.5 × 未完成项目数，最多扣 1 分", "1", EEB
    ),
    _rule(
        "20.5",
        "12月31日前完成尾矿库污染问题整治的年度任务，每少完成1座扣0.1分，累计不超过1分",
        "0.1 × 未完成尾矿库数，最多扣 1 分",
        "1",
        (("市生态环境局",), ("县应急管理局",)),
    ),
    _rule(
        "20.6",
        "推进危险废物大整治，9月30日前完成发现问题的整改工作，每发现1家企业未按时完成整改扣0.1分，扣完为止",
        "0.1 × 未按时整改企业数，最多扣 1 分",
        "1",
        EEB,
    ),
    _rule(
        "20.7",
        "推进砂石土矿专项整治，每少完成1个治理任务扣0.1分，扣完为止",
        "0.1 × 未完成任务数，最多扣 1 分",
        "1",
        (("市自然资源和规划局",), ("县自然资源局",)),
    ),
    _rule(
        "20.8",
        "开展农村环境综合整治任务，每少完成1个治理任务扣0.5分，扣完为止",
        "0.5 × 未完成任务数，最多扣 1.5 分",
        "1.5",
        (("市生态环境局",), ("县农业农村局",)),
    ),
    _rule(
        "20.9",
        "推进农村集中式饮用水源保护区划分，每少完成1个划分任务扣0.1分，扣完为止",
        "0.1 × 未完成划分任务数，最多扣 1 分",
        "1",
        EEB,
    ),
    _rule(
        "20.10",
        "“夏季攻势”任务现场核查中发现上报情况不实的，按照不实任务数占检查任务总数比例扣分；"
        "同一问题因通报批评、挂牌督办、典型案例曝光、约谈等被扣分的，不纳入计算",
        "3 × 不实任务数 ÷ 检查任务总数（未检查不扣分）",
        "3",
        (("市生态环境保护委员会办公室",), ("“夏季攻势”牵头单位",)),
    ),
)


def _union(parts):
    """Every unit once, in the order the continuation rows give them (item-level summary)."""
    return tuple(dict.fromkeys(u for p in parts for u in p))


@item(
    id="20",
    section="2",
    name="“2021年夏季攻势”工作",
    points="13",
    deadline="以“2021年夏季攻势”任务时间要求为准",
    evidence="监测数据、相关资料台账及现场督察检查",
    auditors=_union(r.auditors for r in RULES),
    units=_union(r.units for r in RULES),
    source=(
        "1.完成辖区内新建乡镇污水处理设施任务数，每少完成1个项目扣0.5分；\n"
        "2.9月30日前，完成VOCs污染治理项目总数的80%，12月31日前全面完成工业涂装、石化、化工等重点行业产生量在40吨"
        "以上的重点企业VOCs污染治理，每阶段少完成1个项目扣0.5分；\n"
        "3.9月30日前，未完成乡镇级千人以上饮用水水源保护区问题整治的，一个问题扣0.1分；12月31日前，"
        "仍未完成所有问题整治的，扣1分；\n"
        "4.完成中央专项资金土壤污染防治项目，每少完成1个项目扣0.5分；\n"
        "5.8月底前，建立尾矿库环境污染问题清单；12月31日前，完成尾矿库污染问题整治的年度任务，每少完成1座扣0.1分，"
        "累计不超过1分；\n"
        "6.推进危险废物大整治，开展以涉重金属危险废物为重点的环境污染隐患整治专项行动，建立整改销号制度，"
        "9月30日前完成发现问题的整改工作，每发现1家企业未按时完成整改扣0.1分，扣完为止；\n"
        "7.推进砂石土矿专项整治，每少完成1个治理任务扣0.1分，扣完为止；\n"
        "8.开展农村环境综合整治任务，每少完成1个治理任务扣0.5分，扣完为止；\n"
        "9.推进农村集中式饮用水源保护区划分，每少完成1个划分任务扣0.1分，扣完为止；\n"
        "由省生环委办、省整改办、省督察办和市生环委办、市整改办组织的对“夏季攻势”任务现场核查中，发现上报情况不实的，"
        "按照发现不实任务数占检查任务总数比例扣分。同一问题因通报批评、挂牌督办、典型案例曝光、约谈等情况被扣分的，"
        "不纳入计算。"
    ),
    rules=RULES,
    fields=(
        F("i20.township_sewage_missing", "count", "少完成的新建乡镇污水处理设施项目数", "个", rule="20.1"),
        F("i20.vocs_missing_sep30", "count", "9月30日前较VOCs污染治理项目总数80%少完成的项目数", "个", rule="20.2"),
        F(
            "i20.vocs_missing_dec31",
            "count",
            "12月31日前少完成的重点企业VOCs污染治理项目数",
            "个",
            rule="20.2",
            note="工业涂装、石化、化工等重点行业产生量在40吨以上的重点企业",
        ),
        F(
            "i20.water_source_open_sep30",
            "count",
            "9月30日前未完成整治的乡镇级千人以上饮用水水源保护区问题数",
            "个",
            rule="20.3",
        ),
        F(
            "i20.water_source_all_fixed_dec31",
            "bool",
            "12月31日前已完成所有乡镇级千人以上饮用水水源保护区问题整治",
            rule="20.3",
            note="没有需整治问题的填“是”",
        ),
        F("i20.soil_projects_missing", "count", "少完成的中央专项资金土壤污染防治项目数", "个", rule="20.4"),
        F("i20.tailings_missing", "count", "未完成污染问题整治年度任务的尾矿库数", "座", rule="20.5"),
        F("i20.hazwaste_late", "count", "9月30日前未按时完成危险废物隐患问题整改的企业数", "家", rule="20.6"),
        F("i20.quarry_tasks_missing", "count", "少完成的砂石土矿专项整治治理任务数", "个", rule="20.7"),
        F("i20.rural_env_tasks_missing", "count", "少完成的农村环境综合整治治理任务数", "个", rule="20.8"),
        F("i20.source_zoning_missing", "count", "少完成的农村集中式饮用水源保护区划分任务数", "个", rule="20.9"),
        F(
            "i20.inspected_tasks",
            "count",
            "“夏季攻势”现场核查的检查任务总数",
            "个",
            rule="20.10",
            assigned=True,
            note="省生环委办、省整改办、省督察办和市生环委办、市整改办组织的现场核查；未核查填 0",
        ),
        F(
            "i20.false_tasks",
            "count",
            "现场核查发现上报情况不实的任务数（不含已因通报批评、挂牌督办、典型案例曝光、约谈等被扣分的问题）",
            "个",
            rule="20.10",
            at_most="i20.inspected_tasks",
            note="同一问题已因通报批评、挂牌督办、典型案例曝光、约谈等情况被扣分的，不计入；不能大于检查任务总数",
        ),
    ),
)
def score_20(x: Inputs):
    sewage = x["i20.township_sewage_missing"]
    v930, v1231 = x["i20.vocs_missing_sep30"], x["i20.vocs_missing_dec31"]
    open930, fixed = x["i20.water_source_open_sep30"], x["i20.water_source_all_fixed_dec31"]
    soil, tailings = x["i20.soil_projects_missing"], x["i20.tailings_missing"]
    hazwaste, quarry = x["i20.hazwaste_late"], x["i20.quarry_tasks_missing"]
    rural, zoning = x["i20.rural_env_tasks_missing"], x["i20.source_zoning_missing"]
    inspected, false = x["i20.inspected_tasks"], x["i20.false_tasks"]
    if inspected:
        # linear(false, 3, inspected) = 3 × false / inspected, exact (docs/spec/decisions.md#d2/D3); false ≤ inspected is
        # enforced at input (at_most), so this never exceeds 3.
        false_line = lost(
            "20.10",
            linear(false, 3, inspected),
            f"现场核查任务 {num(inspected)} 个，发现上报不实 {num(false)} 个，按 3 × {num(false)}/{num(inspected)} 扣分",
            cap=3,
        )
    else:
        false_line = lost("20.10", 0, "未组织“夏季攻势”任务现场核查（检查任务 0 个）")
    return [
        lost(
            "20.1", linear(sewage, "0.5"), f"少完成新建乡镇污水处理设施项目 {num(sewage)} 个，每个扣 0.5 分", cap="1.5"
        ),
        lost(
            "20.2",
            linear(v930 + v1231, "0.5"),
            f"VOCs 治理项目 9月30日阶段少完成 {num(v930)} 个、12月31日阶段少完成 {num(v1231)} 个，每个扣 0.5 分",
            cap=1,
        ),
        lost(
            "20.3",
            linear(open930, "0.1") + (0 if fixed else 1),
            f"9月30日前未完成整治的水源保护区问题 {num(open930)} 个，每个扣 0.1 分；"
            + ("12月31日前已全部完成整治" if fixed else "12月31日前仍未全部完成整治，扣 1 分"),
            cap=1,
        ),
        lost("20.4", linear(soil, "0.5"), f"少完成中央专项资金土壤污染防治项目 {num(soil)} 个，每个扣 0.5 分", cap=1),
        lost(
            "20.5",
            linear(tailings, "0.1"),
            f"未完成污染问题整治年度任务的尾矿库 {num(tailings)} 座，每座扣 0.1 分",
            cap=1,
        ),
        lost(
            "20.6",
            linear(hazwaste, "0.1"),
            f"未按时完成危险废物问题整改的企业 {num(hazwaste)} 家，每家扣 0.1 分",
            cap=1,
        ),
        lost("20.7", linear(quarry, "0.1"), f"少完成砂石土矿专项整治任务 {num(quarry)} 个，每个扣 0.1 分", cap=1),
        lost("20.8", linear(rural, "0.5"), f"少完成农村环境综合整治任务 {num(rural)} 个，每个扣 0.5 分", cap="1.5"),
        lost(
            "20.9",
            linear(zoning, "0.1"),
            f"少完成农村集中式饮用水源保护区划分任务 {num(zoning)} 个，每个扣 0.1 分",
            cap=1,
        ),
        false_line,
    ]
