"""The file sheets of 汇总.xlsx: 未评分文件 (each file that failed, one row per problem) and 文件 (each
county's input and scored workbook, linked, and last year's files when --prev was given)."""

from __future__ import annotations

import os
from pathlib import Path

from ecoscore.workbook import layout as L
from ecoscore.workbook.tables import NUMBER, n, sheet_start, write_rows
from ecoscore.workbook.xlsx import Font

FAILED_SHEET = "未评分文件"
FILES_SHEET = "文件"
FAILED_HEADERS = ("文件", "错误类型", "说明", "位置", "字段编码", "问题")
FAILED_WIDTHS = (30, 12, 40, 24, 28, 60)
FILES_HEADERS = ("名次", "县（市、区）", "总分", "输入文件", "评分结果文件（点击打开）")
FILES_WIDTHS = (6, 22, 9, 40, 44)
ERROR_KINDS = {1: "内部错误", 2: "用法错误", 3: "无法读取文件", 4: "输入有误", 5: "无法写入"}
LINK_FONT = Font(name=L.FONT_NAME, color="0563C1", underline="single")


def link(path: Path | None, base: Path) -> str | None:
    """`path` relative to the summary's folder: shown, and linked (the link survives moving the folder)."""
    if path is None:
        return None
    try:
        return os.path.relpath(path, base).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)


def files_sheet(ws, result, target: Path) -> None:
    hint = "各县（市、区）的输入文件和评分结果文件；路径相对于本汇总表所在的文件夹。"
    r = sheet_start(ws, "输入文件与评分结果文件", hint, FILES_HEADERS, FILES_WIDTHS)
    base = target.parent
    for row in result.ranking:
        rank = row.rank if row.rank is not None else "暂定"
        values = (rank, row.label, n(row.total), link(row.path, base), link(row.output, base) or "")
        write_rows(ws, r, [values], FILES_WIDTHS, {3: NUMBER})
        if row.output is not None:
            cell = ws.cell(row=r, column=len(FILES_HEADERS))
            cell.hyperlink = link(row.output, base)
            cell.font = LINK_FONT
        r += 1
    if not len(result.ranking):
        r = write_rows(ws, r, [("", "没有评分成功的文件", "", "", "")], FILES_WIDTHS)
    if result.previous is not None:
        previous_block(ws, r + 1, result.previous, base)


def previous_block(ws, r: int, comparison, base: Path) -> None:
    prev = comparison.previous
    L.put(ws, r, 1, f"上年数据（{prev.folder}）", font=L.font(bold=True, size=12))
    L.header_row(ws, r + 1, ("", "县（市、区）", "上年总分", "上年文件", "说明"), FILES_WIDTHS)
    first = r + 2
    end = write_rows(ws, first, previous_rows(comparison, base), FILES_WIDTHS, {3: NUMBER})
    if end == first:
        write_rows(ws, first, [("", "上年文件夹中没有可用的文件", "", "", "")], FILES_WIDTHS, {3: NUMBER})


def previous_rows(comparison, base: Path):
    """The rows of 上年数据, one at a time: last year's counties, repeated files, unreadable files."""
    prev = comparison.previous
    for last in prev.counties.values():
        notes = [x for x in ("暂定" if last.provisional else "", last.basis) if x]
        if last.county in comparison.unused:
            notes.append("本次未评分该县")
        yield ("", last.county, n(last.total), link(last.path, base), "；".join(notes))
    for county, path in prev.repeated:
        yield ("", county, "", link(path, base), "同一县的另一个上年文件，未采用")
    for path, why in prev.failed:
        yield ("", "", "", link(path, base), f"未能读取：{why}")


def failed_sheet(ws, result, target: Path) -> None:
    r = sheet_start(
        ws,
        "未评分的文件",
        "这些文件未能评分，请按“问题”列修改后重新评分；其余文件的评分不受影响。",
        FAILED_HEADERS,
        FAILED_WIDTHS,
    )
    end = write_rows(ws, r, failed_rows(result, target), FAILED_WIDTHS)
    if end == r:
        write_rows(ws, r, [("无", "", "全部文件均已评分", "", "", "")], FAILED_WIDTHS)


def failed_rows(result, target: Path):
    """The rows of 未评分文件, one at a time: each failed file, one row per problem."""
    for o in result.failed:
        err = o.error
        kind, name = ERROR_KINDS.get(err.exit_code, "错误"), link(o.path, target.parent)
        if not err.problems:
            yield (name, kind, err.message, "", "", "")
        for i, p in enumerate(err.problems):
            yield (
                name if i == 0 else "",
                kind if i == 0 else "",
                err.message if i == 0 else "",
                str(p.location or ""),
                p.key or "",
                p.message,
            )
