"""The 2021 edition's facts and policy figures, as data: what it is, and what its rules take
as given rather than compute. A later edition overrides these (`Rubric.derive(params=…)`).
"""

from __future__ import annotations

from decimal import Decimal

from ecoscore.rubric.declare import Section

ID = "huaihua-2021"
TITLE = "2021年怀化市生态环境保护工作考核细则"
# The source document: 中方县's responsibility list under that rubric.
SOURCE_TITLE = "2021年中方县落实《怀化市生态环境保护工作考核细则》责任清单"
REGION = "怀化市"
YEAR = 2021
# The source is 中方县's responsibility list: the unit names the items carry are 中方县's.
SOURCE_COUNTY = "中方县"

# Item 12 compares this year's heavy-pollution days with the average of these years.
HEAVY_DAYS_BASE_YEARS = (2018, 2019, 2020)

SECTIONS: tuple[Section, ...] = (
    Section("1", "深入学习贯彻习近平生态文明思想", Decimal(3)),
    Section("2", "深入打好污染防治攻坚战", Decimal(57)),
    Section("3", "持续推进突出生态环境问题整改", Decimal(8)),
    Section("4", "加强生态保护和修复", Decimal(4)),
    Section("5", "实施碳排放达峰行动", Decimal(4)),
    Section("6", "构建绿色生产生活方式", Decimal(4)),
    Section("7", "严格生态环境监管执法", Decimal(5)),
    Section("8", "防范化解生态环境风险", Decimal(3)),
    Section("9", "服务高质量发展", Decimal(2)),
    Section("10", "推进生态文明体系制度建设", Decimal(6)),
    Section("11", "加强生态环境能力建设", Decimal(4)),
    Section("B", "加分项", None),
    Section("P", "扣分项", None),
)

# The source gives the bonus and penalty no 审核单位/责任单位. The city's 生环委办 runs the
# assessment and the county's 生环委办 coordinates it, so events are attributed there until the
# unit behind a particular event is known (docs/interpretation.md).
COORDINATION_AUDITORS = ("市生态环境保护委员会办公室",)
COORDINATION_UNITS = ("县生态环境保护委员会办公室",)

PARAMS: dict[str, object] = {
    "heavy_days_base_years": HEAVY_DAYS_BASE_YEARS,
    "bonus_cap": Decimal(5),  # "加分累计不超过5分"
}
