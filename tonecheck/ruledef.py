"""A rule: its identity, its documentation and examples, and the check it runs.

Built-in and third-party rules are the same type, whether they come from a YAML
pack or a Python plugin. ``check(analysis, rule)`` yields Findings; it never parses
or prints.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from . import re_cached
from .findings import CATEGORIES, SEVERITIES, Finding, Suggestion

_ID = re_cached.compile(r"^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class Example:
    """A draft the rule must fire on (bad) or stay quiet on (good). A bad one may say
    where and what, as LanguageTool's examples do: ``flags`` (words a finding must
    cover) and, for a rule that fixes, ``fixed`` (the draft once its fixes are made)."""

    text: str
    context: tuple[str, ...] = ()
    flags: str = ""
    fixed: str | None = None


_CATEGORY = re_cached.compile(r"^[a-z][a-z_]*$")


@dataclass(frozen=True)
class Rule:
    id: str  # "Pack.RuleName"
    category: str
    severity: str
    message: str
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    description: str = ""  # what it does
    why: str = ""  # why it matters to the customer
    instead: str = ""  # what to write instead
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    fixable: bool = False
    fix_safety: str = ""  # how far an automatic fix can be trusted
    options: dict = field(default_factory=dict, compare=False)
    source: str = "builtin"  # the plugin (or pack file) that provides it
    kind: str = "python"  # "python" or the pack rule kind
    # a second opinion: its findings give way to any other rule's finding of the same
    # category that overlaps them (the learned signals speak only where rules are silent)
    defers: bool = False
    # off unless select names it (its id, pack or category): spelling, say
    opt_in: bool = False
    # False: its warning stays a warning in a draft the learned score passes (what the
    # model has had too few examples to weigh: pressure selling, say)
    demotable: bool = True

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]

    def finding(
        self,
        start: int,
        end: int,
        message: str | None = None,
        *,
        severity: str | None = None,
        suggestions: Iterable[Suggestion] = (),
    ) -> Finding:
        return Finding(
            rule=self.id,
            category=self.category,
            severity=severity or self.severity,
            message=message or self.message,
            offset=start,
            length=max(0, end - start),
            suggestions=self._suggestions(suggestions),
        )

    def _suggestions(self, given: Iterable[Suggestion]) -> list[Suggestion]:
        """Every finding says what to write instead, even when no edit can do it; a
        finding whose only suggestions are fixes says it first, then the fixes."""
        given = list(given)
        if self.instead and all(s.fix is not None for s in given):
            # a quoted model sentence is another customer's case: said to be an example, so it
            # is not read as the words to write in this draft
            said = f"For example: {self.instead}" if self.instead[:1] in "'\"‘“" else self.instead
            return [Suggestion(said), *given]
        return given

    def configured(self, settings: dict) -> Rule:
        """A copy with a severity override and options from the user's config."""
        settings = dict(settings)
        severity = settings.pop("severity", self.severity)
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
        unknown = set(settings) - set(self.options)
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise ValueError(f"unknown option {sorted(unknown)[0]!r} (options: severity, {known})")
        for name, value in settings.items():
            default = self.options[name]
            number = (int, float)
            same = (
                isinstance(value, number) and not isinstance(value, bool)
                if isinstance(default, number) and not isinstance(default, bool)
                else isinstance(value, type(default))
            )
            if not same:
                raise ValueError(f"option {name!r} must be like its default {default!r}, not {value!r}")
            if isinstance(default, int) and not isinstance(default, bool) and not isinstance(value, int):
                raise ValueError(f"option {name!r} must be a whole number like its default {default!r}, not {value!r}")
            # thresholds and counts: a negative one would flag (or silence) everything
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not value >= 0:
                raise ValueError(f"option {name!r} must be 0 or more, not {value!r}")
        return replace(self, severity=severity, options={**self.options, **settings})

    def validate(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} is not of the form Pack.RuleName")
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.id}: severity {self.severity!r} is not one of {SEVERITIES}")
        if not _CATEGORY.match(self.category):
            raise ValueError(f"{self.id}: category {self.category!r} is not a snake_case name")


def _examples(items) -> tuple[Example, ...]:
    return tuple(i if isinstance(i, Example) else Example(i) for i in items)


def rule(
    id: str,
    *,
    category: str,
    severity: str = "warning",
    message: str,
    why: str,
    instead: str = "",
    bad: Iterable = (),
    good: Iterable = (),
    fixable: bool = False,
    fix_safety: str = "",
    options: dict | None = None,
    defers: bool = False,
    opt_in: bool = False,
    demotable: bool = True,
) -> Callable[[Callable], Rule]:
    """Turn ``check(analysis, rule) -> Iterable[Finding]`` into a Rule; its docstring
    says what the rule does."""

    def wrap(fn: Callable) -> Rule:
        r = Rule(
            id=id,
            category=category,
            severity=severity,
            message=message,
            check=fn,
            description=inspect.cleandoc(fn.__doc__ or ""),
            why=why,
            instead=instead,
            bad=_examples(bad),
            good=_examples(good),
            fixable=fixable,
            fix_safety=fix_safety,
            options=dict(options or {}),
            defers=defers,
            opt_in=opt_in,
            demotable=demotable,
        )
        r.validate()
        return r

    return wrap


__all__ = ["Rule", "Example", "rule", "CATEGORIES"]
