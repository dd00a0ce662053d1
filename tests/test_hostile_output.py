"""Output: user text stays literal text in every workbook written (never a formula), control
characters are stripped, the input is never modified, and a file that cannot be written leaves
nothing half-written, with a clear message and its exit code.
"""

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecoscore.services import batch
from ecoscore.workbook import layout as L
from tests.test_hostile_files import EXAMPLE, cli, snapshot, write_blank
from tests.test_s01_ideology import PERFECT as S01_PERFECT
from tests.test_workbook_reader import SECTIONS, all_valid, fill

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them

INJECTED = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return write_blank(tmp_path_factory)


def hostile_json(folder: Path, county: str = "中方县" + INJECTED[3], name: str = "=1+1.json") -> Path:
    """County and section names that look like formulas or carry control characters."""
    sections = [dict(s, name=n) for s, n in zip(SECTIONS, (INJECTED[0], "断面\x07\x1b[2J二"))]
    sections += [dict(SECTIONS[0], name=n) for n in INJECTED[1:]]
    doc = {
        "county": county,
        "year": 2021,
        "values": {**all_valid(), **S01_PERFECT, "i01.party_school": None},
        "sections": sections,
    }
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    return path


def hostile_book(folder: Path, blank: Path) -> Path:
    """A workbook whose county, sheet name and file name are text starting with = + - @."""
    path = folder / "+填报.xlsx"
    shutil.copy(blank, path)

    def edit(wb, cells):
        county = wb[L.INFO_SHEET]["B3"]
        county.value, county.data_type = INJECTED[0], "s"  # text, as Excel keeps a quoted '=…
        cells["i01.party_school"].parent.title = "-1 思想"
        cells["i02.plan_implemented"].value = None  # a blank: listed on 缺项 with its (hostile) sheet name

    fill(path, {**all_valid(), **S01_PERFECT}, [dict(s, name=n) for s, n in zip(SECTIONS, INJECTED[2:])], edit=edit)
    return path


def assert_literal(path: Path) -> set[str]:
    """No formula anywhere in the file, no control character in any cell; the texts written."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not FORMULA.search(z.read(name)), (path.name, name)
    texts = set()
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not CONTROL.search(cell.value), (path.name, ws.title, cell.coordinate, cell.value)
                    if cell.value.startswith(L.FORMULA_START):
                        assert cell.quotePrefix, (path.name, ws.title, cell.coordinate)
                    texts.add(cell.value)
    return texts


def test_every_workbook_written_keeps_user_text_literal(tmp_path, blank):
    source = hostile_json(tmp_path)
    book = hostile_book(tmp_path, blank)
    inputs = {p: p.read_bytes() for p in (source, book)}
    outs = {
        "scored-json": tmp_path / "a.xlsx",
        "scored-book": tmp_path / "b.xlsx",
        "diff": tmp_path / "diff.xlsx",
        "template": tmp_path / "2022.xlsx",
    }
    assert cli("score", source, "-o", outs["scored-json"])[0] == 0
    assert cli("score", book, "-o", outs["scored-book"])[0] == 0
    assert cli("diff", source, book, "-o", outs["diff"], "-q")[0] == 0
    assert cli("init-template", outs["template"], "--from", source, "--rubric", "huaihua-2021")[0] == 0
    result = batch.score_many([source, book], summary=tmp_path / "汇总.xlsx", jobs=1)
    assert result.summary_path and all(o.ok for o in result.outcomes)
    outs["summary"] = result.summary_path
    texts = {k: assert_literal(p) for k, p in outs.items()}
    for name in INJECTED:  # the section names travel into every kind of workbook, as text
        assert any(name in t for t in texts["scored-json"] | texts["scored-book"])
    assert INJECTED[0] in texts["scored-book"] and INJECTED[1] in texts["template"]
    assert "中方县" + INJECTED[3] in texts["scored-json"] and "断面[2J二" in texts["scored-json"]
    assert any(t.startswith(("'-1 思想'!", "-1 思想!")) for t in texts["scored-book"])
    assert {p: p.read_bytes() for p in inputs} == inputs  # the inputs are never modified


@pytest.mark.parametrize(
    "county", ["中方\x00县", "中方\ud800县", "中方\ufffe县", "中方\x85\x9b县"], ids=["nul", "surrogate", "fffe", "c1"]
)
def test_characters_xml_cannot_hold_never_corrupt_a_workbook(tmp_path, county):
    source = hostile_json(tmp_path, county=county, name="county.json")
    assert cli("score", source, "-o", tmp_path / "scored.xlsx")[0] == 0
    assert cli("init-template", tmp_path / "2022.xlsx", "--from", source, "--rubric", "huaihua-2021")[0] == 0
    for out in ("scored.xlsx", "2022.xlsx"):
        texts = assert_literal(tmp_path / out)
        assert not any(re.search("[\x80-\x9f\ud800-\udfff\ufffe\uffff]", t) for t in texts), out
        assert (
            load_workbook(tmp_path / out).properties.title in (None, "")
            or "中方县" in load_workbook(tmp_path / out).properties.title
        )


# ---- nothing half-written ----------------------------------------------------------------------
@pytest.fixture
def county(tmp_path) -> Path:
    folder = tmp_path / "县"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "input.xlsx")
    (folder / "input.scored.xlsx").write_bytes(b"last year's result, still open in Excel")
    return folder


def _raise(exc):
    def boom(*args, **kwargs):
        raise exc

    return boom


def test_output_open_in_excel_leaves_the_old_file_and_no_temporary(county, monkeypatch):
    before = snapshot(county)
    monkeypatch.setattr(os, "replace", _raise(PermissionError(13, "Permission denied")))  # Windows: file in use
    for args in (
        ("score", county / "input.xlsx"),
        ("init-template", county / "input.scored.xlsx", "--force"),
        ("diff", EXAMPLE, county / "input.xlsx", "-o", county / "input.scored.xlsx", "-q"),
    ):
        exit_code, out = cli(*args)
        assert exit_code == 5 and "input.scored.xlsx" in out and "Excel/WPS 中打开" in out, (args, out)
        assert snapshot(county) == before


def test_unwritable_folder_says_so(county, monkeypatch):
    locked = county / "只读"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere: let the folder refuse as it would refuse a clerk
        # where ecoscore creates its files (both atomic writers go through core.files.replace_atomically)
        monkeypatch.setattr("ecoscore.core.files.create_new", _raise(PermissionError(13, "Permission denied")))
        monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != locked)
    before = snapshot(county)
    exit_code, out = cli("score", county / "input.xlsx", "-o", locked / "结果.xlsx")
    assert exit_code == 5 and "写权限" in out and "只读" in out, out
    assert snapshot(county) == before


@pytest.mark.parametrize("where", ["没有的文件夹/结果.xlsx", "input.xlsx/结果.xlsx"])
def test_missing_or_impossible_output_folder(county, where):
    before = snapshot(county)
    exit_code, out = cli("score", county / "input.xlsx", "-o", county / where)
    assert exit_code == 5 and "无法写入" in out and "文件夹" in out, out
    assert snapshot(county) == before


def test_output_that_is_a_folder_is_a_usage_error(county):
    (county / "结果").mkdir()
    exit_code, out = cli("score", county / "input.xlsx", "-o", county / "结果")
    assert exit_code == 2 and "文件夹" in out, out


@pytest.mark.parametrize(
    "how",
    [
        lambda c: ("score", c / "input.xlsx", "-o", c / "input.xlsx"),
        lambda c: ("score", c / "input.xlsx", "-o", c / "." / "input.xlsx"),
        lambda c: ("score", c / "input.xlsx", "-o", os.link(c / "input.xlsx", c / "link.xlsx") or c / "link.xlsx"),
        lambda c: ("diff", EXAMPLE, c / "input.xlsx", "-o", c / "input.xlsx"),
        lambda c: ("init-template", c / "input.xlsx", "--from", c / "input.xlsx", "--force"),
        lambda c: ("score", c / "input.xlsx", "--json", c / "input.xlsx"),
        lambda c: ("diff", EXAMPLE, c / "input.xlsx", "--json", c / "input.xlsx"),
    ],
    ids=["same", "dot", "hard-link", "diff", "init-from", "json", "diff-json"],
)
def test_output_equal_to_an_input_is_refused_and_the_input_untouched(county, how):
    args = how(county)
    before = snapshot(county)
    exit_code, out = cli(*args)
    assert exit_code == 2 and "相同" in out, out
    assert snapshot(county) == before
