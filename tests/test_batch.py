"""Batch scoring: expansion, mixed good and bad files, identical to single-file scoring (serial and
pooled), competition ranking with ties, the summary workbook, rendering, and lazy imports.

Totals are checked against the base input's total T as single-file scoring gives it (90.80 today),
moved by sub-rules whose amounts are worked by hand from the rubric text:
  1.1 未纳入党校教育培训内容 → −0.5;  21.2 省级交办问题未达序时进度 1 项 × 0.5 → −0.5;
  item 1 unscored (i01.party_school blank) → its full 1.00 (0.5 + 0.5) is not counted.
"""

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from ecoscore.core.model import (
    FileProblem,
    GroupResult,
    InputError,
    ItemResult,
    Line,
    OutputProblem,
    Report,
    UsageProblem,
)
from ecoscore.services import batch
from ecoscore.services import score as app
from ecoscore.terminal import render_batch
from ecoscore.workbook import summary as S
from ecoscore.workbook.template import write_template
from tests.test_s01_ideology import PERFECT as S01_PERFECT
from tests.test_workbook_reader import SECTIONS, all_valid

D = Decimal
BASE = {**all_valid(), **S01_PERFECT}
NO_SCHOOL = {"i01.party_school": "否"}  # 1.1: −0.5
LATE = {"i21.provincial_tasks_late": 1}  # 21.2: 1 × 0.5 = −0.5


def write_json(path: Path, county: str, **changes) -> Path:
    values = {**BASE, **{k.replace("__", "."): v for k, v in changes.items()}}
    path.write_text(
        json.dumps({"county": county, "year": 2021, "values": values, "sections": SECTIONS}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def county_folder(folder: Path) -> Path:
    """Five counties (hand-worked totals below), two bad files and three files to pass over."""
    folder.mkdir(exist_ok=True)
    write_json(folder / "a.json", "甲县")  # T
    write_json(folder / "b.json", "乙县", **NO_SCHOOL)  # T − 0.5
    write_json(folder / "c.json", "丙县", **LATE)  # T − 0.5: ties with 乙县
    write_json(folder / "d.json", "=1+1", **NO_SCHOOL, **LATE)  # T − 1.0; a name that looks like a formula
    write_json(folder / "e.json", "戊县", i01__party_school=None)  # T − 1.0, provisional: ties with d
    write_json(folder / "f.json", "己县", i01__party_school="也许")  # invalid value → InputError
    (folder / "g.json").write_text("{not json", encoding="utf-8")  # unreadable → FileProblem
    for skipped in ("~$a.xlsx", "old.scored.xlsx", "汇总.xlsx"):
        (folder / skipped).write_bytes(b"PK")
    return folder


@pytest.fixture(scope="module")
def base_total(tmp_path_factory) -> Decimal:
    path = write_json(tmp_path_factory.mktemp("base") / "base.json", "基准县")
    return app.score_file(path, workbook=False).report.total


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = county_folder(tmp_path_factory.mktemp("mixed") / "counties")
    calls = []
    result = batch.score_many([folder], jobs=1, progress=lambda done, n, o: calls.append((done, n, o.path.name)))
    return folder, result, calls


@pytest.fixture(scope="module")
def template_xlsx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "庚县.xlsx"
    write_template(path, county="庚县", year=2021, prefill={**BASE, **LATE}, sections=SECTIONS, force=True)
    return path


# ---- which files ------------------------------------------------------------------------------
def test_expand_skips_lock_scored_and_summary_files_and_duplicates(tmp_path):
    for name in (
        "b.xlsx",
        "a.json",
        "~$b.xlsx",
        "b.scored.xlsx",
        "汇总.xlsx",
        "总表.xlsx",
        ".hidden.json",
        "notes.txt",
        "old.xls",
    ):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.json").write_text("{}")
    given = [tmp_path, tmp_path / "a.json", tmp_path / "~$b.xlsx"]
    files, skipped = batch.expand(given, summary=tmp_path / "总表.xlsx")
    # sorted by name, not recursive; .xls kept so scoring can say how to convert it; a.json only once
    assert [p.name for p in files] == ["a.json", "b.xlsx", "old.xls"]
    assert sorted((p.name, why) for p, why in skipped) == [
        ("b.scored.xlsx", "评分结果文件"),
        ("~$b.xlsx", "Excel/WPS 临时锁定文件"),
        ("总表.xlsx", "汇总表"),
        ("汇总.xlsx", "汇总表"),
    ]
    assert batch.is_batch([tmp_path]) and batch.is_batch([tmp_path / "a.json", tmp_path / "b.xlsx"])
    assert not batch.is_batch([tmp_path / "a.json"])


def test_nothing_to_score_and_bad_summary_paths_are_usage_problems(tmp_path):
    (tmp_path / "x.scored.xlsx").write_text("x")
    with pytest.raises(UsageProblem, match="没有找到要评分"):
        batch.score_many([tmp_path])
    write_json(tmp_path / "a.json", "甲县")
    with pytest.raises(UsageProblem, match="是文件夹"):
        batch.score_many([tmp_path], summary=tmp_path)
    with pytest.raises(UsageProblem, match=r"应以 \.xlsx 结尾"):
        batch.score_many([tmp_path], summary=tmp_path / "汇总.csv")
    with pytest.raises(UsageProblem, match="不能与输入文件相同"):
        batch.score_many([tmp_path / "a.json", tmp_path / "in.xlsx"], summary=tmp_path / "." / "in.xlsx")
    assert batch.default_jobs(7) == 1 and batch.default_jobs(8) == min(2, __import__("os").cpu_count())


# ---- mixed good and bad files ---------------------------------------------------------------------
def test_bad_files_are_reported_and_the_others_scored(mixed, base_total):
    folder, result, calls = mixed
    by_name = {o.path.name: o for o in result.outcomes}
    assert list(by_name) == ["a.json", "b.json", "c.json", "d.json", "e.json", "f.json", "g.json"]
    assert isinstance(by_name["f.json"].error, InputError)
    assert by_name["f.json"].error.problems[0].key == "i01.party_school"
    assert isinstance(by_name["g.json"].error, FileProblem)
    assert not (folder / "f.scored.xlsx").exists() and not (folder / "g.scored.xlsx").exists()
    totals = {name: o.standing.total for name, o in by_name.items() if o.ok}
    assert totals == {
        "a.json": base_total,
        "b.json": base_total - D("0.5"),
        "c.json": base_total - D("0.5"),
        "d.json": base_total - D("1.0"),
        "e.json": base_total - D("1.0"),
    }
    assert by_name["e.json"].standing.provisional and not by_name["d.json"].standing.provisional
    for name in totals:
        assert by_name[name].output == folder / f"{Path(name).stem}.scored.xlsx" and by_name[name].output.exists()
    assert result.exit_code == InputError.exit_code == 4
    assert calls == [(i, 7, f"{c}.json") for i, c in enumerate("abcdefg", start=1)]
    assert sorted(p.name for p, _ in result.skipped) == ["old.scored.xlsx", "~$a.xlsx", "汇总.xlsx"]
    assert result.summary_path == folder / "汇总.xlsx"


def test_ranking_shares_ranks_on_ties(mixed):
    _, result, _ = mixed
    # final scores T > T−0.5 = T−0.5 > T−1.0: competition ranking 1, 2, 2, 4; ties keep input order;
    # 戊县 (T − 1.0 too) is provisional: listed after them with no rank number
    assert [(r.rank, r.county, r.provisional) for r in result.ranking] == [
        (1, "甲县", False),
        (2, "乙县", False),
        (2, "丙县", False),
        (4, "=1+1", False),
        (None, "戊县", True),
    ]
    assert result.ranking[4].unscored == 1


def test_ranking_compares_totals_as_shown_to_two_decimals():
    def report(total: str) -> Report:
        items = [ItemResult("1", "1", "x", D(100), D(total), [Line("1.1", D(total) - 100, "扣分")])]
        return Report(items, GroupResult("B", "加分项", D(0)), GroupResult("P", "扣分项", D(0)), county=total)

    outcomes = [
        batch.Outcome(Path(f"{t}.json"), standing=batch.standing(report(t)))
        for t in ("95.5", "97", "95.504", "90", "95.495")
    ]
    outcomes.insert(2, batch.Outcome(Path("bad.json"), error=FileProblem("坏")))
    ranks = [(r.rank, r.county, r.total) for r in batch.ranking(outcomes)]
    # 95.5, 95.504 and 95.495 all show as 95.50 (half-up) → one shared rank 2; 90 is fifth
    assert ranks == [
        (1, "97", D("97.00")),
        (2, "95.5", D("95.50")),
        (2, "95.504", D("95.50")),
        (2, "95.495", D("95.50")),
        (5, "90", D("90.00")),
    ]
    assert batch.ranking(outcomes)[0].index == 1  # index into outcomes, the bad file included


# ---- identical to single-file scoring -----------------------------------------------------------
def cells(path: Path) -> dict:
    wb = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


@pytest.mark.slow
def test_batch_equals_single_file_scoring(tmp_path, template_xlsx):
    """Pooled here; serial equals pooled below, so both equal single-file scoring."""
    folder = county_folder(tmp_path / "in")
    shutil.copy(template_xlsx, folder / "庚县.xlsx")
    shutil.copy(template_xlsx, folder / "辛县.xlsx")  # same county inside: labels add the file name
    result = batch.score_many([folder], jobs=2)
    assert result.jobs == 2
    kept = tmp_path / "batch-outputs"
    kept.mkdir()
    for o in result.outcomes:
        batch_cells = cells(shutil.move(o.output, kept / o.output.name)) if o.ok else None
        try:
            single = app.score_file(o.path)  # the same output path, now free again
        except Exception as err:  # noqa: BLE001
            assert type(o.error) is type(err) and o.error.message == err.message and o.error.problems == err.problems
            continue
        assert o.standing == batch.standing(single.report)  # what the batch keeps of the report
        assert batch_cells == cells(single.output) and single.output == o.output
    labels = {r.label for r in result.ranking}
    assert {"庚县（庚县.xlsx）", "庚县（辛县.xlsx）"} <= labels
    庚 = next(r for r in result.ranking if r.path.name == "庚县.xlsx")
    assert 庚.rank == 2  # T − 0.5 (21.2), tied with 乙县 and 丙县
    assert result.exit_code == 4


@pytest.mark.slow
def test_pool_results_equal_serial_results(tmp_path):
    folder = county_folder(tmp_path / "in")
    serial = batch.score_many([folder], jobs=1, write_summary=False)
    pooled = batch.score_many([folder], jobs=2, write_summary=False)
    assert [o.standing if o.ok else (type(o.error), o.error.message, o.error.problems) for o in serial.outcomes] == [
        o.standing if o.ok else (type(o.error), o.error.message, o.error.problems) for o in pooled.outcomes
    ]
    assert serial.ranking == pooled.ranking and pooled.summary_path is None


# ---- other failures ---------------------------------------------------------------------------
def test_outputs_that_would_overwrite_each_other_are_refused(tmp_path, template_xlsx):
    write_json(tmp_path / "甲.json", "甲县")
    shutil.copy(template_xlsx, tmp_path / "甲.xlsx")  # both would write 甲.scored.xlsx
    result = batch.score_many([tmp_path])
    ok, clash = result.outcomes
    assert ok.ok and ok.path.name == "甲.json"
    assert isinstance(clash.error, OutputProblem) and "同名" in clash.error.message
    assert result.exit_code == 4


def test_internal_error_in_one_file_keeps_the_batch_going(tmp_path, monkeypatch):
    write_json(tmp_path / "a.json", "甲县")
    write_json(tmp_path / "b.json", "乙县")
    real = app.score_file

    def flaky(path, **kw):
        if Path(path).name == "a.json":
            raise RuntimeError("boom")
        return real(path, **kw)

    monkeypatch.setattr(app, "score_file", flaky)
    result = batch.score_many([tmp_path], jobs=1)
    assert isinstance(result.outcomes[0].error, batch.InternalFailure)
    assert "RuntimeError: boom" in result.outcomes[0].error.message
    assert "Traceback" in result.outcomes[0].error.detail
    assert result.outcomes[1].ok and result.exit_code == 1


def test_unwritable_summary_is_exit_5_when_every_file_scored(tmp_path):
    write_json(tmp_path / "a.json", "甲县")
    result = batch.score_many([tmp_path / "a.json"], summary=tmp_path / "missing" / "汇总.xlsx")
    assert result.outcomes[0].ok and result.summary_path is None
    assert isinstance(result.summary_error, OutputProblem) and result.exit_code == 5
    assert json.loads(json.dumps(result.to_dict()))["exit_code"] == 5


# ---- the summary workbook ------------------------------------------------------------------------
def test_summary_workbook(mixed, base_total):
    folder, result, _ = mixed
    wb = load_workbook(folder / "汇总.xlsx")
    assert wb.sheetnames == ["排名", "得分率图", "分项得分", "板块得分", "全市测算", "未评分文件", "文件"]
    ws = wb[S.RANK_SHEET]
    assert [c.value for c in ws[3]] == ["名次", "县（市、区）", "总分", "得分率", "失分最多的细则", "备注"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=10)]
    t = float(base_total)
    # 得分率 = total ÷ 100; the provisional 戊县's is over the 99 points scored (item 1, 1 point, unscored)
    assert [r[:4] for r in rows[:4]] == [
        [1, "甲县", t, t / 100],
        [2, "乙县", t - 0.5, (t - 0.5) / 100],
        [2, "丙县", t - 0.5, (t - 0.5) / 100],
        [4, "=1+1", t - 1, (t - 1) / 100],
    ]
    # the city average of the four final totals: (T + 2 (T − 0.5) + T − 1) / 4 = T − 0.5
    assert rows[4][:4] == ["—", "全市平均（不含暂定）", t - 0.5, pytest.approx((t - 0.5) / 100)]
    assert rows[5][0].startswith("暂定得分（1 个")
    assert rows[6][:4] == ["暂定", "戊县", t - 1, pytest.approx((t - 1) / 99)]
    assert rows[6][5] == "暂定：1.00 分未评分（1 项）"
    assert ws.cell(row=10, column=4).number_format == '0.0%"（暂定）"'
    # the base's largest line: 8.8 污水收集率提高 1.5 个百分点，要求 50 → (50 − 1.5) × 0.1 = 4.85
    assert rows[0][4].startswith("8.8 −4.85；") and rows[0][4].count("；") == 2
    literal = ws.cell(row=7, column=2)
    assert literal.value == "=1+1" and literal.data_type == "s"  # text, never a formula
    files = [[c.value for c in row] for row in wb["文件"].iter_rows(min_row=4, max_row=4)]
    assert files[0][3:] == ["a.json", "a.scored.xlsx"]  # beside 汇总.xlsx
    assert wb["文件"].cell(row=4, column=5).hyperlink.target == "a.scored.xlsx"
    assert len(wb["得分率图"]._charts) == 1
    failed = [[c.value for c in row] for row in wb[S.FAILED_SHEET].iter_rows(min_row=4)]
    assert [(r[0], r[1]) for r in failed] == [("f.json", "输入有误"), ("g.json", "无法读取文件")]
    assert failed[0][4] == "i01.party_school"


# ---- rendering --------------------------------------------------------------------------------
def test_show_lists_failures_ranking_and_skipped(mixed):
    _, result, _ = mixed
    out, err = StringIO(), StringIO()
    render_batch.show(Console(file=out, width=160), result, Console(file=err, width=160))
    text, errors = out.getvalue(), err.getvalue()
    assert "未评分：" in errors and "f.json" in errors and "i01.party_school" in errors and "g.json" in errors
    assert "排名（4 个县最终得分）" in text and "暂定（1 个" in text and "戊县" in text
    assert "已跳过 1 个评分结果文件：" in text and "共 7 个文件：4 个县最终得分，1 个暂定，2 个无法评分" in text
    assert "汇总表已写入" in text
    quiet = StringIO()
    render_batch.show(Console(file=quiet, width=160), result, quiet=True)
    assert "排名" not in quiet.getvalue() and "未评分：" in quiet.getvalue()


def test_user_text_is_printed_literally(tmp_path):
    write_json(tmp_path / "[bold]a.json", "[red]甲县\x1b]0;pwned\x07")
    result = batch.score_many([tmp_path], write_summary=False)
    out = StringIO()
    render_batch.show(Console(file=out, width=160, force_terminal=True), result)
    assert "[red]甲县]0;pwned" in out.getvalue()
    assert "pwned\x07" not in out.getvalue() and "\x1b]0" not in out.getvalue()


def test_progress_bar_only_on_a_terminal_and_for_more_than_three_files(mixed):
    _, result, _ = mixed
    plain = StringIO()
    with render_batch.progress(Console(file=plain)) as advance:
        for i, o in enumerate(result.outcomes, start=1):
            advance(i, len(result.outcomes), o)
    assert plain.getvalue() == ""
    tty = StringIO()
    with render_batch.progress(Console(file=tty, force_terminal=True, width=100)) as advance:
        for i, o in enumerate(result.outcomes[:3], start=1):
            advance(i, 3, o)  # three files: no bar
        assert tty.getvalue() == ""
        for i, o in enumerate(result.outcomes, start=1):
            advance(i, len(result.outcomes), o)
    assert "评分中" in tty.getvalue()


# ---- lazy imports -----------------------------------------------------------------------------
HEAVY = "assert 'pandas' not in sys.modules and 'openpyxl' not in sys.modules, sorted(sys.modules)"


@pytest.mark.parametrize(
    "code",
    [
        "import sys, ecoscore.cli; " + HEAVY,
        "import sys; from typer.testing import CliRunner; from ecoscore.cli import app; "
        "r = CliRunner().invoke(app, ['explain', '4']); assert r.exit_code == 0, r.output; " + HEAVY,
        "import sys; from typer.testing import CliRunner; from ecoscore.cli import app; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0; "
        "r = CliRunner().invoke(app, ['--version']); assert r.exit_code == 0; " + HEAVY,
        "import sys, ecoscore.services.batch, ecoscore.terminal.render_batch; " + HEAVY,
    ],
    ids=["import", "explain", "help-version", "batch-modules"],
)
def test_cli_does_not_import_pandas_or_openpyxl(code):
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
