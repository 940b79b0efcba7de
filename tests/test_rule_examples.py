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


def _fired(rule, example):
    report = LINTER.lint(load_text(example.text), contexts=example.context or None, rules=[rule])
    assert not report.errors, report.errors
    # LanguageTool's findings carry its own rule ids (LanguageTool.HAVE_PART_AGREEMENT)
    return [f for f in report.findings if f.rule == rule.id or (rule.id == "LanguageTool.Grammar" and f.rule.startswith("LanguageTool."))]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_fires_on_its_bad_examples(rule):
    assert rule.bad, f"{rule.id} has no bad example"
    for example in rule.bad:
        assert _fired(rule, example), f"{rule.id} is quiet on its bad example: {example.text!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if any(e.flags or e.fixed is not None for e in r.bad)], ids=lambda r: r.id)
def test_rule_flags_the_words_and_fixes_them_as_its_examples_say(rule):
    """LanguageTool's <example correction="..."><marker>...</marker></example>: the
    words a finding covers, and the draft once the rule's fixes are made."""
    from tonecheck.fixes import apply, chosen

    for example in rule.bad:
        found = _fired(rule, example)
        if example.flags:
            at = example.text.index(example.flags)
            assert any(f.offset <= at and at + len(example.flags) <= f.end for f in found), (
                f"{rule.id}: no finding covers {example.flags!r}: "
                f"{[example.text[f.offset:f.end] for f in found]}")
        if example.fixed is not None:
            fixed = apply(example.text, [fx for _, fx in chosen(found, unsafe=True, text=example.text)])
            assert fixed == example.fixed, f"{rule.id}: fixed to {fixed!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_quiet_on_its_good_examples(rule):
    assert rule.good, f"{rule.id} has no good example"
    for example in rule.good:
        found = _fired(rule, example)
        assert not found, f"{rule.id} fired on its good example: {[f.message for f in found]}"


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


def test_house_rules_in_examples_pass_their_own_examples():
    from tonecheck.config import load_config
    from conftest import EXAMPLES

    linter = Linter(load_config(EXAMPLES / ".tonecheck.toml"))
    house = [r for r in linter.all_rules if r.pack == "Dealership"]
    assert house
    for rule in house:
        for ex in rule.bad:
            assert any(f.rule == rule.id for f in linter.lint(load_text(ex.text), rules=[rule]).findings)
        for ex in rule.good:
            assert not linter.lint(load_text(ex.text), rules=[rule]).findings


@pytest.mark.parametrize("draft, rule", [
    ("Hi Jo,\nAs per our returns policy, items must be returned within 14 days. I can't change that.\nSam", "CustomerFocus.PolicyFirst"),
    ("Hi Jo,\nUnfortunately we cannot refund the fee, and I can't change it.\nSam", "Negativity.NoAlternative"),
    ("Hi Jo,\nWe cannot refund the fee. You can't appeal it either.\nSam", "Negativity.CannotFirst"),
])
def test_a_second_refusal_is_not_an_alternative(draft, rule):
    """'I can' answers a refusal; 'I can't' only repeats it."""
    linter = Linter(Config(score="weights"))
    assert rule in {f.rule for f in linter.lint(load_text(draft)).findings}
