"""Command-line values converted without importing pydantic, where the conversion is trivial.

typer (0.29 and later) builds a pydantic TypeAdapter for every parameter of the command being
run, given or not, and importing pydantic for that costs about 0.18 s of CPU on each
`ecoscore score` — a tenth of the whole run on the shipped example (docs/performance.md).

This module gives typer a converter that handles the plain cases itself — a flag that already
is a bool, a text value, a path (through typer's own `coerce_cli_path`), a whole number within
the declared range — and hands anything else to typer's own pydantic conversion, built only
then. So results and error messages are typer's in every case; only the import is saved.
(The converter is installed in typer itself, so other typer apps in the same process get it
too — with the same results, for the same reason.)

Best effort, like `cli_i18n`: if typer's internals change, `install` changes nothing and
typer's own conversion is used — slower, never wrong. `tests/test_cli.py` notices when that
happens (pydantic imported by `score`).
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

WHOLE_NUMBER = re.compile(r"[+-]?\d{1,18}")
UNHANDLED = object()


def install() -> None:
    try:
        _install()
    except (ImportError, AttributeError, TypeError):
        pass


def _install() -> None:
    import typer.core
    from typer._coercion import RuntimeParam
    from typer._param_types import coerce_cli_path, routes_to_path

    typers_own = typer.core.build_runtime_param
    if getattr(typers_own, "ecoscore_plain", False):
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        descriptor: typing.Any = None
        item: typing.Any = None  # the annotation of one value (of the list's items for list[...])
        fallback: list = field(default_factory=list)  # typer's own converter, once built

        def _coerce_value(self, value, param, ctx):
            items = value if isinstance(value, (list, tuple)) else (value,)
            done = [self._one(v, param, ctx) for v in items]
            if any(v is UNHANDLED for v in done):
                if not self.fallback:
                    self.fallback.append(typers_own(self.descriptor))
                return self.fallback[0]._coerce_value(value, param, ctx)
            return done if isinstance(value, (list, tuple)) else done[0]

        def _one(self, value, param, ctx):
            info = self.parameter_info
            if self.item is bool:
                return value if isinstance(value, bool) else UNHANDLED
            if self.item is str:
                return value if isinstance(value, str) else UNHANDLED
            if self.item is int:
                number = value if type(value) is int else None
                if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value.strip()):
                    number = int(value)
                if number is not None and not info.clamp:
                    if (info.min is None or number >= info.min) and (info.max is None or number <= info.max):
                        return number
                return UNHANDLED  # typer's own message for a bad or out-of-range number
            if isinstance(value, (str, Path)):  # typer would make the Path with pydantic: make it here
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            return UNHANDLED

    def plain_item(descriptor):
        """bool, str, int or Path when the parameter is one of those (or a list of them) with no
        parser, choices or file mode; None for anything typer should convert itself."""
        info = descriptor.parameter_info
        if descriptor.file_annotation is not None or info.parser is not None or descriptor.is_choice:
            return None
        annotation = descriptor.annotation
        if typing.get_origin(annotation) is list:
            (annotation,) = typing.get_args(annotation) or (None,)
        if annotation in (bool, str, int):
            return annotation
        if annotation is Path and routes_to_path(annotation, info):
            return Path
        return None

    def build_runtime_param(descriptor):
        item = plain_item(descriptor)
        if item is None:
            return typers_own(descriptor)
        return PlainRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                                 descriptor=descriptor, item=item)

    build_runtime_param.ecoscore_plain = True
    typer.core.build_runtime_param = build_runtime_param
