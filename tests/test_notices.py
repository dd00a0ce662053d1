"""失分清单 per responsible unit (docs/spec/decisions.md#dev-15-notices): each notice read back with
openpyxl lists exactly its unit's lines, shared lines name their co-units, file names are safe on
Windows, and the CLI options behave."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from ecoscore.cli import app
from ecoscore.services.notices import file_stem, notice_names, write_notices
from ecoscore.services.score import score_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "中方县-2021.json"
runner = CliRunner()
HEADER_ROW = 4


def table(path: Path) -> list[tuple]:
    """The notice's rows below its header, up to the 合计 row (细则, 项目, 失分, 原因, 如何挽回, 共同责任单位)."""
    ws = openpyxl.load_workbook(path).active
    rows = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if row[0] == "合计":
            break
        rows.append(row[:6])
    return rows


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notices")
    scored = folder / "scored.xlsx"
    result = score_file(EXAMPLE, output=scored)
    return folder / "单位", write_notices(result.report, folder / "单位", EXAMPLE), scored


def test_the_forestry_bureau_notice_lists_its_one_line(written):
    folder, _, _ = written
    path = folder / "县林业局_失分清单.xlsx"
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "中方县2021年度生态环境保护工作考核失分清单（县林业局）"
    # 23.4 (县林业局 alone): 0.15 万亩 short, 0.1 per 0.1 万亩 → 0.15; nothing else names the bureau.
    rows = table(path)
    assert [(r[0], r[2], r[5]) for r in rows] == [("23.4", 0.15, None)]
    assert rows[0][4] == "国土绿化四项指标任务少完成面积合计：降至 0 万亩可挽回 0.15 分"
    total = [r for r in ws.iter_rows(values_only=True) if r[0] == "合计"]
    assert total == [("合计", None, 0.15, None, None, None)]
    texts = [r[0] for r in ws.iter_rows(values_only=True) if r[0]]
    assert any(t.startswith("签收单位（盖章）") for t in texts) and any(t.startswith("整改时限") for t in texts)


def test_every_notice_lists_exactly_the_lines_the_units_sheet_gives_its_unit(written):
    folder, notices, scored = written
    ws = openpyxl.load_workbook(scored)["责任单位明细"]  # the loss lines, one per unit and sub-rule
    by_unit: dict[str, set[str]] = {}
    header = None
    for row in ws.iter_rows(values_only=True):
        if row[:2] == ("责任单位", "失分"):
            header = row
            continue
        if header and row[0] and isinstance(row[1], (int, float)) and row[1] > 0:
            by_unit.setdefault(row[0], set()).add(row[header.index("细则")])
    assert by_unit, "the 责任单位 sheet's detail table was not found"
    assert {w.unit for w in notices} == set(by_unit)
    for w in notices:
        assert {r[0] for r in table(w.path)} == by_unit[w.unit], w.unit


def test_a_shared_line_names_the_other_units(written):
    folder, _, _ = written
    # 8.1 names six units (item 8's list); 县住建局's notice names the other five.
    rows = {r[0]: r for r in table(folder / "县住建局_失分清单.xlsx")}
    assert rows["8.1"][5] == "市生态环境局中方分局、县发改局、县城管执法局、县交通局、县水利局"


def test_file_names_are_safe_on_windows():
    assert file_stem("县/农业:局?") == "县_农业_局_"
    # Windows takes the part before the first dot as the device name: CON_失分清单.xlsx is a file
    assert file_stem("CON") == "CON" and file_stem("nul.局") == "_nul.局"
    assert file_stem("县林业局. ") == "县林业局"
    assert notice_names(["甲/局", "甲:局"]) == {"甲/局": "甲_局_失分清单.xlsx", "甲:局": "甲_局（2）_失分清单.xlsx"}


def test_cli_writes_the_notices_and_says_which_were_overwritten(tmp_path):
    args = ["score", str(EXAMPLE), "-o", str(tmp_path / "s.xlsx"), "-q", "--by-unit", str(tmp_path / "n")]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout == ""  # -q: nothing shown
    again = runner.invoke(app, args[:4] + args[5:])  # without -q
    assert again.exit_code == 0
    out = again.stdout.splitlines()
    shown = out[out.index(next(x for x in out if x.startswith("失分清单已写入文件夹"))) :]
    assert shown[0] == f"失分清单已写入文件夹：{tmp_path / 'n'}（14 个单位）"
    assert "  县林业局_失分清单.xlsx（失 0.15 分，已覆盖）" in shown
    assert len(list((tmp_path / "n").glob("*_失分清单.xlsx"))) == 14


def test_cli_never_overwrites_the_input(tmp_path):
    folder = tmp_path / "n"
    folder.mkdir()
    clash = folder / "县林业局_失分清单.xlsx"
    shutil.copy(ROOT / "examples" / "中方县-2021.xlsx", clash)
    r = runner.invoke(app, ["score", str(clash), "-o", str(tmp_path / "s.xlsx"), "--by-unit", str(folder)])
    assert r.exit_code == 2 and "输出文件不能与输入文件相同" in r.output


def test_cli_refuses_the_notices_in_a_batch(tmp_path):
    r = runner.invoke(app, ["score", str(EXAMPLE), str(EXAMPLE.with_suffix(".xlsx")), "--by-unit", str(tmp_path)])
    assert r.exit_code == 2 and "批量评分时不能用 --explain-losses 或 --by-unit" in r.output


def test_cli_explain_losses_lists_the_largest_recovery_first(tmp_path):
    r = runner.invoke(app, ["score", str(EXAMPLE), "-o", str(tmp_path / "s.xlsx"), "-q", "--explain-losses"])
    assert r.exit_code == 0
    out = [ln.rstrip() for ln in r.stdout.splitlines()]
    assert out[0] == "失分挽回（每行只改变一项填报值的测算，各行不能相加）"
    assert max(len(ln) for ln in out) <= 80
    # item 9: PM2.5 36 → 35 meets 二级标准 (all other pollutants already do) with a fall on last
    # year's 38, so 9.1 exempts the item: all of its lost points come back at once. They are
    # 9.2 0.1 × (6.5 − 2/38 × 100) ≈ 0.124, 9.3 0.2 × (45 − 44) = 0.2, 9.4 0.5 × (36 − 32) = 2 → 2.32.
    first_row = next(ln for ln in out if ln.lstrip().startswith("2.32"))
    assert "9.2、9.3、9.4" in first_row and "本年 PM2.5 年均浓度每下降 1 μg/m³ 挽回 2.32" in first_row
