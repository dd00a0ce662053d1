"""Recognise what a user's file really is, by its content rather than its name.

Each kind of unusable file gets its own Chinese message that says what to do.
"""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

from ecoscore.core.model import FileProblem
from ecoscore.sources.safety import SAVE_AS, check_workbook_zip

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls/.et/.doc, and encrypted OOXML
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted OOXML workbook is an OLE file holding these streams (their names in UTF-16LE,
# encoded when an OLE file is looked at: the codec is not imported for every workbook).
ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")
MAX_JSON_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024
NO_PERMISSION = "没有权限读取“{path}”：请检查文件权限（或请管理员开放读取权限），或先在 Excel/WPS 中关闭它后再试"


def sniff(path: Path) -> str:
    """'xlsx' or 'json'; raises FileProblem with a message naming the problem and the remedy."""
    name = path.name
    _check_reachable(path)
    if path.is_dir():
        raise FileProblem(f"“{path}”是文件夹，不是工作簿（评分整个文件夹请用批量评分：ecoscore score 文件夹/）")
    if name.startswith("~$"):
        raise FileProblem(f"“{name}”是 Excel/WPS 打开文件时产生的临时锁定文件，不是工作簿；请选择不带 ~$ 的原文件")
    if not path.is_file():
        raise FileProblem(f"“{path}”不是普通文件（可能是设备或管道），请选择工作簿文件")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(512)
    except PermissionError:
        raise FileProblem(NO_PERMISSION.format(path=path)) from None
    except OSError as exc:
        raise FileProblem(f"无法读取“{path}”：{exc.strerror or exc}") from None
    if not head:
        raise FileProblem(f"“{name}”是空文件（0 字节），可能未保存完整或下载中断，请重新获取")
    if head.startswith(OLE_MAGIC):
        if _ole_encrypted(path):
            raise FileProblem(
                f"“{name}”设置了打开密码（加密工作簿），无法读取；请在 Excel/WPS 中打开，"
                "在“文件 → 信息 → 保护工作簿”（WPS：“文件 → 文档加密”）中取消密码后保存，再试"
            )
        raise FileProblem(f"“{name}”是旧版 Excel/WPS 格式（.xls/.et），无法读取；{SAVE_AS}")
    if head.startswith(ZIP_MAGIC):
        if not zipfile.is_zipfile(path):
            raise FileProblem(f"“{name}”文件不完整（可能下载中断或复制未完成），请重新获取完整文件")
        check_workbook_zip(path)
        return "xlsx"
    if _utf16_json(head):
        raise FileProblem(f"“{name}”是 UTF-16（“Unicode”）编码的 JSON 文件，无法读取；请以 UTF-8 编码另存后再试")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"{", b"[")):  # a top-level list is JSON too: the JSON reader says what is wrong
        if size > MAX_JSON_BYTES:
            raise FileProblem(f"“{name}”有 {size // (1024 * 1024)} MB，远大于任何 JSON 输入，已拒绝读取；请核对文件")
        return "json"
    lower = text[:200].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")) or b"<html" in lower:
        raise FileProblem(f"“{name}”实际是网页（HTML/XML）文件，只是扩展名为表格；{SAVE_AS}")
    if b"," in head or b"\t" in head:
        raise FileProblem(f"“{name}”实际是 CSV/文本文件，不是 Excel 工作簿；{SAVE_AS}")
    raise FileProblem(f"无法识别“{name}”的格式：既不是 Excel 工作簿（.xlsx），也不是 JSON 输入；{SAVE_AS}")


def _check_reachable(path: Path) -> None:
    """A missing file, a link to nothing, a loop of links and a folder without access each get
    their own message (`Path.exists` would call all of them missing)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise FileProblem(f"“{path}”是快捷方式（符号链接），但它指向的文件不存在；请选择原文件") from None
        raise FileProblem(f"找不到文件“{path}”，请检查路径和文件名") from None
    except PermissionError:
        raise FileProblem(NO_PERMISSION.format(path=path)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileProblem(
                f"“{path}”是循环的快捷方式（符号链接最终又指向它自己），不是文件，无法读取；请选择原文件"
            ) from None
        raise FileProblem(f"无法读取“{path}”：{exc.strerror or exc}") from None


def _utf16_json(head: bytes) -> bool:
    """True for text in UTF-16 or UTF-32 (Windows Notepad's “Unicode”) that starts like JSON:
    a byte-order mark, or every other byte zero around an opening brace or bracket."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    stripped = head.lstrip(b"\x00 \t\r\n")
    return stripped[:1] in (b"{", b"[") and b"\x00" in head[:8]


def _ole_encrypted(path: Path) -> bool:
    """True if the OLE file holds an encrypted OOXML package (not an old .xls/.et). Streams the
    file in chunks: the directory naming the streams may sit anywhere; memory stays bounded."""
    streams = [name.encode("utf-16-le") for name in ENCRYPTED_STREAMS]
    overlap = max(len(s) for s in streams) - 1
    tail = b""
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                window = tail + chunk
                if any(s in window for s in streams):
                    return True
                tail = window[-overlap:]
    except OSError:
        return False
    return False
