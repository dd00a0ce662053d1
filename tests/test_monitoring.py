"""Monitoring data in the JSON input (`air_daily`, `water_samples`): derived figures fill blank
fields and score exactly as the same figures typed by hand; typed figures win and the difference
is reported; bad rows are located errors reported with every other problem; the mid-year view.

Expected figures come from an independent plain-Python reference: `reference()` of the synthetic
air test (Fractions, math.ceil, round()) and, for water, the sums written out below.
"""

import copy
import dataclasses
import datetime
import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from rich.console import Console

from ecoscore.core.model import InputError, json_number
from ecoscore.services.load import score_input
from ecoscore.sources.inputs import json_input
from ecoscore.terminal import render
from tests.indicators.test_air_synthetic import SIX, reference, synthetic_year

EXAMPLE = json.loads((Path(__file__).resolve().parent.parent / "examples" / "中方县-2021.json").read_text("utf-8"))
date = datetime.date
FIGURES = (
    "pm25",
    "pm10",
    "so2",
    "no2",
    "co_p95",
    "o3_8h_p90",
    "pm25_special",
    "good_days_ratio",
    "good_days_ratio_special",
)
TYPED_AIR = [
    k
    for k in EXAMPLE["values"]
    if k.startswith("air.") and not k.startswith(("air.heavy_days_2018", "air.heavy_days_2019"))
]

# Water samples of the example's five sections, and what they give by hand (GB 3838-2002, CWQI).
SAMPLES = [
    {"section": "舞水中方段", "date": "2021-03-02", "ph": 7.4, "do": 8.0, "codmn": 2.8, "nh3n": 0.30, "tp": 0.06},
    {"section": "舞水中方段", "date": "2021-09-02", "ph": 7.6, "do": 7.0, "codmn": 3.2, "nh3n": 0.40, "tp": 0.08},
    {"section": "沅水中方段", "date": "2021-03-03", "ph": 7.0, "do": 9.0, "codmn": 1.5, "nh3n": 0.10, "tp": 0.02},
    {"section": "舞水两江口", "date": "2021-03-04", "ph": 6.8, "do": 5.5, "codmn": 5.0, "nh3n": 0.8, "tp": 0.15},
    {"section": "太平溪出口", "date": "2021-03-05", "ph": 7.2, "do": 4.0, "codmn": 8.0, "nh3n": 1.2, "tp": 0.25},
    {
        "section": "公坪河口",
        "date": "2021-12-05",
        "ph": 7.0,
        "do": 8.0,
        "codmn": 1.8,
        "nh3n": 0.1,
        "tp": 0.015,
        "lake": False,
    },
]
F = Fraction
CLASSES = {"舞水中方段": "Ⅱ", "沅水中方段": "Ⅰ", "舞水两江口": "Ⅲ", "太平溪出口": "Ⅳ", "公坪河口": "Ⅰ"}
CWQI = {  # Σ C/S(Ⅲ); DO S(Ⅲ)/C with S = 5; pH |pH − 7| / 2 above 7, / 1 below; S(Ⅲ) CODMn 6, NH3-N 1, TP 0.2
    "舞水中方段": F(1, 4) + F(5) / F("7.5") + F(3, 6) + F("0.35") + F("0.07") / F("0.2"),
    "沅水中方段": 0 + F(5, 9) + F("1.5") / 6 + F("0.1") + F("0.02") / F("0.2"),
    "舞水两江口": F("0.2") + F(5) / F("5.5") + F(5, 6) + F("0.8") + F("0.15") / F("0.2"),
    "太平溪出口": F("0.1") + F(5, 4) + F(8, 6) + F("1.2") + F("0.25") / F("0.2"),
    "公坪河口": 0 + F(5, 8) + F("1.8") / 6 + F("0.1") + F("0.015") / F("0.2"),
}
# 5.1 counts every section: 国考 sections are 省考 sections too (rounded to 4 decimals, half to even)


def dec(x) -> Decimal:
    x = Fraction(x)
    return Decimal(x.numerator) / Decimal(x.denominator)


COUNTY_CWQI = dec(round(sum(CWQI.values()) / 5, 4))


def air_json(rows) -> list[dict]:
    return [
        {
            "date": r.date.isoformat(),
            **{p: None if getattr(r, p) is None else float(getattr(r, p)) for p in SIX},
            "dust": r.dust,
        }
        for r in rows
    ]


def by_hand(current: dict | None, previous: dict | None, year: int = 2021) -> dict:
    """The rubric's air fields typed from the reference figures."""
    values = {}
    for suffix, figures in (("", current), ("_prev", previous)):
        if figures is not None:
            values.update({f"air.{k}{suffix}": str(dec(figures[k])) for k in FIGURES})
    if current is not None:
        values["air.heavy_days"] = current["heavy_days"]
    if previous is not None:
        values[f"air.heavy_days_{year - 1}"] = previous["heavy_days"]
    return values


def doc_without_air(**members) -> dict:
    doc = copy.deepcopy(EXAMPLE)
    for key in TYPED_AIR:
        del doc["values"][key]
    doc.update(members)
    return doc


def score(doc):
    return score_input(json_input(copy.deepcopy(doc)))


def problems(doc) -> list[tuple]:
    with pytest.raises(InputError) as caught:
        score(doc)
    return [(p.code, p.key, str(p.location)) for p in caught.value.problems]


@pytest.fixture(scope="module")
def years():
    return synthetic_year(2021, seed=2021), synthetic_year(2020, seed=2020)


# ---- a full year of each -------------------------------------------------------------------------
def test_full_years_fill_the_blank_air_fields_and_score_as_if_typed_by_hand(years):
    now, before = years
    expected = by_hand(reference(now, 2021), reference(before, 2020))
    derived = score(doc_without_air(air_daily=air_json(before + now)))
    typed = score(doc_without_air(values={**doc_without_air()["values"], **expected}))

    assert derived.to_dict()["items"] == typed.to_dict()["items"]
    assert derived.total == typed.total and not derived.provisional
    d = derived.to_dict()
    assert {k: Decimal(str(v)) for k, v in d["derived"].items()} == {k: Decimal(str(v)) for k, v in expected.items()}
    assert sorted(d["monitoring"]["filled"]) == sorted(expected)
    assert d["monitoring"]["differences"] == [] and d["monitoring"]["as_of"] is None
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d  # JSON-safe
    # the figures actually scored are the derived ones
    assert derived.values["air.pm25"] == dec(reference(now, 2021)["pm25"])
    assert derived.values["air.heavy_days_2020"] == reference(before, 2020)["heavy_days"]


def test_no_monitoring_data_means_an_empty_derived_member():
    d = score(EXAMPLE).to_dict()
    assert d["derived"] == {} and d["monitoring"] is None


# ---- typed versus derived ------------------------------------------------------------------------
def test_typed_figures_win_and_the_difference_is_shown(years):
    now, before = years
    ref_now = reference(now, 2021)
    doc = doc_without_air(air_daily=air_json(now + before), water_samples=SAMPLES)
    official_pm25 = int(ref_now["pm25"]) + 2
    doc["values"].update({"air.pm25": official_pm25, "air.heavy_days": ref_now["heavy_days"], "i05.cwqi": 3.85})
    doc["sections"][3]["cur"] = None  # 太平溪出口: blank, filled from the samples
    report = score(doc)
    m = report.to_dict()["monitoring"]

    assert report.values["air.pm25"] == official_pm25  # the typed (official) figure is scored
    by_key = {x["key"]: x for x in m["differences"]}
    assert by_key["air.pm25"] == {"key": "air.pm25", "typed": official_pm25, "derived": int(ref_now["pm25"])}
    assert by_key["i05.cwqi"] == {"key": "i05.cwqi", "typed": 3.85, "derived": float(COUNTY_CWQI)}
    assert by_key["sections.沅水中方段.cur"] == {"key": "sections.沅水中方段.cur", "typed": "Ⅱ", "derived": "Ⅰ"}
    assert set(by_key) == {"air.pm25", "i05.cwqi", "sections.沅水中方段.cur"}  # heavy days agree
    assert "air.pm25" not in m["filled"] and "air.heavy_days" not in m["filled"]
    assert "air.pm10" in m["filled"] and "sections.太平溪出口.cur" in m["filled"]
    assert {s.name: s.cur for s in report.sections} == {
        "舞水中方段": 2,
        "沅水中方段": 2,
        "舞水两江口": 3,
        "太平溪出口": 4,
        "公坪河口": 1,
    }
    assert {k: v for k, v in report.to_dict()["derived"].items() if k.startswith("sections.")} == {
        f"sections.{name}.cur": cls for name, cls in CLASSES.items()
    }
    difference = next(x for x in report.monitoring.differences if x.key == "air.pm25")
    assert difference.delta == 2

    # the same report as typing everything by hand
    hand = doc_without_air()
    hand["values"].update({**by_hand(ref_now, reference(before, 2020)), "air.pm25": official_pm25, "i05.cwqi": 3.85})
    hand["sections"][3]["cur"] = "Ⅳ"
    assert score(hand).to_dict()["items"] == report.to_dict()["items"]


def test_county_cwqi_fills_a_blank_field_at_the_typed_precision():
    doc = copy.deepcopy(EXAMPLE)
    doc["values"]["i05.cwqi"] = None
    doc["water_samples"] = SAMPLES
    report = score(doc)
    assert report.values["i05.cwqi"] == COUNTY_CWQI == Decimal("2.5696")
    assert report.monitoring.filled["i05.cwqi"] == COUNTY_CWQI
    # an official figure with fewer decimals that agrees once the derived one is rounded: no difference
    doc["values"]["i05.cwqi"] = 2.57
    assert "i05.cwqi" not in {x.key for x in score(doc).monitoring.differences}
    doc["values"]["i05.cwqi"] = 2.5697
    assert "i05.cwqi" in {x.key for x in score(doc).monitoring.differences}


def test_a_section_without_samples_leaves_the_county_cwqi_to_the_typed_value():
    doc = copy.deepcopy(EXAMPLE)
    doc["water_samples"] = [s for s in SAMPLES if s["section"] != "公坪河口"]
    report = score(doc)
    assert "i05.cwqi" not in report.derived_values
    assert any("公坪河口" in note and "未测算城市水质综合指数" in note for note in report.monitoring.notes)


# ---- errors --------------------------------------------------------------------------------------
def test_sample_for_a_section_not_in_the_table_is_a_located_error():
    doc = copy.deepcopy(EXAMPLE)
    doc["water_samples"] = SAMPLES + [{"section": "不存在的断面", "date": "2021-05-01", "ph": 7}]
    assert problems(doc) == [("unknown_section", "water_samples.section", "water_samples[6].section")]


def test_bad_rows_are_located_and_reported_with_every_other_problem(years):
    now, _ = years
    rows = air_json(now[:40])
    rows.append(dict(rows[3]))  # [40] duplicate of 2021-01-04
    rows[5]["pm25"] = -3  # negative
    rows[6]["co"] = 400  # impossible (mg/m³)
    rows[7]["date"] = "2019-12-31"  # neither 2021 nor 2020
    rows[8]["date"] = "2021-02-30"  # no such day
    rows[9]["so2"] = "十二"  # not a number
    rows[10]["dust"] = "也许"  # not 是/否
    rows[11]["colour"] = "blue"  # unknown column
    doc = doc_without_air(air_daily=rows, water_samples=[{"section": "舞水中方段", "date": "2021-03-02", "ph": 15}])
    doc["values"]["i06.sources_exceeding"] = "两个"  # an ordinary field error, in the same report
    found = problems(doc)
    assert ("duplicate", "air_daily.date", "air_daily[40].date") in found
    assert ("invalid_value", "air_daily.pm25", "air_daily[5].pm25") in found
    assert ("invalid_value", "air_daily.co", "air_daily[6].co") in found
    assert ("invalid_value", "air_daily.date", "air_daily[7].date") in found
    assert ("invalid_value", "air_daily.date", "air_daily[8].date") in found
    assert ("invalid_value", "air_daily.so2", "air_daily[9].so2") in found
    assert ("invalid_value", "air_daily.dust", "air_daily[10].dust") in found
    assert ("unknown_key", "air_daily.colour", "air_daily[11].colour") in found
    assert ("invalid_value", "water_samples.ph", "water_samples[0].ph") in found
    assert ("invalid_value", "i06.sources_exceeding", "values.i06.sources_exceeding") in found


def test_special_periods_come_from_the_input(years):
    now, before = years
    doc = doc_without_air(air_daily=air_json(now + before))
    doc["values"]["target.special_periods"] = "11-01~12-31"
    values = score(doc).derived_values
    used = [r for r in now if r.date.month >= 11 and all(getattr(r, p) is not None for p in SIX)]
    assert values["air.pm25_special"] == dec(round(sum(Fraction(str(r.pm25)) for r in used) / len(used)))
    doc["values"]["target.special_periods"] = "11-01~02-28"  # wraps past the year end
    assert problems(doc) == [("invalid_value", "target.special_periods", "values.target.special_periods")]


# ---- mid-year ------------------------------------------------------------------------------------
def test_mid_year_figures_so_far_and_a_projection_with_its_score(years):
    now, before = years
    half = [r for r in now if r.date <= date(2021, 6, 30)]
    report = score(doc_without_air(air_daily=air_json(half + before)))
    mid = report.monitoring.mid_year
    assert mid.label == "截至6月30日" and mid.borrowed_days == 184
    # figures so far are shown, not scored: the current-year air items wait for data
    assert report.derived_values["air.pm25"] == dec(reference(half, 2021)["pm25"])
    assert report.values["air.pm25"] is None and "air.pm25" in report.monitoring.provisional
    assert report.item(9).score is None and report.provisional
    assert report.values["air.pm25_prev"] == dec(reference(before, 2020)["pm25"])  # last year is whole

    # the projection scores as its figures typed by hand
    borrowed = [dataclasses.replace(r, date=r.date.replace(year=2021)) for r in before if r.date > date(2020, 6, 30)]
    projected = by_hand(reference(half + borrowed, 2021), reference(before, 2020))
    hand = score(doc_without_air(values={**doc_without_air()["values"], **projected}))
    assert mid.total == hand.total and not mid.provisional
    assert mid.fill == {k: Decimal(str(v)) for k, v in projected.items() if not k.endswith(("_prev", "_2020"))}
    d = report.to_dict()["monitoring"]
    assert d["as_of"] == "2021-06-30" and d["projection"]["total"] == json_number(hand.total)
    assert d["projection"]["label"].startswith("预测：截至6月30日")

    out = io.StringIO()
    render.summary(Console(file=out, width=120, no_color=True), report)
    text = out.getvalue()
    assert "截至6月30日" in text and f"预测总分 {hand.total:.2f} 分" in text and "仅供参考" in text


def test_mid_year_without_last_years_days_has_no_projection(years):
    now, _ = years
    report = score(doc_without_air(air_daily=air_json([r for r in now if r.date.month <= 3])))
    mid = report.monitoring.mid_year
    assert mid.label == "截至3月31日" and mid.projection is None and mid.total is None
    assert report.to_dict()["monitoring"]["projection"] is None
