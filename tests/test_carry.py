"""Carry-over (`init-template --from`), field by field, from examples/中方县-2020.json.

Expected values are the example's 2020 figures, copied here by hand.
"""

import copy
import io
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from rich.console import Console

from ecoscore.services import carry, load
from ecoscore.terminal import render_diff
from ecoscore.workbook.template import write_template

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "中方县-2020.json"

# this year's key ← last year's current figure in the example (2020)
PREV = {
    "air.pm25_prev": D(33),
    "air.pm10_prev": D(48),
    "air.so2_prev": D(8),
    "air.no2_prev": D(18),
    "air.co_p95_prev": D("1.2"),
    "air.o3_8h_p90_prev": D(128),
    "air.pm25_special_prev": D(45),
    "air.good_days_ratio_prev": D("93.2"),
    "air.good_days_ratio_special_prev": D("86.5"),
    "i05.cwqi_prev": D("3.62"),
}
# heavy-pollution history: 2018 and 2019 as last year had them, 2020 ← last year's own figure
HEAVY = {"air.heavy_days_2018": 3, "air.heavy_days_2019": 1, "air.heavy_days_2020": 0}
TARGETS = {
    "target.pm25_annual": D(32),
    "target.pm25_special": D(42),
    "target.pm10_annual": D(47),
    "target.pm10_special": D(56),
    "target.good_days_ratio": D(95),
    "target.good_days_ratio_special": D(90),
    "target.heavy_days": 0,
    "target.straw_fire_points": 2,
    "target.sewage_collection_increase": D(12),
    "target.phone_complaints": 60,
    "target.eco_damage_cases": 2,  # rev 2 target (36.3)
    "target.special_periods": "01-01~02-28;11-01~12-31",
    "target.national_ge3_count": 2,
    "target.provincial_ge3_count": 4,
}  # target.bod_increase is blank in the example, so nothing to keep
SECTIONS = [  # 上年类别 ← last year's 本年类别; name, level and target kept; 本年类别 blank
    {"name": "舞水中方段", "level": "国考", "target": "Ⅲ", "prev": "Ⅱ", "cur": None},
    {"name": "沅水铜湾段", "level": "国考", "target": "Ⅲ", "prev": "Ⅲ", "cur": None},
    {"name": "舞水桐木段", "level": "省考", "target": "Ⅲ", "prev": "Ⅱ", "cur": None},
    {"name": "潕溪河口", "level": "省考", "target": "Ⅱ", "prev": "Ⅲ", "cur": None},
]


def doc(**values) -> dict:
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    d["values"].update({k.replace("__", "."): v for k, v in values.items()})
    return d


def carried_from(tmp_path: Path, d: dict, name: str = "last.json") -> carry.CarryOver:
    path = tmp_path / name
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return carry.carry_over(path)


@pytest.fixture(scope="module")
def example() -> carry.CarryOver:
    return carry.carry_over(EXAMPLE)


@pytest.mark.parametrize("key", sorted(PREV))
def test_previous_year_field_from_last_years_current(example, key):
    assert example.prefill[key] == PREV[key]


@pytest.mark.parametrize("key", sorted(HEAVY))
def test_heavy_pollution_history(example, key):
    assert example.prefill[key] == HEAVY[key]


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_targets_kept(example, key):
    assert example.prefill[key] == TARGETS[key]


def test_everything_else_left_blank(example):
    assert set(example.prefill) == set(PREV) | set(HEAVY) | set(TARGETS)
    assert example.skipped == []


def test_sections_kept_with_last_years_class_as_previous(example):
    assert example.sections == SECTIONS


def test_county_year_and_what_was_carried(example):
    assert (example.county, example.year, example.last_year, example.source) == (
        "中方县",
        2021,
        2020,
        "中方县-2020.json",
    )
    keys = [k for k, _, _ in example.carried]
    assert keys[:2] == ["target.pm25_annual", "target.pm25_special"]  # catalogue order, then the sections
    assert keys[-4:] == [f"sections.{s['name']}.prev" for s in SECTIONS]
    labels = {k: label for k, label, _ in example.carried}
    assert labels["air.pm25_prev"] == "上年 PM2.5 年均浓度"  # this year's label
    assert labels["sections.潕溪河口.prev"] == "断面“潕溪河口”上年类别"
    assert json.dumps(example.to_dict(), ensure_ascii=False)


def test_a_2021_file_shifts_the_history_and_reports_the_year_with_no_field(tmp_path):
    # Last year 2021 → this year 2022: 2018–2020 keep their figures; the 2021 figure (4 days)
    # has no key in the 2021 rubric, so it is reported, not dropped silently or misplaced.
    co = carried_from(tmp_path, dict(doc(air__heavy_days=4), year=2021))
    assert co.year == 2022
    assert [co.prefill[k] for k in sorted(HEAVY)] == [3, 1, 0]
    assert any("2021年重污染天数（4 天）" in s and "未结转" in s for s in co.skipped)


def test_last_years_own_figure_wins_over_a_conflicting_history_key(tmp_path):
    co = carried_from(tmp_path, doc(air__heavy_days=0, air__heavy_days_2020=2))
    assert co.prefill["air.heavy_days_2020"] == 0
    assert any("不一致" in s for s in co.skipped)


def test_a_history_year_with_no_figure_is_reported(tmp_path):
    co = carried_from(tmp_path, doc(air__heavy_days_2018=None))
    assert "air.heavy_days_2018" not in co.prefill
    assert any(s.startswith("2018年重污染天数：") for s in co.skipped)


def test_year_not_stated_is_assumed_and_said(tmp_path):
    d = doc()
    del d["year"]
    co = carried_from(tmp_path, d)
    assert (co.last_year, co.year) == (None, 2021)
    assert any("没有注明考核年度" in s for s in co.skipped)


def test_blank_and_invalid_figures_are_not_carried(tmp_path):
    # last year's special-period PM2.5 of 0 cannot be this year's previous-year figure (it divides: > 0)
    co = carried_from(tmp_path, doc(air__pm25=None, air__pm25_special=0))
    assert "air.pm25_prev" not in co.prefill and "air.pm25_special_prev" not in co.prefill
    assert any(s.startswith("上年 PM2.5 年均浓度：") and "为空" in s for s in co.skipped)
    assert any(s.startswith("上年特护期 PM2.5 平均浓度：") and "大于 0" in s for s in co.skipped)
    assert co.prefill["air.pm10_prev"] == D(48)  # the rest is still carried


def test_invalid_section_rows_are_reported(tmp_path):
    d = doc()
    d["sections"] = copy.deepcopy(d["sections"]) + [
        {"name": "坏断面", "level": "市考", "target": "Ⅲ", "prev": "Ⅲ", "cur": "Ⅲ"}
    ]
    co = carried_from(tmp_path, d)
    assert co.sections == SECTIONS
    assert any("断面水质表有 1 处填写有误" in s for s in co.skipped)


def test_from_input_and_scored_workbooks_as_from_json(tmp_path, example):
    from ecoscore.services import score as app

    d = doc()
    book = tmp_path / "2020.xlsx"
    write_template(book, county="中方县", year=2020, prefill=d["values"], sections=d["sections"])
    scored = app.score_file(book).output
    for path in (book, scored):
        co = carry.carry_over(path)
        assert (co.prefill, co.sections, co.year, co.skipped) == (example.prefill, example.sections, 2021, []), path


def test_template_written_from_the_carry_over(tmp_path, example):
    path = tmp_path / "input.xlsx"
    write_template(path, county=example.county, year=example.year, prefill=example.prefill, sections=example.sections)
    data = load.read_side(path)
    assert (data.county, data.year) == ("中方县", 2021)
    assert D(str(data.values["air.pm25_prev"])) == D(33) and data.values["air.pm25"] is None
    assert data.values["i01.party_school"] is None and data.values["city.pm25_improvement_avg"] is None
    assert [(s["name"], s["prev"], s["cur"]) for s in data.sections] == [(s["name"], s["prev"], None) for s in SECTIONS]


def test_it_says_what_it_carried(example):
    buf = io.StringIO()
    render_diff.carried(Console(file=buf, width=160, no_color=True), example, "input.xlsx")
    text = buf.getvalue()
    assert "结转到 2021 年填报表的数据：31 项" in text  # 14 targets + 10 previous-year + 3 history + 4 sections
    assert "air.pm25_prev" in text and "已生成输入工作簿：input.xlsx" in text


def _init_has_from() -> bool:
    from ecoscore.cli import app

    cmd = next((c for c in app.registered_commands if (c.name or "") == "init-template"), None)
    return cmd is not None and "from_" in cmd.callback.__code__.co_varnames


def test_cli_init_template_from(tmp_path):
    from typer.testing import CliRunner

    from ecoscore.cli import app

    out = tmp_path / "input.xlsx"
    res = CliRunner().invoke(app, ["init-template", str(out), "--from", str(EXAMPLE)])
    assert res.exit_code == 0 and out.exists() and "air.pm25_prev" in res.output
    assert load.read_side(out).values["air.pm25_prev"] == 33
