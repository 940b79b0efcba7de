"""Detects the situation a draft answers, from the quoted customer message and the
draft itself. ``--context`` (or ``context`` in config) replaces this detector.

The draft is read sentence by sentence, skipping conditional ones: "If your flight
is late, we'll hold the car" is a kindness, not delay news.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import hookimpl, re_cached, regex
from ..analysis import CONDITIONAL
from ..vocabulary import DETECTED

# What the customer (or the draft) says when the situation is one of these: the
# words are the lexicon's context_<tag> entries (rules/lexicon.yml), which packs can use too.
_SIGNALS = DETECTED
# Any one of these in the draft is the writer's own account of a service failure.
_DRAFT_FAILURE = (
    r"missed (?:your |the |our )?(?:appointment|delivery|collection|visit|call|slot|booking|lesson|class|pick-?up)|did not attend|didn'?t (?:turn up|show up|show)\b|no-?show|outage|"
    r"no (?:car|driver|engineer|one|taxi|cab|technician|courier|instructor) (?:was|were|came|turned up|arrived|showed up|was allocated|was sent|was available)|"
    r"double[- ]charged|charged (?:you )?twice|wrong (?:item|part|size|colou?r|dress|order)|aware of an issue|"
    # a hire vehicle or a machine of ours that failed: "the van broke down", "was recovered to our Coventry depot"
    r"(?:our|the) (?:\w+ ){0,2}(?:van|lorry|truck|vehicle|coach|bus|camper(?:van)?|motorhome|boiler|lift|machine|hire car|courtesy car|loan car)s? (?:\w+ ){0,2}(?:broke down|has broken down|had broken down)|"
    r"(?:was|were|been) recovered to (?:our|the) (?:\w+ )?(?:depot|garage|yard|workshop|branch)|"
    r"issue affecting|mistakes? (?:do |can )?(?:occasionally |sometimes )?happen|oversold|overbooked|double[- ]booked|"
    r"(?:are|were|have been|may be|may have been) (?:still )?(?:experiencing|having) (?:\w+ )?(?:issues|problems|difficulties|outages|disruption|delays)|"
    r"(?:customers|users|members) (?:\w+ )?experienced (?:\w+ )?(?:disruption|outages?|issues|problems|difficulties|an outage|interruptions?)|"
    # a stock apology says something went wrong, and acknowledges none of it (and so
    # does the lexicon's stock_apology, "sorry for any inconvenience": see _draft_failure)
    r"(?:sorry|apologi[sz]e|apologies) (?:once again |again )?for the (?:\w+ )?(?:inconvenience|trouble|hassle|problems?|issues?|upset|frustration|disruption|confusion)|"
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
    r"damp|mou?ld|leaks?|leaking|water ingress|escape of water|infestation|vermin|your report (?:of|regarding|about)"
)
# Contexts read from the writer's own sentences only: the customer's words are theirs.
_DRAFT_ONLY = {"bad_news"}
# Hard moments that only the customer's own message tells: in the writer's sentences
# these are logistics ("the crew will collect your father from the hospital").
# So are an old relative to care for, days gone by with no heat or power, and work lost for
# good ("my notes are gone", "the update wiped all my photos"): said by the writer, a report.
_QUOTE_ONLY = {"distress": (
    # shaken, or tricked out of their details: "I'm shaking", "I clicked the link and typed my card number"
    # (not "I clicked the link in your email and the page has expired", nor a phishing text ignored)
    r"(?:I'm|I am|we're|we are) (?:literally |actually |still |honestly |so )?(?:shaking|panicking|terrified|petrified|in a panic)|"
    r"(?:I|we) (?:was|were) (?:still |literally |absolutely |so )?(?:shaking|terrified|petrified)(?:[.!,;]\s+\w+| and\b| when\b| that\b| someone\b| (?:he|she|they|it)\b| the whole\b| all (?:the way|night|day)\b| by\b| for (?:an? |the |hours|ages)| afterwards\b| like a leaf\b)|"
    r"(?:I|we) (?:was|were) (?:still |literally |absolutely |so )?panicking (?:when|because)\b|"
    # someone of theirs frightened: "My wife is terrified", "the kids were petrified"
    # (not a trait: "she is terrified of needles")
    r"(?:wife|husband|partner|son|daughter|child|children|kids?|mum|mom|dad|mother|father|family|she|he|they) (?:is|are|was|were) (?:still |so |absolutely |really |completely )?(?:terrified|petrified|traumati[sz]ed)\b(?! of\b)|"
    # left unsafe: "This is not safe.", "I didn't feel safe", "I had to walk home on my own in the dark"
    # (not "it's not safe to use until ...", the customer's own warning about a thing)
    r"(?:this|that|it)(?: is| was|['’]s) (?:just |really |simply |so )?(?:not safe|unsafe)(?=[.!]|$)|"
    # (not a worry about a thing: "I don't feel safe leaving it on the step")
    r"(?:I|we) (?:felt|feel) (?:so |really |very |completely |totally )?(?:unsafe|vulnerable)|(?:I|we) (?:didn't|did not|don't|do not|never) (?:\w+ )?(?:felt|feel) (?:\w+ )?safe\b"
    r"(?! (?:leaving|letting|sending|using|putting|paying|giving|booking|buying|ordering|storing)\b)|"
    r"(?:had to |having to )?walk(?:ed|ing)? (?:\w+ ){0,3}home (?:on my own|alone|by myself|in the dark)|"
    r"(?:fell|I fell) for (?:a|the|their) (?:\w+ )?(?:scam|phishing)|"
    r"(?:clicked|tapped) (?:on )?(?:a|the|their) link (?:and|before) (?:I )?(?:typed|entered|gave|put in|filled in)|"
    r"(?:clicked|tapped) (?:on )?(?:a|the|their) link[^.!?]{0,80}\b(?:card|bank|pin|security)\b[^.!?]{0,40}\b(?:I gave|I typed|I entered|I put in)\b|"
    r"(?:typed|entered|gave|put) (?:in )?(?:my|our) (?:card|bank|account|security|long card) (?:number|details|code)|"
    r"hospital\w*|illness|surgery|operation|(?:in|on) the ward|intensive care|poorly|unwell|"
    # medicine that did not come, an illness, a cost the customer cannot bear: "It has my daughter's medication in it",
    # "punished for being ill", "that would be hard for me"
    r"(?:his|her|their|(?:daughter|son|wife|husband|partner|child|mum|mom|dad|mother|father)['’]s) (?:\w+ )?(?:medication|medicine|insulin|inhaler|epi-?pen)|"
    r"(?:was|been|being|am|were|fell|felt) (?:so |very |really |seriously |quite |too )?ill\b(?!-)|"
    r"(?:would|will|is going to) be (?:really |very |so )?(?:hard|difficult|tough) for (?:me|us)\b(?=[.!,;]|$| to (?:pay|afford|manage|cover|find))|"
    # a fall, or nearly one: "I am 81 and I nearly slipped on it" (the writer's "a risk of slipping" is no report)
    r"(?:nearly|almost) (?:slipped|tripped)|(?:nearly|almost) fell (?:down|over|on)\b|had a (?:bad |nasty |serious )?fall\b|"
    r"(?:I|she|he|mum|mom|dad|my (?:mother|father|mum|mom|dad|son|daughter|wife|husband|partner)) (?:slipped|fell|tripped) (?:over|on|down|in)\b|"
    # symptoms that go on, or that the product causes: "making me dizzy", "a headache every day since"
    r"(?:making|made|makes|make) me (?:feel )?(?:dizzy|sick|ill|nauseous)|(?:headaches?|migraines?|dizz\w+|nausea)[^.!?]{0,40}"
    r"(?:every day|all the time|constantly|for (?:days|weeks))|"
    r"elderly (?:mother|father|mum|mom|dad|parents?|relatives?|aunt|uncle|gran\w*|grandmother|grandfather|husband|wife|neighbou?r)|"
    r"(?:(?:mother|father|mum|mom|dad|husband|wife|partner|gran\w*|grandmother|grandfather|nan|aunt|uncle|neighbou?r|she|he|I),? (?:who is |who's )?(?:is |am )?|I'm )"
    r"(?:(?:[7-9]\d|1[01]\d) and )?(?:elderly|frail|housebound)|"
    # the supply itself gone ("no heating for four days"), not "no gas bill since March" or "no power cuts"
    r"(?:(?:(?:been|had|gone) (?:\w+ ){0,2}|(?:days?|nights?|weeks?) now |still (?:have|has|got) )(?:without|no)(?: any)?|"
    r"(?:haven't|have not|hasn't|has not) had(?: any)?) (?:heat|heating|hot water|power|electricity|running water|water|gas)\b"
    r"(?! (?:bills?|cuts?|pressure|meters?|suppliers?|tariffs?|rates?|compan(?:y|ies)|readings?|boilers?|safety|usage|prices?))|"
    r"(?:my|our) (?:\w+ ){0,2}(?:photos|pictures|videos|notes|files|data|records|documents|recordings) (?:are|have|has|were) (?:all )?"
    r"(?:gone|lost|wiped|disappeared|vanished)\b(?! (?:blurry|grainy|dark|fuzzy|pixelated|to spam|through|up|down|out of (?:date|order)))|"
    r"(?:wiped|erased|deleted|lost) (?:all|years|months|weeks|\w+ (?:years|months|weeks)) (?:of )?(?:(?:my|our|the) )?(?:\w+ ){0,2}(?:photos|pictures|videos|notes|files|data|records|documents|recordings|work)|"
    r"lost (?:all )?(?:of )?(?:my|our) (?:\w+ ){0,2}(?:photos|pictures|videos|recordings|dissertation|thesis|files|documents|data)\b"
    r"(?! (?:connection|allowance|plan|link|folder|signal|roaming|bundle|usage))"
)}


def _re2(pattern: str):
    # RE2 compiles these large alternations several times faster than re (start-up)
    return regex.compile(pattern, ignore_case=True)


@lru_cache(maxsize=1)
def _signals() -> dict:
    """Each context's words, compiled on first use: the lexicon is read then, not at import."""
    from ..lexicon import pattern

    return {tag: _re2(rf"\b(?:{pattern('context_' + tag)})\b") for tag in _SIGNALS}  # "new car" is not "new card"


@lru_cache(maxsize=1)
def _draft_failure():
    from ..lexicon import pattern

    return _re2(rf"\b(?:{_DRAFT_FAILURE}|{pattern('stock_apology')})")


@lru_cache(maxsize=1)
def _quote_only() -> dict:
    """Compiled on first use (only a draft with a quoted message needs them), on re: the
    look-aheads tell "no heating" from "no gas bill"."""
    return {tag: re_cached.compile(rf"\b(?:{p})\b", re.IGNORECASE) for tag, p in _QUOTE_ONLY.items()}
# A conditional clause inside a sentence ("..., but if you're not ready, Tuesday is free"): up to its comma.
_IF_CLAUSE = _re2(r"\b(?:if|unless|in case|should you)\b[^,.;:!?]*")
_DRAFT_COMPLAINT_RE = _re2(rf"\b(?:{_DRAFT_COMPLAINT})")
# Words that make a customer's message a complaint even alone; weaker ones need two.
_STRONG_COMPLAINT = _re2(
    r"\b(?:ridiculous|unacceptable|disappoint\w*|furious|angry|appalling|complain\w*|not good enough|not happy|"
    r"nobody|still (?:no|not)|third|outage|(?:I['’]m|I am|we['’]re|we are) (?:really |so |getting |absolutely |totally )?(?:fed up|sick (?:and tired )?of (?:it|this|waiting|chasing))\b|(?:I['’]m|I am|we['’]re|we are|I was|we were|I feel) (?:really |very |so |quite |extremely |pretty |genuinely )?upset (?:about|by|that|with (?:the|your|you|how|this|what|him|her|them|it|that)\b)|"
    # the same failure again: "No paper again today. That's three times this week.", "I've asked twice already",
    # "cancelled again", "left the gate open yet again" (not "we've stayed three times now and loved it", "three times
    # the price", "twice the size", "I've cancelled again", "thank you yet again", "your team have called twice to check")
    r"(?:no \w+|late|missing|wrong|down|broken|happened) again\b|(?:been|was|were|is|are|got) (?:\w+ )?(?:cancell?ed|forgotten|missed|skipped) again\b|"
    r"(?:open|closed|missing|wrong|broken|down|forgot\w*|missed|skipped|cancell?ed|failed|happened|short|empty|dirty) yet again\b|"
    # "That's three times this week." / "it's happened three times in two weeks." / "That's twice now they've skipped our street"
    # (not "That's three times now we've stayed and loved it", "twice in a row I've won your raffle")
    r"(?:(?:that['’]?s|that is|this is|(?:it|this) has (?:now )?happened|it['’]s happened|happened) (?:now )?|(?:been|was|were|got) (?:missed|skipped|forgotten|cancell?ed) (?:now )?)"
    r"(?:twice|(?:three|four|five|six|several|\d+) times)(?: now| already| running| in a row| this (?:week|month|year)| in (?:a|one|two|three) (?:days?|weeks?|months?|fortnight)| since \w+)?"
    r"(?:[.!?,;:]|\s+(?:now\s+)?(?:they|you|your \w+|the \w+|it|he|she)(?:['’]ve|['’]s| have| has)? (?:\w+ )?(?:skipped|missed|forgot\w*|failed|cancell?ed|not|let (?:us|me) down|overcharged|charged|been late))|"
    # the customer's own chasing: "I've called four times", "My wife has chased this three times now", "I emailed on Monday and called twice since"
    r"(?:I['’]ve|we['’]ve|I|we|(?:my|our) (?:wife|husband|partner|son|daughter|mum|dad|mother|father|neighbour))\b(?: [\w'’]+){0,6}? (?:asked|told (?:you|them|your \w+)|called|rung|rang|phoned|emailed|written|chased|complained|reported (?:it|this)|explained)"
    r"(?: (?:you|this|it|about (?:it|this)))? (?:twice|(?:three|four|five|six|several|\d+) times)\b|charged (?:me |my card )?(?:[£$€]?\d[\d,.]* )?twice|locked out|please help|stressful|"
    # at a loss, or cut off from their work: "What am I supposed to do?", "down since 7am", "can't access client files"
    r"what (?:am|are) (?:I|we) (?:supposed|meant) to do|(?:I['’]ve|I have|we['’]ve|we have) (?:now )?been trying (?:for|since) [^.!?]{1,30}"
    r"\b(?:to (?:get (?:through|hold|an? (?:answer|reply|refund|response))|reach|contact|speak to|call) (?:you|someone|anyone|your)|and (?:nobody|no one|still))|"
    r"(?:has been|have been|was|been) down (?:since|for (?:\d|an? |two|three|several|hours|days)|all (?:day|morning|night|week))\b|"
    r"(?:can['’]t|cannot|can not|unable to) (?:access|log ?in to|get into) (?:any|our|my|the) |"
    r"anxious|what are you going to do|bitten|bed ?bugs|cockroach\w*|offline|lost (?:a|\w+) (?:day|days|week|sales|orders|business|money|customers|clients)|lost (?:\w+ )?(?:signups|sign-ups|bookings|revenue|leads|subscribers)\b|"
    r"nobody (?:has )?(?:called|rang|replied|told|came|turned up)|no one (?:has )?(?:called|rang|replied|told|came|turned up)|"
    r"never (?:turned up|showed up|called back|rang back|got back to (?:me|us))|"
    r"(?:engineer|technician|fitter|plumber|electrician|driver|courier|parcel|order|delivery|refund|van|installer|someone|anyone|it|they|he|she) never (?:came|arrived)|"
    r"(?:really|so|very|incredibly|extremely|hugely|deeply) frustrat\w*|(?:starting|beginning) to regret (?:buying|booking|choosing|ordering|using) (?:from |with )?(?:you|your)|(?:\w+ )?(?:days?|weeks?|months?) without (?:a |any |our |my )?(?:kitchen|bathroom|heating|hot water|shower|toilet|car|van|oven|fridge|washing machine)|"
    r"(?:paying|paid) for (?:taxis|a hotel|another|extra)|out of pocket|(?:weeks?|months?) (?:since|later|now)|heartbroken|devastated|gutted|in tears|"
    r"(?:I['’]m|I am|we['’]re|we are|getting|feeling|really|absolutely|so|utterly) desperate(?: for help| now| here)?[.!?,]|"
    # pain and disgust said of the customer's own state, not of shoes, suspense or ink prices
    r"(?:tooth|teeth|filling|crown|implant|back|knee|leg|head|neck|hip|ear|stomach|shoulder|jaw|pain)\w* "
    r"(?:is|are|has been|have been) killing me|"
    r"(?:I['’]m|I am|we['’]re|we are|absolutely|totally|utterly|frankly|quite|simply) (?:disgusted|appalled|outraged|horrified) "
    r"(?:by|at|with|that) (?:the|your|how|this|what)\b|(?:^|\n)disgusted (?:with|by|at) (?:the|your|this)\b|"
    r"(?:I['’]m|I am|we['’]re|we are) (?:absolutely |totally |utterly |frankly |quite |simply )?(?:disgusted|appalled|outraged)[.!,]|"
    r"disgusted (?:with|by|at) (?:the|your) (?:service|staff|way|response|treatment|attitude|behaviour|behavior)\b|"
    r"(?:this|that|it)(?:['’]s| is| was) (?:absolutely |totally |utterly |frankly )?disgraceful)"
)


_PLANNED = _re2(r"\b(?:planned|scheduled|upcoming|routine) (?:\w+ ){0,2}(?:outages?|downtime|maintenance|works?)")
_PLANNED_WORK = _re2(r"\b(?:outages?|downtime|disruption)\b")
# A cancellation that follows the customer's own news ("because of your offer, Monday's trial class is
# cancelled"), and a date earlier than was said ("a week earlier than we said"), for _NOT_OUR_FAILURE.
_THEIR_NEWS = (
    r"\b(?:because of|as a result of|due to|owing to|thanks to|following) (?:your (?:\w+ )?(?:offer|request|results?|grade|"
    r"promotion|place|acceptance|new job|good news|email|call|message|letter|feedback|note|injury|surgery|illness|move|holiday)|"
    r"the good news)\b"
)
_EARLIER = r"\b(?:earlier|sooner) than (?:we (?:said|hoped|thought|promised|planned)|planned|expected|promised)"
# Not a failure of ours: what the customer missed ("the appointment you missed", "a fee
# for missed appointments", their no-show), what we still wait for from them ("we're
# still waiting on your transcript": no delay of theirs), a wait the customer chose
# ("you need to postpone", "your request to push the handover back", "you're not ready
# to collect them yet"), a hold in their favour, what a visit looks for, and the
# writer's own sorrow; work announced ahead is _PLANNED.
# ... a cancellation or a move the customer asked for, in either order ("As you asked, we've moved your
# direct debit to the 28th")
_AS_ASKED = r"(?:as you (?:asked|requested|wanted)|at your request)"
_MOVED = r"(?:cancell?ed|instead of|moved|changed|rescheduled|rebooked|postponed|brought forward|pushed back)"
_NOT_OUR_FAILURE = _re2(
    # (not our request: "could you postpone your appointment? Our engineer is off")
    r"(?:\b(?:when|whenever|each time|every time|once|after|before) you|\byou(?:'(?:ve|d|re))? (?:(?:have |had )?(?:need|needed|want|wanted|wish|wished|asked|decided|chose|like|prefer|preferred|are hoping|were hoping|"
    r"are planning|were planning|would like) (?:to )?|can |may ))(?: )?(?:postpone|postponing|reschedul(?:e|ing)|(?:push|put)(?:ing)? (?:\w+ ){0,2}back|delay(?:ing)?)"
    r"(?: (?:it|this|that|them|things|your|the|until|till|for|by|a|to)\b|[.!?:;,])|"
    r"\byour (?:\w+ )?(?:request|decision|wish|choice|wishes) to (?:postpone|reschedule|defer|delay|push (?:\w+ ){0,2}back|put (?:\w+ ){0,2}back)|"
    r"\byou(?:'re| are)(?: still)? not (?:yet )?ready\b|"
    # a hold in the customer's favour: "the invoice will be on hold while I review it", "your account is on hold until probate"
    r"\b(?:invoices?|charges?|bills?|fees?|debts?|balances?|collections|debt collection|direct debits?|recovery|chasing|reminders?) (?:\w+ ){0,3}on hold\b|"
    r"\baccounts? (?:\w+ ){0,4}on hold (?:until|while|for) (?:probate|the (?:estate|grant|probate)|you|your)\b|"
    # ... or put on hold for them, a breathing space: "I've put your card account on hold for 60 days"
    # ("your account is on hold while our system upgrade finishes" is a wait of ours)
    r"\b(?:I|we)(?:['’]ve| have)? (?:put|placed) your (?:\w+ ){0,3}accounts? on hold (?:for (?:\d+|a|one|two|three|six|twelve|thirty|sixty|ninety) "
    r"(?:days?|weeks?|months?)|until (?:\d|the \d|you|your)|as you (?:asked|requested)|at your request|while you)|"
    r"\bon hold,? (?:\w+ ){0,4}(?:as you (?:asked|requested)|at your request)(?:[.,;!]| until| while| for|$)|"
    r"\bon hold,? (?:\w+ ){0,3}(?:while you(?:'re| are)? (?:recover|away|abroad|in hospital)|until you(?:'re| are) (?:back|ready|better|home))|"
    # what a visit looks for is no fault found: "I'll check the alarms and any signs of damp or leaks"
    r"\b(?:(?:any )?signs? of|check(?:ing|s)? (?:for|on)|look(?:ing)? (?:for|out for)|test(?:ing|s)? for|inspect(?:ing|s)? for) "
    r"(?:any )?(?:damp|mou?ld|leaks?|condensation|faults?|damage|wear)(?:,? (?:or|and) (?:any )?(?:damp|mou?ld|leaks?|condensation|faults?|damage|wear))*\b|"
    # the writer's own sorrow is no hard moment of the customer's: "I was heartbroken to hear about Max"
    r"\b(?:I|we)(?:'m|'re| am| are| was| were| have been| felt)? (?:so |truly |utterly |absolutely |really |deeply )?(?:heartbroken|devastated|saddened|gutted) (?:to|for)\b|"
    r"\b(?:fees?|charges?|policy|policies) (?:for|on) (?:a )?missed (?:\w+ )?(?:appointments?|visits?|sessions?)|"
    r"\bno-?show (?:fees?|charges?|polic(?:y|ies)|rates?)\b|\bpolic(?:y|ies) (?:for|on) no-?shows\b|"
    r"\b(?:(?:record|mark|count|log)(?:ed|ing)?(?: you)? as|you were) a no-?show\b|"
    r"(?:you|patients|customers|clients|members) (?:have |had |has )?missed\b|"
    # the customer's own absence ("You did not attend your 2:30 appointment"), and missed appointments
    # as a policy speaks of them ("Missed appointments cost the practice", "our Missed Appointment Policy")
    r"\byou (?:did not|didn't|failed to|were unable to|could not|couldn't) (?:attend|turn up|show up|show|make it)\b|"
    r"(?:^|\n|\b(?:a|any|further|second|third|future) )missed (?:\w+ )?(?:appointments?|visits?|sessions?|classes|lessons)\b|"
    r"\bno-?shows (?:are|will be|may be|get|incur)\b|"
    r"\bmissed (?:\w+ )?(?:appointments?|visits?|sessions?) (?:polic(?:y|ies)|fees?|charges?)\b|"
    # a date brought forward is no delay: "it's ahead of schedule, so it will now arrive on Monday instead of Wednesday"
    # ("Great news: we've rebooked your installation for Thursday" still is)
    r"[^.!?\n]*\b(?:ahead of schedule|brought forward)\b[^.!?\n]*|"
    rf"[^.!?\n]*\binstead of\b[^.!?\n]*{_EARLIER}[^.!?\n]*|[^.!?\n]*{_EARLIER}\b[^.!?\n]*\binstead of\b[^.!?\n]*|"
    # a cancellation that follows the customer's own news: "because of your offer, Monday's interview is cancelled"
    rf"{_THEIR_NEWS}[^.!?\n]{{0,80}}\bcancell?ed\b|\bcancell?ed\b[^.!?\n]{{0,40}}{_THEIR_NEWS}|"
    # a cancellation or a move the customer asked for
    rf"\b{_AS_ASKED}\b[^.!?\n]{{0,60}}\b{_MOVED}|\b{_MOVED}\b[^.!?\n]{{0,60}}{_AS_ASKED}|"
    # a backlog cleared is no wait: "the Leeds team cleared their backlog in the second week"
    r"\b(?:cleared|worked through|caught up on|got through|halved)(?: down)? (?:their|its|his|her) (?:\w+ )?backlogs?\b|"
    # the customer's own time kept: "Don't be late, as I've got three more handovers"
    r"\b(?:don['’]t|do not|try not to|please don['’]t) be late\b|"
    # the customer's lateness, asked after: "Running late? Just text us"
    r"\b(?:are you |you(?:'re| are) )?running (?:a (?:bit|little) |\w+ (?:minutes|mins) )?late\?|"
    # a delay disclaimed, or the customer's bank's ("we are not responsible for delays caused by your card provider")
    r"\bnot (?:responsible|liable|accountable) for (?:any )?(?:delays?|disruption)\b[^.!?\n,;]*|"
    r"\bdelays? (?:caused by|from|at) (?:your|the customer's) (?:own )?(?:bank|card (?:provider|issuer)|provider|building society|network|isp)\b|"
    r"(?:we|I)(?:'re| are|'m| am|'ve been| have been) still waiting (?:on|for) your (?:\w+ )?(?:form|transcript|documents?|signature|"
    r"reply|response|answer|payment|confirmation|photos?|details|proof|certificate|ID|information|meter reading|approval|instructions)\b"
)
# The same wait in the customer's own words: "I'm not ready to collect them yet", "we need to push it back"
_OUR_OWN_WAIT = _re2(
    r"\b(?:I|we)(?:'m|'re| am| are)(?: still| just)? not (?:yet )?ready\b|"
    r"\b(?:I|we)(?:'d| would)? (?:need|want|like|wish|have|had) to (?:postpone|reschedule|delay|(?:push|put) (?:\w+ ){0,2}back)\b"
)


# Someone else's big day, or the trade's: "your brother's wedding", "a rush of wedding
# orders". Not the customer's moment to be congratulated on.
_NOT_THEIR_MOMENT = _re2(
    r"\b(?:(?:(?:my|your|our|his|her|their) (?:\w+ )?(?:brother|sister|son|daughter|friend|mum|mom|dad|mother|father|parents|cousin|colleague|boss|"
    r"niece|nephew|aunt|auntie|uncle|grandson|granddaughter|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|"
    r"nan|nana|nanna|grandparents|godson|goddaughter|stepdad|stepmum|stepmom|neighbou?r|mate|best friend|partner)|his|her|their)(?:['’]s|['’])? "
    r"(?:\d+(?:st|nd|rd|th) |big |special |surprise )?(?:wedding anniversary|wedding|birthday|anniversary|graduation|retirement|engagement|new baby)|"
    r"wedding (?:orders|season|dresses|cakes|bookings|trade|fairs?|rush|work|industry|business|suppliers?|hire)\b|"
    # "Aarav's cousin is getting married": a relative's news, told in passing
    r"(?:[A-Z]\w+['’]s|his|her|their|your|my|our) (?:\w+ )?(?:brother|sister|cousin|friend|aunt|auntie|uncle|niece|nephew|son|daughter|"
    r"mum|mom|dad|gran|grandma|grandad|colleague|boss|neighbou?r) (?:is|was|are|were)(?: \w+)? (?:getting married|engaged|graduating|retiring|having a baby)\b)"
)
# The writer's own retirement, told in the draft: "After forty-one years at the bench, I am retiring" (told by the
# customer, it is theirs to be congratulated on)
_WRITER_RETIRING = _re2(r"\b(?:I|we)(?:'m| am|'re| are|'ll be| will be) (?:\w+ )?retiring\b|\b(?:I|we)(?:'ll| will) (?:\w+ )?retire\b|\bmy (?:own )?retirement\b")
# The words of a big day used of something else: passed over, but no event of someone else's (so "the
# retirement party" said later is still the customer's)
_NOT_A_MOMENT = _re2(
    r"\b(?:"
    # a big day long past, recalled: "You first came to me in 1998 with the suit for your own wedding"
    r"(?:in|back in) (?:19[5-9]\d|20[01]\d) (?:with|for) [^.!?,]{0,40}\b(?:wedding|birthday|anniversary|graduation|engagement)|"
    r"(?:wedding|graduation|engagement) (?:back )?in (?:19[5-9]\d|20[01]\d)|"
    # a policy's anniversary date, a shop's anniversary
    # sale, a pension, a trade ("I'm a wedding photographer"), a client's wedding, a solicitor engaged,
    # an engaged line, a tariff's honeymoon period, a home visit, a meter that passed its test
    r"anniversary (?:edition|sale|offer|deal|discount|renewal|review|statement)s?|"
    # a gift for someone's birthday, an accountant's or a consultant's engagement
    r"birthday (?:hampers?|gifts?|presents?|cards?|bouquets?|flowers?|vouchers?)|wedding (?:gifts?|presents?|lists?)|"
    r"(?:above|audit|client|professional|consulting|advisory|accounting|assurance|annual) engagement|"
    r"engagement (?:partner|manager|team|scope|period|year|terms)|(?:renews?|renewal|renewing) on (?:its|the|your) anniversary|"
    r"anniversary date (?:of|for|on) (?:your|the|my|this) (?:policy|cover|plan|contract|agreement|membership|subscription)|"
    r"(?:policy|cover|plan|contract|renewal) anniversary(?: date)?|engagement (?:letter|terms|fee)s?|letter of engagement|"
    r"anniversary of (?:my|our|the|this|your) (?:\w+ )?(?:complaint|claim|order|problem|issue|fault|outage|case|ticket|call)|"
    r"retirement (?:savings|plan|fund|account|policy|product|portfolio|pot|annuity|scheme)s?|"
    r"(?:I['’]m|I am|we['’]re|we are|as) an? (?:\w+ )?wedding (?:photographer|planner|florist|venue|supplier|caterer|band|dj|stylist|"
    r"videographer|celebrant|organiser|organizer|business)|(?:we|I) (?:run|own|manage) (?:an? |the )?(?:\w+ )?wedding (?:venue|business|shop|boutique)|"
    r"engaged (?:a|an|the|our|their|your) (?:\w+ )?(?:solicitor|lawyer|barrister|agent|contractor|surveyor|architect|firm|company|"
    r"builder|consultant|services?|bailiffs?|debt collector|specialist|expert)|(?:line|phone|number|it) (?:was|is|were|kept|always) "
    r"(?:\w+ )?engaged|honeymoon period|first home (?:visit|appointment|call|session|test|game|match|fixture|delivery)|"
    r"first car in (?:the )?(?:queue|line)\b|"
    r"(?:meter|unit|boiler|car|vehicle|appliance|system|device|sample|equipment|installation|circuit|alarm|it) (?:\w+ )?passed "
    r"(?:the|its|a) (?:\w+ )?test|new (?:hearing aids?|glasses|lenses|specs|dentures|prescription|batter(?:y|ies)|tyres?|parts?|"
    r"filters?|cards?|sim|charger|password|pin)|new home (?:security|insurance|phone|hub|router|alarm|camera|cinema|assistant|"
    r"printer|gym|broadband|internet|wi-?fi)\b)"
)


# A launch the customer worked for, in their own words: "We're live! All 14 plants are on
# it" (the writer's own "we're live with the new portal" is their news, not the customer's)
_GONE_LIVE = _re2(r"\b(?:we['’]re|we are|we went|we['’]ve gone|we have gone) live\b|\b(?:our|the) go-live (?:went|was|happened)")
# ... and the turn after it that makes it the start of a complaint: "so proud of herself after her first walk, but tonight"
_TURNS = _re2(r"\b(?:but|however|now|unfortunately|sadly|until)\b")
# A customer's pride in someone's achievement, told in their message: "Evie swam 100 metres tonight for the first
# time - we're so proud", "He was so proud of himself" (the writer's own pride, "we're proud to announce", is no moment of theirs)
_PROUD = _re2(r"\b(?:we['’]re|I['’]m|we are|I am) (?:so |really |very |incredibly |super |just |beyond )?proud(?:[.!]| of (?:him|her|them|you)\b)|"
              r"\bso proud of (?:him|her|them|himself|herself|themselves)\b")


# The event named again ("in time for the wedding"): after someone else's of the same kind
# was named, theirs.
_EVENT = _re2(r"\b(?:wedding|birthday|anniversary|graduation|retirement|engagement|married|engaged|graduating|retiring)\b")
# ... a relative's news told with a verb ("my brother is getting married") names the event
_EVENT_OF = {"married": "wedding", "engaged": "engagement", "graduating": "graduation", "retiring": "retirement"}
_THE_EVENT = _re2(r"\b(?:the|that|this) (?:big )?(wedding|birthday|anniversary|graduation|retirement|engagement)\b")


def own_moments(text: str) -> str:
    """``text`` without the big days' words used of something else ("your engagement letter",
    "the policy anniversary date") or of someone else: what a fix may congratulate on."""
    return _own_moments(text, set())


def _own_moments(text: str, theirs: set) -> str:
    """``text`` without the big days that are someone else's: those named as theirs,
    and "the wedding" once a relative's wedding (in ``theirs``) has been named."""
    text = _NOT_A_MOMENT.sub("", _NOT_THEIR_MOMENT.sub("", text))
    return _THE_EVENT.sub(lambda m: "" if m.group(1).lower() in theirs else m.group(), text) if theirs else text


# A machine that died, or a death figure of speech: "my laptop died", "the battery's dead".
_NOT_A_DEATH = _re2(
    r"\b(?:laptop|phone|mobile|battery|engine|car|van|computer|pc|printer|boiler|tv|telly|screen|router|modem|drive|"
    r"hard drive|fridge|freezer|washer|dryer|dishwasher|oven|tablet|ipad|iphone|charger|speaker|headphones|watch|"
    r"camera|console|kettle|bulb|motor|pump|heater|server|website|site|app|account|signal|wifi|connection|"
    r"e-?scooter|scooter|e-?bike|bike|moped|mower|lawnmower|vehicle|machine|device|torch|remote|controller|sensor|unit)s?"
    r"(?:['’]s| has| had| just| completely| finally)* (?:died|dead|death)\b|bored to death|death trap|died down"
)
# Delay news the writer gives, read from the draft only (the customer's "because of my surgery, my lessons had to be
# cancelled" and "could you deliver on Saturday instead of next Tuesday?" are their own): a booked service called
# off for a cause or by whoever runs it ("due to the weather the cruise on 15 October is cancelled"; not a fine, a
# fee, a strike or roadworks called off), and a date moved later ("the baskets will now be ready on Wednesday 6th
# instead of Monday 4th"; a clock time moved is as often earlier, to suit the customer).
_SERVICE = (
    r"(?:trip|cruise|sailing|crossing|excursion|tour|event|class|workshop|course|session|match|show|"
    r"concert|performance|gig|flight|train|ferry|lesson|appointment|visit|delivery|installation|booking|"
    r"party|ceremony|festival|game|race|retreat|fixture|screening|tasting|dinner|meal|training|practice|"
    r"rehearsal|viewing|fitting|tournament|competition|yoga|"
    r"pilates|swim(?:ming)?)s?"
)
_DRAFT_DELAY = _re2(
    rf"\b{_SERVICE}\b[^.!?]{{0,60}}? (?:is|are|has been|have been|was|were|had to be|has had to be|have had to be) "
    r"(?:now |sadly |unfortunately )?"
    r"cancell?ed (?:due to|because of|owing to|as a result of|on account of|by the (?:\w+ )?(?:authorit(?:y|ies)|operators?|port|"
    r"coastguard|organi[sz]ers?|venue|council|airline|airport|promoter))|"
    rf"\b(?:due to|because of|owing to) [^.!?]{{1,80}}? (?:the |your |our )?(?:[\w'-]+ ){{0,4}}{_SERVICE}\b[^.!?]{{0,40}}? "
    r"(?:is|are|has been|have been|was|were|had to be) (?:now )?cancell?ed|"
    r"\b(?:ready|arrive|arriving|delivered|dispatched|shipped|finished|completed|available|with you|take place|go ahead|start) "
    r"(?:on|by|in|at|from) (?:[^.!?]|\.\d){1,30}? instead of (?:the |next |this )?(?:\w+day|\d{1,2}(?:st|nd|rd|th)|"
    # (a day, not a day's slot: "from 2pm instead of this Saturday's usual 3pm")
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)(?:[\s,.;:!?)]|$)"
)
# The day, month or "after all" a start is put off to (shared by the two below)
_PUT_OFF_TO = r"(?:(?:on |this |next )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|this week|next week)|until (?:\w+ ){0,2}(?:january|february|march|april|may|june|july|august|september|october|november|december|next \w+)|after all)\b"
# A booking called off or a start put off, in the writer's words: "Tomorrow's trial can't go ahead.", "Won't be
# starting Monday now" (not "can't go ahead without a signed consent form", nor the customer's own "my appointment
# can't go ahead", "Ella won't be coming Thursday")
_BOOKING_OFF = _re2(
    r"\b(?:trial|appointment|lesson|class|session|visit|booking|event|tour|trip|fitting|viewing|consultation|treatment|"
    r"surgery|operation|procedure|shoot|installation|install|party|ceremony|match|game|performance|show)s? "
    r"(?:tomorrow |today |tonight |this \w+ |on \w+ )?(?:can'?t|cannot|can not|is unable to|isn'?t able to|won'?t be able to|will not be able to|won'?t) go ahead"
    r"(?: as (?:planned|booked|arranged))?(?: (?:tomorrow|today|tonight|this \w+|on \w+day|next \w+))?"
    r"(?:[.!;:]|,? (?:as|because|due to|so|but|and|sorry|I'm afraid|unfortunately)\b|$)|"
    r"\bwon'?t be (?:starting|able to start|with you|round|over) (?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"\b(?:plasterer|fitter|engineer|builder|team|lads|crew|electrician|plumber|painter|decorator|installer|driver|cleaner|gardener|"
    r"carpenter|joiner|roofer|tiler|technician|surveyor)s? (?:won'?t|will not) be (?:coming|starting|round|over|with you) " + _PUT_OFF_TO
)
# ... and told by the customer of our people: "Your fitter just rang to say he won't be starting Monday now"
_OUR_START_PUT_OFF = _re2(
    r"\b(?:your|the) (?:fitter|engineer|builder|plumber|electrician|installer|driver|decorator|plasterer|roofer|team|crew|lads|"
    r"technician|surveyor|carpenter|joiner|tiler|painter)s?\b[^.!?]{0,60}\b(?:won't|will not|can't|cannot|isn't|is not|aren't|are not) "
    r"(?:be )?(?:starting|start|coming|come|turning up|able to (?:start|come)) " + _PUT_OFF_TO
)
# ... unless the customer asked for the change ("Could you deliver on Saturday instead?"); the
# request to move, shared with _ASKS_FOR_ANOTHER_DAY below
_CAN_YOU_MOVE = r"\b(?:can|could) (?:you|we|I) (?:please )?(?:move|change|swap|switch|push|rebook|reschedule)\b"
_ASKS_TO_MOVE = _re2(
    r"\b(?:can|could|would|will) (?:you|we|I|it|they) (?:please )?(?:\w+ ){0,6}instead\b|\binstead(?: of [^.!?]{1,40})?\?|"
    rf"{_CAN_YOU_MOVE}|"
    # (come, deliver, bring: only with a later or other day, not "could you come a week earlier")
    r"\b(?:can|could) (?:you|we|I) (?:please )?(?:come|deliver|bring)\b[^.!?]{0,40}\b(?:instead|later|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
    r"\b(?:I|we)(?:'d| would) (?:prefer|rather)\b"
)


# Time gone by that is no wait: since our own visit or fix, when the writer is checking in on it ("it's
# been three weeks since the engineer replaced the filter, so I'm checking in"; not "four weeks since our
# fitter installed it, and the part still hasn't come in"), or since a course began, told with the
# refusal it explains ("the course started more than 14 days ago, so we can't refund it"); "three weeks
# since I ordered" is a wait. Only the since-clause is set aside: what follows it is still read.
_SINCE_OUR_WORK = _re2(
    r"\b(?:days?|weeks?|months?|years?) (?:since|after) (?:we |I |they |(?:the|our|your new) (?:\w+ ){0,2}(?:was |were )?)(?:\w+ )?"
    r"(?:replaced|fixed|repaired|fitted|installed|swapped|changed|serviced|visited|came|sorted|resolved|put in|went in|"
    r"upgraded|cleaned|treated|finished|completed|delivered|moved in)\b|"
    # ... and told the other way round: "the job was finished three weeks ago"
    r"\b(?:was|were) (?:\w+ )?(?:finished|completed|fitted|installed|done|delivered|repaired|serviced) (?:\w+ ){0,2}?"
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) (?:days?|weeks?|months?) ago\b"
)
_CHECKING_IN = _re2(
    r"\b(?:checking in|check in|check how|see how|wanted to ask|are (?:they|things|the \w+) (?:working|behaving|still|ok|okay|holding)|"
    r"is (?:it|everything|the \w+) (?:working|behaving|still|ok|okay|holding)|have (?:they|things|the \w+) (?:stayed|held|settled)|"
    r"hope you(?:'re| are) (?:enjoying|happy|settling|getting on|pleased)|"
    # ... or chasing the customer's payment for it: "three weeks since we finished and I still haven't received payment"
    r"(?:haven't|have not|still not|not yet|yet to) (?:been paid|(?:received|had|seen) (?:\w+ ){0,2}(?:payment|invoice|balance|money))|"
    r"money (?:I['’]m|I am|we['’]re|we are) (?:still )?owed|(?:invoice|balance|bill) (?:\w+ )?(?:still )?(?:outstanding|unpaid)|"
    r"(?:payment|invoice|balance) (?:is|was|remains) (?:now )?(?:due|overdue|outstanding|unpaid))\b"
)
_COURSE_BEGAN = _re2(
    r"\b(?:course|class|classes|term|programme|program|membership|contract|tenancy|lease|subscription|season) "
    r"(?:started|began|begun|ended|finished|expired) (?:more than |over |less than |"
    r"about |nearly |almost |just )?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many|couple of) "
    r"(?:days?|weeks?|months?|years?) ago,? (?:so )?(?:we|I) (?:can't|cannot|are unable to|am unable to|aren't able to|won't be able to)"
)


# The customer's own late payment is no wait of theirs: "I was late with the rent twice" in their
# message, "you were late with the rent" or "two payments were a few days late" in the reply (not
# "you were late with my payment" in theirs, whoever the customer is, nor "your refund was late")
_LATE = (r"(?: was| were|['’]ve been|['’]d been| have been| had been)(?: \w+){0,2} late (?:with|paying|in paying|on) "
         r"(?:the |my |our |your |a |an |some |two |three |\w+ )?(?:rent|payments?|bills?|invoices?|instal?lments?|fees?|council tax|mortgage)\b")
# ... and the rent or a payment itself late ("the rent for September is now 12 days late", "sorry
# the rent is late"), not a refund's
_RENT_LATE = (r"\b(?:rent|(?:your|my|our|the|last|this month's|monthly|two|three|four|some|several|\d+) (?:monthly |rent |direct debit )?(?:payments?|instal?lments?))\b[^.!?]{0,40}? "
              r"(?:is|are|was|were) (?:now )?(?:a (?:bit|little|few days|couple of days) |(?:\w+ )?(?:days?|weeks?|months?) )?(?:late|overdue)\b")
# ... and the customer's own lateness counted: "You returned it at 8:15pm, over three hours late", "I filed the
# return on 9 February, nine days late" (not "Your order came 2 hours late", "I got my order 2 hours late", "you
# arrived on time but the class began 2 hours late")
_COUNT_LATE = (r"(?:over |more than |about |nearly |almost |just )?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
               r"twelve|several|few|couple of)(?: and a half)? (?:full |whole )?(?:hours?|hrs?|minutes?|mins?|days?|weeks?) late\b")
_OWN_LATE = (rf"(?:['’]re| are| were| was)? (?:\w+ ){{0,2}}?(?:returned|brought|handed|dropped|filed|paid|submitted|sent|posted|arrived|came|turned up|"
             rf"showed up|checked (?:in|out)|logged (?:in|on)|got (?:here|there|in|back))\b(?:[^.!?\n]{{0,30}}?,|[^.!?\n]{{0,12}}?) {_COUNT_LATE}")
# ... and, in the reply, the customer's own thing brought back or paid late ("a return two days late", "Your payment was
# received nine days late", "The van was brought back two days late"; not the customer's "the refund of my deposit
# arrived 10 days late", told in their own message)
_THEIR_THING_LATE = (rf"\b(?:a |the |your )?(?:returns?|payments?|forms?|applications?|submissions?|instal?ments?|deposits?|rent|fees?)\b"
                     rf"[^.!?\n]{{0,30}}? {_COUNT_LATE}|\b(?:was|were) (?:brought back|returned|handed back|handed in|dropped off|dropped back)\b"
                     rf"[^.!?\n]{{0,20}}? {_COUNT_LATE}")
_PAID_LATE = _re2(rf"\byou{_LATE}|{_RENT_LATE}|\byou{_OWN_LATE}|{_THEIR_THING_LATE}")
_PAID_LATE_THEIRS = _re2(rf"\b(?:I|we){_LATE}|{_RENT_LATE}|\b(?:I|we){_OWN_LATE}")


# A later hour than the one booked: "your crew will now arrive at 11.30am instead of 8am" (not
# "with you by 10am instead of 2pm", which is sooner)
_HOUR_MOVED = _re2(r"\b(?:ready|arrive|arriving|delivered|with you|start|begin|come|reach you|be there|be here) (?:at|by|from) "
                   r"(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b\.?[^.!?]{0,20}? (?:instead of|rather than) (?:the )?(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b")


def _later_hour(draft: str) -> bool:
    def minutes(h, m, meridiem):
        return (int(h) % 12 + (12 if meridiem.lower() == "p" else 0)) * 60 + int(m or 0)

    return any(minutes(*m.group(1, 2, 3)) > minutes(*m.group(4, 5, 6)) for m in _HOUR_MOVED.finditer(draft))


def _no_wait(draft: str) -> str:
    """The draft without what tells of no wait: time gone by since our work (see _SINCE_OUR_WORK), a
    course begun, a delay the customer is warned of or one ruled out, how they were a while ago."""
    # (the check-in or the payment chase said after it, or just before: "money I'm owed. The job was finished three weeks ago")
    cuts = [m.span() for m in _SINCE_OUR_WORK.finditer(draft)
            if _CHECKING_IN.search(draft[m.end():m.end() + 120]) or _CHECKING_IN.search(draft[max(0, m.start() - 160):m.start()])]
    for start, end in reversed(cuts):
        draft = draft[:start] + draft[end:]
    for said_of_no_wait in (_COURSE_BEGAN, _WARNED_DELAY, _NOT_DELAYED, _STATE_AGO):
        draft = said_of_no_wait.sub("", draft)
    return draft


# How the customer was a while ago, told by the writer: "exactly where you were nervous a month ago"
_STATE_AGO = _re2(r"\b(?:you|he|she|they) (?:were|was|felt|seemed|looked|sounded) (?:so |very |really |quite |a bit |a little )?(?:nervous|worried|anxious|unsure|scared|frightened|upset|new|tense|shaky|hesitant|uncertain|struggling|stuck|unwell|poorly)\b"
                  r"[^.!?]{0,40}?\b(?:a|an|one|two|three|four|five|six|\d+|few|couple of) (?:days?|weeks?|months?|years?) ago\b")


# A delay ruled out: "Your court application has not been delayed by this", "no delay to your refund"
_NOT_DELAYED = _re2(r"\b(?:(?:has|have|had|is|are|was|were|will|would|does|do|did)(?:n't| not)(?: be| been)?|won't(?: be)?) "
                    r"(?:\w+ )?(?:delayed|held up|pushed back|postponed)(?: (?:by (?:this|that|it)|at all|as a result|because of (?:this|that|it)))?(?:[.;:!,]|$)|"
                    r"\b(?:without|with no|no) (?:further |other )?delays?\b")


# A delay the customer's own missing part would cause, said as a warning: "Incomplete
# submissions will not be processed and will delay your start date" (not "the late arrival
# of the parts will delay your installation", which is ours)
_WARNED_DELAY = _re2(r"\b(?:incomplete|late|missing|unsigned|partial) (?:submissions?|applications?|forms?|documents?|paperwork|"
                     r"information|details|timesheets?|returns?)\b[^.!?]{0,60}?\b(?:will|would|could|may|might|can) (?:\w+ )?delay\b")


def _rebooked_as_asked(draft: str) -> str:
    """The draft without the move words of a sentence that grants the day asked for, or follows a
    sentence that does ("No problem at all. I've rebooked it for Saturday")."""
    lines = draft.split("\n")
    granted = [bool(_GRANTED.search(line)) for line in lines]
    return "\n".join(
        _MOVED_AS_ASKED.sub("", line)
        if (granted[k] or (k and granted[k - 1] and len(lines[k - 1]) < 40)) and not _OUR_CAUSE.search(line) else line
        for k, line in enumerate(lines)
    )


# ... and the rebooking the customer asked for, when they asked for another day ("I've been called into
# work on Thursday. Is there any chance of a Saturday instead?"; not "I'd prefer email")
_ASKS_FOR_ANOTHER_DAY = _re2(
    r"\bany chance (?:of|we could|you could)\b[^.!?]{0,40}\b(?:instead|later|another day|a different day|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:instead|slot|delivery|visit|appointment|collection|morning|afternoon|evening))\b|"
    rf"{_CAN_YOU_MOVE}[^.!?]{{0,60}}\b(?:to|for|until|instead)\b|"
    r"\b(?:I|we) (?:won't|will not|can't|cannot) be (?:in|home|there|around|available) (?:on|for|this|next)\b"
)
_MOVED_AS_ASKED = _re2(r"\b(?:rebook\w*|reschedul\w*|re-?arrang\w*|cancell?ed|moved)\b")
# ... granted in those words ("No problem at all. I've rebooked it for Saturday")
_GRANTED = _re2(r"\b(?:no problem|of course|happy to|as (?:you )?(?:asked|requested)|at your request|you asked for)\b")
# ... unless the move has a cause of ours ("has been cancelled as the van is off the road")
_OUR_CAUSE = _re2(r"\b(?:as|because|since|due to|owing to) (?:the|our|we|I)\b|\boff sick\b")
# "we'd rather not let him out through the gate by accident": a precaution of the writer's, no accident
_BY_ACCIDENT = _re2(r"\b(?:rather not|so (?:that )?we don't|so (?:that )?we do not|to avoid|in case we|don't want to)\b[^.!?]{0,60}\bby accident\b")


# A pension's or a policy's words for a death that has not happened, in the writer's sentences
# ("the person you've nominated to receive a death grant") and the customer's ("in the event of my
# death"); "the death grant from my mother's pension" is a loss.
_POLICY_DEATH = _re2(
    r"\bdeath[- ](?:grants?|benefits?|in[- ]service|cover|lump sums?|nominations?|nominees?|payments?)|"
    r"\b(?:in the event of|on|upon|after) (?:your|my) death|\bin the event of (?:a |the )?death"
)
# ... and a bereavement given as an example ("a reasonable excuse, such as serious illness or a bereavement")
# and a service's or a department's name ("their bereavement team", "our bereavement café", "your
# bereavement support group?"): a loss of the customer's is told otherwise ("since losing Mum").
_NOT_THEIR_LOSS = _re2(
    r"\b(?:such as|like|for example|for instance|e\.g\.)[^.!?]{0,40}\bbereavements?\b|"
    r"\bbereavement (?:(?:teams?|departments?|services?|unit|desk|line|counsell?ing|support|groups?|care|cafe|officers?)\b|café)"
)
# A pre-paid funeral plan, the customer's or one we sell: its letters speak of funerals, and nobody has died
# ("Your chosen funeral director: Greaves & Son"); "your late husband's funeral plan" is a loss.
_OWN_FUNERAL_PLAN = _re2(r"\b(?:your|our|a) (?:[\w-]+ ){0,3}funeral plans?\b")
# Close relatives ("gran" and "granny", not "granddaughter"), for the losses below.
_KIN = (
    r"(?:mum|mom|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|gran(?:ny|nie|dad|dma|dpa)?|"
    r"grandmother|grandfather|aunt|uncle)"
)
# A keepsake the writer names, not a death told ("your late husband's clock is in the blue blanket"); in
# the customer's own words ("my late husband's medals") it is a loss they tell.
_KEEPSAKE = _re2(
    rf"\blate {_KIN}['’]s (?:\w+ )?(?:clock|watch|ring|piano|chair|desk|books|medals|tools|paintings?|pictures?|photos?|"
    r"collection|records|bureau|cabinet|wardrobe|dresser|sideboard|table|lamp|mirror|rug|china|violin|guitar)s?\b"
)
# ... unless the plan was a relative's ("Your mother held our Silver funeral plan")
_RELATIVE = _re2(rf"\b(?:your|his|her|their) (?:late )?{_KIN}\b|\bheld (?:our|a|the|this)\b|\bclaim on\b")
_FUNERAL = _re2(r"\bfunerals?\b")
# A death told as someone's passing ("after Mark's passing", "following your wife's passing"), not
# "after my daughter's passing her test" or "Ellie's passing grade".
_PASSING = _re2(
    rf"\b(?:since|after|following) (?:his|her|(?-i:[A-Z][a-z]+)'s|(?:my|your|our) (?:\w+ )?{_KIN}'s) passing"
    # (what follows a death, not a pass at training or exams passed: "since Dad's passing I've ...")
    r"(?:[.,;:!?]|$| (?:recently|last (?:month|year)|I|I've|I'm|we|we've|we're|my|our|it|there|everything)\b)"
)
# A loss told as "since losing Mum" (not "since losing my husband's car keys", "our dog's lead", "the baby weight").
_LOSING = _re2(
    r"\b(?:since|after) losing (?:my |our |your |his |her )?(?:mum|mom|dad|mother|father|husband|wife|partner|son|daughter|"
    r"brother|sister|nan|nana|gran|granny|grandad|grandmother|grandfather|baby|dog|cat)(?:[^'’\w]|$)"
)
# A relative's pension or policy: its death words are a loss ("the death grant from my mother's pension").
_RELATIVES_COVER = _re2(rf"\b(?:my|our) (?:late )?{_KIN}['’]s (?:\w+ )?(?:pension|policy|cover|estate|scheme|plan|life insurance)")
# The firm's own loss, said by the writer: "in memory of our founder, the shop is closed"
# (in the customer's words, "in memory of our friend Sarah" is theirs).
_OUR_LOSS = _re2(r"\bin (?:loving )?memory of (?:our|the) (?:founder|owner|chairman|colleague|staff|team|director)s?\b")


# A breach or exposure ruled out: "There has been no data breach", "no customer data had been exposed"
_NO_BREACH = _re2(r"\b(?:no|not a|wasn't a|was not a|hasn't been a|has not been a|isn't a|is not a) (?:data |security |privacy )?breach\b|"
                  r"\bno (?:\w+ )?(?:data|files|details|records|information|passwords?) (?:had|has|have|was|were) (?:been )?(?:exposed|leaked|compromised|stolen)\b")


# A branch or store closed, said with no day or season after it: "we've made the decision to close our Northgate
# store." (not "to close our store on Boxing Day"); on re, for the look-ahead
_CLOSED_FOR_GOOD = re_cached.compile(
    r"\b(?:decision|decided) to close (?:our|the|your) (?:[\w'’-]+ ){0,3}(?:branch|store|shop|clinic|practice|library|surgery)\b"
    r"(?! (?:on|for|over|during|at|from|until|early|between)\b)", re.IGNORECASE)


# A fear that is someone's trait, and tears already over, are no hard moment: "one of the residents on your gran's
# floor is frightened of dogs", "Yusuf stopped crying about five minutes after you left"
_NOT_HARD = _re2(r"\b(?:is|are|gets|get|can be|'s) (?:very |quite |a bit |rather |always )?(?:frightened|scared|afraid) of (?:dogs|cats|spiders|heights|needles|the dark|water|crowds|loud noises|lifts|birds)\b|"
                r"\b(?:he|she|they|(?-i:[A-Z][a-z]+)) (?:soon |quickly )?stopped crying (?:(?:within|after|in|about) )?(?:a |about |one |two |five |ten |a few |\d+ )?(?:minutes?|seconds?|moments?)\b")


def detect(quoted: str, sentences: list[str]) -> set[str]:
    """Context tags from the customer's message and the draft's sentences."""
    # a quoted message is wrapped at 72 columns: "a new\ncar" is still a new car
    quoted = _OUR_OWN_WAIT.sub("", " ".join(quoted.replace("’", "'").split()))
    draft = "\n".join(_IF_CLAUSE.sub("", " ".join(s.replace("’", "'").split())) for s in sentences if not CONDITIONAL.search(s))
    if _PLANNED.search(draft):  # every outage it names is the announced one
        draft = _PLANNED_WORK.sub("", draft)
    draft = _NO_BREACH.sub("", _NOT_OUR_FAILURE.sub("", draft))
    tags, proud = set(), False
    for tag, pattern in _signals().items():
        if tag == "complaint":
            # an "incident" named again is the same one: a report of a fall or a security
            # event says the word throughout, and none of it says something of ours went wrong
            said = [w.lower() for w in _DRAFT_COMPLAINT_RE.findall(draft)]
            incidents = sum(w.startswith("incident") for w in said)
            hits = len(pattern.findall(quoted)) + len(said) - max(0, incidents - 1)
            if _STRONG_COMPLAINT.search(quoted) or _draft_failure().search(draft) or hits >= 2:
                tags.add(tag)
        elif tag == "bereavement":
            own = _NOT_THEIR_LOSS.sub("", quoted if _RELATIVES_COVER.search(quoted) else _POLICY_DEATH.sub("", quoted))
            writer = _KEEPSAKE.sub("", _NOT_THEIR_LOSS.sub("", _POLICY_DEATH.sub("", _OUR_LOSS.sub("", _NOT_A_DEATH.sub("", draft)))))
            if _OWN_FUNERAL_PLAN.search(writer) and not _RELATIVE.search(writer):
                writer = _FUNERAL.sub("", writer)
            if (pattern.search(writer)
                    or pattern.search(_NOT_A_DEATH.sub("", own)) or _PASSING.search(draft) or _PASSING.search(quoted)
                    or _LOSING.search(draft) or _LOSING.search(quoted)):
                tags.add(tag)
        elif tag == "celebration":
            # once a relative's wedding is named, "in time for the wedding" is theirs too (a
            # sister's birthday named says nothing of the customer's own wedding)
            theirs = {_EVENT_OF.get(e.group().lower(), e.group().lower()) for t in (draft, quoted)
                      for m in _NOT_THEIR_MOMENT.finditer(t) for e in _EVENT.finditer(m.group())}
            if (pattern.search(_own_moments(_WRITER_RETIRING.sub("", draft), theirs)) or pattern.search(_own_moments(quoted, theirs))
                    or (quoted and _GONE_LIVE.search(quoted))):
                tags.add(tag)
            elif quoted and (pride := _PROUD.search(quoted)) and not _TURNS.search(quoted, pride.end(), pride.end() + 80):
                proud = True
        elif tag == "delay":
            # time since our own visit or fix, or since a course began, told by the writer, is no
            # wait (told by the customer it is); a booking moved to the day the customer asked
            # for is rebooked, not delayed
            writer = _PAID_LATE.sub("", _no_wait(draft))
            theirs = _PAID_LATE_THEIRS.sub("", quoted) if quoted else quoted
            if quoted and _ASKS_FOR_ANOTHER_DAY.search(quoted):
                writer = _rebooked_as_asked(writer)
            if pattern.search(writer) or pattern.search(theirs):
                tags.add(tag)
            elif quoted and _OUR_START_PUT_OFF.search(quoted) and not _ASKS_TO_MOVE.search(quoted):  # "Your fitter just rang to say he won't be starting Monday"
                tags.add(tag)
            elif (_DRAFT_DELAY.search(writer) or _BOOKING_OFF.search(writer) or _later_hour(writer)) and not _ASKS_TO_MOVE.search(quoted):
                tags.add(tag)
        elif tag == "distress" and (_BY_ACCIDENT.search(draft) or _NOT_HARD.search(draft) or _NOT_HARD.search(quoted)):
            mine, theirs = _BY_ACCIDENT.sub("", _NOT_HARD.sub("", draft)), _NOT_HARD.sub("", quoted)
            if pattern.search(mine) or pattern.search(theirs) or (theirs and _quote_only()[tag].search(theirs)):
                tags.add(tag)
        elif pattern.search(draft) or (tag not in _DRAFT_ONLY and pattern.search(quoted)):
            tags.add(tag)
        elif tag == "bad_news" and _CLOSED_FOR_GOOD.search(draft):
            tags.add(tag)
        elif tag in _QUOTE_ONLY and quoted and _quote_only()[tag].search(quoted):
            tags.add(tag)
    # a death is no celebration (a wedding or retirement named is its past), and a refusal
    # is answered with understanding, not congratulations ("while your new job starts")
    if tags & {"bereavement", "bad_news"}:
        tags.discard("celebration")
    # their pride told beside a complaint or a hurt ("I was so proud of that kitchen. Now the doors have dropped") is no moment to mark
    if proud and not tags & {"complaint", "distress", "bereavement", "bad_news"}:
        tags.add("celebration")
    return tags


@hookimpl
def tonecheck_context(analysis):
    return detect(analysis.quoted, [s.text for s in analysis.body])
