"""Finding drafts on disk and reading them: paths as given, folders walked (each real
file once, symlink loops ended, tools' own folders skipped), files and stdin read up
to the size cap. The command line and the sendmail gate use it."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import InputError, TonecheckError

SUFFIXES = {".txt", ".eml", ".html", ".htm", ".md", ".mbox"}
# Folders a recursive check never enters: tools' and version control's own files.
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv", "env"}


def expand(paths, problems: list | None = None) -> list[str]:
    """The files to check: paths as given, folders walked. Each real file comes once
    (symlinks and repeated arguments do not check it twice); a folder that cannot be
    listed is added to ``problems`` as an InputError and the rest go on."""
    problems = [] if problems is None else problems
    out, seen = [], set()
    for p in paths:
        try:
            is_dir = p != "-" and Path(p).is_dir()
        except OSError:  # cannot even look at it: reading it says why
            is_dir = False
        if is_dir:
            before = len(problems)
            found = sorted(str(f) for f in walk(Path(p), set(), problems))
            if not found and len(problems) == before:
                raise TonecheckError(f"{p}: no drafts found (looked for {', '.join(sorted(SUFFIXES))})")
        else:
            found = [p]
        for f in found:
            real = f if f == "-" else os.path.realpath(f)
            if real not in seen:
                seen.add(real)
                out.append(f)
    return out


def walk(folder: Path, visited: set, problems: list):
    """The drafts under ``folder``. Each real folder is entered once, so a symlink
    loop ends; one that cannot be listed goes to ``problems``."""
    real = os.path.realpath(folder)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(InputError(f"{folder}: cannot read the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIP_DIRS or entry.name.endswith(".egg-info"):
            continue
        try:
            is_dir = entry.is_dir()
            is_draft = not is_dir and entry.suffix.lower() in SUFFIXES and entry.is_file()
        except OSError as exc:
            problems.append(InputError(f"{entry}: cannot read: {exc.strerror or exc}"))
            continue
        if is_dir:
            yield from walk(entry, visited, problems)
        elif is_draft:
            yield entry


def read_data(path: str, stdin_filename: str | None = None) -> bytes | InputError:
    """The bytes of a file or stdin (at most MAX_BYTES + 1, so that too big is said),
    or the InputError that says why they cannot be read."""
    from . import MAX_BYTES

    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return InputError(f"{path}: no such file")
    except IsADirectoryError:
        return InputError(f"{path}: is a directory")
    except OSError as exc:
        return InputError(f"{path}: cannot read: {exc.strerror or exc}")


def read(path: str, stdin_filename: str | None, data: bytes | InputError | None = None):
    """The drafts in ``path`` (one; one per message of an mbox): each a Draft, or the
    InputError that says why it cannot be checked. At most MAX_BYTES are read."""
    from . import format_for, load_all

    name = (stdin_filename or "-") if path == "-" else path
    data = read_data(path) if data is None else data
    if isinstance(data, InputError):
        return [data]
    return load_all(data, name, format_for(name, data))
