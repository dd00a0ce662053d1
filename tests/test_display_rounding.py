"""Displayed line amounts add up to the item (docs/spec/decisions.md#d3-display), worked by hand."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ecoscore.core.kit import apportion
from ecoscore.scoring.engine import score_values

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "中方县-2021.json"
NOTE = "明细金额四舍五入，尾差已调整"


@pytest.fixture(scope="module")
def report():
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return score_values(doc["values"], doc["sections"])


def test_apportion_by_largest_remainder():
    # −0.2 − 0.1 − 0.125 = −0.425; the item is rounded once: 13 − 0.425 = 12.575 → 12.58, a loss of
    # 0.42; plain rounding shows −0.20 −0.10 −0.13 = −0.43, so the 尾差 +0.01 goes to −0.125
    # (remainder −0.125 − (−0.13) = +0.005, the largest)
    got = apportion([Decimal("-0.2"), Decimal("-0.1"), Decimal("-0.125")], Decimal("-0.42"))
    assert got == [Decimal("-0.20"), Decimal("-0.10"), Decimal("-0.12")]
    # adding up already: unchanged; a zero line is never moved
    assert apportion([Decimal("-0.25"), Decimal(0)], Decimal("-0.25")) == [Decimal("-0.25"), Decimal("0.00")]
    # two thirds of 1 each: 0.333… + 0.333… + 0.333… = 1 → 0.34 + 0.33 + 0.33
    third = Decimal(1) / 3
    assert sum(apportion([third] * 3, Decimal(1))) == 1


def test_example_item20_lines_add_up(report):
    # item 20 (13 points): 20.3 −0.2, 20.6 −0.1, 20.10 −3 × 1/24 = −0.125 → 12.575 → 12.58;
    # shown −0.20, −0.10, −0.12 (not −0.13): −0.42 = 12.58 − 13
    it = report.item("20")
    assert it.score == Decimal("12.58")
    shown = {ln.rule: ln.display for ln in it.lines if ln.display}
    assert shown == {"20.3": Decimal("-0.20"), "20.6": Decimal("-0.10"), "20.10": Decimal("-0.12")}
    assert sum(ln.display for ln in it.lines) == it.score - it.points == Decimal("-0.42")
    line = next(ln for ln in it.lines if ln.rule == "20.10")
    assert line.delta == Decimal("-0.125")  # exact, kept for accountability
    assert line.reason.endswith("扣 0.12 分")
    assert [ln.reason for ln in it.lines].count(NOTE) == 1


def test_example_item28_lines_add_up(report):
    # item 28 (4 points): 0.15 + 0.1 + 0.25 + 0.2 + 0.2 + 0.075 = 0.975 → 3.025 → 3.03, a loss of 0.97;
    # plain rounding shows 0.98 (0.075 → 0.08), so 28.8 shows −0.07
    it = report.item("28")
    assert it.score == Decimal("3.03")
    shown = [ln.display for ln in it.lines if ln.display]
    assert shown == [Decimal(x) for x in ("-0.15", "-0.10", "-0.25", "-0.20", "-0.20", "-0.07")]
    assert sum(shown) == Decimal("-0.97")
    assert [ln.reason for ln in it.lines].count(NOTE) == 1


def test_every_item_of_the_example_adds_up_and_json_agrees(report):
    doc = report.to_dict()
    for it, d in zip(report.items, doc["items"], strict=True):
        assert sum(ln.display for ln in it.lines) == it.score - it.points, it.id
        assert round(sum(Decimal(str(x["delta"])) for x in d["lines"]), 2) == Decimal(str(d["score"])) - d["points"]
    item20 = next(d for d in doc["items"] if d["id"] == "20")
    assert [x["delta"] for x in item20["lines"] if x["rule"] == "20.10"] == [-0.12]
    # no note where plain rounding adds up (item 1 here)
    assert NOTE not in [ln.reason for ln in report.item("1").lines]
