"""Split a plain-text email into the writer's regions and the quoted thread.

``split_regions`` works line by line. It first finds the quoted thread: ``>`` runs,
attribution lines ("On … wrote:" in several languages, also wrapped over lines),
Outlook header blocks ("From: … Sent: …"), "-----Original Message-----" and
underscore separators. An opener followed by ``>`` lines quotes only that run, so
the writer's text after it (bottom-posting, inline replies) is body again; an opener
followed by unmarked text quotes everything to the end, as Outlook and Gmail do.
In each stretch of the writer's own text it then finds the signature, and in the
first and last stretches the greeting and the sign-off.

Regions are trimmed to their first and last non-blank character, so whitespace
between them belongs to no region. All offsets are indices into the text given.
"""
from __future__ import annotations

from collections.abc import Iterable

from .. import re_cached
from ..draft import Draft, Region, plain_characters, without_zero_width
from .lines import _blank, _first_char, _has_text, _line_start, _lines, _trim
from .quotes import _QUOTED, _find_quotes
from .writer import _signature_start, _stretch_lines, _writer_regions


def plain_draft(text: str, path: str = "-", fmt: str = "text") -> Draft:
    """A Draft of plain text (a file, or a decoded message body) with its regions.

    Zero-width characters are dropped (``offset_map`` takes the rest back to ``text``)
    Unicode spaces become " " and curly apostrophes "'"; when either changes anything, ``source`` is ``text``.
    """
    clean, offsets = without_zero_width(text)
    clean = plain_characters(clean)
    return Draft(text=clean, regions=split_regions(clean), source=None if clean is text else text,
                 offset_map=offsets, path=path, format=fmt)


_ESCAPED_FROM = re_cached.compile(r">+From ")


def _escaped_from_lines(text: str, lines, q: list[bool]) -> None:
    """An mbox writer turns a body line that starts "From " into ">From ": such a line
    between lines of the writer's own is theirs, not a one-line quote (its text and
    offsets stay as in the file, so a fix writes back where it was read)."""
    n = len(lines)

    def quoted_neighbour(i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < n and _blank(text, lines[j]):
            j += step
        return 0 <= j < n and q[j]

    for i, (s, e) in enumerate(lines):
        if q[i] and _ESCAPED_FROM.match(text, s, e) and not quoted_neighbour(i, -1) and not quoted_neighbour(i, 1):
            q[i] = False


def split_regions(text: str, quoted: Iterable[tuple[int, int]] = (),
                  signatures: Iterable[tuple[int, int]] = ()) -> tuple[Region, ...]:
    """Return the ordered, non-overlapping regions of ``text``.

    ``quoted`` lists (start, end) spans already known to be quoted (the HTML source
    marks them with <blockquote> and friends); lines starting inside them count as
    ``>`` lines. ``signatures`` lists spans known to be a signature (Gmail's
    gmail_signature, Outlook's Signature block): a signature starts there at the latest.
    """
    lines = _lines(text)
    q = [bool(_QUOTED.match(text, s, e)) for s, e in lines]
    spans = sorted(quoted)
    if spans:
        for i, (s, e) in enumerate(lines):
            c = _first_char(text, s, e)
            if c is not None and any(a <= c < b for a, b in spans):
                q[i] = True
    marked = [bool(spans) and q[i] and not _QUOTED.match(text, *lines[i]) for i in range(len(lines))]
    _escaped_from_lines(text, lines, q)

    quotes = _find_quotes(text, lines, q, marked)
    regions: list[Region] = []
    # The writer's stretches between the quotes.
    stretches, pos = [], 0
    for qs, qe in quotes:
        stretches.append((pos, qs))
        pos = qe
    stretches.append((pos, len(text)))
    stretches = [(a, b) for a, b in stretches if text[a:b].strip()]
    # The greeting sits in the first stretch; the sign-off in the last one with prose.
    parts = [_stretch_lines(text, lines, a, b) for a, b in stretches]
    sigs = [_signature_start(text, p) for p in parts]
    for k, (a, b) in enumerate(stretches):  # a signature the HTML marks starts where it says
        marked_sig = [max(a, _line_start(text, s)) for s, e in signatures if a <= s < b and text[s:e].strip()]
        if marked_sig:
            sigs[k] = min([*marked_sig, *([sigs[k]] if sigs[k] is not None else [])])
    prose = [k for k, p in enumerate(parts) if sigs[k] is None or _has_text(text, p[0][0], sigs[k])]
    first, last = (prose[0], prose[-1]) if prose else (-1, -1)
    for k, p in enumerate(parts):
        regions += _writer_regions(text, p, sigs[k], k == first, k == last)
    for qs, qe in quotes:
        regions.append(Region("quote", qs, qe))
    regions = [r for r in (_trim(text, r) for r in regions) if r is not None]
    regions.sort(key=lambda r: r.start)
    return tuple(regions)
