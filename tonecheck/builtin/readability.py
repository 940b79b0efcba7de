"""The Readability pack's rules that need code (the rest are in rules/Readability.yml):
what a pattern cannot see, stacked passive voice, a soup of acronyms and text-message
shorthand."""
from __future__ import annotations

import re

from .. import hookimpl, re_cached
from ..ruledef import rule

_IRREGULAR = (
    "made done given sent taken shown seen known told paid held kept left lost found brought bought built "
    "caught put set cut read run won met put spent written broken chosen driven forgotten hidden"
)
_DATED = re_cached.compile(
    r"\s+(?:on|by|from|until|at) (?:the )?(?:\d{1,2}(?:st|nd|rd|th)?\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)", re.IGNORECASE)
_PASSIVE = re_cached.compile(
    rf"\b(?:is|are|was|were|be|been|being|has been|have been|had been)\s+(?:\w+ly\s+)?"
    rf"(?:\w+ed|{'|'.join(_IRREGULAR.split())})\b",
    re.IGNORECASE,
)


@rule(
    "Readability.Passive",
    category="hard_to_read",
    severity="warning",
    message="{count} passive constructions {where}: nobody is doing anything. Say who does what ('we credited your account').",
    why=(
        "Passive voice hides who acted and who will act. To a customer it reads as evasive "
        "and makes them read twice to find out what happens to them."
    ),
    instead="'We charged you the wrong tariff from January to March, and I've credited £42 to your account.'",
    bad=[
        "It has been identified that an incorrect tariff was applied, and a credit has been raised "
        "which will be reflected on a future statement."
    ],
    good=[
        "We charged you the wrong tariff from January to March, so I've credited £42 to your account.",
        # dated records: what happened when
        "As you asked, we have deleted the tenant's data.\n- Production data was deleted on 10 September.\n"
        "- The last backup was destroyed on 15 October.\n- Audit logs will be deleted on 15 October next year.\n"
        "- The certificate was signed on 16 October.",
    ],
    options={"per_sentence": 3, "per_draft": 4},
)
def passive(analysis, rule):
    """Flags a sentence with three or more passive verbs, or a draft with four or more
    where most sentences are passive."""
    # a passive with its date is a record of what happened when ("Production data was deleted on 10 September"):
    # who did it is the writer, and the customer reads it at a glance
    counts = [(s, sum(1 for m in _PASSIVE.finditer(s.text) if not _DATED.match(s.text, m.end()))) for s in analysis.body]
    flagged = False
    for s, n in counts:
        if n >= rule.options["per_sentence"]:
            flagged = True
            yield rule.finding(s.start, s.end, rule.message.format(count=n, where="in this sentence"))
    total = sum(n for _, n in counts)
    passive_sentences = [s for s, n in counts if n]
    if not flagged and total >= rule.options["per_draft"] and len(passive_sentences) * 2 > len(counts):
        s = passive_sentences[0]  # the draft's count, shown on its first passive sentence
        where = f"in {len(passive_sentences)} of {len(counts)} sentences"
        yield rule.finding(s.start, s.end, rule.message.format(count=total, where=where))


# Abbreviations every customer reads without thinking.
_EVERYDAY = frozenset(
    "OK UK US USA EU UN ID PIN PDF TV PC IT FAQ URL USB SMS GPS NHS GP VAT ATM AM PM BBC CEO "
    "ASAP TBC DIY MOT ISA HR PR HQ APP IOS UTC GMT BST EST PST GST HST EFT ETA FYI RSVP PS NB".split()
)
# Standards and agreements named by their own initials, as an auditor or a security team asks for
# them ("ISO 27001", "SOC 2", "TLS 1.2", "under your NDA"): names, not shorthand of ours.
_STANDARDS = frozenset("ISO IEC SOC TLS SSL PCI DSS AES SHA RSA GDPR NDA DPA HIPAA".split())


# Short words people write in capitals to stress them.
_STRESSED = frozenset("NOT NO NEVER MUST WILL STILL ONLY ALL ANY DO YOU YOUR NOW ONCE LATE NOTE".split())


def _shouted(word: str) -> bool:
    """An ordinary word in capitals: one of _STRESSED, or five letters or more with two
    vowels, as words have and abbreviations seldom do (PLEASE, NUMBER; not HMRC, PAYE)."""
    return word in _STRESSED or (len(word) >= 5 and word.isalpha() and sum(c in "AEIOU" for c in word) >= 2)


@rule(
    "Readability.Acronyms",
    category="hard_to_read",
    severity="warning",
    message="{count} abbreviations ({names}): the customer has to decode your shorthand. Spell out what they need to know.",
    why="Internal abbreviations make an answer unreadable to anyone outside the team; the customer cannot act on what they cannot read.",
    instead="'Your tax code is likely wrong, so you may owe an extra payment in January. I suggest we ask HMRC to reduce it.'",
    bad=["We've reconciled the P60 vs your RTI data and there's a delta on the BIK, so your PAYE coding is out and you may owe a POA."],
    good=[
        "Your tax code looks wrong, so you may owe a payment in January. I suggest we ask HMRC to lower it.",
        # references and amounts are no abbreviations: "FR-1182", "R699"
        "Your tickets FR-1182, INC-20417 and CHG-3310 are linked to the R699 refund, and the SAML fix ships on Friday.",
        # standards named by their initials: "ISO 27001", "TLS 1.2", "under your NDA"
        "We hold ISO 27001 and a SOC 2 report, share it under your NDA, and encrypt with AES-256 at rest and TLS 1.2 in transit.",
    ],
    options={"max": 3},
)
def acronyms(analysis, rule):
    """Flags a draft with more than three different uncommon abbreviations. A word
    written in capitals for stress ("NOT", "STILL", "PROMPT") is no abbreviation:
    Negativity.CapitalsForEmphasis hears it."""
    found = {k: v for k, v in analysis.acronyms.items()
             if k not in _EVERYDAY and k not in _STANDARDS and not k.isdigit() and not _shouted(k)}
    if len(found) > rule.options["max"]:
        offset = sorted(found.values())[rule.options["max"]]
        s = analysis.sentence_at(offset)
        ordered = sorted(found, key=found.get)
        names = ", ".join(ordered[:5]) + (", ..." if len(ordered) > 5 else "")  # "7 abbreviations (A, B, C, D, E, ...)"
        yield rule.finding(s.start, s.end, rule.message.format(count=len(found), names=names))


# Text-message shortenings (spelling leaves them to TextSpeak), as words of their own: not
# inside a link, an address or a file name ("orders.txt", "/u/0/", "refund.msg"), and "wk"
# not beside a number ("a 6 wk course").
SHORTHAND = (
    "u|ur|pls|plz|thx|thanx|nxt|wk|wknd|tmrw|tmw|2moro|2morrow|b4|gr8|msg|txt|ppl|cuz|coz|idk|btw|"
    "rn|abt|def|prob|ya|lmk|tbh|np|ty|l8r"
)
_SHORTHAND = re_cached.compile(rf"(?<![\w./@#-])(?:{SHORTHAND})(?![\w'’/@-]|\.\w)", re.IGNORECASE)
_BY_A_NUMBER = re_cached.compile(r"\d\s*(?:/\s*)?$")


@rule(
    "Readability.TextSpeak",
    category="hard_to_read",
    severity="warning",
    message="Text-message shorthand ({names}): spelled out, the reply reads faster and reads as care.",
    why=(
        "Shorthand saves the writer a few letters and costs the reader a second read; from a "
        "business it also reads as a reply dashed off between other things."
    ),
    instead="'I can move your warrant check to next week. Would Tuesday at 10am suit you? I'll text you on Monday to confirm.'",
    bad=["Hey, can prob do ur gate nxt wk, will txt u b4.", "Can u confirm ur address? I'll ring u when u get in."],
    good=[
        "Hi Dev, I can fix your gate next week. Would Tuesday at 10am suit you? I'll text you on Monday to confirm.",
        "Thanks for the photos, pls keep the receipt. Your refund goes out today.",
        "I've attached orders.txt and the original as refund.msg. Your 6 wk course costs £20/wk.",
        "You'll see Dana Ruiz, NP, on Friday at 10am, and our RN takes your bloods first. We'll TXT a reminder.",
    ],
    options={"min_kinds": 3, "min_uses": 4},
)
def text_speak(analysis, rule):
    """Flags a draft with three or more different text-message shortenings ("u", "ur",
    "pls", "nxt wk", "tmrw"), or four uses of two ("can u confirm ur address ... u ...
    ur"): one "pls" is a style. A word inside a link, e-mail address or file name is no
    shortening, nor is "wk" beside a number or a word in capitals ("RN", "TXT" export);
    counting kinds keeps another language's lone "u" quiet."""
    seen: dict[str, int] = {}
    uses = 0
    for s in analysis.body:
        for m in _SHORTHAND.finditer(s.text):
            word = m.group()
            if len(word) > 1 and word.isupper() and not s.text.isupper():
                continue  # an abbreviation: "Dana Ruiz, NP", "the MSG export" (in a sentence not all in capitals)
            word = word.lower()
            if word == "wk" and (_BY_A_NUMBER.search(s.text, 0, m.start()) or s.text[m.end():m.end() + 2].strip()[:1].isdigit()):
                continue
            seen.setdefault(word, s.start + m.start())
            uses += 1
    if len(seen) >= rule.options["min_kinds"] or (len(seen) >= 2 and uses >= rule.options["min_uses"]):
        ordered = sorted(seen, key=seen.get)  # in the order they first appear
        first = seen[ordered[0]]
        yield rule.finding(first, first + len(ordered[0]), rule.message.format(names=", ".join(ordered[:5])))


@hookimpl
def tonecheck_rules():
    return [passive, acronyms, text_speak]
