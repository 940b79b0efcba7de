#!/usr/bin/env python
"""tonecheck's speed and memory, against its targets and against proselint.

Run by hand (never part of pytest), with the project's venv:

    .venv/bin/python benchmarks/bench.py            # everything, 15 runs per figure
    .venv/bin/python benchmarks/bench.py --runs 31  # steadier medians
    .venv/bin/python benchmarks/bench.py --only cold,memory

Sections (see benchmarks/README.md for what each figure means):
  cold        wall time of whole commands (new process each run), median of --runs
  memory      peak resident memory (max RSS) of those commands
  throughput  one Linter in one process, many 200-word drafts: drafts/s
  linearity   time per draft for 100 ... 1600-word drafts: ms per 100 words
  learned     the learned model: load time, and what it adds to each 200-word draft
  spelling    the opt-in spelling rule: loading its word list, and what it adds to each draft
  rewrite     the rewriter: its fact check (drafts with and without non-ASCII), and a whole rewrite
  big         big input: 4,000 and 40,000 sentences, a draft at the 10 MiB cap, a
              10,000-message mbox, and three shapes that were once quadratic (a 16,000-line
              dash list, 8,000 enclosure lines, 4,000 refusals, 3,000 excuse lines): time and peak memory
  imports     python -X importtime: the 10 slowest imports, cumulative
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EMAIL = HERE / "email-200.txt"
MiB = 1024 * 1024

TARGETS = {
    "cold_ratio": 0.8,  # tonecheck check <= 0.8 x proselint check
    "peak_mib": 60.0,  # cold check peak RSS
    "drafts_per_s": 1000.0,  # in process, 200-word drafts
    "doubling": 2.2,  # time(2n words) / time(n words): 2 is linear, 4 quadratic
    "model_load_ms": 15.0,  # reading tonecheck/model/model.json in plain Python
    "learned_extra_ms": 3.0,  # what the learned score and signals add per 200-word draft
    "big_ratio": 12.0,  # time(40,000 sentences) / time(4,000 sentences)
    "big_seconds": 15.0,  # the 40,000-sentence draft, the 10 MiB draft, the 10,000-message mbox
    "big_peak_mib": 200.0,  # peak RSS checking a draft at the 10 MiB cap
}

# -- realistic text -----------------------------------------------------------------
NAMES = ["Marta", "Sam", "Priya", "Tom", "Aisha", "Leo", "Dana", "Ben", "Chloe", "Omar", "Ines", "Ravi"]
THINGS = [
    ("sofa", "cushion cover"), ("washing machine", "door seal"), ("bike", "rear wheel"),
    ("laptop", "charger"), ("kettle", "lid"), ("desk", "drawer runner"), ("pram", "hood"),
    ("coat", "zip"), ("lamp", "shade"), ("mattress", "cover"),
]

# Body paragraphs of the kind support staff write, used to build longer drafts.
PARAGRAPHS = [
    "Thank you for getting in touch, and I'm sorry the {thing} arrived with a damaged {part}. "
    "That is not the welcome we want for something you have been looking forward to.",
    "I've checked your order and a replacement {part} is in stock at our Leeds warehouse. "
    "It will leave us on Thursday and should reach you by Saturday 14 June; you'll get a "
    "tracking link by text as soon as the courier collects it.",
    "You don't need to send the old {part} back. If it is easier for you, the courier can take "
    "it away when they drop off the new one, but please don't go to any trouble over it.",
    "As per our returns policy, damaged items need to be reported within 48 hours, so you are "
    "well within time. Our warehouse processes replacements in the order they are received, "
    "but I have asked them to put yours at the front of the queue.",
    "I've also refunded the £15 premium delivery charge to your card, because the delivery "
    "didn't give you what you paid for. The refund usually shows within three working days.",
    "If the new {part} doesn't fit perfectly, reply to this email and I'll arrange for a "
    "technician to visit at a time that suits you, morning or afternoon, weekdays or Saturday.",
    "Unfortunately our courier partner has had staff shortages this week, which is outside our "
    "control, and some deliveries in your area have been delayed by a day or two.",
    "We apologise for any inconvenience caused. We value your custom and we are always "
    "striving to improve the service we provide to all of our customers.",
    "I know you paid extra for the premium fabric, and I understand why this is so "
    "disappointing. I'd feel the same if a new {thing} turned up like this.",
    "To make sure this doesn't happen again, I've passed your photos to our quality team, who "
    "will check the rest of that batch before anything else is sent out.",
    "In the meantime, if you would like to choose a different colour or fabric instead, just "
    "let me know which one and I'll swap the order over at no extra cost to you.",
    "Your order number is HH-20417 if you need it, but you can simply reply to this email and "
    "it will come straight back to me rather than to a general inbox.",
]

QUOTE = (
    "On Mon, 9 Jun 2025 at 18:42, {name} <customer@example.com> wrote:\n"
    "> Hello, my {thing} was delivered today and the {part} is damaged.\n"
    "> I paid extra for premium delivery and I'm really disappointed.\n"
    "> When can I get a replacement, and do I have to send the old one back?\n"
)


def _wrap(text: str, width: int = 78) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def build_draft(body_words: int, seed: int = 0, quote: bool = True) -> str:
    """A reply with about ``body_words`` words in its body (greeting, sign-off and
    the quoted customer message come on top), built from PARAGRAPHS in turn."""
    name = NAMES[seed % len(NAMES)]
    thing, part = THINGS[seed % len(THINGS)]
    paras, n, i = [], 0, seed
    while n < body_words:
        p = PARAGRAPHS[i % len(PARAGRAPHS)].format(thing=thing, part=part)
        words = p.split()
        if n + len(words) > body_words and paras:
            p = " ".join(words[: body_words - n])
            p = p.rstrip(",;") + "."
        paras.append(_wrap(p))
        n += len(p.split())
        i += 1
    text = f"Hi {name},\n\n" + "\n\n".join(paras) + "\n\nKind regards,\nDaniel\nCustomer Care, Hearth & Home\n"
    if quote:
        text += "\n" + QUOTE.format(name=name, thing=thing, part=part)
    return text


# -- measuring ----------------------------------------------------------------------
def run_once(cmd: list[str], env: dict) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in bytes and exit code of one run of ``cmd``.

    os.wait4 reports the rusage of exactly this child, so the peak is this
    command's own, not the largest of every child so far (RUSAGE_CHILDREN)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return wall, rss, proc.returncode


def measure(cmd: list[str], runs: int, env: dict) -> dict:
    return measure_together({"": cmd}, runs, env)[""]


def measure_together(cmds: dict[str, list[str]], runs: int, env: dict) -> dict[str, dict]:
    """Each command ``runs`` times, taken in turns (each round in another order), so a
    machine that is busier for a while slows every command alike and their ratios hold."""
    for cmd in cmds.values():
        run_once(cmd, env)  # warm: OS file cache, .pyc files, tonecheck's pack and plugin caches
    seen: dict = {label: ([], [], set()) for label in cmds}
    labels = list(cmds)
    for i in range(runs):
        for label in labels[i % len(labels):] + labels[:i % len(labels)]:
            wall, rss, code = run_once(cmds[label], env)
            walls, peaks, codes = seen[label]
            walls.append(wall)
            peaks.append(rss)
            codes.add(code)
    return {label: {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
                    "peak": max(peaks), "codes": sorted(codes)}
            for label, (walls, peaks, codes) in seen.items()}


def find_tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def ensure_proselint(install: bool) -> str | None:
    tool = find_tool("proselint")
    if tool or not install:
        return tool
    print("proselint not found: pip install proselint into this venv ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "proselint"], check=False)
    return find_tool("proselint")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def cache_dir(env: dict) -> Path:
    if env.get("TONECHECK_CACHE_DIR"):
        return Path(env["TONECHECK_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "tonecheck"


# -- sections -----------------------------------------------------------------------
def section_cold(args, env) -> dict:
    print(f"\n== (a) cold start: new process per run, taken in turns, median of {args.runs} (min-max) ==")
    tonecheck = find_tool("tonecheck")
    proselint = ensure_proselint(not args.no_install)
    if tonecheck is None:
        sys.exit("tonecheck is not installed in this venv (pip install -e .)")
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "tonecheck --version": [tonecheck, "--version"],
        "tonecheck check email-200.txt": [tonecheck, "check", str(EMAIL)],
    }
    if proselint:
        cmds["proselint check email-200.txt"] = [proselint, "check", str(EMAIL)]
    nocache = dict(env, TONECHECK_NO_CACHE="1")
    results = measure_together(cmds, args.runs, env)  # in turns: the ratio is side by side
    for label, r in results.items():
        print(f"  {label:34} {ms(r['median'])}  ({r['min'] * 1000:.0f}-{r['max'] * 1000:.0f})  exit {r['codes']}")
    results["nocache"] = r = measure(cmds["tonecheck check email-200.txt"], max(5, args.runs // 3), nocache)
    print(f"  {'tonecheck check, TONECHECK_NO_CACHE=1':34} {ms(r['median'])}  (what a first run pays: YAML parse, entry-point scan, every re pattern compiled)")
    cdir = cache_dir(env)
    warm = (cdir / "packs").is_dir() and any((cdir / "packs").iterdir())
    print(f"  caches warm: one unmeasured run before each command; pack cache {cdir}/packs {'present' if warm else 'MISSING'}")
    check = results["tonecheck check email-200.txt"]["median"]
    if proselint:
        pro = results["proselint check email-200.txt"]["median"]
        ratio = check / pro
        results["ratio"] = ratio
        print(f"  ratio tonecheck/proselint          {ratio:8.2f} x   target <= {TARGETS['cold_ratio']} x: {verdict(ratio <= TARGETS['cold_ratio'])}")
    base = results["python -c pass"]["median"]
    ver = results["tonecheck --version"]["median"]
    print(f"  above the interpreter: --version +{(ver - base) * 1000:.0f} ms (imports), check +{(check - ver) * 1000:.0f} ms more (plugins, packs, rules, output)")
    served = daemon_figure(cmds["tonecheck check email-200.txt"], args.runs, env)
    if served is not None:
        results["daemon"] = served
        print(f"  {'tonecheck check, daemon running':34} {ms(served['median'])}  ({served['min'] * 1000:.0f}-{served['max'] * 1000:.0f})  exit {served['codes']}")
        if proselint:
            ratio = served["median"] / results["proselint check email-200.txt"]["median"]
            results["daemon_ratio"] = ratio
            print(f"  ratio, daemon running / proselint  {ratio:8.2f} x   target <= {TARGETS['cold_ratio']} x: {verdict(ratio <= TARGETS['cold_ratio'])}"
                  "  ('tonecheck daemon start'; the figure above is without one)")
    return results


def daemon_figure(cmd: list, runs: int, env: dict) -> dict | None:
    """The same command while a daemon (tonecheck daemon run) serves this environment."""
    if not sys.platform.startswith("linux"):
        return None
    folder = tempfile.mkdtemp(prefix="tcd-bench-")
    served_env = dict(env, TONECHECK_DAEMON_DIR=folder)
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "daemon", "run"], env=served_env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        if "listening on" not in line:
            print(f"  the daemon did not start: {line.strip()}")
            return None
        return measure(cmd, runs, served_env)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


PHASES = r"""
import sys, time
t0 = time.perf_counter()
import tonecheck.cli
t1 = time.perf_counter()
from tonecheck.engine import Linter
t2 = time.perf_counter()
from pathlib import Path
from tonecheck.config import find_config, load_config
path = sys.argv[1]
config = load_config(find_config(Path(path).parent))
t3 = time.perf_counter()
linter = Linter(config)
t4 = time.perf_counter()
from tonecheck.sources import load_bytes
data = Path(path).read_bytes()
report = linter.lint(load_bytes(data, path))
t5 = time.perf_counter()
linter.lint(load_bytes(data, path))
t6 = time.perf_counter()
fmt = {}
for impl in linter.pm.hook.tonecheck_formatters.get_hookimpls():
    fmt.update(impl.function() or {})
out = fmt["text"]([report], {"color": False, "quiet": False})
t7 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, len(linter.rules), len(report.findings))
"""


def section_phases(args, env) -> None:
    print("\n== where the cold check's time goes: phases timed inside one new process (median) ==")
    rows = []
    for _ in range(max(5, args.runs // 3)):
        out = subprocess.run([sys.executable, "-c", PHASES, str(EMAIL)], capture_output=True, text=True, env=env)
        if out.returncode:
            print("  (phase timing failed)", out.stderr.strip().splitlines()[-1:])
            return
        rows.append([float(x) for x in out.stdout.split()])
    med = [statistics.median(col) for col in zip(*rows)]
    labels = [
        "import tonecheck.cli (click, pluggy)",
        "import tonecheck.engine (packs, analysis)",
        "find + load config",
        "Linter(): plugins, pack compile (RE2)",
        "first lint (imports sources, textstat)",
        "second lint of the same draft",
        "format text",
    ]
    for label, value in zip(labels, med):
        print(f"  {label:42} {ms(value)}")
    print(f"  ({int(med[7])} rules, {int(med[8])} findings; interpreter start-up and exit are outside these)")


def section_memory(args, env, cold: dict | None) -> None:
    print("\n== (b) peak memory: max RSS of one process (os.wait4 rusage) ==")
    if cold is None:
        tonecheck = find_tool("tonecheck")
        cold = {"tonecheck check email-200.txt": measure([tonecheck, "check", str(EMAIL)], 3, env),
                "python -c pass": measure([sys.executable, "-c", "pass"], 3, env)}
        proselint = find_tool("proselint")
        if proselint:
            cold["proselint check email-200.txt"] = measure([proselint, "check", str(EMAIL)], 3, env)
    for label in ("python -c pass", "tonecheck --version", "tonecheck check email-200.txt", "proselint check email-200.txt"):
        if label in cold:
            print(f"  {label:34} {cold[label]['peak'] / MiB:6.1f} MiB")
    peak = cold["tonecheck check email-200.txt"]["peak"] / MiB
    print(f"  target: cold check <= {TARGETS['peak_mib']:.0f} MiB: {verdict(peak <= TARGETS['peak_mib'])}")


def section_throughput(args) -> None:
    print("\n== (c) in-process throughput: one Linter, lint(load_text(draft)) ==")
    from tonecheck.engine import Linter

    t0 = time.perf_counter()
    linter = Linter()
    setup = time.perf_counter() - t0
    drafts = [build_draft(150, seed) for seed in range(args.drafts)]  # ~200 words with greeting, sign-off, quote
    words = statistics.mean(len(d.split()) for d in drafts)
    best = best_pass(linter, drafts)
    rate = len(drafts) / best
    print(f"  Linter() set-up                    {ms(setup)}  ({len(linter.rules)} rules)")
    print(f"  {len(drafts)} drafts of ~{words:.0f} words     {ms(best)}  (best of 3)")
    print(f"  throughput                         {rate:8.0f} drafts/s   target >= {TARGETS['drafts_per_s']:.0f}: {verdict(rate >= TARGETS['drafts_per_s'])}")
    print(f"  per draft                          {ms(best / len(drafts))}")


def best_pass(linter, drafts) -> float:
    """Seconds for the fastest of three passes over the drafts, after a warm-up (lazy
    imports such as textstat, first-call caches)."""
    from tonecheck.sources import load_text

    for d in drafts[:20]:
        linter.lint(load_text(d))
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        for d in drafts:
            linter.lint(load_text(d))
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return best


def section_learned(args) -> None:
    print("\n== (f) the learned model: load, and its cost per draft ==")
    import json as _json

    from tonecheck import learned
    from tonecheck.config import Config
    from tonecheck.engine import Linter

    loads = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        learned.Model(_json.loads(learned.MODEL_PATH.read_text(encoding="utf-8")))
        loads.append(time.perf_counter() - t0)
    load = statistics.median(loads)
    size = learned.MODEL_PATH.stat().st_size / 1e6
    print(f"  load model.json ({size:.2f} MB)         {ms(load)}   target <= {TARGETS['model_load_ms']:.0f} ms: "
          f"{verdict(load * 1000 <= TARGETS['model_load_ms'])}")
    drafts = [build_draft(150, seed) for seed in range(min(args.drafts, 300))]

    without = best_pass(Linter(Config(score="weights", ignore=("Learned",))), drafts) / len(drafts)
    with_all = best_pass(Linter(), drafts) / len(drafts)
    extra = with_all - without
    print(f"  per draft, rules only (weights)    {ms(without)}")
    print(f"  per draft, learned score + signals {ms(with_all)}")
    print(f"  added by the learned parts         {ms(extra)}   target <= {TARGETS['learned_extra_ms']:.0f} ms: "
          f"{verdict(extra * 1000 <= TARGETS['learned_extra_ms'])}")


def section_linearity(args) -> None:
    print("\n== (d) linearity: one draft of N body words (median of repeats) ==")
    from tonecheck.engine import Linter
    from tonecheck.sources import load_text

    linter = Linter()
    linter.lint(load_text(build_draft(200)))  # warm
    per100, ms_draft = [], []
    print(f"  {'words':>6} {'ms/draft':>10} {'ms/100 words':>13}")
    for n in (100, 200, 400, 800, 1600):
        text = build_draft(n, seed=n, quote=True)
        times = []
        deadline = time.perf_counter() + args.linear_seconds
        while len(times) < 5 or (time.perf_counter() < deadline and len(times) < 500):
            t0 = time.perf_counter()
            linter.lint(load_text(text))
            times.append(time.perf_counter() - t0)
        t = statistics.median(times)
        per100.append(t * 1000 / (n / 100))
        ms_draft.append(t * 1000)
        print(f"  {n:>6} {t * 1000:>10.2f} {per100[-1]:>13.3f}")
    # Linear means t = fixed + slope * words: doubling the words at most doubles the
    # time. A quadratic step shows as a doubling ratio that climbs towards 4.
    doubling = [t2 / t1 for t1, t2 in zip(ms_draft, ms_draft[1:])]
    n = [100, 200, 400, 800, 1600]
    slope, fixed = statistics.linear_regression(n, ms_draft)  # least squares over all lengths
    ok = max(doubling) <= TARGETS["doubling"]
    print(f"  time ratio per doubling of length: {', '.join(f'{d:.2f}' for d in doubling)}")
    print(f"  least-squares fit: {fixed:.2f} ms per draft + {slope * 100:.3f} ms per 100 words")
    print(f"  target: linear (every doubling ratio <= {TARGETS['doubling']}): {verdict(ok)}")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def section_big(args, env) -> None:
    print("\n== (h) big input: whole commands (new process, one run each after a warm run) ==")
    from tonecheck.analysis import split_sentences
    from tonecheck.sources import MAX_BYTES

    tool = find_tool("tonecheck") or "tonecheck"
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for label, words in (("4,000 sentences", 84_000), ("40,000 sentences", 840_000)):  # ~21 words each
            text = build_draft(words, seed=1, quote=False)
            files[label] = (text.encode(), f"{sum(1 for _ in split_sentences(text, 0, len(text))):,} sentences")
        # the same sentences as one paragraph: what is worked out at each full stop must
        # not look back over the whole paragraph (an initial's check once did: 120 s)
        files["40,000, one paragraph"] = (" ".join(text.split()).encode(), files["40,000 sentences"][1])
        text = build_draft(MAX_BYTES // 5, seed=1, quote=False).encode()
        capped = text[: text.rfind(b"\n", 0, MAX_BYTES - 64)] + b"\n"  # whole lines, under the cap
        files["10 MiB draft"] = (capped, f"{len(capped) / MiB:.1f} MiB")
        # shapes that once cost time squared in the writer's regions and the rules: a long
        # dash list (each dash line read what followed it), a signed letter over thousands
        # of enclosure lines (the footer), refusals each looking for an alternative after it
        files["16,000-line list"] = (("Bring these:\n" + "- Boots\n" * 16_000).encode(), "16,000 lines")
        files["8,000 enclosure lines"] = (("Hi Jo,\n\nYour door is fitted.\n\nThanks,\nGrace\n\n" + "Enc. photo\n" * 8_000).encode(),
                                          "8,000 lines")
        files["4,000 refusals"] = (("Hi Jo,\n" + "Your claim is not covered by the policy. The weather was bad. " * 4_000).encode(),
                                   "8,000 sentences")
        # ... and lines of refusals, excuses and vague promises, each fix of which finds its
        # paragraph (a line each, with no blank line between them)
        files["3,000 excuse lines"] = (("Hi Jo,\n\n" + "Unfortunately we cannot refund the fee. The courier was delayed due to "
                                        "staff shortages. We'll be in touch.\n" * 1_000 + "\nTom\n").encode(), "3,000 sentences")
        mbox = _mbox(10_000)
        files["10,000-message mbox"] = (mbox.encode(), f"{len(mbox) / MiB:.1f} MiB")
        for label, (data, size) in files.items():
            path = Path(tmp) / ("inbox.mbox" if "mbox" in label else "draft.txt")
            path.write_bytes(data)
            run_once([tool, "check", str(path)], env)  # warm: .pyc, caches
            wall, rss, code = run_once([tool, "check", str(path)], env)
            rows[label] = (wall, rss)
            print(f"  {label:22} {size:>18}  {wall:6.1f} s  peak {rss / MiB:6.1f} MiB  exit {code}")
        # the mbox again in one process: what --jobs auto (the default, above) gains
        serial, rss, code = run_once([tool, "check", "--jobs", "1", str(Path(tmp) / "inbox.mbox")], env)
        print(f"  {'  the same, --jobs 1':22} {'':>18}  {serial:6.1f} s  peak {rss / MiB:6.1f} MiB  exit {code}"
              f"   (auto: {serial / rows['10,000-message mbox'][0]:.1f} x faster, {_cpus()} CPUs)")
    ratio = rows["40,000 sentences"][0] / rows["4,000 sentences"][0]
    print(f"  40,000 / 4,000 sentences: {ratio:.1f} x   target <= {TARGETS['big_ratio']:.0f} x: {verdict(ratio <= TARGETS['big_ratio'])}")
    for label in ("40,000 sentences", "40,000, one paragraph", "10 MiB draft", "10,000-message mbox",
                  "16,000-line list", "8,000 enclosure lines", "4,000 refusals", "3,000 excuse lines"):
        ok = rows[label][0] <= TARGETS["big_seconds"]
        print(f"  {label}: target <= {TARGETS['big_seconds']:.0f} s: {verdict(ok)}")
    peak = rows["10 MiB draft"][1] / MiB
    print(f"  10 MiB draft peak: target <= {TARGETS['big_peak_mib']:.0f} MiB: {verdict(peak <= TARGETS['big_peak_mib'])}")


def _mbox(count: int) -> str:
    """An mbox of ``count`` short messages (~80 words each), as in the big-input figure."""
    return "".join(f"From agent@example.com Mon Jan  1 00:00:00 2026\nFrom: agent@example.com\nTo: c{i}@example.org\n"
                   f"Subject: Your order {i}\n\n{build_draft(80, seed=i, quote=False)}\n" for i in range(count))


def section_workers(args, env) -> None:
    """Where worker processes start to pay: mboxes of a few dozen to a few hundred
    messages checked in one process (--jobs 1) and by two workers, forced below the
    threshold the CLI uses (tonecheck.parallel.PER_WORKER set to 1), in alternate
    runs; the median of each."""
    from tonecheck import parallel

    runs = max(5, args.runs // 2)
    print(f"\n== (i) workers: --jobs 1 against two forced workers, median of {runs} alternate runs ==")
    forced = [sys.executable, "-c", "import sys, tonecheck.parallel as p; p.PER_WORKER = 1; "
              "from tonecheck.cli import main; main(sys.argv[1:])"]  # both ways: the same start-up
    with tempfile.TemporaryDirectory() as tmp:
        for count in (32, 64, 96, 128, 192, 256):
            path = Path(tmp) / f"inbox{count}.mbox"
            path.write_text(_mbox(count))
            one, two = [], []
            run_once([*forced, "check", str(path)], env)  # warm
            for _ in range(runs):
                one.append(run_once([*forced, "check", "--jobs", "1", str(path)], env)[0])
                two.append(run_once([*forced, "check", "--jobs", "2", str(path)], env)[0])
            a, b = statistics.median(one), statistics.median(two)
            print(f"  {count:4} messages   --jobs 1 {ms(a)}   two workers {ms(b)}   {100 * (a - b) / a:+5.1f} %")
    print(f"  the CLI starts workers from {2 * parallel.PER_WORKER} drafts, one per {parallel.PER_WORKER} (tonecheck/parallel.py)")


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S.*)$")


def importtime(code: str, env: dict) -> list[tuple[int, int, int, str]]:
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, env=env)
    rows = []
    for line in out.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    return rows


def section_imports(args, env) -> None:
    runs = 5
    for title, code in (
        ("import tonecheck.cli", "import tonecheck.cli"),
        ("the whole check of email-200.txt (what 'tonecheck check' imports)",
         f"import sys; from tonecheck.cli import main; sys.argv=['tonecheck','check',{str(EMAIL)!r}]\n"
         "try:\n    main()\nexcept SystemExit:\n    pass"),
    ):
        print(f"\n== (e) python -X importtime: {title}; top 10 cumulative (median of {runs}) ==")
        samples: dict[str, list[tuple[int, int, int]]] = {}
        total = []
        for _ in range(runs):
            rows = importtime(code, env)
            total.append(sum(r[1] for r in rows))
            for cum, self_, depth, name in rows:
                samples.setdefault(name, []).append((cum, self_, depth))
        agg = [(statistics.median(c for c, _, _ in v), statistics.median(s for _, s, _ in v), v[0][2], k)
               for k, v in samples.items()]
        agg.sort(reverse=True)
        print(f"  {'cumul.':>9} {'self':>8}  module (indent = imported by the line above it)")
        for cum, self_, depth, name in agg[:10]:
            print(f"  {cum / 1000:7.1f}ms {self_ / 1000:6.1f}ms  {'  ' * depth}{name}")
        print(f"  all imports, self time summed: {statistics.median(total) / 1000:.1f} ms")


def section_spelling(args) -> None:
    print("\n== (g) spelling (opt-in): loading the word list, and its cost per draft ==")
    from tonecheck.builtin import spelling
    from tonecheck.config import Config
    from tonecheck.engine import Linter

    loads = []
    for _ in range(max(3, args.runs // 3)):
        spelling._dictionary.cache_clear()
        t0 = time.perf_counter()
        spelling._dictionary()
        loads.append(time.perf_counter() - t0)
    print(f"  load the word list (first use)      {ms(statistics.median(loads))}   (only when spelling is selected)")
    drafts = [build_draft(150, seed) for seed in range(min(args.drafts, 300))]
    without = best_pass(Linter(Config()), drafts) / len(drafts)
    with_spelling = best_pass(Linter(Config(select=tuple(r.id for r in Linter().rules) + ("spelling",))), drafts) / len(drafts)
    print(f"  added per draft by spelling         {ms(with_spelling - without)}")


def section_rewrite(args) -> None:
    print("\n== (j) the rewriter: its fact check, and a whole rewrite, per 200-word draft ==")
    from tonecheck.engine import Linter
    from tonecheck.facts import facts
    from tonecheck.rewrites import rewrite
    from tonecheck.sources import load_text

    drafts = [build_draft(200, seed) for seed in range(min(args.drafts, 300))]
    for name, texts in (("with a £ or other non-ASCII", [d for d in drafts if not d.isascii()]),
                        ("ASCII only", [d.encode("ascii", "ignore").decode() for d in drafts])):
        best = min(_timed(lambda: [facts(t) for t in texts]) for _ in range(3))
        print(f"  facts of a draft, {name:<28}{best / max(1, len(texts)) * 1e6:8.0f} µs  ({len(texts)} drafts)")
    linter = Linter()
    loaded = [load_text(d) for d in drafts]
    best = min(_timed(lambda: [rewrite(linter, d) for d in loaded]) for _ in range(3))
    print(f"  rewrite a draft (lint, fixes, facts, lint again){ms(best / len(loaded))}")


def _timed(work) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15, help="runs per cold-start figure (default 15)")
    ap.add_argument("--drafts", type=int, default=1000, help="drafts for the throughput figure (default 1000)")
    ap.add_argument("--linear-seconds", type=float, default=1.0, help="time spent per length in the linearity figure")
    ap.add_argument("--only", default="cold,phases,memory,throughput,linearity,learned,spelling,rewrite,big,workers,imports",
                    help="comma-separated sections (default: all)")
    ap.add_argument("--pycache", help="PYTHONPYCACHEPREFIX for the measured commands (default: a folder in /tmp)")
    ap.add_argument("--no-install", action="store_true", help="do not pip install proselint when missing")
    args = ap.parse_args()
    sections = {"cold", "phases", "memory", "throughput", "linearity", "learned", "spelling", "rewrite", "big", "workers", "imports"}
    only = set(args.only.split(","))
    if only - sections:  # a misspelt section would silently measure nothing
        ap.error(f"unknown section {', '.join(sorted(only - sections))} (choose from {', '.join(sorted(sections))})")

    env = dict(os.environ)
    env.pop("TONECHECK_NO_CACHE", None)
    env.pop("TONECHECK_DAEMON", None)
    # no daemon a developer runs answers the figures measured without one
    env["TONECHECK_DAEMON_DIR"] = os.path.join(tempfile.gettempdir(), f"tonecheck-bench-no-daemon-{os.getpid()}")
    env["NO_COLOR"] = "1"
    # Warm means compiled too: let the warm-up run write .pyc files (an editable
    # checkout under PYTHONDONTWRITEBYTECODE=1 otherwise recompiles every module on
    # every run), into a folder of our own rather than __pycache__ in the source tree.
    dont_write = env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = args.pycache or str(Path(tempfile.gettempdir()) / "tonecheck-bench-pycache")
    import tonecheck

    print(f"tonecheck {tonecheck.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
    print(f"draft: {EMAIL.relative_to(HERE.parent)} ({len(EMAIL.read_text().split())} words, incl. quoted message)")

    print(f"bytecode: .pyc files written to and read from {env['PYTHONPYCACHEPREFIX']}"
          + (" (PYTHONDONTWRITEBYTECODE was set; unset for the measured commands)" if dont_write else ""))

    cold = section_cold(args, env) if "cold" in only else None
    if "phases" in only:
        section_phases(args, env)
    if "memory" in only:
        section_memory(args, env, cold)
    if "throughput" in only:
        section_throughput(args)
    if "linearity" in only:
        section_linearity(args)
    if "learned" in only:
        section_learned(args)
    if "spelling" in only:
        section_spelling(args)
    if "rewrite" in only:
        section_rewrite(args)
    if "big" in only:
        section_big(args, env)
    if "workers" in only:
        section_workers(args, env)
    if "imports" in only:
        section_imports(args, env)


if __name__ == "__main__":
    main()
