"""Writing a draft back to its file without ever losing it.

The new bytes go to a temporary file in the same folder, are flushed to disk, and
then replace the original in one step (``os.replace``): a process killed at any
moment leaves either the old file or the new one, never half of either. The file
keeps its permission bits and (where allowed) its owner; a read-only file, or one
with other hard links, is refused rather than replaced.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import TonecheckError


def write_atomic(path: str | os.PathLike, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the file's bytes with ``data``; with ``expected`` (the bytes read before
    the check), only if the file still holds them: an edit saved while it was being
    checked is never overwritten."""
    path = Path(path)
    target = path.resolve()  # a symbolic link's target is rewritten, the link kept
    try:
        st = target.stat()
    except OSError as exc:
        raise TonecheckError(f"{path}: cannot write: {exc.strerror or exc}") from None
    mode = st.st_mode & 0o7777
    if not mode & 0o222:  # even for root: read-only is the owner's word
        raise TonecheckError(f"{path}: the file is read-only; left as it is")
    if st.st_nlink > 1:  # replacing it would leave the other names with the old text
        raise TonecheckError(f"{path}: the file has {st.st_nlink} hard links; rewriting it would split them, so it is left as it is")
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tonecheck")
        with os.fdopen(fd, "wb") as f:
            fd = None
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        try:
            os.chown(tmp, st.st_uid, st.st_gid)  # root rewriting a user's draft keeps it theirs
        except OSError:
            pass  # not ours to give away: the new file is ours, as any editor's would be
        if expected is not None and _current(target) != expected:  # as late as can be: just before the swap
            raise TonecheckError(f"{path}: the file changed while it was being checked; left as it is (run again)")
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


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


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
