"""`ecoscore init-template`, as a library function: the input workbook, blank or carried over
from last year's file (`services.carry`)."""

from __future__ import annotations

from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.model import UsageProblem
from ecoscore.services.output import resolved, same_file, writing


def init_template(
    path: str | Path,
    *,
    force: bool = False,
    county: str | None = None,
    year: int | None = None,
    from_: str | Path | None = None,
):
    """Write the input workbook; with `from_`, carry last year's figures, sections and targets.

    Returns the carry-over (or None) so the CLI can say what was carried.
    """
    from ecoscore.workbook.template import write_template

    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageProblem(f"“{target}”是文件夹，请指定文件名，如 {target / 'input.xlsx'}")
    if from_ is not None and (same_file(target, Path(from_)) or resolved(target) == resolved(Path(from_))):
        raise UsageProblem(f"新工作簿不能与上年文件相同（{target}）；请换一个文件名")
    if target.exists() and not force:
        raise UsageProblem(f"文件“{target}”已存在，未覆盖；如确需覆盖请加 --force")
    rubric = editions.default()
    county, year = county or rubric.source_county, year or rubric.year
    carried = None
    prefill, sections = None, None
    if from_ is not None:
        from ecoscore.services.carry import carry_over

        carried = carry_over(from_, rubric)
        county, year = carried.county or county, carried.year or year
        prefill, sections = carried.prefill, carried.sections
    with writing(target):
        write_template(target, county=county, year=year, prefill=prefill, sections=sections, force=True, rubric=rubric)
    return carried
