"""Text from users made safe to show: in a workbook cell (XML 1.0) and on a terminal.

C0 controls other than tab and newline, DEL, C1 controls (which include terminal escape
introducers), lone surrogates and the non-characters U+FFFE/U+FFFF are removed: they are
illegal in xlsx and could drive a terminal. Also how a comparison (diff, 自评/核定) shows a
value and a row's status, one wording for the terminal and the workbooks.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ecoscore.core.kit import num

# control characters (not tab, line feed), lone surrogates, non-characters; compiled on first use
UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"


# unprintable (str.isprintable) but kept: line feed, tab and the ideographic space of Chinese forms
KEPT = ("\n", "\t", "\u3000")


def printable(text: str) -> str:
    """`text` without the characters of `UNSAFE`: none of them is printable (str.isprintable), so a
    printable text, nearly every one, is returned as it is; so is one whose only unprintable
    characters are those of `KEPT` (a multi-line rule text, 日期：\u3000\u3000年), without compiling
    the pattern (0.6–0.7 ms, for its ranges beyond U+00FF) in a process that never needs it."""
    return text if printable_but_kept(text) else re.sub(UNSAFE, "", text)


def printable_but_kept(text: str, kept: tuple[str, ...] = KEPT) -> bool:
    """Every character of `text` printable (str.isprintable, checked in C), or one of `kept`."""
    if text.isprintable():
        return True
    for ch in kept:
        text = text.replace(ch, "")
    return text.isprintable()


LISTED = 20  # a city has fewer counties; a province- or nation-wide batch is named in part


def listed(parts: list[str], sep: str = "、", limit: int = LISTED) -> str:
    """`parts` joined, or the first `limit` of them and how many there are in all: a basis text
    repeated in every county's report must not grow with the batch (N counties × N names)."""
    if len(parts) <= limit:
        return sep.join(parts)
    return sep.join(parts[:limit]) + f"{sep}…（共 {len(parts)} 个，全部见汇总表“全市测算”表）"


EMPTY = "（空）"  # a blank value, as a comparison shows it
STATUS_TEXT = {
    "changed": "变化",
    "appeared": "新增",
    "disappeared": "不再出现",
    "scored": "已评分",
    "incomplete": "缺数据未评分",
}


def value_text(v: object, unit: str = "") -> str:
    """A typed value as the user reads it: 是/否, exact numbers, （空） for a blank; with its unit."""
    if v is None:
        return EMPTY
    if isinstance(v, bool):
        return "是" if v else "否"
    text = num(v) if isinstance(v, Decimal) else str(v)
    return text + (unit if unit == "%" or not unit else f" {unit}")


def status_text(status: str, o: str, n: str) -> str:
    """A comparison row's status; one-sided rows name the side that has them (仅2021年有, 仅核定有…)."""
    return {"old_only": f"仅{o}有", "new_only": f"仅{n}有"}.get(status) or STATUS_TEXT.get(status, status)
