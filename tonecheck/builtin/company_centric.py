"""Company-centric rules that need more than a phrase: who the sentences are about,
and a meeting time offered as the only option."""
from __future__ import annotations

import re

from .. import hookimpl
from ..rule import rule

_TIME = re.compile(
    r"\b(?:\d{1,2}(?::\d\d)?\s?[ap]\.?m\b|\d{1,2}:\d\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight)",
    re.IGNORECASE,
)
_ASK = re.compile(
    r"\b(?:would|could|can|will) you (?:be (?:available|free|around|in)|come|make it|do|pop|drop|attend|get here)|"
    r"\bare you (?:available|free|around)|\bdoes .{0,30}\b(?:work|suit) for you|\bplease (?:come|attend|arrive|be (?:home|in|available))|"
    r"\b(?:we|I)(?:'ve| have) (?:booked|scheduled|arranged|moved|put) (?:you|your)\b.{0,60}\b(?:for|to|on|at)\b",
    re.IGNORECASE,
)
_ONLY = re.compile(
    r"\b(?:the only|my only|our only|just one|one) (?:slot|time|day|date|window|appointment|option)\b(?: (?:that )?(?:works|left|available|I have|we have|free))?",
    re.IGNORECASE,
)
_CHOICE = re.compile(
    r"\bor\b|\bwhich(?:ever)?\b|\banother\b|\bother (?:time|day|date|slot)|\bany (?:time|day)|\b(?:suits?|works? for|better for|convenient for) you|"
    r"\bif (?:that|this|it|neither|the time|the date)\b.{0,30}\b(?:doesn'?t|does not|isn'?t|is not|won'?t)\b|\bpick\b|\bchoose\b|\byour preferred\b|\bbook (?:a|your) (?:time|slot)",
    re.IGNORECASE,
)


@rule(
    "CustomerFocus.SingleSlot",
    category="company_centric",
    severity="warning",
    message="This offers the customer one time, the one that suits you. Offer a choice, or ask what suits them.",
    why=(
        "A single take-it-or-leave-it slot tells the customer your diary matters more than "
        "theirs. Two options and an open door ('or another time that suits you') cost one line."
    ),
    instead="'Which suits you best: Saturday at 9am, or another time that works for you?'",
    bad=[
        "Hi Steve,\nWould you be available at 9am to collect tomorrow? Please let me know.",
        "Can you come in Thursday at 8:30? That's the only slot that works on my end.",
    ],
    good=[
        "Hi Steve,\nWhich time suits you best: Saturday at 9am, or another day?",
        "I've booked your follow-up for Tuesday at 10:30am. If that time doesn't work for you, reply and I'll move it.",
    ],
)
def single_slot(a, r):
    """Flags a meeting or collection time offered as the only option, with no choice
    or way to change it anywhere in the draft."""
    if any(_CHOICE.search(s.text) for s in a.body):
        return
    for s in a.body:
        only = _ONLY.search(s.text)
        if only:
            yield r.finding(s.start + only.start(), s.start + only.end())
        elif _ASK.search(s.text) and _TIME.search(s.text):
            yield r.finding(s.start, s.end)


def _focus(sentence) -> str:
    """'writer' for a sentence about us and not the customer, 'customer' when it
    speaks to them, '' otherwise."""
    if sentence.second_person:
        return "customer"
    return "writer" if sentence.first_person else ""


@rule(
    "CustomerFocus.AboutUs",
    category="company_centric",
    severity="warning",
    message="{writer} of {total} sentences are about you or your company and none of them speak to the customer. Turn them round: what does each mean for the reader?",
    why=(
        "Customers read for what affects them. A draft that is mostly 'we', 'our team' "
        "and 'I' reads as the company talking to itself."
    ),
    instead="Rewrite 'We have processed your refund' as 'Your refund is on its way: you'll see it by Friday.'",
    bad=[
        "We have taken measures to reduce the noise. We have also deployed more cleaners. "
        "We will send the feedback to our contractors. Our team is monitoring the works."
    ],
    good=[
        "I've refunded your fee, and you'll see it by Thursday. I've also set up an alert for you. "
        "We'll text you the day before. If anything looks wrong, reply and I'll fix it."
    ],
    options={"min_sentences": 3, "max_share": 0.6},
)
def about_us(a, r):
    """Counts the body sentences about the writer or company (I, we, our, the company
    names in config) that never address the customer, against those that do."""
    foci = [(s, _focus(s)) for s in a.body]
    writer = [s for s, f in foci if f == "writer"]
    customer = sum(f == "customer" for _, f in foci)
    total = len(writer) + customer
    if len(writer) < r.options["min_sentences"] or not total:
        return
    if len(writer) / total >= r.options["max_share"] and customer <= len(writer) // 3:
        first = writer[0]
        yield r.finding(first.start, first.end, r.message.format(writer=len(writer), total=len(a.body)))


@hookimpl
def tonecheck_rules():
    return [single_slot, about_us]

