"""Item 20 (“2021年夏季攻势”, 13 points, ten sub-rules), expected values worked by hand."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecoscore import rubric
from ecoscore.core.model import InputError
from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i20.township_sewage_missing": 0,
    "i20.vocs_missing_sep30": 0,
    "i20.vocs_missing_dec31": 0,
    "i20.water_source_open_sep30": 0,
    "i20.water_source_all_fixed_dec31": "是",
    "i20.soil_projects_missing": 0,
    "i20.tailings_missing": 0,
    "i20.hazwaste_late": 0,
    "i20.quarry_tasks_missing": 0,
    "i20.rural_env_tasks_missing": 0,
    "i20.source_zoning_missing": 0,
    "i20.inspected_tasks": 10,
    "i20.false_tasks": 0,
}
SUB_RULES = [f"20.{n}" for n in range(1, 11)]


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_full_marks_and_every_sub_rule_explained():
    r = item_result("20", PERFECT)
    assert r.score == D("13.00")
    assert [ln.rule for ln in r.lines] == SUB_RULES
    assert all("不扣分" in ln.reason for ln in r.lines)


def test_declaration_matches_source():
    it = rubric.default().item("20")
    assert it.deadline == "以“2021年夏季攻势”任务时间要求为准"
    assert [r.id for r in it.rules] == SUB_RULES
    assert [str(r.points) for r in it.rules] == ["1.5", "1", "1", "1", "1", "1", "1", "1.5", "1", "3"]
    assert sum(r.points for r in it.rules) == it.points == D(13)
    expected = {
        "20.1": ("市住建局", "县住建局"),
        "20.2": ("市生态环境局", "市生态环境局中方分局"),
        "20.3": ("市生态环境局", "市生态环境局中方分局"),
        "20.4": ("市生态环境局", "市生态环境局中方分局"),
        "20.5": ("市生态环境局", "县应急管理局"),
        "20.6": ("市生态环境局", "市生态环境局中方分局"),
        "20.7": ("市自然资源和规划局", "县自然资源局"),
        "20.8": ("市生态环境局", "县农业农村局"),
        "20.9": ("市生态环境局", "市生态环境局中方分局"),
        "20.10": ("市生态环境保护委员会办公室", "“夏季攻势”牵头单位"),
    }
    for rid, (auditor, unit) in expected.items():
        assert it.auditors_for(rid) == (auditor,) and it.units_for(rid) == (unit,), rid


def test_false_tasks_field_excludes_already_penalised():
    f = rubric.default().catalogue["i20.false_tasks"]
    assert f.at_most == "i20.inspected_tasks"
    for word in ("通报批评", "挂牌督办", "典型案例曝光", "约谈"):
        assert word in f.label and word in f.note


# ---- 20.1–20.9: per unit, each capped at its own points ------------------------------------
@pytest.mark.parametrize(
    "key, n, rule, expected",
    [
        ("i20.township_sewage_missing", 1, "20.1", "-0.5"),  # 1 × 0.5
        ("i20.township_sewage_missing", 3, "20.1", "-1.5"),  # 3 × 0.5 = its 1.5 points
        ("i20.township_sewage_missing", 4, "20.1", "-1.5"),  # 2.0 → cap 1.5
        ("i20.soil_projects_missing", 1, "20.4", "-0.5"),  # 0.5
        ("i20.soil_projects_missing", 3, "20.4", "-1"),  # 1.5 → cap 1
        ("i20.tailings_missing", 4, "20.5", "-0.4"),  # 4 × 0.1
        ("i20.tailings_missing", 11, "20.5", "-1"),  # 1.1 → 累计不超过1分
        ("i20.hazwaste_late", 2, "20.6", "-0.2"),  # 2 × 0.1
        ("i20.hazwaste_late", 15, "20.6", "-1"),  # 1.5 → cap 1
        ("i20.quarry_tasks_missing", 3, "20.7", "-0.3"),  # 3 × 0.1
        ("i20.quarry_tasks_missing", 20, "20.7", "-1"),  # 2.0 → cap 1
        ("i20.rural_env_tasks_missing", 2, "20.8", "-1"),  # 2 × 0.5
        ("i20.rural_env_tasks_missing", 4, "20.8", "-1.5"),  # 2.0 → cap 1.5
        ("i20.source_zoning_missing", 5, "20.9", "-0.5"),  # 5 × 0.1
        ("i20.source_zoning_missing", 12, "20.9", "-1"),  # 1.2 → cap 1
    ],
)
def test_per_unit_sub_rules(key, n, rule, expected):
    d = deltas("20", {**PERFECT, key: n})
    assert d[rule] == D(expected)
    assert all(v == 0 for r, v in d.items() if r != rule)  # the others deduct nothing
    assert score("20", {**PERFECT, key: n}) == D(13) + D(expected)


def test_20_2_two_stages():
    assert score("20", with_(i20__vocs_missing_sep30=1)) == D("12.50")  # 0.5
    assert score("20", with_(i20__vocs_missing_sep30=1, i20__vocs_missing_dec31=1)) == D("12.00")  # 0.5 + 0.5
    assert deltas("20", with_(i20__vocs_missing_sep30=2, i20__vocs_missing_dec31=1))["20.2"] == D(-1)  # 1.5 → 1


def test_20_3_water_source():
    assert score("20", with_(i20__water_source_open_sep30=3)) == D("12.70")  # 3 × 0.1, all fixed by 12-31
    assert score("20", with_(i20__water_source_all_fixed_dec31="否")) == D("12.00")  # 0 + 1
    # 3 × 0.1 + 1 = 1.3 → capped at its 1 point
    assert score("20", with_(i20__water_source_open_sep30=3, i20__water_source_all_fixed_dec31="否")) == D("12.00")
    assert deltas("20", with_(i20__water_source_open_sep30=12))["20.3"] == D(-1)  # 1.2 → cap 1


# ---- 20.10: 3 × false / inspected ----------------------------------------------------------
def test_20_10_fraction_shown_rounded_item_rounded_once():
    # 1 false of 8 inspected → 3 × 1/8 = 0.375 exactly; 13 − 0.375 = 12.625 → 12.63. The item lost
    # 0.37, so the line shows 0.37, not 0.38 (D3 rev 2: shown lines add up to the item)
    r = item_result("20", with_(i20__inspected_tasks=8, i20__false_tasks=1))
    line = next(ln for ln in r.lines if ln.rule == "20.10")
    assert line.delta == D("-0.375") and line.display == D("-0.37") and "扣 0.37 分" in line.reason
    assert r.score == D("12.63")
    # with 20.5 (1 pond, 0.1): 13 − 0.375 − 0.1 = 12.525 → 12.53 (line by line rounding would give 12.52)
    assert score("20", with_(i20__inspected_tasks=8, i20__false_tasks=1, i20__tailings_missing=1)) == D("12.53")


def test_20_10_other_fractions():
    # 1 of 7 → 3/7 = 0.428571… → 13 − 0.428571… = 12.571… → 12.57
    assert score("20", with_(i20__inspected_tasks=7, i20__false_tasks=1)) == D("12.57")
    # 2 of 3 → 3 × 2/3 = 2 → 11
    assert score("20", with_(i20__inspected_tasks=3, i20__false_tasks=2)) == D("11.00")
    # all false: 8 of 8 → 3, its full points → 10
    assert score("20", with_(i20__inspected_tasks=8, i20__false_tasks=8)) == D("10.00")


def test_20_10_zero_inspected_no_deduction():
    r = item_result("20", with_(i20__inspected_tasks=0, i20__false_tasks=0))
    assert r.score == D("13.00")
    assert next(ln for ln in r.lines if ln.rule == "20.10").delta == 0


@pytest.mark.parametrize("inspected, false", [(0, 1), (5, 6)])
def test_20_10_false_more_than_inspected_is_invalid(inspected, false):
    with pytest.raises(InputError) as err:
        item_result("20", with_(i20__inspected_tasks=inspected, i20__false_tasks=false))
    [problem] = err.value.problems
    assert problem.key == "i20.false_tasks" and problem.code == "contradiction"


def test_worst_case_is_zero():
    # 1.5 + 1 + 1 + 1 + 1 + 1 + 1 + 1.5 + 1 + 3 = 13 → 0
    bad = {k: 50 for k, v in PERFECT.items() if isinstance(v, int)}
    bad.update({"i20.water_source_all_fixed_dec31": "否", "i20.inspected_tasks": 4, "i20.false_tasks": 4})
    r = item_result("20", bad)
    assert r.score == D("0.00")
    assert not any("扣完为止" in ln.reason for ln in r.lines)  # every sub-rule stays within its own points


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i20.false_tasks"]
    r = item_result("20", v)
    assert r.score is None and [m.key for m in r.missing] == ["i20.false_tasks"]


# ---- property: within [0, 13]; more problems never raise the score --------------------------
COUNTS = [k for k, v in PERFECT.items() if isinstance(v, int) and k not in ("i20.inspected_tasks", "i20.false_tasks")]


@st.composite
def base_and_worse(draw):
    base = {k: draw(st.integers(0, 20)) for k in COUNTS}
    base["i20.water_source_all_fixed_dec31"] = draw(st.booleans())
    inspected = draw(st.integers(0, 30))
    false = draw(st.integers(0, inspected))
    base.update({"i20.inspected_tasks": inspected, "i20.false_tasks": false})
    bad = {k: base[k] + draw(st.integers(0, 5)) for k in COUNTS}
    bad["i20.water_source_all_fixed_dec31"] = base["i20.water_source_all_fixed_dec31"] and draw(st.booleans())
    bad.update({"i20.inspected_tasks": inspected, "i20.false_tasks": draw(st.integers(false, inspected))})
    return base, bad


@settings(max_examples=80, deadline=None)
@given(pair=base_and_worse())
def test_property_bounds_and_monotone(pair):
    base, bad = pair
    assert 0 <= score("20", bad) <= score("20", base) <= 13
