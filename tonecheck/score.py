"""The draft's score: 100 less a weight per finding, overall and per category,
with an explanation a writer can read ("-10 CustomerFocus.OwnAgenda")."""
from __future__ import annotations

from dataclasses import dataclass, field

from .findings import CATEGORIES


@dataclass(frozen=True)
class Score:
    overall: float
    categories: dict[str, float]
    explanation: list[dict] = field(default_factory=list)


def score(findings, weights: dict) -> Score:
    by_rule: dict[str, dict] = {}
    cat_loss = {c: 0.0 for c in CATEGORIES}
    for f in findings:
        w = float(weights.get(f.severity, 0))
        entry = by_rule.setdefault(
            f.rule, {"rule": f.rule, "category": f.category, "count": 0, "points": 0.0}
        )
        entry["count"] += 1
        # repeats of one rule count, but less each time: one problem, said again
        entry["points"] += w / entry["count"]
        cat_loss[f.category] = cat_loss.get(f.category, 0.0) + w / entry["count"]
    explanation = sorted(by_rule.values(), key=lambda e: (-e["points"], e["rule"]))
    for e in explanation:
        e["points"] = -round(e["points"], 1)
    total = sum(-e["points"] for e in explanation)
    return Score(
        overall=round(max(0.0, 100.0 - total), 1),
        categories={c: round(max(0.0, 100.0 - 2 * loss), 1) for c, loss in cat_loss.items()},
        explanation=explanation,
    )
