"""Issue #13: the right year's rules, or a labelled basis; diff says what it compares.

Expected texts and numbers are written out by hand from the issue and the examples, never
taken from the code under test.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BASIS = "按《2021年怀化市生态环境保护工作考核细则》口径测算"
runner = CliRunner()


def run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def example(year: int) -> dict:
    return json.loads((EXAMPLES / f"中方县-{year}.json").read_text(encoding="utf-8"))


def save(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def summary_facts(path: Path) -> dict:
    ws = load_workbook(path)["总览"]
    return {r[0]: r[1] for r in ws.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True) if r[0]}


# ---- the rubric knows its year ------------------------------------------------------------------
def test_a_2022_workbook_is_an_input_error_naming_year_rubric_and_editions(tmp_path):
    book = tmp_path / "鹤城区-2022.xlsx"
    assert run("init-template", book, "--year", "2022", "--rubric", "huaihua-2021")[0] == 0
    code, out, err = run("score", book)
    assert code == 4 and out == ""
    assert "考核年度为 2022 年" in err
    assert "《2021年怀化市生态环境保护工作考核细则》适用于 2021 年度" in err
    assert "现有：huaihua-2021（《2021年怀化市生态环境保护工作考核细则》，适用于 2021 年度）" in err
    assert "--rubric huaihua-2021" in err
    assert "填报说明!B4" in err  # the cell holding the year
    assert not (tmp_path / "鹤城区-2022.scored.xlsx").exists()


def test_a_2022_json_is_an_input_error_too(tmp_path):
    doc = example(2021)
    doc["year"] = 2022
    code, _, err = run("score", save(tmp_path / "a.json", doc), "--json", "-")
    assert code == 4 and "考核年度为 2022 年" in err


def test_on_an_explicit_basis_it_is_scored_and_labelled_everywhere(tmp_path):
    doc = example(2021)
    doc["year"] = 2022
    src = save(tmp_path / "a.json", doc)
    code, out, _ = run("score", src, "--rubric", "huaihua-2021", "-o", tmp_path / "a.xlsx", "--json", tmp_path / "a.j")
    assert code == 0
    assert out.splitlines()[0] == f"中方县 2022 年度生态环境保护工作考核评分（{BASIS}）"
    report = json.loads((tmp_path / "a.j").read_text(encoding="utf-8"))
    assert (report["year"], report["rubric"], report["basis"]) == (2022, "huaihua-2021", BASIS)
    facts = summary_facts(tmp_path / "a.xlsx")
    assert facts["评分口径"] == BASIS
    assert facts["考核年度"] == 2022
    assert BASIS in next(iter(facts))  # the title row
    # the figures are the 2021 example's: the same total as that example (89.59, README; rubric
    # revision 2's 37.4 counts whole units of 20, so 72 calls against 60 no longer add 0.06 to 89.65)
    assert report["total"] == 89.59


def test_the_own_year_needs_no_label(tmp_path):
    code, out, _ = run("score", EXAMPLES / "中方县-2021.json", "--json", "-")
    assert code == 0 and json.loads(out)["basis"] is None
    code, out, _ = run("score", EXAMPLES / "中方县-2021.json", "--rubric", "huaihua-2021", "--json", "-")
    assert code == 0 and json.loads(out)["basis"] is None


def test_the_shipped_2020_example_scores_only_on_an_explicit_basis(tmp_path):
    book = shutil.copy(EXAMPLES / "中方县-2020.xlsx", tmp_path / "中方县-2020.xlsx")
    code, _, err = run("score", book)
    assert code == 4 and "考核年度为 2020 年" in err
    code, out, _ = run("score", book, "--rubric", "huaihua-2021")
    assert code == 0 and out.startswith(f"中方县 2020 年度生态环境保护工作考核评分（{BASIS}）\n总分：97.48 分")


def test_an_unknown_rubric_is_a_usage_error():
    code, _, err = run("score", EXAMPLES / "中方县-2021.json", "--rubric", "huaihua-2030")
    assert code == 2 and "没有考核细则“huaihua-2030”" in err and "huaihua-2021" in err


def test_rubrics_lists_id_title_and_year():
    code, out, _ = run("rubrics")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("huaihua-2021"))
    assert "2021年怀化市生态环境保护工作考核细则" in row and "2021 年" in row


def test_init_template_for_a_year_without_an_edition(tmp_path):
    code, _, err = run("init-template", tmp_path / "a.xlsx", "--year", "2022")
    assert code == 4 and "考核年度为 2022 年" in err and not (tmp_path / "a.xlsx").exists()
    assert run("init-template", tmp_path / "a.xlsx", "--year", "2022", "--rubric", "huaihua-2021")[0] == 0
    ws = load_workbook(tmp_path / "a.xlsx")["填报说明"]
    assert ws["B4"].value == 2022
    assert ws["B5"].value == f"huaihua-2021（2021年怀化市生态环境保护工作考核细则），{BASIS}"


def test_batch_labels_a_basis_and_mixed_years(tmp_path):
    folder = tmp_path / "各县"
    folder.mkdir()
    save(folder / "a.json", example(2021))
    save(folder / "b.json", example(2020))
    code, _, err = run("score", folder, "-q")
    assert code == 4 and "考核年度为 2020 年" in err  # that file only; the other is scored
    assert (folder / "a.scored.xlsx").exists()
    code, out, _ = run("score", folder, "--rubric", "huaihua-2021", "--json", "-")
    files = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert code == 0 and files["b.json"]["ok"] and files["b.json"]["total"] == 97.48


# ---- diff checks what it compares ---------------------------------------------------------------
def test_diff_of_the_examples_needs_the_basis_and_then_reads_2020_to_2021(tmp_path):
    old, new = EXAMPLES / "中方县-2020.xlsx", EXAMPLES / "中方县-2021.xlsx"
    code, _, err = run("diff", old, new)
    assert code == 4 and "文件一“中方县-2020.xlsx”" in err and "考核年度为 2020 年" in err
    code, out, _ = run("diff", old, new, "--rubric", "huaihua-2021")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("提示：两个文件对同一年度的数据填报不一致")  # the fictional examples disagree
    assert lines[1] == f"提示：文件一（2020年）的年度没有对应的考核细则，{BASIS}，仅供对比参考"
    assert lines[2] == f"中方县 考核得分对比（{BASIS}）：2020年（中方县-2020.xlsx）→ 2021年（中方县-2021.xlsx）"
    assert lines[3] == "总分：97.48 → 89.59（-7.89）"  # 89.59 − 97.48 = −7.89


def test_diff_of_two_counties_says_so_first(tmp_path):
    a = example(2021)
    b = copy.deepcopy(a)
    b["county"] = "鹤城区"
    code, out, _ = run("diff", save(tmp_path / "a.json", a), save(tmp_path / "b.json", b))
    assert code == 0
    assert out.splitlines()[0] == (
        "提示：两个文件的县（市、区）不同：文件一为中方县，文件二为鹤城区；"
        "以下是两个县（市、区）之间的差异，不是同一县（市、区）的年度变化"
    )


def test_diff_of_swapped_years_says_so_first(tmp_path):
    new, old = example(2021), example(2020)
    code, out, _ = run(
        "diff", save(tmp_path / "new.json", new), save(tmp_path / "old.json", old), "--rubric", "huaihua-2021"
    )
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("提示：文件一的考核年度（2021年）晚于文件二（2020年），两个文件可能放反了")
    assert "总分：89.59 → 97.48（+7.89）" in out  # 97.48 − 89.59 = +7.89


def test_diff_json_carries_the_notes_and_basis(tmp_path):
    code, out, _ = run(
        "diff", EXAMPLES / "中方县-2020.json", EXAMPLES / "中方县-2021.json", "--rubric", "huaihua-2021", "--json", "-"
    )
    doc = json.loads(out)
    assert code == 0 and doc["basis"] == BASIS and doc["notes"][-1].startswith("文件一（2020年）的年度没有")


@pytest.mark.parametrize("year", [2019, 2022])
def test_a_json_of_another_year_names_that_year(tmp_path, year):
    doc = example(2021)
    doc["year"] = year
    code, _, err = run("score", save(tmp_path / "a.json", doc))
    assert code == 4 and f"考核年度为 {year} 年" in err


def test_diff_of_consecutive_years_flags_one_year_s_figure_filled_two_ways():
    # the shipped examples are fictional: 2021's 上年 PM2.5 is 38, 2020's own PM2.5 is 33;
    # 2021 has 2 heavy days for 2019 and 1 for 2020, the 2020 file 1 and 0.
    code, out, _ = run(
        "diff", EXAMPLES / "中方县-2020.json", EXAMPLES / "中方县-2021.json", "--rubric", "huaihua-2021", "--json", "-"
    )
    notes = json.loads(out)["notes"]
    assert code == 0 and len(notes) == 2
    assert notes[0].startswith(
        "两个文件对同一年度的数据填报不一致（请核对哪一份有误）：上年 PM2.5 年均浓度：2021年文件为 38，2020年文件为 33；"
    )
    code, out, _ = run("diff", EXAMPLES / "中方县-2021.json", EXAMPLES / "中方县-2021.json", "--json", "-")
    assert json.loads(out)["notes"] == ["两个文件的考核年度相同（都是 2021 年），以下是同一年度两份填报之间的差异"]
