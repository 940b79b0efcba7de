"""Things that went wrong while the run went on, and the one way tonecheck calls a
plugin's hook implementations.

A ``Problem`` is a ``str`` (so the JSON contract's ``errors`` and every message stay
text) that also knows its ``level`` ("error": a plugin or rule failed; "warning":
something was left out, such as an unknown context in a header; "note": worth saying,
nothing failed) and its ``source`` (the plugin, or "tonecheck"). A string operation
on it (``strip``, an f-string) gives a plain ``str`` back, which counts as an error:
pass problems on as they are.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from typing import Any

from .containment import contained, quiet_stdout

LEVELS = ("note", "warning", "error")


class Problem(str):
    level: str
    source: str

    def __new__(cls, message: str, *, level: str = "error", source: str = "tonecheck") -> Problem:
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}")
        self = super().__new__(cls, message)
        self.level, self.source = level, source
        return self

    def __reduce__(self):  # a worker process sends problems back whole
        return (_rebuild, (str(self), self.level, self.source))


def _rebuild(message: str, level: str, source: str) -> Problem:
    return Problem(message, level=level, source=source)


def raised(plugin: str, what: str, exc: BaseException, tail: str = "") -> Problem:
    """"plugin 'x': <what> raised TypeError: ..." (what: the hook, or the rule)."""
    return Problem(f"plugin {plugin!r}: {what} raised {type(exc).__name__}: {exc}{tail}", source=plugin)


def call_each(hook, record: Callable[[Problem], Any], *, what: str | None = None, tail: str = "",
              latest_first: bool = False, **kwargs) -> Iterator[tuple[str, Any]]:
    """Call each implementation of a hook on its own, with stdout kept for the report:
    yields (plugin name, what it returned); one that raises (even ``sys.exit``) is
    recorded by name and the others go on. Only Ctrl-C stops the run.
    ``latest_first`` asks the most recently registered plugin first (pluggy's own order
    for a ``firstresult`` hook)."""
    impls = hook.get_hookimpls()
    for impl in reversed(impls) if latest_first else impls:
        try:
            with quiet_stdout():
                result = impl.function(**kwargs)
        except BaseException as exc:
            if not contained(exc):
                raise
            record(raised(impl.plugin_name, what or hook.name, exc, tail))
            continue
        yield impl.plugin_name, result


def listed(provided: Any, plugin: str, hook: str, wanted: str, record: Callable[[Problem], Any],
           lone: tuple[type, ...] = ()) -> list:
    """What a hook implementation returned, as the list its spec asks for. None is an
    empty list; one item alone (a ``lone`` type, or text or a path, which would be
    read letter by letter) or anything else that is not a list is recorded by name
    and gives nothing."""
    if provided is None:
        return []
    if isinstance(provided, (*lone, str, bytes, PathLike)) or not isinstance(provided, Iterable):
        name = (getattr(provided, "id", None) or getattr(provided, "name", None)) if isinstance(provided, lone) else None
        what = f"the {type(provided).__name__.lower()} {name!r}" if isinstance(name, str) else repr(provided)[:80]  # a Rule's id, a Format's name
        record(Problem(f"plugin {plugin!r}: {hook} returned {what} alone, not a list of {wanted}; "
                       "it adds nothing", source=plugin))
        return []
    return list(provided)
