"""Hostile and careless files: every kind gets its own Chinese message and exit code, on every
path that reads a file (score, diff, init-template --from, batch) — never a traceback, the
input's bytes unchanged and nothing written. Attacks are rejected fast and in bounded memory.

The corpus is built here from the shipped example with zipfile and raw XML; no binary blobs.
"""

import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore.cli import app
from ecoscore.core.kit import pts
from ecoscore.services import batch
from ecoscore.services import score as lib
from ecoscore.workbook import write_template

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "中方县-2021.xlsx"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FAST = 10  # seconds: a sanity bound on each rejection, not a benchmark


# ---- helpers shared by the hostile-input tests -----------------------------------------------
@pytest.fixture(scope="session")
def example_total() -> str:
    """The shipped example's total as the console shows it (the example may be regenerated)."""
    return pts(lib.score_file(EXAMPLE, workbook=False).report.total)


def cli(*args) -> tuple[int, str]:
    """Run the CLI in-process: (exit code, stdout + stderr); never an uncaught exception or traceback."""
    r = CliRunner().invoke(app, [str(a) for a in args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.output and "内部错误" not in r.output, r.output
    return r.exit_code, r.output


def write_blank(tmp_path_factory) -> Path:
    """A freshly written input template, for the modules that fill one (each in a module fixture)."""
    path = tmp_path_factory.mktemp("blank") / "input.xlsx"
    write_template(path)
    return path


def snapshot(folder: Path) -> dict:
    """Every file under `folder` (hidden temporary files included) with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def rebuild(dst: Path, edit=None, add: dict | None = None, src: Path = EXAMPLE, method=zipfile.ZIP_DEFLATED) -> Path:
    """Copy a workbook member by member; `edit(name, bytes)` returns new bytes or None (drop it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", method) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            data = edit(info.filename, data) if edit else data
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def part_of(title: str, src: Path = EXAMPLE) -> str:
    """The zip member holding the sheet called `title`."""
    with zipfile.ZipFile(src) as z:
        rid = re.search(rf'<sheet name="{title}"[^>]*r:id="(\w+)"', z.read("xl/workbook.xml").decode()).group(1)
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    # the Relationship whose Id is `rid`, whatever order its attributes are written in
    rel = next(r for r in re.findall(r"<Relationship\b[^>]*>", rels) if f'Id="{rid}"' in r)
    target = re.search(r'Target="([^"]+)"', rel).group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def put(d: Path, name: str, data: bytes | str) -> Path:
    (d / name).write_bytes(data.encode() if isinstance(data, str) else data)
    return d / name


def patch_central(path: Path, offset: int, value: bytes, name: bytes | None = None) -> Path:
    """Overwrite a field of the central-directory entries (all, or the one for `name`)."""
    data = bytearray(path.read_bytes())
    for m in re.finditer(rb"PK\x01\x02", data):
        if name is None or data[m.start() + 46 : m.start() + 46 + len(name)] == name:
            data[m.start() + offset : m.start() + offset + len(value)] = value
    path.write_bytes(bytes(data))
    return path


# ---- the corpus: (id, builder(folder) → path, exit code, words the message must hold) --------
LOL = (
    b'<!DOCTYPE x [<!ENTITY a "lol">'
    + b"".join(b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&%s;" % chr(97 + i).encode()) * 10) for i in range(9))
    + b"]>"
)
XXE = b'<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
PARAM = b'<!DOCTYPE workbook [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>'
SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
    b'.spreadsheetml.sharedStrings+xml" /></Types>'
)


def _shared_strings(d, body: bytes, name="sst.xlsx"):
    """The example with `body` as its shared-strings part (replacing the one it has, or added)."""
    with zipfile.ZipFile(EXAMPLE) as z:
        has = "xl/sharedStrings.xml" in z.namelist()
    if has:
        return rebuild(d / name, lambda n, b: body if n == "xl/sharedStrings.xml" else b)
    return rebuild(
        d / name,
        lambda n, b: b.replace(b"</Types>", SST_TYPE) if n == "[Content_Types].xml" else b,
        {"xl/sharedStrings.xml": body},
    )


def _prefix(d, name, part, doctype):
    """`part` with a document type declaration in front (defusedxml refuses the declaration itself)."""
    return rebuild(d / name, lambda n, b: doctype + b if n == part else b)


def _bomb(d):
    path = rebuild(d / "bomb.xlsx")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/media/image1.png", "w", force_zip64=True) as fh,
    ):
        chunk = bytes(1 << 20)
        for _ in range(300):  # 300 MB of zeros, about 300 KB on disk, written streaming
            fh.write(chunk)
    return path


def _many_members(d):
    return rebuild(d / "members.xlsx", add={f"xl/media/m{i}.bin": b"" for i in range(2_500)})


def _budget(d):
    rnd = random.Random(7)
    part = part_of("目标与全市")
    row = lambda r: b'<row r="%d">' % r + b"".join(b'<c s="%d"/>' % rnd.randrange(999) for _ in range(100)) + b"</row>"
    rows = b"".join(row(r) for r in range(2_000, 4_000))  # 200 000 empty cells below the rows read
    return rebuild(d / "rows.xlsx", lambda n, b: b.replace(b"</sheetData>", rows + b"</sheetData>") if n == part else b)


def _ole(d, name, *streams):
    body = OLE + bytes(504) + b"".join(s.encode("utf-16-le") + bytes(64 - 2 * len(s)) for s in streams) + bytes(2048)
    return put(d, name, body)


CASES = [
    ("old-xls", lambda d: _ole(d, "2020.xls", "Root Entry", "Workbook"), 3, ["旧版", "另存为"]),
    ("wps-et", lambda d: _ole(d, "2019.et", "Root Entry", "WpsContent"), 3, ["旧版", ".et", "另存为"]),
    (
        "encrypted",
        lambda d: _ole(d, "密码.xlsx", "Root Entry", "EncryptionInfo", "EncryptedPackage"),
        3,
        ["密码", "取消密码"],
    ),
    ("csv", lambda d: put(d, "csv.xlsx", "县,年度\n中方县,2021\n".encode("gbk")), 3, ["CSV", "另存为"]),
    (
        "html",
        lambda d: put(d, "web.xlsx", "<html><body><table><tr><td>1</td></tr></table></body></html>"),
        3,
        ["网页", "另存为"],
    ),
    ("empty", lambda d: put(d, "empty.xlsx", b""), 3, ["空文件"]),
    ("truncated", lambda d: put(d, "half.xlsx", EXAMPLE.read_bytes()[:30_000]), 3, ["不完整", "重新获取"]),
    ("lock-file", lambda d: put(d, "~$input.xlsx", b"\x06clerk" + bytes(160)), 3, ["临时锁定文件", "~$"]),
    ("directory", lambda d: (d / "dir.xlsx").mkdir() or d / "dir.xlsx", 3, ["文件夹"]),
    ("missing", lambda d: d / "没有这个文件.xlsx", 3, ["找不到文件"]),
    (
        "docx",
        lambda d: rebuild(
            d / "doc.xlsx", lambda n, b: None, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
        ),
        3,
        ["不是 Excel"],
    ),
    (
        "xlsb",
        lambda d: rebuild(
            d / "b.xlsx", lambda n, b: None, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0"}
        ),
        3,
        [".xlsb", "另存为"],
    ),
    (
        "ods",
        lambda d: rebuild(
            d / "o.xlsx",
            lambda n, b: None,
            {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<c/>"},
        ),
        3,
        [".ods"],
    ),
    ("zip-encrypted", lambda d: patch_central(rebuild(d / "zc.xlsx"), 8, b"\x01\x00"), 3, ["已加密"]),
    ("lzma", lambda d: rebuild(d / "lzma.xlsx", method=zipfile.ZIP_LZMA), 3, ["压缩方式"]),
    (
        "sheet-missing",
        lambda d: rebuild(d / "gap.xlsx", lambda n, b: None if n == part_of("目标与全市") else b),
        3,
        ["不完整", "缺失"],
    ),
    (
        "bad-xml",
        lambda d: rebuild(d / "xml.xlsx", lambda n, b: b[: len(b) // 2] if n == part_of("空气质量") else b),
        3,
        ["损坏"],
    ),
    (
        "no-workbook-part",
        lambda d: rebuild(
            d / "ct.xlsx", lambda n, b: b.replace(b"sheet.main", b"x") if n == "[Content_Types].xml" else b
        ),
        3,
        ["损坏"],
    ),
    (
        "billion-laughs-strings",
        lambda d: _shared_strings(d, b'<?xml version="1.0"?>' + LOL + b"<sst><si><t>&j;</t></si></sst>"),
        3,
        ["XML 实体", "拒绝"],
    ),
    ("billion-laughs-sheet", lambda d: _prefix(d, "lol.xlsx", part_of("空气质量"), LOL), 3, ["XML 实体"]),
    ("external-entity", lambda d: _prefix(d, "xxe.xlsx", "xl/workbook.xml", XXE), 3, ["XML 实体", "拒绝"]),
    ("parameter-entity", lambda d: _prefix(d, "pe.xlsx", "xl/workbook.xml", PARAM), 3, ["XML 实体"]),
    ("zip-bomb", _bomb, 3, ["压缩炸弹", "image1.png"]),
    (
        "declared-size",
        lambda d: patch_central(
            rebuild(d / "big.xlsx", add={"xl/media/a.png": b"x" * 10}), 24, b"\xfe\xff\xff\xff", b"xl/media/a.png"
        ),
        3,
        ["异常巨大"],
    ),
    ("members", _many_members, 3, ["内部文件数异常"]),
    (
        "huge-strings",
        lambda d: _shared_strings(
            d,
            b"<sst>"
            + b"".join(b"<si><t>%x</t></si>" % random.Random(1).getrandbits(64) for _ in range(150_000))
            + b"</sst>",
            "strings.xlsx",
        ),
        3,
        ["sharedStrings.xml", "异常巨大"],
    ),
    ("row-budget", _budget, 3, ["目标与全市", "异常多"]),
    ("json-broken", lambda d: put(d, "a.json", '{"values": {"air.pm25": 3'), 3, ["不是有效的 JSON"]),
    ("json-gbk", lambda d: put(d, "g.json", '{"county": "中方县"}'.encode("gbk")), 3, ["UTF-8"]),
]
CASES += [  # input that makes json.loads recurse or build a 5000-digit integer
    ("json-deep", lambda d: put(d, "deep.json", '{"values": ' + "[" * 100_000 + "]" * 100_000 + "}"), 3, ["JSON"]),
    ("json-long-number", lambda d: put(d, "n.json", '{"values": {"air.pm25": ' + "1" * 5000 + "}}"), 3, ["JSON"]),
]
PARAMS = [pytest.param(*c, id=c[0]) for c in CASES]


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "县"
    d.mkdir()
    shutil.copy(EXAMPLE, d / "上年.xlsx")
    return d


@pytest.mark.parametrize("case,build,code,words", PARAMS)
def test_every_bad_file_gets_its_message_on_every_path(folder, case, build, code, words):
    bad = build(folder)
    before = snapshot(folder)
    for args in (
        ("score", bad),
        ("diff", bad, folder / "上年.xlsx"),
        ("init-template", folder / "新.xlsx", "--from", bad),
    ):
        expect = (code, words)
        if case == "directory" and args[0] == "score":  # `score 文件夹` scores the folder's files (batch)
            expect = (2, ["没有找到要评分的"])
        start = time.monotonic()
        exit_code, out = cli(*args)
        assert time.monotonic() - start < FAST, args
        assert exit_code == expect[0], (args, out)
        assert out.startswith("错误："), out
        assert all(w in out for w in expect[1]), (args, out)
        assert "root:" not in out  # no file content leaks through an entity
        assert snapshot(folder) == before  # input unchanged, nothing written, no temporary file left


def test_batch_reports_each_bad_file_and_scores_the_good_one(folder, example_total):
    bad = [build(folder) for _, build, _, _ in CASES]
    expected = {p.name: (code, words) for p, (_, _, code, words) in zip(bad, CASES)}
    result = batch.score_many([folder / "上年.xlsx", *bad], write_summary=False, jobs=1)
    outcomes = {o.path.name: o for o in result.outcomes}
    assert outcomes["上年.xlsx"].ok and pts(outcomes["上年.xlsx"].standing.total) == example_total
    # lock files and folders are passed over, each with its reason
    assert {p.name for p, _ in result.skipped} == {"~$input.xlsx", "dir.xlsx"}
    for name, (code, words) in expected.items():
        if name in ("~$input.xlsx", "dir.xlsx"):
            continue
        err = outcomes[name].error
        assert err.exit_code == code and all(w in err.message for w in words), (name, err.message)
        assert outcomes[name].output is None and not (folder / f"{Path(name).stem}.scored.xlsx").exists()
    exit_code, out = cli("score", folder / "上年.xlsx", *bad, "-j", "1")  # the same through the command line
    assert exit_code == 4 and all(p.name in out for p in bad if p.name != "dir.xlsx"), out


# ---- memory ----------------------------------------------------------------------------------
MEASURE = (
    "import atexit, resource, sys; atexit.register(lambda: print('峰值内存', resource.getrusage("
    "resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)); sys.argv[0] = 'ecoscore'; "
    "from ecoscore.cli import app; app()"
)


@pytest.mark.parametrize("case", ["zip-bomb", "billion-laughs-strings", "huge-strings", "row-budget", "members"])
def test_rejections_are_bounded_in_memory(folder, case):
    bad = {c[0]: c[1] for c in CASES}[case](folder)
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, "score", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    assert int(re.search(r"峰值内存 (\d+)", proc.stderr).group(1)) < 250, proc.stderr  # MB, interpreter included


# ---- files that must be read normally --------------------------------------------------------
def _macro(d: Path) -> Path:
    def edit(n, b):
        if n == "[Content_Types].xml":
            return b.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            ).replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject" /></Types>'
            )
        return b

    return rebuild(d / "宏.xlsm", edit, {"xl/vbaProject.bin": OLE + bytes(1024)})


def _foreign_rows(d: Path) -> Path:
    wb = load_workbook(EXAMPLE)
    ws = wb.create_sheet("备注")
    ws["A1"], ws["A50000"] = "县里自己的备注", "远在读取范围以外：不影响评分"
    ws = wb["目标与全市"]
    ws["XFD30"] = "最右边一列"
    wb.save(d / "备注.xlsx")
    return d / "备注.xlsx"


GOOD = [
    ("upper-case", lambda d: shutil.copy(EXAMPLE, d / "INPUT.XLSX") and d / "INPUT.XLSX"),
    ("xlsm-with-macros", _macro),
    ("misnamed-xls", lambda d: shutil.copy(EXAMPLE, d / "其实是xlsx.xls") and d / "其实是xlsx.xls"),
    ("no-extension", lambda d: shutil.copy(EXAMPLE, d / "input") and d / "input"),
    ("foreign-sheet-and-far-column", _foreign_rows),
]


@pytest.mark.parametrize("case,build", GOOD, ids=[g[0] for g in GOOD])
def test_workbooks_are_read_by_content_whatever_their_name(tmp_path, example_total, case, build):
    path = build(tmp_path)
    before = path.read_bytes()
    exit_code, out = cli("score", path, "-o", tmp_path / "out.xlsx")
    assert exit_code == 0 and f"总分：{example_total} 分" in out, out
    assert path.read_bytes() == before


def test_content_below_the_rows_read_on_a_template_sheet_is_an_error_with_its_cell(tmp_path):
    wb = load_workbook(EXAMPLE)
    wb["目标与全市"]["E5000"] = 36
    wb.save(tmp_path / "far.xlsx")
    before = snapshot(tmp_path)
    start = time.monotonic()
    exit_code, out = cli("score", tmp_path / "far.xlsx")
    assert time.monotonic() - start < FAST
    assert exit_code == 4 and "目标与全市!E5000" in out and "只读取" in out, out
    assert snapshot(tmp_path) == before
