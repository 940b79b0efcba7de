"""The shared lexicon: ideas written once, in ``rules/lexicon.yml``, as named lists of
patterns (hollow apologies, acknowledgements, time expressions, the context
detector's vocabulary).

A pack uses an entry inside any pattern list as ``{lexicon: hollow_apology}``, or
inside a pattern as ``{{close_relative}}`` (``inline``); an entry may use another the
same ways. Python rules call ``pattern(name)`` (one
alternation to compile) or ``patterns(name)``. The patterns carry no word boundaries:
a pack adds them as it does to its own patterns, Python code wraps them as it needs.

Nothing is read at import. The file is read on first use through the same on-disk
cache as the packs (PyYAML costs ~40 ms to import) and read again when it changes.
"""
from __future__ import annotations

import difflib
import os
from functools import lru_cache
from pathlib import Path

from . import cache, re_cached
from .errors import PackError

FILE_NAME = "lexicon.yml"


class LexiconError(PackError):
    """The lexicon is malformed: the message names the file, the entry and the field."""

    def __init__(self, path, entry, field, problem):
        super().__init__(path, entry, field, problem)
        where = f"entry {entry!r}" if entry else "lexicon"
        self.args = (f"{self.path}: {where}, field {field!r}: {problem}",)


class UnknownEntry(LookupError):
    """No entry of that name; the message offers the nearest one."""


@lru_cache(maxsize=1)
def path() -> Path:
    """rules/lexicon.yml in the source tree, tonecheck/rules/lexicon.yml in the wheel."""
    from . import rules

    return Path(rules.__file__).with_name(FILE_NAME)


def entries() -> dict[str, dict]:
    """Every entry: name -> {"description": text, "patterns": [pattern, ...]}, with the
    references to other entries expanded. A stat per call: an edit is seen at once."""
    where = str(path())
    try:
        st = os.stat(where)
    except OSError as exc:
        raise LexiconError(where, None, "path", exc.strerror or str(exc)) from None
    return _load(where, st.st_mtime_ns, st.st_size)


def patterns(name: str) -> list[str]:
    """The entry's patterns (UnknownEntry if there is none of that name)."""
    known = entries()
    if name not in known:
        raise UnknownEntry(unknown(name, known))
    return list(known[name]["patterns"])


#: A pattern may name a list of words written once: "(?:your|his|her) {{close_relative}}'s".
INLINE = re_cached.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
#: The most a pattern may grow to once its {{names}} are filled in.
MAX_EXPANDED = 100_000


def inline(pattern: str, entry) -> str:
    """``pattern`` with each ``{{name}}`` replaced by ``entry(name)`` (a list of
    patterns) as one group, ``(?:a|b)``; ValueError if it grows past MAX_EXPANDED."""
    if "{{" not in pattern:
        return pattern
    out = INLINE.sub(lambda m: "(?:" + "|".join(f"(?:{p})" for p in entry(m.group(1))) + ")", pattern)
    if len(out) > MAX_EXPANDED:
        raise ValueError(f"pattern {pattern[:60]!r} grows past {MAX_EXPANDED:,} characters once its {{{{names}}}} are filled in")
    return out


def pattern(name: str) -> str:
    """The entry as one alternation, ``(?:a)|(?:b)``, for a Python rule to compile."""
    return "|".join(f"(?:{p})" for p in patterns(name))


def unknown(name: str, known) -> str:
    hint = difflib.get_close_matches(str(name), sorted(known), n=1, cutoff=0.6)
    return f"unknown lexicon entry {name!r}" + (
        f"; did you mean {hint[0]!r}?" if hint else f" (the entries are in {FILE_NAME})"
    )


@lru_cache(maxsize=8)
def _load(where: str, mtime: int, size: int) -> dict[str, dict]:
    from . import __version__

    try:
        stamp = [*cache.file_stamp(Path(where)), __version__]  # a copy keeping time and size is seen
    except OSError as exc:
        raise LexiconError(where, None, "path", exc.strerror or str(exc)) from None
    entry = cache.entry("lexicon", where)
    data = cache.load(entry, stamp)
    if data is None:
        from .packs import parse_yaml as _parse_yaml

        data = _resolve(_parse_yaml(Path(where)), where)
        cache.store(entry, stamp, data)
    return data


_NAME = re_cached.compile(r"^[a-z][a-z0-9_]*$")


def _resolve(raw, where: str) -> dict[str, dict]:
    """Validate the parsed file and expand every reference (a cycle is an error)."""

    if not isinstance(raw, dict) or not raw:
        raise LexiconError(where, None, "lexicon", "the lexicon is a mapping of entry names to entries")
    for name, spec in raw.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise LexiconError(where, None, str(name), "an entry name is snake_case, such as hollow_apology")
        if not isinstance(spec, dict):
            raise LexiconError(where, name, "entry", "an entry is a mapping with 'description' and 'patterns'")
        for key in spec:
            if key not in ("description", "patterns"):
                hint = difflib.get_close_matches(str(key), ["description", "patterns"], n=1)
                raise LexiconError(where, name, key, "unknown field" + (f"; did you mean {hint[0]!r}?" if hint else ""))
        if not isinstance(spec.get("description"), str) or not spec["description"].strip():
            raise LexiconError(where, name, "description", "is required: one line saying what the entry means")
        items = spec.get("patterns")
        if not isinstance(items, list) or not items:
            raise LexiconError(where, name, "patterns", "must be a non-empty list of patterns")

    import re2

    from .packs.patterns import flexible_spaces as _flexible_spaces

    opts = re2.Options()
    opts.log_errors = False
    done: dict[str, list[str]] = {}

    def _check(items: list, name: str) -> None:
        """Each pattern compiles as a pack compiles it: a pack may then compile a list made
        only of lexicon entries when a rule first needs it."""
        try:
            re2.compile(r"\b(?:" + "|".join(f"(?:{_flexible_spaces(p)})" for p in items) + r")\b", opts)
            return
        except re2.error:
            pass
        for p in items:
            try:
                re2.compile(rf"\b(?:{_flexible_spaces(p)})\b", opts)
            except re2.error:
                raise LexiconError(where, name, "patterns", f"pattern {p!r} is not valid RE2 syntax") from None
        raise LexiconError(where, name, "patterns", "the patterns do not combine into one expression")

    def expand(name: str, trail: tuple) -> list[str]:
        if name in done:
            return done[name]
        out: list[str] = []

        def entry(ref: str) -> list[str]:  # another entry, named inline as {{ref}} or as an item
            if ref not in raw:
                raise LexiconError(where, name, "patterns", unknown(ref, raw))
            if ref in trail:
                raise LexiconError(where, name, "patterns", f"entries refer to each other in a loop: {' -> '.join(trail + (ref,))}")
            return expand(ref, trail + (ref,))

        def inline_or_fail(item: str) -> str:
            try:
                return inline(item, entry)
            except ValueError as exc:
                raise LexiconError(where, name, "patterns", str(exc)) from None

        own = [inline_or_fail(item) for item in raw[name]["patterns"] if isinstance(item, str) and item]
        _check(own, name)
        for item in raw[name]["patterns"]:
            if isinstance(item, str) and item:
                out.append(inline_or_fail(item))
                continue
            ref = item.get("lexicon") if isinstance(item, dict) and len(item) == 1 else None
            if not isinstance(ref, str):
                raise LexiconError(where, name, "patterns", "each pattern is text, or {lexicon: name} naming another entry")
            out.extend(entry(ref))
        done[name] = out
        return out

    return {
        name: {"description": " ".join(spec["description"].split()), "patterns": expand(name, (name,))}
        for name, spec in raw.items()
    }
