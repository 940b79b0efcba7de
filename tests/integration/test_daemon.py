"""tonecheck daemon: a real daemon process and the real `tonecheck` command talking to
it over its socket. What a command prints, exits with and writes is the same with the
daemon as without it; only the start-up differs."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the daemon runs on Linux only")

TONECHECK = Path(sys.executable).with_name("tonecheck")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _env(folder: Path, **extra) -> dict:
    env = {**os.environ, "TONECHECK_DAEMON_DIR": str(folder), **extra}
    env.pop("TONECHECK_DAEMON", None)  # the suite turns the daemon off (conftest.py); these tests use theirs
    return env


def tonecheck(env, *args, cwd, input=None, daemon=True):
    """The real command, as a shell runs it (TONECHECK_DAEMON=0: in its own process)."""
    if not TONECHECK.exists():
        pytest.fail(f"{TONECHECK} is missing: install tonecheck in this environment (pip install -e .)")
    env = env if daemon else {**env, "TONECHECK_DAEMON": "0"}
    done = subprocess.run([str(TONECHECK), *map(str, args)], cwd=cwd, env=env, input=input,
                          capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def status(env) -> dict | None:
    """What the daemon says of itself (None: none answers)."""
    from tonecheck import daemon

    if "PYTHONPATH" in env:  # another tonecheck's daemon: the socket's name is that tonecheck's
        ask = [sys.executable, "-c", "from tonecheck import daemon; print(daemon.socket_path())"]
        path = subprocess.run(ask, env=env, cwd=env["TONECHECK_DAEMON_DIR"], capture_output=True, text=True,
                              check=True).stdout.strip()
    else:  # the folder is the test's, the name this environment's
        path = os.path.join(env["TONECHECK_DAEMON_DIR"], os.path.basename(daemon.socket_path()))
    return daemon.ask("status", path)


@pytest.fixture
def socket_dir():
    # a short path: a Unix socket's name has at most 107 bytes
    folder = Path(tempfile.mkdtemp(prefix="tcd-"))
    folder.chmod(0o700)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def start(env, *args) -> subprocess.Popen:
    # run from its own folder: python -m would put the current one (a checkout) first on the path
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "daemon", "run", *args], env=env, cwd=env["TONECHECK_DAEMON_DIR"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "listening on" in line, line + proc.stderr.read()
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.stderr.close()


@pytest.fixture(scope="module")
def _shared():
    """One daemon for the tests that leave it as they found it (each start warms a
    Linter for a second or two): its folder, environment and process."""
    folder = Path(tempfile.mkdtemp(prefix="tcd-"))
    folder.chmod(0o700)
    env = _env(folder)
    kept = {"env": env, "proc": start(env)}
    yield kept
    stop(kept["proc"])
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def daemon(_shared):
    """The shared daemon's environment, once it answers (it starts again in place when
    the code or data it holds change) and runs nothing, started anew if a test before
    took it down."""
    deadline = time.monotonic() + 30
    # and has no command of a test before still running (the tests count its children)
    while _shared["proc"].poll() is None and ((now := status(_shared["env"])) is None or now["running"]) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    if _shared["proc"].poll() is not None or status(_shared["env"]) is None:
        stop(_shared["proc"])
        _shared["proc"] = start(_shared["env"])
    return _shared["env"]


@pytest.fixture
def own_daemon(socket_dir):
    """A daemon of the test's own, for a test that makes it start afresh."""
    env = _env(socket_dir)
    proc = start(env)
    yield env
    stop(proc)


def test_a_command_the_daemon_runs_says_and_does_what_it_does_alone(daemon, tmp_path):
    draft = tmp_path / "weekend.txt"
    draft.write_text((EXAMPLES / "collection-weekend.txt").read_text())
    (tmp_path / "drafts").mkdir()
    shutil.copy(EXAMPLES / "delay-excuses.txt", tmp_path / "drafts")
    shutil.copy(EXAMPLES / "delay-with-date.txt", tmp_path / "drafts")
    message = "Subject: Your order\n\nHi Ana,\n\nUnfortunately we are unable to refund you. As per our policy, that is final.\n\nThanks,\nJo\n"
    runs = [
        (("check", "weekend.txt"), None),
        (("check", "--format", "json", "weekend.txt"), None),
        (("check", "-", "--stdin-filename", "mine.eml"), message),
        (("check", "--color", "always", "--context", "celebration", "weekend.txt"), None),
        (("check", "drafts"), None),
        (("check", "missing.txt"), None),
        (("check", "--context", "complant", "weekend.txt"), None),
        (("rewrite", "weekend.txt"), None),
        (("rewrite", "--format", "json", "-"), message),
        (("check", "--diff", "weekend.txt"), None),
    ]
    before = status(daemon)["served"]
    for args, given in runs:
        alone = tonecheck(daemon, *args, cwd=tmp_path, input=given, daemon=False)
        served = tonecheck(daemon, *args, cwd=tmp_path, input=given)
        assert served == alone, args
    assert status(daemon)["served"] == before + len(runs)  # each went through the daemon
    assert "weekend.txt:2:1: CustomerFocus.OwnAgenda" in tonecheck(daemon, "check", "weekend.txt", cwd=tmp_path)[1]


def test_fix_writes_the_callers_file(daemon, tmp_path):
    for name in ("a.txt", "b.txt"):
        shutil.copy(EXAMPLES / "delay-excuses.txt", tmp_path / name)
    alone = tonecheck(daemon, "check", "--unsafe-fixes", "a.txt", cwd=tmp_path, daemon=False)
    served = tonecheck(daemon, "check", "--unsafe-fixes", "b.txt", cwd=tmp_path)
    assert served[0] == alone[0] and served[1] == alone[1].replace("a.txt", "b.txt")
    assert (tmp_path / "b.txt").read_text() == (tmp_path / "a.txt").read_text() != (EXAMPLES / "delay-excuses.txt").read_text()


def test_a_projects_config_is_kept_loaded_and_its_packs_read_again_when_they_change(own_daemon, tmp_path):
    daemon = own_daemon
    (tmp_path / ".tonecheck.toml").write_text('packs = ["house"]\nignore = ["Readability"]\n')
    (tmp_path / "house").mkdir()
    pack = tmp_path / "house" / "acme.yml"

    def write_pack(message):
        pack.write_text(f"""
pack: Acme
rules:
  - name: Synergy
    category: hard_to_read
    severity: warning
    kind: phrase
    message: "{message}"
    patterns: [synergy]
    examples:
      bad: ["We value our synergy."]
      good: ["We value you."]
""")

    write_pack("Say it plainly: 'synergy'.")
    (tmp_path / "d.txt").write_text("Hi Bo,\n\nOur synergy will get your order to you on Friday.\n\nThanks,\nJo\n")
    configs = status(daemon)["configs"]
    first = tonecheck(daemon, "check", "d.txt", cwd=tmp_path)
    assert "Acme.Synergy" in first[1] and first == tonecheck(daemon, "check", "d.txt", cwd=tmp_path, daemon=False)
    deadline = time.monotonic() + 30  # the daemon loads the project's config once the first check has ended
    while status(daemon)["configs"] == configs and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status(daemon)["configs"] == configs + 1
    assert tonecheck(daemon, "check", "d.txt", cwd=tmp_path) == first

    write_pack("Plain words, please: 'synergy'.")  # same size, new words: read again, not the kept rules
    changed = tonecheck(daemon, "check", "d.txt", cwd=tmp_path)
    assert "Plain words, please" in changed[1]
    assert changed == tonecheck(daemon, "check", "d.txt", cwd=tmp_path, daemon=False)

    deadline = time.monotonic() + 60  # kept again, after the daemon started afresh
    while ((s := status(daemon)) is None or s["configs"] < 2) and time.monotonic() < deadline:
        tonecheck(daemon, "check", "d.txt", cwd=tmp_path)
        time.sleep(0.2)
    (tmp_path / "house" / "more.yml").write_text(pack.read_text().replace("pack: Acme", "pack: More")
                                                .replace("synergy]", "order]").replace("Plain words", "More words"))
    added = tonecheck(daemon, "check", "d.txt", cwd=tmp_path)  # a pack added to the folder is read too
    assert "More.Synergy" in added[1] and added == tonecheck(daemon, "check", "d.txt", cwd=tmp_path, daemon=False)


def test_a_project_s_own_plugin_is_never_kept_so_another_s_of_the_same_name_is_not_served(socket_dir, tmp_path):
    env = _env(socket_dir)

    def project(name, word):
        folder = tmp_path / name
        folder.mkdir()
        (folder / ".tonecheck.toml").write_text('plugins = ["house"]\n')
        (folder / "house.py").write_text(f'''
import tonecheck

@tonecheck.rule("House.Word", category="hard_to_read", severity="warning", why="House style.",
                message="Avoid {word!r} ({name}).", bad=["Our {word} is here."], good=["Your order is here."])
def house_word(analysis, rule):
    at = analysis.text.find({word!r})
    if at >= 0:
        yield rule.finding(at, at + len({word!r}))

@tonecheck.hookimpl
def tonecheck_rules():
    return [house_word]
''')
        (folder / "d.txt").write_text("Hi Bo,\n\nOur synergy and our leverage get your order to you on Friday.\n\nThanks,\nJo\n")
        return folder

    a, b = project("a", "synergy"), project("b", "leverage")
    proc = start(env)
    try:
        first = tonecheck(env, "check", "d.txt", cwd=a)
        assert "Avoid 'synergy' (a)" in first[1]
        other = tonecheck(env, "check", "d.txt", cwd=b)
        assert "Avoid 'leverage' (b)" in other[1] and "(a)" not in other[1]
        assert other == tonecheck(env, "check", "d.txt", cwd=b, daemon=False)
        (a / "house.py").write_text((a / "house.py").read_text().replace("(a)", "(a, edited)"))
        assert "Avoid 'synergy' (a, edited)" in tonecheck(env, "check", "d.txt", cwd=a)[1]
        s = status(env)
        assert s["served"] == 3 and s["configs"] == 1  # each ran in the daemon; only the defaults are kept
    finally:
        stop(proc)


def test_an_edited_lexicon_makes_the_daemon_start_again(socket_dir, tmp_path):
    """The lexicon is data the kept Linters hold: the caller that sees it changed runs
    the check itself, and the daemon starts again with it read afresh. The daemon and
    its caller run a copy of tonecheck, whose lexicon is the one touched: the installed
    one keeps its time, so no other test's daemon or cache sees it change."""
    from tonecheck import lexicon

    site = tmp_path / "site"  # bytecode and all (copied with its times, so still valid): none compiled again
    shutil.copytree(Path(lexicon.__file__).parent, site / "tonecheck")
    shutil.copytree(lexicon.path().parent, site / "tonecheck" / "rules", dirs_exist_ok=True)
    path = site / "tonecheck" / "rules" / lexicon.path().name
    env = _env(socket_dir, PYTHONPATH=str(site))
    proc = start(env)
    (tmp_path / "d.txt").write_text("Hi Bo,\n\nYour order ships on Friday.\n\nThanks,\nJo\n")
    try:
        assert tonecheck(env, "check", "d.txt", cwd=tmp_path)[0] == 0
        was = status(env)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))  # the same bytes, a new time
        assert tonecheck(env, "check", "d.txt", cwd=tmp_path)[0] == 0  # run by the caller
        deadline = time.monotonic() + 60
        while ((s := status(env)) is None or s["started"] == was["started"]) and time.monotonic() < deadline:
            time.sleep(0.1)
        # started again, in place: so the daemon watched the copy's lexicon, not the installed one
        assert s is not None and s["pid"] == was["pid"] and s["started"] > was["started"]
    finally:
        stop(proc)


def test_ctrl_c_in_the_caller_stops_the_command(daemon, tmp_path):
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("w") as stdout, err.open("w") as stderr:  # files: nothing waits on a pipe to be read
        caller = subprocess.Popen([str(TONECHECK), "check", "-"], cwd=tmp_path, env=daemon, stdin=subprocess.PIPE,
                                  stdout=stdout, stderr=stderr, text=True)
    deadline = time.monotonic() + 30
    while status(daemon)["running"] == 0 and time.monotonic() < deadline:  # the check waits for stdin
        time.sleep(0.05)
    caller.send_signal(signal.SIGINT)
    # stdin stays open, as a terminal's does (closing it is an end of input that can reach
    # the command before the signal does)
    caller.wait(timeout=30)
    caller.stdin.close()
    assert caller.returncode == 130 and err.read_text().strip() == "tonecheck: aborted"  # as Ctrl-C in the terminal gives


def test_a_folder_others_can_enter_is_not_used(daemon, tmp_path):
    (tmp_path / "d.txt").write_text((EXAMPLES / "collection-weekend.txt").read_text())
    served = status(daemon)["served"]
    folder = Path(daemon["TONECHECK_DAEMON_DIR"])
    folder.chmod(0o755)
    try:
        assert tonecheck(daemon, "check", "d.txt", cwd=tmp_path) == tonecheck(daemon, "check", "d.txt", cwd=tmp_path, daemon=False)
        rc, out, err = tonecheck(daemon, "daemon", "run", cwd=tmp_path)
        assert rc == 2 and err.startswith("tonecheck: error: the daemon cannot start:") and "not private" in err
        assert err.count("\n") == 1
    finally:
        folder.chmod(0o700)
    assert status(daemon)["served"] == served  # the checks ran in their own process


def test_start_status_stop(socket_dir, tmp_path):
    env = _env(socket_dir)
    assert tonecheck(env, "daemon", "status", cwd=tmp_path)[0] == 1
    rc, _, err = tonecheck(env, "daemon", "start", cwd=tmp_path)
    try:
        assert rc == 0 and "the daemon runs (pid" in err
        rc, out, _ = tonecheck(env, "daemon", "status", cwd=tmp_path)
        assert rc == 0 and "0 requests" in out
        assert "already runs" in tonecheck(env, "daemon", "start", cwd=tmp_path)[2]
    finally:
        rc, _, err = tonecheck(env, "daemon", "stop", cwd=tmp_path)
    assert rc == 0 and "stopped" in err
    assert tonecheck(env, "daemon", "status", cwd=tmp_path)[0] == 1
    assert not list(socket_dir.iterdir())  # the socket is gone


def test_an_idle_daemon_stops_by_itself(socket_dir):
    proc = start(_env(socket_dir), "--idle-timeout", "0.5")
    try:
        assert proc.wait(timeout=30) == 0
    finally:
        stop(proc)
    assert not list(socket_dir.iterdir())


def test_a_daemon_too_busy_to_answer_never_runs_the_command_a_second_time(daemon, tmp_path):
    (tmp_path / "d.txt").write_text((EXAMPLES / "collection-weekend.txt").read_text())
    served = status(daemon)["served"]
    pid = status(daemon)["pid"]
    os.kill(pid, signal.SIGSTOP)  # as busy as can be
    try:
        with open(tmp_path / "out.txt", "w") as out:
            caller = subprocess.run([str(TONECHECK), "check", "d.txt"], cwd=tmp_path, env=daemon, stdout=out,
                                    stderr=subprocess.PIPE, text=True, timeout=60)  # waits, then runs it itself
    finally:
        os.kill(pid, signal.SIGCONT)
    time.sleep(1)  # the daemon reads the request it was sent, and finds its caller gone
    assert caller.returncode == 1
    assert (tmp_path / "out.txt").read_text().count("Found ") == 1
    for _ in range(50):  # a machine under load: the daemon may take a moment to answer again
        now = status(daemon)
        if now is not None:
            break
        time.sleep(0.2)
    assert now is not None and now["served"] == served


def test_a_caller_killed_outright_takes_its_command_with_it(daemon, tmp_path):
    caller = subprocess.Popen([str(TONECHECK), "check", "-"], cwd=tmp_path, env=daemon, stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while status(daemon)["running"] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    caller.kill()
    caller.wait(timeout=30)
    while status(daemon)["running"] and time.monotonic() < deadline:  # the child is ended, not left waiting
        time.sleep(0.05)
    assert status(daemon)["running"] == 0
    caller.stdin.close()


def test_sigterm_ends_the_caller_as_it_would_end_the_command(daemon, tmp_path):
    results = []
    for use in (False, True):
        caller = subprocess.Popen([str(TONECHECK), "check", "-"], cwd=tmp_path, env=daemon if use else {**daemon, "TONECHECK_DAEMON": "0"},
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # started, and waiting for stdin: in the daemon's child, or in its own process (blocked reading the pipe)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (status(daemon)["running"] if use else _reads_a_pipe(caller.pid)):
            time.sleep(0.02)
        caller.terminate()
        results.append(caller.wait(timeout=30))
        caller.stdin.close()
    assert results == [-signal.SIGTERM, -signal.SIGTERM]


def _reads_a_pipe(pid: int) -> bool:
    """Is the process blocked reading a pipe (its stdin, here)?"""
    try:
        with open(f"/proc/{pid}/wchan") as fh:
            return "pipe_read" in fh.read()
    except OSError:
        return False


def test_a_caller_in_another_python_environment_runs_the_command_itself(daemon, tmp_path):
    (tmp_path / "d.txt").write_text((EXAMPLES / "collection-weekend.txt").read_text())
    served = status(daemon)["served"]
    other = {**daemon, "PYTHONPATH": str(tmp_path)}  # imports could differ: the daemon cannot stand in
    assert tonecheck(other, "check", "d.txt", cwd=tmp_path) == tonecheck(other, "check", "d.txt", cwd=tmp_path, daemon=False)
    assert status(daemon)["served"] == served


def test_a_request_the_daemon_cannot_read_keeps_none_of_the_callers_streams(daemon):
    import socket

    from tonecheck import daemon as client

    path = os.path.join(daemon["TONECHECK_DAEMON_DIR"], os.path.basename(client.socket_path()))
    for garbage in (b"not json\n", b"[" * 100_000 + b"\n", b'{"op": "run", "argv": ["serve"]}\n'):
        r, w = os.pipe()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(path)
            socket.send_fds(sock, [garbage], [w, w, w])
            os.close(w)
            sock.settimeout(30)
            sock.recv(64)  # its answer, or the end: the request is done with
        os.set_blocking(r, False)
        time.sleep(0.2)
        try:
            assert os.read(r, 1) == b""  # no one holds the write end any more
        finally:
            os.close(r)
    assert status(daemon) is not None  # and it still answers


def test_a_path_only_the_caller_can_open_is_checked_by_the_caller(daemon, tmp_path):
    served = status(daemon)["served"]
    text = (EXAMPLES / "collection-weekend.txt").read_text()
    script = f"{TONECHECK} check -q <(printf %s {text!r}) | sed 's#/dev/fd/[0-9]*#FD#'"
    via = subprocess.run(["bash", "-c", script], env=daemon, capture_output=True, text=True, timeout=60)
    alone = subprocess.run(["bash", "-c", script], env={**daemon, "TONECHECK_DAEMON": "0"}, capture_output=True, text=True, timeout=60)
    assert via.stdout == alone.stdout and "CustomerFocus.OwnAgenda" in via.stdout
    assert status(daemon)["served"] == served


def test_a_daemon_that_drops_the_caller_after_ready_leaves_the_command_to_it(socket_dir, tmp_path):
    """The caller's "go" carries its streams: if it cannot be sent, nothing was handed
    over, and the caller runs the command itself."""
    import socket
    import threading

    from tonecheck import daemon as client

    env = _env(socket_dir)
    path = os.path.join(str(socket_dir), os.path.basename(client.socket_path()))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def stand_in():  # answers "ready", then goes away
        conn, _ = server.accept()
        with conn:
            conn.recv(1 << 20)
            conn.sendall(b"ready\n")
            conn.shutdown(socket.SHUT_RDWR)

    threading.Thread(target=stand_in, daemon=True).start()
    (tmp_path / "d.txt").write_text((EXAMPLES / "collection-weekend.txt").read_text())
    try:
        assert tonecheck(env, "check", "d.txt", cwd=tmp_path) == tonecheck(env, "check", "d.txt", cwd=tmp_path, daemon=False)
    finally:
        server.close()
