"""A pack rule's fix: the ``rewrite`` field (and ``fix: safe|unsafe``) compiled into
a function that proposes the edit for a finding."""
from __future__ import annotations

import re

from .. import fixes, re_cached
from ..analysis import CONDITIONAL
from .patterns import any_match, compile_patterns, matches
from .schema import check_template, fmt, lowered, match_case


def fix_safety(always: bool, spec: dict) -> str:
    """What ``tonecheck explain`` says of the fix (``always``: the kind always fixes)."""
    if not always and "rewrite" not in spec:
        return "No automatic fix."
    if spec.get("fix") == "safe":
        return "Safe: the replacement keeps the meaning."
    return "Unsafe: the replacement may change the meaning; review it before sending."


def applicability(spec, fail) -> bool:
    """Is the rule's fix safe? (``fix: safe``; unsafe unless said)"""
    value = spec.get("fix", "unsafe")
    if value not in ("safe", "unsafe"):
        fail("fix", "must be 'safe' or 'unsafe'")
    if "fix" in spec and "rewrite" not in spec and "swap" not in spec:
        fail("fix", "says how safe the rule's 'rewrite' is, and the rule has none")
    return value == "safe"


def compile_rewrite(spec, keys: frozenset, flags, fail, values: set, *, split: bool = False):
    """The rule's fix, compiled: a function (analysis, sentence, start, end, values)
    -> Suggestion or None. ``rewrite`` holds, for a phrase rule, ``swap`` (in the
    finding's sentence, the first pattern that matches is replaced; "" deletes the
    words), and where no swap applies, ``delete`` (``sentence`` or ``clause``, or a
    list of them: alternatives the rewriter tries in turn; a sentence that tells the
    customer what becomes of their order is never deleted) and ``before`` / ``after``
    (a sentence added there; with ``delete``, the sentence's replacement, added
    instead where the sentence must stay); for either, ``unless`` (patterns anywhere in
    the writer's text that leave the finding with no fix); for a
    require-when rule, ``before``
    (a sentence that opens the body), or ``after`` and ``at`` (a sentence added after
    the writer's first sentence where one of the ``at`` patterns occurs: "The new date
    is [[new date]]" after the delay is told; ``before`` where none does); for a metric, ``split: true`` (the sentence it
    points at, the long one or the longest, split where it turns)."""
    rw = spec.get("rewrite")
    safe = applicability(spec, fail)
    if "rewrite" not in spec:
        return None
    if not isinstance(rw, dict) or not rw:
        fail("rewrite", f"must be a mapping of {', '.join(sorted(keys))}")
    for key in rw:
        if key not in keys:
            fail("rewrite", f"unknown key {key!r} (this kind takes {', '.join(sorted(keys))})")
    if split:
        if rw.get("split") is not True:
            fail("rewrite", "a metric rule's rewrite is 'split: true' (the sentence it points at, split where it turns)")

        def split(a, sentence, start, end, vals):
            edit = fixes.split_sentence(sentence)
            return fixes.suggestion("Split the sentence where it turns", edit, safe=safe) if edit else None

        return split
    for key in ("before", "after"):
        if key in rw:
            if not isinstance(rw[key], str) or not rw[key].strip():
                fail("rewrite", f"'{key}' must be text")
            check_template(rw[key], f"rewrite.{key}", values, fail)
    delete = rw.get("delete")
    ways = [delete] if isinstance(delete, str) else delete
    if delete is not None and (not isinstance(ways, list) or not ways or not set(ways) <= {"sentence", "clause"}):
        fail("rewrite", "'delete' is 'sentence' or 'clause', or a list of them (tried in order)")
    swaps = []
    if "swap" in rw:
        if not isinstance(rw["swap"], dict) or not rw["swap"] or not all(isinstance(k, str) and isinstance(v, str) for k, v in rw["swap"].items()):
            fail("rewrite", "'swap' must map each pattern to its replacement")
        for k, v in rw["swap"].items():
            # the pattern's named groups may be used in its replacement: "(?P<cause>the \w+) may have caused"
            # -> "the trouble {cause} has caused you"
            check_template(v, "rewrite.swap", values | _group_names(k), fail)
            swaps.append((compile_patterns([k], "rewrite.swap", **flags), v))
    before, after = rw.get("before"), rw.get("after")
    # the fix stands aside where the writer's text would contradict it: a new date where the letter says
    # it cannot be given yet ("the new date will be announced"), "I'll take this up for you" where it
    # sends the customer to the seller
    stand_aside = compile_patterns(rw["unless"], "rewrite.unless", **flags) if "unless" in rw else None
    at = None
    if "at" in rw:  # a require-when rule's sentence added after the one that names the situation
        if after is None:
            fail("rewrite", "'at' says which sentence 'after' follows: give both")
        at = compile_patterns(rw["at"], "rewrite.at", **flags)
    elif after is not None and "at" in keys:
        fail("rewrite", "'after' needs 'at': the patterns of the sentence it follows")

    def make(a, sentence, start, end, vals):
        if stand_aside is not None and any_match(stand_aside, [s.text for s in a.body]):
            return None
        if at is not None:
            # after the writer's first sentence that names it ("... has been pushed back."); with
            # none (the customer named it), ``before`` opens the body, if given
            # (not a condition: "Where the organiser allows refunds for a postponed show, ...")
            target = next((s for s in a.body if at.search(s.text) and not (CONDITIONAL.search(s.text) or _WHERE.match(s.text))), None)
            if target is not None and fixes.takes_a_sentence(target, a.text, after=True) and not fixes.points_back(a, target):
                edit = fixes.add_after(target, fmt(after, **vals))
                return fixes.suggestion(f"Add {edit.content.strip()!r}", edit, safe=safe)
            if not before or sentence is None or fixes.sorry_before_good_news(sentence, before):
                return None
            edit = fixes.add_before(sentence, fmt(before, **vals))
            return fixes.suggestion(f"Add {edit.content.strip()!r}", edit, safe=safe)
        if sentence is None:
            return None
        found = [(m, replacement) for pattern, replacement in swaps for m in matches(pattern, sentence.text)]
        # the words the finding is about, by any of the swaps, else the first the swap knows
        near = [(m, r) for m, r in found if sentence.start + m.start() < end and start < sentence.start + m.end()]
        if near or found:
            m, replacement = (near or found)[0]
            groups = {name: text or "" for name, text in m.groupdict().items()}
            new = fmt(replacement, **{**vals, **groups, "match": m.group(), "lowered": lowered(m.group())})
            new = new if flags["case"] else match_case(m.group(), new)
            if new != m.group():
                if not new.strip() and not sentence.text[:m.start()].strip() and not sentence.text[m.end():].strip(" .!?"):
                    # the words cut are the whole sentence: it goes, with its full stop (not where the next leans on it)
                    if fixes.points_back(a, sentence):
                        return None
                    return fixes.suggestion("Leave this sentence out", fixes.delete_sentence(a, sentence), safe=safe)
                edit = fixes.replace_span(sentence, sentence.start + m.start(), sentence.start + m.end(), new)
                said = f"Write {new!r}" if new.strip(" .") else f"Leave out {m.group()!r}"
                return fixes.suggestion(said, edit, safe=safe)
            # a swap into the same words keeps them ("UK VAT ID" is not shouting to lower, "as soon
            # as the stock lands" is the writer's clause): what follows may still add a sentence
        # no swap applies: the deletions, in order (the rewriter tries the next when one is
        # turned down), then a sentence added before or after
        out, news = [], False
        clause = fixes.delete_clause(sentence, start, end) if "clause" in (ways or ()) else None
        if clause is not None and fixes.tells_news(a.text[clause.offset:clause.offset + clause.length]):
            clause = None  # the clause is the decision itself ("the practice does not consider that ..."): it stays
        for way in ways or ():
            if way == "clause":
                if clause is not None:
                    out.append(fixes.suggestion("Leave out the clause that says it", clause, safe=safe))
            elif fixes.tells_news(sentence):
                news = True  # "Due to high demand your order will be delayed": the news stays
            else:
                if before or after:
                    new = fmt(" ".join(filter(None, (before, after))), **vals)
                    # not where the next sentence leans on the one replaced ("We have raised this with
                    # them"), nor where the paragraph already says what we do
                    if not (fixes.points_back(a, sentence) or fixes.already_said(a, sentence, new)):
                        edit = fixes.replace_span(sentence, sentence.start, sentence.end, new)
                        out.append(fixes.suggestion(f"Write {fixes.capital(new)!r} instead", edit, safe=safe))
                # (also after a replacement: for where another fix already says it)
                if not fixes.points_back(a, sentence):  # "Today is one of them." would point at nothing
                    out.append(fixes.suggestion("Leave this sentence out", fixes.delete_sentence(a, sentence), safe=safe))
        if (not delete or news) and fixes.takes_a_sentence(sentence, a.text):
            # (with a deletion, before/after replace the sentence: added only where it stays)
            edits = []
            if before and not fixes.sorry_before_good_news(sentence, before):
                edits.append(fixes.add_before(sentence, fmt(before, **vals)))
            # after the paragraph, not between two sentences of one argument, nor after a question
            if after:
                edit = fixes.add_to_paragraph(a, sentence, fmt(after, **vals))
                if edit is not None:
                    edits.append(edit)
            if edits:
                out.append(fixes.suggestion("Add " + " and ".join(repr(e.content.strip()) for e in edits), *edits, safe=safe))
        if not out:
            return None
        return out if delete else out[0]

    return make


_WHERE = re_cached.compile(r"\W*wher(?:e|ever)\b", re.IGNORECASE)  # a condition as a place: "Where the organiser allows it, ..."


def _group_names(pattern: str) -> set:
    """The named groups of a swap's pattern, "(?P<cause>...)" (RE2 also reads "(?<cause>...)")."""
    return set(_NAMED_GROUP.findall(pattern))


_NAMED_GROUP = re_cached.compile(r"(?<!\\)\(\?P?<([A-Za-z_]\w*)>")


# Where the customer has been through something: no congratulations ("two weeks with no heating
# and a newborn"), and where a sorry may be added for it (not "funds wired")
HARD_TIMES = frozenset({"complaint", "bereavement", "distress", "bad_news", "delay"})
_OCCASION = re_cached.compile(
    r"\bnew (?P<new>car|home|house|baby|puppy|kitten|job|flat|apartment|vehicle|kitchen|bathroom|van|bike)\b|"
    r"\bfirst (?:own |ever )?(?P<first>home|house|flat|apartment|car)\b|"
    r"\b(?:wedding |silver |golden |ruby |pearl |diamond |\d+(?:st|nd|rd|th) )?(?P<anniversary>anniversary)\b|"
    r"\b(?P<day>wedding|birthday|engagement|graduation|retirement|promotion)\b|"
    r"\b(?P<move>moving day|moving house|house move)\b",
    re.IGNORECASE,
)


def their_trouble(a) -> str:
    """What a sorry says of a failure: how it has been for a customer whose message is
    quoted ("this has been so frustrating"); where only the draft tells of it (an outage
    notice, a first letter after a report), what it caused, not how they felt."""
    return "this has been so frustrating" if a.quoted.strip() else "for the trouble this has caused"


def their_wait(a) -> str:
    """What a sorry says of a delay: where the draft cancels or closes something (a class
    called off, a clinic closed), the change to their plans, not a time we never gave; where
    the customer or someone close is ill or hurt (a child in hospital), that first."""
    if "distress" in a.contexts and (_UNWELL.search(a.quoted) or _YOURS_UNWELL.search(a.body_text)):
        return "to hear what you're going through"
    if any(_CALLED_OFF.search(s.text) for s in a.body):
        return "about this change to your plans"
    return "this isn't happening when we said it would"


# Someone ill, hurt or in hospital, in the customer's own message (not a pensioner waiting in, nor a breach ruled out)
_ILL = "ill|unwell|poorly|surgery|operation"  # (shared with _YOURS_UNWELL)
_UNWELL = re_cached.compile(rf"\b(?:hospital\w*|{_ILL}|diagnos\w+|cancer|chemo\w*|stroke|"
                            r"injur\w+|broken (?:arm|leg|wrist|ankle|hip))\b", re.IGNORECASE)
# ... told back by the writer as the customer's own ("your son being in hospital"), not an accident on the M62
_YOURS_UNWELL = re_cached.compile(
    r"\byour (?:\w+ ){0,2}(?:son|daughter|child|baby|little one|mum|mom|dad|mother|father|husband|wife|partner|family|parents?)\b"
    rf"[^.!?]{{0,40}}\b(?:hospital|{_ILL}|injur\w+)\b|"
    r"\byou(?:['’]re| are|['’]ve been| have been| were| being) (?:\w+ )?(?:ill|unwell|poorly|in hospital|injured)\b", re.IGNORECASE)
_CALLED_OFF = re_cached.compile(r"\b(?:cancell?ed|cancell?ing|called off|closed|closing|closure|will close|no longer (?:be )?(?:running|available|open))\b",
                                re.IGNORECASE)


def occasion(a) -> str:
    """The customer's big moment in a few words ("your new car"), from their message
    or the draft; a placeholder when neither names one."""
    from ..builtin.context import own_moments
    from ..fixes import placeholder

    for text in (a.quoted, a.body_text):
        m = _OCCASION.search(own_moments(text))
        if m:
            # "your wedding anniversary" is the anniversary, not the wedding; "our first house" is their first home
            kind, word = next((k, v.lower()) for k, v in m.groupdict().items() if v)
            return {"new": f"your new {word}", "first": f"your first {'home' if word == 'house' else word}",
                    "move": "your move"}.get(kind, f"your {word}")
    return placeholder("their news")
