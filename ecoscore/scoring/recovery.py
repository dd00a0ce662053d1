"""Where the points are (docs/spec/decisions.md#dev-15-recovery): for every item (and the penalty)
that lost points, what change of one input the county can act on recovers how much.

Nothing is written per item: each input the item reads is varied alone and the item re-scored
by its own formula (as `engine.run_item` calls it), so the answer follows the rules as they are.
For one input this finds the direction that improves the score, the points one natural unit
recovers at the current value, and the nearest value at which the most that input can give
comes back (whole numbers step by 1, other figures by 0.1 or 0.01, within the field's valid
range). Every figure is an exact Decimal; each `Recovery` is one input changed alone, so two of
them do not add up.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ecoscore.core.fields import Field, Period, Role, WaterSection
from ecoscore.core.kit import ZERO, D, clamp_item, round2
from ecoscore.core.model import Report
from ecoscore.core.record import record
from ecoscore.rubric import Rubric
from ecoscore.rubric.declare import Inputs, Item
from ecoscore.scoring.engine import is_missing
from ecoscore.scoring.recovery_words import Knob, Search, bool_text, choice_text, section_knob, shown, step_text

ACTED_ON = (Role.ANSWER, Role.FIGURE)  # targets and city-wide figures are not the county's to change
THIS_YEAR = (Period.NONE, Period.CURRENT)  # nor are last year's or the base years' figures
FAR = Decimal(1000)  # natural units searched on a side without a bound (counts, signed percentages)
# the search step of a figure that is not a whole number: 0.1, or 0.01 for a value filled with
# two decimals or more (the values named then have no more decimals than the county's own)
TENTH, FINE = Decimal("0.1"), Decimal("0.01")


@record(frozen=True)
class Recovery:
    item_id: str  # "9", or "P" for the penalty
    item_name: str
    rules: tuple[str, ...]  # the sub-rules whose loss shrinks
    key: str  # the field's key, or "sections[i].cur" for a water section's 本年类别
    label: str  # the field's Chinese label
    current: str  # the value as filled, with its unit
    points: Decimal  # points recovered at the value the sentence names
    rate: Decimal | None  # points one natural unit recovers at the current value (None: yes/no, choice, < 1 unit to go)
    how: str  # the sentence, without the label: "每下降 1 μg/m³ 挽回 0.50 分，降至 32 μg/m³ 可挽回 2.00 分"
    units: tuple[str, ...]  # responsible units of those sub-rules, by the county's names

    @property
    def sentence(self) -> str:
        """The sentence with its input named, for a list without a 字段 column."""
        return f"{self.label}{self.how}" if self.how.startswith("每") else f"{self.label}：{self.how}"


# value → (the item's score as shown, exact points per sub-rule), or None when the changed input leaves it unscorable
Scorer = Callable[[dict, tuple[WaterSection, ...]], tuple[Decimal, dict[str, Decimal]] | None]


def item_scorer(it: Item, rubric: Rubric, year: int | None) -> Scorer:
    points = it.points if it.points is not None else ZERO

    allowed, formula = frozenset(it.keys), it.score
    assert formula is not None
    # Every try fills one input of a scorable item: only a conditional field can become missing,
    # so only those are asked (the bonus's and the penalty's fields are all optional).
    conditional = [] if it.points is None else [f for k in it.keys if (f := rubric.catalogue[k]).required_when]

    def value(typed: dict, sections: tuple[WaterSection, ...]):
        if conditional and any(is_missing(f, typed) for f in conditional):
            return None  # e.g. a special-period figure needed once PM2.5 misses its target
        if it.uses_sections and not sections:
            return None
        # the item's formula as `engine.run_item` calls it, without attaching units (not needed here)
        x = Inputs(
            typed,
            allowed,
            sections if it.uses_sections else None,
            params=rubric.params,
            year=year or rubric.year,
            edition_year=rubric.year,
        )
        by_rule: dict[str, Decimal] = {}
        for ln in formula(x):
            by_rule[ln.rule] = by_rule.get(ln.rule, ZERO) + ln.delta
        raw = points + sum(by_rule.values(), ZERO)
        if it.points is None:  # the penalty: no clamp, its total is what the county loses
            return round2(raw), by_rule
        clamped, _ = clamp_item(raw, points)
        rule = it.clamp_rule or it.id
        by_rule[rule] = by_rule.get(rule, ZERO) + clamped - raw
        # the score as the engine reports it (rounded once): a recovery is a change users will see
        return round2(clamped), by_rule

    return value


def read_keys(it: Item, rubric: Rubric) -> tuple[str, ...]:
    """What scoring the item reads: its fields, and those its fields' conditions look at."""
    cat = rubric.catalogue
    extra = (k for key in it.keys if (c := cat[key].required_when) is not None for k in c.keys)
    return tuple(dict.fromkeys((*it.keys, *extra)))


def acted_on(f: Field) -> bool:
    return f.role in ACTED_ON and f.period in THIS_YEAR and not f.assigned and not f.informational and f.kind != "text"


def capped_by(rubric: Rubric) -> dict[str, tuple[str, ...]]:
    """key → the fields that must not exceed it (`Field.at_most`): it cannot go below them."""
    out: dict[str, list[str]] = {}
    for key, f in rubric.catalogue.items():
        if f.at_most:
            out.setdefault(f.at_most, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def field_knob(f: Field, typed: dict, floors: dict[str, tuple[str, ...]]) -> Knob | None:
    v = typed.get(f.key)
    if v is None or not acted_on(f):
        return None
    lo, hi = f.minimum, f.maximum
    if f.positive:
        lo = FINE if not f.whole else Decimal(1)
    if f.at_most:
        other = typed.get(f.at_most)
        hi = Decimal(other if other is not None else 0) if hi is None else min(hi, Decimal(other or 0))
    for below in floors.get(f.key, ()):
        floor = typed.get(below)
        if floor is not None:
            lo = Decimal(floor) if lo is None else max(lo, Decimal(floor))

    whole_int = isinstance(v, int) and not isinstance(v, bool)  # counts stay ints, as validation types them

    def put(value, typed: dict, sections: tuple[WaterSection, ...]):
        return {**typed, f.key: int(value) if whole_int else value}, sections

    return Knob(f.key, f.label, f.kind, f.unit, v, lo, hi, f.whole, f.choices, put)


def recoveries(report: Report, rubric: Rubric) -> list[Recovery]:
    """Every recovery of every item that lost points and of the penalty, most points first
    (ties in rubric order)."""
    typed, sections = report.values, tuple(report.sections)
    losing = [(rubric.item(r.id), r.name) for r in report.items if r.score is not None and r.lost and r.lost > 0]
    if report.penalty.score > 0:
        losing.append((rubric.item("P"), report.penalty.name))
    floors = capped_by(rubric)
    out: list[Recovery] = []
    for it, name in losing:
        out += item_recoveries(it, name, typed, sections, rubric, report.year, report.unit_names, floors)
    return sorted(out, key=lambda r: -r.points)  # stable: rubric order within equal points


def item_recoveries(
    it: Item,
    name: str,
    typed: dict,
    sections: tuple[WaterSection, ...],
    rubric: Rubric,
    year: int | None,
    names: dict[str, str],
    floors: dict[str, tuple[str, ...]],
) -> list[Recovery]:
    scorer = item_scorer(it, rubric, year)
    full_typed, typed = typed, {k: typed.get(k) for k in read_keys(it, rubric)}  # copied per try: keep it small
    base = scorer(typed, sections)
    if base is None:
        return []
    knobs = [field_knob(rubric.catalogue[key], full_typed, floors) for key in it.keys]
    if it.uses_sections:
        knobs += [section_knob(i, s) for i, s in enumerate(sections) if s.cur > 1]
    out = []
    for knob in knobs:
        if knob is None:
            continue
        tried: dict = {}
        found = best_change(knob, scorer, base[0], typed, sections, tried)
        if found is None:
            continue
        points, value, rate, how = found
        after = tried[value]
        rules = tuple(r for r, d in after[1].items() if d > base[1].get(r, ZERO)) or (it.id,)
        units = tuple(dict.fromkeys(names.get(u, u) for r in rules for u in it.units_for(r)))
        out.append(
            Recovery(it.id, name, rules, knob.key, knob.label, shown(knob, knob.value), points, rate, how, units)
        )
    return out


def best_change(knob: Knob, scorer: Scorer, base: Decimal, typed: dict, sections: tuple, tried: dict) -> tuple | None:
    """(points, the value that recovers them, points per natural unit, the sentence), or None
    when no change of this input alone recovers anything. `tried` collects value → score."""

    def gain(value) -> Decimal | None:
        result = tried[value] = scorer(*knob.put(value, typed, sections))
        return None if result is None else result[0] - base

    if knob.kind == "bool":
        g = gain(not knob.value)
        return (g, not knob.value, None, bool_text(knob, g)) if g is not None and g > 0 else None
    if knob.kind == "enum":
        gains = [(g, c) for c in knob.choices if c != knob.value and (g := gain(c)) is not None and g > 0]
        if not gains:
            return None
        gains.sort(key=lambda p: -p[0])
        return gains[0][0], gains[0][1], None, choice_text(gains)
    found = [s for s in (search(knob, gain, -1), search(knob, gain, 1)) if s is not None]
    if not found:
        return None
    s = max(found, key=lambda s: s.points)
    return s.points, s.full, s.rate, step_text(knob, s)


def search(knob: Knob, gain: Callable, direction: int) -> Search | None:
    """One direction: the grid v + direction·k·step (k = 1 … K, the last point the bound itself),
    the points being assumed not to fall as the value moves further (the rules are monotone)."""
    v = D(knob.value)
    step = Decimal(1) if knob.whole else FINE if exponent(v) < -1 else TENTH
    bound = knob.lo if direction < 0 else knob.hi
    if bound is None:
        bound = v + direction * FAR
    span = (bound - v) * direction
    if span <= 0:
        return None
    last = int(span / step) + (0 if (span / step) == int(span / step) else 1)

    def at(k: int) -> Decimal:
        return bound if k >= last else v + direction * k * step

    memo: dict[int, Decimal] = {}

    def g(k: int) -> Decimal:
        if k not in memo:
            memo[k] = gain(at(k)) or ZERO  # an unscorable value recovers nothing
        return memo[k]

    most = g(last)
    if most <= 0:
        return None
    unit = int(1 / step)
    full = first(1, last, unit, lambda k: g(k) >= most)
    if unit > last:  # the bound is within one unit: no rate per unit to state (0.15 万亩 short → 0)
        return Search(direction, most, at(full), None, None)
    rate = g(unit)
    if rate > 0:
        return Search(direction, most, at(full), rate, None)
    begins = first(unit + 1, full, unit, lambda k: g(k) > 0)
    return Search(direction, most, at(full), rate, at(begins - 1), begins == full)


def exponent(v: Decimal) -> int:
    e = v.normalize().as_tuple().exponent
    return e if isinstance(e, int) else 0


def first(lo: int, hi: int, stride: int, holds: Callable[[int], bool]) -> int:
    """The smallest k in [lo, hi] for which `holds` (true at hi, and from some k on). It gallops
    out from lo (stride, 2·stride, 4·stride … further) and then halves: the value sought is
    mostly a few units from the current one, so this asks far fewer scores than halving [lo, hi]."""
    reach = stride
    probe = min(lo + reach - 1, hi)
    while not holds(probe):
        lo, reach = probe + 1, reach * 2
        probe = min(lo + reach - 1, hi)
    hi = probe
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + 1
    return hi
