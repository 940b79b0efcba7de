"""The message as the writer will send it: text, regions and the way back to the source.

Rules read ``Draft.text`` (plain text). For plain-text input it is the source itself;
for HTML or an .eml body it is the extracted text, and ``offset_map`` takes every
text index back to the index of the character in ``source`` that produced it, so a
finding always points at the writer's own characters in what was read.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

#: Regions the writer wrote and tonecheck judges.
WRITER_KINDS = frozenset({"greeting", "body", "signoff"})
#: Every region kind a source may produce.
REGION_KINDS = WRITER_KINDS | {"signature", "quote", "header"}


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
            semi = src.find(";", e, e + 32)
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

    def in_writer_text(self, start: int, end: int) -> bool:
        """True when the span lies wholly inside the writer's own regions."""
        return any(r.start <= start and end <= r.end for r in self.writer_regions())
