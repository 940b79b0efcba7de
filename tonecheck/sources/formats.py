"""The input formats, one entry each, and the registry that picks one for a draft.

A ``Format`` says what a format is called, the file name endings it is found by in a
folder, how its data is recognised, how it becomes a Draft and how a rewrite of that
Draft goes back into the file (``write``; None: it does not). The built-in ones
(``BUILTIN``: plain text, HTML, .eml and mbox) are registered through the
``tonecheck_sources`` hook by ``tonecheck.builtin.sources``, as a plugin's are, and
``collect`` gathers them all into ``Formats``. Where two formats claim the same name or
file ending, or both recognise the data, the one registered last wins: a plugin's
over a built-in (as pluggy asks the latest plugin first).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from ..containment import contained
from ..draft import Draft
from ..errors import InputError
from ..problems import Problem, call_each, listed, raised
from .body import body_draft
from .eml import BOM, looks_like_message, parse_eml, replace_body, split_mbox, starts_like_mail
from .html import looks_like_html

#: The plugin that registers ``BUILTIN``: a failure in its formats is a bug of ours.
BUILTIN_SOURCE = "tonecheck.builtin.sources"


@dataclass(frozen=True)
class Format:
    """One input format. ``parse(data, path)`` returns the Draft (or raises
    ``InputError`` with a one-line reason); ``data`` is the decoded text, or with
    ``raw`` the bytes as read (less a UTF-8 byte-order mark). The Draft's
    ``meta["reader"]`` is the Format that read it."""

    name: str
    parse: Callable[[Any, str], Draft]
    #: other names ``--input-format`` takes for it ("htm" for "html")
    aliases: tuple[str, ...] = ()
    #: file name endings (".html") a folder is searched for
    suffixes: tuple[str, ...] = ()
    #: does the data look like this format? Given its first 64 KB, decoded leniently
    #: (Latin-1 for bytes), without a byte-order mark. None: only by name or ending.
    sniff: Callable[[str], bool] | None = None
    #: is a file with one of ``suffixes`` this format, unsniffed? True; False (its
    #: content decides: a .txt may hold a message); or a test of its bytes
    by_suffix: bool | Callable[[bytes], bool] = True
    #: parse takes bytes: a message decodes each part by its own charset
    raw: bool = False
    #: the drafts in data that may hold several (an mbox's messages), each parsed on
    #: its own; None when it holds one
    split: Callable[[bytes], list[bytes] | None] | None = None
    #: ``write(data, draft, text)``: the file's new bytes, from its bytes as read, the
    #: Draft and its rewritten text (``Report.text``). None: tonecheck cannot write the
    #: format back (``--fix`` and ``--in-place`` leave the file as it is)
    write: Callable[[bytes, Draft, str], bytes] | None = None
    #: the plugin that registered it (set by ``collect``)
    source: str = ""

    def __post_init__(self):
        if not (isinstance(self.name, str) and self.name.strip()):
            raise ValueError(f"a format's name must be a word, not {self.name!r}")
        if not callable(self.parse):
            raise TypeError(f"format {self.name!r}: parse must be a function (data, path) -> Draft")
        # said once, when the entry is made, rather than as every draft's input error
        for field in ("sniff", "split", "write"):
            value = getattr(self, field)
            if value is not None and not callable(value):
                raise TypeError(f"format {self.name!r}: {field} must be a function or None, not {value!r}")
        if not (isinstance(self.by_suffix, bool) or callable(self.by_suffix)):
            raise TypeError(f"format {self.name!r}: by_suffix must be True, False or a function of the file's bytes, "
                            f"not {self.by_suffix!r}")
        for field in ("aliases", "suffixes"):
            value = getattr(self, field)
            if isinstance(value, str) or not all(isinstance(v, str) and v for v in value):
                raise TypeError(f"format {self.name!r}: {field} must be a tuple of strings, not {value!r}")
        if not all(s.startswith(".") for s in self.suffixes):
            raise ValueError(f"format {self.name!r}: a suffix starts with a dot (\".md\"), not {self.suffixes!r}")
        # names and endings are matched whatever their case
        object.__setattr__(self, "name", self.name.lower())
        object.__setattr__(self, "aliases", tuple(a.lower() for a in self.aliases))
        object.__setattr__(self, "suffixes", tuple(s.lower() for s in self.suffixes))

    def written(self, data: bytes, draft: Draft, text: str) -> bytes:
        """``write``'s bytes; a plugin's that raises or gives something else is the
        draft's input error, naming it. A plugin's bytes are read back before they
        replace the user's file: unless they read as ``text``, nothing is written."""
        with _plugin_code(self, draft.path):
            out = self.write(data, draft, text)
            if not isinstance(out, (bytes, bytearray)):
                raise TypeError(f"write returned {type(out).__name__}, not bytes")
            out = bytes(out)
            if self.source != BUILTIN_SOURCE:
                try:
                    back = self.parse(out if self.raw else out.decode("utf-8"), draft.path)
                except (InputError, UnicodeDecodeError):
                    back = None
                if not isinstance(back, Draft) or back.original != text:
                    raise ValueError("write gave bytes that do not read back as the rewritten text")
        return out


class Formats:
    """The formats in force, in the order registered (the built-in ones first)."""

    def __init__(self, formats: Iterable[Format] | None = None):
        self.formats = tuple(BUILTIN if formats is None else formats)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(f.name for f in self.formats))

    @property
    def suffixes(self) -> set[str]:
        return {s for f in self.formats for s in f.suffixes}

    def get(self, name: str) -> Format:
        """The format called ``name`` (or one of its aliases), whatever its case."""
        name = name.lower()
        for f in reversed(self.formats):
            if name == f.name or name in f.aliases:
                return f
        names = self.names
        listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else ", ".join(names)
        raise InputError(f"unknown input format {name!r}: use {listed}")

    def for_file(self, path: str, data: bytes) -> Format | None:
        """The format a file's name promises, or None: sniff its content."""
        suffix = os.path.splitext(path)[1].lower()
        for f in reversed(self.formats):
            if suffix in f.suffixes:
                with _plugin_code(f, path):
                    promised = f.by_suffix(data) if callable(f.by_suffix) else f.by_suffix
                return f if promised else None
        return None

    def sniffed(self, head: str, path: str) -> Format:
        """The format whose ``sniff`` recognises ``head``, the data's first 64 KB."""
        head = head.removeprefix("\ufeff").removeprefix(BOM.decode("latin-1"))  # a byte-order mark, as text or as bytes
        for f in reversed(self.formats):
            if f.sniff is not None:
                with _plugin_code(f, path):
                    if f.sniff(head):
                        return f
        raise InputError(f"{path}: no input format recognises it")

    def parse(self, f: Format, data, path: str) -> Draft:
        with _plugin_code(f, path):
            draft = f.parse(data, path)
            if not isinstance(draft, Draft):
                raise TypeError(f"returned {type(draft).__name__}, not a tonecheck.draft.Draft")
            draft.meta["reader"] = f  # a rewrite goes back into the file through its write
        return draft


@contextmanager
def _plugin_code(f: Format, path: str):
    """A plugin's format that raises is named, as this draft's input error, and the
    other drafts still come. A built-in format's is a bug of ours: said as one."""
    try:
        yield
    except InputError:
        raise
    except BaseException as exc:
        if not contained(exc) or f.source == BUILTIN_SOURCE:
            raise
        raise InputError(f"{path}: {raised(f.source, f'format {f.name!r}', exc)}") from None


def collect(hook, record: Callable[[Problem], Any]) -> Formats:
    """The formats every ``tonecheck_sources`` implementation returns; one that raises,
    or returns something that is not a list of Formats (or in it, not a Format), is
    recorded by name."""
    found = []
    for plugin, provided in call_each(hook, record):
        for f in listed(provided, plugin, "tonecheck_sources", "tonecheck.sources.Format", record, lone=(Format,)):
            if not isinstance(f, Format):
                record(Problem(f"plugin {plugin!r}: tonecheck_sources returned {f!r}, not a tonecheck.sources.Format", source=plugin))
                continue
            found.append(replace(f, source=plugin))
    return Formats(found)


def _text(text: str, path: str) -> Draft:
    return body_draft(text, "text", path)


def _html(text: str, path: str) -> Draft:
    return body_draft(text, "html", path)


def _utf8(data: bytes, draft: Draft, text: str) -> bytes:
    """A text or HTML file is the text itself, in UTF-8 as it was read."""
    return text.encode("utf-8", "surrogateescape")


def _anything(head: str) -> bool:
    return True


#: Registered in this order, so sniffed the other way: a message, then HTML, then
#: anything else is plain text.
BUILTIN = (
    Format("text", _text, aliases=("txt", "plain"), suffixes=(".txt", ".md"), sniff=_anything,
           by_suffix=False, write=_utf8, source=BUILTIN_SOURCE),
    Format("html", _html, aliases=("htm",), suffixes=(".html", ".htm"), sniff=looks_like_html,
           by_suffix=False, write=_utf8, source=BUILTIN_SOURCE),
    Format("eml", parse_eml, aliases=("mbox",), suffixes=(".eml", ".mbox"), sniff=looks_like_message,
           by_suffix=starts_like_mail, raw=True, split=split_mbox, write=replace_body, source=BUILTIN_SOURCE),
)
