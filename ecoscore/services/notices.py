"""`ecoscore score FILE --by-unit DIR`: one 失分清单 workbook per responsible unit that lost
points, written into DIR (docs/spec/decisions.md#dev-15-notices). No typer or rich here."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from ecoscore import rubric as editions
from ecoscore.core.model import Report, UsageProblem
from ecoscore.core.record import record
from ecoscore.scoring.notice_rows import unit_notices
from ecoscore.scoring.recovery import Recovery
from ecoscore.services.output import check_output_path, writing

SUFFIX = "_失分清单.xlsx"
NAME_CHARS = 80  # of the unit's name in a file name: well inside Windows' 255 and its 260-character paths
# characters Windows refuses in a file name, and the control characters
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@record(frozen=True)
class Written:
    unit: str
    path: Path
    lost: Decimal
    replaced: bool  # an earlier notice of the same name was overwritten


def file_stem(unit: str) -> str:
    """The unit's name as a Windows file name: unsafe characters become “_”, no trailing dot or space."""
    stem = UNSAFE.sub("_", unit).strip().rstrip(". ")[:NAME_CHARS].rstrip(". ") or "未命名单位"
    # “CON_失分清单.xlsx” is a plain file, but “NUL.局_失分清单.xlsx” is the device NUL to Windows
    return f"_{stem}" if "." in stem and stem.split(".")[0].upper() in RESERVED else stem


def notice_names(units: list[str]) -> dict[str, str]:
    """unit → file name; two names that sanitize alike get （2）, （3）… (compared as Windows does, ignoring case)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for unit in units:
        stem, i = file_stem(unit), 1
        name = stem + SUFFIX
        while name.casefold() in taken:
            i += 1
            name = f"{stem}（{i}）{SUFFIX}"
        taken.add(name.casefold())
        out[unit] = name
    return out


def check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"--by-unit 应指定一个文件夹，“{folder}”是文件；请另指定文件夹（不存在时自动创建）")


def write_notices(report: Report, folder: Path, source: Path, found: list[Recovery] | None = None) -> list[Written]:
    """Write every unit's notice into `folder` (created when missing); the input is never overwritten."""
    folder = Path(folder)
    check_folder(folder)
    rubric = editions.of(report.rubric)
    notices = unit_notices(report, rubric, found)
    names = notice_names([x.unit for x in notices])
    for x in notices:  # every target checked before the first is written
        check_output_path(folder / names[x.unit], source)
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    from ecoscore.workbook.notice import write_notice

    out = []
    for x in notices:
        path = folder / names[x.unit]
        replaced = path.exists()
        with writing(path):
            write_notice(path, x, county=report.county, year=report.year, basis=report.basis)
        out.append(Written(x.unit, path, x.total, replaced))
    return out
