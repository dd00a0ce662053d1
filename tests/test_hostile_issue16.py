"""The second hostile corpus (issue #16): ambiguous workbooks, odd paths, cells, outputs, pipes
and signals, JSON input and messages that pointed the wrong way. Each file is built here; each
case asserts its exit code, its Chinese message and that nothing was written or replaced.
"""

import json
import zipfile
from pathlib import Path

import pytest

from tests.test_hostile_files import cli, rebuild, snapshot

STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def _strict(n: str, b: bytes) -> bytes:
    for old, new in STRICT.items():
        b = b.replace(old, new)
    return b


def _duplicate_member(d: Path) -> Path:
    """The example with a second xl/workbook.xml appended (zipfile warns, and writes it)."""
    path = rebuild(d / "两份.xlsx")
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/workbook.xml", b"<workbook/>")
    return path


def _put(d: Path, name: str, data: bytes) -> Path:
    (d / name).write_bytes(data)
    return d / name


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "县"
    d.mkdir()
    return d


def assert_refused(folder: Path, path: Path, code: int, words: list[str], *extra) -> str:
    before = snapshot(folder)
    exit_code, out = cli("score", path, *extra)
    assert exit_code == code, out
    assert out.startswith("错误："), out
    assert all(w in out for w in words), out
    assert snapshot(folder) == before  # input unchanged, nothing written, no temporary file left
    return out


# ---- 1. ambiguous workbooks ------------------------------------------------------------------
def test_a_zip_with_two_members_of_one_name_is_unreadable(folder):
    assert_refused(folder, _duplicate_member(folder), 3, ["两个同名的部件", "xl/workbook.xml", "另存为"])


def test_member_names_differing_only_in_case_are_ambiguous_too(folder):
    path = rebuild(folder / "大小写.xlsx", add={"XL/Workbook.xml": b"<workbook/>"})
    assert_refused(folder, path, 3, ["两个同名的部件", "XL/Workbook.xml"])


# ---- 7. messages that pointed the wrong way --------------------------------------------------
def test_a_strict_ooxml_workbook_is_told_to_resave_as_ordinary_xlsx(folder):
    out = assert_refused(folder, rebuild(folder / "严格.xlsx", _strict), 3, ["Strict Open XML", "另存为", "*.xlsx"])
    assert "模板" not in out


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_json_gets_a_json_message(folder, encoding):
    path = _put(folder, "u16.json", json.dumps({"county": "中方县", "values": {}}).encode(encoding))
    out = assert_refused(folder, path, 3, ["UTF-16", "JSON", "UTF-8"])
    assert "CSV" not in out


def test_a_json_whose_top_level_is_a_list_gets_a_json_message(folder):
    path = _put(folder, "list.json", json.dumps([{"county": "中方县", "values": {}}]).encode())
    out = assert_refused(folder, path, 3, ["顶层是列表", '"values"'])
    assert "CSV" not in out
