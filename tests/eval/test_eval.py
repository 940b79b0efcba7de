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
# dev is synthetic; real, real2 and real3 are real-derived mail (../shared/eval); holdout*
# are ours (tests/judgement): drafts from trades the shared sets do not cover, each
# written blind to the rules and measured before any rule was tuned on it (the notes on
# the issues give those figures).
FLOORS = {
    "dev": (95, 95, 76, 5, 0.97),
    "real": (48, 31, 17, 13, 0.62),
    "real2": (70, 34, 21, 45, 0.64),
    "real3": (82, 42, 22, 60, 0.73),
    "holdout": (95, 78, 68, 5, 0.95),
    "holdout2": (90, 75, 60, 5, 0.94),
    "holdout3": (85, 55, 45, 5, 0.92),
    "holdout4": (95, 72, 58, 6, 0.95),
    "holdout5": (95, 88, None, 5, 0.95),
    "holdout6": (95, 84, 70, 5, 0.95),
    "holdout7": (88, 72, 64, 5, 0.92),
    "holdout8": (92, 84, 70, 5, 0.95),
    "holdout9": (95, 80, 62, 5, 0.96),
    "holdout10": (92, 80, 68, 5, 0.96),
    "holdout11": (95, 78, 70, 5, 0.96),
    "holdout12": (95, 70, 52, 5, 0.96),
}


def _corpus(shared: Path, name: str) -> Path:
    if name.startswith("holdout"):
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
