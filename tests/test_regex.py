"""tonecheck.regex: RE2 with a direct path for ASCII text, which must answer exactly as
google-re2's own path does."""
import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck import regex

PATTERNS = [
    r"\b(?:sorry|apologi[sz]e)\b",
    r"(\w+) (?:will|'ll) (?P<verb>\w+)",
    r"a*",  # empty matches: the search moves on one character
    r"\b",
    r"^\s*hi\b",
    r"[.!?]\s+",
    r"\bWe\s+(?:['’]ll|Will)\s+\S+",  # upper-case literals, an upper-case escape, ’
    r"[A-Z]\W",
    r"\b(?:I|we) (?-i:Will)\b",  # case-folding turned off inside: never folded
]
TEXT = st.text(
    alphabet=st.sampled_from(list("aAb sorry apologise will'll WILL We hi .!?\n") + ["é", "É", "İ", "’", "😀"]),
    max_size=60,
)


def _spans(matches):
    return [(m.span(), m.groups(), m.group()) for m in matches]


@settings(max_examples=200, deadline=None)
@given(text=TEXT, index=st.integers(0, len(PATTERNS) - 1), case=st.booleans())
def test_the_direct_path_answers_as_google_re2_does(text, index, case):
    pattern = PATTERNS[index]
    ours = regex.compile_with(pattern, case_sensitive=case)
    opts = re2.Options()
    opts.case_sensitive = case
    theirs = re2.compile(pattern, opts)
    assert _spans(ours.finditer(text)) == _spans(theirs.finditer(text))
    assert ours.findall(text) == theirs.findall(text)
    assert ours.sub("-", text) == theirs.sub("-", text)
    assert ours.subn("-", text, 1) == theirs.subn("-", text, 1)
    for method in ("search", "match"):
        a, b = getattr(ours, method)(text), getattr(theirs, method)(text)
        assert (a is None) == (b is None)
        if a is not None:
            assert (a.span(), a.groups(), a.group(), a.groupdict()) == (b.span(), b.groups(), b.group(), b.groupdict())


@settings(max_examples=100, deadline=None)
@given(text=TEXT, index=st.integers(0, len(PATTERNS) - 1), pos=st.integers(0, 8))
def test_a_folded_pattern_answers_as_a_case_folding_one_from_any_position(text, index, pos):
    ours = regex.compile_with(PATTERNS[index], case_sensitive=False)
    opts = re2.Options()
    opts.case_sensitive = False
    theirs = re2.compile(PATTERNS[index], opts)
    a, b = ours.search(text, pos), theirs.search(text, pos)
    assert (a and (a.span(), a.group(), a.string)) == (b and (b.span(), b.group(), b.string))
    assert ours.split(text) == theirs.split(text)


def test_a_case_insensitive_pattern_is_compiled_lower_case_where_that_means_the_same():
    folded = regex.compile(r"\bWe\s+\S+ (?:Sorry|['’]ll)", ignore_case=True)
    assert isinstance(folded, regex.Folded)
    assert folded.pattern == r"\bWe\s+\S+ (?:Sorry|['’]ll)"  # as written
    found = folded.search("Oh, WE are SORRY")
    assert found.group() == "WE are SORRY" and found.string == "Oh, WE are SORRY"
    # a literal with case outside ASCII, case-folding turned off inside, a range from
    # upper to lower case, an escape that names a letter: each keeps RE2's case-folding
    # (or a digit: \101 is "A"), a class of one case
    for pattern in ("café", r"(?-i:Smith)", "[A-z]", r"\x41", r"\p{Lu}", r"\101b", "[[:upper:]]x"):
        assert not isinstance(regex.compile(pattern, ignore_case=True), regex.Folded), pattern
    assert regex.compile("café", ignore_case=True).search("CAFÉ")
    assert regex.compile(r"\101b", ignore_case=True).search("Ab") and regex.compile("[[:upper:]]x", ignore_case=True).search("ax")


@pytest.mark.parametrize("text", [
    "We will ring you. " * 200 + "WE WILL call",  # past the length whose bytes are kept
    "Désolé. " * 300 + "WE WILL",  # long and not ASCII: google-re2's own path
    "Café, WE WILL",
])
def test_short_and_long_and_odd_texts_answer_alike(text):
    for case in (True, False):
        ours = regex.compile_with(r"\bwe\s+will\b", case_sensitive=case)
        opts = re2.Options()
        opts.case_sensitive = case
        theirs = re2.compile(r"\bwe\s+will\b", opts)
        assert _spans(ours.finditer(text)) == _spans(theirs.finditer(text))
        assert (ours.search(text) is None) == (theirs.search(text) is None)


def test_ascii_text_takes_the_direct_path():
    assert regex.FAST  # this google-re2 has the internals the direct path uses
    pattern = regex.compile(r"\bsorry\b", ignore_case=True)
    assert isinstance(pattern, regex.Regex)
    found = pattern.search("We are SORRY.")
    assert found.span() == (7, 12) and found.group() == "SORRY"
    # outside ASCII, offsets are characters all the same
    assert pattern.search("Désolé, sorry.").span() == (8, 13)


def test_a_pattern_is_compiled_once_per_process():
    assert regex.compile_with(r"\bonce\b") is regex.compile_with(r"\bonce\b")
