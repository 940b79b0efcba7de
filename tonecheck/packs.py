"""YAML rule packs: load (through a parse cache), validate, compile into Rules.

A pack is one YAML file: ``pack: Name``, optional ``description``, and ``rules:``, a
list of rules of one of the kinds below. Patterns are compiled with RE2, a
linear-time engine, so a house rule cannot hang a run; they match case-insensitively
and, unless ``word_boundaries: false``, only as whole words.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

from . import cache, fixes
from .config import CONTEXTS
from .errors import PackError
from .findings import SEVERITIES, Edit, Fix, Suggestion
from .rule import Example, Rule

KINDS = ("phrase", "substitution", "ratio", "metric", "require-when", "limit")
_COMMON = {
    "name", "kind", "category", "severity", "message", "description", "why", "instead",
    "examples", "when", "unless", "unless_scope", "scope", "word_boundaries", "case_sensitive",
    "owned_severity",
}
_KIND_FIELDS = {
    "phrase": {"patterns", "span", "suggest", "max_per_draft", "rewrite", "fix"},
    "substitution": {"swap", "fix"},
    "ratio": {"numerator", "denominator", "max", "min_count"},
    "metric": {"metric", "max", "min", "per", "min_words", "rewrite", "fix"},
    "require-when": {"require", "within", "not_counting", "rewrite", "fix"},
    "limit": {"patterns", "max"},
}
# Common fields that mean nothing for a kind: an error, not silently ignored.
_NOT_FOR = {"require-when": {"scope"}, "metric": {"word_boundaries", "case_sensitive"}}
_REQUIRED = {
    "phrase": ("patterns",),
    "substitution": ("swap",),
    "ratio": ("numerator", "denominator", "max"),
    "metric": ("metric",),
    "require-when": ("when", "require"),
    "limit": ("patterns", "max"),
}
_SCOPES = ("writer", "body", "opening")
_UNLESS_SCOPES = ("sentence", "following", "around", "draft")
_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")


# -- loading --------------------------------------------------------------------
def pack_files(path: Path) -> list[Path]:
    """The pack files at a path: the file itself, or a folder's *.yml / *.yaml, sorted."""
    try:
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
        if path.is_file():
            return [path]
        if path.exists():  # a FIFO, a device, a socket: reading it could wait for ever
            raise PackError(path, None, "path", "not a regular file (a pipe or device?)")
        if path.is_symlink():
            raise PackError(path, None, "path", "a symbolic link that leads nowhere (or round in a loop)")
    except OSError as exc:  # a loop of links, a folder that cannot be listed
        raise PackError(path, None, "path", exc.strerror or str(exc)) from None
    raise PackError(path, None, "path", "no such file or folder")


def _stamp(path: Path) -> list[int]:
    try:
        st = path.stat()
    except OSError as exc:
        raise PackError(path, None, "path", exc.strerror or str(exc)) from None
    return [st.st_mtime_ns, st.st_size]


def read_pack(path: Path) -> Any:
    """The parsed YAML of a pack (not cached: see load_pack)."""
    path = Path(path)
    _stamp(path)
    return _parse_yaml(path)


#: The most values a pack may hold once YAML's aliases are expanded: a real pack has a
#: few thousand; an alias "bomb" of a kilobyte expands to hundreds of millions.
MAX_NODES = 200_000


def _bounded(data: Any, path: Path) -> Any:
    """``data``, if it expands to at most MAX_NODES values (aliases counted each time
    they are used, as caching or compiling would use them)."""
    seen, stack = 0, [data]
    while stack:
        item = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise PackError(path, None, "yaml", f"the pack expands to more than {MAX_NODES:,} values "
                            "(YAML aliases repeated inside one another?)")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return data


def _parse_yaml(path: Path) -> Any:
    import yaml

    try:
        return _bounded(yaml.safe_load(path.read_text(encoding="utf-8")), path)
    except UnicodeDecodeError:
        raise PackError(path, None, "file", "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PackError(path, None, "yaml", f"invalid YAML{where}: {problem}") from None


def load_pack(path: Path, source: str) -> list[Rule]:
    """The pack's rules. Its parsed YAML is cached once it has compiled: PyYAML costs
    ~40 ms to import, and an invalid pack must fail the same way every time."""
    path = Path(path)
    stamp = _stamp(path)
    entry = cache.entry("packs", str(path.resolve()))
    data = cache.load(entry, stamp)
    if data is not None:
        return compile_pack(data, path, source)
    data = _parse_yaml(path)
    rules = compile_pack(data, path, source)
    cache.store(entry, stamp, data)
    return rules


# -- validation and compilation ------------------------------------------------------
def compile_pack(data: Any, path: Path, source: str) -> list[Rule]:
    if not isinstance(data, dict):
        raise PackError(path, None, "pack", "a pack is a mapping with 'pack' and 'rules'")
    _no_unknown(data, {"pack", "description", "rules"}, path, None)
    pack = data.get("pack")
    if not isinstance(pack, str) or not _NAME.match(pack):
        raise PackError(path, None, "pack", "must be a CamelCase name such as CustomerFocus")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise PackError(path, None, "rules", "must be a non-empty list of rules")
    out = []
    for i, spec in enumerate(rules):
        out.append(_compile_rule(spec, pack, path, source, i))
    return out


def _no_unknown(spec: dict, allowed: set, path, rule) -> None:
    for key in spec:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            extra = f"; did you mean {hint[0]!r}?" if hint else ""
            raise PackError(path, rule, key, f"unknown field{extra}")


def _compile_rule(spec: Any, pack: str, path: Path, source: str, index: int) -> Rule:
    if not isinstance(spec, dict):
        raise PackError(path, f"#{index + 1}", "rules", "each rule is a mapping")
    name = spec.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise PackError(path, name or f"#{index + 1}", "name", "must be a CamelCase name")
    rid = f"{pack}.{name}"

    def fail(field: str, problem: str):
        raise PackError(path, rid, field, problem)

    kind = spec.get("kind")
    if kind not in KINDS:
        fail("kind", f"must be one of {', '.join(KINDS)}")
    _no_unknown(spec, (_COMMON - _NOT_FOR.get(kind, set())) | _KIND_FIELDS[kind], path, rid)
    for key in ("category", "message") + _REQUIRED[kind]:
        if spec.get(key) in (None, "", [], {}):
            fail(key, "is required")
    category = spec["category"]
    if not isinstance(category, str) or not re.match(r"^[a-z][a-z_]*$", category):
        fail("category", "must be a snake_case category such as company_centric")
    severity = spec.get("severity", "warning")
    if severity not in SEVERITIES:
        fail("severity", f"must be one of {', '.join(SEVERITIES)}")
    owned_severity = spec.get("owned_severity")
    if owned_severity is not None and owned_severity not in SEVERITIES:
        fail("owned_severity", f"must be one of {', '.join(SEVERITIES)}")
    for key in ("message", "description", "why", "instead"):
        if key in spec and not isinstance(spec[key], str):
            fail(key, "must be text")
    _check_template(spec["message"], "message", _PLACEHOLDERS[kind] | _option_names(kind, spec), fail)
    if kind == "phrase" and isinstance(spec.get("suggest"), str):
        _check_template(spec["suggest"], "suggest", {"match"}, fail)
    for key in ("word_boundaries", "case_sensitive"):
        if key in spec and not isinstance(spec[key], bool):
            fail(key, "must be true or false")
    scope = spec.get("scope", "writer")
    if scope not in _SCOPES:
        fail("scope", f"must be one of {', '.join(_SCOPES)}")
    when = _str_list(spec.get("when", []), "when", fail)
    for tag in when:
        # a plugin's detector may add its own tags, but a near miss of a known one is a typo
        hint = difflib.get_close_matches(tag, CONTEXTS, n=1, cutoff=0.75)
        if tag not in CONTEXTS and hint:
            fail("when", f"unknown context {tag!r}; did you mean {hint[0]!r}?")

    flags = dict(
        bounds=spec.get("word_boundaries", True), case=spec.get("case_sensitive", False), fail=fail
    )
    unless = _compile(spec.get("unless", []), "unless", **flags) if spec.get("unless") else None
    unless_scope = spec.get("unless_scope", "sentence")
    if unless_scope not in _UNLESS_SCOPES:
        fail("unless_scope", f"must be one of {', '.join(_UNLESS_SCOPES)}")
    builder = _BUILDERS[kind]
    check, options, fixable = builder(spec, flags, fail)
    examples = spec.get("examples")
    if not isinstance(examples, dict):
        fail("examples", "needs 'bad' and 'good' lists, at least one draft each")
    _no_unknown(examples, {"bad", "good"}, path, rid)
    bad = _examples(examples.get("bad"), "examples.bad", fail)
    good = _examples(examples.get("good"), "examples.good", fail)

    def guarded(a, r):
        if when and not a.contexts.intersection(when):
            return ()
        found = check(a, r, scope)
        if unless is not None:
            found = (f for f in found if not _unless_hit(a, f.offset, unless, unless_scope))
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
        description=spec.get("description", "").strip() or _default_description(kind, spec),
        why=spec.get("why", "").strip(),
        instead=spec.get("instead", "").strip(),
        bad=bad,
        good=good,
        fixable=fixable,
        fix_safety=_fix_safety(kind, spec),
        options=options,
        source=source,
        kind=kind,
    )


def _str_list(value, field, fail) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        fail(field, "must be a list of strings")
    return value


def _pattern_list(value, field, fail) -> list[str]:
    """A list of patterns, each text or ``{lexicon: name}`` (that entry's patterns, from
    the shared lexicon, read only when a pack refers to it)."""
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        fail(field, "must be a list of patterns")
    out: list[str] = []
    for item in value:
        if isinstance(item, str) and item:
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("lexicon")
            if len(item) != 1 or not isinstance(name, str):
                fail(field, "each pattern is text, or {lexicon: name} naming a lexicon entry")
            from . import lexicon

            try:
                out.extend(lexicon.patterns(name))
            except lexicon.UnknownEntry as exc:
                fail(field, str(exc))
        else:
            fail(field, "must be a list of patterns")
    return out


def _examples(value, field, fail) -> tuple[Example, ...]:
    if not isinstance(value, list) or not value:
        fail(field, "needs at least one draft")
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            unknown = sorted(set(item) - {"text", "context"}, key=str)
            if unknown:
                fail(field, f"unknown key {unknown[0]!r} in an example (only 'text' and 'context')")
            out.append(Example(item["text"], tuple(_str_list(item.get("context", []), field, fail))))
        else:
            fail(field, "each example is a draft, or a mapping with 'text' and 'context'")
    return tuple(out)


class _Deferred:
    """A regex compiled when a rule first uses it (see _compile)."""

    __slots__ = ("_build", "_regex")

    def __init__(self, build):
        self._build, self._regex = build, None

    def __getattr__(self, name):
        if self._regex is None:
            self._regex = self._build()
        return getattr(self._regex, name)


def _compile(patterns, field: str, *, bounds: bool, case: bool, fail):
    """One RE2 alternation for a list of patterns: one pass over the text per rule. A list
    made only of lexicon entries, each checked when the lexicon was read, is compiled
    when a rule first uses it (Empathy's hollow apologies: only a complaint needs them)."""
    import re2

    items = _pattern_list(patterns, field, fail)
    for p in items:  # joined, "(abc" and "def)" would make one different expression
        if not _balanced(p):
            fail(field, f"pattern {p!r} has unbalanced parentheses; each pattern must stand alone")
    opts = re2.Options()
    opts.log_errors = False
    opts.case_sensitive = bool(case)
    alt = "|".join(f"(?:{_flexible_spaces(p)})" for p in items)
    if isinstance(patterns, dict) or (isinstance(patterns, list) and all(isinstance(p, dict) for p in patterns)):
        return _Deferred(lambda: re2.compile(rf"\b(?:{alt})\b" if bounds else alt, opts))
    try:
        return re2.compile(rf"\b(?:{alt})\b" if bounds else alt, opts)
    except re2.error:
        pass
    for p in items:  # find the pattern at fault, so the error names it
        try:
            re2.compile(p, opts)
        except re2.error as exc:
            detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            fail(field, f"pattern {p!r} is not valid RE2 syntax ({detail}); RE2 has no look-around or back-references")
    fail(field, "the patterns do not combine into one expression (an unbalanced bracket across patterns?)")


def _balanced(pattern: str) -> bool:
    """Are the pattern's groups closed? Escapes and [...] classes do not count."""
    depth, i, n = 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


# An escape, a [...] class, or a space (optionally made optional by ? or *)
_SPACE_TOKEN = re.compile(r"\\.|\[(?:\\.|[^\]])*\]| [?*+]?")


@lru_cache(maxsize=None)  # a lexicon entry's patterns recur in several rules
def _flexible_spaces(pattern: str) -> str:
    """A space in a pattern matches any run of white space, so hard-wrapped lines
    ("in the order they\\nare received") still match; spaces in [...] stay as written."""

    def swap(m) -> str:
        token = m.group()
        if token[0] != " ":
            return token
        if len(token) == 1 or token[1] == "+":
            return r"\s+"
        return r"\s*"

    return _SPACE_TOKEN.sub(swap, pattern)


def _unless_hit(a, offset: int, pattern, scope: str) -> bool:
    """Does ``pattern`` occur near the finding: in its sentence, in that sentence or
    the two after it ("following": a refusal answered by an alternative), from the
    sentence before to the two after ("around"), or anywhere in the writer's text ("draft")?"""
    if scope == "draft":
        return any(True for _ in a.writer_matches(pattern))
    sent = a.sentence_at(offset)
    if sent is None:
        return False
    first = max(0, sent.index - 1) if scope == "around" else sent.index
    last = sent.index + (3 if scope in ("following", "around") else 1)
    return any(pattern.search(s.text) for s in a.sentences[first:last])


# The figures each kind puts in its message, besides the rule's own options.
_PLACEHOLDERS = {
    "phrase": {"match"},
    "substitution": {"match", "replacement"},
    "ratio": {"numerator", "denominator", "ratio"},
    "metric": {"value"},
    "require-when": {"context"},
    "limit": {"count", "match"},
}


def _option_names(kind: str, spec: dict) -> set:
    if kind == "metric":  # min_words belongs to per-draft figures only
        return ({"max", "min"} & set(spec)) | ({"min_words"} if spec.get("per", "draft") == "draft" else set())
    return {"max"} if kind == "limit" else set()


class _Threshold(float):
    """A readability threshold: any decimal, printed as the pack or config wrote it."""

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec or "g")

    def __str__(self) -> str:
        return format(self)

    __repr__ = __str__


def _check_template(template: str, field: str, allowed: set, fail) -> None:
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


class _Fmt(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _fmt(template: str, **values) -> str:
    return template.format_map(_Fmt(values))


def _default_description(kind: str, spec: dict) -> str:
    return {
        "phrase": "Flags the phrases listed in this rule.",
        "substitution": "Flags a phrase and offers a better one.",
        "ratio": "Compares how often two kinds of phrase occur.",
        "metric": f"Checks the {spec.get('metric')} readability figure.",
        "require-when": "In the given context, requires an acknowledgement.",
        "limit": "Flags a phrase used too often.",
    }[kind]


def _fix_safety(kind: str, spec: dict) -> str:
    if kind != "substitution" and "rewrite" not in spec:
        return "No automatic fix."
    if spec.get("fix") == "safe":
        return "Safe: the replacement keeps the meaning."
    return "Unsafe: the replacement may change the meaning; review it before sending."


def _applicability(spec, fail) -> bool:
    """Is the rule's fix safe? (``fix: safe``; unsafe unless said)"""
    value = spec.get("fix", "unsafe")
    if value not in ("safe", "unsafe"):
        fail("fix", "must be 'safe' or 'unsafe'")
    if "fix" in spec and "rewrite" not in spec and "swap" not in spec:
        fail("fix", "says how safe the rule's 'rewrite' is, and the rule has none")
    return value == "safe"


_REWRITE_KEYS = {"phrase": {"swap", "delete", "before", "after"}, "require-when": {"before"}, "metric": {"split"}}


def _rewrite(spec, kind: str, flags, fail, values: set):
    """The rule's fix, compiled: a function (analysis, sentence, start, end, values)
    -> Suggestion or None. ``rewrite`` holds, for a phrase rule, ``swap`` (in the
    finding's sentence, the first pattern that matches is replaced; "" deletes the
    words), ``delete: sentence``, and ``before`` / ``after`` (a sentence added there
    when no swap applies; with ``delete``, the sentence's replacement); for a
    require-when rule, ``before``
    (a sentence that opens the body); for a metric, ``split: true`` (the sentence it
    points at, the long one or the longest, split where it turns)."""
    from . import fixes

    rw = spec.get("rewrite")
    safe = _applicability(spec, fail)
    if "rewrite" not in spec:
        return None
    if not isinstance(rw, dict) or not rw:
        fail("rewrite", f"must be a mapping of {', '.join(sorted(_REWRITE_KEYS[kind]))}")
    for key in rw:
        if key not in _REWRITE_KEYS[kind]:
            fail("rewrite", f"unknown key {key!r} (this kind takes {', '.join(sorted(_REWRITE_KEYS[kind]))})")
    if kind == "metric":
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
            _check_template(rw[key], f"rewrite.{key}", values, fail)
    delete = rw.get("delete")
    if delete is not None and delete != "sentence":
        fail("rewrite", "'delete' can only be 'sentence'")
    swaps = []
    if "swap" in rw:
        if not isinstance(rw["swap"], dict) or not rw["swap"] or not all(isinstance(k, str) and isinstance(v, str) for k, v in rw["swap"].items()):
            fail("rewrite", "'swap' must map each pattern to its replacement")
        for k, v in rw["swap"].items():
            _check_template(v, "rewrite.swap", values, fail)
            swaps.append((_compile([k], "rewrite.swap", **flags), v))
    if delete and swaps:
        fail("rewrite", "'delete' and 'swap' cannot be used together")
    before, after = rw.get("before"), rw.get("after")

    def make(a, sentence, start, end, vals):
        if sentence is None:
            return None
        if delete:
            if before or after:
                new = _fmt(" ".join(filter(None, (before, after))), **vals)
                edit = fixes.replace_span(sentence, sentence.start, sentence.end, new)
                return fixes.suggestion(f"Write {fixes.capital(new)!r} instead", edit, safe=safe)
            if fixes.points_back(a, sentence):
                return None  # "Today is one of them." would point at nothing
            return fixes.suggestion("Leave this sentence out", fixes.delete_sentence(a, sentence), safe=safe)
        for pattern, replacement in swaps:
            hits = list(pattern.finditer(sentence.text))
            # the words the finding is about, else the first the swap knows
            near = [m for m in hits if sentence.start + m.start() < end and start < sentence.start + m.end()]
            m = (near or hits or [None])[0]
            if m is not None:
                new = _fmt(replacement, **{**vals, "match": m.group(), "lowered": _lowered(m.group())})
                new = new if flags["case"] else _match_case(m.group(), new)
                if new == m.group():
                    return None  # nothing to change ("UK VAT ID" is not shouting to lower)
                edit = fixes.replace_span(sentence, sentence.start + m.start(), sentence.start + m.end(), new)
                said = f"Write {new!r}" if new.strip(" .") else f"Leave out {m.group()!r}"
                return fixes.suggestion(said, edit, safe=safe)
        # no swap applies: a sentence added before or after
        edits = []
        if before:
            edits.append(fixes.add_before(sentence, _fmt(before, **vals)))
        if after:
            edits.append(fixes.add_after(sentence, _fmt(after, **vals)))
        if not edits:
            return None
        return fixes.suggestion("Add " + " and ".join(repr(e.content.strip()) for e in edits), *edits, safe=safe)

    return make


# -- the kinds ---------------------------------------------------------------------
Builder = Callable[[dict, dict, Callable], tuple[Callable, dict, bool]]


def _phrase(spec, flags, fail):
    pattern = _compile(spec["patterns"], "patterns", **flags)
    span = spec.get("span", "match")
    if span not in ("match", "sentence"):
        fail("span", "must be 'match' or 'sentence'")
    suggest = spec.get("suggest")
    if suggest is not None and not isinstance(suggest, str):
        fail("suggest", "must be text")
    limit = spec.get("max_per_draft")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        fail("max_per_draft", "must be a whole number of 1 or more")
    rewrite = _rewrite(spec, "phrase", flags, fail, {"match", "lowered"})

    def check(a, r, scope) -> Iterator:
        n = 0
        for s, e, text in a.writer_matches(pattern, scope=scope):
            sent = a.sentence_at(s)
            if span == "sentence" and sent:
                s, e = sent.start, sent.end
            sugg = [Suggestion(_fmt(suggest, match=text))] if suggest else []
            if rewrite is not None:
                fixed = rewrite(a, sent, s, e, {"match": text, "lowered": _lowered(text)})
                if fixed is not None:
                    sugg.append(fixed)
            yield r.finding(s, e, _fmt(r.message, match=text), suggestions=sugg)
            n += 1
            if limit and n >= limit:
                return

    return check, {}, rewrite is not None


def _substitution(spec, flags, fail):
    swap = spec["swap"]
    if not isinstance(swap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
        fail("swap", "must map each pattern to its replacement")
    compiled = [(_compile([k], "swap", **flags), v) for k, v in swap.items()]
    case = flags["case"]
    applicability = "safe" if _applicability(spec, fail) else "unsafe"

    def check(a, r, scope):
        for pattern, replacement in compiled:
            for s, e, text in a.writer_matches(pattern, scope=scope):
                new = replacement if case else _match_case(text, replacement)
                fix = Fix((Edit(s, e - s, new),), applicability)
                msg = _fmt(r.message, match=text, replacement=new)
                yield r.finding(s, e, msg, suggestions=[Suggestion(f"Write {new!r}", fix)])

    return check, {}, True


def _lowered(text: str) -> str:
    """Shouted words in lower case; words of up to three letters (UK, VAT, ID) kept:
    they are more likely abbreviations than a raised voice."""
    return re.sub(r"[A-Z]{4,}", lambda m: m.group().lower(), text)


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _ratio(spec, flags, fail):
    num = _compile(spec["numerator"], "numerator", **flags)
    den = _compile(spec["denominator"], "denominator", **flags)
    options = {"max": _number(spec["max"], "max", fail), "min_count": _whole(spec.get("min_count", 3), "min_count", fail)}

    def check(a, r, scope):
        hits = list(a.writer_matches(num, scope=scope))
        d = sum(1 for _ in a.writer_matches(den, scope=scope))
        ratio = len(hits) / max(d, 1)
        if len(hits) >= r.options["min_count"] and ratio > r.options["max"]:
            s, e, _ = hits[0]
            msg = _fmt(r.message, numerator=len(hits), denominator=d, ratio=f"{ratio:.1f}")
            yield r.finding(s, e, msg)

    return check, options, False


def _metric(spec, flags, fail):
    from .analysis import READABILITY_METRICS

    metric = spec["metric"]
    if metric not in READABILITY_METRICS:
        fail("metric", f"must be one of {', '.join(READABILITY_METRICS)}")
    per = spec.get("per", "draft")
    if per not in ("draft", "sentence"):
        fail("per", "must be 'draft' or 'sentence'")
    if per == "sentence" and metric != "word_count":
        fail("per", "per-sentence checks support the word_count metric")
    if "max" not in spec and "min" not in spec:
        fail("max", "a metric rule needs 'max' or 'min'")
    options = {k: _number(spec[k], k, fail) for k in ("max", "min") if k in spec}
    if metric not in ("word_count", "longest_sentence"):
        # an index is a decimal figure: a config may set 12.5 (shown as written: 14, not 14.0)
        options = {k: _Threshold(v) for k, v in options.items()}
    # draft-level figures are noise on a line or two: only judge drafts this long
    if per == "draft":
        options["min_words"] = _whole(spec.get("min_words", 0), "min_words", fail)
    elif "min_words" in spec:
        fail("min_words", "applies to per: draft only")

    rewrite = _rewrite(spec, "metric", flags, fail, set())

    def out_of_range(value, o) -> bool:
        return ("max" in o and value > o["max"]) or ("min" in o and value < o["min"])

    def check(a, r, scope):
        sents = a.body if scope != "opening" else a.opening()
        if per == "sentence":
            for s in sents:
                if out_of_range(s.longest_run, r.options):
                    fixed = rewrite(a, s, s.start, s.end, {}) if rewrite else None
                    yield r.finding(s.start, s.end, _fmt(r.message, value=s.longest_run, **r.options),
                                    suggestions=[fixed] if fixed else [])
            return
        if not sents or a.word_count < r.options.get("min_words", 0):
            return
        value = a.readability[metric]
        if out_of_range(value, r.options):
            longest = max(sents, key=lambda s: len(s.words))
            fixed = rewrite(a, longest, longest.start, longest.end, {}) if rewrite else None
            yield r.finding(longest.start, longest.end, _fmt(r.message, value=f"{value:.1f}", **r.options),
                            suggestions=[fixed] if fixed else [])

    return check, options, rewrite is not None


def _require_when(spec, flags, fail):
    require = _compile(spec["require"], "require", **flags)
    # e.g. "apologise for any inconvenience" contains "apologise" but acknowledges nothing
    hollow = _compile(spec["not_counting"], "not_counting", **flags) if spec.get("not_counting") else None
    within = spec.get("within", "writer")
    if within not in _SCOPES:
        fail("within", f"must be one of {', '.join(_SCOPES)}")
    rewrite = _rewrite(spec, "require-when", flags, fail, {"occasion"})

    def check(a, r, scope):
        if not a.body:
            return
        # an acknowledgement counts unless it lies inside a hollow phrase; the hollow
        # spans are found once, and both lists come in text order (linear, not n*m)
        hollow_spans = [(s, e) for s, e, _ in a.writer_matches(hollow, scope=within)] if hollow else []
        i = 0
        for s, e, _ in a.writer_matches(require, scope=within):
            while i < len(hollow_spans) and hollow_spans[i][1] < e:
                i += 1
            if not any(hs <= s and e <= he for hs, he in hollow_spans[max(0, i - 1):i + 2]):
                return
        first = a.body[0]
        opening = fixes.opening_sentence(a)
        fixed = None
        # congratulations are not offered to someone who also complains or grieves
        if rewrite and not ("{occasion}" in spec["rewrite"].get("before", "") and a.contexts & _HARD_TIMES):
            fixed = rewrite(a, opening, opening.start, opening.end, {"occasion": _occasion(a)}) if opening else None
        yield r.finding(first.start, first.end, _fmt(r.message, context=", ".join(sorted(a.contexts))),
                        suggestions=[fixed] if fixed else [])

    return check, {}, rewrite is not None


_HARD_TIMES = frozenset({"complaint", "bereavement", "distress", "bad_news"})
_OCCASION = re.compile(
    r"\bnew (car|home|house|baby|puppy|kitten|job|flat|apartment|vehicle|kitchen|bathroom|van|bike)\b|"
    r"\b(wedding|anniversary|birthday|engagement|graduation|retirement|promotion)\b",
    re.IGNORECASE,
)


def _occasion(a) -> str:
    """The customer's big moment in a few words ("your new car"), from their message
    or the draft; a placeholder when neither names one."""
    from .fixes import placeholder

    for text in (a.quoted, a.body_text):
        m = _OCCASION.search(text)
        if m:
            return f"your new {m.group(1).lower()}" if m.group(1) else f"your {m.group(2).lower()}"
    return placeholder("their news")


def _limit(spec, flags, fail):
    pattern = _compile(spec["patterns"], "patterns", **flags)
    options = {"max": _whole(spec["max"], "max", fail)}

    def check(a, r, scope):
        hits = list(a.writer_matches(pattern, scope=scope))
        if len(hits) > r.options["max"]:
            s, e, text = hits[r.options["max"]]
            yield r.finding(s, e, _fmt(r.message, count=len(hits), match=text, **r.options))

    return check, options, False


def _number(value, field, fail) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(field, "must be a number")
    return value


def _whole(value, field, fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(field, "must be a whole number")
    return value


_BUILDERS: dict[str, Builder] = {
    "phrase": _phrase,
    "substitution": _substitution,
    "ratio": _ratio,
    "metric": _metric,
    "require-when": _require_when,
    "limit": _limit,
}
