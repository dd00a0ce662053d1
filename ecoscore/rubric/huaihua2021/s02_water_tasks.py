"""Section 2 深入打好污染防治攻坚战, water tasks: item 6 (drinking-water sources), 7 (COD and NH3-N
reduction) and 8 (the annual water-pollution tasks)."""

from __future__ import annotations

from ecoscore.core.fields import Condition, F, Op
from ecoscore.core.kit import D, approx, linear, lost, num, pos
from ecoscore.rubric.declare import Inputs, Rule, item

NAME = "深入开展水污染防治行动"  # items 6 and 7 have a blank (merged) name cell in the source
AUDITORS = ("市生态环境局",)
UNITS = ("市生态环境局中方分局",)


@item(
    id="6",
    section="2",
    name=NAME,
    points="2",
    deadline="12月31日",
    evidence="监测数据",
    auditors=AUDITORS,
    units=UNITS,
    source="三、县级城市集中式饮用水水源水质\n县级城市集中式饮用水水源地全部达标，县级城市每超标1个扣0.5分。",
    rules=(Rule("6", "县级城市集中式饮用水水源地每超标1个扣0.5分", "0.5 × 超标水源地个数"),),
    fields=(F("i06.sources_exceeding", "count", "水质超标的县级城市集中式饮用水水源地", "个", rule="6"),),
)
def score_06(x: Inputs):
    n = x["i06.sources_exceeding"]
    what = f"水质超标的县级城市集中式饮用水水源地 {n} 个，每个扣 0.5 分" if n else "县级城市集中式饮用水水源地全部达标"
    return [lost("6", linear(n, "0.5"), what)]


def _reduction(label: str, target, done):
    if not target:
        return lost("7", 0, f"{label}年度减排任务为 0（完成 {num(done)} 吨），不考核")
    pct = D(done) / D(target) * 100
    text = f"{label}减排任务 {num(target)} 吨，完成 {num(done)} 吨，完成率 {approx(pct)}%"
    if pct < 100:
        text += f"，少完成 {approx(100 - pct)}%，每少 1% 扣 0.1 分"
    return lost("7", linear(100 - pct, "0.1"), text, cap=1)


@item(
    id="7",
    section="2",
    name=NAME,
    points="2",
    deadline="12月31日",
    evidence="减排台账及核定情况",
    auditors=AUDITORS,
    units=UNITS,
    source="四、主要水污染物减排\n完成COD、氨氮年度减排任务，每项指标每少完成1%扣0.1分，每项指标最多扣1分。",
    rules=(
        Rule(
            "7",
            "完成COD、氨氮年度减排任务，每项指标每少完成1%扣0.1分，每项指标最多扣1分",
            "每项：0.1 × （100 − 完成量/任务量 × 100），最多 1 分；任务量为 0 不扣分",
        ),
    ),
    fields=(
        F("i07.cod_target", "num", "COD 年度减排任务量", "吨", rule="7", assigned=True),
        F("i07.cod_done", "num", "COD 核定完成减排量", "吨", rule="7"),
        F("i07.nh3n_target", "num", "氨氮年度减排任务量", "吨", rule="7", assigned=True),
        F("i07.nh3n_done", "num", "氨氮核定完成减排量", "吨", rule="7"),
    ),
)
def score_07(x: Inputs):
    return [
        _reduction("COD", x["i07.cod_target"], x["i07.cod_done"]),
        _reduction("氨氮", x["i07.nh3n_target"], x["i07.nh3n_done"]),
    ]


def _per(rule: str, n, rate: str, what: str, unit: str = "起"):
    """A "每发现一起扣 rate 分" clause; n = 0 says so."""
    return lost(rule, linear(n, rate), f"{what} {n} {unit}，每{unit}扣 {rate} 分" if n else f"{what} 0 {unit}")


def _increase(what: str, target, done, unit: str):
    short = pos(D(target) - D(done))
    text = f"{what}较2018年提高 {num(done)}{unit}，要求 {num(target)}{unit}"
    text += f"，少 {num(short)}{unit}，每少 1{unit}扣 0.1 分" if short else "，达到要求"
    return lost("8.8", linear(short, "0.1"), text)


@item(
    id="8",
    section="2",
    name=NAME,
    points="4",
    deadline="12月31日",
    evidence="工作台账、监测数据及现场抽查",
    auditors=("市生态环境局", "市发改委", "市城管执法局", "市住建局", "市交通局", "市水利局"),
    units=("市生态环境局中方分局", "县发改局", "县城管执法局", "县住建局", "县交通局", "县水利局"),
    source=(
        "五、水污染防治年度重点工作\n"
        "1.饮用水水源保护。未按要求划定集中式饮用水水源保护区的，县级及以上城市每个扣0.2分，其它每个扣0.1分；"
        "未按要求完成规范化建设和问题排查整治的，每发现一起扣0.2分；\n"
        "2.工业园区环境管理。省级及以上工业园区按照要求完成涉水环境问题整改、开展园区环境第三方治理、"
        "园区生态环境保护年度报告和评估等年度重点工作，每个园区每少完成1项扣0.2分；\n"
        "3.枯水期水生态环境管理。按要求开展枯水期流域水生态环境管理工作，未部署或未落实相关措施对全年水质造成影响的，扣0.2分；\n"
        "4.完成长江保护修复攻坚战重点整治工作任务，每发现1起未完成任务的，扣0.2分；\n"
        "5.按照要求推进“十四五”重点流域水生态环境保护规划相关重点工作，每发现1项任务未按照要求推进或落实的，扣0.2分；\n"
        "6.水污染防治资金支持项目未落实管理规定要求或未按期实施完成的，每发现1起，扣0.2分（项目按期建成但未验收的扣0.1分）；\n"
        "7.船舶防污染设施设备配备不到位或不正常运行的，每发现一起，扣0.2分；"
        "船舶水污染物联合监管与服务信息系统未有效运行的，每发现一起，扣0.2分;\n"
        "8.县级城市生活污水集中收集率在2018年基础上分别提高15%、12%;设市城市污水处理厂进水BOD浓度在2018年基础上提高30%，"
        "提高率每少1%扣0.1分；\n"
        "9.巩固中方县主城区建成区黑臭水体治理成效，已完成整治黑臭水体存在返黑返臭的，每发现一起扣0.2分。"
    ),
    rules=(
        Rule(
            "8.1",
            "饮用水水源保护：未划定保护区县级及以上城市每个扣0.2分、其它每个扣0.1分；规范化建设和问题排查整治每发现一起扣0.2分",
            "0.2 × 县级及以上城市水源地 + 0.1 × 其它水源地 + 0.2 × 问题起数",
        ),
        Rule("8.2", "省级及以上工业园区每个园区每少完成1项年度重点工作扣0.2分", "0.2 × 少完成项数（各园区合计）"),
        Rule("8.3", "枯水期未部署或未落实相关措施对全年水质造成影响的，扣0.2分", "是则扣 0.2 分"),
        Rule("8.4", "长江保护修复攻坚战重点整治任务每发现1起未完成扣0.2分", "0.2 × 起数"),
        Rule("8.5", "“十四五”重点流域水生态环境保护规划任务每1项未推进或落实扣0.2分", "0.2 × 项数"),
        Rule(
            "8.6",
            "水污染防治资金项目未落实管理规定或未按期完成每起扣0.2分（按期建成未验收扣0.1分）",
            "0.2 × 未落实或未按期完成起数 + 0.1 × 建成未验收个数",
        ),
        Rule(
            "8.7",
            "船舶防污染设施设备、船舶水污染物联合监管与服务信息系统问题每发现一起扣0.2分",
            "0.2 × 设施设备问题起数 + 0.2 × 信息系统问题起数",
        ),
        Rule(
            "8.8",
            "县级城市生活污水集中收集率较2018年提高12%（设市城市进水BOD浓度提高30%），提高率每少1%扣0.1分",
            "0.1 × （要求提高 − 实际提高，不小于 0）；BOD 一项仅在填写了要求提高幅度时考核",
        ),
        Rule("8.9", "已完成整治的黑臭水体返黑返臭，每发现一起扣0.2分", "0.2 × 起数"),
    ),
    fields=(
        F(
            "i08.zones_missing_county",
            "count",
            "未按要求划定保护区的县级及以上城市集中式饮用水水源地",
            "个",
            rule="8.1",
        ),
        F("i08.zones_missing_other", "count", "未按要求划定保护区的其它集中式饮用水水源地", "个", rule="8.1"),
        F("i08.source_issues", "count", "发现未按要求完成水源地规范化建设和问题排查整治的问题", "起", rule="8.1"),
        F("i08.park_tasks_missing", "count", "省级及以上工业园区少完成的年度重点工作（各园区合计）", "项", rule="8.2"),
        F(
            "i08.dry_season_failed",
            "bool",
            "枯水期水生态环境管理未部署或未落实相关措施，对全年水质造成影响",
            rule="8.3",
            note="造成影响填“是”",
        ),
        F("i08.yangtze_tasks_missing", "count", "发现长江保护修复攻坚战重点整治未完成任务", "起", rule="8.4"),
        F(
            "i08.basin_tasks_missing",
            "count",
            "发现“十四五”重点流域水生态环境保护规划未按要求推进或落实的任务",
            "项",
            rule="8.5",
        ),
        F(
            "i08.fund_projects_failed",
            "count",
            "发现水污染防治资金支持项目未落实管理规定或未按期实施完成",
            "起",
            rule="8.6",
        ),
        F("i08.fund_projects_unaccepted", "count", "水污染防治资金支持项目按期建成但未验收", "个", rule="8.6"),
        F("i08.ship_facility_cases", "count", "发现船舶防污染设施设备配备不到位或不正常运行", "起", rule="8.7"),
        F("i08.ship_system_cases", "count", "发现船舶水污染物联合监管与服务信息系统未有效运行", "起", rule="8.7"),
        F(
            "i08.sewage_collection_increase",
            "spct",
            "县级城市生活污水集中收集率较2018年提高",
            "个百分点",
            rule="8.8",
            note="下降填负数",
        ),
        # required only when the BOD target is filled (a 设市城市 clause; blank target = not applicable, D8)
        F(
            "i08.bod_increase",
            "spct",
            "污水处理厂进水 BOD 浓度较2018年提高",
            "%",
            rule="8.8",
            required_when=Condition("target.bod_increase", Op.FILLED),
            note="下降填负数",
        ),
        F("i08.black_odorous_relapses", "count", "发现已完成整治的黑臭水体返黑返臭", "起", rule="8.9"),
    ),
    reads=("target.sewage_collection_increase", "target.bod_increase"),
)
def score_08(x: Inputs):
    g = x.__getitem__
    bod_target = g("target.bod_increase")
    if bod_target is None:
        bod = lost("8.8", 0, "进水 BOD 浓度提高要求未填写（仅设市城市适用），本款不适用")
    else:
        bod = _increase("污水处理厂进水 BOD 浓度", bod_target, g("i08.bod_increase"), "%")
    failed = g("i08.dry_season_failed")
    return [
        _per("8.1", g("i08.zones_missing_county"), "0.2", "未划定保护区的县级及以上城市水源地", "个"),
        _per("8.1", g("i08.zones_missing_other"), "0.1", "未划定保护区的其它水源地", "个"),
        _per("8.1", g("i08.source_issues"), "0.2", "规范化建设和问题排查整治未完成的问题"),
        _per("8.2", g("i08.park_tasks_missing"), "0.2", "工业园区少完成的年度重点工作", "项"),
        lost(
            "8.3",
            "0.2" if failed else 0,
            "枯水期管理未部署或未落实措施，对全年水质造成影响" if failed else "枯水期管理措施已部署落实",
        ),
        _per("8.4", g("i08.yangtze_tasks_missing"), "0.2", "长江保护修复攻坚战未完成任务"),
        _per("8.5", g("i08.basin_tasks_missing"), "0.2", "重点流域规划未推进或落实的任务", "项"),
        _per("8.6", g("i08.fund_projects_failed"), "0.2", "资金项目未落实管理规定或未按期完成"),
        _per("8.6", g("i08.fund_projects_unaccepted"), "0.1", "资金项目按期建成但未验收", "个"),
        _per("8.7", g("i08.ship_facility_cases"), "0.2", "船舶防污染设施设备问题"),
        _per("8.7", g("i08.ship_system_cases"), "0.2", "船舶水污染物联合监管与服务信息系统未有效运行"),
        _increase(
            "县级城市生活污水集中收集率",
            g("target.sewage_collection_increase"),
            g("i08.sewage_collection_increase"),
            "个百分点",
        ),
        bod,
        _per("8.9", g("i08.black_odorous_relapses"), "0.2", "已整治黑臭水体返黑返臭"),
    ]
