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
    """The cached value, if the entry exists, was written for this stamp, and is whole
    (its checksum holds: a damaged entry is a miss, never a value read wrongly)."""
    if path is None:
        return None
    try:
        if path.stat().st_size > MAX_ENTRY:
            return None
        header, _, body = path.read_bytes().partition(b"\n")
        head = json.loads(header)
        # valid JSON of another shape (another version's entry, a hand edit) is a miss too
        if not (isinstance(head, dict) and head.get("stamp") == stamp and head.get("crc") == zlib.crc32(body)):
            return None
        return json.loads(body)
    except (OSError, ValueError, RecursionError):
        return None


def store(path: Path | None, stamp: Any, data: Any) -> None:
    """Write an entry: a line with its stamp and the data's checksum, then the data."""
    if path is None:
        return
    try:
        body = json.dumps(data)  # ASCII, on one line: the first line break ends the header
        text = json.dumps({"stamp": stamp, "crc": zlib.crc32(body.encode())}) + "\n" + body
        if len(text) <= MAX_ENTRY:  # never a cache file that costs more to read than to rebuild
            write_atomic(path, text)
    except (OSError, TypeError, ValueError, RecursionError):
        pass  # an unwritable cache or an unserialisable value only costs speed


def file_stamp(path: Path) -> list:
    """What says a file is unchanged: its modification time, size and a checksum of its
    bytes (a copy that keeps the time and size, ``cp -p`` or ``tar x``, is still seen).
    Raises OSError."""
    st = path.stat()
    return [st.st_mtime_ns, st.st_size, zlib.crc32(path.read_bytes())]


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write through a temporary file and rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
