"""Whether an output path may be replaced, and the permissions a new file gets: shared by
the atomic workbook save (`workbook.atomic`) and the atomic text writes (`services.output`),
with no openpyxl import."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path


class NotRegularFile(OSError):
    """The target exists but is a device, a pipe or a socket: writing a new file and renaming
    it over the target would replace that (as root, replacing /dev/null breaks the machine)."""


def replaceable(path: str | os.PathLike) -> bool:
    """True if `path` may be replaced by a new file: it does not exist, or it is a regular file
    (or a link to one; the link is what gets replaced). A folder, device, FIFO or socket: False."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError:  # a loop of links: the link itself is replaced, as for any other link
        return not os.path.isdir(path)
    return stat.S_ISREG(mode)


def target_mode(target: str | os.PathLike) -> int:
    """The permissions a normal save would give `target`: its own when it exists, else 0666
    less the umask (mkstemp creates its files 0600)."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_unless_replaceable(target: Path) -> None:
    if not replaceable(target):
        raise NotRegularFile(errno.EINVAL, "不是普通文件（设备或管道），不能替换", str(target))


def temporary_path(folder: Path, prefix: str) -> Path:
    """A name for a temporary file in `folder` (64 random bits), chosen before the file is
    created, so that a writer interrupted at any point (Ctrl-C, SIGTERM) knows what to remove."""
    return Path(folder) / f"{prefix}{os.urandom(8).hex()}.tmp"  # os.urandom: what `secrets` uses, without its imports


def create_new(path: Path) -> int:
    """Create `path` exclusively (0600 until the writer sets the final permissions); its fd."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)


def replace_atomically(target: Path, prefix: str, write: Callable[[int], None], *, overwrite: bool = True) -> None:
    """Write a new file with `write(fd)` (it owns and closes the descriptor) into a temporary file
    beside `target`, give it the permissions a normal save would, and rename it over `target`, so
    the target is either the old file or the complete new one. On any failure, Ctrl-C included,
    the temporary file is removed. FileExistsError when `target` exists and not `overwrite`;
    NotRegularFile when it may not be replaced (checked before writing and again before the rename)."""
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileExistsError(f"文件已存在：{target}")
    refuse_unless_replaceable(target)
    folder = target.parent if str(target.parent) else Path(".")
    tmp = temporary_path(folder, prefix)
    try:
        write(create_new(tmp))
        os.chmod(tmp, target_mode(target))  # mkstemp-style creation gives 0600
        if not overwrite and target.exists():  # created meanwhile by someone else
            raise FileExistsError(f"文件已存在：{target}")
        refuse_unless_replaceable(target)  # and not turned into something else meanwhile
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
