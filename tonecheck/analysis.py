"""The shared, lazily computed facts about one draft that every rule reads.

Each fact is computed at most once per draft, and only when a rule asks for it:
a check that needs no readability figure never loads textstat's dictionary.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Iterator

from . import re_cached, regex
from .draft import Draft

# Abbreviations that end with a full stop but do not end a sentence.
_ABBREV = regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|No|Nos|approx|Inc|Ltd|Co|Corp|vs|etc|Ref|Tel|ext|inst|Fig|cl|incl|excl|para|Sch|Pt|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Za-z]\.[A-Za-z]|\b[ap]\.m|"
    # an initial after a title ("Mr D. Kerr"): "Door B." or "Plan B." may well end a sentence
    r"(?-i:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sir|Dame)\.? (?:[A-Z]\. ?)*[A-Z]))\.$",
    ignore_case=True,
)
# A sentence ends at ., ! or ? (runs of them, then closing quotes or brackets) before a space.
#: A blank line, a CRLF one or one of spaces: where a paragraph ends.
BLANK_LINE = re_cached.compile(r"\n[ \t\r]*\n")
#: How many sentences either side of one its paragraph reaches, at most.
PARAGRAPH_REACH = 12
_SENTENCE_END = re_cached.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_BULLET = re_cached.compile(r"[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+")
_FIELD = re_cached.compile(r"[ \t]*[A-Z][\w'’ /#&()-]{0,30}:(?:[ \t]|$)")
_TOKEN = re_cached.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]|_")  # Unicode words: Zoë, café
_WORD = re_cached.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # _TOKEN's words, without the punctuation
_REST = re_cached.compile(r"[:;]")
_LIST_LINE = 60  # characters: a list's item lines are shorter than a hard-wrapped sentence's
_ITEM_START = re_cached.compile(r"\s*[A-Z0-9£$€•*-]")
_WRAP_SPREAD = 25  # characters: a hard-wrapped paragraph's lines (but its last) differ less than this


def _is_list(lines: list[str]) -> bool:
    """Lines of a sentence written as a list without stops, read an item at a time: short, or
    nearly all opening with a capital, a digit or a bullet, or of very different lengths. A
    hard-wrapped sentence (lines of about the wrap width, most going on in lower case) is not."""
    if len(lines) < 3:
        return False
    widths = [len(line) for line in lines[:-1]]
    return (max(widths) < _LIST_LINE or max(widths) - min(widths) > _WRAP_SPREAD
            or sum(bool(_ITEM_START.match(line)) for line in lines[1:]) >= 0.8 * (len(lines) - 1))


#: A sentence that opens with a condition ("If your flight is late, ..."): what may
#: happen, not what did (the context detector and the excuse rules skip its if-clause).
CONDITIONAL = regex.compile(r"^\W*(?:if|should|in case|unless|whether)\b", ignore_case=True)


@lru_cache(maxsize=1)
def _time():
    """A day, date or clock time: what makes a promise or a booking concrete (the
    lexicon's time_expression, and "next week", "12/6", "within two working days",
    "usually 3 to 8 weeks from now": a count from now, not "3-5 weeks after checkout")."""
    from . import lexicon

    return regex.compile(
        r"\b(?:" + lexicon.pattern("time_expression") + r"|this week|next (?:week|month)|\d{1,2}/\d{1,2}|"
        r"within (?:the next )?\w+ (?:working |business )?(?:minutes?|hours?|days?|weeks?)|"
        r"\d+ ?(?:to|-|–) ?\d+ (?:working |business )?(?:days?|weeks?|months?) from (?:now|today))",
        ignore_case=True,
    )


@lru_cache(maxsize=1)
def _ownership() -> tuple:
    """The lexicon's apology words, hollow apologies, and admissions or fixes made."""
    from . import lexicon

    def words(*names: str):
        return regex.compile(r"\b(?:" + "|".join(lexicon.pattern(n) for n in names) + r")\b", ignore_case=True)

    return words("apology_word"), words("hollow_apology"), words("admission", "fix_made")


def without_hollow_apologies(text: str) -> str:
    """``text`` less its hollow apologies ("Apologies for any confusion"), which own nothing."""
    return _ownership()[1].sub("", text)


# Two or more capitals (digits allowed): PAYE, P60, DKIM; plural "MTAs" too.
# (not one letter and a number: an amount in rand, a road, a form's number: "R699", "M25";
# nor a reference's prefix: "FR-1182", "INC-20417")
# (not a reference, "FR-1182", nor a UK postcode's outward code, "LS1 4DY", "BD23 2AA")
_ACRONYM = re_cached.compile(r"\b(?![A-Z]\d+\b)(?![A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b)(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z0-9]\b)[A-Z][A-Z0-9]{1,5}s?\b(?![-/]\d)")

_PLACEHOLDER = re_cached.compile(r"\[[^\]\n]{1,60}\]|\{[^}\n]{1,60}\}")
_CAPS_LINE = re_cached.compile(r"(?m)^[^a-z\n]+$")

FIRST_PERSON = frozenset(
    "i i'm i've i'll i'd me my mine myself we we're we've we'll we'd us our ours ourselves".split()
)
SECOND_PERSON = frozenset("you you're you've you'll you'd your yours yourself yourselves".split())


class Token:
    """A word or punctuation mark with its span (a plain class: thousands per draft)."""

    __slots__ = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(slots=True)
class Sentence:
    start: int  # index into Draft.text
    end: int
    text: str
    region: str  # "greeting" | "body" | "signoff"
    index: int  # position among the draft's sentences
    company_mentions: int = field(default=0, kw_only=True)  # the writer's company and product names
    # Worked out on first use, in slots rather than a __dict__ per sentence: a long
    # draft has tens of thousands of sentences.
    _tokens: list[Token] | None = field(default=None, init=False, repr=False, compare=False)
    _counts: tuple[int, int, int] | None = field(default=None, init=False, repr=False, compare=False)
    _longest_run: int | None = field(default=None, init=False, repr=False, compare=False)
    _mentions_time: bool | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def tokens(self) -> list[Token]:
        # made only for a rule that asks: most need counts, which come from the words'
        # text alone (a long draft would otherwise hold one object per word)
        if self._tokens is None:
            s = self.start
            self._tokens = [Token(s + m.start(), s + m.end(), m.group()) for m in _TOKEN.finditer(self.text)]
        return self._tokens

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    def _word_counts(self) -> tuple[int, int, int]:
        """(words, first-person words, second-person words)."""
        if self._counts is None:
            words = _WORD.findall(self.text)
            # each word folded as Token.lower folds it (joined: one call, not one per word)
            lower = " ".join(words).lower().replace("’", "'").split(" ") if words else []
            self._counts = len(words), sum(w in FIRST_PERSON for w in lower), sum(w in SECOND_PERSON for w in lower)
        return self._counts

    @property
    def word_count(self) -> int:
        return self._word_counts()[0]

    @property
    def first_person(self) -> int:
        """I/we/our/my… and the writer's company names."""
        return self._word_counts()[1] + self.company_mentions

    @property
    def second_person(self) -> int:
        return self._word_counts()[2]

    @property
    def longest_run(self) -> int:
        """Words in the longest stretch between a colon, a semicolon or a list's line break: a
        reader rests there."""
        if self._longest_run is None:
            parts = _REST.split(self.text)
            if _is_list(self.text.split("\n")):
                parts = [item for part in parts for item in part.split("\n")]
            self._longest_run = max(len(_WORD.findall(part)) for part in parts)
        return self._longest_run

    @property
    def mentions_time(self) -> bool:
        """Does the sentence name a day, date, clock time or 'within N days'?"""
        if self._mentions_time is None:
            self._mentions_time = bool(_time().search(self.text))
        return self._mentions_time

    @property
    def is_question(self) -> bool:
        return self.text.rstrip("\"'”’) ").endswith("?")


class _SentenceCounts:
    """(index, word counts) of each body sentence, counted only when a learned signal
    speaks and asks where: most drafts never need them."""

    def __init__(self, body: list[Sentence]):
        self._body = body

    def __bool__(self) -> bool:
        return bool(self._body)

    def __iter__(self):
        from .learned import ngrams

        return ((s.index, ngrams(s.text)) for s in self._body)


class _Dated:
    """The sentences that name a time, as a container of their indexes: asked only
    when a signal that a date answers speaks."""

    def __init__(self, sentences: list[Sentence]):
        self._sentences = sentences

    def __contains__(self, i: int) -> bool:
        return self._sentences[i].mentions_time


_LINE = re_cached.compile(r"[^\n]*\n?")
_QUOTE_MARKS = re_cached.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")
_QUESTION = re_cached.compile(r"[^.!?\n]*\?")
_WROTE = re_cached.compile(r"\bwrote:")


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in text[start:end].

    Blank lines, bullet lines and field lines ("Reference: 4411", "NEXT STEPS:")
    always break; inside a paragraph, wrapped lines are
    joined and split at sentence punctuation that is not an abbreviation.
    """
    pos = start
    for line in _LINE.finditer(text[start:end]):
        if not line.group():
            break
        ls, le = start + line.start(), start + line.end()
        content = text[ls:le].rstrip()
        if not content.strip() or _BULLET.match(content) or _is_field(content):
            # a paragraph boundary: flush what came before, bullets stand alone
            yield from _split_paragraph(text, pos, ls)
            if content.strip():
                yield from _split_paragraph(text, ls, le)
            pos = le
        elif pos == ls and _heading(content, text, le, end):
            yield from _trimmed(text, ls, le)  # "Your complaint" over "You told us ...": its own line
            pos = le
    yield from _split_paragraph(text, pos, end)


def _heading(line: str, text: str, after: int, end: int) -> bool:
    """A letter's section heading opening a paragraph ("What we found"), with a line
    starting with a capital under it: not a hard-wrapped sentence's first half."""
    if not looks_like_heading(line):
        return False
    nl = text.find("\n", after, end)
    nxt = text[after:nl if nl >= 0 else end].lstrip()
    return nxt[:1].isupper()


# Words a heading never ends on, nor opens with: a sentence wrapped there goes on ("Your order
# has been delayed as / DPD ..."), or starts a clause ("We can't refund the deposit on that one").
_GOES_ON = frozenset("and but or nor so as because since if than that which who when while where with without to "
                     "for from of at by into onto about after before the a an your our my their his her its "
                     "these those is was were be been will would can could should must means meant".split())
_CLAUSE_OPENERS = frozenset("i we you they he she it there please thanks thank sorry unfortunately "
                            "sadly just also so and but".split())
# A heading may end on these when it asks: "Who we are", "What's on", "Check in"
_ASKS = frozenset("what what's who where when why how check".split())


def looks_like_heading(line: str) -> bool:
    """A short line with no closing punctuation that neither opens a clause ("We ...",
    "Sorry ...") nor breaks off mid-sentence ("... delayed as"): "Your complaint",
    "What we're doing to put things right", "Customer Impact"."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(stripped) > 60 or len(words) > 8 or stripped[-1] in ".!?,;:…" or not stripped[0].isupper():
        return False
    # ("We’ll be in touch" opens a clause as "We" does)
    first, last = words[0].lower().strip("'’").replace("’", "'").split("'")[0], words[-1].lower().strip("'’\"”)")
    return first not in _CLAUSE_OPENERS and (last not in _GOES_ON or first in _ASKS or len(words) <= 2)


def _is_field(line: str) -> bool:
    """A short "Label: value" line or a heading ("NEXT STEPS:"), not wrapped prose that
    happens to start "Good news: ..." and runs on to the next line."""
    stripped = line.strip()
    return bool(_FIELD.match(line)) and (len(stripped) <= 40 or stripped.endswith(":"))


# An initial and a surname ("your engineer, J. Patel, will call"): not a sentence's end,
# unless the capital word after it is one that starts sentences ("Plan B. Then ...").
_NAME_AFTER = re_cached.compile(r"\s+([A-Z][a-z]+)")  # its first letters: "You" of "You'll"
# the word before the initial, if no comma comes between
_WORD_BEFORE = re_cached.compile(r"([A-Za-z]+)\s*$")
# Labels a letter follows: "row C", "Plan B", "vitamin D"
_LABELS = frozenset(
    "Plan Unit Door Annex Appendix Row Gate Room Vitamin Option Grade Type Section Block Flat Level Floor Terminal "
    "Zone Part Schedule Phase Stage Team Group Class Form Year Ward Bay Platform Lot Tier Category Band Size Box "
    "Building Wing Hall Court Suite Lane Channel Line Model Version Step Item Table Figure Exhibit Clause".split())
_OPENERS = frozenset(
    "I You We They He She It The A An This That These Those There Here Please Thanks Thank If But And So Or "
    "Our Your My His Her Their Its What When Where Why How Which Who Sorry Unfortunately Also Just Yes No Hi "
    "Hello Dear Best Kind Many Let Once As For In On At To With From By After Before Then Now Today Tomorrow "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Otherwise Meanwhile However Sadly Good Great Happy Do Don't "
    "Can Could Would Will Should Is Are Was Were Have Has Had Any Every Each All Some One Two Three Apologies "
    "Whenever Since While Regards Everything Nothing Someone".split())


def _initial_of_a_name(seg: str, m: re.Match) -> bool:
    """Is this full stop an initial's, inside a name: after a comma, the paragraph's
    start or a first name ("J. Patel", "Raymond T. Feeney"), not after a label ("row C.",
    "Plan B."), and before a surname, not a word that starts sentences?"""
    at = m.start()  # the stop; the letter before it must stand alone ("J.", not "etc.")
    if not (m.group() == "." and at and "A" <= seg[at - 1] <= "Z" and (at == 1 or seg[at - 2].isspace())):
        return False
    before = _WORD_BEFORE.search(seg, max(0, at - 40), at - 1)  # a short look back: this runs at every stop
    if before and (before.group(1) in _LABELS or not before.group(1)[:1].isupper()):
        return False
    after = _NAME_AFTER.match(seg, m.end())
    return bool(after) and after.group(1) not in _OPENERS


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    seg = text[start:end]
    pos = 0
    for m in _SENTENCE_END.finditer(seg):
        if _ABBREV.search(seg[max(0, m.end() - 8):m.end()]) or _initial_of_a_name(seg, m) or _numbered(seg, m):
            continue
        yield from _trimmed(text, start + pos, start + m.end())
        pos = m.end()
    yield from _trimmed(text, start + pos, end)


def _numbered(seg: str, m) -> bool:
    """A part of a text cited by its number: "Reg. 17.2", "Sec. 4", "Vol. 2" ("Your
    driver is Reg. He'll call." ends a sentence)."""
    return bool(_CITED.search(seg, max(0, m.end() - 6), m.end())) and seg[m.end():m.end() + 2].strip()[:1].isdigit()


_CITED = re_cached.compile(r"\b(?:Reg|Regs|Sec|Secs|Vol|Ch|Art|Arts|pp|Pg)\.$", re.IGNORECASE)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


@lru_cache(maxsize=16)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    """The company's names as whole words, compiled once per config, not per draft (by
    ``re`` itself: the config's words are not kept on disk, as re_cached's are)."""
    return re.compile(r"\b(?:%s)\b" % "|".join(re.escape(n) for n in names), re.IGNORECASE)


class Analysis:
    """Facts about one draft, computed on first use and shared by all rules.

    ``contexts`` given by the caller (``--context``) win over detection; otherwise
    ``detect`` (the plugins' context detectors) is asked once.
    """

    def __init__(
        self,
        draft: Draft,
        *,
        contexts: Iterable[str] | None = None,
        detect: Callable[[Analysis], Iterable[str]] | None = None,
        company: Iterable[str] = (),
        settings: dict | None = None,
    ):
        self.draft = draft
        #: the config's settings a rule may read: {"grammar": {...}, "spelling": {...}}
        self.settings = settings or {}
        self.text = draft.text
        self._given_contexts = frozenset(contexts) if contexts else None
        self._detect = detect
        self.company = tuple(company)
        self._window_cache: dict[str, tuple] = {}
        self._last_match: dict[int, int] = {}  # id(pattern) -> index of the last sentence it occurs in

    # -- text and sentences -------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        names = _names_pattern(self.company) if self.company else None
        for region in self.draft.writer_regions():
            for s, e in split_sentences(self.text, region.start, region.end):
                seg = self.text[s:e]
                mentions = len(names.findall(seg)) if names else 0  # whole words: "Ace" is not in "replace"
                out.append(Sentence(s, e, seg, region.kind, len(out), company_mentions=mentions))
        return out

    @cached_property
    def body(self) -> list[Sentence]:
        """The sentences between the greeting and the sign-off."""
        return [s for s in self.sentences if s.region == "body"]

    @cached_property
    def writer_spans(self) -> list[tuple[int, int]]:
        return [(r.start, r.end) for r in self.draft.writer_regions()]

    @cached_property
    def writer_words(self) -> frozenset[str] | None:
        """The words of the writer's text, spelled as a pattern's anchors are: a pattern
        none of whose anchors is here cannot match (None: no filtering; see packs.anchors)."""
        from .packs.anchors import words

        return words(*self._writer_windows())

    @cached_property
    def writer_strings(self):
        """The writer's text as a pattern's prefilter reads it (``packs.prefilter.text``):
        made only for a Linter's first drafts, which compile only the phrases it could hold."""
        from .packs.prefilter import text

        return text(*self._writer_windows())

    def _writer_windows(self):
        """The writer's text as ``writer_matches`` searches it: its regions joined where only
        white space, or nothing, lies between ("Hi Sam,we can't" is one text)."""
        return (self.text[s:e] for s, e in self._windows("writer")[1])

    @cached_property
    def body_text(self) -> str:
        """The body as prose: a bullet or a line without a full stop still ends its
        sentence, so readability formulas do not read a list as one long sentence."""
        return " ".join(s.text if s.text[-1:] in ".!?" else s.text + "." for s in self.body)

    @cached_property
    def words(self) -> list[Token]:
        return [w for s in self.body for w in s.words]

    @cached_property
    def word_count(self) -> int:
        return sum(s.word_count for s in self.body)

    @cached_property
    def quoted(self) -> str:
        """The customer's message we are replying to, without '>' markers."""
        return _QUOTE_MARKS.sub("", self.draft.quoted_text())

    @cached_property
    def quoted_questions(self) -> list[str]:
        return [
            q.strip()
            for q in _QUESTION.findall(self.quoted)
            if len(q.split()) >= 3 and not _WROTE.search(q)
        ]

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def acronyms(self) -> dict[str, int]:
        """Each capitalised abbreviation in the body and where it first occurs."""
        found: dict[str, int] = {}
        for s in self.body:
            # a template's placeholder ([AMOUNT], [PLAN ID]) is not shorthand, nor is a
            # heading in capitals ("NEXT STEPS:"): blanked out, offsets kept
            text = _PLACEHOLDER.sub(lambda p: " " * len(p.group()), s.text)
            text = _CAPS_LINE.sub(lambda p: " " * len(p.group()), text)
            for m in _ACRONYM.finditer(text):
                found.setdefault(m.group().rstrip("s"), s.start + m.start())
        return found

    @cached_property
    def _body_starts(self) -> list[int]:
        return [s.start for s in self.body]

    def next_in_body(self, offset: int) -> Sentence | None:
        """The first body sentence that starts at or after ``offset`` (found by halving,
        not by walking the body: a rewrite asks it of every sentence it adds beside)."""
        i = bisect_left(self._body_starts, offset)
        return self.body[i] if i < len(self.body) else None

    @cached_property
    def _paragraph_spans(self) -> list[tuple[int, int]]:
        """Each body sentence's paragraph (first and last index): paragraphs end at a blank
        line (a CRLF one, or one of spaces), or, in a draft with no blank line between its
        sentences, at each line's end. Worked out once per draft."""
        body, text = self.body, self.text
        breaks = [bool(BLANK_LINE.search(text, a.end, b.start)) for a, b in zip(body, body[1:])]
        if not any(breaks):
            breaks = ["\n" in text[a.end:b.start] for a, b in zip(body, body[1:])]
        spans: list[tuple[int, int]] = []
        start = 0
        for i in range(len(body)):
            if i == len(body) - 1 or breaks[i]:
                spans += [(start, i)] * (i - start + 1)
                start = i + 1
        return spans

    def paragraph(self, sentence: Sentence) -> list[Sentence]:
        """The body sentences of the paragraph ``sentence`` is in, up to PARAGRAPH_REACH
        either side of it (a draft of one endless paragraph is read near the sentence,
        not whole for each finding)."""
        i = bisect_left(self._body_starts, sentence.start)
        if i >= len(self.body) or self.body[i] != sentence:
            return [sentence]
        start, end = self._paragraph_spans[i]
        return self.body[max(start, i - PARAGRAPH_REACH):min(end, i + PARAGRAPH_REACH) + 1]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def last_sentence_with(self, pattern) -> int:
        """Index of the last writer sentence ``pattern`` occurs in (-1: none), looked for
        once per pattern: every finding of a rule asks the same ("anything after mine?")."""
        key = id(pattern)
        if key not in self._last_match:
            self._last_match[key] = next((s.index for s in reversed(self.sentences) if pattern.search(s.text)), -1)
        return self._last_match[key]

    def opening(self, n: int = 2) -> list[Sentence]:
        return self.body[:n]

    def writer_matches(self, pattern, *, scope: str = "writer") -> Iterator[tuple[int, int, str]]:
        """(start, end, text) of every match of a compiled pattern in the writer's own text.

        ``scope`` is "writer" (greeting, body and sign-off), "body", or "opening"
        (the first two body sentences). A match never straddles two regions. A
        pack's pattern is not run on a draft without one of its anchors, and at
        first is compiled with only the phrases whose anchors and prefilter's
        strings the draft has.
        """
        for_words = getattr(pattern, "for_words", None)
        if for_words is not None:  # a pack's pattern
            present, anchors = self.writer_words, pattern.anchors
            if anchors is not None and present is not None and anchors.isdisjoint(present):
                return
            pattern = for_words(present, lambda: self.writer_strings)
            if pattern is None:
                return
        spans, windows, starts = self._windows(scope)
        for ws, we in windows:
            for m in pattern.finditer(self.text[ws:we]):
                start, end = ws + m.start(), ws + m.end()
                i = bisect_right(starts, start) - 1  # the one span that could hold it
                if end > start and i >= 0 and end <= spans[i][1]:
                    yield start, end, m.group()

    def _windows(self, scope: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[int]]:
        """The scope's spans, the same spans joined across white space (one regex pass
        per window instead of one per region: the hot path of every phrase rule), and
        the spans' starts, for bisecting."""
        cached = self._window_cache.get(scope)
        if cached is None:
            if scope == "writer":
                spans = self.writer_spans
            else:
                sents = self.body if scope == "body" else self.opening()
                spans = [(s.start, s.end) for s in sents]
            windows: list[tuple[int, int]] = []
            for s, e in spans:
                if windows and not self.text[windows[-1][1]:s].strip():
                    windows[-1] = (windows[-1][0], e)
                else:
                    windows.append((s, e))
            cached = self._window_cache[scope] = (spans, windows, [s for s, _ in spans])
        return cached

    @cached_property
    def body_ngrams(self) -> dict[str, int]:
        """The body's words and word pairs: what the learned score reads (a greeting
        and a sign-off say nothing of tone, and differ between corpora)."""
        from .learned import body_counts

        return body_counts(s.text for s in self.body)

    @cached_property
    def learned_signals(self) -> list[tuple[int, str, float]]:
        """(sentence index, category, probability) where the learned model's signals
        speak (tonecheck.learned.signal_hits), for the Learned pack's rules."""
        from .learned import load, signal_hits

        try:
            model = load()
        except (OSError, ValueError):
            return []  # the Linter has said, once, that the model cannot be read
        return signal_hits(model, _SentenceCounts(self.body), self.body_ngrams, _Dated(self.sentences))

    @cached_property
    def owned(self) -> bool:
        """Does the writer own the problem: a real apology (not a hollow one: "sorry for
        any inconvenience", "sorry if you feel", "sorry, but"), an admission, or the fix
        already made? A cause named in such a draft is an explanation, not an excuse."""
        apology, hollow, owning = _ownership()
        return any(
            owning.search(s.text) or (apology.search(s.text) and not hollow.search(s.text)) for s in self.body
        )

    # -- context ------------------------------------------------------------
    @cached_property
    def contexts(self) -> frozenset[str]:
        if self._given_contexts is not None:
            return self._given_contexts
        return frozenset(self._detect(self)) if self._detect else frozenset()

    # -- readability (textstat, imported on first use) -----------------------
    @cached_property
    def readability(self) -> Readability:
        lengths = [s.word_count for s in self.body]
        if len(self.body_text) <= READABILITY_SAMPLE:
            return Readability(self.body_text, lengths)
        # textstat holds several objects per word while it counts: past the sample size
        # its figures are read from every k-th sentence, so memory stays bounded
        step = -(-len(self.body_text) // READABILITY_SAMPLE)
        sample = " ".join(s.text if s.text[-1:] in ".!?" else s.text + "." for s in self.body[::step])
        if len(sample) > READABILITY_SAMPLE:  # a few huge sentences: cut at a word
            cut = sample.rfind(" ", 0, READABILITY_SAMPLE)
            sample = sample[: cut if cut > 0 else READABILITY_SAMPLE]
        return Readability(sample, lengths)


#: Characters of body text past which textstat's figures come from a sample of its
#: sentences (every k-th): a long report, not an email, and the same figure within noise.
READABILITY_SAMPLE = 200_000


class Readability:
    """textstat figures for the body. Character-based indices (ARI, Coleman–Liau)
    need no dictionary; syllable-based ones load cmudict on first call (~1 s)."""

    def __init__(self, text: str, sentence_lengths: list[int]):
        self.text = text
        self.sentence_lengths = sentence_lengths
        self._cache: dict[str, float] = {}

    def __getitem__(self, name: str) -> float:
        if name not in self._cache:
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def _compute(self, name: str) -> float:
        lengths = self.sentence_lengths
        if name == "words_per_sentence":
            return sum(lengths) / len(lengths) if lengths else 0.0
        if name == "longest_sentence":
            return float(max(lengths, default=0))
        if name == "word_count":
            return float(sum(lengths))
        if not self.text.strip():
            return 0.0
        if name == "automated_readability_index":  # the default grade: no dictionary needed
            return automated_readability_index(self.text)
        import textstat  # lazy: ~35 ms import, kept off checks that never ask

        fn = getattr(textstat, name, None)
        if fn is None or name.startswith("_"):
            raise KeyError(name)
        try:
            return float(fn(self.text))
        finally:
            _forget_textstat()


# textstat 0.7.8's counting, step for step (tests/test_analysis.py holds the two equal
# on every labelled draft): importing textstat costs a cold check ~35 ms, most of it
# the syllable dictionaries that this character-based index never reads.
_NON_CONTRACTION_APOSTROPHE = re_cached.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re_cached.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re_cached.compile(r"\b[^.!?]+[.!?]*")
_SPACE = re_cached.compile(r"\s")


def _textstat_words(text: str) -> int:
    return len(_PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split())


def automated_readability_index(text: str) -> float:
    """textstat's Automated Readability Index: 4.71 x characters per word + 0.5 x words
    per sentence - 21.43 (0 when either ratio is)."""
    if not text:
        return 0.0
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    counted = max(1, len(sentences) - sum(1 for s in sentences if _textstat_words(s) <= 2))
    tokens = len(text.split())  # punctuation-only "words" count here, as their characters do
    chars_per_word = len(_SPACE.sub("", text)) / tokens if tokens else 0.0
    words_per_sentence = _textstat_words(text) / counted
    if chars_per_word == 0 or words_per_sentence == 0:
        return 0.0
    return (4.71 * chars_per_word) + (0.5 * words_per_sentence) - 21.43


def _forget_textstat() -> None:
    """Empty textstat's memo caches (128 texts per function): a long-running process
    would otherwise keep the words of its last 128 drafts, and a long draft's word
    list outlives the one figure it was needed for."""
    for fn in _textstat_caches():
        fn.cache_clear()


@lru_cache(maxsize=1)
def _textstat_caches() -> tuple:
    # those memoised on a text or one of its words; never its dictionaries (cmudict
    # takes a second to load)
    found = {
        id(fn): fn for name, module in list(sys.modules.items()) if name.startswith("textstat")
        for fn in vars(module).values()
        if callable(getattr(fn, "cache_clear", None))
        and getattr(getattr(fn, "__wrapped__", None), "__code__", None) is not None
        and fn.__wrapped__.__code__.co_varnames[:1] in (("text",), ("word",))
    }
    return tuple(found.values())


READABILITY_METRICS = (
    "words_per_sentence",
    "longest_sentence",
    "word_count",
    "automated_readability_index",
    "coleman_liau_index",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "smog_index",
    "dale_chall_readability_score",
)
