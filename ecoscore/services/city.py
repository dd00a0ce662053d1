"""The figures a city batch derives across its counties (docs/spec/decisions.md#d-batch).

Phase 1 (`read_record`, in worker processes when the batch has several jobs) reads each input
and keeps only the few values the edition's city rules read (`Rubric.city_rules.reads`);
`settle` checks the batch is one city's (one edition, one 考核年度, two or more counties, each
named once), applies the rules and meets every derived figure with the county's typed one: a
blank field takes the derived figure; a typed figure is kept (it may be the official city
figure) and the difference is shown. Phase 2 is the ordinary per-file scoring, given each
county's `CountyCity` (`services.load.score_input`).
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Mapping
from dataclasses import field, replace
from decimal import Decimal
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.city import CityFigure, CityFigures, CountyCity, CountyRecord, Derived
from ecoscore.core.interrupt import raise_if_interrupted
from ecoscore.core.kit import num
from ecoscore.core.model import EcoscoreError, json_value
from ecoscore.core.record import record
from ecoscore.core.values import BadValue, parse
from ecoscore.scoring.validation import validate_sections
from ecoscore.services.spool import Spool, SpooledMapping
from ecoscore.sources.inputs import InputData

NOT_DERIVED = "未测算全市平均改善幅度、水质综合指数全市排名和全市第1名，各县按填报值评分"
OFF_NOTE = f"全市测算：已按 --no-city 关闭，{NOT_DERIVED}"
SHEET = "全市测算"


@record(frozen=True)
class Read:
    """Phase 1's answer for one input: its edition, year and record, or why it cannot be read."""

    rubric: str = ""
    year: int | None = None
    county: str = ""
    name: str = ""  # the file's name, for the notes
    values: dict = field(default_factory=dict)
    sections: tuple | None = None
    failed: bool = False
    kept: Path | None = None  # the input as read, pickled for phase 2 (which then need not read it again)


@record
class CityBatch:
    """What the batch derived: the rules' figures (for 汇总.xlsx's 全市测算 sheet and --json), each
    county's share (by its position among the inputs scored) and the counties' names."""

    figures: CityFigures
    counties: Mapping[int, CountyCity]  # a batch spools them (`settle`): phase 2 reads each when it scores it
    names: list[str]
    filled: int = 0  # blank fields the figures filled, in all the counties
    differences: int = 0  # typed figures that differ from the derived ones

    def to_dict(self) -> dict:
        return {**self.figures.to_dict(json_value), "counties": list(self.names)}


def read_record(path: Path, rubric_id: str | None = None, keep: Path | None = None) -> Read:
    """The values the city rules read from one input; with `keep`, the input as read is pickled
    there for phase 2. Never raises: a file that cannot be read takes no part in the city
    figures, and is scored (its errors reported) in phase 2."""
    try:
        return _read(Path(path), rubric_id, keep)
    except Exception as exc:  # noqa: BLE001  an unreadable file (EcoscoreError) or a bug of ours: phase 2 reports it
        raise_if_interrupted(exc)
        return Read(name=Path(path).name, failed=True)


def kept_input(kept: Path | None) -> InputData | None:
    """The input phase 1 read and kept (None when it kept none); the file is removed once read."""
    if kept is None or not kept.is_file():
        return None
    data = pickle.loads(kept.read_bytes())  # noqa: S301  our own file, in our own private temporary folder
    kept.unlink()
    return data


def _keep(data: InputData, keep: Path | None) -> Path | None:
    """Pickle `data` to `keep` for phase 2; None (phase 2 reads the file again) when it cannot be."""
    if keep is None:
        return None
    try:
        keep.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return None
    return keep


def _read(path: Path, rubric_id: str | None, keep: Path | None) -> Read:
    from ecoscore.services.basis import choose
    from ecoscore.services.load import json_defaults, load_input

    data = load_input(path)
    keep = _keep(data, keep)
    try:
        basis = choose(data.year, rubric_id)
    except EcoscoreError:
        return Read(name=path.name, failed=True, kept=keep)
    rubric = basis.rubric
    rules = rubric.city_rules
    base = Read(rubric.id, basis.year, data.county or "", path.name, kept=keep)
    if rules is None:
        return base
    values, rows = data.values, data.sections
    if data.kind == "json":
        values = {**json_defaults(rubric), **values}
    if data.monitoring is not None and data.monitoring.given and not data.monitoring.problems:
        from ecoscore.monitoring.bridge import derive

        d = derive(values, rows, data.monitoring, basis.year, rubric, locations=data.locations)
        values, rows = {**values, **d.value_fills}, d.sections
    typed = {}
    for key in rules.reads:
        try:
            typed[key] = parse(rubric.catalogue[key], values.get(key))
        except BadValue:
            continue  # unreadable: neither used nor filled (phase 2 reports it)
    water, missing, problems = validate_sections(rows)
    sections = None if missing or problems else water  # an incomplete or wrong table: phase 2 reports it
    return Read(base.rubric, base.year, base.county, base.name, typed, sections, kept=keep)


def not_applicable(reads: list[Read]) -> str | None:
    """Why these inputs are not one city's counties of one year (None: they are)."""
    ok = [r for r in reads if not r.failed]
    why = None
    rubrics = sorted({r.rubric for r in ok})
    years = sorted({r.year for r in ok if r.year is not None})
    unnamed = [r.name for r in ok if not r.county]
    seen: dict[str, list[str]] = {}
    for r in ok:
        if r.county:
            seen.setdefault(r.county, []).append(r.name)
    twice = {county: files for county, files in seen.items() if len(files) > 1}
    if len(rubrics) > 1:
        why = "输入所用的考核细则不同（" + "、".join(editions.get(i).title for i in rubrics) + "）"
    elif len(years) > 1 or (years and any(r.year is None for r in ok)):
        why = "输入的考核年度不同（" + "、".join(str(y) for y in years) + "）"
    elif unnamed:
        why = "、".join(unnamed) + " 未注明县（市、区）名称"
    elif twice:
        why = "；".join(f"{c}出现在多个输入中（{'、'.join(f)}）" for c, f in twice.items())
    elif len(seen) < 2:
        why = "可评分的县（市、区）少于 2 个"
    elif editions.get(rubrics[0]).city_rules is None:
        why = "该考核细则没有跨县（市、区）测算的数值"
    return None if why is None else f"全市测算：{why}，{NOT_DERIVED}"


def settle(reads: list[Read], spool: Spool | None = None) -> tuple[CityBatch | None, str]:
    """The batch's city figures and each county's share, or None and the one-line why not. With
    `spool`, each share is written there as it is made (read back when its county is scored) and the
    per-county derived figures are dropped once met (each share holds its own), so what stays in
    memory per county is its name and its row of the 全市测算 sheet."""
    why = not_applicable(reads)
    if why is not None:
        return None, why
    ok = [(i, r) for i, r in enumerate(reads) if not r.failed]
    rubric = editions.get(ok[0][1].rubric)
    assert rubric.city_rules is not None  # not_applicable checked it
    records = [CountyRecord(i, r.county, r.values, r.sections) for i, r in ok]
    figures = rubric.city_rules.derive(records)
    counties: dict[int, CountyCity] = {}
    offsets: dict[int, int] = {}
    filled = differences = 0
    for i, r in ok:
        share = meet(r, figures.derived[i], rubric.catalogue, len(ok))
        share.notes += [text for text, who in figures.notes if i in who]
        filled += len(share.fill)
        differences += sum(1 for f in share.figures if f.differs)
        if spool is None:
            counties[i] = share
        else:
            offsets[i] = spool.put(share)
    shares: Mapping[int, CountyCity] = counties
    if spool is not None:
        shares, figures = SpooledMapping(spool, offsets), replace(figures, derived={})
    return CityBatch(figures, shares, [r.county for _, r in ok], filled, differences), ""


def shown(value: object, unit: str = "") -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (Decimal, int)):
        return f"{num(value)}{unit}"
    return str(value)


def meet(r: Read, derived: dict[str, Derived], catalogue, counties: int) -> CountyCity:
    """One county's derived figures met with its typed ones (typed wins, differences shown)."""
    out = CountyCity(counties=counties)
    for key, d in derived.items():
        if key not in r.values:
            continue  # typed but unreadable: scoring reports it
        f = catalogue[key]
        typed = r.values[key]
        fig = CityFigure(key, f.label, d.value if typed is None else typed, d.value, typed, d.basis)
        out.figures.append(fig)
        if typed is None:
            out.fill[key] = d.value
        elif fig.differs:
            delta = f"，差 {num(fig.delta)}{f.unit}" if fig.delta is not None else ""
            out.notes.append(
                f"全市测算：“{f.label}”填报为 {shown(typed, f.unit)}，由本批次数据测算为 {shown(d.value, f.unit)}"
                f"{delta}，以填报值为准（见“{SHEET}”表）"
            )
    if out.fill:
        labels = "、".join(f"“{catalogue[k].label}”" for k in out.fill)
        out.notes.insert(
            0, f"全市测算：由本批次 {counties} 个县（市、区）的数据测算并填入空白字段 {labels}（见“{SHEET}”表）"
        )
    return out


def collect(paths: list[Path], jobs: int = 1, rubric_id: str | None = None, keep: Path | None = None) -> list[Read]:
    """Phase 1 for every input, in input order; in `jobs` worker processes when more than one
    (each sends back only its small `Read`, so memory stays flat). With `keep` (a private
    temporary folder), each input as read is pickled there for phase 2."""
    kept = [None if keep is None else kept_path(keep, i) for i in range(len(paths))]
    if jobs <= 1:
        return [read_record(p, rubric_id, k) for p, k in zip(paths, kept, strict=True)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, len(paths) // (jobs * 4))
        return [_interned(r) for r in pool.map(read_record, paths, [rubric_id] * len(paths), kept, chunksize=chunk)]


def kept_path(keep: Path, i: int) -> Path:
    """Where phase 1 keeps the i-th input as read, in the private folder `keep`."""
    return keep / f"{i}.pickle"


def _interned(r: Read) -> Read:
    """`r` with its field keys shared with the other counties' (each came from a worker as its own copy)."""
    return replace(r, values={sys.intern(k): v for k, v in r.values.items()}) if r.values else r


def city_figures(
    paths: list[Path], *, jobs: int = 1, rubric_id: str | None = None, enabled: bool = True
) -> tuple[CityBatch | None, str]:
    """The batch's city figures (None when off or not one city's counties) and the one-line note
    saying why they were not derived ("" when they were)."""
    if not enabled:
        return None, OFF_NOTE
    return settle(collect(paths, jobs, rubric_id))
