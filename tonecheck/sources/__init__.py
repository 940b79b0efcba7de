"""Read a draft (plain text, HTML, .eml or mbox) into a ``Draft`` with regions.

``load_bytes`` and ``load_text`` sniff the format unless ``fmt`` is given:
- "eml": the data starts with RFC 822 headers (or an mbox "From " line);
- "html": it starts with a tag, or has several HTML tags such as <p>, <div>, <br>;
- "text": anything else. Plain text is kept exactly as decoded (CRLF included), so
  offsets are indices into the text as read.
Unreadable input raises ``InputError`` with a one-line message.
"""
from __future__ import annotations

import re

from ..draft import Draft
from ..errors import InputError

FORMATS = ("text", "html", "eml")

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


def load_bytes(data: bytes, path: str = "-", fmt: str | None = None) -> Draft:
    """Read ``data`` (the bytes of a file or stdin) into a Draft."""
    if not data.strip():
        raise InputError(f"{path}: empty input: nothing to check")
    fmt = _check_format(fmt) or _sniff(data[:65536].decode("latin-1"))
    if fmt == "eml":
        from .eml import parse_eml

        return parse_eml(data, path)
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
    _check_not_empty(text, path)
    fmt = _check_format(fmt) or _sniff(text[:65536])
    if fmt == "eml":
        from .eml import parse_eml

        return parse_eml(text.encode("utf-8", "surrogateescape"), path)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary data (NUL character at offset {nul}), not a text draft")
    return _from_str(text, path, fmt)


def _from_str(text: str, path: str, fmt: str) -> Draft:
    _check_not_empty(text, path)
    if fmt == "html":
        from .html import parse_html

        draft = parse_html(text, path)
        if not draft.text.strip():
            raise InputError(f"{path}: the HTML has no visible text: nothing to check")
        return draft
    from .plain import split_regions

    return Draft(text=text, regions=split_regions(text), path=path, format="text")


def _check_not_empty(text: str, path: str) -> None:
    if not text.strip(" \t\r\n\f\v\xa0\ufeff"):
        raise InputError(f"{path}: empty input: nothing to check")


def _check_format(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    fmt = {"txt": "text", "plain": "text", "mbox": "eml", "htm": "html"}.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}: use text, html or eml")
    return fmt


def _sniff(head: str) -> str:
    """"eml", "html" or "text" from the first 64 KB (decoded leniently)."""
    if _looks_like_message(head):
        return "eml"
    body = head.lstrip("\ufeff\xef\xbb\xbf")
    if _HTML_START.match(body) or len(_HTML_TAG.findall(body, 0, 4096)) >= 2:
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
