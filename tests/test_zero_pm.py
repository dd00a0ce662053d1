"""docs/spec/indicators.md#rev2-zero-pm: a daily PM2.5 or PM10 of exactly 0 is 无数据, not a concentration."""

import copy
import datetime
import json
from decimal import Decimal
from pathlib import Path

from ecoscore.monitoring.indicators import annual_air
from ecoscore.monitoring.rows import from_json
from ecoscore.services.load import score_input
from ecoscore.sources.inputs import json_input

EXAMPLE = json.loads((Path(__file__).resolve().parent.parent / "examples" / "中方县-2021.json").read_text("utf-8"))
CLEAN = {"so2": 10, "no2": 20, "pm10": 40, "co": 0.8, "o3_8h": 80, "pm25": 20}  # every IAQI ≤ 50: a good day


def rows():
    return [
        {"date": "2021-06-01", **CLEAN},
        {"date": "2021-06-02", **CLEAN, "pm25": 0},  # 0 = 无数据: the day is invalid
        {"date": "2021-06-03", **CLEAN, "pm25": 100},  # PM2.5 IAQI 100 + 50 × 25/40 = 131.25 → 132: not good
        {"date": "2021-06-04", **CLEAN, "pm10": 0},  # PM10 0 likewise
        {"date": "2021-06-05", **CLEAN},
    ]


def test_zero_pm_read_as_missing_and_the_day_left_out_of_the_good_day_ratio():
    data = from_json({"air_daily": rows()})
    assert data.problems == []
    by_date = {d.date.day: d for d in data.air_days}
    assert by_date[2].pm25 is None and by_date[2].pm10 == 40
    assert by_date[4].pm10 is None and by_date[4].pm25 == 20
    year = annual_air(data.air_days, 2021)
    # valid days 1, 3, 5; good 1 and 5: 2 / 3 = 66.67 % → 66.7 (one decimal). Read as 0 µg/m³
    # the days 2 and 4 would be valid and good: 4 / 5 = 80 %.
    assert year.days_valid == 3
    assert year.invalid_dates == [datetime.date(2021, 6, 2), datetime.date(2021, 6, 4)]
    assert year.good_days == 2 and year.good_days_ratio == Decimal("66.7")
    (note,) = data.notes
    assert "2021-06-02（PM2.5）" in note and "2021-06-04（PM10）" in note and "按缺测处理" in note


def test_a_small_positive_pm_is_a_measurement():
    data = from_json({"air_daily": [{"date": "2021-06-01", **CLEAN, "pm25": 0.4}]})
    assert data.air_days[0].pm25 == Decimal("0.4") and data.notes == []


def test_the_zero_pm_days_are_a_report_note():
    doc = copy.deepcopy(EXAMPLE)
    doc["air_daily"] = rows()
    report = score_input(json_input(doc))
    assert any("2021-06-02（PM2.5）" in n for n in report.notes)
    assert any("2021-06-02（PM2.5）" in n for n in report.to_dict()["notes"])
