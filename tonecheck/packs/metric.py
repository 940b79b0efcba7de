"""metric: a readability figure from textstat (or a sentence's word count) is out of range."""
from __future__ import annotations

from .rewrite import compile_rewrite
from .schema import Threshold, fmt, number, whole

from .kind import Kind


#: Metrics that count words: whole numbers, shown without a decimal point.
COUNTS = ("word_count", "longest_sentence")


def build(spec, flags, fail):
    from ..analysis import READABILITY_METRICS

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
    options = {k: number(spec[k], k, fail) for k in ("max", "min") if k in spec}
    if metric not in COUNTS:
        # an index is a decimal figure: a config may set 12.5 (shown as written: 14, not 14.0)
        options = {k: Threshold(v) for k, v in options.items()}
    # draft-level figures are noise on a line or two: only judge drafts this long
    if per == "draft":
        options["min_words"] = whole(spec.get("min_words", 0), "min_words", fail)
    elif "min_words" in spec:
        fail("min_words", "applies to per: draft only")

    rewrite = compile_rewrite(spec, frozenset({"split"}), flags, fail, set(), split=True)

    def out_of_range(value, o) -> bool:
        return ("max" in o and value > o["max"]) or ("min" in o and value < o["min"])

    def check(a, r, scope):
        sents = a.body if scope != "opening" else a.opening()
        if per == "sentence":
            for s in sents:
                if out_of_range(s.longest_run, r.options):
                    fixed = rewrite(a, s, s.start, s.end, {}) if rewrite else None
                    yield r.finding(s.start, s.end, fmt(r.message, value=s.longest_run, **r.options),
                                    suggestions=[fixed] if fixed else [])
            return
        if not sents or a.word_count < r.options.get("min_words", 0):
            return
        value = a.readability[metric]
        if out_of_range(value, r.options):
            longest = max(sents, key=lambda s: s.word_count)
            fixed = rewrite(a, longest, longest.start, longest.end, {}) if rewrite else None
            shown = f"{value:.0f}" if metric in COUNTS else f"{value:.1f}"  # "352 words", "grade 14.2"
            yield r.finding(longest.start, longest.end, fmt(r.message, value=shown, **r.options),
                            suggestions=[fixed] if fixed else [])

    return check, options, rewrite is not None


def options(spec: dict) -> set:
    """The options a message may name: min_words belongs to per-draft figures only."""
    return ({"max", "min"} & set(spec)) | ({"min_words"} if spec.get("per", "draft") == "draft" else set())


KIND = Kind(
    name="metric",
    fields=frozenset({"metric", "max", "min", "per", "min_words", "rewrite", "fix"}),
    required=("metric",),
    placeholders=frozenset({"value"}),
    description=lambda spec: f"Checks the {spec.get('metric')} readability figure.",
    build=build,
    not_for=frozenset({"word_boundaries", "case_sensitive"}),
    options=options,
    rewrite_keys=frozenset({"split"}),
)
