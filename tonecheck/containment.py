"""Plugin code never takes a run down: what it prints goes to stderr (stdout may be
JSON), what it raises (even ``sys.exit``) is named and the run goes on, and a rule
that runs too long is stopped where the platform allows it.

Only Ctrl-C is let through: a real interrupt still stops the run.
"""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time

#: Findings one draft may have; a rule that yields more is stopped and named.
MAX_FINDINGS = 10_000
#: Seconds one rule may take on one draft (CLI runs; see Linter(rule_budget=...)).
RULE_BUDGET = 10.0


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its budget (a BaseException, so the rule's
    own ``except Exception`` cannot swallow it)."""


@contextlib.contextmanager
def quiet_stdout():
    """Plugin code's prints go to stderr: stdout is the report's (JSON must stay JSON).
    Only in the main thread: sys.stdout is one for the whole process, and a worker
    (tonecheck sendmail's timed check) that swapped it could swap it back late."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with contextlib.redirect_stdout(sys.stderr):
        yield


def contained(exc: BaseException) -> bool:
    """Is this an exception from plugin code that the run survives? Not Ctrl-C."""
    return not isinstance(exc, (KeyboardInterrupt, GeneratorExit))


@contextlib.contextmanager
def rule_timer(seconds: float | None):
    """Yield ``arm()``: each call gives the code that follows ``seconds`` before
    RuleTimeout is raised in it (the next ``arm()`` starts the count again). Works in
    the main thread on POSIX (an interval timer); elsewhere ``arm`` does nothing and
    only the caller's checks between findings apply."""
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield lambda: None
        return
    # One timer for the whole run, not a system call per rule: ``arm`` notes when the
    # current rule began, and a timer that goes off early (the rule began since) is set
    # again for what is left of that rule's budget.
    began = [time.monotonic()]

    def expire(signum, frame):
        left = seconds - (time.monotonic() - began[0])
        if left <= 0:
            signal.setitimer(signal.ITIMER_REAL, seconds)  # the next rule's budget, from its arm()
            raise RuleTimeout()
        signal.setitimer(signal.ITIMER_REAL, left)

    def arm():
        began[0] = time.monotonic()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield arm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
