"""The batch's `--json`: every file's outcome with its full report (the text `score 文件 --json`
writes, `derived` included) under `report`, null for a file that was not scored.

The reports are not kept in memory: each worker spools its county's report to a file in a
temporary folder (`score_many(reports=…)`), and the document is streamed together here, one
report at a time, so the batch's memory does not grow with the number of counties.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TextIO

from ecoscore.core.files import replace_atomically
from ecoscore.services.output import writing

INDENT = "  "


def write(result, out: TextIO) -> None:
    """`result.to_dict()` with each file's report added, as `json_text` would lay it out."""
    doc = result.to_dict()
    files = doc.pop("files")
    out.write("{\n" + INDENT + '"files": [')
    for i, (entry, outcome) in enumerate(zip(files, result.outcomes, strict=True)):
        out.write(",\n" if i else "\n")
        body = json.dumps(entry, ensure_ascii=False, indent=2)
        out.write(_indented(body[:-2], 2))  # without its closing "\n}": the report goes last
        out.write(",\n" + INDENT * 3 + '"report": ')
        out.write(_report(outcome.report_file))
        out.write("\n" + INDENT * 2 + "}")
    out.write("\n" + INDENT + "]" if files else "]")
    for key, value in doc.items():
        out.write(",\n" + INDENT + json.dumps(key, ensure_ascii=False) + ": ")
        out.write(_indented(json.dumps(value, ensure_ascii=False, indent=2), 1, first=False))
    out.write("\n}\n")


def _indented(text: str, depth: int, first: bool = True) -> str:
    """Each line of `text` indented `depth` levels (JSON text holds no raw newline inside a string)."""
    pad = INDENT * depth
    lines = text.split("\n")
    return "\n".join((pad + line if (k or first) else line) for k, line in enumerate(lines))


def _report(path: Path | None) -> str:
    if path is None:
        return "null"
    return _indented(path.read_text(encoding="utf-8").rstrip("\n"), 3, first=False)


def save(result, target: str) -> None:
    """To the file `target` atomically, or to standard output when it is "-"."""
    if target == "-":
        write(result, sys.stdout)
        return
    path = Path(target)

    def stream(fd: int) -> None:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            write(result, fh)

    with writing(path):
        replace_atomically(path, f".{path.name}.", stream)
