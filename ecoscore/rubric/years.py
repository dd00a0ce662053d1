"""The year words of reasons and labels, in one place (docs/spec/decisions.md#dev-12-7).

An edition's text names its own years ("较2020年下降", "2021年畜禽粪污综合利用率"): 2020 is
the year before the one it assesses, 2021 the year it assesses. Where a reason or a label
describes the data, these helpers name the data's years instead, so 2020 data scored on the
2021 basis read "较上年（2019年）". The rules' source text is never changed; fixed base years
(2018 for the sewage targets, the heavy-day base years) are calendar years and stay as they are.
"""

from __future__ import annotations

import re

from ecoscore.core.fields import Field, Period


def data_year(x) -> int:
    """The 考核年度 of the data a scoring function sees (`Inputs.year`; the edition's when unknown)."""
    return x.year or x.edition_year


def last_year(x) -> str:
    """ "上年（2019年）" for 2020 data."""
    return f"上年（{data_year(x) - 1}年）"


def this_year(x) -> str:
    """ "本年（2020年）" for 2020 data."""
    return f"本年（{data_year(x)}年）"


def window(x, years: tuple[int, ...]) -> str:
    """A calendar-year window the edition fixes ("2018–2020年"), saying so when it holds the data year."""
    text = f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    y = data_year(x)
    if y != x.edition_year:
        text += f"（{x.edition_year}年细则规定的基准年" + ("，含本年度" if years[0] <= y <= years[-1] else "") + "）"
    return text


def label_for_year(f: Field, edition_year: int, year: int | None) -> str:
    """A field's label with the edition's year words moved to the data year (`year`).

    Only the words that mean "the assessed year" and "the year before" move: a leading
    "2021年", "上年（2020年）", "较2020年". A field of a named calendar year (Period.YEAR) keeps its year.
    """
    if not year or year == edition_year or f.period is Period.YEAR:
        return f.label
    prev, cur = edition_year - 1, edition_year
    text = f.label.replace(f"上年（{prev}年）", f"上年（{year - 1}年）")
    text = re.sub(rf"较{prev}年(?!度)", f"较{year - 1}年", text)
    return re.sub(rf"^{cur}年(?!度)", f"{year}年", text)
