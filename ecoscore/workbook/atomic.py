"""Save a workbook so that the target is either the old file or the complete new one.

The workbook is written to a temporary file in the same folder (so `os.replace` is a rename
on one file system, atomic on POSIX and Windows) and renamed over the target; on any failure,
including Ctrl-C, the temporary file is removed and the target is left untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ecoscore.core.files import refuse_unless_replaceable, target_mode


def save_atomic(workbook, path: str | os.PathLike, *, overwrite: bool = True) -> None:
    """Write `workbook` (anything with `save(handle)`) to `path` atomically.

    Raises FileExistsError when `path` exists and `overwrite` is False, OSError when it exists and
    may not be replaced (a folder, a link, a device or FIFO: `core.files.refuse_unless_replaceable`).
    """
    target = Path(path)
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileExistsError(f"文件已存在：{target}")
    refuse_unless_replaceable(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".~{target.stem}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            workbook.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, target_mode(target))
        if not overwrite and target.exists():  # created meanwhile by someone else
            raise FileExistsError(f"文件已存在：{target}")
        refuse_unless_replaceable(target)  # and not turned into something else meanwhile
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
