"""Regenerate the example workbooks from their JSON twins: python scripts/make_examples.py"""

import json
from pathlib import Path

from ecoscore import rubric
from ecoscore.services.basis import basis_text
from ecoscore.sources.inputs import json_evidence
from ecoscore.workbook.template import write_template

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

for source in sorted(EXAMPLES.glob("*.json")):
    doc = json.loads(source.read_text(encoding="utf-8"))
    target = source.with_suffix(".xlsx")
    write_template(
        target,
        county=doc.get("county", "中方县"),
        year=doc.get("year", 2021),
        prefill=doc["values"],
        sections=doc["sections"],
        force=True,
        # a year without an edition of its own (the 2020 example) is a workbook on the 2021 basis, labelled
        basis="" if rubric.for_year(doc.get("year", 2021)) else basis_text(rubric.default()),
        unit_names=doc.get("units"),
        evidence=json_evidence(doc["evidence"], source.name, []) if "evidence" in doc else None,
    )
    print(f"{source.name} → {target.name}")
