"""Finding and reading pack files: YAML parsed once and cached, bounded against
alias bombs; compiling happens every load (see ``compile``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import cache
from ..errors import PackError
from ..ruledef import Rule


def builtin_pack_folder() -> Path:
    """rules/ in the source tree, tonecheck/rules in the wheel (importlib.resources
    costs 5 ms to import; the package's own path says the same)."""
    from .. import rules

    return Path(rules.__file__).parent


def pack_files(path: Path) -> list[Path]:
    """The pack files at a path: the file itself, or a folder's *.yml / *.yaml, sorted."""
    try:
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
        if path.is_file():
            return [path]
        if path.exists():  # a FIFO, a device, a socket: reading it could wait for ever
            raise PackError(path, None, "path", "not a regular file (a pipe or device?)")
        if path.is_symlink():
            raise PackError(path, None, "path", "a symbolic link that leads nowhere (or round in a loop)")
    except OSError as exc:  # a loop of links, a folder that cannot be listed
        raise PackError(path, None, "path", exc.strerror or str(exc)) from None
    raise PackError(path, None, "path", "no such file or folder")


#: Bumped whenever a pack is checked differently: an entry is trusted to have passed
#: this tonecheck's checks (its patterns are compiled only on first use), and holds the
#: anchors and prefilters this tonecheck worked out for its patterns.
CHECKS = 8


def _stamp(path: Path) -> list:
    from .. import __version__

    try:
        stamp = cache.file_stamp(path)
    except OSError as exc:
        raise PackError(path, None, "path", exc.strerror or str(exc)) from None
    # the cache folder is shared by every tonecheck on the machine: an entry another
    # version (or an older checkout) wrote is a miss, not a pack it never checked
    return [*stamp, __version__, CHECKS]


def read_pack(path: Path) -> Any:
    """The parsed YAML of a pack (not cached: see load_pack)."""
    path = Path(path)
    _stamp(path)
    return parse_yaml(path)


#: The most values a pack may hold once YAML's aliases are expanded: a real pack has a
#: few thousand; an alias "bomb" of a kilobyte expands to hundreds of millions.
MAX_NODES = 200_000


def _bounded(data: Any, path: Path) -> Any:
    """``data``, if it expands to at most MAX_NODES values (aliases counted each time
    they are used, as caching or compiling would use them)."""
    seen, stack = 0, [data]
    while stack:
        item = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise PackError(path, None, "yaml", f"the pack expands to more than {MAX_NODES:,} values "
                            "(YAML aliases repeated inside one another?)")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return data


def parse_yaml(path: Path) -> Any:
    import yaml

    try:
        return _bounded(yaml.safe_load(path.read_text(encoding="utf-8")), path)
    except UnicodeDecodeError:
        raise PackError(path, None, "file", "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PackError(path, None, "yaml", f"invalid YAML{where}: {problem}") from None


class _Used(dict):
    """A pack's cached anchors table that notes which entries this compile read or added."""

    def __init__(self, table: dict):
        super().__init__(table)
        self.used: set = set()
        self.added = False

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)

    def __setitem__(self, key, value):
        self.used.add(key)
        self.added = True
        super().__setitem__(key, value)


def load_pack(path: Path, source: str) -> list[Rule]:
    """The pack's rules. Its parsed YAML is cached once it has compiled, with its
    patterns' anchors: PyYAML costs ~40 ms to import, working out the anchors about as
    much, and an invalid pack must fail the same way every time."""
    from .compile import compile_pack  # (compile imports the kinds; loading is imported first)

    path = Path(path)
    stamp = _stamp(path)
    entry = cache.entry("packs", str(path.resolve()))
    cached = cache.load(entry, stamp)
    if isinstance(cached, dict) and isinstance(cached.get("anchors"), dict):
        anchors = _Used(cached["anchors"])
        rules = compile_pack(cached.get("yaml"), path, source, validated=True, anchors=anchors)
        if anchors.added:  # a lexicon entry changed since: keep the anchors worked out again, and only those in use
            cache.store(entry, stamp, {"yaml": cached.get("yaml"), "anchors": {k: anchors[k] for k in anchors.used}})
        return rules
    data = parse_yaml(path)
    anchors: dict | None = {} if entry is not None else None  # worked out only to be cached
    rules = compile_pack(data, path, source, anchors=anchors)
    cache.store(entry, stamp, {"yaml": data, "anchors": anchors})
    return rules
