"""A line of an explanation: what one sub-rule did to an item's score."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ecoscore.core.record import record


@record(frozen=True)
class Line:
    """One sub-rule's effect: `delta` < 0 is a loss, > 0 a gain; `reason` names the values used.

    `delta` is exact (accountability shares it); `shown` is the two-decimal amount users see,
    set by the engine so an item's shown lines add up to its score − points (docs/spec/decisions.md#d3-display).
    """

    rule: str
    delta: Decimal
    reason: str
    units: tuple[str, ...] = ()
    shown: Decimal | None = None

    @property
    def display(self) -> Decimal:
        """The amount to show: `shown` when the engine set it, else `delta` rounded half-up."""
        if self.shown is not None:
            return self.shown
        return self.delta.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
