"""Compare two scored inputs (`ecoscore diff FIRST [SECOND]`): two years, two filings of one
year, or a county's 自评 and the city's 核定 (`--audit`, `services.audit`).

`compare()` is pure: two sides (their input as read and their Report, scored by the current
engine) in, a `DiffResult` of pandas DataFrames out — one per view: total and sections, items,
sub-rule lines, input values, responsible units, incomplete items. Fields are matched by key
and water sections by name, so moved rows, reordered sheets and different template versions
compare cleanly; keys present on one side only are listed, never an error.

Signs: an item's, section's or line's `change` is new − old (positive = points gained); a
unit's `change` is the change in its losses (positive = it lost more).
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ecoscore import rubric as editions
from ecoscore.core.model import FileProblem, InputError, json_number, plain
from ecoscore.core.record import record
from ecoscore.scoring.accountability import unit_totals
from ecoscore.services.diff_checks import AUDIT_LABELS, NEUTRAL_LABELS, basis_header, checks, short_name, side_labels
from ecoscore.services.diff_rows import Side, difference, field_changes, item_rows, line_changes
from ecoscore.services.load import read_side, score_input
from ecoscore.services.output import check_output_path, check_workbook_name, json_text, writing

ZERO = Decimal(0)
COLUMNS = {  # the DataFrames of a DiffResult
    "sections": ["id", "name", "points", "old", "new", "change", "old_incomplete", "new_incomplete"],
    "items": ["id", "section", "name", "points", "old", "new", "change", "old_status", "new_status"],
    "lines": ["item", "item_name", "rule", "status", "old", "new", "change", "old_reason", "new_reason", "units"],
    "fields": ["key", "label", "old", "new", "unit", "status"],  # status: changed / old_only / new_only
    "units": ["unit", "old", "new", "change"],  # losses; only units whose losses changed
    "incomplete": ["id", "name", "old_missing", "new_missing"],  # labels of the missing fields
}
DEFAULT_CURRENT = "input.xlsx"


@record
class DiffResult:
    old_name: str
    new_name: str
    old_year: int | None
    new_year: int | None
    county: str
    total: dict
    sections: pd.DataFrame  # one DataFrame per view, columns as in COLUMNS
    items: pd.DataFrame
    lines: pd.DataFrame
    fields: pd.DataFrame
    units: pd.DataFrame
    incomplete: pd.DataFrame
    only_old: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 提示 on what is compared (`diff_checks`), shown first
    basis: str = ""  # "按《…》口径测算" when a side is scored on another year's edition
    labels: tuple[str, str] = NEUTRAL_LABELS  # what the sides are called (`diff_checks.side_labels`)

    @property
    def old_title(self) -> str:
        return self.labels[0]

    @property
    def new_title(self) -> str:
        return self.labels[1]

    @property
    def heading(self) -> str:
        """ "2020年（中方县-2020.xlsx） → 2021年（中方县-2021.xlsx）"; a label that is its file's name is not repeated."""
        left, right = (
            label if not name or label == short_name(name) else f"{label}（{name}）"
            for label, name in zip(self.labels, (self.old_name, self.new_name), strict=True)
        )
        return f"{left}→ {right}" if left.endswith("）") else f"{left} → {right}"

    @property
    def changed_items(self) -> pd.DataFrame:
        """Items whose score changed, largest change first (ties in rubric order)."""
        df = self.items[self.items["change"].map(lambda c: c is not None and c != 0)]
        return df.sort_values("change", key=lambda s: s.map(lambda c: -abs(c)), kind="stable")

    @property
    def unchanged(self) -> bool:
        return self.total["change"] == 0 and self.changed_items.empty and self.lines.empty and self.fields.empty

    def to_dict(self) -> dict:
        lines = {}
        for row in records(self.lines):
            row.pop("item_name")
            lines.setdefault(row.pop("item"), []).append(row)
        items = []
        for row in records(self.items):
            row["lines"] = lines.get(row["id"], [])
            items.append(row)
        return {
            "old": {"file": self.old_name, "year": self.old_year},
            "new": {"file": self.new_name, "year": self.new_year},
            "labels": {"old": self.old_title, "new": self.new_title},
            "county": self.county,
            "basis": self.basis or None,
            "notes": list(self.notes),
            "total": {k: json_number(v) if isinstance(v, Decimal) else v for k, v in self.total.items()},
            "sections": records(self.sections),
            "items": items,
            "fields": records(self.fields, points=False),  # input values stay exact
            "units": records(self.units),
            "incomplete": records(self.incomplete),
            "only_old": self.only_old,
            "only_new": self.only_new,
        }


POINTS = {"points", "old", "new", "change"}  # columns of points: JSON numbers with at most 2 decimals


def records(df: pd.DataFrame, points: bool = True) -> list[dict]:
    return [
        {k: json_number(v) if points and k in POINTS and isinstance(v, Decimal) else plain(v) for k, v in row.items()}
        for row in df.to_dict("records")
    ]


def _frame(rows: list[dict], view: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS[view], dtype=object)


def roles(audit: bool) -> tuple[str, str]:
    """How messages name the two files."""
    return (f"{AUDIT_LABELS[0]}文件", f"{AUDIT_LABELS[1]}文件") if audit else NEUTRAL_LABELS


def compare(old: Side, new: Side, *, old_name: str = "", new_name: str = "", audit: bool = False) -> DiffResult:
    rubric = editions.of(new.report.rubric)
    ro, rn = item_rows(old.report), item_rows(new.report)
    by_id = {r["id"]: r for r in rn}
    items, lines, incomplete = [], [], []
    for a in ro:
        b = by_id.get(a["id"])
        if b is None:  # an item of the old edition only (the edition 提示 says the editions differ)
            continue
        change = difference(b["score"], a["score"])
        items.append(
            dict(
                id=a["id"],
                section=a["section"],
                name=a["name"],
                points=a["points"],
                old=a["score"],
                new=b["score"],
                change=change,
                old_status="incomplete" if a["score"] is None else "scored",
                new_status="incomplete" if b["score"] is None else "scored",
            )
        )
        if change is not None:  # an incomplete side has no lines to compare
            lines += line_changes(a["id"], a["name"], a["lines"], b["lines"], reasons=change != 0)
        if a["missing"] or b["missing"]:
            incomplete.append(
                dict(
                    id=a["id"],
                    name=a["name"],
                    old_missing=tuple(m.label for m in a["missing"]),
                    new_missing=tuple(m.label for m in b["missing"]),
                )
            )
    items_df = _frame(items, "items")
    sections = []
    for sec in rubric.sections:
        df = items_df[items_df["section"] == sec.id]
        if df.empty:
            continue
        so = sum((x for x in df["old"] if x is not None), ZERO)
        sn = sum((x for x in df["new"] if x is not None), ZERO)
        sections.append(
            dict(
                id=sec.id,
                name=sec.name,
                points=sec.points,
                old=so,
                new=sn,
                change=sn - so,
                old_incomplete=int((df["old_status"] == "incomplete").sum()),
                new_incomplete=int((df["new_status"] == "incomplete").sum()),
            )
        )
    both = {i["id"] for i in items if i["change"] is not None}  # an incomplete side would fake a smaller loss
    uo, un = unit_totals(old.report, both), unit_totals(new.report, both)
    units = [
        dict(unit=u, old=uo.get(u, ZERO), new=un.get(u, ZERO), change=un.get(u, ZERO) - uo.get(u, ZERO))
        for u in dict.fromkeys(list(uo) + list(un))
    ]
    units_df = _frame([u for u in units if u["change"] != 0], "units")
    units_df = units_df.sort_values("change", key=lambda s: s.map(lambda c: -abs(c)), kind="stable")
    fields, only_old, only_new = field_changes(old, new, rubric)
    total = dict(
        old=old.report.total,
        new=new.report.total,
        change=new.report.total - old.report.total,
        old_provisional=old.report.provisional,
        new_provisional=new.report.provisional,
    )
    return DiffResult(
        old_name=old_name,
        new_name=new_name,
        old_year=old.data.year,
        new_year=new.data.year,
        county=new.data.county or old.data.county or new.report.county,
        total=total,
        sections=_frame(sections, "sections"),
        items=items_df,
        lines=_frame(lines, "lines"),
        fields=_frame(fields, "fields"),
        units=units_df.reset_index(drop=True),
        incomplete=_frame(incomplete, "incomplete"),
        only_old=only_old,
        only_new=only_new,
        notes=checks(old, new, roles(audit), audit=audit),
        basis=basis_header(old, new),
        labels=side_labels(old.data.year, new.data.year, old_name, new_name, audit=audit),
    )


# ---- reading and scoring each side -------------------------------------------------------------
def load_side(path: str | Path, role: str = "", rubric_id: str | None = None) -> Side:
    """`read_side`, scored with the current engine on the edition of its year (or `rubric_id`'s,
    `services.basis`); an invalid file names its role (文件一/文件二, 自评文件/核定文件)."""
    path = Path(path)
    try:
        data = read_side(path, editions.get(rubric_id) if rubric_id in editions.EDITIONS else None)
        return Side(data, score_input(data, rubric_id=rubric_id))
    except InputError as err:
        who = f"{role}“{path.name}”" if role else f"“{path.name}”"
        raise InputError(err.problems, f"{who}有 {len(err.problems)} 处错误，无法评分对比") from None


def diff_paths(
    last: str | Path, current: str | Path | None = None, rubric_id: str | None = None, audit: bool = False
) -> DiffResult:
    """`ecoscore diff FIRST [SECOND]`: SECOND defaults to input.xlsx in the working directory."""
    if current is None:
        current = Path(DEFAULT_CURRENT)
        if not current.exists():
            raise FileProblem(
                f"未指定文件二，当前文件夹中也没有 {DEFAULT_CURRENT}；请写成：ecoscore diff 文件一.xlsx 文件二.xlsx"
            )
    last, current = Path(last), Path(current)
    role_old, role_new = roles(audit)
    old = load_side(last, role_old, rubric_id)
    new = load_side(current, role_new, rubric_id)
    return compare(old, new, old_name=last.name, new_name=current.name, audit=audit)


def diff_files(
    last: str | Path,
    current: str | Path | None = None,
    *,
    output: str | Path | None = None,
    rubric_id: str | None = None,
    audit: bool = False,
):
    """Compare two inputs (each a workbook, a scored workbook or JSON); optionally write diff.xlsx."""
    if output:
        for src in (Path(last), Path(current) if current else Path("input.xlsx")):
            check_output_path(Path(output), src)
        check_workbook_name(Path(output))
    result = diff_paths(last, current, rubric_id, audit=audit)
    if output:
        out = Path(output)
        from ecoscore.workbook.diff_writer import write_diff

        with writing(out):
            write_diff(result, out)
    return result


def diff_json(result) -> str:
    return json_text(result.to_dict())


__all__ = ["DiffResult", "Side", "compare", "diff_files", "diff_json", "diff_paths", "load_side", "read_side"]
