"""The shared lexicon (rules/lexicon.yml): packs use its entries by name, Python rules
read the same entries, and the packs' examples and the lexicon cannot drift apart."""
import json
import re
from pathlib import Path

import pytest
import re2
import yaml

from tonecheck import cache, lexicon
from tonecheck.builtin.context import detect
from tonecheck.config import Config
from tonecheck.engine import Linter
from tonecheck.errors import PackError
from tonecheck.packs import builtin_pack_folder
from tonecheck.sources import load_text

RULES = Path(__file__).resolve().parents[1] / "rules"
PATTERN_FIELDS = ("patterns", "require", "not_counting", "unless", "numerator", "denominator")
HOLLOW_RULES = ("Apology.AnyInconvenience", "Apology.IfYouFeel")
EMPATHY_WITH_HOLLOW = ("Empathy.Complaint", "Empathy.Delay", "Empathy.Hardship")

HOUSE = """pack: House
rules:
  - name: StockApology
    kind: phrase
    category: non_apology
    message: "'{{match}}' is a stock apology."
    patterns:
      - {ref}
      - "our bad"
    examples: {{bad: [We apologise for any inconvenience.], good: [I'm sorry your parcel was late.]}}
"""


def _one_line_error(result):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def _house(tmp_path, ref="{lexicon: hollow_apology}"):
    (tmp_path / "house").mkdir(exist_ok=True)
    (tmp_path / "house" / "House.yml").write_text(HOUSE.format(ref=ref))
    (tmp_path / ".tonecheck.toml").write_text('packs = ["house"]\nselect = ["House"]\n')


def _matcher(name):
    opts = re2.Options()
    opts.case_sensitive = False
    return re2.compile(rf"\b(?:{lexicon.pattern(name)})\b", opts)


def _builtin():
    return {r.id: r for r in Linter(Config()).all_rules}


# -- packs use entries by name ------------------------------------------------------
def test_a_house_pack_uses_a_lexicon_entry(run, tmp_path):
    _house(tmp_path)
    (tmp_path / "d.txt").write_text("Hi Sam,\nWe apologise for any inconvenience caused.\nLeah\n")
    (tmp_path / "ok.txt").write_text("Hi Sam,\nI'm sorry your parcel was late; it arrives tomorrow.\nLeah\n")
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    assert [(f["rule"], f["message"]) for f in findings] == [
        ("House.StockApology", "'apologise for any inconvenience' is a stock apology.")
    ]
    assert run("check", "ok.txt").exit_code == 0


def test_an_unknown_entry_is_one_line_with_a_hint(run, tmp_path):
    _house(tmp_path, ref="{lexicon: hollow_apolgy}")
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    line = _one_line_error(run("check", "d.txt"))
    assert "House.yml" in line and "House.StockApology" in line and "'patterns'" in line, line
    assert "unknown lexicon entry 'hollow_apolgy'; did you mean 'hollow_apology'?" in line


@pytest.mark.parametrize("ref", ["{lexicon: [hollow_apology]}", "{lexicon: hollow_apology, also: x}", "{lexcon: hollow_apology}"])
def test_a_malformed_reference_is_named(run, tmp_path, ref):
    _house(tmp_path, ref=ref)
    (tmp_path / "d.txt").write_text("Hi Sam,\nThanks!\n")
    line = _one_line_error(run("check", "d.txt"))
    assert "House.StockApology" in line and "{lexicon: name}" in line, line


def test_a_change_to_the_lexicon_reaches_a_cached_pack(tmp_path, monkeypatch):
    shipped = lexicon.path().read_text(encoding="utf-8")
    lex = tmp_path / "lexicon.yml"
    monkeypatch.setattr(lexicon, "path", lambda: lex)
    _house(tmp_path, ref="{lexicon: house_oops}")

    def fired(text):
        linter = Linter(Config(packs=(str(tmp_path / "house"),), select=("House",)))
        return [f.rule for f in linter.lint(load_text(f"Hi Sam,\n{text}\nLeah\n")).findings]

    lex.write_text(shipped + "\nhouse_oops:\n  description: d\n  patterns: [whoopsie]\n")
    assert fired("Whoopsie, the parcel was late.") == ["House.StockApology"]
    assert cache.entry("packs", str((tmp_path / "house" / "House.yml").resolve())).is_file()
    assert fired("Whoopsie, the parcel was late.") == ["House.StockApology"]  # from the warm pack cache
    lex.write_text(shipped + "\nhouse_oops:\n  description: d\n  patterns: [oopsy daisy]\n")
    assert fired("Whoopsie, the parcel was late.") == []
    assert fired("Oopsy daisy, the parcel was late.") == ["House.StockApology"]
    # the new entry's anchors, worked out once, are kept with the cached pack: not every run again
    from tonecheck.packs import anchors as anchors_module

    calls = []
    monkeypatch.setattr(anchors_module, "each", lambda *a: calls.append(a) or [None] * len(a[0]))
    assert fired("Oopsy daisy, the parcel was late.") == ["House.StockApology"]
    assert calls == []
    # ... and only those in use: the old entry's anchors are not kept, so edits never pile up
    entry = cache.entry("packs", str((tmp_path / "house" / "House.yml").resolve()))
    keys = lambda: set(json.loads(entry.read_text().split("\n", 1)[1])["anchors"])  # noqa: E731
    before = keys()
    lex.write_text(shipped + "\nhouse_oops:\n  description: d\n  patterns: [whoops a daisy]\n")
    assert fired("Whoops a daisy, the parcel was late.") == ["House.StockApology"]
    assert len(keys()) == len(before) and keys() != before


@pytest.mark.parametrize(
    "body, problem",
    [
        ("a:\n  description: d\n  patterns: [{lexicon: b}]\nb:\n  description: d\n  patterns: [{lexicon: a}]\n", "loop: a -> b -> a"),
        ("a:\n  description: d\n  patterns: [{lexicon: bb}]\nb:\n  description: d\n  patterns: [x]\n", "unknown lexicon entry 'bb'"),
        ("a:\n  patterns: [x]\n", "field 'description'"),
        ("a:\n  description: d\n  patterns: []\n", "field 'patterns'"),
        ("a:\n  description: d\n  pattern: [x]\n", "did you mean 'patterns'"),
        ("Hollow:\n  description: d\n  patterns: [x]\n", "snake_case"),
        ("a:\n  description: d\n  patterns: ['(?<=x)y']\n", "pattern '(?<=x)y' is not valid RE2 syntax"),
        # named inline, as {{name}}
        ("a:\n  description: d\n  patterns: ['x{{b}}']\nb:\n  description: d\n  patterns: ['y{{a}}']\n", "loop: a -> b -> a"),
        ("a:\n  description: d\n  patterns: ['x{{bb}}']\nb:\n  description: d\n  patterns: [y]\n", "unknown lexicon entry 'bb'"),
    ],
)
def test_a_malformed_lexicon_names_the_entry(tmp_path, monkeypatch, body, problem):
    lex = tmp_path / "lexicon.yml"
    monkeypatch.setattr(lexicon, "path", lambda: lex)
    lex.write_text(body)
    with pytest.raises(PackError, match=re.escape(problem)) as err:
        lexicon.entries()
    assert str(err.value).startswith(f"{lex}: ")


def test_an_entry_named_inline_is_filled_in_as_one_group(tmp_path, monkeypatch):
    lex = tmp_path / "lexicon.yml"
    monkeypatch.setattr(lexicon, "path", lambda: lex)
    lex.write_text("kin:\n  description: d\n  patterns: [mum, dad]\n"
                   "loss:\n  description: d\n  patterns: ['sorry about your {{kin}}']\n")
    assert lexicon.patterns("loss") == ["sorry about your (?:(?:mum)|(?:dad))"]


def test_the_lexicon_ships_beside_the_packs_and_is_not_one():
    assert lexicon.path().parent == builtin_pack_folder() and lexicon.path().is_file()
    assert not {r.pack for r in _builtin().values()} & {"Lexicon", "lexicon"}


def test_every_entry_compiles_and_is_described():
    opts = re2.Options()
    opts.case_sensitive = False
    for name, entry in lexicon.entries().items():
        assert entry["description"] and entry["patterns"], name
        for p in entry["patterns"]:
            re2.compile(p, opts)


# -- the packs' examples and the lexicon cannot drift apart --------------------------
def test_the_apology_pack_s_hollow_apologies_are_the_lexicon_s():
    hollow = _matcher("hollow_apology")
    rules = _builtin()
    for rid in HOLLOW_RULES:
        for ex in rules[rid].bad:
            assert hollow.search(ex.text), f"hollow_apology misses {rid}'s bad example {ex.text!r}"
        for ex in rules[rid].good:
            assert not hollow.search(ex.text), f"hollow_apology matches {rid}'s good example {ex.text!r}"


def test_a_hollow_apology_never_counts_as_empathy():
    """Each Apology bad example, as a draft's only apology, leaves every Empathy rule that
    discounts hollow apologies firing; the Empathy rules' own examples still behave."""
    linter = Linter(Config(select=("Empathy",)))
    rules = _builtin()
    for eid in EMPATHY_WITH_HOLLOW:
        empathy = rules[eid]
        context = empathy.bad[0].context
        for rid in HOLLOW_RULES:
            for ex in rules[rid].bad:
                report = linter.lint(load_text(f"Hi Sam,\n{ex.text}\nLeah\n"), contexts=context, rules=[empathy])
                assert [f.rule for f in report.findings] == [eid], f"{eid} counts {ex.text!r} as empathy"
        for ex in empathy.bad:
            assert linter.lint(load_text(ex.text), contexts=ex.context, rules=[empathy]).findings, ex.text
        for ex in empathy.good:
            assert not linter.lint(load_text(ex.text), contexts=ex.context, rules=[empathy]).findings, ex.text


def test_a_stock_apology_marks_a_complaint():
    """The context detector reads the same stock_apology entry as the Apology pack."""
    for ex in _builtin()["Apology.AnyInconvenience"].bad:
        assert "complaint" in detect("", [ex.text]), ex.text


def _pattern_items(value):
    if isinstance(value, (str, dict)):
        value = [value]
    return [v for v in value or () if isinstance(v, str)]


def test_no_pack_repeats_the_lexicon():
    """A pattern the lexicon holds is used by name, never copied: a copy would drift."""
    raw = yaml.safe_load((RULES / "lexicon.yml").read_text(encoding="utf-8"))
    own = {p: name for name, entry in raw.items() for p in _pattern_items(entry["patterns"])}
    long = {p: name for p, name in own.items() if len(p) >= 50}
    for path in sorted(RULES.glob("*.yml")):
        if path.name == "lexicon.yml":
            continue
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            items = [p for field in PATTERN_FIELDS for p in _pattern_items(rule.get(field))]
            items += list(rule.get("swap") or {})
            for item in items:
                assert item not in own, f"{path.name} {rule['name']}: write {{lexicon: {own[item]}}}, not a copy"
                for p, name in long.items():
                    assert p not in item, f"{path.name} {rule['name']}: a copy of lexicon entry {name}"
    source = Path(lexicon.__file__).parent
    for path in sorted(source.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for p, name in long.items():
            assert p not in text, f"{path.name}: a copy of lexicon entry {name}; use lexicon.pattern({name!r})"


def test_a_charge_taken_off_is_a_fix_made():
    """fix_made hears a fee taken away ("and taken off the 60p late fee"): the draft owns
    the problem, so the cause beside it is an explanation (a suggestion), not an excuse."""
    linter = Linter(Config(select=("Excuses",)))
    rule = _builtin()["Excuses.Circumstance"]
    owned = "Hi Fran,\nI've renewed both books and taken off the 60p late fee, since our renewal system was down.\nPriya\n"
    plain = "Hi Fran,\nI've renewed both books, since our renewal system was down.\nPriya\n"
    assert [f.severity for f in linter.lint(load_text(owned), rules=[rule]).findings] == ["suggestion"]
    assert [f.severity for f in linter.lint(load_text(plain), rules=[rule]).findings] == ["warning"]
