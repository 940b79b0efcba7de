"""Train tonecheck's learned judgement and write the shipped artefact.

    pip install -e '.[train]'
    python training/train.py                 # fit on every labelled corpus, write tonecheck/model/model.json
    python training/train.py --cv            # honest figures: real-derived mail predicted by models that never saw its source page

What is learned (tonecheck/learned.py applies it in plain Python):

* a lexical model: TF-IDF of the writer's words and word pairs, logistic regression,
  good vs bad draft;
* the score: a logistic regression over what the rules found (per category and
  severity, log counts) and the lexical model's out-of-fold logit, constrained so that
  a finding can only lower the score; its probability of "good" is the 0-100 score;
* sentence signals: per category, a logistic regression over a sentence's words,
  trained on the labelled spans, speaking only above a threshold chosen on
  out-of-fold predictions so that real good mail stays quiet.

The blind corpus (tests/judgement/real-blind.jsonl) and the blind reads
(tests/judgement/blind-reads*.jsonl) are never read here.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

import tonecheck
from tonecheck import learned

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
JUDGEMENT = ROOT / "tests" / "judgement"
TONE = learned.TONE_CATEGORIES
BLIND = "real-blind"
# 908 drafts written and labelled blind to the rules, read by read (sessions 13-15), on
# which rules were then tuned: a regression test, not training data. Trained on, they
# cost real-blind (never trained on) 85 -> 79 % of its bad drafts flagged: written to a
# brief, they teach the models the brief's wording, not real mail's.
READS = "blind-reads"
LEXICAL_C = 4.0
SIGNAL_C = 4.0
MIN_DF = 2
VOCABULARY = 4000
# Words that say how a draft is written, not what it says: pronouns, articles, auxiliaries,
# prepositions. Learned alone, they teach the models a register (synthetic bad mail says
# "we are", good mail "I've"), and formal good mail, full of "we" and "has been", reads as
# bad. Left out of the vocabulary as single words; their pairs ("sorry if", "for any",
# "has been noted") stay. Measured: cross-validated on 598 real-derived drafts, real+real2+
# real3 81/55/38/18 % /0.899 -> 83/57/39/14 % /0.916 (flagged/categories/spans/false alarms/
# AUC); real-blind, never trained on, 82/61/36/0 % -> 85/65/38/0 %.
STYLE_WORDS = frozenset(
    "we our us ours i me my i've i'll i'm i'd you your you're you'll you've the a an in of to for as by "
    "on at with from and or but if it its this that be been being is are was were has have had will would "
    "shall should can could may might do does did so just".split()
)
# A sentence signal may raise a warning on at most this share of real-derived good
# drafts (out of fold), and must be right about its category at least this often.
SIGNAL_MAX_FALSE_ALARMS = 0.01
SIGNAL_MIN_PRECISION = 0.6
# Config's demote-above as a probability: above it, warnings count as suggestions.
GATE = tonecheck.Config().demote_above / 100


def corpora() -> dict[str, Path]:
    found = {p.stem: p for p in sorted(SHARED.glob("*.jsonl"))}
    found.update({p.stem: p for p in sorted(JUDGEMENT.glob("*.jsonl")) if p.stem != BLIND and not p.stem.startswith(READS)})
    return found


def is_real(corpus: str) -> bool:
    return corpus.startswith("real")


class Item:
    """One labelled draft as the models see it."""

    def __init__(self, corpus: str, raw: dict, linter):
        self.corpus, self.id, self.label = corpus, raw["id"], raw["label"]
        self.good = raw["label"] == "good"
        self.group = raw.get("derived_from") or f"{corpus}:{raw['id']}"
        self.text = raw["text"]
        self.problems = set(raw.get("problems", []))
        self.raw_spans = raw.get("spans", [])
        draft = tonecheck.load_text(self.text)
        rules = [r for r in linter.rules if r.pack != learned.LEARNED_PACK]
        report = linter.lint(draft, rules=rules)
        self.findings = report.findings
        self.features = learned.finding_features(self.findings)
        analysis = linter.analyse(draft)
        # where each sentence is in the source, as findings are (HTML: in the markup)
        self.sentences = [draft.to_source(s.start, s.end) if draft.offset_map is not None else (s.start, s.end)
                          for s in analysis.sentences]
        self.sentence_counts = [learned.ngrams(s.text) for s in analysis.sentences]
        self.body_sentences = [(i, c) for i, (s, c) in enumerate(zip(analysis.sentences, self.sentence_counts))
                               if s.region == "body"]
        self.dated = frozenset(i for i, _ in self.body_sentences if analysis.sentences[i].mentions_time)
        self.counts = analysis.body_ngrams
        spans = [(sp["problem"], self.text.find(sp["quote"]), len(sp["quote"])) for sp in self.raw_spans]
        self.spans = [(p, s, s + n) for p, s, n in spans if s >= 0]  # in the source, as findings are
        # sentences index the text the rules read (for HTML, the text, not the markup)
        read = [(sp["problem"], draft.text.find(sp["quote"]), len(sp["quote"])) for sp in self.raw_spans]
        self.sentence_labels = [
            {p for p, a, n in read if a >= 0 and a < s.end and s.start < a + n} for s in analysis.sentences
        ]


def load_items(names: list[str] | None = None) -> list[Item]:
    # the rules as written: no learned score, so no warning is demoted by an old model
    linter = tonecheck.Linter(tonecheck.Config(score="weights"))
    items = []
    for name, path in corpora().items():
        if names and name not in names:
            continue
        for line in open(path, encoding="utf-8"):
            if line.strip():
                items.append(Item(name, json.loads(line), linter))
    return items


# -- fitting ---------------------------------------------------------------------------
def vocabulary(items: list[Item]) -> tuple[list[str], list[float]]:
    """The VOCABULARY most frequent words and pairs (in at least MIN_DF drafts; no
    STYLE_WORDS alone), with their smoothed IDF. A small vocabulary keeps the artefact quick to load."""
    df = Counter()
    for it in items:
        df.update(it.counts.keys())
    common = sorted((t for t, n in df.items() if n >= MIN_DF and t not in STYLE_WORDS), key=lambda t: (-df[t], t))[:VOCABULARY]
    terms = sorted(common)
    n = len(items)
    return terms, [math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms]


def matrix(model: learned.Model, rows: list[dict]) -> sparse.csr_matrix:
    data, ind, ptr = [], [], [0]
    for counts in rows:
        vec = model.vector(counts)
        ind.extend(vec.keys())
        data.extend(vec.values())
        ptr.append(len(ind))
    return sparse.csr_matrix((data, ind, ptr), shape=(len(rows), len(model.idf)))


def fit_lr(x, y, c: float, weight=None) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=2000, class_weight=weight).fit(x, y)


SCALE = 10000  # weights and IDF ship as whole numbers of 1/SCALE: JSON parses them fastest


def dense(coef, bias) -> dict:
    return {"weights": [int(round(float(w) * SCALE)) for w in coef], "scale": SCALE,
            "bias": round(float(bias), 4)}


def oof_wording(base: learned.Model, items: list[Item]) -> np.ndarray:
    """The lexical logit of each item from a model that did not see it (5 folds)."""
    y = np.array([it.good for it in items])
    x = matrix(base, [it.counts for it in items])
    out = np.zeros(len(items))
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for train, test in folds.split(x, y):
        out[test] = fit_lr(x[train], y[train], LEXICAL_C).decision_function(x[test])
    # as Model.wording does: drawn to the neutral point as far as the words are unknown
    neutral = float(np.mean(out[y]))
    cover = np.array([base.coverage(it.counts) if base.vector(it.counts) else 0.0 for it in items])
    return neutral + (out - neutral) * cover, neutral


def fit_score(items: list[Item], wording: np.ndarray) -> dict:
    """Logistic regression over the rule features and the wording logit, refitted
    without any feature whose weight says a finding makes a draft better."""
    names = sorted({k for it in items for k in it.features}) + ["wording"]
    y = np.array([it.good for it in items])
    rows = np.array([[it.features.get(k, 0.0) for k in names[:-1]] + [w] for it, w in zip(items, wording)])
    keep = list(range(len(names)))
    while True:
        lr = fit_lr(rows[:, keep], y, 1.0)
        coef = dict(zip([names[i] for i in keep], lr.coef_[0]))
        wrong = [names[i] for i in keep if (coef[names[i]] < 0) != (names[i] != "wording") and coef[names[i]] != 0]
        if not wrong:
            break
        keep = [i for i in keep if names[i] not in wrong]
    return {"features": [names[i] for i in keep],
            "weights": {k: round(float(v), 4) for k, v in coef.items()},
            "bias": round(float(lr.intercept_[0]), 4)}


def sentence_rows(items: list[Item]):
    rows, labels, owners = [], [], []
    for n, it in enumerate(items):
        for counts, labs in zip(it.sentence_counts, it.sentence_labels):
            rows.append(counts)
            labels.append(labs)
            owners.append(n)
    return rows, labels, owners


def fit(items: list[Item], thresholds: dict | None = None) -> dict:
    """Every model on these items; thresholds for the signals as given (or none yet)."""
    terms, idf = vocabulary(items)
    base = learned.Model(_data(terms, idf))
    x = matrix(base, [it.counts for it in items])
    y = np.array([it.good for it in items])
    lexical = fit_lr(x, y, LEXICAL_C)
    wording, good_mean = oof_wording(base, items)
    score = fit_score(items, wording)
    rows, labels, _ = sentence_rows(items)
    xs = matrix(base, rows)
    signals = {}
    for cat in TONE:
        ys = np.array([cat in labs for labs in labels])
        yd = np.array([cat in it.problems for it in items])
        if ys.sum() < 5 or yd.sum() < 5:
            continue
        sentence = fit_lr(xs, ys, SIGNAL_C, "balanced")
        draft = fit_lr(x, yd, SIGNAL_C, "balanced")
        signals[cat] = {"sentence": dense(sentence.coef_[0], sentence.intercept_[0]),
                        "draft": dense(draft.coef_[0], draft.intercept_[0]),
                        "threshold": (thresholds or {}).get(cat, 1.01)}
    return _data(terms, idf, lexical=dense(lexical.coef_[0], lexical.intercept_[0]),
                 score=score, signals=signals, wording_good_mean=round(good_mean, 4))


def _data(terms, idf, lexical=None, score=None, signals=None, wording_good_mean=0.0) -> dict:
    return {
        "version": tonecheck.__version__,
        "vocabulary": terms,
        "idf": [int(round(v * SCALE)) for v in idf],
        "idf_scale": SCALE,
        "lexical": lexical or {"weights": [0] * len(terms), "bias": 0.0},
        "score": score or {"features": [], "weights": {}, "bias": 0.0},
        "signals": signals or {},
        "card": {"wording_good_mean": wording_good_mean},
        "style_words": sorted(STYLE_WORDS),
    }


# -- judging, as the CLI would ------------------------------------------------------------
def judge(model: learned.Model, it: Item, gate: float = GATE) -> tuple[list[tuple], float]:
    """(serious findings as (category, start, end), score) for one item under a model.
    Above ``gate`` (the chance the draft is good), warnings count as suggestions."""
    wording = model.wording(it.counts)
    p_good = model.p_good(it.features, wording)
    serious = [(f.category, f.offset, f.end) for f in it.findings
               if f.severity == "error" or (f.severity == "warning" and (p_good < gate or f.category not in TONE))]
    if p_good < gate:
        for i, cat, _ in learned.signal_hits(model, it.body_sentences, it.counts, it.dated):
            serious.append((cat, *it.sentences[i]))
    return serious, round(100 * p_good, 1)


def figures(model_for, items: list[Item], gate: float = GATE) -> dict:
    flagged = bad = fa = good = cat_hit = cat_n = span_hit = span_n = 0
    scores = {True: [], False: []}
    for it in items:
        serious, score = judge(model_for(it), it, gate)
        scores[it.good].append(score)
        if it.good:
            good += 1
            fa += bool(serious)
            continue
        bad += 1
        flagged += bool(serious)
        cats = {c for c, _, _ in serious}
        cat_n += len(it.problems)
        cat_hit += len(it.problems & cats)
        for p, a, b in it.spans:
            span_n += 1
            span_hit += any(c == p and s < b and a < max(e, s + 1) for c, s, e in serious)
    wins = sum((g > b) + 0.5 * (g == b) for g in scores[True] for b in scores[False])
    pct = lambda a, b: round(100 * a / b) if b else None  # noqa: E731
    return {"flagged_bad": pct(flagged, bad), "categories": pct(cat_hit, cat_n), "spans": pct(span_hit, span_n),
            "false_alarms": pct(fa, good), "auc": round(wins / (len(scores[True]) * len(scores[False])), 3)}


def choose_thresholds(models, items: list[Item]) -> dict:
    """Per category, the lowest draft-level threshold at which the signal, out of fold,
    speaks on at most SIGNAL_MAX_FALSE_ALARMS of real good drafts and names a labelled
    problem of the draft at least SIGNAL_MIN_PRECISION of the times it speaks."""
    probs = {}  # (item, category) -> P(draft has the problem) where a sentence carries it, out of fold
    for it in items:
        if not it.body_sentences:
            continue
        m = models[id(it)]
        for cat, p in learned.category_probs(m, it.counts).items():
            candidates = [x for x in it.body_sentences if not (cat in learned.DATED_CATEGORIES and x[0] in it.dated)]
            carried = candidates and learned.best_sentence(m, cat, candidates)[1] >= learned.SENTENCE_FLOOR
            probs[id(it), cat] = p if carried else 0.0
    real = [it for it in items if is_real(it.corpus)]
    goods = sum(it.good for it in real)
    chosen = {}
    for cat in TONE:
        best = None
        for t in sorted({round(p, 3) for (i, c), p in probs.items() if c == cat and p >= 0.5}):
            fires = [it for it in real if probs.get((id(it), cat), 0) >= t]
            right = sum(cat in it.problems for it in fires)
            if fires and sum(it.good for it in fires) <= SIGNAL_MAX_FALSE_ALARMS * goods \
                    and right >= SIGNAL_MIN_PRECISION * len(fires):
                best = t
                break
        chosen[cat] = best if best is not None else 1.01
    return chosen


def cross_validate(items: list[Item], folds: int = 5):
    """Real-derived items predicted by models fitted on everything but their fold
    (folds grouped by source page); synthetic corpora always train."""
    real = [it for it in items if is_real(it.corpus)]
    synthetic = [it for it in items if not is_real(it.corpus)]
    groups = [it.group for it in real]
    models = {}
    for train, test in GroupKFold(folds).split(real, groups=groups):
        fold_items = synthetic + [real[i] for i in train]
        m = learned.Model(fit(fold_items))
        for i in test:
            models[id(real[i])] = m
    thresholds = choose_thresholds(models, real)
    for m in set(models.values()):
        for cat, sig in list(m.signals.items()):
            m.signals[cat] = learned.SentenceSignal(cat, sig.model, thresholds.get(cat, 1.01), sig.draft)
    return models, thresholds


def card_markdown(data: dict) -> str:
    """The model card: what the model is, what it was trained on, how well it does."""
    c = data["card"]
    fig = lambda f: " / ".join(str(f[k]) for k in ("flagged_bad", "categories", "spans", "false_alarms", "auc"))  # noqa: E731
    rows = "\n".join(f"| {name} | {fig(f)} |" for name, f in c["figures"].items())
    corpora = ", ".join(f"{k} ({v})" for k, v in c["trained_on"].items())
    signals = ", ".join(f"{k} {v['threshold']:.3f}" if v["threshold"] <= 1 else f"{k} off"
                        for k, v in sorted(data["signals"].items()))
    return f"""# tonecheck's learned model ({data['version']}, {c['model_version']})

Made by `python training/train.py` (scikit-learn {c['sklearn']}) from the labelled corpora;
read by `tonecheck/learned.py` in plain Python. `python training/train.py --check`
refits it and fails if the result would judge any draft differently.

## What it is

- **Wording**: TF-IDF of the body's words and word pairs (lower case, digits as 0,
  sublinear tf, l2-normalised; the {len(data['vocabulary'])} most frequent terms in at
  least {MIN_DF} drafts, with no pronoun, article, auxiliary or preposition alone: those
  teach a register, not a tone), logistic regression (C={LEXICAL_C}), good vs bad draft.
- **Score**: logistic regression over the rules' findings (log counts per category and
  severity, Learned pack excluded) and the wording's out-of-fold logit; weights that
  would make a finding raise the score are dropped. 100 x P(good) is the score.
- **Sentence signals** (the Learned pack): per category, logistic regression (C={SIGNAL_C},
  balanced classes) over a sentence's words, trained on the labelled spans. Each speaks
  above the lowest threshold at which, out of fold, it fires on at most
  {SIGNAL_MAX_FALSE_ALARMS:.0%} of real-derived good drafts and names a labelled problem of
  the draft at least {SIGNAL_MIN_PRECISION:.0%} of the time. Thresholds: {signals}.
- **Demotion**: in a draft scoring at least `demote-above` (default {GATE * 100:g}), tone warnings
  are shown as suggestions.

## Trained on

{c['drafts']} drafts: {corpora}. Never on `tests/judgement/real-blind.jsonl` or `tests/judgement/blind-reads*.jsonl`.

## How well it does

flagged bad / categories / spans / false alarms on good (%) / score AUC, with demotion
at {GATE * 100:g}, as `evaluate.py` counts them. Cross-validated figures come from models that never
saw the draft's source page (5 folds grouped by page; synthetic corpora always train);
in-sample figures are what the shipped model does on its own training data.

| corpus | figures |
|---|---|
{rows}

## Limits

- Real labelled data is scarce: {c['real_drafts']} real-derived drafts. The in-sample figures are far
  above the cross-validated ones; trust the latter, and `real-blind` most.
- The wording model knows only words it has seen in {MIN_DF}+ drafts; it can be swayed by
  a trade's vocabulary, and it reads English only.
- Signals judge one sentence at a time: they cannot see that a reason is owned two
  sentences later. They defer to any rule that already flags the same words.
- The score is calibrated on these corpora (about half good, half bad); on mail that is
  mostly good, read it as a ranking more than as a probability.
"""


def check(items: list[Item], shipped_path: Path) -> int:
    """Refit with the shipped thresholds and compare judgements, draft by draft."""
    shipped = learned.Model(json.loads(shipped_path.read_text(encoding="utf-8")))
    globals()["VOCABULARY"] = shipped.card.get("settings", {}).get("vocabulary", VOCABULARY)  # as it was made
    thresholds = {c: s.threshold for c, s in shipped.signals.items()}
    refit = learned.Model(fit(items, thresholds))
    worst, differ = 0.0, []
    for it in items:
        a = shipped.p_good(it.features, shipped.wording(it.counts))
        b = refit.p_good(it.features, refit.wording(it.counts))
        worst = max(worst, abs(a - b))
        if judge(shipped, it)[0] != judge(refit, it)[0]:
            differ.append(it.id)
    print(f"largest score difference {100 * worst:.2f} points; {len(differ)} drafts judged differently"
          + (f": {', '.join(differ[:5])}" if differ else ""), file=sys.stderr)
    return 0 if worst < 0.01 and not differ else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="report cross-validated figures on real-derived mail")
    ap.add_argument("--check", action="store_true", help="refit and compare with the shipped model (exit 1 if it differs)")
    ap.add_argument("--out", type=Path, default=learned.MODEL_PATH)
    ap.add_argument("--vocabulary", type=int, default=VOCABULARY, help="how many words and pairs the models know")
    args = ap.parse_args(argv)
    globals()["VOCABULARY"] = args.vocabulary
    items = load_items()
    print(f"{len(items)} drafts from {len({it.corpus for it in items})} corpora", file=sys.stderr)
    if args.check:
        return check(items, args.out)
    models, thresholds = cross_validate(items)
    real = [it for it in items if is_real(it.corpus)]
    shared = [it for it in real if it.corpus in ("real", "real2", "real3")]
    oof = lambda it: models[id(it)]  # noqa: E731
    print(f"cross-validated on real-derived mail ({len(real)} drafts): {figures(oof, real)}; "
          f"real+real2+real3: {figures(oof, shared)}; thresholds {thresholds}", file=sys.stderr)
    if args.cv:
        for gate in (0.4, 0.5, 0.6, 0.7, 1.01):
            print(f"  gate {gate}: all real {figures(oof, real, gate)}; shared {figures(oof, shared, gate)}", file=sys.stderr)
        for corpus in sorted({it.corpus for it in real}):
            print(f"  {corpus}: {figures(oof, [it for it in real if it.corpus == corpus])}", file=sys.stderr)
        return 0
    data = fit(items, thresholds)
    model = learned.Model(data)
    import sklearn

    data["card"].update({
        "model_version": date.today().isoformat(),
        "sklearn": sklearn.__version__,
        "drafts": len(items),
        "settings": {"vocabulary": VOCABULARY, "min_df": MIN_DF, "lexical_c": LEXICAL_C, "signal_c": SIGNAL_C,
                     "signal_max_false_alarms": SIGNAL_MAX_FALSE_ALARMS, "signal_min_precision": SIGNAL_MIN_PRECISION,
                     "gate": GATE},
        "real_drafts": len(real),
        "trained_on": {c: sum(it.corpus == c for it in items) for c in sorted({it.corpus for it in items})},
        "figures": {
            "all real-derived, cross-validated": figures(oof, real),
            "real + real2 + real3, cross-validated": figures(oof, shared),
            **{f"{c}, cross-validated": figures(oof, [it for it in real if it.corpus == c])
               for c in sorted({it.corpus for it in real})},
            "real + real2 + real3, in sample": figures(lambda it: model, shared),
        },
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for path, text in ((args.out, json.dumps(data, separators=(",", ":"), sort_keys=True)),
                       (args.out.with_name("MODEL.md"), card_markdown(data))):
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) and MODEL.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
