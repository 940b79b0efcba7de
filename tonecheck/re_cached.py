"""The built-in ``re`` patterns, compiled from code kept beside tonecheck's bytecode.

A cold check compiles some 150 ``re`` patterns (the regions, the sentence splitter,
the Python rules'), and ``re`` parses and compiles each in Python: 25 to 45 ms of a
check's start-up. What ``re`` hands its C engine (``_sre``) is a list of numbers, the
same for the same pattern, flags and interpreter, so it is kept and a later run gives
it to ``_sre`` directly (about 1 ms for all of them).

``compile`` is ``re.compile`` for the patterns written in tonecheck's own modules
(never a pack's, a config's or a draft's). The code is kept where Python keeps this
module's bytecode (``__pycache__``, or ``PYTHONPYCACHEPREFIX``), not in the user cache:
``_sre`` does not check every code it is given, and a file there is trusted exactly as
far as the ``.pyc`` files beside it, which Python runs. One file per interpreter (its
version, byte order and ``_sre``), written as Python writes bytecode: never with
``PYTHONDONTWRITEBYTECODE`` or ``TONECHECK_NO_CACHE``, nor where the folder is
read-only (then nothing is worked out to be kept), and only once the pattern built
from the code equals what ``re.compile`` gives (``re.Pattern`` equality compares the
code). A damaged file (its checksum fails) or an entry ``_sre`` refuses only costs
the time ``re.compile`` takes.
"""
from __future__ import annotations

import atexit
import importlib.util
import marshal
import os
import re
import sys
import zlib
from array import array
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser

    _STAMP: tuple | None = (sys.version, sys.byteorder, _sre.MAGIC, _sre.CODESIZE)
    _WORD = {2: "H", 4: "I", 8: "Q"}[_sre.CODESIZE]
except (ImportError, AttributeError, KeyError):  # pragma: no cover - another interpreter's re
    _STAMP = None

#: Beyond this many entries, the file keeps only this run's (old releases' patterns go).
MAX_ENTRIES = 1000

#: The file (None: none is read), whether it can be written, the entries read from it
#: (None until the first pattern), those used this run and those new this run.
_file: Path | None = None
_writable = False
_read: dict | None = None
_used: set = set()
_new: dict = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - as re.compile
    """``re.compile(pattern, flags)``, from the kept code when there is some for it."""
    global _read
    if _STAMP is None:
        return re.compile(pattern, flags)
    if _read is None:
        _read = _load()
    key = f"{int(flags)}:{pattern!r}"  # repr: a bytes pattern is not the str of its repr
    entry = _read.get(key)
    if entry is not None:
        _used.add(key)
        try:
            return _built(pattern, *entry)
        except (TypeError, ValueError, IndexError, RuntimeError, OverflowError, AttributeError, MemoryError):
            pass  # an entry _sre refuses: compiled afresh below, and kept again
    compiled = re.compile(pattern, flags)
    if _writable:  # kept only to be written
        _keep(key, pattern, int(flags), compiled)
    return compiled


def _built(pattern: str, flags: int, groups: int, index: dict, code: bytes) -> re.Pattern:
    words = array(_WORD)
    words.frombytes(code)
    names = [None] * (groups + 1)
    for name, i in index.items():
        names[i] = name
    return _sre.compile(pattern, flags, words.tolist(), groups, index, tuple(names))


def _keep(key: str, pattern: str, flags: int, compiled: re.Pattern) -> None:
    """Keep ``compiled``'s code, if building a pattern from it gives ``compiled`` again."""
    try:
        parsed = _parser.parse(pattern, flags)
        entry = (int(flags | parsed.state.flags), parsed.state.groups - 1, dict(parsed.state.groupdict),
                 array(_WORD, _compiler._code(parsed, flags)).tobytes())
        if _built(pattern, *entry) != compiled:
            return  # this release's re builds patterns otherwise: keep nothing that differs
    except Exception:  # noqa: BLE001 - re's internals moved: nothing kept, only speed lost
        return
    if not _new:
        atexit.register(_store)
    _new[key] = entry


def _load() -> dict:
    global _file, _writable
    if os.environ.get("TONECHECK_NO_CACHE"):
        return {}
    try:
        pyc = Path(importlib.util.cache_from_source(__file__))
    except (NotImplementedError, ValueError):  # no bytecode folder (sys.implementation.cache_tag is None)
        return {}
    # one file per interpreter: two 3.11s share a cache tag (and the .pyc files) but not this
    build = zlib.crc32(repr(_STAMP).encode())
    _file = pyc.with_name(pyc.name.replace(".pyc", f".{build:08x}.re-code"))
    # as Python writes bytecode: not with PYTHONDONTWRITEBYTECODE, not where it cannot
    # (a read-only install would otherwise work out every pattern's code on every run)
    folder = _file.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    _writable = not sys.dont_write_bytecode and folder.is_dir() and os.access(folder, os.W_OK) and (
        not _file.exists() or os.access(_file, os.W_OK))
    try:
        stamp, crc, body = marshal.loads(_file.read_bytes())
        if stamp == _STAMP and crc == zlib.crc32(body):
            data = marshal.loads(body)
            return data if isinstance(data, dict) else {}
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}


def _store() -> None:
    """Write the entries read and the new ones (at exit, once a run compiled any afresh)."""
    if _file is None or not _new or not _writable:
        return
    kept = {**(_read or {}), **_new}
    if len(kept) > MAX_ENTRIES:
        kept = {k: v for k, v in kept.items() if k in _used or k in _new}
    from .cache import write_atomic

    body = marshal.dumps(kept)
    try:
        write_atomic(_file, marshal.dumps((_STAMP, zlib.crc32(body), body)))
    except OSError:
        pass  # a read-only install: as for its .pyc files, only speed is lost
