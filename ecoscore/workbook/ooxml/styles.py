"""xl/styles.xml: the cell formats (xf) and conditional formats (dxf) of a workbook, numbered and
written as XlsxWriter 3.3.1 numbers and writes them (workbook.py `_prepare_*`, format.py, styles.py).

- A facade style key (`xlsx.Cell.style_key`) becomes one `CellFormat`; keys that give the same
  format share it. Its xf index is given on first use while the sheets are written (`index`),
  in the order cells reach the file: that is XlsxWriter's order too.
- Fonts, fills, borders and number formats are then numbered in xf order, each distinct one once.
- Only what the content functions set is modelled (font name/size/bold/italic/underline/colour,
  solid fills, the four borders, horizontal/vertical alignment and wrap, number format, unlocked,
  quote prefix); styles.xml holds exactly those elements.
"""

from __future__ import annotations

from ecoscore.workbook.ooxml.xml import attr, tag
from ecoscore.workbook.xlsx_styles import PLAIN, style_key_of

_BORDER_STYLES = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7}
_BORDER_NAMES = ("none", "thin", "medium", "dashed", "dotted", "thick", "double", "hair")
# XlsxWriter's set_align: horizontal 1 left … 7 distributed; vertical 1 top, 2 center, 3 bottom, 4 justify
_ALIGN = {"left": (1, 0), "center": (2, 0), "centre": (2, 0), "right": (3, 0), "fill": (4, 0), "justify": (5, 0)}
_ALIGN |= {"center_across": (6, 0), "centre_across": (6, 0), "distributed": (7, 0), "justify_distributed": (7, 0)}
_ALIGN |= {"top": (0, 1), "vcentre": (0, 2), "vcenter": (0, 2), "bottom": (0, 3), "vjustify": (0, 4)}
_ALIGN |= {"vdistributed": (0, 5)}
_VALIGN = {"center": "vcenter", "top": "top", "bottom": "bottom", "justify": "vjustify"}
_H_NAMES = {1: "left", 2: "center", 3: "right", 4: "fill", 5: "justify", 6: "centerContinuous", 7: "distributed"}
_V_NAMES = {1: "top", 2: "center", 4: "justify", 5: "distributed"}
DEFAULT_FONT = (False, False, 0, 11, None, "Calibri")  # bold, italic, underline, size, colour, name


def argb(colour: str | None) -> str | None:
    return None if colour is None else "FF" + colour[-6:].upper()


class CellFormat:
    """One cell format as XlsxWriter keeps it; `key` compares formats as its format key does."""

    __slots__ = ("font", "fill", "border", "h", "v", "wrap", "num_format", "locked", "quote", "key", "xf")

    def __init__(self, style: tuple):
        font, fill, border, alignment, number_format, protection, quote = style
        bold = italic = False
        underline, size, colour, name = 0, 11, None, "Calibri"
        if font is not None:
            name = font.name or name
            bold, italic = bool(font.bold), bool(font.italic)
            size = font.size or size
            colour = argb(font.color) if font.color else None
            if font.underline:
                underline = {"single": 1, "double": 2}.get(font.underline, 1)
        self.font = (bold, italic, underline, size, colour, name)
        # a solid fill: XlsxWriter's bg_color, swapped to the foreground as Excel stores it
        self.fill = argb(fill.fgColor) if fill is not None and fill.fill_type == "solid" else None
        sides = []
        for side in (border.left, border.right, border.top, border.bottom) if border is not None else ():
            if side is not None and side.style:
                sides.append((_BORDER_STYLES.get(side.style, 1), argb(side.color) if side.color else None))
            else:
                sides.append((0, None))
        self.border = tuple(sides) if any(s[0] for s in sides) else None
        self.h = self.v = 0
        self.wrap = False
        if alignment is not None:
            for word in (alignment.horizontal, _VALIGN.get(alignment.vertical, alignment.vertical)):
                if word:
                    h, v = _ALIGN.get(word.lower(), (0, 0))
                    self.h, self.v = h or self.h, v or self.v
            self.wrap = bool(alignment.wrap_text)
        self.num_format = number_format or "General"
        self.locked = protection is None or protection.locked
        self.quote = bool(quote)
        self.key = (
            _font_key(self.font),
            self.fill,
            self.border,
            self.h,
            self.v,
            self.wrap,
            self.num_format,
            self.locked,
            self.quote,
        )
        self.xf: int | None = None


class StyleTable:
    """The workbook's formats: `index(style key)` gives a cell's s attribute (None for no style)."""

    def __init__(self):
        self.by_style: dict = {PLAIN: None}  # facade style key → CellFormat (None: unstyled)
        self.by_key: dict = {}  # XlsxWriter format key → xf index
        self.formats: list[CellFormat] = []  # in xf order, from index 1
        self.dxfs: list[tuple] = []  # (fill argb, font argb), in dxf order
        self.by_packed: dict = {}  # (id of a style dict, quote) → (the dict, its CellFormat)

    def format(self, style: tuple) -> CellFormat | None:
        fmt = self.by_style.get(style, self)
        if fmt is self:
            fmt = self.by_style[style] = CellFormat(style)
        return fmt  # type: ignore[return-value]

    def packed_format(self, packed: tuple) -> CellFormat | None:
        """The format of a cell stored as (value, style, quote) (`xlsx.Worksheet.put_value`): the
        table writers share one style dict among many cells, so its key is built once a save."""
        _, style, quote = packed
        found = self.by_packed.get((id(style), quote))
        if found is None or found[0] is not style:
            found = self.by_packed[(id(style), quote)] = (style, self.format(style_key_of(packed)))
        return found[1]

    def index(self, fmt: CellFormat) -> int:
        xf = fmt.xf
        if xf is None:
            xf = self.by_key.get(fmt.key)
            if xf is None:
                xf = self.by_key[fmt.key] = len(self.by_key) + 1
                self.formats.append(fmt)
            fmt.xf = xf
        return xf

    def dxf(self, rule) -> int:
        fill = argb(rule.fill.fgColor) if rule.fill is not None else None
        font = argb(rule.font.color) if rule.font is not None and rule.font.color else None
        if (fill, font) not in self.dxfs:
            self.dxfs.append((fill, font))
        return self.dxfs.index((fill, font))

    def xml(self) -> str:
        formats = self.formats
        fonts: dict = {_font_key(DEFAULT_FONT): 0}
        fills: dict = {None: 0}
        borders: dict = {None: 0}
        numbers: dict = {"General": 0, "0": 1}
        font_xml = [_font(DEFAULT_FONT)]
        fill_xml = ['<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>']
        border_xml = ["<border><left/><right/><top/><bottom/><diagonal/></border>"]
        number_xml: list[str] = []
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for fmt in formats:
            font_key = fmt.key[0]
            font_id = fonts.get(font_key)
            if font_id is None:
                font_id = fonts[font_key] = len(fonts)
                font_xml.append(_font(fmt.font))
            fill_id = fills.get(fmt.fill)
            if fill_id is None:
                fill_id = fills[fmt.fill] = len(fills) + 1  # two default fills
                fill_xml.append(
                    f'<fill><patternFill patternType="solid"><fgColor rgb="{fmt.fill}"/>'
                    '<bgColor indexed="64"/></patternFill></fill>'
                )
            border_id = borders.get(fmt.border)
            if border_id is None:
                border_id = borders[fmt.border] = len(borders)
                border_xml.append(_border(fmt.border))
            num_id = numbers.get(fmt.num_format)
            if num_id is None:
                num_id = numbers[fmt.num_format] = 164 + len(number_xml)
                number_xml.append(tag("numFmt", [("numFmtId", num_id), ("formatCode", fmt.num_format)]))
            xfs.append(_xf(fmt, num_id, font_id, fill_id, border_id))
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.']
        out.append('openxmlformats.org/spreadsheetml/2006/main">')
        if number_xml:
            out.append(f'<numFmts count="{len(number_xml)}">{"".join(number_xml)}</numFmts>')
        out.append(f'<fonts count="{len(font_xml)}">{"".join(font_xml)}</fonts>')
        out.append(f'<fills count="{len(fills) + 1}">{"".join(fill_xml)}</fills>')
        out.append(f'<borders count="{len(border_xml)}">{"".join(border_xml)}</borders>')
        out.append('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>')
        out.append(f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>')
        out.append('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>')
        if self.dxfs:
            out.append(f'<dxfs count="{len(self.dxfs)}">{"".join(_dxf(*d) for d in self.dxfs)}</dxfs>')
        else:
            out.append('<dxfs count="0"/>')
        out.append(
            '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
            "</styleSheet>"
        )
        return "".join(out)


def _font_key(font: tuple) -> tuple:
    """str(size): XlsxWriter's font key is text, so a size of 11 and one of 11.0 are two fonts."""
    return font[:3] + (str(font[3]),) + font[4:]


def _font(font: tuple) -> str:
    bold, italic, underline, size, colour, name = font
    out = ["<font>"]
    if bold:
        out.append("<b/>")
    if italic:
        out.append("<i/>")
    if underline:
        out.append('<u val="double"/>' if underline == 2 else "<u/>")
    out.append(f'<sz val="{attr(size)}"/>')
    out.append(f'<color rgb="{colour}"/>' if colour else '<color theme="1"/>')
    out.append(f'<name val="{attr(name)}"/><family val="2"/>')
    if name == "Calibri":  # the theme's font: XlsxWriter keeps its "minor" scheme
        out.append('<scheme val="minor"/>')
    out.append("</font>")
    return "".join(out)


def _border(sides: tuple) -> str:
    out = ["<border>"]
    for name, (style, colour) in zip(("left", "right", "top", "bottom"), sides):
        if not style:
            out.append(f"<{name}/>")
        else:
            colour_xml = f'<color rgb="{colour}"/>' if colour else '<color auto="1"/>'
            out.append(f'<{name} style="{_BORDER_NAMES[style]}">{colour_xml}</{name}>')
    out.append("<diagonal/></border>")
    return "".join(out)


def _xf(fmt: CellFormat, num_id: int, font_id: int, fill_id: int, border_id: int) -> str:
    a = f'<xf numFmtId="{num_id}" fontId="{font_id}" fillId="{fill_id}" borderId="{border_id}" xfId="0"'
    if fmt.quote:
        a += ' quotePrefix="1"'
    if num_id:
        a += ' applyNumberFormat="1"'
    if font_id:
        a += ' applyFont="1"'
    if fill_id:
        a += ' applyFill="1"'
    if border_id:
        a += ' applyBorder="1"'
    align = []
    if fmt.h in _H_NAMES:
        align.append(f'horizontal="{_H_NAMES[fmt.h]}"')
    if fmt.v in _V_NAMES:
        align.append(f'vertical="{_V_NAMES[fmt.v]}"')
    if fmt.wrap:
        align.append('wrapText="1"')
    if fmt.h or fmt.v or fmt.wrap:
        a += ' applyAlignment="1"'
    if not fmt.locked:
        a += ' applyProtection="1"'
    inner = ""
    if align:
        inner += f"<alignment {' '.join(align)}/>"
    if not fmt.locked:
        inner += '<protection locked="0"/>'
    return f"{a}>{inner}</xf>" if inner else a + "/>"


def _dxf(fill: str | None, font: str | None) -> str:
    out = "<dxf>"
    if font:
        out += f'<font><color rgb="{font}"/></font>'
    if fill:
        out += f'<fill><patternFill><bgColor rgb="{fill}"/></patternFill></fill>'
    return out + "</dxf>"
