"""Validating a pack and compiling its rules: the fields every kind shares (category,
severity, message, examples, when, unless, scope ...) here, each kind's own in its module."""
from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..vocabulary import CONTEXTS, misspelt_category
from ..errors import PackError
from ..findings import SEVERITIES
from ..ruledef import Rule
from .kind import SCOPES
from .kinds import KINDS
from .patterns import compile_patterns, unless_hit
from .rewrite import fix_safety
from .schema import NAME, check_template, examples as _examples, no_unknown, str_list

from .. import re_cached

COMMON = {
    "name", "kind", "category", "severity", "message", "description", "why", "instead",
    "examples", "when", "unless_context", "unless", "unless_scope", "scope", "word_boundaries", "case_sensitive",
    "owned_severity", "demote", "their_words",
}
UNLESS_SCOPES = ("clause", "sentence", "following", "around", "after", "draft")


def compile_pack(data: Any, path: Path, source: str, validated: bool = False,
                 anchors: dict | None = None) -> list[Rule]:
    """The pack's rules; ``validated``: it compiled before (read from the cache), so
    its patterns are compiled on first use. ``anchors``: each pattern's anchors (see
    ``patterns.compile_patterns``), read from the cache or filled in here."""
    if not isinstance(data, dict):
        raise PackError(path, None, "pack", "a pack is a mapping with 'pack' and 'rules'")
    no_unknown(data, {"pack", "description", "rules", "define"}, path, None)
    pack = data.get("pack")
    if not isinstance(pack, str) or not NAME.match(pack):
        raise PackError(path, None, "pack", "must be a CamelCase name such as CustomerFocus")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise PackError(path, None, "rules", "must be a non-empty list of rules")
    defines = _defines(data.get("define"), path)
    out = []
    for i, spec in enumerate(rules):
        out.append(compile_rule(spec, pack, path, source, i, validated, anchors, defines))
    return out


_DEFINE_NAME = re_cached.compile(r"^[a-z][a-z0-9_]*$")


def _defines(value, path) -> dict[str, list[str]]:
    """The pack's ``define``: names for word lists its patterns use as ``{{name}}``."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        raise PackError(path, None, "define", "is a mapping of snake_case names to a pattern or a list of patterns")
    out = {}
    for name, patterns in value.items():
        if not isinstance(name, str) or not _DEFINE_NAME.match(name):
            raise PackError(path, None, "define", f"{name!r}: a name is snake_case, such as close_relative")
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise PackError(path, None, "define", f"{name!r}: give a pattern or a list of patterns")
        out[name] = patterns
    return out


_CATEGORY = re_cached.compile(r"^[a-z][a-z_]*$")


def compile_rule(spec: Any, pack: str, path: Path, source: str, index: int, validated: bool = False,
                 anchors: dict | None = None, defines: dict | None = None) -> Rule:
    if not isinstance(spec, dict):
        raise PackError(path, f"#{index + 1}", "rules", "each rule is a mapping")
    name = spec.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise PackError(path, name or f"#{index + 1}", "name", "must be a CamelCase name")
    rid = f"{pack}.{name}"

    def fail(field: str, problem: str):
        raise PackError(path, rid, field, problem)

    kind_name = spec.get("kind")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        fail("kind", f"must be one of {', '.join(KINDS)}")
    kind = KINDS[kind_name]
    no_unknown(spec, (COMMON - kind.not_for) | kind.fields, path, rid)
    for key in ("category", "message") + kind.required:
        if spec.get(key) in (None, "", [], {}):
            fail(key, "is required")
    category = spec["category"]
    if not isinstance(category, str) or not _CATEGORY.match(category):
        fail("category", "must be a snake_case category such as company_centric")
    if near := misspelt_category(category):
        fail("category", f"unknown category {category!r}; did you mean {near!r}?")
    severity = spec.get("severity", "warning")
    if severity not in SEVERITIES:
        fail("severity", f"must be one of {', '.join(SEVERITIES)}")
    demote = spec.get("demote", True)
    if not isinstance(demote, bool):
        fail("demote", "must be true or false")
    their_words = spec.get("their_words", False)
    if not isinstance(their_words, bool):
        fail("their_words", "must be true or false")
    owned_severity = spec.get("owned_severity")
    if owned_severity is not None and owned_severity not in SEVERITIES:
        fail("owned_severity", f"must be one of {', '.join(SEVERITIES)}")
    for key in ("message", "description", "why", "instead"):
        if key in spec and not isinstance(spec[key], str):
            fail(key, "must be text")
    check_template(spec["message"], "message", set(kind.placeholders) | kind.options(spec), fail)
    for key in ("word_boundaries", "case_sensitive"):
        if key in spec and not isinstance(spec[key], bool):
            fail(key, "must be true or false")
    scope = spec.get("scope", "writer")
    if scope not in SCOPES:
        fail("scope", f"must be one of {', '.join(SCOPES)}")
    when = _contexts(spec, "when", fail)
    # contexts that silence the rule: "sorry for the wait" is no stock phrase where the wait was a failure
    quiet_in = frozenset(_contexts(spec, "unless_context", fail))

    flags = dict(
        bounds=spec.get("word_boundaries", True), case=spec.get("case_sensitive", False), fail=fail,
        validated=validated, anchors=anchors, defines=defines or None,
    )
    unless = _unless(spec, flags, fail)
    check, options, fixable = kind.build(spec, flags, fail)
    examples = spec.get("examples")
    if not isinstance(examples, dict):
        fail("examples", "needs 'bad' and 'good' lists, at least one draft each")
    no_unknown(examples, {"bad", "good"}, path, rid)
    bad = _examples(examples.get("bad"), "examples.bad", fail)
    good = _examples(examples.get("good"), "examples.good", fail)

    def guarded(a, r):
        if when and not a.contexts.intersection(when):
            return ()
        if quiet_in and not quiet_in.isdisjoint(a.contexts):
            return ()
        found = check(a, r, scope)
        if their_words and a.quoted:  # the customer's own word is no jargon to them ("our SLA")
            found = (f for f in found if not _said_by_them(a, f))
        if unless:
            found = (f for f in found if not any(unless_hit(a, f.offset, p, where) for where, p in unless))
        if owned_severity is not None and r.severity == severity:  # a configured severity wins
            # a cause the writer owns is an explanation: said, but not held against the draft
            # (asked only once there is a finding: most drafts never need to know)
            found = (replace(f, severity=owned_severity) if a.owned else f for f in found)
        return found

    return Rule(
        id=rid,
        category=category,
        severity=severity,
        message=spec["message"].strip(),
        check=guarded,
        description=spec.get("description", "").strip() or kind.describe(spec),
        why=spec.get("why", "").strip(),
        instead=spec.get("instead", "").strip(),
        bad=bad,
        good=good,
        fixable=fixable,
        fix_safety=fix_safety(kind.always_fixes, spec),
        options=options,
        source=source,
        kind=kind_name,
        demotable=demote,
    )


def _said_by_them(a, finding) -> bool:
    """Are the finding's words in the customer's quoted message, as a word of their own: not
    quoted back ("what does 'pursuant to' mean?") nor asked about?"""
    words = " ".join(a.text[finding.offset:finding.end].split()).lower()
    if not words:
        return False
    quoted = " ".join(a.quoted.split()).lower()
    at = quoted.find(words)
    while at >= 0:
        end = at + len(words)
        before, after = quoted[at - 1:at], quoted[end:end + 1]
        if not (before.isalnum() or after.isalnum() or before in _QUOTE_MARKS or after in _QUOTE_MARKS):
            start = max(quoted.rfind(".", 0, at), quoted.rfind("?", 0, at), quoted.rfind("!", 0, at)) + 1
            stop = min((i for i in (quoted.find(c, end) for c in ".?!") if i >= 0), default=len(quoted))
            if not (_ASKED_ABOUT.search(quoted[start:stop + 1]) or _WHAT_IS.search(quoted[max(0, at - 50):at])):
                return True
        at = quoted.find(words, at + 1)
    return False


_QUOTE_MARKS = frozenset("'\"‘’“”")
# the customer asking what the words mean, or calling them out: not words of their own
_ASKED_ABOUT = re_cached.compile(r"\bmean\b|\bmeans\b|stand for|understand|unclear|jargon|confus|gobbledygook|plain english")
# ... or asking what it is: "What's an RMA?"
_WHAT_IS = re_cached.compile(r"\bwhat(?:['’]s| is| are| does| do)\b[^.?!]{0,40}$")


def _contexts(spec: dict, field: str, fail) -> list[str]:
    tags = str_list(spec.get(field, []), field, fail)
    for tag in tags:
        # a plugin's detector may add its own tags, but a near miss of a known one is a typo
        hint = difflib.get_close_matches(tag, CONTEXTS, n=1, cutoff=0.75)
        if tag not in CONTEXTS and hint:
            fail(field, f"unknown context {tag!r}; did you mean {hint[0]!r}?")
    return tags


def _unless(spec: dict, flags: dict, fail) -> list[tuple[str, Any]]:
    """(scope, pattern) for each place the rule's ``unless`` patterns are looked for:
    a list with one ``unless_scope`` (default "sentence"), or a mapping of scope to
    patterns ("an alternative in the next sentence, or a list of options anywhere after")."""
    given, scope = spec.get("unless"), spec.get("unless_scope", "sentence")
    if scope not in UNLESS_SCOPES:
        fail("unless_scope", f"must be one of {', '.join(UNLESS_SCOPES)}")
    if not given:
        return []
    if not isinstance(given, dict) or set(given) == {"lexicon"}:  # a list, or one lexicon entry
        return [(scope, compile_patterns(given, "unless", **flags))]
    if "unless_scope" in spec:
        fail("unless_scope", "is not used with a mapping of scopes to patterns: its keys say where each list is looked for")
    out = []
    for where, patterns in given.items():
        if where not in UNLESS_SCOPES:
            fail("unless", f"unknown scope {where!r}: one of {', '.join(UNLESS_SCOPES)}")
        if not patterns:  # an empty alternation matches everywhere: the rule would never speak
            fail(f"unless.{where}", "must be a non-empty list of patterns")
        out.append((where, compile_patterns(patterns, f"unless.{where}", **flags)))
    return out
