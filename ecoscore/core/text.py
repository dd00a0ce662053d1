"""Text from users made safe to show: in a workbook cell (XML 1.0) and on a terminal.

C0 controls other than tab and newline, DEL, C1 controls (which include terminal escape
introducers), lone surrogates and the non-characters U+FFFE/U+FFFF are removed: they are
illegal in xlsx and could drive a terminal.
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    return UNSAFE.sub("", text)


LISTED = 20  # a city has fewer counties; a province- or nation-wide batch is named in part


def listed(parts: list[str], sep: str = "、", limit: int = LISTED) -> str:
    """`parts` joined, or the first `limit` of them and how many there are in all: a basis text
    repeated in every county's report must not grow with the batch (N counties × N names)."""
    if len(parts) <= limit:
        return sep.join(parts)
    return sep.join(parts[:limit]) + f"{sep}…（共 {len(parts)} 个，全部见汇总表“全市测算”表）"
