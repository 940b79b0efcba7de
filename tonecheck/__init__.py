"""tonecheck: a linter and tone coach for outgoing customer emails.

For mail tooling written in Python::

    import tonecheck
    report = tonecheck.check("Hi Steve, ...", context=["celebration"])
    for f in report.findings:
        print(f.rule, f.message)
    print(tonecheck.rewrite("Hi Steve, ...").text)

Plugin authors import ``tonecheck.hookimpl`` and ``tonecheck.rule``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pluggy

    from .config import Config
    from .engine import Linter
    from .findings import Edit, Finding, Fix, Suggestion
    from .report import Report
    from .ruledef import Example, Rule, rule
    from .score import Score

    #: Marker for plugin hook implementations (see tonecheck.hookspecs).
    hookimpl: pluggy.HookimplMarker


def check(
    text: str,
    *,
    config: Config | None = None,
    context: str | Iterable[str] | None = None,
    path: str = "-",
) -> Report:
    """Check one draft (plain text, HTML or an RFC 822 message) and return its Report.

    ``text`` is the draft itself, as text (``path`` only names it), read with the
    built-in formats: not those plugins add, which may read a file's bytes or know it
    by its name. For those, a Linter's registry reads the draft:
    ``linter.lint(tonecheck.load_bytes(data, path, fmt, linter.formats))``.
    ``context`` ("complaint", or several) replaces detection. The plugins and packs for
    a config are loaded on the first call and reused after (in this process); a
    ``tonecheck.Linter(config)`` of your own does the same and loads anew when you ask.
    """
    from .sources import load_text
    from .vocabulary import given_contexts

    draft = load_text(text, path)  # a wrong type is said before anything loads
    return _linter_for(config).lint(draft, contexts=given_contexts(context))  # a misspelt one is refused


def rewrite(
    text: str,
    *,
    config: Config | None = None,
    context: str | Iterable[str] | None = None,
    path: str = "-",
    unsafe: bool = True,
):
    """Rewrite one draft from its findings' fixes and return a ``tonecheck.rewrites.Rewrite``
    (``.text``, ``.changes``, ``.placeholders``, ``.score_before``, ``.score_after``).
    ``unsafe=False`` makes only the fixes that keep the meaning. For a message, ``.text``
    is its body; ``tonecheck.rewrites.rewritten_file`` puts it back into the message.
    ``text`` is read as ``check`` reads it: with the built-in formats only."""
    from .rewrites import rewrite as _rewrite
    from .sources import load_text
    from .vocabulary import given_contexts

    draft = load_text(text, path)
    linter = _linter_for(config)
    return _rewrite(linter, draft, linter.lint(draft, contexts=given_contexts(context)), unsafe=unsafe)


@lru_cache(maxsize=1)
def _linters() -> dict:
    """The Linters check() has made, by config (made on first use, not at import)."""
    return {}


def _linter_for(config: Config | None):
    from .engine import Linter

    linters, key = _linters(), repr(config)
    if key not in linters:
        if len(linters) >= 8:
            linters.pop(next(iter(linters)))
        linters[key] = Linter(config)
    return linters[key]


#: The public names, imported on first use: the ``tonecheck`` command imports this
#: package on every run, and a run handed to the daemon needs none of them.
_LAZY = {
    "Linter": ".engine", "load_text": ".sources", "load_bytes": ".sources", "Report": ".report",
    "Score": ".score", "Config": ".config", "Edit": ".findings", "Finding": ".findings", "Fix": ".findings",
    "Suggestion": ".findings", "Example": ".ruledef", "Rule": ".ruledef", "rule": ".ruledef",
}


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | {"hookimpl"})


def __getattr__(name: str):
    if name == "hookimpl":
        import pluggy

        value = pluggy.HookimplMarker("tonecheck")
    elif name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module 'tonecheck' has no attribute {name!r}")
    globals()[name] = value  # looked up once
    return value


__all__ = [
    "__version__", "hookimpl", "check", "rewrite", "rule", "Rule", "Example", "Config", "Linter",
    "load_text", "load_bytes", "Report", "Score", "Finding", "Suggestion", "Fix", "Edit",
]
