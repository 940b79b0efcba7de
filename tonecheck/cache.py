"""A small on-disk cache for what is slow to rebuild at start-up (parsed YAML packs,
the installed-plugin list), and the atomic write that every file tonecheck writes uses.

Entries live in $TONECHECK_CACHE_DIR, else $XDG_CACHE_HOME/tonecheck, else
~/.cache/tonecheck. TONECHECK_NO_CACHE=1 turns the cache off. A read-only or missing
home only costs speed.
"""
from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any


#: The largest cache entry written or read (bytes).
MAX_ENTRY = 4 * 1024 * 1024


def cache_dir() -> Path | None:
    if os.environ.get("TONECHECK_NO_CACHE"):
        return None
    root = os.environ.get("TONECHECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tonecheck"
    )
    return Path(root)


def key(text: str) -> str:
    """A file name for an entry (zlib: hashlib costs 2 ms to import)."""
    data = text.encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def entry(kind: str, name: str) -> Path | None:
    root = cache_dir()
    return None if root is None else root / kind / f"{key(name)}.json"


def load(path: Path | None, stamp: Any) -> Any | None:
    """The cached value, if the entry exists and was written for this stamp."""
    if path is None:
        return None
    try:
        if path.stat().st_size > MAX_ENTRY:
            return None
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(cached, dict):  # valid JSON of another shape: a miss, not an error
        return None
    return cached.get("data") if cached.get("stamp") == stamp else None


def store(path: Path | None, stamp: Any, data: Any) -> None:
    if path is None:
        return
    try:
        text = json.dumps({"stamp": stamp, "data": data})
        if len(text) <= MAX_ENTRY:  # never a cache file that costs more to read than to rebuild
            write_atomic(path, text)
    except (OSError, TypeError, ValueError, RecursionError):
        pass  # an unwritable cache or an unserialisable value only costs speed


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
