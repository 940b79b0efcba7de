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

The ``tonecheck`` command imports this module on every run: the client uses only the
lightest modules of the standard library; the server imports what it needs inside.
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
        return given
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return os.path.join(runtime, "tonecheck") if runtime else f"/tmp/tonecheck-{os.getuid()}"


def socket_path() -> str:
    """The socket of the daemon for this Python environment and tonecheck version."""
    import zlib

    from . import __version__

    ident = f"{sys.prefix}\0{sys.version}\0{__version__}".encode("utf-8", "surrogateescape")
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


# -- the caller's side ----------------------------------------------------------------
def handed_over(argv: list[str]) -> int | None:
    """Run ``tonecheck <argv>`` in the daemon, if one serves this environment: the exit
    code, or None when the command is to run in this process (no daemon, another
    command, TONECHECK_DAEMON=0, a closed standard stream, a daemon about to restart)."""
    if not argv or argv[0] not in COMMANDS or os.environ.get("TONECHECK_DAEMON", "").lower() in ("0", "no", "off", "false"):
        return None
    path = socket_path()
    if not os.path.exists(path):  # the common case: no daemon, and nothing else to import
        return None
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)  # a closed stream is said by the command itself, in this process
    except OSError:
        return None
    sock = _connect(path, HANDSHAKE)
    if sock is None:
        return None
    import signal

    child: list[int] = []  # the pid of the child doing the work, once the daemon says it
    pending: list[int] = []  # signals that came before it: passed on as soon as it is known

    def forward(signum, frame):
        if not child:
            pending.append(signum)
            return
        try:
            os.kill(child[0], signum)
        except OSError:
            pass

    previous = {sig: signal.signal(sig, forward) for sig in (getattr(signal, name) for name in _FORWARDED)}
    try:
        taken = _hand_over(sock, argv, child, pending)
    finally:
        if not child:  # the run stays here: Ctrl-C is the command line's own again
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    if taken is None and pending:  # Ctrl-C before the daemon took it: stop, as the command would
        print("\ntonecheck: aborted", file=sys.stderr)
        return 128 + pending[0]
    return taken


#: Signals the caller passes on to the child doing its work (Ctrl-C and the like).
_FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")


def _hand_over(sock, argv: list[str], child: list[int], pending: list[int]) -> int | None:
    """Send the request and the caller's descriptors; wait for the child's exit code
    (None: the daemon did not take it)."""
    import json
    import socket

    with sock:
        umask = os.umask(0o022)
        os.umask(umask)
        streams = [(getattr(s, "encoding", None), getattr(s, "errors", None)) for s in (sys.stdin, sys.stdout, sys.stderr)]
        try:
            request = {"op": "run", "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask, "streams": streams}
            data = json.dumps(request, ensure_ascii=True).encode() + b"\n"
            sent = socket.send_fds(sock, [data], [0, 1, 2])
            sock.sendall(data[sent:])
            reader = sock.makefile("rb")
            first = reader.readline()
        except (OSError, ValueError):
            return None  # not taken: run here
        if not first.startswith(b"pid "):
            return None  # "stale": the daemon starts again; this run is the caller's
        child.append(int(first[4:]))
        for signum in pending:
            os.kill(child[0], signum)
        sock.settimeout(None)  # a big mbox may take a while
        try:
            last = reader.readline()
        except OSError:
            last = b""
    if last.startswith(b"exit "):
        return int(last[5:])
    print("tonecheck: error: the daemon stopped before the command ended (run it again, or with TONECHECK_DAEMON=0)",
          file=sys.stderr)
    return 2


# -- the daemon's side ------------------------------------------------------------------
class Warm:
    """The Linters a daemon keeps, by config: a request's command line asks this for its
    Linter (through click's ``obj``) instead of loading one."""

    def __init__(self) -> None:
        self.linters: dict = {}
        #: (config, rule budget) of the Linters a child had to load: reported to the daemon
        self.missed: list = []

    @staticmethod
    def key(config, rule_budget) -> tuple:
        return (repr(config), rule_budget)

    def linter(self, config, rule_budget=None):
        from .engine import Linter

        found = self.linters.get(self.key(config, rule_budget))
        if found is None:
            found = Linter(config, rule_budget=rule_budget)
            self.missed.append((config, rule_budget))
        return found


def _file_stamps(paths) -> list:
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), None, None))
    return out


def code_files() -> set:
    """The files whose change means the code this process runs is no longer what is
    installed: every imported module's outside the standard library, and the folders
    packages are installed in (installing or removing one changes them)."""
    import sysconfig

    stdlib = sysconfig.get_paths()["stdlib"] + os.sep
    files = {f for m in list(sys.modules.values())
             if isinstance(f := getattr(m, "__file__", None), str) and not f.startswith(stdlib)}
    return files | {p for p in sys.path if p and os.path.isdir(p)}


def data_stamp(linters) -> list:
    """What says the Linters' packs (the lexicon among them) and the model are unchanged."""
    from . import cache
    from .learned import MODEL_PATH
    from .packs import pack_files

    files = {MODEL_PATH}
    for linter in linters:
        for path in linter.pack_paths:
            try:
                files.update(pack_files(path))
            except Exception:  # noqa: BLE001 - gone or unreadable: its stamp below says so
                files.add(path)
    out = []
    for f in sorted(files):
        try:
            out.append((str(f), *cache.file_stamp(f)))
        except OSError:
            out.append((str(f), None))
    return out


#: What the daemon lints once per Linter it loads, so that the patterns rules compile on
#: first use are compiled before any request (a child's work would be lost when it exits).
_WARM_UP = (
    "Hi Sam,\n\nUnfortunately we are unable to process your request at this time due to a system issue. "
    "As per our policy, refunds take 5-7 working days. We'll look into it and get back to you ASAP. "
    "I just wanted to plan my weekend as I'm only in on Saturday. Would you be available at 9am?\n\n"
    "Thanks,\nJo\n\n> On Monday, Sam wrote:\n> Where is my order?\n"
)


class Daemon:
    def __init__(self, path: str, idle_timeout: float | None = None, log=None, ready=None) -> None:
        self.path = path
        self.idle_timeout = idle_timeout
        self.log = log or (lambda message: None)
        self.ready = ready or (lambda: None)
        self.code: dict = {}  # file -> its stamp when it was loaded
        self.warm = Warm()
        self.children: dict = {}  # the pipe a child ends with -> (pid, the caller's socket, what it sent)
        self.served = 0
        self.started = 0.0
        self.stopping = False

    # -- loading --------------------------------------------------------------------
    def load(self, config, rule_budget) -> None:
        """Keep a Linter for this config, loaded and warmed up (a config that fails to
        load is left to the requests that use it, which say why)."""
        from .engine import Linter
        from .sources import load_text

        key = Warm.key(config, rule_budget)
        if key in self.warm.linters:
            return
        try:
            linter = Linter(config, rule_budget=rule_budget)
            for _ in range(3):  # past the first drafts, which compile only the phrases they hold
                linter.lint(load_text(_WARM_UP, "warm-up.txt"))
            linter.prepare()
        except Exception as exc:  # noqa: BLE001 - a request will meet it and say it
            self.log(f"not kept: {config.path or 'the defaults'} ({type(exc).__name__}: {exc})")
            return
        finally:
            self.note_code()  # a config's plugins are code too
        while len(self.warm.linters) >= MAX_WARM:
            self.warm.linters.pop(next(iter(self.warm.linters)))
        self.warm.linters[key] = linter

    def prepare(self) -> None:
        """Import what a command imports and load the default config's Linter."""
        import gc

        from . import cli, rewrites  # noqa: F401 - imported here once, not in each child
        from .config import load_config
        try:  # what reads a project's config, on the way of nearly every request
            import tomllib  # noqa: F401
        except ImportError:  # Python 3.10
            import tomli  # noqa: F401
        from .containment import RULE_BUDGET
        from .formatters import json as _json, text as _text  # noqa: F401

        self.load(load_config(None), RULE_BUDGET)
        self.data = data_stamp(self.warm.linters.values())
        gc.freeze()  # what is loaded now stays shared with the children, not copied into each

    def note_code(self) -> None:
        """Stamp the code files imported since the last call."""
        new = code_files() - self.code.keys()
        self.code.update((path, stamp) for path, *stamp in _file_stamps(sorted(new)))

    def stale(self) -> bool:
        """Has a file of the code this daemon runs changed since it was imported?"""
        return any([*stamp] != [m, n] for (path, *stamp), (m, n) in
                   zip(_file_stamps(self.code), self.code.values()))

    # -- serving --------------------------------------------------------------------
    def serve(self) -> int:
        import selectors
        import signal
        import socket
        import time

        self.started = time.time()
        folder = os.path.dirname(self.path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not private(folder):
            raise OSError(f"{folder} is not private to this user (it must be a folder only you can enter)")
        if os.path.exists(self.path):
            if ask("status", self.path, timeout=1.0) is not None:
                raise OSError(f"a daemon already listens on {self.path}")
            os.unlink(self.path)  # left by a daemon that was killed
        self.prepare()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        os.chmod(self.path, 0o600)
        listener.listen(64)
        self.listener = listener
        self.log(f"listening on {self.path} (pid {os.getpid()})")
        self.ready()

        def stop(signum, frame):
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        sel = self.sel = selectors.DefaultSelector()
        sel.register(listener, selectors.EVENT_READ, "listener")
        last = time.monotonic()
        restart = False
        try:
            while not (self.stopping and not self.children):
                if self.stopping and listener.fileno() >= 0:
                    sel.unregister(listener)
                    listener.close()
                wait = None
                if self.idle_timeout and not self.children:
                    wait = max(0.0, self.idle_timeout - (time.monotonic() - last))
                    if wait == 0:
                        self.log("idle: stopping")
                        break
                try:
                    events = sel.select(wait if wait is not None else 1.0)
                except InterruptedError:
                    continue
                for selected, _ in events:
                    if selected.data == "listener":
                        restart = self.accept(listener) or restart
                        last = time.monotonic()
                    else:
                        self.finish(selected.fileobj)
                if restart and not self.children:
                    break
                if restart and listener.fileno() >= 0:
                    sel.unregister(listener)
                    listener.close()  # new requests run in their callers until the new daemon listens
        finally:
            try:
                if listener.fileno() >= 0:
                    listener.close()
                os.unlink(self.path)
            except OSError:
                pass
        if restart:
            self.log("code or installed packages changed: starting again")
            os.execv(sys.executable, [sys.executable, "-m", "tonecheck", *sys.argv[1:]])
        return 0

    def accept(self, listener) -> bool:
        """Take one connection; True if the daemon must start again."""
        import json
        import socket

        try:
            conn, _ = listener.accept()
        except OSError:
            return False
        try:
            conn.settimeout(HANDSHAKE)
            if _peer_uid(conn) != os.getuid():
                conn.close()
                return False
            data, fds, _, _ = socket.recv_fds(conn, 65536, 3)
            while not data.endswith(b"\n") and len(data) < MAX_REQUEST:
                more = conn.recv(65536)
                if not more:
                    break
                data += more
            request = json.loads(data)
        except (OSError, ValueError):
            conn.close()
            return False
        if not isinstance(request, dict):
            conn.close()
            return False
        op = request.get("op")
        if op != "run":
            for fd in fds:
                os.close(fd)
            return self.control(conn, op)
        argv = request.get("argv")
        if len(fds) != 3 or not isinstance(argv, list) or not (argv and argv[0] in COMMANDS):
            for fd in fds:
                os.close(fd)
            self._send(conn, b"no\n")  # not one of ours: the caller runs it itself
            conn.close()
            return False
        if self.stale():
            for fd in fds:
                os.close(fd)
            self._send(conn, b"stale\n")
            conn.close()
            return True
        if data_stamp(self.warm.linters.values()) != self.data:  # a pack or the model changed: load again
            self.warm.linters.clear()
            self.data = None
        self.run(conn, request, fds)
        return False

    def control(self, conn, op) -> bool:
        import json

        if op == "status":
            answer = {"pid": os.getpid(), "socket": self.path, "started": self.started, "served": self.served,
                      "configs": len(self.warm.linters), "running": len(self.children)}
        elif op == "stop":
            self.stopping = True
            answer = {"pid": os.getpid(), "stopping": True}
        else:
            answer = {"error": f"unknown request {op!r}"}
        self._send(conn, json.dumps(answer).encode() + b"\n")
        conn.close()
        return False

    @staticmethod
    def _send(conn, data: bytes) -> bool:
        try:
            conn.sendall(data)
            return True
        except OSError:
            return False

    def run(self, conn, request, fds) -> None:
        import selectors

        done_r, done_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(done_r)
            code = 70
            try:
                self.listener.close()
                conn.close()
                for r in list(self.children):
                    os.close(r)
                    self.children[r][1].close()
                code = _child(request, fds, self.warm, done_w)
            finally:
                os._exit(code)
        os.close(done_w)
        for fd in fds:
            os.close(fd)
        self.served += 1
        if not self._send(conn, f"pid {pid}\n".encode()):
            pass  # the caller went away: the child still runs to its end, as a killed caller's command would
        self.children[done_r] = (pid, conn, [])
        self.sel.register(done_r, selectors.EVENT_READ, "child")

    def finish(self, done_r: int) -> None:
        """A child wrote to its pipe or ended: read what it reports; at its end, tell the
        caller its exit code and load the configs it had to."""
        import pickle

        pid, conn, chunks = self.children[done_r]
        chunk = os.read(done_r, 65536)
        if chunk:
            chunks.append(chunk)
            return
        self.sel.unregister(done_r)
        os.close(done_r)
        del self.children[done_r]
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        self._send(conn, f"exit {code if code >= 0 else 128 - code}\n".encode())
        conn.close()
        try:
            missed = pickle.loads(b"".join(chunks)) if chunks else []
        except Exception:  # noqa: BLE001 - a child that died half-way through its report
            missed = []
        if self.data is None:
            from .config import load_config
            from .containment import RULE_BUDGET

            self.load(load_config(None), RULE_BUDGET)
        for config, budget in missed:
            self.load(config, budget)
        if self.data is None or missed:
            self.data = data_stamp(self.warm.linters.values())


def _child(request: dict, fds: list, warm: Warm, report_fd: int) -> int:
    """Become the caller (its streams, folder, environment, umask), run its command
    line, and report the configs it had to load; the exit code."""
    import io
    import pickle
    import signal

    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    streams = request.get("streams") or [(None, None)] * 3
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "rb", closefd=False)),
                                                 encoding=streams[0][0], errors=streams[0][1])
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "wb", closefd=False)),
                                                   encoding=streams[1][0], errors=streams[1][1], line_buffering=os.isatty(1))
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "wb", closefd=False)),
                                                   encoding=streams[2][0], errors=streams[2][1] or "backslashreplace",
                                                   line_buffering=True)
    code = 0
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in (request.get("env") or {}).items()})
        os.umask(int(request.get("umask", 0o022)))
        sys.argv = ["tonecheck", *map(str, request["argv"])]
        from .cli import main

        main(sys.argv[1:], prog_name="tonecheck", obj=warm)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    except KeyboardInterrupt:
        print("tonecheck: aborted", file=sys.stderr)
        code = 130
    except OSError as exc:  # the caller's folder went away, and the like
        print(f"tonecheck: error: {exc.strerror or exc}", file=sys.stderr)
        code = 2
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        os.write(report_fd, pickle.dumps(warm.missed[:MAX_WARM]))
    except Exception:  # noqa: BLE001 - only costs the next request its speed
        pass
    return code
