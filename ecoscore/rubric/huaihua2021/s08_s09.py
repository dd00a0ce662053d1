"""Sections 8 防范化解生态环境风险 (3 points, items 31–33) and 9 服务高质量发展 (2 points, item 34)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import F
from ecoscore.core.kit import earned, flag, linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item

ECO = ("市生态环境局",)
ECO_BRANCH = ("市生态环境局中方分局",)
# 34.2: the spot-check completion rate and the report-submission rate the county must reach (%).
SPOTCHECK_TARGET = Decimal(30)
REPORT_TARGET = Decimal(100)


@item(
    id="31",
    section="8",
    name="加强生态环境监控",
    points="1",
    deadline="12月31日",
    evidence="污染源自动监控台账及核查核实情况",
    auditors=ECO,
    units=ECO_BRANCH,
    source=(
        "1.重点排污单位联网率、传输有效率低于100%的，每减少1%扣0.01分，扣完0.2分为止；\n"
        "2.督办信息办理情况72小时内没有办结的，每条扣0.01分，每延后12小时加扣0.01分，扣完0.3分为止；\n"
        "3.督办信息办结不及时，在10个工作日没有上报相关核实材料的扣0.1分； 督办情况不实，每抽查发现一起扣0.01分，"
        "扣完0.1分为止；\n"
        "4.污染源自动监控数据日均值经核实为真实超标，但没有依法依规进行处理的，每次扣0.02分，扣完0.3分为止。"
    ),
    rules=(
        Rule(
            "31.1",
            "重点排污单位联网率、传输有效率低于100%的，每减少1%扣0.01分，扣完0.2分为止",
            "0.01 × [(100 − 联网率) + (100 − 传输有效率)]，最多扣 0.2 分",
        ),
        Rule(
            "31.2",
            "督办信息72小时内没有办结的每条扣0.01分，每延后12小时加扣0.01分，扣完0.3分为止",
            "0.01 × 超时条数 + 0.01 × 延后的12小时段数，最多扣 0.3 分",
        ),
        Rule(
            "31.3",
            "10个工作日没有上报核实材料的扣0.1分；督办情况不实每起扣0.01分，扣完0.1分为止",
            "未上报核实材料 0.1 分 + 0.01 × 不实起数（此部分最多 0.1 分）",
        ),
        Rule(
            "31.4",
            "自动监控日均值经核实真实超标但未依法依规处理的，每次扣0.02分，扣完0.3分为止",
            "0.02 × 次数，最多扣 0.3 分",
        ),
    ),
    fields=(
        F("i31.network_rate", "pct", "重点排污单位联网率", "%", rule="31.1"),
        F("i31.transmission_rate", "pct", "重点排污单位传输有效率", "%", rule="31.1"),
        F("i31.late_items", "count", "72小时内未办结的督办信息", "条", rule="31.2"),
        F(
            "i31.late_12h_periods",
            "count",
            "上述督办信息超过72小时后延后的12小时时段数（各条合计）",
            "个",
            rule="31.2",
            note="每条超过72小时后，每延后满12小时计1个",
        ),
        F(
            "i31.no_materials_10d",
            "bool",
            "督办信息办结不及时且10个工作日内未上报相关核实材料",
            rule="31.3",
            note="未上报填“是”",
        ),
        F("i31.inaccurate_cases", "count", "抽查发现督办情况不实", "起", rule="31.3"),
        F("i31.unhandled_exceedances", "count", "自动监控日均值经核实真实超标但未依法依规处理", "次", rule="31.4"),
    ),
)
def score_31(x: Inputs):
    net, trans = x["i31.network_rate"], x["i31.transmission_rate"]
    late, periods = x["i31.late_items"], x["i31.late_12h_periods"]
    no_materials, inaccurate = x["i31.no_materials_10d"], x["i31.inaccurate_cases"]
    unhandled = x["i31.unhandled_exceedances"]
    return [
        lost(
            "31.1",
            linear(100 - net, "0.01") + linear(100 - trans, "0.01"),
            f"联网率 {num(net)}%，传输有效率 {num(trans)}%，低于 100% 的每减少 1% 扣 0.01 分",
            cap="0.2",
        ),
        lost(
            "31.2",
            linear(late, "0.01") + linear(periods, "0.01"),
            f"72小时内未办结督办信息 {late} 条（每条扣 0.01 分），延后12小时时段 {periods} 个（每个加扣 0.01 分）",
            cap="0.3",
        ),
        # 31.3 has two parts; only the second ("督办情况不实") carries the 0.1 cap.
        lost(
            "31.3",
            "0.1" if no_materials else 0,
            "10个工作日内未上报相关核实材料" if no_materials else "已按时上报核实材料",
        ),
        lost("31.3", linear(inaccurate, "0.01"), f"抽查发现督办情况不实 {inaccurate} 起，每起扣 0.01 分", cap="0.1"),
        lost("31.4", linear(unhandled, "0.02"), f"真实超标未依法依规处理 {unhandled} 次，每次扣 0.02 分", cap="0.3"),
    ]


@item(
    id="32",
    section="8",
    name="强化应急处置",
    points="1",
    deadline="12月31日",
    evidence="应急管理台账",
    auditors=ECO,
    units=ECO_BRANCH,
    source=(
        "1.突发环境事件处置过程中，出现信息迟报、谎报、瞒报、漏报情况的，每次扣0.1分；\n"
        "2.组织开展一次突发环境事件应急演练，应急演练前报送演练方案，应急演练后报送照片资料，未开展的扣0.2分；\n"
        "3.辖区内因自身原因引发的一般性突发环境事件扣0.2分，较大事件扣0.5分，重大事件及以上扣1分；\n"
        "4.建立环境应急物资库并挂牌，未完成的扣0.2分；\n"
        "5.突发环境事件处置过程中，因组织不力、处置不当，导致事件升级或者造成社会不良影响的，每次扣0.5分。"
    ),
    rules=(
        Rule("32.1", "出现信息迟报、谎报、瞒报、漏报情况的，每次扣0.1分", "0.1 × 次数"),
        Rule("32.2", "组织开展一次突发环境事件应急演练，未开展的扣0.2分", "未开展扣 0.2 分"),
        Rule(
            "32.3",
            "因自身原因引发的一般性事件扣0.2分，较大事件扣0.5分，重大事件及以上扣1分",
            "0.2 × 一般 + 0.5 × 较大 + 1 × 重大及以上",
        ),
        Rule("32.4", "建立环境应急物资库并挂牌，未完成的扣0.2分", "未完成扣 0.2 分"),
        Rule("32.5", "因组织不力、处置不当导致事件升级或造成社会不良影响的，每次扣0.5分", "0.5 × 次数"),
    ),
    fields=(
        F("i32.reporting_failures", "count", "突发环境事件信息迟报、谎报、瞒报、漏报", "次", rule="32.1"),
        F(
            "i32.drill_done",
            "bool",
            "已组织开展突发环境事件应急演练（演练前报送方案、演练后报送照片资料）",
            rule="32.2",
        ),
        F("i32.incidents_general", "count", "因自身原因引发的一般性突发环境事件", "起", rule="32.3"),
        F("i32.incidents_larger", "count", "因自身原因引发的较大突发环境事件", "起", rule="32.3"),
        F("i32.incidents_major", "count", "因自身原因引发的重大及以上突发环境事件", "起", rule="32.3"),
        F("i32.depot_done", "bool", "已建立环境应急物资库并挂牌", rule="32.4"),
        F("i32.escalations", "count", "因组织不力、处置不当导致事件升级或造成社会不良影响", "次", rule="32.5"),
    ),
)
def score_32(x: Inputs):
    failures, drill, depot = x["i32.reporting_failures"], x["i32.drill_done"], x["i32.depot_done"]
    general, larger, major = x["i32.incidents_general"], x["i32.incidents_larger"], x["i32.incidents_major"]
    escalations = x["i32.escalations"]
    return [
        lost("32.1", linear(failures, "0.1"), f"信息迟报、谎报、瞒报、漏报 {failures} 次，每次扣 0.1 分"),
        lost("32.2", "0.2" if not drill else 0, "未开展突发环境事件应急演练" if not drill else "已开展应急演练"),
        lost(
            "32.3",
            linear(general, "0.2") + linear(larger, "0.5") + linear(major, 1),
            f"一般性突发环境事件 {general} 起（每起 0.2 分），较大事件 {larger} 起（每起 0.5 分），"
            f"重大及以上事件 {major} 起（每起 1 分）",
        ),
        lost(
            "32.4",
            "0.2" if not depot else 0,
            "未建立环境应急物资库并挂牌" if not depot else "已建立环境应急物资库并挂牌",
        ),
        lost(
            "32.5",
            linear(escalations, "0.5"),
            f"因组织不力、处置不当导致事件升级或造成不良影响 {escalations} 次，每次扣 0.5 分",
        ),
    ]


@item(
    id="33",
    section="8",
    name="加强核与辐射安全监管",
    points="1",
    deadline="12月31日",
    evidence="台账和核查核实情况",
    auditors=ECO,
    units=ECO_BRANCH,
    source="确保辖区内不发生辐射事件，计1分，否则不得分。",
    rules=(Rule("33", "确保辖区内不发生辐射事件，计1分，否则不得分", "未发生得 1 分，发生 0 分", points="1"),),
    fields=(F("i33.radiation_incident", "bool", "辖区内发生了辐射事件", rule="33", note="发生填“是”"),),
)
def score_33(x: Inputs):
    incident = x["i33.radiation_incident"]
    return [earned("33", 1 - flag(incident), 1, "辖区内发生辐射事件" if incident else "辖区内未发生辐射事件")]


@item(
    id="34",
    section="9",
    name="服务高质量发展",
    points="2",
    deadline="12月31日",
    evidence="相关文件、台账和现场核查情况",
    auditors=ECO,
    units=ECO_BRANCH,
    source=(
        "1.党委政府部署“三线一单”实施应用，政策制定、规划编制“三线一单”实施应用，优化区域产业布局及项目选址选线实施应用，"
        "建立动态更新调整、跟踪评估工作机制，相关工作未落实的，每发现1起扣0.2分；\n"
        "2.县负责简化管理证书的质量抽查，完成率不低于30%，督促企业持证企业按期提交执行报告，提交率达到100%，"
        "完成率和提交率每低5%，分别扣0.1分；\n"
        "3.落实企事业单位和产业园环保信用评价管理办法，每发现1起未落实的扣0.2分。\n"
        "上述工作扣分累计不超过2分。"
    ),
    rules=(
        Rule("34.1", "“三线一单”实施应用相关工作未落实的，每发现1起扣0.2分", "0.2 × 起数"),
        Rule(
            "34.2",
            "简化管理证书质量抽查完成率不低于30%，执行报告提交率达到100%，每低5%分别扣0.1分",
            "0.1 × (30 − 抽查完成率) / 5 + 0.1 × (100 − 提交率) / 5，按比例",
        ),
        Rule("34.3", "落实环保信用评价管理办法，每发现1起未落实的扣0.2分", "0.2 × 起数"),
    ),
    fields=(
        F("i34.three_lines_failures", "count", "发现“三线一单”实施应用相关工作未落实", "起", rule="34.1"),
        F("i34.spotcheck_rate", "pct", "简化管理证书质量抽查完成率", "%", rule="34.2"),
        F("i34.report_rate", "pct", "持证企业按期提交执行报告的提交率", "%", rule="34.2"),
        F("i34.credit_failures", "count", "发现未落实企事业单位和产业园环保信用评价管理办法", "起", rule="34.3"),
    ),
)
def score_34(x: Inputs):
    three, credit = x["i34.three_lines_failures"], x["i34.credit_failures"]
    spot, report = x["i34.spotcheck_rate"], x["i34.report_rate"]
    # "上述工作扣分累计不超过2分" is the item's own [0, 2] clamp, applied by the engine.
    return [
        lost("34.1", linear(three, "0.2"), f"“三线一单”实施应用相关工作未落实 {three} 起，每起扣 0.2 分"),
        lost(
            "34.2",
            linear(SPOTCHECK_TARGET - spot, "0.1", 5),
            f"简化管理证书质量抽查完成率 {num(spot)}%，要求不低于 {num(SPOTCHECK_TARGET)}%，每低 5% 扣 0.1 分（按比例）",
        ),
        lost(
            "34.2",
            linear(REPORT_TARGET - report, "0.1", 5),
            f"执行报告提交率 {num(report)}%，要求达到 {num(REPORT_TARGET)}%，每低 5% 扣 0.1 分（按比例）",
        ),
        lost("34.3", linear(credit, "0.2"), f"环保信用评价管理办法未落实 {credit} 起，每起扣 0.2 分"),
    ]
