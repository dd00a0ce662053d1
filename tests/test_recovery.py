"""Where the points are (docs/spec/decisions.md#dev-15-recovery): every amount below is worked by
hand from the rule text, never taken from the code under test."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.scoring.engine import score_values
from ecoscore.scoring.recovery import recoveries

EXAMPLE = Path(__file__).parent.parent / "examples" / "中方县-2021.json"


def example_values() -> tuple[dict, list[dict]]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return dict(data["values"]), data["sections"]


def found(changes: dict, key: str, item_id: str):
    values, sections = example_values()
    values.update(changes)
    report = score_values(values, sections, year=2021)
    out = [r for r in recoveries(report, editions.default()) if r.key == key and r.item_id == item_id]
    return out[0] if out else None


# Item 9 alone: PM10 80 > 70 keeps the county off 二级标准 at any PM2.5, so 9.1 never exempts;
# PM2.5 37 against last year's 37 is 0 % improvement and the city's −10 % makes 9.2 take nothing;
# the special-period figure equals last year's, so 9.3 takes nothing.
LINEAR_9 = {
    "air.pm10": 80,
    "air.pm25": 37,
    "air.pm25_prev": 37,
    "target.pm25_annual": 34,
    "city.pm25_improvement_avg": -10,
    "air.pm25_special": 44,
    "air.pm25_special_prev": 44,
}


def test_a_linear_rule_recovers_its_rate_per_unit_down_to_the_target():
    # 9.4: 0.5 × (37 − 34) = 1.50 lost. At 36: 0.5 × 2 = 1.00, so 1 μg/m³ gives back 0.50;
    # at 34 nothing is lost: 1.50 back. (9.2 can only shrink as PM2.5 falls; it was 0 already.)
    r = found(LINEAR_9, "air.pm25", "9")
    assert r.rate == Decimal("0.5") and r.points == Decimal("1.5")
    assert r.how == "每下降 1 μg/m³ 挽回 0.50 分，降至 34 μg/m³ 可挽回 1.50 分"
    assert r.rules == ("9.4",) and r.current == "37 μg/m³"
    assert r.sentence == "本年 PM2.5 年均浓度每下降 1 μg/m³ 挽回 0.50 分，降至 34 μg/m³ 可挽回 1.50 分"


def test_pm10_cannot_help_while_pm25_stays_above_the_standard():
    # PM10 down to 70 meets its own limit, but 二级标准 also needs PM2.5 ≤ 35 (it is 37): nothing back.
    assert found(LINEAR_9, "air.pm10", "9") is None


def test_a_capped_rule_recovers_nothing_until_the_value_passes_the_cap():
    # 29: 0.2 per violation, at most 1. 7 violations: 1.4 → 1.00 lost. 6: 1.2 → still 1.00;
    # 5: exactly 1.00; 4: 0.8, the first that gives back (0.20). At 0 the whole 1.00 is back.
    r = found({"i29.violations": 7}, "i29.violations", "29")
    assert r.rate == 0 and r.points == Decimal(1)
    assert r.how == "少于 5 起才开始挽回，降至 0 起可挽回 1.00 分"
    assert r.units == ("市生态环境局中方分局",)


def test_an_item_exhausted_by_its_deductions_recovers_only_below_the_clamp():
    # 9.4 "扣完为止": PM2.5 42 against 34 is 0.5 × 8 = 4.0 > 3 → the item is at 0. 41 is 3.5, 40 is
    # 3.0: still 0 points; 39 is 2.5 → 0.50 back. At 34 all 3.00 are back.
    r = found({**LINEAR_9, "air.pm25": 42, "air.pm25_prev": 42}, "air.pm25", "9")
    assert r.rate == 0 and r.points == Decimal(3)
    assert r.how == "低于 40 μg/m³ 才开始挽回，降至 34 μg/m³ 可挽回 3.00 分"


def test_an_all_or_nothing_rule_names_the_value_that_recovers_it_all():
    # 12.1: 3 points when this year's heavy days exceed the 2018–2020 mean (1, 1, 1 → 1). 3 days:
    # 3 lost; 2 days still exceeds the mean; 1 day does not → all 3.00 back at once. 12.2's target
    # of 5 days takes nothing at 3 days.
    changes = {
        "air.heavy_days": 3,
        "air.heavy_days_2018": 1,
        "air.heavy_days_2019": 1,
        "air.heavy_days_2020": 1,
        "target.heavy_days": 5,
        "i12.measures_missed": 0,
    }
    r = found(changes, "air.heavy_days", "12")
    assert r.rate == 0 and r.points == Decimal(3)
    assert r.how == "降至 1 天可挽回 3.00 分" and r.rules == ("12.1",)


def test_a_count_rule_and_a_yes_no_rule():
    # 12.3: 0.5 per missed measure: 3 missed = 1.50 lost, 0.50 back per one fewer, all at 0.
    r = found({"air.heavy_days": 0, "i12.measures_missed": 3}, "i12.measures_missed", "12")
    assert r.how == "每少 1 次挽回 0.50 分，降至 0 次可挽回 1.50 分"
    # 12.3: 1.5 when the emergency response was not launched: flipping it gives 1.50 back.
    r = found(
        {"air.heavy_days": 0, "i12.measures_missed": 0, "i12.emergency_not_launched": "是"},
        "i12.emergency_not_launched",
        "12",
    )
    assert r.how == "如未发生，可挽回 1.50 分" and r.points == Decimal("1.5") and r.rate is None


def test_targets_and_last_years_figures_are_never_suggested():
    values, sections = example_values()
    report = score_values(values, sections, year=2021)
    keys = {r.key for r in recoveries(report, editions.default())}
    assert not {k for k in keys if k.startswith(("target.", "city."))}
    assert "air.pm25_prev" not in keys and "i07.cod_target" not in keys


def test_most_points_first_ties_in_rubric_order():
    # 9: 1.50 (as above); 12.3: 2 missed × 0.5 = 1.00; 29: 5 violations × 0.2 = 1.00, its cap
    # exactly — one fewer gives 0.20 back. 12 and 29 tie at 1.00: rubric order, 12 first.
    changes = {**LINEAR_9, "air.heavy_days": 0, "i12.measures_missed": 2, "i29.violations": 5}
    values, sections = example_values()
    values.update(changes)
    report = score_values(values, sections, year=2021)
    wanted = {("9", "air.pm25"), ("12", "i12.measures_missed"), ("29", "i29.violations")}
    order = [
        (r.item_id, r.key, r.points) for r in recoveries(report, editions.default()) if (r.item_id, r.key) in wanted
    ]
    assert order == [
        ("9", "air.pm25", Decimal("1.5")),
        ("12", "i12.measures_missed", Decimal(1)),
        ("29", "i29.violations", Decimal(1)),
    ]


def test_a_water_section_one_class_better():
    # the example's 太平溪出口, a 省考 section at Ⅳ against its Ⅲ target: 5.3 takes 0.5 per such
    # section; at Ⅲ it meets its target and the 0.5 comes back.
    values, sections = example_values()
    report = score_values(values, sections, year=2021)
    r = [x for x in recoveries(report, editions.default()) if x.key == "sections[3].cur"][0]
    assert r.current == "Ⅳ类" and r.how == "每提升一类挽回 0.50 分，提升至 Ⅲ类可挽回 0.50 分"


def test_the_example_costs_little():
    values, sections = example_values()
    report = score_values(values, sections, year=2021)
    rubric = editions.default()
    recoveries(report, rubric)  # warm
    t = time.perf_counter()
    recoveries(report, rubric)
    assert time.perf_counter() - t < 0.5  # measured about 25 ms; generous for a loaded machine


def test_a_choice_names_each_better_option():
    # 28.6: 建成 0.5, 在建且进度超70% 0.3, 未达到 0. From 未达到: 建成 gives 0.50 back, 在建 0.30.
    r = found({"i28.kitchen_waste_status": "未达到"}, "i28.kitchen_waste_status", "28")
    assert r.points == Decimal("0.5")
    assert r.how == "如为“建成”，可挽回 0.50 分；如为“在建且进度超70%”，可挽回 0.30 分"


def test_a_count_never_goes_below_the_count_that_must_not_exceed_it():
    # P.1 (national): 1 per interview, a further 2 per interview not rectified. 2 interviews, 1 of
    # them unrectified: 2 + 2 = 4. Interviews cannot fall below the 1 unrectified (at_most): 1 back
    # at 1; the unrectified one can go to 0: 2 back.
    changes = {"penalty.nat_interviews": 2, "penalty.nat_interviews_unrectified": 1}
    r = found(changes, "penalty.nat_interviews", "P")
    assert r.how == "每少 1 次挽回 1.00 分，降至 1 次可挽回 1.00 分" and r.rules == ("P.1",)
    r = found(changes, "penalty.nat_interviews_unrectified", "P")
    assert r.how == "每少 1 次挽回 2.00 分，降至 0 次可挽回 2.00 分"


def test_no_recovery_exceeds_what_its_item_lost():
    values, sections = example_values()
    report = score_values(values, sections, year=2021)
    lost = {it.id: it.lost for it in report.items if it.score is not None}
    lost["P"] = report.penalty.score
    found = recoveries(report, editions.default())
    assert found and all(0 < r.points <= lost[r.item_id] for r in found)


def test_a_change_that_makes_a_conditional_field_required_recovers_nothing():
    # 14.4: the survey not done earns 0 of its 1 point, and the 挂牌率 is then not required (left
    # blank). Done, it would be required and is blank: that try cannot be scored, so the answer
    # 已完成 is not suggested (rather than scored as if the rate were there).
    changes = {"i14.nrmm_survey_done": "否", "i14.nrmm_tag_rate": None}
    assert found(changes, "i14.nrmm_survey_done", "14") is None
    assert found(changes, "i14.straw_fire_points", "14") is not None  # the item's other inputs still count
