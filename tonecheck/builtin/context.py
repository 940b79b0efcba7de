"""Detects the situation a draft answers: from the quoted customer message first,
then from the draft itself. ``--context`` replaces this detector's answer."""
from __future__ import annotations

from .. import hookimpl

# What the customer (or the draft) says when the situation is one of these.
_SIGNALS = {
    "complaint": r"ridiculous|unacceptable|disappoint\w*|frustrat\w*|angry|furious|annoy\w*|complain\w*|"
    r"not good enough|terrible|awful|appalling|worst|disgust\w*|upset|stress(?:ful|ed)|anxious|worried|"
    r"nobody|no one|still (?:no|not|haven'?t|hasn'?t|waiting)|(?:third|second|fourth) time|yet again|"
    r"outages?|broken|faulty|defective|damaged|wrong (?:item|part|size|order)|charged (?:me |my card )?twice|"
    r"overcharg\w*|locked out|please help|what are you going to do|refund|lost|missing|stain\w*|dirty|"
    r"inconvenience|complaint|feedback about|poor service|let down|rude|mix-?up|mistake|"
    r"did not attend|didn'?t (?:turn up|show up|attend)|no-?show|missed (?:appointment|delivery)|"
    r"root cause|incident|misconfigur\w*|duplicat\w*|went wrong|not working|stopped working|error",
    "delay": r"delay\w*|late|behind schedule|running behind|backlog|not yet (?:arrived|been|ready)|"
    r"hasn'?t arrived|won'?t (?:arrive|be ready|ship)|postpone\w*|cancell?ed|pending|taking longer|"
    r"(?:weeks?|days?|months?) (?:since|ago)|still waiting|been waiting|left waiting|kept (?:you )?waiting|"
    r"new (?:date|estimated)|on hold|wait times?|when will|in time|reaccommodat\w*|rebook\w*|disrupt\w*|"
    r"(?:has|have) not (?:yet )?(?:arrived|been (?:delivered|dispatched|shipped))",
    "celebration": r"congratulat\w*|new (?:car|home|house|baby|job|flat|apartment|vehicle)|wedding|"
    r"anniversary|honeymoon|birthday|engage(?:d|ment)|graduat\w*|retire\w*|newborn|"
    r"first home|handover|hand over|collect(?:ing|ion)?|pick(?:ing)? up (?:your|the|my) new|keys to",
    "bereavement": r"passed away|death|died|funeral|bereave\w*|late (?:husband|wife|father|mother|partner)|"
    r"condolences?|lost (?:my|our) (?:husband|wife|father|mother|dad|mum|mom|son|daughter|partner)",
    "scheduling": r"appointments?|slots?|book(?:ed|ing)?|reschedul\w*|availab\w*|visit|install\w*|"
    r"what time|which day|\d{1,2}(?::\d\d)?\s?[ap]\.?m\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    # the draft itself refuses, declines, cancels or reproaches
    "bad_news": r"(?:cannot|can'?t|unable to|not able to|won'?t be able to) (?:\w+ ){0,2}(?:refund|reimburse|offer|accept|"
    r"pay|cover|approve|process|proceed|progress|accede|guarantee|chase|make exceptions)|"
    r"no (?:indemnity|refund|compensation|exceptions?)|(?:has|have) been (?:declined|rejected|refused)|"
    r"not (?:possible|guaranteed|covered|eligible|permitted)|(?:have|had) to (?:freeze|close|cancel|suspend|terminate)|"
    r"(?:will|must) remain (?:active|closed|frozen|suspended)|charges will continue|remind you|your job to|"
    r"you (?:failed|neglected) to|you should have|as you well know",
    # the customer is going through something hard
    "distress": r"burglar\w*|break-in|broken into|stolen|theft|robbed|accident|crash(?:ed)?|flood\w*|fire|"
    r"injur\w*|hospital\w*|diagnos\w*|biopsy|illness|surgery|anxious|scared|worried sick",
    "billing": r"refund\w*|charge[ds]?|bill(?:ed|ing|s)?|invoice\w*|fees?|payments?|price[sd]?|pricing|renewal|"
    r"overdraft|credit|subscription|tariff|[$£€]\s?\d",
}
def _re2(pattern: str):
    """RE2 compiles these large alternations several times faster than re (start-up)
    and matches them in linear time."""
    import re2

    opts = re2.Options()
    opts.case_sensitive = False
    return re2.compile(pattern, opts)


_COMPILED = {tag: _re2(rf"\b(?:{p})") for tag, p in _SIGNALS.items()}
# Words that make a customer's message a complaint even alone; weaker ones need two.
_STRONG_COMPLAINT = _re2(
    r"\b(?:ridiculous|unacceptable|disappoint\w*|furious|angry|appalling|complain\w*|not good enough|"
    r"nobody|still (?:no|not)|third|outage|charged (?:me |my card )?twice|locked out|please help|stressful|"
    r"anxious|what are you going to do)"
)


def detect(quoted: str, draft: str) -> set[str]:
    quoted, draft = quoted.replace("’", "'"), draft.replace("’", "'")
    tags = set()
    for tag, pattern in _COMPILED.items():
        if tag == "complaint":
            hits = len(pattern.findall(quoted)) + len(pattern.findall(draft))
            if _STRONG_COMPLAINT.search(quoted) or hits >= 2:
                tags.add(tag)
        elif tag == "bad_news":  # news the writer gives, not the customer's words
            if pattern.search(draft):
                tags.add(tag)
        elif pattern.search(quoted) or pattern.search(draft):
            tags.add(tag)
    return tags


@hookimpl
def tonecheck_context(analysis):
    return detect(analysis.quoted, analysis.body_text)
