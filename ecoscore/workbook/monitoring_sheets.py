"""The monitoring-data sheets of the input template (空气日数据, 断面监测): writing them with
their validations and an example on 填报说明. Reading them back is `monitoring_reader`; the
scored workbook's 监测测算 sheet is in `monitoring_report`.
"""

from __future__ import annotations

import datetime

from ecoscore.monitoring.indicators import AIR_HEADERS, WATER_PARAM_HEADERS
from ecoscore.monitoring.indicators.tables import AIR_PLAUSIBLE_MAX, PH_PLAUSIBLE_RANGE
from ecoscore.monitoring.rows import AIR_POLLUTANTS, WATER_COLUMNS
from ecoscore.workbook import layout as L
from ecoscore.workbook.monitoring_reader import AIR_ROWS, WATER_ROWS
from ecoscore.workbook.sheetkit import UNLOCKED, protect, title_rows, validation
from ecoscore.workbook.xlsx import get_column_letter

AIR_DATA_SHEET, WATER_DATA_SHEET = L.AIR_DATA_SHEET, L.WATER_DATA_SHEET
DATE_FORMAT = "yyyy-mm-dd"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
UNIT = {"co": "mg/m³"}

AIR_EXAMPLE = {
    "date": "2021-01-01",
    "so2": 8,
    "no2": 20,
    "pm10": 60,
    "co": 1.1,
    "o3_8h": 90,
    "pm25": 41,
    "o3_1h": "",
    "dust": "否",
}
WATER_EXAMPLE = {
    "section": "舞水中方段",
    "date": "2021-01-05",
    "ph": 7.6,
    "do": 8.2,
    "codmn": 2.1,
    "nh3n": 0.12,
    "tp": 0.05,
    "lake": "否",
}
INFO_LINES = (
    (
        "“空气日数据”“断面监测”两表为选填：粘贴监测站的日数据和断面采样数据后，ecoscore 按 HJ 633-2012、HJ 663-2013、"
        "GB 3838-2002 测算空气质量和断面水质指标，填入空着的对应字段；已填写的数值以填报值为准，与测算值不一致时在评分结果"
        "“监测测算”表列出差值。"
    ),
    (
        "空气日数据：每天一行，本年和上年的数据都填在同一张表里，按日期区分年份；浓度为日均值，μg/m³（CO 为 mg/m³），"
        "O3_8h 为日最大8小时平均，O3_1h 只在 O3_8h 超过 800 时需要；缺测留空；沙尘天选“是”。"
    ),
    "断面监测：每次采样一行，断面名称须与“断面水质”表一致（下拉选择），未监测的项目留空，单位 mg/L；湖库断面选“是”。",
    "本年数据不满一年时，评分结果显示截至最后一天的数值；如填了上年同期以后的日数据，另给出补齐全年的预测得分（仅供参考）。",
)


def excel_day(day: datetime.date) -> str:
    return str((day - EXCEL_EPOCH).days)


# ---- writing the input sheets ----------------------------------------------------------------
def write_data_sheets(wb, year: int, cache: dict) -> None:
    """Append 空气日数据 and 断面监测 to the template and describe them on 填报说明."""
    names_sheet = wb[L.SECTIONS_SHEET]
    names = f"'{L.SECTIONS_SHEET}'!$A${L.HEADER_ROW + 1}:$A${max(names_sheet.max_row, L.HEADER_ROW + 1)}"
    air_sheet(wb.create_sheet(AIR_DATA_SHEET), year, cache)
    water_sheet(wb.create_sheet(WATER_DATA_SHEET), year, cache, names)
    info_example(wb[L.INFO_SHEET])


def _data_columns(ws, headers: dict, widths: tuple) -> None:
    """The header row, and every column below it styled as an input column.

    The style is the column's own (`<col style>`): Excel, WPS and LibreOffice give it to every
    empty cell of the column — unlocked under the sheet protection, date or text format — so the
    template stores no empty cells. 1 236 pre-styled empty rows used to be half of the time
    needed to read a workbook whose daily-data sheets were left blank."""
    L.header_row(ws, L.HEADER_ROW, tuple(headers.values()), widths)
    for c, key in enumerate(headers, start=1):
        column = ws.column_dimensions[get_column_letter(c)]
        column.font, column.fill, column.border, column.protection = L.font(), L.OPTIONAL_FILL, L.BORDER, UNLOCKED
        if key == "date":
            column.number_format = DATE_FORMAT
        elif key in ("section", "dust", "lake"):
            column.number_format = "@"
    ws.freeze_panes = f"A{L.HEADER_ROW + 1}"
    protect(ws)


def _column(ws, headers: dict, key: str, rows: int) -> str:
    letter = get_column_letter(list(headers).index(key) + 1)
    return f"{letter}{L.HEADER_ROW + 1}:{letter}{L.HEADER_ROW + rows}"


def _date_rule(ws, cache, cells: str, first: datetime.date, last: datetime.date, what: str) -> None:
    span = f"{first.isoformat()} 至 {last.isoformat()}"
    validation(
        ws,
        cache,
        cells,
        "date",
        "between",
        excel_day(first),
        excel_day(last),
        f"{what}，如 {first.isoformat()}；应在 {span} 之间。",
        f"{what}应在 {span} 之间。",
    )


def _yes_no(ws, cache, cells: str, what: str) -> None:
    validation(
        ws,
        cache,
        cells,
        "list",
        None,
        '"是,否"',
        None,
        f"{what}：请下拉选择“是”或“否”，不是可留空。",
        "请从下拉列表选择“是”或“否”。",
    )


def air_sheet(ws, year: int, cache: dict) -> None:
    widths = (13, *(9 for _ in AIR_POLLUTANTS), 8)
    title_rows(
        ws,
        f"空气日数据（选填，{year - 1}年和{year}年）",
        "每天一行，可直接粘贴监测站日数据；浓度单位 μg/m³，CO 为 mg/m³；缺测留空；本年与上年的数据填在同一张表。",
        len(AIR_HEADERS),
    )
    _data_columns(ws, AIR_HEADERS, widths)
    _date_rule(
        ws,
        cache,
        _column(ws, AIR_HEADERS, "date", AIR_ROWS),
        datetime.date(year - 1, 1, 1),
        datetime.date(year, 12, 31),
        "监测日期",
    )
    for key in AIR_POLLUTANTS:
        unit = UNIT.get(key, "μg/m³")
        top = format(AIR_PLAUSIBLE_MAX[key].normalize(), "f")
        validation(
            ws,
            cache,
            _column(ws, AIR_HEADERS, key, AIR_ROWS),
            "decimal",
            "between",
            "0",
            top,
            f"{AIR_HEADERS[key]} 日均值，单位 {unit}，0 至 {top}；缺测留空。",
            f"{AIR_HEADERS[key]} 应为 0 至 {top} 之间的数值（单位 {unit}），不带单位。",
        )
    _yes_no(ws, cache, _column(ws, AIR_HEADERS, "dust", AIR_ROWS), "沙尘天")
    L.page_setup(ws, f"{L.HEADER_ROW}:{L.HEADER_ROW}", landscape=False)


def water_sheet(ws, year: int, cache: dict, names: str) -> None:
    widths = (22, 12, *(max(8, L.text_width(h) + 2) for h in WATER_PARAM_HEADERS.values()), 7)
    title_rows(
        ws,
        f"断面监测（选填，{year}年各断面采样数据）",
        "每次采样一行；断面名称从下拉列表选择（来自“断面水质”表）；单位 mg/L（pH 无量纲）；未监测的项目留空。",
        len(WATER_COLUMNS),
    )
    _data_columns(ws, WATER_COLUMNS, widths)
    validation(
        ws,
        cache,
        _column(ws, WATER_COLUMNS, "section", WATER_ROWS),
        "list",
        None,
        names,
        None,
        "请先在“断面水质”表填写断面，再从下拉列表选择断面名称。",
        "断面名称须是“断面水质”表中的断面。",
    )
    _date_rule(
        ws,
        cache,
        _column(ws, WATER_COLUMNS, "date", WATER_ROWS),
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
        "采样日期",
    )
    low, high = (format(x, "f") for x in PH_PLAUSIBLE_RANGE)
    validation(
        ws,
        cache,
        _column(ws, WATER_COLUMNS, "ph", WATER_ROWS),
        "decimal",
        "between",
        low,
        high,
        f"pH，{low} 至 {high}；未监测留空。",
        f"pH 应为 {low} 至 {high} 之间的数值。",
    )
    for key, header in WATER_PARAM_HEADERS.items():
        if key != "ph":
            validation(
                ws,
                cache,
                _column(ws, WATER_COLUMNS, key, WATER_ROWS),
                "decimal",
                "greaterThanOrEqual",
                "0",
                None,
                f"{header}，单位 mg/L，不小于 0；未监测留空。",
                f"{header} 应为不小于 0 的数值（mg/L），不带单位。",
            )
    _yes_no(ws, cache, _column(ws, WATER_COLUMNS, "lake", WATER_ROWS), "湖库断面")
    L.page_setup(ws, f"{L.HEADER_ROW}:{L.HEADER_ROW}")


def example_text(headers: dict, example: dict, all_columns: bool = True) -> str:
    """An example row as "header value │ …"; blank columns shown as （空）, or left out."""
    return " │ ".join(
        f"{header} {example[key] if example.get(key, '') != '' else '（空）'}"
        for key, header in headers.items()
        if all_columns or example.get(key, "") != ""
    )


def info_example(ws) -> None:
    """The two sheets described at the end of 填报说明, each with an example row."""
    row = ws.max_row + 2
    L.put(ws, row, 1, "监测数据（选填）", font=L.font(bold=True, size=12))
    lines = [("", text) for text in INFO_LINES]
    lines += [
        (f"{AIR_DATA_SHEET}示例", example_text(AIR_HEADERS, AIR_EXAMPLE)),
        (
            f"{WATER_DATA_SHEET}示例",
            example_text(WATER_COLUMNS, WATER_EXAMPLE, all_columns=False) + "（其余项目未监测，留空）",
        ),
    ]
    for i, (label, text) in enumerate(lines, start=1):
        L.put(ws, row + i, 1, label or f"{i}.", font=L.font(bold=bool(label)), alignment=L.WRAP)
        L.put(ws, row + i, 2, text, font=L.font(), alignment=L.WRAP)
        L.fit_row_height(ws, row + i, (16, 96))
