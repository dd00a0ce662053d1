"""The shortcuts the reader takes for speed give what the long way gives: a cell reference's
column, the text cleaning, the lazily worked-out row cap."""

import zipfile

import pytest

from ecoscore.core.values import clean_text
from ecoscore.workbook import defused, sheetxml
from ecoscore.workbook.xlstd import coordinate_to_tuple


@pytest.mark.parametrize(
    ("ref", "col"),
    [("B7", 2), ("b7", 2), ("AA10", 27), ("XFD1048576", 16384), ("B7_0", 2)],  # int("7_0") is 70: accepted
)
def test_a_column_is_read_as_coordinate_to_tuple_reads_it(ref, col):
    for _ in range(2):  # the second time from what was remembered
        assert sheetxml.column(ref) == col == coordinate_to_tuple(ref)[1]


@pytest.mark.parametrize("ref", ["B", "7B", "B7B7", "AAAA1", "B" + "9" * 5000, "B 7"])
def test_a_malformed_reference_fails_as_coordinate_to_tuple_fails_even_after_a_good_one(ref):
    sheetxml.column("B7")  # "B" remembered
    with pytest.raises(ValueError):
        coordinate_to_tuple(ref)
    with pytest.raises(ValueError):
        sheetxml.column(ref)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  abc ", "abc"),  # ASCII: only stripped
        ("ＡＢ\u2212１", "AB-1"),  # full-width NFKC'd, U+2212 minus unified
        ("字段\u200b编码", "字段编码"),  # zero-width space
        ("\u200e字段\u00ad编码\u2066", "字段编码"),  # bidi marks and the soft hyphen: category Cf
        ("第一行\n第二行", "第一行\n第二行"),  # a line break is kept (not printable, but not Cf either)
        ("第一行\r\n\u200e第二行\t", "第一行\r\n第二行"),  # a Cf mark beside line breaks is still dropped
        ("\ufeff中方县", "中方县"),
        ("２０２１\u3000年", "2021 年"),  # the ideographic space becomes a space (NFKC)
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_the_row_cap_floor_is_below_the_cap():
    # row_cap() = max(HEADER_ROW + SECTION_ROWS, HEADER_ROW + the longest field sheet) + ROW_MARGIN
    assert defused.RowCap.floor <= defused.row_cap()
    assert defused.ROWS.within(defused.row_cap()) and not defused.ROWS.within(defused.row_cap() + 1)


def test_a_damaged_package_relationship_part_is_a_damaged_file_not_a_crash(tmp_path):
    """The pre-flight reads _rels/.rels (Strict Open XML?) before any parse: a corrupt deflate
    stream there used to escape as zlib.error."""
    from pathlib import Path

    from ecoscore.core.model import FileProblem
    from ecoscore.sources.sniff import sniff

    example = Path(__file__).resolve().parents[1] / "examples" / "中方县-2021.xlsx"
    data = bytearray(example.read_bytes())
    with zipfile.ZipFile(example) as z:
        at = z.getinfo("_rels/.rels").header_offset
    name_len, extra_len = (int.from_bytes(data[at + i : at + i + 2], "little") for i in (26, 28))
    start = at + 30 + name_len + extra_len  # the member's compressed bytes
    for i in range(start + 5, start + 40):
        data[i] ^= 0x55
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(FileProblem, match="文件已损坏或不完整"):
        sniff(bad)
