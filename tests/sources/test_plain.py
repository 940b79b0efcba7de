"""tonecheck/sources/plain.py: plain text as read (CRLF, a byte-order mark), Unicode
spaces and curly apostrophes one for one, zero-width characters dropped and mapped back."""
import json

import pytest

from source_helpers import INCONVENIENCE, check_invariants, parts
from tonecheck.sources import load_bytes, load_text


def test_crlf_text_keeps_its_offsets():
    text = ("Hi Tom,\r\n\r\nYour sofa is late.\r\n\r\nThanks,\r\nMaya\r\n\r\n"
            "On Mon, Tom wrote:\r\n> Where is it?\r\n")
    draft = load_text(text)
    assert draft.text == text  # nothing is normalised
    assert parts(draft) == [("greeting", "Hi Tom,"), ("body", "Your sofa is late."),
                            ("signoff", "Thanks,\r\nMaya"),
                            ("quote", "On Mon, Tom wrote:\r\n> Where is it?")]


def test_load_bytes_offsets_are_str_indices():
    draft = load_bytes("Hi Zoë,\n\nSorry — the £49 fee is refunded.\n".encode())
    body = next(r for r in draft.regions if r.kind == "body")
    assert draft.text[body.start:body.end] == "Sorry — the £49 fee is refunded."


def test_a_byte_order_mark_is_kept_but_not_part_of_a_region():
    draft = load_bytes("\ufeffHi Tom,\n\nAll done.".encode())
    assert draft.text.startswith("\ufeff") and parts(draft)[0] == ("greeting", "Hi Tom,")
    assert draft.regions[0].start == 1


@pytest.mark.parametrize("space", ["\u00a0", "\u2007", "\u202f", "\u2002", "\u200a", "\u3000"])
def test_unicode_spaces_are_plain_spaces_for_the_rules_one_for_one(space):
    text = INCONVENIENCE.format(sp=space)
    draft = load_text(text)
    check_invariants(draft)
    assert draft.text == INCONVENIENCE.format(sp=" ")  # what the rules read: same length
    assert draft.original == text and draft.offset_map is None  # what the report shows
    assert parts(draft)[1] == ("body", "We apologise for any inconvenience.")


def test_zero_width_spaces_are_dropped_and_offsets_map_back():
    text = "Hi Sam,\n\nWe apologise for any \u200binconvenience & the wait.\u2060\n"
    draft = load_text(text)
    check_invariants(draft)
    assert draft.text == text.replace("\u200b", "").replace("\u2060", "")
    assert draft.source == text
    i = draft.text.index("any inconvenience")
    assert text[slice(*draft.to_source(i, i + len("any inconvenience")))] == "any \u200binconvenience"
    amp = draft.text.index("&")
    assert draft.to_source(amp, amp + 1) == (text.index("&"), text.index("&") + 1)  # not an entity


def test_cli_no_break_spaces_do_not_hide_any_inconvenience(run, tmp_path):
    (tmp_path / "d.txt").write_text(INCONVENIENCE.format(sp="\u00a0"), encoding="utf-8")
    (tmp_path / "d.html").write_text("<p>Hi Sam,</p><p>We apologise for any&nbsp;inconvenience.</p>"
                                     "<p>Thanks,<br>Amy</p>", encoding="utf-8")
    result = run("check", "--format", "json", "d.txt", "d.html")
    assert result.exit_code == 1, result.output
    by_path = {f["path"]: f for f in json.loads(result.output)["files"]}
    for path, expected in [("d.txt", "any\u00a0inconvenience"), ("d.html", "any&nbsp;inconvenience")]:
        source = (tmp_path / path).read_text(encoding="utf-8")
        spans = {f["rule"]: source[f["offset"]:f["offset"] + f["length"]] for f in by_path[path]["findings"]}
        assert "Apology.AnyInconvenience" in spans, by_path[path]
        assert spans["Apology.AnyInconvenience"].endswith(expected)
    text = run("check", "d.txt").output
    assert "We apologise for any\u00a0inconvenience." in text  # the excerpt is the draft as written


def test_curly_apostrophes_read_as_straight_ones_one_for_one(run, tmp_path):
    text = "Hi Jo,\n\nWe\u2019ll look into it and get back to you.\n\nSam\n"
    draft = load_text(text)
    assert draft.text == text.replace("\u2019", "'") and draft.original == text
    (tmp_path / "d.txt").write_text(text)
    result = run("check", "-q", "--select", "Commitment", "d.txt")
    assert "Commitment.VaguePromise" in result.output
    assert "'ll look into" in result.output  # the words as written, shown where they are

