"""A plugin never takes a run down: what it prints, raises, returns or takes too long
over is named, and every other rule still runs."""
import json

import pytest

DRAFT = "Hi Steve,\nI just wanted to plan my weekend as I am only in on Saturday.\nPriya\n"

RULE = '''import sys, time, tonecheck
from tonecheck import Finding

@tonecheck.rule("House.Odd", category="structure", message="{message}", why="w", bad=["x"], good=["y"])
def odd(analysis, rule):
    """It misbehaves."""
{body}

@tonecheck.hookimpl
def tonecheck_rules():
    return [odd]
'''


def plugin(tmp_path, body: str, message: str = "Odd.", extra: str = ""):
    (tmp_path / "odd.py").write_text(RULE.format(body=body, message=message) + extra)
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["odd.py"]\n')
    (tmp_path / "d.txt").write_text(DRAFT)


def checked(run):
    result = run("check", "--format", "json", "d.txt")
    report = json.loads(result.stdout)  # stdout is JSON, whatever the plugin printed
    return result, report["files"][0]


@pytest.mark.parametrize("body, said", [
    ("    sys.exit(7)\n    yield", "raised SystemExit: 7"),
    ("    print('debugging!')\n    raise RuntimeError('boom')\n    yield", "raised RuntimeError: boom"),
    ("    yield Finding('House.Odd', 'structure', 'warning', None, 0, 3)", "message None is not text"),
    ("    yield rule.finding(True, 3)", "offset True is not a whole number"),
    ("    yield rule.finding(0, 10**6)", "is outside the draft"),
    ("    yield rule.finding(0, 3, 'Hi {who}')", None),  # the draft's own braces are fine
])
def test_a_misbehaving_rule_is_named_and_the_others_run(run, tmp_path, body, said):
    plugin(tmp_path, body, message="Odd {who}." if said is None else "Odd.")
    result, entry = checked(run)
    assert result.exit_code == 1  # the built-in rules still found the weekend
    assert any(f["rule"] == "CustomerFocus.OwnAgenda" for f in entry["findings"])
    if said is None:
        assert any("unfilled placeholder {who}" in e for e in entry["errors"])
    else:
        assert any("rule House.Odd" in e and said in e for e in entry["errors"]), entry["errors"]
    assert "debugging!" not in result.stdout


def test_a_rule_that_never_returns_is_stopped(run, tmp_path, monkeypatch):
    monkeypatch.setattr("tonecheck.containment.RULE_BUDGET", 0.3)
    plugin(tmp_path, "    while True:\n        pass\n    yield")
    result, entry = checked(run)
    assert result.exit_code == 1
    assert any("rule House.Odd was stopped: it took longer than 0.3 s" in e for e in entry["errors"])


def test_each_rule_has_the_whole_budget():
    """The budget is per rule: rules that each take most of it are never stopped,
    however long the draft takes in all; the one that overruns is."""
    import time

    from tonecheck.containment import RuleTimeout, rule_timer

    def busy(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass

    # a budget three times each rule's time: a busy machine may pause us between arm() and the rule
    with rule_timer(0.6) as arm:
        for _ in range(4):  # 0.8 s in all, more than one budget
            arm()
            busy(0.2)
        for _ in range(3):  # every rule that overruns is stopped, not only the first
            arm()
            with pytest.raises(RuleTimeout):
                busy(2)
        arm()
        busy(0.2)  # and the one after them still has its whole budget


def test_a_rule_that_yields_without_end_is_capped(run, tmp_path):
    plugin(tmp_path, "    while True:\n        yield rule.finding(0, 2)")
    result, entry = checked(run)
    assert any("more than 10000 findings" in e for e in entry["errors"])
    assert len(entry["findings"]) <= 10_001


def test_a_context_detector_s_string_is_one_tag(run, tmp_path):
    plugin(tmp_path, "    return ()", extra=(
        "\n@tonecheck.hookimpl\ndef tonecheck_context(analysis):\n    return 'celebration'\n"))
    result, entry = checked(run)
    assert "celebration" in entry["contexts"] and "c" not in entry["contexts"]


def test_a_formatter_hook_that_raises_is_named(run, tmp_path):
    plugin(tmp_path, "    return ()", extra=(
        "\n@tonecheck.hookimpl\ndef tonecheck_formatters():\n    raise ValueError('no formats today')\n"))
    result = run("check", "d.txt")
    assert result.exit_code == 1
    assert "tonecheck_formatters raised ValueError: no formats today" in result.stderr


def test_a_rule_without_examples_is_skipped_and_named(run, tmp_path):
    (tmp_path / "bare.py").write_text(
        "import tonecheck\n"
        "@tonecheck.rule('House.Bare', category='structure', message='m', why='w')\n"
        "def bare(analysis, rule):\n    return ()\n"
        "@tonecheck.hookimpl\ndef tonecheck_rules():\n    return [bare]\n")
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["bare.py"]\n')
    (tmp_path / "d.txt").write_text(DRAFT)
    result = run("check", "d.txt")
    assert "rule House.Bare needs bad and good examples" in result.stderr
    assert "House.Bare " not in run("rules").stdout


def test_a_plugin_that_prints_as_it_loads_leaves_json_alone(run, tmp_path):
    plugin(tmp_path, "    return ()", extra="\nprint('hello from the plugin')\n")
    result, entry = checked(run)
    assert "hello from the plugin" in result.stderr


def _tonecheck(tmp_path, *args):
    import os
    import subprocess
    import sys

    env = {**os.environ, "TONECHECK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(tmp_path / "lib")}
    return subprocess.run([sys.executable, "-m", "tonecheck", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)


def test_the_cache_never_decides_what_code_runs(tmp_path):
    """A cache entry naming a module no installed distribution declares is a miss."""
    (tmp_path / "lib").mkdir()
    marker = tmp_path / "imported"
    (tmp_path / "lib" / "evil_plugin.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (tmp_path / "d.txt").write_text(DRAFT)
    assert _tonecheck(tmp_path, "rules").returncode == 0  # writes the entry-point cache
    [entry] = (tmp_path / "cache" / "entry-points").glob("*.json")
    from tonecheck import cache

    head, body = entry.read_text().split("\n", 1)
    for forged in (["evil", "evil_plugin", str(tmp_path / "lib")], ["evil", "evil_plugin"]):
        # a whole entry, checksum and all: what it names is still not imported
        cache.store(entry, json.loads(head)["stamp"], [*json.loads(body), forged])
        result = _tonecheck(tmp_path, "check", "d.txt")
        assert result.returncode == 1, result.stderr
        assert not marker.exists()


def test_the_plugin_scan_is_shared_by_every_way_tonecheck_is_started(tmp_path):
    """`python -m tonecheck` and a script differ only in sys.path[0] (their own
    folder): neither finds the other's entry-point cache stale and scans again."""
    import os
    import subprocess
    import sys

    (tmp_path / "lib").mkdir()
    (tmp_path / "elsewhere").mkdir()
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(tmp_path / "lib")}
    assert _tonecheck(tmp_path, "rules").returncode == 0  # sys.path[0] is tmp_path: the scan is cached
    script = tmp_path / "elsewhere" / "tonecheck-script"  # as the installed script: its folder is sys.path[0]
    script.write_text("import sys\nfrom tonecheck.plugins import _entry_points\n_entry_points()\n"
                      "print('importlib.metadata' in sys.modules)\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60)
    assert result.stdout.strip() == "False", result.stderr  # read from the cache, not scanned


@pytest.fixture(scope="module")
def filled_cache(tmp_path_factory):
    """A cache as one check leaves it (made once: each test damages a copy)."""
    folder = tmp_path_factory.mktemp("filled")
    (folder / "lib").mkdir()
    (folder / "d.txt").write_text(DRAFT)
    assert _tonecheck(folder, "check", "d.txt").returncode == 1
    return folder / "cache"


@pytest.mark.parametrize("content", ["null", "[]", '{"stamp": 1, "data": 2}', "[" * 100_000 + "]" * 100_000])
def test_a_cache_file_of_the_wrong_shape_is_a_miss(tmp_path, content, filled_cache):
    import shutil

    (tmp_path / "lib").mkdir()
    (tmp_path / "d.txt").write_text(DRAFT)
    shutil.copytree(filled_cache, tmp_path / "cache")
    assert list((tmp_path / "cache").rglob("*.json"))
    for f in (tmp_path / "cache").rglob("*.json"):
        f.write_text(content)
    result = _tonecheck(tmp_path, "check", "d.txt")
    assert result.returncode == 1 and "error" not in result.stderr, result.stderr


def test_a_yaml_alias_bomb_is_refused(run, tmp_path):
    bomb = ["pack: Bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    bomb.append("rules:\n  - name: B\n    kind: phrase\n    category: c\n    message: m\n    patterns: [x]\n"
                "    examples:\n      bad: [{text: x, extra: *i}]\n      good: [y]")
    (tmp_path / "Bomb.yml").write_text("\n".join(bomb) + "\n")
    (tmp_path / ".tonecheck.toml").write_text('packs = ["Bomb.yml"]\n')
    (tmp_path / "d.txt").write_text(DRAFT)
    result = run("check", "d.txt")
    assert result.exit_code == 2 and "expands to more than 200,000 values" in result.output


QUOTED = "Hi Steve,\n\nThanks for your message.\n\nBest,\nBob\n-- \nBob Smith, Acme Ltd\n\n> I paid 45.00 and want it back.\n"


@pytest.mark.parametrize("edits, said", [
    ("Edit(-5, 3, 'NEG'), Edit(10**6, 5, 'ZZZ')", "is outside the draft"),
    ("Edit(text.index('want'), 4, 'forgive'),", "outside the writer's own text"),  # the customer's quoted words
    ("Edit(text.index('Acme'), 4, 'Evil'),", "outside the writer's own text"),  # the signature
    ("Edit(text.index('for'), 3, 'Many'), Edit(text.index('for'), 8, 'thanks')", "change the same text"),
    ("Edit(True, 2, 'x'),", "whole-number offset"),
])
def test_a_fix_may_change_only_the_writers_text(run, tmp_path, edits, said):
    """A plugin's fix is checked like its span: an edit outside the draft, in the quoted
    message or the signature, or two edits of one fix on the same words, are named, and
    --fix writes none of it."""
    body = (f"    text = analysis.text\n"
            f"    from tonecheck.findings import Edit, Fix, Suggestion\n"
            f"    yield rule.finding(11, 17, suggestions=[Suggestion('s', Fix(({edits}), 'safe'))])")
    plugin(tmp_path, body)
    (tmp_path / "d.txt").write_text(QUOTED)
    result = run("check", "--fix", "--format", "json", "d.txt")
    assert (tmp_path / "d.txt").read_text() == QUOTED
    entry = json.loads(result.stdout)["files"][0]
    assert any("rule House.Odd" in e and said in e and "that fix is left out" in e for e in entry["errors"]), entry["errors"]
    assert any(f["rule"] == "House.Odd" and not f["suggestions"] for f in entry["findings"])  # the finding stands


@pytest.mark.parametrize("old, new", [
    ("Thanks", "Many thanks"),
    ("message.\n\nBest,", "message. All the best,"),  # the body's last line and the sign-off: both the writer's
])
def test_a_fix_within_the_writers_text_is_kept(run, tmp_path, old, new):
    """The check holds back no honest fix, even one across two of the writer's regions."""
    body = ("    from tonecheck.findings import Edit, Fix, Suggestion\n"
            f"    start = analysis.text.index({old!r})\n"
            f"    yield rule.finding(start, start + 5, "  # the finding in one region, its fix across two
            f"suggestions=[Suggestion('s', Fix((Edit(start, {len(old)}, {new!r}),), 'safe'))])")
    plugin(tmp_path, body)
    (tmp_path / "d.txt").write_text(QUOTED)
    entry = json.loads(run("check", "--format", "json", "d.txt").stdout)["files"][0]
    assert not any("that fix is left out" in e for e in entry["errors"]), entry["errors"]
    [odd] = [f for f in entry["findings"] if f["rule"] == "House.Odd"]
    assert odd["suggestions"][0]["fix"]["edits"][0]["content"] == new
