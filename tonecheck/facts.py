"""The facts a customer needs from a draft, which no rewrite may lose: numbers,
times, dates, weekdays, months, amounts, order and tracking numbers, links, email
addresses, phone numbers, and the name of the person greeted."""
from __future__ import annotations

import re
from collections import Counter

from . import re_cached, regex

_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_FACT_PATTERN = (
    r"https?://\S+[^\s.,;:!?)\]'\"]|www\.\S+[^\s.,;:!?)\]'\"]"  # links
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email addresses
    r"|\+?\d[\d ()-]{7,}\d"  # phone numbers
    r"|[£$€¥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)? ?(?:pounds|dollars|euros|gbp|usd|eur)\b"  # amounts
    r"|\b\d{1,2}(?:[:.]\d{2})? ?(?:am|pm)\b|\b\d{1,2}:\d{2}\b"  # clock times
    r"|\b(?:[A-Z]{1,6}[-/]?)?\d[\w/-]*"  # numbers, dates, order and tracking numbers
    rf"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:{_MONTHS})\b"
    r"|\b(?:today|tonight|tomorrow|yesterday|noon|midday|midnight)\b"
)
# RE2, in one pass, where re tries each alternative at each position (the rewriter asks
# it of every draft and its rewrite). RE2's \w, \s, \d and \b are ASCII, so a text with
# other characters is searched as an ASCII stand-in of the same length, each character
# standing for its kind as re reads it: "josé@example.com", "£ 180", "Straße12" and a
# no-break space in a phone number match as they would under re.
_FACT_ASCII = regex.compile(_FACT_PATTERN, ignore_case=True)
_NON_ASCII = re_cached.compile(r"[^\x00-\x7f]")


def _stand_in(m) -> str:
    c = m.group()
    if c in "£€¥":
        return "$"  # the pattern's currency signs, one ASCII one for all
    if c.isspace():
        return "\t"  # white space, but not the pattern's literal space
    if c.isdecimal():
        return "0"  # a digit to re's \d
    if c.isalnum():
        return "_"  # a word character to re's \w, and no letter of the pattern's words
    return "~"  # punctuation and symbols: none of the pattern's classes


def _facts_in(text: str):
    """(start, end) of each fact in ``text``."""
    ascii_text = text if text.isascii() else _NON_ASCII.sub(_stand_in, text)
    return ((m.start(), m.end()) for m in _FACT_ASCII.finditer(ascii_text))
# "May" the month, not "you may": a capital letter, or a number beside it
_MAY = re_cached.compile(r"\bmay\b", re.IGNORECASE)


_SPACES = re_cached.compile(r"\s+")
_DIGIT = re_cached.compile(r"\d")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip()).lower()


def facts(text: str) -> Counter:
    """Each fact in ``text``, as written (spaces and case aside), with how often it is said."""
    out: Counter = Counter()
    for start, end in _facts_in(text):
        word = text[start:end]
        if _MAY.fullmatch(word) and not _is_month_may(text, start, end):
            continue
        out[_key(word)] += 1
    return out


def _is_month_may(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 4):end + 4]
    return text[start] == "M" and bool(_DIGIT.search(around))


def spans(text: str, fact: str) -> list[tuple[int, int]]:
    """Where ``fact`` (as ``facts`` gives it) is said in ``text``."""
    return [(start, end) for start, end in _facts_in(text) if _key(text[start:end]) == fact]


def lost(before: str, after: str, names: tuple[str, ...] = ()) -> list[str]:
    """The facts of ``before`` that ``after`` says fewer times (and any of ``names``,
    the people greeted, it no longer has)."""
    old, new = facts(before), facts(after)
    missing = [f for f, n in old.items() if new.get(f, 0) < n]
    low, had = after.lower(), before.lower()
    # a name as the rules read it ("Bob's" for "Bob’s", "Zoë" for "Zo&euml;") may not be
    # spelt so in the source: only one it had can be lost
    missing += [n.lower() for n in names if n.lower() in had and n.lower() not in low]
    return missing
