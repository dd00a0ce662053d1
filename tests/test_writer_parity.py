"""The writers' outputs, read back, match the openpyxl writer's recorded outputs (`tests/xlsx_parity`):
for every workbook and sheet, cell values and types, number formats, fonts, fills, borders,
alignment, locked cells, quote prefixes, hyperlinks, merged ranges, data validations, conditional
formats, freeze panes, print titles, autofilter, page setup (paper, orientation, fit, margins,
footer), row breaks, sheet protection, tab colour, column widths and column styles, row heights
and charts."""

from pathlib import Path

import pytest

from tests.xlsx_parity import dump_all, recorded

pytestmark = pytest.mark.slow  # corpora and real console-script runs: the full suite (.ci/run) has them


def differences(old, new, path="", out=None, limit=40):
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new), key=str):
            if k not in new:
                out.append(f"{path}/{k}: missing (was {str(old[k])[:120]})")
            elif k not in old:
                out.append(f"{path}/{k}: extra {str(new[k])[:120]}")
            else:
                differences(old[k], new[k], f"{path}/{k}", out, limit)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new)):
            differences(a, b, f"{path}[{i}]", out, limit)
    elif old != new:
        out.append(f"{path}: {str(old)[:160]} → {str(new)[:160]}")
    return out


@pytest.fixture(scope="module")
def dumps(tmp_path_factory):
    return dump_all(Path(tmp_path_factory.mktemp("parity")))


@pytest.mark.parametrize(
    "book", ["template", "template-monitoring", "scored-2020", "scored-2021", "scored-monitoring", "summary", "diff"]
)
def test_writer_output_matches_the_recorded_openpyxl_output(dumps, book):
    diffs = differences(recorded()[book], dumps[book], book)
    assert not diffs, "\n".join(diffs)
