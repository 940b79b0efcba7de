"""The draft's score, overall and per category, with an explanation a writer can read
("CustomerFocus.OwnAgenda -25").

The overall score is, by default, learned: the chance in percent that a careful
customer-service lead would send the draft as it is, from the trained model in
``tonecheck/model`` (what the rules found, per category and severity, and the
wording). With ``score = "weights"`` it is 100 less a weight per finding. Category
scores always use the weights: they say where the points went, not a probability.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .findings import CATEGORIES


@dataclass(frozen=True)
class Score:
    overall: float
    categories: dict[str, float]
    explanation: list[dict] = field(default_factory=list)
    method: str = "weights"  # "learned" or "weights"


#: Findings the score leaves out: a placeholder a rewrite left stops the send (an
#: error), but the tone is judged as the draft will read once it is filled in.
UNSCORED = frozenset({"Structure.UnfilledPlaceholder"})


def score(findings, weights: dict, learned=None) -> Score:
    """``learned`` is (model, the body's word counts) for the learned overall score."""
    findings = [f for f in findings if f.rule not in UNSCORED]
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
    categories = {c: round(max(0.0, 100.0 - 2 * loss), 1) for c, loss in cat_loss.items()}
    if learned is not None:
        return _learned(findings, *learned, categories)
    explanation = sorted(by_rule.values(), key=lambda e: (-e["points"], e["rule"]))
    for e in explanation:
        e["points"] = -round(e["points"], 1)
    total = sum(-e["points"] for e in explanation)
    return Score(overall=round(max(0.0, 100.0 - total), 1), categories=categories, explanation=explanation)


def _learned(findings, model, counts: dict, categories: dict) -> Score:
    from .learned import feature_key, finding_features

    features = finding_features(findings)
    wording = model.wording(counts)
    overall = round(100 * model.p_good(features, wording), 1)
    pulls = {k: -v for k, v in model.contributions(features, wording).items() if v < 0}
    total = sum(pulls.values())
    drop = 100.0 - overall
    explanation: list[dict] = []
    if total > 0:
        # each feature's share of the drop, split among the rules behind it by count
        per_key: dict[str, int] = {}
        for f in findings:
            key = feature_key(f)
            if key in pulls:
                per_key[key] = per_key.get(key, 0) + 1
        rules: dict[str, dict] = {}
        for f in findings:  # each finding's share: a rule's findings may differ in severity
            key = feature_key(f)
            if key in pulls:
                e = rules.setdefault(f.rule, {"rule": f.rule, "category": f.category, "count": 0, "points": 0.0})
                e["count"] += 1
                e["points"] -= drop * pulls[key] / total / per_key[key]
        for e in rules.values():
            e["points"] = round(e["points"], 1)
            explanation.append(e)
        if "wording" in pulls:
            explanation.append({
                "rule": "Learned.Wording", "category": "wording", "count": 1,
                "points": -round(drop * pulls["wording"] / total, 1),
                "words": model.worst_words(counts),
            })
        explanation = sorted((e for e in explanation if e["points"] < 0), key=lambda e: (e["points"], e["rule"]))
    return Score(overall=overall, categories=categories, explanation=explanation, method="learned")
