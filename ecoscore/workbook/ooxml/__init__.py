"""ecoscore's own xlsx writer: the OOXML parts of a facade workbook (`ecoscore.workbook.xlsx`),
written directly, character for character as XlsxWriter 3.3.1 writes them for the same workbook.

XlsxWriter stays as the reference (`xlsx_save`, `xlsx_stream`): tests/test_ooxml_oracle.py saves
each kind of workbook ecoscore writes both ways and requires every part byte-identical.
"""
