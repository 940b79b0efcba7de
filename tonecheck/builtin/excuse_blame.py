"""Excuses a phrase list cannot enumerate: a reason ("because", "due to", "as") that
puts the cause on someone or something else, in a draft that does not own it."""
from __future__ import annotations

import re

from .. import hookimpl
from ..rule import rule

_CAUSE = re.compile(
    r"\b(?:because(?: of)?|due to|owing to|as a result of|caused by|thanks to|down to|since|"
    r"as (?:the|our|their|your|we|they|there|it|he|she))\b",
    re.IGNORECASE,
)
# Who or what gets the blame: other people, other firms, the system, the circumstances.
_ELSEWHERE = re.compile(
    r"\b(?:suppliers?|manufacturers?|couriers?|carriers?|drivers?|warehouse|factory|lab|labs|contractors?|"
    r"subcontractors?|partners?|vendors?|wholesalers?|depot|hub|system|software|servers?|network|bank|council|"
    r"authority|landlord|agent|colleagues?|team|department|staff|engineers?|technicians?|instructor|"
    r"weather|rain|snow|storms?|wind|traffic|demand|volumes?|season|holidays?|shortages?|sickness|illness|"
    r"off sick|strike|backlog|update|upgrade|migration|glitch|merger|rota|workload|busy|peak)\b",
    re.IGNORECASE,
)
_OURS = re.compile(r"\s*(?:we|we['’]\w+|our|I|I['’]\w+|my|us)\b", re.IGNORECASE)
_OWNING = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|our (?:mistake|fault|error)|my (?:mistake|fault|error)|on us|"
    r"(?:we|I) (?:got|made|messed|should have|shouldn['’]t have|dropped))\b",
    re.IGNORECASE,
)


@rule(
    "Excuses.Circumstance",
    category="excuse_blame",
    severity="warning",
    message="This gives a reason that puts the cause elsewhere ('{cause} … {agent}'). Give it in a few words at most, own the result, and say what happens next.",
    why=(
        "A reason that blames a supplier, a colleague, the weather or the system reads as "
        "an excuse, however true. Customers forgive a cause you own; they resent one you pass on."
    ),
    instead="'The part we ordered arrived damaged, which is on us to sort out: the new one is fitted by Thursday at 3pm.'",
    bad=[
        "Hi Jo,\nYour worktop is late because the templating contractor is behind. We'll let you know.\nSteve",
        "The lesson is off as the instructor is on holiday this week.",
    ],
    good=[
        "Hi Jo,\nI'm sorry: your worktop is late because our contractor is behind. It will be fitted on Thursday at 9am.\nSteve",
        "Your flight was cancelled because the aircraft needs a repair, so I've moved you to the 11:40.",
    ],
    options={"owned_severity": "suggestion"},
)
def circumstance(a, r):
    """Flags a sentence whose reason ('because', 'due to', 'as ...') names a third party
    or a circumstance. Where the draft also apologises or owns the problem, the finding
    is only a suggestion."""
    owned = any(_OWNING.search(s.text) for s in a.body)
    for s in a.body:
        cause = _CAUSE.search(s.text)
        if not cause:
            continue
        agent = _ELSEWHERE.search(s.text, cause.end())
        between = s.text[cause.end():agent.start()] if agent else ""
        # "because we ..." gives our own reason: owning, not blaming
        if agent and len(between) <= 60 and not _OURS.match(between):
            severity = r.options["owned_severity"] if owned else r.severity
            msg = r.message.format(cause=cause.group(), agent=agent.group())
            yield r.finding(s.start + cause.start(), s.start + agent.end(), msg, severity=severity)


@hookimpl
def tonecheck_rules():
    return [circumstance]
