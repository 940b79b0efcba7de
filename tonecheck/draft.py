"""The message as the writer will send it: text, regions and the way back to the source.

Rules read ``Draft.text`` (plain text). For plain-text input it is the source itself;
for HTML or an .eml body it is the extracted text, and ``offset_map`` takes every
text index back to the index of the character in ``source`` that produced it, so a
finding always points at the writer's own characters in what was read.

Unicode space separators (no-break space, narrow and figure spaces, U+2000-U+200A,
ideographic space) in ``text`` are plain spaces, one for one: RE2's whitespace class
and word boundaries know ASCII only, and a pasted no-break space must not hide "any
inconvenience". Same length, so every offset stays valid; ``original`` keeps the text
as read for excerpts. Zero-width spaces are dropped by the sources, which know how to
map offsets around them (``without_zero_width``).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from . import re_cached

#: Regions the writer wrote and tonecheck judges. A "heading" is what a letter or a
#: pasted email has above its greeting: a "Subject:" line, a reference, a title.
WRITER_KINDS = frozenset({"heading", "greeting", "body", "signoff"})
#: Every region kind a source may produce.
REGION_KINDS = WRITER_KINDS | {"signature", "quote", "header"}

#: Unicode space separators other than " " (category Zs): the rules see " " instead.
SPACE_SEPARATORS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
#: Invisible characters that split words for a pattern: zero-width space, word joiner,
#: zero-width no-break space (a byte-order mark anywhere but at the start).
ZERO_WIDTH = "\u200b\u2060\ufeff"
#: Apostrophes other than "'" (Outlook and Apple Mail type ’): the rules see "'" instead.
APOSTROPHES = "\u2019\u2018\u02bc"
_PLAIN = re_cached.compile(f"[{SPACE_SEPARATORS}{APOSTROPHES}]")
_TO_PLAIN_CHAR = dict(zip(SPACE_SEPARATORS + APOSTROPHES, " " * len(SPACE_SEPARATORS) + "'" * len(APOSTROPHES)))
_ZERO_WIDTH = re_cached.compile(f"[{ZERO_WIDTH}]")
# What a blank draft may consist of: every whitespace character and the zero-width ones.
_BLANK = " \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029" + SPACE_SEPARATORS + ZERO_WIDTH


_SURROGATE = re_cached.compile("[\ud800-\udfff]")


def plain_characters(text: str) -> str:
    """``text`` with every Unicode space separator replaced by " ", every curly
    apostrophe by "'" and every lone surrogate (text decoded with surrogateescape)
    by U+FFFD, one for one: a pattern written with "we'll" finds "we’ll", and no
    pattern engine chokes on half a character."""
    if text.isascii():  # most text: nothing to swap
        return text
    if "\u2019" in text:  # the usual one (Outlook, Apple Mail, and patterns' ['’]), in C
        text = text.replace("\u2019", "'")
        if text.isascii():
            return text
    if _PLAIN.search(text):
        # a replace per character present: str.translate looks up every character
        for char in set(_PLAIN.findall(text)):
            text = text.replace(char, _TO_PLAIN_CHAR[char])
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def is_blank(text: str) -> bool:
    """True when ``text`` has nothing but whitespace (any kind) and zero-width characters."""
    return not text.strip(_BLANK)


def without_zero_width(text: str) -> tuple[str, list[int] | None]:
    """``text`` without zero-width characters, and the offset map back to ``text``
    (``None`` when there were none). A leading byte-order mark is kept."""
    start = 1 if text.startswith("\ufeff") else 0
    cuts = [m.start() for m in _ZERO_WIDTH.finditer(text, start)]
    if not cuts:
        return text, None
    pieces, offsets, prev = [], [], 0
    for i in cuts:
        pieces.append(text[prev:i])
        offsets.extend(range(prev, i))
        prev = i + 1
    pieces.append(text[prev:])
    offsets.extend(range(prev, len(text) + 1))
    return "".join(pieces), offsets


@dataclass(frozen=True)
class Region:
    kind: str  # one of REGION_KINDS
    start: int  # index into Draft.text
    end: int

    def __post_init__(self):
        if self.kind not in REGION_KINDS:
            raise ValueError(f"unknown region kind {self.kind!r}")


@dataclass
class Draft:
    text: str
    regions: tuple[Region, ...]
    source: str | None = None  # None: the text is the source
    offset_map: list[int] | None = None  # len(text) + 1 entries; None: identity
    path: str = "-"
    format: str = "text"  # "text" | "html" | "eml"
    subject: str | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        plain = plain_characters(self.text)
        if plain is not self.text:
            if self.source is None:
                self.source = self.text  # offset_map None: the same text, one for one
            self.text = plain

    @property
    def original(self) -> str:
        return self.text if self.source is None else self.source

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``text`` to the span of ``source`` it came from."""
        if self.offset_map is None:
            return start, end
        m, src = self.offset_map, self.original
        s = m[start]
        e = m[end - 1] + 1 if end > start else s
        if 0 < e <= len(src) and src[e - 1] == "&":  # the last character came from an entity: take all of it
            semi = src.find(";", e, min(e + 32, m[end]))  # (a literal "&" is followed by the next character)
            if semi != -1:
                e = semi + 1
        return s, max(e, s)

    def region_at(self, offset: int) -> Region | None:
        starts = [r.start for r in self.regions]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < self.regions[i].end:
            return self.regions[i]
        return None

    def writer_regions(self) -> list[Region]:
        return [r for r in self.regions if r.kind in WRITER_KINDS]

    def quoted_text(self) -> str:
        return "\n".join(self.text[r.start:r.end] for r in self.regions if r.kind == "quote")

    def writer_text(self) -> str:
        """The writer's own words (greeting, body, sign-off), not a quoted message."""
        return "\n".join(self.text[r.start:r.end] for r in self.writer_regions())

    def in_writer_text(self, start: int, end: int) -> bool:
        """True when the span lies wholly inside the writer's own regions."""
        return any(r.start <= start and end <= r.end for r in self.writer_regions())

    def edits_only_writer_text(self, start: int, end: int) -> bool:
        """Does an edit of [start, end) change only the writer's own text? Every character
        it changes that is not white space lies in one of the writer's regions (it may span
        two: the last line of the body and the sign-off); an insertion, or an edit of white
        space alone, must touch a region of theirs."""
        text, pos = self.text, start
        regions = sorted(self.writer_regions(), key=lambda r: r.start)
        if not text[start:end].strip():
            return any(r.start <= start <= r.end or r.start <= end <= r.end for r in regions)
        for r in regions:
            if r.end <= pos or r.start >= end:
                continue
            if text[pos:r.start].strip():  # words between the writer's regions: a quote, a signature
                return False
            pos = max(pos, r.end)
        return not text[pos:end].strip()
