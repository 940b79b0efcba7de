"""The hooks a tonecheck plugin can implement. Built-in rules use the same hooks.

A plugin is a module (or object) with functions marked ``@tonecheck.hookimpl``,
registered through the entry-point group ``tonecheck`` or named in the config.

tonecheck calls each implementation on its own (``tonecheck.problems.call_each``), so
that a plugin that raises is named and the others go on: hook wrappers and call
ordering (``tryfirst``) have no effect. A misspelt hook name is an error when the
plugin is registered.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from os import PathLike

    from .analysis import Analysis
    from .draft import Draft
    from .engine import Linter
    from .report import Report
    from .rewrites import Rewrite
    from .ruledef import Rule
    from .sources.formats import Format

hookspec = pluggy.HookspecMarker("tonecheck")


@hookspec
def tonecheck_rules() -> Iterable[Rule]:
    """Return the Python rules this plugin provides (usually made with the
    ``@tonecheck.rule(...)`` decorator). Each must have bad and good examples."""


@hookspec
def tonecheck_rule_packs() -> Iterable[str | PathLike]:
    """Return paths of YAML rule packs (files or folders of ``*.yml``) this plugin
    ships; they are loaded and validated like the built-in packs."""


@hookspec
def tonecheck_sources() -> Iterable[Format]:
    """Return the input formats this plugin reads, each a ``tonecheck.sources.Format``:
    its name (an ``--input-format`` choice) and aliases, the file endings a folder is
    searched for, how its data is recognised (``sniff``), how it becomes a Draft
    (``parse``) and, if it may be, how a rewrite is written back (``write``). Where
    two formats claim the same name or ending, or both recognise the data, the one
    registered last wins: a plugin's over a built-in."""


@hookspec
def tonecheck_context(analysis: Analysis) -> Iterable[str] | str | None:
    """Return the context tags (e.g. ``"complaint"``, ``"delay"``, ``"celebration"``)
    this detector sees in the draft and the quoted customer message. Tags from all
    detectors are merged; ``--context`` replaces detection altogether.

    :param analysis: the draft's shared facts (sentences, the quoted message, ...).
    """


@hookspec
def tonecheck_formatters() -> dict[str, Callable[[list[Report], dict], str]]:
    """Return ``{name: format_function}``; ``format_function(reports, options)``
    returns the whole output as a string (``options``: ``color``, ``quiet``, and
    ``unreadable``: each input that could not be read, as "path: why"). The name
    becomes a ``--format`` choice."""


@hookspec(firstresult=True)
def tonecheck_rewriter(linter: Linter, draft: Draft, report: Report, unsafe: bool) -> Rewrite | None:
    """Rewrite a draft: return a ``tonecheck.rewrites.Rewrite``, or None to leave it to
    the next rewriter. Plugins are asked before the built-in rewriter, the most
    recently registered first; the first answer that is not None is used.

    :param linter: checks a candidate (``linter.lint(draft)``).
    :param draft: the draft as read.
    :param report: its Report; ``report.text`` is what to rewrite, and its findings carry their fixes.
    :param unsafe: whether fixes that change the writer's wording may be used.
    """
