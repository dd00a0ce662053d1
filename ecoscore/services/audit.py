"""自评 and 核定: a county's self-assessment against the city's audited input
(`ecoscore score 核定.xlsx --self 自评.xlsx`, docs/spec/decisions.md#dev-audit).

Both files are scored on the 核定 file's edition and compared with the machinery of
`ecoscore diff` (`services.diff.compare` with audit labels): the fields the city changed,
where they are in each file, and the sub-rule lines that moved. Each item whose score differs
gets its reason: the changed fields it reads, and its moved lines.
"""

from __future__ import annotations

from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.audit import Audit, FieldDifference, ItemDifference, LineMove
from ecoscore.core.fields import section_of_key
from ecoscore.core.model import UsageProblem
from ecoscore.services.diff import compare, load_side
from ecoscore.services.diff_rows import Side
from ecoscore.services.output import is_same_path
from ecoscore.sources.inputs import InputData


def load_self(path: str | Path, audited: Side, audited_path: str | Path) -> Side:
    """The 自评 file, read like a diff side and scored on the 核定 report's edition.

    The same file twice, or a 自评 of another county or year, is a usage error: the comparison
    would be meaningless (a wrong file picked), so nothing is written."""
    path = Path(path)
    if is_same_path(path, Path(audited_path)):
        raise UsageProblem(f"--self 指定的自评文件与核定文件是同一个文件（{path}）；请给出县（市、区）报来的自评文件")
    mine = load_side(path, "自评文件", audited.report.rubric)
    sc, ac = mine.data.county, audited.data.county
    if sc and ac and sc != ac:
        raise UsageProblem(f"自评文件“{path.name}”是{sc}的，核定文件是{ac}的；请检查是否选错了文件")
    sy, ay = mine.data.year, audited.data.year
    if sy and ay and sy != ay:
        raise UsageProblem(f"自评文件“{path.name}”的考核年度是 {sy} 年，核定文件是 {ay} 年；请检查是否选错了文件")
    return mine


def audit(mine: Side, audited: Side, *, self_name: str = "", name: str = "") -> Audit:
    """What the city changed and why each item's score differs (核定 − 自评)."""
    result = compare(mine, audited, old_name=self_name, new_name=name, audit=True)
    rubric = editions.of(audited.report.rubric)
    changed = {
        f["key"]: FieldDifference(
            key=f["key"],
            label=f["label"],
            self_value=f["old"],
            value=f["new"],
            unit=f["unit"],
            self_at=location(mine.data, f["key"]) if f["status"] != "new_only" else "",
            at=location(audited.data, f["key"]) if f["status"] != "old_only" else "",
        )
        for f in result.fields.to_dict("records")
    }
    section_changes = [f for key, f in changed.items() if section_of_key(key)]
    moved: dict[str, list[LineMove]] = {}
    for x in result.lines.to_dict("records"):
        # in an item whose score differs, a line with the same points but another reason explains
        # it too (9.1 "不符合免扣条件"); `compare` lists those only for such items
        moved.setdefault(x["item"], []).append(
            LineMove(
                rule=x["rule"],
                self_points=x["old"],
                points=x["new"],
                reason=x["new_reason"] or f"不再适用（自评：{x['old_reason']}）",
                self_reason=x["old_reason"],
            )
        )
    items, read = [], set()
    for row in result.items.to_dict("records"):
        it = rubric.item(row["id"])
        keys = [k for k in it.keys if k in changed]
        read.update(keys)
        fields = [changed[k] for k in keys] + (section_changes if it.uses_sections else [])
        items.append(
            ItemDifference(
                id=row["id"],
                name=row["name"],
                points=row["points"],
                self_score=row["old"],
                score=row["new"],
                fields=fields,
                lines=moved.get(row["id"], []),
            )
        )
    other = [f for key, f in changed.items() if key not in read and not section_of_key(key)]
    return Audit(
        self_name=self_name,
        name=name,
        self_total=mine.report.total,
        total=audited.report.total,
        items=items,
        other_fields=other,
        notes=list(result.notes),
        self_provisional=mine.report.provisional,
        provisional=audited.report.provisional,
    )


def location(data: InputData, key: str) -> str:
    """Where a field (or a water section's column) is in a file: its cell, or its JSON path."""
    section = section_of_key(key)
    if section:
        name, col = section
        for i, sec in enumerate(data.sections):
            if str(sec.get("name", "")).strip() == name:
                locs = data.section_locations[i] if i < len(data.section_locations) else {}
                return str(locs[col]) if col in locs else f"sections[{i}].{col}"
        return ""
    where = data.locations.get(key)
    if where is not None:
        return str(where)
    return f"values.{key}" if data.kind == "json" else ""
