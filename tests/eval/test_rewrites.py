"""The rewriter on every labelled corpus: on every draft every fact is kept, on every
good draft the score holds, and on bad drafts the rewrite scores higher (floors a
little under the measured share, so a regression fails). In process: one Linter,
run by tests/eval/test_eval.py from the reports it scores the corpus's judgement on
(one lint per draft for both)."""
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "training"))
from rewrites import measure  # noqa: E402

JUDGEMENT = ROOT / "tests" / "judgement"
# corpus -> share of bad drafts whose rewrite scores higher (measured: dev 33/35,
# real 28/32, real2 34/36, real3 48/50, real-blind 27/33 (measured, never tuned on), dev 30/35;
# ours 38/38 to 21/26). A fix is kept only where the learned score rises: since the
# model stopped reading "I'll" alone as good (training/train.py, STYLE_WORDS), an added
# "I'll update you by [[date]]" lifts fewer of the shortest bad drafts; since no sentence
# is added beside a heading or a list, nor a sorry where nothing went wrong, fewer still
# (all corpora, python training/rewrites.py: 2,550 of 3,084; fewer since a date or a sorry already
# there is not asked or said again: the model liked the repeats, the readers did not).
# holdout10 and holdout12: jargon letters whose best fixes are swaps the model does not reward,
# and a confirmation ("funds wired") that no longer gets a sorry for nothing (20/26, 21/26); dev
# 30/35 since a second sorry, a filler "This is so that [[...]]" and a sentence that would split
# one from the next that leans on it are no longer added (two reviewers read them as broken);
# holdout7 and holdout9 (19/25, 20/26) since Empathy.Hardship's "isn't what you hoped to hear"
# goes only after a refusal, not before good news or a burglary victim's reply; holdout9 19/26 since
# "disrupts the registers" is no delay: a swim school's refusal no longer gets a sorry for one; 18/26
# since a retrain took a life insurer's rewrite from 0.0 -> 0.1 to 0.0 -> 0.0 (a lift that small is noise)
# dev 29/35 since the retrain of the session that read care homes' and clinics' notices anew: a fraud-dispute
# letter whose rewrite reads better ("Thank you for your email ... I'll update you by [[date]]") still scores 0.0
# Then fewer again (all corpora 2,624 -> 2,504 of 3,172) since a sentence of ours goes after the paragraph,
# not between two sentences of one argument, and none where the writer already promises the update (its
# date goes into their promise), says what they do or offer, or apologises: four readers comparing 170
# rewrites blind (old against new, in random order) found 128 of the old and 32 of the new broken, and
# preferred the new 129 times to 35. The model scored the repeats; the readers did not.
# blind-reads6 46/66 since an offer of ours is not added before a paragraph that makes one, nor "For you, this
# means" before a sentence that says it (four more readers, 160 rewrites in two rounds: old 80 broken, new 57; new
# preferred 98 times to 46).
# blind-reads18 61/88: a quarter of its bad drafts are replies of a line or two from a phone (read 168) whose fault
# is what they leave out; no fix of a phrase lifts them.
FLOORS = {"dev": 0.75, "real": 0.85, "real2": 0.85, "real3": 0.9, "real-blind": 0.75, "holdout9": 0.55, "holdout10": 0.65,
          "blind-reads6": 0.65, "blind-reads18": 0.65}
OURS = sorted(p.stem for p in JUDGEMENT.glob("*.jsonl"))


def assert_rewrites_hold(linter, name, items, lint=None):
    out, failures = measure(linter, items, lint=lint)
    assert out["facts_lost"] == 0, [f for f in failures if "lost" in f[1]]
    assert out["good_held"] == out["good"], [f for f in failures if "good" in f[1]]
    assert out["bad_up"] / out["bad"] >= FLOORS.get(name, 0.7), (out, failures)
