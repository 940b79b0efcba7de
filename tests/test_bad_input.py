"""Bad input: one clear line and exit 2, never a traceback."""
import pytest


def _one_line_error(result):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_missing_file(run):
    assert "no such file" in _one_line_error(run("check", "nope.txt"))


def test_binary_file(run, tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    assert "binary" in _one_line_error(run("check", "x.bin")).lower()


def test_invalid_utf8(run, tmp_path):
    (tmp_path / "x.txt").write_bytes(b"Hi Sam,\nYour order \xff\xfe is late.\n")
    assert "utf-8" in _one_line_error(run("check", "x.txt")).lower()


@pytest.mark.parametrize("content", ["", "   \n\n"])
def test_empty_input(run, content):
    assert "empty" in _one_line_error(run("check", "-", input=content)).lower()


def test_unknown_config_key_has_a_hint(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('fail_on = "error"\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    line = _one_line_error(run("check", "d.txt"))
    assert "unknown key 'fail_on'" in line and "did you mean 'fail-on'" in line


def test_invalid_toml(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text("select = [\n")
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    assert "invalid TOML" in _one_line_error(run("check", "d.txt"))


def test_malformed_pack_names_file_rule_and_field(run, tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "House.yml").write_text(
        "pack: House\nrules:\n  - name: NoSlang\n    kind: phrase\n    category: company_centric\n"
        "    severity: loud\n    message: m\n    patterns: [gonna]\n"
        "    examples: {bad: [gonna], good: [going to]}\n"
    )
    (tmp_path / ".tonecheck.toml").write_text('packs = ["house"]\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    line = _one_line_error(run("check", "d.txt"))
    assert "House.yml" in line and "House.NoSlang" in line and "'severity'" in line


def test_unknown_rule_in_select(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    assert "Nope.Rule" in _one_line_error(run("check", "--select", "Nope.Rule", "d.txt"))


def test_bad_severity_override(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[rules."CustomerFocus.OwnAgenda"]\nseverity = "fatal"\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    assert "CustomerFocus.OwnAgenda" in _one_line_error(run("check", "d.txt"))


def test_rule_option_of_the_wrong_type(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[rules."Readability.LongSentence"]\nmax = "lots"\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    line = _one_line_error(run("check", "d.txt"))
    assert "Readability.LongSentence" in line and "'max'" in line


# --- Unicode blanks, sizes, folders, mbox messages ------------------------------------

import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

TEN_MIB = 10 * 1024 * 1024
DRAFT = "Hi Sam,\n\nWe apologise for any inconvenience.\n\nThanks,\nAmy\n"


@pytest.mark.parametrize("content", ["\u200b", "\u200b\u200b\n", " \u00a0\u200b\u3000\n", "\ufeff\u200b"])
def test_only_zero_width_or_unicode_spaces_is_empty(run, content):
    assert "empty" in _one_line_error(run("check", "-", input=content.encode())).lower()


def test_a_file_larger_than_10_mib_is_refused(run, tmp_path):
    (tmp_path / "big.txt").write_bytes(b"Hi Sam. " * (TEN_MIB // 8) + b"!")
    line = _one_line_error(run("check", "big.txt"))
    assert "big.txt: larger than 10 MiB" in line
    (tmp_path / "edge.txt").write_bytes(b" " * TEN_MIB)  # exactly 10 MiB is read (and is blank)
    assert "edge.txt: empty input" in _one_line_error(run("check", "edge.txt"))


def test_stdin_larger_than_10_mib_is_refused(run):
    line = _one_line_error(run("check", "-", input=b"x" * (TEN_MIB + 1)))
    assert "-: larger than 10 MiB" in line


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_read_no_further_than_the_cap(run):
    assert "/dev/zero: larger than 10 MiB" in _one_line_error(run("check", "/dev/zero"))


def test_an_unreadable_subfolder_is_reported_and_the_rest_checked(run, tmp_path, monkeypatch):
    (tmp_path / "inbox" / "locked").mkdir(parents=True)
    (tmp_path / "inbox" / "locked" / "x.txt").write_text(DRAFT)
    (tmp_path / "inbox" / "a.txt").write_text(DRAFT)
    iterdir = Path.iterdir

    def listing(self):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return iterdir(self)

    monkeypatch.setattr(Path, "iterdir", listing)
    result = run("check", "--format", "json", "inbox")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == ["tonecheck: error: inbox/locked: cannot read the folder: Permission denied"]
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["inbox/a.txt"]


def test_a_folder_that_cannot_be_listed_at_all(run, tmp_path, monkeypatch):
    (tmp_path / "inbox").mkdir()

    def listing(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", listing)
    assert "inbox: cannot read the folder: Permission denied" in _one_line_error(run("check", "inbox"))


def test_an_unreadable_message_of_an_mbox_does_not_hide_the_others(run, tmp_path):
    sep = b"From help@example.com Tue Mar  4 09:12:00 2025\n"
    head = b"From: a@example.com\nTo: b@example.com\nSubject: x\n\n"
    (tmp_path / "inbox.mbox").write_bytes(sep + head + b"\n\n\n" + sep + head + DRAFT.encode())
    result = run("check", "--format", "json", "inbox.mbox")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == ["tonecheck: error: inbox.mbox#1: empty message body: nothing to check"]
    [report] = json.loads(result.stdout)["files"]
    assert report["path"] == "inbox.mbox#2" and report["findings"]


def test_config_that_is_not_utf8_or_nested_too_deeply_is_one_line(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Sam,\nYour order ships on Friday.\nLeah\n")
    (tmp_path / ".tonecheck.toml").write_bytes(b'fail-on = "\xff"\n')
    result = run("check", "d.txt")
    assert result.exit_code == 2 and "not UTF-8 text (byte 0xFF" in result.output and "internal" not in result.output
    (tmp_path / ".tonecheck.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run("check", "d.txt")
    assert result.exit_code == 2 and "nested too deeply" in result.output


def test_output_that_cannot_be_written_is_one_line(tmp_path):
    import subprocess
    import sys

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    (tmp_path / "d.txt").write_text("Hi Steve,\nI just wanted to plan my weekend.\n")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "tonecheck", "check", str(tmp_path / "d.txt")],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "tonecheck: error: cannot write the output: No space left on device"


def test_the_api_says_what_it_takes():
    import tonecheck

    with pytest.raises(TypeError, match=r"must be text \(str\), not bytes \(load_bytes\(\) reads bytes\)"):
        tonecheck.check(b"Hi Sam")
    with pytest.raises(TypeError, match="not NoneType"):
        tonecheck.check(None)
    with pytest.raises(TypeError, match="not str"):
        tonecheck.load_bytes("Hi Sam")


def test_a_lone_surrogate_costs_no_rule(tmp_path):
    import tonecheck

    report = tonecheck.check("Hi Jo,\nWe apologise for any inconvenience \udcff.\nSam")
    assert report.errors == []
    assert "Apology.AnyInconvenience" in {f.rule for f in report.findings}


def test_a_pack_path_that_is_a_pipe_or_a_link_loop_is_named(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Sam,\nYour order ships on Friday.\nLeah\n")
    (tmp_path / "loop.yml").symlink_to(tmp_path / "loop.yml")
    (tmp_path / ".tonecheck.toml").write_text('packs = ["loop.yml"]\n')
    result = run("check", "d.txt")
    assert result.exit_code == 2 and "leads nowhere (or round in a loop)" in result.output
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yml")
        (tmp_path / ".tonecheck.toml").write_text('packs = ["pipe.yml"]\n')
        result = run("check", "d.txt")
        assert result.exit_code == 2 and "not a regular file" in result.output


def test_check_reuses_what_it_loaded():
    import tonecheck

    first = tonecheck.check("Hi Jo,\nYour order ships on Friday.\nSam")
    again = tonecheck.check("Hi Jo,\nWe apologise for any inconvenience.\nSam")
    assert first.score.overall > again.score.overall
    assert tonecheck._linter_for(None) is tonecheck._linter_for(None)


def test_the_api_refuses_a_context_it_does_not_know():
    """A misspelt context would switch detection off and with it the rules for the
    situation: it is refused, as --context refuses it; case does not matter."""
    import tonecheck
    from tonecheck.engine import Linter

    text = "Hi Sam,\nI'm sorry the repair went wrong twice; I've booked an engineer for Friday at 9am.\nLeah"
    with pytest.raises(ValueError, match="did you mean 'complaint'"):
        tonecheck.check(text, context=["complaints"])
    with pytest.raises(TypeError, match="not a context name"):
        tonecheck.check(text, context=[1])
    assert tonecheck.check(text, context="Complaint").contexts == ("complaint",)
    assert tonecheck.check(text, context="complaint, delay").contexts == ("complaint", "delay")
    with pytest.raises(TypeError, match="takes a Draft, not str"):
        Linter().lint(text)
