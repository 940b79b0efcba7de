"""The Negativity pack's rules that need context (the rest are in rules/Negativity.yml):
a refusal with no alternative after it, stacked negatives."""
from __future__ import annotations

import re

from .. import hookimpl, re_cached
from ..fixes import add_to_paragraph, suggestion
from ..ruledef import Example, rule

_OPENER = re_cached.compile(
    r"^(?:unfortunately|regrettably|sadly|I['’]m afraid|I am afraid|I regret (?:to|that))\b",
    re.IGNORECASE,
)
_ALTERNATIVE = re_cached.compile(
    r"\b(?:instead|alternative\w*|so (?:I|we)['’]?(?:ve| have| can|'ll| will)?|(?:I|we)['’](?:ve|ll)|"
    # "I can", not "I can't": a refusal is no alternative
    r"(?:I|we) (?:can|could|have|will|am|are happy)(?!['’]t|not)|you can(?!['’]t|not)|you (?:could|might) (?:like|try|prefer|enjoy|want|consider|book|ask)|happy to|"
    # an offer in other words: "I'd be glad to send you their number", "I'd suggest"
    r"(?:glad|pleased|delighted) to (?!hear|say|see|know|report|inform)|(?:I|we)(?:['’]d| would) (?:suggest|recommend)|"
    r"but (?:I|we|you)|here['’]s what|option)\b",
    re.IGNORECASE,
)
_NEGATION = re_cached.compile(r"\b(?:not|no|never|cannot|nothing|nobody|none|neither|nor)\b|n['’]t\b", re.IGNORECASE)


@rule(
    "Negativity.NoAlternative",
    category="negative_framing",
    severity="warning",
    message="'Unfortunately' with nothing after it: say what you can do for the customer next.",
    why=(
        "A 'no' on its own leaves the customer stuck. The same 'no' followed by the best "
        "thing you can do keeps them with you."
    ),
    instead="'Unfortunately the sea-view room is taken, so I've reserved our garden suite at the same price.'",
    bad=[Example("Unfortunately we cannot refund the fee. The fee was applied correctly.", flags="Unfortunately",
                 fixed="Unfortunately we cannot refund the fee. The fee was applied correctly. What I can do is [[what you can offer]].")],
    good=[
        "Unfortunately the sea-view room is taken that weekend, so I've reserved our garden suite for you.",
        "Unfortunately the fabric failed our check. A new cover is being made, and I can deliver on Thursday.",
        "I'm afraid the hall is booked that evening. The library next door hires its room out, and I'd be glad to ask them for you.",
    ],
    fixable=True,
    fix_safety="Unsafe: it adds a sentence with a placeholder for what you can offer; fill it in before sending.",
)
def no_alternative(analysis, rule):
    """Flags a sentence opening with 'unfortunately' (or 'regrettably', 'I'm afraid')
    when neither it nor anything after it offers an alternative."""
    body = analysis.body
    for i, s in enumerate(body):
        m = _OPENER.search(s.text)
        if m and not any(_ALTERNATIVE.search(t.text) for t in body[i:]):
            # after the paragraph: "Unfortunately ... The card charges are built into it. What I can do is ..."
            added = add_to_paragraph(analysis, s, _OFFER)
            offers = [suggestion("Say what you can do", added)] if added is not None else []
            yield rule.finding(s.start + m.start(), s.start + m.end(), suggestions=offers)


_OFFER = "What I can do is [[what you can offer]]."


@rule(
    "Negativity.StackedNegatives",
    category="negative_framing",
    severity="suggestion",
    message="{count} negatives in one sentence: the customer has to untangle what you mean. Say it positively.",
    why="Each 'not' makes the reader work harder, and a pile of them reads as a wall of refusals.",
    instead="'You can return it until 30 May' instead of 'It cannot be returned if it is not before 30 May.'",
    bad=["We cannot refund it if you did not keep the receipt and it is not unused."],
    good=["We can refund it with the receipt, while it is unused."],
    options={"max": 2},
)
def stacked_negatives(analysis, rule):
    """Flags sentences with more than two negatives (not, no, never, -n't, cannot...)."""
    for s in analysis.body:
        count = len(_NEGATION.findall(s.text))
        if count > rule.options["max"]:
            yield rule.finding(s.start, s.end, rule.message.format(count=count))


@hookimpl
def tonecheck_rules():
    return [no_alternative, stacked_negatives]
