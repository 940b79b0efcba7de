"""The learned judgement as a user meets it: the score, the Learned pack, warnings
shown as suggestions in a draft the score says a lead would send, and a model that
training/train.py reproduces."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tonecheck
from tonecheck import learned

ROOT = Path(__file__).resolve().parents[1]

# A good reply, owned and dated, with one loose promise at the end.
OWNED = (
    "Hi Priya,\n\nI'm sorry your blinds arrived a week late; that was our mistake. They are now "
    "fitted, and I've refunded the delivery charge to your card.\n\nWe'll keep you posted about "
    "the matching curtain rail.\n\nBest wishes,\nTom\n"
)
# The case tonecheck was born from.
WEEKEND = (ROOT / "examples" / "collection-weekend.txt").read_text()


def test_a_good_draft_keeps_its_loose_phrase_as_a_suggestion(run, tmp_path):
    (tmp_path / "d.txt").write_text(OWNED)
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.output)["files"][0]
    [finding] = entry["findings"]
    assert finding["rule"] == "Commitment.VaguePromise" and finding["severity"] == "suggestion"
    assert f"the draft scores {entry['score']['overall']:g} overall" in finding["message"]
    assert entry["score"]["overall"] >= tonecheck.Config().demote_above


def test_demote_above_100_keeps_every_warning(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text("demote-above = 100\n")
    (tmp_path / "d.txt").write_text(OWNED)
    result = run("check", "-q", "d.txt")
    assert result.exit_code == 1
    assert "Commitment.VaguePromise [warning]" in result.output


def test_weights_scoring_never_demotes(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('score = "weights"\n')
    (tmp_path / "d.txt").write_text(OWNED)
    result = run("check", "--format", "json", "d.txt")
    entry = json.loads(result.output)["files"][0]
    assert result.exit_code == 1 and entry["score"]["method"] == "weights"
    assert [f["severity"] for f in entry["findings"]] == ["warning"]


def test_structure_and_house_categories_are_never_demoted(run, tmp_path):
    (tmp_path / "house.yml").write_text(
        "pack: House\nrules:\n  - name: NoCheers\n    kind: phrase\n    category: structure\n"
        "    message: Sign off warmly.\n    patterns: [cheers]\n"
        "    examples: {bad: [\"Cheers\"], good: [\"Best wishes\"]}\n"
    )
    (tmp_path / ".tonecheck.toml").write_text('packs = ["house.yml"]\n')
    (tmp_path / "d.txt").write_text(OWNED.replace("Best wishes", "Cheers"))
    entry = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]
    severities = {f["rule"]: f["severity"] for f in entry["findings"]}
    assert severities == {"House.NoCheers": "warning", "Commitment.VaguePromise": "suggestion"}


def test_the_born_case_scores_low_and_says_why(run, tmp_path):
    (tmp_path / "d.txt").write_text(WEEKEND)
    result = run("check", "--format", "json", "d.txt")
    score = json.loads(result.output)["files"][0]["score"]
    assert result.exit_code == 1 and score["overall"] < 20
    rules = [e["rule"] for e in score["explanation"]]
    assert {"CustomerFocus.OwnAgenda", "CustomerFocus.SingleSlot", "Empathy.BigMoment"} <= set(rules)
    wording = next(e for e in score["explanation"] if e["rule"] == "Learned.Wording")
    assert wording["words"] and all(w in WEEKEND.lower() for w in wording["words"])
    text = run("check", "d.txt").output
    assert "wording -" in text and "CustomerFocus.OwnAgenda -" in text


def test_learned_signals_are_rules_like_any_other(run):
    listing = run("rules", "--select", "Learned").output
    assert "Learned.Excuse" in listing and "tonecheck.builtin.learned" in listing
    doc = run("explain", "Learned.Excuse").output
    assert "trained on labelled" in doc and "Example" in doc


def test_a_signal_speaks_where_no_rule_does_and_defers_where_one_does():
    model = learned.load()
    # the same excuse, said in words the lexicons know and in words they do not
    linter = tonecheck.Linter(tonecheck.Config(demote_above=100))
    plain = "Hi Sam,\nThis was due to a fault with our supplier's system, which is outside our control.\nMia\n"
    report = linter.lint(tonecheck.load_text(plain))
    rules = [f.rule for f in report.findings if f.category == "excuse_blame"]
    assert "Excuses.OutsideOurControl" in rules and "Learned.Excuse" not in rules  # deferred
    only = linter.lint(tonecheck.load_text(plain), rules=[r for r in linter.rules if r.id == "Learned.Excuse"])
    [f] = only.findings
    assert plain[f.offset:f.end].startswith("This was due to") and model.signals["excuse_blame"].threshold <= 1


def test_the_cold_signal_never_lands_on_the_sentence_that_offers_sympathy():
    """Learned.Cold says "this is where a word of it belongs": not on the word itself."""
    linter = tonecheck.Linter()
    draft = tonecheck.load_text("Dear Ms Hale,\n\nPlease accept my condolences on the death of your mother. "
                                "The late payment charge has been removed.\n\nYours sincerely\nPaul\n")
    [cold] = [r for r in linter.rules if r.id == "Learned.Cold"]
    analysis = linter.analyse(draft)
    body = [s.index for s in analysis.body]
    for index, expected in ((body[0], 0), (body[1], 1)):  # as if the model had pointed at each
        analysis.learned_signals = [(index, "missing_empathy", 0.9)]
        assert len(list(cold.check(analysis, cold))) == expected



def test_the_refusal_signal_never_lands_on_a_yes():
    """"No problem, Saturday 9am it is" agrees and "not added to your loan" reassures, whatever their "no";
    a real refusal still hears it."""
    linter = tonecheck.Linter()
    draft = tonecheck.load_text("Hi Greg, no problem, Saturday 9am it is. We cannot do Sunday. "
                                "The fee is not added to your loan and does not change your rate.\nDave\n")
    [refusal] = [r for r in linter.rules if r.id == "Learned.Refusal"]
    analysis = linter.analyse(draft)
    agree, refuse, reassure = [s.index for s in analysis.body]
    for index, expected in ((agree, 0), (refuse, 1), (reassure, 0)):  # as if the model had pointed at each
        analysis.learned_signals = [(index, "negative_framing", 0.9)]
        assert len(list(refusal.check(analysis, refusal))) == expected

def test_no_draft_text_and_no_heavy_import_at_run_time(tmp_path):
    """Checking a draft with the learned score imports no numpy or scikit-learn."""
    code = (
        "import sys, tonecheck; r = tonecheck.check('Hi Jo,\\nYour order ships on Friday.\\nSam');"
        "assert r.score.method == 'learned', r.score;"
        "assert not {'numpy', 'sklearn', 'scipy'} & set(sys.modules), sorted(sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_a_broken_model_costs_the_learned_parts_not_the_run(run, tmp_path, monkeypatch):
    bad = tmp_path / "model.json"
    bad.write_text('{"version": "0.1.0"}')
    monkeypatch.setattr(learned, "MODEL_PATH", bad)
    learned.load.cache_clear()
    try:
        (tmp_path / "d.txt").write_text(WEEKEND)
        result = run("check", "--format", "json", "d.txt")
        entry = json.loads(result.stdout)["files"][0]
        assert result.exit_code == 1 and entry["score"]["method"] == "weights"
        assert any("learned model cannot be read" in e for e in entry["errors"])
        assert result.stderr.count("learned model cannot be read") == 1  # said once, not per rule
        assert any(f["rule"] == "CustomerFocus.OwnAgenda" for f in entry["findings"])
        assert not any(f["rule"].startswith("Learned.") for f in entry["findings"])
        # the Learned rules are still there for config to name
        assert run("check", "--ignore", "Learned.Excuse", "d.txt").exit_code == 1
    finally:
        learned.load.cache_clear()


def test_vectors_match_the_training_definition():
    model = learned.load()
    counts = learned.ngrams("We're sorry: your 3 parcels are late, and we're sorry again.")
    assert counts["we're sorry"] == 2 and counts["0 parcels"] == 1
    vec = model.vector(counts)
    assert vec and abs(sum(v * v for v in vec.values()) - 1) < 1e-9


@given(st.lists(st.lists(st.sampled_from(["we", "We’re", "sorry", "3", "12", "late", "you", "don't", "sorry"]),
                         max_size=8).map(" ".join), max_size=5))
@settings(max_examples=200, deadline=None)
def test_a_bodys_counts_are_its_sentences_summed_in_order(sentences):
    summed: dict[str, int] = {}
    for counts in map(learned.ngrams, sentences):
        for k, v in counts.items():
            summed[k] = summed.get(k, 0) + v
    # the same terms in the same order: the vector's float sums come out bit for bit
    assert list(learned.body_counts(sentences).items()) == list(summed.items())


def test_training_reproduces_the_shipped_model():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "training" / "train.py"), "--check"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "0 drafts judged differently" in proc.stderr


@pytest.mark.parametrize("draft", [
    "Hi Sam,\n",
    "Hi Jo,\n\nThanks, got it.\n\nSam\n",
    "Bonjour Marie,\n\nVotre commande arrive vendredi à dix heures.\n\nSam\n",
    "On Tue, 3 Mar 2026, Ann wrote:\n> Where is my order?\n",
])
def test_words_the_model_does_not_know_are_no_evidence(run, tmp_path, draft):
    """A bare greeting, a short thanks, another language, a quote alone: no reason for a low score."""
    (tmp_path / "d.txt").write_text(draft)
    result = run("check", "--format", "json", "--min-score", "70", "d.txt")
    entry = json.loads(result.stdout)["files"][0]
    assert entry["score"]["overall"] >= 70, entry["score"]
    assert result.exit_code == 0


def test_the_model_reads_what_a_draft_says_not_its_register():
    """No pronoun, article or auxiliary alone is a feature (they taught a register: a
    formal "we are" read as bad), but they are English: coverage counts them as known."""
    model = learned.load()
    assert {"we", "our", "i've", "the", "been"} <= model.style_words
    assert not model.style_words & set(model.terms)
    assert {"sorry if", "for any"} & set(model.terms)  # their pairs stay
    assert model.coverage(learned.body_counts(["We will send it and we are sorry."])) == 1.0
    assert model.coverage(learned.body_counts(["Votre commande arrive vendredi."])) < 0.5


def test_demote_above_100_keeps_every_warning_even_in_a_perfect_draft(tmp_path):
    linter = tonecheck.Linter(tonecheck.Config(demote_above=100))
    text = OWNED.replace("We'll keep you posted about the matching curtain rail.", "Unfortunately we cannot refund the postage.")
    report = linter.lint(tonecheck.load_text(text))
    assert any(f.severity == "warning" for f in report.findings), [(f.rule, f.severity) for f in report.findings]


def test_points_add_up_when_one_rule_s_findings_differ_in_severity(tmp_path):
    (tmp_path / "mixed.py").write_text(
        "import tonecheck\n"
        "@tonecheck.rule('House.Mixed', category='company_centric', message='m', why='w', bad=['x'], good=['y'])\n"
        "def mixed(analysis, rule):\n"
        "    s = analysis.body\n"
        "    yield rule.finding(s[0].start, s[0].end, severity='suggestion')\n"
        "    for t in s[1:3]:\n"
        "        yield rule.finding(t.start, t.end)\n"
        "@tonecheck.hookimpl\ndef tonecheck_rules():\n    return [mixed]\n"
    )
    config = tonecheck.Config(plugins=(str(tmp_path / "mixed.py"),), path=tmp_path / ".tonecheck.toml", demote_above=100)
    report = tonecheck.Linter(config).lint(tonecheck.load_text(
        "Hi Jo,\nOur team handles this.\nOur process is fixed.\nOur office decides.\nSam\n"))
    lost = -sum(e["points"] for e in report.score.explanation)
    assert abs((100 - report.score.overall) - lost) <= 0.5, report.score


def test_a_model_whose_arrays_do_not_match_is_refused(tmp_path):
    data = json.loads(learned.MODEL_PATH.read_text())
    data["idf"] = data["idf"][:10]
    with pytest.raises(ValueError, match="do not match"):
        learned.Model(data)


def test_a_dated_sentence_carries_no_vague_signal():
    linter = tonecheck.Linter(tonecheck.Config(demote_above=100))
    vague = [r for r in linter.rules if r.id == "Learned.Vague"]
    undated = linter.lint(tonecheck.load_text(
        "Hi Raj,\nThe matter is being looked into and an update will follow in due course once more is known.\nSupport"), rules=vague)
    dated = linter.lint(tonecheck.load_text(
        "Hi Raj,\nThe matter is being looked into and an update will follow on Friday at 2pm once more is known.\nSupport"), rules=vague)
    assert undated.findings and not dated.findings


def test_the_score_knows_every_learned_rule():
    """The learned rules' findings are not counted twice: the score's list of them
    and the pack's rules are the same."""
    from tonecheck.builtin.learned import RULES

    assert {r.id for r in RULES.values()} == learned.LEARNED_RULES
