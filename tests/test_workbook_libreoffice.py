"""Real LibreOffice: a filled template re-saved by `soffice --convert-to xlsx` scores the same, its
formulas get cached values we can read, and the scored workbook opens (renders to PDF).

Skipped when LibreOffice is not installed.
"""

import shutil
import subprocess
from decimal import Decimal

import pytest

from ecoscore.workbook import read_input, write_scored, write_template
from tests.test_s01_ideology import PERFECT as S01_PERFECT
from tests.test_workbook_reader import SECTIONS, all_valid, fill, score, typed

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")]


def soffice(tmp_path, fmt: str, *files) -> None:
    """Convert with a private profile (parallel runs and a user's own LibreOffice do not clash)."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp_path / "lo"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("libreoffice")
    plain, with_formulas = tmp / "plain.xlsx", tmp / "formulas.xlsx"
    values = {
        **all_valid(),
        **S01_PERFECT,
        "i01.party_school": "否",
        "air.good_days_ratio": "95.5%",
        "i14.straw_fire_points": "３",
        "i02.plan_implemented": "√",
    }
    for path in (plain, with_formulas):
        write_template(path)
        fill(path, values, SECTIONS)

    def formulas(wb, cells):
        cells["air.good_days_ratio"].value = "=0.9+0.055"
        cells["air.good_days_ratio"].number_format = "0.0%"
        cells["i14.straw_fire_points"].value = "=1+2"

    fill(with_formulas, {}, edit=formulas)
    soffice(tmp, "xlsx", plain, with_formulas)
    return tmp, plain, with_formulas


def test_resaved_template_scores_the_same(resaved):
    tmp, plain, _ = resaved
    again = tmp / "lo" / "plain.xlsx"
    original, converted = score(plain), score(again)
    assert converted.total == original.total and not converted.provisional
    assert [i.score for i in converted.items] == [i.score for i in original.items]
    # hand-worked: item 1 loses 1.1 (0.5 of 1), item 2 full (√ = 是)
    assert (converted.item(1).score, converted.item(2).score) == (Decimal("0.50"), Decimal("1.00"))
    assert typed(read_input(again)) == typed(read_input(plain))


def test_formulas_cached_by_libreoffice_are_read(resaved):
    tmp, plain, with_formulas = resaved
    assert {p.code for p in read_input(with_formulas).problems} == {"formula_without_value"}  # never calculated
    values = typed(read_input(tmp / "lo" / "formulas.xlsx"))
    assert values["air.good_days_ratio"] == Decimal("95.5") and values["i14.straw_fire_points"] == 3
    assert score(tmp / "lo" / "formulas.xlsx").total == score(plain).total


def test_scored_workbook_opens_in_libreoffice(resaved):
    tmp, plain, _ = resaved
    report = score(plain)
    out = tmp / "plain.scored.xlsx"
    write_scored(report, out, county="中方县", year=2021, input_name="plain.xlsx", locations=report.locations)
    soffice(tmp, "pdf", out)
    pdf = tmp / "lo" / "plain.scored.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000
