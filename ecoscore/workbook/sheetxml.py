"""Our own streaming pass over one sheet's XML (expat with defusedxml's refusals, see
`defused.parser`), with callbacks instead of a tree: no element objects are built, memory
stays that of one row.

It fills an `Outline` — what openpyxl's read-only mode does not tell: merged ranges, the
formula of every formula cell, how far the rows go, the first content below the rows read —
and spends the workbook's element budget. With `keep`, it also hands over each row's raw
cells (column, type, style, <v> text, inline-string text) for the accelerated reader (`fast`).

The pass ends at </mergeCells> (the schema puts it after the rows and before what we skip)
or after the row holding the first content below `cap`. Rows and columns are numbered as
openpyxl numbers them: <row r="7"> (or the next row), the cell's r="B7" (or the next column).
"""

from __future__ import annotations

from ecoscore.workbook import defused
from ecoscore.workbook.defused import CHUNK, COL_CAP, SEP
from ecoscore.workbook.xlstd import SHEET_MAIN_NS, coordinate_to_tuple, get_column_letter

NS = SHEET_MAIN_NS + SEP
ROW, CELL, V, F, IS, R, T = (NS + t for t in ("row", "c", "v", "f", "is", "r", "t"))
MERGE, MERGE_CELLS = NS + "mergeCell", NS + "mergeCells"
CONTENT = (V, IS, F)
DIGITS = "0123456789"
_columns: dict[str, int] = {}  # a cell reference's letters → its column, once read by `coordinate_to_tuple`


class RawCell:
    """A cell as the XML has it: what openpyxl's row parser starts from."""

    __slots__ = ("column", "t", "s", "v", "plain", "runs", "inline")

    def __init__(self, column: int, t: str, s: str | None):
        self.column, self.t, self.s = column, t, s
        self.v = self.plain = None  # the first <v>'s text; an inline string's direct <t>
        self.runs: list = []  # an inline string's rich-text runs' <t>
        self.inline = False  # has an <is>


class _Stop(Exception):
    """The pass has seen all it needs."""


class _Target:
    def __init__(self, sheet: str, cap: int, found, budget, keep: bool):
        self.sheet, self.cap, self.found, self.budget, self.keep = sheet, cap, found, budget, keep
        self.stack: list[str] = []
        self.r = self.c = self.children = self.index = 0
        self.beyond = False  # the current row is below the cap
        self.cell: RawCell | None = None
        self.ref: str | None = None
        self.text: list[str] | None = None  # character data being collected
        self.formula: dict | None = None  # the current <f>'s attributes
        self.probe = self.content = False  # below the cap: is the cell's <v>/<is>/<f> non-empty?
        self.row_cells: list[RawCell] = []
        self.rows: list[tuple[int, list[RawCell]]] = []  # complete rows not yet handed over
        self.shared: dict[str, tuple[str, str]] = {}  # si → (formula, origin) of a shared formula

    def start(self, tag, attrib):
        st = self.stack
        parent = st[-1] if st else None
        st.append(tag)
        if tag == ROW:
            self.r = _row_number(attrib.get("r"), self.r)
            self.c = self.children = self.index = 0
            self.beyond, self.row_cells = self.r > self.cap, []
        elif parent == ROW:
            self.children += 1
            if tag == CELL:
                self.index += 1
                self.ref = attrib.get("r")
                self.content = False
                if not self.beyond:
                    self.c = column(self.ref) if self.ref else self.c + 1
                    if self.c <= COL_CAP:
                        self.cell = RawCell(self.c, attrib.get("t", "n"), attrib.get("s"))
        elif parent == CELL:
            if self.beyond:
                self.probe = tag in CONTENT
            elif self.cell is not None:
                if tag == V and self.cell.v is None or tag == F and self.formula is None:
                    self.text = []
                    if tag == F:
                        self.formula = attrib
                elif tag == IS and not self.cell.inline:
                    self.cell.inline = True
        elif self.beyond and self.probe:
            self.content = True  # an element inside <v>/<is>/<f>
        elif (
            tag == T
            and self.cell is not None
            and self.cell.inline
            and len(st) >= 3
            and (parent == IS and st[-3] == CELL or parent == R and st[-3] == IS)
        ):
            self.text = []
        elif tag == MERGE:
            self.found.merges.append(attrib.get("ref") or "")

    def data(self, text):
        if self.text is not None:
            self.text.append(text)
        elif self.probe and text:
            self.content = True

    def end(self, tag):
        st = self.stack
        st.pop()
        if self.text is not None and tag in (V, F, T):
            text, self.text = "".join(self.text), None
            if tag == V:
                self.cell.v = text
            elif tag == F:
                self._formula(text)
            elif st[-1] == IS:
                self.cell.plain = text  # openpyxl keeps the last one
            else:
                self.cell.runs.append(text)
        elif tag == CELL:
            cell, self.cell, self.formula = self.cell, None, None
            if self.beyond:
                if self.content and self.found.beyond is None:
                    self.found.beyond = self.ref or f"{get_column_letter(min(self.index, 16384))}{self.r}"
            elif cell is not None:
                self.found.last_row = max(self.found.last_row, self.r)
                self.found.width = max(self.found.width, cell.column)
                if self.keep:
                    self.row_cells.append(cell)
        elif tag in CONTENT and st and st[-1] == CELL:
            self.probe = False
        elif tag == ROW:
            if self.budget is not None:
                self.budget.spend(self.sheet, 1 + self.children)
            if self.found.beyond:
                raise _Stop
            if self.keep and not self.beyond:
                self.rows.append((self.r, self.row_cells))
        elif tag == MERGE_CELLS:
            raise _Stop

    def _formula(self, text: str | None) -> None:
        """The formula's text as Excel shows it (as openpyxl gives it when not data-only)."""
        f, ref = self.formula, self.ref or f"{get_column_letter(self.c)}{self.r}"
        value = "=" + (text or "")
        if f.get("t") == "shared":
            si = f.get("si")
            if si in self.shared:
                from openpyxl.formula.translate import Translator  # only for a shared formula: rare

                value = Translator(*self.shared[si]).translate_formula(ref)
            elif value != "=":
                self.shared[si] = (value, ref)
        self.found.formulas[(self.r, self.c)] = value


def parse(src, sheet: str, cap: int, found, budget=None, keep: bool = False):
    """Fill `found` (an `outline.Outline`) from the sheet XML in `src`; with `keep`, yield
    (row number, [RawCell]) for the rows within `cap`, a chunk of the file at a time."""
    target = _Target(sheet, cap, found, budget, keep)
    parser = defused.parser(target.start, target.end, target.data)
    try:
        while chunk := src.read(CHUNK):
            parser.Parse(chunk, False)
            if target.rows:
                yield from target.rows
                target.rows = []
        parser.Parse(b"", True)
    except _Stop:
        pass
    yield from target.rows


def _row_number(attr: str | None, previous: int) -> int:
    """A <row>'s number as openpyxl reads it: r="7" or r="7.0"; without r, the next row."""
    if attr is None:
        return previous + 1
    try:
        return int(attr)
    except ValueError:
        number = float(attr)
        if not number.is_integer():
            raise ValueError(f"{attr} is not a valid row number") from None
        return int(number)


def column(ref: str) -> int:
    """The column of cell reference `ref` ("B7" → 2) as `coordinate_to_tuple` reads it (which
    raises for a malformed one), remembered by its letters: most references are letters and a
    few digits, and their letters repeat on every row."""
    letters = ref.rstrip(DIGITS)
    c = _columns.get(letters)
    if c is not None and 0 < len(ref) - len(letters) < 20:  # `int` of the digits cannot fail
        return c
    c = coordinate_to_tuple(ref)[1]
    if letters and not any(d in letters for d in DIGITS) and len(letters) < len(ref):
        _columns[letters] = c  # the letters are what coordinate_to_tuple took as the column
    return c
