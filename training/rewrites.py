"""How the rewriter does on labelled corpora: on bad drafts, does the rewrite score
higher; on good ones, does the score hold; on every draft, is every fact kept?

    python training/rewrites.py ../shared/eval/dev.jsonl ../shared/eval/real.jsonl [--show]

One line per corpus, then a total; ``--show`` prints each draft whose rewrite fails
a check, and ``--quote ID`` prints one draft and its rewrite in full.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def measure(linter, items, show=False, quote=(), lint=None):
    """Rewrite each item's draft (``lint``: text -> (draft, report) already made by
    ``linter``, so a draft is not linted twice) and tally what the rewrites kept."""
    from tonecheck.builtin.rewriter import greeted
    from tonecheck.facts import lost
    from tonecheck.rewrites import rewrite
    from tonecheck.sources import load_text

    out = {"bad": 0, "bad_up": 0, "good": 0, "good_held": 0, "good_same": 0, "facts_lost": 0, "changed": 0, "placeholders": 0}
    failures = []
    for item in items:
        draft, report = lint(item["text"]) if lint else (load_text(item["text"], item["id"]), None)
        result = rewrite(linter, draft, report)
        miss = lost(item["text"], result.text, greeted(draft))
        out["changed"] += result.changed
        out["placeholders"] += bool(result.placeholders)
        if miss:
            out["facts_lost"] += 1
            failures.append((item["id"], f"lost {miss}"))
        if item["label"] == "bad":
            out["bad"] += 1
            up = result.score_after > result.score_before
            out["bad_up"] += up
            if not up:
                failures.append((item["id"], f"bad draft not improved: {result.score_before} -> {result.score_after}"))
        else:
            out["good"] += 1
            held = result.score_after >= result.score_before
            out["good_held"] += held
            out["good_same"] += not result.changed
            if not held:
                failures.append((item["id"], f"good draft dropped: {result.score_before} -> {result.score_after}"))
        if item["id"] in quote:
            print(f"--- {item['id']} ({item['label']}) {result.score_before} -> {result.score_after}\n{item['text']}\n--- rewrite:\n{result.text}\n")
    if show:
        for fid, why in failures:
            print(f"  {fid}: {why}")
    return out, failures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--quote", action="append", default=[])
    args = ap.parse_args(argv)
    from tonecheck.engine import Linter

    linter = Linter()
    total: dict = {}
    t0 = time.perf_counter()
    for path in args.corpora:
        items = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
        out, _ = measure(linter, items, args.show, set(args.quote))
        for k, v in out.items():
            total[k] = total.get(k, 0) + v
        print(_line(Path(path).name, out))
    print(_line("TOTAL", total), f"({time.perf_counter() - t0:.1f} s)")
    return 0


def _line(name, o) -> str:
    return (f"{name}: bad scored higher {o['bad_up']}/{o['bad']}; good held {o['good_held']}/{o['good']} "
            f"(unchanged {o['good_same']}); facts lost in {o['facts_lost']}; placeholders in {o['placeholders']}")


if __name__ == "__main__":
    sys.exit(main())
