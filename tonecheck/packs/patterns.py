"""Patterns: RE2 alternations (linear time: a house rule cannot hang a run), flexible
spaces, references to the shared lexicon, and where an ``unless`` pattern is looked for."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import re_cached
from ..draft import plain_characters
from . import prefilter
from .anchors import union, words as words_in
from .prefilter import holds


def pattern_list(value, field, fail, defines: dict | None = None) -> list[str]:
    """A list of patterns, each text or ``{lexicon: name}`` (that entry's patterns, from
    the shared lexicon, read only when a pack refers to it). In a pattern, ``{{name}}``
    stands for the pack's own ``define`` of that name, else the lexicon entry, as one group."""
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        fail(field, "must be a list of patterns")
    out: list[str] = []
    for item in value:
        if isinstance(item, str) and item:
            out.append(inlined(item, field, fail, defines))
        elif isinstance(item, dict):
            name = item.get("lexicon")
            if len(item) != 1 or not isinstance(name, str):
                fail(field, "each pattern is text, or {lexicon: name} naming a lexicon entry")
            from .. import lexicon

            try:
                out.extend(lexicon.patterns(name))
            except lexicon.UnknownEntry as exc:
                fail(field, str(exc))
        else:
            fail(field, "must be a list of patterns")
    return out


def inlined(item: str, field: str, fail, defines: dict | None, trail: tuple = ()) -> str:
    """``item`` with its ``{{names}}`` filled in: the pack's ``define`` first, then the lexicon."""
    if "{{" not in item:
        return item
    from .. import lexicon

    def entry(name: str) -> list[str]:
        if defines and name in defines:
            if name in trail:
                fail(field, f"definitions refer to each other in a loop: {' -> '.join(trail + (name,))}")
            return [inlined(p, field, fail, defines, trail + (name,)) for p in defines[name]]
        try:
            return lexicon.patterns(name)
        except lexicon.UnknownEntry:
            import difflib

            known = sorted({*(defines or {}), *lexicon.entries()})
            hint = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            fail(field, f"unknown name {{{{{name}}}}}: neither the pack's 'define' nor the lexicon has it"
                        + (f"; did you mean {{{{{hint[0]}}}}}?" if hint else ""))

    try:
        return lexicon.inline(item, entry)
    except ValueError as exc:
        fail(field, str(exc))


#: How many drafts a pattern is compiled for with only the phrases each could hold,
#: before its whole alternation is compiled once: a check of one draft (the common
#: case at the command line) compiles a fraction of the packs, and a Linter that
#: checks many compiles each pattern once.
FIRST_DRAFTS = 2
#: The same for a pattern asked about a few sentences at a time (an ``unless``, asked
#: once a rule has found something): the first searches compile only what they could find.
FIRST_SEARCHES = 24
#: Texts longer than this together are searched with the whole alternation: reading
#: their words would cost more than it saves (and a long draft's body, asked once per
#: finding, would be read again each time).
SEARCHED_AT_MOST = 4000


class Pattern:
    """A rule's alternation: compiled by RE2 when first used, and its anchors (the
    words one of which every match contains, or None: see ``anchors``), with which
    ``Analysis.writer_matches`` skips a draft that lacks them, uncompiled.
    ``alternatives``: each phrase with its own anchors and prefilter (``packs.prefilter``),
    and a function that compiles a list of phrases as the whole alternation is
    compiled (see ``for_words``)."""

    __slots__ = ("_build", "_regex", "anchors", "_alternatives", "_uses", "_searches")

    def __init__(self, build, anchors: frozenset | None = None, regex=None, alternatives=None):
        self._build, self._regex, self.anchors = build, regex, anchors
        self._alternatives, self._uses, self._searches = alternatives, 0, 0

    @property
    def regex(self):
        if self._regex is None:
            self._regex = self._build()
        return self._regex

    def for_words(self, present: frozenset | None, strings=None):
        """The regex to run on a text whose words are ``present`` and whose strings
        ``strings()`` gives (``prefilter.text``; asked only if needed): for the first
        drafts, only the phrases whose anchors and prefilter's strings are there (the
        others cannot match: the matches are the same, and a smaller expression
        compiles in a fraction of the time). None: none of them could."""
        if self._regex is not None or present is None or self._alternatives is None:
            return self.regex
        self._uses += 1
        if self._uses > FIRST_DRAFTS:
            return self.regex
        return self._live(present, strings() if strings is not None else None)

    def for_texts(self, texts: list[str]):
        """The regex to search these few texts with (for the first searches, only the
        phrases they could hold), or None if none of its phrases could match them."""
        if self._regex is not None or self._alternatives is None:
            return self.regex
        self._searches += 1
        if self._searches > FIRST_SEARCHES or sum(map(len, texts)) > SEARCHED_AT_MOST:
            return self.regex
        present = words_in(*texts)
        if present is None:
            return self.regex
        return self._live(present, prefilter.text(*texts))

    def _live(self, present: frozenset, found):
        phrases, build = self._alternatives
        live = [p for p, words, needs in phrases if (words is None or not words.isdisjoint(present))
                and (found is None or holds(needs, found))]
        if not live:
            return None  # no phrase could match (an empty alternation matches everywhere)
        return build(live) if len(live) < len(phrases) else self.regex

    def finditer(self, text: str):
        return self.regex.finditer(text)

    def search(self, text: str):
        return self.regex.search(text)

    def __getattr__(self, name):
        if name.startswith("_"):  # copy and pickle ask before __init__ has run
            raise AttributeError(name)
        return getattr(self.regex, name)


def compile_now(check, depth: int = 4) -> None:
    """Compile every Pattern a rule's check holds (in its closure, or a list, tuple or
    dict there): for a process that forks a child per request, whose compiling would
    be lost with the child."""
    if isinstance(check, Pattern):
        check.regex
    elif depth and isinstance(check, (list, tuple)):
        for item in check:
            compile_now(item, depth - 1)
    elif depth and isinstance(check, dict):
        for item in check.values():
            compile_now(item, depth - 1)
    elif depth:
        for cell in getattr(check, "__closure__", None) or ():
            if cell.cell_contents is not check:
                compile_now(cell.cell_contents, depth - 1)


def compile_patterns(patterns, field: str, *, bounds: bool, case: bool, fail,
                     validated: bool = False, anchors: dict | None = None, defines: dict | None = None) -> Pattern:
    """One RE2 alternation for a list of patterns: one pass over the text per rule.

    A pack that compiled before (``validated``: read from the cache) compiles each
    alternation when a rule first needs it: with its anchors, most rules never do on
    most drafts; an ``unless`` or a fix's swaps are needed only once a rule has found
    something. So does a list made only of lexicon entries (each checked when the
    lexicon was read). ``anchors``: the pack's table of each
    alternation's anchors, filled in when the pack is checked, cached with it."""
    import re2

    from ..regex import compile_with

    items = pattern_list(patterns, field, fail, defines)
    if not validated:
        for p in items:  # joined, "(abc" and "def)" would make one different expression
            if not balanced(p):
                fail(field, f"pattern {p!r} has unbalanced parentheses; each pattern must stand alone")
    options = dict(case_sensitive=bool(case), log_errors=False)
    # the rules read curly apostrophes and odd spaces as plain ones (draft.plain_characters):
    # a pattern pasted from a word processor ("we can’t") must read them alike
    flexible = [flexible_spaces(plain_characters(p)) for p in items]

    def joined(phrases: list[str]) -> str:
        alt = "|".join(f"(?:{p})" for p in phrases)
        return rf"\b(?:{alt})\b" if bounds else alt

    source = joined(flexible)
    each, needs = _anchors_of(source, flexible, bounds, anchors)
    words = union(each)
    lexicon_only = isinstance(patterns, dict) or (isinstance(patterns, list) and all(isinstance(p, dict) for p in patterns))
    if lexicon_only or validated:
        alternatives = (list(zip(flexible, each, needs)), lambda live: compile_with(joined(live), **options))
        return Pattern(lambda: compile_with(source, **options), words, alternatives=alternatives)
    try:
        return Pattern(None, words, compile_with(source, **options))
    except re2.error:
        pass
    for p in items:  # find the pattern at fault, so the error names it
        try:
            compile_with(p, **options)
        except re2.error as exc:
            detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            fail(field, f"pattern {p!r} is not valid RE2 syntax ({detail}); RE2 has no look-around or back-references")
    fail(field, "the patterns do not combine into one expression (an unbalanced bracket across patterns?)")


def _anchors_of(source: str, flexible: list[str], bounds: bool, table: dict | None) -> tuple[list, list]:
    """Each alternative's anchors and prefilter: from the pack's cached table, else
    worked out (and added to the table, which is cached with the pack). With no table
    (no cache to keep them in), none: working them out costs more than one check saves."""
    if table is None:
        return [None] * len(flexible), [None] * len(flexible)
    from ..cache import key

    name = key(source)  # not the expression itself: a long list would double the cache entry
    known = table.get(name)
    if isinstance(known, dict) and all(isinstance(known.get(k), list) and len(known[k]) == len(flexible)
                                       for k in ("anchors", "needs")):
        try:  # the prefilters as they are: prefilter.holds reads a damaged one as requiring nothing
            return [None if w is None else _words(w) for w in known["anchors"]], known["needs"]
        except TypeError:  # a cache entry of another shape: worked out again
            pass
    from .anchors import of_tree as anchors_of, parse

    trees = [parse(p) for p in flexible]  # one parse for both
    found = [anchors_of(tree, bounds) for tree in trees]
    needs = [prefilter.of_tree(tree) for tree in trees]
    table[name] = {"anchors": [None if w is None else sorted(w) for w in found], "needs": needs}
    return found, needs


def _words(cached) -> frozenset:
    """A cached list of anchor words as a set; TypeError if it is not a list of text."""
    if type(cached) is not list:
        raise TypeError(cached)
    "".join(cached)  # raises TypeError at the first item that is not text, in C
    return frozenset(cached)


def balanced(pattern: str) -> bool:
    """Are the pattern's groups closed? Escapes and [...] classes do not count."""
    depth = 0
    for c in _PARENS.findall(_NOT_GROUPING.sub("", pattern)):  # the parentheses that group
        depth += 1 if c == "(" else -1
        if depth < 0:
            return False
    return depth == 0


# An escape, or a [...] class (a "]" first in it, after any "^", is a literal; an
# unclosed one runs to the end): parentheses inside these do not group.
_NOT_GROUPING = re_cached.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]?")
_PARENS = re_cached.compile(r"[()]")


# An escape, a [...] class, or a space (optionally made optional by ? or *)
_SPACE_TOKEN = re_cached.compile(r"\\.|\[(?:\\.|[^\]])*\]| [?*+]?")


@lru_cache(maxsize=None)  # a lexicon entry's patterns recur in several rules
def flexible_spaces(pattern: str) -> str:
    """A space in a pattern matches any run of white space, so hard-wrapped lines
    ("in the order they\\nare received") still match; spaces in [...] stay as written."""

    if " " not in pattern:
        return pattern
    if "\\ " not in pattern and not _SPACED_CLASS.search(pattern):
        # no space escaped or inside a class (most patterns): " ?" and " *" are \s*, a
        # space (" +" too) is \s+, swapped in C rather than per token
        return pattern.replace(" ?", r"\s*").replace(" *", r"\s*").replace(" +", r"\s+").replace(" ", r"\s+")

    def swap(m) -> str:
        token = m.group()
        if token[0] != " ":
            return token
        if len(token) == 1 or token[1] == "+":
            return r"\s+"
        return r"\s*"

    return _SPACE_TOKEN.sub(swap, pattern)


_SPACED_CLASS = re_cached.compile(r"\[(?:\\.|[^\]])* ")


#: Where a sentence turns: "It wasn't your fault, but you should have checked" is two clauses,
#: and so is "we typed 1948 where your form says 1943, and you should have checked the proof" (a reproach
#: after ", and you"; not "I'll send the right size, and you didn't pick the wrong one").
_CLAUSE_BREAK = re_cached.compile(r"(?:,\s*|\s+)(?:but|however|although|though|whereas)\b|,\s*yet\b|,\s*and\s+(?=you(?:['’]d)? (?:should|ought|must|need(?:ed)? to|have to|had to|were supposed)\b(?! have been| been))|;|\s[–—-]\s", re.I)


def unless_hit(a, offset: int, pattern, scope: str) -> bool:
    """Does ``pattern`` occur near the finding: in its clause (the part of its sentence
    between turns such as ", but" and ";"), in its sentence, in that sentence or the two
    after it ("following": a refusal answered by an alternative), from the sentence
    before to the two after ("around"), in that sentence or any after it ("after": a
    letter that sets out its options further down), or anywhere in the writer's text
    ("draft")?"""
    if scope == "draft":
        return any(True for _ in a.writer_matches(pattern))
    sent = a.sentence_at(offset)
    if sent is None:
        return False
    if scope == "clause":
        at, start, end = offset - sent.start, 0, len(sent.text)
        for turn in _CLAUSE_BREAK.finditer(sent.text):
            if turn.end() <= at:
                start = turn.end()
            elif turn.start() >= at:
                end = turn.start()
                break
        return any_match(pattern, [sent.text[start:end]])
    if scope == "after":
        return a.last_sentence_with(pattern) >= sent.index
    first = max(0, sent.index - 1) if scope == "around" else sent.index
    last = sent.index + (3 if scope in ("following", "around") else 1)
    return any_match(pattern, [s.text for s in a.sentences[first:last]])


def any_match(pattern, texts: list[str]) -> bool:
    """Does the pattern occur in one of a few texts? (A Pattern compiles, at first, only
    what they could hold: ``Pattern.for_texts``.)"""
    regex = pattern.for_texts(texts) if isinstance(pattern, Pattern) else pattern
    return regex is not None and any(regex.search(text) for text in texts)


def matches(pattern, text: str):
    """The pattern's matches in one short text, as ``any_match`` compiles it."""
    regex = pattern.for_texts([text]) if isinstance(pattern, Pattern) else pattern
    return () if regex is None else regex.finditer(text)
