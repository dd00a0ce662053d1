"""Hypothesis strategies for any valid input: one value per catalogue field, by its kind."""

from decimal import Decimal

from hypothesis import strategies as st

from ecoscore import rubric
from ecoscore.core.fields import CLASS_NAMES, SECTION_LEVELS


def _decimal(lo, hi, places=1):
    return st.decimals(
        min_value=Decimal(lo), max_value=Decimal(hi), places=places, allow_nan=False, allow_infinity=False
    )


def value_for(field):
    kind = field.kind
    if kind == "bool":
        return st.sampled_from(["是", "否"])
    if kind == "enum":
        return st.sampled_from(field.choices)
    if kind == "count":
        hi = 400 if field.key.endswith(("inspected_tasks", "phone_complaints")) else 12
        return st.integers(0, hi)
    if kind == "rank":
        return st.integers(1, 15)
    if kind == "pct":
        return _decimal(0, 100)
    if kind == "pct+":
        return _decimal(0, 130)
    if kind == "spct":
        return _decimal(-30, 30)
    if kind in ("conc", "num"):
        return _decimal("0.1" if field.positive else 0, 120)
    if kind == "ded":
        return _decimal(0, "0.5", 2)
    if kind == "text":
        return st.just(field.default or "")
    raise AssertionError(kind)


@st.composite
def inputs(draw, blank_optional=True):
    values = {}
    for key, f in rubric.default().catalogue.items():
        if f.optional and blank_optional and draw(st.booleans()):
            values[key] = None
            continue
        if key == "target.bod_increase":
            values[key] = None
            continue
        values[key] = draw(value_for(f))
    # keep every at_most constraint (false ≤ inspected, unrectified ≤ interviews/listings); a
    # blank optional count bounds at 0
    cat = rubric.default().catalogue
    for key, f in cat.items():
        if f.at_most and values.get(key) is not None:
            bound = values.get(f.at_most)
            if bound is None and cat[f.at_most].optional:
                bound = 0
            if bound is not None:
                values[key] = min(values[key], bound)
    n = draw(st.integers(1, 6))
    classes = st.sampled_from(CLASS_NAMES)
    sections = [
        {
            "name": f"断面{i}",
            "level": draw(st.sampled_from(SECTION_LEVELS)),
            "target": draw(classes),
            "prev": draw(classes),
            "cur": draw(classes),
        }
        for i in range(n)
    ]
    return values, sections
