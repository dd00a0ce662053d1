"""Rubric editions side by side: a derived edition (next year's rubric) reuses the 2021 items,
replaces the one that changed and overrides a parameter, and both score in one process."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from ecoscore import rubric
from ecoscore.core.kit import linear, lost
from ecoscore.rubric.declare import Inputs
from ecoscore.rubric.huaihua2021 import RUBRIC as R2021
from ecoscore.scoring.engine import score_values


def score_06_at_one_point(x: Inputs):
    """Item 6 with a doubled rate: 1 point per exceeding source instead of 0.5."""
    n = x["i06.sources_exceeding"]
    return [lost("6", linear(n, 1), f"水质超标的县级城市集中式饮用水水源地 {n} 个，每个扣 1 分")]


@pytest.fixture(scope="module")
def r2022():
    item6 = replace(R2021.item("6"), score=score_06_at_one_point)
    return R2021.derive(id="test-2022", title="2022年测试细则", year=2022, items=[item6], params={"bonus_cap": D(1)})


def test_the_registry_lists_the_editions():
    assert rubric.ids() == ["huaihua-2021"]
    assert rubric.get("huaihua-2021") is R2021 and rubric.default() is R2021
    assert (R2021.year, R2021.region, R2021.title) == (2021, "怀化市", "2021年怀化市生态环境保护工作考核细则")
    with pytest.raises(KeyError):
        rubric.get("huaihua-2099")


def test_a_derived_edition_keeps_everything_else(r2022):
    assert [it.id for it in r2022.items] == [it.id for it in R2021.items]
    assert r2022.item("7") is R2021.item("7")  # reused, not copied
    assert r2022.item("6") is not R2021.item("6")
    assert r2022.catalogue.keys() == R2021.catalogue.keys()
    assert r2022.param("bonus_cap") == 1 and R2021.param("bonus_cap") == 5
    assert r2022.param("heavy_days_base_years") == (2018, 2019, 2020)
    assert (r2022.id, r2022.year) == ("test-2022", 2022)


def test_both_editions_score_in_one_process(r2022):
    values = {"i06.sources_exceeding": 2, "bonus.commendations": 3}
    old = score_values(values, rubric=R2021)
    new = score_values(values, rubric=r2022)
    # item 6 (2 points): 2021 rate 0.5 × 2 sources = 1 → 1.00; derived rate 1 × 2 = 2 → 0.00
    assert old.item("6").score == D("1.00") and new.item("6").score == D("0.00")
    # B.5: 3 commendations × 1 point = 3; capped at 5 in 2021 (3.00), at 1 in the derived edition
    assert old.bonus.score == D("3.00") and new.bonus.score == D("1.00")
    assert (old.rubric, new.rubric) == ("huaihua-2021", "test-2022")
    # every other item scores the same under both
    assert [(it.id, it.score) for it in old.items if it.id != "6"] == [
        (it.id, it.score) for it in new.items if it.id != "6"
    ]


def test_an_edition_refuses_an_item_or_field_declared_twice():
    with pytest.raises(ValueError, match="declared twice"):
        replace(R2021, items=R2021.items + (R2021.item("6"),))
    dup = replace(R2021.item("7"), fields=R2021.item("6").fields)
    with pytest.raises(ValueError, match="i06.sources_exceeding declared twice"):
        R2021.derive(id="dup", items=[dup])
