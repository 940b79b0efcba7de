"""Plugins: local modules named in config, installed entry points, and a plugin
that breaks is named while the run goes on."""
import json

import pytest

from tonecheck.plugins import get_plugin_manager

PLUGIN = '''
import tonecheck

@tonecheck.rule(
    "House.NoCheers",
    category="structure",
    severity="warning",
    message="Sign off warmly, not with 'Cheers'.",
    why="House style.",
    bad=["Your order ships Friday.\\nCheers"],
    good=["Your order ships Friday.\\nBest wishes"],
)
def no_cheers(analysis, rule):
    """Flags 'Cheers' as a sign-off."""
    for start, end, _ in analysis.writer_matches(__import__("re").compile(r"\\bCheers\\b")):
        yield rule.finding(start, end)

@tonecheck.hookimpl
def tonecheck_rules():
    return [no_cheers]
'''

BROKEN = '''
import tonecheck

@tonecheck.rule("House.Crash", category="structure", message="m", why="w", bad=["x"], good=["y"])
def crash(analysis, rule):
    """Always raises."""
    raise RuntimeError("boom")
    yield

@tonecheck.hookimpl
def tonecheck_rules():
    return [crash]
'''


WEEKEND = "Hi Steve,\nI just wanted to plan my weekend.\n"
THANKS = "Hi Sam,\nThanks!\n"


@pytest.fixture
def project(tmp_path):
    """A project folder with a plugin module named in its config and a draft, d.txt."""

    def make(source: str, name: str = "house.py", draft: str = WEEKEND):
        (tmp_path / name).write_text(source)
        (tmp_path / ".tonecheck.toml").write_text(f'plugins = ["{name}"]\n')
        (tmp_path / "d.txt").write_text(draft)
        return tmp_path

    return make


def test_local_python_plugin_from_config(run, project):
    project(PLUGIN, draft="Hi Sam,\nYour order ships Friday.\nCheers\nLeah\n")
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1, result.output
    assert [f["rule"] for f in json.loads(result.output)["files"][0]["findings"]] == ["House.NoCheers"]
    table = run("rules", "--select", "House").output
    assert "House.NoCheers" in table and "house.py" in table


def test_a_rule_or_a_pack_path_returned_alone_is_named_not_a_crash(run, project, tmp_path):
    project(PLUGIN.replace("return [no_cheers]", "return no_cheers") + '''
@tonecheck.hookimpl
def tonecheck_rule_packs():
    return "house_rules"
''')
    result = run("check", "-q", "d.txt")
    assert result.exit_code == 1, result.output  # the built-in rules still ran
    assert "tonecheck_rules returned the rule 'House.NoCheers' alone, not a list of tonecheck.Rule" in result.stderr
    assert "tonecheck_rule_packs returned 'house_rules' alone, not a list of paths" in result.stderr
    assert "internal error" not in result.stderr


def test_a_rule_that_raises_is_named_and_the_run_goes_on(run, project):
    project(BROKEN, "broken.py")
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1  # the other rules still ran
    assert "plugin 'broken.py': rule House.Crash raised RuntimeError: boom" in result.stderr
    report = json.loads(result.stdout)["files"][0]
    assert any(f["rule"] == "CustomerFocus.OwnAgenda" for f in report["findings"])
    assert report["errors"] == ["plugin 'broken.py': rule House.Crash raised RuntimeError: boom"]


def test_a_config_plugin_that_cannot_load_is_an_error(run, project):
    project("import not_a_module_anywhere\n", "bad.py", THANKS)
    result = run("check", "d.txt")
    assert result.exit_code == 2
    assert "plugin 'bad.py' failed to load: ModuleNotFoundError" in result.output


def _install_entry_point(tmp_path, monkeypatch, module_name, source):
    """A real installed distribution: a module plus a .dist-info with entry_points.txt."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / f"{module_name}.py").write_text(source)
    info = site / f"{module_name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module_name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[tonecheck]\n{module_name} = {module_name}\n")
    monkeypatch.syspath_prepend(str(site))


def test_installed_entry_point_plugins_are_found(tmp_path, monkeypatch):
    _install_entry_point(tmp_path, monkeypatch, "tc_house_ep", PLUGIN)
    pm = get_plugin_manager()
    assert pm.has_plugin("tc_house_ep")
    from tonecheck.engine import Linter

    assert any(r.id == "House.NoCheers" and r.source == "tc_house_ep" for r in Linter().all_rules)


def test_a_broken_installed_plugin_is_named_and_skipped(run, tmp_path, monkeypatch):
    _install_entry_point(tmp_path, monkeypatch, "tc_broken_ep", "raise ImportError('missing dependency xyz')\n")
    (tmp_path / "d.txt").write_text(WEEKEND)
    result = run("check", "d.txt")
    assert result.exit_code == 1
    assert "plugin 'tc_broken_ep'" in result.stderr and "missing dependency xyz" in result.stderr
    assert "CustomerFocus.OwnAgenda" in result.stdout


def test_builtin_rules_are_plugins_like_any_other():
    pm = get_plugin_manager()
    names = {pm.get_name(p) for p in pm.get_plugins()}
    assert {"tonecheck.builtin.packs", "tonecheck.builtin.customer_focus", "tonecheck.formatters.json"} <= names
    other = get_plugin_manager()
    other.unregister(name="tonecheck.builtin.packs")
    assert pm.has_plugin("tonecheck.builtin.packs")  # managers share no state


ODD = '''
import tonecheck
from tonecheck.findings import Finding

@tonecheck.rule("House.Odd", category="structure", message="m", why="w", bad=["x"], good=["y"])
def odd(analysis, rule):
    """Yields a finding with a severity no formatter knows."""
    yield Finding("House.Odd", "structure", "fatal", "m", 0, 1)

@tonecheck.hookimpl
def tonecheck_rules():
    return [odd, "not a rule"]

@tonecheck.hookimpl
def tonecheck_context(analysis):
    raise LookupError("no model")
'''


def test_malformed_plugin_output_is_named_and_contained(run, project):
    project(ODD, "odd.py")
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1, result.output
    assert "returned 'not a rule', not a tonecheck.Rule" in result.stderr
    report = json.loads(result.stdout)["files"][0]
    assert any("House.Odd raised ValueError" in e for e in report["errors"])
    assert any("context detector raised LookupError: no model" in e for e in report["errors"])
    assert any(f["rule"] == "CustomerFocus.OwnAgenda" for f in report["findings"])


def test_a_misspelt_hook_is_an_error(run, project):
    project("import tonecheck\n\n@tonecheck.hookimpl\ndef tonecheck_rule():\n    return []\n", "typo.py", THANKS)
    result = run("check", "d.txt")
    assert result.exit_code == 2
    assert "tonecheck_rule" in result.output and len(result.output.strip().splitlines()) == 1
    assert "did you mean 'tonecheck_rules'?" in result.output


BAD_PACK_PLUGIN = '''
from pathlib import Path
import tonecheck

HERE = Path(__file__).parent

@tonecheck.hookimpl
def tonecheck_rule_packs():
    (HERE / "Broken.yml").write_text("pack: Broken\\nrules:\\n  - name: R\\n    kind: phrase\\n    category: structure\\n"
                                    "    message: m\\n    patterns: ['(?=x)']\\n    examples: {bad: [x], good: [y]}\\n")
    return [HERE / "Broken.yml"]
'''

DUPLICATE = PLUGIN.replace('"House.NoCheers"', '"Empathy.Delay"')


def test_an_installed_plugin_with_a_malformed_pack_is_named_and_skipped(run, tmp_path, monkeypatch):
    _install_entry_point(tmp_path, monkeypatch, "tc_badpack_ep", BAD_PACK_PLUGIN)
    (tmp_path / "d.txt").write_text(WEEKEND)
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1, result.output  # the built-in rules still ran
    assert "plugin 'tc_badpack_ep'" in result.stderr and "Broken.yml" in result.stderr
    errors = json.loads(result.stdout)["files"][0]["errors"]
    assert any("tc_badpack_ep" in e for e in errors)  # mail tooling reading JSON sees it too
    assert run("rules").exit_code == 0


def test_an_installed_plugin_that_redefines_a_rule_is_skipped(run, tmp_path, monkeypatch):
    _install_entry_point(tmp_path, monkeypatch, "tc_dup_ep", DUPLICATE)
    result = run("rules")
    assert result.exit_code == 0, result.output
    assert "rule Empathy.Delay is already defined by tonecheck.builtin.packs; skipped" in result.stderr


def test_a_plugin_that_exits_at_import_cannot_choose_the_exit_code(run, project):
    project("import sys\nsys.exit(3)\n", "quitter.py", "Hi Sam,\nYour order ships Friday.\nLeah\n")
    result = run("check", "d.txt")
    assert result.exit_code == 2
    assert "plugin 'quitter.py' failed to load: SystemExit" in result.stderr


def test_a_local_module_and_its_helpers_import_from_the_config_folder(run, tmp_path):
    (tmp_path / "house_helpers.py").write_text("import re\nCHEERS = re.compile(r'\\\\bCheers\\\\b')\n")
    (tmp_path / "house_rules.py").write_text(PLUGIN.replace('__import__("re").compile(r"\\\\bCheers\\\\b")', "house_helpers.CHEERS")
                                             .replace("import tonecheck", "import tonecheck\nimport house_helpers", 1))
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["house_rules"]\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nYour order ships Friday.\nCheers\nLeah\n")
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1, result.stderr
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["House.NoCheers"]


def test_a_project_module_named_like_the_standard_library_does_not_shadow_it(run, tmp_path):
    (tmp_path / "house_rules.py").write_text(PLUGIN)
    (tmp_path / "email.py").write_text("raise RuntimeError('the project email.py was imported')\n")
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["house_rules"]\n')
    (tmp_path / "d.eml").write_text("From: a@b.c\nSubject: hi\n\nHi Sam,\nYour order ships Friday.\nCheers\nLeah\n")
    result = run("check", "-q", "d.eml")
    assert result.exit_code == 1, result.stderr
    assert "House.NoCheers" in result.stdout


def test_every_builtin_rule_module_registers_all_its_rules():
    """Each built-in module's tonecheck_rules lists its rules by hand (as proselint's
    __register__ does): a rule defined and left out would silently never run."""
    import importlib

    from tonecheck.plugins import BUILTIN_PLUGINS
    from tonecheck.ruledef import Rule

    for name in BUILTIN_PLUGINS:
        module = importlib.import_module(name)
        defined = {id(v) for v in vars(module).values() if isinstance(v, Rule)}
        defined |= {id(v) for v in getattr(module, "RULES", {}).values() if isinstance(v, Rule)}
        hook = getattr(module, "tonecheck_rules", None)
        registered = {id(r) for r in (hook() if hook else ())}
        assert defined <= registered, f"{name} defines rules its tonecheck_rules does not return"


def test_every_builtin_rule_module_is_named_after_its_pack():
    """customer_focus.py holds the CustomerFocus.* rules that rules/CustomerFocus.yml
    cannot express. grammar.py's findings are named after LanguageTool, whose protocol
    is tonecheck/languagetool.py: a second languagetool.py would read as that."""
    import importlib
    import re

    from tonecheck.plugins import BUILTIN_PLUGINS

    for name in BUILTIN_PLUGINS:
        hook = getattr(importlib.import_module(name), "tonecheck_rules", None)
        packs = {r.pack for r in hook()} if hook else set()
        module = name.rsplit(".", 1)[1]
        named = {re.sub(r"(?<=[a-z])(?=[A-Z])", "_", pack).lower() for pack in packs}
        assert named <= {{"grammar": "language_tool"}.get(module, module)}, f"{name} holds rules of {packs}"


ROT13 = '''
import codecs
import tonecheck
from tonecheck.sources import Format
from tonecheck.sources.plain import plain_draft

def read(text, path):
    """Drafts kept in ROT13: one letter for another, so offsets hold."""
    return plain_draft(codecs.decode(text, "rot13"), path)

@tonecheck.hookimpl
def tonecheck_sources():
    return [Format("rot13", read, suffixes=(".rot13",))]
'''


def test_a_plugin_adds_an_input_format(run, project):
    import codecs

    folder = project(ROT13)
    (folder / "inbox").mkdir()
    (folder / "inbox" / "weekend.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    # found in a folder by its ending, and read by the plugin
    result = run("check", "--format", "json", "inbox")
    assert result.exit_code == 1, result.output
    [report] = json.loads(result.stdout)["files"]
    assert report["path"] == "inbox/weekend.rot13"
    assert "CustomerFocus.OwnAgenda" in {f["rule"] for f in report["findings"]}
    # named on the command line, for stdin or a file whose ending says otherwise
    named = run("check", "-q", "--input-format", "ROT13", "-", input=codecs.encode(WEEKEND, "rot13"))
    assert named.exit_code == 1 and "CustomerFocus.OwnAgenda" in named.stdout
    (folder / "weekend.txt").write_text(codecs.encode(WEEKEND, "rot13"))
    assert "CustomerFocus.OwnAgenda" in run("check", "-q", "--input-format", "rot13", "weekend.txt").stdout
    assert "CustomerFocus.OwnAgenda" not in run("check", "-q", "weekend.txt").stdout  # sniffed: plain text


def test_a_folder_s_files_are_found_and_read_with_the_formats_of_their_own_config(run, tmp_path):
    import codecs

    (tmp_path / "house.py").write_text(ROT13)
    (tmp_path / "a.txt").write_text("Hi Sam,\n\nYour parcel arrives on Friday.\n\nBest wishes,\nLeah\n")
    # the plugin is configured only in inner/: checking the parent still reads inner/w.rot13 with it
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / ".tonecheck.toml").write_text('plugins = ["../house.py"]\n')
    (tmp_path / "inner" / "w.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    result = run("check", "--format", "json", ".")
    assert result.exit_code == 1, result.output
    found = {f["path"]: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert list(found) == ["a.txt", "inner/w.rot13"] and "CustomerFocus.OwnAgenda" in found["inner/w.rot13"]
    # configured at the top, not in sub/ (whose config loads no plugins): sub/w.rot13 is not
    # read there as plain text, as 'tonecheck check sub' would not read it
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["house.py"]\n')
    (tmp_path / "w.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".tonecheck.toml").write_text('company = ["Acme"]\n')
    (tmp_path / "sub" / "w.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    (tmp_path / "sub" / "b.txt").write_text(WEEKEND)
    result = run("check", "--format", "json", ".")
    assert result.exit_code == 1, result.output
    found = {f["path"]: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert list(found) == ["a.txt", "inner/w.rot13", "sub/b.txt", "w.rot13"], found
    assert all("CustomerFocus.OwnAgenda" in found[p] for p in ("inner/w.rot13", "sub/b.txt", "w.rot13"))


def test_a_plugin_s_format_without_write_is_rewritten_to_the_screen_but_never_written_back(run, project):
    import codecs

    folder = project(ROT13)
    secret = codecs.encode(WEEKEND, "rot13")
    (folder / "weekend.rot13").write_text(secret)
    (folder / "good.rot13").write_text(codecs.encode("Hi Sam,\n\nYour parcel arrives on Friday.\n\nBest wishes,\nLeah\n", "rot13"))
    rewritten = run("rewrite", "--format", "json", "weekend.rot13")
    assert rewritten.exit_code == 0 and "weekend" not in json.loads(rewritten.stdout)["text"]
    # to the screen, nothing is written: the rewritten text, and a diff of the text as decoded
    shown = run("rewrite", "weekend.rot13")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("Hi Steve,") and "weekend" not in shown.stdout
    diff = run("rewrite", "--diff", "weekend.rot13")
    assert diff.exit_code == 0, diff.output
    assert "--- a/weekend.rot13" in diff.stdout and "-I just wanted to plan my weekend.\n" in diff.stdout
    # only the plugin knows how its files are written: --fix leaves them as they are, and checks them
    fixed = run("check", "--fix", "--unsafe-fixes", "-q", "weekend.rot13", "good.rot13")
    assert fixed.exit_code == 1, fixed.output
    assert fixed.stderr.splitlines() == [
        f"tonecheck: warning: {name}: read by plugin 'house.py', whose format tonecheck cannot write back; not fixed"
        for name in ("weekend.rot13", "good.rot13")]
    assert "CustomerFocus.OwnAgenda" in fixed.stdout
    assert run("check", "--fix", "-q", "good.rot13").exit_code == 0
    in_place = run("rewrite", "--in-place", "weekend.rot13")
    assert in_place.exit_code == 2
    assert in_place.output == "tonecheck: error: weekend.rot13: read by plugin 'house.py', whose format tonecheck cannot write back\n"
    assert (folder / "weekend.rot13").read_text() == secret


def test_a_plugin_s_format_with_write_is_fixed_in_place(run, project):
    import codecs

    folder = project(ROT13.replace('suffixes=(".rot13",)',
                                   'suffixes=(".rot13",), write=lambda data, draft, text: codecs.encode(text, "rot13").encode()'))
    (folder / "weekend.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    fixed = run("check", "--fix", "--unsafe-fixes", "-q", "weekend.rot13")
    assert fixed.exit_code == 0, fixed.output
    assert "fixed 1 problem" in fixed.stderr
    assert codecs.decode((folder / "weekend.rot13").read_text(), "rot13").startswith("Hi Steve,")
    assert "weekend" not in codecs.decode((folder / "weekend.rot13").read_text(), "rot13")
    # a write that fails is that file's error, naming the plugin; the file is as it was
    project(ROT13.replace('suffixes=(".rot13",)', 'suffixes=(".rot13",), write=lambda data, draft, text: text'))
    (folder / "weekend.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    broken = run("rewrite", "--in-place", "weekend.rot13")
    assert broken.exit_code == 2
    assert broken.output == ("tonecheck: error: weekend.rot13: plugin 'house.py': format 'rot13' raised TypeError: "
                             "write returned str, not bytes\n")
    assert (folder / "weekend.rot13").read_text() == codecs.encode(WEEKEND, "rot13")
    # bytes that do not read back as the rewrite (here: nothing) never replace the file
    project(ROT13.replace('suffixes=(".rot13",)', 'suffixes=(".rot13",), write=lambda data, draft, text: b""'))
    emptied = run("rewrite", "--in-place", "weekend.rot13")
    assert emptied.exit_code == 2 and "do not read back as the rewritten text" in emptied.output
    assert (folder / "weekend.rot13").read_text() == codecs.encode(WEEKEND, "rot13")


def test_an_unknown_input_format_lists_the_plugins_too(run, project):
    project(ROT13)
    result = run("check", "--input-format", "docx", "d.txt")
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "'docx' is not one of text, html, eml, rot13" in result.output


BROKEN_SOURCES = '''
import tonecheck
from tonecheck.sources import Format

def read(text, path):
    raise ValueError("not ROT13 after all")

@tonecheck.hookimpl
def tonecheck_sources():
    return [Format("rot13", read, suffixes=(".rot13",)), "docx"]
'''


def test_a_source_plugin_that_raises_is_named_and_the_run_goes_on(run, project):
    project("import tonecheck\n\n@tonecheck.hookimpl\ndef tonecheck_sources():\n    raise RuntimeError('no formats today')\n")
    result = run("check", "-q", "d.txt")
    assert result.exit_code == 1, result.output  # the built-in formats still read the draft
    assert "plugin 'house.py': tonecheck_sources raised RuntimeError: no formats today" in result.stderr
    assert "CustomerFocus.OwnAgenda" in result.stdout


def test_a_format_that_cannot_read_its_draft_is_that_draft_s_error(run, project):
    folder = project(BROKEN_SOURCES)
    (folder / "secret.rot13").write_text("Uv Fnz")
    result = run("check", "-q", "secret.rot13", "d.txt")
    assert result.exit_code == 2  # one draft could not be read; the other was checked
    assert "returned 'docx', not a tonecheck.sources.Format" in result.stderr
    assert "tonecheck: error: secret.rot13: plugin 'house.py': format 'rot13' raised ValueError: not ROT13 after all" in result.stderr
    assert "Traceback" not in result.output and "CustomerFocus.OwnAgenda" in result.stdout


def test_a_source_plugin_that_returns_one_format_or_a_bad_entry_is_named_once(run, project):
    import codecs

    folder = project(ROT13.replace('return [Format("rot13", read, suffixes=(".rot13",))]',
                                   'return Format("rot13", read, suffixes=(".rot13",))'))
    (folder / "inbox").mkdir()
    (folder / "inbox" / "weekend.txt").write_text(WEEKEND)
    (folder / "weekend.rot13").write_text(codecs.encode(WEEKEND, "rot13"))
    result = run("check", "-q", "d.txt", "inbox", "weekend.rot13")
    assert result.exit_code == 1, result.output  # the built-in formats read every draft
    assert result.stderr.count("plugin 'house.py': tonecheck_sources returned the format 'rot13' alone, "
                               "not a list of tonecheck.sources.Format; it adds nothing") == 1, result.stderr
    assert "internal error" not in result.stderr
    # a field that cannot be called is said once, as the entry is made, not at every draft
    project(ROT13.replace('suffixes=(".rot13",)', 'suffixes=(".rot13",), sniff="rot13"'))
    result = run("check", "-q", "d.txt", "inbox")
    assert result.exit_code == 1, result.output
    assert result.stderr.count("plugin 'house.py': tonecheck_sources raised TypeError: format 'rot13': "
                               "sniff must be a function or None, not 'rot13'") == 1, result.stderr
    assert "tonecheck: error:" not in result.stderr and result.stdout.count("CustomerFocus.OwnAgenda") == 2


NOTES = '''
import tonecheck
from tonecheck.sources import Format
from tonecheck.sources.plain import plain_draft

def read(text, path):
    assert isinstance(text, str), f"got {type(text).__name__}"
    return plain_draft(text, path)

@tonecheck.hookimpl
def tonecheck_sources():
    return [Format("notes", read, suffixes=(".notes",), split=lambda data: data.split(b"\\n---\\n"))]
'''


def test_a_format_that_splits_its_file_gets_each_part_as_text_checked_as_a_file_is(run, project):
    folder = project(NOTES)
    (folder / "day.notes").write_bytes(b"Hi Sam, thanks for waiting.\n---\n" + WEEKEND.encode()
                                       + b"---\nHi Jo, caf\xe9.\n---\n \n")
    result = run("check", "--format", "json", "day.notes")
    assert result.exit_code == 2, result.output  # two parts could not be read; the others were checked
    reports = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert list(reports) == ["day.notes#1", "day.notes#2"]
    assert "CustomerFocus.OwnAgenda" in {f["rule"] for f in reports["day.notes#2"]["findings"]}
    assert result.stderr.splitlines() == [
        "tonecheck: error: day.notes#3: not valid UTF-8: byte 0xE9 at offset 10 (line 1); save the draft as UTF-8",
        "tonecheck: error: day.notes#4: empty input: nothing to check",
    ]
    fixing = run("check", "--fix", "day.notes")  # several drafts in one file: none is written back
    assert "day.notes: not fixed, a file of 4 drafts; fix one at a time" in fixing.stderr
    # a split that raises is the plugin's, named, not tonecheck's internal error
    project(NOTES.replace('split=lambda data: data.split(b"\\n---\\n")', 'split=lambda data: 1 / 0'))
    broken = run("check", "day.notes")
    assert broken.exit_code == 2 and "internal error" not in broken.output
    assert "plugin 'house.py': format 'notes' raised ZeroDivisionError" in broken.output


def test_the_python_api_reads_a_plugin_s_format_through_a_linter_s_registry(project):
    """tonecheck.check takes text and reads it with the built-in formats (its docstring
    says so); a Linter's registry reads a format its config's plugins add."""
    import codecs

    import tonecheck
    from tonecheck.config import find_config, load_config

    folder = project(ROT13)
    secret = codecs.encode(WEEKEND, "rot13").encode()
    linter = tonecheck.Linter(load_config(find_config(folder)))
    report = linter.lint(tonecheck.load_bytes(secret, "w.rot13", "rot13", linter.formats))
    assert "CustomerFocus.OwnAgenda" in {f.rule for f in report.findings}
    assert "built-in formats" in tonecheck.check.__doc__ and "built-in formats" in tonecheck.rewrite.__doc__


BARE = '''import tonecheck

@tonecheck.rule("House.Bare", category="structure", message="Bare.", why="w")
def bare(analysis, rule):
    """No examples."""
    return ()

@tonecheck.hookimpl
def tonecheck_rules():
    return [bare]
'''


@pytest.mark.parametrize("source, said", [
    (BARE, "House.Bare needs bad and good examples"),
    (BARE.replace('category="structure"', 'category="company_centrc"').replace('why="w"', 'why="w", bad=["x"], good=["y"]'),
     "unknown category 'company_centrc'; did you mean 'company_centric'?"),
])
def test_a_rule_the_project_defines_must_be_valid(run, project, source, said):
    """What the config names must load, as a pack it names must: exit 2, not a skip."""
    project(source)
    result = run("check", "d.txt")
    assert result.exit_code == 2 and said in result.stderr


PACK = """pack: {pack}
rules:
  - name: {name}
    kind: phrase
    category: {category}
    message: m
    patterns: ["look into it"]
    examples: {{bad: ["We will look into it."], good: ["We will call on Friday."]}}
"""


@pytest.mark.parametrize("packs, said", [
    ([PACK.format(pack="Commitment", name="VaguePromise", category="vague_commitment")],
     "rule Commitment.VaguePromise is defined twice: by tonecheck.builtin.packs and by"),
    ([PACK.format(pack="House", name="A", category="vague_commitment")
      + PACK.format(pack="House", name="A", category="vague_commitment").split("rules:\n", 1)[1]],
     "rule House.A is defined twice: in"),
    ([PACK.format(pack="House", name="A", category="company_centrc")], "did you mean 'company_centric'?"),
])
def test_a_pack_the_project_names_may_not_redefine_a_rule_or_misspell_a_category(run, tmp_path, packs, said):
    for i, text in enumerate(packs):
        (tmp_path / f"p{i}.yml").write_text(text)
    (tmp_path / ".tonecheck.toml").write_text("packs = [" + ", ".join(f'"p{i}.yml"' for i in range(len(packs))) + "]\n")
    (tmp_path / "d.txt").write_text(WEEKEND)
    result = run("check", "d.txt")
    assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_explain_shows_a_rule_as_configured_and_no_unfilled_placeholder(run, tmp_path):
    (tmp_path / "p.yml").write_text(
        "pack: Feat\nrules:\n  - name: Met\n    kind: metric\n    metric: word_count\n    per: sentence\n    max: 20\n"
        "    category: hard_to_read\n    message: \"{value} words (max {max}).\"\n"
        "    examples: {bad: [\"" + " ".join(["word"] * 25) + ".\"], good: [\"Short.\"]}\n")
    (tmp_path / ".tonecheck.toml").write_text('packs = ["p.yml"]\n[rules."Feat.Met"]\nseverity = "error"\n')
    out = run("explain", "Feat.Met").stdout
    assert out.startswith("# Feat.Met (hard_to_read, error)")
    assert "{value}" not in out and "… words (max …)." in out


VIP = '''import tonecheck

@tonecheck.hookimpl
def tonecheck_context(analysis):
    return ["vip"] if "platinum" in analysis.text.lower() else []
'''


def test_a_plugin_detector_s_own_context_does_not_stop_a_rewrite(run, project):
    """A detector may add a tag of its own; the rewriter checks its candidates in the
    report's contexts, that tag included."""
    project(VIP, "vip.py", "Hi Sam,\n\nAs a platinum member, we apologise for any inconvenience caused.\n\nLeah\n")
    result = run("rewrite", "--format", "json", "d.txt")
    doc = json.loads(result.stdout)
    assert doc["changes"] and not any("ValueError" in n for n in doc["notes"]), doc["notes"]
    from tonecheck.engine import Linter
    from tonecheck.sources import load_text

    assert Linter().lint(load_text("Hi Sam,\nThanks.\nLeah"), contexts=["vip"]).contexts == ("vip",)


@pytest.mark.parametrize("category", ["spelling_uk", "structured", "vague_commitments", "house_style"])
def test_a_plugin_s_own_category_is_its_own(run, project, category):
    """Only a typo of a built-in category is refused (one letter off inside it); a name of
    a plugin's own, even one that starts like a built-in, is taken as meant."""
    project(BARE.replace('category="structure"', f'category="{category}"').replace('why="w"', 'why="w", bad=["x"], good=["y"]'))
    result = run("check", "d.txt")
    assert result.exit_code == 1 and "error" not in result.stderr, result.stderr


def test_the_public_names_plugins_import_are_there_whatever_was_imported_first():
    """tonecheck imports its public names on first use (the command starts faster): a
    plugin still gets the decorator as tonecheck.rule, after any module was imported."""
    import subprocess
    import sys

    code = (
        "import types, tonecheck.engine, tonecheck\n"
        "from tonecheck import rule, Rule, hookimpl, Config, Finding\n"
        "assert not isinstance(rule, types.ModuleType) and callable(rule), rule\n"
        "assert tonecheck.rule is rule and tonecheck.hookimpl is hookimpl\n"
        "assert {'rule', 'Rule', 'hookimpl', 'Linter', 'check'} <= set(dir(tonecheck))\n"
        "import sys; print('pluggy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    light = subprocess.run([sys.executable, "-c", "import tonecheck, sys; print('pluggy' in sys.modules, 'click' in sys.modules)"],
                           capture_output=True, text=True, timeout=60)
    assert light.stdout.split() == ["False", "False"]  # what the tonecheck command imports on every run
