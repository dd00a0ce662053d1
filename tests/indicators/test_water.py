"""GB 3838-2002 classes, section quality and CWQI, worked by hand from docs/spec/indicators.md."""

import datetime
from decimal import Decimal as D
from fractions import Fraction

import pytest

from ecoscore.monitoring.indicators import (
    WATER_PARAM_HEADERS,
    WaterSample,
    county_cwqi,
    evaluate_sections,
    parameter_class,
    section_cwqi,
    section_quality,
    validate_water_samples,
)

date = datetime.date


@pytest.mark.parametrize(
    "param, value, expected",
    [
        ("cod", "15", 1),  # equal to the Ⅰ limit (Ⅰ and Ⅱ are both 15) → Ⅰ
        ("cod", "15.1", 3),  # next limit up is Ⅲ 20
        ("cod", "20", 3),
        ("cod", "40", 5),
        ("cod", "40.1", 6),  # above the Ⅴ limit → 劣Ⅴ
        ("codmn", "2", 1),
        ("codmn", "4", 2),
        ("codmn", "10.5", 5),
        ("bod5", "4", 3),
        ("nh3n", "0.15", 1),
        ("nh3n", "0.5", 2),
        ("nh3n", "0.51", 3),
        ("nh3n", "2.0", 5),
        ("nh3n", "2.01", 6),
        ("tp", "0.1", 2),  # river limits 0.02, 0.1, 0.2, 0.3, 0.4
        ("tp", "0.4", 5),
        ("tp", "0.41", 6),
        ("cu", "0.01", 1),
        ("cu", "0.02", 2),
        ("cu", "1.01", 6),
        ("zn", "1.5", 4),
        ("f", "1.2", 4),
        ("se", "0.015", 4),
        ("as", "0.05", 1),
        ("hg", "0.00005", 1),
        ("hg", "0.00006", 3),
        ("hg", "0.0011", 6),
        ("cd", "0.005", 2),
        ("cd", "0.008", 5),
        ("cr6", "0.05", 2),
        ("pb", "0.03", 3),
        ("cn", "0.1", 3),
        ("phenol", "0.002", 1),
        ("phenol", "0.05", 5),
        ("petroleum", "0.3", 4),
        ("las", "0.25", 4),
        ("sulfide", "0.1", 2),
        ("sulfide", "1.0", 5),
        # DO is reversed: value ≥ limit (7.5, 6, 5, 3, 2)
        ("do", "7.5", 1),
        ("do", "7.4", 2),
        ("do", "6", 2),
        ("do", "5", 3),
        ("do", "2", 5),
        ("do", "1.9", 6),
        # pH: inside 6–9 → Ⅰ, outside → 劣Ⅴ
        ("ph", "5.9", 6),
        ("ph", "6", 1),
        ("ph", "9", 1),
        ("ph", "9.1", 6),
    ],
)
def test_river_class_boundaries(param, value, expected):
    assert parameter_class(param, D(value)) == expected


@pytest.mark.parametrize(
    "value, river, lake",
    [
        ("0.01", 1, 1),
        ("0.025", 2, 2),  # lake Ⅱ 0.025; river Ⅱ 0.1
        ("0.05", 2, 3),
        ("0.1", 2, 4),
        ("0.2", 3, 5),
        ("0.21", 4, 6),
    ],
)
def test_total_phosphorus_uses_lake_limits_for_lakes(value, river, lake):
    assert parameter_class("tp", D(value)) == river
    assert parameter_class("tp", D(value), lake=True) == lake


def test_unknown_parameter_and_edition_are_refused():
    with pytest.raises(ValueError):
        parameter_class("tn", D(1))
    with pytest.raises(ValueError):
        parameter_class("cod", D(1), edition="GB3838-2030")


def two_samples(lake=False):
    return [
        WaterSample(
            "清水河大桥",
            date(2021, 3, 10),
            {"ph": "7.4", "do": "6.0", "codmn": "3.0", "nh3n": "0.4", "tp": "0.10"},
            lake,
        ),
        WaterSample(
            "清水河大桥",
            date(2021, 9, 10),
            {"ph": "7.8", "do": "7.0", "codmn": "5.0", "nh3n": "0.6", "tp": "0.30", "cod": None},
            lake,
        ),
    ]


def test_section_quality_hand_worked():
    # means: pH (7.4+7.8)/2 = 7.6, DO 6.5, CODMn 4.0, NH3-N 0.5, TP 0.2
    # classes: pH Ⅰ; DO 6.5 ≥ 6 → Ⅱ; CODMn 4.0 ≤ 4 → Ⅱ; NH3-N 0.5 → Ⅱ; TP 0.2 → Ⅲ (river)
    quality = section_quality("清水河大桥", two_samples())
    assert quality.means == {"ph": D("7.6"), "do": D("6.5"), "codmn": D("4.0"), "nh3n": D("0.5"), "tp": D("0.2")}
    assert quality.param_classes == {"ph": 1, "do": 2, "codmn": 2, "nh3n": 2, "tp": 3}
    assert (quality.cls, quality.setting_params, quality.samples) == (3, ["tp"], 2)
    # CWQI: pH (7.6−7)/(9−7) = 0.3; DO 5/6.5 = 10/13; CODMn 4/6 = 2/3; NH3-N 0.5/1.0 = 0.5; TP 0.2/0.2 = 1
    # Σ = 0.3 + 10/13 + 2/3 + 0.5 + 1 = 9/5 + 56/39 = 631/195 = 3.2358974…
    assert abs(Fraction(str(quality.cwqi)) - Fraction(631, 195)) < Fraction(1, 10**25)


def test_lake_section_uses_lake_tp_for_class_and_cwqi():
    # TP 0.2 in a lake: Ⅴ limit 0.2 → Ⅴ; CWQI TP term 0.2/0.05 = 4 instead of 1 → 631/195 + 3 = 1216/195
    quality = section_quality("水库坝前", two_samples(lake=True))
    assert (quality.cls, quality.setting_params, quality.lake) == (5, ["tp"], True)
    assert abs(Fraction(str(quality.cwqi)) - Fraction(1216, 195)) < Fraction(1, 10**25)


def test_cwqi_ph_below_7_and_ties_in_the_setting_parameters():
    # pH 6.5 → (7−6.5)/(7−6) = 0.5; COD 20/20 = 1; NH3-N 1.0/1.0 = 1: Σ = 2.5
    means = {"ph": D("6.5"), "cod": D("20"), "nh3n": D("1.0")}
    assert section_cwqi(means) == D("2.5")
    quality = section_quality("A", [WaterSample("A", date(2021, 1, 5), dict(means))])
    # COD 20 and NH3-N 1.0 are both Ⅲ limits: two class-setting parameters, in sheet order
    assert (quality.cls, quality.setting_params) == (3, ["cod", "nh3n"])


def test_cwqi_refuses_zero_dissolved_oxygen():
    with pytest.raises(ValueError, match="溶解氧"):
        section_cwqi({"do": D(0)})


def test_parameters_measured_in_some_samples_are_averaged_over_those_only():
    # COD 10 in the first sample only → mean 10 (not 10/2); class Ⅰ
    samples = [WaterSample("B", date(2021, 1, 5), {"cod": 10, "do": 8}), WaterSample("B", date(2021, 2, 5), {"do": 7})]
    quality = section_quality("B", samples)
    assert quality.means == {"do": D("7.5"), "cod": D(10)}
    assert quality.param_classes == {"do": 1, "cod": 1}


def test_evaluate_sections_groups_filters_by_year_and_county_cwqi_is_the_mean():
    samples = [
        WaterSample("甲", date(2021, 1, 5), {"cod": "10"}),  # CWQI 10/20 = 0.5
        WaterSample("乙", date(2021, 1, 6), {"cod": "30"}),  # CWQI 30/20 = 1.5, class Ⅳ
        WaterSample("甲", date(2020, 12, 30), {"cod": "50"}),  # previous year: ignored
    ]
    sections = evaluate_sections(samples, year=2021)
    assert list(sections) == ["甲", "乙"]
    assert (sections["甲"].cwqi, sections["乙"].cwqi, sections["乙"].cls) == (D("0.5"), D("1.5"), 4)
    # county: (0.5 + 1.5)/2 = 1
    assert county_cwqi(sections.values()) == D(1)
    assert county_cwqi([]) is None
    assert evaluate_sections(samples)["甲"].means["cod"] == D(30)  # no year: (10 + 50)/2


def test_section_quality_refuses_unknown_or_missing_values():
    with pytest.raises(ValueError, match="未知"):
        section_quality("C", [WaterSample("C", date(2021, 1, 5), {"tn": 1})])
    with pytest.raises(ValueError, match="没有"):
        section_quality("C", [WaterSample("C", date(2021, 1, 5), {})])


def test_headers_cover_the_21_parameters():
    assert len(WATER_PARAM_HEADERS) == 21
    assert WATER_PARAM_HEADERS["do"] == "溶解氧" and WATER_PARAM_HEADERS["las"] == "阴离子表面活性剂"


def test_validate_water_samples_reports_problems_as_data():
    samples = [
        WaterSample("甲", date(2021, 1, 5), {"ph": "7.2", "do": "6"}),
        WaterSample("甲", date(2021, 1, 5), {"ph": "15"}),  # duplicate, pH impossible
        WaterSample(" ", date(2020, 6, 1), {"cod": "-1"}),  # blank name, year, negative
        WaterSample("乙", date(2021, 2, 1), {"do": "0", "tn": "1"}, lake=True),
        WaterSample("乙", date(2021, 3, 1), {"ph": "0"}, lake=False),  # lake flag differs; pH 0 ok
    ]
    problems = validate_water_samples(samples, year=2021)
    assert [(p.row, p.column, p.value) for p in problems] == [
        (1, "date", date(2021, 1, 5)),
        (1, "ph", D(15)),
        (2, "section", " "),
        (2, "date", date(2020, 6, 1)),
        (2, "cod", D(-1)),
        (3, "do", D(0)),
        (3, "tn", D(1)),
        (4, "lake", False),
    ]
    assert all(isinstance(p.message, str) and p.message for p in problems)
    assert "重复" in problems[0].message and "湖库" in problems[-1].message
    assert validate_water_samples(samples[:1], year=2021) == []
