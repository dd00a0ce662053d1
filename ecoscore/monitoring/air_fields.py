"""Which field of an edition holds which computed air figure: the catalogue says, by measure
and period (`Field.measure`, `Field.period`); nothing here knows a key."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import Period, Role
from ecoscore.monitoring.indicators import AirYear
from ecoscore.rubric import Rubric


def air_field_values(rubric: Rubric, current: AirYear, previous: AirYear | None) -> dict[str, Decimal | int]:
    """The edition's monitored air fields derived from the two years, by key.

    Each figure field (role FIGURE) takes the AirYear attribute its measure names: the current
    year's for CURRENT, the previous year's for PREVIOUS, and the previous year's for a
    calendar-year field of that year (heavy-day history). Figures that could not be computed
    (no valid day) are left out, so the field stays blank. Whether a figure is provisional is
    on the AirYear.
    """
    if previous is not None and previous.year != current.year - 1:
        raise ValueError(f"上年数据年份应为{current.year - 1}年，实为{previous.year}年")
    values: dict[str, Decimal | int | None] = {}
    for f in sorted(rubric.catalogue.values(), key=_report_order):
        if f.role is not Role.FIGURE or not hasattr(current, f.measure):
            continue
        source: AirYear | None
        if f.period is Period.CURRENT:
            source = current
        elif f.period is Period.PREVIOUS or (
            f.period is Period.YEAR and previous is not None and f.year == previous.year
        ):
            source = previous
        else:
            continue
        if source is None or not source.days_used:
            continue  # no valid day: no figure, the field stays blank
        values[f.key] = getattr(source, f.measure)
    return {key: value for key, value in values.items() if value is not None}


def _report_order(f) -> tuple[bool, int]:
    # the year's concentrations and ratios, last year's, then the day counts: the order the
    # JSON report's `derived` member has always had
    return (f.kind == "count", {Period.CURRENT: 0, Period.PREVIOUS: 1}.get(f.period, 2))


def figure_year(rubric: Rubric, key: str, year: int) -> int:
    """The calendar year a figure field describes, for the assessment `year`."""
    f = rubric.catalogue[key]
    if f.period is Period.PREVIOUS:
        return year - 1
    if f.period is Period.YEAR and f.year is not None:
        return f.year
    return year
