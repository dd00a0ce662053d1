"""Writer parity: every workbook ecoscore writes, generated the same way each time, and a dump of
what a reader sees in it (openpyxl, reading back): values, number formats, fonts, fills, borders,
alignment, protection, hyperlinks, merges, validations, conditional formats, panes, print setup,
column widths and styles, row heights, page breaks and charts.

`tests/fixtures/writer_parity.json.gz` holds the dump of the openpyxl writer's outputs, recorded before
the writers moved to XlsxWriter (`python -m tests.xlsx_parity --record`); `test_writer_parity`
compares the current writers' outputs to it. Parity with the openpyxl writer was shown on that
recording (commit 6906547); the fixture was re-recorded once after the rubric's revision 2 and the
county profile (责任单位对照, 评分口径) changed what the workbooks hold, so it now pins the output. Only the dump uses openpyxl's private chart list.
"""

from __future__ import annotations

import copy
import datetime
import gzip
import json
import shutil
import sys
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "writer_parity.json.gz"
DEFAULT_COLOUR = {None, "FF000000", "00000000"}


# ---- generating the workbooks ---------------------------------------------------------------
def generate(folder: Path) -> dict[str, Path]:
    """Every kind of workbook ecoscore writes, in `folder`: name → path."""
    from ecoscore.services import batch
    from ecoscore.services.diff import diff_paths
    from ecoscore.services.score import score_file
    from ecoscore.workbook import write_template
    from ecoscore.workbook.diff_writer import write_diff

    out: dict[str, Path] = {}
    out["template"] = folder / "template.xlsx"
    write_template(out["template"], force=True)
    inputs = folder / "inputs"
    inputs.mkdir()
    for year in (2020, 2021):
        shutil.copy(ROOT / "examples" / f"中方县-{year}.xlsx", inputs / f"中方县-{year}.xlsx")
    basis = "huaihua-2021"  # the 2020 example scores on the 2021 edition's basis only when asked
    for year in (2020, 2021):
        out[f"scored-{year}"] = score_file(inputs / f"中方县-{year}.xlsx", rubric_id=basis).output
    result = batch.score_many([inputs], jobs=1, rubric_id=basis)
    out["summary"] = result.summary_path
    out["diff"] = folder / "diff.xlsx"
    write_diff(diff_paths(inputs / "中方县-2020.xlsx", inputs / "中方县-2021.xlsx", basis), out["diff"])
    monitoring = folder / "monitoring"
    monitoring.mkdir()
    out["template-monitoring"], out["scored-monitoring"] = monitoring_books(monitoring)
    return out


def monitoring_books(folder: Path) -> tuple[Path, Path]:
    """A template pre-filled with values and sections, and the scored workbook of it filled with a
    synthetic year of air data and water samples (its 监测测算 sheet)."""
    from ecoscore.services.score import score_file
    from ecoscore.workbook import write_template
    from tests.indicators.test_air_synthetic import synthetic_year
    from tests.test_monitoring import EXAMPLE, SAMPLES, TYPED_AIR
    from tests.test_monitoring_workbook import fill_air, fill_water

    template = folder / "prefilled.xlsx"
    values = {k: v for k, v in EXAMPLE["values"].items() if k not in TYPED_AIR}
    sections = copy.deepcopy(EXAMPLE["sections"])
    sections[3]["cur"] = None
    write_template(template, prefill=values, sections=sections, force=True)
    filled = folder / "input.xlsx"
    wb = load_workbook(template)
    fill_air(wb, synthetic_year(2020, seed=2020) + synthetic_year(2021, seed=2021))
    fill_water(wb, SAMPLES)
    wb.save(filled)
    return template, score_file(filled).output


# ---- the dump --------------------------------------------------------------------------------
def colour(c) -> str | None:
    if c is None:
        return None
    if c.type == "rgb":
        rgb = c.rgb.upper()
        return "FF" + rgb[2:] if len(rgb) == 8 else "FF" + rgb
    if c.type == "theme":
        return f"theme{c.theme}"
    if c.type == "indexed":
        return None if c.indexed in (64, 65) else f"indexed{c.indexed}"
    return None


def font(f) -> dict:
    return {
        "name": f.name,
        "b": bool(f.b),
        "i": bool(f.i),
        "sz": float(f.sz) if f.sz else 11.0,  # no size: the default, 11
        "color": None if colour(f.color) in DEFAULT_COLOUR or colour(f.color) == "theme1" else colour(f.color),
        "u": f.u if f.u not in (None, "none") else None,
    }


def fill(f) -> dict | None:
    if f is None or f.patternType in (None, "none"):
        return None
    return {"type": f.patternType, "color": colour(f.fgColor) if f.patternType == "solid" else None}


def side(s) -> list | None:
    return [s.style, colour(s.color)] if s is not None and s.style else None


def border(b) -> dict | None:
    d = {k: side(getattr(b, k)) for k in ("left", "right", "top", "bottom")}
    return d if any(d.values()) else None


def alignment(a) -> dict | None:
    d = {"h": a.horizontal, "v": a.vertical, "wrap": bool(a.wrap_text)}
    return d if d != {"h": None, "v": None, "wrap": False} else None


def value(v):
    if isinstance(v, bool):
        return ["bool", v]
    if isinstance(v, int | float):
        return ["n", float(v)]
    if isinstance(v, datetime.datetime | datetime.date):
        return ["d", v.isoformat()]
    if v == "":
        return None  # an empty string and no value look the same in Excel
    return v


def cell_dump(c) -> dict | None:
    d = {
        "v": value(c.value),
        "fmt": c.number_format,
        "font": font(c.font),
        "fill": fill(c.fill),
        "border": border(c.border),
        "align": alignment(c.alignment),
        "locked": c.protection.locked,
        "quote": bool(c.quotePrefix),
    }
    if c.hyperlink is not None:
        h = c.hyperlink
        d["link"] = [h.target, h.location, h.tooltip]
    plain = {
        "v": None,
        "fmt": "General",
        "font": font(load_default_font()),
        "fill": None,
        "border": None,
        "align": None,
        "locked": True,
        "quote": False,
    }
    return None if d == plain else d


_DEFAULT_FONT = None


def load_default_font():
    global _DEFAULT_FONT
    if _DEFAULT_FONT is None:
        from openpyxl.styles import Font

        _DEFAULT_FONT = Font(name="Calibri", sz=11, family=2, scheme="minor")
    return _DEFAULT_FONT


def cells_of(sqref) -> list[str]:
    out = []
    for rng in str(sqref).split():
        c1, r1, c2, r2 = range_boundaries(rng)
        out.append(f"{c1},{r1}:{c2},{r2}")
    return sorted(out)


def expand(sqref) -> list[str]:
    from openpyxl.utils import get_column_letter

    out = set()
    for rng in str(sqref).split():
        c1, r1, c2, r2 = range_boundaries(rng)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                out.add(f"{get_column_letter(c)}{r}")
    return sorted(out)


def chart_dump(ch) -> dict:
    def text(t):
        if t is None or t.tx is None or t.tx.rich is None:
            return None
        return "".join(r.t for p in t.tx.rich.p for r in (p.r or []))

    def axis(a):
        fmt = a.numFmt.formatCode if a.numFmt is not None else None
        return {
            "delete": bool(a.delete),
            "orientation": a.scaling.orientation,
            "min": a.scaling.min,
            "crosses": a.crosses or "autoZero",  # the default
            "numFmt": None if fmt == "General" else fmt,
            "title": text(a.title),
        }

    def ref(r):  # '总览'!C14 and 总览!$C$14 are the same reference
        return r.f.replace("'", "").replace("$", "") if r is not None else None

    anchor = ch.anchor._from
    chart_labels = ch.dataLabels is not None and bool(ch.dataLabels.showVal)
    return {
        "type": ch.tagname,
        "barDir": getattr(ch, "barDir", None),
        "title": text(ch.title),
        "series": [
            {
                "tx": ref(s.tx.strRef) if s.tx is not None else None,
                "cat": ref(s.cat.strRef or s.cat.numRef) if s.cat is not None else None,
                "val": ref(s.val.numRef) if s.val is not None else None,
                # values shown on the bars, set for the chart or for each series
                "labels": chart_labels or (s.dLbls is not None and bool(s.dLbls.showVal)),
            }
            for s in ch.series
        ],
        "category_axis": axis(ch.x_axis),
        "value_axis": axis(ch.y_axis),
        "legend": ch.legend is not None,
        "anchor": [anchor.col, anchor.row],
    }


PROTECTION_FLAGS = (
    "sheet",
    "objects",
    "scenarios",
    "formatCells",
    "formatColumns",
    "formatRows",
    "insertColumns",
    "insertRows",
    "insertHyperlinks",
    "deleteColumns",
    "deleteRows",
    "selectLockedCells",
    "selectUnlockedCells",
    "sort",
    "autoFilter",
    "pivotTables",
)


def sheet_dump(ws) -> dict:
    merged = sorted(str(m) for m in ws.merged_cells.ranges)
    covered = set()
    for m in ws.merged_cells.ranges:
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                if (r, c) != (m.min_row, m.min_col):
                    covered.add((r, c))
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if (c.row, c.column) in covered:
                continue
            d = cell_dump(c)
            if d is not None:
                cells[c.coordinate] = d
    columns = {}
    for letter, dim in ws.column_dimensions.items():
        style = None
        if dim.style_id:  # a column style (the monitoring data sheets)
            s = ws.parent._cell_styles[dim.style_id]
            style = {
                "font": font(ws.parent._fonts[s.fontId]),
                "fill": fill(ws.parent._fills[s.fillId]),
                "border": border(ws.parent._borders[s.borderId]),
                "fmt": ws.parent._number_formats[s.numFmtId - 164]
                if s.numFmtId >= 164
                else {0: "General", 49: "@", 14: "mm-dd-yy"}.get(s.numFmtId, s.numFmtId),
                "locked": ws.parent._protections[s.protectionId].locked,
            }
        for col in range(dim.min or 0, (dim.max or 0) + 1):
            from openpyxl.utils import get_column_letter

            if dim.width or style:
                columns[get_column_letter(col)] = {"width": round(dim.width or 0, 2), "style": style}
        del letter
    rows = {str(r): dim.height for r, dim in ws.row_dimensions.items() if dim.height is not None}
    p = ws.page_setup
    margins = ws.page_margins
    dvs = [
        {
            "type": dv.type,
            "operator": (dv.operator or "between") if dv.type not in ("list", None) else None,  # the default
            "f1": dv.formula1,
            "f2": dv.formula2,
            "blank": bool(dv.allow_blank),
            "show_in": bool(dv.showInputMessage),
            "show_err": bool(dv.showErrorMessage),
            "ptitle": dv.promptTitle,
            "prompt": dv.prompt,
            "etitle": dv.errorTitle,
            "error": dv.error,
            "style": dv.errorStyle or "stop",
            "cells": expand(dv.sqref),
        }
        for dv in ws.data_validations.dataValidation
    ]
    dvs.sort(key=lambda d: (d["cells"][0] if d["cells"] else "", d["f1"] or ""))
    cf = []
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            dxf = rule.dxf
            cf.append(
                {
                    "range": str(rng.sqref),
                    "type": rule.type,
                    "operator": rule.operator,
                    "formula": list(rule.formula),
                    "font": colour(dxf.font.color) if dxf and dxf.font else None,
                    "fill": (colour(dxf.fill.bgColor) if colour(dxf.fill.bgColor) not in DEFAULT_COLOUR else None)
                    or colour(dxf.fill.fgColor)
                    if dxf and dxf.fill
                    else None,
                }
            )
    footer = ws.oddFooter.center
    return {
        "cells": cells,
        "merged": merged,
        "validations": dvs,
        "conditional": sorted(cf, key=lambda d: (d["range"], d["operator"])),
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "auto_filter": ws.auto_filter.ref,
        "page": {
            "orientation": p.orientation,
            "paper": int(p.paperSize) if p.paperSize else None,
            "fitToWidth": int(p.fitToWidth) if p.fitToWidth is not None else 1,
            "fitToHeight": int(p.fitToHeight) if p.fitToHeight is not None else 1,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "margins": [margins.left, margins.right, margins.top, margins.bottom],
            "footer": [footer.text, footer.font] if footer.text else None,
        },
        "row_breaks": sorted(b.id for b in ws.row_breaks.brk),
        "protection": {k: bool(getattr(ws.protection, k)) for k in PROTECTION_FLAGS},
        "tab": colour(ws.sheet_properties.tabColor),
        "columns": columns,
        "rows": rows,
        "charts": [chart_dump(ch) for ch in ws._charts],
    }


def dump(path: Path) -> dict:
    wb = load_workbook(path)
    return {
        "sheets": wb.sheetnames,
        "creator": wb.properties.creator,
        "title": wb.properties.title,
        **{f"sheet:{ws.title}": sheet_dump(ws) for ws in wb.worksheets},
    }


def dump_all(folder: Path) -> dict:
    return {name: dump(path) for name, path in generate(folder).items()}


if __name__ == "__main__":  # python -m tests.xlsx_parity --record
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = dump_all(Path(tmp))
    if "--record" in sys.argv:
        FIXTURE.parent.mkdir(exist_ok=True)
        FIXTURE.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False, sort_keys=True).encode(), mtime=0))
        print(f"recorded {FIXTURE} ({FIXTURE.stat().st_size // 1024} KiB)")
    else:
        print(json.dumps(data, ensure_ascii=False)[:2000])


def recorded() -> dict:
    return json.loads(gzip.decompress(FIXTURE.read_bytes()))
