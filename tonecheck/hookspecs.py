"""The hooks a tonecheck plugin can implement. Built-in rules use the same hooks.

A plugin is a module (or object) with functions marked ``@tonecheck.hookimpl``,
registered through the entry-point group ``tonecheck`` or named in the config.

tonecheck calls each implementation on its own, so that a plugin that raises is
named and the others go on: hook wrappers and call ordering (``tryfirst``) have no
effect. A misspelt hook name is an error when the plugin is registered.
"""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("tonecheck")


@hookspec
def tonecheck_rules():
    """Return the Python rules this plugin provides: a list of ``tonecheck.Rule``
    (usually made with the ``@tonecheck.rule(...)`` decorator)."""


@hookspec
def tonecheck_rule_packs():
    """Return paths of YAML rule packs (files or folders of ``*.yml``) this plugin
    ships; they are loaded and validated like the built-in packs."""


@hookspec
def tonecheck_context(analysis):
    """Return the context tags (e.g. ``"complaint"``, ``"delay"``, ``"celebration"``)
    this detector sees in the draft and the quoted customer message. Tags from all
    detectors are merged; ``--context`` replaces detection altogether."""


@hookspec
def tonecheck_formatters():
    """Return ``{name: format_function}``; ``format_function(reports, options)``
    returns the whole output as a string. The name becomes a ``--format`` choice."""


@hookspec(firstresult=True)
def tonecheck_rewriter(linter, draft, report, unsafe):
    """Rewrite a draft: return a ``tonecheck.rewrites.Rewrite``, or None to leave it to
    the next rewriter. ``report`` is the draft's Report (``report.text`` is what to
    rewrite; findings carry their fixes), ``linter`` checks a candidate
    (``linter.lint(draft)``), and ``unsafe`` says whether fixes that change the
    writer's wording may be used. Plugins are asked before the built-in rewriter,
    the most recently registered first; the first answer that is not None is used."""
