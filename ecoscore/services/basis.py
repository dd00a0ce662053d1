"""Which edition scores a county-year (docs/spec/decisions.md#dev-12): the one for its 考核年度, or,
when the user asks for it with `--rubric`, another edition as a labelled comparison basis.

No year is ever scored silently under another year's rules: a year without an edition is an
input error naming the year, the edition asked for and the editions there are.
"""

from __future__ import annotations

from ecoscore import rubric as editions
from ecoscore.core.model import InputError, Location, Problem, UsageProblem
from ecoscore.core.record import record
from ecoscore.rubric import Rubric


@record(frozen=True)
class Basis:
    """The edition a county-year is scored against; `explicit`: it is not the data year's own."""

    rubric: Rubric
    year: int  # the data's 考核年度 (the edition's year when the input states none)
    explicit: bool = False

    @property
    def text(self) -> str:
        """ "按《2021年…细则》口径测算" for a comparison basis, "" when the edition is the year's own."""
        return basis_text(self.rubric) if self.explicit else ""


def basis_text(rubric: Rubric) -> str:
    return f"按《{rubric.title}》口径测算"


def requested(rubric_id: str | None) -> Rubric | None:
    """The edition named by `--rubric` (None when none was named); an unknown id is a usage error."""
    if rubric_id is None:
        return None
    try:
        return editions.get(rubric_id.strip())
    except KeyError:
        raise UsageProblem(f"没有考核细则“{rubric_id}”；现有：{editions.listing()}") from None


def choose(
    year: int | None, rubric_id: str | None = None, *, location: Location | None = None, action: str = "未评分"
) -> Basis:
    """The edition for `year`: its own, else the one `rubric_id` names (labelled), else an InputError."""
    asked = requested(rubric_id)
    if year is None:
        edition = asked or editions.default()
        return Basis(edition, edition.year)
    own = editions.for_year(year)
    if asked is not None:
        return Basis(asked, year, explicit=asked.year != year)
    if own is not None:
        return Basis(own, year)
    raise InputError([year_problem(year, location)], f"考核年度 {year} 年没有对应的考核细则，{action}")


def year_problem(year: int, location: Location | None = None) -> Problem:
    default = editions.default()
    return Problem(
        "no_edition_for_year",
        f"考核年度为 {year} 年，而《{default.title}》适用于 {default.year} 年度，ecoscore 没有 {year} 年度的考核细则"
        f"（现有：{editions.listing()}）。不能按其他年度的细则直接评分；"
        f"如需按 {default.year} 年细则口径对比测算，请加参数 --rubric {default.id}",
        key="info.year",
        value=year,
        expected="有考核细则的年度：" + "、".join(str(e.year) for e in editions.editions()),
        location=location,
    )
