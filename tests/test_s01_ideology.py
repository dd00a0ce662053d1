"""Items 1–3, expected values worked by hand from the source text."""

from tests.helpers import D, deltas, item_result, score

PERFECT = {
    "i01.party_school": "是",
    "i01.env_day_activity": "是",
    "i02.plan_made": "是",
    "i02.plan_implemented": "是",
    "i03.plan_done_on_time": "是",
}


def with_(**kw):
    v = dict(PERFECT)
    v.update({k.replace("__", "."): val for k, val in kw.items()})
    return v


def test_item1_full_marks():
    assert score("1", PERFECT) == D("1.00")  # 0.5 + 0.5


def test_item1_1_not_in_party_school():
    # 1.1 计0.5分，未纳入的不得分 → 1 − 0.5 = 0.5
    assert score("1", with_(i01__party_school="否")) == D("0.50")
    assert deltas("1", with_(i01__party_school="否"))["1.1"] == D("-0.5")


def test_item1_2_no_activity_and_both_missing():
    assert score("1", with_(i01__env_day_activity="否")) == D("0.50")  # 1 − 0.5
    assert score("1", with_(i01__party_school="否", i01__env_day_activity="否")) == D("0.00")  # floor: 1 − 0.5 − 0.5


def test_item2_not_made_counts_as_not_implemented():
    # 未制定方案和措施 −0.5, and a plan not made cannot be implemented −0.5 → 0
    assert score("2", with_(i02__plan_made="否", i02__plan_implemented="是")) == D("0.00")


def test_item2_made_not_implemented():
    assert score("2", with_(i02__plan_implemented="否")) == D("0.50")  # 1 − 0.5
    assert score("2", PERFECT) == D("1.00")


def test_item3_all_or_nothing():
    assert score("3", PERFECT) == D("1.00")
    assert score("3", with_(i03__plan_done_on_time="否")) == D("0.00")


def test_blank_makes_item_incomplete():
    r = item_result("1", {"i01.party_school": "是"})
    assert r.score is None and [m.key for m in r.missing] == ["i01.env_day_activity"]
