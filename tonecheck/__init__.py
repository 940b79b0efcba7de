"""tonecheck: a linter and tone coach for outgoing customer emails.

For mail tooling written in Python::

    import tonecheck
    report = tonecheck.check("Hi Steve, ...", context=["celebration"])
    for f in report.findings:
        print(f.rule, f.message)

Plugin authors import ``tonecheck.hookimpl`` and ``tonecheck.rule``.
"""
from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marker for plugin hook implementations (see tonecheck.hookspecs).
hookimpl = pluggy.HookimplMarker("tonecheck")

from typing import TYPE_CHECKING, Iterable  # noqa: E402

from .config import Config  # noqa: E402
from .findings import Edit, Finding, Fix, Suggestion  # noqa: E402
from .rule import Example, Rule, rule  # noqa: E402

if TYPE_CHECKING:
    from .engine import Linter
    from .report import Report
    from .score import Score


def check(
    text: str,
    *,
    config: Config | None = None,
    context: str | Iterable[str] | None = None,
    path: str = "-",
) -> Report:
    """Check one draft (plain text, HTML or an RFC 822 message) and return its Report.

    ``context`` ("complaint", or several) replaces detection. Each call loads plugins
    and packs anew; to check many drafts, make one ``tonecheck.Linter(config)`` and
    call ``linter.lint(tonecheck.load_text(text))`` for each.
    """
    from .engine import Linter
    from .sources import load_text

    return Linter(config).lint(load_text(text, path), contexts=context)


def __getattr__(name: str):
    """The heavier public names, imported on first use to keep start-up fast."""
    if name == "Linter":
        from .engine import Linter

        return Linter
    if name in ("load_text", "load_bytes"):
        from . import sources

        return getattr(sources, name)
    if name == "Report":
        from .report import Report

        return Report
    if name == "Score":
        from .score import Score

        return Score
    raise AttributeError(f"module 'tonecheck' has no attribute {name!r}")


__all__ = [
    "__version__", "hookimpl", "check", "rule", "Rule", "Example", "Config", "Linter",
    "load_text", "load_bytes", "Report", "Score", "Finding", "Suggestion", "Fix", "Edit",
]
