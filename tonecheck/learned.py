"""The learned part of the judgement, in plain Python: a lexical model of the
writer's words, the draft's calibrated score, and per-sentence signals for the
problems lexicons miss.

``training/train.py`` fits the models with scikit-learn on every labelled corpus and
writes ``model/model.json``; this module only reads it (once per process, on first
use) and applies it, so scikit-learn and numpy are never imported at run time. The
features are made here and nowhere else, so training and checking cannot disagree.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter, mul
from pathlib import Path
from typing import Container, Iterable

from . import re_cached

MODEL_PATH = Path(__file__).with_name("model") / "model.json"

# Words in lower case, apostrophes kept inside them ("don't"); every digit reads as 0,
# so "14 June" and "3 May" are one feature and no customer's number is learned.
_WORD = re_cached.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
_DIGIT = re_cached.compile(r"[0-9]")

# Words that carry weight in the model but tell a writer nothing when shown alone.
_FUNCTION_WORDS = frozenset(
    "a an the and or but if so as at by for from in into of on to with be is are was were been being "
    "it its this that these those there here not no do does did have has had will would shall should "
    "can could may might must 0 00 000 s t".split()
)

#: The categories of tone the model is trained to judge.
TONE_CATEGORIES = (
    "company_centric", "missing_empathy", "excuse_blame", "vague_commitment",
    "hard_to_read", "negative_framing", "non_apology",
)
#: The categories a finding can count towards in the score's features.
SCORED_CATEGORIES = TONE_CATEGORIES + ("structure",)
#: Rules whose findings come from this model (tonecheck.builtin.learned): the score
#: does not count them twice.
LEARNED_PACK = "Learned"
LEARNED_RULES = frozenset(
    f"{LEARNED_PACK}.{name}"
    for name in ("CompanyFirst", "Excuse", "Refusal", "Cold", "Vague", "StockApology", "HardGoing")
)


def _terms(text: str) -> list[str]:
    """One sentence's words and word pairs in the order they are first counted:
    w0, w1, "w0 w1", w2, "w1 w2", ... (so every count dict is ordered alike)."""
    # folding the whole sentence first finds the same words as folding each one
    words = _WORD.findall(_DIGIT.sub("0", text.lower().replace("’", "'")))
    if len(words) < 2:
        return words
    pairs = [a + " " + b for a, b in zip(words, words[1:])]
    terms = [words[0]]
    for w, p in zip(words[1:], pairs):
        terms += (w, p)
    return terms


def ngrams(text: str) -> dict[str, int]:
    """Counts of the words and word pairs of one sentence."""
    return dict(Counter(_terms(text)))


def body_counts(sentences: Iterable[str]) -> dict[str, int]:
    """A draft's counts: the sum of its sentences' (pairs never straddle two
    sentences), counted in one pass, in the order merging each sentence's would give."""
    return dict(Counter(chain.from_iterable(map(_terms, sentences))))


def feature_key(finding) -> str | None:
    """The score feature a finding counts towards: its category and how serious it is
    (None for the learned rules' own findings, which the wording already carries)."""
    if finding.rule in LEARNED_RULES or finding.category not in SCORED_CATEGORIES:
        return None
    return f"{finding.category}:{'suggestion' if finding.severity == 'suggestion' else 'serious'}"


def finding_features(findings) -> dict[str, float]:
    """What the rules said, per category and severity (log counts), for the score."""
    counts: dict[str, int] = {}
    for f in findings:
        key = feature_key(f)
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    return {k: math.log1p(v) for k, v in counts.items()}


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Linear:
    """A logistic regression over a sparse vector: weights dense over the vocabulary
    (or keyed by feature name for the score), so a lookup is one index."""

    weights: list | dict
    bias: float

    def logit(self, vector: dict) -> float:
        w = self.weights
        if isinstance(w, dict):
            return self.bias + sum(v * w.get(k, 0.0) for k, v in vector.items())
        if not vector:
            return self.bias
        # the same products summed in the same order as a generator would, in C
        picked = itemgetter(*vector)(w)
        return self.bias + sum(map(mul, vector.values(), picked if len(vector) > 1 else (picked,)))


@dataclass(frozen=True)
class SentenceSignal:
    """One category's signal: a draft classifier says whether the problem is there (at
    ``threshold``), a sentence classifier says where (the likeliest sentence, if at
    least SENTENCE_FLOOR likely)."""

    category: str
    model: Linear  # a sentence's words -> this category's problem sentence
    threshold: float  # P(the draft has this problem) at which the signal speaks
    draft: Linear  # the body's words -> the draft has this problem


class Model:
    """The shipped artefact: vocabulary, IDF, and the three kinds of model."""

    def __init__(self, data: dict):
        self.version: str = data["version"]
        self.terms: list[str] = data["vocabulary"]
        self.vocabulary: dict[str, int] = dict(zip(self.terms, range(len(self.terms))))
        scale = data.get("idf_scale", 1)
        self.idf: list[float] = [v / scale for v in data["idf"]] if scale != 1 else data["idf"]
        self.lexical = _linear(data["lexical"])
        self.score = _linear(data["score"])
        self.signals = {
            c: SentenceSignal(c, _linear(s["sentence"]), s["threshold"], _linear(s["draft"]))
            for c, s in data["signals"].items()
        }
        self.card: dict = data.get("card", {})
        # words left out of the vocabulary on purpose (how a draft is written, not what it
        # says): unknown, but no sign of a language the model cannot read (see coverage)
        self.style_words: frozenset = frozenset(data.get("style_words", ()))
        self._last: tuple | None = None  # (counts, its vector): see vector()
        n = len(self.terms)
        sizes = {"idf": len(self.idf), "lexical": len(self.lexical.weights)}
        for c, sig in self.signals.items():
            sizes[f"signals.{c}.sentence"] = len(sig.model.weights)
            sizes[f"signals.{c}.draft"] = len(sig.draft.weights)
        wrong = [f"{k} has {v}" for k, v in sizes.items() if v != n]
        if wrong:
            raise ValueError(f"the model's arrays do not match its {n}-term vocabulary: {', '.join(wrong)}")

    def vector(self, counts: dict[str, int]) -> dict[int, float]:
        """TF-IDF (sublinear tf, l2-normalised) over the known vocabulary. The last one
        is kept: the score and every signal read the same body's vector."""
        last = self._last
        if last is not None and last[0] is counts:
            return last[1]
        vec = self._vector(counts)
        self._last = (counts, vec)
        return vec

    def _vector(self, counts: dict[str, int]) -> dict[int, float]:
        vocab, idf = self.vocabulary, self.idf
        out = {}
        for term, n in counts.items():
            i = vocab.get(term)
            if i is not None:
                out[i] = ((1.0 + math.log(n)) if n > 1 else 1.0) * idf[i]  # log(1) is 0: skip the call
        values = out.values()
        norm = math.sqrt(sum(map(mul, values, values)))
        return {i: v / norm for i, v in out.items()} if norm else out

    def coverage(self, counts: dict[str, int]) -> float:
        """The share of the body's words that the model knows: its own, and the style
        words it leaves out on purpose (English, for all that they are not features)."""
        total = known = 0
        vocabulary, style = self.vocabulary, self.style_words
        for term, n in counts.items():
            if " " not in term:
                total += n
                known += n * (term in vocabulary or term in style)
        return known / total if total else 0.0

    def wording(self, counts: dict[str, int]) -> float:
        """The lexical model's logit that the body's words are those of a good draft,
        drawn towards the neutral point (the average good draft's, which pulls the score
        nowhere) as far as the model does not know the words: a bare greeting, or a
        draft in another language, is no evidence either way."""
        neutral = self.card.get("wording_good_mean", 0.0)
        vec = self.vector(counts)
        if not vec:
            return neutral
        return neutral + (self.lexical.logit(vec) - neutral) * self.coverage(counts)

    def worst_words(self, counts: dict[str, int], n: int = 3) -> list[str]:
        """The words and pairs that pulled the wording furthest towards a bad draft."""
        w = self.lexical.weights
        # (a term with a number in it reads "00 days" once folded: not a word to show)
        pulls = sorted((v * w[i], i) for i, v in self.vector(counts).items()
                       if w[i] < 0 and not _FUNCTION_WORDS.issuperset(self.terms[i].split()) and "0" not in self.terms[i])
        return [self.terms[i] for pull, i in pulls[:n] if pull < -0.02]

    def p_good(self, features: dict[str, float], wording: float) -> float:
        """The calibrated probability that a careful lead would send the draft as it is."""
        return sigmoid(self.score.logit({**features, "wording": wording}))

    def contributions(self, features: dict[str, float], wording: float) -> dict[str, float]:
        """Each feature's pull on the logit, against a draft with no findings and
        wording of the average good draft (negative: it lowered the score)."""
        w = self.score.weights
        out = {k: v * w[k] for k, v in features.items() if k in w}
        out["wording"] = (wording - self.card.get("wording_good_mean", 0.0)) * w.get("wording", 0.0)
        return out


def _linear(spec: dict) -> Linear:
    weights = spec["weights"]
    if isinstance(weights, list):  # stored as whole numbers (faster to parse than decimals)
        scale = spec.get("scale", 1)
        weights = [w / scale for w in weights] if scale != 1 else weights
    return Linear(weights, float(spec["bias"]))


@lru_cache(maxsize=4)
def _read(path: str) -> Model | Exception:
    try:
        with open(path, encoding="utf-8") as fh:
            return Model(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return exc  # kept: a broken model is read, and reported, once per process


def load(path: str | None = None) -> Model:
    """The model at ``path`` (default: the one shipped in the package), read once.
    Raises ValueError (or OSError) when it cannot be read."""
    model = _read(str(path or MODEL_PATH))
    if isinstance(model, Exception):
        raise model if isinstance(model, (OSError, ValueError)) else ValueError(f"malformed model: {model!r}")
    return model


load.cache_clear = _read.cache_clear  # type: ignore[attr-defined]


#: The least a sentence must look like the category's problem sentences to carry its finding.
SENTENCE_FLOOR = 0.5


def category_probs(model: Model, body: dict[str, int]) -> dict[str, float]:
    """P(the draft has the problem), per category with a signal, from the body's words."""
    vec = model.vector(body)
    return {cat: sigmoid(sig.draft.logit(vec)) for cat, sig in model.signals.items()}


def best_sentence(model: Model, category: str, sentences: list[tuple[int, dict[str, int]]]) -> tuple[int, float]:
    """(index, probability) of the sentence most like the category's problem sentences."""
    return _best(model, category, [(i, model.vector(counts)) for i, counts in sentences])


def _best(model: Model, category: str, vectors: list[tuple[int, dict[int, float]]]) -> tuple[int, float]:
    sig = model.signals[category]
    p, i = max((sigmoid(sig.model.logit(vec)), i) for i, vec in vectors)
    return i, p


#: A sentence that names a day, date or time is no vague promise, whatever its words.
DATED_CATEGORIES = frozenset({"vague_commitment"})


def signal_hits(model: Model, sentences: Iterable[tuple[int, dict[str, int]]], body: dict[str, int],
                dated: Container[int] = frozenset()) -> list[tuple[int, str, float]]:
    """(sentence index, category, P(the draft has the problem)) where a signal speaks:
    the category's draft classifier is at or above its threshold, and the sentence most
    like its problem sentences (``sentences`` are (index, counts) pairs) is at least
    SENTENCE_FLOOR likely. Sentences in ``dated`` (they name a time) carry no
    DATED_CATEGORIES finding."""
    if not sentences or not model.signals:
        return []
    hits, vectors = [], None
    for cat, p_draft in category_probs(model, body).items():
        if p_draft >= model.signals[cat].threshold:
            if vectors is None:  # each sentence's vector once, for every category that speaks
                vectors = [(i, model.vector(counts)) for i, counts in sentences]
            candidates = [(i, v) for i, v in vectors if not (cat in DATED_CATEGORIES and i in dated)]
            if not candidates:
                continue
            i, p = _best(model, cat, candidates)
            if p >= SENTENCE_FLOOR:
                hits.append((i, cat, p_draft))
    return sorted(hits)
