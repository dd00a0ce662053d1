"""The batch's spool (issue #17, flat memory): each county's Standing waits on disk, the ranking is a
sequence re-read from it on every pass, and the private folder is gone after `close`, after an error
and after Ctrl+C.

Totals as in tests/test_batch.py: 甲县 scores the base input's total T; 乙县 loses 0.5 (1.1 未纳入党校
教育培训内容) and 丙县 0.5 (21.2 省级交办问题 1 项未达序时进度 × 0.5): both T − 0.5, tied second (1, 2, 2).
"""

import gc
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from ecoscore.services import batch
from ecoscore.services import score as app
from ecoscore.services.spool import Spool, SpooledMapping
from tests.test_batch import LATE, NO_SCHOOL, write_json

D = Decimal


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Every temporary folder the batch makes goes under one folder, to see what is left behind."""
    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


def three(folder: Path) -> Path:
    folder.mkdir()
    write_json(folder / "a.json", "甲县")
    write_json(folder / "b.json", "乙县", **NO_SCHOOL)
    write_json(folder / "c.json", "丙县", **LATE)
    return folder


# ---- the spool itself -------------------------------------------------------------------------
def test_records_come_back_by_offset_in_any_order(private_tmp):
    with Spool() as spool:
        first = spool.put({"县": "甲县", "总分": D("90.80")})
        second = spool.put(("乙县", D("90.30"), None))
        assert spool.get(second) == ("乙县", D("90.30"), None)
        assert spool.get(first) == {"县": "甲县", "总分": D("90.80")}
        assert spool.get(second) == ("乙县", D("90.30"), None)  # read again: still there
        folder = spool.folder
        assert folder.parent == private_tmp and (folder / "records.pickle").stat().st_size == spool.size
    assert not folder.exists()
    with pytest.raises(ValueError):
        spool.get(first)


def test_a_forgotten_spool_is_removed_when_collected(private_tmp):
    spool = Spool()
    spool.put("甲县")
    folder = spool.folder
    del spool
    gc.collect()
    assert not folder.exists()


def test_a_spooled_mapping_reads_each_value_back(private_tmp):
    with Spool() as spool:
        shares = SpooledMapping.of(spool, {0: ["甲县"], 2: ["丙县"]})
        assert len(shares) == 2 and list(shares) == [0, 2]
        assert shares[2] == ["丙县"] and shares.get(1) is None
        assert shares == {0: ["甲县"], 2: ["丙县"]}


# ---- the batch --------------------------------------------------------------------------------
def test_the_batch_keeps_briefs_in_memory_and_standings_on_disk(tmp_path, private_tmp):
    result = batch.score_many([three(tmp_path / "in")], jobs=1, write_summary=False)
    spooled = list(private_tmp.iterdir())
    assert [p.name.startswith("ecoscore-batch-") for p in spooled] == [True]  # phase 1's folder is gone
    a, b, c = result.outcomes
    assert (a.brief.county, b.brief.county, c.brief.county) == ("甲县", "乙县", "丙县")
    assert a.brief.total - b.brief.total == D("0.5") and b.brief.total == c.brief.total
    assert a.standing.total == a.brief.total and a.standing.scores  # read back from the spool
    assert [(r.rank, r.county) for r in result.ranking] == [(1, "甲县"), (2, "乙县"), (2, "丙县")]
    assert len(result.finals) == 3 and len(result.provisionals) == 0
    result.close()
    assert list(private_tmp.iterdir()) == []
    # what the ranking and --json need stays readable; the Standings went with the spool
    assert [o.to_dict(rank)["total"] for o, rank in zip(result.outcomes, (1, 2, 2), strict=True)] == [
        float(a.brief.total),
        float(b.brief.total),
        float(c.brief.total),
    ]
    assert result.average is not None and result.to_dict()["files"][2]["rank"] == 2
    with pytest.raises(ValueError):
        a.standing  # noqa: B018


def test_the_ranking_reads_the_same_rows_on_every_pass(tmp_path, private_tmp):
    with batch.score_many([three(tmp_path / "in")], jobs=1, write_summary=False) as result:
        rows = result.ranking
        first, again = list(rows), list(rows)
        assert first == again and len(rows) == 3 and rows[1] == first[1]
        assert [r.county for r in rows[1:]] == ["乙县", "丙县"]
        # the same rows as ranking Outcomes that hold their Standings in memory
        held = [batch.Outcome(o.path, o.output, o.standing) for o in result.outcomes]
        assert list(batch.ranking(held)) == first
        assert first[0].sections and first[0].scores and first[1].losses  # the whole row, as the summary reads it
    assert list(private_tmp.iterdir()) == []


def test_ctrl_c_leaves_no_temporary_folder(tmp_path, private_tmp, monkeypatch):
    real = app.score_file

    def interrupted(path, **kw):
        if Path(path).name == "b.json":
            raise KeyboardInterrupt
        return real(path, **kw)

    monkeypatch.setattr(app, "score_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.score_many([three(tmp_path / "in")], jobs=1)
    assert list(private_tmp.iterdir()) == []


def test_a_failing_summary_writer_leaves_no_temporary_folder(tmp_path, private_tmp, monkeypatch):
    from ecoscore.workbook import summary

    def broken(result, target):
        raise RuntimeError("写汇总表时出错")

    monkeypatch.setattr(summary, "write_summary", broken)
    with pytest.raises(RuntimeError):
        batch.score_many([three(tmp_path / "in")], jobs=1)
    assert list(private_tmp.iterdir()) == []


@pytest.mark.slow
def test_pooled_workers_send_only_packed_standings(tmp_path, private_tmp):
    """Jobs 2: the same rows as serial, read back from the spool."""
    folder = three(tmp_path / "in")
    with batch.score_many([folder], jobs=1, write_summary=False) as serial:
        serial_rows = list(serial.ranking)
    with batch.score_many([folder], jobs=2, write_summary=False) as pooled:
        assert pooled.jobs == 2 and list(pooled.ranking) == serial_rows
