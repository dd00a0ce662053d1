"""Varied county workbooks for the scale bench and the summary's look (`bench_scale.py`, docs/performance.md).

Each county starts from examples/中方县-2021.json and moves a few of its figures (air quality, counts
of late or failed tasks, yes/no answers) by a seeded random choice, so the counties score differently;
every seventh leaves two figures blank (a provisional score) and one in forty leaves a whole item's
answers blank. The inputs are written as input workbooks with the template writer.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "中方县-2021.json"
NAMES = (
    "鹤城区 中方县 洪江市 沅陵县 辰溪县 溆浦县 会同县 麻阳县 新晃县 芷江县 靖州县 通道县 洪江区 "
    "城东区 城西区 河口县 山前县 溪口县 岭南县 湖滨县"
).split()
COUNTS = (
    "i08.source_issues",
    "i12.measures_missed",
    "i20.hazwaste_late",
    "i21.provincial_tasks_late",
    "i30.cases_late",
)
ANSWERS = (
    "i01.party_school",
    "i02.plan_implemented",
    "i14.kiln_done",
    "i30.special_enforcement_done",
    "i32.drill_done",
)
BLANK_SOME = ("i19.fertiliser_reduction", "i31.network_rate")  # two figures: a provisional score
BLANK_ITEM = ("i01.party_school", "i01.env_day_activity")  # all of item 1: section 1 partly 未评分


def county_name(i: int) -> str:
    base = NAMES[i % len(NAMES)]
    return base if i < len(NAMES) else f"{base[:-1]}{i // len(NAMES) + 1}{base[-1]}"


def varied(i: int, doc: dict) -> dict:
    rnd = random.Random(i)
    values = dict(doc["values"])
    values["air.pm25"] = rnd.choice((30, 33, 36, 38, 41))
    values["air.good_days_ratio"] = rnd.choice((88.5, 91.2, 93.5, 95.1, 97.0))
    for key in COUNTS:
        values[key] = rnd.choice((0, 0, 1, 2, 3))
    for key in ANSWERS:
        values[key] = rnd.choice(("是", "是", "是", "否"))
    if i % 7 == 6:
        values.update(dict.fromkeys(BLANK_SOME))
    if i % 40 == 39:
        values.update(dict.fromkeys(BLANK_ITEM))
    return values


def make_counties(folder: Path, n: int, year: int = 2021) -> list[Path]:
    """`n` input workbooks 县0001-<name>.xlsx in `folder` (created)."""
    from ecoscore.workbook.template import write_template

    folder.mkdir(parents=True, exist_ok=True)
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        name = county_name(i)
        path = folder / f"{i + 1:04d}-{name}.xlsx"
        write_template(path, county=name, year=year, prefill=varied(i, doc), sections=doc["sections"], force=True)
        out.append(path)
    return out


def make_reports(folder: Path, n: int, shift: int = 1) -> list[Path]:
    """Last year's `score --json` reports of the same counties (scored from the varied values of the
    seed `i + shift`, so each county's total moves), for trying --prev."""
    from ecoscore.services.load import score_input
    from ecoscore.services.score import report_json
    from ecoscore.sources.inputs import json_input

    folder.mkdir(parents=True, exist_ok=True)
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        name = county_name(i)
        data = json_input({**doc, "county": name, "values": varied(i + shift, doc)}, folder / f"{name}.json", [])
        report = score_input(data)
        report.year = 2020  # last year's figures, scored on this edition's rules for the demo
        path = folder / f"{name}-上年.json"
        path.write_text(report_json(report), encoding="utf-8")
        out.append(path)
    return out
