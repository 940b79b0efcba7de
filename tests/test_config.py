"""Configuration is found upward from the draft; flags win; mistakes are explained."""
import json

import pytest

from tonecheck.config import find_config, load_config
from tonecheck.errors import ConfigError

SEED = (
    "Hi Steve,\nI just wanted to plan my weekend. Would you be available at 9am to collect tomorrow?\n\n"
    "On Thu, Steve wrote:\n> Can't wait to pick up the new car!\n"
)


def test_found_upward_from_the_checked_file(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('ignore = ["company_centric"]\n')
    (tmp_path / "team" / "drafts").mkdir(parents=True)
    draft = tmp_path / "team" / "drafts" / "d.txt"
    draft.write_text(SEED)
    result = run("check", "--format", "json", draft)
    cats = {f["category"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert cats and "company_centric" not in cats


def test_pyproject_tool_table(run, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.tonecheck]\nfail-on = "error"\n')
    (tmp_path / "d.txt").write_text(SEED)
    assert find_config(tmp_path / "d.txt") == tmp_path / "pyproject.toml"
    assert run("check", "d.txt").exit_code == 0


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub" / "d.txt") != tmp_path / "pyproject.toml"


@pytest.mark.parametrize("toml, ours", [
    ('[tool.tonecheck]\nfail-on = "error"\n', True),
    ('[ tool . "tonecheck" ]\nfail-on = "error"\n', True),
    ('tool.tonecheck.fail-on = "error"\n', True),
    ('tool = { tonecheck = { fail-on = "error" } }\n', True),
    ('[tool]\ntonecheck.fail-on = "error"\n', True),
    # a project named tonecheck, with another tool's table: no config of ours (and no TOML parsed)
    ('[project]\nname = "tonecheck"\n\n[tool.ruff]\nline-length = 100\n', False),
])
def test_a_pyproject_table_of_ours_in_any_toml_spelling(tmp_path, toml, ours):
    (tmp_path / "pyproject.toml").write_text(toml)
    assert (find_config(tmp_path / "d.txt") == tmp_path / "pyproject.toml") is ours


@pytest.mark.parametrize("toml, ours", [
    ('tool = 5  # tonecheck\n', False),  # an unrelated pyproject that merely says our name
    ('tool = "tonecheck"\n', False),
    ('[tool]\ntonecheck = 5\n', True),
    ('[tool]\ntonecheck = ["fail-on"]\n', True),
])
def test_a_pyproject_tool_entry_that_is_not_a_table(run, tmp_path, toml, ours):
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "d.txt").write_text(SEED)
    result = run("check", "-q", "d.txt")
    if ours:
        assert result.exit_code == 2 and "[tool.tonecheck] must be a table of settings" in result.stderr
    else:
        assert result.exit_code == 1 and "error" not in result.stderr  # passed over, as if it said nothing of us


def test_flags_win_over_config(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('fail-on = "error"\n')
    (tmp_path / "d.txt").write_text(SEED)
    assert run("check", "d.txt").exit_code == 0
    assert run("check", "--fail-on", "warning", "d.txt").exit_code == 1


def test_explicit_config_flag(run, tmp_path):
    (tmp_path / "strict.toml").write_text('score = "weights"\nmin-score = 99\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nYour order ships on Friday.\nThanks,\nLeah\n")
    (tmp_path / "bad.txt").write_text(SEED)
    assert run("check", "--config", "strict.toml", "d.txt").exit_code == 0
    assert run("check", "--config", "strict.toml", "--fail-on", "error", "bad.txt").exit_code == 1
    missing = run("check", "--config", "nope.toml", "d.txt")
    assert missing.exit_code == 2 and "not found" in missing.output


def test_company_names_count_as_us(tmp_path):
    from tonecheck.config import Config
    from tonecheck.engine import Linter
    from tonecheck.sources import load_text

    text = ("Northgate has taken measures to reduce the noise. Northgate has also added cleaners. "
            "Northgate will send the feedback to the contractors. The works end soon.")
    plain = Linter(Config(select=("CustomerFocus.AboutUs",))).lint(load_text(text))
    named = Linter(Config(select=("CustomerFocus.AboutUs",), company=("Northgate",))).lint(load_text(text))
    assert not plain.findings
    assert [f.rule for f in named.findings] == ["CustomerFocus.AboutUs"]


@pytest.mark.parametrize(
    "toml, message",
    [
        ('fail-on = "fatal"', "'fail-on' must be one of"),
        ("min-score = 200", "'min-score' must be a number from 0 to 100"),
        ("select = 3", "'select' must be a list of strings"),
        ('context = ["party"]', "unknown context 'party'"),
        ("weights = { loud = 3 }", "'weights' must map"),
        ("[rules]\nx = 1", "must be tables"),
        ("colour = true", "unknown key 'colour'"),
        ("min-score = nan", "'min-score' must be a number from 0 to 100"),
    ],
)
def test_invalid_values_are_explained(tmp_path, toml, message):
    path = tmp_path / ".tonecheck.toml"
    path.write_text(toml + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


@pytest.mark.parametrize("table, problem", [
    ('score = "vibes"\n', "'score' must be one of learned, weights"),
    ("demote-above = 120\n", "'demote-above' must be a number from 0 to 100"),
    ('[sendmail]\nmode = "loud"\n', "'mode' must be one of block, warn"),
    ('[sendmail]\ncomand = "msmtp"\n', "did you mean 'command'"),
    ('[sendmail]\ntimeout = -1\n', "'timeout' must be a number of seconds"),
    ('[recipients."ourco.com"]\npacks = ["x"]\n', "'packs' cannot be set per recipient"),
    ('[recipients."ourco.com"]\nfail_on = "error"\n', "did you mean 'fail-on'"),
    ('[recipients."ourco.com"]\nfail-on = "loud"\n', "'fail-on' must be one of"),
])
def test_new_settings_are_checked(run, tmp_path, table, problem):
    (tmp_path / ".tonecheck.toml").write_text(table)
    (tmp_path / "d.txt").write_text("Hi Sam,\nYour order ships on Friday.\nLeah\n")
    result = run("check", "d.txt")
    assert result.exit_code == 2 and problem in result.output


def test_show_config_says_which_file_applies(run, tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / ".tonecheck.toml").write_text('fail-on = "error"\n')
    (tmp_path / "team" / "d.txt").write_text("Hi\n")
    (tmp_path / "other.txt").write_text("Hi\n")
    result = run("check", "--show-config", "team/d.txt", "other.txt")
    assert result.exit_code == 0
    assert "team/d.txt: " in result.output and "team/.tonecheck.toml" in result.output
    # as it would be written in the file: TOML, not Python's reprs
    assert 'fail-on = "error"' in result.output and "select = []" in result.output
    assert "# min-score: not set" in result.output and "None" not in result.output
    assert "other.txt: no config file (the defaults)" in result.output


def test_show_config_says_when_a_recipients_table_applies(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[recipients."ourco.example"]\nfail-on = "error"\n')
    (tmp_path / "internal.eml").write_text("From: a@ourco.example\nTo: sam@ourco.example\nSubject: x\n\nHi Sam,\nDone.\n")
    result = run("check", "--show-config", "internal.eml")
    assert result.exit_code == 0
    assert 'with [recipients."ourco.example"]' in result.output and 'fail-on = "error"' in result.output
