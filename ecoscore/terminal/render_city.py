"""The batch summary's line about the figures derived across the counties (全市测算)."""

from __future__ import annotations


def city_lines(result) -> list[tuple[str, str]]:
    """One or two (line, style): what the batch derived and used, or why it derived nothing."""
    city = getattr(result, "city", None)
    if city is None:
        note = getattr(result, "city_note", "")
        return [(note, "dim")] if note else []
    lines: list[tuple[str, str]] = [
        (
            f"全市测算：由 {len(city.names)} 个县（市、区）的数据测算全市平均改善幅度、水质综合指数排名和全市第1名，"
            f"填入空白字段 {city.filled} 处"
            + (
                f"，{city.differences} 处与填报值不一致（以填报值为准，见各县“全市测算”表）" if city.differences else ""
            ),
            "dim",
        )
    ]
    lines += [(f"提示：{text}", "yellow") for text, _ in city.figures.notes]
    return lines
