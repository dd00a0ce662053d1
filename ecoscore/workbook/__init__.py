"""Excel/WPS workbooks: the input template, reading a filled one, writing the scored result.

openpyxl and XlsxWriter are imported only inside this package. The layout (sheet names,
headers, colours) is described once, in `layout`, and shared by the writer and the reader.

The exports are loaded when first asked for (PEP 562), so that importing one module of the
package (the reader, say) does not load the writers and the template too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecoscore.core.lazy import lazy_exports

_MODULE_OF = {
    "InputData": "ecoscore.sources.inputs",
    "read_input": "ecoscore.workbook.reader",
    "write_scored": "ecoscore.workbook.scored",
    "write_template": "ecoscore.workbook.template",
}

if TYPE_CHECKING:
    from ecoscore.sources.inputs import InputData
    from ecoscore.workbook.reader import read_input
    from ecoscore.workbook.scored import write_scored
    from ecoscore.workbook.template import write_template


__getattr__, __dir__ = lazy_exports(__name__, _MODULE_OF)

__all__ = ["InputData", "read_input", "write_scored", "write_template"]
