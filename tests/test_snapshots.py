"""Snapshots of the text output for every rule's bad examples (ruff's .snap files):
a change in a span, a message or a fix shows in review as a change to
tests/snapshots/<rule>.snap. After a change you mean, refresh them:

    TONECHECK_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py
"""
import os
import re

import pytest

from conftest import ROOT
from test_rule_examples import LINTER, RULES, _languagetool  # noqa: F401 (the stub fixture)
from tonecheck.formatters.text import format_text
from tonecheck.sources import load_text

SNAPSHOTS = ROOT / "tests" / "snapshots"
_SCORE = re.compile(r"score [\d.]+/100.*$", re.M)  # the learned score moves when the model is retrained


def _render(rule) -> str:
    parts = []
    for i, example in enumerate(rule.bad, 1):
        report = LINTER.lint(load_text(example.text, f"bad-{i}.txt"), contexts=example.context or None, rules=[rule])
        report.findings = [f for f in report.findings if f.rule == rule.id or f.rule.startswith("LanguageTool.")]
        parts.append(_SCORE.sub("score (left out)", format_text([report], {"color": False})))
    return "\n".join(parts)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_text_output_matches_the_snapshot(rule):
    path = SNAPSHOTS / f"{rule.id}.snap"
    got = _render(rule)
    if os.environ.get("TONECHECK_UPDATE_SNAPSHOTS") or not path.exists():
        if not path.exists() and os.environ.get("CI"):
            pytest.fail(f"{path.name} is missing: run TONECHECK_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py and commit it")
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got)
        return
    assert got == path.read_text(), f"{rule.id}'s output changed; if you meant it, refresh the snapshots (see this file's docstring)"


def test_no_snapshot_outlives_its_rule():
    ids = {r.id for r in RULES}
    stale = [p.name for p in SNAPSHOTS.glob("*.snap") if p.stem not in ids]
    assert not stale, f"snapshots of rules that are gone: {stale}"
