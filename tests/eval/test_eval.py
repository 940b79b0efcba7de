"""Judgement on the labeled corpora, scored by ../shared/eval/evaluate.py (`--batch`),
and the rewriter on the same drafts (tests/eval/test_rewrites.py's floors). Each draft
is linted once, in process, by one Linter: evaluate.py reads its report as the CLI's
JSON formatter writes it (`tonecheck check --format json FOLDER`: tests/test_cli.py and
tests/test_json_contract.py drive that command), and the rewriter starts from it.
Floors sit a little under the measured figures, so a regression fails CI."""
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from test_rewrites import assert_rewrites_hold

from conftest import requires_shared

HERE = Path(__file__).resolve().parent
# corpus -> (flagged_bad >=, categories >=, spans >=, false_alarms <=, auc >=), in percent / AUC.
# dev is synthetic; real, real2 and real3 are real-derived mail (../shared/eval). Ours, in
# tests/judgement: holdout* (synthetic, each written blind to the rules and measured
# before any rule was tuned on it), realtrain1-6 (real-derived, trained on) and
# real-blind (real-derived, never tuned or trained on: the honest figure), blind-reads*
# (synthetic, written blind to the rules, tuned on, never trained on). The learned
# model is trained on every corpus but those two, so the others' figures are in-sample;
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
    "blind-reads": (88, 79, 62, 3, 0.97),  # reads 9-52: 91/82/66/0 (their spans are harder)
    "blind-reads2": (90, 77, 54, 3, 0.97),  # reads 53-75: blind 95/81/58/4, now 96/82/59/1
    "blind-reads3": (92, 79, 57, 3, 0.97),  # reads 76-105: blind 94/81/59/4, now 95/82/60/1
    "blind-reads4": (95, 84, 56, 3, 0.97),  # reads 106-115: blind 98/84/57/4, now 98/87/59/2
    "blind-reads5": (95, 78, 52, 3, 0.97),  # reads 116-118: blind 98/82/57/5, now 98/82/57/0
    "blind-reads6": (95, 80, 58, 3, 0.97),  # reads 119-121: blind 100/85/64/3, now 100/85/64/0
    "blind-reads7": (95, 82, 54, 3, 0.97),  # reads 122-124: blind 98/88/59/3, now 98/88/59/0
    "blind-reads8": (95, 84, 62, 3, 0.97),  # reads 125-128: blind 99/88/69/1, now 100/96/75/0
    "blind-reads9": (95, 84, 58, 3, 0.97),  # reads 129-132: blind 97/83/63/0, now 100/94/72/0
    "blind-reads10": (95, 84, 60, 3, 0.97),  # reads 133-136: blind 97/80/62/4, now 100/90/70/0
    "blind-reads11": (95, 84, 58, 4, 0.97),  # reads 137-140: blind 94/80/58/5, now 98/90/66/2
    "blind-reads12": (95, 84, 64, 3, 0.97),  # reads 141-144: blind 94/83/67/1, now 100/89/73/0
    "blind-reads13": (95, 80, 54, 3, 0.97),  # reads 145-148: blind 94/76/53/1, now 99/83/59/0
    "blind-reads14": (95, 86, 62, 3, 0.97),  # reads 149-152: blind 99/88/66/3, now 99/92/69/1
    "blind-reads15": (95, 84, 56, 3, 0.97),  # reads 153-156: blind 95/83/58/6, now 98/86/60/2
    "blind-reads16": (92, 86, 60, 3, 0.97),  # reads 157-160: blind 91/86/62/4, now 93/88/65/2
    "blind-reads17": (92, 84, 60, 3, 0.97),  # reads 161-164: blind 94/79/59/5, now 97/88/66/0
    "blind-reads18": (84, 70, 55, 4, 0.97),  # reads 165-168: blind 85/71/57/5, now 88/74/60/2
    "blind-reads19": (93, 78, 62, 4, 0.97),  # reads 169-172: blind 98/81/67/4, now 99/82/68/1
    "blind-reads20": (87, 78, 55, 4, 0.97),  # reads 173-176: blind 91/79/58/2, now 92/83/60/1
    "blind-reads21": (89, 67, 52, 4, 0.97),  # reads 177-180: blind 94/72/57/3, now 94/72/57/1
    "blind-reads22": (93, 84, 63, 4, 0.97),  # reads 181-184: blind 97/84/65/6, now 98/88/68/1
    "blind-reads23": (89, 82, 58, 4, 0.97),  # reads 185-188: blind 92/83/59/5, now 94/90/65/1
    "blind-reads24": (92, 80, 58, 4, 0.97),  # reads 189-192: blind 95/82/62/3, now 95/84/64/1
    "blind-reads25": (89, 79, 51, 4, 0.97),  # reads 193-196: blind 92/82/54/3, now 93/83/55/1
    "blind-reads26": (89, 78, 59, 4, 0.97),  # reads 197-200: blind 92/82/63/1, now 97/87/67/0
    "blind-reads27": (95, 80, 60, 4, 0.97),  # reads 201-204: blind 98/84/64/6, now 98/84/64/1
    "blind-reads28": (93, 83, 63, 4, 0.97),  # reads 205-208: blind 95/78/59/4, now 97/87/67/0
    "blind-reads29": (88, 78, 58, 4, 0.97),  # reads 209-212: blind 91/82/62/2, now 91/82/62/0
    "blind-reads30": (91, 77, 57, 4, 0.97),  # reads 213-216: blind 94/81/61/1, now 94/81/61/0
    "blind-reads31": (95, 84, 58, 6, 0.97),  # reads 217-220: blind 99/88/62/4, now 99/88/62/3
    "blind-reads32": (93, 81, 66, 4, 0.97),  # reads 221-224: blind 97/84/70/1, now 97/86/71/1
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
    if name.startswith(("holdout", "realtrain", "real-blind", "blind-reads")):
        return HERE.parent / "judgement" / f"{name}.jsonl"
    return shared / "eval" / f"{name}.jsonl"


@pytest.fixture(scope="module")
def linter():
    from tonecheck.engine import Linter

    return Linter()


def _lint_once(linter):
    """text -> (draft, report), each draft linted once for the judgement and the rewrites."""
    from tonecheck.sources import load_text

    made: dict = {}

    def lint(text: str):
        if text not in made:
            draft = load_text(text, f"{len(made) + 1:04d}.txt")
            made[text] = (draft, linter.lint(draft))
        return made[text]

    return lint


def _evaluate(shared: Path):
    """../shared/eval/evaluate.py, loaded as a module (its own copy for each test)."""
    spec = importlib.util.spec_from_file_location("tonecheck_evaluate", shared / "eval" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_judgement_and_rewrites_hold_on_the_corpus(corpus, linter, monkeypatch, capsys):
    from tonecheck.formatters.json import report_dict

    shared = requires_shared()
    evaluate = _evaluate(shared)
    lint = _lint_once(linter)

    def run_batch(cmd, texts):  # evaluate.py's one run over the folder, here: each report as the JSON formatter writes it
        return [evaluate.entry_result(json.loads(json.dumps(report_dict(lint(text)[1])))) for text in texts]

    monkeypatch.setattr(evaluate, "run_batch", run_batch)
    path = _corpus(shared, corpus)
    monkeypatch.setattr(sys, "argv", ["evaluate.py", str(path), "--batch", "--show"])
    try:
        returncode = evaluate.main() or 0
    except SystemExit as exc:  # evaluate.py's own "command failed ..." and the like
        returncode = exc.code
    out, err = capsys.readouterr()
    assert returncode == 0, f"{returncode}\n{err}"
    summary = out.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w+)=([\d.]+|n/a)", summary))
    flagged, categories, spans, false_alarms, auc = FLOORS[corpus]
    report = f"{summary}\n{out}"
    assert float(figures["flagged_bad"]) >= flagged, report
    assert float(figures["categories"]) >= categories, report
    if spans is not None:
        assert float(figures["spans"]) >= spans, report
    assert float(figures["false_alarms"]) <= false_alarms, report
    assert float(figures["auc"]) >= auc, report
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert_rewrites_hold(linter, corpus, items, lint)


def test_every_corpus_with_floors_is_checked():
    """A corpus given a rewrite floor, or added to tests/judgement, has its judgement floors too (and so runs above)."""
    from test_rewrites import FLOORS as REWRITE_FLOORS
    from test_rewrites import OURS

    assert set(REWRITE_FLOORS) | set(OURS) <= set(FLOORS)
