"""Save a workbook so that the target is either the old file or the complete new one.

The workbook is written to a temporary file in the same folder (so `os.replace` is a rename
on one file system, atomic on POSIX and Windows) and renamed over the target; on any failure,
including Ctrl-C, the temporary file is removed and the target is left untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

from ecoscore.core.files import replace_atomically


class Stoppable:
    """The temporary file as the writer's ZipFile sees it. When the save fails or is interrupted
    (Ctrl-C, SIGTERM), the writer leaves its ZipFile unclosed; collected later, it would write
    its directory into the closed, deleted file and Python would print “Exception ignored …
    Traceback”. Once stopped, every write goes nowhere, so that close finishes silently."""

    def __init__(self, raw):
        self._raw = raw
        self._stopped = False
        self._pos = 0  # once stopped: the position zipfile believes it is at

    def stop(self) -> None:
        try:
            self._pos = self._raw.tell()
        except (OSError, ValueError):
            self._pos = 0
        self._stopped = True

    def write(self, data) -> int:
        if not self._stopped:
            return self._raw.write(data)
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos if self._stopped else self._raw.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if not self._stopped:
            return self._raw.seek(offset, whence)
        self._pos = offset if whence == 0 else self._pos + offset
        return self._pos

    def flush(self) -> None:
        if not self._stopped:
            self._raw.flush()

    def seekable(self) -> bool:
        return True


def save_atomic(workbook, path: str | os.PathLike, *, overwrite: bool = True) -> None:
    """Write `workbook` (anything with `save(handle)`) to `path` atomically (`core.files.replace_atomically`).

    Raises FileExistsError when `path` exists and `overwrite` is False, OSError when it exists and
    may not be replaced (a folder, a device or FIFO: `core.files.refuse_unless_replaceable`).
    """
    target = Path(path)

    def write(fd: int) -> None:
        with os.fdopen(fd, "wb") as raw:
            handle = Stoppable(raw)
            try:
                workbook.save(handle)
            except BaseException:
                handle.stop()
                raise
            raw.flush()
            os.fsync(raw.fileno())

    replace_atomically(target, f".~{target.stem}.", write, overwrite=overwrite)
