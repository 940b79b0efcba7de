"""The daemon itself (``tonecheck daemon run``): see ``tonecheck.daemon`` for what it
promises, and the caller's side. Imported only by the daemon."""
from __future__ import annotations

import os
import signal
import sys

from .daemon import COMMANDS, HANDSHAKE, MAX_REQUEST, MAX_WARM, _peer_uid, ask, context, private


class WarmLinters:
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


def _stamp(path: str, checksum: bool) -> tuple:
    """A file's modification time and size (and for data, ``cache.file_stamp``'s checksum
    of its bytes too: a copy that keeps time and size is still seen); (None,) for one
    that is gone."""
    from pathlib import Path

    from .cache import file_stamp

    try:
        st = os.stat(path)
        if os.path.isdir(path):  # a pack folder: a pack added or removed is a change
            return (st.st_mtime_ns, tuple(sorted(os.listdir(path))))
        return tuple(file_stamp(Path(path))) if checksum else (st.st_mtime_ns, st.st_size)
    except OSError:
        return (None,)


def code_files() -> set:
    """The files whose change means the code this process runs is no longer what is
    installed: every imported module's outside the standard library, and the folders
    packages are installed in (installing or removing one changes them)."""
    import sysconfig

    stdlib = sysconfig.get_paths()["stdlib"] + os.sep
    files = {f for m in list(sys.modules.values())
             if isinstance(f := getattr(m, "__file__", None), str) and not f.startswith(stdlib)}
    return files | {p for p in sys.path if p and os.path.isdir(p)}


def data_files(linters) -> set:
    """The files the Linters read besides code: their packs, the lexicon, the model and
    the spelling word list."""
    from pathlib import Path

    from . import lexicon
    from .packs import pack_files

    package = Path(__file__).resolve().parent
    files = {str(p) for folder in (package / "model", package / "data") if folder.is_dir()
             for p in folder.iterdir() if p.is_file() and p.suffix != ".pyc"}
    files.add(str(lexicon.path()))
    for linter in linters:
        for path in linter.pack_paths:
            files.add(str(path))  # a folder: its list of files is stamped too
            try:
                files.update(str(p) for p in pack_files(path))
            except Exception:  # noqa: BLE001 - gone or unreadable: its stamp says so
                pass
    return files


class Daemon:
    def __init__(self, path: str, idle_timeout: float | None = None, log=None, ready=None) -> None:
        self.path = path
        self.idle_timeout = idle_timeout
        self.log = log or (lambda message: None)
        self.ready = ready or (lambda: None)
        self.code: dict = {}  # code file -> its stamp when it was imported
        self.data: dict = {}  # data file -> its stamp when it was read
        self.warm = WarmLinters()
        self.to_load: list = []  # configs requests had to load: loaded between requests
        self.children: dict = {}  # the pipe a child ends with -> [pid, the caller's socket, what it reported]
        self.served = 0
        self.started = 0.0
        self.stopping = False
        self.wake: tuple = ()  # the pipe a signal wakes the serving loop by
        self.context: dict = {}

    # -- loading --------------------------------------------------------------------
    def load(self, config, rule_budget) -> None:
        """Keep a Linter for this config, loaded and warmed up. Not for a config that
        names plugins of its own (its modules would be shared by every later request,
        another project's module of the same name among them), nor one named by a
        relative path, nor one that fails to load (the requests that use it say why)."""
        import time

        from .engine import Linter

        key = WarmLinters.key(config, rule_budget)
        # a relative --config names a file in the caller's folder, "~/packs" a folder in the caller's home
        if (key in self.warm.linters or config.plugins or (config.path is not None and not config.path.is_absolute())
                or any(str(p).startswith("~") for p in config.packs)):
            return
        began = time.time_ns()
        try:
            linter = Linter(config, rule_budget=rule_budget)
            linter.prepare()
        except Exception as exc:  # noqa: BLE001 - a request will meet it and say it
            self.log(f"not kept: {config.path or 'the defaults'} ({type(exc).__name__}: {exc})")
            return
        read = {path: _stamp(path, checksum=True) for path in data_files([linter]) - self.data.keys()}
        if any(isinstance(stamp[0], int) and stamp[0] >= began for stamp in read.values()):
            self.log(f"not kept: {config.path or 'the defaults'} (a pack changed while it loaded)")
            return  # it may hold the old words: the next request loads it again
        while len(self.warm.linters) >= MAX_WARM:
            self.warm.linters.pop(next(iter(self.warm.linters)))
        self.warm.linters[key] = linter
        self.data.update(read)
        self.note_files()

    def preload(self) -> None:
        """Import what a command imports and load the default config's Linter."""
        import gc
        import json

        from . import cli, rewrites  # noqa: F401 - imported here once, not in each child
        from .config import load_config
        from .containment import RULE_BUDGET
        from .formatters import json as _json, text as _text  # noqa: F401
        try:  # what reads a project's config, on the way of nearly every request
            import tomllib  # noqa: F401
        except ImportError:  # Python 3.10
            import tomli  # noqa: F401

        self.context = json.loads(json.dumps(context()))  # as a request carries it
        self.load(load_config(None), RULE_BUDGET)
        self.note_files()
        gc.freeze()  # what is loaded now stays shared with the children, not copied into each

    def note_files(self) -> None:
        """Stamp the code and data files read since the last call."""
        for path in code_files() - self.code.keys():
            self.code[path] = _stamp(path, checksum=False)
        for path in data_files(self.warm.linters.values()) - self.data.keys():
            self.data[path] = _stamp(path, checksum=True)

    def stale(self) -> bool:
        """Has a file of the code this daemon runs, or of the packs, lexicon or model its
        Linters hold, changed since it was read? (Then it starts again, fresh.)"""
        return (any(_stamp(p, False) != s for p, s in self.code.items())
                or any(_stamp(p, True) != s for p, s in self.data.items()))

    # -- serving --------------------------------------------------------------------
    def serve(self) -> int:
        import selectors
        import socket
        import time

        self.started = time.time()
        folder = os.path.dirname(self.path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not private(folder):
            raise OSError(f"{folder} is not private to this user (it must be a folder only you can enter)")
        if os.path.exists(self.path):
            if _answers(self.path):  # even one too busy to say its status
                raise FileExistsError(f"a daemon already listens on {self.path}")
            os.unlink(self.path)  # left by a daemon that was killed
        self.preload()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(self.path)
        except OSError as exc:
            listener.close()
            if ask("status", self.path, timeout=1.0) is not None:  # another start won the race
                raise FileExistsError(f"a daemon already listens on {self.path}") from None
            raise exc
        os.chmod(self.path, 0o600)
        mine = os.stat(self.path).st_ino  # unlinked at the end only if still ours
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
        # select() resumes its wait after a handler runs (PEP 475): a signal's byte on this
        # pipe wakes it, so 'daemon stop' takes effect at once, not at the next second
        wake_r, wake_w = self.wake = os.pipe()
        os.set_blocking(wake_r, False)
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
        sel.register(wake_r, selectors.EVENT_READ, "wake")
        last = time.monotonic()
        restart = False
        try:
            while not (self.stopping and not self.children):
                if (self.stopping or restart) and listener.fileno() >= 0:
                    sel.unregister(listener)
                    listener.close()  # new requests run in their callers until a new daemon listens
                    self._unlink(mine)
                if restart and not self.children:
                    break
                wait = 0.0 if self.to_load else 1.0
                try:
                    events = sel.select(wait)
                except InterruptedError:
                    continue
                for selected, _ in events:
                    if selected.data == "wake":
                        _drain(wake_r)
                    elif selected.data == "listener":
                        restart = self.accept(listener) or restart
                    else:
                        self.child_ended(selected.fileobj)
                if events or self.children:
                    last = time.monotonic()
                elif self.to_load and not restart:  # between requests, one config at a time
                    self.load(*self.to_load.pop(0))
                    last = time.monotonic()
                elif self.idle_timeout and time.monotonic() - last >= self.idle_timeout:
                    self.log("idle: stopping")
                    break
        finally:
            signal.set_wakeup_fd(-1)
            for fd in self.wake:
                os.close(fd)
            if listener.fileno() >= 0:
                listener.close()
            self._unlink(mine)
        if restart and not self.stopping:
            self.log("code, packs or installed packages changed: starting again")
            os.execv(sys.executable, [sys.executable, "-m", "tonecheck", *sys.argv[1:]])
        return 0

    def _unlink(self, inode: int) -> None:
        try:
            if os.stat(self.path).st_ino == inode:  # not a new daemon's socket
                os.unlink(self.path)
        except OSError:
            pass

    def accept(self, listener) -> bool:
        """Take one connection; True if the daemon must start again."""
        import json
        import socket

        try:
            conn, _ = listener.accept()
        except OSError:
            return False
        fds: list = []
        try:
            conn.settimeout(HANDSHAKE)
            if _peer_uid(conn) != os.getuid():
                conn.close()
                return False
            data = conn.recv(65536)
            while not data.endswith(b"\n") and len(data) < MAX_REQUEST:
                more = conn.recv(65536)
                if not more:
                    break
                data += more
            request = json.loads(data)
            if not isinstance(request, dict):
                raise ValueError("not a request")
            op = request.get("op")
            if op != "run":
                return self.control(conn, op)
            argv = request.get("argv")
            if not isinstance(argv, list) or not (argv and argv[0] in COMMANDS):
                raise ValueError("not a command the daemon runs")
            if request.get("context") != self.context:
                self._send(conn, b"no: another environment\n")  # the caller runs it, as it is
                return False
            if self.stale():
                self._send(conn, b"no: starting again\n")
                return True
            if not self._send(conn, b"ready\n"):
                return False
            go, fds, _, _ = socket.recv_fds(conn, 3, 3)
            if go != b"go\n" or len(fds) != 3:
                return False  # the caller gave up waiting and runs it itself: nothing runs here
            self.run(conn, request, fds)
            fds = []
            conn = None
            return False
        except (OSError, ValueError, TypeError, RecursionError):  # a request we cannot read is refused
            return False
        finally:
            for fd in fds:
                os.close(fd)
            if conn is not None:  # not handed to a child
                conn.close()

    def control(self, conn, op) -> bool:
        import json

        if op == "status":
            answer = {"pid": os.getpid(), "socket": self.path, "started": self.started, "served": self.served,
                      "configs": len(self.warm.linters), "running": len(self.children)}
        elif op == "stop":
            self.stopping = True
            answer = {"pid": os.getpid(), "stopping": True, "running": len(self.children)}
        else:
            answer = {"error": f"unknown request {op!r}"}
        self._send(conn, json.dumps(answer).encode() + b"\n")
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
        # a Ctrl-C passed on at once must reach the command, not the daemon's own handler
        # the child inherits: held until the child has set its own
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _CALLER_SIGNALS)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(done_r)
            code = 70
            try:
                os.setsid()  # a Ctrl-C at a foreground daemon's terminal is the daemon's, not its commands'
                self.listener.close()
                self.sel.close()
                signal.set_wakeup_fd(-1)  # the command's signals are its own, not the daemon's
                for fd in self.wake:
                    os.close(fd)
                for r, (_, other, _) in list(self.children.items()):
                    os.close(r)
                    other.close()
                code = _run_as_caller(request, fds, self.warm, done_w, conn)
            finally:
                os._exit(code)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(done_w)
        for fd in fds:
            os.close(fd)
        self.served += 1
        self._send(conn, f"pid {pid}\n".encode())
        self.children[done_r] = [pid, conn, []]
        self.sel.register(done_r, selectors.EVENT_READ, "child")

    def child_ended(self, done_r: int) -> None:
        """A child wrote to its pipe or ended: read what it reports; at its end, tell the
        caller how it ended, and queue the configs it had to load."""
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
        self._send(conn, f"exit {code}\n".encode() if code >= 0 else f"signal {-code}\n".encode())
        conn.close()
        try:
            missed = pickle.loads(b"".join(chunks)) if chunks else []
        except Exception:  # noqa: BLE001 - a child that died half-way through its report
            missed = []
        for config, budget in missed:
            if WarmLinters.key(config, budget) not in self.warm.linters and (config, budget) not in self.to_load:
                self.to_load.append((config, budget))


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 512):
            pass
    except BlockingIOError:
        pass


#: The signals a child takes from its caller (Ctrl-C, Ctrl-Z and the like).
_CALLER_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGTSTP, signal.SIGCONT}


def _answers(path: str) -> bool:
    """Does a process accept connections on the socket?"""
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        try:
            sock.connect(path)
            return True
        except OSError:
            return False


def _run_as_caller(request: dict, fds: list, warm: WarmLinters, report_fd: int, conn) -> int:
    """Become the caller (its streams, folder, environment, umask), run its command
    line, and report the configs it had to load; the exit code. A caller killed
    outright ends it at once (SIGIO on its socket), however busy the daemon is."""
    import atexit
    import fcntl
    import io
    import pickle
    import select
    import socket
    import time

    def caller_gone(signum, frame):
        try:
            if select.select([conn], [], [], 0)[0] and conn.recv(1, socket.MSG_PEEK) == b"":
                os.kill(os.getpid(), signal.SIGKILL)
        except (ConnectionError, TimeoutError):
            os.kill(os.getpid(), signal.SIGKILL)
        except OSError:
            pass

    signal.signal(signal.SIGIO, caller_gone)
    fcntl.fcntl(conn.fileno(), fcntl.F_SETOWN, os.getpid())
    fcntl.fcntl(conn.fileno(), fcntl.F_SETFL, fcntl.fcntl(conn.fileno(), fcntl.F_GETFL) | os.O_ASYNC)
    caller_gone(signal.SIGIO, None)  # gone already
    atexit._clear()  # the daemon's own exit handlers are not this command's
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    for sig in _CALLER_SIGNALS - {signal.SIGINT}:
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for module in list(sys.modules.values()):  # a warning shown once a run is shown in this one too
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
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
        time.tzset()
        os.umask(int(request.get("umask", 0o022)))
        sys.argv = ["tonecheck", *map(str, request["argv"])]
        from . import languagetool
        from .cli import main

        languagetool.forget()  # which LanguageTool answers is asked again, in the caller's environment
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _CALLER_SIGNALS)  # a Ctrl-C held since the fork lands here
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
    except BaseException:  # what the interpreter would print (TONECHECK_DEBUG=1 lets a bug through)
        import traceback

        traceback.print_exc()
        code = 1
    try:
        if "threading" in sys.modules:  # a plugin's threads end as they would at the interpreter's exit
            import threading

            for thread in threading.enumerate():
                if thread is not threading.current_thread() and not thread.daemon:
                    thread.join()
        atexit._run_exitfuncs()  # the command's own: a LanguageTool it started is stopped
    except KeyboardInterrupt:  # Ctrl-C while a plugin's thread holds the exit, as at the interpreter's
        print("tonecheck: aborted", file=sys.stderr)
        code = 130
    signal.pthread_sigmask(signal.SIG_BLOCK, _CALLER_SIGNALS)  # the command is over: a late Ctrl-C is too late
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
