"""The package's shape: imports only run downwards through the layers, no module circle, each
third-party library only in its layer, no private internals of a dependency, no file past 300
lines outside the tests."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
import_graph = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_graph)


def test_imports_run_downwards_without_circles():
    assert import_graph.violations(import_graph.graph()) == []


def test_the_check_sees_an_upward_import_and_a_circle():
    g = {
        "ecoscore.core.kit": [("ecoscore.scoring.engine", 3)],
        "ecoscore.scoring.engine": [("ecoscore.scoring.totals", 4)],
        "ecoscore.scoring.totals": [("ecoscore.scoring.engine", 5), ("rich", 6)],
    }
    found = import_graph.violations(g)
    assert "ecoscore.core.kit:3 imports ecoscore.scoring.engine (layer scoring above core)" in found
    assert "ecoscore.scoring.totals:6 imports rich (only terminal may)" in found
    assert any(v.startswith("circle:") and "ecoscore.scoring.totals" in v for v in found)


def test_no_private_internals_of_a_dependency():
    """No `_name` of openpyxl, typer, click, zipfile… is imported or reached into."""
    bad = []
    for path in (ROOT / "ecoscore").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#")[0]
            for lib in ("openpyxl", "typer", "click", "zipfile", "rich", "pandas"):
                if f"{lib}._" in code or (f"from {lib}" in code and "._" in code.split("import")[0]):
                    bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bad == []


def test_no_source_file_past_300_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "ecoscore").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}
