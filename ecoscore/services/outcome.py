"""One batch input's result (`Outcome`): its scored workbook and `Brief` when scored, else its error.

A batch keeps an Outcome per input for its whole run, so an Outcome is small: the county's Standing
(item scores, section totals, largest losses) waits in the batch's spool (`services.spool`) and is read
back when asked for (`Outcome.standing`); the Outcome keeps only the input's and output's paths, the
`Brief` the ranking needs and the Standing's offset.
"""

from __future__ import annotations

from pathlib import Path

from ecoscore.core.model import EcoscoreError, json_number
from ecoscore.services.spool import Spool
from ecoscore.services.standing import Brief, Standing, brief_of, unpack


class InternalFailure(EcoscoreError):
    """A bug of ours met while scoring one file; kept so the rest of the batch is still scored."""

    exit_code = 1

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail  # the traceback, for --debug


class Outcome:
    """One input's result: its `standing` and `output` when scored, else `error`.

    Given a `standing`, the Outcome holds it; given a `spool` and `offset` (a batch), it reads the
    Standing from the spool each time it is asked for and keeps only its `brief`."""

    __slots__ = ("path", "output", "error", "report_file", "brief", "_standing", "_spool", "_offset")

    def __init__(
        self,
        path: Path,
        output: Path | None = None,
        standing: Standing | None = None,
        error: EcoscoreError | None = None,
        report_file: Path | None = None,  # its report's JSON, spooled to a temporary file (`batch_json`)
        *,
        brief: Brief | None = None,
        spool: Spool | None = None,
        offset: int = -1,
    ):
        self.path = path
        self.output = output
        self.error = error
        self.report_file = report_file
        self.brief = brief if brief is not None else (brief_of(standing) if standing else None)
        self._standing = standing
        self._spool = spool
        self._offset = offset

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def standing(self) -> Standing | None:
        """What the batch keeps of the county's report (None when not scored); read from the spool."""
        if self._standing is not None or self._spool is None:
            return self._standing
        return unpack(self._spool.get(self._offset))  # type: ignore[arg-type]

    def __repr__(self) -> str:
        what = f"error={self.error!r}" if self.error is not None else f"brief={self.brief!r}"
        return f"Outcome({str(self.path)!r}, {what})"

    def to_dict(self, rank: int | None = None) -> dict:
        b, e = self.brief, self.error
        return {
            "file": str(self.path),
            "ok": self.ok,
            "output": str(self.output) if self.output else None,
            "county": b.county if b else None,
            "total": json_number(b.total) if b else None,
            "provisional": b.provisional if b else None,
            "rank": rank,
            "error": e
            and {"exit_code": e.exit_code, "message": e.message, "problems": [p.to_dict() for p in e.problems]},
        }
