"""Cell styles of the writers' backend (`xlsx`): small frozen values named and built as openpyxl's
(`Font`, `PatternFill`, `Side`, `Border`, `Alignment`, `Protection`), hashable so that each
distinct combination becomes one XlsxWriter Format per workbook; and cell-reference helpers."""

from __future__ import annotations


class _Style:
    """An immutable style value. Equal values are one object (each class interns its values), so
    a cell's style key hashes and compares by identity when the workbook is saved, and defining
    the classes costs no generated code at import (as dataclasses would)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: tuple = ()
    _interned: dict

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls._interned = {}

    def __new__(cls, *args, **kw):
        if len(args) > len(cls._fields):
            raise TypeError(f"{cls.__name__} takes at most {len(cls._fields)} arguments")
        values = list(args) + list(cls._defaults[len(args) :])
        for name, value in kw.items():
            if name not in cls._fields or cls._fields.index(name) < len(args):
                raise TypeError(f"{cls.__name__}: unexpected or repeated argument {name!r}")
            values[cls._fields.index(name)] = value
        key = tuple(values)
        obj = cls._interned.get(key)
        if obj is None:
            obj = object.__new__(cls)
            for name, value in zip(cls._fields, key):
                object.__setattr__(obj, name, value)
            cls._interned[key] = obj
        return obj

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self):
        return type(self), tuple(getattr(self, f) for f in self._fields)

    def __repr__(self) -> str:
        args = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({args})"


class Font(_Style):
    __slots__ = _fields = ("name", "bold", "color", "size", "underline", "italic")
    _defaults = (None, False, None, None, None, False)
    name: str | None
    bold: bool
    color: str | None
    size: float | None
    underline: str | None
    italic: bool


class PatternFill(_Style):
    __slots__ = _fields = ("fill_type", "fgColor")
    _defaults = (None, None)
    fill_type: str | None
    fgColor: str | None


class Side(_Style):
    __slots__ = _fields = ("style", "color")
    _defaults = (None, None)
    style: str | None
    color: str | None


class Border(_Style):
    __slots__ = _fields = ("left", "right", "top", "bottom")
    _defaults = (None, None, None, None)
    left: Side | None
    right: Side | None
    top: Side | None
    bottom: Side | None


class Alignment(_Style):
    __slots__ = _fields = ("horizontal", "vertical", "wrap_text")
    _defaults = (None, None, False)
    horizontal: str | None
    vertical: str | None
    wrap_text: bool


class Protection(_Style):
    __slots__ = _fields = ("locked",)
    _defaults = (True,)
    locked: bool


class Hyperlink:
    """A link to another file (`target`), at `location` in it; one per cell, so not interned."""

    __slots__ = ("ref", "target", "location", "tooltip")

    def __init__(self, ref=None, target=None, location=None, tooltip=None):
        self.ref, self.target, self.location, self.tooltip = ref, target, location, tooltip


class Break:
    """A page break after row `id`."""

    __slots__ = ("id",)

    def __init__(self, id: int):
        self.id = id


PLAIN = (None, None, None, None, "General", None, False)  # the style key of an unstyled cell


def style_key_of(packed: tuple) -> tuple:
    """`xlsx.Cell.style_key` of a cell stored as (value, style, quote) by `Worksheet.put_value`."""
    _, style, quote = packed
    g = style.get
    return g("font"), g("fill"), g("border"), g("alignment"), g("number_format", "General"), g("protection"), quote


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_index(ref: str) -> tuple[int, int]:
    """'B3' (or '$B$3') → (3, 2), 1-based (row, column)."""
    # str methods, not a regex: a pattern costs every process its compilation, for a few references
    upper = ref.upper()
    head = upper.rstrip("0123456789")
    letters = head.removeprefix("$").removesuffix("$")
    if head == upper or not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(upper[len(head) :]), column_index(letters)


def range_index(ref: str) -> tuple[int, int, int, int]:
    """'A1:C3' (or 'A1') → (first row, first column, last row, last column), 1-based."""
    first, _, last = ref.partition(":")
    r1, c1 = cell_index(first)
    r2, c2 = cell_index(last) if last else (r1, c1)
    return r1, c1, r2, c2


_HREF_ESCAPES = str.maketrans(
    {
        "%": "%25",
        '"': "%22",
        " ": "%20",
        "#": "%23",
        "<": "%3c",
        ">": "%3e",
        "[": "%5b",
        "]": "%5d",
        "^": "%5e",
        "`": "%60",
        "{": "%7b",
        "}": "%7d",
    }
)


def external_url(link) -> tuple[str, str | None]:
    """An XlsxWriter url for a link to another file (relative to the workbook's folder), and its tip.
    The file name is escaped here, '#' included, so only the location follows the '#'."""
    if isinstance(link, str):
        target, location, tip = link, None, None
    else:
        target, location, tip = link.target, link.location, link.tooltip
    url = "external:" + (target or "").translate(_HREF_ESCAPES)
    return (url + "#" + location if location else url), tip
