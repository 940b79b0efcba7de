"""Judgement on the labeled corpora, scored by ../shared/eval/evaluate.py through the
real CLI, one process per corpus (`--batch`). Floors sit a little under the measured
figures, so a regression fails CI."""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import requires_shared

HERE = Path(__file__).resolve().parent
# corpus -> (flagged_bad >=, categories >=, spans >=, false_alarms <=, auc >=), in percent / AUC.
# dev is synthetic; real, real2 and real3 are real-derived mail (../shared/eval). Ours, in
# tests/judgement: holdout* (synthetic, each written blind to the rules and measured
# before any rule was tuned on it), realtrain1-6 (real-derived, trained on) and
# real-blind (real-derived, never tuned or trained on: the honest figure). The learned
# model is trained on every corpus but real-blind, so the others' figures are in-sample;
# training/train.py --cv gives the cross-validated ones (the notes on the issues keep both).
FLOORS = {
    "dev": (95, 95, 84, 5, 0.97),
    "real": (95, 82, 70, 5, 0.97),
    "real2": (88, 78, 70, 8, 0.97),
    "real3": (95, 82, 70, 7, 0.97),
    "realtrain1": (92, 82, 80, 7, 0.97),
    "realtrain2": (95, 90, 78, 5, 0.97),
    "realtrain3": (95, 86, 70, 5, 0.97),
    "realtrain4": (95, 82, 72, 5, 0.97),
    "realtrain5": (92, 70, 64, 5, 0.97),
    "realtrain6": (95, 94, 75, 5, 0.97),
    "real-blind": (80, 56, 33, 5, 0.95),
    "holdout": (95, 90, 84, 5, 0.97),
    "holdout2": (95, 90, 86, 5, 0.97),
    "holdout3": (95, 86, 80, 5, 0.97),
    "holdout4": (95, 88, 80, 5, 0.97),
    "holdout5": (95, 95, None, 5, 0.97),
    "holdout6": (95, 92, 86, 5, 0.97),
    "holdout7": (90, 90, 84, 5, 0.97),
    "holdout8": (92, 88, 84, 5, 0.97),
    "holdout9": (95, 88, 78, 5, 0.97),
    "holdout10": (92, 86, 80, 5, 0.97),
    "holdout11": (95, 90, 86, 5, 0.97),
    "holdout12": (95, 90, 72, 5, 0.97),
}


def _corpus(shared: Path, name: str) -> Path:
    if name.startswith(("holdout", "realtrain", "real-blind")):
        return HERE.parent / "judgement" / f"{name}.jsonl"
    return shared / "eval" / f"{name}.jsonl"


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_judgement_holds_on_the_corpus(corpus):
    shared = requires_shared()
    cmd = f"{shlex.quote(sys.executable)} -m tonecheck check --format json"
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "evaluate.py"), str(_corpus(shared, corpus)),
         "--batch", "--cmd", cmd, "--show"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w+)=([\d.]+|n/a)", summary))
    flagged, categories, spans, false_alarms, auc = FLOORS[corpus]
    report = f"{summary}\n{proc.stdout}"
    assert float(figures["flagged_bad"]) >= flagged, report
    assert float(figures["categories"]) >= categories, report
    if spans is not None:
        assert float(figures["spans"]) >= spans, report
    assert float(figures["false_alarms"]) <= false_alarms, report
    assert float(figures["auc"]) >= auc, report
