"""Sections 3 and 4: problem rectification (item 21), ecological protection and restoration
(items 22–24)."""

from __future__ import annotations

from ecoscore.core.fields import Condition, F, Op
from ecoscore.core.kit import earned, linear, lost, num
from ecoscore.rubric.declare import Inputs, Rule, item

EEB, COUNTY_EEB = ("市生态环境局",), ("市生态环境局中方分局",)
FORESTRY = ("县林业局",)


@item(
    id="21",
    section="3",
    name="坚持抓好中央层面反馈、指出问题和省级生态环保督察“回头看”反馈问题整改",
    points="8",
    deadline="12月31日",
    evidence="相关资料台账及现场督察检查",
    auditors=("市突出环境问题整改工作领导小组办公室",),
    units=("县直整改牵头单位",),
    source=(
        "1.完成中央生态环保督察问题整改、长江经济带生态环境警示片披露问题整改，一项任务未达序时进度的，扣1分；\n"
        "2.完成省生态环境保护督察及“回头看”等省级交办问题整改，一项任务未达序时进度的，扣0.5分，"
        "同一个问题不重复扣分。"
    ),
    rules=(
        Rule(
            "21.1",
            "完成中央生态环保督察问题整改、长江经济带生态环境警示片披露问题整改，一项任务未达序时进度的，扣1分",
            "1 × 未达序时进度的中央层面任务数",
        ),
        Rule(
            "21.2",
            "完成省生态环境保护督察及“回头看”等省级交办问题整改，一项任务未达序时进度的，扣0.5分，同一个问题不重复扣分",
            "0.5 × 未达序时进度的省级任务数（已按中央层面计的问题不再计）",
        ),
    ),
    fields=(
        F(
            "i21.central_tasks_late",
            "count",
            "未达序时进度的中央生态环保督察、长江经济带警示片披露问题整改任务数",
            "项",
            rule="21.1",
            note="同一问题同时列入中央和省级清单的，只在此处计一次",
        ),
        F(
            "i21.provincial_tasks_late",
            "count",
            "未达序时进度的省生态环境保护督察及“回头看”等省级交办问题整改任务数",
            "项",
            rule="21.2",
            note="不含已计入中央层面任务数的问题（同一问题不重复扣分）",
        ),
    ),
)
def score_21(x: Inputs):
    c, p = x["i21.central_tasks_late"], x["i21.provincial_tasks_late"]
    return [
        lost("21.1", linear(c, 1), f"中央层面问题整改未达序时进度 {num(c)} 项，每项扣 1 分"),
        lost("21.2", linear(p, "0.5"), f"省级交办问题整改未达序时进度 {num(p)} 项，每项扣 0.5 分"),
    ]


@item(
    id="22",
    section="4",
    name="推进长江保护修复",
    points="1",
    deadline="12月31日",
    evidence="相关文件法规及抽查核查情况",
    auditors=("市生态环境局", "省农业农村局", "省公安局"),
    units=("县农业农村局", "县公安局"),
    source=(
        "1.对长江保护方面的法规文件、政策规划等开展全面清理，计0.5分，每发现1起与上位法相抵触的扣0.2分，扣完为止；\n"
        "2.严格落实长江十年禁渔，加强长江流域禁捕执法监督工作，组织开展打击电鱼、毒鱼、炸鱼等破坏渔业资源和生态环境的"
        "捕捞行为，计0.5分，每发现1起未落实的扣0.1分，扣完为止。"
    ),
    rules=(
        Rule(
            "22.1",
            "对长江保护方面的法规文件、政策规划等开展全面清理，计0.5分，每发现1起与上位法相抵触的扣0.2分，扣完为止",
            "未开展清理 0 分；否则 0.5 − 0.2 × 相抵触件数，最低 0 分",
            points="0.5",
        ),
        Rule(
            "22.2",
            "严格落实长江十年禁渔，加强禁捕执法监督，计0.5分，每发现1起未落实的扣0.1分，扣完为止",
            "0.5 − 0.1 × 未落实起数，最低 0 分",
            points="0.5",
        ),
    ),
    fields=(
        F("i22.cleanup_done", "bool", "已对长江保护方面的法规文件、政策规划等开展全面清理", rule="22.1"),
        F(
            "i22.conflicts_found",
            "count",
            "发现与上位法相抵触的法规文件、政策规划数",
            "起",
            rule="22.1",
            required_when=Condition("i22.cleanup_done", Op.IS, True),
        ),
        F("i22.fishing_ban_failures", "count", "发现未落实长江十年禁渔、禁捕执法监督的起数", "起", rule="22.2"),
    ),
)
def score_22(x: Inputs):
    done, conflicts, failures = x["i22.cleanup_done"], x["i22.conflicts_found"], x["i22.fishing_ban_failures"]
    if done:
        first = lost(
            "22.1",
            linear(conflicts, "0.2"),
            f"已开展全面清理，发现与上位法相抵触 {num(conflicts)} 起，每起扣 0.2 分",
            cap="0.5",
        )
    else:
        first = earned("22.1", 0, "0.5", "未对长江保护方面的法规文件、政策规划开展全面清理")
    return [
        first,
        lost("22.2", linear(failures, "0.1"), f"发现未落实长江十年禁渔 {num(failures)} 起，每起扣 0.1 分", cap="0.5"),
    ]


@item(
    id="23",
    section="4",
    name="推进绿盾行动和国土绿化行动",
    points="2",
    deadline="12月31日",
    evidence="台账、整改方案、整改完成及抽查核查情况",
    auditors=("市生态环境局", "市林业局"),
    units=FORESTRY,
    source=(
        "1.及时完成自然保护地遥感报告问题线索核查核实工作，完善上报问题台账，计0.5分，未完善上报问题台账的，不得分；\n"
        "2.以自然保护地为单位制定问题整改方案，计0.2分，每发现一个自然保护地未制定整改方案的，扣0.1分，扣完为止；\n"
        "3.按照国家、省、市有关工作要求和下发问题清单，推进自然保护地突出生态环境问题整改，计0.8分，"
        "未完成整改任务的每个问题扣0.2分，扣完为止；\n"
        "4.开展国土绿化行动，按要求完成人工造林、封山育林、退化林修复、森林抚育（含疫木清理）指标任务，计0.5分，"
        "每少0.1万亩扣0.1分，扣完为止。"
    ),
    rules=(
        Rule(
            "23.1",
            "完成自然保护地遥感报告问题线索核查核实，完善上报问题台账，计0.5分，未完善的不得分",
            "完善上报得 0.5 分，否则 0 分",
            points="0.5",
        ),
        Rule(
            "23.2",
            "以自然保护地为单位制定问题整改方案，计0.2分，每发现一个未制定的扣0.1分，扣完为止",
            "0.2 − 0.1 × 未制定方案的保护地数，最低 0 分",
            points="0.2",
        ),
        Rule(
            "23.3",
            "推进自然保护地突出生态环境问题整改，计0.8分，未完成整改任务的每个问题扣0.2分，扣完为止",
            "0.8 − 0.2 × 未完成整改问题数，最低 0 分",
            points="0.8",
        ),
        Rule(
            "23.4",
            "完成人工造林、封山育林、退化林修复、森林抚育（含疫木清理）指标任务，计0.5分，每少0.1万亩扣0.1分，扣完为止",
            "0.5 − 0.1 × 少完成面积 ÷ 0.1万亩（按比例），最低 0 分",
            points="0.5",
        ),
    ),
    fields=(
        F("i23.ledger_complete", "bool", "已完成自然保护地遥感报告问题线索核查核实并完善上报问题台账", rule="23.1"),
        F("i23.areas_without_plan", "count", "未制定问题整改方案的自然保护地数", "个", rule="23.2"),
        F("i23.problems_unresolved", "count", "未完成整改任务的自然保护地突出生态环境问题数", "个", rule="23.3"),
        F(
            "i23.afforestation_shortfall",
            "num",
            "国土绿化四项指标任务少完成面积合计",
            "万亩",
            rule="23.4",
            note="人工造林、封山育林、退化林修复、森林抚育（含疫木清理）各项少完成面积相加，超额完成的不抵扣；全部完成填 0",
        ),
    ),
)
def score_23(x: Inputs):
    ledger, areas = x["i23.ledger_complete"], x["i23.areas_without_plan"]
    problems, short = x["i23.problems_unresolved"], x["i23.afforestation_shortfall"]
    return [
        earned("23.1", "0.5" if ledger else 0, "0.5", "已完善上报问题台账" if ledger else "未完善上报问题台账"),
        lost("23.2", linear(areas, "0.1"), f"未制定整改方案的自然保护地 {num(areas)} 个，每个扣 0.1 分", cap="0.2"),
        lost(
            "23.3", linear(problems, "0.2"), f"未完成整改的自然保护地问题 {num(problems)} 个，每个扣 0.2 分", cap="0.8"
        ),
        lost(
            "23.4",
            linear(short, "0.1", "0.1"),
            f"国土绿化指标任务少完成 {num(short)} 万亩，每少 0.1 万亩扣 0.1 分",
            cap="0.5",
        ),
    ]


@item(
    id="24",
    section="4",
    name="加强生物多样性保护",
    points="1",
    deadline="12月31日",
    evidence="相关文件、台账和抽查核查情况",
    auditors=("市林业局",),
    units=FORESTRY,
    source=(
        "1.实施生物多样性保护行动，95%以上的国家重点保护野生动植物资源得到有效保护，计0.4分，有效保护率每降低2%，"
        "扣0.1分，扣完为止；\n"
        "2.组织实施生物多样性保护重大工程，计0.4分，因组织不力，导致工程项目严重污染环境，每发生1起扣0.1分；\n"
        "3.开展生物多样性宣教工作，计0.2分，未开展不得分。"
    ),
    rules=(
        Rule(
            "24.1",
            "95%以上的国家重点保护野生动植物资源得到有效保护，计0.4分，有效保护率每降低2%，扣0.1分，扣完为止",
            "0.1 × (95 − 有效保护率) ÷ 2（按比例），最多扣 0.4 分",
            points="0.4",
        ),
        Rule(
            "24.2",
            "组织实施生物多样性保护重大工程，计0.4分，因组织不力导致工程项目严重污染环境，每发生1起扣0.1分",
            "0.1 × 事件起数，最多扣 0.4 分",
            points="0.4",
        ),
        Rule("24.3", "开展生物多样性宣教工作，计0.2分，未开展不得分", "开展得 0.2 分，否则 0 分", points="0.2"),
    ),
    fields=(
        F("i24.protection_rate", "pct", "国家重点保护野生动植物资源有效保护率", "%", rule="24.1"),
        F(
            "i24.pollution_incidents",
            "count",
            "因组织不力导致生物多样性保护重大工程项目严重污染环境的事件数",
            "起",
            rule="24.2",
        ),
        F("i24.education_done", "bool", "已开展生物多样性宣教工作", rule="24.3"),
    ),
)
def score_24(x: Inputs):
    rate, incidents, edu = x["i24.protection_rate"], x["i24.pollution_incidents"], x["i24.education_done"]
    return [
        lost("24.1", linear(95 - rate, "0.1", 2), f"有效保护率 {num(rate)}%，较 95% 每降低 2% 扣 0.1 分", cap="0.4"),
        lost(
            "24.2", linear(incidents, "0.1"), f"重大工程项目严重污染环境 {num(incidents)} 起，每起扣 0.1 分", cap="0.4"
        ),
        earned("24.3", "0.2" if edu else 0, "0.2", "已开展生物多样性宣教工作" if edu else "未开展生物多样性宣教工作"),
    ]
