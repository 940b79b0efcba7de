"""limit: a phrase occurs more than ``max`` times (Vale's occurrence)."""
from __future__ import annotations

from .patterns import compile_patterns
from .schema import fmt, whole

from .kind import Kind


def build(spec, flags, fail):
    pattern = compile_patterns(spec["patterns"], "patterns", **flags)
    options = {"max": whole(spec["max"], "max", fail)}

    def check(a, r, scope):
        hits = list(a.writer_matches(pattern, scope=scope))
        if len(hits) > r.options["max"]:
            s, e, text = hits[r.options["max"]]
            yield r.finding(s, e, fmt(r.message, count=len(hits), match=text, **r.options))

    return check, options, False


KIND = Kind(
    name="limit",
    fields=frozenset({"patterns", "max"}),
    required=("patterns", "max"),
    placeholders=frozenset({"count", "match"}),
    description="Flags a phrase used too often.",
    build=build,
    options=lambda spec: {"max"},
)
