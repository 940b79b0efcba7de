"""The built-in rewriter: the findings' own fixes, chosen so that the rewrite keeps
every fact and never scores lower than the draft.

1. Per finding, its first fix that is allowed (``unsafe``); where two clash, the more
   serious finding's wins (``tonecheck.fixes.chosen``). A suggestion's fix that only
   adds a sentence with a placeholder is left out (not worth a blank to fill in). In
   HTML, a fix that would cut through markup is left out.
2. Facts: a fix whose edits remove a number, time, date, day, amount, link, address,
   phone number or the greeted name, said nowhere else, is left out (a fix that says
   it again elsewhere, as the choice of times does for the day the writer is in, keeps
   the others in).
3. Score: while the rewrite scores lower than the draft, the fix whose removal helps
   most is left out.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .. import hookimpl, re_cached
from ..fixes import PLACEHOLDER, apply, chosen

if TYPE_CHECKING:
    from ..rewrites import Rewrite

_GREETING_WORDS = re_cached.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|morning|afternoon|evening)\b", re.I)


@hookimpl
def tonecheck_rewriter(linter, draft, report, unsafe):
    return rewrite_with_fixes(linter, draft, report, unsafe=unsafe)


_CAPITALISED = re_cached.compile(r"\b[A-Z][a-z][\w'-]*")


def greeted(draft) -> tuple[str, ...]:
    """The capitalised names in the draft's greeting ("Hi Steve," -> ("Steve",))."""
    names: list[str] = []
    for r in draft.regions:
        if r.kind == "greeting":
            line = _GREETING_WORDS.sub("", draft.text[r.start:r.end].strip())
            names += _CAPITALISED.findall(line)
    return tuple(names)


def rewrite_with_fixes(linter, draft, report, *, unsafe: bool = True) -> Rewrite:
    from ..facts import lost, spans  # only a rewrite needs these: a check never imports them
    from ..rewrites import Change, Rewrite, body_format

    source = report.text
    fmt = body_format(draft)
    curly = source.count("’") > source.count("'")  # the writer's apostrophes, in what is added

    def escape(text: str) -> str:
        text = text.replace("'", "’") if curly else text
        if fmt != "html":
            return text
        import html  # only a rewrite of an HTML draft needs it

        return html.escape(text, quote=False)

    notes: list[str] = []
    # a suggestion is not worth a sentence the writer must fill in: it gets swaps,
    # cuts and splits, not "[[...]]" to complete
    findings = [f for f in report.findings if f.severity != "suggestion" or not _asks(f)]
    rejected: set = set()  # fixes the gates turned down: a finding's next fix is tried instead
    # a heading above the greeting (a pasted "Subject:" line, a letter's reference) is
    # reported on, but not rewritten: a subject is not a sentence to soften
    headings = [draft.to_source(r.start, r.end) for r in draft.regions if r.kind == "heading"]
    if headings:
        rejected |= {s.fix for f in findings for s in f.suggestions if s.fix and any(
            a <= e.offset + e.length and e.offset <= b for e in s.fix.edits for a, b in headings)}
    if fmt == "html":
        cuts = {s.fix for f in findings for s in f.suggestions
                if s.fix and any(_markup(source[e.offset:e.offset + e.length]) for e in s.fix.edits)}
        if cuts:
            notes.append(f"{len(cuts)} fix(es) left out: they would cut through the HTML's markup")
        rejected |= cuts

    own = draft.writer_text()  # (not the customer's quoted message)

    def pick():
        return chosen(findings, unsafe=unsafe, text=source, rejected=frozenset(rejected), own=own)

    picked = pick()
    names = greeted(draft)

    def keeps_facts(subset) -> tuple[str, list[str]]:
        text = apply(source, [fx for _, fx in subset], escape)
        return text, lost(source, text, names)

    # facts: leave out the fixes that lose one, until none is lost
    text, missing = keeps_facts(picked)
    while missing and picked:
        at = [s for fact in missing for s in spans(source, fact)]
        culprits = [p for p in picked if any(e.offset < b and a < e.offset + e.length for e in p[1].edits for a, b in at)]
        if not culprits:  # lost without a fix over it: the last fix that removes words
            culprits = [p for p in picked if any(e.length for e in p[1].edits)][-1:] or picked[-1:]
        for f, fx in culprits:
            notes.append(f"{f.rule}: its fix is left out: it would lose {', '.join(repr(m) for m in missing[:3])}")
            rejected.add(fx)
        picked = pick()
        text, missing = keeps_facts(picked)

    before = report.score.overall

    def lint(text: str):
        from ..sources import load_text

        return linter.lint(load_text(text, report.path, fmt), contexts=report.contexts or None)

    after = lint(text) if picked else report
    # score: never lower than the draft's (a grammar or spelling fix is a correction, not
    # a tone choice: it is not weighed)
    while picked and after.score.overall < before:
        trials = []
        for f, fx in picked:
            if f.category in _CORRECTIONS:
                continue
            rejected.add(fx)  # try without it (and with the finding's next fix, if any)
            subset = pick()
            rejected.discard(fx)
            t, miss = keeps_facts(subset)
            if not miss:
                trials.append((lint(t) if subset else report, t, f, fx, subset))
        if not trials:  # nothing left to weigh but corrections: they stay
            picked = [p for p in picked if p[0].category in _CORRECTIONS]
            text, _ = keeps_facts(picked)
            after = lint(text) if picked else report
            break
        after, text, f, fx, picked = max(trials, key=lambda x: x[0].score.overall)
        notes.append(f"{f.rule}: its fix is left out: the draft scored lower with it")
        rejected.add(fx)
    if not picked:
        text, after = source, report
    changes = sorted(
        (Change(f.rule, source[e.offset:e.offset + e.length], e.content, f.message, e.offset) for f, fx in picked for e in fx.edits),
        key=lambda c: c.offset,
    )
    left = Counter(PLACEHOLDER.findall(text)) - Counter(PLACEHOLDER.findall(source))
    return Rewrite(text, changes, sorted(left.elements(), key=text.find), before, after.score.overall, after, notes=notes)


_CORRECTIONS = frozenset({"grammar", "spelling"})


def _asks(f) -> bool:
    """Does the finding's fix only add sentences with a placeholder in them?"""
    fx = next((s.fix for s in f.suggestions if s.fix), None)
    return fx is not None and all(not e.length and PLACEHOLDER.search(e.content) for e in fx.edits)


def _markup(span: str) -> bool:
    return "<" in span or ">" in span
