"""A city batch derives the figures that compare a county with the rest of the city
(docs/spec/decisions.md#d-batch): the city-average improvements (9.2, 10.2, 11.1), the water
index's city rank (5.1) and the first places of bonus B with 递补 (B.1, B.2).

Four hand-built counties. Every county's previous-year air figures are the same:
  SO2 12, NO2 20, PM10 56, PM2.5 35, CO 1.2, O3 160
  → AQCI_prev = 12/60 + 20/40 + 56/70 + 35/35 + 1.2/4 + 160/160 = 0.2+0.5+0.8+1.0+0.3+1.0 = 3.8
This year (only the figures that differ from last year):
  甲县 PM2.5 31.5 (0.9), O3 144 (0.9)  → AQCI 3.6,  improvement 0.2/3.8  = 5.2631…%;  PM2.5 (35−31.5)/35 = 10%
  乙县 PM2.5 33.25 (0.95)              → AQCI 3.75, improvement 0.05/3.8 = 1.3157…%;  PM2.5 5%
  丙县 PM2.5 34.3 (0.98), O3 168 (1.05) → AQCI 3.83, improvement −0.03/3.8 = −0.7894…%; PM2.5 2%;
       O3 168 > 160: not Grade II
  丁县 unchanged                        → AQCI 3.8,  improvement 0;  PM2.5 0
City averages (mean of the counties' improvements, rounded half-up to 2 decimals):
  PM2.5: (10 + 5 + 2 + 0) / 4 = 4.25
  AQCI:  (0.2 + 0.05 − 0.03 + 0) / 3.8 × 100 / 4 = 0.22 / 3.8 × 25 = 1.447368… → 1.45
  good-day ratio (pp): 甲 95−90 = +5, 乙 96−94 = +2, 丙 88−89 = −1, 丁 has no previous ratio (left out)
         → (5 + 2 − 1) / 3 = 2 → 2.00
Water index (CWQI, previous year in brackets): 甲 4.1 (4.0), 乙 3.2 (3.2), 丙 3.2 (3.1), 丁 4.5 (4.4)
  → ranks 乙 1, 丙 1 (tied), 甲 3, 丁 4.
B.1: Grade II with a positive AQCI improvement: 甲 5.26 %, 乙 1.32 % (丙 not Grade II, 丁 0).
  甲 is first but already earns the air point by 全省前十 → 递补 to 乙.
B.2 (mean of 上年类别 − 本年类别 over the level's sections with a previous class):
  甲 国考 Ⅳ→Ⅱ = 2; 省考 Ⅳ→Ⅱ = 2
  乙 国考 Ⅲ→Ⅱ = 1; 省考 Ⅲ→Ⅲ = 0 and a new section (left out) → 0
  丙 国考 Ⅱ→Ⅱ = 0; 省考 Ⅳ→Ⅲ, Ⅲ→Ⅱ → (1 + 1) / 2 = 1
  丁 国考 Ⅱ→Ⅱ = 0; 省考 Ⅴ→Ⅲ, Ⅲ→Ⅲ → (2 + 0) / 2 = 1
  国考 first 甲 (2). 省考 first 甲 (2), but 甲 is 国考 first too → 递补: 丙 and 丁 tie at 1, both first.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore.cli import app as cli_app
from ecoscore.services import batch, city
from ecoscore.services import score as app
from tests.test_batch import BASE

D = Decimal
PREV = {"so2": 12, "no2": 20, "pm10": 56, "pm25": 35, "co_p95": "1.2", "o3_8h_p90": 160}
BLANK_CITY = {
    "city.pm25_improvement_avg": None,
    "city.aqci_improvement_avg": None,
    "city.good_days_improvement_avg": None,
    "i05.cwqi_city_rank": None,
    "bonus.air_top10_province": "否",
    "bonus.aqci_first_city": None,
    "bonus.national_water_first_city": None,
    "bonus.provincial_water_first_city": None,
}


def sec(name, level, prev, cur):
    return {"name": name, "level": level, "target": "Ⅲ", "prev": prev, "cur": cur}


COUNTIES = {
    "甲县": (
        {"air.pm25": "31.5", "air.o3_8h_p90": 144, "bonus.air_top10_province": "是"},
        ("95", "90"),
        ("4.1", "4.0"),
        [sec("甲1", "国考", "Ⅳ", "Ⅱ"), sec("甲2", "省考", "Ⅳ", "Ⅱ")],
    ),
    "乙县": (
        {"air.pm25": "33.25"},
        ("96", "94"),
        ("3.2", "3.2"),
        [sec("乙1", "国考", "Ⅲ", "Ⅱ"), sec("乙2", "省考", "Ⅲ", "Ⅲ"), sec("乙3", "省考", "无", "Ⅱ")],
    ),
    "丙县": (
        {"air.pm25": "34.3", "air.o3_8h_p90": 168},
        ("88", "89"),
        ("3.2", "3.1"),
        [sec("丙1", "国考", "Ⅱ", "Ⅱ"), sec("丙2", "省考", "Ⅳ", "Ⅲ"), sec("丙3", "省考", "Ⅲ", "Ⅱ")],
    ),
    "丁县": (
        {},
        ("93", None),
        ("4.5", "4.4"),
        [sec("丁1", "国考", "Ⅱ", "Ⅱ"), sec("丁2", "省考", "Ⅴ", "Ⅲ"), sec("丁3", "省考", "Ⅲ", "Ⅲ")],
    ),
}
ORDER = list(COUNTIES)  # the files are a.json … d.json: batch order 甲 乙 丙 丁


def county_values(name: str, **typed) -> tuple[dict, list]:
    air, good, cwqi, sections = COUNTIES[name]
    values = {**BASE, **BLANK_CITY}
    values.update({f"air.{k}": v for k, v in PREV.items()})
    values.update({f"air.{k}_prev": v for k, v in PREV.items()})
    values.update(air)
    values["air.good_days_ratio"], values["air.good_days_ratio_prev"] = good
    values["i05.cwqi"], values["i05.cwqi_prev"] = cwqi
    values.update(typed)
    return values, sections


def write_county(folder: Path, file: str, name: str, year: int = 2021, **typed) -> Path:
    values, sections = county_values(name, **{k.replace("__", "."): v for k, v in typed.items()})
    path = folder / file
    path.write_text(
        json.dumps({"county": name, "year": year, "values": values, "sections": sections}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def four(folder: Path, typed: dict | None = None) -> list[Path]:
    folder.mkdir(exist_ok=True)
    typed = typed or {}
    return [write_county(folder, f"{f}.json", n, **typed.get(n, {})) for f, n in zip("abcd", ORDER)]


def reports(paths: list[Path]):
    """Each county's report as the batch scores it (phase 1, then each file with its share)."""
    shared, note = city.city_figures(paths)
    assert note == "" and shared is not None
    out = {}
    for i, p in enumerate(paths):
        out[ORDER[i]] = app.score_file(p, workbook=False, city=shared.counties[i]).report
    return shared, out


def line(report, item: str, rule: str) -> Decimal:
    """The points a sub-rule took (a deduction, positive) or gave (bonus, positive)."""
    lines = report.bonus.lines if item == "B" else report.item(item).lines
    found = [ln for ln in lines if ln.rule == rule]
    assert found, rule
    return abs(sum((ln.delta for ln in found), D(0)))


def used(report, key: str):
    return next(f for f in report.city if f.key == key)


@pytest.fixture(scope="module")
def plain_batch(tmp_path_factory):
    return reports(four(tmp_path_factory.mktemp("city") / "plain"))


def test_city_averages_fill_the_blank_fields(plain_batch):
    _, r = plain_batch
    for name in ORDER:
        assert used(r[name], "city.pm25_improvement_avg").used == D("4.25")
        assert used(r[name], "city.aqci_improvement_avg").used == D("1.45")
        assert used(r[name], "city.good_days_improvement_avg").used == D("2.00")
    basis = used(r["甲县"], "city.good_days_improvement_avg").basis
    assert "全市 3 个县（市、区）" in basis and "丁县缺本年或上年数值，未计入" in basis


def test_items_9_10_11_use_the_city_averages(plain_batch):
    _, r = plain_batch
    # 9.2, 丙 (not Grade II, so 9.1 does not exempt it): 0.1 × (4.25 − 2) = 0.225
    assert line(r["丙县"], "9", "9.2") == D("0.225")
    # 10.2, 丁 (index unchanged, 10.1 does not exempt it): 0.2 × (1.45 − 0) = 0.29
    assert line(r["丁县"], "10", "10.2") == D("0.29")
    # 10.2, 丙: 0.2 × (1.45 + 0.03/3.8×100) = 0.2 × (1.45 + 0.789473684…) = 0.4478947…
    assert line(r["丙县"], "10", "10.2").quantize(D("0.0001")) == D("0.4479")
    # 11.1, 丙: 0.2 × (2 − (−1)) = 0.6; 甲 (+5) and 乙 (+2, equal to the average) lose nothing
    assert line(r["丙县"], "11", "11.1") == D("0.6")
    assert line(r["甲县"], "11", "11.1") == 0 and line(r["乙县"], "11", "11.1") == 0


def test_water_index_rank_and_item_5(plain_batch):
    _, r = plain_batch
    assert [used(r[n], "i05.cwqi_city_rank").used for n in ORDER] == [3, 1, 1, 4]
    # 甲: worse by (4.1 − 4.0)/4.0 = 2.5 % ≤ 3 % and 3rd in the city → no deduction
    assert line(r["甲县"], "5", "5.1") == 0
    # 丙: worse by 0.1/3.1 = 3.2258 %, 1st → 0.2 × (3.2258… − 3) = 0.0451…
    assert line(r["丙县"], "5", "5.1").quantize(D("0.0001")) == D("0.0452")
    # 丁: worse by 0.1/4.4 = 2.2727 %, 4th (not top 3) → 0.2 × 2.2727… = 0.4545…
    assert line(r["丁县"], "5", "5.1").quantize(D("0.0001")) == D("0.4545")


def test_first_places_with_substitution(plain_batch):
    shared, r = plain_batch
    firsts = {n: tuple(used(r[n], k).used for k in batch_first_keys()) for n in ORDER}
    assert firsts == {
        "甲县": (False, True, False),  # AQCI first passed on (全省前十); 省考 first passed on (国考 first)
        "乙县": (True, False, False),  # AQCI by 递补
        "丙县": (False, False, True),  # 省考 by 递补, tied with 丁
        "丁县": (False, False, True),
    }
    assert line(r["甲县"], "B", "B.1") == 1 and line(r["乙县"], "B", "B.1") == 1  # 甲 via 全省前十, 乙 via 递补
    assert line(r["丙县"], "B", "B.1") == 0 and line(r["丁县"], "B", "B.1") == 0
    assert [line(r[n], "B", "B.2") for n in ORDER] == [1, 0, 1, 1]
    rows = {row[0]: row for row in shared.figures.rows}
    assert rows["乙县"][-3] == "是（递补）"
    assert rows["甲县"][-3] == "第1名，已因空气质量排名全省前十得到本组加分，由下一名递补"
    assert rows["甲县"][-1] == "第1名，同时为国考断面改善幅度第1名，由下一名递补"
    assert rows["丙县"][-1] == rows["丁县"][-1] == "是（递补）"
    assert rows["丙县"][-3] == "未达到国家二级标准，不参与"


def batch_first_keys():
    return ("bonus.aqci_first_city", "bonus.national_water_first_city", "bonus.provincial_water_first_city")


def test_the_report_says_which_figures_came_from_the_batch(plain_batch):
    _, r = plain_batch
    d = r["甲县"].to_dict()
    assert d["derived"]["city.pm25_improvement_avg"] == 4.25
    assert d["derived"]["i05.cwqi_city_rank"] == 3
    assert d["derived"]["bonus.aqci_first_city"] is False
    assert set(d["derived_basis"]) == {
        "city.pm25_improvement_avg",
        "city.aqci_improvement_avg",
        "city.good_days_improvement_avg",
        "i05.cwqi_city_rank",
        *batch_first_keys(),
    }
    assert d["derived_basis"]["city.pm25_improvement_avg"].startswith(
        "全市 4 个县（市、区）PM2.5 年均浓度改善幅度的平均：甲县 10%、乙县 5%、丙县 2%、丁县 0%"
    )
    assert d["notes"][-1].startswith("全市测算：由本批次 4 个县（市、区）的数据测算并填入空白字段")


def test_a_typed_city_average_is_kept_and_the_difference_shown(tmp_path):
    paths = four(tmp_path / "typed", {"丙县": {"city__pm25_improvement_avg": "5"}})
    _, r = reports(paths)
    fig = used(r["丙县"], "city.pm25_improvement_avg")
    assert (fig.used, fig.derived, fig.typed, fig.delta) == (D(5), D("4.25"), D(5), D("0.75"))
    # 9.2 with the typed figure: 0.1 × (5 − 2) = 0.3
    assert line(r["丙县"], "9", "9.2") == D("0.3")
    assert (
        "全市测算：“全市 PM2.5 年均浓度平均改善幅度”填报为 5%，由本批次数据测算为 4.25%，差 0.75%，"
        "以填报值为准（见“全市测算”表）"
    ) in r["丙县"].notes
    assert used(r["甲县"], "city.pm25_improvement_avg").typed is None  # the others still take it


def test_two_counties_typing_first_place_get_a_hint(tmp_path):
    typed = {"甲县": {"bonus__national_water_first_city": "是"}, "丙县": {"bonus__national_water_first_city": "是"}}
    paths = four(tmp_path / "both", typed)
    shared, r = reports(paths)
    hint = "2 个县（市、区）都填报了“国考断面改善幅度全市第1名”：甲县、丙县；全市第1名只有一个（并列除外），请核对"
    assert [t for t, _ in shared.figures.notes] == [hint]
    assert hint in r["甲县"].notes and hint in r["丙县"].notes
    assert hint not in r["乙县"].notes
    fig = used(r["丙县"], "bonus.national_water_first_city")
    assert (fig.used, fig.derived, fig.differs) == (True, False, True)  # the typed 是 is kept


def test_score_many_writes_the_city_sheet_and_says_so(tmp_path):
    folder = tmp_path / "many"
    four(folder)
    result = batch.score_many([folder], write_summary=False)
    assert result.city is not None and result.city_note == ""
    assert result.city.names == ORDER
    wb = load_workbook(folder / "b.scored.xlsx")
    ws = wb["全市测算"]
    assert [c.value for c in ws[3]] == ["字段", "采用值", "测算值", "填报值", "差异", "依据"]
    rows = {row[0]: row for row in ws.iter_rows(min_row=4, values_only=True)}
    label = "空气质量综合指数改善幅度排名全市第1名（含递补）"
    assert rows[label][:4] == (label, "是", "是", "空白，已填入测算值")
    assert rows["全市 PM2.5 年均浓度平均改善幅度"][1] == 4.25


def test_city_summary_sheet_on_its_own(tmp_path, plain_batch):
    from ecoscore.workbook.summary_city import city_sheet
    from ecoscore.workbook.xlsx import Workbook

    shared, _ = plain_batch
    wb = Workbook()
    city_sheet(wb.create_sheet("全市测算"), shared)
    wb.save(tmp_path / "s.xlsx")
    ws = load_workbook(tmp_path / "s.xlsx")["全市测算"]
    rows = list(ws.iter_rows(min_row=4, max_row=8, values_only=True))
    assert [r[0] for r in rows] == [*ORDER, "全市平均"]
    # 甲: PM2.5 31.5 / 35 / 10 %; AQCI 3.6 / 3.8 / 5.26 %; good days 95 / 90 / +5; Grade II; CWQI 4.1, 3rd
    assert rows[0][1:13] == (31.5, 35, 10, 3.6, 3.8, 5.26, 95, 90, 5, "是", 4.1, 3)
    assert rows[4][3] == 4.25 and rows[4][6] == 1.45 and rows[4][9] == 2


def test_different_years_are_not_a_city_batch(tmp_path):
    folder = tmp_path / "years"
    folder.mkdir()
    write_county(folder, "a.json", "甲县")
    write_county(folder, "b.json", "乙县", year=2020)
    # 2020 has no edition of its own: both are scored on the 2021 one, which asks for the same year
    result = batch.score_many([folder], write_summary=False, rubric_id="huaihua-2021")
    assert result.city is None
    assert result.city_note.startswith("全市测算：输入的考核年度不同（2020、2021），未测算")


def test_no_city_switches_it_off(tmp_path):
    folder = tmp_path / "off"
    four(folder)
    r = CliRunner().invoke(cli_app, ["score", str(folder), "--no-city"])
    assert r.exit_code == 0, r.output
    assert (
        "全市测算：已按 --no-city 关闭，未测算全市平均改善幅度、水质综合指数全市排名和全市第1名，各县按填报值评分"
        in r.output.replace("\n", "")
    )
    assert "全市测算" not in load_workbook(folder / "b.scored.xlsx").sheetnames


@pytest.mark.slow
def test_pooled_batch_derives_the_same_figures(tmp_path):
    """Phase 1 in worker processes (jobs 2) gives what serial reading gives, county for county."""
    folder = tmp_path / "pooled"
    four(folder, {"丙县": {"city__pm25_improvement_avg": "5"}})
    serial = batch.score_many([folder], write_summary=False, jobs=1)
    pooled = batch.score_many([folder], write_summary=False, jobs=2)
    assert pooled.jobs == 2 and pooled.city is not None and serial.city is not None
    assert pooled.city.figures.rows == serial.city.figures.rows
    assert pooled.city.counties == serial.city.counties
    assert [o.standing.total for o in pooled.outcomes] == [o.standing.total for o in serial.outcomes]


def test_each_input_is_read_once(tmp_path, monkeypatch):
    """Phase 1 keeps what it read for phase 2: four counties, four reads (not eight)."""
    from ecoscore.services import load

    reads = []
    real = load.load_input

    def counting(path):
        reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(load, "load_input", counting)
    monkeypatch.setattr(app, "load_input", counting)
    result = batch.score_many([four(tmp_path / "once")[0].parent], write_summary=False, jobs=1)
    assert result.city is not None and len(result.ranking) == 4
    assert sorted(reads) == ["a.json", "b.json", "c.json", "d.json"]


def test_substitution_passes_on_until_a_county_not_yet_rewarded():
    """B.1 on records alone. AQCI_prev 3.8 for all (as above); this year only PM2.5 differs:
    B 14 (0.4) → 3.2, improvement 0.6/3.8 = 15.79 %, PM2.5 < 15 → already rewarded;
    A 28 (0.8) → 3.6, 5.26 %, 全省前十 → already rewarded;
    C 31.5 (0.9) → 3.7, 2.63 % → first by 递补."""
    from ecoscore import rubric
    from ecoscore.core.city import CountyRecord

    def record(i, name, pm25, top10):
        values = {f"air.{k}": D(str(v)) for k, v in PREV.items()}
        values.update({f"air.{k}_prev": D(str(v)) for k, v in PREV.items()})
        values.update({"air.pm25": D(pm25), "bonus.air_top10_province": top10})
        return CountyRecord(i, name, values, ())

    records = [record(0, "A", "28", True), record(1, "B", "14", False), record(2, "C", "31.5", False)]
    figures = rubric.default().city_rules.derive(records)
    assert [figures.derived[i]["bonus.aqci_first_city"].value for i in range(3)] == [False, False, True]
    column = figures.columns.index("综合指数改善第1名")
    assert [row[column] for row in figures.rows] == [
        "第2名，已因空气质量排名全省前十得到本组加分，由下一名递补",
        "第1名，已因PM2.5年均浓度小于15微克/立方米得到本组加分，由下一名递补",
        "是（递补）",
    ]


def test_the_batch_json_carries_the_city_figures_and_each_reports_derived(tmp_path):
    """`score DIR --json`: the batch's `city` figures and, in each county's `report`, the figures
    the batch filled (the same 4.25 % mean as above: (10 + 5 + 2 + 0) / 4)."""
    four(tmp_path / "各县")
    out = tmp_path / "全市.json"
    r = CliRunner().invoke(cli_app, ["score", str(tmp_path / "各县"), "--json", str(out), "-q"])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["city"] is not None and doc["city_note"] is None
    for f in doc["files"]:
        assert f["report"]["derived"]["city.pm25_improvement_avg"] == 4.25
        assert "city.pm25_improvement_avg" in f["report"]["derived_basis"]


def test_a_basis_names_at_most_twenty_counties_however_large_the_batch():
    """Each county's report repeats the basis, so 1 000 counties naming all 1 000 would make the
    batch JSON grow with the square of its size. 25 counties with PM2.5 50 → 45 + i/10 … (their
    improvements differ); the basis names 20 and says there are 25; the water rank of county i
    (CWQI 3 + i/100, lowest best) is i + 1."""
    from ecoscore.core.city import CountyRecord
    from ecoscore.rubric.huaihua2021 import city as rules

    records = [
        CountyRecord(
            i,
            f"县{i:02d}",
            {"air.pm25": Decimal(45) + Decimal(i) / 10, "air.pm25_prev": Decimal(50), "i05.cwqi": 3 + Decimal(i) / 100},
            None,
        )
        for i in range(25)
    ]
    found = rules.derive(records)
    basis = found.derived[0]["city.pm25_improvement_avg"].basis
    assert basis.count("县") <= 25 and "县19 " in basis and "县20 " not in basis
    assert "（共 25 个，全部见汇总表“全市测算”表）" in basis
    assert [found.derived[i]["i05.cwqi_city_rank"].value for i in (0, 7, 24)] == [1, 8, 25]
