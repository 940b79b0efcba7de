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
# before any rule was tuned on it), realtrain1-4 (real-derived, trained on) and
# real-blind (real-derived, never tuned or trained on: the honest figure). The learned
# model is trained on every corpus but real-blind, so the others' figures are in-sample;
# training/train.py --cv gives the cross-validated ones (the notes on the issues keep both).
FLOORS = {
    "dev": (95, 95, 85, 5, 0.97),
    "real": (95, 88, 78, 5, 0.97),
    "real2": (86, 80, 70, 8, 0.97),
    "real3": (95, 84, 74, 7, 0.97),
    "realtrain1": (92, 86, 82, 7, 0.97),
    "realtrain2": (95, 90, 80, 5, 0.97),
    "realtrain3": (95, 88, 70, 5, 0.97),
    "realtrain4": (95, 90, 80, 5, 0.97),
    "real-blind": (80, 55, 32, 5, 0.95),
    "holdout": (95, 94, 86, 5, 0.97),
    "holdout2": (95, 92, 88, 5, 0.97),
    "holdout3": (95, 88, 82, 5, 0.97),
    "holdout4": (95, 90, 80, 5, 0.97),
    "holdout5": (95, 95, None, 5, 0.97),
    "holdout6": (95, 95, 86, 5, 0.97),
    "holdout7": (95, 95, 90, 5, 0.97),
    "holdout8": (92, 92, 86, 5, 0.97),
    "holdout9": (95, 92, 80, 5, 0.97),
    "holdout10": (92, 90, 86, 5, 0.97),
    "holdout11": (95, 92, 90, 5, 0.97),
    "holdout12": (95, 94, 75, 5, 0.97),
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
