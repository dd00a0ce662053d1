"""`-o diff.xlsx` of `ecoscore diff`: one sheet per view, green gains, red losses.

Every text cell goes through `layout.put`, so nothing a user typed becomes a formula.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ecoscore.core.model import OutputProblem, UsageProblem
from ecoscore.core.text import EMPTY, STATUS_TEXT, status_text
from ecoscore.workbook import layout as L
from ecoscore.workbook.atomic import save_atomic
from ecoscore.workbook.xlsx import CellIsRule, Font, PatternFill, Workbook, get_column_letter

SIGNED = "+0.00;-0.00;0.00"
NUMBER = "0.00"
GREEN = (PatternFill("solid", fgColor="C6EFCE"), Font(name=L.FONT_NAME, color="006100"))
RED = (PatternFill("solid", fgColor="FFC7CE"), Font(name=L.FONT_NAME, color="9C0006"))
ABSENT = "—"  # the side has no such row (a section or field present in the other file only)


def records(df) -> list[dict]:
    """A view's rows as dicts: records keep None as None (a pandas row Series may turn it into nan)."""
    return df.to_dict("records")


def field_value(f: dict, side: str):
    if f["status"] == ("new_only" if side == "old" else "old_only"):
        return ABSENT
    return EMPTY if f[side] is None else f[side]


# ---- writing diff.xlsx ------------------------------------------------------------------------
def _cell(v):
    """A value for a cell: Decimal → number, bool → 是/否, tuples → text."""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (tuple, list)):
        return "、".join(str(x) for x in v)
    return v


def _sheet(
    wb, name: str, title: str, hint: str, headers, widths, rows, *, change_cols=(), number_cols=(), losses: bool = False
):
    """One view: title, hint, header row, data rows; `change_cols` get green/red conditional formats."""
    ws = wb.create_sheet(name)
    L.put(ws, 1, 1, title, font=L.font(bold=True, size=14))
    L.put(ws, 2, 1, hint, font=L.font(color="595959", size=10))
    L.header_row(ws, 3, headers, widths)
    rows = list(rows) or [("无变化",) + ("",) * (len(headers) - 1)]
    for r, values in enumerate(rows, start=4):
        for c, v in enumerate(values, start=1):
            cell = L.put(ws, r, c, _cell(v), font=L.font(), alignment=L.WRAP, border=L.BORDER)
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = SIGNED if c in change_cols else NUMBER if c in number_cols else "General"
        L.fit_row_height(ws, r, widths)
    last = 3 + len(rows)
    for c in change_cols:
        ref = f"{get_column_letter(c)}4:{get_column_letter(c)}{last}"
        good, bad = (RED, GREEN) if losses else (GREEN, RED)  # for units a positive change is more loss
        for op, (fill, font) in (("greaterThan", good), ("lessThan", bad)):
            ws.conditional_formatting.add(ref, CellIsRule(operator=op, formula=["0"], fill=fill, font=font))
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(headers))}{last}"
    L.page_setup(ws, "3:3")
    return ws


def build_workbook(result) -> Workbook:
    o, n = result.old_title, result.new_title
    wb = Workbook()
    wb.remove(wb.active)
    basis = f"（{result.basis}）" if result.basis else ""
    head = f"{result.county}考核得分对比{basis}：{result.heading}"
    t = result.total
    rows = [
        (
            s["id"],
            s["name"],
            s["points"],
            s["old"],
            s["new"],
            s["change"],
            s["old_incomplete"] or "",
            s["new_incomplete"] or "",
        )
        for s in records(result.sections)
    ]
    rows.append(
        (
            "总分",
            "暂定分（有条款缺数据）" if t["old_provisional"] or t["new_provisional"] else "",
            Decimal(100),
            t["old"],
            t["new"],
            t["change"],
            "暂定" if t["old_provisional"] else "",
            "暂定" if t["new_provisional"] else "",
        )
    )
    _sheet(
        wb,
        "总分与板块",
        head,
        "".join(f"提示：{note}。" for note in result.notes)
        + f"“变化”= {n} − {o}：正数（绿）为得分增加，负数（红）为得分减少；加分项为正、扣分项为负。",
        ("板块", "名称", "分值", o, n, "变化", f"{o}缺数据条款数", f"{n}缺数据条款数"),
        (8, 34, 8, 10, 10, 10, 20, 20),
        rows,
        change_cols=(6,),
        number_cols=(3, 4, 5),
    )
    rows = [
        (
            i["id"],
            i["name"],
            i["points"],
            "未评分" if i["old"] is None else i["old"],
            "未评分" if i["new"] is None else i["new"],
            i["change"],
            STATUS_TEXT[i["old_status"]],
            STATUS_TEXT[i["new_status"]],
        )
        for i in records(result.items)
    ]
    _sheet(
        wb,
        "条款变化",
        head,
        "全部 39 个条款及加分项（B）、扣分项（P）；可按“变化”列筛选或排序。",
        ("条款", "名称", "分值", o, n, "变化", f"{o}状态", f"{n}状态"),
        (7, 40, 8, 10, 10, 10, 16, 16),
        rows,
        change_cols=(6,),
        number_cols=(3, 4, 5),
    )
    rows = [
        (
            x["item"],
            x["item_name"],
            x["rule"],
            status_text(x["status"], o, n),
            x["old"],
            x["new"],
            x["change"],
            x["old_reason"],
            x["new_reason"],
            x["units"],
        )
        for x in records(result.lines)
    ]
    _sheet(
        wb,
        "细则变化",
        head,
        "各细则的增减分（负数为扣分）；只列出新增、不再出现或分值变化的细则。",
        ("条款", "条款名称", "细则", "状态", o, n, "变化", f"{o}说明", f"{n}说明", "责任单位"),
        (6, 26, 7, 10, 9, 9, 9, 44, 44, 18),
        rows,
        change_cols=(7,),
        number_cols=(5, 6),
    )
    rows = [
        (
            f["label"],
            f["unit"],
            field_value(f, "old"),
            field_value(f, "new"),
            status_text(f["status"], o, n),
            f["key"],
        )
        for f in records(result.fields)
    ]
    _sheet(
        wb,
        "填报数据变化",
        head,
        "按字段编码对比（行的位置、工作表顺序不影响）；断面按名称对比；“—”表示该方没有这一行。",
        ("填报内容", "单位", o, n, "说明", "字段编码"),
        (46, 9, 14, 14, 14, 34),
        rows,
    )
    rows = [(u["unit"], u["old"], u["new"], u["change"]) for u in records(result.units)]
    _sheet(
        wb,
        "责任单位变化",
        head,
        "各责任单位的失分（共同失分在每个单位下全额计）；“变化”为正（红）表示失分增加。",
        ("责任单位", f"{o}失分", f"{n}失分", "变化"),
        (30, 12, 12, 12),
        rows,
        change_cols=(4,),
        number_cols=(2, 3),
        losses=True,
    )
    rows = [(m["id"], m["name"], m["old_missing"] or "", m["new_missing"] or "") for m in records(result.incomplete)]
    _sheet(
        wb,
        "缺项",
        head,
        "任一方缺少必填数据、未评分的条款（其得分变化无法计算）。",
        ("条款", "名称", f"{o}缺少", f"{n}缺少"),
        (7, 36, 50, 50),
        rows,
    )
    wb.properties.creator = "ecoscore"
    return wb


def write_diff(result, path) -> Path:
    """Write the diff workbook to `path` atomically (the target is the old file or the complete new one)."""
    target = Path(path)
    if target.is_dir():
        raise UsageProblem(f"输出路径“{target}”是文件夹，请指定文件名（如 {target / '对比.xlsx'}）")
    try:
        save_atomic(build_workbook(result), target)
    except PermissionError:
        raise OutputProblem(f"无法写入“{target}”：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as exc:
        raise OutputProblem(
            f"无法写入“{target}”：{exc.strerror or exc}（请检查文件夹是否存在、是否有写权限）"
        ) from None
    return target
