"""Turning what people type into typed values, the same way for JSON and workbooks.

`parse(field, raw)` returns a typed value (None for blank) or raises `BadValue` with a
Chinese explanation. It accepts numbers stored as text, full-width digits and signs,
thousands separators, `95%`, surrounding spaces, 是/否/√/×/Y/N/TRUE/FALSE and the usual
class spellings. Anything else is an error, never a guess.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from ecoscore.core.fields import CLASS_NAMES, NEW_SECTION_WORDS, Field
from ecoscore.core.text import printable_but_kept

TRUE_WORDS = {"是", "√", "✓", "✔", "y", "yes", "true", "t", "真", "对", "1"}
FALSE_WORDS = {"否", "×", "✗", "✘", "x", "n", "no", "false", "f", "假", "错", "0"}
PERCENT_UNITS = {"%", "个百分点"}

_CLASS_WORDS: dict[str, int] = {}
for _n, (_roman, _latin, _cn) in enumerate(
    zip(CLASS_NAMES, ("I", "II", "III", "IV", "V", "劣V"), ("一", "二", "三", "四", "五", "劣五")), start=1
):
    for _w in (_roman, _latin, _cn, str(_n)):
        _CLASS_WORDS[_w.upper()] = _n
        _CLASS_WORDS[(_w + "类").upper()] = _n
_CLASS_WORDS["Ⅵ"] = 6  # some ledgers write 劣Ⅴ as Ⅵ
_CLASS_WORDS["VI"] = 6

# compiled on first use (`re` keeps it): a workbook's numbers are numbers, only typed text is matched
_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"


class BadValue(ValueError):
    """A value that cannot be read as its field's type; the message is Chinese."""


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and clean_text(raw) == "")


def clean_text(raw: str) -> str:
    """NFKC (full-width → ASCII), unify minus signs, drop zero-width characters and the other
    invisible format characters (Unicode category Cf: the bidi marks U+200E/U+200F and
    U+202A–U+202E, U+2066–U+2069, the word joiner, the soft hyphen…) that a copy from a web
    page or a PDF brings along, strip."""
    text = unicodedata.normalize("NFKC", raw)
    if text.isascii():  # the common case stays fast: none of the characters below is ASCII
        return text.strip()
    text = text.replace("\u2212", "-").replace("\u2014", "-").replace("\u2013", "-")
    if text.isprintable():  # none of the characters removed below is printable: nothing to remove
        return text.strip()
    # str.replace finds a character in C at memchr speed; str.translate looks every character up
    # in a dict, ten times slower on the read path's thousand header texts
    for invisible in ZERO_WIDTH:
        text = text.replace(invisible, "")
    # A text whose only unprintable characters are line breaks and tabs (Cc), the usual case of a
    # multi-line note, has no Cf character ("Other" is not printable).
    if not printable_but_kept(text, BREAKS):
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text.strip()


ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0")
BREAKS = ("\n", "\r", "\t")


def to_decimal(raw: object, allow_percent: bool) -> Decimal:
    if isinstance(raw, bool):
        raise BadValue("填的是是/否，这里需要数值")
    if isinstance(raw, (datetime, date, time)):
        raise BadValue("填的是日期/时间，这里需要数值（请将单元格格式改为“常规”或“数值”后重新填写）")
    if isinstance(raw, int):
        return sane_magnitude(Decimal(raw))
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise BadValue("不是有效数值")
        return sane_magnitude(Decimal(repr(raw)))
    if isinstance(raw, Decimal):
        return sane_magnitude(raw)
    text = clean_text(str(raw)).replace(" ", "")
    percent = text.endswith("%")
    if percent:
        if not allow_percent:
            raise BadValue("这里不是百分数，请去掉 % 号")
        text = text[:-1]
    if re.match(_THOUSANDS, text):
        text = text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadValue("不是数值（请只填数字，不要带单位或文字）") from None
    return sane_magnitude(value)


# No figure in the rubric comes near these; beyond them a value is a typo (or an attack that
# would make exact arithmetic expand a huge exponent), so it is refused before any arithmetic.
MAX_MAGNITUDE = Decimal("1e12")
MIN_MAGNITUDE = Decimal("1e-12")


def sane_magnitude(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise BadValue("不是有效数值")
    # adjusted() is the exponent of the leading digit: no arithmetic, so even 1e999999999 is safe
    if value and value.adjusted() >= MAX_MAGNITUDE.adjusted():
        raise BadValue("数值过大")
    if value and value.adjusted() < MIN_MAGNITUDE.adjusted():
        raise BadValue("数值过小")
    return value


def parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float, Decimal)) and raw in (0, 1):
        return bool(raw)
    text = clean_text(str(raw)).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise BadValue("应为“是”或“否”")


def is_new_section(raw: object) -> bool:
    """上年类别 `无` (also 新增, 无（新增断面）): a section new this year (docs/spec 第 2 版)."""
    if not isinstance(raw, str):
        return False
    text = clean_text(raw).replace(" ", "")
    return text in {unicodedata.normalize("NFKC", w) for w in NEW_SECTION_WORDS}


def parse_class(raw: object) -> int:
    """Water quality class 1..6 from Ⅰ…劣Ⅴ, I…V, 1…6, 一类… (docs/spec/decisions.md#d5)."""
    if isinstance(raw, bool):
        raise BadValue("应为水质类别 Ⅰ、Ⅱ、Ⅲ、Ⅳ、Ⅴ 或 劣Ⅴ")
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, (float, Decimal)) and not math.isfinite(raw):
            raise BadValue("不是有效数值；应为水质类别 Ⅰ、Ⅱ、Ⅲ、Ⅳ、Ⅴ 或 劣Ⅴ（或 1–6）")
        if raw == int(raw) and 1 <= int(raw) <= 6:
            return int(raw)
        raise BadValue("应为水质类别 Ⅰ、Ⅱ、Ⅲ、Ⅳ、Ⅴ 或 劣Ⅴ（或 1–6）")
    text = unicodedata.normalize("NFKC", clean_text(str(raw))).strip().replace(" ", "").upper()
    # NFKC turns Ⅳ into IV; the table holds both spellings.
    if text in _CLASS_WORDS:
        return _CLASS_WORDS[text]
    raise BadValue("应为水质类别 Ⅰ、Ⅱ、Ⅲ、Ⅳ、Ⅴ 或 劣Ⅴ（或 1–6）")


NONE_WORDS = frozenset({"无"})  # a count cell reading 无 is 0


def tolerant_count(field: Field, text: str) -> str:
    """A count as clerks write it: `无` is 0, and a number followed by the field's own unit
    word (`3个`, `2起`, `1件`, `5天`, `4项`) is that number. Anything else is left for the
    number parser to accept or refuse."""
    cleaned = clean_text(text).replace(" ", "")
    if cleaned in NONE_WORDS:
        return "0"
    unit = clean_text(field.unit).replace(" ", "") if field.unit else ""
    if unit and cleaned.endswith(unit) and len(cleaned) > len(unit):
        return cleaned[: -len(unit)]
    return text


def parse(field: Field, raw: object):
    """Typed value of `raw` for `field`: None if blank; raises BadValue if invalid."""
    if is_blank(raw):
        return None
    kind = field.kind
    if kind == "bool":
        return parse_bool(raw)
    if kind == "text":
        return clean_text(str(raw))
    if kind == "enum":
        text = clean_text(str(raw)) if not isinstance(raw, bool) else str(raw)
        if text in field.choices:
            return text
        raise BadValue("不在可选范围内")
    if kind == "count" and isinstance(raw, str):
        raw = tolerant_count(field, raw)
    allow_percent = kind in ("pct", "pct+", "spct") or field.unit in PERCENT_UNITS
    exact = to_decimal(raw, allow_percent)
    value: Decimal | int = exact
    if field.whole:
        if exact != exact.to_integral_value():
            raise BadValue("应为整数")
        value = int(exact)
    lo, hi = field.minimum, field.maximum
    if lo is not None and value < lo:
        raise BadValue("数值过小")
    if hi is not None and value > hi:
        raise BadValue("数值过大")
    if field.positive and value <= 0:
        raise BadValue("必须大于 0（它是计算变化幅度的分母）")
    return value
