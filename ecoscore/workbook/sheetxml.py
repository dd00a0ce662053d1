"""Our own streaming pass over one sheet's XML (expat with defusedxml's refusals, see
`defused.parser`), with callbacks instead of a tree: no element objects are built, memory
stays that of one row.

It fills an `Outline` — what openpyxl's read-only mode does not tell: merged ranges, the
formula of every formula cell, how far the rows go, the first content below the rows read —
and spends the workbook's element budget. With `keep`, it also hands over each row's cells,
made from what the XML has (column, type, style, <v> text, inline-string text) by the
accelerated reader (`fast`).

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


class _Stop(Exception):
    """The pass has seen all it needs."""


class _Target:
    """The handlers of one pass. The current cell is kept in `col` (0: none, or one not read:
    below the cap or past COL_CAP), `t`, `s`, `v` (its first <v>'s text), `inline` (it has an
    <is>), `plain` and `runs` (the inline string's direct <t> and its rich-text runs' <t>)."""

    def __init__(self, sheet: str, cap, found, budget, keep):
        self.sheet, self.found, self.budget, self.keep = sheet, found, budget, keep
        self.cap, self.more = (cap, None) if isinstance(cap, int) else (cap.floor, cap)
        self.stack: list[str | None] = [None]  # the open elements, under a sentinel for "no parent"
        self.r = self.c = self.children = self.index = self.width = 0
        self.beyond = False  # the current row is below the cap
        self.col = 0
        self.t = self.s = self.v = self.plain = self.runs = None
        self.inline = False
        self.ref: str | None = None
        self.text: str | None = None  # character data being collected
        self.formula: dict | None = None  # the current <f>'s attributes
        self.probe = self.content = False  # below the cap: is the cell's <v>/<is>/<f> non-empty?
        self.row_cells: list = []  # (column, what `keep` made of the cell)
        self.rows: list[tuple[int, int, list]] = []  # complete rows not yet handed over
        self.shared: dict[str, tuple[str, str]] = {}  # si → (formula, origin) of a shared formula

    def start(self, tag, attrib):
        st = self.stack
        parent = st[-1]
        st.append(tag)
        if tag == ROW:
            r = self.r = _row_number(attrib.get("r"), self.r)
            if r > self.cap and self.more is not None:
                self.cap, self.more = self.more(), None
            self.c = self.children = self.index = self.width = 0
            self.beyond, self.row_cells = r > self.cap, []
        elif parent == ROW:
            self.children += 1
            if tag == CELL:
                self.index += 1
                ref = self.ref = attrib.get("r")
                self.content = False
                if not self.beyond:
                    c = self.c = column(ref) if ref else self.c + 1
                    if c <= COL_CAP:
                        self.col, self.t, self.s = c, attrib.get("t", "n"), attrib.get("s")
                        self.v = self.plain = self.runs = None
                        self.inline = False
        elif parent == CELL:
            if self.beyond:
                self.probe = tag in CONTENT
            elif self.col:
                if tag == V and self.v is None or tag == F and self.formula is None:
                    self.text = ""
                    if tag == F:
                        self.formula = attrib
                elif tag == IS:
                    self.inline = True
        elif self.beyond and self.probe:
            self.content = True  # an element inside <v>/<is>/<f>
        elif (
            tag == T and self.col and self.inline and (parent == IS and st[-3] == CELL or parent == R and st[-3] == IS)
        ):
            self.text = ""
        elif tag == MERGE:
            self.found.merges.append(attrib.get("ref") or "")

    def data(self, text):
        if self.text is not None:
            self.text += text
        elif self.probe and text:
            self.content = True

    def end(self, tag):
        st = self.stack
        st.pop()
        if self.text is not None and (tag == V or tag == F or tag == T):
            text, self.text = self.text, None
            if tag == V:
                self.v = text
            elif tag == F:
                self._formula(text)
            elif st[-1] == IS:
                self.plain = text  # openpyxl keeps the last one
            elif self.runs is None:
                self.runs = [text]
            else:
                self.runs.append(text)
        elif tag == CELL:
            col, self.col, self.formula = self.col, 0, None
            found = self.found
            if self.beyond:
                if self.content and found.beyond is None:
                    found.beyond = self.ref or f"{get_column_letter(min(self.index, 16384))}{self.r}"
            elif col:
                if self.r > found.last_row:
                    found.last_row = self.r
                if col > found.width:
                    found.width = col
                if self.keep:
                    text = None
                    if self.inline:
                        text = "".join(x for x in (self.plain, *(self.runs or ())) if x)
                    self.row_cells.append((col, self.keep(col, self.t, self.s, self.v, text)))
                    if col > self.width:
                        self.width = col
        elif (tag == V or tag == IS or tag == F) and st[-1] == CELL:
            self.probe = False
        elif tag == ROW:
            if self.budget is not None:
                self.budget.spend(self.sheet, 1 + self.children)
            if self.found.beyond:
                raise _Stop
            if self.keep and not self.beyond:
                self.rows.append((self.r, self.width, self.row_cells))
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


def parse(src, sheet: str, cap, found, budget=None, keep=None):
    """Fill `found` (an `outline.Outline`) from the sheet XML in `src`, reading rows up to `cap`
    (a number, or a `defused.RowCap`); with `keep(column, t, s, v, text)` — the cell's type and
    style attributes, its <v>'s text, an inline string's text (None without <is>) — yield
    (row number, width, [(column, what keep made)]) for the rows within the cap, a chunk of the
    file at a time."""
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
