"""RFC 822 messages (.eml) and mbox files, read with the standard ``email`` package.

The Draft is the message body: the first text/plain part, else the first text/html
part converted to text. It is decoded with the part's charset and CRLF becomes LF,
so offsets index the decoded body (for HTML, ``source`` is the decoded HTML).
Broken messages are read as far as the ``email`` package can; the only error raised
is ``InputError``.
"""
from __future__ import annotations

import re

from ..draft import Draft
from ..errors import InputError

# An mbox "From " line: "From sender@host Sun Aug  7 11:40:37 2022" (date optional).
_MBOX_FROM = re.compile(rb"From [^\s:]+(?:[ \t].*)?\r?$")
_MBOX_SPLIT = re.compile(rb"(?<=\n)\r?\n(?=From [^\s:]+(?:[ \t][^\n]*)?\r?\n[\x21-\x39\x3b-\x7e]+:)")
_META = ("from", "to", "cc", "date", "message-id")


def parse_eml(data: bytes, path: str = "-") -> Draft:
    """Parse one message (or the first of an mbox) into a Draft of its body."""
    import email
    import email.policy

    meta: dict = {}
    first_line = data.split(b"\n", 1)[0]
    if _MBOX_FROM.match(first_line):
        # mbox: messages start at "From " lines after a blank line; read the first.
        messages = _MBOX_SPLIT.split(data)
        meta["messages"] = len(messages)
        data = messages[0].split(b"\n", 1)[1] if b"\n" in messages[0] else b""
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        for name in _META:
            value = _header(msg, name)
            if value is not None:
                meta[name] = value
        subject = _header(msg, "subject")
        part, kind = _body_part(msg), None
        if part is None:
            # A broken boundary: the compat32 parser is more forgiving of those.
            part = _body_part(email.message_from_bytes(data, policy=email.policy.compat32))
        if part is None and msg.get_content_maintype() == "multipart" and isinstance(msg.get_payload(), str):
            part, kind = msg, "plain"  # a multipart without a boundary: read it as text
        if part is not None:
            kind = kind or part.get_content_subtype()
            body, charset = _decode(part)
    except Exception as exc:  # the email package is lenient; this is a last resort
        raise InputError(f"{path}: cannot read the message: {exc}") from None
    if part is None:
        raise InputError(f"{path}: the message has no text/plain or text/html part to check")
    body = body.replace("\r\n", "\n")
    if "\x00" in body:
        raise InputError(f"{path}: the message body is binary (NUL bytes), not text")
    if not body.strip():
        raise InputError(f"{path}: empty message body: nothing to check")
    meta["content-type"] = f"text/{kind}"
    meta["charset"] = charset

    if kind == "html":
        from .html import parse_html

        draft = parse_html(body, path)
        if not draft.text.strip():
            raise InputError(f"{path}: the HTML body has no visible text: nothing to check")
    else:
        from .plain import split_regions

        draft = Draft(text=body, regions=split_regions(body), path=path)
    draft.format, draft.subject, draft.meta = "eml", subject, meta
    return draft


def _header(msg, name: str) -> str | None:
    """A header as text; the raw value when the structured parser chokes on it."""
    try:
        value = msg.get(name)
        return None if value is None else str(value)
    except Exception:
        for key, raw in msg.raw_items():
            if key.lower() == name:
                return str(raw)
        return None


def _body_part(msg):
    """The first text/plain part that is not an attachment, else the first text/html."""
    found = {}
    for part in msg.walk():
        try:
            if part.is_multipart() or part.get_content_maintype() != "text":
                continue
            if part.get_content_disposition() == "attachment":
                continue
            sub = part.get_content_subtype()
        except Exception:
            continue
        if sub in ("plain", "html"):
            found.setdefault(sub, part)
    # Not `or`: a Message without headers is falsy.
    return found["plain"] if "plain" in found else found.get("html")


def _decode(part) -> tuple[str, str]:
    """The part's text and the charset used. An unknown or wrong charset falls back
    to UTF-8, then Latin-1 (which decodes any bytes)."""
    import codecs

    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    charset = (part.get_content_charset() or "us-ascii").strip().lower()
    try:
        codecs.lookup(charset)
    except (LookupError, ValueError):
        charset = None
    for cs in filter(None, (charset, "utf-8")):
        try:
            return payload.decode(cs), cs
        except (UnicodeDecodeError, LookupError):
            pass
    if charset and charset not in ("us-ascii", "ascii"):
        try:  # mostly right beats all wrong: keep the declared charset
            return payload.decode(charset, errors="replace"), charset
        except LookupError:  # not a text codec ("base64")
            pass
    return payload.decode("latin-1"), "latin-1"
