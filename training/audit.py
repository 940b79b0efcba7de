"""Per-rule audit of the judgement on labeled corpora, in one process.

    python training/audit.py ../shared/eval/real*.jsonl [--rule Empathy.Delay] [--show]

For each rule that raises a warning or error: on how many good drafts it fires (false
alarms), on how many bad drafts, and how often one of its findings overlaps a labeled
span of its own category (a located hit). Measure before you tune.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict

import tonecheck

SERIOUS = {"warning", "error"}


def load(paths):
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                yield json.loads(line)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--rule", help="list every draft this rule fires on, with the words it flagged")
    ap.add_argument("--show", action="store_true", help="list each false alarm's rule and words")
    args = ap.parse_args(argv)
    # the rules as written: the learned score would demote warnings in drafts it rates good
    linter = tonecheck.Linter(tonecheck.Config(score="weights"))
    stats = defaultdict(lambda: {"good": 0, "bad": 0, "located": 0})
    for item in load(args.corpora):
        text = item["text"]
        report = linter.lint(tonecheck.load_text(text))
        serious = [f for f in report.findings if f.severity in SERIOUS]
        spans = [(s["problem"], text.find(s["quote"]), len(s["quote"])) for s in item.get("spans", [])]
        for rid in {f.rule for f in serious}:
            stats[rid][item["label"]] += 1
        for f in serious:
            if any(p == f.category and start >= 0 and f.offset < start + n and start < f.end for p, start, n in spans):
                stats[f.rule]["located"] += 1
            if args.rule == f.rule or (args.show and item["label"] == "good"):
                print(f"{item['label']:4} {item['id']}: {f.rule} {text[f.offset:f.end][:160]!r}")
    print(f"{'rule':40} {'good':>5} {'bad':>5} {'located':>8}")
    for rid, s in sorted(stats.items(), key=lambda kv: (-kv[1]["good"], kv[0])):
        print(f"{rid:40} {s['good']:5} {s['bad']:5} {s['located']:8}")


if __name__ == "__main__":
    main()
