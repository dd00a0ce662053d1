"""Issue #13: reasons and labels name the data's years; carry-over follows the years.

Expected texts are written by hand from the examples (examples/中方县-2020.json: heavy-pollution
days 3, 1, 0 in 2018–2020 and 0 in 2020; PM2.5 33; CWQI 3.62; 农膜 +1.5, 秸秆 +2 points).
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from ecoscore.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def reasons(path: Path, *extra) -> dict[str, list[str]]:
    code, out, err = run("score", path, "--json", "-", *extra)
    assert code == 0, err
    report = json.loads(out)
    found: dict[str, list[str]] = {}
    for it in report["items"]:
        for ln in it["lines"]:
            found.setdefault(ln["rule"], []).append(ln["reason"])
    return found


def test_2020_data_on_the_2021_basis_name_2019_as_last_year():
    r = reasons(EXAMPLES / "中方县-2020.json", "--rubric", "huaihua-2021")
    assert r["4.3"] == ["达标但水质类别较上年（2019年）下降的国考断面：无，不扣分"]
    assert r["5.4"] == ["达标但水质类别较上年（2019年）下降的省考断面（不含国考）：无，不扣分"]
    assert r["19.2"] == [
        "农膜回收率较上年（2019年）提高 1.5 个百分点，不足 1 个百分点扣 0.2 分，不扣分",
        "秸秆综合利用率较上年（2019年）提高 2 个百分点，不足 1 个百分点扣 0.2 分，不扣分",
    ]
    # the base years are the edition's calendar years, and the reason says they hold the data year
    assert r["12.1"] == [
        "本年（2020年）重污染天数 0 天，2018–2020年（2021年细则规定的基准年，含本年度）分别为 3、1、0 天，"
        "平均 约1.33 天，未上升，不扣分"
    ]
    assert not any("较2020年" in text for texts in r.values() for text in texts)


def test_2021_data_name_2020_as_last_year():
    r = reasons(EXAMPLES / "中方县-2021.json")
    assert all("较上年（2020年）" in text for text in r["4.3"] + r["5.4"] + r["19.2"])
    assert r["12.1"][0].startswith("本年（2021年）重污染天数 1 天，2018–2020年分别为 ")


def test_the_rule_text_stays_verbatim(tmp_path):
    out = tmp_path / "a.xlsx"
    assert run("score", EXAMPLES / "中方县-2020.xlsx", "--rubric", "huaihua-2021", "-o", out, "-q")[0] == 0
    texts = [r[2] for r in load_workbook(out)["评分明细"].iter_rows(values_only=True) if r[1] == "4.3"]
    assert texts == ["达到考核目标但水质类别较2020年下降的，每1个断面扣0.2分（达到Ⅱ类水质不扣分）"]


def labels(path: Path) -> dict[str, str]:
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            if len(row) >= 9 and isinstance(row[8], str) and "." in row[8] and row[2]:
                out[row[8]] = str(row[2]).split("\n")[0]
    return out


def test_template_labels_follow_the_workbook_s_year(tmp_path):
    assert run("init-template", tmp_path / "a.xlsx", "--year", "2020", "--rubric", "huaihua-2021")[0] == 0
    got = labels(tmp_path / "a.xlsx")
    assert got["i05.cwqi_prev"] == "上年（2019年）辖区省考断面城市水质综合指数"
    assert got["i19.film_recovery_increase"] == "农膜回收率较2019年提高"
    assert got["i19.manure_use_rate"] == "2020年畜禽粪污综合利用率"
    assert got["i35.task_completion"] == "2020年“四严四基”工作任务完成率"
    assert got["air.heavy_days_2020"] == "2020年重污染天数"  # a calendar year's own field keeps its year
    assert got["target.sewage_collection_increase"].startswith("县级城市生活污水集中收集率较2018年应提高")
    assert run("init-template", tmp_path / "b.xlsx")[0] == 0
    assert labels(tmp_path / "b.xlsx")["i05.cwqi_prev"] == "上年（2020年）辖区省考断面城市水质综合指数"


# ---- carry-over follows the years ---------------------------------------------------------------
def cells(path: Path) -> dict[str, object]:
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            if len(row) >= 9 and isinstance(row[8], str) and "." in row[8]:
                out[row[8]] = row[4]
    return out


def test_from_the_2020_workbook_a_2021_form_with_the_history_window_moved(tmp_path):
    new = tmp_path / "中方县-2021.xlsx"
    code, out, _ = run("init-template", new, "--from", EXAMPLES / "中方县-2020.xlsx")
    assert code == 0 and out.startswith("已从 中方县-2020.xlsx（2020年）结转到 2021 年填报表的数据")
    assert "口径" not in out  # 2021 has its own edition: no basis to label
    wb = load_workbook(new)
    assert (wb["填报说明"]["B3"].value, wb["填报说明"]["B4"].value) == ("中方县", 2021)
    got = cells(new)
    assert (got["air.heavy_days_2018"], got["air.heavy_days_2019"], got["air.heavy_days_2020"]) == (3, 1, 0)
    assert got["air.heavy_days"] is None  # this year's figure is this year's to fill
    assert (got["air.pm25_prev"], got["i05.cwqi_prev"]) == (33, 3.62)
    sections = {r[0]: r[3] for r in wb["断面水质"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert sections["舞水中方段"] == "Ⅱ"  # 2020's 本年类别 → 2021's 上年类别
    code, _, err = run("score", new, "-q")  # what carry-over brings is not this year's data
    assert code == 4 and err.startswith("错误：尚未填写任何数据")
    wb["2 污染防治攻坚战"]["E4"] = 30  # one figure of this year typed in (any will do)
    wb.save(new)
    code, _, err = run("score", new, "-q")  # a 2021 form: scored on the 2021 edition, no --rubric
    assert code == 0, err


def test_from_2021_the_2022_form_needs_a_basis_and_lists_what_it_could_not_carry(tmp_path):
    new = tmp_path / "2022.xlsx"
    code, _, err = run("init-template", new, "--from", EXAMPLES / "中方县-2021.xlsx")
    assert code == 4 and "考核年度为 2022 年" in err and "未生成填报表" in err and not new.exists()
    code, out, _ = run("init-template", new, "--from", EXAMPLES / "中方县-2021.xlsx", "--rubric", "huaihua-2021")
    assert code == 0
    assert "提示：2022 年没有对应的考核细则，本填报表按《2021年怀化市生态环境保护工作考核细则》口径测算" in out
    assert "未结转：2021年重污染天数（1 天）：现行考核细则没有 2021 年的字段" in out
    assert load_workbook(new)["填报说明"]["B4"].value == 2022
    assert "口径测算" in load_workbook(new)["填报说明"]["B5"].value


def test_from_with_a_year_that_is_not_the_next(tmp_path):
    code, _, err = run("init-template", tmp_path / "a.xlsx", "--from", EXAMPLES / "中方县-2020.xlsx", "--year", "2022")
    assert code == 2 and "结转生成的是 2021 年的填报表，与 --year 2022 不一致" in err
