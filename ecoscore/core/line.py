"""A line of an explanation: what one sub-rule did to an item's score."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Line:
    """One sub-rule's effect: `delta` < 0 is a loss, > 0 a gain; `reason` names the values used."""

    rule: str
    delta: Decimal
    reason: str
    units: tuple[str, ...] = ()
