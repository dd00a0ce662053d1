"""The texts of the 考核评分表's item rows (`official_sheet`): the task as the source names it, the
short 计分方法, the summarised 扣分原因, the 审核单位, the 考核依据 with the county's 佐证材料, the 备注.
docs/spec/decisions.md#dev-15-official says how each is derived."""

from __future__ import annotations

import re
from collections import Counter

from ecoscore.core.evidence import Evidence
from ecoscore.core.model import ItemResult, Line
from ecoscore.rubric.declare import Item
from ecoscore.workbook.tables import n

# the parts of a reason that restate the rule ("每个扣 0.5 分", "得 0.50 分（满分 1 分）", "扣 0.50 分"):
# the row gives the rule's short method and the amount itself
RESTATED = re.compile(r"^(每|按\s|得\s[\d.]+\s分|扣\s[\d.]+\s分$|加\s[\d.]+\s分$)|每[^，；]*[扣加]\s?[\d.]+\s?分")
NO_EVIDENCE = "佐证材料：未提供"


def stand_in(result: ItemResult) -> Item:
    """For a report's item the edition does not have (a report built by hand): what the result knows."""
    return Item(result.id, result.section, result.name, result.points, "", "", (), (), "", ())


def task(item: Item) -> str:
    """工作目标/重点任务: the item's name, with the source's sub-task heading where several items share
    the name (items 4–8 are all 深入开展水污染防治行动)."""
    heading = _subtask(item.source.strip().split("\n", 1)[0].strip())
    if heading and heading not in item.name:
        return f"{item.name}：{heading}"
    return item.name


def _subtask(line: str) -> str:
    """ "一、辖区国考断面水质" → "辖区国考断面水质" (the source's sub-task heading), "" for any other line."""
    numeral, mark, heading = line.partition("、")
    if mark and numeral and not numeral.strip("一二三四五六七八九十"):
        return heading.lstrip()
    return ""


def method(item: Item, methods) -> str:
    """The edition's short 计分方法, or the sub-rules' own texts where it has none."""
    return methods.get(item.id) or "；".join(r.text for r in item.rules)


def _top_level_parts(text: str) -> list[str]:
    """Split at ， and ； outside brackets (a reason's "（Ⅳ，目标Ⅲ）" stays whole)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and 1 or 0
        if depth == 0 and ch in "，；":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def short_reason(ln: Line) -> str:
    """ "9.4 PM2.5 年均浓度 36 μg/m³，年度目标 32 扣 2.00 分": the facts of a sub-rule line and its amount."""
    facts = [p for p in _top_level_parts(ln.reason) if not RESTATED.search(p)]
    verb = "扣" if ln.display < 0 else "加"
    return f"{ln.rule} {'，'.join(facts)} {verb} {abs(n(ln.display)):.2f} 分".replace("  ", " ")


def reasons(result: ItemResult | None, lines: list[Line] | None = None) -> str:
    """扣分原因: the changed sub-rule lines, "—" when nothing was lost, 未评分 for an unscored item."""
    if result is not None and result.score is None:
        return f"未评分：缺 {len(result.missing)} 项数据"
    changed = [ln for ln in (lines if lines is not None else result.lines if result else []) if ln.display]
    return "\n".join(short_reason(ln) for ln in changed) or "—"


def auditors(item: Item) -> str:
    return "、".join(dict.fromkeys(item.auditors + tuple(a for r in item.rules for a in r.auditors)))


def basis_and_evidence(item: Item, evidence: tuple[Evidence, ...]) -> str:
    """The source's 考核依据, then each 佐证材料 the county named (or that none was)."""
    numbered = len(evidence) > 1
    listed = "\n".join(f"{i}. {e.text()}" if numbered else e.text() for i, e in enumerate(evidence, start=1))
    listed = listed or NO_EVIDENCE
    return f"{item.evidence}\n{listed}" if item.evidence else listed


def common_deadline(items) -> str:
    """The 进度节点 most items share (12月31日): said once above the table, the others in 备注."""
    counts = Counter(it.deadline for it in items if it.deadline)
    # the first of equal counts, as most_common(1) gives it (which imports heapq for it)
    return max(counts, key=counts.__getitem__) if counts else ""


def remark(result: ItemResult, item: Item, usual_deadline: str) -> str:
    """备注: unscored, an exemption, points added inside the item, a loss capped at the item's
    points, a 进度节点 other than the usual one."""
    if result.score is None:
        return "暂定：缺数据未计分"
    out = []
    exempt = next((ln.reason for ln in result.lines if ln.reason.startswith("因免扣未计算")), None)
    if exempt:
        before, found, _ = exempt.partition(" 免扣条件")  # "（已符合 9.1 免扣条件，…": the sub-rule 9.1
        named = found and before and not before[-1].isspace()
        out.append(f"符合 {before.split()[-1]} 免扣" if named else "免扣")
    added = sum(ln.display for ln in result.lines if ln.display > 0)
    if added:
        out.append(f"含加分 {n(added):.2f} 分")
    taken = -sum(ln.display for ln in result.lines if ln.display < 0)
    if item.points is not None and taken - added > item.points:
        out.append("扣完为止")
    if item.deadline and item.deadline != usual_deadline:
        out.append(f"进度节点：{item.deadline}")
    return "；".join(out)
