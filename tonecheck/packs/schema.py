"""Checking a pack's fields: names, lists, examples, message templates, numbers."""
from __future__ import annotations

import difflib

from .. import re_cached
from ..errors import PackError
from ..ruledef import Example


NAME = re_cached.compile(r"^[A-Z][A-Za-z0-9]*$")


def no_unknown(spec: dict, allowed: set, path, rule) -> None:
    for key in spec:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            extra = f"; did you mean {hint[0]!r}?" if hint else ""
            raise PackError(path, rule, key, f"unknown field{extra}")


def str_list(value, field, fail) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        fail(field, "must be a list of strings")
    return value


def examples(value, field, fail) -> tuple[Example, ...]:
    if not isinstance(value, list) or not value:
        fail(field, "needs at least one draft")
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            unknown = sorted(set(item) - {"text", "context", "flags", "fixed"}, key=str)
            if unknown:
                fail(field, f"unknown key {unknown[0]!r} in an example (only 'text', 'context', 'flags' and 'fixed')")
            for key in ("flags", "fixed"):
                if key in item and not isinstance(item[key], str):
                    fail(field, f"an example's '{key}' must be text")
                if key in item and field != "examples.bad":
                    fail(field, f"'{key}' says what a bad example is flagged for or fixed to: a good one has none")
            if "flags" in item and item["flags"] not in item["text"]:
                fail(field, f"an example's 'flags' ({item['flags']!r}) must be words of its text")
            out.append(Example(item["text"], tuple(str_list(item.get("context", []), field, fail)),
                               item.get("flags", ""), item.get("fixed")))
        else:
            fail(field, "each example is a draft, or a mapping with 'text' (and 'context', 'flags', 'fixed')")
    return tuple(out)


def check_template(template: str, field: str, allowed: set, fail) -> None:
    """Every {name} must be one the kind fills in: a typo would print as written."""
    import string

    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        fail(field, f"is not a valid message template ({exc}); write {{{{ and }}}} for literal braces")
    for name in names:
        if name not in allowed:
            offer = ", ".join("{%s}" % n for n in sorted(allowed)) or "none"
            fail(field, f"unknown placeholder {{{name}}}; this kind fills in {offer}")


class Fmt(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fmt(template: str, **values) -> str:
    return template.format_map(Fmt(values))


class Threshold(float):
    """A readability threshold: any decimal, printed as the pack or config wrote it."""

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec or "g")

    def __str__(self) -> str:
        return format(self)

    __repr__ = __str__


def number(value, field, fail) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(field, "must be a number")
    return value


def whole(value, field, fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(field, "must be a whole number")
    return value


# A shouted word: four capitals or more, or a short everyday word ("AS STATED ON OUR WEBSITE")
_SHOUTED = re_cached.compile(
    # (not IT or US: as often the department and the country)
    r"[A-Z]{4,}|\b(?:A|AN|AS|AT|BE|BY|DO|GO|HE|IF|IN|IS|ME|MY|NO|OF|ON|OR|SO|TO|UP|WE|ALL|AND|ANY|ARE|ASK|BUT|BUY|CAN|"
    r"DAY|DID|DUE|END|FEE|FOR|GET|GOT|HAD|HAS|HER|HIM|HIS|HOW|ITS|LET|MAY|NEW|NOT|NOW|OFF|OLD|ONE|OUR|OUT|OWN|PAY|PUT|"
    r"RUN|SEE|SET|SHE|THE|TOO|TRY|TWO|USE|WAS|WAY|WHO|WHY|YES|YET|YOU)\b")


def lowered(text: str) -> str:
    """Shouted words in lower case; words of up to three letters (UK, VAT, ID) kept
    unless they are everyday words ("AS", "ON", "OUR"): the rest are more likely
    abbreviations than a raised voice."""
    return _SHOUTED.sub(lambda m: m.group().lower(), text)


def match_case(original: str, replacement: str) -> str:
    """A capital carries over from a capitalised word, not from an abbreviation in
    capitals ("the PNR" -> "the booking"; a sentence's first word gets its capital
    where the edit is made)."""
    first = original.split()[0] if original.split() else original
    abbreviation = first.isupper() or (first.endswith("s") and first[:-1].isupper())  # "PNR", "RMAs"
    if original[:1].isupper() and not abbreviation and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
