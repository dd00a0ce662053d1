"""Bonus B, expected values worked by hand from the source's 加分项 and docs/spec/items-b-p.md#item-b."""

from ecoscore import rubric
from tests.helpers import D, deltas, item_result, score

# the six annual air figures of a county at Grade II (GB 3095-2012: SO2 ≤ 60, NO2 ≤ 40, PM10 ≤ 70,
# PM2.5 ≤ 35, CO p95 ≤ 4, O3 p90 ≤ 160)
GRADE2_AIR = {
    "air.so2": "10",
    "air.no2": "20",
    "air.pm10": "50",
    "air.pm25": "30",
    "air.co_p95": "1.2",
    "air.o3_8h_p90": "130",
}
# Everything awarded: 1 (air) + 1 (water) + 1 (incentive) + 1 (new Ⅰ) + 2 (commendations)
# + 2 (national 命名) + 1 (provincial 命名) = 9 → capped at 5 by the engine.
PERFECT = {
    **GRADE2_AIR,
    "air.pm25": "14",
    "bonus.air_top10_province": "是",
    "bonus.aqci_first_city": "是",
    "bonus.national_water_first_city": "是",
    "bonus.provincial_water_first_city": "是",
    "bonus.province_incentive": "是",
    "bonus.commendations": 2,
    "bonus.national_demo": "命名",
    "bonus.provincial_demo": "命名",
}
NEW_CLASS1 = [{"name": "舞水中方断面", "level": "国考", "target": "Ⅱ", "prev": "Ⅱ", "cur": "Ⅰ"}]


def test_all_fields_optional_and_nothing_awarded_when_blank():
    it = rubric.default().item("B")
    assert it.points is None and it.section == "B" and it.name == "加分项"
    assert all(f.optional for f in it.fields)
    assert score("B", {}) == D("0.00")
    d = deltas("B", {})
    assert set(d) == {f"B.{i}" for i in range(1, 8)} and all(v == 0 for v in d.values())


def test_b1_air_group_once():
    assert score("B", {"bonus.air_top10_province": "是"}) == D("1.00")
    assert score("B", {**GRADE2_AIR, "bonus.aqci_first_city": "是"}) == D("1.00")  # first, at Grade II
    assert score("B", {"air.pm25": "14.9"}) == D("1.00")  # 14.9 < 15
    assert score("B", {"air.pm25": "15"}) == D("0.00")  # not below 15
    # all three criteria met: still one point
    v = {**GRADE2_AIR, "air.pm25": "10", "bonus.air_top10_province": "是", "bonus.aqci_first_city": "是"}
    assert score("B", v) == D("1.00")


def test_b1_aqci_first_without_grade2_earns_nothing():
    # rev 2: "空气质量同时达到国家二级标准和综合指数改善第一" — PM2.5 36 > 35, so not Grade II: B.1 +0
    v = {**GRADE2_AIR, "air.pm25": "36", "bonus.aqci_first_city": "是"}
    assert score("B", v) == D("0.00")
    line = next(ln for ln in item_result("B", v).lines if ln.rule == "B.1")
    assert line.delta == 0
    assert "综合指数改善幅度排名全市第1名" in line.reason and "PM2.5 36>35" in line.reason
    assert "须同时达到国家二级标准" in line.reason
    # PM2.5 exactly 35 is Grade II: +1
    assert score("B", {**v, "air.pm25": "35"}) == D("1.00")
    # O3 161 > 160 alone breaks Grade II
    assert score("B", {**GRADE2_AIR, "air.o3_8h_p90": "161", "bonus.aqci_first_city": "是"}) == D("0.00")
    # not Grade II but in the province's top ten: the air group still earns its one point
    assert score("B", {**v, "bonus.air_top10_province": "是"}) == D("1.00")


def test_b1_aqci_first_with_air_figures_blank_is_not_awarded():
    line = next(ln for ln in item_result("B", {"bonus.aqci_first_city": "是"}).lines if ln.rule == "B.1")
    assert line.delta == 0 and "无法判定" in line.reason


def test_b1_blank_pm25_is_not_evaluated():
    r = item_result("B", {})
    line = next(ln for ln in r.lines if ln.rule == "B.1")
    assert line.delta == 0 and "不评价" in line.reason


def test_b2_water_group_once():
    assert score("B", {"bonus.national_water_first_city": "是"}) == D("1.00")
    assert score("B", {"bonus.provincial_water_first_city": "是"}) == D("1.00")
    assert score("B", {"bonus.national_water_first_city": "是", "bonus.provincial_water_first_city": "是"}) == D("1.00")
    assert score("B", {"bonus.national_water_first_city": "否"}) == D("0.00")


def test_b3_province_incentive():
    assert score("B", {"bonus.province_incentive": "是"}) == D("1.00")
    assert score("B", {"bonus.province_incentive": "否"}) == D("0.00")


def test_b4_new_class1_sections_once():
    assert score("B", {}, NEW_CLASS1) == D("1.00")
    two = NEW_CLASS1 + [{"name": "沅水断面", "level": "省考", "target": "Ⅲ", "prev": "Ⅲ", "cur": "Ⅰ"}]
    assert score("B", {}, two) == D("1.00")  # "每项加1分": one criterion, not per section
    line = next(ln for ln in item_result("B", {}, two).lines if ln.rule == "B.4")
    assert "舞水中方断面" in line.reason and "沅水断面" in line.reason
    already = [{"name": "甲", "level": "国考", "target": "Ⅱ", "prev": "Ⅰ", "cur": "Ⅰ"}]
    assert score("B", {}, already) == D("0.00")  # Ⅰ both years: not newly
    worse = [{"name": "乙", "level": "国考", "target": "Ⅱ", "prev": "Ⅲ", "cur": "Ⅱ"}]
    assert score("B", {}, worse) == D("0.00")  # improved but not to Ⅰ


def test_b4_new_section_at_class1_is_not_newly_raised():
    # docs/spec 第 2 版: a section new this year (上年类别 无) at Ⅰ has no previous class to improve on:
    # B.4 gives nothing, and the line names it
    new = [{"name": "新断面", "level": "国考", "target": "Ⅱ", "prev": "无", "cur": "Ⅰ"}]
    assert score("B", {}, new) == D("0.00")
    line = next(ln for ln in item_result("B", {}, new).lines if ln.rule == "B.4")
    assert "新增断面新断面" in line.reason and "不参与本条" in line.reason


def test_b5_commendations_per_document():
    assert score("B", {"bonus.commendations": 2}) == D("2.00")  # 1 × 2
    assert score("B", {"bonus.commendations": 0}) == D("0.00")


def test_b6_b7_demonstration_titles():
    assert score("B", {"bonus.national_demo": "申报"}) == D("1.00")
    assert score("B", {"bonus.national_demo": "命名"}) == D("2.00")
    assert score("B", {"bonus.national_demo": "无"}) == D("0.00")
    assert score("B", {"bonus.provincial_demo": "申报"}) == D("0.50")
    assert score("B", {"bonus.provincial_demo": "命名"}) == D("1.00")
    assert score("B", {"bonus.provincial_demo": "无"}) == D("0.00")


def test_below_cap_is_summed():
    # 2 (national 命名) + 0.5 (provincial 申报) + 1 (incentive) + 1 (top 10) = 4.5
    v = {
        "bonus.national_demo": "命名",
        "bonus.provincial_demo": "申报",
        "bonus.province_incentive": "是",
        "bonus.air_top10_province": "是",
    }
    assert score("B", v) == D("4.50")
    assert "B" not in deltas("B", v)  # no cap line


def test_engine_caps_bonus_at_five():
    r = item_result("B", PERFECT, NEW_CLASS1)
    assert r.score == D("5.00")  # 9 → 5
    assert deltas("B", PERFECT, NEW_CLASS1)["B"] == D("-4")  # the engine's cap line
    assert sum(ln.delta for ln in r.lines if ln.rule != "B") == D("9")  # the module itself does not cap
