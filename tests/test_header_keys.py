"""Headers are compared without spaces and without a unit in brackets: str methods that must
drop exactly what the regular expressions they replaced dropped (kept here as the reference)."""

import random
import re

from ecoscore.workbook.monitoring_reader import header_key, without_unit
from ecoscore.workbook.reader import _header_text

# The patterns the readers used before (monitoring_reader and reader), as the reference.
OLD_UNIT_SUFFIX = re.compile(r"[（(][^（()）]*(?:/|m³|m3|mg|μg|ug|µg)[^（()）]*[)）]$", re.IGNORECASE)
OLD_SPACE = re.compile(r"\s")


def test_without_unit_by_hand():
    assert without_unit("PM2.5（μg/m³）") == "PM2.5"
    assert without_unit("CO(MG/M3)") == "CO"
    assert without_unit("O3（ΜG）") == "O3"  # the capital mu is a mu in any case
    assert without_unit("O3（µg）") == "O3"  # the micro sign
    assert without_unit("日期（年月日）") == "日期（年月日）"  # brackets, but no unit inside
    assert without_unit("断面(a)(mg)") == "断面(a)"  # only the last group
    assert without_unit("断面(mg))") == "断面(mg))"  # the last bracket before the end closes: no group
    assert without_unit("(mg)") == ""
    assert without_unit("mg)") == "mg)"


def test_without_unit_as_the_old_pattern_on_random_headers():
    alphabet = list("（()）/mMgGuU3³μΜµ-_ aé日期") + ["m³", "mg", "ug", "μg", "µg", "PM2.5"]
    rng = random.Random(17)
    for _ in range(20_000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))).replace(" ", "")
        assert without_unit(t) == OLD_UNIT_SUFFIX.sub("", t), t


def test_spaces_dropped_as_the_old_pattern_for_every_character():
    every = "".join(chr(code) for code in range(0x110000))  # each dropped or kept alike, or the two differ
    assert "".join(every.split()) == OLD_SPACE.sub("", every)
    assert len(every) - len("".join(every.split())) == 29  # \t\n\v\f\r, \x1c–\x1f, the space, 19 more


def test_header_texts_by_hand():
    assert header_key(" PM 2.5\u3000（μg/m³） ") == "PM2.5"  # the ideographic space is a space
    assert header_key("o3-8h（μg/m³）") == "O3_8H"
    assert header_key(None) == ""
    assert _header_text("字段\u00a0编码\n") == "字段编码"  # no-break space and line break go
    assert _header_text(12) == ""


def test_load_input_runs_the_zip_pre_flight_once_and_read_input_alone_runs_it(monkeypatch, tmp_path):
    """load_input sniffs the file (the pre-flight included) and hands it to read_input, which
    does not sniff it again; called directly, read_input sniffs it itself."""
    import shutil
    from pathlib import Path

    from ecoscore.services import load
    from ecoscore.sources import sniff as sniffing
    from ecoscore.workbook import reader

    book = tmp_path / "book.xlsx"
    shutil.copy(Path(__file__).resolve().parents[1] / "examples" / "中方县-2021.xlsx", book)
    seen: list[Path] = []

    def counted(path):
        seen.append(path)
        return sniffing.sniff(path)

    monkeypatch.setattr(load, "sniff", counted)
    monkeypatch.setattr(reader, "sniff", counted)
    load.load_input(book)
    assert seen == [book]
    reader.read_input(book)
    assert seen == [book, book]


def _outcome(fn, ref):
    try:
        return fn(ref)
    except (TypeError, ValueError) as exc:
        return type(exc), str(exc)


def test_merged_range_bounds_as_openpyxl_reads_them():
    """Merged ranges' bounds: the usual form ("D8:E9") is split with str methods, the rest by
    openpyxl's pattern; the same bounds as openpyxl's range_boundaries, or the same refusal, for
    usual and odd references alike."""
    from openpyxl.utils.cell import range_boundaries

    from ecoscore.workbook import xlstd

    assert xlstd.cell_range("D8:E9") == (4, 8, 5, 9)  # D = 4, E = 5
    assert xlstd.cell_range("AA1:AB2") == (27, 1, 28, 2)  # AA = 26 + 1
    odd = ["", "D8", "d8:e9", "$D$8:$E$9", "E9:D8", "D9:E8", "A0:B1", "A1:B1048577", "A1:B1048576"]
    odd += ["AAAA1:B2", "ZZZ1:ZZZ2", "A1:B", "A:B", "1:2", "A1:B2\n", "A٣:B٤", "A1:B2:C3", "A01:B02"]
    rng = random.Random(6)
    odd += ["".join(rng.choice("ABZaz$:0129٣\n") for _ in range(rng.randint(0, 9))) for _ in range(5_000)]

    def end() -> str:  # mostly the usual form: letters, then digits
        letters = "".join(rng.choice("ABZ") for _ in range(rng.randint(0, 4)))
        return letters + "".join(rng.choice("0129") for _ in range(rng.randint(0, 8)))

    odd += [f"{end()}:{end()}" for _ in range(5_000)]
    for ref in odd:
        assert _outcome(xlstd.range_boundaries, ref) == _outcome(range_boundaries, ref), ref
