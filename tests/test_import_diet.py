"""`ecoscore score` of one workbook loads only what scoring that workbook needs (issue #17): no
openpyxl, numpy or pandas, no batch, city or self-assessment machinery, no monitoring indicators
for a workbook without monitoring data, no template writer, no JSON, no `secrets`, no XlsxWriter
(our own writer, `workbook.ooxml`, writes the file). Each of these was on the path once
and cost a few milliseconds of every run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NOT_FOR_ONE_FILE = {
    "ecoscore.services.batch",  # a folder or several files
    "ecoscore.services.city",
    "ecoscore.services.standing",
    "ecoscore.core.city",  # the edition's city rules, loaded when a city batch asks (`Rubric.city_rules`)
    "ecoscore.rubric.huaihua2021.city",
    "ecoscore.rubric.huaihua2021.city_first",
    "ecoscore.core.audit",  # --self
    "ecoscore.workbook.audit_sheet",
    "ecoscore.workbook.city_sheet",  # a city batch
    "ecoscore.monitoring.indicators.air",  # rows of 空气日数据 / 断面监测
    "ecoscore.monitoring.indicators.water",
    "ecoscore.monitoring.indicators",  # the indicators package: reading needs only `monitoring.headers`
    "ecoscore.monitoring.indicators.tables",  # the standard tables
    "ecoscore.monitoring.derivation",
    "ecoscore.workbook.template",  # init-template
    "json",  # --json, a JSON input
    "xml.etree.ElementTree",  # the package map and the sheets are read with our defused expat parser
    "defusedxml.ElementTree",
    "secrets",
    "pickle",
    "openpyxl",
    "numpy",
    "pandas",
    "xlsxwriter",  # the reference writer, for tests only (tests/test_ooxml_oracle.py)
    "ecoscore.workbook.xlsx_save",
    "ecoscore.workbook.xlsx_stream",
}


def loaded_by_score(args: list[str], cwd: Path) -> set[str]:
    code = (
        "import sys\n"
        "from ecoscore.cli_main import main\n"
        f"sys.argv = ['ecoscore', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ECOSCORE_READER"}  # the default reader, as `score` has it
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd, env=env)
    return set(out.stdout.split())


def test_scoring_one_workbook_loads_none_of_the_rest(tmp_path):
    shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", tmp_path / "in.xlsx")
    loaded = loaded_by_score(["score", "in.xlsx", "--quiet", "-o", "out.xlsx"], tmp_path)
    assert (tmp_path / "out.xlsx").is_file()
    assert sorted(NOT_FOR_ONE_FILE & loaded) == []


def test_the_check_can_fail(tmp_path):
    """--json does load json: the module list is the real one."""
    shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", tmp_path / "in.xlsx")
    loaded = loaded_by_score(["score", "in.xlsx", "--quiet", "-o", "out.xlsx", "--json", "r.json"], tmp_path)
    assert "json" in loaded


def test_every_lazily_exported_name_is_listed_and_loads():
    """The packages that load their exports on first use (`core.lazy`) list exactly those names in
    `__all__` (a name loaded but not listed, or listed but not loadable, would go unnoticed)."""
    import ecoscore.monitoring.indicators as indicators
    import ecoscore.workbook as workbook

    for package in (indicators, workbook):
        assert sorted(package.__all__) == sorted(package._MODULE_OF)
        assert all(getattr(package, name) is not None for name in package.__all__)
