"""The second hostile corpus (issue #16): ambiguous workbooks, odd paths, cells, outputs, pipes
and signals, JSON input and messages that pointed the wrong way. Each file is built here; each
case asserts its exit code, its Chinese message and that nothing was written or replaced.
"""

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecoscore.core.files import NotRegularFile, replaceable
from ecoscore.core.kit import pts
from ecoscore.core.model import InputError
from ecoscore.services import score as lib
from ecoscore.services.load import score_input
from ecoscore.sources import inputs
from tests.test_hostile_files import EXAMPLE, FAST, cli, part_of, rebuild, snapshot
from tests.test_workbook_reader import key_cells

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them

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


# ---- 4. outputs ------------------------------------------------------------------------------
@pytest.fixture
def county(folder) -> Path:
    shutil.copy(EXAMPLE, folder / "input.xlsx")
    return folder


@pytest.mark.parametrize(
    "args,what",
    [
        (("-o", "r.xlsx", "--json", "r.xlsx"), "评分结果工作簿"),
        (("--json", "input.scored.xlsx"), "评分结果工作簿"),  # the default workbook output
        (("-o", "r.xlsx", "--json", "./r.xlsx"), "评分结果工作簿"),
    ],
)
def test_json_and_workbook_naming_one_file_is_a_usage_error(county, monkeypatch, args, what):
    monkeypatch.chdir(county)
    out = assert_refused(county, county / "input.xlsx", 2, ["同时被指定为 --json 报告和" + what], *args)
    assert "r.xlsx" in out or "input.scored.xlsx" in out


def test_diff_json_and_workbook_naming_one_file_is_a_usage_error(county):
    before = snapshot(county)
    exit_code, out = cli("diff", EXAMPLE, county / "input.xlsx", "-o", county / "d.xlsx", "--json", county / "d.xlsx")
    assert exit_code == 2 and "同时被指定为 --json 报告和对比工作簿" in out, out
    assert snapshot(county) == before


@pytest.mark.parametrize("option", ["-o", "--json", "--summary"])
def test_a_fifo_as_output_is_refused_and_stays_a_fifo(county, option):
    fifo = county / "管道.xlsx"
    os.mkfifo(fifo)
    args = ("score", county / "input.xlsx", option, fifo)
    if option == "--summary":
        args = ("score", county / "input.xlsx", EXAMPLE.with_suffix(".json"), option, fifo)
    exit_code, out = cli(*args)
    assert exit_code == 2 and "不是普通文件" in out and "管道.xlsx" in out, out
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not [p for p in county.iterdir() if p.name.startswith(".")]  # no temporary file


def test_a_fifo_is_never_replaced_by_the_writers(county):
    """The last line of defence, below the command's checks: the atomic writers refuse too."""
    from openpyxl import Workbook

    from ecoscore.core.model import UsageProblem
    from ecoscore.services.output import write_text_atomic
    from ecoscore.workbook.atomic import save_atomic

    fifo = county / "管道"
    os.mkfifo(fifo)
    with pytest.raises(UsageProblem, match="不是普通文件"):
        write_text_atomic(fifo, "{}")
    with pytest.raises(NotRegularFile):
        save_atomic(Workbook(), fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in county.iterdir()) == ["input.xlsx", "管道"]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
def test_a_device_is_never_replaced(device):
    """Only the decision is checked: writing to a real device by rename would replace it."""
    from ecoscore.core.model import UsageProblem
    from ecoscore.services.output import check_output_path, check_target

    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    assert not replaceable(device)
    for check in (lambda: check_target(Path(device)), lambda: check_output_path(Path(device), EXAMPLE)):
        with pytest.raises(UsageProblem, match="不是普通文件"):
            check()
    assert replaceable(EXAMPLE) and replaceable(Path("/没有/这个.xlsx"))


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_the_json_report_gets_the_workbooks_permissions(county, umask):
    old = os.umask(umask)
    try:
        exit_code, out = cli("score", county / "input.xlsx", "-o", county / "r.xlsx", "--json", county / "r.json", "-q")
    finally:
        os.umask(old)
    assert exit_code == 0, out
    book, report = (stat.S_IMODE(os.stat(county / n).st_mode) for n in ("r.xlsx", "r.json"))
    assert book == report == 0o666 & ~umask


@pytest.mark.parametrize("name", ["结果.json", "结果.xls", "结果", "结果.xlsx.bak"])
def test_a_workbook_output_must_end_in_xlsx(county, name):
    out = assert_refused(county, county / "input.xlsx", 2, ["应以 .xlsx 结尾", name], "-o", county / name)
    assert "--json" in out
    before = snapshot(county)
    exit_code, out = cli("diff", EXAMPLE, county / "input.xlsx", "-o", county / name)
    assert exit_code == 2 and "应以 .xlsx 结尾" in out, out
    assert snapshot(county) == before


def test_an_upper_case_extension_is_still_a_workbook(county):
    assert cli("score", county / "input.xlsx", "-o", county / "结果.XLSX", "-q")[0] == 0


@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_summary_equal_to_one_of_the_inputs_is_refused(county, given):
    shutil.copy(EXAMPLE.with_suffix(".json"), county / "b.json")
    inputs_given = (county,) if given == "folder" else (county / "input.xlsx", county / "b.json")
    before = snapshot(county)
    exit_code, out = cli("score", *inputs_given, "--summary", county / "input.xlsx")
    assert exit_code == 2 and "不能与输入文件相同" in out, out
    assert snapshot(county) == before


# ---- 5. pipes and signals (the real console script) -------------------------------------------
SCRIPT = Path(sys.executable).with_name("ecoscore")
needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is installed with pip install -e .")
needs_posix = pytest.mark.skipif(os.name != "posix", reason="pipes closed by their reader and signals as on POSIX")


def _no_noise(err: str) -> None:
    for word in ("Traceback", "Exception ignored", "内部错误", "BrokenPipeError"):
        assert word not in err, err


@needs_script
@needs_posix
@pytest.mark.parametrize("args", [(), ("--json", "-")], ids=["summary", "json"])
def test_a_closed_pipe_ends_quietly_with_141(county, args):
    """The reader is gone before ecoscore writes (`… | head -c 0`): status 141, nothing on stderr."""
    proc = subprocess.Popen(
        [SCRIPT, "score", county / "input.xlsx", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 141, err
    _no_noise(err)
    assert err == ""


@needs_script
@needs_posix
@pytest.mark.skipif(shutil.which("head") is None or shutil.which("bash") is None, reason="needs bash and head")
@pytest.mark.parametrize("args,head", [("", "head -1"), ("--json -", "head -c 10")], ids=["summary", "json"])
def test_ecoscore_piped_into_head(county, args, head):
    """As in a shell: 141 when the pipe closed before all was written, 0 when all fitted in it."""
    line = f'"{SCRIPT}" score input.xlsx {args} 2>err.txt | {head}; echo "${{PIPESTATUS[0]}}" >status.txt'
    proc = subprocess.run(["bash", "-c", line], cwd=county, capture_output=True, timeout=120, check=False)
    err = (county / "err.txt").read_text(encoding="utf-8", errors="replace")
    _no_noise(err)
    assert err == ""
    assert (county / "status.txt").read_text().strip() in ("0", "141")
    shown = proc.stdout.decode("utf-8", "replace")
    assert len(shown.splitlines()) == 1 if head == "head -1" else len(proc.stdout) == 10, shown


def _big_input(folder: Path) -> Path:
    """A JSON input whose scored workbook takes a few tens of milliseconds to write (1 000 sections)."""
    doc = example_doc()
    doc["sections"] = [dict(doc["sections"][0], name=f"断面{i}") for i in range(inputs.MAX_SECTIONS)]
    return _json_text(folder, "大.json", json.dumps(doc, ensure_ascii=False))


@needs_script
@needs_posix
@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_while_writing_leaves_nothing_behind(tmp_path, sig, code):
    source = _big_input(tmp_path)
    out = tmp_path / "结果"
    out.mkdir()
    mid_write = 0
    for delay in (0, 0, 0, 0.01, 0.02, 0.2):  # the write takes some 40 ms: most attempts land inside it
        proc = subprocess.Popen(
            [SCRIPT, "score", source, "-o", out / "r.xlsx"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 120
        while not any(p.name.endswith(".tmp") for p in out.iterdir()):  # the workbook is being written
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.001)
        time.sleep(delay)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        err = err.decode("utf-8", "replace")
        _no_noise(err)
        left = [p.name for p in out.iterdir()]
        assert not [n for n in left if n.endswith(".tmp")], left  # never a temporary file
        if left:  # the signal landed after the rename (the summary shown, or the interpreter exiting)
            assert left == ["r.xlsx"] and load_workbook(out / "r.xlsx").sheetnames, left  # the complete workbook
            assert proc.returncode in (0, code, -sig), (proc.returncode, err)
            (out / "r.xlsx").unlink()
            continue
        assert proc.returncode == code, err
        assert err.strip() == "已中断：没有留下写了一半的文件（已写完的文件保留），输入文件未改动", err
        mid_write += 1
    assert mid_write, "no attempt was interrupted while the workbook was being written"


# ---- 3. cells --------------------------------------------------------------------------------
def _cell_xml(key: str) -> tuple[str, str, bytes]:
    """The sheet member, the cell reference and the XML of `key`'s value cell in the example."""
    wb = load_workbook(EXAMPLE)
    cell = key_cells(wb)[key]
    part = part_of(cell.parent.title)
    data = zipfile.ZipFile(EXAMPLE).read(part)
    xml = re.search(rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % cell.coordinate.encode(), data).group(0)
    return part, cell.coordinate, xml


def test_a_formula_whose_cached_result_is_empty_text_reads_as_blank(folder):
    """LibreOffice saves =IF(…,"") as t="str" with an empty <v>: a blank, listed as missing."""
    part, ref, xml = _cell_xml("air.pm25")
    empty = b'<c r="%s" t="str"><f>IF(1,"")</f><v></v></c>' % ref.encode()
    path = rebuild(folder / "空文本.xlsx", lambda n, b: b.replace(xml, empty) if n == part else b)
    exit_code, out = cli("score", path, "-o", folder / "out.xlsx", "--json", folder / "r.json")
    assert exit_code == 0, out
    assert "没有保存计算结果" not in out
    report = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert any(m["key"] == "air.pm25" and m["location"].endswith(ref) for m in report["missing"]), report["missing"]


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u202a", "\u2066", "\u2060", "\u00ad"])
def test_invisible_format_characters_around_a_value_are_stripped(folder, mark):
    doc = example_doc()
    plain = lib.score_file(EXAMPLE_JSON, workbook=False).report.to_dict()
    doc["values"]["air.pm25"] = f"{mark}{doc['values']['air.pm25']}{mark}"
    doc["values"]["i01.party_school"] = f"{mark}{doc['values'].get('i01.party_school', '是')}{mark}"
    doc["sections"][0]["name"] = f"{mark}{doc['sections'][0]['name']}"
    path = _json_text(folder, "标记.json", json.dumps(doc, ensure_ascii=False))
    exit_code, out = cli("score", path, "-o", folder / "out.xlsx", "--json", folder / "r.json")
    assert exit_code == 0, out
    assert json.loads((folder / "r.json").read_text(encoding="utf-8"))["total"] == plain["total"]


def test_invisible_marks_in_a_workbook_cell_are_stripped(folder):
    example_total = pts(lib.score_file(EXAMPLE, workbook=False).report.total)
    wb = load_workbook(EXAMPLE)
    cell = key_cells(wb)["air.pm25"]
    cell.value = f"\u200f{cell.value}\u200e"
    wb.save(folder / "标记.xlsx")
    exit_code, out = cli("score", folder / "标记.xlsx", "-o", folder / "out.xlsx")
    assert exit_code == 0 and example_total in out, out


def test_a_value_cell_merged_over_the_next_fields_is_an_error_naming_both(folder):
    wb = load_workbook(EXAMPLE)
    cells = key_cells(wb)
    top, below = cells["air.pm25"], cells["air.pm10"]
    assert (below.row, below.column) == (top.row + 1, top.column)
    below.value = None
    top.parent.merge_cells(start_row=top.row, start_column=top.column, end_row=below.row, end_column=top.column)
    wb.save(folder / "合并.xlsx")
    out = assert_refused(
        folder,
        folder / "合并.xlsx",
        4,
        [f"{top.parent.title}!{top.coordinate}", top.coordinate, below.coordinate, "air.pm25", "air.pm10", "取消合并"],
    )
    assert "合并单元格" in out


def test_invisible_marks_around_a_water_class_are_dropped():
    """A bidi mark or zero-width space pasted around a class (U+200E, U+200F, U+200B) reads as the class."""
    from ecoscore.core.values import parse_class

    assert [parse_class(v) for v in ("\u200eⅡ", "Ⅲ\u200f", "\u200b劣Ⅴ\u2060")] == [2, 3, 6]
