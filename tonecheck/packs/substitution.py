"""substitution: a pattern occurs, and its replacement is the fix (Vale's substitution)."""
from __future__ import annotations

from bisect import bisect_left

from ..findings import Edit, Fix, Suggestion
from .patterns import compile_patterns
from .rewrite import applicability
from .schema import fmt, match_case

from .kind import Kind


def build(spec, flags, fail):
    swap = spec["swap"]
    if not isinstance(swap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
        fail("swap", "must map each pattern to its replacement")
    compiled = [(compile_patterns([k], "swap", **flags), v) for k, v in swap.items()]
    case = flags["case"]
    safety = "safe" if applicability(spec, fail) else "unsafe"

    def check(a, r, scope):
        # words one swap has claimed: the first listed wins. The claimed spans never
        # overlap, so sorted by start their ends are sorted too, and only the last one
        # starting before a match's end can overlap it.
        starts: list[int] = []
        ends: list[int] = []
        for pattern, replacement in compiled:
            for s, e, text in a.writer_matches(pattern, scope=scope):
                i = bisect_left(starts, e)
                if i and ends[i - 1] > s:
                    continue
                starts.insert(i, s)
                ends.insert(i, e)
                new = replacement if case else match_case(text, replacement)
                fix = Fix((Edit(s, e - s, new),), safety)
                msg = fmt(r.message, match=text, replacement=new)
                yield r.finding(s, e, msg, suggestions=[Suggestion(f"Write {new!r}", fix)])

    return check, {}, True


KIND = Kind(
    name="substitution",
    fields=frozenset({"swap", "fix"}),
    required=("swap",),
    placeholders=frozenset({"match", "replacement"}),
    description="Flags a phrase and offers a better one.",
    build=build,
    always_fixes=True,
)
