"""What a rule reports: a Finding with its span, suggestions and optional Fix."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import vocabulary

SEVERITIES = tuple(vocabulary.SEVERITIES)
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

#: The fixed category vocabulary of the JSON output (plugins may add more).
CATEGORIES = tuple(vocabulary.CATEGORIES)


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` characters at ``offset`` with ``content``."""

    offset: int
    length: int
    content: str


@dataclass(frozen=True)
class Fix:
    """Edits that apply together. ``safe`` fixes keep the meaning (ruff's applicability)."""

    edits: tuple[Edit, ...]
    applicability: str = "unsafe"  # "safe" | "unsafe"


@dataclass(frozen=True)
class Suggestion:
    message: str
    fix: Fix | None = None


@dataclass
class Finding:
    """One problem at one place. Offsets index the text the rules read (Draft.text)
    until the engine maps them back to the source as read."""

    rule: str
    category: str
    severity: str
    message: str
    offset: int
    length: int
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.offset + self.length

    @property
    def fixable(self) -> bool:
        return any(s.fix for s in self.suggestions)
