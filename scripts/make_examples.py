"""Regenerate the example workbooks from their JSON twins: python scripts/make_examples.py"""

import json
from pathlib import Path

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
    )
    print(f"{source.name} → {target.name}")
