"""Tolerant counts (rev 2): 无 is 0, a number with the field's own unit word is that number."""

import pytest

from ecoscore import rubric
from ecoscore.core.values import BadValue, parse

CAT = rubric.default().catalogue


@pytest.mark.parametrize(
    "key, raw, expected",
    [
        ("i08.zones_missing_county", "3个", 3),  # unit 个
        ("i29.violations", "2起", 2),  # unit 起
        ("i37.complaints_late", "1件", 1),  # unit 件
        ("air.heavy_days", "5天", 5),  # unit 天
        ("bonus.commendations", "4项", 4),  # unit 项
        ("i08.zones_missing_county", "无", 0),
        ("i08.zones_missing_county", " 3 个 ", 3),
        ("i08.zones_missing_county", "３个", 3),  # full-width digit
        ("i08.zones_missing_county", "3", 3),
    ],
)
def test_counts_read_as_clerks_write_them(key, raw, expected):
    assert CAT[key].unit in raw or raw.strip() in ("无", "3")
    assert parse(CAT[key], raw) == expected


@pytest.mark.parametrize(
    "key, raw",
    [
        ("i08.zones_missing_county", "3件"),  # another unit word
        ("i08.zones_missing_county", "个"),  # a unit without a number
        ("i08.zones_missing_county", "约3个"),
        ("i08.zones_missing_county", "3.5个"),  # still a whole number only
        ("i08.zones_missing_county", "-1个"),
        ("i08.zones_missing_county", "没有"),
        ("air.pm25", "无"),  # not a count: 无 is no number
        ("air.pm25", "36μg/m³"),  # only counts take their unit word
    ],
)
def test_anything_else_is_still_an_error(key, raw):
    with pytest.raises(BadValue):
        parse(CAT[key], raw)
