"""Items 21–27, expected values worked by hand from the source text (docs/spec/items.md, D1, D2)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ecoscore import rubric
from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i21.central_tasks_late": 0,
    "i21.provincial_tasks_late": 0,
    "i22.cleanup_done": "是",
    "i22.conflicts_found": 0,
    "i22.fishing_ban_failures": 0,
    "i23.ledger_complete": "是",
    "i23.areas_without_plan": 0,
    "i23.problems_unresolved": 0,
    "i23.afforestation_shortfall": 0,
    "i24.protection_rate": 98,
    "i24.pollution_incidents": 0,
    "i24.education_done": "是",
    "i25.group_adjusted": "是",
    "i26.plan_compiled": "是",
    "i27.inspection_done": "是",
}
POINTS = {"21": "8.00", "22": "1.00", "23": "2.00", "24": "1.00", "25": "1.00", "26": "2.00", "27": "1.00"}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_full_marks_and_every_sub_rule_explained():
    for item_id, points in POINTS.items():
        r = item_result(item_id, PERFECT)
        assert r.score == D(points), item_id
        assert {ln.rule for ln in r.lines} == {ru.id for ru in rubric.default().item(item_id).rules}, item_id


# ---- 21 ------------------------------------------------------------------------------------
def test_item21_central_and_provincial():
    assert score("21", with_(i21__central_tasks_late=2)) == D("6.00")  # 8 − 2 × 1
    assert score("21", with_(i21__provincial_tasks_late=3)) == D("6.50")  # 8 − 3 × 0.5
    assert score("21", with_(i21__central_tasks_late=2, i21__provincial_tasks_late=3)) == D("4.50")  # 8 − 2 − 1.5


def test_item21_floor():
    # 5 × 1 + 8 × 0.5 = 9 > 8 → 0
    assert score("21", with_(i21__central_tasks_late=5, i21__provincial_tasks_late=8)) == D("0.00")
    assert score("21", with_(i21__central_tasks_late=8)) == D("0.00")  # exactly 8


def test_item21_labels_say_count_once_as_central():
    cat = rubric.default().catalogue
    assert "只在此处计一次" in cat["i21.central_tasks_late"].note
    assert "不重复" in cat["i21.provincial_tasks_late"].note


# ---- 22 ------------------------------------------------------------------------------------
def test_item22_1_cleanup():
    assert score("22", with_(i22__cleanup_done="否")) == D("0.50")  # not done → 22.1 earns 0
    assert deltas("22", with_(i22__cleanup_done="否", i22__conflicts_found=2))["22.1"] == D("-0.5")  # not more
    assert score("22", with_(i22__conflicts_found=1)) == D("0.80")  # 0.5 − 0.2 kept, 1 − 0.2
    assert score("22", with_(i22__conflicts_found=3)) == D("0.50")  # 0.6 → 扣完为止 at 0.5


def test_item22_2_fishing_ban():
    assert score("22", with_(i22__fishing_ban_failures=2)) == D("0.80")  # 2 × 0.1
    assert score("22", with_(i22__fishing_ban_failures=6)) == D("0.50")  # 0.6 → cap 0.5


def test_item22_shared_units():
    lines = item_result("22", with_(i22__fishing_ban_failures=1)).lines
    assert all(ln.units == ("县农业农村局", "县公安局") for ln in lines)


# ---- 23 ------------------------------------------------------------------------------------
def test_item23_1_ledger():
    assert score("23", with_(i23__ledger_complete="否")) == D("1.50")  # 2 − 0.5


def test_item23_2_areas_and_cap():
    assert score("23", with_(i23__areas_without_plan=1)) == D("1.90")  # 0.1
    assert score("23", with_(i23__areas_without_plan=3)) == D("1.80")  # 0.3 → cap 0.2


def test_item23_3_problems_and_cap():
    assert score("23", with_(i23__problems_unresolved=2)) == D("1.60")  # 0.4
    assert score("23", with_(i23__problems_unresolved=5)) == D("1.20")  # 1.0 → cap 0.8


def test_item23_4_afforestation_linear_and_cap():
    assert score("23", with_(i23__afforestation_shortfall="0.25")) == D("1.75")  # 0.25/0.1 × 0.1 = 0.25
    assert score("23", with_(i23__afforestation_shortfall="0.05")) == D("1.95")  # D2: half a step → 0.05
    assert score("23", with_(i23__afforestation_shortfall="0.8")) == D("1.50")  # 0.8 → cap 0.5


def test_item23_worst_case_is_zero():
    # 0.5 + 0.2 + 0.8 + 0.5 = 2
    bad = with_(
        i23__ledger_complete="否", i23__areas_without_plan=9, i23__problems_unresolved=9, i23__afforestation_shortfall=9
    )
    assert score("23", bad) == D("0.00")


# ---- 24 ------------------------------------------------------------------------------------
def test_item24_1_protection_rate():
    assert deltas("24", with_(i24__protection_rate=95))["24.1"] == 0  # 95 % 以上
    assert score("24", with_(i24__protection_rate=91)) == D("0.80")  # (95 − 91)/2 × 0.1 = 0.2
    assert score("24", with_(i24__protection_rate=94)) == D("0.95")  # 1/2 × 0.1 = 0.05 (linear)
    assert score("24", with_(i24__protection_rate="89.5")) == D("0.73")  # 5.5/2 × 0.1 = 0.275 → 0.725 → 0.73
    assert score("24", with_(i24__protection_rate=85)) == D("0.60")  # 10/2 × 0.1 = 0.5 → cap 0.4


def test_item24_2_incidents_and_cap():
    assert score("24", with_(i24__pollution_incidents=3)) == D("0.70")  # 0.3
    assert score("24", with_(i24__pollution_incidents=5)) == D("0.60")  # 0.5 → cap 0.4


def test_item24_3_education():
    assert score("24", with_(i24__education_done="否")) == D("0.80")  # 1 − 0.2


# ---- 25–27: all or nothing -----------------------------------------------------------------
def test_items25_27_all_or_nothing():
    assert score("25", with_(i25__group_adjusted="否")) == D("0.00")
    assert score("26", with_(i26__plan_compiled="否")) == D("0.00")
    assert score("27", with_(i27__inspection_done="否")) == D("0.00")


def test_blank_makes_item_incomplete():
    v = dict(PERFECT)
    del v["i23.afforestation_shortfall"]
    r = item_result("23", v)
    assert r.score is None and [m.key for m in r.missing] == ["i23.afforestation_shortfall"]
    r = item_result("26", {})
    assert r.score is None and [m.key for m in r.missing] == ["i26.plan_compiled"]


# ---- property: within [0, points]; more problems never raise a score ------------------------
NUMS = ("i23.afforestation_shortfall", "i24.protection_rate")
COUNTS = [k for k, v in PERFECT.items() if isinstance(v, int) and k not in NUMS]
BOOLS = [k for k, v in PERFECT.items() if v == "是"]
DEC = st.decimals(min_value=0, max_value=100, places=2)


@st.composite
def base_and_worse(draw):
    base = {k: draw(st.integers(0, 12)) for k in COUNTS}
    base.update({k: draw(st.booleans()) for k in BOOLS})
    base["i23.afforestation_shortfall"] = draw(st.decimals(min_value=0, max_value=2, places=2))
    base["i24.protection_rate"] = draw(DEC)
    bad = {k: base[k] + draw(st.integers(0, 5)) for k in COUNTS}
    bad.update({k: base[k] and draw(st.booleans()) for k in BOOLS})
    bad["i23.afforestation_shortfall"] = base["i23.afforestation_shortfall"] + draw(st.decimals(0, 1, places=2))
    bad["i24.protection_rate"] = max(Decimal(0), base["i24.protection_rate"] - draw(DEC))
    return base, bad


@settings(max_examples=60, deadline=None)
@given(pair=base_and_worse())
def test_property_bounds_and_monotone(pair):
    base, bad = pair
    for item_id, points in POINTS.items():
        assert 0 <= score(item_id, bad) <= score(item_id, base) <= D(points), item_id
