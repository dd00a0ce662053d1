"""Items 29–30, expected values worked by hand from the source text."""

from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i29.violations": 0,
    "i30.list_update_failures": 0,
    "i30.no_random_inspection": "否",
    "i30.not_aggregated": "否",
    "i30.cases_late": 0,
    "i30.cases_improper": 0,
    "i30.no_cases": "否",
    "i30.detention_not_transferred": 0,
    "i30.criminal_not_transferred": 0,
    "i30.police_detention_refused": 0,
    "i30.police_criminal_refused": 0,
    "i30.penalty_fill_rate": 100,
    "i30.special_enforcement_done": "是",
    "i30.cases_up_10pct": "否",
    "i30.national_cases": 0,
    "i30.provincial_cases": 0,
    "i30.discipline_violations": 0,
}

# For the property test in test_s08_s09: how each field moves when things get worse;
# the 30.5 bonus fields are held fixed (they are not problems).
DIRECTIONS = {
    "i29.violations": ("count",),
    "i30.list_update_failures": ("count",),
    "i30.no_random_inspection": ("bool", "否"),
    "i30.not_aggregated": ("bool", "否"),
    "i30.cases_late": ("count",),
    "i30.cases_improper": ("count",),
    "i30.no_cases": ("bool", "否"),
    "i30.detention_not_transferred": ("count",),
    "i30.criminal_not_transferred": ("count",),
    "i30.police_detention_refused": ("count",),
    "i30.police_criminal_refused": ("count",),
    "i30.penalty_fill_rate": ("higher", 100),
    "i30.special_enforcement_done": ("bool", "是"),
    "i30.cases_up_10pct": ("fixed_bool",),
    "i30.national_cases": ("fixed_count",),
    "i30.provincial_cases": ("fixed_count",),
    "i30.discipline_violations": ("count",),
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_full_marks():
    assert score("29", PERFECT) == D("1.00")
    assert score("30", PERFECT) == D("4.00")
    d = deltas("30", PERFECT)
    assert sorted(d) == ["30.1", "30.2", "30.3", "30.4", "30.5", "30.6"]  # 30.7 only when it clamps
    assert all(v == 0 for v in d.values())


# ---- 29 ---------------------------------------------------------------------------------------
def test_29_per_violation_and_cap():
    assert score("29", with_(i29__violations=2)) == D("0.60")  # 1 − 2 × 0.2
    assert score("29", with_(i29__violations=5)) == D("0.00")  # 1 − 5 × 0.2
    assert deltas("29", with_(i29__violations=7))["29"] == D("-1")  # 1.4 capped at the rule's 1 point


# ---- 30.1 – 30.4 ------------------------------------------------------------------------------
def test_30_1_clauses_and_cap():
    assert score("30", with_(i30__list_update_failures=3)) == D("3.70")  # 3 × 0.1
    # 0.3 + 0.1 (no 双随机) + 0.1 (not aggregated) = 0.5 → 3.5
    assert score(
        "30", with_(i30__list_update_failures=3, i30__no_random_inspection="是", i30__not_aggregated="是")
    ) == D("3.50")
    assert deltas("30", with_(i30__list_update_failures=12))["30.1"] == D("-1")  # 1.2 capped at 1


def test_30_2_clauses_and_cap():
    # 0.1 late + 0.1 improper + 0.1 no case + 0.1 detention + 0.2 criminal + 0.1 + 0.2 (police) = 0.9
    assert score(
        "30",
        with_(
            i30__cases_late=1,
            i30__cases_improper=1,
            i30__no_cases="是",
            i30__detention_not_transferred=1,
            i30__criminal_not_transferred=1,
            i30__police_detention_refused=1,
            i30__police_criminal_refused=1,
        ),
    ) == D("3.10")
    assert deltas("30", with_(i30__criminal_not_transferred=2))["30.2"] == D("-0.4")  # 2 × 0.2
    assert deltas("30", with_(i30__police_criminal_refused=6))["30.2"] == D("-1")  # 1.2 capped at 1


def test_30_3_fill_rate_linear_and_cap():
    assert score("30", with_(i30__penalty_fill_rate=90)) == D("3.80")  # 0.1 × 10 / 5 = 0.2
    assert deltas("30", with_(i30__penalty_fill_rate="97.5"))["30.3"] == D("-0.05")  # 0.1 × 2.5 / 5
    assert deltas("30", with_(i30__penalty_fill_rate=0))["30.3"] == D("-1")  # 2 capped at 1


def test_30_4_all_or_nothing():
    assert score("30", with_(i30__special_enforcement_done="否")) == D("3.00")


# ---- 30.5 bonus -------------------------------------------------------------------------------
def test_30_5_bonus_adds_to_losses():
    assert score("30", with_(i30__penalty_fill_rate=90, i30__cases_up_10pct="是")) == D("3.90")  # 4 − 0.2 + 0.1
    # 4 − 1 (30.4) + 0.2 × 1 + 0.1 × 2 = 3.4
    assert score("30", with_(i30__special_enforcement_done="否", i30__national_cases=1, i30__provincial_cases=2)) == D(
        "3.40"
    )


def test_30_5_bonus_capped_at_1():
    # 0.1 + 0.2 × 4 + 0.1 × 3 = 1.2 → 1; 4 − 1 (30.3) − 1 (30.4) + 1 = 3
    v = with_(
        i30__cases_up_10pct="是",
        i30__national_cases=4,
        i30__provincial_cases=3,
        i30__penalty_fill_rate=0,
        i30__special_enforcement_done="否",
    )
    assert deltas("30", v)["30.5"] == D("1")
    assert score("30", v) == D("3.00")


# ---- 30.6 discipline --------------------------------------------------------------------------
def test_30_6_one_and_two_violations():
    assert score("30", with_(i30__discipline_violations=1)) == D("3.00")  # 4 − 1
    assert score("30", with_(i30__discipline_violations=2)) == D("2.00")  # 4 − 2
    assert score("30", with_(i30__discipline_violations=2, i30__national_cases=2)) == D("2.40")  # 4 − 2 + 0.4


def test_30_6_three_violations_wipe_out_even_with_bonus():
    # bonus 0.1 + 0.2 × 5 = 1.1 → 1; three violations → 全盘否定, item 0 whatever else
    v = with_(i30__discipline_violations=3, i30__national_cases=5, i30__cases_up_10pct="是")
    r = item_result("30", v)
    assert r.score == D("0.00")
    line = next(ln for ln in r.lines if ln.rule == "30.6")
    assert line.delta == D("-5")  # 4 + 1 (bonus) brought to exactly 0
    assert "全盘否定" in line.reason
    assert not any(ln.rule == "30.7" for ln in r.lines)  # nothing left to clamp


def test_30_6_wipe_out_after_other_losses():
    # 30.3 −0.2, 30.4 −1 → 2.8 before 30.6; 4 violations → −2.8, item 0
    v = with_(i30__discipline_violations=4, i30__penalty_fill_rate=90, i30__special_enforcement_done="否")
    assert deltas("30", v)["30.6"] == D("-2.8")
    assert score("30", v) == D("0.00")


def test_30_6_three_violations_plain_and_when_nothing_is_left():
    assert deltas("30", with_(i30__discipline_violations=3))["30.6"] == D("-4")  # 4 → 0
    # 30.1–30.4 already took all 4 points: the wipe-out line takes nothing more
    v = with_(
        i30__discipline_violations=3,
        i30__list_update_failures=20,
        i30__cases_late=20,
        i30__penalty_fill_rate=0,
        i30__special_enforcement_done="否",
    )
    assert deltas("30", v)["30.6"] == D("0") and score("30", v) == D("0.00")


# ---- 30.7 clamp -------------------------------------------------------------------------------
def test_30_7_clamped_at_4_when_bonuses_exceed_losses():
    # 4 − 0.1 (fill rate 95) + 0.2 (one national case) = 4.1 → 4
    v = with_(i30__penalty_fill_rate=95, i30__national_cases=1)
    assert score("30", v) == D("4.00")
    assert deltas("30", v)["30.7"] == D("-0.1")


def test_30_7_floor_at_0():
    # 30.1–30.4 all −1, two violations −2: 4 − 6 = −2 → 0
    v = with_(
        i30__list_update_failures=10,
        i30__cases_late=10,
        i30__penalty_fill_rate=0,
        i30__special_enforcement_done="否",
        i30__discipline_violations=2,
    )
    assert score("30", v) == D("0.00")
    assert deltas("30", v)["30.7"] == D("2")


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i30.cases_up_10pct"]
    r = item_result("30", v)
    assert r.score is None and [m.key for m in r.missing] == ["i30.cases_up_10pct"]
    assert item_result("29", {}).missing[0].key == "i29.violations"
