"""Split a plain-text email into the writer's regions and the quoted thread.

``split_regions`` works line by line. It first finds the quoted thread: ``>`` runs,
attribution lines ("On … wrote:" in several languages, also wrapped over lines),
Outlook header blocks ("From: … Sent: …"), "-----Original Message-----" and
underscore separators. An opener followed by ``>`` lines quotes only that run, so
the writer's text after it (bottom-posting, inline replies) is body again; an opener
followed by unmarked text quotes everything to the end, as Outlook and Gmail do.
In each stretch of the writer's own text it then finds the signature, and in the
first and last stretches the greeting and the sign-off.

Regions are trimmed to their first and last non-blank character, so whitespace
between them belongs to no region. All offsets are indices into the text given.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..draft import Draft, Region, plain_characters, without_zero_width

# --- the quoted thread -------------------------------------------------------------

_QUOTED = re.compile(r"[ \t]*>")
# "wrote" in the languages mail clients write attribution lines in.
_WROTE = (r"(?:wrote|writes|schrieb|a\s+écrit|écrit|schreef|geschreven|skrev|skrivit|"
          r"napisał[a]?|написал[а]?|пишет|đã\s+viết|escribió|escreveu|ha\s+scritto|"
          r"scrisse|kirjoitti|írta|napsal[a]?|yazdı|έγραψε)")
# The attribution ends with the "wrote" word and a colon (German puts the name
# between: "schrieb Max <max@x.de>:"), or with dashes ("---- Jo wrote ----").
_ATTR_END = re.compile(_WROTE + r"\b[^:\n]{0,100}?(?::|-{2,})\s*$", re.I)
# ... and starts a line with "On"/"Le"/"Am"/… or a numeric date, after optional dashes.
_ATTR_START = re.compile(
    r"[ \t]*[-*]*[ \t]*(?:(?:On|Le|Am|Op|El|Il|Em|W\s+dniu|På|Den|Dne|Vào|Il\s+giorno)\s"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b)", re.I)
# Android's "---- Jo Bloggs wrote ----" has no date at all.
_ATTR_DASHED = re.compile(r"[ \t]*-{2,}[ \t]*[^-\s].{0,80}?\b" + _WROTE + r"[ \t]*-{2,}[ \t]*$", re.I)
# "Jo Bloggs wrote:" / "Jo Bloggs <jo@x.com> wrote:" alone on a line, no date: a name
# (capitalised words, or an address) and the "wrote" word, nothing else.
_ATTR_NAMED = re.compile(
    r"[ \t]*(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}(?:[ \t]+(?:<[^<>\s]+@[^<>\s]+>|\([^()\s]+@[^()\s]+\)))?"
    r"|<?[^<>\s]+@[^<>\s]+>?)[ \t]+" + _WROTE + r"[ \t]*:[ \t]*$")
# Mid-line attribution, as when a client glues it to the reply's last line.
_ATTR_MIDLINE = re.compile(r"-*[ \t]*\bOn\s")
# Weak attribution (mail.ru, Yandex): a line ending in ":" with a time and an address;
# it only counts when quoted lines follow.
_ATTR_WEAK = re.compile(r"^(?=.*\d:\d\d)(?=.*(?:@|<[^>]*>)).{10,200}:\s*$")
_DIGIT = re.compile(r"\d")

_FROM_KEYS = r"From|Von|De|Från|Fra|Van|Od|От|Da|Lähettäjä|Feladó|Kimden"
_OTHER_KEYS = (r"Sent|Date|To|Subject|Cc|Reply-To|Gesendet|Datum|An|Betreff|Envoyé|À|A|"
               r"Objet|Skickat|Till|Ämne|Sendt|Til|Emne|Verzonden|Aan|Onderwerp|Wysłano|"
               r"Do|Temat|Отправлено|Дата|Кому|Тема|Enviado|Para|Asunto|Fecha|Inviato|"
               r"Oggetto|Data")
# "From: x", "*From:* x", "De : x" (French puts a space before the colon).
_HEADER = re.compile(rf"[ \t]*\*?(?:(?P<from>{_FROM_KEYS})|{_OTHER_KEYS})[ \t]*\*?[ \t]*:", re.I)
_SEPARATOR = re.compile(
    r"[ \t]*(?:-{2,}[ \t]*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Messaggio originale|Oorspronkelijk bericht|Originalmeddelande|"
    r"Opprinnelig melding|Alkuperäinen viesti|Wiadomość oryginalna|Исходное сообщение|"
    r"Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|"
    r"Doorgestuurd bericht)[ \t]*-{2,}|_{5,}|Begin forwarded message:?)[ \t]*$", re.I)
_DASHES = re.compile(r"[ \t]*-{3,}[ \t]*$")

# --- greeting, sign-off, signature ---------------------------------------------------

_GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"hallo|hola|bonjour|hej|ciao)\b(?P<name>[^\n,!:;?]{0,40}?)"
    # A full stop ends the greeting ("Hi. I am fine.") unless it follows a title.
    r"(?P<end>[,!:;]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bMx)(?<!\bDr)(?<!\bProf)\.(?=\s|$)|[ \t]*$)", re.I)
_CASUAL_NAMES = {"there", "all", "everyone", "team", "folks", "guys", "again", "both"}
# A bare name on the first line, as a greeting: "Tom," / "Mrs Okafor," / "Dr. Lee,"
_NAME_GREETING = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Madam)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},[ \t]*$")
# ... but not a first word that opens a sentence: "Unfortunately," "However,"
_NOT_A_NAME = {"unfortunately", "however", "thanks", "thank", "yes", "no", "ok", "okay", "so", "well", "also",
               "firstly", "first", "sadly", "sorry", "apologies", "please", "again", "hello", "hi", "dear", "and",
               "but", "now", "today", "finally", "meanwhile", "regards", "cheers", "best"}
_CLOSING = re.compile(
    r"(?:(?:many|big|huge)\s+)?thanks|thank\s+you|thx|ta|cheers|(?:(?:kind|best|warm|warmest|"
    r"kindest|with)\s+)?regards|best|all\s+the\s+best|best\s+wishes|warm\s+wishes|warmly|"
    r"sincerely|(?:yours\s+)?(?:sincerely|faithfully|truly)|respectfully|take\s+care|"
    r"talk\s+soon|speak\s+soon|see\s+you(?:\s+soon)?|with\s+(?:thanks|sympathy|love|"
    r"appreciation|best\s+wishes|gratitude)|cordialement|"
    r"mit\s+freundlichen\s+grüßen|viele\s+grüße|groeten|saludos|hälsningar", re.I)
# Whole-line closing: the phrase, up to five more words, optional punctuation, and
# at most a short name on the same line ("Regards, Roman").
_CLOSING_LINE = re.compile(rf"[ \t]*(?:{_CLOSING.pattern})\b[^\n.?!;:]{{0,40}}?[,!.]?[ \t]*$", re.I)
# A one-paragraph email signed at the end of its last line: "... happen. Thanks, Service Desk".
_NAME_WORDS = r"(?-i:[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})"
_CLOSING_INLINE = re.compile(
    rf"(?<=[.!?])[ \t]+((?:{_CLOSING.pattern})[,!]?[ \t]+{_NAME_WORDS})[ \t]*$", re.I)
_SIG_DELIM = re.compile(r"--[ \t]*$")
_MOBILE = re.compile(
    r"[ \t]*(?:(?:Sent|Envoyé|Gesendet|Enviado|Inviato|Verzonden|Skickat|Sendt|Wysłane)[ \t]+"
    r"(?:from|with|via|using|von|mit|depuis|de|da|desde|vanaf|från|fra|z)|Get[ \t]+Outlook[ \t]+for)"
    r"[ \t]+[^,\n]{1,60}$", re.I)
_DASH_NAME = re.compile(r"[ \t]*-[ \t]?[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3}[ \t]*$")
# (The look-behind starts an address only where a run of its characters starts: without
# it, a long word with no "@" is scanned again from every one of its letters.)
_CONTACT = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|(?:https?://|www\.)\S+|(?:\+|\()?\d[\d \t().-]{6,}\d"
    r"|^[ \t]*(?:sent[ \t]+)?(?:via|from)[ \t]+(?:my[ \t]+)?"
    r"(?:mobile|phone|iphone|ipad|android|blackberry)\b", re.I | re.M)
_ABBREVIATION = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|Bros|plc|LLC|GmbH|Me)\.$")
_NOT_NAME = re.compile(r"[:<>@=_/\\\[\]{}#*]|\d{3}")
_CONNECTORS = {"at", "of", "and", "the", "for", "de", "van", "von", "der", "da", "&", "|", "-", "–"}
_BULLETS = ("- ", "* ", "• ", "– ")


def plain_draft(text: str, path: str = "-", fmt: str = "text") -> Draft:
    """A Draft of plain text (a file, or a decoded message body) with its regions.

    Zero-width characters are dropped (``offset_map`` takes the rest back to ``text``)
    Unicode spaces become " " and curly apostrophes "'"; when either changes anything, ``source`` is ``text``.
    """
    clean, offsets = without_zero_width(text)
    clean = plain_characters(clean)
    return Draft(text=clean, regions=split_regions(clean), source=None if clean is text else text,
                 offset_map=offsets, path=path, format=fmt)


def split_regions(text: str, quoted: Iterable[tuple[int, int]] = (),
                  signatures: Iterable[tuple[int, int]] = ()) -> tuple[Region, ...]:
    """Return the ordered, non-overlapping regions of ``text``.

    ``quoted`` lists (start, end) spans already known to be quoted (the HTML source
    marks them with <blockquote> and friends); lines starting inside them count as
    ``>`` lines. ``signatures`` lists spans known to be a signature (Gmail's
    gmail_signature, Outlook's Signature block): a signature starts there at the latest.
    """
    lines = _lines(text)
    q = [bool(_QUOTED.match(text, s, e)) for s, e in lines]
    spans = sorted(quoted)
    if spans:
        for i, (s, e) in enumerate(lines):
            c = _first_char(text, s, e)
            if c is not None and any(a <= c < b for a, b in spans):
                q[i] = True
    marked = [bool(spans) and q[i] and not _QUOTED.match(text, *lines[i]) for i in range(len(lines))]

    quotes = _find_quotes(text, lines, q, marked)
    regions: list[Region] = []
    # The writer's stretches between the quotes.
    stretches, pos = [], 0
    for qs, qe in quotes:
        stretches.append((pos, qs))
        pos = qe
    stretches.append((pos, len(text)))
    stretches = [(a, b) for a, b in stretches if text[a:b].strip()]
    # The greeting sits in the first stretch; the sign-off in the last one with prose.
    parts = [_stretch_lines(text, lines, a, b) for a, b in stretches]
    sigs = [_signature_start(text, p) for p in parts]
    for k, (a, b) in enumerate(stretches):  # a signature the HTML marks starts where it says
        marked_sig = [max(a, _line_start(text, s)) for s, e in signatures if a <= s < b and text[s:e].strip()]
        if marked_sig:
            sigs[k] = min([*marked_sig, *([sigs[k]] if sigs[k] is not None else [])])
    prose = [k for k, p in enumerate(parts) if sigs[k] is None or _has_text(text, p[0][0], sigs[k])]
    first, last = (prose[0], prose[-1]) if prose else (-1, -1)
    for k, p in enumerate(parts):
        regions += _writer_regions(text, p, sigs[k], k == first, k == last)
    for qs, qe in quotes:
        regions.append(Region("quote", qs, qe))
    regions = [r for r in (_trim(text, r) for r in regions) if r is not None]
    regions.sort(key=lambda r: r.start)
    return tuple(regions)


# --- lines -----------------------------------------------------------------------------

def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, without its line ending."""
    out, pos, n = [], 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append((pos, end - 1 if end > pos and text[end - 1] == "\r" else end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _first_char(text: str, s: int, e: int) -> int | None:
    for i in range(s, e):
        if not text[i].isspace() and text[i] != "\ufeff":
            return i
    return None


def _blank(text: str, span: tuple[int, int]) -> bool:
    return _first_char(text, *span) is None


def _has_text(text: str, a: int, b: int) -> bool:
    return bool(text[a:b].strip(" \t\r\n\xa0\ufeff"))


def _trim(text: str, r: Region) -> Region | None:
    s, e = r.start, r.end
    while s < e and (text[s].isspace() or text[s] == "\ufeff"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Region(r.kind, s, e) if e > s else None


# --- quotes ------------------------------------------------------------------------------

def _find_quotes(text, lines, q, marked) -> list[tuple[int, int]]:
    """(start, end) of every quoted block, in order."""
    out: list[tuple[int, int]] = []
    n, i = len(lines), 0
    while i < n:
        s, e = lines[i]
        if _blank(text, lines[i]):
            i += 1
            continue
        # Lines marked by HTML may still open a quote that runs to the end.
        attr = opener = None
        if not q[i] or marked[i]:
            attr = _attribution(text, lines, i)
            opener = None if attr else _opener(text, lines, i)
        if attr is None and opener is None:
            if q[i]:
                j = _quote_run(text, lines, q, i)
                if j == i and not marked[i] and _sandwiched(text, lines, q, i):
                    i += 1  # a lone ">>> see below <<<" line inside prose is not a quote
                    continue
                out.append((s, lines[j][1]))
                i = j + 1
            else:
                i += 1
            continue
        start, last, strong = attr if attr else (s, opener, True)
        k = _next_content(text, lines, last + 1)
        if k is not None and q[k]:
            j = _quote_run(text, lines, q, k)
            out.append((start, lines[j][1]))
            i = j + 1
        elif strong:
            out.append((start, len(text)))
            break
        else:
            i += 1
    return out


def _next_content(text, lines, i):
    while i < len(lines):
        if not _blank(text, lines[i]):
            return i
        i += 1
    return None


def _quote_run(text, lines, q, i) -> int:
    """Index of the last quoted line of the run starting at ``i`` (blank lines inside)."""
    last = i
    for j in range(i + 1, len(lines)):
        if q[j]:
            last = j
        elif not _blank(text, lines[j]):
            break
    return last


def _sandwiched(text, lines, q, i) -> bool:
    """A single > line with unquoted prose directly above and below."""
    return (0 < i < len(lines) - 1
            and not q[i - 1] and not _blank(text, lines[i - 1])
            and not q[i + 1] and not _blank(text, lines[i + 1]))


def _attribution(text, lines, i):
    """(start offset, last line, strong) when an attribution starts on line ``i``."""
    s, e = lines[i]
    line = text[s:e]
    if _ATTR_DASHED.match(line) or _ATTR_NAMED.match(line):
        return s, i, True
    if _ATTR_START.match(line):
        # Clients wrap long attributions; join up to five more lines (with a blank
        # one, as Polymail does), never across a line that ends a sentence.
        joined = line
        for j in range(i, min(i + 6, len(lines))):
            if j > i:
                part = text[lines[j][0]:lines[j][1]].strip()
                if part[-1:] in (".", "?", "!") or (j > i + 1 and not _DIGIT.search(line)):
                    break
                joined += " " + part
            if _ATTR_END.search(joined):
                return s, j, True
    elif "On" in line and _ATTR_END.search(line):
        mid = _midline_on(line)
        if mid is not None:
            return s + mid, i, True
    if _ATTR_WEAK.match(line):
        return s, i, False
    return None


def _midline_on(line: str) -> int | None:
    """Offset of an "On <date> … wrote:" glued to the end of a line of the reply."""
    for m in _ATTR_MIDLINE.finditer(line):
        if m.start() > 0 and _DIGIT.search(line, m.end()) and len(line) - m.start() < 300:
            return m.start()
    return None


def _opener(text, lines, i) -> int | None:
    """Last line of a quote opener (separator or header block) at line ``i``, if any."""
    line = text[lines[i][0]:lines[i][1]]
    if _SEPARATOR.match(line):
        return i
    if _DASHES.match(line):
        k = _next_content(text, lines, i + 1)
        if k is not None and k - i <= 3:
            end = _header_block(text, lines, k)
            if end is not None:
                return end
        return None
    return _header_block(text, lines, i)


def _header_block(text, lines, i) -> int | None:
    """Last line of an Outlook-style header block starting at line ``i``.

    The block needs a From line and two more fields (Sent/Date/To/Subject, in a
    dozen languages), or one more when From has an address ("From: 9am / To: 5pm"
    is not a header); without an address it must start with From, or it is a memo's
    "To: / From: / Date: / Re:". One wrapped line is allowed between fields.
    """
    first = _HEADER.match(text, lines[i][0], lines[i][1])
    starts_with_from = first is not None and first.group("from") is not None
    keys, address, last, j, gap = set(), None, None, i, 0
    while j < len(lines):
        m = _HEADER.match(text, lines[j][0], lines[j][1])
        if m:
            keys.add(m.group(0).strip(" \t*:").lower())
            if m.group("from") is not None:  # the address may wrap to the next line
                address = "@" in text[lines[j][0]:lines[min(j + 1, len(lines) - 1)][1]]
            last, gap = j, 0
        elif last is None or gap or _blank(text, lines[j]):
            break
        else:
            gap = 1
        j += 1
    # without an address, a quoted header starts with From: "To: / From: / Date:" heads a memo
    if address is not None and (address or starts_with_from) and len(keys) >= (2 if address else 3):
        return last
    return None


# --- the writer's text -------------------------------------------------------------------

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
    for k, (s, e) in enumerate(ls):
        line = text[s:e]
        if _SIG_DELIM.match(line):
            return s
        if not (_MOBILE.match(line) or _DASH_NAME.match(line) or _DASHES.match(line)):
            continue  # the lines after are only read for a candidate: linear, not quadratic
        rest = [text[a:b].strip() for a, b in ls[k + 1:] if _has_text(text, a, b)]
        if _MOBILE.match(line) and len(rest) <= 2:
            return s
        if (_DASH_NAME.match(line) and len(rest) <= 3 and k > 0 and _blank(text, ls[k - 1])):
            return s
        if (_DASHES.match(line) and k > 0 and 0 < len(rest) <= 12
                and (_MOBILE.match(rest[0]) or all(len(r) <= 80 and not _sentence(r) for r in rest))):
            return s
    return None


def _sentence(line: str) -> bool:
    return line[-1:] in ".?!" and len(line.split()) >= 6


def _name_like(line: str) -> bool:
    """A short line of mostly capitalised words: "Tom, KX Airways Customer Care"."""
    s = line.strip()
    words = s.split()
    if (not words or len(s) > 60 or len(words) > 7 or s[-1] in "?!:;," or _NOT_NAME.search(s)
            or s.startswith(_BULLETS)):
        return False
    if s[-1] == "." and not _ABBREVIATION.search(s):
        return False
    alpha = [w for w in words if w.lower().strip(",") not in _CONNECTORS and w[0].isalpha()]
    if not alpha or not s.lstrip("-").lstrip()[:1].isupper():
        return False
    return sum(w[0].isupper() for w in alpha) * 2 >= len(alpha) + (len(alpha) > 2)


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
    if is_first:
        s, e = content[0]
        fc = _first_char(text, s, e)
        m = _GREETING.match(text, fc, e)
        if m and _greeting_name_ok(m):
            g_end = m.end() if m.group("end").strip() else m.start("end")
            if not re.search(r"\w", text[g_end:e]):
                g_end = e  # "Hey there! 😊"
            out.append(Region("greeting", fc, g_end))
            body_start = g_end
        elif _NAME_GREETING.match(text, fc, e) and text[fc:e].split()[0].strip(",.").lower() not in _NOT_A_NAME \
                and len(content) > 1:
            g_end = text.index(",", fc) + 1
            out.append(Region("greeting", fc, g_end))
            body_start = g_end
    # A closing phrase may open the stretch only if something precedes it: a
    # greeting, or (in a bottom-posted reply) the quote.
    alone = is_first and body_start == a
    signoff = _signoff(text, content, body_start, alone) if is_last else None
    body_end = b
    if signoff is not None:
        so_start, so_end, sig2 = signoff
        out.append(Region("signoff", so_start, so_end))
        if sig2 is not None:
            out.append(Region("signature", sig2, b))
        body_end = so_start
    if _has_text(text, body_start, body_end):
        out.append(Region("body", body_start, body_end))
    return out


def _greeting_name_ok(m: re.Match) -> bool:
    words = m.group("name").split()
    if m.group("end").strip():
        return len(words) <= 5
    # No punctuation: "Hi folks", "Hello" or "Hi Sam" on a line of their own.
    return len(words) <= 3 and all(w[0].isupper() or w.lower() in _CASUAL_NAMES for w in words)


def _signoff(text, content, body_start, alone=False):
    """(start, end, signature start or None) of the sign-off at the end of ``content``."""
    content = [(max(s, body_start), e) for s, e in content if e > body_start]
    if not content:
        return None

    def line(k: int) -> str:
        return text[content[k][0]:content[k][1]]

    n = len(content)
    # Walk up over name and contact lines to a closing line.
    k = n - 1
    while k >= 0 and n - k <= 6:
        t = line(k)
        if _CLOSING_LINE.match(t) and len(t.split()) <= 8:
            break
        nxt = k + 1 < n and _adjacent(text, content[k], content[k + 1]) and _name_like(line(k + 1))
        if nxt and len(t.split()) <= 6 and (t.rstrip().endswith(",")
                                             or (t.rstrip().endswith("!") and len(t.split()) <= 4)):
            break  # "Have a wonderful trip," / "Happy travels!" above a name
        if not (_name_like(t) or _CONTACT.search(t)):
            k = -1
            break
        k -= 1
    if k >= 0 and n - k <= 6 and not (alone and k == 0):
        sig = _contact_start(text, content, k + 1)
        end = content[n - 1][1] if sig is None else _prev_end(content, sig)
        return content[k][0], end, sig
    # An inline closing at the end of a one-paragraph email.
    m = _CLOSING_INLINE.search(text, content[-1][0], content[-1][1])
    if m:
        return m.start(1), m.end(1), None
    # No closing phrase: a last paragraph of name lines ("Maya\nHomeStyle Deliveries")
    # is the sign-off; with contact lines (e-mail, phone, web) it is a signature.
    p = n - 1
    while p > 0 and _adjacent(text, content[p - 1], content[p]):
        p -= 1
    if p == 0 or n - p > 4 or not _name_like(line(p)):
        return None
    if not all(_name_like(line(j)) or _CONTACT.search(line(j)) for j in range(p, n)):
        return None
    sig = _contact_start(text, content, p)
    if sig is not None:
        return content[p][0], content[p][0], content[p][0]  # empty sign-off, all signature
    return (content[p][0], content[n - 1][1], None) if n - p <= 3 else None


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
