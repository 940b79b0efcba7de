"""The Excuses pack's rules that need code (the rest are in rules/Excuses.yml): excuses
a phrase list cannot enumerate, a reason ("because", "due to", "as") that
puts the cause on someone or something else, in a draft that does not own it."""
from __future__ import annotations

import re

from .. import hookimpl, re_cached, regex
from ..analysis import CONDITIONAL, without_hollow_apologies
from ..ruledef import rule

_CAUSE = regex.compile(
    # "since" and "as" give a reason before a clause ("since the courier ..."), not in
    # "we've since upgraded" or "as soon as"
    r"\b(?:because(?: of)?|due to|owing to|as a result of|caused by|thanks to|down to|"
    r"(?:as|since) (?:the|our|their|your|we|they|there|it|he|she)|with all (?:the|this|these))\b",
    ignore_case=True,
)
# Who or what gets the blame: other people, other firms, the system, the circumstances.
_ELSEWHERE = regex.compile(
    r"\b(?:suppliers?|manufacturers?|couriers?|carriers?|drivers?|warehouse|factory|lab|labs|contractors?|"
    r"subcontractors?|partners?|vendors?|wholesalers?|depot|hub|system|software|servers?|network|bank|council|"
    r"authority|landlord|agent|colleagues?|team|department|staff|engineers?|technicians?|instructor|"
    r"weather|rain|snow|storms?|wind|traffic|demand|volumes?|season|holidays?|shortages?|sickness|illness|"
    r"off sick|strike|backlog|update|upgrade|migration|glitch|merger|rota|workload|busy|peak|operational)\b",
    ignore_case=True,
)
# A party's word that names a thing of the customer's: "because the bank statements you sent", "your bank details",
# "council tax", "the system requirements" (not "because the supplier records were out of date", "because the bank
# transfer failed")
_MODIFIES = re_cached.compile(r"[ -](?:statements?|details|account|card|letter|form|tax|number|reference|requirements?)\b", re.IGNORECASE)
_OPERATIONAL = re_cached.compile(r"\s+(?:requirements?|reasons?|issues?|problems?|difficult(?:y|ies)|constraints?|disruptions?|pressures?)\b", re.IGNORECASE)
# The cause said to clear the customer: "the delay was caused by the network approval and not by you"
_NOT_YOURS = re_cached.compile(r"[^.!?;]{0,40}?(?:,|\band|\bbut)? not (?:by |from |because of |down to |through )?(?:you|yourself|anything you)\b", re.IGNORECASE)
_OURS = re_cached.compile(r"\s*(?:we|we['’]\w+|our|I|I['’]\w+|my|us)\b", re.IGNORECASE)
# What the sentence goes on to do for the customer: a reason followed by what we can do
# ("..., but we can do Friday at 8am", "..., so I've moved you") explains, it does not excuse.
_OFFER = regex.compile(
    r"\b(?:but|so) (?:we|I)(?:['’]ve| have| can| could|['’]d be happy| would be happy| am happy)\b",
    ignore_case=True,
)
# ... or opens the next sentence: "we can't move the work, as it has to be finished before the
# winter weather sets in. What we can do is one of the following:"
_OFFER_NEXT = regex.compile(
    r"^(?:what (?:we|I) can (?:do|offer)(?: for you)?(?: is\b| instead\b|\s*:)|"
    r"instead,? (?:we|I) (?:can|could|['’]ll|will) (?:offer|move|give|refund|rebook|swap|arrange|send|deliver|credit|book|lend|bring|fit|collect)\b|instead,? you (?:could|can) (?:have|choose|pick|take|swap)\b|"
    r"(?:but )?(?:we|I) (?:can|could) (?:offer|move|give|refund|rebook|swap|arrange|lend)\b|(?:but )?(?:we|I) (?:can|could) do (?:\w+day|tomorrow|next|the|a|an|\d)|"
    r"here(?:['’]s| is| are) what (?:we|I) can\b|"
    r"(?:we|I)(?:['’]d| would) be (?:happy|glad) to (?:offer|move|refund|rebook|swap|arrange|give|credit|book|send|deliver|fit|lend|loan|hold|waive|cover)\b)",
    ignore_case=True,
)
# Credit given, not a cause passed on: "That's down to how well your team prepared"
_CREDIT = regex.compile(r"\s*how well (?:your|you)\b", ignore_case=True)
# "If the work has to move, for example because of heavy rain, we'll write to you": a
# reason for what may happen (analysis.CONDITIONAL) is no excuse for what did.
# Where the main clause starts after an if-clause: a comma, then its subject.
_MAIN_CLAUSE = re_cached.compile(r",(?!\s*(?:for example|for instance|e\.g\.|such as|say\b|or\b|and\b))|\b(?:it|this|that)(?:['’]s| is| was) because", re.IGNORECASE)
# (and a time gone by: "It's now two weeks since our team treated the damp")
_NOT_A_REASON = re_cached.compile(r"\bas (?:soon|long|well|much|far|quickly|often)\s+$|\bas [a-z]+(?:ly)?\s+$|\bwhether (?:it['’]s |it is |that['’]s )?$|"
                                  r"\b(?:days?|weeks?|months?|years?|hours?|minutes?|ages|a while|ever)\s+$", re.IGNORECASE)
_AS_WHEN = re_cached.compile(r"\s+(?:head|move|go|come|get|draw|approach|enter|near)\w*\s+(?:into|towards|to|closer|nearer|the)\b", re.IGNORECASE)
_AS_SAYS = re_cached.compile(r"[\w'’ ]{0,20}\b(?:says|said|confirms|confirmed|reports|reported|notes|noted),", re.IGNORECASE)
_AS_CLAUSE = re_cached.compile(r"as (?:the|our|their|your|we|they|there|it|he|she)$", re.IGNORECASE)
_AS_REQUIRED = re_cached.compile(r"[\w'’ ]{0,30}\b(?:require|requires|allow|allows|permit|permits|set out|sets out|stipulate|stipulates)\b"
                          r"\s*(?:[,;.]|$)", re.IGNORECASE)
_OWNING = regex.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|our (?:mistake|fault|error)|my (?:mistake|fault|error)|on us|"
    r"(?:we|I) (?:got|made|messed|should have|shouldn['’]t have|dropped))\b",
    ignore_case=True,
)


def _words(text: str, start: int, end: int, start2: int, end2: int) -> str:
    """The words a finding quotes: all of them when they are few ("Due to high demand"),
    else the two ends with an ellipsis for what lies between."""
    whole = text[start:end2].strip(" ,")
    if len(whole) <= 60 or start2 - end <= 2:
        return whole
    return f"{text[start:end].strip(' ,')} … {text[start2:end2].strip(' ,')}"


@rule(
    "Excuses.Circumstance",
    category="excuse_blame",
    severity="warning",
    message="This gives a reason that puts the cause elsewhere ('{words}'). Give it in a few words at most, own the result, and say what happens next.",
    why=(
        "A reason that blames a supplier, a colleague, the weather or the system reads as "
        "an excuse, however true. Customers forgive a cause you own; they resent one you pass on."
    ),
    instead="'The part we ordered arrived damaged, which is on us to sort out: the new one is fitted by Thursday at 3pm.'",
    bad=[
        "Hi Jo,\nYour worktop is late because the templating contractor is behind. We'll let you know.\nSteve",
        "The lesson is off as the instructor is on holiday this week.",
        # a hollow apology owns nothing: the excuse stands
        "Due to operational requirements your seat was reassigned. Apologies for any confusion this may have caused.",
    ],
    good=[
        "Hi Jo,\nI'm sorry: your worktop is late because our contractor is behind. It will be fitted on Thursday at 9am.\nSteve",
        "Your flight was cancelled because the aircraft needs a repair, so I've moved you to the 11:40.",
        "We can't fit the boiler on Saturday, as our engineers are all booked, but we can do Friday at 8am.",
        "If the work has to move, for example because of heavy rain, we'll write to you two days before.",
        "I wanted to write as soon as our lab came back to us: Bramble's results are clear.",
        "Berths go strictly in order of joining, as our rules and the harbour authority require.",
        "The gates lock at dusk as we head into the busy season, so please bring your key.",
        "As the courier says, the parcel was left with your neighbour at number 12 at 3pm.",
        "We've kept the new fee as low as we could and have not touched the opening hours.",
        "We can't approve it yet because the bank statements you sent cover one month: please send June and July.",
        "Because your new unit has a loading dock, the driver can back straight on and you can unload with a forklift.",
        "It's now two weeks since our team treated the damp in your back bedroom, so I wanted to check how things are.",
        # the cause named to clear the customer
        "We asked for an extension, explaining that the delay was caused by the network operator and not by you.",
        "As the new pool is fully operational again, your son's lessons restart on Monday 3 June at 5pm.",
        # credit given
        "The go-live went without a hitch. That's down to how well your team prepared the data.",
        # the alternative in the next breath
        "Unfortunately we can't move the work, as the roofers have to finish before winter. What we can do is take 20% off your room.",
    ],
    options={"owned_severity": "suggestion"},
)
def circumstance(analysis, rule):
    """Flags a sentence whose reason ('because', 'due to', 'as ...') names a third party
    or a circumstance. Where the draft also apologises or owns the problem, the finding
    is only a suggestion. Not a reason: one inside an if-clause, a temporal 'since',
    'as soon as', or one followed by a concrete offer, in the same sentence ('..., but we
    can do Friday at 8am') or opening the next ('What we can do is ...')."""
    # (a hollow apology owns nothing: "Apologies for any confusion this may have caused")
    owned = analysis.owned or any(_OWNING.search(without_hollow_apologies(s.text)) for s in analysis.body if _OWNING.search(s.text))
    body = analysis.body
    for i, s in enumerate(body):
        # a reason inside an if-clause (up to its comma) is for what may happen, not what did
        clause = -1
        if CONDITIONAL.match(s.text):
            main = _MAIN_CLAUSE.search(s.text)  # "If it has to move, for example because of rain, we'll ..."
            clause = main.start() if main else len(s.text)
        # "as soon as our lab ...", "as well as our team": a time or a list, not a reason
        cause = next((c for c in _CAUSE.finditer(s.text)
                      if c.start() > clause and not _NOT_A_REASON.search(s.text, 0, c.start())), None)
        as_clause = bool(cause) and _AS_CLAUSE.match(cause.group())  # "as the ...", "as we ...": maybe no reason at all
        if not cause or (as_clause and _AS_WHEN.match(s.text, cause.end())) or _CREDIT.match(s.text, cause.end()):
            continue  # "as we head into the busy season": a time, not a reason
        agent = _ELSEWHERE.search(s.text, cause.end())
        # "because the bank statements you sent": no one blamed (an "operational requirement" is ours to own);
        # "operational" blames only as a reason ("operational requirements"), not a state ("fully operational again")
        while agent and ((_MODIFIES.match(s.text, agent.end()) and agent.group().lower() != "operational")
                         or (agent.group().lower() == "operational" and not _OPERATIONAL.match(s.text, agent.end()))):
            agent = _ELSEWHERE.search(s.text, agent.end())
        # a reason put first and closed by its comma: who comes after it is the main clause's ("because the new unit
        # has a dock, the driver can back straight on"), not the cause ("caused by the slow reply, it's peak season" is)
        before = s.text[:cause.start()].rstrip()
        fronted = cause.group().lower().startswith(("because", "since", "as ")) and (not before or before.endswith((":", ",", ";")))
        if agent and fronted and not as_clause and ", " in s.text[cause.end():agent.start()]:
            agent = None
        between = s.text[cause.end():agent.start()] if agent else ""
        # "because we ..." gives our own reason: owning, not blaming; "as our rules and the
        # council's lease require" is what a decision follows, not a cause
        # an offer after the reason, in its sentence or opening the next (looked for only once there is someone to blame)
        offered = agent and (_OFFER.search(s.text, agent.end()) or (i + 1 < len(body) and _OFFER_NEXT.match(body[i + 1].text)))
        if (agent and len(between) <= 60 and not _OURS.match(between) and not offered
                and not _NOT_YOURS.match(s.text, agent.end())
                and not (as_clause and (_AS_REQUIRED.match(s.text, agent.end())
                                        or (cause.start() == 0 and _AS_SAYS.match(s.text, agent.end()))))):
            severity = rule.options["owned_severity"] if owned else rule.severity
            msg = rule.message.format(words=_words(s.text, cause.start(), cause.end(), agent.start(), agent.end()))
            yield rule.finding(s.start + cause.start(), s.start + agent.end(), msg, severity=severity)


# Someone or something other than the writer, as the subject of a clause: on RE2 (one pass over
# each sentence, where re tries the alternatives at every word), with \pL where re's \w knew "our
# Zürich warehouse" (RE2's \w is ASCII only). _NAMED below stays on re for its look-ahead.
_AGENT = regex.compile(
    r"\b(?:(?i:(?:the|our|my|their|his|her|your|a|an|one of (?:the|our)) (?:[\pL\pN_'’]+[ -]){0,2}?"
    r"(?:suppliers?|wholesalers?|manufacturers?|couriers?|carriers?|drivers?|warehouse|factory|lab|contractors?|"
    r"subcontractors?|partners?|vendors?|depot|hub|engineers?|technicians?|installers?|fitters?|builders?|"
    r"instructors?|editors?|printers?|photographers?|colleagues?|locum|agency|temp|office|head office|branch|"
    r"techs?|agents?|advis[eo]rs?|reps?|representatives?|receptionists?|dispatchers?|schedulers?|"
    r"apprentices?|helpers?|offsiders?|labourers?|assistants?|juniors?|"
    r"team|department|staff|system|software|app|website|portal|platform|server|network|bank|post office|"
    r"airline|hotel|kitchen|chef|processor|provider|mill|studio|workshop|management|promoter|venue|artist|band|"
    r"organi[sz]ers?|label|client|surgery|practice|pharmacy|insurer|council))|IT|accounts|head office|"
    r"Royal Mail|the post|[A-Z][a-z]+ (?:in|from) (?:accounts|billing|dispatch|the warehouse|IT))"
    r"(?: team| department| staff| guys| lot)?\b"
    # "our delivery partner, who've been short-staffed"
    r"(?:,? (?:who|which|that)(?:['’]ve|['’]s|['’]re|['’]d| have| has| are| is| had)?)?"
)
# A named firm or person as the culprit: "as Openreach weren't able to attend"
_NAMED = re_cached.compile(
    r"\b(?:as|because|since|but|and|so) ([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)(?= (?:weren['’]t|wasn['’]t|were not|was not|"
    r"couldn['’]t|could not|didn['’]t|did not|failed|forgot|cancell?ed|let us down|haven['’]t|hasn['’]t|never|was supposed|were supposed))|"
    # "Sarah, who looks after your file, has been off for a fortnight"
    r"^([A-Z][a-z]+)(?:, (?:who|whose) [^,]{3,60},)?(?= (?:has been|had been|was|is|['’]s) (?:off|away|out|sick|ill|on holiday|on leave))|"
    # a colleague named with what they do here, then what went wrong: "Marco, who runs our bookings, put ... the wrong"
    r"^([A-Z][a-z]+), (?:who|whose) [^,]{3,60},(?= (?:(?:has|had) )?(?:put|booked|entered|keyed|wrote|noted|logged|sent|gave|"
    r"forgot|forgotten|mixed|misread|missed|didn['’]t|did not|never|failed))"
)
# A state that keeps someone from the job: "off sick", "short-staffed", "late".
_STATE = (
    r"(?:also\s+|again\s+|just\s+|apparently\s+)?(?:a bit |really |very |quite |so |rather |seriously |badly |massively )?"
    r"(?:off sick|out sick|ill|on holiday|on leave|away|behind|booked up|booked solid|fully booked|short[- ]staffed|"
    r"snowed under|having (?:issues|problems|a nightmare)|late)\b"
)
# What went wrong, said of that agent: the mistake is theirs, not ours.
_FAILED = re_cached.compile(
    r"\s+(?:(?:has|have|had|was|were|is|are|must have|may have|might have|will have|probably|must've)\s+)?(?:also\s+|again\s+|just\s+|apparently\s+)?(?:"
    r"(?:sent|shipped|delivered|gave|supplied|fitted|ordered|packed|picked|printed|quoted|used)(?: \w+){0,2} (?:the |a )?wrong|"
    # "put your visit in for the wrong month"
    r"(?:put|booked|entered|keyed|wrote|noted|logged|listed|set)(?: \w+){0,3} (?:in |down )?(?:for|on|under|to) (?:the |a )?wrong|"
    r"mis-?(?:labell?ed|sent|delivered|routed|keyed|typed|read|placed|quoted|printed)|mixed (?:up|it up|them up)|"
    r"lost|damaged|broke|misplaced|dropped|forgot|double[- ]charged|overcharged|crashed|glitched|messed (?:up|it up)|mishandled|"
    # a change made behind our back: "the bakery, who changed brand without notifying us"
    r"(?:changed|switched|altered|swapped|updated)(?: \w+){0,3} without (?:notifying|telling|informing|warning|letting) (?:us|me)|"
    # money taken twice: "your bank, which processed the same authorisation twice" (not "ran the test twice")
    r"(?:charged|billed|debited)(?: \w+){0,4} twice|(?:processed|took|taken|sent|submitted|ran|collected|applied) (?:the |your |a |an |that )?"
    r"(?:(?:same |one )?(?:payment|charge|transaction|direct debit|debit|instalment|invoice|fee|deposit|premium)s?|it|them|"
    r"(?:the|my|your) money) twice|"
    r"overbooked|ran out|went down|let (?:us|me|you) down|got (?:it|the \w+|your \w+|this) wrong|"
    r"made (?:a|an) (?:mistake|error|mess)|cancell?ed on (?:us|me)|pushed (?:\w+ ){0,3}back|held (?:\w+ ){0,2}up|"
    r"pulled (?:out|the (?:date|show|plug|gig|event|booking))|withdrew|backed out|dropped out|(?:was|were) supposed to|"
    r"(?:didn['’]t|did not|never|hasn['’]t|haven['’]t|has not|have not|failed to|forgot to|neglected to|couldn['’]t|could not) "
    r"(?:\w+ )?(?:show|turn up|arrive|tell|pass|send|deliver|update|call|process|let|inform|notify|collect|book|log|"
    r"record|follow|check|read|respond|reply|ship|dispatch|load|flag|fix|finish|get|come|attend|make it|deliver)|"
    r"(?:weren['’]t|wasn['’]t|were not|was not) able to|(?:were|was) unable to|(?:was|were) meant to|"
    r"(?:\w+ed|did|done|keyed|put|set) (?:it |them |this |that |your \w+ )?(?:incorrectly|wrongly|in error|by mistake))\b|"
    # a state is said with its verb: "the driver was late" (not "use the app late at night")
    rf"\s+(?:(?:has|have|had|must have|may have|might have|will have) been|been|was|were|is|are|['’]s|['’]re)\s+{_STATE}",
    re.IGNORECASE,
)
# ... or with the verb the agent's own clause took: "our fitter, who's off sick, had the only key"
_STATE_AFTER = re_cached.compile(rf"\s+{_STATE}", re.IGNORECASE)
_RELATIVE_VERB = re_cached.compile(r"(?:who|which|that)(?:['’]s|['’]re|['’]ve| have| has| are| is)$", re.IGNORECASE)
# ... when the sentence says what went wrong (not "who's on holiday until Monday, has left your part with Sam")
_WENT_WRONG = re_cached.compile(r"\b(?:didn['’]t|did not|couldn['’]t|could not|wasn['’]t|was not|weren['’]t|missed|late|delayed|"
                         r"cancell?ed|no one|nobody|only key|go ahead|went ahead|never)\b", re.IGNORECASE)
# The writer takes it on: a real apology, or the fix already under way with a time.
_SORRY = re_cached.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)\b(?! if| for any| that you feel| you feel)|"
    r"\b(?:our|my) (?:mistake|fault|error)|\bon us\b|\b(?:we|I) should(?: have|n['’]t have)\b|"
    r"\bthat['’]s not (?:good enough|okay|ok|acceptable)",
    re.IGNORECASE,
)
_OUR_FIX = re_cached.compile(
    r"\b(?:I|we)(?:['’]ve|['’]ll| have| will| am| are|['’]m|['’]re) (?:\w+ ){0,3}?"
    r"(?:ordered|sent|booked|arranged|refunded|credited|moved|reserved|re-?ordered|chased|fixed|replaced|"
    r"rebooked|upgraded|put|added|fitted|sorted|dispatched|couriered|collecting|sending|fitting|delivering|refunding|"
    r"replacing|calling|ringing|bringing|driving|making|printing|reprinting|rebuilding|visiting|"
    r"come (?:back(?! to you)|by|round|over|out|myself|ourselves|to you|and \w+)|coming (?:back(?! to you)|by|round|over|out|to you))\b",
    re.IGNORECASE,
)


@rule(
    "Excuses.TheirMistake",
    category="excuse_blame",
    severity="warning",
    message="This puts the mistake on someone else ('{words}'). The customer bought from you: own it, and say what you are doing about it.",
    why=(
        "To the customer, your supplier, your courier, your new system and your "
        "colleague are all you. Naming them as the culprit, with no apology and no fix, "
        "reads as 'not our problem'."
    ),
    instead="'Your order went out with the wrong label, which I'm sorry about. A courier collects it tomorrow and the right one arrives Thursday.'",
    bad=[
        "Hi Ana,\nThe wholesaler sent us the wrong colour, so that is what you received.\nTom",
        "Our engineer didn't turn up because the agency didn't pass on the booking.",
        "The new billing system double-charged some customers last week. IT are aware.",
        "Hi Ana,\nOur Zürich warehouse sent the wrong size, so that is what you received.\nTom",  # not just ASCII names
        "Hi Ana,\nDev, who keeps our diary, put your fitting in for the wrong week.\nTom",
        "Hi Ana,\nOne of our weekend agents didn't update your address, so the parcel went to the old one.\nTom",
        "Hi Ana,\nYour fitting didn't go ahead because our fitter, who's off sick, had the only key.\nTom",
        "Hi Ana,\nThe second charge came from your bank, which processed the same payment twice.\nTom",
        "Hi Ana,\nOur courier mishandled the parcel at their hub, so it is late.\nTom",
        "Hi Ana,\nOur wholesaler changed brand without notifying us, so the snack had sesame in it.\nTom",
        "Hi Ana,\nThe card machine at the depot took the money twice.\nTom",
    ],
    good=[
        "Hi Ana,\nOur supplier sent the wrong colour, and I'm sorry we didn't spot it. The right one arrives on Friday.\nTom",
        "Our supplier sent the wrong part, so I've ordered the right one; it arrives tomorrow at 10am.",
        "Our engineer will be with you at 9am, and the team will bring the new meter.",
        "Hi Ana,\nDev, who keeps our diary, has moved your fitting to Friday at 10am as you asked.\nTom",
        "Hi Ana,\nDark mode is on its way. If you use the app late at night, the night filter helps meanwhile.\nTom",
        "Hi Ana,\nOur fitter, who's on holiday until Monday, has left your part with Sam, who'll fit it on Tuesday at 10am.\nTom",
        "Hi Ana,\nWe charged your card twice, which was our mistake; I've refunded the second payment today.\nTom",
        "Hi Ana,\nOur engineer ran the pressure test twice to be certain, and your boiler passed.\nTom",
    ],
    options={"owned_severity": "suggestion"},
)
def their_mistake(analysis, rule):
    """Flags a clause whose subject is a supplier, courier, colleague, team or system and
    whose verb is a failure (sent the wrong, lost, didn't turn up, is off sick, pushed
    back). Quiet where the same or the next sentence has the writer fixing it by a
    given time, or where the draft apologises and a new time follows; only a
    suggestion where the draft apologises but gives no time."""
    owned = None  # asked only of a draft that names a culprit's failure: most never do
    body = analysis.body
    for i, s in enumerate(body):
        for agent in (*_AGENT.finditer(s.text), *_NAMED.finditer(s.text)):
            failure = _FAILED.match(s.text, agent.end())
            if not failure and _RELATIVE_VERB.search(agent.group().rstrip()) and _WENT_WRONG.search(s.text):
                failure = _STATE_AFTER.match(s.text, agent.end())  # "our fitter, who's off sick, had the only key"
            if not failure:
                continue
            if owned is None:
                owned = analysis.owned or any(_SORRY.search(t.text) for t in body)
            after = body[i:i + 3]
            if any(_OUR_FIX.search(t.text) and t.mentions_time for t in after[:2]) or (
                owned and any(t.mentions_time for t in after)
            ):
                break  # the cause, briefly, then the fix with a time: that is owning it
            named = next((i for i, g in enumerate(agent.groups(), 1) if g), 0)  # the name, not "as Openreach"
            msg = rule.message.format(words=_words(s.text, agent.start(named), agent.end(named), failure.start(), failure.end()))
            severity = rule.options["owned_severity"] if owned else rule.severity
            yield rule.finding(s.start + agent.start(named), s.start + failure.end(), msg, severity=severity)
            break


@hookimpl
def tonecheck_rules():
    return [circumstance, their_mistake]
