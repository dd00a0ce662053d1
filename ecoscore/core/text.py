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
