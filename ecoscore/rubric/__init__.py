"""Rubric editions: how items are declared (`declare`), what an edition is (`Rubric`), the
editions themselves (one package each, e.g. `huaihua2021`), and the registry of them by id.

Editions are imported when first asked for, so `import ecoscore.rubric` costs nothing.
"""

from __future__ import annotations

import importlib

from ecoscore.rubric.edition import Rubric

# id → the module whose RUBRIC is that edition
EDITIONS: dict[str, str] = {"huaihua-2021": "ecoscore.rubric.huaihua2021"}
DEFAULT_ID = "huaihua-2021"


def get(rubric_id: str = DEFAULT_ID) -> Rubric:
    """The edition with this id (KeyError for an unknown one; `ids()` lists them)."""
    return importlib.import_module(EDITIONS[rubric_id]).RUBRIC


def of(rubric_id: str) -> Rubric:
    """The edition a report names (`Report.rubric`); a report built by hand, naming none, is
    taken as the default edition's."""
    return get(rubric_id or DEFAULT_ID)


def default() -> Rubric:
    return get(DEFAULT_ID)


def ids() -> list[str]:
    return list(EDITIONS)


def editions() -> list[Rubric]:
    return [get(i) for i in EDITIONS]


def for_year(year: int) -> Rubric | None:
    """The edition that applies to assessment year `year`, if there is one (no guessing)."""
    for edition in editions():
        if edition.year == year:
            return edition
    return None


def listing() -> str:
    """The editions there are, for messages: "huaihua-2021（《2021年…细则》，适用于 2021 年度）"."""
    return "；".join(f"{e.id}（《{e.title}》，适用于 {e.year} 年度）" for e in editions())


__all__ = ["Rubric", "get", "of", "default", "ids", "editions", "for_year", "listing", "EDITIONS", "DEFAULT_ID"]
