"""What every pack kind declares: its fields, what it requires, the figures its
message may use, its description and its builder. Adding a kind is one module with
one ``Kind`` (see ``phrase.py``) and a line in ``kinds.py``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

#: Where a rule looks for its phrases (``scope``), and a require-when rule for what it
#: requires (``scope`` too; ``within`` is the older name).
SCOPES = ("writer", "body", "opening")

#: build(spec, flags, fail) -> (check(analysis, rule, scope), options, fixable)
Builder = Callable[[dict, dict, Callable], tuple[Callable, dict, bool]]


def _no_options(spec: dict) -> set:
    return set()


@dataclass(frozen=True)
class Kind:
    name: str
    fields: frozenset  # its own fields, beside the common ones
    required: tuple  # fields it cannot do without
    placeholders: frozenset  # the figures its message may use ({match}), beside its options
    description: str | Callable[[dict], str]  # the rule's description when the pack gives none
    build: Builder
    not_for: frozenset = frozenset()  # common fields that mean nothing for it: an error
    options: Callable[[dict], set] = _no_options  # option names its message may use
    rewrite_keys: frozenset = frozenset()  # what its ``rewrite`` field may hold
    always_fixes: bool = False  # every finding carries a fix (substitution)

    def describe(self, spec: dict) -> str:
        return self.description(spec) if callable(self.description) else self.description
