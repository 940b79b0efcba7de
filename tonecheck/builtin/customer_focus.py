"""The CustomerFocus pack's rules that need more than a phrase (the rest are in
rules/CustomerFocus.yml): who the sentences are about, and a meeting time offered as
the only option."""
from __future__ import annotations

import re

from .. import hookimpl, re_cached, regex
from ..fixes import add_after, first_sentence, replace_span, suggestion
from ..ruledef import Example, rule

# The writer moving the customer's booking ("we've moved you to ...").
_MOVED_YOU_PATTERN = r"\b(?:we|I)(?:'ve| have) (?:moved|put|switched|transferred) (?:you|your)\b"
_ASK = regex.compile(
    r"\b(?:would|could|can|will) you (?:be (?:available|free|around|in)|come|make(?: it)?|do|pop|drop|attend|get here)|"
    r"\bare you (?:available|free|around)|\bdoes .{0,30}\b(?:work|suit) for you|\bplease (?:come|attend|arrive|be (?:home|in|available))|"
    # booking a time on the customer's behalf is service; moving theirs is imposing one
    rf"{_MOVED_YOU_PATTERN}.{{0,60}}\b(?:for|to|on|at)\b|"
    # one time offered as the writer's: "I can do Tuesday at 8:15am"
    r"\b(?:I|we) can (?:do|offer(?: you)?|fit you in|squeeze you in|see you)(?: on| at| this| next)? "
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|\d{1,2}(?:[:.]\d{2})? ?(?:am|pm))\b",
    ignore_case=True,
)
_ONLY = re_cached.compile(
    # ("one option is to go ahead now" offers a plan, not a slot)
    r"\b(?:(?:the only|my only|our only|just one) (?:slot|time|day|date|window|appointment|option|morning|afternoon|evening)|"
    # ("one day of your subscription" is an amount, not a slot; "one day of availability" is one)
    r"one (?:slot|time|day|date|window|appointment|morning|afternoon|evening)\b"
    r"(?! of (?:your|his|her|their|the) (?:\w+ )?(?:subscription|membership|plan|contract|fee|fees|pay|salary|wages|cover|rent|course|service|price|charge)\b"
    r"| of (?:annual leave|leave|holiday|pay|notice|grace)\b|['’]s (?:notice|pay|salary|wages|leave|holiday|rent|interest|grace|worth)\b))"
    r"\b(?: (?:that )?(?:works|left|available|I have|we have|free))?",
    re.IGNORECASE,
)
# A time imposed on the customer: "Your appointment has been moved to 7:40am on 2 June."
_IMPOSED = re_cached.compile(
    r"\b(?:your|the) (?:\w+ ){0,2}(?:appointment|visit|installation|delivery|booking|slot|call|handover|collection|"
    r"fitting|inspection|meeting|appt)(?: (?:on|for|at) [^,.;:!?]{1,24}?)? (?:has been|have been|is|was|will be) "
    r"(?:(?:moved|rescheduled|changed|brought forward|put back)"
    r"(?: from [^,.;:!?]{1,24}?)? (?:to|for)\b|"
    # given a date, not a person or a branch: "has been allocated to Saturday 8 June" ("assigned to Dave" is not)
    r"(?:allocated|assigned) (?:to|for) (?:a |the |your )?(?:\w+ ){0,2}(?:slot|date|day|time|window|week|morning|afternoon|evening|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d))",
    re.IGNORECASE,
)
# The writer moving the customer's booking, and the customer's own request to move it:
# "Is there any way I can switch to a weekend class?"
_MOVED_YOU = regex.compile(_MOVED_YOU_PATTERN, ignore_case=True)
_ASKED_TO_MOVE = re_cached.compile(
    r"\b(?:can|could|may) (?:I|we) (?:please )?(?:switch|move|change|swap|transfer|rebook|reschedule|rearrange)\b|"
    r"\b(?:can|could|would) you (?:please )?(?:move|reschedule|rearrange|rebook|push back|bring forward) (?:my|our|the|it|me|us)\b|"
    r"\b(?:is there any way|is it possible(?: for me)?|would it be possible(?: for me)?|any chance) (?:I|we|to) ?(?:can |could )?"
    r"(?:switch|move|change|swap|transfer|rebook|reschedule|rearrange)\b|\b(?:please )?(?:move|switch|transfer|rebook) (?:me|us)\b|"
    r"\b(?:I|we) (?:need|want|would like|['’]d like|would love|['’]d love|would prefer|['’]d prefer) to (?:switch|move|change|swap|"
    r"transfer|rebook|reschedule|rearrange) (?:my|our|the|it|to)\b|"
    # a time the customer asked for: "Can we do Friday afternoon instead?", "Monday morning would be perfect"
    r"\b(?:can|could) (?:we|I|you) (?:do|make it|have|go for) (?:[\w:]+ ){1,4}instead\b|\bwould be (?:perfect|ideal|great|better|best)\b|"
    r"\b(?:push|put|move) (?:it|this|that|them|everything|the \w+|my \w+|our \w+|\w+'s \w+) back\b|"
    r"\b(?:push|put|move) back (?:the|my|our|it|\w+'s)\b|\bno good (?:now|any ?more)\b",
    re.IGNORECASE,
)
# A sentence that speaks to the reader without "you": "Reply with URGENT", "Got it, Sarah.",
# or answers them: "Fair question.", "No problem at all."
_IMPERATIVE = re_cached.compile(
    r"^(?:so |really |very )?sorry\b|^(?:a |that['’]s a |it['’]s a )?(?:fair|good|great|reasonable) (?:question|point|catch|spot)\b|"
    r"^any (?:questions|problems|issues)\b|^(?:please |just |simply )?(?:reply|call|click|pick|choose|send|drop|contact|let us|tell|email|ring|visit|"
    r"book|check|see|bring|come|enjoy|use|go|try|follow|read|text|have|pack|wear|arrive|label|give (?:us|me))\b|^(?:got it|thanks|thank you|hi|hello),? [A-Z]|"
    # ... after the case it is for: "If she's still not eating by tomorrow, give us a call"
    r"^(?:if|when|once|should)\b[^.!?]{0,120},\s*(?:please |just )?(?:give (?:us|me)|reply\b|(?:call|ring|email|text|phone|contact|message) (?:us|me|the|our|\d+|straight|back|again|reception|(?-i:[A-Z])\w+ (?:on|at|or|back)\b)|"
    r"let (?:us|me) know|bring (?:it|him|her|them|the|your|(?-i:[A-Z])\w+ (?:back|in|along|with)\b)|come (?:in|back|and|to|straight|along|by|down)|book (?:a|an|another|in)|pop (?:in|back|by|it|them|down)|drop (?:it|us|me|in|by|them))\b|"
    # what to bring and do on the day ("Please have Scouts there by 8"), and news told as theirs ("Good news: we found Lily's fleece")
    r"^(?:remember to|don['’]t forget|do not forget)\b|^(?:good|great|some good|some great) news\b|"
    # congratulations on the reader's news or to a named reader ("Congratulations on the new baby!", "Huge
    # congratulations to Amelia on her Grade 5"), and praise passed on to their family ("please give him a huge well done from me")
    r"^(?:a )?(?:huge |big |massive |many |warm |hearty )?(?:congratulations|congrats|well done)(?:[!,.]| on (?:your|his|her|their|the new)\b| to (?:you|him|her|them|(?-i:[A-Z])[a-z]+ (?:on|for))\b)|"
    r"^.*?\b(?:congratulations|congrats|well done) (?:from (?:me|us|all of us|everyone)|on (?:your|his|her|their)|to (?:you|him|her|them)\b)|"
    # news of the reader's own session, named by its day ("Tomorrow's Spanish class will be in Room 6")
    r"^(?![^.!?]*\bmeans (?:the|our) )(?:today|tonight|tomorrow|this (?:morning|afternoon|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)['’]s (?:\([^)]*\) )?"
    r"(?:(?!staff\b|team\b|internal\b|company\b)[\w-]+ ){0,3}(?:class|lesson|session|rehearsal|practice|training|match|game|trip|outing|visit|delivery|collection|appointment|club|tour|walk|swim|concert)\b|"
    # a yes to what they asked ("can I pay in two halves?" "yes, that's fine")
    r"^(?:yes|yeah|yep|sure)\b(?![,.!]?\s*(?:noted|received|understood)\b)|^(?:of course|no problem|no worries|absolutely|that['’]s (?:fine|great|no problem))\b",
    re.IGNORECASE,
)
_CHOICE = regex.compile(
    # "which" asks ("which suits you?", "if not, which day is easier?"); ", which has come
    # through" only goes on about something
    r"\bor\b|\bwhichever\b|(?:^|[^,\s]\s+)which\b|\bwhich (?:day|days|time|times|date|dates|slot|slots|one|ones|option|options|week|"
    r"morning|afternoon|evening|weekday|weekend|of (?:these|those|the|them|our)|is (?:better|easier|best) for you|do you)\b|\banother (?:time|day|date|slot|appointment|visit|morning|afternoon|evening|week|one)\b|\bother (?:time|day|date|slot)|\bany (?:time|day)|\b(?:suits?|works? for|better for|convenient for) you|"
    r"\bif (?:that|this|it|neither|the time|the date)\b.{0,30}\b(?:doesn'?t|does not|isn'?t|is not|won'?t)\b|\bpick\b|\bchoose\b|\byour preferred\b|\bbook (?:a|your) (?:time|slot)|"
    r"\b(?:change|rearrange|reschedule|move|swap) (?:it|the (?:time|date|day|appointment|slot|booking))|"
    # the time is the one the customer asked for
    r"\bas (?:you )?(?:asked|requested|discussed|agreed)\b|\byou asked for\b|\bat your request\b|\bas usual\b|"
    r"\b(?:date|time|day|slot|week|morning|afternoon|evening) you (?:picked|chose|asked for|requested|booked|wanted|preferred)\b|"
    # a move granted: "no problem at all, I've moved your session to Thursday"
    r"\b(?:no problem|of course|sure|happy to)(?: at all)?\W{1,3}(?:I|we)(?:'ve| have) (?:moved|changed|switched|rebooked)\b|"
    r"\bsince you\b|\bso (?:that )?you (?:can|don'?t|won'?t)\b|\bas you(?:'ll| will| said| mentioned)\b|\bto suit you\b|\bbetter for you\b|"
    # a second time held out: "if Saturday's awkward, I've also got Tuesday at 6pm"
    r"\b(?:I|we)(?:'ve| have) also got\b|\b(?:I|we) (?:also|still) have\b|\balternatively\b|\bas (?:you )?wanted\b|\bas we discussed\b|"
    # a reply to the customer's own request: "Got your text. Your collection has been moved to Saturday"
    r"\b(?:got|thanks for|thank you for) your (?:text|message|call)\b|\bfollowing (?:your|our) (?:call|chat|conversation)\b|"
    r"\bthanks for the heads[- ]up\b|"
    r"\bif (?:\w+ ){0,3}(?:is|'s|are) (?:awkward|no good|tricky|difficult|a problem|not ideal)\b",
    ignore_case=True,
)


# a move granted in a sentence of its own: "No problem at all."
_GRANTED_ALONE = re_cached.compile(r"\W*(?:no problem|of course|no worries)(?: at all)?\W*$", re.IGNORECASE)


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
        Example("Hi Steve,\nWould you be available at 9am to collect tomorrow? Please let me know.",
                flags="Would you be available at 9am to collect tomorrow?",
                fixed="Hi Steve,\nWhich time suits you best to collect: tomorrow at 9am, or [[another time that suits you]]? Please let me know."),
        "Can you come in Thursday at 8:30? That's the only slot that works on my end.",
        "Dear Patient,\nYour appointment has been moved to 7:40am on 2 June.",
        # the date the firm's diary had free, with no way to change it ("which has come through" asks nothing)
        "Hi Priya,\nThanks for the deposit, which has come through. Our team has Tuesday 21 May free, so we've put you in for that.\nHannah",
        "Hi Priya,\nYour installation has been allocated to Saturday 8 June, from 8am to 6pm.\nHannah",
        "Riverside Dental: your appt on 14/3 has been moved to 21/3 at 8:00 due to rota changes.",
        # one day of availability is one slot
        "Hi Priya,\nWe have one day of availability left this month: Friday at 7:30am.\nHannah",
    ],
    good=[
        "Hi Steve,\nWhich time suits you best: Saturday at 9am, or another day?",
        "I've booked your follow-up for Tuesday at 10:30am. If that time doesn't work for you, reply and I'll move it.",
        # the move the customer asked for
        Example("Hi Liz,\nThanks for letting me know: I've moved you to the Saturday class at 10am.\nAna\n\n"
                "On Mon, Liz wrote:\n> My shifts have changed. Could I switch to a weekend class?"),
        "Hi Ben, no problem at all, I've moved your session to Thursday at 6:30pm. Rachel",
        "Hello Mrs Dunmore,\nNo problem at all. I've moved your assistance from Tuesday to Wednesday 9 April, same train.\nPriya",
        "Hi Ana,\nI've moved your colour to Saturday at 10am. If Saturday's awkward, I've also got Tuesday at 6pm.\nCiara",
        "Hi Jo,\nIf the October start is a problem, one option is to go ahead now and add the loft as a second phase.\nAl",
        "Hi Jo,\nNow that the readings are in, I've moved you onto the feed-in plan, backdated to 14 July.\nAl",
        "Got your text: your sofa collection has been moved from Friday to Saturday 26th.",
        # a date that is no visit
        "Done: I've moved your payment date to the 28th, starting next month, so it lands after payday.",
        # an amount, not a slot
        "Hi Gareth,\nFor the overrun we're adding £180, one day of your subscription, to your next invoice.\nIrene",
        "Hi Gareth,\nWith one day's notice, I can move the fitting to any weekday you like.\nIrene",
    ],
    fixable=True,
    fix_safety=(
        "Unsafe: it turns the question into a choice with a placeholder for the other time, "
        "or adds an offer to move the time; the day and time you gave are kept."
    ),
)


def single_slot(analysis, rule):
    """Flags a meeting or collection time put to the customer as the only option, or
    their booking moved to a time of the writer's choosing, with no choice or way to
    change it anywhere in the draft. A time the customer asked for ("as agreed", "as
    usual") and a booking made on their behalf are not flagged."""
    if any(_CHOICE.search(s.text) for s in analysis.body):
        return
    asked = _ASKED_TO_MOVE.search(analysis.quoted.replace("’", "'"))  # they asked to move: a move is their request
    for i, s in enumerate(analysis.body):
        if asked and (_MOVED_YOU.search(s.text) or _IMPOSED.search(s.text)):
            continue
        # a move granted in a sentence of its own just before: "No problem at all. I've moved your assistance to Wednesday"
        if i and _GRANTED_ALONE.match(analysis.body[i - 1].text) and _MOVED_YOU.search(s.text) and not _ONLY.search(s.text):
            continue
        if _ONTO_A_PLAN.search(s.text):  # "I've moved you onto the feed-in plan, backdated to 14 July", "your payment date": no visit
            continue
        only = _ONLY.search(s.text)
        if only:
            yield rule.finding(s.start + only.start(), s.start + only.end(), suggestions=[_move_offer(s)])
        elif _ASK.search(s.text) and s.mentions_time:
            choice = _choice(s, analysis.body[i - 1] if i else None)
            yield rule.finding(s.start, s.end, suggestions=[choice or _move_offer(s)])
        elif _IMPOSED.search(s.text) and s.mentions_time:
            yield rule.finding(s.start, s.end, suggestions=[_move_offer(s)])


_ONTO_A_PLAN = regex.compile(
    r"\b(?:moved|put|switched|transferred) (?:you|your (?:\w+ )?account) (?:on ?to|to|on) (?:the|a|our|your|a new) (?:[\w'’-]+ ){0,2}"
    r"(?:plan|tariff|rate|contract|package|bundle|scheme|list|account|billing|bill|policy|membership|subscription)\b|"
    r"\b(?:moved|changed|switched|put) your (?:\w+ )?(?:payment|billing|direct debit|debit|renewal|due|bill|statement|invoice|instal?lment|"
    r"subscription|collection|rent)s? (?:date|day)s?\b", ignore_case=True)
_CLOCK = regex.compile(r"\b\d{1,2}(?:[:.]\d{2})? ?(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b|\b(?:noon|midday)\b", ignore_case=True)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DAY = regex.compile(rf"\b(?:today|tomorrow|tonight|this (?:morning|afternoon|evening)|(?:next |this )?{_WEEKDAY})\b", ignore_case=True)
# the writer's only day, said just before the question: "I am only in on Saturday"
_MY_DAY = re_cached.compile(rf"\b(?:in|here|around|available|free|working|about)(?: on)? ({_WEEKDAY})\b", re.IGNORECASE)
_PURPOSE = re_cached.compile(r"\bto (collect|pick (?:it |them )?up|come in|drop (?:it |them )?off|visit|meet|attend)\b", re.IGNORECASE)


def _choice(s, before):
    """The question as a choice: "Which time suits you best to collect: tomorrow,
    Saturday, at 9am, or [[another time that suits you]]?" (None without a clock time)."""
    times = [m.group() for m in _CLOCK.finditer(s.text)]
    if not times:
        return None
    days = [m.group() for m in _DAY.finditer(s.text)]
    mine = _MY_DAY.search(before.text) if before is not None else None
    if mine and not any(d.lower().endswith("day") and d.lower() != "today" for d in days):
        # carried over, so the sentence before can go: "tomorrow (Saturday)", one day, not two choices
        if len(days) == 1 and days[0].lower() in ("today", "tomorrow"):
            days = [f"{days[0]} ({mine.group(1)})"]
        else:
            days.append(mine.group(1))
    when = ", ".join(days)
    slot = f"{when}{', at' if len(days) > 1 else ' at'} {' or '.join(times)}" if when else " or ".join(times)
    purpose = _PURPOSE.search(s.text)
    to = f" to {purpose.group(1)}" if purpose else ""
    text = f"Which time suits you best{to}: {slot}, or [[another time that suits you]]?"
    return suggestion("Offer a choice", replace_span(s, s.start, s.end, text))


def _move_offer(s):
    return suggestion("Offer to move it", add_after(s, "If that time doesn't suit you, tell me one that does and I'll move it."))


# Thanks, apologies and acknowledgements are about the reader even without "you".
_FOR_THE_READER = regex.compile(
    r"^\W*(?:many )?(?:thanks|thank you)\b|\bsorry\b|\bcongratulat|\b(?:I|we) (?:know|understand|realise|realize|appreciate|can imagine)\b|"
    r"\bfrustrat\w*|\bworrying\b|\bstressful\b",
    ignore_case=True,
)


def _focus(sentence) -> str:
    """'writer' for a sentence about us and not the customer, 'customer' when it
    speaks to them or about what they feel, '' otherwise."""
    if sentence.second_person or _FOR_THE_READER.search(sentence.text):
        return "customer"
    return "writer" if sentence.first_person else ""


@rule(
    "CustomerFocus.AboutUs",
    category="company_centric",
    # a hint, not a fault: good real mail (apologies, outage notes) says "we" throughout
    severity="suggestion",
    message="{writer} of {total} sentences are about you or your company, and {customer} {speak} to the customer. Turn them round: what does each mean for the reader?",
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
        "We'll text you the day before. If anything looks wrong, reply and I'll fix it.",
        # thanks and acknowledgements are about the reader, with or without "you"
        "Thanks for getting back to me about the call-out. I know a £95 charge for a false alarm is frustrating. "
        "I've waived it this time. I've attached a short guide, and our engineer can call round on Tuesday.",
    ],
    options={"min_sentences": 3, "max_share": 0.7},
)
def about_us(analysis, rule):
    """Counts the body sentences about the writer or company (I, we, our, the company
    names in config) that never address the customer, against those that do."""
    foci = [(s, _focus(s)) for s in analysis.body]
    writer = [s for s, f in foci if f == "writer"]
    customer = sum(f == "customer" for _, f in foci)
    total = len(writer) + customer
    if len(writer) < rule.options["min_sentences"] or not total:
        return
    if len(writer) / total >= rule.options["max_share"]:
        first = writer[0]
        yield rule.finding(first.start, first.end, rule.message.format(
            writer=len(writer), total=len(analysis.body), customer=customer, speak="speaks" if customer == 1 else "speak"))


@rule(
    "CustomerFocus.NeverYou",
    category="company_centric",
    severity="warning",
    message="Not one sentence here speaks to the customer: no 'you' or 'your' in {count} sentences. Say what this means for them.",
    why=(
        "Rules and processes stated in the abstract ('Seats are allocated at check-in') read "
        "like a notice on a wall. The same facts addressed to the reader tell them what to do."
    ),
    instead="'You can choose your seats free at check-in, or now in Manage Booking.'",
    bad=[
        "Seat requests are not guaranteed. Seats are allocated at check-in according to availability. Paid seat selection is available online.",
        # a "yes" that only files it
        "Yes, noted. Refunds are not given after 14 days. The policy is on the website.",
    ],
    good=[
        "You can choose seats together at check-in, or now in Manage Booking. I've noted your request.",
        # a request put to a group, and good news about their child: both speak to the reader
        "Hi all,\nThe bus for camp leaves the hut at 8.15am on Saturday. Please have Scouts there by 8, with a packed lunch. "
        "We'll be back at 4pm on Monday.\nRaj",
        "Hi Greg, no problem, Saturday 9am it is. I'll need to get to the airing cupboard. Should be done by lunch. Dave",
        # the owner told what to watch for: a request put to them
        "Hi Chris,\nJust checking in on Luna after her spay yesterday. It's normal for her to be quiet today. "
        "If she's still not eating by tomorrow lunchtime, give us a call and we'll see her that day.\nSophie",
        "Hi Karen,\nGood news: we found Lily's blue fleece. It was on the back of the hall door. It's at the front desk "
        "until she's next in on Wednesday.\nAnna",
        # news of the reader's own class, named by its day; praise passed on to their child
        "Hi all,\nTomorrow's Spanish class will be in Room 6, not Room 3, while the heating is repaired. The lift is next "
        "to reception. Same time, same teacher.\nPaula",
        "Dear Ada and Chidi,\nObi has been offered a place on the Saturday programme. That is a remarkable result for a "
        "twelve-year-old. For now, please give him a huge well done from me.\nHelen",
    ],
    options={"min_sentences": 3},
)
def never_you(analysis, rule):
    """Flags a draft of two or more sentences that never addresses the customer: no
    'you' or 'your', no request put to them, not even their name."""
    if len(analysis.body) < rule.options["min_sentences"]:
        return
    if any(s.second_person or s.is_question or _IMPERATIVE.match(s.text) for s in analysis.body):
        return  # a question is put to the reader too
    first = first_sentence(analysis)  # not a heading ("Subscriptions 2025/26")
    yield rule.finding(first.start, first.end, rule.message.format(count=len(analysis.body)))


@hookimpl
def tonecheck_rules():
    return [single_slot, about_us, never_you]

