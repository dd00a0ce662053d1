"""User-facing wording (rev 2): no internal codes, and labels that say what they mean."""

import json
import re
from pathlib import Path

from ecoscore import rubric
from ecoscore.scoring.engine import score_values
from tests.helpers import item_result
from tests.test_s02_water import PERFECT as WATER
from tests.test_s02_water import sec

INTERNAL = re.compile(r"\bD\d+\b|SPEC|INDICATORS|huaihua|dev-\d|interpretation\.md")
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.json"))


def test_no_internal_codes_in_labels_notes_or_rule_texts():
    ed = rubric.default()
    texts = [t for f in ed.catalogue.values() for t in (f.label, f.note)]
    texts += [t for it in ed.items for r in it.rules for t in (r.text, r.how)]
    texts += [t for it in ed.items for t in (it.name, it.evidence, it.source)]
    assert [t for t in texts if INTERNAL.search(t)] == []


def test_no_internal_codes_in_the_examples_reasons():
    for path in EXAMPLES:
        doc = json.loads(path.read_text(encoding="utf-8"))
        report = score_values(doc["values"], doc["sections"])
        lines = [ln for it in report.items for ln in it.lines] + report.bonus.lines + report.penalty.lines
        assert [ln.reason for ln in lines if INTERNAL.search(ln.reason)] == [], path.name


def test_dust_rank_says_which_end_is_first():
    label = rubric.default().catalogue["i14.dust_rank"].label
    assert "超过全省平均最少的为第一名" in label and "扣 0.1 分" in label


def test_national_demo_covers_either_title_highest_stage_once():
    f = rubric.default().catalogue["bonus.national_demo"]
    text = f.label + f.note
    assert "生态文明建设示范县" in text and "绿水青山就是金山银山" in text
    assert "最高阶段" in text and "加一次" in text


def test_5_3_line_states_the_count_not_the_cause():
    # 5.2: ≥Ⅲ = {P2} = 1 of 2 required → short 1 (the national N at Ⅳ may be the cause);
    # 5.3: P1 (省考, target Ⅲ, at Ⅳ) missed and worse than Ⅲ → min(1, 1) = 1 not charged again
    rows = [sec("N", "国考", "Ⅳ", "Ⅳ", "Ⅳ"), sec("P1", "省考", "Ⅲ", "Ⅲ", "Ⅳ"), sec("P2", "省考", "Ⅲ", "Ⅲ", "Ⅲ")]
    v = {**WATER, "target.provincial_ge3_count": 2}
    line = next(ln for ln in item_result("5", v, rows).lines if ln.rule == "5.3")
    assert line.delta == 0
    assert "已在" not in line.reason  # no claim that P1 itself was charged in 5.2
    assert "5.2 已因达到或优于Ⅲ类的断面少 1 个扣分，同一问题不重复扣分" in line.reason


def test_bonus_and_penalty_docstrings_name_the_county_coordinating_office():
    from ecoscore.rubric.huaihua2021 import bonus, penalty
    from ecoscore.rubric.huaihua2021.params import COORDINATION_UNITS

    assert COORDINATION_UNITS == ("县生态环境保护委员会办公室",)
    for module in (bonus, penalty):
        assert "县生态环境保护委员会办公室" in module.__doc__
        assert "county branch" not in module.__doc__
        assert module.__doc__.count("市生态环境局中方分局") == 0
