"""Detects the situation a draft answers, from the quoted customer message and the
draft itself. ``--context`` (or ``context`` in config) replaces this detector.

The draft is read sentence by sentence, skipping conditional ones: "If your flight
is late, we'll hold the car" is a kindness, not delay news.
"""
from __future__ import annotations

from .. import hookimpl

# What the customer (or the draft) says when the situation is one of these.
_SIGNALS = {
    "complaint": r"ridiculous|unacceptable|disappoint\w*|frustrat\w*|angry|furious|annoy\w*|complain\w*|"
    r"not good enough|terrible|awful|appalling|worst|disgust\w*|upset|stress(?:ful|ed)|anxious|worried|"
    r"nobody|no one|still (?:no|not|haven'?t|hasn'?t|waiting)|(?:third|second|fourth) time|yet again|"
    r"outages?|broken|faulty|defective|damaged|wrong (?:item|part|size|order|name)|charged (?:me |my card )?twice|"
    r"overcharg\w*|locked out|please help|what are you going to do|refund|lost|missing|stain\w*|dirty|"
    r"inconvenience|complaint|feedback about|poor service|let down|rude|mix-?up|mistake|"
    r"did not attend|didn'?t (?:turn up|show up|attend)|no-?show|missed (?:appointment|delivery|collection)|"
    r"root cause|incident|misconfigur\w*|duplicat\w*|went wrong|not working|stopped working|error|leak\w*|"
    r"no (?:heating|hot water|power|internet|signal|service|broadband|heat|cooling|a/?c|water|gas|electricity)|no-heat|"
    r"freezing|bites?|bitten|bed ?bugs|mou?ld|cockroach\w*|mice|rats",
    "delay": r"delay(?:ed|s)?|postpone\w*|pushed back|running (?:\w+ ){0,3}behind|behind schedule|backlog|"
    r"not (?:yet )?(?:arrived|ready|been (?:delivered|dispatched|shipped))|hasn'?t (?:arrived|come)|"
    r"won'?t (?:arrive|be ready|ship|be delivered|go ahead)|(?:is|are|was|were|running|arrived?|be) late|"
    r"(?:flight|train|appointment|tour|class|lesson|trip|event|delivery|installation|visit)s? (?:has|have|had|was|were) (?:been )?cancell?ed|"
    r"still pending|(?:not|haven'?t|hasn'?t) (?:yet )?been able to (?:progress|process|complete|finish)|"
    r"taking (?:a (?:bit|little|lot|while) |much |slightly |far )?longer|still waiting|been waiting|left waiting|kept (?:you )?waiting|"
    r"retimed|put back|slipped|(?:extended|longer) (?:processing|lead|delivery|waiting|wait|turnaround) times?|"
    r"(?:has|have) not (?:yet )?been (?:reviewed|processed|looked at|started|completed|dispatched|shipped)|"
    r"(?:hasn'?t|haven'?t) (?:yet )?been (?:reviewed|processed|looked at|started|completed|dispatched|shipped)|"
    r"(?:weeks?|days?|months?) (?:since|ago)|when will|on hold|reaccommodat\w*|rebook\w*|disrupt\w*|"
    r"(?:lesson|class|appointment|tour|flight|delivery|installation|install|visit)(?:'s| is| has been) (?:off|moved)|"
    r"still (?:with|at|in) (?:the )?(?:lab|workshop|factory|warehouse|carrier|courier|depot)|tbc|tba|"
    r"can'?t (?:get to|make it to|come to) you",
    "celebration": r"congratulat\w*|new (?:car|home|house|baby|puppy|kitten|job|flat|apartment|vehicle|arrival)|"
    r"wedding|anniversary|honeymoon|birthday|engage(?:d|ment)|graduat\w*|retire(?:d|ment)|newborn|"
    r"first (?:home|car|house)|passed (?:your|his|her|their|the) (?:driving )?(?:test|exams?)|"
    r"unconditional offer|offer (?:of a place|(?:\w+ ){0,6}(?:has been|was) accepted)|"
    r"(?:collect|pick up|picking up|collecting) (?:your|the|my) new|handover of (?:your|the) new|keys to (?:your|the) new|"
    r"your (?:car |vehicle )?handover|(?:car|vehicle) handover|"
    r"(?:funds|money|the mortgage|your mortgage) (?:were|was|have been|has been) released to (?:your|the) (?:solicitor|conveyancer|seller|attorney)|"
    r"completion (?:took place|has taken place|day|is booked)|(?:we|you)(?:'ve| have) completed on|moving (?:day|house)|new baby|"
    r"expecting (?:a baby|twins)|pregnan\w*|positive pregnancy (?:test|result)|"
    r"just had (?:our|a|my) (?:little |baby |beautiful )?(?:girl|boy|baby|son|daughter)|(?:little|baby) (?:girl|boy) (?:is|was) born|"
    r"newly ?weds?|marriage proposal|(?:got|on) (?:the|your|a|his|her) promotion",
    "bereavement": r"passed away|death|died|funeral|bereave\w*|deceased|late (?:husband|wife|father|mother|partner)|"
    r"condolences?|lost (?:my|our) (?:husband|wife|father|mother|dad|mum|mom|son|daughter|partner|dog|cat|pet)|"
    r"euthanasia|cremation|put to sleep",
    # the draft itself refuses, declines, cancels, charges or reproaches
    "bad_news": r"(?:cannot|can'?t|unable to|not able to|won'?t be able to|don'?t|do not) (?:\w+ ){0,2}(?:refund|"
    r"reimburse|offer|accept|pay|cover|approve|process|proceed|progress|accede|guarantee|chase|exchange|"
    r"make exceptions|do same)|no (?:indemnity|refund|compensation|exceptions?)|"
    r"(?:has|have) (?:\w+ )?been (?:declined|rejected|refused|postponed|deducted)|deducted from|"
    r"(?:flight|train|appointment|tour|class|lesson|trip|event|booking|order|reservation|ticket)s? (?:has|have|had|was|were) (?:been )?cancell?ed|"
    r"(?:ticket|case|claim|complaint) (?:has|have) been closed|"
    r"(?:isn'?t|aren'?t|is not|are not) covered|(?:have|has) not been successful|unsuccessful|no fault (?:was )?found|"
    r"not (?:possible|guaranteed|covered|eligible|permitted|accepted|refundable)|non-refundable|"
    r"(?:have|had) to (?:freeze|close|cancel|suspend|terminate)|(?:will|must) remain (?:active|closed|frozen|suspended)|"
    r"charges will continue|cannot be (?:processed|closed|accepted|refunded)|(?:decision|outcome)(?: \w+){0,5} is final|"
    r"(?:cannot|can'?t|could not|couldn'?t|will not|won'?t) be (?:offered|accepted|approved|granted|refunded|honou?red|processed|reinstated)|"
    r"no (?:other )?(?:option|choice) but to (?:cancel|close|postpone|suspend|terminate|refuse|decline|charge)|"
    r"will (?:increase|go up|rise)|price (?:rise|increase)|overdue|outside the (?:\w+ )?window|chargeable|"
    r"(?:is|are) (?:currently )?(?:unavailable|out of stock)|"
    r"remind you|your job to|you (?:failed|neglected) to|you should have|as you well know|"
    r"(?:gone|went|decided to go) with (?:another|a different|a higher|someone else|a competing)|"
    r"(?:not|haven'?t|have not) been (?:selected|shortlisted|chosen|accepted|approved)|(?:position|role|place|vacancy|property) has (?:now )?been (?:filled|let|sold|taken)|"
    r"(?:was|were|has been|have been|is|are) (?:not |un)successful|in arrears|default notice|referred (?:\w+ )?(?:to|for) (?:debt )?(?:collection|recovery)|"
    r"(?:we|I) (?:cannot|can'?t|don'?t|do not|won'?t|will not|are unable to|am unable to) (?:\w+ )?(?:adjust|repair|fix|service|support|"
    r"cover|deliver|install|collect|replace|return|hold|reserve|match|transfer|ship|post|store|keep|sell|stock|open|release|provide|issue|"
    r"reprogramme|reprogram|honou?r|extend|waive|move|change|reinstate|unblock|unlock|compensate)|"
    r"(?:we['’]ve|we have|we had to|we['’]ll have to|I['’]ve had to|I had to) (?:\w+ )?(?:moved|changed|rescheduled|brought forward|pushed back|cancell?ed|postponed|closed|suspended) (?:your|the)|"
    r"(?:offer|application|claim|appeal|request|booking) (?:has been|was|is) (?:declined|rejected|refused|turned down|unsuccessful|withdrawn)|"
    r"(?:event|show|concert|match|performance|gig|tour|class|course|session|trip|holiday|flight|installation|appointment|cycle|treatment|"
    # not memberships or subscriptions: those are mostly cancelled because the customer asked
    r"surgery|procedure|operation|visit|lesson) (?:\w+ ){0,4}(?:has been|was|is|had to be) (?:cancell?ed|canceled|postponed|called off|retimed|converted to cancellation|withdrawn)|"
    r"(?:lose|miss|losing|missing) (?:your|the) (?:first|last|whole|entire) (?:night|day|week|booking)",
    # the customer is going through something hard
    "distress": r"burglar\w*|break-in|broken into|stolen|theft|robbed|accident|crash(?:ed)?|flood\w*|fire|"
    r"injur\w*|diagnos\w*|biopsy|anxious|scared|worried sick|emergency|"
    r"scam\w*|fraud\w*|conned|tricked|(?:really|so|very|extremely) (?:worried|anxious|scared)|frightened|heartbroken|"
    r"devastated|gutted|distraught|in tears|beside myself|can'?t afford|struggling (?:to|with)|pensioner|disabled|carer|"
    r"redundan\w+|lost my job|(?:my|our) (?:baby|son|daughter|child|mum|mom|dad|husband|wife|partner|dog|cat) (?:is|was) (?:ill|sick|unwell|in hospital)",
    "scheduling": r"appointments?|slots?|book(?:ed|ing)?|reschedul\w*|availab\w*|visit|install\w*|"
    r"what time|which day|\d{1,2}(?::\d\d)?\s?[ap]\.?m\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "billing": r"refund\w*|charge[ds]?|bill(?:ed|ing|s)?|invoice\w*|fees?|payments?|price[sd]?|pricing|renewal|"
    r"overdraft|credit|subscription|tariff|deposit|rent|[$£€]\s?\d",
}
# Any one of these in the draft is the writer's own account of a service failure.
_DRAFT_FAILURE = (
    r"missed (?:appointment|delivery|collection|visit|call|slot|booking|lesson|class|pick-?up)|did not attend|didn'?t (?:turn up|show up|show)\b|no-?show|outage|"
    r"no (?:car|driver|engineer|one|taxi|cab|technician|courier|instructor) (?:was|were|came|turned up|arrived|showed up|was allocated|was sent|was available)|"
    r"double[- ]charged|charged (?:you )?twice|wrong (?:item|part|size|colou?r|dress|order)|aware of an issue|"
    r"issue affecting|mistakes? (?:do |can )?(?:occasionally |sometimes )?happen|oversold|overbooked|double[- ]booked|"
    r"(?:are|were|have been|may be|may have been) (?:still )?(?:experiencing|having) (?:\w+ )?(?:issues|problems|difficulties|outages|disruption|delays)|"
    # a stock apology says something went wrong, and acknowledges none of it
    r"(?:sorry|apologi[sz]e|apologies) (?:once again |again )?for (?:any|the) (?:\w+ )?(?:inconvenience|trouble|hassle|problems?|issues?|upset|frustration|disruption|confusion)|"
    # an apology that names the customer's displeasure: they complained, whatever the draft says next
    r"(?:sorry|regret|apologi[sz]e)[^.!?]{0,40}\b(?:dissatisf\w+|disappointed|unhappy|upset|frustrat\w+|let down|not happy|"
    r"not (?:meet|live up to) your expectations)"
)
# A complaint seen in the draft alone takes two of these: the writer's own account of
# something that went wrong for the customer (a "leak" or a "refund" alone is no complaint).
_DRAFT_COMPLAINT = (
    r"outages?|downtime|did not attend|didn'?t (?:turn up|show up|attend)|no-?show|missed (?:appointment|delivery|collection)|"
    r"went wrong|(?:our|my) (?:mistake|error|fault)|mix-?up|duplicat\w*|double[- ]charged|charged (?:you )?twice|"
    r"overcharg\w*|wrong (?:item|part|size|order|name)|faulty|defective|damaged|broken|complaint|your feedback|"
    r"disappoint\w*|frustrat\w*|inconvenience|locked out|not working|stopped working|root cause|incident|misconfigur\w*|"
    r"damp|mou?ld|leaks?|leaking|infestation|vermin|your report (?:of|regarding|about)"
)
# Contexts read from the writer's own sentences only: the customer's words are theirs.
_DRAFT_ONLY = {"bad_news"}
# Hard moments that only the customer's own message tells: in the writer's sentences
# these are logistics ("the crew will collect your father from the hospital").
_QUOTE_ONLY = {"distress": r"hospital\w*|illness|surgery|operation|(?:in|on) the ward|intensive care|poorly|unwell"}
_CONDITIONAL = r"^\W*(?:if|should|in case|unless|whether)\b"


def _re2(pattern: str):
    """RE2 compiles these large alternations several times faster than re (start-up)
    and matches them in linear time."""
    import re2

    opts = re2.Options()
    opts.case_sensitive = False
    return re2.compile(pattern, opts)


_COMPILED = {tag: _re2(rf"\b(?:{p})\b") for tag, p in _SIGNALS.items()}  # "new car" is not "new card"
_IF = _re2(_CONDITIONAL)
_QUOTE_ONLY_RE = {tag: _re2(rf"\b(?:{p})\b") for tag, p in _QUOTE_ONLY.items()}
# A conditional clause inside a sentence ("..., but if you're not ready, Tuesday is free"): up to its comma.
_IF_CLAUSE = _re2(r"\b(?:if|unless|in case|should you)\b[^,.;:!?]*")
_DRAFT_COMPLAINT_RE = _re2(rf"\b(?:{_DRAFT_COMPLAINT})")
_DRAFT_FAILURE_RE = _re2(rf"\b(?:{_DRAFT_FAILURE})")
# Words that make a customer's message a complaint even alone; weaker ones need two.
_STRONG_COMPLAINT = _re2(
    r"\b(?:ridiculous|unacceptable|disappoint\w*|furious|angry|appalling|complain\w*|not good enough|"
    r"nobody|still (?:no|not)|third|outage|charged (?:me |my card )?twice|locked out|please help|stressful|"
    r"anxious|what are you going to do|bitten|bed ?bugs|cockroach\w*|offline|lost (?:a|\w+) (?:day|days|week|sales|orders|business|money|customers|clients)|"
    r"nobody (?:has )?(?:called|rang|replied|told|came|turned up)|no one (?:has )?(?:called|rang|replied|told|came|turned up)|"
    r"(?:paying|paid) for (?:taxis|a hotel|another|extra)|out of pocket|(?:weeks?|months?) (?:since|later|now)|heartbroken|devastated|gutted|in tears)"
)


def detect(quoted: str, sentences: list[str]) -> set[str]:
    """Context tags from the customer's message and the draft's sentences."""
    quoted = quoted.replace("’", "'")
    draft = "\n".join(_IF_CLAUSE.sub("", s.replace("’", "'")) for s in sentences if not _IF.search(s))
    tags = set()
    for tag, pattern in _COMPILED.items():
        if tag == "complaint":
            hits = len(pattern.findall(quoted)) + len(_DRAFT_COMPLAINT_RE.findall(draft))
            if _STRONG_COMPLAINT.search(quoted) or _DRAFT_FAILURE_RE.search(draft) or hits >= 2:
                tags.add(tag)
        elif pattern.search(draft) or (tag not in _DRAFT_ONLY and pattern.search(quoted)):
            tags.add(tag)
        elif tag in _QUOTE_ONLY_RE and _QUOTE_ONLY_RE[tag].search(quoted):
            tags.add(tag)
    return tags


@hookimpl
def tonecheck_context(analysis):
    return detect(analysis.quoted, [s.text for s in analysis.body])
