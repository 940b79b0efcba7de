"""A resident tonecheck, for editors and mail hooks that check one draft at a time.

``tonecheck daemon start`` leaves a process running that has imported tonecheck and
loaded its rules. While it runs, ``tonecheck check`` and ``tonecheck rewrite`` hand
their work to it and skip the start-up (benchmarks/README.md has the figures).

Each request is run by a child forked from the daemon. The caller passes its own
standard input, output and error over the socket (file descriptors, not their
contents), with its folder, environment, umask and stream encodings; the child takes
them all and runs the command line as the caller would have. So the output, the exit
code, colours, the config search, stdin and ``--fix``'s writes are what a run in the
caller's own process gives, and Ctrl-C in the caller reaches the child. The daemon
keeps a Linter for each config its requests used (at most ``MAX_WARM``): the next
check under that config loads nothing.

Safety and privacy:

- the socket is in a folder only its user may enter ($TONECHECK_DAEMON_DIR, else
  $XDG_RUNTIME_DIR/tonecheck, else /tmp/tonecheck-UID; refused unless the user owns
  it and no one else has any access), and each side checks the other's user id
  (SO_PEERCRED): no other user can use the daemon or stand in for it;
- no draft passes through the socket (the child reads the caller's own descriptors),
  and nothing is written to disk but the socket;
- a daemon serves only the Python environment and tonecheck version that started it
  (the socket's name holds both). Before each request it checks that no module it
  imported, installed package, pack, lexicon or model has changed since it loaded
  them; if one has, the caller runs in its own process and the daemon starts again.

Linux only (fork, descriptor passing and SO_PEERCRED); elsewhere, with
TONECHECK_DAEMON=0, for other commands, and whenever the daemon cannot be reached,
a command runs in its own process as it always does.

This module is the caller's side, and what both sides share; the daemon itself is
``daemon_server``. The ``tonecheck`` command imports this module on every run: it uses
only the lightest modules of the standard library.
"""
from __future__ import annotations

import os
import sys

#: The commands a daemon runs; the others (serve, sendmail, hooks, ...) run in their own process.
COMMANDS = ("check", "rewrite")
#: Configs whose Linters a daemon keeps loaded (the oldest is dropped first).
MAX_WARM = 8
#: Seconds the caller waits for the daemon to take a request before running it itself.
HANDSHAKE = 5.0
#: The largest request (argv, folder, environment) a daemon reads, in bytes.
MAX_REQUEST = 1024 * 1024


# -- where the daemon listens (both sides) ---------------------------------------------
def socket_dir() -> str:
    given = os.environ.get("TONECHECK_DAEMON_DIR")
    if given:
        return os.path.abspath(given)  # the daemon runs in /: a relative folder would be another
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return os.path.join(runtime, "tonecheck") if runtime else f"/tmp/tonecheck-{os.getuid()}"


def socket_path() -> str:
    """The socket of the daemon for this Python environment and tonecheck version."""
    import zlib

    from . import __version__

    # the environment, and which tonecheck in it: another checkout run with python -m is another daemon's
    ident = f"{sys.prefix}\0{sys.version}\0{__version__}\0{os.path.dirname(__file__)}".encode("utf-8", "surrogateescape")
    return os.path.join(socket_dir(), f"daemon-{zlib.crc32(ident):08x}.sock")


def private(folder: str) -> bool:
    """Does only this user have access to the folder (owner, a real folder, mode 0700 or less)?"""
    import stat

    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def supported() -> bool:
    return sys.platform.startswith("linux")


def _peer_uid(sock) -> int:
    import socket
    import struct

    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _connect(path: str, timeout: float):
    """A socket connected to the daemon at ``path`` and checked to be this user's, or None."""
    import socket

    if not (supported() and private(os.path.dirname(path))):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(path)
        if _peer_uid(sock) == os.getuid():
            return sock
    except OSError:
        pass
    sock.close()
    return None


def ask(op: str, path: str | None = None, timeout: float = HANDSHAKE) -> dict | None:
    """Send a control request (status, stop) to the daemon; its answer, or None if none runs."""
    import json

    sock = _connect(path or socket_path(), timeout)
    if sock is None:
        return None
    with sock:
        try:
            sock.sendall(json.dumps({"op": op}).encode() + b"\n")
            return json.loads(sock.makefile("rb").readline() or b"null")
        except (OSError, ValueError):
            return None


# -- what a child cannot take from its caller ------------------------------------------
#: Environment variables that shape the interpreter, the plugins loaded or the locale:
#: a caller whose values differ from the daemon's runs the command itself.
_SAME_ENV = ("PYTHON", "LC_", "LANG", "TONECHECK_NO_PLUGINS")


def context() -> dict:
    """What a forked child keeps of the daemon whatever its caller: the interpreter's
    environment variables, the locale, the groups, the resource limits, capabilities,
    seccomp and namespaces, the priority and CPUs, the interpreter's options. A request
    whose caller differs in any is refused (the caller runs the command itself), so a
    sandboxed, limited or niced caller stays so."""
    out: dict = {"env": sorted((k, v) for k, v in os.environ.items() if k.startswith(_SAME_ENV)),
                 "gid": os.getegid(), "groups": sorted(os.getgroups()), "flags": list(sys.flags),
                 "warnoptions": list(sys.warnoptions)}
    try:
        out["nice"] = os.getpriority(os.PRIO_PROCESS, 0)
        out["cpus"] = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        pass
    try:
        import resource

        out["limits"] = [resource.getrlimit(getattr(resource, name)) for name in sorted(dir(resource))
                         if name.startswith("RLIMIT_")]
    except (ImportError, OSError, ValueError):
        pass
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            out["status"] = [line.strip() for line in fh if line.startswith(("Cap", "NoNewPrivs", "Seccomp"))]
        out["ns"] = sorted(os.readlink(f"/proc/self/ns/{ns}") for ns in os.listdir("/proc/self/ns"))
    except OSError:
        pass
    return out


# -- the caller's side ----------------------------------------------------------------
def handed_over(argv: list[str]) -> int | None:
    """Run ``tonecheck <argv>`` in the daemon, if one serves this environment: the exit
    code, or None when the command is to run in this process (no daemon, another
    command, TONECHECK_DAEMON=0, a closed standard stream, a caller the daemon cannot
    stand in for, a daemon about to start again or too busy to answer at once)."""
    if (not argv or argv[0] not in COMMANDS or not supported()
            or os.environ.get("TONECHECK_DAEMON", "").lower() in ("0", "no", "off", "false")):
        return None  # (elsewhere than Linux, not even a path is worked out: Windows has no user ids)
    path = socket_path()
    if not os.path.exists(path):  # the common case: no daemon, and nothing else to import
        return None
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)  # a closed stream is said by the command itself, in this process
        if os.isatty(0) and os.tcgetpgrp(0) != os.getpgrp():
            return None  # a background job: only its own process is stopped when it reads the terminal
    except OSError:
        return None
    if any(a.startswith(_CALLERS_OWN) for a in argv):
        return None  # <(...), /dev/fd/5, /dev/tty: descriptors and a terminal only this process has
    import signal

    caller = _Caller()
    previous = {}
    for name in _FORWARDED:
        sig = getattr(signal, name)
        if signal.getsignal(sig) is not signal.SIG_IGN:  # ignored by the caller (nohup): the child is spared it too
            previous[sig] = signal.signal(sig, caller.forward)
    try:
        sock = _connect(path, HANDSHAKE)
        outcome = None if sock is None else caller.hand_over(sock, argv)
    except _Interrupted:
        outcome = None
    finally:
        caller.waiting = False  # a signal from here on is only noted
        if caller.child is None:  # the run stays here: the signals are the command line's own again
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    if outcome is None and caller.pending:  # a signal before the daemon took it: as the command would end
        signum = caller.pending[0]
        if signum == signal.SIGINT:
            print("\ntonecheck: aborted", file=sys.stderr)
            return 130
        os.kill(os.getpid(), signum)  # its handler is the default again: ended by it
        return 128 + signum
    return outcome


#: Paths that name what only the caller's process has: the descriptors of a process
#: substitution ("<(...)") and its terminal.
_CALLERS_OWN = ("/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/dev/tty")


class _Interrupted(Exception):
    """A signal came while the caller waited for the daemon to take its request."""


#: Signals the caller passes on to the child doing its work (Ctrl-C, Ctrl-Z and the like).
_FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGTSTP", "SIGCONT")


class _Caller:
    """The caller's half of a request: the hand-over, and the signals it passes on."""

    def __init__(self) -> None:
        self.child: int | None = None  # the pid of the child doing the work, once the daemon says it
        self.waiting = True  # may still give up on the daemon and run the command here
        self.pending: list[int] = []  # signals that came before the child was known

    def forward(self, signum, frame) -> None:
        import signal

        if signum == signal.SIGTSTP:  # Ctrl-Z: stop the child, then this caller, as a shell expects
            if self.child is not None:
                os.kill(self.child, signal.SIGSTOP)
            signal.signal(signal.SIGTSTP, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTSTP)  # returns at fg (or at once, if no shell can stop us)
            signal.signal(signal.SIGTSTP, self.forward)
            if self.child is not None:
                os.kill(self.child, signal.SIGCONT)
            return
        if self.child is None:
            if signum != signal.SIGCONT:
                self.pending.append(signum)
                if self.waiting and len(self.pending) == 1:
                    raise _Interrupted()  # stop waiting for the daemon (once): the command ends here
            return
        try:
            os.kill(self.child, signum)
        except OSError:
            pass

    def hand_over(self, sock, argv: list[str]) -> int | None:
        """Send the request and this caller's descriptors; the child's exit code (None:
        the daemon did not take it, and will not run it)."""
        import json
        import signal
        import socket

        with sock:
            umask = os.umask(0o022)
            os.umask(umask)
            streams = [(getattr(s, "encoding", None), getattr(s, "errors", None)) for s in (sys.stdin, sys.stdout, sys.stderr)]
            try:
                request = {"op": "run", "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask,
                           "streams": streams, "context": context()}
                sock.sendall(json.dumps(request, ensure_ascii=True).encode() + b"\n")
                reader = sock.makefile("rb")
                if reader.readline() != b"ready\n" or self.pending:
                    return None  # refused, busy, or Ctrl-C on the way: run here (or stop); the daemon runs nothing
                # the streams go with "go", not before: a caller that gave up leaves none of them behind
                self.waiting = False  # before "go" leaves: a signal from here on waits for the child
                try:
                    socket.send_fds(sock, [b"go\n"], [0, 1, 2])
                except OSError:  # not sent: the daemon has nothing to run, so this caller runs it
                    return None
                sock.settimeout(None)  # from here on, the command is the daemon's: a big mbox may take a while
                first = reader.readline()
                if not first.startswith(b"pid "):
                    # no child was made (the daemon forks before it says the pid; a child whose
                    # caller closes this socket ends itself): the command is this caller's
                    return None
                self.child = int(first[4:])
                for signum in self.pending:
                    os.kill(self.child, signum)
                last = reader.readline()
            except (OSError, ValueError):
                if self.child is None:  # nothing runs for it in the daemon: the command is this caller's
                    return None
                last = b""
        if last.startswith(b"exit "):
            return int(last[5:])
        if last.startswith(b"signal "):  # killed by a signal: this caller ends the same way
            signum = int(last[7:])
            try:
                signal.signal(signum, signal.SIG_DFL)
            except (OSError, ValueError):  # SIGKILL and SIGSTOP have no handler to reset
                pass
            os.kill(os.getpid(), signum)
            return 128 + signum
        if self.child is not None:  # the daemon went away mid-run: its child goes too, as ours would
            try:
                os.kill(self.child, signal.SIGKILL)
            except OSError:
                pass
        print("tonecheck: error: the daemon stopped before the command ended (run it again, or with TONECHECK_DAEMON=0)",
              file=sys.stderr)
        return 2
