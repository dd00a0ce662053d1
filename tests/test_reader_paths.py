"""The two readers of an input workbook — the reference (openpyxl's public read-only API plus
our own pass per sheet) and the accelerator (our own pass alone, `workbook/fast.py`) — read
every test workbook identically: the same values of the same types, the same cells, the same
problems, or the same refusal. (`ECOSCORE_READER=both pytest` checks every workbook any test
reads, the same way.) Also: no private openpyxl API anywhere in ecoscore/, and our own XML
parsing is defused."""

import datetime
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ecoscore.core.model import FileProblem
from ecoscore.workbook import defused, write_template
from ecoscore.workbook.reader import read_input
from tests.indicators.test_air_synthetic import synthetic_year
from tests.test_evidence import filled_evidence
from tests.test_hostile_cells import BAD_CELLS, BAD_SECTIONS, BASE, extra_rows, rearranged
from tests.test_hostile_files import CASES, GOOD, LOL, XXE, _prefix, rebuild
from tests.test_monitoring import SAMPLES
from tests.test_monitoring_workbook import fill_air, fill_water, template
from tests.test_workbook_reader import NORMALISED, SECTIONS, all_valid, fill

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them

ROOT = Path(__file__).resolve().parents[1]

# Cells as other programs write them (openpyxl writes none of these): inline rich text, cached
# text results, shared and array formulas, booleans, errors, ISO dates, numbers in exponent form.
CRAFTED = [
    '<c r="{ref}" t="inlineStr"><is><t>前</t><r><t>9</t></r><r><rPr><b/></rPr><t>5</t></r><rPh sb="0" eb="1"><t>音</t></rPh></is></c>',
    '<c r="{ref}" t="inlineStr"><is><r><t xml:space="preserve"> 36 </t></r></is></c>',
    '<c r="{ref}" t="inlineStr"></c>',
    '<c r="{ref}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
    '<c r="{ref}" t="str"><f>""</f><v></v></c>',
    '<c r="{ref}"><f t="shared" ref="B6:B8" si="0">A6*2</f><v>4</v></c>',
    '<c r="{ref}"><f t="shared" si="0"/></c>',
    '<c r="{ref}"><f t="shared" si="0"/><v>8</v></c>',
    '<c r="{ref}"><f t="array" ref="{ref}">SUM(A1:A2)</f></c>',
    '<c r="{ref}" t="b"><v>1</v></c>',
    '<c r="{ref}" t="b"><v>0</v></c>',
    '<c r="{ref}" t="e"><v>#N/A</v></c>',
    '<c r="{ref}" t="d"><v>2021-03-05T08:30:00</v></c>',
    '<c r="{ref}"><v>1.5E2</v></c>',
    '<c r="{ref}"><v>0.30000000000000004</v></c>',
    '<c r="{ref}"><v>12345678901234567890</v></c>',
    '<c r="{ref}"><v></v></c>',
    '<c r="{ref}" t="n"/>',
]
FORMATTED = [
    (44261, "yyyy-mm-dd"),
    (0.35, "h:mm:ss"),
    (1.5, "[h]:mm:ss"),
    (0.935, "0.0%"),
    (0.95, "0%"),
    (3, "0.00"),
    (44261.5, "m/d/yy h:mm"),
    (12, '#,##0"元"'),
]
ROWS = (
    '<row r="60"><c t="inlineStr"><is><t>q.no_r</t></is></c><c><v>7</v></c></row>'  # cells without r
    '<row><c r="A61" t="inlineStr"><is><t>q.next_row</t></is></c><c r="B61"><v>8</v></c></row>'  # row without r
    '<row r="63"><c r="B63"><v>9</v></c><c r="A63" t="inlineStr"><is><t>q.order</t></is></c></row>'
    '<row r="64" spans="1:2" ht="20" customHeight="1"/>'  # a row with no cells
    '<row r="65"><c r="A65" t="inlineStr"><is><t>q.far_column</t></is></c><c r="ZZ65"><v>1</v></c></row>'
)

# Shared strings (Excel writes them; openpyxl writes inline strings): rich runs, a phonetic guide
# (not part of the text), an escaped _x000D_, spaces, an empty one.
SST = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<si><t>q.shared_rich</t></si><si><t>甲</t><r><t>乙</t></r><rPh sb="0" eb="1"><t>じ</t></rPh></si>'
    "<si><t>q.shared_escaped</t></si><si><t>a_x005F_x000D_b</t></si>"
    '<si><t>q.shared_spaces</t></si><si><t xml:space="preserve"> 95 </t></si>'
    "<si><t>q.shared_empty</t></si><si><t/></si></sst>"
)
SST_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
    '.spreadsheetml.sharedStrings+xml"/></Types>'
)
SHARED_ROWS = "".join(
    f'<row r="{70 + i}"><c r="A{70 + i}" t="s"><v>{2 * i}</v></c><c r="B{70 + i}" t="s"><v>{2 * i + 1}</v></c></row>'
    for i in range(4)
)


def _crafted(d: Path, date1904: bool = False) -> Path:
    """A sheet of made-up keys whose value cells are rewritten as other programs write them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "附加"
    ws.append(["字段编码", "填报值"])
    for i in range(len(CRAFTED)):
        ws.append([f"q.crafted{i}", 1000 + i])  # placeholders, replaced below
    for i, (value, fmt) in enumerate(FORMATTED):
        ws.append([f"q.formatted{i}", value])
        ws.cell(ws.max_row, 2).number_format = fmt
    raw = d / ("raw1904.xlsx" if date1904 else "raw.xlsx")
    wb.save(raw)

    def edit(name, data):
        text = data.decode()
        if name.startswith("xl/worksheets/"):
            for i, xml in enumerate(CRAFTED):
                text = re.sub(
                    rf'<c r="(B\d+)"[^>]*><v>{1000 + i}</v></c>', lambda m, xml=xml: xml.format(ref=m.group(1)), text
                )
            text = text.replace("</sheetData>", ROWS + SHARED_ROWS + "</sheetData>")
        elif name == "[Content_Types].xml":
            text = text.replace("</Types>", SST_TYPE)
        elif name == "xl/workbook.xml" and date1904:
            text = re.sub(r"<workbookPr\b", '<workbookPr date1904="1"', text)
        return text.encode()

    out = rebuild(d / ("1904.xlsx" if date1904 else "crafted.xlsx"), edit, {"xl/sharedStrings.xml": SST}, src=raw)
    with zipfile.ZipFile(out) as z:  # every rewrite took
        assert all(f">{1000 + i}<" not in z.read("xl/worksheets/sheet1.xml").decode() for i in range(len(CRAFTED)))
    return out


# ---- the corpus: every kind of workbook the tests build, and the shipped ones -------------------
def _filled(d: Path, values: dict, sections=None, edit=None, name="filled.xlsx") -> Path:
    path = d / name
    write_template(path)
    return fill(path, values, sections, edit=edit)


def _normalised_groups() -> list[dict]:
    """The NORMALISED cells packed into workbooks of distinct keys (a key appears once per workbook)."""
    groups: list[dict] = []
    for key, raw, fmt, _ in NORMALISED:
        free = [g for g in groups if key not in g]
        (free[0] if free else groups.append({}) or groups[-1])[key] = (raw, fmt)
    return groups


def _normalised(d: Path, group: dict) -> Path:
    def formats(wb, cells):
        for key, (_, fmt) in group.items():
            if fmt:
                cells[key].number_format = fmt

    return _filled(d, {k: raw for k, (raw, _) in group.items()}, edit=formats, name="normalised.xlsx")


def _monitoring(d: Path, bad: bool) -> Path:
    path = d / "monitoring.xlsx"
    wb = template(path, blank_cur=not bad)
    days = synthetic_year(2021, seed=2021)[:40]
    first = fill_air(wb, days)
    fill_water(wb, SAMPLES if not bad else SAMPLES[:1] + [{"section": "无名河", "date": "2021-04-01", "ph": 7}])
    if bad:
        air = wb["空气日数据"]
        air.cell(first + 40, 1).value = air.cell(first + 3, 1).value  # a duplicate day
        air.cell(first + 5, 7).value, air.cell(first + 6, 2).value = -1, "很高"
        air.cell(first + 8, 3).value = "=1+1"  # no cached value
        air.merge_cells(start_row=first + 9, start_column=2, end_row=first + 9, end_column=3)
    wb.save(path)
    return path


def _own_data_sheet(d: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "空气日数据"
    ws.append(["备注"])
    ws.append(["PM2.5（μg/m³）", "日期", "so2", "NO2", "PM10", "CO(mg/m3)", "O3-8h", "沙尘"])
    ws.append([35, "2021年3月1日", 8, 20, 60, 1.1, 90, "否"])
    ws.append([None, datetime.date(2021, 3, 2), "—", "—", "—", "—", "—", None])
    ws["C5000"] = 12  # far below the rows read
    wb.save(d / "own.xlsx")
    return d / "own.xlsx"


def _far(d: Path) -> Path:
    wb = load_workbook(ROOT / "examples" / "中方县-2021.xlsx")
    wb["目标与全市"]["E5000"] = 36
    wb.save(d / "far.xlsx")
    return d / "far.xlsx"


def _merged(d: Path) -> Path:
    def merge(wb, cells):
        cell = cells["i03.plan_done_on_time"]
        cell.parent.merge_cells(
            start_row=cell.row, start_column=cell.column - 1, end_row=cell.row, end_column=cell.column
        )
        cell.parent.cell(row=cell.row, column=cell.column - 1).value = "是"
        top = cells["i01.party_school"]  # a formula without a cached value in a range's top-left cell
        top.parent.cell(row=top.row, column=top.column - 1).value = "=1+1"
        top.parent.merge_cells(start_row=top.row, start_column=top.column - 1, end_row=top.row, end_column=top.column)

    return _filled(d, all_valid(), SECTIONS, edit=merge, name="merged.xlsx")


def _in_other_parts(d: Path, part: str, doctype: bytes) -> Path:
    """An entity declared in a part only openpyxl parses: refused before openpyxl opens the file."""
    return _prefix(d, f"entity-{part.replace('/', '-')}.xlsx", part, doctype)


CORPUS = [(p.name, lambda d, p=p: p) for p in sorted((ROOT / "examples").glob("*.xlsx"))] + [
    ("template", lambda d: write_template(d / "t.xlsx") or d / "t.xlsx"),
    ("filled", lambda d: _filled(d, all_valid(), SECTIONS)),
    ("evidence", lambda d: filled_evidence(d / "evidence.xlsx")),  # 佐证材料: lines, an inserted row
    *[(f"normalised-{i}", lambda d, g=g: _normalised(d, g)) for i, g in enumerate(_normalised_groups())],
    (
        "bad-cells",
        lambda d: _filled(
            d, {**BASE, **{k: v for k, (v, _, _) in BAD_CELLS.items()}}, SECTIONS + BAD_SECTIONS, edit=extra_rows
        ),
    ),
    ("rearranged", lambda d: rearranged(d / "rearranged.xlsx")),
    ("merged", _merged),
    ("crafted", _crafted),
    ("crafted-1904", lambda d: _crafted(d, date1904=True)),
    ("monitoring", lambda d: _monitoring(d, bad=False)),
    ("monitoring-bad", lambda d: _monitoring(d, bad=True)),
    ("own-data-sheet", _own_data_sheet),
    ("far-below", _far),
    ("entity-in-core", lambda d: _in_other_parts(d, "docProps/core.xml", XXE)),
    ("entity-in-styles", lambda d: _in_other_parts(d, "xl/styles.xml", LOL)),
    *[(f"good-{name}", build) for name, build in GOOD],
    *[(f"hostile-{c[0]}", c[1]) for c in CASES],
]


def outcome(path: Path, reader: str):
    try:
        return repr(read_input(path, reader))
    except FileProblem as exc:
        return ("FileProblem", exc.message)


@pytest.mark.parametrize("build", [c[1] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_both_readers_read_every_workbook_alike(tmp_path, build):
    path = build(tmp_path)
    reference, fast = outcome(path, "openpyxl"), outcome(path, "fast")
    assert fast == reference


def test_the_accelerator_is_the_default_and_the_reference_can_be_chosen(tmp_path, monkeypatch):
    from ecoscore.workbook import book

    opened = []
    real = book.open_workbook
    monkeypatch.setattr("ecoscore.workbook.reader.open_workbook", lambda *a: opened.append(a[2]) or real(*a))
    path = ROOT / "examples" / "中方县-2021.xlsx"
    monkeypatch.delenv("ECOSCORE_READER", raising=False)  # the default, also when the suite runs with a reader chosen
    read_input(path)
    monkeypatch.setenv("ECOSCORE_READER", "openpyxl")
    read_input(path)
    monkeypatch.setenv("ECOSCORE_READER", "both")
    read_input(path)
    assert opened == ["fast", "openpyxl", "openpyxl", "fast"]


def test_entities_are_refused_before_openpyxl_opens_the_file(tmp_path, monkeypatch):
    def never(*a, **k):
        raise AssertionError("openpyxl was handed a file declaring entities")

    monkeypatch.setattr("openpyxl.load_workbook", never)  # book imports it when the reference reads
    paths = [
        _in_other_parts(tmp_path, part, doctype)
        for part, doctype in (("docProps/core.xml", XXE), ("xl/styles.xml", LOL), ("[Content_Types].xml", XXE))
    ]
    strings = SST_TYPE.replace("/xl/sharedStrings.xml", "/xl/strings.dat")  # a part whose name does not say XML
    paths.append(
        rebuild(
            tmp_path / "dat.xlsx",
            lambda n, b: b.replace(b"</Types>", strings.encode()) if n == "[Content_Types].xml" else b,
            {"xl/strings.dat": LOL + SST.encode()},
        )
    )
    for path in paths:
        for reader in ("openpyxl", "fast"):
            with pytest.raises(FileProblem, match="XML 实体"):
                read_input(path, reader)


# ---- no private openpyxl API; our parsing defused --------------------------------------------
PRIVATE_ATTRS = re.compile(
    r"\.(_get_source|_shared_strings|_date_formats|_timedelta_formats|_data_only|_cells_by_row|"
    r"_get_row|_archive|_cell_styles|_number_formats|_worksheet_path|_sheets|_add_sheet)\b"
)


def private_openpyxl_uses(source: str) -> list[str]:
    """Imports of openpyxl modules or names with a leading underscore, such modules named in
    strings (importlib), and attributes openpyxl keeps private."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "openpyxl":
            if any(p.startswith("_") for p in node.module.split(".")) or any(
                a.name.startswith("_") for a in node.names
            ):
                found.append(f"from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Import):
            found += [
                a.name
                for a in node.names
                if a.name.split(".")[0] == "openpyxl" and any(p.startswith("_") for p in a.name.split("."))
            ]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.search(r"openpyxl(\.\w+)*\._", node.value)
        ):
            found.append(repr(node.value))
    return found + PRIVATE_ATTRS.findall(source)


def test_no_private_openpyxl_api_in_ecoscore():
    assert private_openpyxl_uses("from openpyxl.worksheet._reader import WorkSheetParser") != []  # the check sees them
    assert private_openpyxl_uses("import openpyxl.worksheet._read_only") != []
    assert private_openpyxl_uses('importlib.import_module("openpyxl.worksheet._reader")') != []
    assert private_openpyxl_uses("from openpyxl.utils import _x") != [] and private_openpyxl_uses("ws._get_source()")
    bad = {
        str(p.relative_to(ROOT)): uses
        for p in sorted((ROOT / "ecoscore").rglob("*.py"))
        if (uses := private_openpyxl_uses(p.read_text(encoding="utf-8")))
    }
    assert bad == {}


def test_openpyxl_is_not_pinned_below_a_version():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (openpyxl,) = [d for d in deps if d.startswith("openpyxl")]
    assert "<" not in openpyxl and ">=3.1" in openpyxl


def test_our_own_xml_parsing_is_defused_and_verified(monkeypatch):
    from xml.parsers import expat

    def bare_expat(start=None, end=None, data=None):  # expat without defusedxml's refusals
        p = expat.ParserCreate(namespace_separator="}")
        p.CharacterDataHandler = data
        return p

    defused.verify()
    for name, unsafe in (
        ("parser", bare_expat),
        ("refuse", lambda p: None),  # our expat parser left unprotected
    ):
        with monkeypatch.context() as m:
            m.setattr(defused, name, unsafe)  # one of our parsers left unprotected: probed again, refused
            with pytest.raises(defused.XmlNotDefused, match="会展开 XML 实体"):
                defused.verify()
    defused.verify()


@pytest.mark.parametrize(
    "doc",
    [
        b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "http://x/" NDATA png>]><x/>',
        b'<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><x/>',
    ],
)
def test_our_expat_parser_refuses_what_defusedxml_refuses(doc):
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    with pytest.raises(DefusedXmlException):
        fromstring(doc)  # defusedxml itself
    texts: list[str] = []
    with pytest.raises(DefusedXmlException):
        defused.parser(data=texts.append).Parse(doc, True)
    assert texts == []


def test_an_undeclared_entity_is_refused_as_elementtree_refuses_it():
    from xml.etree.ElementTree import ParseError, XMLParser

    doc = b'<!DOCTYPE x SYSTEM "x.dtd"><x>&e;</x>'  # an external subset: expat alone would skip &e;
    with pytest.raises(ParseError, match="undefined entity"):
        XMLParser().feed(doc)
    with pytest.raises(defused.UndefinedEntity, match="undefined entity"):
        defused.parser().Parse(doc, True)
    defused.verify()
