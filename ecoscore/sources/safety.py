"""Pre-flight checks on a workbook's zip container, before any XML is parsed.

A decompression bomb declares huge uncompressed sizes or absurd compression ratios; an
encrypted, truncated or foreign archive cannot be read. All of this is visible in the zip's
end record and central directory, so it is rejected in milliseconds without inflating
anything. (Declared sizes can be trusted as bounds: Python's zipfile never inflates a member
beyond its declared size, and a member that lies fails its CRC check.)
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ecoscore.core.model import FileProblem

# An input workbook is a few hundred KB unpacked; these limits leave a wide margin.
MAX_MEMBERS = 2_000
MAX_SHEETS = 255
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 100 * 1024 * 1024
# Parts openpyxl parses (XML, relationships): parsing costs far more than inflating (openpyxl
# builds an object per shared string, style and defined name), so they get tighter bounds. The
# template's parts are all under 100 KB; its shared strings, once Excel re-saves it, about 60 KB.
PARSED_SUFFIXES = (".xml", ".rels", ".vml")
MAX_PARSED_MEMBER = 8 * 1024 * 1024
MAX_PARSED_PART = {
    "xl/sharedstrings.xml": 2 * 1024 * 1024,
    "xl/styles.xml": 4 * 1024 * 1024,
    "xl/workbook.xml": 1024 * 1024,
}
MAX_TOTAL_PARSED = 32 * 1024 * 1024
MAX_RATIO = 200  # XML compresses 10–30×; 200× on a sizeable member is a bomb
RATIO_FLOOR = 1024 * 1024  # small members may compress arbitrarily well
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Excel, WPS and LibreOffice write
REQUIRED_MEMBERS = ("[Content_Types].xml",)
SAVE_AS = "请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（*.xlsx）再试"


END_RECORD = b"PK\x05\x06"  # end of central directory: 22 bytes, then a comment of up to 64 KB
ZIP64_LOCATOR = b"PK\x06\x07"  # 20 bytes, just before the end record
ZIP64_END = b"PK\x06\x06"
END_SEARCH = 22 + 0xFFFF
# A Strict Open XML workbook (Excel's “Strict Open XML 电子表格” save option) uses these namespaces.
STRICT_MARK = b"purl.oclc.org/ooxml/"
RELS = "_rels/.rels"


def _declared_entries(path: Path) -> int | None:
    """The member count the end-of-central-directory record declares (read before zipfile
    builds one object per member), or None if the record cannot be found. Parsed here from
    the zip format (APPNOTE 4.3.14–4.3.16), with only the public stdlib."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            start = max(0, size - END_SEARCH)
            fh.seek(start)
            tail = fh.read()
            at = tail.rfind(END_RECORD)
            if at < 0 or len(tail) - at < 22:
                return None
            entries = int.from_bytes(tail[at + 10 : at + 12], "little")
            if entries != 0xFFFF:
                return entries
            loc = start + at - 20  # zip64: the locator points at the zip64 end record
            if loc < 0:
                return None
            fh.seek(loc)
            locator = fh.read(20)
            if not locator.startswith(ZIP64_LOCATOR):
                return None
            fh.seek(int.from_bytes(locator[8:16], "little"))
            record = fh.read(56)
            if not record.startswith(ZIP64_END) or len(record) < 40:
                return None
            return int.from_bytes(record[32:40], "little")
    except (OSError, ValueError):
        return None


def _is_parsed(name: str) -> bool:
    return name.lower().endswith(PARSED_SUFFIXES)


def check_workbook_zip(path: Path) -> None:
    """Raise FileProblem if the archive is not a sane, unencrypted OOXML workbook."""
    name = path.name
    declared = _declared_entries(path)
    if declared is not None and declared > MAX_MEMBERS:
        raise FileProblem(f"“{name}”内部文件数异常（{declared} 个），不像正常的工作簿，已拒绝读取")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise FileProblem(f"“{name}”文件已损坏或不完整（可能下载中断），请重新获取完整文件") from None
    with zf:
        _check_members(zf, name)


def _check_members(zf: zipfile.ZipFile, name: str) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise FileProblem(f"“{name}”内部文件数异常（{len(infos)} 个），不像正常的工作簿，已拒绝读取")
    total = parsed = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileProblem(f"“{name}”已加密，无法读取；请在 Excel/WPS 中取消密码后另存为 .xlsx 再试")
        if info.compress_type not in ALLOWED_METHODS:
            raise FileProblem(f"“{name}”使用了 Excel 不支持的压缩方式，不是正常保存的工作簿；{SAVE_AS}")
        total += info.file_size
        if info.file_size > MAX_MEMBER_UNCOMPRESSED or (
            info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise FileProblem(f"“{name}”中的“{info.filename}”解压后异常巨大（疑似压缩炸弹），已拒绝读取")
        if _is_parsed(info.filename):
            parsed += info.file_size
            if info.file_size > MAX_PARSED_PART.get(info.filename.lower(), MAX_PARSED_MEMBER):
                raise FileProblem(
                    f"“{name}”中的“{info.filename}”异常巨大（{info.file_size / (1024 * 1024):.1f} MB），"
                    "不像 ecoscore 填报工作簿，已拒绝读取；如确为填报表，请删除多余的工作表和内容后另存再试"
                )
    if total > MAX_TOTAL_UNCOMPRESSED or parsed > MAX_TOTAL_PARSED:
        raise FileProblem(f"“{name}”解压后总大小异常（{max(total, parsed) // (1024 * 1024)} MB），已拒绝读取")
    _check_unique(name, infos)
    names = {i.filename for i in infos}
    _check_kind(name, names)
    _check_strict(zf, name, names)
    sheets = sum(1 for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if sheets > MAX_SHEETS:
        raise FileProblem(f"“{name}”的工作表数量异常（{sheets} 张），不像 ecoscore 填报工作簿，已拒绝读取")


def _check_kind(name: str, names: set[str]) -> None:
    """Other zip-based formats get their own message (each says what to do)."""
    if "xl/workbook.bin" in names:
        raise FileProblem(f"“{name}”是 Excel 二进制工作簿（.xlsb），无法读取；{SAVE_AS}")
    if "mimetype" in names and "content.xml" in names:
        raise FileProblem(f"“{name}”是 OpenDocument 表格（.ods，如 LibreOffice/WPS 保存的），无法读取；{SAVE_AS}")
    if not all(m in names for m in REQUIRED_MEMBERS) or not any(n.startswith("xl/") for n in names):
        raise FileProblem(f"“{name}”是压缩包，但不是 Excel 工作簿（可能是 .docx、.zip 等）；{SAVE_AS}")


def _check_unique(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Two members of one name (part names compare case-insensitively in OOXML) make the
    workbook ambiguous: Excel refuses it, and readers would each pick a different copy."""
    seen: set[str] = set()
    for info in infos:
        key = info.filename.lower()
        if key in seen:
            raise FileProblem(
                f"“{name}”内部有两个同名的部件（“{info.filename}”），内容有歧义，不是正常保存的工作簿，已拒绝读取；{SAVE_AS}"
            )
        seen.add(key)


def _check_strict(zf: zipfile.ZipFile, name: str, names: set[str]) -> None:
    """A Strict Open XML workbook (另存为“Strict Open XML 电子表格”) cannot be read: say so,
    rather than let the reader report a workbook without the template's sheets."""
    if RELS not in names:
        return
    try:
        with zf.open(RELS) as fh:
            head = fh.read(64 * 1024)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        raise FileProblem(f"“{name}”文件已损坏或不完整（可能下载中断），请重新获取完整文件") from None
    if STRICT_MARK in head:
        raise FileProblem(
            f"“{name}”是“Strict Open XML 电子表格”格式，无法读取；"
            "请在 Excel 中打开后“另存为”普通的“Excel 工作簿（*.xlsx）”再试"
        )
