"""The plugin as a user meets it: installed with pip, found by tonecheck, firing on
a bad draft, quiet on a good one, and listed by ``tonecheck rules``.

Run these with the plugin installed (not from a checkout on sys.path): tonecheck
finds plugins through their entry point, which only an installed package has.

    pip install ./plugins/tonecheck-housestyle
    pytest plugins/tonecheck-housestyle/tests
"""
from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from click.testing import CliRunner

import tonecheck
from tonecheck.cli import main
from tonecheck.engine import Linter
from tonecheck.sources import load_text

PLUGIN_RULES = ("HouseStyle.NamelessSignOff", "HouseStyle.Spelling", "HouseStyle.BrandNames")

BAD_DRAFT = """\
Hi Ana,

Thanks for letting us know the parcel arrived damaged. A replacement left our
warehouse this morning, and I have sent the tracking link by e-mail. The £4.99
postage went back to your Paypal account.

Kind regards,
The Customer Service Team
"""

GOOD_DRAFT = """\
Hi Ana,

Thanks for letting us know the parcel arrived damaged. A replacement left our
warehouse this morning, and I have sent the tracking link by email. The £4.99
postage went back to your PayPal account.

Kind regards,
Priya
Customer Service Team
"""


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path, monkeypatch):
    """tonecheck caches parsed packs and the entry-point scan; give each test its own."""
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TONECHECK_NO_PLUGINS", raising=False)


@pytest.fixture(scope="module", autouse=True)
def installed():
    names = {ep.name: ep.value for ep in entry_points(group="tonecheck")}
    assert names.get("housestyle") == "tonecheck_housestyle", (
        "the plugin is not installed; run: pip install ./plugins/tonecheck-housestyle"
    )


def findings(report, rule_id):
    return [f for f in report.findings if f.rule == rule_id]


def apply(text, edits):
    for e in sorted(edits, key=lambda e: e.offset, reverse=True):
        text = text[: e.offset] + e.content + text[e.offset + e.length :]
    return text


# -- the library: tonecheck.check -------------------------------------------------
def test_a_team_sign_off_is_flagged():
    report = tonecheck.check(BAD_DRAFT)

    [f] = findings(report, "HouseStyle.NamelessSignOff")
    assert report.text[f.offset : f.end] == "The Customer Service Team"
    assert f.category == "structure" and f.severity == "warning"
    assert "no person's name" in f.message


def test_house_spelling_and_brand_names_are_flagged_with_safe_fixes():
    report = tonecheck.check(BAD_DRAFT)

    [spelling] = findings(report, "HouseStyle.Spelling")
    [brand] = findings(report, "HouseStyle.BrandNames")
    assert report.text[spelling.offset : spelling.end] == "e-mail"
    assert report.text[brand.offset : brand.end] == "Paypal"
    edits = [e for f in (spelling, brand) for s in f.suggestions if s.fix for e in s.fix.edits]
    assert all(s.fix.applicability == "safe" for f in (spelling, brand) for s in f.suggestions)
    fixed = apply(BAD_DRAFT, edits)
    assert "by email." in fixed and "your PayPal account" in fixed


def test_the_good_draft_gets_nothing_from_the_plugin():
    report = tonecheck.check(GOOD_DRAFT)

    assert [f.rule for f in report.findings if f.rule.startswith("HouseStyle.")] == []


@pytest.mark.parametrize(
    "sign_off",
    [
        "Kind regards,\nPriya Shah\nTeam Lead, Customer Care",  # a name, then a job title
        "Thanks,\nPriya from the Support Team",
        "Best,\nMarco",
        "Cheers",  # no signatory at all: not this rule's business
    ],
)
def test_a_person_signing_is_left_alone(sign_off):
    report = tonecheck.check(f"Hi Ana,\nYour replacement arrives on Tuesday.\n\n{sign_off}\n")

    assert findings(report, "HouseStyle.NamelessSignOff") == []


def test_team_words_option_adds_a_department_name():
    draft = "Hi Ana,\nYour table is booked for 8pm on Friday.\n\nWarm regards,\nThe Concierge\n"
    assert findings(tonecheck.check(draft), "HouseStyle.NamelessSignOff") == []

    config = tonecheck.Config(rules={"HouseStyle.NamelessSignOff": {"team_words": ["concierge"]}})
    [f] = findings(tonecheck.check(draft, config=config), "HouseStyle.NamelessSignOff")
    assert "The Concierge" in f.message


def test_every_example_in_the_plugin_behaves():
    """Each rule's own bad examples fire and its good ones stay quiet (the examples
    are what 'tonecheck explain' shows, so they must be true)."""
    linter = Linter()
    ours = [r for r in linter.all_rules if r.source == "housestyle"]
    assert sorted(r.id for r in ours) == sorted(PLUGIN_RULES)
    for r in ours:
        assert r.bad and r.good, f"{r.id} needs bad and good examples"
        for ex in r.bad:
            report = linter.lint(load_text(ex.text), contexts=ex.context or None, rules=[r])
            assert findings(report, r.id), f"{r.id} should flag: {ex.text!r}"
        for ex in r.good:
            report = linter.lint(load_text(ex.text), contexts=ex.context or None, rules=[r])
            assert not findings(report, r.id), f"{r.id} should not flag: {ex.text!r}"


# -- the command line ---------------------------------------------------------------
def test_rules_command_lists_the_plugin_rules_with_their_source():
    result = CliRunner().invoke(main, ["rules"])

    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.startswith("HouseStyle.")}
    assert sorted(rows) == sorted(PLUGIN_RULES)
    assert all(row[-1] == "housestyle" for row in rows.values())


def test_rules_command_json_and_select_by_pack():
    import json

    result = CliRunner().invoke(main, ["rules", "--format", "json", "--select", "HouseStyle"])

    assert result.exit_code == 0, result.output
    assert {(r["id"], r["source"]) for r in json.loads(result.stdout)} == {(i, "housestyle") for i in PLUGIN_RULES}


def test_check_command_reports_the_plugin_findings_and_fails(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text(BAD_DRAFT, encoding="utf-8")

    result = CliRunner().invoke(main, ["check", "--select", "HouseStyle", "--color", "never", str(draft)])

    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "reply.txt:8:1: HouseStyle.NamelessSignOff [warning]" in out
    assert "HouseStyle.Spelling [suggestion] We write 'email', not 'e-mail'." in out
    assert "HouseStyle.BrandNames [warning] 'Paypal' is spelt 'PayPal'." in out


def test_check_command_passes_the_good_draft(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text(GOOD_DRAFT, encoding="utf-8")

    result = CliRunner().invoke(main, ["check", "--select", "HouseStyle", str(draft)])

    assert result.exit_code == 0, result.output


def test_explain_shows_the_plugin_as_the_source():
    result = CliRunner().invoke(main, ["explain", "HouseStyle.NamelessSignOff"])

    assert result.exit_code == 0, result.output
    assert "Source: housestyle. Kind: python." in result.stdout
    assert "The Customer Service Team" in result.stdout  # the bad example
