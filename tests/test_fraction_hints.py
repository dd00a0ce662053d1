"""Plausibility 提示 (rev 2): a percentage typed as a fraction (0.92 for 92 %) in a cell
without a percent format is scored as typed, and named with the value it probably meant."""

from decimal import Decimal

from ecoscore.services.load import load_input, score_input
from ecoscore.workbook import write_template
from tests.test_s01_ideology import PERFECT as S01
from tests.test_workbook_reader import SECTIONS, all_valid, fill


def _book(tmp_path, values, edit=None):
    path = tmp_path / "input.xlsx"
    write_template(path, force=True)
    return fill(path, {**all_valid(), **S01, **values}, SECTIONS, edit=edit)


def test_fraction_in_a_plain_cell_is_scored_as_typed_and_flagged(tmp_path):
    path = _book(tmp_path, {"i37.satisfaction": 0.92})
    data = load_input(path)
    report = score_input(data)
    assert report.values["i37.satisfaction"] == Decimal("0.92")  # scored as typed: 37.1 earns 0.0092
    where = str(data.locations["i37.satisfaction"])
    (hint,) = [n for n in report.notes if "0.92" in n]
    assert hint.startswith(where) and "92%" in hint and "已按 0.92% 计分" in hint
    assert hint in report.to_dict()["notes"]


def test_percent_formatted_cell_and_plain_values_are_not_flagged(tmp_path):
    def percent_format(wb, cells):
        cells["i37.satisfaction"].number_format = "0.00%"

    # 0.92 in a percent-formatted cell is 92 %: read as 92, nothing to say
    report = score_input(load_input(_book(tmp_path, {"i37.satisfaction": 0.92}, edit=percent_format)))
    assert report.values["i37.satisfaction"] == Decimal(92)
    assert not [n for n in report.notes if "满意率" in n]
    # 92, 0 and 1 are plausible as typed
    for v in (92, 0, 1):
        report = score_input(load_input(_book(tmp_path, {"i37.satisfaction": v})))
        assert not [n for n in report.notes if "满意率" in n], v


def test_a_signed_change_below_one_is_not_flagged(tmp_path):
    # a change in % (spct) may well be 0.5
    report = score_input(load_input(_book(tmp_path, {"i19.fertiliser_reduction": 0.5})))
    assert not [n for n in report.notes if "0.5" in n]
