"""Whole-report properties over random valid inputs (hypothesis)."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from ecoscore import score_values
from tests.strategies import inputs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_every_item_within_its_points_and_the_total_adds_up(case):
    values, sections = case
    report = score_values(values, sections)
    assert not report.provisional
    for it in report.items:
        assert Decimal(0) <= it.score <= it.points, it.id
        # the lines explain every point: Σ deltas = score − points (exact before the single rounding)
        assert abs(sum(ln.delta for ln in it.lines) - (it.score - it.points)) <= Decimal("0.005"), it.id
        # D3 rev 2: the shown two-decimal amounts add up exactly, each within 0.01 of its exact delta
        assert sum(ln.display for ln in it.lines) == it.score - it.points, it.id
        assert all(abs(ln.display - ln.delta) < Decimal("0.01") for ln in it.lines), it.id
    assert sum(ln.display for ln in report.bonus.lines) == report.bonus.score
    assert sum(ln.display for ln in report.penalty.lines) == -report.penalty.score
    assert Decimal(0) <= report.bonus.score <= Decimal(5)
    assert report.penalty.score >= 0
    expected = sum(it.score for it in report.items) + report.bonus.score - report.penalty.score
    assert report.total == max(expected, Decimal(0))
    assert report.to_dict()["total"] == float(report.total) or report.to_dict()["total"] == int(report.total)
