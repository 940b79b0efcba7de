"""A pack pattern's anchors: the words one of which every match contains. A draft with
none of them is skipped, so an anchor must never be wrong: a skipped rule is a missed
finding."""
import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck import cache
from tonecheck.config import Config
from tonecheck.engine import Linter
from tonecheck.packs import anchors as anchors_module
from tonecheck.packs import prefilter
from tonecheck.packs import patterns as patterns_module
from tonecheck.packs.anchors import anchors, words
from tonecheck.draft import plain_characters
from tonecheck.packs.patterns import Pattern, flexible_spaces
from tonecheck.regex import compile_with
from tonecheck.sources import load_text

from conftest import requires_shared


def of(pattern: str, bounded: bool = True):
    return anchors([flexible_spaces(pattern)], bounded)


@pytest.mark.parametrize("pattern, expected", [
    ("sorry for any inconvenience", {"inconvenience"}),  # the rarest word of the phrase
    ("we (?:are|were) unable to", {"unable"}),
    ("apolog(?:y|ise|ize)", {"apology", "apologise", "apologize"}),  # each way through
    ("our (?:policy|policies)", {"policy", "policies"}),
    ("follow[- ]?up", {"follow", "followup"}),  # "follow-up", "follow up", "followup"
    ("we[’']ll look into it", {"look"}),  # an apostrophe ends a word, as \b sees it
    (r"\d+ days", {"days"}),
    ("in (?:the )?(?:near )?future", {"future"}),
    ("I['’]?(?:m| am) in on (?:mon|fri)day", {"monday", "friday"}),
])
def test_anchors_are_whole_words_of_every_way_through(pattern, expected):
    assert of(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\w+ly",  # no literal word
    r"congratulat\w*",  # a word that may run on
    "[A-Z]{3,}",
    "!!",
    r"\pL+ly",  # RE2 syntax that re cannot read: no anchors, never an error
    "un[[:alpha:]]+able",  # syntax re reads otherwise than RE2 ("[[:alph]" then "]")
    "sorr{,1}y",  # literal text to RE2, a repeat to re
    "x{02}y",
    "ſorry",  # the long s matches "s" case-insensitively
])
def test_no_anchors_when_none_can_be_told(pattern):
    assert of(pattern) is None


def test_an_unbounded_pattern_anchors_only_words_it_closes():
    # without the rule's \b, "sorry" could end "unsorry" and "any" begin "anything"
    assert of("sorry for any", bounded=False) == {"for"}
    assert of("sorry", bounded=False) is None


def test_a_text_whose_letters_fold_to_ascii_is_not_filtered():
    assert words("We are sorry.") == {"we", "are", "sorry"}
    assert words("Kind regards") is not None
    assert words("\u212aind regards") is None  # the Kelvin sign matches k case-insensitively


# -- the prefilter: the strings every match contains --------------------------------
def needs(pattern: str):
    return prefilter.of_tree(anchors_module.parse(flexible_spaces(plain_characters(pattern))))


@pytest.mark.parametrize("pattern, expected", [
    ("sorry for any inconvenience", "sorry for any inconvenience"),  # spaces are any white space, one in the text
    ("we (?:are|were) unable to", ("|", "we are unable to", "we were unable to")),
    ("apologi[sz]e", ("|", "apologise", "apologize")),
    (r"we['’]?ll look into it", ("|", "well look into it", "we'll look into it")),  # ’ is ' to the rules
    (r"our \w+ policy", ("&", "our ", " policy")),  # what \w+ stands for is not followed
    ("(?:I|we) can", ("|", "i can", "we can")),
    ("caf\u00e9", "caf"),  # other scripts' letters are not followed
    ("(?:we|I) (?:are|am) (?:so|very|truly) sorry (?:that|for)",  # past 16 ways: each run's strings
     ("&", ("|", "i am so sorry ", "i are so sorry ", "we am so sorry ", "i am very sorry ", "we are so sorry ",
            "i am truly sorry ", "i are very sorry ", "we am very sorry ", "i are truly sorry ", "we am truly sorry ",
            "we are very sorry ", "we are truly sorry "), ("|", "for", "that"))),
    ("(?:congratulations|well done)!*", ("|", "well done", "congratulations")),
])
def test_a_prefilter_is_the_strings_every_way_through_holds(pattern, expected):
    assert needs(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\w+ly", "[A-Z]{3,}", "we", "(?:I|we) (?:can|will)?", r"\pL+ly", "un[[:alpha:]]+able",
])
def test_a_prefilter_requires_nothing_when_nothing_can_be_told(pattern):
    assert needs(pattern) is None


def test_the_text_a_prefilter_reads():
    found = prefilter.text("We ARE\n   unable  to", "help")
    assert found.text == " we are unable to help "  # ASCII letters lowered, each white space run one space
    assert prefilter.holds(needs("we (?:are|were) unable to help"), found)
    assert not prefilter.holds(needs("we (?:are|were) unable to assist"), found)
    assert prefilter.text("\u212aind regards") is None  # the Kelvin sign matches k case-insensitively
    assert prefilter.text("We are sorry. " * 3000) is None  # a long draft is not copied and searched for each string
    # white space at either end is kept: a pattern without word boundaries may need it
    assert prefilter.holds(needs(" sky"), prefilter.text("\nsky")) and prefilter.holds(needs("sky "), prefilter.text("sky\n"))
    assert prefilter.holds(["&", 7, {"x": 1}], found)  # a damaged cache entry requires nothing


# -- the built-in packs: no anchor is ever wrong -------------------------------------
def _patterns(rule):
    """The Pattern objects a pack rule's check holds (its phrases, swaps, unless...)."""
    found = []

    def dig(f, depth=0):
        for cell in getattr(f, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, Pattern):
                found.append(value)
            elif isinstance(value, list):
                found.extend(x[0] for x in value if isinstance(x, tuple) and x and isinstance(x[0], Pattern))
            elif callable(value) and depth < 5:
                dig(value, depth + 1)

    dig(rule.check)
    return found


@pytest.fixture(scope="module")
def builtin_patterns():
    linter = Linter(Config())
    out = [p for rule in linter.rules for p in _patterns(rule) if p.anchors is not None]
    assert len(out) > 100  # the packs' phrases are found, and most have anchors
    return out


def _literal_words(pattern: Pattern) -> list[str]:
    return sorted(set(re.findall(r"[A-Za-z]{2,}", pattern.regex.pattern)))


# what may stand next to a pattern's words: spaces, apostrophes, and letters that make
# another word of them ("recover" -> "recovery", "unable" -> "unable's")
JOINERS = [" ", " ", "'", "’", "-", ", ", ". ", "\n", "s", "y", "ed", "ing", "un", "x"]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_builtin_pattern_never_matches_a_text_without_its_anchors(builtin_patterns, data):
    pattern = data.draw(st.sampled_from(builtin_patterns))
    pieces = st.one_of(st.sampled_from(_literal_words(pattern)), st.sampled_from(JOINERS))
    text = "".join(data.draw(st.lists(pieces, min_size=1, max_size=30)))
    if pattern.regex.search(text):
        present = words(text)
        assert present is None or pattern.anchors & present, (pattern.regex.pattern[:80], text)


@pytest.fixture(scope="module")
def builtin_phrases(builtin_patterns):
    """Each phrase of the built-in patterns, with its prefilter, as the cache holds it."""
    out = {}
    for pattern in builtin_patterns:
        for phrase, _, formula in (pattern._alternatives or ((), None))[0]:
            out[phrase] = json.loads(json.dumps(formula))
    assert sum(f is not None for f in out.values()) > 0.9 * len(out)  # most phrases need something
    return sorted(out.items())


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_builtin_phrase_never_matches_a_text_its_prefilter_rules_out(builtin_phrases, data):
    phrase, formula = data.draw(st.sampled_from(builtin_phrases))
    regex = compile_with(rf"\b(?:{phrase})\b", case_sensitive=False)
    pieces = st.one_of(st.sampled_from(re.findall(r"[A-Za-z']+|\s+", phrase.replace(r"\s+", " ").replace(r"\s*", " "))
                                       or ["x"]), st.sampled_from(JOINERS))
    text = "".join(data.draw(st.lists(pieces, min_size=1, max_size=30)))
    if regex.search(text):
        found = prefilter.text(text)
        assert found is None or prefilter.holds(formula, found), (phrase[:80], text)


def test_builtin_patterns_on_their_own_phrases(builtin_patterns):
    """Each pattern's own literal phrases, as written and with their words run on into
    others: wherever it matches, an anchor is there."""
    rng = random.Random(7)
    for p in builtin_patterns:
        for phrase in re.findall(r"[A-Za-z' ]{4,}", p.regex.pattern)[:60]:
            tokens = phrase.split()
            variants = [" ".join(tokens)]
            for i in range(len(tokens)):
                for affix in ("s", "y", "ed", "ing"):
                    variants.append(" ".join(tokens[:i] + [tokens[i] + affix] + tokens[i + 1:]))
                variants.append(" ".join(tokens[:i] + ["un" + tokens[i]] + tokens[i + 1:]))
            for variant in variants:
                text = f"{rng.choice(JOINERS)}{variant}{rng.choice(JOINERS)}"
                if p.regex.search(text):
                    assert p.anchors & words(text), (p.regex.pattern[:80], text)


def test_findings_are_the_same_with_and_without_anchors(monkeypatch):
    """On labelled mail: filtered by anchors, compiled with only the phrases a draft
    could hold, or every pattern whole on every draft, the findings are the same."""
    shared = requires_shared()
    linter = Linter(Config())
    drafts = []
    for name in ("dev", "real", "real2", "real3"):
        drafts += [json.loads(line)["text"] for line in open(shared / "eval" / f"{name}.jsonl") if line.strip()]

    def digest():
        return [[(f.rule, f.offset, f.length, f.message) for f in linter.lint(load_text(t)).findings] for t in drafts]

    filtered = digest()
    with monkeypatch.context() as m:  # every pattern compiled for each draft (or sentence) with only its live phrases
        m.setattr(patterns_module, "FIRST_DRAFTS", 10**9)
        m.setattr(patterns_module, "FIRST_SEARCHES", 10**9)
        assert digest() == filtered
    monkeypatch.setattr(anchors_module, "words", lambda *texts: None)  # every pattern runs, whole
    assert digest() == filtered


# -- the cache ----------------------------------------------------------------------
HOUSE = """pack: House
rules:
  - name: Hollow
    kind: phrase
    category: empathy
    message: "'{match}' is hollow"
    patterns: ["sorry for any inconvenience"]
    examples: {bad: [We are sorry for any inconvenience.], good: [Sorry the part was torn.]}
"""


def test_anchors_are_cached_with_the_pack_and_a_bad_entry_is_worked_out_again(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "House.yml").write_text(HOUSE)
    config = Config(packs=(str(folder),), select=("House",))
    assert [f.rule for f in Linter(config).lint(load_text("Sorry for any inconvenience.")).findings] == ["House.Hollow"]

    entry = cache.entry("packs", str((folder / "House.yml").resolve()))
    head, body = entry.read_text().split("\n", 1)
    stored = json.loads(body)
    # each phrase's anchors, and the strings it needs
    assert list(stored["anchors"].values()) == [{"anchors": [["inconvenience"]], "needs": ["sorry for any inconvenience"]}]

    # an entry whose anchors are of the wrong shape (however whole the entry) is not
    # trusted: the anchors are worked out again; a damaged prefilter requires nothing
    for damaged in ({"anchors": [[7]], "needs": [None]}, [[["inconvenience"]]], {"anchors": [None], "needs": [["&", 7, {}]]}):
        for table in stored["anchors"]:
            stored["anchors"][table] = damaged
        cache.store(entry, json.loads(head)["stamp"], stored)
        linter = Linter(config)
        assert [f.rule for f in linter.lint(load_text("Sorry for any inconvenience.")).findings] == ["House.Hollow"]
        assert linter.lint(load_text("Thanks for waiting.")).findings == []


def test_a_pattern_is_compiled_at_first_with_only_the_phrases_a_draft_could_hold(monkeypatch):
    from tonecheck.packs.patterns import compile_patterns

    table: dict = {}
    kw = dict(bounds=True, case=False, fail=None)
    compile_patterns(["sorry for any inconvenience", "we regret", "at this time"], "patterns", **kw, anchors=table)
    pattern = compile_patterns(["sorry for any inconvenience", "we regret", "at this time"], "patterns", **kw,
                               validated=True, anchors=table)  # as read from the cache
    first = pattern.for_words(words("We regret the delay."))
    assert first.pattern == r"\b(?:(?:we\s+regret))\b"
    assert pattern._regex is None  # the whole alternation is not compiled for one draft
    # its words there, but not the phrase: "regret" and "we" apart, "for any" but no "sorry"
    text = "We're sorry, and we do not regret it; thanks for any inconvenience at this time."
    second = pattern.for_words(words(text), lambda: prefilter.text(text))
    assert second.pattern == r"\b(?:(?:at\s+this\s+time))\b"
    whole = pattern.for_words(words("We regret it."))  # a Linter checking many drafts: compiled once, whole
    assert whole is pattern.regex and "inconvenience" in whole.pattern


TOUCHING = """pack: House
rules:
  - name: Cant
    kind: phrase
    category: negative_framing
    message: "'{match}'"
    patterns: ["we can't", ",we"]
    examples: {bad: ["We can't do that."], good: [It is out of stock.]}
"""


def test_regions_that_touch_are_read_as_one_text_as_the_pattern_searches_them(tmp_path, monkeypatch):
    # "Hi Sam,we can't": the greeting and the body touch, and ",we" (across them) takes
    # the characters "we can't" would start with: compiled only for its first drafts or
    # whole, the pattern finds the same
    (tmp_path / "House.yml").write_text(TOUCHING)
    config = Config(packs=(str(tmp_path),), select=("House",))
    draft = "Hi Sam,we can't do that.\n\nBest,\nAnn"
    Linter(config)  # the pack's prefilters, cached

    def found(first: int):
        monkeypatch.setattr(patterns_module, "FIRST_DRAFTS", first)
        return [(f.offset, f.length) for f in Linter(config).lint(load_text(draft)).findings]

    assert found(10**9) == found(0)


def test_a_pattern_asked_about_a_few_sentences_compiles_at_first_only_what_they_could_hold(monkeypatch):
    from tonecheck.packs.patterns import compile_patterns

    monkeypatch.setattr(patterns_module, "FIRST_SEARCHES", 2)
    table: dict = {}
    kw = dict(bounds=True, case=False, fail=None)
    phrases = ["but we can", "instead", "another option"]
    compile_patterns(phrases, "unless", **kw, anchors=table)
    pattern = compile_patterns(phrases, "unless", **kw, validated=True, anchors=table)
    assert pattern.for_texts(["We can't refund it.", "Instead, we'll send a voucher."]).pattern == r"\b(?:(?:instead))\b"
    assert pattern.for_texts(["We can't refund it."]) is None  # nothing it could find: nothing compiled
    assert pattern._regex is None
    assert pattern.for_texts(["No."]) is pattern.regex  # past the first searches, compiled once, whole


def test_a_long_text_is_read_in_chunks_with_no_word_cut():
    rng = random.Random(3)
    vocabulary = ["sorry", "Inconvenience", "we'll", "follow-up", "café", "A1_b2", "x" * 50]
    text = " ".join(rng.choice(vocabulary) for _ in range(anchors_module.CHUNK // 3))
    assert len(text) > 2 * anchors_module.CHUNK
    assert words(text) == frozenset(re.findall(r"[a-z0-9_]+", text.lower()))
    assert words("We are", "sorry") == {"we", "are", "sorry"}  # each text's words, none run together


def test_a_pattern_can_be_copied():
    import copy

    from tonecheck.packs.patterns import compile_patterns

    pattern = compile_patterns(["we regret"], "patterns", bounds=True, case=False, fail=None)
    assert copy.copy(pattern).search("We regret it.").group() == "We regret"
