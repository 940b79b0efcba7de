"""check --jobs: many drafts checked by worker processes give what one process gives,
in the same order, and a worker that dies stops the run in one line."""
import json
import os
import subprocess
import sys

import pytest

from tonecheck import parallel

# Short drafts, some with findings, some without; one in a few to a colleague, whom the
# [recipients] table below checks with fewer rules.
DRAFTS = [
    "Hi {name},\nI just wanted to plan my weekend as I am only in on Saturday.\nPriya",
    "Hi {name},\nYour order {n} ships on Friday, and the tracking link follows by email.\nLeah",
    "Dear {name},\nPer our policy, we cannot refund order {n}. We apologise for any inconvenience.\nTom",
    "Hi {name},\nThanks for your patience. The engineer comes on Tuesday at 10:00.\nSam",
]
CONFIG = '''plugins = ["house.py"]

[recipients."ourco.com"]
ignore = ["CustomerFocus"]
'''
# a plugin whose formats hook returns what is not a Format: a load problem, said once per Linter
HOUSE = '''import tonecheck

@tonecheck.hookimpl
def tonecheck_sources():
    return [42]
'''
SEPARATOR = "From agent@example.com Mon Jan  5 09:00:00 2026\n"


def mbox(count: int, unreadable: int | None = None, body=None) -> str:
    out = []
    for n in range(count):
        to = f"colleague{n}@ourco.com" if n % 5 == 0 else f"customer{n}@example.org"
        text = "" if n == unreadable else (body(n) if body else DRAFTS[n % len(DRAFTS)].format(name=f"Customer {n}", n=n))
        out.append(f"{SEPARATOR}From: agent@example.com\nTo: {to}\nSubject: Order {n}\n\n{text}\n")
    return "\n".join(out)


def tonecheck(tmp_path, *args, timeout=120):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "tonecheck", *args], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=timeout)


def test_jobs_2_gives_what_jobs_1_gives(tmp_path):
    (tmp_path / ".tonecheck.toml").write_text(CONFIG)
    (tmp_path / "house.py").write_text(HOUSE)
    (tmp_path / "inbox.mbox").write_text(mbox(200, unreadable=40))  # chunks of a dozen, over two workers
    (tmp_path / "note.txt").write_text(DRAFTS[2].format(name="Ann", n=1))  # a file after the mbox
    for fmt in ("text", "json"):
        one = tonecheck(tmp_path, "check", "--jobs", "1", "--format", fmt, "inbox.mbox", "note.txt")
        two = tonecheck(tmp_path, "check", "-j", "2", "--format", fmt, "inbox.mbox", "note.txt")
        assert (two.stdout, two.stderr, two.returncode) == (one.stdout, one.stderr, one.returncode)
    assert one.returncode == 2  # the unreadable message
    errors = [line for line in one.stderr.splitlines() if "error:" in line]
    assert errors == ["tonecheck: error: inbox.mbox#41: empty message body: nothing to check"]
    # the plugin's problem: once for the config's Linter and once for its [recipients] table's
    assert one.stderr.count("tonecheck_sources returned 42, not a tonecheck.sources.Format") == 2
    files = json.loads(two.stdout)["files"]
    paths = [f["path"] for f in files]
    assert paths == [f"inbox.mbox#{n}" for n in range(1, 201) if n != 41] + ["note.txt"]
    # the colleague's messages follow the [recipients] table; the customers' do not
    assert not any(f["rule"].startswith("CustomerFocus.") for f in files[0]["findings"])  # #1: to a colleague
    assert any(f["rule"].startswith("CustomerFocus.") for f in files[4]["findings"])  # #5: the same, to a customer


def test_a_run_over_the_threshold_says_it_uses_workers(tmp_path):
    if not parallel.FORKS:
        pytest.skip("this platform checks drafts in one process")
    (tmp_path / "inbox.mbox").write_text(mbox(2 * parallel.PER_WORKER))
    result = tonecheck(tmp_path, "check", "-v", "-j", "2", "-q", "inbox.mbox")
    assert f"checking {2 * parallel.PER_WORKER} drafts in 2 worker processes" in result.stderr
    result = tonecheck(tmp_path, "check", "-v", "-j", "2", "-q", "inbox.mbox", "--fix")
    assert "worker processes" not in result.stderr  # --fix stays in one process


def test_one_draft_imports_nothing_for_workers(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFTS[0].format(name="Jo", n=1))
    code = ("import sys\nfrom tonecheck.cli import main\ntry:\n    main(['check', 'd.txt'])\nexcept SystemExit:\n    pass\n"
            "print(sorted({'tonecheck.parallel', 'pickle', 'mmap', 'multiprocessing'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr


def test_few_drafts_stay_in_one_process():
    assert parallel.workers_for(1, 8) == 1
    assert parallel.workers_for(2 * parallel.PER_WORKER - 1, 8) == 1
    assert parallel.workers_for(2 * parallel.PER_WORKER, 8) == 2
    assert parallel.workers_for(10_000, 2) == 2
    assert parallel.workers_for(10_000, 1) == 1
    assert parallel.workers_for(5 * parallel.PER_WORKER, 8) == 5


def test_a_run_under_the_threshold_forks_no_worker(run, tmp_path, monkeypatch):
    def no_fork():
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(os, "fork", no_fork)
    (tmp_path / "inbox.mbox").write_text(mbox(2 * parallel.PER_WORKER - 1))
    result = run("check", "-j", "8", "-q", "inbox.mbox")
    assert result.exit_code == 1 and f"inbox.mbox#{2 * parallel.PER_WORKER - 1}:" in result.stdout


KILLER = '''import os, signal, tonecheck

@tonecheck.rule("House.Fatal", category="structure", message="Fatal.", why="w", bad=["x"], good=["y"])
def fatal(analysis, rule):
    """Kills its process on one draft."""
    if "FATAL" in analysis.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return ()

@tonecheck.hookimpl
def tonecheck_rules():
    return [fatal]
'''


def test_a_worker_killed_mid_run_is_one_line_and_exit_2(tmp_path):
    if not parallel.FORKS:
        pytest.skip("this platform checks drafts in one process")
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["killer.py"]\n')
    (tmp_path / "killer.py").write_text(KILLER)
    count = 2 * parallel.PER_WORKER + 20
    (tmp_path / "inbox.mbox").write_text(mbox(count, body=lambda n: "Hi Jo,\nFATAL\nTom" if n == 50 else "Hi Jo,\nIt ships today.\nTom"))
    result = tonecheck(tmp_path, "check", "-j", "2", "inbox.mbox", timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "tonecheck: error: a worker process was killed by SIGKILL while checking inbox.mbox#51; the run was stopped"]


@pytest.mark.parametrize("value", ["0", "-1", "x", "1.5"])
def test_jobs_must_be_a_number_from_1_or_auto(run, tmp_path, value):
    (tmp_path / "d.txt").write_text(DRAFTS[1].format(name="Jo", n=1))
    result = run("check", "--jobs", value, "d.txt")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("tonecheck: error: Invalid value for '-j' / '--jobs': ") and "number of processes" in line


def test_jobs_auto_and_1_check_one_draft_alike(run, tmp_path):
    (tmp_path / "d.txt").write_text(DRAFTS[0].format(name="Jo", n=1))
    one, auto = run("check", "-j", "1", "d.txt"), run("check", "--jobs", "auto", "d.txt")
    assert (auto.stdout, auto.exit_code) == (one.stdout, one.exit_code) and one.exit_code == 1


def test_lint_many_gives_lint_s_reports_in_order():
    from tonecheck.engine import Linter
    from tonecheck.sources import load_text

    linter = Linter()
    drafts = [load_text(DRAFTS[n % 4].format(name=f"C{n}", n=n), f"d{n}.txt") for n in range(2 * parallel.PER_WORKER)]
    many = list(parallel.lint_many(linter, drafts, jobs=2))
    assert [r.path for r in many] == [d.path for d in drafts]
    assert [(r.findings, r.score) for r in many] == [(r.findings, r.score) for r in map(linter.lint, drafts)]
    with pytest.raises(ValueError):
        list(parallel.lint_many(linter, drafts, jobs=0))


def test_ordered_map_in_order_with_errors_in_place():
    if not parallel.can_fork():
        pytest.skip("no fork here (another thread runs): the serial path is the one tested")

    def square(i):
        if i == 70:
            raise ValueError("seventy")
        return i * i

    got = []
    with pytest.raises(ValueError, match="seventy"):
        for value in parallel.ordered_map(square, 200, 2):
            got.append(value)
    assert got == [i * i for i in range(70)]


def test_a_result_that_cannot_be_pickled_is_worked_out_in_the_parent():
    """A plugin's finding holding a function cannot come back from a worker: the run
    still gives what one process gives."""
    if not parallel.can_fork():
        pytest.skip("no fork here (another thread runs): the serial path is the one tested")
    parent = os.getpid()

    def result(i):
        if i == 90:
            return ("unpicklable", lambda: i, os.getpid() == parent)
        return i

    got = list(parallel.ordered_map(result, 200, 2))
    assert got[:90] == list(range(90)) and got[91:] == list(range(91, 200))
    assert got[90][0] == "unpicklable" and got[90][2] is True  # made here, in the parent


SLOW = '''import tonecheck

@tonecheck.rule("House.Slow", category="structure", message="Slow.", why="w", bad=["x"], good=["y"])
def slow(analysis, rule):
    """Never ends on one draft."""
    while "SLOW" in analysis.text:
        pass
    return ()

@tonecheck.hookimpl
def tonecheck_rules():
    return [slow]
'''


def test_the_rule_budget_stops_a_rule_in_a_worker(tmp_path):
    if not parallel.FORKS:
        pytest.skip("this platform checks drafts in one process")
    (tmp_path / "slow.py").write_text(SLOW)
    (tmp_path / "run.py").write_text(f'''
import os
from tonecheck import parallel
from tonecheck.config import Config
from tonecheck.engine import Linter
from tonecheck.sources import load_text

linter = Linter(Config(plugins=("slow.py",)), rule_budget=0.3)
drafts = [load_text("Hi Jo,\\n" + ("SLOW" if n == 40 else "It ships today.") + "\\nTom", f"d{{n}}.txt")
          for n in range({2 * parallel.PER_WORKER})]
for report in parallel.lint_many(linter, drafts, jobs=2):
    if report.errors:
        print(report.path, report.errors[0])
''')
    result = subprocess.run([sys.executable, "run.py"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.stdout.splitlines() == [
        "d40.txt plugin 'slow.py': rule House.Slow was stopped: it took longer than 0.3 s on this draft"], result.stderr


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the workers")
def test_ctrl_c_stops_the_workers_and_exits_130(tmp_path):
    import signal
    import time

    (tmp_path / "inbox.mbox").write_text(mbox(1500))
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "check", "-j", "2", "inbox.mbox"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert len(workers) == 2, "no workers started"
        os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole process group
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert out == "" and err.strip() == "tonecheck: aborted"
    # none left, not even a zombie (a worker that outlived the parent is reaped by init, which may
    # take a moment on a loaded machine: it must be gone within a few seconds, never stay)
    deadline = time.monotonic() + 5
    while (left := [w for w in workers if os.path.exists(f"/proc/{w}")]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left


def test_the_readme_gives_the_threshold_the_code_uses():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    assert f"a run of {2 * parallel.PER_WORKER} drafts or more" in readme
    assert f"one per {parallel.PER_WORKER} drafts up to N" in readme
    assert f"than {2 * parallel.PER_WORKER} drafts" in readme  # the Python API's


def test_with_another_thread_running_the_run_stays_in_one_process(run, tmp_path, monkeypatch):
    import threading

    def no_fork():
        raise AssertionError("a worker was forked beside a thread")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        (tmp_path / "inbox.mbox").write_text(mbox(2 * parallel.PER_WORKER))
        result = run("check", "-v", "-j", "2", "-q", "inbox.mbox")
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 1
    assert f"tonecheck: note: checking {2 * parallel.PER_WORKER} drafts in this one process: " in result.stderr
