"""The project's own checks, run with the suite: ruff lint, ruff format and the type checker,
as configured in pyproject.toml (so `.ci/run` runs them too)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' installs it")
    return str(found)


@pytest.mark.parametrize(
    "args",
    [
        ["ruff", "check", "ecoscore", "tests", "scripts", "bench"],
        ["ruff", "format", "--check", "ecoscore", "tests", "scripts", "bench"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_static_checks_pass(args):
    proc = subprocess.run([tool(args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
