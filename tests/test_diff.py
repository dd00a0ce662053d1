"""`ecoscore diff`: hand-made pairs with known changes, expected values worked by hand.

The base is examples/中方县-2020.json (every catalogue key filled, all 39 items scored);
each test changes a few values and checks the diff against arithmetic in the comments.
"""

import copy
import io
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from rich.console import Console

from ecoscore import rubric
from ecoscore.core.model import FileProblem, InputError
from ecoscore.services import diff, diff_checks
from ecoscore.services.load import score_input
from ecoscore.sources.inputs import json_input
from ecoscore.terminal import render_diff
from ecoscore.workbook import layout as L
from ecoscore.workbook.diff_writer import write_diff
from ecoscore.workbook.template import write_template
from tests.strategies import inputs

EXAMPLE_2020 = Path(__file__).resolve().parent.parent / "examples" / "中方县-2020.json"
VIEWS = ["总分与板块", "条款变化", "细则变化", "填报数据变化", "责任单位变化", "缺项"]


@pytest.fixture(scope="module")
def example_path(tmp_path_factory) -> Path:
    return save_json(tmp_path_factory.mktemp("example") / "中方县-2021年填报.json", base())


def base() -> dict:
    """The 2020 example's figures as a 2021 input: these tests are about the comparison, not the
    years (the 2020 data score only on an explicit basis, tests/test_county_year.py)."""
    doc = json.loads(EXAMPLE_2020.read_text(encoding="utf-8"))
    doc["year"] = 2021
    return doc


def side(doc: dict) -> diff.Side:
    data = json_input(copy.deepcopy(doc))
    return diff.Side(data, score_input(data))


def changed(doc: dict, **values) -> dict:
    doc = copy.deepcopy(doc)
    doc["values"].update({k.replace("__", "."): v for k, v in values.items()})
    return doc


def compare(old: dict, new: dict) -> diff.DiffResult:
    return diff.compare(side(old), side(new), old_name="old.json", new_name="new.json")


def save_json(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def save_workbook(path: Path, doc: dict) -> Path:
    write_template(
        path, county=doc["county"], year=doc["year"], prefill=doc["values"], sections=doc["sections"], force=True
    )
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The example as an input workbook (written once: writing a template takes about a second)."""
    return save_workbook(tmp_path_factory.mktemp("book") / "2020.xlsx", base())


def copy_of(book: Path, path: Path) -> Path:
    shutil.copy(book, path)
    return path


def item(result, item_id):
    return result.items.set_index("id").loc[item_id]


def rules(result) -> dict:
    return {(x["item"], x["rule"]): x for x in result.lines.to_dict("records")}


def plain_text(result) -> str:
    buf = io.StringIO()
    render_diff.show(Console(file=buf, width=160, no_color=True, highlight=False), result)
    return buf.getvalue()


# ---- no changes -------------------------------------------------------------------------------
def test_example_is_complete_and_valid():
    report = side(base()).report
    assert not report.provisional and len(report.items) == 39


def test_identical_inputs_no_changes():
    r = compare(base(), base())
    assert r.unchanged
    assert r.total["change"] == 0
    assert r.lines.empty and r.fields.empty and r.units.empty and r.incomplete.empty and r.changed_items.empty
    d = r.to_dict()
    assert len(d["items"]) == 41  # 39 items, B, P: every one listed, change 0
    assert all(x["change"] == 0 and x["lines"] == [] for x in d["items"])
    assert "没有变化" in plain_text(r)


def test_reordered_sections_and_keys_no_changes():
    doc = base()
    moved = copy.deepcopy(doc)
    moved["sections"] = list(reversed(moved["sections"]))
    moved["values"] = dict(reversed(list(moved["values"].items())))
    assert compare(doc, moved).unchanged


def test_moved_rows_in_a_workbook_no_changes(tmp_path, book):
    first, second = book, copy_of(book, tmp_path / "b.xlsx")
    wb = load_workbook(second)
    ws = wb[L.AIR_SHEET]
    ws.move_range(f"A{L.HEADER_ROW + 1}:I{L.HEADER_ROW + 1}", rows=60)  # first air field row to the bottom
    wb[L.SECTIONS_SHEET].move_range(f"A{L.HEADER_ROW + 1}:F{L.HEADER_ROW + 1}", rows=45)  # a section row too
    wb.move_sheet(L.AIR_SHEET, offset=3)
    wb.save(second)
    r = diff.compare(diff.load_side(first), diff.load_side(second))
    assert r.unchanged and r.only_old == [] and r.only_new == []


def test_json_workbook_and_scored_workbook_of_the_same_data_no_changes(tmp_path, book):
    from ecoscore.services import score as app

    src = save_json(tmp_path / "2020.json", base())
    book = copy_of(book, tmp_path / "2020.xlsx")
    scored = app.score_file(book).output
    assert scored.name == "2020.scored.xlsx"
    for a, b in ((src, book), (book, scored), (src, scored)):
        r = diff.diff_paths(a, b)
        assert r.unchanged and not r.only_old and not r.only_new, (a.name, b.name)
    assert diff.load_side(scored).data.year == 2021


# ---- known changes --------------------------------------------------------------------------
def test_items_1_and_2_lose_points():
    # 1.1 not in the party school: 0.5 lost → item 1: 1 → 0.5.
    # 2: plan not made → 2.1 −0.5 and 2.2 −0.5 (not made counts as not implemented) → item 2: 1 → 0.
    # Section 1: 3.00 → 1.50 (−1.50); total −1.50. Both items belong to 县委组织部 and 县委宣传部:
    # each unit's losses grow by 0.5 + 1 = 1.5 (shared losses count in full under each unit, D10).
    r = compare(base(), changed(base(), i01__party_school=False, i02__plan_made=False))
    assert r.total["change"] == D("-1.50") and r.total["new"] == r.total["old"] - D("1.5")
    assert (item(r, "1")["old"], item(r, "1")["new"], item(r, "1")["change"]) == (D(1), D("0.5"), D("-0.5"))
    assert (item(r, "2")["old"], item(r, "2")["new"], item(r, "2")["change"]) == (D(1), D(0), D(-1))
    sec = r.sections.set_index("id").loc["1"]
    assert (sec["old"], sec["new"], sec["change"]) == (D(3), D("1.5"), D("-1.5"))
    assert list(r.changed_items["id"]) == ["2", "1"]  # largest change first
    lines = rules(r)
    assert set(lines) == {("1", "1.1"), ("2", "2.1"), ("2", "2.2")}
    assert (lines[("2", "2.2")]["old"], lines[("2", "2.2")]["new"]) == (D(0), D("-0.5"))
    assert [(u["unit"], u["old"], u["new"], u["change"]) for u in r.units.to_dict("records")] == [
        ("县委组织部", D(0), D("1.5"), D("1.5")),
        ("县委宣传部", D(0), D("1.5"), D("1.5")),
    ]
    assert {(f["key"], f["old"], f["new"]) for f in r.fields.to_dict("records")} == {
        ("i01.party_school", True, False),
        ("i02.plan_made", True, False),
    }


def test_pm25_rise_9_4_line_from_the_issue():
    # PM2.5 31 → 34: rose 3 / 31 = 9.68 % ≥ 7 %, so 9.1 no longer exempts the item.
    # 9.2: improvement −9.68 %, city average 6.5 % → 16.18 pp × 0.1 = 1.618 → capped at 1.
    # 9.3: special period 45 against 47 (a fall) → 0.  9.4: 0.5 × (34 − 32) = 1.00.
    # Item 9: 3 (exempt) → 3 − 1 − 1 = 1.00, change −2.00.
    doc = changed(base(), air__pm25_prev=31)
    r = compare(doc, changed(doc, air__pm25=34))
    nine = item(r, "9")
    assert (nine["old"], nine["new"], nine["change"]) == (D(3), D(1), D(-2))
    lines = rules(r)
    assert (lines[("9", "9.4")]["old"], lines[("9", "9.4")]["new"]) == (D(0), D(-1))
    assert (lines[("9", "9.2")]["old"], lines[("9", "9.2")]["new"]) == (D(0), D(-1))
    assert lines[("9", "9.1")]["change"] == 0  # shown: its reason changed (no longer exempt)
    assert "不符合免扣条件" in lines[("9", "9.1")]["new_reason"]
    text = plain_text(r)
    assert "9.4" in text and "0.00 → -1.00" in text and "扣 1.00 分" in text
    assert "总分：" in text and "（-2.00）" in text
    assert [x["id"] for x in r.to_dict()["items"] if x["change"] != 0] == ["9"]


def test_gain_and_loss_sorted_by_size_and_penalty_sign():
    # Item 21: 1 provincial task late → 0: +0.5.  P.3: 1 city action → 3: −0.2 × 2 = −0.4 more penalty.
    r = compare(base(), changed(base(), i21__provincial_tasks_late=0, penalty__city_actions=3))
    assert list(r.changed_items["id"]) == ["21", "P"]
    p = item(r, "P")
    assert (p["old"], p["new"], p["change"]) == (D("-0.2"), D("-0.6"), D("-0.4"))
    assert r.total["change"] == D("0.10")  # +0.5 − 0.4


def test_water_sections_compared_by_name():
    doc = base()
    new = copy.deepcopy(doc)
    new["sections"] = list(reversed(new["sections"]))
    new["sections"][0]["cur"] = "Ⅱ"  # 潕溪河口 (target Ⅱ) Ⅲ → Ⅱ: meets its target now
    new["sections"].append({"name": "新增断面", "level": "省考", "target": "Ⅲ", "prev": "Ⅲ", "cur": "Ⅲ"})
    r = compare(doc, new)
    keys = {f["key"]: (f["old"], f["new"]) for f in r.fields.to_dict("records")}
    assert keys["sections.潕溪河口.cur"] == ("Ⅲ", "Ⅱ")
    assert keys["sections.新增断面.level"] == (None, "省考")
    # 5.3: the provincial-only section missing its target cost 0.5 → 0 (item 5: 3.5 → 4, +0.5)
    assert item(r, "5")["change"] == D("0.5")


# ---- incomplete and one-sided keys ------------------------------------------------------------
def test_incomplete_on_one_side_is_listed_and_not_counted():
    r = compare(base(), changed(base(), i37__satisfaction=None))
    it = item(r, "37")
    assert it["new"] is None and it["change"] is None and it["new_status"] == "incomplete"
    row = r.incomplete.to_dict("records")[0]
    assert row["id"] == "37" and row["old_missing"] == () and row["new_missing"] == ("公众环境满意率",)
    assert r.total["new_provisional"] and not r.total["old_provisional"]
    assert r.units.empty  # item 37 is left out on both sides, so no unit's losses "shrink"
    assert r.to_dict()["items"][36]["change"] is None


def test_keys_present_on_one_side_only_are_listed(tmp_path, book):
    old = changed(base(), **{"air.pm1": "=1+2"})  # a key from another rubric, its value looks like a formula
    full, short = book, copy_of(book, tmp_path / "short.xlsx")
    wb = load_workbook(short)
    ws = wb[L.section_sheet_name("10", rubric.default())]
    row = next(c.row for c in ws[chr(64 + L.KEY_COL)] if c.value == "i37.satisfaction")
    ws.delete_rows(row)  # an older template without this field
    wb.save(short)
    with_pm1 = diff.diff_paths(save_json(tmp_path / "old.json", old), full)
    assert with_pm1.only_old == ["air.pm1"] and with_pm1.only_new == [] and with_pm1.total["change"] == 0
    r = diff.diff_paths(full, short)
    assert r.only_old == ["i37.satisfaction"]
    assert item(r, "37")["new_status"] == "incomplete"
    out = write_diff(with_pm1, tmp_path / "d.xlsx")
    cells = [c for row in load_workbook(out)["填报数据变化"].iter_rows() for c in row if c.value == "=1+2"]
    assert cells and all(c.data_type == "s" for c in cells)  # written literally, never as a formula


def test_an_invalid_side_names_its_role(tmp_path, example_path):
    bad = save_json(tmp_path / "bad.json", changed(base(), air__pm25="abc"))
    with pytest.raises(InputError) as err:
        diff.diff_paths(bad, example_path)
    assert "文件一“bad.json”" in err.value.message  # a neutral role: the sides need not be two years
    with pytest.raises(InputError) as err:
        diff.diff_paths(bad, example_path, audit=True)
    assert "自评文件“bad.json”" in err.value.message


# ---- outputs and the CLI's forms ---------------------------------------------------------------
def test_json_has_the_documented_shape():
    r = compare(base(), changed(base(), i01__party_school=False))
    d = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    assert d["total"]["change"] == -0.5 and set(d["total"]) >= {"old", "new", "change"}
    assert {"id", "name", "old", "new", "change"} <= set(d["sections"][0])
    one = d["items"][0]
    assert (one["id"], one["old"], one["new"], one["change"]) == ("1", 1, 0.5, -0.5)
    assert one["lines"][0]["rule"] == "1.1" and one["lines"][0]["new"] == -0.5
    assert d["fields"] == [
        {
            "key": "i01.party_school",
            "label": "已纳入县委党校（行政学院）教育培训内容",
            "old": True,
            "new": False,
            "unit": "",
            "status": "changed",
        }
    ]
    assert [u["unit"] for u in d["units"]] == ["县委组织部", "县委宣传部"]


def test_diff_workbook_has_a_sheet_per_view_with_colours(tmp_path):
    r = compare(base(), changed(base(), i01__party_school=False, i21__provincial_tasks_late=0))
    out = write_diff(r, tmp_path / "diff.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == VIEWS
    cf = wb["条款变化"].conditional_formatting
    ops = sorted(rule.operator for rng in cf for rule in rng.rules)
    assert ops == ["greaterThan", "lessThan"]
    values = [row for row in wb["条款变化"].iter_rows(min_row=4, values_only=True)]
    assert ("1", D(-0.5)) in [(v[0], D(str(v[5]))) for v in values if v[5] is not None]
    units = {row[0]: row[3] for row in wb["责任单位变化"].iter_rows(min_row=4, values_only=True)}
    assert units["县委组织部"] == 0.5 and units["县直整改牵头单位"] == -0.5


def test_current_defaults_to_input_xlsx(tmp_path, monkeypatch, example_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileProblem, match="input.xlsx"):
        diff.diff_paths(example_path)
    save_workbook(tmp_path / "input.xlsx", changed(base(), i01__party_school=False))
    r = diff.diff_paths(example_path)
    assert r.new_name == "input.xlsx" and r.total["change"] == D("-0.5")


def _cli_commands():
    from ecoscore.cli import app

    return app, {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}


def test_cli_forms(tmp_path, monkeypatch, example_path):
    from typer.testing import CliRunner

    app, _ = _cli_commands()
    monkeypatch.chdir(tmp_path)
    save_workbook(tmp_path / "input.xlsx", changed(base(), i01__party_school=False))
    run = CliRunner().invoke
    res = run(app, ["diff", str(example_path)])
    assert res.exit_code == 0 and "-0.50" in res.output
    res = run(app, ["diff", str(example_path), "input.xlsx", "--json", "-"])
    assert res.exit_code == 0 and json.loads(res.output)["total"]["change"] == -0.5
    res = run(app, ["diff", str(example_path), "input.xlsx", "--json", "d.json", "-o", "d.xlsx"])
    assert res.exit_code == 0 and (tmp_path / "d.json").exists()
    assert load_workbook(tmp_path / "d.xlsx").sheetnames == VIEWS


# ---- properties ---------------------------------------------------------------------------------
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs(), inputs())
def test_any_input_against_itself_is_unchanged_and_a_diff_is_antisymmetric(a, b):
    sa = diff.Side(json_input({"values": a[0], "sections": a[1]}), None)
    sa = diff.Side(sa.data, score_input(sa.data))
    sb = diff.Side(json_input({"values": b[0], "sections": b[1]}), None)
    sb = diff.Side(sb.data, score_input(sb.data))
    assert diff.compare(sa, sa).unchanged
    ab, ba = diff.compare(sa, sb), diff.compare(sb, sa)
    assert ab.total["change"] == -ba.total["change"]
    assert list(ab.items["change"]) == [-c for c in ba.items["change"]]
    assert sum(ab.items["change"]) == sum(ab.sections["change"])


# ---- side labels, hidden unchanged rows, no nan (issue #15) -----------------------------------
EXAMPLES = EXAMPLE_2020.parent


def test_labels_say_what_the_sides_are():
    same_year = diff.compare(side(base()), side(base()), old_name="甲填报.json", new_name="乙填报.json")
    assert same_year.labels == ("甲填报", "乙填报")  # one year, two filings: the file names, not 上年/本年
    assert diff.compare(side(base()), side(base())).labels == ("文件一", "文件二")  # no names: neutral
    assert compare(base(), base()).to_dict()["labels"] == {"old": "old", "new": "new"}
    audit = diff.compare(side(base()), side(base()), old_name="a.json", new_name="b.json", audit=True)
    assert audit.labels == ("自评", "核定") and audit.heading == "自评（a.json）→ 核定（b.json）"
    assert not any("考核年度相同" in note for note in audit.notes)  # 自评 and 核定 share their year
    assert diff_checks.side_labels(2020, 2021, "a.json", "b.json") == ("2020年", "2021年")
    assert diff_checks.side_labels(2021, 2021, "a.json", "a.json") == ("文件一", "文件二")


def example_diff(*extra: str):
    from typer.testing import CliRunner

    app, _ = _cli_commands()
    old, new = EXAMPLES / "中方县-2020.xlsx", EXAMPLES / "中方县-2021.xlsx"
    return CliRunner().invoke(app, ["diff", str(old), str(new), "--rubric", "huaihua-2021", *extra])


@pytest.mark.slow
def test_examples_diff_has_no_nan_and_hides_unchanged_rows():
    res = example_diff()
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "nan" not in out
    assert "0.00 → 0.00" not in out  # lines whose reason alone changed are hidden by default
    assert "另有 14 行无变化（加 --all 显示）" in out  # 14 such lines in the 2020 → 2021 examples
    # sections present in one year only: one row each, "—" on the other side, and which year has them
    assert "断面“沅水铜湾段”（仅2020年有）" in out and "断面“公坪河口”（仅2021年有）" in out
    full = example_diff("--all").stdout
    assert "nan" not in full and "0.00 → 0.00" in full and "另有" not in full


def test_unchanged_lines_hidden_unless_all():
    # PM2.5 31 → 34 (test above): 9.1 and 9.3 keep 0 points but their reasons change (9.1 no
    # longer exempts; 9.3 is now computed, a fall → 0): two unchanged lines, hidden by default
    doc = changed(base(), air__pm25_prev=31)
    r = compare(doc, changed(doc, air__pm25=34))
    text = plain_text(r)
    assert not any(x.startswith("9.1 ") for x in text.splitlines())  # the line's row, not a reason naming it
    assert "另有 2 行无变化（加 --all 显示）" in text
    buf = io.StringIO()
    render_diff.show(Console(file=buf, width=160, no_color=True, highlight=False), r, show_all=True)
    assert any(x.startswith("9.1 ") for x in buf.getvalue().splitlines()) and "另有" not in buf.getvalue()


def test_one_sided_section_shows_a_dash_and_its_side():
    doc = base()
    new = copy.deepcopy(doc)
    new["sections"].append({"name": "新增断面", "level": "省考", "target": "Ⅲ", "prev": "Ⅲ", "cur": "Ⅲ"})
    r = diff.compare(side(doc), side(new), old_name="甲.json", new_name="乙.json")
    row = next(f for f in r.fields.to_dict("records") if f["key"] == "sections.新增断面.level")
    assert row["status"] == "new_only" and r.only_new == []  # a section, not another template's field
    text = plain_text(r)
    assert "nan" not in text
    line = next(x for x in text.splitlines() if "断面“新增断面”" in x)  # its four columns in one row
    assert line.split()[:2] == ["断面“新增断面”（仅乙有）", "—"] and line.split()[-1] == "sections.新增断面"
    rows = render_diff.field_rows(r.fields.to_dict("records"), "甲", "乙")
    assert ("断面“新增断面”（仅乙有）", "—", "省考，目标Ⅲ，上年Ⅲ，本年Ⅲ", "sections.新增断面") in rows


def test_diff_workbook_leads_with_the_chinese_label(tmp_path):
    doc = base()
    new = copy.deepcopy(doc)
    new["sections"].append({"name": "新增断面", "level": "省考", "target": "Ⅲ", "prev": "Ⅲ", "cur": "Ⅲ"})
    new["values"]["i01.party_school"] = False
    r = diff.compare(side(doc), side(new), old_name="甲.json", new_name="乙.json", audit=True)
    ws = load_workbook(write_diff(r, tmp_path / "d.xlsx"))["填报数据变化"]
    assert [c.value for c in ws[3]] == ["填报内容", "单位", "自评", "核定", "说明", "字段编码"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows[0] == ("已纳入县委党校（行政学院）教育培训内容", None, "是", "否", "变化", "i01.party_school")
    assert ("断面“新增断面”级别", None, "—", "省考", "仅核定有", "sections.新增断面.level") in rows
    assert "“变化”= 核定 − 自评" in load_workbook(tmp_path / "d.xlsx")["总分与板块"]["A2"].value


def test_cli_audit_labels_reach_terminal_json_and_workbook(tmp_path):
    from typer.testing import CliRunner

    app, _ = _cli_commands()
    mine = save_json(tmp_path / "县报.json", base())
    audited = save_json(tmp_path / "市核.json", changed(base(), i01__party_school=False))
    run = CliRunner().invoke
    res = run(app, ["diff", str(mine), str(audited), "--audit", "-o", str(tmp_path / "d.xlsx")])
    assert res.exit_code == 0, res.output
    assert "中方县 考核得分对比：自评（县报.json）→ 核定（市核.json）" in res.stdout
    assert "总分：97.48 → 96.98（-0.50）" in res.stdout  # 1.1: 0.5 lost
    ws = load_workbook(tmp_path / "d.xlsx")["条款变化"]
    assert [c.value for c in ws[3]][3:5] == ["自评", "核定"]
    res = run(app, ["diff", str(mine), str(audited), "--json", "-"])
    assert json.loads(res.stdout)["labels"] == {"old": "县报", "new": "市核"}  # same year, no --audit: names
