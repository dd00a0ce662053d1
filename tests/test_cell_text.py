"""Text written into a cell (`layout.clean_for_cell`): what xlsx cannot hold is dropped, the rest
kept as it is — a printable text unchanged without a regex pass, every other one through it."""

from __future__ import annotations

import pytest

from ecoscore.workbook.layout import clean_for_cell


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("扣 0.50 分（满分 2 分）", "扣 0.50 分（满分 2 分）"),  # printable: as it is
        ("第一行\n第二行\t备注", "第一行\n第二行\t备注"),  # line breaks and tabs are kept
        ("A\x00B\x1bC\x7fD", "ABCD"),  # NUL, ESC (C0) and DEL dropped
        ("县\x85区\x9b", "县区"),  # C1 controls dropped
        ("a\ud800b", "ab"),  # a lone surrogate
        ("x\ufffey\uffff", "xy"),  # the non-characters U+FFFE and U+FFFF
        ("\u200b中\u3000方", "\u200b中\u3000方"),  # unprintable but legal (Cf, Zs): left to clean_text
    ],
)
def test_clean_for_cell(raw, clean):
    assert clean_for_cell(raw) == clean
