"""Items 4–8 (water), expected values worked by hand from the source text and docs/spec/items.md."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "target.national_ge3_count": 2,
    "target.provincial_ge3_count": 4,
    "i05.cwqi": "3.8",
    "i05.cwqi_prev": "4",
    "i05.cwqi_city_rank": 5,
    "i06.sources_exceeding": 0,
    "i07.cod_target": "120",
    "i07.cod_done": "125.5",
    "i07.nh3n_target": "15",
    "i07.nh3n_done": "15",
    "i08.zones_missing_county": 0,
    "i08.zones_missing_other": 0,
    "i08.source_issues": 0,
    "i08.park_tasks_missing": 0,
    "i08.dry_season_failed": "否",
    "i08.yangtze_tasks_missing": 0,
    "i08.basin_tasks_missing": 0,
    "i08.fund_projects_failed": 0,
    "i08.fund_projects_unaccepted": 0,
    "i08.ship_facility_cases": 0,
    "i08.ship_system_cases": 0,
    "i08.sewage_collection_increase": "12.5",
    "i08.bod_increase": "31",  # read only when target.bod_increase is filled (blank by default)
    "i08.black_odorous_relapses": 0,
}

# Items 4 and 5 also need the sections table: all meet target, none worse than 2020.
PERFECT_SECTIONS = [
    {"name": "舞水中方段", "level": "国考", "target": "Ⅲ", "prev": "Ⅱ", "cur": "Ⅱ"},
    {"name": "沅水铜湾段", "level": "国考", "target": "III", "prev": "III", "cur": 3},
    {"name": "舞水桐木段", "level": "省考", "target": "Ⅲ", "prev": "Ⅱ", "cur": "Ⅱ"},
    {"name": "潕溪河口", "level": "省考", "target": "Ⅱ", "prev": "Ⅰ", "cur": "一类"},
]


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def sec(name, level, target, prev, cur):
    return {"name": name, "level": level, "target": target, "prev": prev, "cur": cur}


def reasons(item_id, values, sections=None, rule=None):
    return " ".join(ln.reason for ln in item_result(item_id, values, sections).lines if rule in (None, ln.rule))


def test_perfect_full_marks():
    for i, pts in (("4", "4.00"), ("5", "4.00"), ("6", "2.00"), ("7", "2.00"), ("8", "4.00")):
        assert score(i, PERFECT, PERFECT_SECTIONS) == D(pts), i


# ---- item 4 -------------------------------------------------------------------------------


def test_4_1_shortfall_named_and_counted():
    # target 3 national ≤Ⅲ; both national sections ≤Ⅲ → S = 1 → 2 × 1 = 2; no misses → 4 − 2 = 2.00
    v = with_(target__national_ge3_count=3)
    assert score("4", v, PERFECT_SECTIONS) == D("2.00")
    assert deltas("4", v, PERFECT_SECTIONS) == {"4.1": D(-2), "4.2": D(0), "4.3": D(0)}
    assert "达到或优于Ⅲ类的国考断面 2 个" in reasons("4", v, PERFECT_SECTIONS, "4.1")
    assert "年度要求 3 个，少 1 个，每少 1 个扣 2 分" in reasons("4", v, PERFECT_SECTIONS, "4.1")


def test_4_1_no_shortfall_and_floor():
    assert deltas("4", PERFECT, PERFECT_SECTIONS)["4.1"] == D(0)  # 2 ≤Ⅲ against 2 required
    # target 5, 2 ≤Ⅲ → S = 3 → 6 > 4 → item floored at 0
    assert score("4", with_(target__national_ge3_count=5), PERFECT_SECTIONS) == D("0.00")


def test_4_2_miss_above_class3_target_not_double_charged():
    # Worked example (1、2项不重复扣分): required 3 national ≤Ⅲ.
    #   A target Ⅲ, now Ⅳ (missed, costs a ≤Ⅲ section); B target Ⅱ, now Ⅲ (missed, still ≤Ⅲ);
    #   C target Ⅲ, now Ⅲ. ≤Ⅲ = {B, C} = 2 → S = 1 → 4.1: 2 × 1 = 2.
    #   M = 2 (A, B); M_low = 1 (A) → min(S, M_low) = 1 → 4.2: 1 × (2 − 1) = 1.  4 − 2 − 1 = 1.00
    rows = [sec("A", "国考", "Ⅲ", "Ⅲ", 4), sec("B", "国考", "Ⅱ", "Ⅲ", "III"), sec("C", "国考", "Ⅲ", "Ⅲ", "Ⅲ")]
    v = with_(target__national_ge3_count=3)
    assert deltas("4", v, rows) == {"4.1": D(-2), "4.2": D(-1), "4.3": D(0)}
    assert score("4", v, rows) == D("1.00")
    text = reasons("4", v, rows, "4.2")
    assert "未达目标：A（Ⅳ，目标Ⅲ）、B（Ⅲ，目标Ⅱ）" in text and "不重复扣分" in text


def test_4_2_every_miss_already_charged():
    # required 3; A, B target Ⅲ now Ⅳ, C at Ⅱ → ≤Ⅲ = 1 → S = 2 → 4; M = M_low = 2 → 4.2: 2 − 2 = 0 → 0.00
    rows = [sec("A", "国考", "Ⅲ", "Ⅲ", "Ⅳ"), sec("B", "国考", "Ⅲ", "Ⅲ", "Ⅳ"), sec("C", "国考", "Ⅲ", "Ⅱ", "Ⅱ")]
    d = deltas("4", with_(target__national_ge3_count=3), rows)
    assert d["4.1"] == D(-4) and d["4.2"] == D(0)


def test_4_2_miss_with_class4_target_is_not_excused():
    # required 2; A at Ⅲ meets Ⅲ; B target Ⅳ now Ⅴ: missed, but its target is worse than Ⅲ, so it is
    # not in M_low. ≤Ⅲ = 1 → S = 1 → 2; M = 1, M_low = 0 → 1.  4 − 2 − 1 = 1.00
    rows = [sec("A", "国考", "Ⅲ", "Ⅲ", "Ⅲ"), sec("B", "国考", "Ⅳ", "Ⅳ", "Ⅴ")]
    assert deltas("4", with_(target__national_ge3_count=2), rows) == {"4.1": D(-2), "4.2": D(-1), "4.3": D(0)}


def test_4_2_plain_miss_without_shortfall():
    # required 1; A at Ⅱ; B target Ⅳ now 劣Ⅴ → S = 0, M = 1 → 1 × 1 = 1 → 3.00; provincial rows ignored
    rows = [sec("A", "国考", "Ⅲ", "Ⅱ", "Ⅱ"), sec("B", "国考", "Ⅳ", "Ⅳ", "劣Ⅴ"), sec("P", "省考", "Ⅲ", "Ⅲ", "Ⅴ")]
    assert score("4", with_(target__national_ge3_count=1), rows) == D("3.00")
    assert "B（劣Ⅴ，目标Ⅳ）" in reasons("4", with_(target__national_ge3_count=1), rows, "4.2")


def test_4_3_fall_charged_unless_class2():
    # A meets Ⅲ but fell Ⅱ→Ⅲ: 0.2; B fell Ⅰ→Ⅱ: at Ⅱ, exempt; C fell Ⅲ→Ⅳ: missed (4.2, not 4.3).
    # required 2: ≤Ⅲ = {A, B} → S = 0; 4.2: 1; 4.3: 0.2 → 4 − 1 − 0.2 = 2.80
    rows = [sec("A", "国考", "Ⅲ", "Ⅱ", "Ⅲ"), sec("B", "国考", "Ⅱ", "Ⅰ", "Ⅱ"), sec("C", "国考", "Ⅲ", "Ⅲ", "Ⅳ")]
    assert deltas("4", PERFECT, rows) == {"4.1": D(0), "4.2": D(-1), "4.3": D("-0.2")}
    assert score("4", PERFECT, rows) == D("2.80")
    text = reasons("4", PERFECT, rows, "4.3")
    assert "A（Ⅲ，上年Ⅱ）" in text and "达到Ⅱ类不扣分：B（Ⅱ，上年Ⅰ）" in text


def test_4_3_only_class2_falls_no_deduction():
    rows = [sec("A", "国考", "Ⅱ", "Ⅰ", "Ⅱ"), sec("B", "国考", "Ⅲ", "Ⅰ", "Ⅱ")]  # both at Ⅱ → exempt
    assert deltas("4", PERFECT, rows)["4.3"] == D(0)


def test_4_incomplete_without_target_sections_or_prev():
    v = with_(target__national_ge3_count=None)
    r = item_result("4", v, PERFECT_SECTIONS)
    assert r.score is None and [m.key for m in r.missing] == ["target.national_ge3_count"]
    r = item_result("4", PERFECT, [])
    assert r.score is None and [m.key for m in r.missing] == ["sections"]
    r = item_result("4", PERFECT, [sec("A", "国考", "Ⅲ", None, "Ⅲ")])
    assert r.score is None and [m.key for m in r.missing] == ["sections.A.prev"]


@pytest.mark.parametrize("word", ["无", "新增", "无（新增断面）", "无(新增断面)"])
def test_4_3_new_national_section_that_worsened_is_skipped(word):
    # docs/spec 第 2 版: N is new this year (上年类别 无), meets its Ⅲ target at Ⅲ. Had it a previous class
    # Ⅱ it would cost 0.2 in 4.3 (met target, worse than last year, worse than Ⅱ); new, it is left
    # out: ≤Ⅲ = {A, N} = 2 required → 4.1 0; 4.2 0; 4.3 0 → 4.00
    rows = [sec("A", "国考", "Ⅲ", "Ⅲ", "Ⅲ"), sec("N", "国考", "Ⅲ", word, "Ⅲ")]
    assert deltas("4", PERFECT, rows) == {"4.1": D(0), "4.2": D(0), "4.3": D(0)}
    assert score("4", PERFECT, rows) == D("4.00")
    text = reasons("4", PERFECT, rows, "4.3")
    assert "新增断面N" in text and "不参与本条" in text
    # the same row with a previous class Ⅱ: 4 − 0.2 = 3.80
    assert score("4", PERFECT, [rows[0], sec("N", "国考", "Ⅲ", "Ⅱ", "Ⅲ")]) == D("3.80")


def test_4_blank_prev_is_still_missing_while_new_is_not():
    rows = [sec("A", "国考", "Ⅲ", "Ⅲ", "Ⅲ"), sec("N", "国考", "Ⅲ", "", "Ⅲ")]
    r = item_result("4", PERFECT, rows)
    assert r.score is None and [m.key for m in r.missing] == ["sections.N.prev"]
    assert item_result("5", PERFECT, rows).score is None


def test_5_4_new_provincial_section_skipped_and_named():
    # P1 fell Ⅰ→Ⅱ (0.1); P2 new at Ⅲ meeting Ⅲ: left out → 5.4 −0.1; ≤Ⅲ = 3 = required → 4 − 0.1 = 3.90
    rows = [sec("N", "国考", "Ⅲ", "Ⅲ", "Ⅲ"), sec("P1", "省考", "Ⅱ", "Ⅰ", "Ⅱ"), sec("P2", "省考", "Ⅲ", "无", "Ⅲ")]
    v = with_(target__provincial_ge3_count=3)
    assert deltas("5", v, rows)["5.4"] == D("-0.1")
    assert score("5", v, rows) == D("3.90")
    assert "新增断面P2" in reasons("5", v, rows, "5.4")


def test_new_section_json_prev_and_bad_prev_message():
    from ecoscore.core.model import InputError
    from ecoscore.scoring.engine import validate_sections

    (s,), missing, problems = validate_sections([sec("N", "国考", "Ⅲ", "无", "Ⅰ")])
    assert s.new and s.prev is None and s.prev_name == "无（新增断面）" and not missing and not problems
    _, _, problems = validate_sections([sec("N", "国考", "Ⅲ", "没有", "Ⅰ")])
    assert problems and "无（新增断面）" in problems[0].message
    with pytest.raises(InputError):
        score("4", PERFECT, [sec("N", "国考", "Ⅲ", "没有", "Ⅰ")])


# ---- item 5 -------------------------------------------------------------------------------


def test_5_1_boundaries_at_3_pct():
    # prev 4, cur 4.12 → w = 0.12 / 4 × 100 = 3 exactly.
    # top 3 (rank 2): 0.2 × L(3 − 3) = 0 → 4.00; rank 5: 0.2 × 3 = 0.6 → 3.40
    assert deltas("5", with_(i05__cwqi="4.12", i05__cwqi_city_rank=2), PERFECT_SECTIONS)["5.1"] == D(0)
    assert score("5", with_(i05__cwqi="4.12", i05__cwqi_city_rank=3), PERFECT_SECTIONS) == D("4.00")  # rank 3 is top 3
    assert score("5", with_(i05__cwqi="4.12", i05__cwqi_city_rank=4), PERFECT_SECTIONS) == D("3.40")
    assert score("5", with_(i05__cwqi="4.12", i05__cwqi_city_rank=None), PERFECT_SECTIONS) == D("3.40")  # blank rank
    # just above: cur 4.1204 → w = 3.01; top 3: 0.2 × 0.01 = 0.002 (exact), item 3.998 → 4.00
    v = with_(i05__cwqi="4.1204", i05__cwqi_city_rank=1)
    assert deltas("5", v, PERFECT_SECTIONS)["5.1"] == D("-0.002")
    assert score("5", v, PERFECT_SECTIONS) == D("4.00")
    # not top 3 at 3.01: 0.2 × 3.01 = 0.602 → 3.398 → 3.40
    assert score("5", with_(i05__cwqi="4.1204"), PERFECT_SECTIONS) == D("3.40")


def test_5_1_boundaries_at_10_pct():
    # cur 4.4 → w = 10 exactly, not "超过10%": rank 5 → 0.2 × 10 = 2 → 2.00; top 3 → 0.2 × 7 = 1.4 → 2.60
    assert score("5", with_(i05__cwqi="4.4"), PERFECT_SECTIONS) == D("2.00")
    assert score("5", with_(i05__cwqi="4.4", i05__cwqi_city_rank=2), PERFECT_SECTIONS) == D("2.60")
    # cur 4.4004 → w = 10.01 > 10 → 4, whatever the rank → 0.00
    assert deltas("5", with_(i05__cwqi="4.4004"), PERFECT_SECTIONS)["5.1"] == D(-4)
    assert score("5", with_(i05__cwqi="4.4004", i05__cwqi_city_rank=1), PERFECT_SECTIONS) == D("0.00")


def test_5_1_no_worsening():
    assert deltas("5", PERFECT, PERFECT_SECTIONS)["5.1"] == D(0)  # 4 → 3.8: improved 5 %
    assert "改善 5%" in reasons("5", PERFECT, PERFECT_SECTIONS, "5.1")
    assert deltas("5", with_(i05__cwqi="4"), PERFECT_SECTIONS)["5.1"] == D(0)  # w = 0
    # prev 3, cur 3.01 → w = 0.01 / 3 × 100 = 0.333…%, rank 6 → 0.2 × 0.333… = 0.0666… → 3.9333… → 3.93
    assert score("5", with_(i05__cwqi="3.01", i05__cwqi_prev="3", i05__cwqi_city_rank=6), PERFECT_SECTIONS) == D("3.93")


def test_5_2_counts_national_and_provincial():
    # PERFECT_SECTIONS: 4 sections all ≤Ⅲ (2 national + 2 provincial); require 6 → S5 = 2 → 2 × 1 → 2.00
    v = with_(target__provincial_ge3_count=6)
    assert deltas("5", v, PERFECT_SECTIONS)["5.2"] == D(-2)
    assert score("5", v, PERFECT_SECTIONS) == D("2.00")
    assert "达到或优于Ⅲ类的省考断面（含国考） 4 个" in reasons("5", v, PERFECT_SECTIONS, "5.2")
    # require 4 → 0; require 9 → S5 = 5 → 5 > 4 → floor 0.00
    assert deltas("5", PERFECT, PERFECT_SECTIONS)["5.2"] == D(0)
    assert score("5", with_(target__provincial_ge3_count=9), PERFECT_SECTIONS) == D("0.00")


def test_5_3_provincial_only_and_no_double_charge():
    # N national at Ⅴ (target Ⅳ) is missed but is item 4's business, not 5.3.
    # P1 provincial target Ⅲ now Ⅳ (missed, worse than Ⅲ); P2 target Ⅱ now Ⅲ (missed); P3 at Ⅱ.
    # ≤Ⅲ overall = {P2, P3} = 2; require 3 → S5 = 1 → 5.2: 1.
    # 5.3: M = 2, worse-than-Ⅲ with target ≤Ⅲ = 1 → min(1, 1) = 1 → 0.5 × (2 − 1) = 0.5.  4 − 1 − 0.5 = 2.50
    rows = [
        sec("N", "国考", "Ⅳ", "Ⅴ", "Ⅴ"),
        sec("P1", "省考", "Ⅲ", "Ⅳ", "Ⅳ"),
        sec("P2", "省考", "Ⅱ", "Ⅲ", "Ⅲ"),
        sec("P3", "省考", "Ⅲ", "Ⅱ", "Ⅱ"),
    ]
    v = with_(target__provincial_ge3_count=3)
    assert deltas("5", v, rows) == {"5.1": D(0), "5.2": D(-1), "5.3": D("-0.5"), "5.4": D(0)}
    assert score("5", v, rows) == D("2.50")
    text = reasons("5", v, rows, "5.3")
    assert "P1（Ⅳ，目标Ⅲ）" in text and "P2（Ⅲ，目标Ⅱ）" in text and "N" not in text
    # no shortfall (require 2) → both misses charged: 0.5 × 2 = 1 → 3.00
    assert score("5", with_(target__provincial_ge3_count=2), rows) == D("3.00")
    assert deltas("5", PERFECT, PERFECT_SECTIONS)["5.3"] == D(0)


def test_5_4_provincial_fall_without_class2_exemption():
    # P1 Ⅰ→Ⅱ (meets Ⅱ) and P2 Ⅱ→Ⅲ (meets Ⅲ): both charged 0.1 (no Ⅱ exemption) → 0.2;
    # national N Ⅱ→Ⅲ is not counted here. 4 − 0.2 = 3.80
    rows = [sec("N", "国考", "Ⅲ", "Ⅱ", "Ⅲ"), sec("P1", "省考", "Ⅱ", "Ⅰ", "Ⅱ"), sec("P2", "省考", "Ⅲ", "Ⅱ", "Ⅲ")]
    v = with_(target__provincial_ge3_count=3)
    assert deltas("5", v, rows)["5.4"] == D("-0.2")
    assert score("5", v, rows) == D("3.80")
    assert deltas("5", PERFECT, PERFECT_SECTIONS)["5.4"] == D(0)


def test_5_incomplete_cwqi_blank():
    r = item_result("5", with_(i05__cwqi=None), PERFECT_SECTIONS)
    assert r.score is None and [m.key for m in r.missing] == ["i05.cwqi"]
    assert item_result("5", with_(i05__cwqi_city_rank=None), PERFECT_SECTIONS).score == D("4.00")  # rank optional


# ---- items 6 and 7 ------------------------------------------------------------------------


def test_6_per_source_and_floor():
    assert score("6", with_(i06__sources_exceeding=1)) == D("1.50")  # 2 − 0.5
    assert score("6", with_(i06__sources_exceeding=5)) == D("0.00")  # 2.5 > 2 → floor
    assert deltas("6", PERFECT) == {"6": D(0)}
    assert item_result("6", with_(i06__sources_exceeding=None)).missing[0].key == "i06.sources_exceeding"


def test_7_completion_pct_cap_and_zero_target():
    # COD 95 of 100 → 5 % short → 0.5; NH3-N 92 of 100 → 0.8. 2 − 1.3 = 0.70
    v = with_(i07__cod_target=100, i07__cod_done=95, i07__nh3n_target=100, i07__nh3n_done=92)
    assert score("7", v) == D("0.70")
    # COD 85.5 % → 14.5 % short → 1.45 capped at 1; NH3-N target 0 → no deduction → 1.00
    v = with_(i07__cod_target=200, i07__cod_done=171, i07__nh3n_target=0, i07__nh3n_done=0)
    assert score("7", v) == D("1.00")
    assert "最多扣 1 分" in reasons("7", v) and "任务为 0" in reasons("7", v)
    # both capped: 0 done → 1 + 1 → 0.00
    assert score("7", with_(i07__cod_done=0, i07__nh3n_done=0)) == D("0.00")
    # over-completion (PERFECT: 125.5 of 120) → no deduction
    assert deltas("7", PERFECT) == {"7": D(0)}
    # COD 29.5 of 30 → 98.333…% → 1.666…% short → 0.1666…; NH3-N 15 of 15 → 0. 2 − 0.1666… = 1.8333… → 1.83
    assert score("7", with_(i07__cod_target=30, i07__cod_done="29.5")) == D("1.83")


# ---- item 8 -------------------------------------------------------------------------------

COUNTS_8 = [  # (field, rule, rate per case)
    ("zones_missing_county", "8.1", "0.2"),
    ("zones_missing_other", "8.1", "0.1"),
    ("source_issues", "8.1", "0.2"),
    ("park_tasks_missing", "8.2", "0.2"),
    ("yangtze_tasks_missing", "8.4", "0.2"),
    ("basin_tasks_missing", "8.5", "0.2"),
    ("fund_projects_failed", "8.6", "0.2"),
    ("fund_projects_unaccepted", "8.6", "0.1"),
    ("ship_facility_cases", "8.7", "0.2"),
    ("ship_system_cases", "8.7", "0.2"),
    ("black_odorous_relapses", "8.9", "0.2"),
]


def test_8_each_count_clause():
    for key, rule, rate in COUNTS_8:
        d = deltas("8", with_(**{f"i08__{key}": 2}))
        assert d[rule] == -2 * D(rate), key  # 2 cases × rate
        assert sum(d.values()) == -2 * D(rate), key  # nothing else deducted
    assert all(v == 0 for v in deltas("8", PERFECT).values())
    assert set(deltas("8", PERFECT)) == {f"8.{i}" for i in range(1, 10)}  # a line for every sub-rule


def test_8_3_dry_season():
    assert score("8", with_(i08__dry_season_failed="是")) == D("3.80")  # 4 − 0.2


def test_8_8_sewage_collection():
    # required 12 pp, achieved 10 → 2 × 0.1 = 0.2 → 3.80; achieved −3 (fell) → 15 × 0.1 = 1.5 → 2.50
    assert deltas("8", with_(i08__sewage_collection_increase=10))["8.8"] == D("-0.2")
    assert score("8", with_(i08__sewage_collection_increase="-3")) == D("2.50")
    # the target is a parameter: 15 pp required, 12.5 achieved → 0.25 → 3.75
    assert score("8", with_(target__sewage_collection_increase=15)) == D("3.75")
    assert "较2018年提高 10个百分点，要求 12个百分点，少 2个百分点" in reasons(
        "8", with_(i08__sewage_collection_increase=10), rule="8.8"
    )


def test_8_8_bod_only_when_target_filled():
    # blank target (default): not applicable, even with a low or blank BOD figure
    assert score("8", with_(i08__bod_increase=0)) == D("4.00")
    assert "本款不适用" in reasons("8", with_(i08__bod_increase=None), rule="8.8")
    assert item_result("8", with_(i08__bod_increase=None)).score == D("4.00")
    # target 30 %, achieved 25 % → 5 × 0.1 = 0.5 → 3.50; achieved 31 → 0
    assert score("8", with_(target__bod_increase=30, i08__bod_increase=25)) == D("3.50")
    assert score("8", with_(target__bod_increase=30)) == D("4.00")
    # target filled, figure blank → incomplete
    r = item_result("8", with_(target__bod_increase=30, i08__bod_increase=None))
    assert r.score is None and [m.key for m in r.missing] == ["i08.bod_increase"]


def test_8_floor_and_units():
    # 11 relapses × 0.2 = 2.2, plus 10 park tasks × 0.2 = 2 → 4.2 > 4 → 0.00
    r = item_result("8", with_(i08__black_odorous_relapses=11, i08__park_tasks_missing=10))
    assert r.score == D("0.00")
    assert all("县水利局" in ln.units and "市生态环境局中方分局" in ln.units for ln in r.lines)


def test_8_incomplete_on_blank_count():
    r = item_result("8", with_(i08__source_issues=None))
    assert r.score is None and [m.key for m in r.missing] == ["i08.source_issues"]


# ---- property: items 4 and 5 stay within [0, 4] --------------------------------------------

CLASS_SPELLINGS = st.sampled_from(["Ⅰ", "Ⅱ", "III", 3, 4, "Ⅴ", "劣Ⅴ", "二类", "6", "IV"])
ROWS = st.lists(
    st.tuples(st.sampled_from(["国考", "省考"]), CLASS_SPELLINGS, CLASS_SPELLINGS, CLASS_SPELLINGS),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(
    rows=ROWS,
    nat=st.integers(0, 10),
    prov=st.integers(0, 12),
    cwqi=st.decimals("0.5", "9", places=4),
    prev=st.decimals("0.5", "9", places=4),
    rank=st.one_of(st.none(), st.integers(1, 14)),
)
def test_items_4_5_within_bounds(rows, nat, prov, cwqi, prev, rank):
    sections = [sec(f"S{i}", lvl, t, p, c) for i, (lvl, t, p, c) in enumerate(rows)]
    v = with_(
        target__national_ge3_count=nat,
        target__provincial_ge3_count=prov,
        i05__cwqi=str(cwqi),
        i05__cwqi_prev=str(prev),
        i05__cwqi_city_rank=rank,
    )
    for i in ("4", "5"):
        r = item_result(i, v, sections)
        assert D(0) <= r.score <= D(4)
        assert r.score == r.score.quantize(D("0.01"))
        assert all(ln.delta <= 0 for ln in r.lines if ln.rule != i)  # no sub-rule adds (the clamp line may)
    # target-miss rules never charge more than 1 (4.2) / 0.5 (5.3) per section of their level
    n_nat = sum(1 for row in rows if row[0] == "国考")
    assert -deltas("4", v, sections)["4.2"] <= n_nat
    assert -deltas("5", v, sections)["5.3"] <= D("0.5") * (len(rows) - n_nat)
