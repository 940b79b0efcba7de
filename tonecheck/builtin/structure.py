"""Structure: a greeting, a sign-off, a next step, the customer's question answered, and
a length and number of questions that get replies."""
from __future__ import annotations

import re

from .. import hookimpl, re_cached, regex
from ..fixes import first_sentence
from ..ruledef import Example, rule

# A when-question, not "when" joining a clause ("why do I not get it back when I resell?")
_WHEN = re_cached.compile(
    r"\bwhen(?:['’]s\b| (?:will|would|can|could|do|does|did|is|are|was|were|should|shall|might|may|am|exactly|roughly|approximately)\b|\s*\?)|"
    # asked inside another question: "tell me when I'll hear something", "wondering when you'll send the jacket"
    r"\bwhen (?:I|you|we|they|it|he|she)(?:['’]ll|['’]d| will| would| can| could| might| should| may| are going to| is going to)\b|"
    r"\bwhen (?:my|the|our|your|his|her|this|that) (?:\w+ ){0,2}(?:will|would|can|could|might|should|is going to|are going to)\b|"
    r"\b(?:what time|how long|by when|what date|how soon)\b", re.IGNORECASE)


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
def greeting(analysis, rule):
    """Flags a draft of more than a few lines that has no greeting."""
    regions = {reg.kind for reg in analysis.draft.regions}
    if "greeting" not in regions and analysis.word_count >= rule.options["min_words"] and analysis.body:
        yield rule.finding(analysis.body[0].start, analysis.body[0].end)


def _unanswered(a, r, question: str):
    """The finding for a question left unanswered: on the reply's first sentence, the
    question quoted (clipped to 60 characters)."""
    if len(question) > 60:
        question = question[:57] + "…"
    first = first_sentence(a)
    return r.finding(first.start, first.end, r.message.format(question=question))


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
        Example("Hi Ben,\nI've refunded the second payment; you'll see it by Thursday.\nLeah\n\nOn Mon, Ben wrote:\n> When will I get my money back?"),
        # "when" joining a clause asks no time
        Example("Hi Ben,\nThe fee pays for card processing, and it comes back in full if the show is cancelled.\nLeah\n\n"
                "On Mon, Ben wrote:\n> Why don't I get the fee back when I resell?"),
    ],
)
def unanswered_when(analysis, rule):
    """Flags a reply to a customer who asked when something will happen, if the reply
    names no day, date or time."""
    asks = [q for q in analysis.quoted_questions if _WHEN.search(q)]
    if not asks or not analysis.body or any(s.mentions_time for s in analysis.body):
        return
    yield _unanswered(analysis, rule, asks[0])


# Words that say nothing of what a question is about.
_FILLER = frozenset(
    "about after again also another anything been before being can't cannot could does doesn't done from going have "
    "having here just know like make many more much need only other over please really should some still sure than "
    "that their them then there these they thing things this those through want was were what when where which while "
    "will with would your yours you've you're".split()
)
_CONTENT = re_cached.compile(r"[a-z][a-z']{3,}")


# A question asked to be answered yes or no, and a reply that gives one.
_YES_NO_QUESTION = re_cached.compile(
    r"(?:[^,]*,\s*)?(?:can|could|would|will|is|are|do|does|may|might|should|shall)\s+(?:it|i|we|you|my|our|he|she|they|this|that|there)\b",
    re.IGNORECASE,
)
_YES_OR_NO = re_cached.compile(
    # a refusal in so many words: "we don't allow pets", "that isn't possible"
    r"\b(?:we|I) (?:don['’]t|do not|can['’]t|cannot|aren['’]t able to|are not able to|won['’]t be able to) "
    r"(?:allow|permit|accept|take|offer|do|bring|fit|include|extend|transfer|refund)\b|"
    r"\b(?:isn['’]t|is not|won['’]t be|will not be) possible\b|\byou['’]re (?:very )?welcome to\b",
    re.IGNORECASE,
)
# A request ("Could my son travel with the driver?") and a reply that opens with its
# answer: yes, no, "sadly", "I'm afraid", "no problem" (not information asked for:
# "Is my warranty still valid?" wants its own words answered).
_REQUEST = re_cached.compile(r"(?:[^,]*,\s*)?(?:can|could|would|may|might) (?:I|we|my|our|he|she|they|you)\b|"
                      r"\b(?:is|would) it (?:be )?possible\b|\bis there any (?:way|chance)\b|\bany chance\b", re.IGNORECASE)
_YES_OR_NO_FIRST = re_cached.compile(
    r"^\W*(?:yes|yep|no)\b|"
    # "sure" with what is done ("Sure: I've added him"), "sadly" with the no ("Sadly the van has no room")
    r"^\W*(?:sure|of course|certainly|absolutely|no problem|happy to)\b.*\b(?:I['’]ve|I have|I['’]ll|I will|I can|we['’]ve|we have|"
    r"we['’]ll|we will|we can|you can|you['’]re welcome|is fine|that['’]s fine)\b|"
    r"^\W*(?:sadly|unfortunately|I['’]m afraid|I am afraid)\b.*(?:\b(?:not|no|cannot|unable|never|nothing)\b|n['’]t\b)",
    re.IGNORECASE)


def _stems(text: str) -> set[str]:
    """A question's or reply's content words, cut to five letters (refund, refunded)."""
    return {w[:5] for w in _CONTENT.findall(text.lower().replace("’", "'")) if w not in _FILLER}


@rule(
    "Structure.UnansweredQuestion",
    category="structure",
    severity="suggestion",
    message="The customer asked '{question}', and nothing in the reply speaks of it.",
    why="A question left unanswered comes back in the next email, with less patience; customers read replies for their own questions first.",
    instead="Answer each question the customer asked, even if only to say when you will know.",
    bad=[
        Example("Hi Ben,\nThanks for your order; it leaves us on Friday.\nLeah\n\nOn Mon, Ben wrote:\n> Can I change the colour of the sofa to grey?")
    ],
    good=[
        Example("Hi Ben,\nYes: I've changed the sofa's colour to grey, and it leaves us on Friday.\nLeah\n\nOn Mon, Ben wrote:\n> Can I change the colour of the sofa to grey?"),
        # the one yes/no question, answered "no" in other words
        Example("Hi Ben,\nI'm afraid the van has no room for a passenger, but the bus stops at our gate.\nLeah\n\n"
                "On Mon, Ben wrote:\n> Could my son travel up with the driver?"),
    ],
)
def unanswered_question(analysis, rule):
    """Flags a question in the customer's quoted message that shares no content word
    with the reply (when-questions are Structure.UnansweredWhen's). A lone yes/no
    question is answered, whatever its words, by a refusal in so many words in the
    first two sentences ("we don't allow pets"), or, if it asks for something ("Could my
    son ...?"), by a yes or no opening one of them ("Sadly the van has no room")."""
    questions = analysis.quoted_questions
    if not analysis.body or not questions:
        return
    if len(questions) == 1 and _YES_NO_QUESTION.match(questions[0]) and (
            any(_YES_OR_NO.search(s.text) for s in analysis.body[:2])
            or (_REQUEST.match(questions[0]) and any(_YES_OR_NO_FIRST.match(s.text) for s in analysis.body[:2]))):
        return  # answered first thing: a refusal in so many words, or a request's yes or no
    reply: set[str] = set()
    for s in analysis.sentences:  # one set at a time: a long reply is not held twice
        reply |= _stems(s.text)
    for q in questions:
        asked = _stems(q)
        if len(asked) >= 2 and not _WHEN.search(q) and not asked & reply:
            yield _unanswered(analysis, rule, q)
            return


@rule(
    "Structure.SignOff",
    category="structure",
    severity="suggestion",
    message="No sign-off. End with a closing and your name, so the customer knows who to come back to.",
    why="A name at the end makes one person answerable; a reply that just stops reads like a system message.",
    instead="End with a closing line and your name, such as 'Best wishes,' and 'Priya' on the line below it.",
    bad=["Hi Sam,\nYour refund of £25 has been processed today and will reach your card within five working days. "
         "You will get an email from us when it does."],
    good=["Hi Sam,\nYour refund of £25 has been processed today and will reach your card within five working days. "
          "You will get an email from us when it does.\n\nBest wishes,\nLeah"],
    options={"min_words": 25},
)
def sign_off(analysis, rule):
    """Flags a draft of more than a few lines with no sign-off and no signature."""
    kinds = {reg.kind for reg in analysis.draft.regions}
    if not kinds & {"signoff", "signature"} and analysis.word_count >= rule.options["min_words"] and analysis.body:
        last = analysis.body[-1]
        yield rule.finding(last.start, last.end)


_NEXT = regex.compile(
    r"\b(?:I|we)(?:'ll|’ll| will| am going to| are going to)\b|\b(?:you can|you'll|you’ll|you will|please|just|reply|call|"
    r"let (?:me|us) know|click|pick|choose|book|send)\b|\?",
    ignore_case=True,
)


@rule(
    "Structure.NextStep",
    category="structure",
    severity="suggestion",
    message="The customer cannot tell what happens next. Say what you will do and when, or what they can do.",
    why="An email that ends without a next step leaves the customer to guess, and then to chase.",
    instead="'I'll call you on Friday with the result; if you need anything before then, just reply here.'",
    bad=["Dear Mr Hale,\nYour claim has been reviewed by the assessor. The estimate from the garage has been received."],
    good=["Dear Mr Hale,\nYour claim has been reviewed by the assessor. I'll call you on Friday to agree the repair."],
)
def next_step(analysis, rule):
    """Flags a draft in which no sentence says what the writer will do, asks the customer
    anything, or tells them what they can do."""
    if len(analysis.body) >= 2 and not any(_NEXT.search(s.text) or s.mentions_time for s in analysis.body):
        last = analysis.body[-1]
        yield rule.finding(last.start, last.end)


@rule(
    "Structure.TooManyQuestions",
    category="structure",
    severity="suggestion",
    message="{count} questions: customers answer one to three. Ask the one that matters most.",
    why="Respondable's study of millions of emails found replies most likely with one to three questions; more get skimmed.",
    instead="Ask the question you need answered first; offer the rest as choices in one line.",
    bad=["Hi Jo,\nWhich day suits? Morning or afternoon? Do you have parking? Is there a lift? Who will be home?\nSam"],
    good=["Hi Jo,\nWhich day suits you, and is morning or afternoon better?\nSam"],
    options={"max": 3},
)
def too_many_questions(analysis, rule):
    """Flags a draft that asks the customer more than three questions."""
    questions = [s for s in analysis.body if s.is_question]
    if len(questions) > rule.options["max"]:
        s = questions[rule.options["max"]]
        yield rule.finding(s.start, s.end, rule.message.format(count=len(questions)))


@hookimpl
def tonecheck_rules():
    return [greeting, sign_off, next_step, unanswered_when, unanswered_question, too_many_questions]
