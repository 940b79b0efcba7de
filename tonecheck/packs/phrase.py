"""phrase: a pattern occurs (Vale's existence). Its fix: ``rewrite`` (swap, delete, before, after)."""
from __future__ import annotations

from typing import Iterator

from ..findings import Suggestion
from .patterns import compile_patterns
from .rewrite import compile_rewrite
from .schema import check_template, fmt, lowered

from .kind import Kind


KIND_REWRITES = frozenset({"swap", "delete", "before", "after", "unless"})


def build(spec, flags, fail):
    pattern = compile_patterns(spec["patterns"], "patterns", **flags)
    span = spec.get("span", "match")
    if span not in ("match", "sentence"):
        fail("span", "must be 'match' or 'sentence'")
    suggest = spec.get("suggest")
    if suggest is not None and not isinstance(suggest, str):
        fail("suggest", "must be text")
    if suggest is not None:
        check_template(suggest, "suggest", {"match"}, fail)
    limit = spec.get("max_per_draft")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        fail("max_per_draft", "must be a whole number of 1 or more")
    rewrite = compile_rewrite(spec, KIND_REWRITES, flags, fail, {"match", "lowered"})

    def check(a, r, scope) -> Iterator:
        n = 0
        for s, e, text in a.writer_matches(pattern, scope=scope):
            sent = a.sentence_at(s)
            if span == "sentence" and sent:
                s, e = sent.start, sent.end
            sugg = [Suggestion(fmt(suggest, match=text))] if suggest else []
            if rewrite is not None:
                fixed = rewrite(a, sent, s, e, {"match": text, "lowered": lowered(text)})
                if fixed is not None:
                    sugg.extend(fixed if isinstance(fixed, list) else [fixed])
            yield r.finding(s, e, fmt(r.message, match=text), suggestions=sugg)
            n += 1
            if limit and n >= limit:
                return

    return check, {}, rewrite is not None


KIND = Kind(
    name="phrase",
    fields=frozenset({"patterns", "span", "suggest", "max_per_draft", "rewrite", "fix"}),
    required=("patterns",),
    placeholders=frozenset({"match"}),
    description="Flags the phrases listed in this rule.",
    build=build,
    rewrite_keys=KIND_REWRITES,
)
