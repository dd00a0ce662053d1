"""A batch's private spool: records pickled one after another into one file in a private temporary
folder as they arrive, each read back by the offset `put` returned.

A batch keeps each county's `Standing` (and what phase 2 needs of the city figures) here rather than in
memory, so the main process holds a few numbers per county, not its item scores. The folder is removed
by `close()`, when the spool is garbage-collected, or at interpreter exit, whichever comes first (an
error or Ctrl+C leaves nothing behind).
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

PROTOCOL = pickle.HIGHEST_PROTOCOL


def _remove(handle: BinaryIO, folder: str) -> None:
    handle.close()  # first: Windows cannot remove an open file
    shutil.rmtree(folder, ignore_errors=True)


class Spool:
    """Append-only pickled records in a private temporary file; `get(offset)` reads one back."""

    def __init__(self, prefix: str = "ecoscore-batch-") -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))  # mode 0700: private to this user
        self._file: BinaryIO = open(self.folder / "records.pickle", "w+b")  # noqa: SIM115  closed by _remove
        self._end = 0
        self._finalizer = weakref.finalize(self, _remove, self._file, str(self.folder))

    def put_bytes(self, blob: bytes) -> int:
        """Append an already pickled record (as a worker sends it); its offset."""
        offset = self._end
        self._file.seek(offset)
        self._file.write(blob)
        self._end = offset + len(blob)
        return offset

    def put(self, record: object) -> int:
        """Append `record`, pickled; its offset."""
        return self.put_bytes(pickle.dumps(record, protocol=PROTOCOL))

    def get(self, offset: int) -> object:
        """The record put at `offset`."""
        if self.closed:
            raise ValueError("the batch's spool is closed: its records were removed with it")
        self._file.seek(offset)
        return pickle.load(self._file)  # noqa: S301  our own file, in our own private temporary folder

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    @property
    def size(self) -> int:
        """Bytes spooled so far."""
        return self._end

    def close(self) -> None:
        """Remove the folder and its file (again: no-op)."""
        self._finalizer()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def spooled_file(folder: Path, name: str, record: object) -> Path:
    """`record` pickled to its own file `name` in `folder` (a private temporary folder); its path."""
    path = folder / name
    with open(path, "wb") as fh:
        pickle.dump(record, fh, protocol=PROTOCOL)
    return path


def read_spooled_file(path: Path | None, remove: bool = True) -> object:
    """The record `spooled_file` wrote (None for no path); the file is removed once read."""
    if path is None:
        return None
    with open(path, "rb") as fh:
        record = pickle.load(fh)  # noqa: S301  our own file, in our own private temporary folder
    if remove:
        os.unlink(path)
    return record


class SpooledMapping(Mapping):
    """A read-only mapping whose values wait in a `Spool`: only the keys and offsets stay in memory."""

    def __init__(self, spool: Spool, offsets: dict) -> None:
        self._spool = spool
        self._offsets = offsets

    @classmethod
    def of(cls, spool: Spool, values: Mapping) -> SpooledMapping:
        """`values` written to `spool`, one record each."""
        return cls(spool, {key: spool.put(value) for key, value in values.items()})

    def __getitem__(self, key: object) -> object:
        return self._spool.get(self._offsets[key])

    def __iter__(self) -> Iterator:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)

    def __repr__(self) -> str:
        return f"SpooledMapping({len(self)} records)"
