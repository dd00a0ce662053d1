"""What `ecoscore diff` checks before it compares (docs/spec/decisions.md#dev-12): the same county,
the years in order, the same edition and basis. Each finding is a 提示 shown before the changes.
Also how the two sides are named (docs/spec/decisions.md#dev-diff-labels): by what they are.
"""

from __future__ import annotations

from pathlib import Path

from ecoscore import rubric as editions

AUDIT_LABELS = ("自评", "核定")
NEUTRAL_LABELS = ("文件一", "文件二")
NAME_CHARS = 16  # a file-name label longer than this is shortened (the full name is in the header)


def side_labels(old_year, new_year, old_name: str = "", new_name: str = "", audit: bool = False) -> tuple[str, str]:
    """The two sides' column labels: 自评/核定 with --audit; "2020年"/"2021年" for two different
    years; otherwise (same or unknown year) the short file names, or 文件一/文件二 when the
    names are missing or equal. Never 上年/本年 by force."""
    if audit:
        return AUDIT_LABELS
    if old_year and new_year and old_year != new_year:
        return f"{old_year}年", f"{new_year}年"
    a, b = short_name(old_name), short_name(new_name)
    return (a, b) if a and b and a != b else NEUTRAL_LABELS


def short_name(name: str) -> str:
    stem = Path(name).stem if name else ""
    return stem if len(stem) <= NAME_CHARS else stem[: NAME_CHARS - 1] + "…"


def side_title(role: str, side) -> str:
    year = side.report.year or side.data.year
    return f"{role}（{year}年）" if year else role


def checks(old, new, roles: tuple[str, str] = ("文件一", "文件二"), audit: bool = False) -> list[str]:
    """提示 for two sides (`diff_rows.Side`): another county, swapped or equal years, another edition or
    basis. `roles` name the sides in the text (文件一/文件二, or 自评文件/核定文件)."""
    out: list[str] = []
    ro_, rn_ = roles
    oc, nc = old.report.county, new.report.county
    if oc and nc and oc != nc:
        out.append(
            f"两个文件的县（市、区）不同：{ro_}为{oc}，{rn_}为{nc}；以下是两个县（市、区）之间的差异，不是同一县（市、区）的年度变化"
        )
    oy, ny = old.report.year, new.report.year
    if oy is not None and ny is not None:
        if oy > ny:
            out.append(
                f"{ro_}的考核年度（{oy}年）晚于{rn_}（{ny}年），两个文件可能放反了（命令为 ecoscore diff 文件一 文件二，变化 = 文件二 − 文件一）；"
                f"以下变化仍按所给顺序计算（{ny}年 − {oy}年）"
            )
        elif oy == ny and not audit:  # 自评 and 核定 of one year are meant to be the same year
            out.append(f"两个文件的考核年度相同（都是 {oy} 年），以下是同一年度两份填报之间的差异")
        elif oy != ny and audit:
            out.append(f"自评与核定的考核年度不同（{ro_}为 {oy} 年，{rn_}为 {ny} 年），请检查是否选错了文件")
    if old.report.rubric != new.report.rubric:
        ro, rn = editions.of(old.report.rubric), editions.of(new.report.rubric)
        out.append(
            f"两个文件按不同的考核细则评分：{ro_}按《{ro.title}》，{rn_}按《{rn.title}》；"
            "得分变化中含细则本身的变化，条款按编号对应"
        )
    if old.report.rubric == new.report.rubric:
        mismatch = same_year_figures(old, new, editions.of(new.report.rubric))
        if mismatch:
            out.append(mismatch)
    for role, side in ((ro_, old), (rn_, new)):
        if side.report.basis:
            out.append(f"{side_title(role, side)}的年度没有对应的考核细则，{side.report.basis}，仅供对比参考")
    return out


def basis_header(old, new) -> str:
    """The diff header's basis: "按《…》口径测算" when either side is scored on another year's edition."""
    texts = list(dict.fromkeys(s.report.basis for s in (old, new) if s.report.basis))
    return "、".join(texts)


def same_year_figures(old, new, rubric) -> str | None:
    """A 提示 when consecutive years' files disagree on one year's figure: this year's 上年 figures
    against last year's 本年 figures, and the calendar-year history (heavy-pollution days) of both."""
    oy, ny = old.report.year, new.report.year
    if oy is None or ny is None or ny != oy + 1:
        return None
    from ecoscore.core.fields import Period
    from ecoscore.core.kit import num

    cat, ov, nv = rubric.catalogue, old.report.values, new.report.values
    pairs = []
    for f in cat.values():
        if f.period is Period.PREVIOUS:
            cur = rubric.figure(f.measure, Period.CURRENT)
            if cur is not None:
                pairs.append((f.key, cur.key))
        elif f.period is Period.YEAR:
            cur = rubric.figure(f.measure, Period.CURRENT)
            pairs.append((f.key, cur.key if cur is not None and f.year == oy else f.key))
    found = [
        f"{cat[nk].label}：{ny}年文件为 {num(nv[nk])}，{oy}年文件为 {num(ov[ok])}"
        for nk, ok in pairs
        if nv.get(nk) is not None and ov.get(ok) is not None and nv[nk] != ov[ok]
    ]
    if not found:
        return None
    more = f"等 {len(found)} 项" if len(found) > 4 else ""
    return "两个文件对同一年度的数据填报不一致（请核对哪一份有误）：" + "；".join(found[:4]) + more
