"""Meta-tests: the rubric as declared is complete and consistent with the source and the spec (docs/spec/)."""

from decimal import Decimal

import pytest

from ecoscore import rubric

SHARED_FIELDS = rubric.default().shared_fields
REGISTRY = {it.id: it for it in rubric.default().items}

# docs/spec/fields.md: read by no rule, shown beside the actual figures.
INFORMATIONAL = {"target.pm25_special", "target.pm10_annual", "target.pm10_special", "target.good_days_ratio_special"}
# Read by the indicators from daily data (docs/spec/indicators.md), not by a scoring rule.
INDICATOR_ONLY = {"target.special_periods"}


def test_thirty_nine_items_then_bonus_and_penalty():
    assert [it.id for it in rubric.default().scored_items] == [str(i) for i in range(1, 40)]
    assert set(REGISTRY) == {str(i) for i in range(1, 40)} | {"B", "P"}


def test_items_sum_to_100_and_to_each_section():
    assert sum(it.points for it in rubric.default().scored_items) == Decimal(100)
    for sec in rubric.default().sections:
        if sec.points is None:
            continue
        assert sum(it.points for it in rubric.default().scored_items if it.section == sec.id) == sec.points, sec.name


def test_rule_ids_unique_and_prefixed_by_their_item():
    seen = set()
    for it in rubric.default().items:
        assert it.rules, it.id
        for r in it.rules:
            assert r.id not in seen, r.id
            seen.add(r.id)
            assert r.id == it.id or r.id.startswith(it.id + "."), r.id


def test_metadata_transcribed():
    for it in rubric.default().items:
        assert it.name and it.source, it.id
        assert it.auditors and it.units, it.id
        if it.points is not None:
            assert it.deadline and it.evidence, it.id


@pytest.mark.parametrize(
    "item_id, expected",
    [
        ("14", {"14.5": ("县公安局",), "14.6": ("县商科工信局",), "14.7": ("县住建局",)}),
        ("19", {"19.4": ("市生态环境局中方分局",), "19.5": ("县住建局",)}),
        ("20", {"20.5": ("县应急管理局",), "20.7": ("县自然资源局",), "20.8": ("县农业农村局",)}),
        ("36", {"36.1": ("县人大环资委",)}),
    ],
)
def test_continuation_rows_keep_their_own_units(item_id, expected):
    it = rubric.default().item(item_id)
    for rule_id, units in expected.items():
        assert it.units_for(rule_id) == units


def test_stated_sub_rule_points_fit_the_item():
    # Item 20's ten sub-rules carry all 13 points; D8: item 36's add to 1.9 and item 39's are doubled to 2.
    for it in rubric.default().scored_items:
        stated = [r.points for r in it.rules if r.points is not None and r.points > 0]
        if len(stated) == len(it.rules) and it.id not in {"30", "37"}:
            expected = Decimal("1.9") if it.id == "36" else it.points
            assert sum(stated) == expected, it.id


def test_every_field_is_read_by_some_rule_and_every_read_is_catalogued():
    cat = rubric.default().catalogue
    read = set()
    for it in rubric.default().items:
        for key in it.keys:
            assert key in cat, f"item {it.id} reads {key}, not in the catalogue"
            read.add(key)
    unread = set(cat) - read - INFORMATIONAL - INDICATOR_ONLY
    assert not unread, unread
    assert {f.key for f in SHARED_FIELDS if f.informational} == INFORMATIONAL


def test_optional_fields_are_exactly_bonus_penalty_ranks_and_spec_opt():
    cat = rubric.default().catalogue
    for key, f in cat.items():
        if key.startswith(("bonus.", "penalty.")):
            assert f.optional, key
    for key in ("i05.cwqi_city_rank", "i10.province_bottom_rank", "i14.dust_rank", "target.bod_increase"):
        assert cat[key].optional, key
