"""Real mail from other projects' test suites: is the writer's text told apart from
the quoted thread and the signature as those projects expect?

The corpus lives in ../shared/mail-corpus (see its README for the manifest fields).
Replies where tonecheck deliberately or knowingly differs from the source's expectation
are listed in XFAIL with the reason; they are strict, so a fix shows up too.
"""
import json
import os
import re
from bisect import bisect_left
from pathlib import Path

import pytest

from tonecheck.draft import REGION_KINDS, WRITER_KINDS, plain_characters
from tonecheck.errors import InputError
from tonecheck.sources import load_all, load_bytes

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "mail-corpus"

if not (CORPUS / "manifest.jsonl").is_file():
    if os.environ.get("CI"):
        pytest.fail(f"{CORPUS} is missing; CI must have ../shared beside the checkout", pytrace=False)
    pytest.skip("../shared/mail-corpus is not beside this checkout", allow_module_level=True)

MANIFEST = [json.loads(line) for line in (CORPUS / "manifest.jsonl").open(encoding="utf-8")]

# The expected reply where we differ from the source project.
XFAIL = {
    "files/talon/reply-separated-by-hr.html":
        'talon also drops "Bob" above the <hr> (the manifest calls it ambiguous); '
        "we keep the writer's last line",
    "files/talon/signature/short_url_body":
        'talon\'s signature extractor removes the closing "Thank you,\\nNoam"; '
        "tonecheck keeps closings as the writer's signoff region",
    "files/talon-inline/dont_parse_quotations_for_forwarded_messages.txt":
        "talon keeps a forwarded message in the reply; tonecheck marks it as quote, "
        "since the writer did not write it",
    "files/github-email_reply_parser/email_1_6.txt":
        'email_reply_parser only knows "Sent from my ..."; we also take '
        '"Sent from a magnificent torch of pixels" as the mobile signature it is '
        "(the manifest's signature_marker agrees)",
}

# Files with nothing to check: the reason is part of the expectation.
NO_TEXT = {
    "files/cpython/msg_06.txt": "empty message body",
    "files/mikel-mail/error_emails/bad_date_header.eml": "empty message body",
    "files/mikel-mail/attachment_emails/attachment_message_rfc822_inline_image.eml":
        "no visible text",
}


def cases(select, xfail=None):
    out = []
    for entry in MANIFEST:
        if not select(entry):
            continue
        reason = (xfail or {}).get(entry["file"])
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(entry, id=entry["file"].removeprefix("files/"), marks=marks))
    return out


def load(entry):
    return load_bytes((CORPUS / entry["file"]).read_bytes(), entry["file"])


def text_index(draft, marker):
    """Index in draft.text of the marker's first occurrence, matched where the
    manifest says: the decoded body for .eml and text, the source for HTML."""
    if draft.offset_map is None:  # the text is the source, one for one
        return draft.original.find(marker)
    at = draft.source.find(marker)
    if at < 0:
        return -1
    i = bisect_left(draft.offset_map, at)
    return i if i < len(draft.text) and draft.offset_map[i] < at + len(marker) else -1


def normalise(text, rule):
    if rule == "exact":
        return text
    if rule == "compare with ALL whitespace removed":
        return re.sub(r"\s+", "", text)
    if rule.startswith("strip trailing whitespace on every line"):
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


def writer_parts(draft, keep_signature):
    """The writer's pieces: runs of adjacent writer regions, split by the quotes."""
    kinds = WRITER_KINDS | ({"signature"} if keep_signature else set())
    pieces, run = [], None
    for r in draft.regions:
        if r.kind in kinds:
            run = (r.start if run is None else run[0], r.end)
        elif run is not None:
            pieces.append(draft.text[run[0]:run[1]])
            run = None
    if run is not None:
        pieces.append(draft.text[run[0]:run[1]])
    return pieces


@pytest.mark.parametrize("entry", cases(lambda e: e.get("quoted_marker")))
def test_quoted_marker_is_in_the_quote(entry):
    draft = load(entry)
    at = text_index(draft, entry["quoted_marker"])
    assert at >= 0, "quoted_marker not found"
    region = draft.region_at(at)
    assert region is not None and region.kind == "quote", (region, draft.regions)


@pytest.mark.parametrize("entry", cases(lambda e: e.get("signature_marker")))
def test_signature_marker_is_not_in_the_body(entry):
    draft = load(entry)
    at = text_index(draft, entry["signature_marker"])
    assert at >= 0, "signature_marker not found"
    region = draft.region_at(at)
    assert region is not None and region.kind in ("signoff", "signature", "quote"), region


@pytest.mark.parametrize("entry", cases(lambda e: e.get("reply") is not None or e.get("reply_parts"),
                                         xfail=XFAIL))
def test_writer_text_matches_the_expected_reply(entry):
    draft = load(entry)
    scope = entry["reply_scope"]
    keep_signature = "signature kept" in scope or "signature" not in scope
    expected = entry.get("reply_parts") or [entry["reply"]]
    rule = entry["reply_compare"]
    got = [normalise(p, rule) for p in writer_parts(draft, keep_signature)]
    # the rules read Unicode spaces and curly apostrophes as plain ones, one for one
    assert got == [normalise(plain_characters(p), rule) for p in expected]


@pytest.mark.parametrize("entry", cases(lambda e: True))
def test_every_file_loads_with_well_formed_regions(entry):
    name = entry["file"]
    if name in NO_TEXT:
        with pytest.raises(InputError, match=NO_TEXT[name]):
            load(entry)
        return
    draft = load(entry)
    expected_format = ("html" if name.endswith(".html")
                       else "eml" if name.endswith((".eml", ".mbox")) or "/cpython/" in name
                       else "text")
    assert draft.format == expected_format
    end = 0
    for r in draft.regions:
        assert r.kind in REGION_KINDS
        assert end <= r.start < r.end <= len(draft.text), draft.regions
        end = r.end
    if draft.offset_map is not None:
        assert len(draft.offset_map) == len(draft.text) + 1
        assert all(a <= b for a, b in zip(draft.offset_map, draft.offset_map[1:]))


@pytest.mark.parametrize("entry", cases(lambda e: {"mbox", "mbox-from-line", "From-in-body", "digest"} & set(e["kind"])))
def test_no_file_is_split_into_messages_it_does_not_hold(entry):
    """Each of these is one message (mailbox_01's body has an unescaped "From " line,
    others start with an mbox "From " line or carry messages inside): load_all, which
    checks every message of an mbox, must give the one draft load_bytes gives."""
    data = (CORPUS / entry["file"]).read_bytes()
    [got] = load_all(data, entry["file"])
    if entry["file"] in NO_TEXT:
        assert isinstance(got, InputError) and NO_TEXT[entry["file"]] in str(got)
        return
    draft = load(entry)
    assert (got.path, got.text, got.regions) == (draft.path, draft.text, draft.regions)


# --- the writer's words are judged, the quoted customer's never ---------------------------

INJECTED = "Our warehouse team only processes returns in batches, in line with our internal procedures."


def _plain_replies():
    """Replies whose text is plain (a .txt, or a message's text/plain part) and that
    hold both the writer's words and a quote: where a sentence can be put in either."""
    out = []
    for entry in MANIFEST:
        if entry["file"] in NO_TEXT:
            continue
        try:
            draft = load(entry)
        except InputError:
            continue
        kinds = [r.kind for r in draft.regions]
        plain = draft.format == "text" or draft.meta.get("content-type") == "text/plain"
        if plain and "quote" in kinds and WRITER_KINDS & set(kinds):
            out.append(pytest.param(entry, id=entry["file"].removeprefix("files/")))
    return out


@pytest.fixture(scope="module")
def strict_linter():
    from tonecheck.config import Config
    from tonecheck.engine import Linter

    return Linter(Config(demote_above=100))


@pytest.mark.parametrize("entry", _plain_replies())
def test_a_sentence_is_judged_in_the_writer_s_part_and_never_in_the_quote(entry, strict_linter):
    from tonecheck.sources import load_text

    text = load(entry).text
    regions = load(entry).regions
    writer = next(r for r in regions if r.kind in ("body", "greeting", "signoff"))
    quote = next(r for r in regions if r.kind == "quote")

    def judged(at: int, sentence: str) -> list:
        new = text[:at] + sentence + text[at:]
        report = strict_linter.lint(load_text(new, entry["file"]))
        start = at + sentence.index(INJECTED)
        return [f for f in report.findings if f.category == "company_centric" and f.offset < start + len(INJECTED) and start < f.end]

    # in the writer's part: a paragraph of its own just before their first words
    assert judged(writer.start, INJECTED + "\n\n"), f"not flagged in the writer's text of {entry['file']}"
    # in the quote: a quoted line of its own at the quote's end, as the customer's words
    line_start = text.rfind("\n", quote.start, quote.end) + 1 or quote.start
    marker = "> " if text[line_start:quote.end].lstrip().startswith(">") else ""
    assert not judged(quote.end, "\n" + marker + INJECTED), f"flagged in the quote of {entry['file']}"


def test_every_message_of_the_corpus_is_checked_without_a_crash(strict_linter):
    """Every file, every message of an mbox: read and judged, or refused with the reason."""
    checked = 0
    for entry in MANIFEST:
        for draft in load_all((CORPUS / entry["file"]).read_bytes(), entry["file"]):
            if isinstance(draft, InputError):
                assert entry["file"] in NO_TEXT or "nothing to check" in str(draft) or "no text/plain" in str(draft), draft
                continue
            report = strict_linter.lint(draft)
            crashes = [e for e in report.errors if "raised" in e]
            assert not crashes, (entry["file"], crashes)
            assert all(0 <= f.offset <= f.end <= len(report.text) for f in report.findings)
            checked += 1
    assert checked >= 140
