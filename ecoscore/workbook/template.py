"""Write the input template: a 填报说明 sheet, one sheet of fields per rubric section (plus
targets, air data, water sections, bonus and penalty), validated and protected input cells.

Everything is generated from the edition's catalogue (`Rubric.catalogue`) and its item declarations, so a field a
colleague adds to the rubric appears in the template without touching this file.
"""

from __future__ import annotations

import os

from ecoscore import rubric as editions
from ecoscore.core.fields import CLASS_NAMES, NEW_SECTION, SECTION_COLUMNS, SECTION_LEVELS
from ecoscore.core.values import is_new_section
from ecoscore.rubric import Rubric
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.evidence_sheet import EVIDENCE_SHEET, write_evidence_sheet
from ecoscore.workbook.field_rows import column_widths, field_cells, value_for_cell
from ecoscore.workbook.monitoring_sheets import write_data_sheets
from ecoscore.workbook.sheetkit import UNLOCKED, field_validation, protect, text_validation, title_rows, validation
from ecoscore.workbook.unit_sheet import write_unit_sheet
from ecoscore.workbook.xlsx import DataValidation, Workbook, get_column_letter

HOW_TO_FILL = (
    "本表按《2021年怀化市生态环境保护工作考核细则》中方县责任清单设置，每个填报项占一行，只需填写“填报值”列。",
    "有底色的单元格可以填写，其余单元格已保护（无密码，仅防误改）。颜色含义见下方。",
    "是/否、类别等请用下拉选择；数值只填数字（个数可带本项单位，如“3个”，没有的填 0 或“无”）；百分数填 95 或 95% 均可。",
    "水质断面请在“断面水质”表逐行填写（国考、省考断面都填），级别和水质类别用下拉选择；本年新增的断面上年类别选“无（新增断面）”。",
    "必填项留空时，相关条款不评分，总分标为暂定分；评分结果的“缺项”表会列出所在单元格。标有“仅当…时填写”的项，只在条件成立时需要填写。",
    "可以插入行、排序、移动或隐藏工作表；请勿修改“字段编码”列，评分按字段编码读取。",
    "加分项、扣分项均为选填，留空视为没有。",
    "“佐证材料”表（选填）：逐条填写佐证材料的名称、文号和页码或文件路径，列入评分结果的“考核评分表”；未填的条款会在评分结果中提示。",
    "“责任单位对照”表：细则中的单位名称取自中方县责任清单，其他县（市、区）请填写本地对应的单位名称，失分按此记到各单位。",
    "监测数据（选填）：可在“空气日数据”“断面监测”两表粘贴日数据和采样数据，由 ecoscore 测算空气和水质指标，说明和示例见本表末尾。",
    "填好后运行 ecoscore score 本文件.xlsx，在同一文件夹生成“本文件.scored.xlsx”评分结果。",
)


def write_template(
    path,
    *,
    county: str | None = None,
    year: int | None = None,
    prefill: dict | None = None,
    sections: list[dict] | None = None,
    force: bool = False,
    rubric: Rubric | None = None,
    basis: str = "",
    unit_names: dict | None = None,
    evidence: dict | None = None,
) -> None:
    """Write the input template to `path` atomically; FileExistsError if it exists and not `force`.

    `basis`: "按《…》口径测算" when the year has no edition of its own (shown beside the rubric);
    `unit_names`: the county's names for the rubric's units (the 责任单位对照 sheet; default the source's).

    `prefill` overrides default values by field key (examples, carry-over from last year);
    `sections` pre-fills the 断面水质 rows ({name, level, target, prev, cur}, classes as 1–6 or text);
    `evidence` the 佐证材料 sheet (item id → `Evidence`s; the examples — carry-over never passes it).
    """
    rubric = rubric or editions.default()
    county, year = county or rubric.source_county, year or rubric.year
    if not force and os.path.exists(path):
        raise FileExistsError(f"文件已存在：{path}（如需覆盖请加 --force）")
    cat = rubric.catalogue
    unknown = sorted(set(prefill or {}) - set(cat))
    if unknown:
        raise ValueError(f"prefill has keys not in the catalogue: {', '.join(unknown)}")
    wb = Workbook()
    wb.properties.creator = "ecoscore"
    wb.properties.title = L.clean_for_cell(f"{county}{year}年度生态环境保护工作考核填报表")
    info_sheet(wb.active, county, year, rubric, basis)
    validations: dict[tuple, DataValidation] = {}
    write_unit_sheet(wb.create_sheet(L.UNIT_NAMES_SHEET), rubric, unit_names, validations)
    for sheet in L.field_sheets(rubric):
        field_sheet(wb.create_sheet(sheet.name), sheet, prefill or {}, validations, rubric, year, unit_names)
        if sheet.name == L.AIR_SHEET:  # the monitoring data together: air, then water
            sections_sheet(wb.create_sheet(L.SECTIONS_SHEET), sections or [], validations)
    if L.SECTIONS_SHEET not in wb.sheetnames:
        sections_sheet(wb.create_sheet(L.SECTIONS_SHEET), sections or [], validations)
    write_evidence_sheet(wb.create_sheet(EVIDENCE_SHEET), rubric, validations, evidence)
    write_data_sheets(wb, year, validations)
    save_atomic(wb, path, overwrite=force)


# ---- sheets -----------------------------------------------------------------------------
def info_sheet(ws, county: str, year: int, rubric: Rubric, basis: str = "") -> None:
    ws.title = L.INFO_SHEET
    ws.sheet_properties.tabColor = "1F4E78"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 96
    L.put(ws, 1, 1, "生态环境保护工作考核填报表", font=L.font(bold=True, size=16))
    ws.merge_cells("A1:B1")
    cache: dict = {}
    edition = f"{rubric.id}（{rubric.title}）" + (f"，{basis}" if basis else "")
    values = {"county": county, "year": year, "rubric": edition, "version": L.TEMPLATE_VERSION}
    for row, (what, label) in enumerate(L.INFO_LABELS.items(), start=3):
        L.put(ws, row, 1, label, font=L.font(bold=True), border=L.BORDER)
        cell = L.put(ws, row, 2, values[what], font=L.font(), border=L.BORDER, alignment=L.LEFT)
        if what in ("county", "year"):
            cell.fill, cell.protection = L.REQUIRED_FILL, UNLOCKED
            if what == "year":
                validation(
                    ws,
                    cache,
                    cell.coordinate,
                    "whole",
                    "between",
                    "2000",
                    "2100",
                    "考核年度，如 2021",
                    "请填四位数年份，如 2021。",
                )
            else:
                validation(
                    ws,
                    cache,
                    cell.coordinate,
                    "textLength",
                    "between",
                    "1",
                    "50",
                    "县（市、区）名称",
                    "请填县（市、区）名称。",
                )
    row = 3 + len(L.INFO_LABELS) + 1
    L.put(ws, row, 1, "填报方法", font=L.font(bold=True, size=12))
    for i, text in enumerate(HOW_TO_FILL, start=1):
        L.put(ws, row + i, 1, f"{i}.", font=L.font(), alignment=L.WRAP)
        L.put(ws, row + i, 2, text, font=L.font(), alignment=L.WRAP)
        L.fit_row_height(ws, row + i, (16, 96))
    row += len(HOW_TO_FILL) + 2
    L.put(ws, row, 1, "颜色说明", font=L.font(bold=True, size=12))
    for i, (fill, text) in enumerate(L.LEGEND, start=1):
        L.put(ws, row + i, 1, "", fill=fill, border=L.BORDER)
        L.put(ws, row + i, 2, text, font=L.font())
    protect(ws)
    L.page_setup(ws, None, landscape=False)


def field_sheet(
    ws, sheet: L.FieldSheet, prefill: dict, cache: dict, rubric: Rubric, year: int | None = None, names=None
) -> None:
    ncols = len(L.FIELD_COLUMNS)
    title_rows(
        ws,
        sheet.title,
        "在有底色的“填报值”单元格填写（黄色必填，蓝色为预填目标可修改，绿色选填，灰色仅供对照）；"
        "数值只填数字；请勿修改“字段编码”。",
        ncols,
    )
    texts = [field_cells(frow, rubric, year, names) for frow in sheet.rows]
    values = [value_for_cell(frow.field, prefill.get(frow.field.key, frow.field.default)) for frow in sheet.rows]
    widths = column_widths(texts, values)
    L.header_row(ws, L.HEADER_ROW, L.FIELD_HEADERS, widths)
    for r, frow, row_texts, value in zip(
        range(L.HEADER_ROW + 1, L.HEADER_ROW + 1 + len(texts)), sheet.rows, texts, values
    ):
        f = frow.field
        for col, text in enumerate(row_texts, start=1):
            wrap = L.FIELD_COLUMNS[col - 1][2]
            small = col == L.KEY_COL
            L.put(
                ws,
                r,
                col,
                text or None,
                font=L.font(color="7F7F7F" if small else None, size=9 if small else 11),
                alignment=L.WRAP if wrap else L.TOP,
                border=L.BORDER,
            )
        cell = L.put(
            ws,
            r,
            L.VALUE_COL,
            value,
            font=L.font(bold=True),
            border=L.BORDER,
            fill=L.fill_for(f, value is not None),
            protection=UNLOCKED,
            alignment=L.VALUE_ALIGN,
        )
        cell.number_format = "@" if f.kind in ("bool", "enum", "text") else "General"
        field_validation(ws, cache, cell.coordinate, f)
        L.fit_row_height(ws, r, widths)
    last = L.HEADER_ROW + len(sheet.rows)
    ws.freeze_panes = f"A{L.HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{L.HEADER_ROW}:{get_column_letter(ncols)}{last}"
    protect(ws)
    L.page_setup(ws, f"{L.HEADER_ROW}:{L.HEADER_ROW}")


def section_cell_value(col: str, raw):
    if col in ("target", "prev", "cur") and isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 6:
        return CLASS_NAMES[raw - 1]
    if col == "prev" and is_new_section(raw):
        return NEW_SECTION  # the dropdown's own text
    return raw


def sections_sheet(ws, rows: list[dict], cache: dict) -> None:
    ncols = len(L.SECTION_HEADERS)
    title_rows(
        ws,
        "国考、省考断面水质（用于第 4、5 条及加分项）",
        f"每行填一个断面；级别、类别请下拉选择（Ⅰ～劣Ⅴ）；本年新增的断面上年类别选“{NEW_SECTION}”"
        "（不参与与上年比较的条款）；上年类别空白为缺数据（第 4、5 项不评分）。",
        ncols,
    )
    L.header_row(ws, L.HEADER_ROW, L.SECTION_HEADERS, L.SECTION_WIDTHS)
    count = max(L.SECTION_ROWS, len(rows) + 10)
    cols = list(SECTION_COLUMNS)
    lists = {
        "level": (",".join(SECTION_LEVELS), "请下拉选择：国考 或 省考"),
        **{c: (",".join(CLASS_NAMES), "请下拉选择水质类别 Ⅰ、Ⅱ、Ⅲ、Ⅳ、Ⅴ、劣Ⅴ") for c in ("target", "cur")},
        "prev": (
            ",".join((*CLASS_NAMES, NEW_SECTION)),
            f"请下拉选择上年水质类别 Ⅰ～劣Ⅴ；本年新增的断面选“{NEW_SECTION}”",
        ),
    }
    for i in range(count):
        r = L.HEADER_ROW + 1 + i
        data = rows[i] if i < len(rows) else {}
        for col in range(1, ncols + 1):
            key = cols[col - 1] if col <= len(cols) else None
            raw = section_cell_value(key, data.get(key)) if key else None
            cell = L.put(
                ws,
                r,
                col,
                raw,
                font=L.font(),
                border=L.BORDER,
                protection=UNLOCKED,
                fill=L.REQUIRED_FILL if key else L.OPTIONAL_FILL,
                number_format="@",
            )
            if key in lists:
                choices, prompt = lists[key]
                validation(
                    ws, cache, cell.coordinate, "list", None, f'"{choices}"', None, prompt, "请从下拉列表中选择。"
                )
            else:
                text_validation(ws, cache, cell.coordinate, "断面名称" if key else "备注（不参与计分）")
    ws.freeze_panes = f"A{L.HEADER_ROW + 1}"
    protect(ws)
    L.page_setup(ws, f"{L.HEADER_ROW}:{L.HEADER_ROW}", landscape=False)
