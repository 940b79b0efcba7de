"""Grammar (and LanguageTool's own spelling) through a LanguageTool server.

Only the writer's own words are sent: the quoted customer message and the signature
are blanked to spaces first (same length, so offsets hold). With no LanguageTool
reachable (``[grammar] use = "auto"``, the default), the rule is silent.
"""
from __future__ import annotations

from .. import hookimpl, languagetool
from ..findings import Edit, Finding, Fix, Suggestion
from ..ruledef import rule


def writer_only(analysis) -> str:
    """The draft's text with everything but the writer's regions blanked to spaces
    (line breaks kept), so nothing quoted or signed is sent, and offsets hold."""
    text = analysis.text
    keep = [False] * len(text)
    for s, e in analysis.writer_spans:
        keep[s:e] = [True] * (e - s)
    return "".join(ch if k or ch == "\n" else " " for ch, k in zip(text, keep))


@rule(
    "LanguageTool.Grammar",
    category="grammar",
    severity="warning",
    message="LanguageTool: {message}",
    why=(
        "A slip in grammar or spelling makes a careful reply look careless, and the customer "
        "wonders what else was rushed. The findings are LanguageTool's, each under its own "
        "rule id (LanguageTool.<RULE_ID>); LanguageTool's spelling slips are in the spelling category."
    ),
    instead="Take LanguageTool's replacement, or reword the sentence.",
    bad=["Hi Jo,\nI has sent the parts to you yesterday.\nTom"],
    good=["Hi Jo,\nI sent the parts to you yesterday.\nTom"],
    fixable=True,
    fix_safety="Unsafe: LanguageTool's replacement; it may not be the word you meant.",
)
def grammar(analysis, rule):
    """Sends the writer's own words to LanguageTool (the server config names, else one
    on this machine) and reports each of its matches: grammar, or spelling for
    LanguageTool's misspelling matches, with its replacements as fixes."""
    settings = analysis.settings.get("grammar", {})
    server = languagetool.find(settings)
    if server is None:
        return
    text = writer_only(analysis)
    for m in server.check(text, settings.get("language", "en-US")):
        start, length = m["offset"], m["length"]
        lt_rule = m.get("rule") if isinstance(m.get("rule"), dict) else {}
        rule_id = str(lt_rule.get("id") or "UNKNOWN")
        category = "spelling" if lt_rule.get("issueType") == "misspelling" else "grammar"
        message = str(m.get("message") or lt_rule.get("description") or "LanguageTool flags this").strip()
        fixes = [
            Suggestion(f"Write {r['value']!r}", Fix((Edit(start, length, r["value"]),), "unsafe"))
            for r in (m.get("replacements") or [])[:3]
            if isinstance(r, dict) and isinstance(r.get("value"), str)
        ]
        yield Finding(f"LanguageTool.{rule_id}", category, rule.severity, rule.message.format(message=message),
                      start, length, fixes)


@hookimpl
def tonecheck_rules():
    return [grammar]
