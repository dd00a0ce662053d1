"""Pre-flight checks on a workbook's zip container, before any XML is parsed.

A decompression bomb declares huge uncompressed sizes or absurd compression ratios; an
encrypted or truncated archive cannot be read. All of this is visible in the zip's central
directory, so it is rejected in milliseconds without inflating anything.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ecoscore.model import FileProblem

# An input workbook is a few hundred KB unpacked; these limits leave a wide margin.
MAX_MEMBERS = 2_000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200  # XML compresses 10–30×; 200× on a sizeable member is a bomb
RATIO_FLOOR = 1024 * 1024  # small members may compress arbitrarily well
REQUIRED_MEMBERS = ("[Content_Types].xml",)


def check_workbook_zip(path: Path) -> None:
    """Raise FileProblem if the archive is not a sane, unencrypted OOXML workbook."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(f"“{name}”文件已损坏或不完整（可能下载中断），请重新获取完整文件") from None
    if len(infos) > MAX_MEMBERS:
        raise FileProblem(f"“{name}”内部文件数异常（{len(infos)} 个），不像正常的工作簿，已拒绝读取")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileProblem(f"“{name}”已加密，无法读取；请在 Excel/WPS 中取消密码后另存为 .xlsx 再试")
        total += info.file_size
        if info.file_size > MAX_MEMBER_UNCOMPRESSED or (
                info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise FileProblem(f"“{name}”中的“{info.filename}”解压后异常巨大（疑似压缩炸弹），已拒绝读取")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise FileProblem(f"“{name}”解压后总大小异常（{total // (1024 * 1024)} MB），已拒绝读取")
    names = {i.filename for i in infos}
    if not all(m in names for m in REQUIRED_MEMBERS) or not any(n.startswith("xl/") for n in names):
        raise FileProblem(f"“{name}”是压缩包，但不是 Excel 工作簿（可能是 .docx、.zip 等）；"
                          "请在 Excel 或 WPS 中打开后另存为 Excel 工作簿（*.xlsx）再试")
