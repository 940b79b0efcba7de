"""The quoted thread of a plain-text email: ``>`` runs, attribution lines ("On ... wrote:"
in several languages), Outlook header blocks, separators."""
from __future__ import annotations

import re

from .. import re_cached
from .lines import _blank


_QUOTED = re_cached.compile(r"[ \t]*>")

# "wrote" in the languages mail clients write attribution lines in.
_WROTE = (r"(?:wrote|writes|schrieb|a\s+écrit|écrit|schreef|geschreven|skrev|skrivit|"
          r"napisał[a]?|написал[а]?|пишет|đã\s+viết|escribió|escreveu|ha\s+scritto|"
          r"scrisse|kirjoitti|írta|napsal[a]?|yazdı|έγραψε)")

# The attribution ends with the "wrote" word and a colon (German puts the name
# between: "schrieb Max <max@x.de>:"), or with dashes ("---- Jo wrote ----").
_ATTR_END = re_cached.compile(_WROTE + r"\b[^:\n]{0,100}?(?::|-{2,})\s*$", re.I)

# ... and starts a line with "On"/"Le"/"Am"/… or a numeric date, after optional dashes.
_ATTR_START = re_cached.compile(
    r"[ \t]*[-*]*[ \t]*(?:(?:On|Le|Am|Op|El|Il|Em|W\s+dniu|På|Den|Dne|Vào|Il\s+giorno)\s"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b)", re.I)

# Android's "---- Jo Bloggs wrote ----" has no date at all.
_ATTR_DASHED = re_cached.compile(r"[ \t]*-{2,}[ \t]*[^-\s].{0,80}?\b" + _WROTE + r"[ \t]*-{2,}[ \t]*$", re.I)

# "Jo Bloggs wrote:" / "Jo Bloggs <jo@x.com> wrote:" alone on a line, no date: a name
# (capitalised words, or an address) and the "wrote" word, nothing else.
_ATTR_NAMED = re_cached.compile(
    r"[ \t]*(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}(?:[ \t]+(?:<[^<>\s]+@[^<>\s]+>|\([^()\s]+@[^()\s]+\)))?"
    r"|<?[^<>\s]+@[^<>\s]+>?)[ \t]+" + _WROTE + r"[ \t]*:[ \t]*$")

# Mid-line attribution, as when a client glues it to the reply's last line.
_ATTR_MIDLINE = re_cached.compile(r"-*[ \t]*\bOn\s")

# Weak attribution (mail.ru, Yandex): a line ending in ":" with a time and an address;
# it only counts when quoted lines follow.
_ATTR_WEAK = re_cached.compile(r"^(?=.*\d:\d\d)(?=.*(?:@|<[^>]*>)).{10,200}:\s*$")

_DIGIT = re_cached.compile(r"\d")

_FROM_KEYS = r"From|Von|De|Från|Fra|Van|Od|От|Da|Lähettäjä|Feladó|Kimden"

_OTHER_KEYS = (r"Sent|Date|To|Subject|Cc|Reply-To|Gesendet|Datum|An|Betreff|Envoyé|À|A|"
               r"Objet|Skickat|Till|Ämne|Sendt|Til|Emne|Verzonden|Aan|Onderwerp|Wysłano|"
               r"Do|Temat|Отправлено|Дата|Кому|Тема|Enviado|Para|Asunto|Fecha|Inviato|"
               r"Oggetto|Data")

# "From: x", "*From:* x", "De : x" (French puts a space before the colon).
_HEADER = re_cached.compile(rf"[ \t]*\*?(?:(?P<from>{_FROM_KEYS})|{_OTHER_KEYS})[ \t]*\*?[ \t]*:", re.I)

_SEPARATOR = re_cached.compile(
    r"[ \t]*(?:-{2,}[ \t]*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Messaggio originale|Oorspronkelijk bericht|Originalmeddelande|"
    r"Opprinnelig melding|Alkuperäinen viesti|Wiadomość oryginalna|Исходное сообщение|"
    r"Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|"
    r"Doorgestuurd bericht)[ \t]*-{2,}|_{5,}|Begin forwarded message:?)[ \t]*$", re.I)

_DASHES = re_cached.compile(r"[ \t]*-{3,}[ \t]*$")


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
