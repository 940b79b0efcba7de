#!/usr/bin/env python
"""In-process cost per draft of this checkout against another revision, side by side.

On a shared machine wall times drift by a third between runs; run alternately and
timed in CPU time, two revisions can still be compared. Run by hand:

    .venv/bin/python benchmarks/compare.py 4403162            # three rounds each
    .venv/bin/python benchmarks/compare.py HEAD~5 --rounds 5

Each round lints every draft of ../shared/eval (real-derived and synthetic mail) and
300 built 200-word drafts with one Linter, best of three passes, in a new process:
the other revision from a temporary git worktree (on PYTHONPATH), then this one. It
also counts the Python function calls per draft, a figure no neighbour can move.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# What one round runs, in the revision's own code (the bench drafts come from here).
ROUND = r"""
import glob, json, sys, time
sys.path.insert(0, {bench!r})
from bench import build_draft
from tonecheck.engine import Linter
from tonecheck.sources import load_text
linter = Linter()
corpus = [json.loads(line)["text"] for p in sorted(glob.glob({shared!r} + "/eval/*.jsonl")) for line in open(p)]
built = [build_draft(200, seed=i) for i in range(300)]
for text in corpus[:50]:
    linter.lint(load_text(text))
for drafts in (corpus, built):
    times = []
    for _ in range(3):
        t0 = time.process_time()
        for text in drafts:
            linter.lint(load_text(text))
        times.append((time.process_time() - t0) / len(drafts))
    print(min(times) * 1000)
import cProfile, pstats
profile = cProfile.Profile()
profile.enable()
for text in corpus:
    linter.lint(load_text(text))
profile.disable()
print(pstats.Stats(profile).total_calls / len(corpus))
"""


def one_round(path: Path | None, shared: Path) -> tuple[float, float, float]:
    """CPU ms per draft of labelled mail and of built drafts, and Python function
    calls per draft of labelled mail (which no other process on the machine moves)."""
    env = dict(os.environ, PYTHONPATH=str(path)) if path else dict(os.environ)
    code = ROUND.format(bench=str(HERE), shared=str(shared))
    # from a neutral folder: with -c, the current folder comes first on the import path
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=tempfile.gettempdir()).stdout
    corpus, built, calls = (float(x) for x in out.split())
    return corpus, built, calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", help="the revision to compare with (a commit, tag or branch)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    shared = ROOT.parent / "shared"
    if not (shared / "eval").is_dir():
        sys.exit(f"compare.py: {shared / 'eval'} is missing: it holds the drafts")
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(other), args.rev], check=True)
        try:
            rows = []
            for n in range(args.rounds):
                then, now = one_round(other, shared), one_round(None, shared)
                rows.append((then, now))
                print(f"round {n + 1}: {args.rev}: {then[0]:.2f} / {then[1]:.2f} ms   this checkout: "
                      f"{now[0]:.2f} / {now[1]:.2f} ms   (labelled mail / 200-word drafts, CPU ms per draft)")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=True)
    then, now = rows[-1]
    print(f"Python function calls per labelled draft: {args.rev} {then[2]:.0f}, this checkout {now[2]:.0f} "
          f"({now[2] / then[2]:.2f}x; the same in every round)")
    for i, label in enumerate(("labelled mail", "200-word drafts")):
        ratio = statistics.median(now[i] / then[i] for then, now in rows)
        print(f"{label}: this checkout takes {ratio:.2f}x the time of {args.rev} (median of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
