"""require-when: in a context, none of the required phrases occurs (an acknowledgement missing)."""
from __future__ import annotations

from .. import fixes
from .patterns import compile_patterns
from .rewrite import HARD_TIMES, compile_rewrite, occasion, their_trouble, their_wait
from .schema import fmt

from .kind import SCOPES, Kind


REWRITES = frozenset({"before", "after", "at", "unless"})
# What a require-when rule's sentences may name: the customer's moment, and what a sorry says
_VALUES = {"occasion": occasion, "their_trouble": their_trouble, "their_wait": their_wait}


def build(spec, flags, fail):
    require = compile_patterns(spec["require"], "require", **flags)
    # e.g. "apologise for any inconvenience" contains "apologise" but acknowledges nothing
    hollow = compile_patterns(spec["not_counting"], "not_counting", **flags) if spec.get("not_counting") else None
    # where the acknowledgement is looked for: "scope", as for every kind ("within" is its older name)
    if "scope" in spec and "within" in spec:
        fail("scope", "is the same as 'within' (its older name): give one")
    field = "within" if "within" in spec else "scope"
    within = spec.get(field, "writer")
    if within not in SCOPES:
        fail(field, f"must be one of {', '.join(SCOPES)}")
    rewrite = compile_rewrite(spec, REWRITES, flags, fail, set(_VALUES))
    # the values the rule's sentences name, worked out per draft only if named
    template = " ".join(str(spec.get("rewrite", {}).get(k, "")) for k in ("before", "after"))
    named = {k: f for k, f in _VALUES.items() if "{" + k + "}" in template}

    def check(a, r, _scope):  # its scope is where it looks for the acknowledgement: ``within``
        if not a.body:
            return
        # an acknowledgement counts unless it ends inside a hollow phrase ("We are sorry
        # that you felt it was rushed": the words before the hollow part add nothing); the
        # hollow spans are found once, and both lists come in text order (linear, not n*m)
        hollow_spans = [(s, e) for s, e, _ in a.writer_matches(hollow, scope=within)] if hollow else []
        i = 0
        for s, e, _ in a.writer_matches(require, scope=within):
            while i < len(hollow_spans) and hollow_spans[i][1] < e:
                i += 1
            if not any(hs < e <= he for hs, he in hollow_spans[max(0, i - 1):i + 2]):
                return
        opening = fixes.opening_sentence(a)
        first = fixes.first_sentence(a)  # the letter's first sentence, not its "Policy number:" line
        fixed = None
        # congratulations are not offered to someone who also complains or grieves
        if rewrite and not ("{occasion}" in spec["rewrite"].get("before", "") and a.contexts & HARD_TIMES):
            values = {k: f(a) for k, f in named.items()}
            fixed = rewrite(a, opening, opening.start, opening.end, values) if opening else None
        yield r.finding(first.start, first.end, fmt(r.message, context=", ".join(sorted(a.contexts))),
                        suggestions=[fixed] if fixed else [])

    return check, {}, rewrite is not None


KIND = Kind(
    name="require-when",
    fields=frozenset({"require", "within", "not_counting", "rewrite", "fix"}),
    required=("when", "require"),
    placeholders=frozenset({"context"}),
    description="In the given context, requires an acknowledgement.",
    build=build,
    rewrite_keys=REWRITES,
)
