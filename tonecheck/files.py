"""Writing a draft back to its file without ever losing it.

The new bytes go to a temporary file in the same folder, are flushed to disk, and
then replace the original in one step (``os.replace``): a process killed at any
moment leaves either the old file or the new one, never half of either. The file
keeps its permission bits.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import TonecheckError


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    target = path.resolve()  # a symbolic link's target is rewritten, the link kept
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError as exc:
        raise TonecheckError(f"{path}: cannot write: {exc.strerror or exc}") from None
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tonecheck")
        with os.fdopen(fd, "wb") as f:
            fd = None
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
        _sync_folder(target.parent)
    except OSError as exc:
        raise TonecheckError(f"{path}: cannot write: {exc.strerror or exc}; the file is unchanged") from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
