"""Finding drafts on disk and reading them: paths as given, folders walked for the file
endings of the input formats (each real file once, symlink loops ended, tools' own
folders skipped), files and stdin read up to the size cap. The command line and the
sendmail gate use it."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, TonecheckError
from .formats import Formats

# Folders a recursive check never enters: tools' and version control's own files.
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv", "env"}


def expand(paths, problems: list | None = None, formats_at: Callable[[Path], Formats] | None = None) -> list[str]:
    """The files to check: paths as given, folders walked. Each real file comes once
    (symlinks and repeated arguments do not check it twice); a folder that cannot be
    listed is added to ``problems`` as an InputError and the rest go on.
    ``formats_at(folder)`` gives the formats read in a folder (its config's plugins'
    too): each folder is searched for the endings of its own, as its files are read
    with them. By default the built-in ones."""
    problems = [] if problems is None else problems
    formats_at = formats_at or (lambda folder: Formats())
    out, seen = [], set()
    for p in paths:
        try:
            is_dir = p != "-" and Path(p).is_dir()
        except OSError:  # cannot even look at it: reading it says why
            is_dir = False
        if is_dir:
            before = len(problems)
            found = sorted(str(f) for f in walk(Path(p), set(), problems, formats_at))
            if not found and len(problems) == before:
                looked_for = ", ".join(sorted(formats_at(Path(p)).suffixes))
                raise TonecheckError(f"{p}: no drafts found (looked for {looked_for})")
        else:
            found = [p]
        for f in found:
            real = f if f == "-" else os.path.realpath(f)
            if real not in seen:
                seen.add(real)
                out.append(f)
    return out


def walk(folder: Path, visited: set, problems: list, formats_at: Callable[[Path], Formats]):
    """The drafts under ``folder``: in each folder, the files with an ending of the
    formats ``formats_at(that folder)`` gives. Each real folder is entered once, so a
    symlink loop ends; one that cannot be listed goes to ``problems``."""
    real = os.path.realpath(folder)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(InputError(f"{folder}: cannot read the folder: {exc.strerror or exc}"))
        return
    # asked for once a file is seen: a folder that cannot be listed, or holds only
    # folders, loads no plugins
    suffixes = None
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIP_DIRS or entry.name.endswith(".egg-info"):
            continue
        try:
            is_dir = entry.is_dir()
            if not is_dir and suffixes is None:
                suffixes = formats_at(folder).suffixes
            is_draft = not is_dir and entry.suffix.lower() in suffixes and entry.is_file()
        except OSError as exc:
            problems.append(InputError(f"{entry}: cannot read: {exc.strerror or exc}"))
            continue
        if is_dir:
            yield from walk(entry, visited, problems, formats_at)
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


def read(path: str, stdin_filename: str | None, data: bytes | InputError | None = None,
         formats: Formats | None = None, fmt: str | None = None):
    """The drafts in ``path`` (one; one per message of an mbox): each a Draft, or the
    InputError that says why it cannot be checked. At most MAX_BYTES are read. The
    format is ``fmt``, else the one its name promises, else the one its data looks like."""
    from . import load_all

    found = _found(path, stdin_filename, data, formats, fmt)
    if isinstance(found, InputError):
        return [found]
    return load_all(*found, formats)


def read_parts(path: str, stdin_filename: str | None, data: bytes | InputError | None = None,
               formats: Formats | None = None, fmt: str | None = None) -> list:
    """``read``'s drafts found but not yet read: each a ``sources.Part`` (for
    ``sources.parse_part``), or an InputError. Cheap: nothing is decoded or parsed."""
    from . import split_all

    found = _found(path, stdin_filename, data, formats, fmt)
    if isinstance(found, InputError):
        return [found]
    return split_all(*found, formats)


def _found(path, stdin_filename, data, formats, fmt):
    """(the data, its name, its format) for ``read``, or the InputError that says why not."""
    from . import format_for

    name = (stdin_filename or "-") if path == "-" else path
    data = read_data(path) if data is None else data
    if isinstance(data, InputError):
        return data
    try:
        fmt = fmt or format_for(name, data, formats)
    except InputError as exc:  # a plugin's test of its file ending raised
        return exc
    return data, name, fmt
