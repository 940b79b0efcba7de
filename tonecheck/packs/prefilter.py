"""A pattern's prefilter: the strings every match of it contains, as AND and OR of them.

Anchors (``packs.anchors``) are single words, one of which every match holds; most
phrases of a pack have a common word among them ("we", "your", "time"), so on most
drafts most phrases keep their rule live. What a match of "we (?:are|were) unable to
(?:offer|give)" must contain is more than a word: "we are unable to" or "we were
unable to", and "offer" or "give". Worked out from the pattern's syntax tree as RE2's
own prefilter does (each part gives the exact strings it can match while they are
few, else a formula of its parts'), these requirements let a draft's first lint
compile only the phrases whose strings are all there: a sixth of the pattern text
the anchors leave on the bench's email (26K characters of 156K), a tenth on real
mail (``benchmarks/bench.py``'s phases give the time).

The strings are lower-case ASCII, each white space run one space, at least three
letters long, looked for in the text made the same way (``text``). A part the
analysis cannot follow (a class of many characters, ``\\w+``, a look-around, other
scripts' letters) requires nothing, so a prefilter can only be too lenient, never
wrong. Cached with the pack, beside its anchors.
"""
from __future__ import annotations

from .anchors import _FOLDS_TO_ASCII, _NON_WORD_CATEGORIES, _REPEATS, _c

#: Beyond this many exact strings, a part's strings become a formula of its parts' (as in RE2's prefilter).
EXACT = 16
#: A string shorter than this (spaces aside) is in nearly every draft: it requires nothing.
SHORTEST = 3

# A formula: None (nothing required), a string (it must occur), or a tuple whose first
# item is AND or OR and the rest its parts. As JSON, a tuple is a list.
AND, OR = "&", "|"


def of_tree(tree):
    """The formula every match of a parsed pattern (``anchors.parse``) satisfies."""
    if tree is None:
        return None
    try:
        return _sequence(tree).formula()
    except Exception:  # syntax not followed: nothing required
        return None


def holds(formula, found) -> bool:
    """Does the text satisfy ``formula``? ``found``: its Strings. A formula read from
    the cache is JSON (lists for tuples) and taken as it is: a part of any other shape
    requires nothing (a damaged cache costs speed, never a finding)."""
    kind = type(formula)
    if kind is str:
        return found[formula]
    if (kind is not tuple and kind is not list) or not formula:
        return True
    op = formula[0]
    if op == AND:
        for i in range(1, len(formula)):
            part = formula[i]
            if not (found[part] if type(part) is str else holds(part, found)):
                return False
        return True
    if op == OR:
        for i in range(1, len(formula)):
            part = formula[i]
            if found[part] if type(part) is str else holds(part, found):
                return True
        return False
    return True


class Strings(dict):
    """Which strings a text holds, each looked for once (a draft's first lint asks
    the same few hundred of every rule)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def __missing__(self, string: str) -> bool:
        found = self[string] = string in self.text
        return found


#: Beyond this many characters, a text is not filtered: each string would be looked for
#: in all of it, and a draft at the 10 MiB cap would be copied whole (and split into
#: two million words) to be made.
LONGEST = 32_768


def text(*texts: str) -> Strings | None:
    """Some texts made as the prefilter's strings are (ASCII letters lowered, each
    white space run one space), or None (not filtered) if they are longer than
    LONGEST, or a text has a letter that matches an ASCII one case-insensitively (the
    Kelvin sign)."""
    if sum(map(len, texts)) > LONGEST:
        return None
    joined = " ".join(texts)
    if not joined.isascii() and _FOLDS_TO_ASCII.search(joined):
        return None
    # a space at each end, as if there were white space there: a string a pattern needs
    # may begin or end with a space, and split() drops the text's own at its ends
    lowered = joined.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    return Strings(f" {' '.join(lowered.split())} ")


class _Part:
    """What a part of a pattern gives: the exact strings it matches (while few), else a
    formula its matches satisfy."""

    __slots__ = ("exact", "match")

    def __init__(self, exact: frozenset | None = None, match=None):
        self.exact, self.match = exact, match

    def formula(self):
        return _strings(self.exact) if self.exact is not None else self.match


_ANYTHING = _Part()
_EMPTY = _Part(frozenset({""}))
_SPACE = _Part(frozenset({" "}))


def _strings(exact: frozenset):
    """The formula of a set of exact strings: one of them occurs."""
    kept: list[str] = []
    for s in sorted({" ".join(s.split()) if "  " in s else s for s in exact}, key=lambda s: (len(s), s)):
        if len(s.strip()) < SHORTEST:
            return None  # a short one matches nearly anywhere
        if not any(k in s for k in kept):  # "unable" is in "unable to": the shorter says it
            kept.append(s)
    return kept[0] if len(kept) == 1 else (OR, *kept)


def _all(parts: list):
    """The formula that every one of ``parts`` holds (their ANDs flattened, each once)."""
    flat: dict = {}
    for part in parts:
        if part is not None:
            flat.update(dict.fromkeys(part[1:] if type(part) is tuple and part[0] == AND else (part,)))
    if len(flat) < 2:
        return next(iter(flat), None)
    return (AND, *flat)


def _sequence(items) -> _Part:
    # the exact strings of the run of parts read so far, and (once a run has grown past
    # EXACT, or a part has no exact strings) the formulas of what came before the run
    run: frozenset = _EMPTY.exact
    before: list = []
    exact = True
    literal: list[str] = []  # literal characters, joined to the run in one step
    for op, av in (*items, (None, None)):
        if op is _c.LITERAL and av < 128:
            literal.append(_char(av))
            continue
        if literal:
            text = "".join(literal)
            run, literal = frozenset(x + text for x in run), []
        if op is None:
            break
        part = _node(op, av)
        if part.exact is not None and len(run) * len(part.exact) <= EXACT:
            run = frozenset(x + y for x in run for y in part.exact)
            continue
        before.append(_strings(run))
        exact = False
        if part.exact is not None:
            run = part.exact
        else:
            before.append(part.match)
            run = _EMPTY.exact
    return _Part(run) if exact else _Part(match=_all([*before, _strings(run)]))


def _either(parts: list[_Part]) -> _Part:
    if all(p.exact is not None for p in parts):
        exact = frozenset().union(*(p.exact for p in parts))
        if len(exact) <= EXACT:
            return _Part(exact)
    options: list = []
    for p in parts:
        f = p.formula()
        if f is None:
            return _ANYTHING
        options.extend(f[1:] if type(f) is tuple and f[0] == OR else (f,))
    return _Part(match=(OR, *dict.fromkeys(options)) if len(options) > 1 else options[0])


def _char(code: int) -> str | None:
    """A literal character as the strings hold it: lower-case ASCII, white space as
    one space; None for any other (another script's letters fold in ways not followed)."""
    if code < 128:
        ch = chr(code)
        return " " if ch.isspace() else ch.lower()
    return None


def _node(op, av) -> _Part:
    if op is _c.LITERAL:
        ch = _char(av)
        return _ANYTHING if ch is None else _Part(frozenset({ch}))
    if op is _c.IN:
        if all((o is _c.CATEGORY and v in _NON_WORD_CATEGORIES) or (o is _c.LITERAL and _char(v) == " ") for o, v in av):
            return _SPACE  # \s, [ \t]: white space, one space in the text as made
        if len(av) <= 4 and all(o is _c.LITERAL for o, _ in av):
            chars = {_char(v) for _, v in av}
            return _ANYTHING if None in chars else _Part(frozenset(chars))
        return _ANYTHING
    if op is _c.AT:
        return _EMPTY  # \b, ^, $ match no character
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is _c.BRANCH:
        return _either([_sequence(branch) for branch in av[1]])
    if op in _REPEATS:
        low, high, item = av
        part = _sequence(item)
        if part.exact == _SPACE.exact:  # a run of white space is one space in the text
            return _SPACE if low else _Part(frozenset({"", " "}))
        if low == 0:
            if high == 1 and part.exact is not None and len(part.exact) < EXACT:
                return _Part(part.exact | {""})
            return _ANYTHING
        if low == high == 1:
            return part
        return _Part(match=part.formula())  # at least one of it
    return _ANYTHING
