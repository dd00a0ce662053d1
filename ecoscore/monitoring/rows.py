"""Raw monitoring rows (the JSON arrays `air_daily` / `water_samples`, or the rows of the
workbook sheets 空气日数据 / 断面监测) turned into `AirDay` and `WaterSample`, with a located
`Problem` for every cell that cannot be read. Pure: no openpyxl.

A row is (raw values by column key, Location by column key). Column keys are those of
`indicators.AIR_HEADERS`, `WATER_SAMPLE_HEADERS` and `WATER_PARAM_HEADERS`.

Blank rows are skipped, and so is a row with a date but no measured value (a day without
data is the same as a day not listed; it does not move the "截至" date). A row with a bad
cell is reported and left out (nothing is scored while a problem remains).

A daily PM2.5 or PM10 of exactly 0 is not a measurement: platform exports write 0 for 无数据
(docs/spec/indicators.md#rev2-zero-pm). It is read as missing for that
pollutant — the day is then invalid and left out of every denominator — and the days are
listed in a 提示 (`MonitoringData.notes`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import field
from decimal import Decimal
from typing import TYPE_CHECKING

from ecoscore.core.model import Location, Problem
from ecoscore.core.record import record
from ecoscore.core.values import BadValue, clean_text, is_blank, parse_bool, to_decimal
from ecoscore.monitoring.headers import AIR_HEADERS, WATER_PARAM_HEADERS, WATER_SAMPLE_HEADERS

if TYPE_CHECKING:
    from ecoscore.monitoring.indicators import AirDay, WaterSample

AIR_MEMBER = "air_daily"
WATER_MEMBER = "water_samples"
AIR_POLLUTANTS = tuple(k for k in AIR_HEADERS if k not in ("date", "dust"))
WATER_COLUMNS = {
    **{k: v for k, v in WATER_SAMPLE_HEADERS.items() if k != "lake"},
    **WATER_PARAM_HEADERS,
    "lake": WATER_SAMPLE_HEADERS["lake"],
}  # the sheet's column order
# What monitoring exports write for "not measured"; read as blank (after NFKC, lower case).
MISSING_MARKERS = frozenset({"-", "--", "---", "/", "na", "n/a", "缺测", "无数据", "无效"})
# date patterns, compiled by `re` when the first date is read (a workbook without monitoring data has none)
_DATE_TEXT = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_DATE_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
EXCEL_SERIALS = (36526, 73415)  # 2000-01-01 … 2100-12-31 as Excel day numbers

Row = tuple[dict, dict]


@record(eq=False)
class MonitoringData:
    """The monitoring data of one input: parsed rows, where each came from, and the problems
    found while reading them. `air_locations[i]` / `sample_locations[i]` belong to
    `air_days[i]` / `samples[i]` (column key → Location, plus "row" for the row itself)."""

    air_days: list[AirDay] = field(default_factory=list)
    samples: list[WaterSample] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    air_locations: list[dict] = field(default_factory=list)
    sample_locations: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 提示 from reading the rows (zero PM days)

    @property
    def given(self) -> bool:
        return bool(self.air_days or self.samples)


# ---- single cells --------------------------------------------------------------------------
def parse_date(raw: object) -> datetime.date:
    """A date from a date/datetime, an Excel day number, or text such as 2021-01-01,
    2021/1/1, 2021.1.1, 2021年1月1日, 20210101 (a time after the date is ignored)."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, datetime.time):
        raise BadValue("是时间而不是日期")
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        if EXCEL_SERIALS[0] <= raw <= EXCEL_SERIALS[1]:
            return EXCEL_EPOCH + datetime.timedelta(days=int(raw))
        raise BadValue("不是日期（日期请写成 2021-01-01）")
    text = clean_text(str(raw))
    match = re.match(_DATE_TEXT, text) or re.match(_DATE_COMPACT, text)
    if not match:
        raise BadValue("不是日期（日期请写成 2021-01-01）")
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise BadValue("这一天不存在") from None


def parse_number(raw: object) -> Decimal | None:
    """A measured value; blank and the usual "not measured" marks (—, /, 缺测…) are None."""
    if is_blank(raw) or (isinstance(raw, str) and clean_text(raw).lower() in MISSING_MARKERS):
        return None
    if isinstance(raw, str) and re.search(r"\d\s*l$|未检出|^[<＜]|^nd$", clean_text(raw).lower()):
        raise BadValue("是低于检出限的写法；请按本单位的计算口径换算成数值后填写")
    return to_decimal(raw, allow_percent=False)


def parse_flag(raw: object) -> bool:
    return False if is_blank(raw) else parse_bool(raw)


# ---- rows -------------------------------------------------------------------------------
def _cell(problems: list, locs: dict, key: str, header: str, raw, reader, what: str):
    try:
        return reader(raw), True
    except BadValue as bad:
        problems.append(
            Problem(
                "invalid_value",
                f"{header}：填写的“{raw}”{bad}",
                key=f"{what}.{key}",
                value=raw,
                location=locs.get(key) or locs.get("row"),
            )
        )
        return None, False


ZERO_AS_MISSING = ("pm25", "pm10")  # 0 is 无数据 in platform exports, not a concentration


def parse_air_rows(
    rows: list[Row], problems: list[Problem], zeros: list[tuple[datetime.date, str]] | None = None
) -> tuple[list[AirDay], list[dict]]:
    """AirDays from the rows; a PM2.5 or PM10 of exactly 0 is read as missing and its
    (date, pollutant) appended to `zeros`."""
    days, locations = [], []
    if not rows:
        return days, locations
    from ecoscore.monitoring.indicators.air import AirDay  # loaded only for a workbook with air data

    for raw, locs in rows:
        if all(is_blank(v) for v in raw.values()):
            continue
        ok = True
        values = {}
        for key in AIR_POLLUTANTS:
            values[key], good = _cell(problems, locs, key, AIR_HEADERS[key], raw.get(key), parse_number, AIR_MEMBER)
            ok &= good
        dust, good = _cell(problems, locs, "dust", AIR_HEADERS["dust"], raw.get("dust"), parse_flag, AIR_MEMBER)
        ok &= good
        if is_blank(raw.get("date")):
            if any(v is not None for v in values.values()):
                problems.append(
                    Problem(
                        "invalid_value",
                        "日期为空：每行空气日数据都要填日期",
                        key=f"{AIR_MEMBER}.date",
                        location=locs.get("date") or locs.get("row"),
                        expected="日期，如 2021-01-01",
                    )
                )
            continue
        day, good = _cell(problems, locs, "date", AIR_HEADERS["date"], raw.get("date"), parse_date, AIR_MEMBER)
        if not (ok and good) or all(v is None for v in values.values()):
            continue
        for key in ZERO_AS_MISSING:
            if values[key] is not None and values[key] == 0:
                values[key] = None
                if zeros is not None:
                    zeros.append((day, key))
        days.append(AirDay(day, **values, dust=bool(dust)))
        locations.append(locs)
    return days, locations


def parse_water_rows(rows: list[Row], problems: list[Problem]) -> tuple[list[WaterSample], list[dict]]:
    samples, locations = [], []
    if not rows:
        return samples, locations
    from ecoscore.monitoring.indicators.water import WaterSample  # loaded only for a workbook with samples

    for raw, locs in rows:
        if all(is_blank(v) for v in raw.values()):
            continue
        ok = True
        values = {}
        for key, header in WATER_PARAM_HEADERS.items():
            values[key], good = _cell(problems, locs, key, header, raw.get(key), parse_number, WATER_MEMBER)
            ok &= good
        lake, good = _cell(
            problems, locs, "lake", WATER_SAMPLE_HEADERS["lake"], raw.get("lake"), parse_flag, WATER_MEMBER
        )
        ok &= good
        name = "" if is_blank(raw.get("section")) else clean_text(str(raw["section"]))
        for key, text in (("section", "断面名称为空"), ("date", "采样日期为空")):
            if is_blank(raw.get(key)):
                ok = False
                problems.append(
                    Problem(
                        "invalid_value",
                        f"{text}：每行断面监测数据都要填断面名称和采样日期",
                        key=f"{WATER_MEMBER}.{key}",
                        location=locs.get(key) or locs.get("row"),
                    )
                )
        day = None
        if not is_blank(raw.get("date")):
            day, good = _cell(
                problems, locs, "date", WATER_SAMPLE_HEADERS["date"], raw.get("date"), parse_date, WATER_MEMBER
            )
            ok &= good
        if ok and any(v is not None for v in values.values()):
            samples.append(WaterSample(name, day, values, lake=bool(lake)))
            locations.append(locs)
    return samples, locations


# ---- JSON -------------------------------------------------------------------------------
def _json_rows(doc: dict, member: str, columns, problems: list[Problem]) -> list[Row]:
    entries = doc.get(member)
    if entries is None:
        return []
    if not isinstance(entries, list):
        problems.append(
            Problem(
                "invalid_value",
                f'{member} 应为对象的列表，如 [{{"date": "2021-01-01", …}}]',
                key=member,
                location=Location("JSON", member),
            )
        )
        return []
    rows = []
    for i, entry in enumerate(entries):
        where = f"{member}[{i}]"
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    "invalid_value",
                    f'{where} 应为对象（{{"列名": 值}}）',
                    key=member,
                    value=entry,
                    location=Location("JSON", where),
                )
            )
            continue
        for key in entry:
            if key not in columns:
                problems.append(
                    Problem(
                        "unknown_key",
                        f"未知的列“{key}”（应为 {', '.join(columns)}）",
                        key=f"{member}.{key}",
                        value=entry[key],
                        location=Location("JSON", f"{where}.{key}"),
                    )
                )
        locs = {key: Location("JSON", f"{where}.{key}") for key in columns}
        locs["row"] = Location("JSON", where)
        rows.append(({key: entry.get(key) for key in columns}, locs))
    return rows


def from_json(doc: dict) -> MonitoringData | None:
    """The `air_daily` / `water_samples` members of a JSON input; None when neither is there."""
    if doc.get(AIR_MEMBER) is None and doc.get(WATER_MEMBER) is None:
        return None
    problems: list[Problem] = []
    air_rows = _json_rows(doc, AIR_MEMBER, AIR_HEADERS, problems)
    water_rows = _json_rows(doc, WATER_MEMBER, WATER_COLUMNS, problems)
    return from_rows(air_rows, water_rows, problems)


def from_rows(air_rows: list[Row], water_rows: list[Row], problems: list[Problem] | None = None) -> MonitoringData:
    """MonitoringData from rows read anywhere (JSON members or workbook sheets)."""
    problems = list(problems or [])
    zeros: list[tuple[datetime.date, str]] = []
    days, air_locations = parse_air_rows(air_rows, problems, zeros)
    samples, sample_locations = parse_water_rows(water_rows, problems)
    notes = [zero_pm_note(zeros)] if zeros else []
    return MonitoringData(days, samples, problems, air_locations, sample_locations, notes)


POLLUTANT_TEXT = {"pm25": "PM2.5", "pm10": "PM10"}


def zero_pm_note(zeros: list[tuple[datetime.date, str]]) -> str:
    """The 提示 listing the days whose PM2.5 or PM10 was 0, read as 无数据."""
    by_day: dict[datetime.date, list[str]] = {}
    for day, key in zeros:
        by_day.setdefault(day, []).append(POLLUTANT_TEXT[key])
    days = "、".join(f"{d.isoformat()}（{'、'.join(p)}）" for d, p in sorted(by_day.items()))
    return (
        f"空气日数据中 {len(by_day)} 天的 PM2.5 或 PM10 为 0，按缺测处理（监测平台导出时以 0 表示无数据），"
        f"这些天为无效天，不计入各项指标：{days}"
    )
