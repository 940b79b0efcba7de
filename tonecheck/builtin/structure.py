"""Structure: a greeting, a sign-off, and the customer's question answered."""
from __future__ import annotations

import re

from .. import hookimpl
from ..rule import Example, rule

_WHEN = re.compile(r"\b(?:when|what time|how long|by when|what date|how soon)\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow|this (?:morning|afternoon|evening|week)|"
    r"next week|\d{1,2}(?::\d\d)?\s?[ap]\.?m|\d{1,2}:\d\d|within \w+ (?:working )?(?:minutes?|hours?|days?|weeks?)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.IGNORECASE,
)


@rule(
    "Structure.Greeting",
    category="structure",
    severity="suggestion",
    message="No greeting. Open with the customer's name ('Hi Sam,').",
    why="A greeting with the customer's name is the cheapest signal that a person wrote to them.",
    instead="'Hi Sam,' on the first line.",
    bad=[
        "Your refund of £25 has been processed today. It will reach your card within five working days, "
        "and you will get an email from us when it does.\nThanks,\nLeah"
    ],
    good=[
        "Hi Sam,\nYour refund of £25 has been processed today. It will reach your card within five working days, "
        "and you will get an email from us when it does.\nThanks,\nLeah"
    ],
    options={"min_words": 25},
)
def greeting(a, r):
    """Flags a draft of more than a few lines that has no greeting."""
    regions = {reg.kind for reg in a.draft.regions}
    if "greeting" not in regions and a.word_count >= r.options["min_words"] and a.body:
        yield r.finding(a.body[0].start, a.body[0].end)


@rule(
    "Structure.UnansweredWhen",
    category="structure",
    severity="warning",
    message="The customer asked when ('{question}'), and the reply gives no date or time.",
    why="A customer who asks 'when?' and gets no date will write again, angrier; the question was the point of their email.",
    instead="Answer with a date, even an estimate: 'You'll have the refund by Friday 14 June.'",
    bad=[
        Example("Hi Ben,\nI've raised it with our finance team.\nLeah\n\nOn Mon, Ben wrote:\n> When will I get my money back?")
    ],
    good=[
        Example("Hi Ben,\nI've refunded the second payment; you'll see it by Thursday.\nLeah\n\nOn Mon, Ben wrote:\n> When will I get my money back?")
    ],
)
def unanswered_when(a, r):
    """Flags a reply to a customer who asked when something will happen, if the reply
    names no day, date or time."""
    asks = [q for q in a.quoted_questions if _WHEN.search(q)]
    if not asks or not a.body or any(_TIME.search(s.text) for s in a.body):
        return
    question = asks[0] if len(asks[0]) <= 60 else asks[0][:57] + "…"
    first = a.body[0]
    yield r.finding(first.start, first.end, r.message.format(question=question))


@hookimpl
def tonecheck_rules():
    return [greeting, unanswered_when]
