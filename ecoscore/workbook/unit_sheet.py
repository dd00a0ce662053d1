"""The input template's 责任单位对照 sheet: one row per unit the rubric names, as the source
(中方县's responsibility list) spells it, and beside it the county's own name for it — pre-filled
with the source's names, since nothing else can be known (docs/spec/decisions.md#dev-12-5)."""

from __future__ import annotations

from ecoscore.rubric import Rubric
from ecoscore.scoring.units import NAME_LIMIT, rubric_units
from ecoscore.workbook import layout as L
from ecoscore.workbook.sheetkit import UNLOCKED, protect, title_rows, validation


def write_unit_sheet(ws, rubric: Rubric, names: dict | None, cache: dict) -> None:
    ncols = len(L.NAMES_TABLE_HEADERS)
    title_rows(
        ws,
        f"责任单位对照（细则中的单位名称取自{rubric.source_county}责任清单）",
        f"在黄色单元格填写本县（市、区）对应的单位名称，失分按此记到各单位；左列请勿修改。"
        f"已预填{rubric.source_county}的名称，其他县（市、区）请逐行改为本地单位名称。",
        ncols,
    )
    L.header_row(ws, L.HEADER_ROW, L.NAMES_TABLE_HEADERS, L.NAMES_TABLE_WIDTHS)
    for r, (unit, ids) in enumerate(rubric_units(rubric).items(), start=L.HEADER_ROW + 1):
        L.put(ws, r, 1, unit, font=L.font(), border=L.BORDER, alignment=L.TOP)
        cell = L.put(
            ws,
            r,
            2,
            (names or {}).get(unit, unit),
            font=L.font(bold=True),
            border=L.BORDER,
            fill=L.REQUIRED_FILL,
            protection=UNLOCKED,
            number_format="@",
        )
        validation(
            ws,
            cache,
            cell.coordinate,
            "textLength",
            "between",
            "1",
            str(NAME_LIMIT),
            "本县（市、区）对应的单位名称",
            f"请填单位名称（最多 {NAME_LIMIT} 字）。",
        )
        L.put(ws, r, 3, "、".join(ids), font=L.font(color="7F7F7F", size=9), border=L.BORDER, alignment=L.WRAP)
        L.fit_row_height(ws, r, L.NAMES_TABLE_WIDTHS)
    ws.freeze_panes = f"A{L.HEADER_ROW + 1}"
    protect(ws)
    L.page_setup(ws, f"{L.HEADER_ROW}:{L.HEADER_ROW}", landscape=False)
