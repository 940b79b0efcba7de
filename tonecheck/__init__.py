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

from .config import Config  # noqa: E402
from .findings import Edit, Finding, Fix, Suggestion  # noqa: E402
from .rule import Example, Rule, rule  # noqa: E402


def check(text: str, *, config: Config | None = None, context=None, path: str = "-"):
    """Check one draft (plain text, HTML or an RFC 822 message) and return its Report.

    Each call loads plugins and packs anew; to check many drafts, make one
    ``tonecheck.engine.Linter(config)`` and call ``lint`` on each.
    """
    from .engine import Linter
    from .sources import load_text

    return Linter(config).lint(load_text(text, path), contexts=context)


__all__ = [
    "__version__", "hookimpl", "check", "rule", "Rule", "Example", "Config",
    "Finding", "Suggestion", "Fix", "Edit",
]
