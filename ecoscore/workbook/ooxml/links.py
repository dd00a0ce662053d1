"""Hyperlinks to other files, as XlsxWriter 3.3.1 turns an "external:" url into a sheet's
<hyperlink> element and its relationship (url.py `Url`, worksheet.py `_write_hyperlinks`)."""

from __future__ import annotations

import re

from ecoscore.workbook.ooxml.xml import utf16_len

MAX_URL = 2079  # the workbook option `xlsx_save` gave XlsxWriter (Excel's own limit)
_ESCAPED = "%[0-9a-fA-F]{2}"  # compiled on first use: most links hold no %


class Link:
    __slots__ = ("target", "anchor", "tip")

    def __init__(self, target: str, anchor: str, tip: str):
        self.target, self.anchor, self.tip = target, anchor, tip


def _escape_url(url: str) -> str:
    if "%" in url and re.search(_ESCAPED, url):  # escaped already (`xlsx_styles.external_url` escapes the file name)
        return url
    for ch, code in (("%", "%25"), ('"', "%22"), (" ", "%20"), ("<", "%3c"), (">", "%3e"), ("[", "%5b")):
        url = url.replace(ch, code)
    for ch, code in (("]", "%5d"), ("^", "%5e"), ("`", "%60"), ("{", "%7b"), ("}", "%7d")):
        url = url.replace(ch, code)
    return url


def _relative(path: str) -> bool:
    if path.startswith("\\\\"):
        return False
    return not (len(path) > 1 and path[0].isalpha() and path[1] == ":")


def parse_link(url: str, tip: str | None) -> Link | None:
    """The link of an "external:<file>[#<location>]" url; None when Excel could not hold it."""
    head, _, anchor = url.partition("#")
    if utf16_len(head) > MAX_URL or utf16_len(anchor) > MAX_URL:
        return None
    path = url.replace("external:", "file:///", 1).replace("file:///", "", 1).replace("file://", "", 1)
    path = path.replace("/", "\\")
    link = path if _relative(path) else "file:///" + path
    anchor = ""
    if "#" in link:
        link, anchor = link.split("#", 1)
    if link.startswith(".\\"):
        link = link.replace(".\\", "", 1)
    return Link(_escape_url(link).replace("#", "%23"), anchor, tip or "")
