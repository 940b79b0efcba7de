"""A rewrite of a draft: the text with its fixes made, what changed and why, the
placeholders left for the writer, and the score before and after.

``rewrite`` asks the ``tonecheck_rewriter`` hook (a plugin's rewriter first, the
built-in one last: ``tonecheck.builtin.rewriter``). Nothing leaves the machine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .draft import Draft
from .report import Report

if TYPE_CHECKING:
    from .sources.formats import Format


@dataclass(frozen=True)
class Change:
    rule: str
    before: str  # the words replaced ("" for an insertion)
    after: str  # the words written ("" for a deletion)
    reason: str  # the finding's message
    offset: int = 0  # where, in the text rewritten (Report.text)


@dataclass
class Rewrite:
    text: str  # the rewritten Report.text: the body as read (HTML stays HTML)
    changes: list[Change]
    placeholders: list[str]  # [[...]] the rewrite left for the writer to fill in
    score_before: float
    score_after: float
    report: Report | None = None  # the rewrite's own Report
    rewriter: str = ""  # the plugin that wrote it
    notes: list[str] = field(default_factory=list)  # fixes left out, and why
    original: str | None = None  # the text rewritten (set by ``rewrite``)

    @property
    def changed(self) -> bool:
        return self.text != self.original if self.original is not None else bool(self.changes)


def body_format(draft: Draft) -> str:
    """The format of what a draft's Report.text holds: "html" or "text"."""
    if draft.format == "html" or draft.meta.get("content-type") == "text/html":
        return "html"
    return "text"


def rewrite(linter, draft: Draft, report: Report | None = None, *, unsafe: bool = True) -> Rewrite:
    """Rewrite ``draft`` with the plugins' rewriters (the built-in one last). A
    rewriter that raises is named in the result's notes and the next one is asked."""
    if report is None:
        report = linter.lint(draft)
    from .problems import Problem, call_each

    notes: list[str] = []
    hook = linter.pm.hook.tonecheck_rewriter
    for plugin, result in call_each(hook, notes.append, latest_first=True, linter=linter, draft=draft, report=report, unsafe=unsafe):
        if result is None:
            continue
        if not isinstance(result, Rewrite):
            notes.append(Problem(f"plugin {plugin!r}: tonecheck_rewriter returned {type(result).__name__}, not a Rewrite", source=plugin))
            continue
        result.rewriter = result.rewriter or plugin
        result.notes[:0] = notes
        result.original = report.text
        return result
    return Rewrite(report.text, [], [], report.score.overall, report.score.overall, report, "", notes, report.text)


def rewritten_file(data: bytes, draft: Draft, result: Rewrite, linter=None, *, unsafe: bool = True) -> bytes | None:
    """The file's new bytes, as the format that read it writes them (``Format.write``):
    a message keeps its headers, other parts and encoding (only its text changes; with
    ``linter``, its other version too: the HTML beside the plain text is rewritten from
    its own findings); a text or HTML file is UTF-8, as it was read. None when that
    format cannot be written back (``unwritable`` says why)."""
    reader = _reader(draft)
    if reader.write is None:
        return None
    out = reader.written(data, draft, result.text) if result.changed else data
    if draft.format == "eml" and linter is not None:
        from .sources.eml import alternative, replace_body

        twin = alternative(out, draft)
        if twin is not None:
            # the same situation as the text's (a --context given, or what was detected there)
            report = linter.lint(twin, contexts=result.report.contexts or None) if result.report else None
            other = rewrite(linter, twin, report, unsafe=unsafe)
            if other.changed:
                out = replace_body(out, twin, other.text)
            # what the other version could not take ("would cut through the HTML's markup") is said,
            # so a reader knows the two versions may now differ
            kind = "HTML" if body_format(twin) == "html" else "plain-text"
            result.notes.extend(f"the message's {kind} version: {note}" for note in other.notes)
    return out


def unwritable(draft: Draft) -> str | None:
    """Why ``rewritten_file`` cannot write the draft's file back, in one line naming the
    plugin whose format read it; None when it can."""
    reader = _reader(draft)
    if reader.write is not None:
        return None
    return f"{draft.path}: read by plugin {reader.source!r}, whose format tonecheck cannot write back"


def _reader(draft: Draft) -> Format:
    """The format that read the draft; for one made by hand, the built-in one of its kind."""
    from .sources.formats import Formats

    return draft.meta.get("reader") or Formats().get(draft.format)


def unified_diff(before: bytes, after: bytes, name: str) -> str:
    import difflib

    def text(data: bytes) -> str:  # a message in Latin-1 shows as Latin-1, not as U+FFFD
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")

    old, new = text(before).splitlines(keepends=True), text(after).splitlines(keepends=True)
    lines = list(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
