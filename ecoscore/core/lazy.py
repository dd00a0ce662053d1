"""Names a package exports but loads from their modules only when first asked for (PEP 562), so
that importing the package, or one module of it, does not import everything it can give."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, module_of: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list]]:
    """The package's `__getattr__` and `__dir__`: name → the module it is loaded from (absolute, or
    relative to `package`); once loaded, a name is an ordinary attribute of the package."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module_of[name], package), name)
        namespace[name] = value
        return value

    def __dir__() -> list:
        return sorted({*namespace, *module_of})

    return __getattr__, __dir__
