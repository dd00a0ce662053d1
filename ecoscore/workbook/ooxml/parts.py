"""The package-level parts of an xlsx file, as XlsxWriter 3.3.1 writes them (workbook.py,
contenttypes.py, relationships.py, app.py, core.py): xl/workbook.xml with its defined names,
[Content_Types].xml, the relationship parts and the document properties."""

from __future__ import annotations

import datetime

from ecoscore.workbook.ooxml.xml import attr, data

_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships/"
_APP = "application/vnd.openxmlformats-officedocument."


def relationships(items: list[tuple[str, str, str]]) -> str:
    """(type, target, mode) as rId1, rId2, …; a type starting with "/" is an officeDocument one."""
    out = [_DECL, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (kind, target, mode) in enumerate(items, start=1):
        kind = _DOC + kind[1:] if kind.startswith("/") else _PKG + kind
        extra = f' TargetMode="{mode}"' if mode else ""
        out.append(f'<Relationship Id="rId{i}" Type="{kind}" Target="{attr(target)}"{extra}/>')
    out.append("</Relationships>")
    return "".join(out)


ROOT_RELS = relationships(
    [
        ("/officeDocument", "xl/workbook.xml", ""),
        ("metadata/core-properties", "docProps/core.xml", ""),
        ("/extended-properties", "docProps/app.xml", ""),
    ]
)


def workbook_rels(sheets: int, shared_strings: bool) -> str:
    items = [("/worksheet", f"worksheets/sheet{i}.xml", "") for i in range(1, sheets + 1)]
    items += [("/theme", "theme/theme1.xml", ""), ("/styles", "styles.xml", "")]
    if shared_strings:
        items.append(("/sharedStrings", "sharedStrings.xml", ""))
    return relationships(items)


def content_types(sheets: int, charts: int, drawings: int, shared_strings: bool) -> str:
    out = [
        _DECL,
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        f'<Override PartName="/docProps/app.xml" ContentType="{_APP}extended-properties+xml"/>',
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
        f'<Override PartName="/xl/styles.xml" ContentType="{_APP}spreadsheetml.styles+xml"/>',
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{_APP}theme+xml"/>',
        f'<Override PartName="/xl/workbook.xml" ContentType="{_APP}spreadsheetml.sheet.main+xml"/>',
    ]
    for i in range(1, sheets + 1):
        out.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_APP}spreadsheetml.worksheet+xml"/>'
        )
    for i in range(1, charts + 1):
        out.append(f'<Override PartName="/xl/charts/chart{i}.xml" ContentType="{_APP}drawingml.chart+xml"/>')
    for i in range(1, drawings + 1):
        out.append(f'<Override PartName="/xl/drawings/drawing{i}.xml" ContentType="{_APP}drawing+xml"/>')
    if shared_strings:
        out.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_APP}spreadsheetml.sharedStrings+xml"/>')
    out.append("</Types>")
    return "".join(out)


def sorted_names(names: list[tuple[str, int, str, int]]) -> list[tuple[str, int, str, int]]:
    """Defined names in Excel's order: by name (without _xlnm.), then by what they refer to."""
    return sorted(names, key=lambda n: n[0].replace("_xlnm.", "").lower() + "::" + n[2].lstrip("'").lower())


def workbook_xml(titles: list[str], names: list[tuple[str, int, str, int]]) -> str:
    out = [
        _DECL,
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="xl" lastEdited="4" '
        'lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView '
        'xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews><sheets>',
    ]
    for i, title in enumerate(titles, start=1):
        out.append(f'<sheet name="{attr(title)}" sheetId="{i}" r:id="rId{i}"/>')
    out.append("</sheets>")
    if names:
        out.append("<definedNames>")
        for name, sheet, ref, hidden in names:
            extra = ' hidden="1"' if hidden else ""
            out.append(f'<definedName name="{name}" localSheetId="{sheet}"{extra}>{data(ref)}</definedName>')
        out.append("</definedNames>")
    out.append('<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
    return "".join(out)


def app_xml(titles: list[str], names: list[tuple[str, int, str, int]]) -> str:
    ranges = []
    for name, _, ref, _ in names:
        if name != "_xlnm._FilterDatabase" and "!" in ref:
            ranges.append(ref.split("!", 1)[0] + "!" + name.replace("_xlnm.", ""))
    pairs = (
        f"<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant>"
    )
    if ranges:
        pairs += f"<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(ranges)}</vt:i4></vt:variant>"
    parts = "".join(f"<vt:lpstr>{data(p)}</vt:lpstr>" for p in titles + ranges)
    return (
        f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft '
        "Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs>"
        f'<vt:vector size="{2 if not ranges else 4}" baseType="variant">{pairs}</vt:vector></HeadingPairs>'
        f'<TitlesOfParts><vt:vector size="{len(titles) + len(ranges)}" baseType="lpstr">{parts}</vt:vector>'
        "</TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"
    )


def core_xml(author: str | None, title: str | None, now: datetime.datetime | None = None) -> str:
    """docProps/core.xml; its two timestamps (the moment of writing) are all that differs between saves."""
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    title_xml = f"<dc:title>{data(title)}</dc:title>" if title else ""
    who = data(author or "")
    return (
        f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{title_xml}<dc:creator>{who}</dc:creator><cp:lastModifiedBy>{who}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified '
        f'xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )
