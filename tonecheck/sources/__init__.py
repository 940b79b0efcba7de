"""Read a draft (plain text, HTML, .eml or mbox, or a format a plugin adds) into a
``Draft`` with regions.

``load_bytes`` and ``load_text`` read the format ``fmt`` names (a name or an alias,
any case), else the one its data looks like (``Formats.sniffed``):
- "eml": the data starts with RFC 822 headers (or an mbox "From " line);
- "html": it starts with a tag, or has several HTML tags such as <p>, <div>, <br>;
- "text": anything else. Plain text is kept as decoded (CRLF included), so offsets
  are indices into the text as read; only zero-width characters are dropped, with an
  offset map back (see ``Draft``).
A leading UTF-8 byte-order mark is ignored when sniffing. ``format_for`` names the
format a file name promises (.eml and .mbox are messages if they start with a header).
``load_all`` reads every message of an mbox (``split_all`` finds them, ``parse_part``
reads each); ``load_bytes`` the first. ``formats``
is the registry to read with (``tonecheck.sources.formats``); by default the built-in
formats, a Linter's ``formats`` adds its plugins'.
Unreadable input, and input larger than ``MAX_BYTES``, raises ``InputError`` with a
one-line message.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..draft import Draft, is_blank
from ..errors import InputError
from .eml import BOM
from .formats import Format, Formats, _plugin_code

__all__ = ["Format", "Formats", "MAX_BYTES", "Part", "format_for", "load_all", "load_bytes", "load_text", "parse_part",
           "split_all"]

#: The most tonecheck reads as one input (a file, stdin, a whole mbox): 10 MiB.
MAX_BYTES = 10 * 1024 * 1024
_BUILTIN = Formats()


def format_for(path: str, data: bytes, formats: Formats | None = None) -> str | None:
    """The format a file name promises (a .eml or .mbox file that starts with a header
    line "Subject: ..." or an mbox "From " line, even one too short to sniff as mail;
    a plugin's own ending), or None: sniff. (A .eml with no headers at all is not a
    message.)"""
    found = (formats or _BUILTIN).for_file(path, data)
    return found.name if found else None


def load_all(data: bytes, path: str = "-", fmt: str | None = None,
             formats: Formats | None = None) -> Iterator[Draft | InputError]:
    """Every draft in ``data``: one, or one per part its format's ``split`` finds (the
    messages of an mbox that holds several), named ``PATH#N`` (N counts from 1; ``meta``
    has "message" and "messages"). A part is decoded and checked as a whole file is,
    unless the format is ``raw``.

    Yields each Draft, or the ``InputError`` that says why a message (or the whole
    input) cannot be checked; the other messages still come. ``split_all`` and
    ``parse_part`` are its two halves: finding the drafts, and reading each one.
    """
    formats = formats or _BUILTIN
    for part in split_all(data, path, fmt, formats):
        if isinstance(part, InputError):
            yield part
            continue
        try:
            yield parse_part(part, formats)
        except InputError as exc:
            yield exc


@dataclass(frozen=True)
class Part:
    """One draft of an input as found there, not yet decoded or parsed: the whole
    input, or one of the parts its format's ``split`` finds (an mbox's messages).
    ``parse_part`` reads it into a Draft. Finding parts is cheap (no decoding, no
    email package), so one process can find them and others read them
    (``tonecheck.parallel``)."""

    data: bytes
    path: str  # the name it is reported under: the input's, or PATH#N for a part
    fmt: str | None = None  # the whole input: the format asked for (None: its name and content say)
    found: Format | None = None  # a part: the format that split it, which reads it
    message: int = 0  # a part: its number, counted from 1, and how many parts there are
    messages: int = 0
    lines: int | None = None  # a part: lines of the input before it; None: not found in the input


def split_all(data: bytes, path: str = "-", fmt: str | None = None,
              formats: Formats | None = None) -> list[Part | InputError]:
    """The drafts in ``data``, found and not yet read (see ``load_all``): one Part for
    the whole input, or one per part its format's ``split`` finds; or the InputError
    that says why the input cannot be split (a plugin's split that raised)."""
    formats = formats or _BUILTIN
    try:
        parts = None
        if len(data) <= MAX_BYTES and data.strip():
            found = formats.get(fmt) if fmt is not None else formats.sniffed(_head(data), path)
            if found.split is not None:
                with _plugin_code(found, path):  # a plugin's split that raises is named
                    parts = found.split(data.removeprefix(BOM))
        if parts is None or len(parts) < 2:
            return [Part(data, path, fmt=fmt)]
    except InputError as exc:
        return [exc]
    out: list[Part | InputError] = []
    cursor = counted = lines = 0  # lines before ``counted``, counted on as we go (not from 0 each time)
    for n, part in enumerate(parts, 1):
        at = data.find(part, cursor) if part else -1  # where it starts in the file
        cursor = at + len(part) if at >= 0 else cursor
        if at >= 0:
            lines += data.count(b"\n", counted, at)
            counted = at
        out.append(Part(part, f"{path}#{n}", found=found, message=n, messages=len(parts),
                        lines=lines if at >= 0 else None))
    return out


def parse_part(part: Part, formats: Formats | None = None) -> Draft:
    """Read one Part (from ``split_all``) into a Draft, with the registry that found
    it; raises InputError with a one-line reason. A part is decoded and checked as a
    whole file is: only a raw format takes its bytes."""
    if part.found is None:
        return load_bytes(part.data, part.path, part.fmt, formats)
    found, name = part.found, part.path
    draft = (formats or _BUILTIN).parse(found, part.data if found.raw else _decoded(part.data, name), name)
    draft.meta.update(message=part.message, messages=part.messages)
    if "body_line_offset" in draft.meta:  # counted from the message: count from the file
        if part.lines is not None:
            draft.meta["body_line_offset"] += part.lines
        else:
            del draft.meta["body_line_offset"]
    return draft


def load_bytes(data: bytes, path: str = "-", fmt: str | None = None, formats: Formats | None = None) -> Draft:
    """Read ``data`` (the bytes of a file or stdin) into a Draft; of an mbox, the
    first message (``load_all`` reads them all)."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"load_bytes() takes the draft's bytes, not {type(data).__name__} (load_text() takes text)")
    _check_size(len(data), path)
    if not data.strip():
        raise InputError(f"{path}: empty input: nothing to check")
    formats = formats or _BUILTIN
    found = formats.get(fmt) if fmt is not None else formats.sniffed(_head(data), path)
    if found.raw:
        return formats.parse(found, data.removeprefix(BOM), path)
    return formats.parse(found, _decoded(data, path), path)


def _decoded(data: bytes, path: str) -> str:
    """The text of a draft's bytes: UTF-8, with no NUL and not blank (else the
    InputError that says which)."""
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
    _check_not_empty(text, path)
    return text


def load_text(text: str, path: str = "-", fmt: str | None = None, formats: Formats | None = None) -> Draft:
    """Read an already decoded draft into a Draft."""
    if not isinstance(text, str):
        kind = type(text).__name__
        raise TypeError(f"the draft must be text (str), not {kind}" + (" (load_bytes() reads bytes)" if isinstance(text, (bytes, bytearray)) else ""))
    _check_size(len(text), path)  # characters: fewer than its UTF-8 bytes
    _check_not_empty(text, path)
    formats = formats or _BUILTIN
    found = formats.get(fmt) if fmt is not None else formats.sniffed(text[:65536], path)
    if found.raw:
        return formats.parse(found, text.removeprefix("\ufeff").encode("utf-8", "surrogateescape"), path)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary data (NUL character at offset {nul}), not a text draft")
    return formats.parse(found, text, path)


def _check_size(size: int, path: str) -> None:
    if size > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES >> 20} MiB: too big to be one draft")


def _check_not_empty(text: str, path: str) -> None:
    if is_blank(text):  # whitespace of any kind, zero-width spaces, a byte-order mark
        raise InputError(f"{path}: empty input: nothing to check")


def _head(data: bytes) -> str:
    """The first 64 KB, decoded leniently, for sniffing."""
    return data[:65536].decode("latin-1")
