"""Scoring against a `Rubric`: validation and the engine (`engine`), losses by responsible unit
(`accountability`), section totals and largest losses (`totals`)."""
