"""ratio: one kind of phrase outnumbers another (I/we against you)."""
from __future__ import annotations

from .patterns import compile_patterns
from .schema import fmt, number, whole

from .kind import Kind


def build(spec, flags, fail):
    num = compile_patterns(spec["numerator"], "numerator", **flags)
    den = compile_patterns(spec["denominator"], "denominator", **flags)
    options = {"max": number(spec["max"], "max", fail), "min_count": whole(spec.get("min_count", 3), "min_count", fail)}

    def check(a, r, scope):
        hits = list(a.writer_matches(num, scope=scope))
        d = sum(1 for _ in a.writer_matches(den, scope=scope))
        ratio = len(hits) / max(d, 1)
        if len(hits) >= r.options["min_count"] and ratio > r.options["max"]:
            s, e, _ = hits[0]
            msg = fmt(r.message, numerator=len(hits), denominator=d, ratio=f"{ratio:.1f}")
            yield r.finding(s, e, msg)

    return check, options, False


KIND = Kind(
    name="ratio",
    fields=frozenset({"numerator", "denominator", "max", "min_count"}),
    required=("numerator", "denominator", "max"),
    placeholders=frozenset({"numerator", "denominator", "ratio"}),
    description="Compares how often two kinds of phrase occur.",
    build=build,
)
