"""XML from a user's workbook is parsed only by parsers that cannot be turned against us.

Two layers, both checked by `verify()` (before every read, proven once per process for each
set of parser entry points; it raises `XmlNotDefused`, an internal error, exit code 1):

- our own parsing (`parser`, `refuse_entities`) refuses documents declaring
  entities (billion laughs, external entities such as file:///etc/passwd), as defusedxml's
  DefusedXMLParser does; a probe document proves it for each. `parser` is expat itself with
  defusedxml's refusals installed (`refuse`) and our handlers bound directly: ElementTree's
  parser adds a Python call per element and per name, a third of reading a workbook;
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
from xml.parsers.expat import ExpatError, ParserCreate

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from ecoscore.core.interrupt import raise_if_interrupted
from ecoscore.workbook import layout as L

PROBE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "EXPANDED">]><x>&e;</x>'
HINT = (
    "请执行 pip install 'defusedxml>=0.7' 安装（它是 ecoscore 的必需依赖），"
    "并确认没有设置环境变量 OPENPYXL_DEFUSEDXML=False"
)
PROLOGUE_CHUNK = 2048  # a part's prologue is read in chunks this size, until its root element starts
CHUNK = 64 * 1024  # a part is parsed this much at a time
SEP = "}"  # `parser` names a namespaced element or attribute "namespace}local"


class XmlNotDefused(RuntimeError):
    """The installation would parse XML unsafely: a setup defect, reported as an internal error."""


_proven: set[tuple] = set()  # the entry points (as `verify` finds them) whose probes were refused


def verify(openpyxl: bool = True) -> None:
    """Raise XmlNotDefused unless our own parsers refuse entity declarations and — when openpyxl
    reads (`openpyxl`: the reference reader) or is loaded anyway — openpyxl's defusedxml switch is on.
    The fast reader's check imports no openpyxl. The probes run once per process for the parsers
    in place (a parser replaced later is probed again)."""
    if openpyxl or "openpyxl" in sys.modules:
        import openpyxl.xml

        if not openpyxl.xml.DEFUSEDXML:
            raise XmlNotDefused(
                f"openpyxl 未启用 defusedxml（openpyxl.xml.DEFUSEDXML 为 False），为安全起见拒绝读取工作簿；{HINT}"
            )
    entry = (parser, refuse, refuse_entities, ParserCreate)
    if entry in _proven:
        return
    for name, probe in (
        ("parser", _probe_parser),
        ("refuse_entities", _probe_prologue),
    ):
        if not _refused(probe):
            raise XmlNotDefused(
                f"ecoscore 的 XML 解析（{__name__}.{name}）会展开 XML 实体，为安全起见拒绝读取工作簿；{HINT}"
            )
    _proven.add(entry)


def _probe_parser() -> list[str]:
    texts: list[str] = []
    parser(data=texts.append).Parse(PROBE, True)
    return texts


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
    except Exception as exc:  # noqa: BLE001 — any other failure to parse the probe: not provably safe
        raise_if_interrupted(exc)
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


def parser(start=None, end=None, data=None):
    """An expat parser refusing entities (`refuse`) that calls `start(tag, attrib)`, `end(tag)`
    and `data(text)` itself, building nothing; tags and attribute names are "namespace}local"
    (or just "local"), `attrib` a dict, character data buffered as ElementTree has it."""
    p = ParserCreate(namespace_separator=SEP)
    refuse(p)
    p.buffer_text = True
    if start is not None:
        p.StartElementHandler = start
    if end is not None:
        p.EndElementHandler = end
    if data is not None:
        p.CharacterDataHandler = data
    return p


def refuse(p) -> None:
    """Install on expat parser `p` what defusedxml's DefusedXMLParser installs (entity
    declarations and external references refused with its exceptions), and refuse a reference
    to an undeclared entity as ElementTree's parser does (expat would drop it silently after a
    document type declaration with an external subset)."""
    p.EntityDeclHandler = _entity_declared
    p.UnparsedEntityDeclHandler = _unparsed_entity_declared
    p.ExternalEntityRefHandler = _external_reference
    p.SkippedEntityHandler = _undeclared_entity


def _entity_declared(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def _unparsed_entity_declared(name, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)


def _external_reference(context, base, sysid, pubid):
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


class UndefinedEntity(ExpatError):
    """A reference to an entity nobody declared: refused as ElementTree refuses it (its ParseError
    "undefined entity"); an ExpatError, so whatever catches a damaged part's error catches it."""


def _undeclared_entity(name, is_parameter_entity):
    if not is_parameter_entity:  # ElementTree leaves a parameter entity alone, and so do we
        raise UndefinedEntity(f"undefined entity &{name};")


def feed(p, src) -> None:
    """Parse the whole of binary file `src` with `p`, a chunk at a time."""
    while chunk := src.read(CHUNK):
        p.Parse(chunk, False)
    p.Parse(b"", True)


class _Started(Exception):
    """The root element has started: the prologue, where entities are declared, is behind us."""


def _stop_at_root(tag, attrib):
    raise _Started


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
        p = parser(_stop_at_root)
        with zf.open(info) as fh:
            try:
                while chunk := fh.read(PROLOGUE_CHUNK):
                    p.Parse(chunk, False)
            except _Started:
                continue
            except ExpatError:
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


class RowCap:
    """`row_cap()` as a sheet's pass takes it: rows up to `floor` are within it whatever the
    editions' templates (working it out lays out every edition's template, a few milliseconds
    a process), so it is asked for only when a sheet goes further."""

    floor = L.HEADER_ROW + L.SECTION_ROWS + ROW_MARGIN  # row_cap()'s first term

    def __call__(self) -> int:
        return row_cap()

    def within(self, r: int) -> bool:
        return r <= self.floor or r <= row_cap()


ROWS = RowCap()


# What openpyxl and our parsing raise, lazily while rows are read, for a damaged or foreign file.
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    SyntaxError,  # ElementTree's ParseError, as openpyxl's parser raises it (named by its base: xml.etree is not loaded otherwise)
    ExpatError,
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
