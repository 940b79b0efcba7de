"""The result for one draft: findings in source offsets, the score, and any rule
errors. Formatters read only this."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .findings import SEVERITY_RANK, Finding
from .score import Score

#: The note a Report carries when the draft has no words of the writer's own.
NO_WRITER_TEXT = "no text of the writer's own to check: only quoted text or a signature"


@dataclass
class Report:
    path: str
    text: str  # the source as read; findings' offsets index it
    findings: list[Finding]
    score: Score
    contexts: tuple[str, ...] = ()
    errors: list[str] = field(default_factory=list)  # rules that raised, by plugin and rule
    # plugins that failed to load: the same for every draft of a run, so the CLI says
    # them once on stderr and the JSON lists them in each file's errors
    load_problems: list[str] = field(default_factory=list)
    # lines of the file before ``text`` (a message's headers): positions count lines of
    # the file as saved, what an editor shows; offsets still index ``text``
    line_offset: int = 0
    lines: str = "file"  # "file", or "body" when lines count the decoded body (base64, HTML mail)
    min_score: float | None = None  # the config's min-score: a draft below it fails, findings or not

    @property
    def below_min_score(self) -> bool:
        return self.min_score is not None and self.score.overall < self.min_score

    @cached_property
    def _line_starts(self) -> list[int]:
        text, starts = self.text, [0]
        i = text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, the line counted in the file (see ``lines``)."""
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1 + self.line_offset, offset - self._line_starts[line] + 1

    def at_or_above(self, severity: str) -> list[Finding]:
        rank = SEVERITY_RANK[severity]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "suggestion": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out
