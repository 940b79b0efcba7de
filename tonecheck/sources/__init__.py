"""Read a draft (plain text, HTML, .eml or mbox) into a ``Draft`` with regions.

``load_bytes`` and ``load_text`` sniff the format unless ``fmt`` is given:
- "eml": the data starts with RFC 822 headers (or an mbox "From " line);
- "html": it starts with a tag, or has several HTML tags such as <p>, <div>, <br>;
- "text": anything else. Plain text is kept as decoded (CRLF included), so offsets
  are indices into the text as read; only zero-width characters are dropped, with an
  offset map back (see ``Draft``).
A leading UTF-8 byte-order mark is ignored when sniffing. ``format_for`` names the
format a file name promises (.eml and .mbox are messages if they start with a header).
``load_all`` reads every message of an mbox; ``load_bytes`` the first.
Unreadable input, and input larger than ``MAX_BYTES``, raises ``InputError`` with a
one-line message.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

from ..draft import Draft, is_blank
from ..errors import InputError

FORMATS = ("text", "html", "eml")
#: The most tonecheck reads as one input (a file, stdin, a whole mbox): 10 MiB.
MAX_BYTES = 10 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
# File name endings that say what the file is (see format_for).
_SUFFIX_FORMATS = {".eml": "eml", ".mbox": "eml"}

# A header line "Name: value"; continuation lines start with whitespace.
_HEADER_LINE = re.compile(r"([!-9;-~]+)[ \t]*:")
_MBOX_FROM = re.compile(r"From [^\s:]+(?:[ \t].*)?$")
_ADDRESS_FIELDS = {"from", "to", "cc", "subject", "date", "reply-to", "sender"}
_TRANSPORT_FIELDS = {"received", "mime-version", "message-id", "return-path", "content-type",
                     "delivered-to", "content-transfer-encoding", "in-reply-to", "references"}
# Tags that mark an HTML body. "<link>" or "<you@x.com>" in a plain email do not.
_HTML_START = re.compile(
    r"\s*(?:<!doctype\s+html|<\?xml|<!--|<(?:html|head|body|meta|style|div|p|br|table|span|"
    r"font|ul|ol|h[1-6]|blockquote|center|b|i|strong|em|a)\b[^<>]*>)", re.I)
_HTML_TAG = re.compile(
    r"<(?:/?(?:p|div|br|html|body|table|tr|td|li|ul|ol|blockquote|span|strong|em|b|i|u|font|"
    r"h[1-6]|hr)|a\s+href=)\b[^<>]*>", re.I)


def format_for(path: str, data: bytes) -> str | None:
    """The format a file name promises: "eml" for a .eml or .mbox file that starts with
    a header line ("Subject: ...") or an mbox "From " line, even one too short to sniff
    as mail; else None: sniff. (A .eml with no headers at all is not a message.)"""
    fmt = _SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower())
    if fmt == "eml":
        first = _head(data[:1024].removeprefix(_BOM)).split("\n", 1)[0].rstrip("\r")
        if not (_HEADER_LINE.match(first) or _MBOX_FROM.match(first)):
            return None
    return fmt


def load_all(data: bytes, path: str = "-", fmt: str | None = None) -> Iterator[Draft | InputError]:
    """Every draft in ``data``: one, or one per message of an mbox that holds several,
    named ``PATH#N`` (N counts from 1; ``meta`` has "message" and "messages").

    Yields each Draft, or the ``InputError`` that says why a message (or the whole
    input) cannot be checked; the other messages still come.
    """
    from .eml import parse_eml, split_mbox

    try:
        messages = None
        if len(data) <= MAX_BYTES and data.strip() and (_check_format(fmt) or _sniff(_head(data))) == "eml":
            messages = split_mbox(data.removeprefix(_BOM))
        if messages is None or len(messages) < 2:
            yield load_bytes(data, path, fmt)
            return
    except InputError as exc:
        yield exc
        return
    cursor = 0
    for n, message in enumerate(messages, 1):
        at = data.find(message, cursor) if message else -1  # where it starts in the file
        cursor = at + len(message) if at >= 0 else cursor
        try:
            draft = parse_eml(message, f"{path}#{n}")
        except InputError as exc:
            yield exc
            continue
        draft.meta.update(message=n, messages=len(messages))
        if "body_line_offset" in draft.meta:  # counted from the message: count from the file
            if at >= 0:
                draft.meta["body_line_offset"] += data.count(b"\n", 0, at)
            else:
                del draft.meta["body_line_offset"]
        yield draft


def load_bytes(data: bytes, path: str = "-", fmt: str | None = None) -> Draft:
    """Read ``data`` (the bytes of a file or stdin) into a Draft; of an mbox, the
    first message (``load_all`` reads them all)."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"load_bytes() takes the draft's bytes, not {type(data).__name__} (load_text() takes text)")
    _check_size(len(data), path)
    if not data.strip():
        raise InputError(f"{path}: empty input: nothing to check")
    fmt = _check_format(fmt) or _sniff(_head(data))
    if fmt == "eml":
        from .eml import parse_eml

        return parse_eml(data.removeprefix(_BOM), path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: the file is UTF-16; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary data (NUL byte at offset {nul}), not a text draft")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}: not valid UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start} "
            f"(line {line}); save the draft as UTF-8") from None
    return _from_str(text, path, fmt)


def load_text(text: str, path: str = "-", fmt: str | None = None) -> Draft:
    """Read an already decoded draft into a Draft."""
    if not isinstance(text, str):
        kind = type(text).__name__
        raise TypeError(f"the draft must be text (str), not {kind}" + (" (load_bytes() reads bytes)" if isinstance(text, (bytes, bytearray)) else ""))
    _check_size(len(text), path)  # characters: fewer than its UTF-8 bytes
    _check_not_empty(text, path)
    fmt = _check_format(fmt) or _sniff(text[:65536])
    if fmt == "eml":
        from .eml import parse_eml

        return parse_eml(text.removeprefix("\ufeff").encode("utf-8", "surrogateescape"), path)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary data (NUL character at offset {nul}), not a text draft")
    return _from_str(text, path, fmt)


def _from_str(text: str, path: str, fmt: str) -> Draft:
    from .body import body_draft

    _check_not_empty(text, path)
    return body_draft(text, fmt, path)


def _check_size(size: int, path: str) -> None:
    if size > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES >> 20} MiB: too big to be one draft")


def _check_not_empty(text: str, path: str) -> None:
    if is_blank(text):  # whitespace of any kind, zero-width spaces, a byte-order mark
        raise InputError(f"{path}: empty input: nothing to check")


def _head(data: bytes) -> str:
    """The first 64 KB, decoded leniently, for sniffing."""
    return data[:65536].decode("latin-1")


def _check_format(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    fmt = {"txt": "text", "plain": "text", "mbox": "eml", "htm": "html"}.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}: use text, html or eml")
    return fmt


def _sniff(head: str) -> str:
    """"eml", "html" or "text" from the first 64 KB (decoded leniently); a leading
    byte-order mark (as text, or as UTF-8 bytes read as Latin-1) does not count."""
    head = head.removeprefix("\ufeff").removeprefix("\xef\xbb\xbf")
    if _looks_like_message(head):
        return "eml"
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head, 0, 4096)) >= 2:
        return "html"
    return "text"


def _looks_like_message(head: str) -> bool:
    """A run of header lines at the very start, with a transport header (Received,
    MIME-Version, ...) or two address fields. It normally ends with a blank line;
    broken messages may run straight into the body after a few headers."""
    lines = head.split("\n", 200)
    if lines and _MBOX_FROM.match(lines[0].rstrip("\r")):
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
