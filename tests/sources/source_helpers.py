"""What the source tests share: a draft's regions listed with their invariants checked,
and messages and mboxes built with the standard email package."""
from email.message import EmailMessage

from tonecheck.draft import REGION_KINDS
from tonecheck.sources import load_text


def check_invariants(draft):
    """Regions are ordered, disjoint, inside the text and trimmed to content."""
    prev_end = 0
    for r in draft.regions:
        assert r.kind in REGION_KINDS
        assert prev_end <= r.start < r.end <= len(draft.text), draft.regions
        chunk = draft.text[r.start:r.end]
        assert chunk == chunk.strip(), (r, chunk)
        prev_end = r.end
    if draft.offset_map is not None:
        assert len(draft.offset_map) == len(draft.text) + 1
        assert draft.offset_map[-1] == len(draft.source)


def parts(draft):
    """[(kind, text)] for every region, as a reader would list them."""
    check_invariants(draft)
    return [(r.kind, draft.text[r.start:r.end]) for r in draft.regions]


def kinds(text):
    return [k for k, _ in parts(load_text(text))]


def make_message(body, *, subtype="plain", charset="utf-8", cte=None, **headers):
    msg = EmailMessage()
    msg["From"] = headers.get("sender", "Support <help@example.com>")
    msg["To"] = "Tom <tom@example.com>"
    msg["Subject"] = headers.get("subject", "Re: your sofa")
    msg["Date"] = "Tue, 04 Mar 2025 09:12:00 +0000"
    msg["Message-ID"] = "<1@example.com>"
    msg.set_content(body, subtype=subtype, charset=charset, cte=cte)
    return msg


REPLY_BODY = "Hi Tom,\n\nYour sofa arrives Friday — café au lait colour.\n\nThanks,\nMaya\n"


INCONVENIENCE = "Hi Sam,\n\nWe apologise for any{sp}inconvenience.\n\nThanks,\nAmy\n"


def make_mbox(*bodies):
    out = b""
    for n, body in enumerate(bodies, 1):
        msg = make_message(body, subject=f"message {n}") if isinstance(body, str) else body
        out += b"From help@example.com Tue Mar  4 09:12:00 2025\n" + msg.as_bytes() + b"\n"
    return out

