"""Fixes: the edits a rule proposes, built on the draft's sentences, and how a set of
them is chosen and applied.

As in ruff, a fix is ``safe`` when it cannot change the meaning (a plain word for a
formal one) and ``unsafe`` when it changes wording the writer chose. Fixes whose
edits overlap are never applied together: the more serious finding's fix wins, then
the first. What only the writer knows is left as a placeholder, ``[[date]]``, which
``Structure.UnfilledPlaceholder`` reports as an error until it is filled in.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from . import re_cached
from .analysis import BLANK_LINE, looks_like_heading
from .findings import SEVERITY_RANK, Edit, Finding, Fix, Suggestion

#: A placeholder a fix leaves for the writer: double brackets, so a template's own
#: "[Name]" (which the writer may mean to send) is not taken for one.
PLACEHOLDER = re_cached.compile(r"\[\[[^\[\]\n]{1,80}\]\]")


def placeholder(what: str) -> str:
    return f"[[{what}]]"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def replace_span(sentence, start: int, end: int, content: str) -> Edit:
    """Replace ``[start, end)`` (draft offsets inside ``sentence``) with ``content``.
    Written at the start of the sentence, it starts with a capital; deleted from the
    start, the words after it take the capital; deleted mid-sentence, the space before
    it goes too, and a comma left hanging before the sentence's end goes with it."""
    text, base = sentence.text, sentence.start
    i, j = start - base, end - base
    if content:
        if i == 0:
            content = capital(content)
        if content[-1] in ".!?" and text[j:j + 1] == " " and text[j + 1:j + 2].islower():
            return Edit(start, j + 2 - i, content + " " + text[j + 1].upper())  # ", but it" -> ". It"
        return Edit(start, end - start, content)
    if i == 0:  # "Please be advised that your order ..." -> "Your order ..."
        while j < len(text) and text[j] in " ,;:-":
            j += 1
        if j < len(text) and text[j].islower():
            return Edit(start, j + 1 - i, text[j].upper())
        return Edit(start, j - i, "")
    while i > 0 and text[i - 1] in " \t":  # "sorted, due to the weather, by" -> "sorted by"
        i -= 1
    if i > 0 and text[i - 1] == "," and j < len(text) and text[j] in ",.!?":
        i -= 1  # "..., as per our policy." -> "..."
    elif j < len(text) and text[j] == "," and i > 0 and text[i - 1] not in ",;:":
        j += 1
    return Edit(base + i, j - i, "")


def delete_sentence(analysis, sentence) -> Edit:
    """Remove a sentence with the space that joins it to the next (or, last on its
    line, to the one before); a sentence that is its whole paragraph takes its line."""
    text = analysis.text
    start, end = sentence.start, sentence.end
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] != "\n":
        return Edit(start, after - start, "")  # more follows on the line
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before > 0 and text[before - 1] != "\n":
        return Edit(before, end - before, "")  # last on its line: take the space before it
    # alone on its line(s): take the line break too, and a paragraph of its own its blank line
    # (no two blank lines where it was)
    if after < len(text) and text[after] == "\n":
        after += 1
        if after < len(text) and text[after] == "\n" and before >= 2 and text[before - 2] == "\n":
            after += 1
    return Edit(before, after - before, "")


# A list item ("- a certified copy", "2) the form", "• ID"), or a line that opens one ("we will need:")
# A list item's marker at a line's start: "- ", "3. ", "(a) "
_LIST_LINE = re_cached.compile(r"[ \t]*(?:[-*•–]\s|\d{1,2}[.)]\s|\(?[a-z][.)]\s)")


# Good news told first: "Great news, your puppy passed his health check", "We're pleased to confirm ..."
_GOOD_NEWS = re_cached.compile(
    r"^\W*(?:(?:great|good|happy|wonderful|brilliant|exciting|fantastic) news\b|(?:I|we)(?:['’]m|['’]re| am| are) "
    r"(?:so |very |really )?(?:pleased|delighted|happy|glad|thrilled) to\b|congratulations\b|your [\w\s]{1,40}? (?:is|are|has been|have been) "
    r"(?:confirmed|approved|ready|fixed|repaired|resolved|back)\b)", re.I)


def sorry_before_good_news(sentence, content: str) -> bool:
    """Would ``content``, added before the sentence, be a sorry in front of good news?"""
    return bool(_APOLOGY.search(content) and _GOOD_NEWS.match(sentence.text))


def takes_a_sentence(sentence, draft: str = "", after: bool = False) -> bool:
    """Can a sentence be added beside this one? Not beside a heading ("If you are not
    satisfied"), a list item (``draft``: its line's marker, "3. ", comes before the
    sentence) or the line that opens a list: it would land inside them; nor after a
    question ("How soon will the sites be up again?"), whose answer comes next."""
    text = sentence.text.strip()
    if not text or text.endswith(":") or _LIST_LINE.match(text) or (after and text.endswith("?")):
        return False
    if draft and _LIST_LINE.match(draft, draft.rfind("\n", 0, sentence.start) + 1):
        return False  # the sentence is on a list item's line
    return "\n" in text or not looks_like_heading(text)


def add_after(sentence, content: str) -> Edit:
    """A sentence after this one (which gets a full stop if it has none)."""
    ends = sentence.text.rstrip()[-1:] in ".!?:;)]\"'’”…"
    return Edit(sentence.end, 0, (" " if ends else ". ") + capital(content))


# Not where a letter opens: a salutation the sections missed ("Dear [name]"), or a
# field line ("Re: Order 2317", "Subject: ...").
_NOT_OPENING = re_cached.compile(
    r"^(?:(?:dear|hi|hello|hey|good (?:morning|afternoon|evening|day))\b|[A-Z][\w -]{0,24}:(?:\s|$)|"
    # a salutation line of its own: "Greetings of the day!", "Greetings from SwiftLink Broadband."
    r"(?:warm |warmest |season'?s )?greetings(?: of the day| from [^.!?\n]{1,60})?[.!]*\s*$|"
    # a help desk's marker line: "##- Please type your reply above this line -##"
    r"#{2,}|.*\breply above this line\b)", re.I)
# a sentence that leans on the one before it
_POINTS_BACK = re_cached.compile(
    r"^(?:this|that|these|those|it|they|he|she|such|which|today is one|there|in addition|additionally|also|however|therefore|"
    r"following this|as a result|in all that time|consequently|as such|for this reason|because of this|thus|hence|accordingly|"
    r"on top of (?:this|that)|what['’]s more|furthermore|moreover|taking (?:all )?(?:of )?(?:this|that|these)|given (?:this|that|these)|"
    # "We'd also recommend ...": the sentence before is what it adds to
    r"(?:[\w'’]+ ){1,2}also)\b", re.I)
# ... or names the party it told of only as "them": "We have raised the matter with them" (not "I rang to apologise to her")
_THEM_BACK = re_cached.compile(r"[^.!?]{0,60}?\b(?:with|from|by|chased|contacted|emailed|rang|pressed) them\b", re.I)
# What we can do, offered (shared by _OUR_OFFER and _ACTION_SAID; not "we can not refund")
_WE_CAN = r"\b(?:I|we) can (?:also |still |now |happily |gladly )?"
_WE_CAN_DO = "send|offer|replace|refund|arrange|book|fit|repair"
# What we do or offer, said by us (not "you can call us", not "we can not refund")
_OUR_OFFER = re_cached.compile(
    r"\b(?:I|we)(?:['’]ve| have)? (?:also |now |already |just )?(?:refunded|credited|replaced|reserved|booked|arranged|ordered|sent)\b|"
    r"\b(?:I|we)(?:['’]ll| will) (?:also |now |gladly |happily |personally )?(?:send|refund|replace|repair|credit|book|arrange|fit|cover|chase|contact|call|ring|email|visit)\b|"
    rf"{_WE_CAN}(?:{_WE_CAN_DO})\b", re.I)


def opening_sentence(analysis):
    """The body's first real sentence, where an opening line goes: not a salutation, a
    field, or a heading line ("Your complaint", "Customer Impact")."""
    for s in analysis.body:
        short = "\n" not in s.text
        if not (_NOT_OPENING.match(s.text) or (short and looks_like_heading(s.text))
                or (short and s.text.rstrip().endswith(",") and len(s.text.split()) <= 6)  # "To our valued customers,"
                or (short and s.text.rstrip()[-1:] not in ".!?" and _TITLE_PARTS.search(s.text))):
            return s
    return None


# A title line in parts, with no full stop: "Cremated remains - Mrs R Shah - Ref CR/24/0917"
_TITLE_PARTS = re_cached.compile(r"\S \s*[-–—|]\s+\S")


def first_sentence(analysis):
    """Where a finding about the whole draft stands: the opening sentence, else (a
    draft of headings and salutations only) the body's first."""
    return opening_sentence(analysis) or analysis.body[0]


def points_back(analysis, sentence) -> bool:
    """Does the next sentence of the paragraph lean on this one ("It was ...")?"""
    s = analysis.next_in_body(sentence.end)
    if s is None:
        return False
    return not BLANK_LINE.search(analysis.text, sentence.end, s.start) and bool(_POINTS_BACK.match(s.text) or _THEM_BACK.match(s.text))


def add_to_paragraph(analysis, sentence, content: str) -> Edit | None:
    """A sentence of ours after the paragraph ``sentence`` is in, not between two sentences
    of one argument ("... is under pressure. Here is what I'm doing ... Your claim is in the
    queue"); none where the paragraph or the next one already says what we
    do or offer ("the contractor has been asked to call you", "We're happy to fit new
    blades"). It goes after the paragraph's last sentence that takes one (not a list line,
    a question or a sign-off the paragraph runs into), from the finding's sentence on."""
    para = analysis.paragraph(sentence)
    if already_said(analysis, sentence, content, para):
        return None
    for last in reversed(para[para.index(sentence):]):
        if takes_a_sentence(last, analysis.text, after=True) and not points_back(analysis, last):
            return add_after(last, content)
    return None


def already_said(analysis, sentence, content: str, para: list | None = None) -> bool:
    """Is ``content`` a sentence of ours saying what we do or offer ("Here is what I'm doing
    about it: ...") where the paragraph of ``sentence`` (``para``, if already found), or
    the next paragraph's first sentence, already says it, or the rest of that paragraph offers
    something of ours ("As a goodwill gesture we can send a replacement bowl")?"""
    if not _OURS.match(content):
        return False
    para = para or analysis.paragraph(sentence)
    following = analysis.next_in_body(para[-1].end)
    if any(_ACTION_SAID.search(s.text) for s in para + ([following] if following else [])):
        return True
    # ... or, further into the next paragraph, what we do or offer (not "you can call us")
    return bool(following) and any(_OUR_OFFER.search(s.text) for s in analysis.paragraph(following)[1:])


# A sentence of ours that says what we do or offer, and the writer's own words that already say it
_OURS = re_cached.compile(r"\s*(?:here is what I['’]m doing|what I can do is|here is how I can help|for you, this means)\b", re.I)
_ACTION_SAID = re_cached.compile(
    r"\b(?:I|we)(?:['’]ve| have| had)? (?:also |now |already |just )?(?:asked|chased|contacted|raised|passed|escalated|booked|"
    r"arranged|ordered|requested|refunded|credited|replaced|reserved)\b|"
    # (a promise, not a refusal: "we will not refund" says nothing we do)
    r"\b(?:I|we)(?:['’]ll| will| am| are|['’]m|['’]re|['’]d| would)(?: (?!not\b|never\b)\w+)? (?:be )?(?:happy|glad|pleased) to\b|"
    r"\b(?:I|we)(?:['’]ll| will| shall)(?: (?!not\b|never\b)\w+)? (?:chase|call|contact|raise|book|arrange|order|send|review|fit|"
    r"replace|refund|repair|follow|speak|write|visit|come|get you)\b|"
    r"\b(?:I|we)(?:['’]re| are| am|['’]m) (?:now )?(?:in discussions|working with|talking to|speaking to|chasing)\b|"
    rf"{_WE_CAN}(?:{_WE_CAN_DO}|post|courier)\b|"
    r"\byou can (?:still |also |instead )?(?:book|choose|pick|swap|exchange|collect|use|come|call|bring|claim|apply|ask|"
    r"keep|try|visit|join|order|pay|log in|reply|ring|pop in|drop in)\b|\bplease (?:ask|call|contact|log in|upload|use|book|reply)\b|"
    r"\bto keep your\b|\b(?:has|have) been asked to\b|\b(?:remains?|is still|are still) (?:open|available)\b|"
    # done for them in the passive: "A refund check for $138.20 has been requested and should be mailed to you"
    r"\b(?:refund|credit|replacement|repair|cheque|check|payment|engineer|visit|appointment|booking|reservation)s?\b(?:[^.!?]|\.\d){0,40}?"
    r"\b(?:has|have) (?:now |already )?been (?:requested|arranged|booked|issued|sent|raised|processed|approved|ordered|updated|rebooked)\b|"
    r"\b(?:refund|credit|payment|money|cheque|check|balance|deposit)s?\b(?:[^.!?]|\.\d){0,60}?\b(?:will|should) be (?:mailed|posted|sent|paid|credited|"
    r"refunded|issued|returned) (?:back )?to (?:you|your)\b", re.I)


def add_before(sentence, content: str) -> Edit:
    """A sentence before this one; a sentence that opened in lower case ("the delay is ...")
    takes the capital, as the sentence it now follows ends."""
    if sentence.text[:1].islower():
        return Edit(sentence.start, 1, capital(content) + " " + sentence.text[0].upper())
    return Edit(sentence.start, 0, capital(content) + " ")


# Where a long sentence turns: a semicolon, or a comma before "and", "but" or "so",
# with a new clause after it ("; the part", ", and we"), not a list or a phrase.
_SUBJECT = r"(?:I|we|you|they|he|she|it|this|these|those|there|the|our|your|my|their|his|her)\s"
_TURN = re_cached.compile(rf";\s+(?={_SUBJECT})|,\s+(?:and\s+(?={_SUBJECT})|(?=but\s|so\s(?!that\b)))", re.I)  # "so that" is no turn
# a sentence that opens with a subordinate clause has no main clause before its comma
_SUBORDINATE = re_cached.compile(r"^\W*(?:as|because|since|if|when|whenever|while|although|though|after|before|unless|until|once|whether|advised|directed|following|due)\b", re.I)


# Where a clause that carries an excuse starts: "..., because we've been swamped"
_CLAUSE_START = re_cached.compile(r",?\s+(?:because|as|since|due to|owing to|but)\b|,\s+", re.I)
_LEADING_CONJUNCTION = re_cached.compile(r",?\s+(?:because|as|since|due to|owing to|but|and|so)\s*$", re.I)
_LEADING_PHRASE = re_cached.compile(r"\W*(?:due to|owing to|because of|as a result of|thanks to|given|with|to|in order to)\s", re.I)
# ... and the main clause after it, from its comma or its subject
_MAIN_CLAUSE = re_cached.compile(rf",\s|\s+{_SUBJECT}", re.I)
# The customer's thing and what becomes of it ("your order will be delayed", "your contract will
# continue"), what they must do ("you'll need to bring ID"), or what we will do to it ("we will pass
# your account to our solicitors"): news a rewrite must not delete with the excuse around it.
# Not the courtesies a rule may cut ("your call is important to us", "your satisfaction is our priority").
_NEWS = re_cached.compile(
    r"\byour (?!(?:call|satisfaction|business|custom|feedback|patience|understanding|experience|loyalty|"
    r"comfort|email|message|query|enquiry|comments?|opinion|views?|time|trust)\b)(?:[\w'’-]+ ){1,3}?"
    r"(?:will|won['’]t|is|isn['’]t|are|aren['’]t|has|hasn['’]t|have|haven['’]t|was|wasn['’]t|were|weren['’]t|"
    r"can['’]t|cannot|may|might|must|shall|should|needs?)\b|"
    r"\byou(?:['’]ll| will)? (?:\w+ )?(?:need|have) to\b|\byou must\b|\bmust (?:be )?(?:update|contact|complete|send|bring|return|sign|book|call|register)\b|"
    r"\bplease (?:use|complete|fill|send|contact|call|update|bring|return|sign|book)\b|"
    # what became of their thing, said actively: "The courier lost it", "the driver damaged your gate"
    r"\b(?:lost|damaged|broke|crushed|misdelivered|cancell?ed) (?:it|them|your (?:[\w'’-]+ ){0,2}?(?:parcel|order|item|booking|delivery|gate|car|bag|luggage|case|suitcase|package|box))\b|"
    # money said to be on its way back: "will be credited to the originating card"
    r"\bwill be (?:credited|refunded|paid|returned|sent) (?:back )?to (?:you|your|the (?:originating|original) (?:card|account))\b|"
    # what the customer can do to get something: "unless you are able to pay at least half", "if you can send the receipt"
    r"\b(?:unless|if|as long as|provided(?: that)?) you (?:are able to |can |could )?(?:pay|send|provide|bring|return|show|upload)\b|"
    # what we had to do, and what comes next: "no option but to cancel", "in touch to rebook once ..."
    r"\b(?:had|have|has) to (?:cancel|close|postpone|move|suspend)\b|\bno (?:option|choice|alternative) but to\b|"
    r"\b(?:be in touch|contact you|call you|write to you) to (?:rebook|reschedule|rearrange|arrange)\b|"
    r"\b(?:it|they|this|that)(?: has| have| had| will| is| are| was| were)(?: now| not| also)?(?: been| be)? "
    r"(?:delayed|cancell?ed|postponed|held up|put back|moved|rescheduled|refunded|dispatched|shipped|sent|delivered|approved|"
    r"declined|rejected|closed|suspended|lost|damaged)\b|"
    # the state of the service itself: "service was restored at 3pm", "calls will take longer today"
    r"\b(?:has been|have been|was|were|is now|are now|is|are) (?:now )?(?:fully |partly |partially )?(?:restored|resolved|back (?:online|up|to normal)|reconnected)\b|"
    r"\bwill (?:take longer|be (?:slower|longer|delayed|unavailable|down|closed|off))\b|"
    # a decision on the customer's case: who is liable, what is charged, what was found
    r"\b(?:is|are|was|were) not (?:liable|responsible) for\b|\b(?:will be|is|are) (?:chargeable|charged for)\b|"
    r"\bno fault (?:was |has been )?found\b|\b(?:not )?upheld\b|\b(?:does|do|did) not (?:consider|accept|agree) that\b|"
    r"\b(?:will|shall|may|must) (?:\w+ ){0,2}(?:pass|refer|send|close|cancel|charge|suspend|terminate|transfer|take|stop|"
    r"continue|renew|end|move|hold|keep|release|refund) (?:your|the) (?:\w+ ){0,2}(?:account|case|debt|contract|policy|booking|"
    r"order|ticket|plan|membership|subscription|service|payment|refund|deposit)\b",
    re.I,
)


def tells_news(sentence) -> bool:
    """Does the sentence (or a clause's text) tell the customer what becomes of their
    order, booking or money, or what they must do?"""
    return bool(_NEWS.search(sentence if isinstance(sentence, str) else sentence.text))


def delete_clause(sentence, start: int, end: int) -> Edit | None:
    """Cut the clause that holds ``[start, end)``, from the comma or "because" before it
    to the next comma or the sentence's end: "Sorry, we pick up within 15 seconds,
    because we've been swamped." -> "Sorry, we pick up within 15 seconds." None when
    the clause is the whole sentence."""
    text, base = sentence.text, sentence.start
    i, j = start - base, end - base
    cuts = [m for m in _CLAUSE_START.finditer(text, 0, i)]
    if not cuts:
        # a phrase that opens the sentence, before its main clause: "Due to high demand your
        # order will be delayed." -> "Your order will be delayed."
        lead = _LEADING_PHRASE.match(text)
        if lead and i <= lead.end() and _MAIN_CLAUSE.match(text, j) and len(text[j:].split()) >= 3:
            return replace_span(sentence, base, end, "")
        return None
    cut = cuts[-1].start()
    while True:  # "because since travel restarted": the clause starts at the first of them
        lead = _LEADING_CONJUNCTION.search(text, 0, cut)
        if lead is None:
            break
        cut = lead.start()
    stop = text.find(",", j)
    if stop == -1:
        stop = len(text.rstrip().rstrip(".!?"))
    if cut == 0 or stop <= cut:
        return None
    # the main clause after an opening subordinate one: "As we explain in our guide, summer is
    # busy, so your gallery ..." cut would leave "As we explain in our guide, so your gallery"
    if _SUBORDINATE.match(text) and "," not in text[:cut] and text[cut] == ",":
        return None
    return Edit(base + cut, stop - cut, "")


def split_sentence(sentence, min_words: int = 6) -> Edit | None:
    """Two sentences where a long one turns, the turn nearest its middle with at least
    ``min_words`` words on each side: "...; the part..." -> "... The part...". A
    dropped "and" goes with it; "but" and "so" stay and take the capital. Only where a
    new clause follows ("; the part", ", and we"), and not in a sentence that opens
    with a subordinate clause ("As directed by ..., ...")."""
    text = sentence.text
    if _SUBORDINATE.match(text):
        return None
    best = None
    for m in _TURN.finditer(text):
        left, right = len(text[:m.start()].split()), len(text[m.end():].split())
        if left < min_words or right < min_words or not text[m.end():m.end() + 1].isalpha():
            continue
        score = abs(left - right)
        if best is None or score < best[0]:
            best = (score, m)
    if best is None:
        return None
    m = best[1]
    return Edit(sentence.start + m.start(), m.end() - m.start() + 1, ". " + text[m.end()].upper())


def fix(*edits: Edit, safe: bool = False) -> Fix:
    return Fix(tuple(edits), "safe" if safe else "unsafe")


def suggestion(message: str, *edits: Edit, safe: bool = False) -> Suggestion:
    return Suggestion(message, fix(*edits, safe=safe))


# -- choosing and applying -----------------------------------------------------------
def clash(a: Edit, b: Edit) -> bool:
    """Do two edits touch the same text? An insertion clashes with an edit whose span
    it falls inside (at either end it goes before or after the new text); two
    insertions at one place do not, unless they are the same (they are made in the
    order chosen: "I'm sorry for the wait. The new date is ...")."""
    a_end, b_end = a.offset + a.length, b.offset + b.length
    if a.length and b.length:
        return a.offset < b_end and b.offset < a_end
    if not a.length and not b.length:
        return a.content == b.content and a.offset == b.offset
    point, span = (a, b) if not a.length else (b, a)
    return span.offset < point.offset < span.offset + span.length


def chosen(findings: Iterable[Finding], *, unsafe: bool = False, text: str = "",
           rejected: frozenset = frozenset(), own: str = "") -> list[tuple[Finding, Fix]]:
    """The fixes to apply: per finding, its first fix that ``unsafe`` allows, the
    more serious findings first, and those that rework the writer's words before those
    that add a sentence; a fix that clashes with one already chosen is left out (the
    same fix offered twice is applied once), and so is an added sentence that ``text``
    (the draft) already has or another fix already adds, or that asks again for a blank
    the draft or another fix already asks for (``_kind``): fixing twice adds nothing the
    second time. Then one sorry (``_one_apology``; ``own``, the writer's own words, not the
    customer's quoted message: none added where the writer already says sorry)."""
    # empathy first: its opening line comes before any other inserted at the same place; then
    # the fixes that rework the writer's own words, before those that add a sentence of ours
    order = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.category != "missing_empathy", _adds(f),
                                            f.offset, f.rule))
    taken: list[tuple[Finding, Fix]] = []
    edits: list[Edit] = []
    # the blanks already left for the writer, each read in its own sentence
    asked = {_kind(m.group(), _around(text, Edit(m.start(), len(m.group()), ""))) for m in PLACEHOLDER.finditer(text)}
    for f in order:
        for s in f.suggestions:
            fx = s.fix
            if fx is None or not fx.edits or (fx.applicability != "safe" and not unsafe) or fx in rejected:
                continue  # (a fix the rewriter's gates turned down: the finding's next one is tried)
            if any(fx == other for _, other in taken):
                break
            if any(clash(e, o) for e in fx.edits for o in edits):
                break  # its best fix clashes: not a lesser one of the same finding
            holes = {_kind(h, _around(text, e)) for e in fx.edits for h in PLACEHOLDER.findall(e.content)}
            if any(not e.length and _CONFIRMS_DATE.search(e.content) for e in fx.edits):
                holes.add("date")  # "I'll confirm the date by ..." where a date is already asked for
            added = {o.content.strip() for o in edits if not o.length}
            if all(not e.length for e in fx.edits) and (holes & asked or all(e.content.strip() in text for e in fx.edits if text)
                                                       or all(e.content.strip() in added for e in fx.edits)):
                break  # a sentence already there or already added, or one asking again for a blank ("[[date]]"): added once
            if holes & asked:
                continue  # words replaced by a blank already asked for: the finding's next fix (the words cut)
            taken.append((f, fx))
            edits.extend(fx.edits)
            asked |= holes
            break
    taken = _one_apology(taken, text, own)
    if _CLOSED.search(text):  # an update promised in a letter that closes the matter contradicts it
        taken = [(f, fx) for f, fx in taken if not any(not e.length and _UPDATE.search(e.content) for e in fx.edits)]
    # an update promised once: not beside the writer's own promise ("We'll be in touch once the part
    # arrives. I'll update you by ..."), whose date goes into it where it can ("Someone will be in touch by
    # [[date of the update]] to rebook"); and "For you, this means" not after a sentence already to the customer
    kept = []
    for f, fx in taken:
        if any(not e.length and _FOR_YOU.match(e.content) and _said_to_them(text, e.offset) for e in fx.edits):
            continue  # (a sentence to the customer already says what it means for them)
        if any(not e.length and _UPDATE.search(e.content) and _beside(text, e.offset, _PROMISED) for e in fx.edits):
            others = [o for _, other in taken if other is not fx for o in other.edits]
            dated = _dated_promise(text, fx, others)
            if dated is None or dated in rejected:
                continue
            fx = dated
        kept.append((f, fx))
    return kept


def _adds(f: Finding) -> bool:
    """Is the finding's first fix a sentence added, not the writer's words reworked?"""
    fx = next((s.fix for s in f.suggestions if s.fix is not None and s.fix.edits), None)
    return fx is not None and all(not e.length for e in fx.edits)


def _kind(hole: str, sentence: str = "") -> str:
    """What a blank asks the writer for: "[[what you can offer]]" and "[[what you are doing,
    and by when]]" ask the same (what is done for the customer); "[[new date]]" and a
    "[[date]]" the thing itself comes by ("it should be with you by [[date]]") ask the
    same, but not the "[[date]]" of the next call ("we'll be in touch by [[date]]") nor
    of a refund ("I'll refund it by [[date]]"); the rest are their own."""
    said = hole.lower()
    if said.startswith(("[[what you", "[[what happens", "[[how you")):
        return "action"
    if said == "[[new date]]" or (said == "[[date]]" and _ARRIVES.search(sentence) and not _CONTACT.search(sentence)):
        return "date"
    return said


def _around(text: str, e: Edit) -> str:
    """The writer's sentence an edit falls in, with the edit's own words."""
    if not text:
        return e.content
    before = _LAST_SENTENCE.search(text[max(0, e.offset - 160):e.offset])
    after = _FIRST_SENTENCE.match(text, e.offset + e.length)
    return (before.group() if before else "") + e.content + (after.group() if after else "")


_ARRIVES = re_cached.compile(r"\b(?:with you|arrives?|arriving|deliver(?:ed|y)?|ready|ships?|shipped|dispatched|"
                             r"back (?:online|up|in stock)|restored|(?:be )?(?:done|finished|complete|completed|fixed|repaired))\b",
                             re.IGNORECASE)
_CONTACT = re_cached.compile(r"\b(?:in touch|let you know|update you|contact you|call you|ring you|email you|write to you|"
                             r"get back to you|hear (?:back|from)|reply|respond|come back to you)\b", re.IGNORECASE)


_APOLOGY = re_cached.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)
_REGRET = re_cached.compile(r"\bregret(?:s|ted|table)?\b", re.IGNORECASE)  # the writer's "We regret that ...", "It is regrettable"
_CLOSED = re_cached.compile(
    r"\b(?:case|ticket|complaint|claim|request|matter|issue|account)s? (?:has|have|is|are) (?:now )?(?:been )?(?:closed|resolved|marked as resolved)\b|"
    r"\bfinal (?:response|decision|position)\b|\bno further (?:correspondence|action|contact)\b|\bclosing this\b|"
    # ... or one that says no update can come: "no updates can be given during this period"
    r"\bno (?:further )?updates? (?:can|will|could) be (?:given|provided|sent|offered)\b", re.IGNORECASE)
_UPDATE = re_cached.compile(r"\b(?:update you|let you know|be in touch|confirm the date)\b", re.IGNORECASE)


def _one_apology(taken: list[tuple[Finding, Fix]], text: str = "", own: str = "") -> list[tuple[Finding, Fix]]:
    """The customer hears one sorry: of those added as sentences of their own, the first
    (the empathy opening), and none where a fix already turns the writer's own apology
    into one ("I'm sorry we let you down. I'm sorry for the trouble ..."), nor beside a
    sentence of the writer's that already apologises, however hollowly ("I'm sorry this
    has been so frustrating. Sorry for any hassle re the parts."), nor anywhere the writer's
    own words (``own``) already say sorry or regret: a second sorry is no better than the first
    ("We're sorry you feel let down" is reworded by its own rule, or left to the writer)."""
    # (a sentence added at the start of another takes its first letter with it: "s" -> "I'm sorry ... S")
    added = [fx for _, fx in taken if all(e.length <= 1 for e in fx.edits) and any(_APOLOGY.search(e.content) for e in fx.edits)]
    reworded = any(e.length > 1 and _APOLOGY.search(e.content) for _, fx in taken for e in fx.edits)
    dropped = added if reworded or (own and (_APOLOGY.search(own) or _REGRET.search(own))) else added[1:]
    dropped += [fx for fx in added if any(_beside_apology(text, e.offset) for e in fx.edits)]
    return [(f, fx) for f, fx in taken if fx not in dropped]


def _beside_apology(text: str, at: int) -> bool:
    """Does the writer's sentence just before or just after ``at`` apologise?"""
    return _beside(text, at, _APOLOGY) or _beside(text, at, _REGRET)


def _beside(text: str, at: int, pattern) -> bool:
    """Does the writer's sentence just before or just after ``at`` say ``pattern``?"""
    return bool(text) and any(pattern.search(words) for _, words in _either_side(text, at))


def _either_side(text: str, at: int) -> tuple[tuple[int, str], tuple[int, str]]:
    """The writer's sentence just before ``at`` and the one just after it: (start, words) each."""
    start = max(0, at - 160)
    before = _LAST_SENTENCE.search(text[start:at].rstrip())
    after = _FIRST_SENTENCE.match(text, at)
    return (start + before.start(), before.group()), (after.start(), after.group())


def _dated_promise(text: str, fx: Fix, others: list[Edit]) -> Fix | None:
    """The date of an update, put into the writer's own promise beside the sentence that
    would have promised it again: "Someone will be in touch to rebook" -> "Someone will be in
    touch by [[date of the update]] to rebook". None where the promise already has a time or
    a blank, or is tied to something else ("once she is back", "after the survey": a date
    would contradict it), or where another fix (``others``) changes that sentence."""
    for s, _ in _either_side(text, fx.edits[0].offset):
        sentence = _FIRST_SENTENCE.match(text, s)
        said = sentence.group() if sentence else ""
        m = _PROMISED.search(said)
        if not m or _TIED.search(said) or text[sentence.end():sentence.end() + 1] not in (".", "!"):
            continue  # (a promise with no full stop: a sentence added after it would land before the date)
        if any(sentence.start() <= o.offset <= sentence.end() for o in others):
            continue
        return Fix((Edit(sentence.start() + m.end(), 0, " by [[date of the update]]"),), fx.applicability)
    return None


# A promise that already has its time, or waits on something: no date of ours goes into it
_TIED = re_cached.compile(
    r"\[\[|\d|\b(?:once|when|whenever|after|until|as soon as|before|nearer|in due course|soon|shortly|today|tonight|"
    r"tomorrow|next|this (?:week|month|morning|afternoon|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE)


def _said_to_them(text: str, at: int) -> bool:
    """Does the writer's sentence just before ``at`` already speak to the customer ("you", "please"), or
    the one just after it say what happens for them or what they must do ("we'll need the following
    from your team by Friday", "your completion is now 3 October")?"""
    if not text:
        return False
    (_, before), (_, after) = _either_side(text, at)
    return bool(_TO_THEM.search(before) or _WHAT_IT_MEANS.search(after))


# The writer's own promise of news: "we'll let you know once it's ready", "Someone will be in touch
# to rebook", "Further updates will be provided", "you will be advised accordingly"
_PROMISED = re_cached.compile(
    r"\b(?:will|['’]ll|shall)(?: \w+){0,2} (?:be (?:back )?in touch|let you know|update you|keep you (?:updated|posted|informed)|"
    r"confirm|get back to you|come back to you|contact you|call you|ring you|email you|write to you|revert|follow up with you|"
    r"be in contact|get in touch|reach out|"
    r"give you a (?:shout|call|ring|bell))\b|"
    r"\b(?:updates?|details|confirmation|news) (?:will|shall) be (?:provided|sent|given|issued|shared|posted)\b|"
    r"\b(?:will|shall) be (?:advised|notified|informed|told|contacted)\b", re.IGNORECASE)
_FOR_YOU = re_cached.compile(r"\s*for you, this means\b", re.IGNORECASE)
# ... and the next sentence saying what happens for them or what they must do (not "If you have questions, call us")
_WHAT_IT_MEANS = re_cached.compile(
    r"\byou(?:['’]ll| will) (?:now |still )?(?:need to|have to|be able to|receive|get|pay|see)\b|"
    r"\byour (?:[\w'’]+ ){1,2}(?:will (?:now |still )?(?:be|move|start|finish|arrive|cost)|is now|are now|goes|moves)\b|"
    r"\b(?:we['’]ll|we will) need (?:the following|you to|from you)\b|^\s*please (?:send|return|complete|sign|provide|upload|book)\b", re.IGNORECASE)
_TO_THEM = re_cached.compile(r"\b(?:you|your|yours|yourself)\b|^\s*(?:please|kindly|do not|don['’]t)\b", re.IGNORECASE)


_LAST_SENTENCE = re_cached.compile(r"[^.!?\n]*[.!?]?$")
_FIRST_SENTENCE = re_cached.compile(r"\s*[^.!?\n]*")
_CONFIRMS_DATE = re_cached.compile(r"\bconfirm the (?:new )?date\b", re.IGNORECASE)


def apply(text: str, fixes: Iterable[Fix], escape=None) -> str:
    """``text`` with every edit of ``fixes`` made (they must not clash). ``escape``
    turns inserted text into the source's form (HTML entities)."""
    edits = [e for fx in fixes for e in fx.edits]
    # two sentences added after one with no full stop each bring one: the second's is
    # dropped ("... the fee. I'm sorry: ... hear. What I can do is ...", not "hear.. What")
    contents = [e.content for e in edits]
    last_at: dict[int, int] = {}
    for i, e in enumerate(edits):
        if e.length:
            continue
        j = last_at.get(e.offset)
        if j is not None and contents[i].startswith(". ") and contents[j].rstrip()[-1:] in ".!?":
            contents[i] = contents[i][1:]
        last_at[e.offset] = i
    # from the end backwards, so offsets stay valid; insertions at one place in order
    order = sorted(range(len(edits)), key=lambda i: (edits[i].offset, edits[i].length, i), reverse=True)
    for i in order:
        e = edits[i]
        content = escape(contents[i]) if escape else contents[i]
        text = text[:e.offset] + content + text[e.offset + e.length:]
    return text
