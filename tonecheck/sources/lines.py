"""Lines of a plain-text email: their spans, blank ones, and trimming a region."""
from __future__ import annotations

from ..draft import Region


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, without its line ending."""
    out, pos, n = [], 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append((pos, end - 1 if end > pos and text[end - 1] == "\r" else end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _first_char(text: str, s: int, e: int) -> int | None:
    for i in range(s, e):
        if not text[i].isspace() and text[i] != "\ufeff":
            return i
    return None


def _blank(text: str, span: tuple[int, int]) -> bool:
    return _first_char(text, *span) is None


def _has_text(text: str, a: int, b: int) -> bool:
    return bool(text[a:b].strip(" \t\r\n\xa0\ufeff"))


def _trim(text: str, r: Region) -> Region | None:
    s, e = r.start, r.end
    while s < e and (text[s].isspace() or text[s] == "\ufeff"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Region(r.kind, s, e) if e > s else None
