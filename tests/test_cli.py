"""The CLI as a user meets it: the README's example, exit codes, output formats."""
import json
from pathlib import Path

import pytest

from conftest import EXAMPLES


@pytest.fixture
def drafts(tmp_path):
    """The README's seed email and its rewrite, copied where no config applies."""
    for name in ("collection-weekend.txt", "collection-rewrite.txt"):
        (tmp_path / name).write_text((EXAMPLES / name).read_text())
    return tmp_path


@pytest.fixture
def SEED(drafts):
    return drafts / "collection-weekend.txt"


@pytest.fixture
def REWRITE(drafts):
    return drafts / "collection-rewrite.txt"


def test_seed_email_is_caught_point_by_point(run, SEED):
    result = run("check", "--format", "json", SEED)
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)["files"][0]
    text = SEED.read_text()
    where = text.index("I just wanted to plan my weekend")
    centric = [f for f in report["findings"] if f["category"] == "company_centric"]
    assert any(f["offset"] <= where < f["offset"] + f["length"] for f in centric), centric
    assert any(f["category"] == "missing_empathy" for f in report["findings"])
    assert report["score"]["overall"] < 80


def test_seed_text_output_points_at_the_words(run, SEED):
    result = run("check", SEED)
    assert result.exit_code == 1, result.output
    assert "collection-weekend.txt:2:1: CustomerFocus.OwnAgenda [warning]" in result.output
    assert "I just wanted to plan my weekend" in result.output
    assert "^^^^" in result.output
    assert "score" in result.output and "problems" in result.output


def test_good_rewrite_passes(run, REWRITE):
    result = run("check", REWRITE)
    assert result.exit_code == 0, result.output
    assert "All clear" in result.output


def test_stdin_dash(run, SEED):
    result = run("check", "-", input=SEED.read_text())
    assert result.exit_code == 1, result.output
    assert result.output.startswith("-:2:1:")


def test_select_and_ignore_by_rule_pack_or_category(run, SEED):
    only = run("check", "--format", "json", "--select", "company_centric", SEED)
    cats = {f["category"] for f in json.loads(only.output)["files"][0]["findings"]}
    assert cats == {"company_centric"}
    none = run("check", "--ignore", "company_centric,Empathy", SEED)
    assert none.exit_code == 0, none.output


def test_fail_on_error_lets_warnings_pass(run, SEED):
    result = run("check", "--fail-on", "error", SEED)
    assert result.exit_code == 0, result.output


def test_min_score_fails_a_clean_but_low_draft(run, tmp_path, SEED):
    result = run("check", "--fail-on", "error", "--min-score", "90", SEED)
    assert result.exit_code == 1, result.output
    # -q prints findings only, but a run it fails on the score alone still says why
    quiet = run("check", "-q", "--fail-on", "error", "--min-score", "99.9", SEED)
    assert quiet.exit_code == 1 and "below the minimum of 99.9" in quiet.stdout


def test_context_flag_replaces_detection(run, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Jo,\nYour sofa arrives on Thursday between 10am and 12pm.\nThanks,\nMaya\n")
    assert run("check", draft).exit_code == 0
    result = run("check", "--context", "bereavement", "--format", "json", draft)
    assert result.exit_code == 1, result.output
    assert json.loads(result.output)["files"][0]["contexts"] == ["bereavement"]
    bad = run("check", "--context", "party", draft)
    assert bad.exit_code == 2 and "party" in bad.output


def test_quiet_prints_only_findings(run, SEED):
    result = run("check", "-q", SEED)
    assert result.exit_code == 1
    assert all(line.startswith(str(SEED)) for line in result.output.splitlines())


def test_color_only_when_asked_and_no_color_respected(run, monkeypatch, SEED):
    assert "\x1b[" not in run("check", SEED).output  # not a TTY
    assert "\x1b[" in run("check", "--color", "always", SEED).output
    monkeypatch.setattr("tonecheck.cli._stdout_is_tty", lambda: True)
    assert "\x1b[" in run("check", SEED).output  # a terminal gets colour...
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", SEED).output  # ...unless NO_COLOR says no


def test_quiet_on_a_clean_draft_prints_nothing(run, REWRITE):
    result = run("check", "-q", REWRITE)
    assert result.exit_code == 0 and result.output == ""


def test_folder_is_checked_file_by_file(run, tmp_path, SEED, REWRITE):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_text(SEED.read_text())
    (tmp_path / "inbox" / "b.txt").write_text(REWRITE.read_text())
    result = run("check", "--format", "json", tmp_path / "inbox")
    assert result.exit_code == 1
    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["a.txt", "b.txt"]


def test_rules_table_lists_every_rule_with_its_source(run):
    result = run("rules")
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split()
    assert header == ["RULE", "CATEGORY", "SEVERITY", "FIXABLE", "SOURCE"]
    assert "CustomerFocus.OwnAgenda" in result.output
    assert "tonecheck.builtin.packs" in result.output
    assert "tonecheck.builtin.customer_focus" in result.output
    rows = json.loads(run("rules", "--format", "json").output)
    assert len(rows) >= 20
    assert {r["category"] for r in rows} >= {
        "company_centric", "missing_empathy", "excuse_blame", "vague_commitment",
        "hard_to_read", "negative_framing", "non_apology", "structure",
    }


def test_explain_gives_what_why_example_and_silencing(run):
    result = run("explain", "CustomerFocus.SingleSlot")
    assert result.exit_code == 0, result.output
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety", "## How to silence it"):
        assert heading in result.output
    assert "Would you be available at 9am" in result.output
    assert "--ignore CustomerFocus.SingleSlot" in result.output
    # as ruff's docs do: the example, then the same example put right by the rule's fix
    use_instead = result.output.split("## Use instead")[1].split("## Fix safety")[0]
    assert "Which time suits you best to collect: tomorrow at 9am" in use_instead
    # an example its fix stands aside on is not the one shown put right
    use_instead = run("explain", "Commitment.DelayWithoutDate").output.split("## Use instead")[1]
    assert "The new date is [[new date]]" in use_instead.split("## Fix safety")[0]


def test_explain_takes_a_rule_s_own_name_in_any_case(run):
    result = run("explain", "singleslot")
    assert result.exit_code == 0 and result.output.startswith("# CustomerFocus.SingleSlot")
    listing = run("explain").output
    assert "Not in force here" in listing and "Spelling.Unknown" in listing.split("Not in force here")[1]
    pack = run("explain", "empathy")  # a pack: its rules to choose from
    assert pack.exit_code == 0 and "Empathy is a pack" in pack.output and "Empathy.Bereavement" in pack.output


def test_hooks_install_says_what_mutt_needs_instead(run):
    result = run("hooks", "install", "mutt")
    assert result.exit_code == 2 and "needs no hook" in result.output and "tonecheck sendmail" in result.output
    result = run("hooks", "install", "git-sendemail")
    assert result.exit_code == 2 and "unknown hook 'git-sendemail' (one of git-send-email)" in result.output


def test_explain_unknown_rule_suggests(run):
    result = run("explain", "CustomerFocus.OwnAgnda")
    assert result.exit_code == 2
    assert "did you mean 'CustomerFocus.OwnAgenda'" in result.output


def test_init_writes_a_config_that_loads(run, tmp_path, SEED):
    result = run("init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".tonecheck.toml").is_file()
    again = run("init")
    assert again.exit_code == 2 and "--force" in again.output
    draft = tmp_path / "d.txt"
    draft.write_text(SEED.read_text())
    assert run("check", draft).exit_code == 1


def test_version(run):
    from tonecheck import __version__

    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_unknown_format_is_a_usage_error(run, SEED):
    result = run("check", "--format", "xml", SEED)
    assert result.exit_code == 2
    assert "json" in result.output and "text" in result.output


def test_each_draft_is_judged_by_its_own_config(run, tmp_path, SEED):
    for name, fail_on in (("strict", "warning"), ("lax", "error")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".tonecheck.toml").write_text(f'fail-on = "{fail_on}"\n')
        (tmp_path / name / "d.txt").write_text(SEED.read_text())
    assert run("check", "lax/d.txt").exit_code == 0
    assert run("check", "strict/d.txt", "lax/d.txt").exit_code == 1
    assert run("check", "lax/d.txt", "strict/d.txt").exit_code == 1


def test_an_unreadable_file_does_not_hide_the_others(run, tmp_path, SEED):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_bytes(b"\xff\xfe broken")
    (tmp_path / "inbox" / "b.txt").write_text(SEED.read_text())
    (tmp_path / "inbox" / ".git").mkdir()
    (tmp_path / "inbox" / ".git" / "x.txt").write_text("We apologise for any inconvenience.")
    result = run("check", "--format", "json", "inbox")
    assert result.exit_code == 2
    assert "a.txt" in result.stderr and "UTF-8" in result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["path"].rsplit("/", 1)[-1] for f in files] == ["b.txt"]  # .git is not entered
    assert files[0]["findings"]


def test_html_findings_point_into_the_html_source(run, tmp_path):
    src = ("<p>Dear customer,</p><p>We apologise for any inconvenience at the caf&eacute;. "
           "Due to supply chain issues your order is late.</p><p>Shop</p>")
    (tmp_path / "d.html").write_text(src)
    report = json.loads(run("check", "--format", "json", "d.html").output)["files"][0]
    spans = {f["rule"]: src[f["offset"]:f["offset"] + f["length"]] for f in report["findings"]}
    assert spans["Apology.AnyInconvenience"] == "apologise for any inconvenience"
    assert spans["Excuses.BlameOthers"].startswith("Due to supply chain")


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "--context", "party", "-"], "--context: 'party' is not one of"),
        (["check", "--min-score", "150", "-"], "is not in the range"),
        (["check", "--min-score", "nan", "-"], "not nan"),
        (["check", "--format", "xml", "-"], "'xml' is not one of json, text"),
        (["check", "--bogus"], "No such option '--bogus'"),
        (["check", "--context", "complant", "-"], "did you mean 'complaint'?"),
        (["explain", "Readability.LongSentance"], "did you mean 'Readability.LongSentence'?"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run, args, message):
    result = run(*args, input="Hi Sam,\nYour order ships Friday.\nLeah\n")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tonecheck: error: ") and message in lines[0], result.stderr


def test_ignore_on_the_command_line_adds_to_the_config(run, tmp_path, SEED):
    (tmp_path / ".tonecheck.toml").write_text('ignore = ["Structure.SignOff"]\n')
    (tmp_path / "d.txt").write_text(SEED.read_text())
    result = run("check", "-q", "--ignore", "empathy", "d.txt")  # a pack, in any case
    assert "Structure.SignOff" not in result.stdout and "Empathy." not in result.stdout
    assert "CustomerFocus.OwnAgenda" in result.stdout


def test_selectors_suggest_and_know_every_category(run, SEED):
    result = run("check", "--ignore", "Empaty", SEED)
    assert result.exit_code == 2 and "did you mean 'Empathy'?" in result.stderr
    # grammar and spelling have no rule yet, but a project may rule them out already
    assert run("check", "-q", "--ignore", "grammar,spelling", SEED).exit_code == 1


def test_init_does_not_replace_a_dangling_symlink(run, tmp_path):
    (tmp_path / ".tonecheck.toml").symlink_to(tmp_path / "elsewhere.toml")
    result = run("init")
    assert result.exit_code == 2 and "exists" in result.stderr
    assert (tmp_path / ".tonecheck.toml").is_symlink()


def test_the_blame_example_is_caught_and_its_owned_rewrite_passes(run):
    bad = run("check", "--format", "json", EXAMPLES / "broken-parcel-blame.txt")
    assert bad.exit_code == 1, bad.output
    rules = {f["rule"] for f in json.loads(bad.output)["files"][0]["findings"]}
    assert {"Excuses.TheirMistake", "Excuses.PassTheBuck", "Empathy.Complaint", "Commitment.VaguePromise"} <= rules
    good = run("check", EXAMPLES / "broken-parcel-owned.txt")
    assert good.exit_code == 0, good.output


def test_explain_with_no_rule_lists_them(run):
    result = run("explain")
    assert result.exit_code == 0
    assert "Which rule?" in result.output and "Empathy.Complaint" in result.output


def test_rules_as_json_say_fixable_as_true_or_false(run):
    rules = json.loads(run("rules", "--format", "json").output)
    assert {type(r["fixable"]) for r in rules} == {bool}
    assert any(r["fixable"] for r in rules) and not all(r["fixable"] for r in rules)


def test_a_misspelt_rule_in_config_names_the_file_and_the_rule(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('[rules."Readability.LongSentance"]\nmax = 30\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nYour order ships on Friday.\nLeah\n")
    result = run("check", "d.txt")
    assert result.exit_code == 2
    assert ".tonecheck.toml: [rules.'Readability.LongSentance']: no such rule; did you mean 'Readability.LongSentence'?" in result.output


def test_force_color_colours_a_pipe_and_no_color_wins(run, tmp_path, monkeypatch):
    (tmp_path / "d.txt").write_text("Hi Steve,\nI just wanted to plan my weekend.\n")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("check", "d.txt").output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", "d.txt").output


def test_the_vocabulary_is_written_once():
    """The README's tables, --context's help and init's template come from tonecheck.vocabulary."""
    from conftest import ROOT
    from tonecheck import vocabulary
    from tonecheck.cli import INIT_TEMPLATE, check

    readme = (ROOT / "README.md").read_text()
    table = readme.split("<!-- vocabulary -->\n", 1)[1].split("<!-- /vocabulary -->", 1)[0]
    assert table == vocabulary.markdown(), "run python -m tonecheck.vocabulary and paste it into the README"
    help_text = next(p.help for p in check.params if p.name == "contexts")
    assert all(c in help_text for c in vocabulary.CONTEXTS)
    assert "{contexts}" in INIT_TEMPLATE


def test_init_lists_every_context(run, tmp_path):
    from tonecheck import vocabulary

    run("init")
    assert ", ".join(vocabulary.CONTEXTS) in (tmp_path / ".tonecheck.toml").read_text()


def test_init_template_is_a_valid_config_with_its_comments_uncommented(tmp_path):
    """Every commented example table in init's template is itself valid config."""
    import re

    from tonecheck import vocabulary
    from tonecheck.cli import INIT_TEMPLATE
    from tonecheck.config import parse_config

    text = INIT_TEMPLATE.replace("{contexts}", ", ".join(vocabulary.CONTEXTS))
    for table in ("sendmail", "grammar", "spelling"):
        block = re.search(rf"^# \[{table}\]\n((?:# [^\n]*\n)+)", text, re.M).group(1)
        body = "\n".join(line[2:].split("  #")[0] for line in block.splitlines())
        import tomllib

        parse_config({table: tomllib.loads(body)})


def test_checking_one_draft_stays_off_what_it_does_not_need(tmp_path):
    """The cold path: a check of one text draft, caches warm, imports no YAML parser,
    no plugin scan, no HTTP or process machinery, no rewrite's fact keeper."""
    import os
    import subprocess
    import sys

    (tmp_path / "d.txt").write_text("Hi Sam,\n\nYour parcel left our warehouse today.\n\nLeah\n")
    # the grammar probe still runs, refused at once, whatever this machine has on port 8081
    (tmp_path / ".tonecheck.toml").write_text('[grammar]\nserver = "http://127.0.0.1:1"\n')
    heavy = ["textstat", "yaml", "importlib.metadata", "shutil", "socket", "subprocess", "urllib.request",
             "email.message", "html", "tonecheck.facts", "tonecheck.parallel"]
    code = ("import sys\nfrom tonecheck.cli import main\ntry:\n    main(['check', '-q', 'd.txt'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(set({heavy!r}) & set(sys.modules)))")
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(tmp_path / "cache"), "LTP_PATH": str(tmp_path / "no-lt")}
    # the first run fills the caches; a later one may refill them once, should another test (the daemon's
    # lexicon test) touch the lexicon meanwhile: a warm run among the next three must import none of them
    warm = []
    for _ in range(4):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
        warm.append(result.stdout.splitlines()[-1] if result.stdout else result.stderr)
    assert "[]" in warm[1:], warm


def test_an_os_error_names_its_file(run, tmp_path):
    long_name = "a" * 300 + ".txt"
    result = run("check", long_name)
    assert result.exit_code == 2 and result.stderr.startswith(f"tonecheck: error: {long_name}: File name too long")


def test_show_config_names_a_draft_on_stdin_as_its_findings_do(run, tmp_path):
    result = run("check", "--show-config", "--stdin-filename", "drafts/x.txt", "-", input="Hi Sam\n")
    assert result.stdout.startswith("drafts/x.txt: ")


def test_an_unknown_selector_says_where_to_look(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('ignore = ["Empathyy"]\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks.\nLeah\n")
    result = run("check", "d.txt")
    assert result.exit_code == 2 and ".tonecheck.toml or the command line); did you mean 'Empathy'?" in result.stderr


def test_a_hook_an_earlier_tonecheck_wrote_is_brought_up_to_date(run, tmp_path, monkeypatch):
    import subprocess

    from tonecheck.hooks import MARK

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    hook = tmp_path / ".git" / "hooks" / "sendemail-validate"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(f"#!/bin/sh\n{MARK} git-send-email'\nsed '/^---$/q' \"$1\"\n")  # an old one of ours
    assert run("hooks", "install", "git-send-email").exit_code == 0
    assert "printf" in hook.read_text()  # the CRLF-aware one
    hook.write_text("#!/bin/sh\nexit 0\n")  # someone else's: kept
    result = run("hooks", "install", "git-send-email")
    assert result.exit_code == 2 and "use --force" in result.stderr and hook.read_text() == "#!/bin/sh\nexit 0\n"


def test_json_output_when_no_input_can_be_read_is_still_a_document(run, tmp_path):
    import json

    (tmp_path / "empty.txt").write_text("")
    result = run("check", "--format", "json", "empty.txt", "missing.txt")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["files"] == [] and doc["summary"]["files"] == 0
    # each input is named with why it was not read, and no score is made up for none
    assert doc["unreadable"] == ["empty.txt: empty input: nothing to check", "missing.txt: no such file"]
    assert doc["summary"]["unreadable"] == 2 and doc["summary"]["lowest_score"] is None
    import jsonschema

    from tonecheck.formatters.json import __file__ as where

    schema = json.loads((Path(where).parent.parent / "schema" / "report.schema.json").read_text())
    jsonschema.validate(doc, schema)


def test_json_output_names_the_input_it_could_not_read_beside_those_it_did(run, tmp_path):
    import json

    (tmp_path / "ok.txt").write_text("Hi Jo,\nYour parcel ships on Friday.\nKim\n")
    result = run("check", "--format", "json", "ok.txt", "missing.txt")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == ["ok.txt"]
    assert doc["unreadable"] == ["missing.txt: no such file"] and doc["summary"]["unreadable"] == 1


def test_the_command_runs_where_no_daemon_can(monkeypatch, tmp_path):
    """Elsewhere than Linux (Windows has no user ids to name a socket by), the command
    runs as it always did: the daemon is not even looked for."""
    from tonecheck import daemon

    monkeypatch.setattr(daemon.sys, "platform", "win32")
    monkeypatch.delattr(daemon.os, "getuid")
    monkeypatch.delenv("TONECHECK_DAEMON", raising=False)
    monkeypatch.delenv("TONECHECK_DAEMON_DIR", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert daemon.handed_over(["check", str(tmp_path / "d.txt")]) is None


def test_the_readme_shows_what_its_commands_print(run, monkeypatch):
    """The README's first examples, as a new user types them from the project's root: each
    line they show (a '...' stands for what is left out) is in the output, in order."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text().splitlines()
    monkeypatch.chdir(ROOT)
    for command in ("tonecheck check examples/collection-weekend.txt", "tonecheck rewrite examples/collection-weekend.txt"):
        start = readme.index(f"    $ {command}") + 1
        shown = []
        for line in readme[start:]:
            if line and not line.startswith("    "):
                break  # the example ends where the prose resumes
            if line.strip() and line.strip() != "...":
                shown.append(line[4:])
        result = run(*command.split()[1:])
        out, at = (result.stdout + result.stderr).splitlines(), 0
        assert shown
        for line in shown:
            assert line in out[at:], f"the README shows {line!r}; {command} does not print it there"
            at = out.index(line, at) + 1
