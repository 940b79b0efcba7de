"""Checking many drafts on several cores.

Worker processes are forked once the Linters are built, so no worker loads plugins,
packs or the model again, and each finds the drafts already in its memory: the
parent only sends a worker which drafts to do (a chunk of indices) and reads back
each draft's result, pickled, through a pipe. Results come out in the drafts' order,
whichever worker finishes first. Nothing of a draft is written to disk.

It pays only for many drafts: each worker is given at least ``PER_WORKER`` of them,
so a run of fewer than ``2 * PER_WORKER`` stays in one process (``workers_for``).
Fork is used only where it is the safe way to start a worker: a POSIX system other
than macOS (whose system libraries may not survive a fork; Python starts workers
there by spawning a new interpreter, which would load everything again), in a
process with no other thread running. Elsewhere drafts are checked in the process
itself, one after the other, with the same results.

A worker that dies (killed, a crash in a C extension) stops the run with
``WorkerDied``, naming the draft it was on (each worker writes its index in a small
shared map), said when the results reach the chunk of drafts it was given; Ctrl-C
(``KeyboardInterrupt`` in the parent; the workers ignore SIGINT) and any other way
out kill the workers and wait for them, so none is left behind.

Only the standard library's small modules are imported, and only when workers start:
a check of one draft pays nothing for this module.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import TonecheckError

if TYPE_CHECKING:
    from .draft import Draft
    from .engine import Linter
    from .report import Report

#: Drafts each worker is given at the least: below two workers' worth, a run stays in
#: one process. A worker costs some 60 ms before it runs at full speed (the fork, and
#: what each process loads on first use: imports, patterns compiled, words looked up).
#: On a 2-core machine two workers gained 4-5 % over one process on 32 short messages
#: (within the noise), 7-9 % on 64, 9-16 % on 96 and 17-21 % on 128, in three runs of
#: ``benchmarks/bench.py --only workers``.
PER_WORKER = 32
#: The most drafts a worker is given at once: small enough that the last chunks
#: balance the workers, large enough that asking for more is rare.
MAX_CHUNK = 32


class WorkerDied(TonecheckError):
    """A worker process ended without sending back a draft's result."""


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, where the platform has
    one; else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


#: Does this platform start workers by fork at all? POSIX, but not macOS (see above).
FORKS = hasattr(os, "fork") and sys.platform not in ("darwin", "cygwin", "ios")


def can_fork() -> bool:
    """Can workers be forked safely here and now? ``FORKS``, and no other thread in
    this process (a thread holding a lock at the fork would leave it held for ever
    in the worker)."""
    return why_not_fork() is None


def why_not_fork() -> str | None:
    """Why ``can_fork`` says no, or None."""
    if not FORKS:
        return f"worker processes are not forked on {sys.platform}"
    import threading

    if threading.active_count() > 1:
        return "another thread runs in this process"
    return None


def workers_for(count: int, jobs: int) -> int:
    """How many processes to check ``count`` drafts with, given at most ``jobs``:
    a worker for every ``PER_WORKER`` drafts, and at least two; 1 means this one
    alone, no worker (fewer than ``2 * PER_WORKER`` drafts, or ``jobs`` 1)."""
    if jobs < 2 or count < 2 * PER_WORKER:
        return 1
    return min(jobs, count // PER_WORKER)


def ordered_map(fn: Callable[[int], Any], count: int, workers: int,
                describe: Callable[[int], str] = str, first: Callable[[int], Any] | None = None) -> Iterator[Any]:
    """``fn(0)``, ``fn(1)``, ... ``fn(count - 1)``, in that order, computed by
    ``workers`` processes forked when the first result is asked for (or here, one
    after the other, when ``workers`` < 2 or ``can_fork()`` says no). ``fn`` runs in
    the workers with this process's memory as it was at the fork: it and what it
    reads are never pickled; its results are (one that cannot be, a plugin's finding
    holding a function say, is worked out again here, in its place). An exception
    ``fn`` raises is raised here, in order, in place of its result. A worker that
    dies raises ``WorkerDied``, naming ``describe(i)`` for the item it was on, in the
    place of the chunk of items it was given (the results before it in that chunk
    died with it). ``first(i)``, if given, is called for each item of a chunk before
    ``fn`` is for any (reading a chunk's drafts, then checking them, is kinder to the
    CPU's caches than each in turn); what it raises is the item's result."""
    if workers < 2 or count < 2 or not can_fork():
        for i in range(count):
            if first is not None:
                first(i)
            yield fn(i)
        return
    pool = _Pool(fn, count, min(workers, count), describe, first)
    try:
        for i in range(count):
            ok, value = pool.result(i)
            if ok is None:  # a result that cannot be pickled: worked out here, as in one process
                if first is not None:
                    first(i)
                value = fn(i)
            elif not ok:
                raise value
            yield value
    finally:
        pool.stop()


def lint_many(linter: Linter, drafts: Sequence[Draft], jobs: int | None = None) -> Iterator[Report]:
    """The Report of each draft, in order, as ``linter.lint(draft)`` gives it, checked
    by up to ``jobs`` worker processes (None: one per CPU this process may use).

    Workers are forked from this process once ``linter`` is built, so they share its
    plugins, packs and model, and only where that is safe (see ``can_fork``); a few
    drafts (fewer than ``2 * PER_WORKER``), ``jobs=1``, or a platform without a safe
    fork check them here, one after the other. The reports are the same either way.
    Each Report is pickled back from its worker; one that cannot be (a plugin's
    finding holding a function, say) is checked again in this process. A worker that dies raises
    ``tonecheck.parallel.WorkerDied``. Consume the iterator to the end (or close it):
    the workers are stopped when it ends."""
    jobs = available_cpus() if jobs is None else jobs
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number from 1, not {jobs!r}")
    drafts = list(drafts)
    problems = list(linter.problems)

    def lint(i):
        report = linter.lint(drafts[i])
        report.load_problems = []  # the same for every draft: not sent back each time
        return report

    for report in ordered_map(lint, len(drafts), workers_for(len(drafts), jobs), lambda i: drafts[i].path):
        report.load_problems = list(problems)
        yield report


# -- the workers -------------------------------------------------------------------

_HEADER = 8  # a chunk's results: their length, before their pickle
_TASK = 8  # a chunk: its first and past-the-last index
_SLOT = 8  # a worker's place in the shared progress map: the index it is on


def _call(fn, i: int) -> tuple[bool, Any]:
    try:
        return True, fn(i)
    except BaseException as exc:  # noqa: BLE001 - raised by the parent, in order
        return False, exc


class _Worker:
    def __init__(self, number: int, pid: int, tasks: int, results: int):
        self.number, self.pid, self.tasks, self.results = number, pid, tasks, results
        self.chunks: list[tuple[int, int]] = []  # the chunks it was sent and has not answered
        self.buffer = bytearray()
        self.status: int | None = None  # from waitpid, once it has ended


class _Pool:
    """Workers forked now, each with a pipe for its tasks (chunks of indices) and one
    for its results (a chunk's at a time, pickled together); each writes the index it
    is on in its slot of a shared map, so a death is put to the right item."""

    def __init__(self, fn, count: int, size: int, describe, first=None):
        import mmap

        self.fn, self.first, self.count, self.describe = fn, first, count, describe
        self.chunk = max(1, min(MAX_CHUNK, count // (size * 8)))
        self.next = 0  # the first index not yet sent to a worker
        self.workers: list[_Worker] = []
        self.done: dict[int, tuple[bool, Any]] = {}
        self.dead: dict[int, str] = {}  # the index a worker died on: what to say
        self.progress = mmap.mmap(-1, _SLOT * size)  # anonymous and shared: in memory only
        self.selector = None
        try:
            self._start(size)
        except BaseException:
            self.stop()
            raise

    # -- starting --------------------------------------------------------------
    def _start(self, size: int) -> None:
        import gc
        import selectors
        import signal

        sys.stdout.flush()  # what a child inherits unflushed it would print again
        sys.stderr.flush()
        # a Ctrl-C during the forks waits until they are done: each child ignores it first
        masked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        gc.freeze()  # the heap as it is: a child's collections do not copy its pages
        try:
            for number in range(size):
                self._fork(number, masked)
        finally:
            gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, masked)
        self.selector = selectors.DefaultSelector()
        for w in self.workers:
            self.selector.register(w.results, selectors.EVENT_READ, w)
            self._send(w)
            self._send(w)  # a second chunk waiting, so a worker never idles for the parent

    def _fork(self, number: int, masked) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns, and exits without the parent's atexit
            code = 1
            try:
                import signal

                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
                signal.pthread_sigmask(signal.SIG_SETMASK, masked)
                for fd in (task_w, result_r, *(fd for w in self.workers for fd in (w.tasks, w.results))):
                    os.close(fd)  # only the parent may hold them: an end of file must mean it
                _serve(self.fn, self.first, task_r, result_w, self.progress, number * _SLOT)
                code = 0
            finally:
                try:
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        os.close(task_r)
        os.close(result_w)
        self.workers.append(_Worker(number, pid, task_w, result_r))

    # -- running ---------------------------------------------------------------
    def _send(self, w: _Worker) -> None:
        """Give ``w`` the next chunk, if there is one and no worker has died."""
        if self.next >= self.count or self.dead:
            return
        start, end = self.next, min(self.next + self.chunk, self.count)
        try:
            os.write(w.tasks, start.to_bytes(4, "little") + end.to_bytes(4, "little"))
        except BrokenPipeError:  # it has died: the end of its results says how
            return
        self.next = end
        w.chunks.append((start, end))

    def result(self, i: int) -> tuple[bool, Any]:
        """The result of item ``i``: (True, value) or (False, the exception)."""
        while i not in self.done:
            if i in self.dead:
                raise WorkerDied(self.dead[i])
            if not any(w.chunks for w in self.workers if w.status is None):
                raise WorkerDied(f"the worker processes stopped before checking {self.describe(i)}")
            for key, _ in self.selector.select():
                self._read(key.data)
        return self.done.pop(i)

    def _read(self, w: _Worker) -> None:
        import pickle

        data = os.read(w.results, 1 << 20)
        if not data:  # its end of the pipe closed: the worker is gone
            self._died(w)
            return
        buffer = w.buffer
        buffer += data
        while len(buffer) >= _HEADER:
            size = int.from_bytes(buffer[:_HEADER], "little")
            if len(buffer) < _HEADER + size:
                break
            results = pickle.loads(buffer[_HEADER:_HEADER + size])
            del buffer[:_HEADER + size]
            start, _ = w.chunks.pop(0)
            self.done.update(enumerate(results, start))
            self._send(w)

    def _died(self, w: _Worker) -> None:
        self.selector.unregister(w.results)
        _, w.status = os.waitpid(w.pid, 0)
        if w.chunks:
            start, end = w.chunks[0]
            at = int.from_bytes(self.progress[w.number * _SLOT:(w.number + 1) * _SLOT], "little")
            i = at if start <= at < end else start
            # said in the chunk's place: the results before it in the chunk died with it
            self.dead[start] = f"a worker process {_how(w.status)} while checking {self.describe(i)}; the run was stopped"
            w.chunks = []

    # -- stopping --------------------------------------------------------------
    def stop(self) -> None:
        """Stop every worker and wait for it: on the way out, whatever the way."""
        import signal

        finished = not self.dead and self.next >= self.count and not any(w.chunks for w in self.workers)
        for w in self.workers:
            os.close(w.tasks)  # an idle worker reads the end of its tasks and exits
            if not finished and w.status is None:
                try:
                    os.kill(w.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if self.selector is not None:
            self.selector.close()
        for w in self.workers:
            if w.status is None:
                try:
                    _, w.status = os.waitpid(w.pid, 0)
                except ChildProcessError:
                    pass
            os.close(w.results)
        self.workers = []
        self.progress.close()


def _how(status: int) -> str:
    """How a worker ended, from its waitpid status: "was killed by SIGKILL"."""
    if os.WIFSIGNALED(status):
        import signal

        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"was killed by {name}"
    return f"exited with status {os.WEXITSTATUS(status)}" if os.WIFEXITED(status) else "ended"


def _serve(fn, first, tasks: int, results: int, progress, slot: int) -> None:
    """A worker's life: read a chunk, send back its results, until the parent closes
    the tasks pipe."""
    import pickle

    sys.stdout = sys.stderr  # stdout is the report's, printed by the parent alone
    while True:
        task = _read_exactly(tasks, _TASK)
        if task is None:
            return
        items = range(int.from_bytes(task[:4], "little"), int.from_bytes(task[4:], "little"))
        failed = {}
        for i in items if first is not None else ():
            progress[slot:slot + _SLOT] = i.to_bytes(_SLOT, "little")
            ok, value = _call(first, i)
            if not ok:
                failed[i] = value
        out = []
        for i in items:
            progress[slot:slot + _SLOT] = i.to_bytes(_SLOT, "little")
            ok, value = (False, failed[i]) if i in failed else _call(fn, i)
            out.append((ok, value if ok else _portable(value)))
        try:
            data = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a result that cannot be pickled: the parent works it out
            data = pickle.dumps([_sendable(r) for r in out], pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(results, len(data).to_bytes(_HEADER, "little") + data)
        except BrokenPipeError:  # the parent is gone
            return


def _sendable(result: tuple[bool, Any]) -> tuple[bool | None, Any]:
    """The result, if it can be pickled; else (None, None): the parent works it out."""
    import pickle

    try:
        pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        return result
    except Exception:  # noqa: BLE001
        return None, None


def _portable(exc: BaseException) -> BaseException:
    """The exception itself, if it survives pickling; else a RuntimeError saying it."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc, pickle.HIGHEST_PROTOCOL))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _read_exactly(fd: int, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            return None
        data += more
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


__all__ = ["FORKS", "PER_WORKER", "WorkerDied", "available_cpus", "can_fork", "lint_many", "ordered_map", "why_not_fork",
           "workers_for"]
