"""How wide text is in a cell and how many lines it wraps to, for column widths and row heights
(Excel does not fit rows of a written file): CJK and full-width characters count double."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache


@cache
def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def text_width(text: str) -> int:
    """Display width of the longest line: CJK and full-width characters count double."""
    return max(map(_line_width, str(text).split("\n")), default=0)


@lru_cache(maxsize=8192)  # the same labels and reasons recur on every sheet of a scored workbook
def _line_width(line: str) -> int:
    """`char_width` summed over the line: 1 a character, and 1 more for each wide (W) or full-width (F) one."""
    if line.isascii():
        return len(line)
    # one C call a character, no Python function: a regex counting the ideograph block wholesale
    # costs a millisecond to compile in every process, more than this whole count
    kinds = list(map(unicodedata.east_asian_width, line))
    return len(line) + kinds.count("W") + kinds.count("F")


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell needs at `width` (Excel character units), for row heights."""
    return lines_within(str(text), usable(width))


def usable(width: float) -> int:
    """The display units one line of a wrapped cell `width` wide holds."""
    # CJK glyphs render a little wider than two character units in Excel, WPS and LibreOffice
    # alike; under-estimating would cut the last line of a reason, so leave a margin.
    return max(int(width * 0.88) - 1, 1)


def lines_within(text: str, usable: int) -> int:
    """`line_count` for a cell holding `usable` display units a line (`usable(width)`)."""
    if 2 * len(text) <= usable and "\n" not in text:
        return 1  # no character is wider than 2: one line, without measuring
    return _lines(text, usable)


def lines_with(text: str, usable: int, lines: int) -> int:
    """The lines a row needs that needs `lines` already and holds `text` in a cell of `usable`
    units a line. No character is wider than 2 units, so a one-line text that fits `lines` lines
    even so cannot add one, and is not measured (most cells beside a long reason)."""
    if lines >= 1 and "\n" not in text and 2 * len(text) <= usable * lines:
        return lines
    return max(lines, lines_within(text, usable))


def row_lines(values, rooms, minimum: int = 1) -> int:
    """The lines a row needs for `values` (None: no cell) in columns of `rooms` units a line
    (`usable`), `minimum` at least."""
    lines = minimum
    for value, room in zip(values, rooms):
        if value is not None:
            lines = lines_with(str(value), room, lines)
    return lines


@lru_cache(maxsize=4096)  # a row's height measures its texts; the same texts recur down a sheet
def _lines(text: str, usable: int) -> int:
    return sum(max(1, -(-_line_width(line) // usable)) for line in text.split("\n"))
