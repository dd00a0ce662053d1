"""The column headers of the monitoring data sheets 空气日数据 and 断面监测 (JSON uses the keys).

Apart from the indicators and their standard tables (`ecoscore.monitoring.indicators`): reading
any workbook needs the headers, only a workbook with monitoring data needs the indicators.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

AIR_HEADERS: Mapping[str, str] = MappingProxyType(
    {
        "date": "日期",
        "so2": "SO2",
        "no2": "NO2",
        "pm10": "PM10",
        "co": "CO",
        "o3_8h": "O3_8h",
        "pm25": "PM2.5",
        "o3_1h": "O3_1h",
        "dust": "沙尘",
    }
)

WATER_SAMPLE_HEADERS: Mapping[str, str] = MappingProxyType(
    {
        "section": "断面名称",
        "date": "采样日期",
        "lake": "湖库",
    }
)

# Parameter order is the sheet's column order and the order 定类因子 are listed in.
WATER_PARAM_HEADERS: Mapping[str, str] = MappingProxyType(
    {
        "ph": "pH",
        "do": "溶解氧",
        "codmn": "高锰酸盐指数",
        "cod": "化学需氧量",
        "bod5": "五日生化需氧量",
        "nh3n": "氨氮",
        "tp": "总磷",
        "cu": "铜",
        "zn": "锌",
        "f": "氟化物",
        "se": "硒",
        "as": "砷",
        "hg": "汞",
        "cd": "镉",
        "cr6": "六价铬",
        "pb": "铅",
        "cn": "氰化物",
        "phenol": "挥发酚",
        "petroleum": "石油类",
        "las": "阴离子表面活性剂",
        "sulfide": "硫化物",
    }
)
