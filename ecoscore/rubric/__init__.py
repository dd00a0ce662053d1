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


__all__ = ["Rubric", "get", "of", "default", "ids", "editions", "EDITIONS", "DEFAULT_ID"]
