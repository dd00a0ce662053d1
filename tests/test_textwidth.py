"""Text width as row heights and column widths count it: CJK and full-width characters 2,
everything else 1 (`textwidth`). Widths below are counted by hand, character by character."""

from __future__ import annotations

import pytest

from ecoscore.workbook.textwidth import line_count, lines_with, lines_within, row_lines, text_width, usable


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc 1.5", 7),  # ASCII: 1 each
        ("扣 0.50 分", 10),  # 扣 2 + space 1 + "0.50" 4 + space 1 + 分 2
        ("（满分 2 分）", 13),  # （ 2 (full-width), 满分 4, space 1, 2 1, space 1, 分 2, ） 2
        ("μg/m³", 5),  # μ and ³ are ambiguous-width: 1 each, "g/m" 3
        ("Ⅲ类", 3),  # Ⅲ ambiguous 1, 类 2
        ("a，b、c", 7),  # a 1, ， 2, b 1, 、 2, c 1
        ("한ｱ", 3),  # Hangul 한 wide 2 (outside the ideograph block), half-width ｱ 1
        ("Ａ１·“”", 7),  # full-width Ａ and １ 2 each (F), · “ ” ambiguous 1 each
        ("一鿿㐀", 6),  # the ideograph block's first and last code points and CJK extension A's first: 2 each
        ("第一行\n第二行较长", 10),  # the longest line: 5 ideographs
        ("", 0),
    ],
)
def test_text_width(text, width):
    assert text_width(text) == width


def test_line_count_wraps_by_width():
    # width 10 → usable int(10 × 0.88) − 1 = 7 units; 8 ideographs are 16 units → ⌈16 / 7⌉ = 3 lines
    assert line_count("一二三四五六七八", 10) == 3
    # 3 ideographs (6 units) and a second line of 1: 1 + 1 lines
    assert line_count("一二三\n四", 10) == 2


def test_room_per_line_and_lines_within_it():
    assert usable(10) == 7  # int(10 × 0.88) − 1
    assert usable(44) == 37  # int(38.72) − 1
    assert usable(1) == 1  # int(0.88) − 1 = −1: at least one unit
    assert lines_within("一二三", 7) == 1  # 6 units in 7
    assert lines_within("一二三四", 7) == 2  # 8 units: ⌈8 / 7⌉
    assert lines_within("ab\n", 7) == 2  # a line break: a second (empty) line counts 1


@pytest.mark.parametrize(
    ("text", "room", "lines", "needed"),
    [
        ("甲乙", 4, 1, 1),  # 2 ideographs = 4 units: one line of 4
        ("甲乙丙", 4, 1, 2),  # 6 units in lines of 4: 2
        ("甲乙丙", 4, 2, 2),  # fits the 2 lines the row has already (2 × 3 ≤ 4 × 2): not measured, 2
        ("ab", 1, 3, 3),  # 2 units fit 3 lines of 1: the row stays at 3
        ("abcd", 1, 3, 4),  # 4 units in lines of 1: 4, more than the row's 3
        ("a\nb", 10, 1, 2),  # two lines however short
        ("", 4, 0, 1),  # a row of none so far: an empty cell is one line, as lines_within counts it
    ],
)
def test_the_lines_a_row_needs_with_one_more_cell(text, room, lines, needed):
    assert lines_with(text, room, lines) == needed


@pytest.mark.parametrize(
    ("values", "rooms", "minimum", "needed"),
    [
        (["甲乙丙", "ab"], [4, 10], 1, 2),  # 6 units in lines of 4: 2; "ab" fits 1 line of 10
        (["甲乙丙", None, "abcde"], [4, 1, 2], 1, 3),  # None is no cell (not measured in room 1); 5 units / 2: 3
        (["", ""], [4, 4], 1, 1),  # empty texts add no line: the minimum
        ([None], [4], 3, 3),  # no cell at all: the minimum
        ([12.5, "x"], [2, 4], 1, 2),  # a number as its text "12.5": 4 units in lines of 2
    ],
)
def test_the_lines_a_row_needs_for_its_cells(values, rooms, minimum, needed):
    assert row_lines(values, rooms, minimum) == needed
