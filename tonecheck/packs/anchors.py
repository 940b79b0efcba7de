"""A pattern's anchors: words every match of it contains, whole.

A rule whose phrases need "inconvenience" cannot find anything in a draft without that
word, so its pattern is neither compiled nor run there (``Analysis.writer_matches``).
Most rules are quiet on most drafts: this is what keeps a cold check from compiling
every pack's patterns, and a warm one from running them.

A word here is a run of ASCII letters, digits and underscores, lower-cased: what RE2's
``\\b`` and ``\\w`` see. The anchors are worked out from the pattern's syntax tree,
read like a match: every way through it (branches, optional parts, small character
classes) is followed at once, keeping for each the rarest-looking literal word it has
passed with a non-word character, a ``\\b`` or the pattern's own word boundary on
either side. Ways that agree on that word and on what they are reading merge, so a
long list of phrases stays small. Anything the analysis cannot follow gives no
anchors (the rule always runs), never wrong ones. The anchors are cached with their
pack: a change to how they are worked out bumps ``packs.loading.CHECKS``.
"""
from __future__ import annotations

import warnings

from .. import re_cached

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: The most partial matches followed at once; past it, the pattern has no anchors.
LIMIT = 4096

# Words so common that anchoring on them would run the rule on every draft: another
# word of the same phrase is chosen when there is one.
COMMON = frozenset(
    "a about after all also am an and any are as at back be been before being but by can "
    "could did do does don for from get got had has have he her his how i if in into is it "
    "its just ll m me more my new no not now of on one only or our out over re s see she "
    "should so some t than that the their them then there they this time to up us ve was "
    "way we were what when which who will with would you your".split()
)

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_WORD = re_cached.compile(r"[a-z0-9_]+")
_NOT_WORD = re_cached.compile(r"[^A-Za-z0-9_]")
# Characters that RE2 or re match case-insensitively to an ASCII letter (the Kelvin
# sign to k, the long s to s, dotted and dotless i): a draft with one is not filtered.
_FOLDS_TO_ASCII = re_cached.compile("[\u0130\u0131\u017f\u212a]")

_BOUNDARY_AT = {_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_END, _c.AT_END_STRING}
_NON_WORD_CATEGORIES = {_c.CATEGORY_SPACE, _c.CATEGORY_LINEBREAK}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


class _Unknown(Exception):
    """The pattern is past following: it has no anchors."""


def anchors(patterns: list[str], bounded: bool) -> frozenset[str] | None:
    """The words one of which every match of the alternation of ``patterns`` contains
    (``bounded``: it is wrapped in ``\\b``), or None when that cannot be told."""
    return union(each(patterns, bounded))


def each(patterns: list[str], bounded: bool) -> list[frozenset[str] | None]:
    """Each pattern's anchors, as alternatives of one alternation."""
    return [of_tree(parse(pattern), bounded) for pattern in patterns]


def of_tree(tree, bounded: bool) -> frozenset[str] | None:
    """A parsed pattern's anchors (None for a tree ``parse`` could not give)."""
    words = None if tree is None else _tree_anchors(tree, bounded)
    return None if words is None else frozenset(words)


def union(anchors_each: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The alternation's anchors from its alternatives': None if any has none."""
    if any(words is None for words in anchors_each):
        return None
    return frozenset().union(*anchors_each)


#: Characters of text read at a time for its words: a list of every word of a draft
#: at the 10 MiB cap would hold two million strings at once.
CHUNK = 1 << 16


def words(*texts: str) -> frozenset[str] | None:
    """The words of some texts, as anchors are spelled; None if a text's letters could
    match a pattern's ASCII letters case-insensitively (the Kelvin sign): not filtered."""
    found: set[str] = set()
    for text in texts:
        if not text.isascii() and _FOLDS_TO_ASCII.search(text):
            return None
        start, size = 0, len(text)
        while start < size:
            end = start + CHUNK
            if end < size:  # cut between two words, never inside one
                gap = _NOT_WORD.search(text, end)
                end = gap.start() if gap else size
            found.update(_WORD.findall(text[start:end].lower()))
            start = end
    return frozenset(found)


# What the pattern reads, one character at a time: a word character (lower-cased), or
_SEP = " "  # a non-word character, a boundary (\b), the start or end of the text
_ANY = "?"  # anything at all: a word either side of it may run on into it

# A partial match, followed through the pattern: (the best whole word so far, the word
# being read, whether that word began after a non-word character, what came last:
# "w" a word character, "s" a separator (non-word character or boundary), "x" unknown).
_START = (None, "", False, "s")


# Syntax that RE2 and Python's re both accept but read differently: a POSIX class
# ("[[:alpha:]]" is, to re, "[[:alph]" then "]"), a repeat with no lower bound or a
# leading zero ("{,3}", "{02}": literal text to RE2). Such a pattern gets no anchors.
_READ_DIFFERENTLY = re_cached.compile(r"\[:|\{,|\{(?:\d*,)?0\d")


def parse(pattern: str):
    """The pattern's syntax tree as Python's re reads it, or None where re reads it
    otherwise than RE2 or not at all (\\pL, \\z): nothing can be told of it."""
    if _READ_DIFFERENTLY.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # re's FutureWarnings about RE2 syntax
            return _p.parse(pattern)
    except Exception:  # RE2 syntax re does not read
        return None


def _tree_anchors(tree, bounded: bool) -> set[str] | None:
    try:
        states = {_START if bounded else (None, "", False, "x")}
        states = _walk(tree, states)
        ends = {_feed(state, _SEP if bounded else _ANY) for state in states}
    except Exception:  # _Unknown, or syntax not followed: no anchors, always run
        return None
    best = {state[0] for state in ends}
    return None if None in best else best


def _rank(word: str) -> tuple:
    return word not in COMMON, len(word), word


def _feed(state, tokens: str):
    """The partial match after more characters: word characters, _SEP or _ANY."""
    best, run, start_ok, last = state
    for token in tokens:
        if token == _SEP:
            if last == "w" and start_ok and (best is None or _rank(run) > _rank(best)):
                best = run  # the rarer-looking word: not a common one, then the longer
            run, start_ok, last = "", False, "s"
        elif token == _ANY:
            run, start_ok, last = "", False, "x"
        elif last == "w":
            run += token
        else:
            run, start_ok, last = token, last == "s", "w"
    return (best, run, start_ok, last)


def _walk(tree, states: set) -> set:
    literal = []  # a run of literal characters is read in one step
    for op, av in tree:
        if op is _c.LITERAL:
            literal.append(_char(av))
            continue
        if literal:
            text = "".join(literal)
            states = {_feed(s, text) for s in states}
            literal = []
        states = _element(op, av, states)
        if len(states) > LIMIT:
            raise _Unknown
    if literal:
        text = "".join(literal)
        states = {_feed(s, text) for s in states}
    return states


def _char(code: int) -> str:
    ch = chr(code)
    if _FOLDS_TO_ASCII.match(ch):  # "ſ" may match "s" case-insensitively: a word character or not
        return _ANY
    ch = ch.lower()
    return ch if ch in _WORD_CHARS else _SEP


def _element(op, av, states: set) -> set:
    if op is _c.LITERAL:
        token = _char(av)
        return {_feed(s, token) for s in states}
    if op is _c.IN:
        return {_feed(s, t) for t in _char_class(av) for s in states}
    if op is _c.AT:
        token = _SEP if av in _BOUNDARY_AT else _ANY
        return {_feed(s, token) for s in states}
    if op is _c.SUBPATTERN:
        return _walk(av[-1], states)
    if op is _c.BRANCH:
        out: set = set()
        for branch in av[1]:
            out |= _walk(branch, states)
        return out
    if op in _REPEATS:
        low, high, item = av
        if _non_word(item):
            after = {_feed(s, _SEP) for s in states}
            return after if low >= 1 else states | after
        if (low, high) == (0, 1):
            return states | _walk(item, states)
        if low == high and low <= 3:
            for _ in range(low):
                states = _walk(item, states)
            return states
        return {_feed(s, _ANY) for s in states}
    return {_feed(s, _ANY) for s in states}  # any character, a back-reference, a look-around


def _char_class(items) -> list[str]:
    """The tokens a [...] class stands for: each of a few literal characters, _SEP for
    a class of non-word characters only (``\\s``, ``[,;:]``), else _ANY."""
    if any(op is _c.NEGATE for op, _ in items):
        return [_ANY]
    if all(op is _c.LITERAL for op, _ in items) and len(items) <= 4:
        return sorted({_char(av) for _, av in items})
    if all((op is _c.CATEGORY and av in _NON_WORD_CATEGORIES)
           or (op is _c.LITERAL and _char(av) == _SEP) for op, av in items):
        return [_SEP]
    return [_ANY]


def _non_word(tree) -> bool:
    """Does every character the subpattern matches lie outside words (``\\s``, ``[ -]``)?"""
    for op, av in tree:
        if op is _c.LITERAL and _char(av) == _SEP:
            continue
        if op is _c.IN and _char_class(av) == [_SEP]:
            continue
        if op is _c.SUBPATTERN and _non_word(av[-1]):
            continue
        return False
    return bool(tree)
