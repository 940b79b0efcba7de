"""Every rule, built-in or house, fires on its own bad examples and stays quiet on
its good ones. A rule without both kinds of example does not ship."""
import os

import pytest

from tonecheck.config import Config
from tonecheck.engine import Linter
from tonecheck.sources import load_text


def _builtin_rules():
    """The built-in rules only: installed plugins test their own examples."""
    saved = os.environ.get("TONECHECK_NO_PLUGINS")
    os.environ["TONECHECK_NO_PLUGINS"] = "1"
    try:
        return Linter(Config())
    finally:
        if saved is None:
            del os.environ["TONECHECK_NO_PLUGINS"]
        else:
            os.environ["TONECHECK_NO_PLUGINS"] = saved


LINTER = _builtin_rules()  # collected once: parametrising needs the rules at import
RULES = LINTER.all_rules


@pytest.fixture(autouse=True, scope="module")
def _languagetool():
    """LanguageTool.Grammar's examples are checked against the protocol stub."""
    from languagetool_stub import Stub

    with Stub() as stub:
        saved = os.environ.get("TONECHECK_LANGUAGETOOL")
        os.environ["TONECHECK_LANGUAGETOOL"] = stub.url
        yield
        if saved is None:
            del os.environ["TONECHECK_LANGUAGETOOL"]
        else:
            os.environ["TONECHECK_LANGUAGETOOL"] = saved


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_agrees_with_its_examples(rule):
    """Fires on each bad example, covering the words of its ``flags`` and fixing it into
    its ``fixed`` (LanguageTool's <example correction="..."><marker>...</marker>), and
    is quiet on each good one: what ``tonecheck rules --check`` runs."""
    from tonecheck.examples import problems

    assert problems(LINTER, rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule):
    assert rule.description and rule.why and rule.message
    assert rule.category and rule.severity in ("error", "warning", "suggestion")


def test_at_least_twenty_rules_over_the_categories():
    assert len(RULES) >= 20
    assert {r.category for r in RULES} >= {
        "company_centric", "missing_empathy", "excuse_blame", "vague_commitment",
        "hard_to_read", "negative_framing", "non_apology", "structure",
    }


def test_house_rules_in_examples_pass_their_own_examples(run, monkeypatch):
    from conftest import EXAMPLES

    monkeypatch.chdir(EXAMPLES)
    result = run("rules", "--check", "--select", "Dealership")
    assert result.exit_code == 0 and "agrees with its" in result.stdout, result.output


def test_rules_check_names_each_example_a_house_rule_gets_wrong(run, tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "House.yml").write_text(
        "pack: House\nrules:\n  - name: Asap\n    kind: phrase\n    category: vague_commitment\n"
        "    message: \"'{match}' gives no time.\"\n    patterns: [asap]\n"
        "    rewrite:\n      swap: {asap: 'by [[date]]'}\n"
        "    examples:\n      bad:\n        - I will send it asap.\n        - I will send it soon.\n"
        "        - text: Asap it is.\n          fixed: By Friday it is.\n"
        "      good:\n        - I will send it by Friday.\n        - Send it asap, you said.\n")
    (tmp_path / ".tonecheck.toml").write_text('packs = ["packs"]\n')
    result = run("rules", "--check", "--select", "House")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "House.Asap: bad example 2 is not flagged: 'I will send it soon.'" in lines
    assert "House.Asap: bad example 3 is fixed to 'By [[date]] it is.', not 'By Friday it is.'" in lines
    assert any(line.startswith("House.Asap: good example 2 is flagged ('asap')") for line in lines)
    assert lines[-1] == "1 of 1 rules disagree with their examples."


@pytest.mark.parametrize("draft, rule", [
    ("Hi Jo,\nAs per our returns policy, items must be returned within 14 days. I can't change that.\nSam", "CustomerFocus.PolicyFirst"),
    ("Hi Jo,\nUnfortunately we cannot refund the fee, and I can't change it.\nSam", "Negativity.NoAlternative"),
    ("Hi Jo,\nWe cannot refund the fee. You can't appeal it either.\nSam", "Negativity.CannotFirst"),
])
def test_a_second_refusal_is_not_an_alternative(draft, rule):
    """'I can' answers a refusal; 'I can't' only repeats it."""
    linter = Linter(Config(score="weights"))
    assert rule in {f.rule for f in linter.lint(load_text(draft)).findings}


@pytest.mark.parametrize("draft", [
    "Hi Mrs Grant,\nI'm sorry the invoice came across as a final demand. It used the wrong template: it should have been "
    "a normal bill with 30 days to pay, and the corrected one is attached.\nPriti",
    "Hi Mrs Grant,\nI'm sorry if you felt let down by the delay. That was our mistake, and the sofa comes on Friday.\nPriti",
])
def test_a_sorry_for_how_it_came_across_is_owned_when_the_fault_follows(draft):
    """Apology.IfYouFeel stands aside where the writer owns the fault next (its good examples
    cannot say so: a hollow apology in them would teach the lexicon's tests otherwise)."""
    linter = Linter(Config(score="weights"))
    assert "Apology.IfYouFeel" not in {f.rule for f in linter.lint(load_text(draft)).findings}
