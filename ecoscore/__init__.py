"""ecoscore: score a county's annual ecological-environment-protection assessment.

Library first, CLI on top: `score_values(values, sections)` returns a `Report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecoscore.core.lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ecoscore.core.model import InputError, Problem, Report

# loaded on first use: `ecoscore --help` needs only the version
__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(("InputError", "Problem", "Report"), "ecoscore.core.model"))


def score_values(values: dict, sections: list[dict] | None = None, **kw) -> Report:
    """Score one county-year from raw values and water-section rows (see `engine.score_values`)."""
    from ecoscore.scoring.engine import score_values as _score

    return _score(values, sections, **kw)


__all__ = ["score_values", "Report", "InputError", "Problem", "__version__"]
