"""The 佐证材料 an input names (docs/spec/decisions.md#dev-15-evidence): their item ids checked
against the edition, and one 提示 naming the items left without any — only when the input has a
place for them (the 佐证材料 sheet of a 2021.3 template, a JSON `evidence` member)."""

from __future__ import annotations

from ecoscore.core.model import Problem, Report
from ecoscore.rubric import Rubric
from ecoscore.sources.inputs import InputData

SHOWN = 20  # item ids named in the 提示, at most
NONE_NOTE = "未填写佐证材料：考核评分表的“考核依据/佐证材料”栏只列出细则要求的考核依据（可在“佐证材料”表填写）"


def problems(data: InputData, rubric: Rubric) -> list[Problem]:
    """An item id the edition does not have (a typo in 序号) is an error at its cell."""
    return [
        Problem(
            "unknown_key",
            f"佐证材料的序号“{item_id}”不是考核细则中的条款（应为 1～{len(rubric.scored_items)}、B 或 P）",
            key=f"evidence.{item_id}",
            location=data.meta_locations.get(f"evidence.{item_id}"),
            expected="条款序号",
        )
        for item_id in data.evidence
        if not rubric.has_item(item_id)
    ]


def blank_note(data: InputData, report: Report) -> str | None:
    """提示 for the scored items (and a bonus claimed) without 佐证材料; none when the input has no
    place for them (an older template). A county that filled none is told once, briefly."""
    if not data.evidence_given:
        return None
    if not data.evidence:
        return NONE_NOTE
    wanted = [it.id for it in report.items] + (["B"] if report.bonus.score > 0 else [])
    blank = [i for i in wanted if i not in data.evidence]
    if not blank:
        return None
    shown = "、".join("加分项" if i == "B" else i for i in blank[:SHOWN]) + ("等" if len(blank) > SHOWN else "")
    return f"以下 {len(blank)} 个条款未填佐证材料：{shown}（不影响评分，见“考核评分表”）"
