"""XML from a user's workbook is parsed only by parsers that cannot be turned against us.

Two layers, both checked by `verify()` (at start-up and before every read; it raises
`XmlNotDefused`, an internal error, exit code 1):

- our own parsing (`iterparse`, `parser`, `refuse_entities`) is defusedxml's: documents
  declaring entities (billion laughs, external entities such as file:///etc/passwd) are
  refused; a probe document proves it for each;
- before openpyxl sees the file, `refuse_entities` has read the prologue of every XML part of
  the zip with that parser, so no part declaring entities ever reaches openpyxl, whatever
  parser openpyxl uses. openpyxl's own switch (`openpyxl.xml.DEFUSEDXML`, public) must be on as
  well: a second line, not the only one.

Also the bounds on what a workbook can make us read (`row_cap`, COL_CAP, ELEMENT_BUDGET…) and
what reading a damaged file raises (`UNREADABLE`).
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from functools import cache
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from defusedxml.ElementTree import iterparse as iterparse

from ecoscore.workbook import layout as L

PROBE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "EXPANDED">]><x>&e;</x>'
HINT = (
    "请执行 pip install 'defusedxml>=0.7' 安装（它是 ecoscore 的必需依赖），"
    "并确认没有设置环境变量 OPENPYXL_DEFUSEDXML=False"
)
PROLOGUE_CHUNK = 2048  # a part's prologue is read in chunks this size, until its root element starts


class XmlNotDefused(RuntimeError):
    """The installation would parse XML unsafely: a setup defect, reported as an internal error."""


def verify(openpyxl: bool = True) -> None:
    """Raise XmlNotDefused unless our own parsers refuse entity declarations and — when openpyxl
    reads (`openpyxl`: the reference reader) or is loaded anyway — openpyxl's defusedxml switch is on.
    The fast reader's check imports no openpyxl."""
    if openpyxl or "openpyxl" in sys.modules:
        import openpyxl.xml

        if not openpyxl.xml.DEFUSEDXML:
            raise XmlNotDefused(
                f"openpyxl 未启用 defusedxml（openpyxl.xml.DEFUSEDXML 为 False），为安全起见拒绝读取工作簿；{HINT}"
            )
    for name, probe in (
        ("iterparse", _probe_iterparse),
        ("parser", _probe_parser),
        ("refuse_entities", _probe_prologue),
    ):
        if not _refused(probe):
            raise XmlNotDefused(
                f"ecoscore 的 XML 解析（{__name__}.{name}）会展开 XML 实体，为安全起见拒绝读取工作簿；{HINT}"
            )


def _probe_iterparse() -> list[str]:
    return [el.text or "" for _, el in iterparse(io.BytesIO(PROBE))]


class _Texts:
    def __init__(self):
        self.texts = []

    def start(self, tag, attrib):
        pass

    def end(self, tag):
        pass

    def data(self, text):
        self.texts.append(text)

    def close(self):
        return self.texts


def _probe_parser() -> list[str]:
    p = parser(_Texts())
    p.feed(PROBE)
    return p.close()


def _probe_prologue() -> list[str]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("probe.xml", PROBE)
    with zipfile.ZipFile(buf) as z:
        refuse_entities(z)
    return ["EXPANDED"]  # not refused


def _refused(probe) -> bool:
    """The probe's entity is refused by defusedxml (or at least left unexpanded)."""
    try:
        texts = probe()
    except DefusedXmlException:
        return True
    except Exception:  # noqa: BLE001 — any other failure to parse the probe: not provably safe
        return False
    return not any("EXPANDED" in t for t in texts)


def is_hostile_xml(exc: BaseException) -> bool:
    """True if `exc` (or what it wraps: openpyxl re-raises parse errors) is defusedxml refusing a document."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def parser(target):
    """A defused parser feeding `target` (start/end/data/close), building no tree."""
    return DefusedXMLParser(target=target)


class _Started(Exception):
    """The root element has started: the prologue, where entities are declared, is behind us."""


class _StopAtRoot:
    def start(self, tag, attrib):
        raise _Started

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        return None


def refuse_entities(zf: zipfile.ZipFile) -> None:
    """Raise DefusedXmlException if any part of the zip declares XML entities.

    Entities can only be declared in the document type declaration, before the root element, so
    only each part's prologue is parsed (a few hundred bytes; the zip pre-flight has bounded
    the parts). Every part, whatever its name: a part's name need not end in .xml for the
    workbook to point openpyxl at it. A part that is not XML (an image) fails at its first
    bytes and is left to whoever reads it."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        p = parser(_StopAtRoot())
        with zf.open(info) as fh:
            try:
                while chunk := fh.read(PROLOGUE_CHUNK):
                    p.feed(chunk)
            except _Started:
                continue
            except ParseError:
                continue  # damaged: reported by the parser that needs the part


# ---- bounds on what a workbook can make us read (the template is ~70 rows by 9 columns) --------
ROW_MARGIN = 1_000  # rows users insert: notes, more water sections…
COL_CAP = max(len(L.FIELD_HEADERS), len(L.SECTION_HEADERS)) + 40
ELEMENT_BUDGET = 150_000  # rows and cells parsed in the whole workbook (a filled template: ~25 000)
MAX_MERGES = 1_000  # merged ranges per sheet that touch the cells read


@cache
def row_cap() -> int:
    """Rows read per sheet: the template's extent plus a margin."""
    from ecoscore import rubric as editions  # the largest edition's template

    extent = max(
        [L.HEADER_ROW + L.SECTION_ROWS]
        + [L.HEADER_ROW + len(s.rows) for e in editions.editions() for s in L.field_sheets(e)]
    )
    return extent + ROW_MARGIN


# What openpyxl and our parsing raise, lazily while rows are read, for a damaged or foreign file.
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    NotImplementedError,
    OverflowError,
    RecursionError,
)
