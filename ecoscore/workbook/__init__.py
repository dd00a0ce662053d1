"""Excel/WPS workbooks: the input template, reading a filled one, writing the scored result.

openpyxl is imported only inside this package. The layout (sheet names, headers, colours)
is described once, in `layout`, and shared by the writer and the reader.
"""

from __future__ import annotations

from ecoscore.sources.inputs import InputData
from ecoscore.workbook.reader import read_input
from ecoscore.workbook.scored import write_scored
from ecoscore.workbook.template import write_template

__all__ = ["InputData", "read_input", "write_scored", "write_template"]
