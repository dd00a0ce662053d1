"""docs/spec/decisions.md#d10 attribution, with the item's actual loss shared over its deduction lines."""

from decimal import Decimal

from ecoscore.core.model import GroupResult, ItemResult, Line, Report
from ecoscore.scoring.accountability import unit_losses, unit_totals

A, B = "县甲局", "县乙局"


def report(items, penalty_lines=()):
    return Report(
        items, GroupResult("B", "加分项", Decimal(0)), GroupResult("P", "扣分项", Decimal("0.2"), list(penalty_lines))
    )


def test_plain_losses_are_attributed_as_they_are_and_shared_lines_count_under_each_unit():
    it = ItemResult(
        "6",
        "2",
        "x",
        Decimal(2),
        Decimal("1.2"),
        [
            Line("6.1", Decimal("-0.5"), "r1", (A,)),
            Line("6.2", Decimal("-0.3"), "r2", (A, B)),
            Line("6.3", Decimal(0), "r3", (B,)),
        ],
    )
    # actual loss 2 − 1.2 = 0.8 = raw 0.5 + 0.3 → factor 1; A: 0.5 + 0.3 = 0.8, B: 0.3 (shared with A)
    totals = unit_totals(report([it]))
    assert totals[A] == Decimal("0.80") and totals[B] == Decimal("0.30")
    shared = [x for x in unit_losses(report([it])) if x.rule == "6.2"]
    assert {(x.unit, x.co_units) for x in shared} == {(A, (B,)), (B, (A,))}


def test_an_exhausted_item_is_shared_in_proportion_never_refunded():
    # item of 1 point: deductions 1.5 (A) and 0.5 (B), engine clamp line +1.0 → actual loss 1
    it = ItemResult(
        "9",
        "2",
        "x",
        Decimal(1),
        Decimal(0),
        [
            Line("9.1", Decimal("-1.5"), "r", (A,)),
            Line("9.2", Decimal("-0.5"), "r", (B,)),
            Line("9", Decimal("1.0"), "扣完为止", (A, B)),
        ],
    )
    # factor = 1 / 2 → A 0.75, B 0.25; nobody shows a negative row
    totals = unit_totals(report([it]))
    assert totals[A] == Decimal("0.75") and totals[B] == Decimal("0.25")
    assert all(x.lost > 0 for x in unit_losses(report([it])))


def test_bonus_inside_an_item_reduces_the_losses_and_the_penalty_counts_as_it_is():
    # item 30 style: 0.2 lost (A), 0.1 gained → actual loss 0.1 → A 0.1
    it = ItemResult(
        "30",
        "7",
        "x",
        Decimal(4),
        Decimal("3.9"),
        [
            Line("30.2", Decimal("-0.2"), "r", (A,)),
            Line("30.5", Decimal("0.1"), "加分", (A,)),
        ],
    )
    pen = [Line("P.3", Decimal("-0.2"), "市级通报", (B,))]
    totals = unit_totals(report([it], pen))
    assert totals == {A: Decimal("0.10"), B: Decimal("0.20")}


def test_incomplete_items_are_left_out():
    it = ItemResult("4", "2", "x", Decimal(4), None, [])
    assert unit_totals(report([it])) == {}


# ---- docs/spec/decisions.md#d10-remit: responsible units by remit ------------------------------
def test_remit_attribution_items_14_30_37():
    from ecoscore import rubric

    branch, agri, towns, police, stats = (
        "市生态环境局中方分局",
        "县农业农村局",
        "各乡镇党委政府",
        "县公安局",
        "县统计局",
    )
    expected = {
        "14.1": (branch,),
        "14.2": (agri, towns),
        "14.3": (branch,),
        "14.4": (branch,),
        "30.1": (branch,),
        "30.2": (branch, police),
        "30.3": (branch,),
        "30.4": (branch,),
        "30.5": (branch,),
        "30.6": (branch,),
        "37.1": (stats,),
        **{f"37.{i}": (branch,) for i in range(2, 9)},
    }
    ed = rubric.default()
    for rule, units in expected.items():
        assert ed.item(rule.split(".")[0]).units_for(rule) == units, rule


def test_item37_satisfaction_loss_goes_to_the_statistics_bureau_alone():
    # 37.1: satisfaction 80 % → 0.2 lost, 县统计局 only (no longer shared with the county branch)
    from ecoscore.scoring.engine import score_values
    from tests.test_s10_s11 import with_

    r = score_values(with_(i37__satisfaction="80"), [])
    losses = [x for x in unit_losses(r, {"37"})]
    assert [(x.unit, x.rule, x.lost, x.co_units) for x in losses] == [("县统计局", "37.1", Decimal("0.2"), ())]
