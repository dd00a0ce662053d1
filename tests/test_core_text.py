"""`core.text.printable` and `core.values.clean_text` on the texts their fast paths let through
(a multi-line text keeps its line breaks without a regex pass) and on those they must not."""

from __future__ import annotations

import pytest

from ecoscore.core.text import printable
from ecoscore.core.values import clean_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("第一行\n第二行\t备注", "第一行\n第二行\t备注"),  # only line feeds and tabs: as it is
        ("第一行\n\x00第二行", "第一行\n第二行"),  # a line feed does not let a NUL through
        ("第一行\r\n第二行", "第一行\n第二行"),  # a carriage return is a C0 control: dropped
        ("\t\x1b[2J清屏", "\t[2J清屏"),  # ESC beside a tab: dropped
        ("\n\ud800\n", "\n\n"),  # a lone surrogate between line feeds
        ("行\u2028分隔", "行\u2028分隔"),  # unprintable but not unsafe (Zl): kept
    ],
)
def test_printable(raw, shown):
    assert printable(raw) == shown


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("中\u200c方\u200d县\ufeff", "中方县"),  # zero-width non-joiner, joiner and the BOM dropped
        ("字段\u00a0编码", "字段 编码"),  # NFKC makes the no-break space a space
        ("第一行\r\n第二行\t", "第一行\r\n第二行"),  # breaks only: kept (then stripped at the end)
        ("第一行\n\u200e第二行", "第一行\n第二行"),  # a Cf mark beside a line feed is still dropped
        ("２０\u2013２１", "20-21"),  # the en dash unified with the minus sign
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_printable_keeps_the_ideographic_space():
    # U+3000 is not printable for Python (category Zs) but is not unsafe either
    assert printable("日期：\u3000\u3000年") == "日期：\u3000\u3000年"
    assert printable("日期：\u3000\x07年") == "日期：\u3000年"  # BEL beside it is still dropped
