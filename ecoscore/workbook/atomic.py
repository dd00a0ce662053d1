"""Save a workbook so that the target is either the old file or the complete new one.

The workbook is written to a temporary file in the same folder (so `os.replace` is a rename
on one file system, atomic on POSIX and Windows) and renamed over the target; on any failure,
including Ctrl-C, the temporary file is removed and the target is left untouched.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

NOT_REGULAR = "目标不是普通文件（文件夹、快捷方式链接或设备），为安全起见不覆盖"


def refuse_non_regular(target: Path) -> None:
    """Raise OSError when `target` exists and is not a regular file: a link, folder, pipe or device is
    never replaced by a workbook."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise OSError(errno.EEXIST, NOT_REGULAR, str(target))


def _default_mode() -> int:
    # mkstemp creates 0600 files; give the result the permissions a normal save would have.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def save_atomic(workbook, path: str | os.PathLike, *, overwrite: bool = True) -> None:
    """Write `workbook` (openpyxl) to `path` atomically.

    Raises FileExistsError when `path` exists and `overwrite` is False, OSError when it exists and
    is not a regular file (`refuse_non_regular`).
    """
    target = Path(path)
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileExistsError(f"文件已存在：{target}")
    refuse_non_regular(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".~{target.stem}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            workbook.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _default_mode())
        if not overwrite and target.exists():  # created meanwhile by someone else
            raise FileExistsError(f"文件已存在：{target}")
        refuse_non_regular(target)  # and not turned into something else meanwhile
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
