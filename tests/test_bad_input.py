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
