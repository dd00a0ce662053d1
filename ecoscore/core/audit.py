"""A county's 自评 against the city's 核定 (`ecoscore score 核定.xlsx --self 自评.xlsx`), as plain data.

`services.audit` builds it from the diff machinery; the terminal, the JSON report and the
scored workbook's 核定差异 sheet read it. Points are exact Decimals; the penalty is its
contribution to the total (negative), as in `ecoscore diff`. Differences are 核定 − 自评.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal

from ecoscore.core.kit import signed
from ecoscore.core.model import json_number, json_value
from ecoscore.core.record import record
from ecoscore.core.text import value_text


@record(frozen=True)
class FieldDifference:
    """One input value the city changed: where it is in each file, from what to what."""

    key: str
    label: str
    self_value: object
    value: object
    unit: str = ""
    self_at: str = ""  # "空气质量!E7", "values.air.pm25"; "" when the file has no such row
    at: str = ""

    def text(self) -> str:
        where = self.at if self.self_at in ("", self.at) else f"自评 {self.self_at}，核定 {self.at}"
        where = where or self.self_at
        return f"{self.label}：{value_text(self.self_value, self.unit)} → {value_text(self.value, self.unit)}" + (
            f"（{where}）" if where else ""
        )

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "self_value": json_value(self.self_value),
            "value": json_value(self.value),
            "unit": self.unit,
            "self_location": self.self_at or None,
            "location": self.at or None,
        }


@record(frozen=True)
class LineMove:
    """A sub-rule line whose points moved (or that appeared or went): 自评 points → 核定 points."""

    rule: str
    self_points: Decimal
    points: Decimal
    reason: str  # the 核定 reason; the 自评 one for a line that no longer applies
    self_reason: str = ""

    def text(self) -> str:
        if self.points == self.self_points:
            return f"细则 {self.rule}（分值不变）：{self.reason}"
        return f"细则 {self.rule} {signed(self.self_points)} → {signed(self.points)}：{self.reason}"

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "self_points": json_number(self.self_points),
            "points": json_number(self.points),
            "reason": self.reason,
            "self_reason": self.self_reason,
        }


@record
class ItemDifference:
    """One item (or B/P) on both sides, and why its score differs."""

    id: str
    name: str
    points: Decimal | None
    self_score: Decimal | None  # None: not scored (missing data) on that side
    score: Decimal | None
    fields: list[FieldDifference] = field(default_factory=list)  # changed fields the item reads
    lines: list[LineMove] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        return None if self.score is None or self.self_score is None else self.score - self.self_score

    @property
    def differs(self) -> bool:
        return self.change != 0 if self.change is not None else self.score != self.self_score

    @property
    def reason(self) -> str:
        """Every changed field with its values, then every moved line; "" when nothing changed."""
        parts = []
        if self.fields:
            parts.append("核定改动：" + "；".join(f.text() for f in self.fields))
        if self.lines:
            parts.append("；".join(ln.text() for ln in self.lines))
        if self.change is None and self.differs:
            parts.append(("自评" if self.self_score is None else "核定") + "缺数据，未评分")
        if self.fields and not self.differs:
            parts.append("得分不变")
        return "\n".join(p for p in parts if p)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "self_score": json_number(self.self_score),
            "score": json_number(self.score),
            "change": json_number(self.change),
            "reason": self.reason,
            "fields": [f.to_dict() for f in self.fields],
            "lines": [ln.to_dict() for ln in self.lines],
        }


@record
class Audit:
    self_name: str  # the 自评 file's name
    name: str  # the 核定 file's name
    self_total: Decimal
    total: Decimal
    items: list[ItemDifference]  # the 39 items, then B and P (as their contribution)
    other_fields: list[FieldDifference] = field(default_factory=list)  # changed, read by no item
    notes: list[str] = field(default_factory=list)  # 提示 on what is compared
    self_provisional: bool = False  # a side with items left unscored (missing data): its total is 暂定
    provisional: bool = False

    @property
    def provisional_text(self) -> str:
        """ "自评为暂定分（…）" when a side has unscored items; "" otherwise."""
        sides = [name for name, flag in (("自评", self.self_provisional), ("核定", self.provisional)) if flag]
        return "、".join(sides) + "为暂定分（有条款缺数据未评分）" if sides else ""

    @property
    def change(self) -> Decimal:
        return self.total - self.self_total

    @property
    def differing(self) -> list[ItemDifference]:
        return [it for it in self.items if it.differs]

    @property
    def fields(self) -> list[FieldDifference]:
        """Every changed field once (an item may share a field with others)."""
        seen: dict[str, FieldDifference] = {}
        for it in self.items:
            for f in it.fields:
                seen.setdefault(f.key, f)
        for f in self.other_fields:
            seen.setdefault(f.key, f)
        return list(seen.values())

    def to_dict(self) -> dict:
        return {
            "self_file": self.self_name,
            "file": self.name,
            "self_total": json_number(self.self_total),
            "total": json_number(self.total),
            "change": json_number(self.change),
            "self_provisional": self.self_provisional,
            "provisional": self.provisional,
            "notes": list(self.notes),
            "items": [it.to_dict() for it in self.differing],
            "fields": [f.to_dict() for f in self.fields],
        }
