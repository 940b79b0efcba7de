"""RE2 for the built-in rules' large alternations and every pack pattern.

The rules run these once per sentence; RE2 matches them in linear time and several
times faster than ``re`` (which tries each alternative at each position). Patterns
that need look-around stay with ``re``, which RE2 does not have.

google-re2's Python layer maps byte offsets back to characters on every call, match
or not: for the short texts the rules search, that costs more than the match. So
``search``, ``match`` and ``finditer`` (and ``findall``, ``sub`` and ``split``, built
on it) ask RE2 directly: no match needs no offsets, and in ASCII text (most mail) the
byte offsets are the character offsets, given in google-re2's own match objects. A
match in other text takes google-re2's own path. Should a google-re2 release change the internals this leans
on, every pattern takes its own path (``FAST`` is False) and only speed is lost.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import re_cached

try:
    import re2
    from re2 import _Match, _Regexp, _re2

    _UNANCHORED = _re2.RE2.Anchor.UNANCHORED
    _ANCHOR_START = _re2.RE2.Anchor.ANCHOR_START
    FAST = True
except (ImportError, AttributeError):  # pragma: no cover - another google-re2 layout
    import re2

    _Regexp = object  # type: ignore[assignment,misc]
    FAST = False

_NULL_SPAN = (-1, -1)


class Regex(_Regexp):  # type: ignore[misc,valid-type]
    """A google-re2 pattern that asks RE2 directly: an ASCII text's byte offsets are its
    character offsets, and a text with no match needs no offsets at all (most texts,
    for most patterns). A match in other text takes google-re2's own path."""

    __slots__ = ()
    _lowered = False  # Folded matches the text's bytes with their ASCII letters lowered

    def _direct(self, anchor, text, pos, endpos):
        """(UTF-8 bytes, RE2's spans) for a whole str, or None where google-re2's own
        path must answer (a slice, bytes, a lone surrogate)."""
        if pos is not None or endpos is not None or not isinstance(text, str):
            return None
        data = _utf8(text, self._lowered)
        if data is None:
            return None
        return data, self._regexp.Match(anchor, data, 0, len(data))

    def _first(self, anchor, text, pos, endpos, own):
        found = self._direct(anchor, text, pos, endpos)
        if found is None:
            return own(text, pos, endpos)
        data, spans = found
        if spans[0] == _NULL_SPAN:
            return None
        if len(data) == len(text):  # ASCII
            return _Match(self, text, 0, len(text), spans)
        return own(text, pos, endpos)

    def search(self, text, pos=None, endpos=None):
        # the rules' hot path, inlined: a whole short str, usually with no match
        if pos is None and endpos is None and type(text) is str and len(text) <= _SHORT:
            data = _utf8_short(text)[self._lowered]
            if data is not None:
                spans = self._regexp.Match(_UNANCHORED, data, 0, len(data))
                if spans[0] == _NULL_SPAN:
                    return None
                if len(data) == len(text):  # ASCII
                    return _Match(self, text, 0, len(text), spans)
                return super().search(text)  # a match in other text: google-re2's own path, once
        return self._first(_UNANCHORED, text, pos, endpos, super().search)

    def match(self, text, pos=None, endpos=None):
        return self._first(_ANCHOR_START, text, pos, endpos, super().match)

    def subn(self, repl, text, count=0):
        # most texts hold no match: answered by one search, not google-re2's splitting
        found = self._direct(_UNANCHORED, text, None, None)
        if found is not None and found[1][0] == _NULL_SPAN:
            return text, 0
        return super().subn(repl, text, count)

    def sub(self, repl, text, count=0):
        return self.subn(repl, text, count)[0]

    def finditer(self, text, pos=None, endpos=None):
        found = self._direct(_UNANCHORED, text, pos, endpos)
        if found is None:
            return super().finditer(text, pos, endpos)
        data, spans = found
        if spans[0] == _NULL_SPAN:
            return iter(())
        if len(data) == len(text):
            return self._ascii_iter(text, data, spans)
        return super().finditer(text)

    def _ascii_iter(self, text: str, data: bytes, spans):
        # google-re2's own loop over bytes, whose offsets here are the characters'
        match, pos, end = self._regexp.Match, 0, len(data)
        while spans[0] != _NULL_SPAN:
            yield _Match(self, text, 0, end, spans)
            if pos == end:
                return
            pos = pos + 1 if pos == spans[0][1] else spans[0][1]  # past an empty match
            spans = match(_UNANCHORED, data, pos, end)


def compile(pattern: str, *, ignore_case: bool = False):  # noqa: A001 - as re.compile
    """``pattern`` compiled by RE2: the ``re`` methods the rules use (search, match,
    finditer, findall, sub) with character offsets."""
    return compile_with(pattern, case_sensitive=not ignore_case)


class Folded(Regex):
    """A case-insensitive pattern compiled as its lower-case self, case-sensitively, and
    matched against the text with its ASCII letters lowered (the same length in
    characters and in UTF-8 bytes, so every offset holds). RE2 compiles a case-folded
    pattern into a larger program, so the folded one compiles faster: most of what a
    cold run pays for its patterns (``benchmarks/bench.py``'s cold figures). Matches
    report the text as given."""

    __slots__ = ()
    _lowered = True

    def __init__(self, pattern: str, lowered: str, options) -> None:
        self._pattern = pattern
        self._regexp = _re2.RE2(lowered.encode("utf-8"), options)
        if not self._regexp.ok():
            raise re2.error(self._regexp.error())

    def _match(self, anchor, text, pos=None, endpos=None):
        # google-re2's own path (a slice, bytes, non-ASCII text), on the lowered text
        for found in super()._match(anchor, _ascii_lower(text), pos, endpos):
            yield _Match(self, text, found._pos, found._endpos, found._spans)


def _utf8(text: str, lowered: bool = False) -> bytes | None:
    """``text`` in UTF-8 (with its ASCII letters lowered), or None for a lone surrogate.
    The rules ask dozens of patterns about the same sentence: a short text's bytes are
    worked out once; a long one's each time, so no draft is held twice."""
    if len(text) <= _SHORT:
        return _utf8_short(text)[lowered]
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return data.lower() if lowered else data  # bytes.lower() lowers ASCII letters only


@lru_cache(maxsize=512)
def _utf8_short(text: str) -> tuple:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None, None
    return data, data.lower()


_SHORT = 2048


def _ascii_lower(text):
    if isinstance(text, bytes):
        return text.lower()
    try:
        return text.encode("utf-8").lower().decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}

# What lowering would change the meaning of: an escape naming a character or class by
# letters or digits (\x41, \101, \p{Lu}, \Q...\E, \C), a flag group that turns
# case-folding off, a group's name, a range from an upper-case letter to something else
# ([A-z]), a class of one case ([[:upper:]]).
_UNFOLDABLE = re_cached.compile(r"\\[xpPQC0-7]|\(\?[a-zA-Z]*-|\(\?P?<|[A-Z]-[^A-Z]|[^A-Z\\]-[A-Z]|\[:(?:upper|lower):\]")
_ESCAPE = re_cached.compile(r"(\\.)", re.S)
_UPPER_ESCAPE = re_cached.compile(r"\\[A-Z]")  # \S, \W, \B, \D: lowered, another class


def _lowered(pattern: str):
    """``pattern`` with its literal letters lowered (not its escapes: \\S is not \\s),
    or None where that could change what it matches under case-folding."""
    if _UNFOLDABLE.search(pattern) or not (pattern.isascii() or _caseless(pattern)):
        return None
    if not _UPPER_ESCAPE.search(pattern):  # no escape that lowering would change: all at once
        return pattern.lower()
    pieces = _ESCAPE.split(pattern)
    pieces[::2] = [piece.lower() for piece in pieces[::2]]
    return "".join(pieces)


def _caseless(pattern: str) -> bool:
    """Whether the pattern's other-than-ASCII characters (’, —) have no case to fold:
    the text's are left as they are."""
    return all(c.lower() == c == c.upper() for c in set(pattern) if not c.isascii())


@lru_cache(maxsize=1024)  # a pack compiled again (another Linter, a test) costs nothing
def compile_with(pattern: str, *, case_sensitive: bool = True, log_errors: bool = True):
    """``pattern`` compiled with these RE2 options; raises ``re2.error`` if it is not RE2."""
    opts = re2.Options()
    opts.log_errors = log_errors
    if not FAST:  # pragma: no cover
        opts.case_sensitive = case_sensitive
        return re2.compile(pattern, opts)
    if not case_sensitive:
        lowered = _lowered(pattern)
        if lowered is not None:
            return Folded(pattern, lowered, opts)
    opts.case_sensitive = case_sensitive
    return Regex(pattern, opts)
