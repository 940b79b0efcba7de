"""RFC 822 messages (.eml) and mbox files, read with the standard ``email`` package.

The Draft is the message body: the first text/plain part, else (or when that part is
blank, as some clients send with an HTML alternative, or cannot be decoded) the first text/html part
converted to text. It is decoded with the part's charset and CRLF becomes LF, so
offsets index the decoded body (for HTML, ``source`` is the decoded HTML).
Broken messages are read as far as the ``email`` package can; the only error raised
is ``InputError``. ``split_mbox`` cuts an mbox into its messages; ``looks_like_message``
and ``starts_like_mail`` tell mail from other drafts.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import re_cached
from ..draft import Draft, is_blank
from ..errors import InputError

# An mbox "From " line: "From sender@host Sun Aug  7 11:40:37 2022" (date optional).
_MBOX_FROM = re_cached.compile(rb"From [^\s:]+(?:[ \t].*)?\r?$")
_MBOX_SPLIT = re_cached.compile(rb"(?<=\n)\r?\n(?=From [^\s:]+(?:[ \t][^\n]*)?\r?\n[\x21-\x39\x3b-\x7e]+:)")
_META = ("from", "to", "cc", "bcc", "date", "message-id", "x-tonecheck-context")
#: Fields that may be given more than once, each adding recipients.
_RECIPIENT_FIELDS = frozenset({"to", "cc", "bcc"})
#: A UTF-8 byte-order mark, as any draft's bytes may start with: the one definition, here
#: because every other source module imports this one.
BOM = b"\xef\xbb\xbf"
# A header line "Name: value"; continuation lines start with whitespace.
_HEADER_LINE = re_cached.compile(r"([!-9;-~]+)[ \t]*:")
_MBOX_FROM_LINE = re_cached.compile(r"From [^\s:]+(?:[ \t].*)?$")
_ADDRESS_FIELDS = {"from", "to", "cc", "subject", "date", "reply-to", "sender"}
_TRANSPORT_FIELDS = {"received", "mime-version", "message-id", "return-path", "content-type",
                     "delivered-to", "content-transfer-encoding", "in-reply-to", "references"}


def looks_like_message(head: str) -> bool:
    """A run of header lines at the very start, with a transport header (Received,
    MIME-Version, ...) or two address fields. It normally ends with a blank line;
    broken messages may run straight into the body after a few headers."""
    lines = head.split("\n", 200)
    if lines and _MBOX_FROM_LINE.match(lines[0].rstrip("\r")):
        lines = lines[1:]
    names = []
    for line in lines:
        line = line.rstrip("\r")
        if not line:
            break
        if line[0] in " \t" and names:
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            if len(names) < 2:
                return False
            break
        names.append(m.group(1).lower())
    else:
        if len(lines) > 200:
            return False  # no blank line in sight
    fields = set(names)
    return bool(fields & _TRANSPORT_FIELDS) or len(fields & _ADDRESS_FIELDS) >= 2


def starts_like_mail(data: bytes) -> bool:
    """Does a .eml or .mbox file start with a header line ("Subject: ...") or an mbox
    "From " line? Then it is mail, even one too short to sniff as mail; a .eml with no
    headers at all is not a message."""
    first = data[:1024].removeprefix(BOM).decode("latin-1").split("\n", 1)[0].rstrip("\r")
    return bool(_HEADER_LINE.match(first) or _MBOX_FROM_LINE.match(first))


def split_mbox(data: bytes) -> list[bytes] | None:
    """The messages of an mbox, each without its "From " line; None when ``data`` does
    not start with one. A message starts at a "From " line after a blank line and
    before a header line, so an unescaped "From " line in a body does not split it.
    The blank line that ends each message in an mbox is not part of it."""
    if not _MBOX_FROM.match(data.split(b"\n", 1)[0]):
        return None
    messages = [m.split(b"\n", 1)[1] if b"\n" in m else b"" for m in _MBOX_SPLIT.split(data)]
    last = messages[-1]
    if last.endswith(b"\n\n") or last.endswith(b"\r\n\r\n"):
        messages[-1] = last[:-2] if last.endswith(b"\r\n") else last[:-1]
    return messages


def parse_eml(data: bytes, path: str = "-") -> Draft:
    """Parse one message (or the first of an mbox) into a Draft of its body."""
    import email
    import email.policy

    meta: dict = {}
    messages = split_mbox(data)
    if messages is not None:
        meta["messages"] = len(messages)
        data = messages[0]
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        for name in _META:
            value = _header(msg, name)
            if value is not None:
                meta[name] = value
        subject = _header(msg, "subject")
        parts = _body_parts(msg)
        if not parts:
            # A broken boundary: the compat32 parser is more forgiving of those.
            parts = _body_parts(email.message_from_bytes(data, policy=email.policy.compat32))
        if not parts and msg.get_content_maintype() == "multipart" and isinstance(msg.get_payload(), str):
            parts = [(msg, "plain")]  # a multipart without a boundary: read it as text
    except Exception as exc:  # the email package is lenient; this is a last resort
        raise InputError(f"{path}: cannot read the message: {exc}") from None
    if not parts:
        raise InputError(f"{path}: the message has no text/plain or text/html part to check")
    # The first part with something to check: a blank text/plain beside an HTML
    # alternative is a client's placeholder, not the message.
    problem = None
    for part, kind in parts:
        try:
            try:
                body, charset = _decode(part)
            except Exception as exc:
                raise InputError(f"{path}: cannot read the message: {exc}") from None
            draft = _draft(body.replace("\r\n", "\n"), kind, path)
        except InputError as exc:
            problem = problem or exc
            continue
        meta["content-type"] = f"text/{kind}"
        meta["charset"] = charset
        if messages is None or len(messages) == 1:  # load_all places each of several
            start = _body_line(data, part, kind)
            if start is not None:
                meta["body_line_offset"] = start + (messages is not None)  # an mbox's "From " line
        draft.format, draft.subject, draft.meta = "eml", subject, meta
        return draft
    raise problem


def _body_line(data: bytes, part, kind: str) -> int | None:
    """How many lines of the file come before the body, when the body is the file's
    own lines (plain text sent 7bit or 8bit): then a finding's line is the line an
    editor shows. None for base64, quoted-printable and HTML, whose lines are the
    decoded body's."""
    encoding = (part.get("content-transfer-encoding") or "7bit").strip().lower()
    if kind != "plain" or encoding not in ("7bit", "8bit", "binary"):
        return None
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str) or not raw.strip():
        return None
    flat = data.replace(b"\r\n", b"\n")
    headers_end = flat.find(b"\n\n")  # the body comes after the headers, which may repeat its words
    # the bytes as they are in the file: kept as escapes, or 8bit text the parser decoded
    # with the part's charset (Latin-1, windows-1252)
    for codec in dict.fromkeys(("ascii", part.get_content_charset() or "utf-8", "utf-8")):
        try:
            needle = raw.encode(codec, "surrogateescape").replace(b"\r\n", b"\n")
        except (UnicodeEncodeError, LookupError):
            continue
        pos = flat.find(needle, headers_end + 1 if headers_end >= 0 else 0)
        if pos >= 0:
            return flat.count(b"\n", 0, pos)
    return None


def _draft(body: str, kind: str, path: str) -> Draft:
    if "\x00" in body:
        raise InputError(f"{path}: the message body is binary (NUL bytes), not text")
    if is_blank(body):
        raise InputError(f"{path}: empty message body: nothing to check")
    from .body import body_draft

    return body_draft(body, kind, path, what="the HTML body")


def _header(msg, name: str) -> str | None:
    """A header as text; the raw value when the structured parser chokes on it. An
    address field given twice (two Cc lines) is every one of them, as ``sendmail -t``
    reads them."""
    every = name in _RECIPIENT_FIELDS
    try:
        values = [str(v) for v in (msg.get_all(name) or ()) if v is not None] if every else [msg.get(name)]
        values = [str(v) for v in values if v is not None]
    except Exception:
        values = [str(raw) for key, raw in msg.raw_items() if key.lower() == name]
        values = values if every else values[:1]
    return ", ".join(values) if values else None


def _body_parts(msg) -> list:
    """[(part, subtype)]: the first text/plain part that is not an attachment, then
    the first text/html one; either may be missing."""
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
    # Not truth tests: a Message without headers is falsy.
    return [(found[sub], sub) for sub in ("plain", "html") if sub in found]


_PRINTABLE = bytes([9, 10, 13, *range(32, 127)])  # tab, newlines and printable ASCII


@lru_cache(maxsize=1)
def _foreign() -> re.Pattern:
    """Characters past U+2FFF: CJK and beyond (compiled on first need: ~3 ms)."""
    return re_cached.compile("[\u3000-\U0010ffff]")


def _check_sense(payload: bytes, text: str, charset: str) -> None:
    """A declared charset that turns plain ASCII bytes into something else (ASCII read as
    UTF-16 is a page of CJK) is wrong: checking that text would say nothing true."""
    if len(payload) < 8:
        return
    printable = (len(payload) - len(payload.translate(None, _PRINTABLE))) / len(payload)
    if printable <= 0.95 or text.isascii():
        return
    foreign = (len(text) - len(_foreign().sub("", text))) / max(1, len(text))  # one copy, not a list per character
    if foreign > 0.3:
        raise ValueError(
            f"its declared charset {charset!r} makes nonsense of its bytes, which read as plain text; "
            "the sender's client mislabelled it")


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
            text = payload.decode(cs)
        except (UnicodeDecodeError, LookupError):
            continue
        _check_sense(payload, text, cs)
        return text, cs
    if charset and charset not in ("us-ascii", "ascii"):
        try:  # mostly right beats all wrong: keep the declared charset
            return payload.decode(charset, errors="replace"), charset
        except LookupError:  # not a text codec ("base64")
            pass
    return payload.decode("latin-1"), "latin-1"


def replace_body(data: bytes, draft: Draft, body: str) -> bytes:
    """``data`` (the message as read) with the body tonecheck checked replaced by
    ``body``, encoded as the original was (charset, base64 or quoted-printable, line
    endings). Headers, other parts and the quoted thread stay byte for byte."""
    import base64
    import email
    import email.policy
    import quopri

    if draft.meta.get("messages", 1) > 1:
        raise InputError(f"{draft.path}: an mbox of {draft.meta['messages']} messages; rewrite one message at a time")
    kind = (draft.meta.get("content-type") or "text/plain").split("/")[1]
    start = data.startswith(BOM) * len(BOM)
    message = data[start:]
    mbox = split_mbox(message)
    if mbox is not None:
        message = mbox[0]
    msg = email.message_from_bytes(message, policy=email.policy.default)
    parts = dict((sub, part) for part, sub in _body_parts(msg))
    part = parts.get(kind)
    raw = part.get_payload(decode=False) if part is not None else None
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(f"{draft.path}: cannot find the message's text/{kind} body to write back")
    headers_end = data.find(b"\n\n")
    charset = draft.meta.get("charset") or "utf-8"
    # the payload as the file has it: 7bit, or 8bit bytes the parser decoded with the
    # part's charset (or kept as escapes)
    pos, needle = -1, b""
    for codec in dict.fromkeys(("ascii", part.get_content_charset() or "utf-8", charset, "utf-8")):
        try:
            needle = raw.encode(codec, "surrogateescape")
        except (UnicodeEncodeError, LookupError):
            continue
        pos = data.find(needle, headers_end + 1 if headers_end >= 0 else 0)
        if pos >= 0:
            break
    if pos < 0:
        raise InputError(f"{draft.path}: cannot find the message's text/{kind} body to write back")
    crlf = b"\r\n" in needle
    try:
        payload = body.encode(charset)
    except (UnicodeEncodeError, LookupError):
        raise InputError(f"{draft.path}: the rewrite has characters the message's charset ({charset}) cannot hold") from None
    encoding = (part.get("content-transfer-encoding") or "7bit").strip().lower()
    if encoding == "base64":
        payload = base64.encodebytes(payload)
    elif encoding == "quoted-printable":
        payload = quopri.encodestring(payload)
    if crlf:
        payload = payload.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if needle.endswith(b"\n") and not payload.endswith(b"\n"):
        payload += b"\r\n" if crlf else b"\n"
    return data[:pos] + payload + data[pos + len(needle):]


def alternative(data: bytes, draft: Draft) -> Draft | None:
    """The other version of the same message (its HTML beside the plain text checked,
    or the reverse), as a Draft a rewrite can be made of; None when there is none."""
    import email
    import email.policy

    checked = (draft.meta.get("content-type") or "text/plain").split("/")[1]
    message = data.removeprefix(BOM)
    mbox = split_mbox(message)
    msg = email.message_from_bytes(mbox[0] if mbox else message, policy=email.policy.default)
    parts = dict((sub, part) for part, sub in _body_parts(msg))
    other = "html" if checked == "plain" else "plain"
    if other not in parts or checked not in parts:
        return None
    try:
        body, charset = _decode(parts[other])
        twin = _draft(body.replace("\r\n", "\n"), other, draft.path)
    except (InputError, ValueError):
        return None
    twin.format, twin.subject = "eml", draft.subject
    twin.meta = {**draft.meta, "content-type": f"text/{other}", "charset": charset}
    return twin
