"""Penalty P, expected values worked by hand from the source's 扣分项 and docs/spec/items-b-p.md#item-p."""

import pytest

from ecoscore import rubric
from ecoscore.core.model import InputError
from tests.helpers import D, deltas, item_result, score

# A clean county: nothing deducted (every penalty field is optional; 0 and blank are alike).
PERFECT: dict = {}

# suffix → national points per event (source 二.1); provincial are half (source 二.2)
NATIONAL = {
    "restrictions": "2",  # 区域限批或专项督察，一次扣2分
    "interviews": "1",  # 约谈，每次扣1分
    "interviews_unrectified": "2",  # 约谈未整改到位，一次扣2分
    "cases_exposed": "1",  # 典型案例曝光，一个问题扣1分
    "listed": "0.5",  # 挂牌督办，一个问题扣0.5分
    "listed_unrectified": "1",  # 挂牌督办未整改到位，一个问题扣1分
    "criticisms": "0.5",  # 通报批评1次扣0.5分
    "media": "0.5",  # 主流媒体曝光，一次扣0.5分
}
PROVINCIAL = {  # 1, 0.5, 1, 0.5, 0.25, 0.5, 0.25, 0.25 as written in the source
    "restrictions": "1",
    "interviews": "0.5",
    "interviews_unrectified": "1",
    "cases_exposed": "0.5",
    "listed": "0.25",
    "listed_unrectified": "0.5",
    "criticisms": "0.25",
    "media": "0.25",
}


def test_fields_optional_and_nothing_deducted():
    it = rubric.default().item("P")
    assert it.points is None and it.section == "P" and it.name == "扣分项"
    assert all(f.optional for f in it.fields)
    assert score("P", PERFECT) == D("0.00")
    d = deltas("P", PERFECT)
    assert set(d) == {"P.1", "P.2", "P.3", "P.4"} and all(v == 0 for v in d.values())
    assert all("不扣分" in ln.reason for ln in item_result("P", PERFECT).lines)


# the unrectified counts are "of which": each needs its plain count at least as large (docs/spec 第 2 版)
OF_WHICH = {"interviews_unrectified": "interviews", "listed_unrectified": "listed"}


def _with_plain(prefix: str, suffix: str, n: int) -> dict:
    v = {f"penalty.{prefix}_{suffix}": n}
    if suffix in OF_WHICH:
        v[f"penalty.{prefix}_{OF_WHICH[suffix]}"] = n
    return v


@pytest.mark.parametrize("suffix", list(NATIONAL))
def test_p1_p2_each_national_count_and_its_provincial_half(suffix):
    plain = OF_WHICH.get(suffix)
    extra_nat = D(NATIONAL[plain]) if plain else 0  # the interviews/listings the unrectified ones are part of
    extra_prov = D(PROVINCIAL[plain]) if plain else 0
    assert score("P", _with_plain("nat", suffix, 2)) == (D(NATIONAL[suffix]) + extra_nat) * 2
    assert score("P", _with_plain("prov", suffix, 2)) == (D(PROVINCIAL[suffix]) + extra_prov) * 2
    assert D(PROVINCIAL[suffix]) * 2 == D(NATIONAL[suffix])  # the provincial rate is half
    assert deltas("P", _with_plain("nat", suffix, 1))["P.1"] == -(D(NATIONAL[suffix]) + extra_nat)
    assert deltas("P", _with_plain("prov", suffix, 1))["P.2"] == -(D(PROVINCIAL[suffix]) + extra_prov)


def test_unrectified_national_interview_costs_three():
    # docs/spec 第 2 版: one national interview (每次扣1分), not rectified (一次扣2分) on top: 1 + 2 = 3
    v = {"penalty.nat_interviews": 1, "penalty.nat_interviews_unrectified": 1}
    assert score("P", v) == D("3.00")
    r = item_result("P", v)
    p1 = [ln for ln in r.lines if ln.rule == "P.1"]
    assert [ln.delta for ln in p1] == [D("-1"), D("-2")]
    assert "另扣" in p1[1].reason and "未按要求整改到位" in p1[1].reason
    # two provincial listings, one not rectified: 2 × 0.25 + 1 × 0.5 = 1.0
    assert score("P", {"penalty.prov_listed": 2, "penalty.prov_listed_unrectified": 1}) == D("1.00")
    # three national interviews, two not rectified: 3 × 1 + 2 × 2 = 7
    assert score("P", {"penalty.nat_interviews": 3, "penalty.nat_interviews_unrectified": 2}) == D("7.00")


@pytest.mark.parametrize(
    "values",
    [
        {"penalty.nat_interviews": 1, "penalty.nat_interviews_unrectified": 2},
        {"penalty.nat_interviews_unrectified": 1},  # blank interviews = 0
        {"penalty.prov_listed": 0, "penalty.prov_listed_unrectified": 1},
    ],
)
def test_more_unrectified_than_plain_is_a_contradiction(values):
    key = next(k for k in values if k.endswith("_unrectified"))
    with pytest.raises(InputError) as err:
        score("P", values)
    (p,) = err.value.problems
    assert p.code == "contradiction" and p.key == key
    assert "不能大于" in p.message


def test_unrectified_contradiction_names_the_cell():
    from ecoscore.core.model import Location
    from ecoscore.scoring.engine import score_values

    loc = {"penalty.nat_interviews_unrectified": Location("扣分项", "D12")}
    with pytest.raises(InputError) as err:
        score_values({"penalty.nat_interviews": 1, "penalty.nat_interviews_unrectified": 2}, [], locations=loc)
    (p,) = err.value.problems
    assert p.code == "contradiction" and str(p.location) == "扣分项!D12"
    assert "扣分项!D12" in p.text()


def test_p1_p2_sums_and_no_cap():
    # national, one of each (the unrectified interview and listing being that interview and
    # listing): 2 + 1 + 2 + 1 + 0.5 + 1 + 0.5 + 0.5 = 8.5
    assert score("P", {f"penalty.nat_{s}": 1 for s in NATIONAL}) == D("8.50")
    # provincial, one of each: 1 + 0.5 + 1 + 0.5 + 0.25 + 0.5 + 0.25 + 0.25 = 4.25
    assert score("P", {f"penalty.prov_{s}": 1 for s in NATIONAL}) == D("4.25")
    assert score("P", {"penalty.nat_restrictions": 10}) == D("20.00")  # no cap: 2 × 10


def test_one_line_per_non_zero_count():
    r = item_result("P", {"penalty.nat_interviews": 1, "penalty.nat_media": 2, "penalty.city_actions": 1})
    p1 = [ln for ln in r.lines if ln.rule == "P.1"]
    assert [ln.delta for ln in p1] == [D("-1"), D("-1")]  # 1 × 1; 2 × 0.5
    assert len([ln for ln in r.lines if ln.rule == "P.2"]) == 1  # the "不扣分" line


def test_p3_city_actions():
    assert score("P", {"penalty.city_actions": 3}) == D("0.60")  # 0.2 × 3
    assert deltas("P", {"penalty.city_actions": 0})["P.3"] == 0


def test_p4_liaison():
    # 0.1 × 2 + 0.1 × 1 + 0.2 × 2 = 0.7
    v = {"penalty.late_replies": 2, "penalty.report_failures": 1, "penalty.report_mismatches": 2}
    assert score("P", v) == D("0.70")
    assert deltas("P", v)["P.4"] == D("-0.7")


def test_unrectified_labels_say_of_which_and_on_top():
    cat = rubric.default().catalogue
    for prefix in ("nat", "prov"):
        for suffix in ("interviews", "listed"):
            f = cat[f"penalty.{prefix}_{suffix}_unrectified"]
            assert "中，未按要求整改到位" in f.label, f.label
            assert "另扣" in f.note and f.at_most == f"penalty.{prefix}_{suffix}"
            assert "含其中未按要求整改到位" in cat[f"penalty.{prefix}_{suffix}"].label
            assert "代替" not in f.label and "不计入此处" not in cat[f"penalty.{prefix}_{suffix}"].label
    assert "共 3 分" in cat["penalty.nat_interviews_unrectified"].note  # 1 + 2
    assert "共 1.5 分" in cat["penalty.prov_interviews_unrectified"].note  # 0.5 + 1


def test_explain_says_the_unrectified_charge_comes_on_top():
    from typer.testing import CliRunner

    from ecoscore.cli import app

    r = CliRunner().invoke(app, ["explain", "P"])
    assert r.exit_code == 0
    flat = "".join(r.stdout.split())
    assert "其中未按要求整改到位的每次另扣2分，共3分" in flat
    assert "（不大于“被国家约谈的次数（含其中未按要求整改到位的）”）" in flat
