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

from functools import lru_cache

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

    def _direct(self, anchor, text, pos, endpos):
        """(UTF-8 bytes, RE2's spans) for a whole str, or None where google-re2's own
        path must answer (a slice, bytes, a lone surrogate)."""
        if pos is not None or endpos is not None or not isinstance(text, str):
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
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
        return self._first(_UNANCHORED, text, pos, endpos, super().search)

    def match(self, text, pos=None, endpos=None):
        return self._first(_ANCHOR_START, text, pos, endpos, super().match)

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


@lru_cache(maxsize=1024)  # a pack compiled again (another Linter, a test) costs nothing
def compile_with(pattern: str, *, case_sensitive: bool = True, log_errors: bool = True):
    """``pattern`` compiled with these RE2 options; raises ``re2.error`` if it is not RE2."""
    opts = re2.Options()
    opts.case_sensitive = case_sensitive
    opts.log_errors = log_errors
    if not FAST:  # pragma: no cover
        return re2.compile(pattern, opts)
    return Regex(pattern, opts)
