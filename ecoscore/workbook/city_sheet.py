"""The scored workbook's 全市测算 sheet: the figures the city batch derived for this county
(全市平均改善幅度、水质综合指数全市排名、全市第1名), the value used beside the derived and the
typed one, and how each was found. Written only when the county was scored in a city batch
(`report.city`)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.model import Report
from ecoscore.workbook.tables import n, sheet_start, write_rows

CITY_SHEET = "全市测算"
HEADERS = ("字段", "采用值", "测算值", "填报值", "差异", "依据")
WIDTHS = (34, 11, 11, 11, 11, 90)
HINT = (
    "本批次由全市各县（市、区）的数据测算的数值：只填入空白的字段；已填写的以填报值为准（可能是市里通报的数值），"
    "不一致时列出差异（填报值 − 测算值）。"
)


def shown(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return n(value)
    return value


def city_rows(report: Report) -> list[tuple]:
    out = []
    for f in report.city:
        if f.typed is None:
            typed = "空白，已填入测算值"
        else:
            typed = shown(f.typed)
        delta: object = ""
        if f.differs:
            delta = n(f.delta) if f.delta is not None else "不一致"
        out.append((f.label, shown(f.used), shown(f.derived), typed, delta, f.basis))
    return out


def write_city_sheet(wb, report: Report) -> None:
    if not report.city:
        return
    ws = wb.create_sheet(CITY_SHEET)
    first = sheet_start(ws, f"全市测算：{report.county or ''}在本批次中的全市平均、排名和第1名", HINT, HEADERS, WIDTHS)
    write_rows(ws, first, city_rows(report), WIDTHS)  # General format: a rank stays 1, an average 23.68
