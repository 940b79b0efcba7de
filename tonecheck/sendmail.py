"""The pre-send gate behind ``tonecheck sendmail``: a message on its way to sendmail
is checked, and passed on byte for byte only when it passes, or when the writer,
having read the findings, says to send it anyway.

Nothing is ever lost: a held message is not sent and the mail client, seeing a
non-zero exit, keeps the draft; a message that is sent is the one the client wrote,
less only the writer's own ``X-Tonecheck`` header.
"""
from __future__ import annotations

import os
import signal
import subprocess
import threading
from dataclasses import dataclass, field

from . import re_cached
from .errors import TonecheckError
from .report import NO_WRITER_TEXT

#: The header a writer adds to send a held message anyway ("X-Tonecheck: send-anyway").
OVERRIDE_HEADER = "X-Tonecheck"
OVERRIDE_VALUE = "send-anyway"
#: The situation a writer names for the check; like the override, never sent on.
CONTEXT_HEADER = "X-Tonecheck-Context"
#: The same, for one run: TONECHECK_SEND_ANYWAY=1.
OVERRIDE_ENV = "TONECHECK_SEND_ANYWAY"
DEFAULT_PROGRAM = "/usr/sbin/sendmail"
MODES = ("block", "warn")
ON_ERROR = ("hold", "send")
DEFAULT_TIMEOUT = 30.0

# The end of the header block: the first empty line (CRLF or LF).
_HEADER_END = re_cached.compile(rb"\r?\n\r?\n")


@dataclass
class Verdict:
    """What to do with one message."""

    send: bool
    message: bytes  # what the program gets: the input, less the override header
    lines: list[str] = field(default_factory=list)  # what to tell the writer, on stderr
    held_by_findings: bool = False
    # the check is still running in a worker: the process must end without waiting for
    # it, or tearing it down (os._exit), once the verdict is carried out
    abandoned: bool = False
    # (index in lines, what to say instead): the line that says the message went, true
    # only once the real sendmail has taken it
    claim: tuple[int, str] | None = None

    def told(self, status: int, program: str) -> list[str]:
        """What to tell the writer once the real sendmail has run and ended with
        ``status`` (negative: killed by that signal)."""
        if status == 0:
            return list(self.lines)
        lines = list(self.lines)
        if self.claim is not None:
            index, instead = self.claim
            lines[index] = instead
        how = f"was killed by signal {-status}" if status < 0 else f"failed (exit status {status})"
        return [*lines, f"tonecheck: {program} {how}: the message may not have been sent; the mail client keeps it"]


def strip_header(data: bytes, name: str) -> tuple[bytes, list[str]]:
    """``data`` without every ``name:`` field of its header block (folded lines and
    all), and the values removed. The body and every other byte stay as they were."""
    end = _HEADER_END.search(data)
    # keep the line break (LF or CRLF) that ends the last field
    head_end = (end.start() + (2 if data[end.start():end.start() + 1] == b"\r" else 1)) if end else len(data)
    head, rest = data[:head_end], data[head_end:]
    lines = head.splitlines(keepends=True)
    kept, values, dropping = [], [], False
    prefix = name.lower().encode() + b":"
    for line in lines:
        if line[:1] in (b" ", b"\t") and dropping:  # a folded continuation of a dropped field
            values[-1] += " " + line.strip().decode("ascii", "replace")
            continue
        dropping = line.lower().startswith(prefix)
        if dropping:
            values.append(line[len(prefix):].strip().decode("ascii", "replace"))
        else:
            kept.append(line)
    if not values:
        return data, []
    return b"".join(kept) + rest, values


def overridden(values: list[str], env: dict) -> bool:
    """Has the writer said to send anyway (the header, or the environment)?"""
    flag = env.get(OVERRIDE_ENV, "").strip().lower()
    return flag in ("1", "true", "yes") or any(v.strip().lower() == OVERRIDE_VALUE for v in values)


def judge(data: bytes, make_linter, *, mode: str, on_error: str, timeout: float, env: dict | None = None) -> Verdict:
    """Check one message and decide whether it goes. ``make_linter(draft)`` gives the
    Linter for it (and raises what is wrong with the config). A failure of tonecheck itself (bad
    config or input, a crash, a timeout) holds the message unless ``on_error`` is "send"."""
    env = os.environ if env is None else env
    message, values = strip_header(data, OVERRIDE_HEADER)
    message, _ = strip_header(message, CONTEXT_HEADER)  # for tonecheck, not for the customer
    if overridden(values, env):
        return Verdict(True, message, ["tonecheck: sent as the writer asked (send anyway); nothing was checked"],
                       claim=(0, "tonecheck: passed on unchecked, as the writer asked (send anyway)"))
    try:
        report, linter = _lint(data, make_linter, timeout)
    except Exception as exc:  # say what went wrong, and do what config chose
        reason = str(exc) if isinstance(exc, (TimeoutError, TonecheckError)) else f"{type(exc).__name__}: {exc}"
        abandoned = isinstance(exc, TimeoutError)
        if on_error == "send":
            said = f"tonecheck: could not check the message ({reason}); sent unchecked, as on-error = \"send\" says"
            return Verdict(True, message, [said], abandoned=abandoned,
                           claim=(0, said.replace("; sent unchecked", "; passed on unchecked")))
        return Verdict(False, message, [f"tonecheck: could not check the message ({reason}); nothing was sent", _how_to_override()],
                       abandoned=abandoned)
    notes = [f"tonecheck: warning: {e}" for e in [*report.load_problems, *report.errors] if e != NO_WRITER_TEXT]
    config = linter.config
    blocking = report.at_or_above(config.fail_on)
    low = config.min_score is not None and report.score.overall < config.min_score
    empty = NO_WRITER_TEXT in report.errors
    if not (blocking or low or empty):
        return Verdict(True, message, notes)
    lines = _block(report, blocking, low, empty, config.min_score)
    if mode == "warn":
        return Verdict(True, message, [*notes, lines[0].replace("held back, nothing was sent", "sent, with problems"), *lines[1:]],
                       claim=(len(notes), lines[0].replace("held back, nothing was sent", "passed on, with problems")))
    return Verdict(False, message, [*notes, *lines, _how_to_override()], held_by_findings=True)


def send(program: list[str], message: bytes) -> int:
    """Run the real sendmail with the message on its stdin; its exit status (negative:
    the signal that killed it). A SIGTERM or SIGHUP that reaches tonecheck meanwhile
    is passed on to it and its end awaited: tonecheck never leaves a sendmail running
    behind it, nor reports a failure for a message that went."""
    proc = subprocess.Popen(program, stdin=subprocess.PIPE)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None:
                previous[sig] = signal.signal(sig, lambda signum, frame: proc.send_signal(signum))
    try:
        proc.communicate(message)
    except BaseException:  # Ctrl-C: the message is not half sent behind the writer's back
        proc.kill()
        proc.wait()
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return proc.returncode


def _message_draft(data: bytes):
    """The message's text to check. A big attachment is no reason not to check the
    text; a text part over the cap is."""
    from .errors import InputError
    from .sources import MAX_BYTES, load_bytes
    from .sources.eml import parse_eml

    if len(data) <= MAX_BYTES:
        return load_bytes(data, "message.eml", "eml")
    draft = parse_eml(data, "message.eml")
    if len(draft.text) > MAX_BYTES:
        raise InputError("message.eml: its text is larger than 10 MiB")
    return draft


def _lint(data: bytes, make_linter, timeout: float):
    """The message's Report and the Linter that made it (``make_linter(draft)`` picks it,
    by the message's recipients), or TimeoutError after ``timeout`` seconds."""
    result: dict = {}

    def work():
        try:
            draft = _message_draft(data)
            linter = make_linter(draft)
            result["report"] = (linter.lint(draft), linter)
        except BaseException as exc:  # handed to the caller, which decides what it means
            result["error"] = exc

    worker = threading.Thread(target=work, daemon=True)  # a daemon: a hung check cannot keep the process
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"the check took longer than {timeout:g} s")
    if "error" in result:
        raise result["error"]
    return result["report"]


def _block(report, blocking, low: bool, empty: bool, min_score) -> list[str]:
    """One readable block: why the message is held, then each finding."""
    why = []
    if blocking:
        n = len(blocking)
        why.append(f"{n} problem{'s' if n != 1 else ''}")
    if low:
        why.append(f"a score of {report.score.overall:g}, below the minimum of {min_score:g}")
    if empty:
        why.append("no text of the writer's own (only a quote or a signature)")
    lines = [f"tonecheck: held back, nothing was sent: {', and '.join(why)} (score {report.score.overall:g}/100)"]
    for f in report.findings:
        if f in blocking:
            line, col = report.position(f.offset)
            where = f"line {line}" if report.lines == "file" else f"body line {line}"
            lines.append(f"  {where}, column {col}: {f.rule} [{f.severity}] {f.message}")
    return lines


def _how_to_override() -> str:
    return (f"To send it as it is, add the header \"{OVERRIDE_HEADER}: {OVERRIDE_VALUE}\" "
            f"(removed before sending) or run with {OVERRIDE_ENV}=1.")


# sendmail options that take a value: the value is not a recipient ("-f sender@...").
_VALUE_OPTIONS = {"-f", "-F", "-r", "-C", "-N", "-R", "-V", "-X", "-O", "-o", "-a", "-B", "-L", "-h", "-q"}


def argument_recipients(args) -> list[str]:
    """The addresses among sendmail's arguments (mutt passes every recipient, Bcc
    included, after "--", where even one that starts with "-" is an address); before
    it, the values of options such as -f are not recipients."""
    out, skip, ended = [], False, False
    for arg in args:
        if ended:
            if "@" in arg:
                out.append(arg)
        elif skip:
            skip = False
        elif arg == "--":
            ended = True
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-") and "@" in arg:
            out.append(arg)
    return out
