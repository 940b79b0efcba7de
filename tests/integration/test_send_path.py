"""tonecheck in the send path, driven through the real programs: mutt in batch mode
sending through `tonecheck sendmail` to msmtp, and git send-email with the hook
`tonecheck hooks install` writes, both delivering to a real SMTP server on 127.0.0.1
(aiosmtpd). A bad draft never reaches the server; a good one arrives as written."""
from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

GOOD = (
    "Hi Steve,\n\nCongratulations: your new car is ready! Would Saturday at 9am suit you,\n"
    "or is another time better? We'll have it valeted and waiting.\n\nBest wishes,\nPriya\n"
)
BAD = (
    "Hi Steve,\nI just wanted to plan my weekend as I am only in on Saturday and have some\n"
    "appointments already. Would you be available at 9am to collect tomorrow?\n"
)


def need(program: str) -> str:
    """The program's path; in CI its absence is a failure, elsewhere a skip."""
    path = shutil.which(program)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is not installed; .ci/run installs it")
        pytest.skip(f"{program} is not installed")
    return path


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1 that keeps every message it is sent."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("aiosmtpd is not installed; it is in the test extra")
        pytest.skip("aiosmtpd is not installed")

    class Inbox:
        def __init__(self):
            self.messages: list[bytes] = []
            self.recipients: list[list[str]] = []  # each message's envelope recipients

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope.original_content or envelope.content)
            self.recipients.append(list(envelope.rcpt_tos))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def mailer(tmp_path, smtp):
    """mutt, configured to send through `tonecheck sendmail` and msmtp to the server."""
    mutt, msmtp = need("mutt"), need("msmtp")
    home = tmp_path / "home"
    home.mkdir()
    rc = home / "msmtprc"
    rc.write_text(f"account default\nhost 127.0.0.1\nport {smtp.port}\nfrom priya@example.com\nauth off\ntls off\n")
    rc.chmod(0o600)
    # mutt splits $sendmail on spaces without honouring quotes, so the real sendmail
    # and its arguments come from tonecheck's config
    config = home / ".tonecheck.toml"
    config.write_text(f'[sendmail]\ncommand = ["{msmtp}", "-C", "{rc}"]\n')
    muttrc = home / "muttrc"
    muttrc.write_text(
        f'set sendmail="{sys.executable} -m tonecheck sendmail --config {config}"\n'
        'set from="priya@example.com"\nset use_from=yes\nset realname="Priya"\n'
        'set record=""\nset postpone=no\nset charset="utf-8"\nset send_charset="utf-8"\n'
    )
    env = {**os.environ, "HOME": str(home)}  # TONECHECK_CACHE_DIR: the test's own (conftest.py)
    env.pop("TONECHECK_SEND_ANYWAY", None)

    def send(body: str, *, extra_env=None, headers=(), cc=()):
        draft = tmp_path / "draft.txt"
        draft.write_text(body)
        args = [mutt, "-n", "-F", str(muttrc), "-s", "Your new car", *(x for c in cc for x in ("-c", c))]
        for h in headers:
            args += ["-e", f"my_hdr {h}"]
        return subprocess.run([*args, "--", "steve@example.com"], stdin=draft.open("rb"), capture_output=True,
                              text=True, env={**env, **(extra_env or {})}, cwd=home, timeout=60)

    return send


def body_of(raw: bytes) -> str:
    msg = message_from_bytes(raw)
    return msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")


def wait_for(inbox, n: int) -> None:
    for _ in range(50):
        if len(inbox.messages) >= n:
            return
        time.sleep(0.1)


def test_mutt_sends_a_good_draft_as_written(mailer, smtp):
    result = mailer(GOOD)
    assert result.returncode == 0, result.stderr
    wait_for(smtp, 1)
    [raw] = smtp.messages
    assert body_of(raw).replace("\r\n", "\n").strip() == GOOD.strip()
    msg = message_from_bytes(raw)
    assert msg["Subject"] == "Your new car" and "steve@example.com" in msg["To"]


def test_an_address_that_looks_like_an_option_stays_an_address(mailer, smtp, tmp_path):
    """mutt puts "--" before the recipients; tonecheck passes it on, so a Cc address
    someone chose to start with "-" is mailed, not read by msmtp as an option."""
    trap = tmp_path / "written@evil.example"
    result = mailer(GOOD, cc=[f"--logfile={trap}"])
    assert result.returncode == 0, result.stderr
    wait_for(smtp, 1)
    assert not trap.exists()  # msmtp did not take it as --logfile
    assert any(r.startswith("--logfile=") for r in smtp.recipients[0]), smtp.recipients


def test_mutt_keeps_a_bad_draft_and_nothing_reaches_the_server(mailer, smtp):
    result = mailer(BAD)
    assert result.returncode != 0  # mutt keeps the draft when sendmail fails
    time.sleep(0.3)
    assert smtp.messages == []


def test_the_writer_can_send_anyway_and_the_header_is_removed(mailer, smtp):
    result = mailer(BAD, headers=["X-Tonecheck: send-anyway"])
    assert result.returncode == 0, result.stderr
    wait_for(smtp, 1)
    [raw] = smtp.messages
    msg = message_from_bytes(raw)
    assert msg["X-Tonecheck"] is None and "plan my weekend" in body_of(raw)


def test_a_crash_inside_tonecheck_sends_nothing(mailer, smtp, tmp_path):
    # a config that cannot load: tonecheck cannot check, so by default nothing goes
    (tmp_path / "home" / ".tonecheck.toml").write_text('fail-on = "never"\n[sendmail]\ncommand = ["/bin/false"]\n')
    result = mailer(GOOD)
    assert result.returncode != 0
    time.sleep(0.3)
    assert smtp.messages == []


@pytest.fixture
def repo(tmp_path):
    """A git repository with tonecheck's sendemail-validate hook installed, and a
    ``run(*args, env=...)`` for commands in it."""
    git = need("git")
    usage = subprocess.run([git, "send-email", "-h"], capture_output=True, text=True)
    if "send-email" not in usage.stdout + usage.stderr or "is not a git command" in usage.stderr:
        if os.environ.get("CI"):
            pytest.fail("git send-email is not installed; .ci/run installs git-email")
        pytest.skip("git send-email is not installed")
    folder = tmp_path / "repo"
    folder.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Priya", "GIT_AUTHOR_EMAIL": "priya@example.com",
           "GIT_COMMITTER_NAME": "Priya", "GIT_COMMITTER_EMAIL": "priya@example.com"}
    env.pop("TONECHECK_SEND_ANYWAY", None)

    def run(*args, env=env):
        return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, timeout=60)

    assert run(git, "init", "-q").returncode == 0
    installed = run(sys.executable, "-m", "tonecheck", "hooks", "install", "git-send-email")
    assert installed.returncode == 0, installed.stderr
    assert (folder / ".git" / "hooks" / "sendemail-validate").stat().st_mode & 0o111
    return folder, git, env, run


def test_git_send_email_stops_a_bad_draft_at_the_hook(repo, smtp):
    repo, git, env, run = repo

    def send(name: str, body: str, extra_env=None):
        mail = repo / name
        mail.write_text(f"From: Priya <priya@example.com>\nTo: steve@example.com\nSubject: Your new car\n\n{body}")
        return run(git, "send-email", "--confirm=never", "--quiet", "--to=steve@example.com",
                   "--from=priya@example.com", "--smtp-server=127.0.0.1", f"--smtp-server-port={smtp.port}",
                   str(mail), env={**env, **(extra_env or {})})

    bad = send("bad.eml", BAD)
    assert bad.returncode != 0 and "CustomerFocus.OwnAgenda" in bad.stdout + bad.stderr
    time.sleep(0.3)
    assert smtp.messages == []
    good = send("good.eml", GOOD)
    assert good.returncode == 0, good.stdout + good.stderr
    wait_for(smtp, 1)
    assert len(smtp.messages) == 1 and "Congratulations" in body_of(smtp.messages[0])
    anyway = send("bad.eml", BAD, {"TONECHECK_SEND_ANYWAY": "1"})
    assert anyway.returncode == 0, anyway.stdout + anyway.stderr
    wait_for(smtp, 2)
    assert len(smtp.messages) == 2


def test_the_pre_commit_manifest_runs_tonecheck_check_on_drafts():
    import yaml

    root = Path(__file__).resolve().parents[2]
    [hook] = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "tonecheck" and hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    assert entry == ["tonecheck", "check"]
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(f) for f in ("replies/late.txt", "a.eml", "t.html", "notes.md"))
    assert not pattern.search("setup.py")


def test_git_send_email_checks_a_patch_s_message_not_its_code(repo, smtp, tmp_path):
    repo, git, env, run = repo
    (repo / "app.py").write_text('raise ValueError("Unfortunately we are unable to process your request as per our policy.")\n')
    run(git, "add", "app.py")
    run(git, "commit", "-q", "-m", "Explain the refund error\n\nThe message now says what the customer can do next.")
    out = tmp_path / "out dir"
    assert run(git, "format-patch", "-1", "-o", str(out)).returncode == 0
    [patch] = out.glob("*.patch")
    sent = run(git, "send-email", "--confirm=never", "--quiet", "--to=steve@example.com", "--from=priya@example.com",
               "--smtp-server=127.0.0.1", f"--smtp-server-port={smtp.port}", str(patch))
    assert sent.returncode == 0, sent.stdout + sent.stderr  # the code's wording is not the message's
    # the same patch saved with CRLF line ends (an editor on Windows): still only its message
    hook = repo / ".git" / "hooks" / "sendemail-validate"
    crlf = tmp_path / "crlf.patch"
    crlf.write_bytes(patch.read_bytes().replace(b"\n", b"\r\n"))
    checked = run(str(hook), str(crlf))
    assert checked.returncode == 0, checked.stdout + checked.stderr
