"""The pre-send gate as a mail client meets it: `tonecheck sendmail` with a stand-in
sendmail that writes what it is given (the real mutt/msmtp runs are in
tests/integration)."""
import json
import sys

import pytest

from tonecheck.sendmail import strip_header

GOOD = (
    b"From: Priya <priya@example.com>\r\nTo: steve@example.com\r\nSubject: Your new car\r\n\r\n"
    b"Hi Steve,\r\n\r\nCongratulations: your new car is ready! Would Saturday at 9am suit you, or is another "
    b"time better?\r\n\r\nBest wishes,\r\nPriya\r\n"
)
BAD = (
    b"From: Priya <priya@example.com>\nTo: steve@example.com\nSubject: Your new car\n\n"
    b"Hi Steve,\nI just wanted to plan my weekend as I am only in on Saturday and have some\n"
    b"appointments already. Would you be available at 9am to collect tomorrow?\n"
)


@pytest.fixture
def sendmail(run, tmp_path, monkeypatch):
    """Run `tonecheck sendmail` with a stand-in program that saves its stdin and args."""
    monkeypatch.delenv("TONECHECK_SEND_ANYWAY", raising=False)
    out = tmp_path / "sent.bin"
    fake = tmp_path / "fake-sendmail.py"
    fake.write_text(
        "import sys\n"
        f"open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())\n"
        f"open({str(out)!r} + '.args', 'w').write(' '.join(sys.argv[1:]))\n"
        "sys.exit(int(__import__('os').environ.get('FAKE_STATUS', '0')))\n"
    )

    def invoke(message: bytes, *args):
        result = run("sendmail", "--sendmail", f"{sys.executable} {fake}", *args, input=message)
        sent = out.read_bytes() if out.exists() else None
        return result, sent, (out.with_name("sent.bin.args").read_text() if out.exists() else None)

    return invoke


def test_a_good_message_goes_out_byte_for_byte_with_its_arguments(sendmail):
    result, sent, args = sendmail(GOOD, "-oi", "-f", "priya@example.com", "--", "steve@example.com")
    assert result.exit_code == 0, result.output
    assert sent == GOOD
    assert args == "-oi -f priya@example.com -- steve@example.com"


def test_a_bad_message_is_held_with_the_findings_on_stderr(sendmail):
    result, sent, _ = sendmail(BAD, "--", "steve@example.com")
    assert result.exit_code == 1 and sent is None
    assert "held back, nothing was sent" in result.stderr
    assert "line 6, column 1: CustomerFocus.OwnAgenda [warning]" in result.stderr  # the line of the message as saved
    assert "X-Tonecheck: send-anyway" in result.stderr


def test_warn_mode_sends_and_reports(sendmail):
    result, sent, _ = sendmail(BAD, "--mode", "warn", "--", "steve@example.com")
    assert result.exit_code == 0 and sent == BAD
    assert "sent, with problems" in result.stderr


def test_send_anyway_by_header_or_environment(sendmail, monkeypatch):
    result, sent, _ = sendmail(b"X-Tonecheck: send-anyway\n" + BAD, "--", "steve@example.com")
    assert result.exit_code == 0 and sent == BAD  # the writer's header is gone, every other byte kept
    monkeypatch.setenv("TONECHECK_SEND_ANYWAY", "1")
    result, sent, _ = sendmail(BAD)
    assert result.exit_code == 0 and sent == BAD


def test_the_real_sendmail_s_status_is_tonecheck_s(sendmail, monkeypatch):
    monkeypatch.setenv("FAKE_STATUS", "75")
    result, sent, _ = sendmail(GOOD)
    assert result.exit_code == 75 and sent == GOOD


def test_a_reply_with_nothing_of_the_writer_s_own_is_held(sendmail):
    quote_only = b"From: a@example.com\nTo: b@example.com\nSubject: Re: order\n\nOn Tue, 3 Mar 2026, Ann wrote:\n> Where is my order?\n"
    result, sent, _ = sendmail(quote_only)
    assert result.exit_code == 1 and sent is None
    assert "no text of the writer's own" in result.stderr


def test_when_tonecheck_cannot_check_it_holds_unless_told_to_send(sendmail, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('fail-on = "never"\n')
    result, sent, _ = sendmail(GOOD)
    assert result.exit_code == 2 and sent is None
    assert "could not check the message" in result.stderr and "nothing was sent" in result.stderr
    result, sent, _ = sendmail(GOOD, "--on-error", "send")
    assert result.exit_code == 0 and sent == GOOD and "sent unchecked" in result.stderr


def test_a_check_that_takes_too_long_holds_the_message(tmp_path):
    """Run as mutt would, in a process of its own: the hung check is left behind."""
    import subprocess

    (tmp_path / "slow.py").write_text(
        "import time, tonecheck\n"
        "@tonecheck.rule('House.Slow', category='structure', message='m', why='w', bad=['x'], good=['y'])\n"
        "def slow(analysis, rule):\n    time.sleep(30)\n    return ()\n"
        "@tonecheck.hookimpl\ndef tonecheck_rules():\n    return [slow]\n"
    )
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["slow.py"]\n[sendmail]\ntimeout = 0.5\n')
    out = tmp_path / "sent.bin"
    proc = subprocess.run(
        [sys.executable, "-m", "tonecheck", "sendmail", "--sendmail", f"tee {out}"], input=GOOD,
        capture_output=True, cwd=tmp_path, timeout=60,  # TONECHECK_CACHE_DIR: the test's own (conftest.py)
    )
    assert proc.returncode == 2 and not out.exists()
    assert b"took longer than 0.5 s" in proc.stderr and b"terminate" not in proc.stderr


def test_a_missing_sendmail_is_one_line_and_nothing_is_lost(run):
    result = run("sendmail", "--sendmail", "/no/such/sendmail", input=GOOD)
    assert result.exit_code == 2
    assert "cannot run /no/such/sendmail" in result.stderr and "nothing was sent" in result.stderr


def test_only_the_override_header_is_removed():
    folded = b"Subject: x\nX-Tonecheck: send-\n anyway\nX-Other: keep\n\nX-Tonecheck: in the body stays\n"
    stripped, values = strip_header(folded, "X-Tonecheck")
    assert values == ["send- anyway"]
    assert stripped == b"Subject: x\nX-Other: keep\n\nX-Tonecheck: in the body stays\n"
    assert strip_header(GOOD, "X-Tonecheck") == (GOOD, [])


COLLEAGUE = (
    b"From: Priya <priya@dealer.example>\nTo: sam@dealer.example, jo@sales.dealer.example\nSubject: Steve's car\n\n"
    b"Hi Sam,\nI just wanted to plan my weekend as I am only in on Saturday.\nPriya\n"
)


def test_mail_to_colleagues_follows_its_own_table(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[recipients."dealer.example"]\nignore = ["company_centric"]\n')
    (tmp_path / "internal.eml").write_bytes(COLLEAGUE)
    assert run("check", "-q", "internal.eml").exit_code == 0
    # a customer among the recipients: the customers' rules
    (tmp_path / "cc.eml").write_bytes(COLLEAGUE.replace(b"To: sam@dealer.example", b"To: steve@example.com, sam@dealer.example"))
    result = run("check", "-q", "cc.eml")
    assert result.exit_code == 1 and "CustomerFocus.OwnAgenda" in result.output


def test_the_sendmail_gate_follows_the_recipients_table(sendmail, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[recipients."dealer.example"]\nfail-on = "error"\n')
    result, sent, _ = sendmail(COLLEAGUE)
    assert result.exit_code == 0 and sent == COLLEAGUE


def test_a_message_can_name_its_situation(run, tmp_path):
    body = b"From: a@example.com\nTo: tom@example.com\nSubject: Your sofa\n{header}\nHi Tom,\n\nYour sofa is now coming next month.\n\nAmy\n"
    (tmp_path / "plain.eml").write_bytes(body.replace(b"{header}", b""))
    (tmp_path / "named.eml").write_bytes(body.replace(b"{header}", b"X-Tonecheck-Context: delay, bogus\n"))
    assert run("check", "-q", "plain.eml").exit_code == 0
    named = run("check", "--format", "json", "named.eml")
    entry = json.loads(named.stdout)["files"][0]
    assert entry["contexts"] == ["delay"] and named.exit_code == 1
    assert any("unknown context 'bogus'" in e for e in entry["errors"])


def test_a_crlf_message_keeps_its_bytes_when_the_override_is_its_last_header(sendmail):
    crlf = BAD.replace(b"\n", b"\r\n")
    head, body = crlf.split(b"\r\n\r\n", 1)
    result, sent, _ = sendmail(head + b"\r\nX-Tonecheck: send-anyway\r\n\r\n" + body)
    assert result.exit_code == 0 and sent == crlf


def test_a_message_over_the_cap_goes_out_whole_and_its_text_is_checked(sendmail):
    import base64

    attachment = base64.encodebytes(b"\x00" * (11 * 1024 * 1024))
    big = (b"From: a@example.com\nTo: steve@example.com\nSubject: Photos\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\n"
           + GOOD.split(b"\r\n\r\n", 1)[1].replace(b"\r\n", b"\n")
           + b"\n--XX\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + attachment + b"--XX--\n")
    result, sent, _ = sendmail(big)
    assert result.exit_code == 0, result.stderr
    assert sent == big


def test_bcc_and_argument_recipients_count_for_the_recipients_table(sendmail, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[recipients."dealer.example"]\nfail-on = "error"\n')
    internal = COLLEAGUE
    # a customer among the arguments mutt passes (Bcc): the customers' rules
    result, sent, _ = sendmail(internal, "-f", "priya@dealer.example", "--", "sam@dealer.example", "steve@gmail.com")
    assert result.exit_code == 1 and sent is None
    # only colleagues, with the sender's own address after -f: the table's rules
    result, sent, _ = sendmail(internal, "-f", "priya@gmail.com", "--", "sam@dealer.example")
    assert result.exit_code == 0 and sent == internal


def test_the_situation_header_is_not_sent_on(sendmail):
    result, sent, _ = sendmail(GOOD.replace(b"Subject: Your new car\r\n", b"Subject: Your new car\r\nX-Tonecheck-Context: celebration\r\n"))
    assert result.exit_code == 0 and sent == GOOD


def test_with_an_unreadable_config_nothing_goes_through_a_guessed_sendmail(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TONECHECK_SEND_ANYWAY", "1")
    (tmp_path / ".tonecheck.toml").write_text('fail-on = "never"\n[sendmail]\ncommand = ["/bin/cat"]\n')
    result = run("sendmail", input=GOOD)
    assert result.exit_code == 2 and "nothing was sent" in result.stderr


def test_plugin_problems_are_said_on_the_way_out(sendmail, tmp_path):
    (tmp_path / "broken.py").write_text(
        "import tonecheck\n@tonecheck.hookimpl\ndef tonecheck_rules():\n    raise RuntimeError('house rules broke')\n")
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["broken.py"]\n')
    result, sent, _ = sendmail(GOOD)
    assert result.exit_code == 0 and sent == GOOD
    assert "house rules broke" in result.stderr


def test_a_recipients_table_adds_to_ignore_and_rules():
    from tonecheck.config import parse_config

    config = parse_config({
        "ignore": ["Structure.Greeting"], "rules": {"Readability.LongSentence": {"max": 30}},
        "recipients": {"ourco.com": {"ignore": ["missing_empathy"], "rules": {"Readability.LongSentence": {"severity": "error"}}}},
    })
    internal = config.for_domain(config.recipient_domain(["sam@ourco.com"]))
    assert internal.ignore == ("Structure.Greeting", "missing_empathy")
    assert internal.rules == {"Readability.LongSentence": {"max": 30, "severity": "error"}}


def test_every_argument_after_tonecheck_s_own_goes_on_as_given(sendmail):
    """mutt's "--" before the recipients is passed on, so an address that starts with
    "-" stays an address; -h (sendmail's hop count) and --help are the real sendmail's."""
    result, sent, args = sendmail(GOOD, "--", "--logfile=/tmp/x@evil.example", "steve@example.com")
    assert result.exit_code == 0 and sent == GOOD
    assert args == "-- --logfile=/tmp/x@evil.example steve@example.com"
    result, sent, args = sendmail(GOOD, "--mode", "warn", "-oi", "-h", "5", "--help", "--", "steve@example.com")
    assert result.exit_code == 0 and sent == GOOD
    assert args == "-oi -h 5 --help -- steve@example.com"


def test_help_comes_only_among_tonecheck_s_own_options(run):
    result = run("sendmail", "--help")
    assert result.exit_code == 0 and "sendmail [OPTIONS] [ARGS]" in result.stdout


def test_a_recipient_after_the_double_dash_counts_however_it_starts():
    from tonecheck.sendmail import argument_recipients

    assert argument_recipients(["-f", "me@a.example", "--", "-odd@b.example", "c@d.example"]) == [
        "-odd@b.example", "c@d.example"]


def test_every_to_cc_and_bcc_field_counts_for_the_recipients_table(sendmail, tmp_path):
    """sendmail -t reads every To, Cc and Bcc field: a customer in a second Cc line gets
    the customers' rules, not the colleagues' table."""
    (tmp_path / ".tonecheck.toml").write_text('[recipients."dealer.example"]\nfail-on = "error"\nignore = ["company_centric"]\n')
    body = BAD.split(b"\n\n", 1)[1]
    for fields in (b"Cc: sales@dealer.example\nCc: steve@gmail.com\n", b"Bcc: sales@dealer.example\nBcc: steve@gmail.com\n"):
        message = b"From: g@dealer.example\nTo: boss@dealer.example\n" + fields + b"Subject: car\n\n" + body
        result, sent, _ = sendmail(message, "-t")
        assert result.exit_code == 1 and sent is None, fields
    colleagues = b"From: g@dealer.example\nTo: boss@dealer.example\nCc: a@dealer.example\nCc: b@dealer.example\nSubject: car\n\n" + body
    result, sent, _ = sendmail(colleagues, "-t")
    assert result.exit_code == 0 and sent == colleagues


@pytest.mark.parametrize("extra, said", [
    ((), "failed (exit status 75): the message may not have been sent"),
    (("--mode", "warn"), "passed on, with problems"),
])
def test_a_failing_real_sendmail_is_never_reported_as_sent(sendmail, monkeypatch, extra, said):
    monkeypatch.setenv("FAKE_STATUS", "75")
    monkeypatch.setenv("TONECHECK_SEND_ANYWAY", "1" if not extra else "")
    result, _, _ = sendmail(BAD, *extra)
    assert result.exit_code == 75
    assert said in result.stderr and "failed (exit status 75)" in result.stderr
    assert "tonecheck: sent" not in result.stderr


def test_a_killed_real_sendmail_is_said_with_its_signal(run, tmp_path):
    killer = tmp_path / "killed.sh"
    killer.write_text("#!/bin/sh\ncat >/dev/null\nkill -9 $$\n")
    killer.chmod(0o755)
    result = run("sendmail", "--sendmail", str(killer), input=GOOD)
    assert result.exit_code == 128 + 9
    assert "was killed by signal 9" in result.stderr


def test_a_sigterm_reaches_the_real_sendmail_and_its_end_is_awaited(tmp_path):
    """Killing tonecheck mid-send neither orphans the real sendmail (which would deliver
    while mutt, seeing a failure, keeps the draft for a second send) nor hides how it ended."""
    import signal
    import subprocess
    import time

    slow = tmp_path / "slow.sh"
    slow.write_text(f"#!/bin/sh\ncat >/dev/null\ntouch {tmp_path}/started\nsleep 2\ntouch {tmp_path}/delivered\n")
    slow.chmod(0o755)
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "sendmail", "--sendmail", str(slow)],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdin.write(GOOD)
    proc.stdin.close()
    for _ in range(200):
        if (tmp_path / "started").exists():
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert b"was killed by signal 15" in proc.stderr.read()
    time.sleep(0.2)
    assert not (tmp_path / "delivered").exists()  # the shell ended with the signal, before it


def test_a_timeout_that_is_not_a_number_is_a_usage_error(run):
    result = run("sendmail", "--timeout", "nan", "--on-error", "send", "--sendmail", "/bin/false", input=GOOD)
    assert result.exit_code == 2 and "not nan" in result.stderr


def test_an_own_option_without_its_value_is_a_usage_error(run):
    result = run("sendmail", "--sendmail", input=GOOD)
    assert result.exit_code == 2 and "requires an argument" in result.stderr
