"""The scored workbook's 监测测算 sheet: every figure derived from the monitoring data beside the
typed one, the days used and left out, primary pollutants by month, each section's class and the
parameters that set it, and the mid-year view with its 预测 score. Written only when the input
had monitoring data (`report.monitoring`)."""

from __future__ import annotations

from decimal import Decimal

from ecoscore.core.fields import SECTION_COLUMNS, class_name, section_key, section_of_key
from ecoscore.core.kit import approx, pts
from ecoscore.core.model import Report, json_value
from ecoscore.monitoring.bridge import air_field_values
from ecoscore.monitoring.indicators import WATER_PARAM_HEADERS, AirYear
from ecoscore.rubric import Rubric
from ecoscore.workbook import layout as L

MONITORING_SHEET = "监测测算"
WIDTHS = (30, 34, 10, 12, 12, 10, 60)
RESULT_HEADERS = ("字段编码", "指标", "单位", "测算值", "填报值", "差值", "处理")
AIR_HEADERS = ("年份", "数据日期", "天数", "有效天数", "参与统计", "特护期天数", "无效日期与数据完整性")
PRIMARY_HEADERS = ("月份", "SO2", "NO2", "PM10", "CO", "O3", "PM2.5")
PRIMARY_KEYS = (("so2",), ("no2",), ("pm10",), ("co",), ("o3_8h", "o3_1h"), ("pm25",))
SECTION_HEADERS = (
    "断面名称",
    "级别、样品",
    "测算类别",
    "填报类别",
    "水质综合指数",
    "湖库",
    "定类因子与各项目年均值（mg/L，pH 无量纲）",
)
MID_HEADERS = ("字段编码", "指标", "单位", "截至值", "预测值", "", "说明")


def cell_value(value):
    if isinstance(value, bool):
        return "是" if value else "否"
    return json_value(value)


def dates_text(dates) -> str:
    return "、".join(f"{d.month}月{d.day}日" for d in dates) if dates else "无"


def write_monitoring_sheet(wb, report: Report, rubric: Rubric) -> None:
    d = report.monitoring
    if d is None:
        return
    ws = wb.create_sheet(MONITORING_SHEET)
    L.put(ws, 1, 1, "监测测算：由空气日数据、断面监测数据按国家标准测算的指标", font=L.font(bold=True, size=14))
    L.put(
        ws,
        2,
        1,
        "测算值只填入空白的字段；已填写的以填报值为准，不一致时列出差值（填报值 − 测算值）。按 HJ 633-2012、"
        "HJ 663-2013、GB 3838-2002 和城市地表水环境质量排名技术规定测算。",
        font=L.font(color="595959", size=10),
    )
    L.header_row(ws, 3, RESULT_HEADERS, WIDTHS)
    r = rows(ws, 4, result_rows(report, rubric))
    for note in d.notes:
        r = wide_row(ws, r, "说明", note)
    if d.current is not None or d.previous is not None:
        r = air_tables(ws, r + 1, d)
    if d.water:
        r = band(ws, r + 1, "断面水质（本年样品的年均值，按 GB 3838-2002 定类）", SECTION_HEADERS)
        r = rows(ws, r, section_rows(report))
    if d.mid_year is not None:
        r = mid_year(ws, r + 1, d.mid_year, rubric)
    L.page_setup(ws, None)  # several tables with their own headers: no repeated title row


def band(ws, r: int, title: str, headers) -> int:
    L.put(ws, r, 1, title, font=L.font(bold=True, size=12))
    L.header_row(ws, r + 1, headers, WIDTHS)
    return r + 2


def rows(ws, r: int, values) -> int:
    for row in values:
        for c, v in enumerate(row, start=1):
            L.put(ws, r, c, cell_value(v), font=L.font(), alignment=L.WRAP, border=L.BORDER)
        L.fit_row_height(ws, r, WIDTHS)
        r += 1
    return r


def wide_row(ws, r: int, label: str, text: str) -> int:
    """A label and a text spanning the other columns (notes, the projection's total)."""
    L.put(ws, r, 1, label, font=L.font(bold=True), alignment=L.WRAP, border=L.BORDER)
    L.put(ws, r, 2, text, font=L.font(), alignment=L.WRAP, border=L.BORDER)
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(WIDTHS))
    ws.row_dimensions[r].height = 15 * L.line_count(text, sum(WIDTHS[1:])) + 3
    return r + 1


def result_rows(report: Report, rubric: Rubric) -> list[tuple]:
    d, cat = report.monitoring, rubric.catalogue
    typed_classes = {s.name: class_name(s.cur) for s in report.sections}
    differences = {x.key: x for x in d.differences}
    out = []
    for key, value in d.derived.items():
        f = cat.get(key)
        section = section_of_key(key)
        if section:
            name = section[0]
            label, unit, typed = f"断面“{name}”{SECTION_COLUMNS[section[1]]}", "", typed_classes.get(name)
        else:
            label, unit, typed = f.label, f.unit, report.values.get(key)
        delta = None
        if key in d.filled:
            typed, what = None, "已填入（原为空白）"
        elif key in differences:
            x = differences[key]
            typed, delta = x.typed, x.delta
            what = "与填报值不一致，以填报值为准" + ("" if delta is not None else f"（测算为{value}类）")
        elif key in d.provisional:
            what = d.provisional[key] + ("；已填写的以填报值为准" if typed is not None else "")
        else:
            what = "与填报值一致"
        out.append((key, label, unit, value, typed, delta, what))
    return out


def air_tables(ws, r: int, d) -> int:
    years = [y for y in (d.previous, d.current) if y is not None]
    r = band(ws, r, f"空气日数据（特护期 {d.special_periods}）", AIR_HEADERS)
    r = rows(ws, r, [air_row(y) for y in years])
    r = band(ws, r + 1, "各月首要污染物（天数，AQI > 50 的日子）", PRIMARY_HEADERS)
    primary = []
    for y in years:
        for month, counts in y.primary_by_month.items():
            primary.append(
                (f"{y.year}年{month}月", *(sum(counts.get(k, 0) for k in keys) or None for keys in PRIMARY_KEYS))
            )
    return rows(ws, r, primary or [("无首要污染物", None, None, None, None, None, None)])


def air_row(y: AirYear) -> tuple:
    span = f"至{y.last_date.month}月{y.last_date.day}日" if y.last_date else "无数据"
    status = "数据完整" if y.complete else "暂定：" + "；".join(y.incomplete_reasons)
    notes = [f"无效日期（六项污染物不全）：{dates_text(y.invalid_dates)}", status]
    if y.o3_unrated_dates:
        notes.append(f"O3 无法评价（缺 O3_1h）：{dates_text(y.o3_unrated_dates)}")
    if y.dust_dates_excluded:
        notes.append(f"扣沙日：{dates_text(y.dust_dates_excluded)}")
    return (f"{y.year}年", span, y.days_total, y.days_valid, y.days_used, y.special_days_valid, "\n".join(notes))


def section_rows(report: Report) -> list[tuple]:
    d = report.monitoring
    typed = {s.name: class_name(s.cur) for s in report.sections}
    out = []
    for name, q in d.water.items():
        key = section_key(name, "cur")
        first, last = q.dates[0], q.dates[-1]
        sampled = (
            f"{d.levels.get(name, '')}，{q.samples} 个样品（{first.month}月{first.day}日—{last.month}月{last.day}日）"
        )
        setting = "、".join(f"{WATER_PARAM_HEADERS[p]} {approx(q.means[p], 4)}" for p in q.setting_params)
        means = "；".join(
            f"{WATER_PARAM_HEADERS[p]} {approx(v, 4)}（{class_name(q.param_classes[p])}）" for p, v in q.means.items()
        )
        shown = None if key in d.filled else typed.get(name)
        out.append(
            (
                name,
                sampled,
                class_name(q.cls),
                shown,
                q.cwqi.quantize(Decimal("0.0001")),
                q.lake,
                f"定类因子：{setting}\n年均值：{means}",
            )
        )
    return out


def mid_year(ws, r: int, mid, rubric: Rubric) -> int:
    r = band(ws, r, f"年中情况：本年空气日数据{mid.label}", MID_HEADERS)
    cat = rubric.catalogue
    figures = air_field_values(rubric, mid.current, None)
    keys = list(mid.values) or list(figures)
    out = []
    for key in keys:
        what = ("预测时填入" if key in mid.fill else "已填写，预测沿用填报值") if mid.values else "截至值，未填入"
        out.append((key, cat[key].label, cat[key].unit, figures.get(key), mid.values.get(key), None, what))
    r = rows(ws, r, out)
    if mid.projection is None:
        return wide_row(ws, r, "预测", "没有上年同期以后的日数据，未作预测")
    total = f"{pts(mid.total)} 分" if mid.total is not None else "未评分"
    if mid.provisional:
        total += f"（暂定：另有 {pts(mid.unscored_points)} 分的条款缺数据未评分）"
    reasons = "" if mid.projection.complete else "；预测数据仍不完整：" + "；".join(mid.projection.incomplete_reasons)
    return rows(ws, r, [("预测总分", total, None, None, None, None, mid.projection_label + reasons)])
