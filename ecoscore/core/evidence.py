"""A 佐证材料 (evidence) an input names for an item; shown, never scored."""

from __future__ import annotations

from ecoscore.core.record import record


@record(frozen=True)
class Evidence:
    """One 佐证材料 the county names for an item: its name, 文号 and 页码 (or a file path)."""

    name: str
    number: str = ""
    page: str = ""

    def text(self) -> str:
        """ "名称（文号，页码）", as a 佐证材料 is cited."""
        where = "，".join(x for x in (self.number, self.page) if x)
        return f"{self.name}（{where}）" if self.name and where else self.name or where

    def to_dict(self) -> dict:
        return {"name": self.name, "number": self.number, "page": self.page}
