"""tonecheck.regex: RE2 with a direct path for ASCII text, which must answer exactly as
google-re2's own path does."""
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
]
TEXT = st.text(alphabet=st.sampled_from(list("aAb sorry apologise will'll hi .!?\n") + ["é", "’", "😀"]), max_size=60)


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
    for method in ("search", "match"):
        a, b = getattr(ours, method)(text), getattr(theirs, method)(text)
        assert (a is None) == (b is None)
        if a is not None:
            assert (a.span(), a.groups(), a.group(), a.groupdict()) == (b.span(), b.groups(), b.group(), b.groupdict())


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
