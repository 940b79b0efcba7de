"""Spelling, offline: words no dictionary knows, with the likeliest correction.

The dictionary is pyspellchecker's English list (loaded only when the rule runs:
the rule is opt-in, ``select = ["spelling"]``). British and American spellings are
both accepted unless ``[spelling] dialect`` picks one. Never flagged: a capitalised
word (a name, a product, a sentence's first word), a word in capitals, anything with
a digit, a link or an address, the config's ``company`` names and ``[spelling] words``,
words made of known parts (a prefix, an ending, two words, or a hyphenated word's
parts: "multi-pitch", "co-ordinator"), @handles and #tags, words stretched on purpose
("sooo"), a greeting's or a sign-off's salutation in another language ("Ngā mihi", "Met
vriendelijke groet"), a sentence in another language (half its words unknown, one of
them a two-letter word and one no slip away from an English word; or two small words of
a language customers write in, "por", "su", "je", "wel", a third of its words), and such
a small word inside English ("muchas gracias"). ``tonecheck/data/words.txt`` adds what
the general list lacks ("app", "admin", "wifi").
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import hookimpl, re_cached
from ..findings import Edit, Fix, Suggestion
from ..ruledef import rule
from .readability import SHORTHAND

# British endings and their American forms: "colour" is known as "color" is.
_GB_TO_US = (
    (re_cached.compile(r"our(s|ed|ing|able|ite|ites|er|ers)?$"), r"or\1"),
    (re_cached.compile(r"is(e|es|ed|ing|er|ers|ation|ations)$"), r"iz\1"),
    (re_cached.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re_cached.compile(r"tre(s)?$"), r"ter\1"), (re_cached.compile(r"bre(s)?$"), r"ber\1"),
    (re_cached.compile(r"ence(s)?$"), r"ense\1"),
    (re_cached.compile(r"ogue(s)?$"), r"og\1"),
    (re_cached.compile(r"mme(s)?$"), r"m\1"),
    (re_cached.compile(r"lled$"), "led"), (re_cached.compile(r"lling$"), "ling"), (re_cached.compile(r"ller(s)?$"), r"ler\1"),
    (re_cached.compile(r"llous(ly)?$"), r"lous\1"),  # "marvellous"
    (re_cached.compile(r"ae"), "e"), (re_cached.compile(r"oe"), "e"),
)
_GB_WORDS = {"cheque": "check", "cheques": "checks", "kerb": "curb", "tyre": "tire", "tyres": "tires",
             "grey": "gray", "plough": "plow", "aluminium": "aluminum", "jewellery": "jewelry",
             "enrol": "enroll", "enrolment": "enrollment", "fulfilment": "fulfillment", "instalment": "installment",
             "learnt": "learned", "spelt": "spelled", "whilst": "while", "amongst": "among", "judgement": "judgment",
             "ageing": "aging", "storey": "story", "sceptical": "skeptical", "manoeuvre": "maneuver", "wifi": "wi-fi"}
# Common American forms a British writer would not use (dialect = "en-GB").
_US_ONLY = re_cached.compile(r"(?:col|fav|hon|lab|neighb|behavi|flav|hum|rum|harb|vap|arm|endeav)or(?:s|ed|ing|ite|ites)?$|"
                      r"(?:organ|real|recogn|apolog|author|emphas|summar|prior|minim|maxim|special|categor|familiar|util)iz(?:e|es|ed|ing|ation|ations)$|"
                      r"^(?:center|centers|theater|theaters|defense|offense|catalog|program|programs|gray|jewelry|aluminum|traveled|traveling|canceled|canceling)$")


@lru_cache(maxsize=1)
def _dictionary():
    from pathlib import Path

    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    extra = Path(__file__).resolve().parent.parent / "data" / "words.txt"
    checker.word_frequency.load_words(
        w.strip() for w in extra.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#"))
    return checker


_PREFIXES = ("re", "pre", "un", "dis", "mis", "non", "over", "under", "out", "co", "sub", "super", "multi", "inter", "self", "anti", "de")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "able", "ly", "ment", "ments", "ness", "ful")
# links, addresses and domain names: their words are not prose
# (a bare address with its path too: "stcuthberts.example.org/tribute/grace-adeyemi"; a file's path,
# "src/runner/plan.ts"; a command's option, "--watch")
_NOT_PROSE = re_cached.compile(
    # (a path has two slashes or a file's extension, not "recieve/sign"; an option two dashes, not "-aproximately";
    # short pairs are file types and platforms, "jpg/png", "ios/android"; "/myaccount" is a page; ".ics" a file type)
    r"[@#]\w+|\b(?:https?://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[a-z][\w-]+)+\b(?:/\S*)?|[\w.~-]*/[\w.~-]+/[\w./~-]*|"
    r"[\w.~-]*/[\w~-]+\.[a-z]{1,4}\b|(?<![\w-])--[a-z][\w-]*|(?<![\w/])\.?[a-z]{2,6}/\.?[a-z]{2,7}\b|(?<![\w/])/[a-z][\w-]*|(?<![\w.])\.[a-z]{2,5}\b", re.I
)


_MAYBE_NOT_PROSE = re_cached.compile(r"[@#/]|--|\.[a-zA-Z]")


def _us_form(word: str) -> str:
    if word in _GB_WORDS:
        return _GB_WORDS[word]
    for pattern, us in _GB_TO_US:
        new = pattern.sub(us, word)
        if new != word:
            return new
    return word


@lru_cache(maxsize=8192)  # mail repeats its words: a word is worked out once, not in every draft
def _known(word: str, dialect: str, depth: int = 0) -> bool:
    """In the dictionary, in either spelling (unless one is chosen), or made of known
    parts: a prefix ("rebooked"), an ending ("actioned"), two words ("voicemail")."""
    words = _dictionary()
    if dialect == "en-GB" and _US_ONLY.search(word):
        return False
    if word in words or (dialect != "en-US" and _us_form(word) in words):
        return True
    if depth:
        return False
    if _classic_slip(word, words):
        return False
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3 and _known(word[len(p):], dialect, 1):
            return True
    for end in _SUFFIXES:
        stem = word[:-len(end)]
        if word.endswith(end) and len(stem) >= 3:
            # "-ly", "-ment", "-ness", "-ful" keep a stem's final e ("completely"): no e restored
            forms = (stem, stem[:-1] if stem[-1:] == stem[-2:-1] else "") + (() if end in _KEEP_E else (stem + "e",))
            if any(_known(x, dialect, 1) for x in forms):
                return True
    return any(_known(word[:i], dialect, 1) and _known(word[i:], dialect, 1) for i in range(3, len(word) - 2))


_KEEP_E = ("ly", "ment", "ments", "ness", "ful")
_VOWELS = set("aeiou")


def _classic_slip(word: str, words) -> bool:
    """The slips that a prefix or an ending would otherwise explain away: a consonant
    not doubled ("occured", "begining"), a doubled one that is single ("untill"), an e
    kept where it goes ("truely", "arguement")."""
    for end in ("ed", "ing", "er", "ers"):
        stem = word[:-len(end)]
        if word.endswith(end) and len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS \
                and stem[-3] not in _VOWELS and stem + stem[-1] + end in words:
            return True
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and word[:i] + word[i + 1:] in words:
            return True
    for end in ("ly", "ment", "ments"):
        stem = word[:-len(end)]
        if word.endswith(end) and stem.endswith("e") and stem[:-1] + end in words:
            return True
    return False


def _correction(word: str) -> str | None:
    best = _dictionary().correction(word)
    return best if best and best != word else None


_LETTERS = re_cached.compile(r"[^\W\d_]+")


# A hyphenated word of up to four parts (a hyphen, or the non-breaking one Word puts in)
_HYPHENATED = re_cached.compile(r"[^\W\d_]+(?:[-\u2011][^\W\d_]+){1,3}")
_HYPHENS = re_cached.compile(r"[-\u2011]")


def _known_compound(text: str, start: int, end: int, dialect: str) -> bool:
    """A part of a hyphenated word that is a prefix ("multi-pitch"), or whose parts
    joined are a dictionary word ("co-ordinator"; as a whole: "chek-in" is no "che" +
    "kin"). Only the few words around are read, however long a run of hyphens."""
    for m in _HYPHENATED.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if m.start() <= start and end <= m.end():
            if text[end:end + 1] in ("-", "\u2011") and text[start:end] in _PREFIXES:
                return True
            if text[start - 1:start] in ("-", "\u2011") and text[start:end].lower() in _PARTICLES:
                return True  # a phrasal noun's plural: "add-ons", "check-ins", "drop-offs"
            joined = _HYPHENS.sub("", m.group()).lower()
            return joined.isascii() and _known(joined, dialect, 1)
    return False


# The particles a phrasal noun ends in, with their plurals ("add-ons", "sign-ups")
_PARTICLES = frozenset("on ons in ins up ups off offs out outs over overs down downs by bys".split())

_TRIPLED = re_cached.compile(r"(\w)\1\1")

# Small words of the languages customers' mail slips into: two of them that English lacks
# ("pour", "para" and "les" are English words too), a third of a sentence's words, with a
# word the dictionary lacks, make it a line in that language ("Muchas gracias por su compra",
# "Dank je wel en tot ziens"), not a run of slips.
_FOREIGN_SMALL_WORDS = frozenset((
    "por para su sus los las del una muy muchas muchos gracias pero usted nuestro nuestra que estamos todo todos hola "  # Spanish
    "je jij het een niet wel voor ziens bedankt graag uw onze wij ik "  # Dutch
    "und nicht mit ihre ihr wir ich bitte danke vielen das ein eine einen ist zu sie noch auf wiedersehen "  # German
    "merci pour votre vos vous nous avec les des une beaucoup bonne bonjour "  # French
    "grazie mille che della sono siamo vostro vostra arrivederci "  # Italian
    "obrigado obrigada muito pela pelo nosso nossa "  # Portuguese
    "yn mae gael hefyd diolch eich agus bhur sibh"  # Welsh, Irish
).split())


_TEXT_SPEAK = frozenset(SHORTHAND.split("|"))


@lru_cache(maxsize=4)
def _foreign(dialect: str) -> frozenset:
    """The small words above that English lacks ("pour", "les" are English too): worked
    out once per dialect, not per draft."""
    return frozenset(w for w in _FOREIGN_SMALL_WORDS if not _known(w, dialect))


@rule(
    "Spelling.Unknown",
    category="spelling",
    severity="warning",
    message="'{word}' is not in the dictionary.",
    why="A misspelt word in a reply to a customer reads as a reply dashed off; it costs the care the rest of the draft shows.",
    instead="Correct the word, or add it to [spelling] words in config if it is your company's own.",
    bad=["Hi Jo,\nYour refund has been recieved and will reach you on Friday.\nTom"],
    good=["Hi Jo,\nYour refund has been received and will reach you on Friday. Our colour chart is attached.\nTom"],
    fixable=True,
    fix_safety="Unsafe: the likeliest correction is not always the word you meant.",
    opt_in=True,
)
def unknown_word(analysis, rule):
    """Flags lower-case words that neither the dictionary (British or American
    spelling) nor the config's vocabulary knows, offering the likeliest correction."""
    from ..sources.writer import salutation

    settings = analysis.settings.get("spelling", {})
    dialect = settings.get("dialect", "any")
    allowed = {w.lower() for w in settings.get("words", ())}
    allowed |= {w.lower() for name in analysis.company for w in _LETTERS.findall(name)}
    text = analysis.text
    foreign_words = _foreign(dialect)
    for s in analysis.sentences:
        # (every address, path, tag and option holds one of these: most sentences hold none, and are not searched)
        skip = [(s.start + m.start(), s.start + m.end()) for m in _NOT_PROSE.finditer(s.text)] if _MAYBE_NOT_PROSE.search(s.text) else []
        if s.region in ("greeting", "signoff"):  # "Ngā mihi nui", "Met vriendelijke groet": a salutation
            skip.append((s.start, s.start + salutation(s.text)))
        unknown = []
        words = strange = short = 0  # for telling a sentence in another language
        foreign = set()
        for tok in s.words:
            word = tok.text
            if word.lower() in foreign_words:  # capitalised too ("Vielen Dank und ...")
                foreign.add(word.lower())
            if not word.isascii() or not word.isalpha() or not word.islower() or len(word) == 1 or len(set(word)) == 1:
                continue  # names, codes, placeholders ("xxx"), words from other languages
            if _TRIPLED.search(word) or word in _TEXT_SPEAK:
                continue  # "looooong": stretched on purpose; "tmrw" is TextSpeak's
            if skip and any(a <= tok.start < b for a, b in skip):
                continue
            words += 1
            if len(word) == 2:  # too short to call a slip, but telling of a language
                if word not in allowed and not _known(word, dialect, 1):
                    strange, short = strange + 1, short + 1
                continue
            if word in allowed or _known(word, dialect) or _known_compound(text, tok.start, tok.end, dialect):
                continue
            strange += 1
            unknown.append(tok)
        # two small words of another language, a third of the sentence: a line in that
        # language ("Muchas gracias por su compra"), whose words need no corrections
        if len(foreign) >= 2 and 3 * len(foreign) >= len(s.words) and unknown:
            continue
        fixes = [_correction(tok.text) for tok in unknown]
        # half its words unknown, one of them a two-letter word (English has few, all
        # known) and one no English word is a slip away from, is a sentence in another
        # language ("Mae'r neges hon ar gael yn Gymraeg hefyd"), not slips of the
        # keyboard ("The acomodation was recieved", "im sorry, teh parcel is lsot")
        if short and words >= 3 and 2 * strange >= words and any(fixed is None for fixed in fixes):
            continue
        for tok, fixed in zip(unknown, fixes):
            word = tok.text
            if word in _FOREIGN_SMALL_WORDS:
                continue  # another language's word in English ("muchas gracias"): no slip
            sugg = [Suggestion(f"Write {fixed!r}", Fix((Edit(tok.start, tok.end - tok.start, fixed),), "unsafe"))] if fixed else []
            yield rule.finding(tok.start, tok.end, rule.message.format(word=word), suggestions=sugg)


@hookimpl
def tonecheck_rules():
    return [unknown_word]
