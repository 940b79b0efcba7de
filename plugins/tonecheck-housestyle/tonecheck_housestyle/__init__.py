"""tonecheck-housestyle: an example of the house rules a team ships as a plugin.

It provides:

- ``HouseStyle.NamelessSignOff``, a Python rule: the draft is signed by a team or
  department ("The Customer Service Team") and by no person;
- ``HouseStyle.yml``, a YAML rule pack shipped inside this package: the house
  spelling of everyday words ("e-mail" -> "email") and of brand names
  ("Paypal" -> "PayPal").

tonecheck finds this module through the entry point in pyproject.toml::

    [project.entry-points.tonecheck]
    housestyle = "tonecheck_housestyle"

and calls the two ``@tonecheck.hookimpl`` functions at the bottom.
"""
from __future__ import annotations

import re
from pathlib import Path

import tonecheck
from tonecheck import Suggestion

__version__ = "0.1.0"

# Words that name a group, not a person. A signatory made only of such parts
# ("The Support Team", "Customer Services", "Billing Department") is nameless.
_TEAM_WORDS = (
    "team", "teams", "department", "dept", "desk", "service", "services", "support",
    "care", "centre", "center", "office", "helpdesk", "accounts", "billing", "sales",
    "operations", "management", "staff", "crew", "relations", "enquiries", "inquiries",
    "bookings", "reservations", "admin", "administration", "no-reply", "noreply",
)
# What separates the parts of a signatory: line breaks, commas, bars, brackets,
# spaced dashes, and "at"/"from"/"on behalf of" ("Priya from the Support Team").
_SEPARATOR = re.compile(r"[\n,|()/]|[ \t][-–—][ \t]|[ \t](?:at|from|on behalf of)[ \t]", re.IGNORECASE)
# The closing phrase is the start of the sign-off's first line, up to a comma or
# "!" ("Kind regards," / "Thanks, Service Desk"), or the whole line without one.
_CLOSING = re.compile(r"[^\n,!]*[,!]?")


def _team_pattern(extra_words) -> re.Pattern:
    words = sorted({*(_TEAM_WORDS), *(w.lower() for w in extra_words)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _signatory_parts(text: str, start: int, end: int):
    """(start, end) of each non-empty part of text[start:end] between separators."""
    pos = start
    for m in _SEPARATOR.finditer(text, start, end):
        yield from _stripped(text, pos, m.start())
        pos = m.end()
    yield from _stripped(text, pos, end)


def _stripped(text: str, start: int, end: int):
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end > start:
        yield start, end


@tonecheck.rule(
    "HouseStyle.NamelessSignOff",
    category="structure",
    severity="warning",
    message="Signed by '{who}', with no person's name. Sign as yourself, then the team if you like.",
    why=(
        "A reply signed 'The Customer Service Team' reads as a form letter and leaves the "
        "customer nobody to come back to; they start again from the queue. A name says a "
        "person read their message and owns the answer."
    ),
    instead="Put your own name on the line above the team: 'Kind regards, / Priya / Customer Service Team'.",
    bad=[
        "Hi Sam,\nYour refund is on its way and will reach your card by Friday.\n\nKind regards,\nThe Customer Service Team",
        "Hi Sam, your replacement has shipped and arrives Tuesday. Thanks, Service Desk",
    ],
    good=[
        "Hi Sam,\nYour refund is on its way and will reach your card by Friday.\n\nKind regards,\nPriya\nCustomer Service Team",
        "Hi Sam, your replacement has shipped and arrives Tuesday. Thanks, Priya from the Service Desk",
    ],
    options={"team_words": []},
)
def nameless_sign_off(a, r):
    """Flags a sign-off whose signatory is only a team or department ("The Support
    Team", "Customer Services", "Billing Dept") with no person's name. A sign-off
    with no signatory at all, or with one part that is not a team word (a name),
    is left alone. Add your own department names with the ``team_words`` option."""
    team = _team_pattern(r.options.get("team_words", ()))
    for region in a.draft.regions:
        if region.kind != "signoff":
            continue
        closing = _CLOSING.match(a.text, region.start, region.end)
        parts = list(_signatory_parts(a.text, closing.end(), region.end))
        if not parts or not all(team.search(a.text, s, e) for s, e in parts):
            continue
        start, end = parts[0][0], parts[-1][1]
        who = " ".join(a.text[start:end].split())
        yield r.finding(
            start,
            end,
            r.message.format(who=who),
            suggestions=[Suggestion(f"Add your own name on the line above '{who}'.")],
        )


@tonecheck.hookimpl
def tonecheck_rules():
    """The Python rules this plugin adds."""
    return [nameless_sign_off]


@tonecheck.hookimpl
def tonecheck_rule_packs():
    """The YAML packs this plugin ships: paths to files (or folders of *.yml)."""
    return [Path(__file__).with_name("HouseStyle.yml")]
