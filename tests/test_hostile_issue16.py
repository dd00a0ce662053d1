"""The second hostile corpus (issue #16): ambiguous workbooks, odd paths, cells, outputs, pipes
and signals, JSON input and messages that pointed the wrong way. Each file is built here; each
case asserts its exit code, its Chinese message and that nothing was written or replaced.
"""

import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from ecoscore.core.model import InputError
from ecoscore.services.load import score_input
from ecoscore.sources import inputs
from tests.test_hostile_files import EXAMPLE, FAST, cli, rebuild, snapshot

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


# ---- 6. JSON input ---------------------------------------------------------------------------
EXAMPLE_JSON = EXAMPLE.with_suffix(".json")


def example_doc() -> dict:
    return json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))


def _json_text(folder: Path, name: str, text: str) -> Path:
    return _put(folder, name, text.encode("utf-8"))


def test_a_duplicate_key_in_any_json_object_is_invalid_input(folder):
    text = json.dumps(example_doc(), ensure_ascii=False)
    text = text.replace('"values": {', '"values": {"air.pm25": 99, ', 1)  # the example has air.pm25 too
    text = text.replace('"sections": [{', '"sections": [{"level": "国考", ', 1)
    out = assert_refused(folder, _json_text(folder, "重复.json", text), 4, ["values.air.pm25", "出现了不止一次"])
    assert "sections[0].level" in out
    assert out.count("出现了不止一次") == 2


def test_an_unknown_top_level_member_is_invalid_input(folder):
    doc = example_doc()
    doc["valus"] = doc.pop("values")  # a typo would drop every value
    out = assert_refused(folder, _json_text(folder, "拼错.json", json.dumps(doc)), 4, ["未知的顶层成员“valus”"])
    assert "说明" in out


def test_notes_are_allowed_as_top_level_members(folder):
    doc = dict(example_doc(), 说明="测试", note="x", _comment="y")
    path = _json_text(folder, "说明.json", json.dumps(doc, ensure_ascii=False))
    assert cli("score", path, "-o", folder / "out.xlsx", "-q")[0] == 0


def test_a_lone_surrogate_is_removed_with_a_note_never_an_encoding_error(folder):
    doc = example_doc()
    doc["county"] = "中方\ud800县"
    doc["sections"][0]["name"] += "\udfff"
    path = _json_text(folder, "代理项.json", json.dumps(doc, ensure_ascii=True))  # the escapes \ud800 …
    exit_code, out = cli("score", path, "-o", folder / "out.xlsx", "--json", folder / "out.json")
    assert exit_code == 0, out
    assert "单独的代理项" in out and "county" in out and "sections[0].name" in out
    report = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    assert report["county"] == "中方县"


@pytest.mark.parametrize(
    "member,rows", [("sections", 40_000), ("air_daily", 40_000), ("water_samples", 40_000), ("values", 40_000)]
)
def test_a_document_far_beyond_any_county_is_refused_quickly(folder, member, rows):
    doc = example_doc()
    if member == "values":
        doc["values"] = {f"x.{i}": 1 for i in range(rows)}
    else:
        doc[member] = [dict(doc["sections"][0], name=f"断面{i}") for i in range(rows)]
    path = _json_text(folder, "巨大.json", json.dumps(doc, ensure_ascii=False))
    start = time.process_time()
    assert_refused(folder, path, 4, [member, "远超任何一个县", "已拒绝读取"])
    assert time.process_time() - start < FAST


@pytest.mark.slow
def test_reading_many_sections_with_samples_is_linear(monkeypatch):
    """8 000 sections with a sample each took 113 s (a lookup per section over all sections)."""
    monkeypatch.setattr(inputs, "MAX_SECTIONS", 100_000)
    monkeypatch.setattr(inputs, "MAX_MONITORING_ROWS", 100_000)
    doc = example_doc()
    sample = {"date": "2021-03-02", "ph": 7.4, "do": 8.0, "codmn": 2.8, "nh3n": 0.30, "tp": 0.06}
    doc["sections"] = [dict(doc["sections"][0], name=f"断面{i}", cur=None) for i in range(8_000)]
    doc["water_samples"] = [dict(sample, section=f"断面{i}") for i in range(8_000)]
    start = time.process_time()
    try:
        score_input(inputs.json_input(doc))
    except InputError:
        pass
    assert time.process_time() - start < FAST


# ---- 2. paths --------------------------------------------------------------------------------
def test_a_symlink_loop_is_an_unreadable_file_on_every_path(folder):
    (folder / "甲.xlsx").symlink_to(folder / "乙.xlsx")
    (folder / "乙.xlsx").symlink_to(folder / "甲.xlsx")
    loop = folder / "甲.xlsx"
    before = snapshot(folder)
    for args in (
        ("score", loop),
        ("score", loop, "--json", folder / "r.json"),
        ("diff", loop, EXAMPLE),
        ("init-template", folder / "新.xlsx", "--from", loop),
    ):
        exit_code, out = cli(*args)
        assert exit_code == 3, (args, out)
        assert out.startswith("错误：") and "循环的快捷方式" in out and "甲.xlsx" in out, (args, out)
        assert snapshot(folder) == before


def test_a_link_to_nothing_is_not_called_missing(folder):
    (folder / "链接.xlsx").symlink_to(folder / "已删除.xlsx")
    assert_refused(folder, folder / "链接.xlsx", 3, ["快捷方式", "指向的文件不存在"])


def test_an_input_that_cannot_be_opened_gets_the_permission_message(folder, monkeypatch):
    """As root every file opens, so the refusal is simulated where ecoscore opens the file."""
    from ecoscore.sources import sniff

    def denied(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    path = _put(folder, "加锁.xlsx", EXAMPLE.read_bytes())
    monkeypatch.setattr(sniff, "open", denied, raising=False)
    assert_refused(folder, path, 3, ["没有权限读取", "加锁.xlsx", "检查文件权限"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode; the test above simulates it")
def test_an_input_without_read_permission_is_unreadable(folder):
    path = _put(folder, "加锁.xlsx", EXAMPLE.read_bytes())
    path.chmod(0)
    try:
        assert_refused(folder, path, 3, ["没有权限读取", "加锁.xlsx"])
    finally:
        path.chmod(0o644)
