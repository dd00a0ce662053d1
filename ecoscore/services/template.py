"""`ecoscore init-template`, as a library function: the input workbook, blank or carried over
from last year's file (`services.carry`)."""

from __future__ import annotations

from pathlib import Path

from ecoscore.core.model import UsageProblem
from ecoscore.services.output import is_same_path, writing


def init_template(
    path: str | Path,
    *,
    force: bool = False,
    county: str | None = None,
    year: int | None = None,
    from_: str | Path | None = None,
    rubric_id: str | None = None,
):
    """Write the input workbook; with `from_`, carry last year's figures, sections and targets.

    Returns the carry-over (or None) so the CLI can say what was carried.
    """
    from ecoscore.workbook.template import write_template

    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageProblem(f"“{target}”是文件夹，请指定文件名，如 {target / 'input.xlsx'}")
    if from_ is not None and is_same_path(target, Path(from_)):
        raise UsageProblem(f"新工作簿不能与上年文件相同（{target}）；请换一个文件名")
    if target.exists() and not force:
        raise UsageProblem(f"文件“{target}”已存在，未覆盖；如确需覆盖请加 --force")
    from ecoscore.services.basis import choose

    carried = None
    prefill, sections = None, None
    if from_ is not None:
        from ecoscore.services.carry import carry_over

        def edition_for(next_year: int):  # this year's edition (last year's + 1), or the one asked for
            if year is not None and year != next_year:
                raise UsageProblem(
                    f"上年文件“{Path(from_).name}”结转生成的是 {next_year} 年的填报表，与 --year {year} 不一致；"
                    "请去掉 --year 或换用对应年度的上年文件"
                )
            return choose(next_year, rubric_id, action="未生成填报表")

        carried = carry_over(from_, choose_basis=edition_for)
        basis = carried.basis
        county, year = county or carried.county, carried.year
        prefill, sections = carried.prefill, carried.sections
    else:
        basis = choose(year, rubric_id, action="未生成填报表")
    rubric = basis.rubric
    county, year = county or rubric.source_county, year or rubric.year
    with writing(target):
        write_template(
            target,
            county=county,
            year=year,
            prefill=prefill,
            sections=sections,
            force=True,
            rubric=rubric,
            basis=basis.text,
            unit_names=carried.unit_names if carried else None,
        )
    return carried
