"""Print ecoscore's import graph by layer and check it: imports only run downwards (a module
may import its own layer or a lower one), no circle among modules, and each third-party
library only where it belongs. Exit 1 on a violation.

    python scripts/import_graph.py           # the check, and the layer-to-layer edges
    python scripts/import_graph.py --modules # every module's imports too
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ecoscore"

# lowest first; a module may import from its own layer or any layer before it
LAYERS = ("core", "rubric", "scoring", "monitoring", "sources", "workbook", "services", "terminal", "cli")
# third-party libraries and the only layers that may import them
CONFINED = {
    "openpyxl": {"workbook"},
    "xlsxwriter": {"workbook"},
    "rich": {"terminal"},
    "typer": {"cli"},
    "click": {"cli"},
    "pandas": {"services"},
    "numpy": set(),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    """The layer of an ecoscore module: its first package, `cli` for the command-line modules,
    and the package root (`ecoscore` itself, the library's front door) counts as `services`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "services"
    return "cli" if parts[1].startswith("cli") else parts[1]


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, at any depth (lazy ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = here.split(".") if path.name == "__init__.py" else here.split(".")[:-1]
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([base] if base else []))
            if base.startswith("ecoscore"):
                # `from ecoscore.x import y` may name a submodule y: depend on it, not on x's __init__
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    out.append(
                        (
                            sub
                            if (ROOT / Path(*sub.split("."))).with_suffix(".py").exists()
                            or (ROOT / Path(*sub.split(".")) / "__init__.py").exists()
                            else base,
                            node.lineno,
                        )
                    )
            else:
                out.append((base, node.lineno))
    return out


def graph() -> dict[str, list[tuple[str, int]]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def violations(g: dict[str, list[tuple[str, int]]]) -> list[str]:
    out = []
    rank = {name: i for i, name in enumerate(LAYERS)}
    for mod, deps in g.items():
        for dep, line in deps:
            top = dep.split(".")[0]
            if top == "ecoscore" and dep in g:
                if rank[layer(dep)] > rank[layer(mod)]:
                    out.append(f"{mod}:{line} imports {dep} (layer {layer(dep)} above {layer(mod)})")
            elif top in CONFINED and layer(mod) not in CONFINED[top]:
                out.append(f"{mod}:{line} imports {top} (only {', '.join(sorted(CONFINED[top])) or 'nobody'} may)")
    # circles among modules (a package's __init__ re-exporting its children is not a circle)
    edges = {m: {d for d, _ in deps if d in g and d != m and not m.startswith(d + ".")} for m, deps in g.items()}
    state: dict[str, int] = {}

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for d in sorted(edges[m]):
            if state.get(d) == 1:
                out.append(
                    "circle: " + " → ".join(stack[stack.index(d) :] + [m, d]) if d in stack else f"circle: {m} → {d}"
                )
            elif d not in state:
                visit(d, stack + [m])
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m, [])
    return out


def main() -> int:
    g = graph()
    between: dict[tuple[str, str], int] = defaultdict(int)
    for mod, deps in g.items():
        for dep, _ in deps:
            if dep in g and layer(dep) != layer(mod):
                between[(layer(mod), layer(dep))] += 1
    print("layers, lowest first:", " < ".join(LAYERS))
    for (a, b), n in sorted(between.items(), key=lambda kv: (LAYERS.index(kv[0][0]), LAYERS.index(kv[0][1]))):
        print(f"  {a:10} → {b:10} {n:3} imports")
    if "--modules" in sys.argv:
        for mod, deps in g.items():
            print(mod, "→", ", ".join(sorted({d for d, _ in deps if d.startswith("ecoscore")})))
    bad = violations(g)
    for v in bad:
        print("VIOLATION", v)
    print(f"{len(g)} modules, {sum(len(d) for d in g.values())} imports, {len(bad)} violations")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
