"""The writer's own text in a plain-text email: the greeting, the sign-off and the
signature, in each stretch that is not quoted."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from .. import re_cached, regex
from ..draft import Region
from .lines import _blank, _first_char, _has_text
from .quotes import _DASHES


# The reply's own first words after "Morning Pieter," on one line ("your bakkie's ready", "we've finished"):
# not a brand's description ("Afternoon Tea, the menu is attached", "Namaste Yoga and Pilates, our studio")
_FOLLOWS = (r"your|you|you['’]re|I|I['’]m|I['’]ve|I['’]ll|we|we['’]ve|we['’]re|we['’]ll|just|thanks|thank|hope|good|great|"
            r"quick|it['’]s|sorry|hi|how")

_GREETING = re_cached.compile(
    r"(?:hi|hello|hey|hiya|heya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"hallo|hola|bonjour|hej|ciao|estimad[oa]s?|beste|"
    # "Assalamu alaikum", "Salam alaikum", "Assalam o alaikum"; Irish, and te reo Māori to one or to all
    r"(?:as+[-‑]?)?sala(?:a?mu?|am)(?:\s+o)?\s+[ʿ'’]?alaikum|dia\s+dh?uit|a\s+chara|t[eē]n[aā]\s+(?:koe|korua|kōrua|koutou)|"
    # these greet a name or no one ("Kia ora Dave,", "G'day!"), not a studio or a squash ("Namaste yoga can't ...")
    r"(?:g['’]?day|kia\s+ora|howzit|namaste)(?=(?:\s+(?:(?-i:[A-Z][\w'’.-]*)|koutou|katoa|tātou|e\s+hoa|mate|bru|bro|ji|everyone|all|"
    rf"team|folks|guys|there|and|&)){{0,5}}\s*(?:!|$|,(?=\s*$|\s+(?:{_FOLLOWS})\b)))|"
    # a bare time of day greets a name, "all" or "team", alone on its line or before the reply's first
    # words ("Morning Pieter, your bakkie's ready"): not "Morning appointments are full", "Afternoon Tea, as asked"
    rf"(?:morning|afternoon|evening)(?=(?:\s+(?:(?-i:[A-Z][\w'’-]*)|all|team|everyone|folks)){{0,2}}\s*(?:!|$|,(?=\s*$|\s+(?:{_FOLLOWS})\b))))"
    r"\b(?P<name>[^\n,!:;?]{0,40}?)"
    # A full stop ends the greeting ("Hi. I am fine.") unless it follows a title.
    r"(?P<end>[,!:;]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bMx)(?<!\bDr)(?<!\bProf)(?<!\bSr)(?<!\bSra)(?<!\bSrta)\.(?=\s|$)|[ \t]*$|"
    r"[ \t]+[-–—](?=[ \t]))", re.I)  # "Hey Marcus - no worries at all"

_CASUAL_NAMES = {"there", "all", "everyone", "team", "folks", "guys", "again", "both"}

# A bare name on the first line, as a greeting: "Tom," / "Mrs Okafor," / "Dr. Lee,"
_NAME_GREETING = re_cached.compile(
    r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Madam)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},[ \t]*$")

# ... but not a first word that opens a sentence: "Unfortunately," "However,"
_NOT_A_NAME = {"unfortunately", "however", "thanks", "thank", "yes", "no", "ok", "okay", "so", "well", "also",
               "firstly", "first", "sadly", "sorry", "apologies", "please", "again", "hello", "hi", "dear", "and",
               "but", "now", "today", "finally", "meanwhile", "regards", "cheers", "best"}

_CLOSING = re_cached.compile(
    r"(?:(?:many|big|huge)\s+)?thanks|thank\s+you|thx|ta|cheers|(?:(?:kind|best|warm|warmest|"
    r"kindest|with)\s+)?regards|best|all\s+the\s+best|best\s+wishes|warm\s+wishes|warmly|"
    r"sincerely|(?:yours\s+)?(?:sincerely|faithfully|truly)|respectfully|take\s+care|"
    r"talk\s+soon|speak\s+soon|see\s+you(?:\s+soon)?|with\s+(?:(?:our|my|all\s+(?:our|my))\s+)?"
    r"(?:(?:warmest|warm|deepest|heartfelt|sincere|kindest|kind|best|very\s+best)\s+)?(?:thanks|sympathy|love|"
    r"appreciation|best\s+wishes|wishes|gratitude|condolences)|with\s+(?:(?:my|our)\s+)?(?:(?:sincere|sincerest|renewed|deepest|deep|humble|heartfelt)\s+)?apologies(?:\s+again)?"
    r"(?:\s+(?:for|and)\s+[\w ]{1,30})?(?=,)|"
    r"ng[aā]\s+mihi(?:\s+nui)?|cordialement|"
    r"mit\s+freundlichen\s+grüßen|(?:viele|liebe|beste|herzliche)\s+grüße|(?:met\s+vriendelijke\s+)?groet(?:en)?|saludos|"
    r"(?:med\s+vänlig\s+)?hälsningar?|venlig\s+hilsen|atentamente|cordialmente|bien\s+à\s+vous|"
    # Irish and Welsh: "Is mise le meas", "Le gach dea-ghuí", "Cofion cynnes", "Yn gywir"
    r"(?:is\s+mise\s+)?le\s+meas|le\s+gach\s+dea[-‑]ghuí|cofion(?:\s+(?:cynnes|gorau))?|yn\s+gywir|diolch(?:\s+yn\s+fawr)?|"
    r"hwyl(?:\s+fawr)?|n[aā]ku\s+noa(?:,?\s+n[aā])?", re.I)


def salutation(text: str) -> int:
    """How much of ``text`` (a greeting or a sign-off) is its closing or greeting phrase,
    without the name greeted ("Ngā mihi nui", "Met vriendelijke groet", "Kia ora"): 0
    when none."""
    m = _CLOSING.match(text)
    if m:
        return m.end()
    m = _GREETING.match(text)
    return m.start("name") if m else 0


# Whole-line closing: the phrase, up to five more words, optional punctuation, and
# at most a short name on the same line ("Regards, Roman").
_CLOSING_LINE = re_cached.compile(rf"[ \t]*(?:{_CLOSING.pattern})\b[^\n.?!;:]{{0,40}}?[,!.]?[ \t]*$", re.I)

# A one-paragraph email signed at the end of its last line: "... happen. Thanks, Service Desk".
_NAME_WORDS = r"(?-i:[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}(?:[ \t]+(?:team|support|desk|crew|office))?)"

_CLOSING_INLINE = (
    rf"(?<=[.!?])[ \t]+((?:{_CLOSING.pattern})[,!]?[ \t]+{_NAME_WORDS}(?:,[ \t]+{_NAME_WORDS})?)[ \t]*$")
# ... or by a bare name, with a kiss or not: "... at 6pm. Ciara x", "... instead. Johan"
# ("Ben, Inkwell support", "Nomsa, PetPantry", "Clearview Opticians"), or after a goodbye: "Whatever you prefer,
# Kirsty", "Enjoy it, Ciara x".
_FIRST_NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*"
_GOODBYE = (r"(?:whatever you (?:prefer|decide|choose)|any (?:problems|questions|issues)|let me know|see you(?: \w+){0,2}|"
            r"have a (?:\w+ ){0,2}(?:day|weekend|week|evening|night|time|trip|one|christmas|holiday)|enjoy(?: \w+){0,2}|"
            r"bye(?: for now)?|speak soon|talk soon|take care|thanks(?: again| so much| heaps)?|cheers|all the best|"
            r"good luck|safe travels|love|lots of love|warmly|best)")
_NAME_INLINE = (
    rf"(?<=[.!?])[ \t]+((?P<bye>{_GOODBYE},?[ \t]+)?(?P<who>(?-i:{_FIRST_NAME}(?:[ \t]+{_FIRST_NAME})?))(?:,[ \t]+{_NAME_WORDS})?"
    rf"(?:[ \t]+[xX]{{1,3}})?\.?)[ \t]*$")
# ... or by a closing alone: "... see you tomorrow. Kind Regards"
_CLOSING_ALONE_INLINE = rf"(?<=[.!?])[ \t]+((?:{_CLOSING.pattern})[.!]?)[ \t]*$"
# Words that end a reply without naming anyone: "Congratulations", "Cheers"
_NOT_A_SIGNER = {"congratulations", "congrats", "welcome", "enjoy", "bye", "cheers", "merry", "happy", "good", "goodbye",
                 "closed", "open", "soon", "tomorrow", "tonight", "asap", "done", "sorted", "fixed", "noted", "cool", "great",
                 "go", "god", "stay", "bon", "season's", "seasons", "have", "see", "all", "many", "kind", "warm", "safe",
                 "well", "get", "royal", "first", "second", "next", "free", "same", "new", "old", "tough", "understood",
                 "agreed", "not", "never", "absolutely", "date", "tickets", "no", "yes", "okay", "ok"}

_SIG_DELIM = re_cached.compile(r"--[ \t]*$")

_MOBILE = re_cached.compile(
    r"[ \t]*(?:(?:Sent|Envoyé|Gesendet|Enviado|Inviato|Verzonden|Skickat|Sendt|Wysłane)[ \t]+"
    r"(?:from|with|via|using|von|mit|depuis|de|da|desde|vanaf|från|fra|z)|Get[ \t]+Outlook[ \t]+for)"
    r"[ \t]+[^,\n]{1,60}$", re.I)

# A name signed after a dash, and the shop or team after it: "Mo, Riverside Ice", "Lewis @ Fade Street".
_SIGNED_NAME = r"[A-Z][\w.'’-]*(?:,?[ \t]+(?:[A-Z&][\w.'’&-]*|at|of|and|the|@)){0,7}"
_DASH_NAME = re_cached.compile(rf"[ \t]*[-–—][ \t]?{_SIGNED_NAME}[ \t]*$")

# (The look-behind starts an address only where a run of its characters starts: without
# it, a long word with no "@" is scanned again from every one of its letters.)
_CONTACT = re_cached.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|(?:https?://|www\.)\S+|(?:\+|\()?\d[\d \t().-]{6,}\d"
    r"|^[ \t]*(?:sent[ \t]+)?(?:via|from)[ \t]+(?:my[ \t]+)?"
    r"(?:mobile|phone|iphone|ipad|android|blackberry)\b", re.I | re.M)

_ABBREVIATION = re_cached.compile(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|Bros|plc|LLC|GmbH|Me)\.$")
# A name signed with an initial, alone on its line: "Carla S.", "Mary Jane O."
_INITIALLED_NAME = re_cached.compile(
    r"[ \t]*(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]+)?(?:[A-Z][\w'-]+[ \t]+){0,3}(?:[A-Z]\.[ \t]*)+$"  # "Carla S.", "J. P."
    r"|[ \t]*(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]+)?[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,3},?[ \t]+(?:[A-Z]\.){2,}[ \t]*$")  # "Ann Lee, M.D."

_NOT_NAME = re_cached.compile(r"[:<>@=_/\\\[\]{}#*]|\d{3}")

_CONNECTORS = {"at", "of", "and", "the", "for", "de", "van", "von", "der", "da", "&", "|", "-", "–",
               "everyone", "all", "team"}  # "Dr Rachel Moore and everyone at Oakfield Vets"

# An address line in a company's signature block: "PO Box 4410, Bristol BS1 9XX" (a PO box,
# a UK postcode, a US town with its state and ZIP, a numbered street).
_ADDRESS_LINE = re_cached.compile(
    r"\b(?:P\.?O\.? Box)[ \t]+\d+|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b|\b[A-Z][a-z]+,?[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b|^[ \t]*\d{1,4}[A-Za-z]?,?[ \t]+(?:[A-Z][\w'-]*[ \t]+)+"
    r"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Way|Close|Drive|Place|Square|Court|Park|Row|Terrace|Gardens|Crescent|Hill)\b")
# A reference line under the name: "Policy number: MC-6620419", "Ref: WC/24/118230".
_FIELD_LINE = re_cached.compile(
    r"[ \t]*(?:(?:Our|Your)[ \t]+)?(?:[A-Z][\w-]*[ \t]+){0,2}(?:number|no\.?|ref(?:erence)?|ID|code|"
    r"Policy|Account|Claim|Case|Order|Booking|Ticket|Invoice|Contract|Registration|VAT|Licen[cs]e)[ \t]*:[ \t]+\S.{0,60}$",
    re.I)

# A reference under the name, without a colon: "Ticket #482019", "Customer Relations, case 55810".
_REF_LINE = re_cached.compile(
    r"[ \t]*(?:[A-Z][\w&-]*[ \t]+){0,3}?(?:[A-Z][\w&-]*,[ \t]*)?(?i:(?:our|your)[ \t]+)?"
    r"(?i:ref(?:erence)?|case|ticket|order|booking|claim|policy|account|invoice|job)(?i:[ \t]+(?:no\.?|number|ref))?"
    r"[ \t]*#?[ \t]*[A-Z]{0,4}[-/]?\d[\w/-]{2,20}[ \t]*$")

_BULLETS = ("- ", "* ", "• ", "– ", "— ")
_TITLE = re_cached.compile(r"[ \t]*(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof)\.?[ \t]")
# Words of an address line, not a name: "Unit Four", "Mill Lane".
_PLACE_WORDS = re_cached.compile(r"\b(?:Unit|Units|Lane|Road|Street|Avenue|Way|Close|Drive|Park|Estate|House|Floor|Building|Yard|"
                          r"Works|Mill|Court|Square|Place|Terrace|Gardens|Crescent|Hill|Row|Reception|Desk|Office|Returns|"
                          r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# A chat reply's signature: a dash, a space and a name, with the shop after a comma.
_CHAT_SIGNATURE = re_cached.compile(rf"[ \t]*[-–—][ \t]{_SIGNED_NAME}[ \t]*$")
# ... and at the end of the reply's last line: "Enjoy the film! – Becca, Regal Picturehouse"
_CHAT_SIGNATURE_INLINE = (
    r"(?<=[.!?)])[ \t]+([-–—][ \t](?!(?:Except|Including|Excluding|Open|Closed|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|"
    rf"May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\b){_SIGNED_NAME})[ \t]*$")


def _stretch_lines(text, lines, a, b) -> list[tuple[int, int]]:
    """The lines of ``lines`` that fall in [a, b), clipped to it."""
    out = []
    for s, e in lines:
        if e < a or s >= b:
            continue
        out.append((max(s, a), min(e, b)))
    return out


def _signature_start(text, ls) -> int | None:
    """Offset where the signature starts in a stretch of the writer's text."""

    def lines_after(k: int) -> int:
        # the lines with text after a candidate, counted up to 13 (no test needs more): a
        # list of 10,000 dash lines costs 13 steps a line, not the rest of the list
        n = 0
        for j in range(k + 1, len(ls)):
            n += _has_text(text, *ls[j])
            if n > 12:
                break
        return n

    for k, (s, e) in enumerate(ls):
        line = text[s:e]
        if _SIG_DELIM.match(line):
            return s
        if not (_MOBILE.match(line) or _DASH_NAME.match(line) or _DASHES.match(line)):  # a chat signature is a dash name
            continue
        rest = lines_after(k)
        if _MOBILE.match(line) and rest <= 2:
            return s
        if (_DASH_NAME.match(line) and rest <= 3 and k > 0 and _blank(text, ls[k - 1])
                and not _next_text(text, ls, k).startswith(_BULLETS)):  # "– Oak Finish" over "– Walnut Finish": a list
            return s
        # a chat reply signed on its last line, under a sentence: "- Mo, Riverside Ice" (not a list's last item)
        above = text[ls[k - 1][0]:ls[k - 1][1]].strip() if k > 0 else ""
        if not rest and k > 0 and _CHAT_SIGNATURE.match(line) and above[-1:] in ".!?)" and not above.startswith(_BULLETS):
            return s
        if _DASHES.match(line) and k > 0 and 0 < rest <= 12:  # at most 12 lines to read
            after = [t for t in (text[a:b].strip() for a, b in islice(ls, k + 1, None)) if t][:12]
            if _MOBILE.match(after[0]) or all(len(t) <= 80 and not _sentence(t) for t in after):
                return s
    return None


def _next_text(text, ls, k) -> str:
    """The next line with text after line k, stripped ("" if none)."""
    for j in range(k + 1, len(ls)):
        if _has_text(text, *ls[j]):
            return text[ls[j][0]:ls[j][1]].strip() + " "  # a bullet's space kept, so startswith(_BULLETS) sees it
    return ""


def _sentence(line: str) -> bool:
    return line[-1:] in ".?!" and len(line.split()) >= 6


# A clause with the reader or writer and a verb: "as you were told at the shop", "your refund will be processed"
# (a contact line has no one in it: "Lines are open 8am to 6pm on 0113 496 0000.")
_VOICE = regex.compile(r"\b(?:I|we|you|your)\b[^.!?]*\b(?:am|are|is|was|were|will|would|can|could|cannot|has|have|had|been|be|"
                       r"must|should|do|does|did)\b|\b(?:I['’]m|I['’]ve|I['’]ll|we['’]re|we['’]ve|we['’]ll|you['’]re|you['’]ve|you['’]ll)\b|"
                       r"\b(?:am|are|is|was|were|will|would|can|could|have|has|had|be|been)\b[^.!?]*\b(?:you|your)\b",
                       ignore_case=True)


def _voiced(line: str) -> bool:
    """A sentence in the writer's voice, not a contact or address line ending in a full stop."""
    return _sentence(line.strip()) and bool(_VOICE.search(line))


# How a long closing over a name begins: "Hope to see you at Riverbend next summer,"
_LONG_CLOSING = re_cached.compile(r"[ \t]*(?:hope|hoping|see you|have a|thanks|thank you|many thanks|wish|wishing|enjoy|safe|looking forward|"
                           r"can['’]t wait|cannot wait|look forward|until then|let me know|let us know|any questions|give me a|"
                           r"give us a|just|feel free|do let|please|shout|drop me|congratulations|congrats|"
                           r"take care|all the best|speak|talk|best|warm|kind|love|cheers|until|good luck|happy|merry)\b", re.I)
# A name line that goes on from the one above: "and everyone at Riverside".
_AND_LEAD = re_cached.compile(r"^(?:and|&)[ \t]+(?:(?:everyone|all|the[ \t]+team)[ \t]+)?(?:at|of|from)?[ \t]*(?=[A-Z])")

# What may follow a signature: an enclosure or copy line, a trade body or
# certification, and a legal notice ("This email and any attachments are confidential").
_FOOTER_LINE = re_cached.compile(
    r"[ \t]*(?:(?:enc|encs|encl|enclosures?|attachments?|cc|bcc)\b\.?:?[ \t]+\S"
    r"|.{0,40}\b(?:member of|accredited by|certified|ISO[ \t]?\d{4,5}|est(?:\.|ablished)[ \t]+(?:in[ \t]+)?\d{4})\b)"
    r"(?!.*\b(?:I|we|you)\b)", re.I)


def _wrapped(pattern: str) -> str:
    """A phrase pattern whose spaces also match a line break: small print is often hard-wrapped."""
    return pattern.replace(" ", r"\s+")


# (The notice patterns are RE2's: large alternations it compiles in a fraction of re's
# time, on the start-up path of every check; their words are ASCII.)
_NOTICE = regex.compile(_wrapped(
    r"\b(?:intended (?:solely |only )?(?:for|recipient)|received (?:this|it)(?: \w+)? in error|"
    r"(?:confidential|privileged)(?: and (?:confidential|privileged))? (?:\w+ )?information|is confidential|are confidential|"
    r"registered (?:charity|in england|in scotland|in wales|in ireland|office|company)|company (?:no|number|reg)|"
    r"authori[sz]ed and regulated by|(?:for )?the sole use of|no (?:liability|responsibility) (?:is|can be|will be) accepted|"
    r"accepts? no (?:liability|responsibility)|(?:any|a) third part(?:y|ies)|terms of (?:engagement|business)|"
    r"(?:is|are) (?:a )?members? of|ATOL|ABTA|protected under|(?:regulated|registered) (?:by|with)|VAT (?:no|number|reg)|"
    # a US or marketing footer: the firm's licence, why this email came, how to stop it, who may not reply
    r"member FDIC|equal housing (?:lender|opportunity)|equal opportunity (?:institution|employer|lender)|NMLS|"
    r"licensed (?:\w+ ){0,2}(?:provider|lender|broker|insurer)|underwritten by|"
    r"unsubscribe|(?:manage|update|change) (?:your )?(?:email |mailing |notification |communication |marketing )?(?:preferences|settings)|"
    r"stop receiving|opt[- ]out of|(?:you(?:['’]re| are) receiving|you received) this (?:email|message)|"
    r"this (?:message|email) was sent (?:to you|to the (?:email )?address|from an?)|does not discriminate|(?:are|is) not affected by this (?:email|message|letter)|"
    r"official notice|all rights reserved|(?:unmonitored|automated|no-?reply) (?:address|mailbox|inbox|account)|"
    r"not monitored|do not reply to this|use your (?:personal )?(?:information|data|details) (?:to|for|in accordance))\b|©"),
    ignore_case=True)
# Marks that only back up another: a firm's legal name, an address, the privacy policy and terms,
# which the writer's own sentences name too ("read our terms and conditions", "Corbel Outdoor Ltd").
_WEAK_NOTICE = regex.compile(_wrapped(
    r"\b(?:(?-i:LLC|Inc|Ltd|PLC|plc)|privacy (?:policy|notice|statement)|terms (?:of (?:sale|service|use)|and conditions)|"
    r"available on request|(?:quotation|quote|offer) is valid for|"
    r"(?-i:[A-Z]{2} \d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}))\b"), ignore_case=True)
# One of these alone makes a long line small print: "... is authorised and regulated by the FCA."
_STRONG_NOTICE = regex.compile(_wrapped(
    r"\b(?:authori[sz]ed and regulated by|regulated by the|registered (?:in england|in scotland|in wales|office|charity)|"
    r"company (?:no|number|reg)|(?:ATOL|ABTA)(?: no\.?| number)? [A-Z]?\d+|intended recipient|received (?:this|it)(?: \w+)? in error|"
    r"member FDIC|equal housing (?:lender|opportunity)|"
    # a marketing footer's own formulas ("you can unsubscribe at any time"), not "just unsubscribe in the app"
    r"no longer wish to receive|(?:you can|click (?:here )?to|to) unsubscribe|unsubscribe (?:at any time|here)|"
    r"you(?:['’]re| are) receiving this (?:email|message) because|manage your (?:email |mailing |notification )?preferences)\b"),
    ignore_case=True)
# The writer speaking, which small print does not: "I'm afraid", "sorry", "one more thing"
_WRITER_VOICE = regex.compile(_wrapped(
    r"\b(?:I['’]m|I am|I['’]ve|I have|I['’]ll|I will|I['’]d|sorry|afraid|apologi[sz]e|unfortunately|one more thing|"
    r"by the way|your own fault)\b"), ignore_case=True)


def _footer_start(text, content) -> int:
    """Index of the first line of what follows a signature at the end of ``content``
    (enclosure and trade-body lines, paragraphs of legal notice); len(content) if none.
    A footer is short: at most _FOOTER_LINES lines, _FOOTER_PARAGRAPHS notices and
    _FOOTER_CHARS characters of a paragraph are read, each once (a long draft costs no
    more than a short one)."""
    k = len(content)
    lines = paragraphs = 0
    whole = True  # k is the end of its paragraph: the paragraph is read whole once
    while k > 0 and lines < _FOOTER_LINES and paragraphs < _FOOTER_PARAGRAPHS:
        p = k - 1
        while (p > 0 and content[k - 1][1] - content[p - 1][0] <= _FOOTER_CHARS
               and _adjacent(text, content[p - 1], content[p])):
            p -= 1
        last = text[content[k - 1][0]:content[k - 1][1]]
        if any(text[content[i][0]:content[i][1]].lstrip().lower().startswith(("p.s", "ps ", "ps.", "ps:")) for i in (p, k - 1)):
            break  # a postscript is the writer's
        if whole and _notice(text, content[p][0], content[k - 1][1]):
            k, paragraphs, whole = p, paragraphs + 1, True
        elif _notice(text, content[k - 1][0], content[k - 1][1]):  # a notice line under an enclosure line
            k, lines, whole = k - 1, lines + 1, False
        elif _FOOTER_LINE.match(last) and len(last.split()) <= 12:
            k, lines, whole = k - 1, lines + 1, k - 1 == p
        else:
            break
    return k


# How a mail system's notice opens: "CONFIDENTIALITY NOTICE:", "Disclaimer -", "This email and any attachments are ..."
_NOTICE_OPENING = re_cached.compile(
    r"[ \t]*\**(?:(?:confidential(?:ity)?|legal|privacy|email|e-mail) (?:notice|disclaimer|statement)|disclaimer|confidential(?:ity)?)\**[ \t]*[:\-–—]"
    r"|[ \t]*this (?:e-?mail|message|communication|transmission)(?: and any (?:attachments?|files?)(?: (?:to|with) it)?)? "
    r"(?:(?:is|are|may be|may contain|contains?) (?:strictly )?(?:confidential|privileged|intended|for the (?:sole )?use)|(?:was|has been) sent (?:from|by|on behalf))\b",
    re.I)
# ... and "IMPORTANT NOTICE:", which opens the writer's own news too: small print only beside two marks of confidentiality
_IMPORTANT_OPENING = re_cached.compile(r"[ \t]*\**important(?: notice)?\**[ \t]*[:\-–—]", re.I)
_CONFIDENTIALITY = re_cached.compile(r"\b(?:not the intended recipient|intended (?:only|solely) for|received (?:this|it)(?: \w+)? in error|confidential|privileged|"
                                     r"(?:must|may|should) not (?:read|use|copy|disclose|distribute|forward)|do not (?:copy|disclose|distribute|forward))", re.I)


def _below_quote_notice(text, content, end) -> int | None:
    """Where a mail system's notice starts at the end of a stretch below the quoted message
    (None: none there). Only small print that opens as such ("CONFIDENTIALITY NOTICE:",
    "This email and any attachments are ...") and has no word of the writer's in it: an
    answer given below the question ("We are regulated by the FCA. I will reply by Friday")
    stays the writer's."""
    footer = _footer_start(text, content)
    if footer >= len(content):
        return None
    start, first_end = content[footer]
    if not (_NOTICE_OPENING.match(text, start, first_end)
            or (_IMPORTANT_OPENING.match(text, start, first_end) and len(_CONFIDENTIALITY.findall(text, start, end)) >= 2)):
        return None
    return None if _WRITER_VOICE.search(text, start, end) else start


def _signed(text, content, found) -> bool:
    """Is the sign-off found above small print a signed one: a closing and a name, a name
    block or a signature (not a lone "Thanks for asking." over the writer's last words)?"""
    start, end, sig = found
    lines = [t for s, e in content if start <= s < end and (t := text[s:e].strip())]
    return sig is not None or len(lines) > 1 or (len(lines) == 1 and not _CLOSING_LINE.match(lines[0]))


def _notice(text, start, end) -> bool:
    """Legal or regulatory small print: a strong mark in a long line, or two of its marks
    (a weak one only beside another, or three weak ones: "Corbel Ltd | Privacy Policy |
    Terms of Service"), and not the writer speaking ("I'm afraid we cannot ...")."""
    if end - start > 60 and _STRONG_NOTICE.search(text, start, end):
        return True
    marks = len(_NOTICE.findall(text, start, end))
    if marks >= 2:  # "... is a member of the FMB. We do not accept liability for any third party content."
        return True
    weak = len(_WEAK_NOTICE.findall(text, start, end))
    return (marks + weak >= 2 if marks else weak >= 3) and not _WRITER_VOICE.search(text, start, end)


#: What follows a signature is short: a few enclosure, trade-body or certification
#: lines, a few paragraphs of notice, none of them a chapter.
_FOOTER_LINES = 8
_FOOTER_PARAGRAPHS = 6
_FOOTER_CHARS = 2000


def _name_like(line: str) -> bool:
    """A short line of mostly capitalised words: "Tom, KX Airways Customer Care"."""
    # "and everyone at Riverside", "Sam @ Ink & Iron", a name in two languages: "Amgueddfa Porth Tywyn / Porth Tywyn Museum"
    s = _AND_LEAD.sub("", line.strip().replace(" @ ", " at ").replace(" / ", " "))
    words = s.split()
    named = [w for w in words if w.lower().strip(",") not in _CONNECTORS]
    if (not words or len(s) > 72 or len(named) > 7 or s[-1] in "?!:;," or _NOT_NAME.search(s)
            or s.startswith(_BULLETS)):
        return False
    if s[-1] == "." and not (_ABBREVIATION.search(s) or _INITIALLED_NAME.match(s)):
        return False
    alpha = [w for w in words if w.lower().strip(",") not in _CONNECTORS and w[0].isalpha()]
    if not alpha or not s.lstrip("-").lstrip()[:1].isupper():
        return False
    return sum(w[0].isupper() for w in alpha) * 2 >= len(alpha) + (len(alpha) > 2)


_WORD_CHAR = re_cached.compile(r"\w")
_KISSES_STOP = re_cached.compile(r"[xX]{1,3}\.$")
_LETTERS = re_cached.compile(r"[^\W\d_]+")


def _writer_regions(text, ls, sig, is_first, is_last) -> list[Region]:
    """greeting / body / signoff / signature regions of one stretch."""
    out: list[Region] = []
    if not ls:
        return out
    a, b = ls[0][0], ls[-1][1]
    if sig is not None:
        out.append(Region("signature", sig, b))
        b = sig
    ls = [(s, min(e, b)) for s, e in ls if s < b]
    content = [(s, e) for s, e in ls if _has_text(text, s, e)]
    if not content:
        return out
    body_start = a
    if is_first and (k := _greeting_below_heading(text, content)):
        # a pasted "Subject: ..." line or a letter's heading above "Dear Mr Farah,": the
        # writer's (a placeholder there is unfilled too), but not prose, nor where the
        # greeting is looked for
        out.append(Region("heading", content[0][0], content[k - 1][1]))
        content = content[k:]
        body_start = content[0][0]
    if is_first:
        s, e = content[0]
        fc = _first_char(text, s, e)
        m = _GREETING.match(text, fc, e)
        if m and _greeting_name_ok(m):
            g_end = m.end() if m.group("end").strip() else m.start("end")
            if not _WORD_CHAR.search(text, g_end, e):
                g_end = e  # "Hey there! 😊"
            out.append(Region("greeting", fc, g_end))
            body_start = g_end
        elif _bare_name_greeting(text, fc, e) and len(content) > 1:
            g_end = text.index(",", fc) + 1
            out.append(Region("greeting", fc, g_end))
            body_start = g_end
    # A closing phrase may open the stretch only if something precedes it: a
    # greeting, or (in a bottom-posted reply) the quote.
    alone = is_first and body_start == a
    greeted = text[out[-1].start:out[-1].end] if out and out[-1].kind == "greeting" else ""
    signoff = _signoff(text, content, body_start, alone, greeted=greeted) if is_last else None
    body_end = b
    if signoff is not None:
        so_start, so_end, sig2 = signoff
        out.append(Region("signoff", so_start, so_end))
        if sig2 is not None:
            out.append(Region("signature", sig2, b))
        body_end = so_start
    elif is_last and not is_first and (footer := _below_quote_notice(text, content, b)) is not None:
        # small print below the customer's quoted message, with no sign-off above it: a ticket
        # system's notice, no sentence of the writer's (an unsigned reply's own words stay its body)
        out.append(Region("signature", footer, b))
        body_end = footer
    if _has_text(text, body_start, body_end):
        out.append(Region("body", body_start, body_end))
    return out


# A line above a letter's greeting: a field ("Subject: ...", "Our ref: WC/24/118"), or a
# heading or address line (a few words, no sentence's end).
_HEADING_FIELD = re_cached.compile(r"[ \t]*[A-Z][\w'’ /#&-]{0,24}:[ \t]+\S")
# How a line the writer says to the customer starts, unlike a heading.
_CLAUSE_START = re_cached.compile(r"(?:I|we|you|they|he|she|it|I['’]\w+|we['’]\w+|you['’]\w+|unfortunately|thanks|thank|sorry|please|"
                           r"just|yes|no|hope|sadly|great|good news|as|so|but|and|if)\b", re.I)
# A letter's date: "March 5, 2013", "3 September 2020", "12/06/2026", "June 2026", "2026-06-12".
_HEADING_DATE = re_cached.compile(r"[ \t]*(?:[A-Z][a-z]+,?[ \t]+)?(?:[A-Z][a-z]+[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}|"
                           r"\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]+,?(?:[ \t]+\d{4})?|[A-Z][a-z]+[ \t]+\d{4}|"
                           r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})[ \t]*$")


#: How many lines a heading above the greeting may take: a letterhead, the date, two
#: references and the recipient's name and address.
_HEADING_LINES = 14


def _bare_name_greeting(text: str, fc: int, e: int) -> bool:
    """A name alone with its comma, as a greeting: "Jordan," / "Mrs Okafor," (not "However,")."""
    return bool(_NAME_GREETING.match(text, fc, e)) and text[fc:e].split()[0].strip(",.").lower() not in _NOT_A_NAME


def _greeting_below_heading(text: str, content) -> int:
    """The index of a greeting line (Dear ..., Hi ..., or a name alone with its comma) under
    heading lines at the top of a draft, or 0: none there, or nothing but headings above it."""
    for k, (s, e) in enumerate(content[:_HEADING_LINES]):
        fc = _first_char(text, s, e)
        line = text[s:e]
        if k and k + 1 < len(content) and _bare_name_greeting(text, fc, e):
            return k  # "Subject: Re: Mezzanine" over "Jordan,"
        m = _GREETING.match(text, fc, e)
        if m and _greeting_name_ok(m):
            # "Hello Fresh Customer Care" over "Dear Mr Shah,": a letterhead, not the greeting
            if k == 0 and not m.group("end").strip() and _punctuated_greeting_next(text, content[1:_HEADING_LINES]):
                continue
            return k
        if m or not _heading_line(line):
            return 0
    return 0


def _punctuated_greeting_next(text: str, content) -> bool:
    """Is there a "Dear Mr Shah," below, with only heading lines before it?"""
    for s, e in content[:_HEADING_LINES]:
        m = _GREETING.match(text, _first_char(text, s, e), e)
        if m:  # a salutation alone on its line, with its comma
            return bool(m.group("end").strip()) and _greeting_name_ok(m) and not text[m.end():e].strip()
        if not _heading_line(text[s:e]):
            return False
    return False


def _heading_line(line: str) -> bool:
    """A field ("Subject: ...", "Our ref: ..."), a date, or a short title or address line
    ("Changes to your tariff", "12 High Street", "Order 55821"): not a clause the writer
    says to the customer ("Unfortunately we can't help", "I can do Tuesday"), nor a list."""
    if _HEADING_FIELD.match(line) or _HEADING_DATE.match(line):
        return True
    t = line.strip()
    if _ADDRESS_LINE.search(t) and not t.endswith((".", "?", "!")):  # "Unit 4, Mill Lane Trading Estate, Harrogate HG1 4QT"
        return True
    words = t.split()
    return (0 < len(words) <= 8 and t[-1] not in ".!?,;:" and not t.startswith(_BULLETS)
            and not _CLAUSE_START.match(t))


def _greeting_name_ok(m: re.Match) -> bool:
    if m.group("name")[:1] not in ("", " ", "\t"):  # "Hi-fi repairs", "Hello-Fresh": no salutation
        return False
    words = m.group("name").split()
    if m.group("end").strip():
        # alone on its line, a salutation may name a group: "Dear Parents and Carers of Year 4,"
        alone = not m.string[m.end():].split("\n", 1)[0].strip()
        return len(words) <= (8 if alone else 5)
    # No punctuation: "Hi folks", "Hello" or "Hi Sam" on a line of their own.
    return len(words) <= 3 and all(w[0].isupper() or w.lower() in _CASUAL_NAMES for w in words)


def _signoff(text, content, body_start, alone=False, footer_read=False, greeted=""):
    """(start, end, signature start or None) of the sign-off at the end of ``content``."""
    content = [(max(s, body_start), e) for s, e in content if e > body_start]
    if not content:
        return None
    footer = len(content) if footer_read else _footer_start(text, content)
    if 0 < footer < len(content):  # a signed letter under which a notice follows
        found = _signoff(text, content[:footer], body_start, alone, footer_read=True, greeted=greeted)
        if found is not None and _signed(text, content, found):
            start, end, sig = found
            return start, end, content[footer][0] if sig is None else sig

    def line(k: int) -> str:
        return text[content[k][0]:content[k][1]]

    n = len(content)
    # Walk up over name and contact lines to a closing line.
    k = n - 1
    while k >= 0 and n - k <= 8:
        t = line(k)
        if _CLOSING_LINE.match(t) and len(t.split()) <= 8:
            break
        nxt = k + 1 < n and _adjacent(text, content[k], content[k + 1]) and _name_like(line(k + 1))
        if nxt and (len(t.split()) <= 6 or (len(t.split()) <= 10 and _LONG_CLOSING.match(t))) and (
                t.rstrip().endswith(",") or (t.rstrip().endswith("!") and len(t.split()) <= 4)):
            break  # "Have a wonderful trip," / "Hope to see you at Riverbend next summer," / "Happy travels!" above a name
        # (a sentence in the writer's voice that gives a phone number or a postcode is still theirs)
        if not (_name_like(t) or ((_CONTACT.search(t) or _ADDRESS_LINE.search(t)) and not _voiced(t))
                or (k > 0 and (_FIELD_LINE.match(t) or _REF_LINE.match(t)))):
            k = -1
            break
        k -= 1
    if k >= 0 and n - k <= 8 and not (alone and k == 0):
        sig = _contact_start(text, content, k + 1)
        end = content[n - 1][1] if sig is None else _prev_end(content, sig)
        return content[k][0], end, sig
    # An inline closing at the end of a one-paragraph email.
    closing, chat, closing_alone, name = _inline()
    m = closing.search(text, content[-1][0], content[-1][1]) or chat.search(text, content[-1][0], content[-1][1])
    if m:
        return m.start(1), m.end(1), None
    m = closing_alone.search(text, content[-1][0], content[-1][1]) or name.search(text, content[-1][0], content[-1][1])
    if m and (m.re is closing_alone or _signs_inline(text, m, greeted, content[-1][0])):
        return m.start(1), m.end(1), None
    # No closing phrase: a last paragraph of name lines ("Maya\nHomeStyle Deliveries")
    # is the sign-off; with contact lines (e-mail, phone, web) it is a signature.
    p = n - 1
    while p > 0 and _adjacent(text, content[p - 1], content[p]):
        p -= 1
    # a last sentence, then the name under it: "Lovely to hear it's being played!\nDave\nKeynote Pianos"
    q = n - 1
    while q > p and n - q < 3 and _name_like(line(q - 1)):
        q -= 1
    name = line(q).split(",")[0]  # "Sam, Front Desk": the name, then the team
    words = len(name.split())
    if (q > p and not (alone and p == 0) and line(q - 1).rstrip()[-1:] in ".!?" and _name_like(line(q))
            and (words <= 2 or (words == 3 and (q < n - 1 or _TITLE.match(name))))
            and not _PLACE_WORDS.search(name) and not any(_ADDRESS_LINE.search(line(j)) for j in range(q, n))):
        p = q
    if p == 0 or n - p > 4 or not _name_like(line(p)):
        return None
    if not all(_name_like(line(j)) or _CONTACT.search(line(j)) for j in range(p, n)):
        return None
    sig = _contact_start(text, content, p)
    if sig is not None:
        return content[p][0], content[p][0], content[p][0]  # empty sign-off, all signature
    return (content[p][0], content[n - 1][1], None) if n - p <= 3 else None


def _signs_inline(text, m, greeted, line_start) -> bool:
    """Is the name at the end of the reply's last line its writer's: not a word that ends a
    reply without naming anyone ("Congratulations", "Date TBC."), not the greeting's name
    ("We can't refund it, Sam"), not a place or a day, not a list item's last words, and,
    after a full stop with no goodbye or kiss, no adverb ("Regrettably.", not "Ciara.")?"""
    name = m.group("who").split()[0]
    # after a full stop, an adverb is the last sentence, not a name: "Regrettably."
    stopped = m.group(1).endswith(".") and not (m.group("bye") or _KISSES_STOP.search(m.group(1)))
    return not (stopped and name.lower().endswith("ly")) and name.lower() not in _NOT_A_NAME | _NOT_A_SIGNER \
        and name not in _LETTERS.findall(greeted) \
        and not _PLACE_WORDS.search(m.group(1)) and not text[line_start:m.start()].lstrip().startswith(_BULLETS)


@lru_cache(maxsize=1)
def _inline():
    """The sign-offs at the end of a reply's last line, compiled on first use: only a reply
    signed inside its last line needs them, and they are large (start-up)."""
    return (re_cached.compile(_CLOSING_INLINE, re.I), re_cached.compile(_CHAT_SIGNATURE_INLINE),
            re_cached.compile(_CLOSING_ALONE_INLINE, re.I), re_cached.compile(_NAME_INLINE, re.I))


def _contact_start(text, content, k):
    for j in range(k, len(content)):
        if _CONTACT.search(text, content[j][0], content[j][1]):
            return content[j][0]
    return None


def _prev_end(content, sig):
    ends = [e for s, e in content if e <= sig]
    return ends[-1] if ends else sig


def _adjacent(text, l1, l2) -> bool:
    """No blank line between two content lines."""
    return text.count("\n", l1[1], l2[0]) <= 1
