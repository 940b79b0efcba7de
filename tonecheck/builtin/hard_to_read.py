"""Readability that a pattern cannot see: stacked passive voice."""
from __future__ import annotations

import re

from .. import hookimpl
from ..rule import rule

_IRREGULAR = (
    "made done given sent taken shown seen known told paid held kept left lost found brought bought built "
    "caught put set cut read run won met put spent written broken chosen driven forgotten hidden"
)
_PASSIVE = re.compile(
    rf"\b(?:is|are|was|were|be|been|being|has been|have been|had been)\s+(?:\w+ly\s+)?"
    rf"(?:\w+ed|{'|'.join(_IRREGULAR.split())})\b",
    re.IGNORECASE,
)


@rule(
    "Readability.Passive",
    category="hard_to_read",
    severity="warning",
    message="{count} passive constructions here: nobody is doing anything. Say who does what ('we credited your account').",
    why=(
        "Passive voice hides who acted and who will act. To a customer it reads as evasive "
        "and makes them read twice to find out what happens to them."
    ),
    instead="'We charged you the wrong tariff from January to March, and I've credited £42 to your account.'",
    bad=[
        "It has been identified that an incorrect tariff was applied, and a credit has been raised "
        "which will be reflected on a future statement."
    ],
    good=["We charged you the wrong tariff from January to March, so I've credited £42 to your account."],
    options={"per_sentence": 3, "per_draft": 4},
)
def passive(a, r):
    """Flags a sentence with three or more passive verbs, or a draft with four or more
    where most sentences are passive."""
    counts = [(s, len(_PASSIVE.findall(s.text))) for s in a.body]
    flagged = False
    for s, n in counts:
        if n >= r.options["per_sentence"]:
            flagged = True
            yield r.finding(s.start, s.end, r.message.format(count=n))
    total = sum(n for _, n in counts)
    passive_sentences = [s for s, n in counts if n]
    if not flagged and total >= r.options["per_draft"] and len(passive_sentences) * 2 > len(counts):
        s = passive_sentences[0]
        yield r.finding(s.start, s.end, r.message.format(count=total))


@hookimpl
def tonecheck_rules():
    return [passive]
