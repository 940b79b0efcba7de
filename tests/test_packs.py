"""YAML rule packs: every kind works, and a malformed pack names file, rule and field."""
import json
import re
import textwrap

import pytest

from tonecheck.config import Config
from tonecheck.engine import Linter
from tonecheck.errors import PackError
from tonecheck.packs import compile_pack, load_pack, read_pack
from tonecheck.sources import load_text


def pack(tmp_path, body: str, name="House"):
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yml").write_text(f"pack: {name}\nrules:\n" + textwrap.indent(textwrap.dedent(body), "  "))
    return Linter(Config(packs=(str(folder),), select=(name,)))


def rule_ids(linter, text, **kw):
    return [f.rule for f in linter.lint(load_text(text), **kw).findings]


EX = "examples: {bad: [x], good: [y]}\n"
LONG = """
        - name: Long
          kind: metric
          metric: word_count
          per: sentence
          max: 5
          category: hard_to_read
          message: "{value} words"
          examples: {bad: [One two three four five six.], good: [One two.]}
"""


def test_phrase_with_unless_and_when(tmp_path):
    linter = pack(tmp_path, """
        - name: NoAsap
          kind: phrase
          category: vague_commitment
          message: "'{match}' has no date"
          patterns: ["asap", "as soon as possible"]
          unless: ["friday"]
          examples: {bad: [We will call ASAP.], good: [We will call on Friday.]}
        - name: SorryWhenComplaint
          kind: phrase
          category: non_apology
          when: [complaint]
          patterns: ["oops"]
          message: m
          examples: {bad: [{text: Oops., context: [complaint]}], good: [Fine.]}
        - name: ThankUnlessLate
          kind: phrase
          category: negative_framing
          unless_context: [delay, complaint]
          patterns: ["sorry for the wait"]
          message: m
          examples: {bad: [Sorry for the wait.], good: [{text: Sorry for the wait., context: [delay]}]}
    """)
    report = linter.lint(load_text("Hi Jo,\nWe will call ASAP. We will fix it as soon as possible on Friday.\n"))
    assert [(f.rule, f.message) for f in report.findings] == [("House.NoAsap", "'ASAP' has no date")]
    assert rule_ids(linter, "Oops, sorry.", contexts=["general"]) == []
    assert rule_ids(linter, "Oops, sorry.", contexts=["complaint"]) == ["House.SorryWhenComplaint"]
    # unless_context: quiet where the wait was a failure, heard everywhere else
    assert rule_ids(linter, "Sorry for the wait.", contexts=["billing"]) == ["House.ThankUnlessLate"]
    assert rule_ids(linter, "Sorry for the wait.", contexts=["billing", "delay"]) == []


@pytest.mark.parametrize("scope, flagged", [("sentence", []), ("clause", ["House.Blame"])])
def test_an_unless_in_another_clause_of_the_sentence_clears_only_with_sentence_scope(tmp_path, scope, flagged):
    linter = pack(tmp_path, f"""
        - name: Blame
          kind: phrase
          category: excuse_blame
          message: m
          patterns: ["you should have checked"]
          unless: ["wasn't your fault"]
          unless_scope: {scope}
          {EX}""")
    text = "Hi Jo,\nIt wasn't your fault, but you should have checked the address.\n"
    assert rule_ids(linter, text) == flagged
    assert rule_ids(linter, "Hi Jo,\nYou should have checked, though it wasn't your fault.\n") == flagged
    assert rule_ids(linter, "Hi Jo,\nIt wasn't your fault and you should have checked nothing.\n") == []


def refusal_pack(tmp_path, unless: str):
    """A house rule flagging "we can't offer", with the given ``unless`` (YAML)."""
    return pack(tmp_path, f"""
        - name: Refusal
          kind: phrase
          category: negative_framing
          message: m
          patterns: ["we can't offer"]
          unless: {unless}
          {EX}""")


def test_unless_patterns_each_looked_for_in_their_own_scope(tmp_path):
    linter = refusal_pack(tmp_path, "{sentence: [\"but I've\"], after: [what we can do]}")
    refusal = "Hi Jo,\nWe can't offer you a place this term. The list is long. Places go in order. "
    assert rule_ids(linter, refusal + "What we can do: lend you the kit.\n") == []
    assert rule_ids(linter, "Hi Jo,\nWhat we can do is limited. " + refusal + "\n") == ["House.Refusal"]  # before it: no
    assert rule_ids(linter, "Hi Jo,\nWe can't offer you a place, but I've kept your name.\n") == []
    assert rule_ids(linter, refusal + "\n") == ["House.Refusal"]


@pytest.mark.parametrize("unless, problem", [
    ("{nearby: [x]}", "unknown scope 'nearby'"),
    ("{after: [x]}\n          unless_scope: clause", "is not used with a mapping"),
    ("{after: []}", "must be a non-empty list"),  # an empty alternation would match everywhere
])
def test_a_mapping_of_unless_scopes_is_checked(tmp_path, unless, problem):
    with pytest.raises(PackError, match=problem):
        refusal_pack(tmp_path, unless)


def test_one_lexicon_entry_is_still_a_list_of_unless_patterns(tmp_path):
    linter = refusal_pack(tmp_path, "{lexicon: weekday}")
    assert rule_ids(linter, "Hi Jo,\nWe can't offer Friday, but Monday is free.\n") == []
    assert rule_ids(linter, "Hi Jo,\nWe can't offer you a place.\n") == ["House.Refusal"]


def test_substitution_carries_a_fix(tmp_path):
    linter = pack(tmp_path, """
        - name: Email
          kind: substitution
          category: hard_to_read
          message: "Write '{replacement}', not '{match}'"
          swap: {"e-mail": "email"}
          fix: safe
          examples: {bad: [Send an e-mail.], good: [Send an email.]}
    """)
    [f] = linter.lint(load_text("E-mail me today.")).findings
    assert f.message == "Write 'Email', not 'E-mail'"
    [edit] = f.suggestions[0].fix.edits
    assert (edit.offset, edit.length, edit.content) == (0, 6, "Email")
    assert f.suggestions[0].fix.applicability == "safe"


def test_substitution_where_two_swaps_match_the_same_words_the_first_listed_wins(tmp_path):
    linter = pack(tmp_path, """
        - name: IfYou
          kind: substitution
          category: hard_to_read
          message: "Write '{replacement}', not '{match}'"
          swap: {"should you be": "if you are", "should you": "if you"}
          examples: {bad: [Should you wish to come, call.], good: [If you wish to come, call.]}
    """)
    found = linter.lint(load_text("Should you be unsure, call me should you wish.")).findings
    assert [(f.message, f.suggestions[0].fix.edits[0].content) for f in found] == [
        ("Write 'If you are', not 'Should you be'", "If you are"), ("Write 'if you', not 'should you'", "if you")]


def test_a_swap_keeps_what_its_named_groups_caught(tmp_path):
    """A phrase rule's swap may use its pattern's named groups in the replacement; a
    placeholder that is neither a group nor a value is refused, naming the field."""
    body = """
        - name: StockSorry
          kind: phrase
          category: non_apology
          message: "'{match}' apologises for nothing in particular."
          patterns: ["for any inconvenience"]
          rewrite:
            swap: {'for any inconvenience (?P<cause>the \\w+) caused': 'for the trouble {%s} caused you'}
          examples: {bad: [We apologise for any inconvenience the outage caused.], good: [Sorry the power was off.]}
    """
    [f] = pack(tmp_path, body % "cause").lint(load_text("We apologise for any inconvenience the outage caused.")).findings
    assert f.suggestions[0].fix.edits[0].content == "for the trouble the outage caused you"
    with pytest.raises(PackError, match=r"rewrite\.swap.*\{reason\}"):
        pack(tmp_path, body % "reason")


def test_ratio_metric_require_when_and_limit(tmp_path):
    linter = pack(tmp_path, LONG + """
        - name: WeYou
          kind: ratio
          category: company_centric
          numerator: ["we", "our"]
          denominator: ["you", "your"]
          max: 2
          min_count: 3
          message: "{numerator} we/our to {denominator} you ({ratio})"
          examples: {bad: [We and our team and we.], good: [You and your team.]}
        - name: Sorry
          kind: require-when
          category: missing_empathy
          when: [complaint]
          require: ["sorry"]
          message: "no apology in a {context}"
          examples: {bad: [{text: It broke., context: [complaint]}], good: [{text: Sorry it broke., context: [complaint]}]}
        - name: Excuse
          kind: limit
          category: excuse_blame
          patterns: ["due to"]
          max: 1
          message: "{count} times"
          examples: {bad: [Due to a. Due to b.], good: [Due to a.]}
    """)
    report = linter.lint(load_text("We, our team and we are sorry. You know."), contexts=["complaint"])
    assert {(f.rule, f.message) for f in report.findings} == {("House.WeYou", "3 we/our to 1 you (3.0)"), ("House.Long", "7 words")}
    assert "House.Sorry" in rule_ids(linter, "It broke.", contexts=["complaint"])
    assert rule_ids(linter, "Due to rain. Due to snow.") == ["House.Excuse"]


def test_a_draft_level_count_reads_as_a_whole_number_and_an_index_with_its_decimal(tmp_path):
    linter = pack(tmp_path, """
        - name: Wordy
          kind: metric
          metric: word_count
          max: 5
          category: structure
          message: "{value} words"
          examples: {bad: [One two three four five six.], good: [One two.]}
        - name: Grade
          kind: metric
          metric: flesch_kincaid_grade
          max: 0
          category: hard_to_read
          message: "grade {value}"
          examples: {bad: [Notwithstanding the aforementioned considerations.], good: [Hi.]}
    """)
    said = {f.rule: f.message for f in linter.lint(load_text("One two three four five six seven.")).findings}
    assert said["House.Wordy"].startswith("7 words")
    assert re.match(r"grade -?\d+\.\d\b", said["House.Grade"])


def test_config_overrides_severity_and_options(tmp_path):
    folder = tmp_path / "house"
    pack(tmp_path, LONG)
    linter = Linter(Config(packs=(str(folder),), select=("House",), rules={"House.Long": {"severity": "error", "max": 10}}))
    assert linter.lint(load_text("One two three four five six.")).findings == []
    [f] = linter.lint(load_text("One two three four five six seven eight nine ten eleven.")).findings
    assert f.severity == "error"


@pytest.mark.parametrize(
    "body, rule, field",
    [
        ("- name: lower\n  kind: phrase\n", "lower", "name"),
        ("- name: A\n  kind: shout\n", "House.A", "kind"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  " + EX, "House.A", "patterns"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  patterns: ['(?<=x)y']\n  " + EX, "House.A", "patterns"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  patterns: ['(x']\n  " + EX, "House.A", "patterns"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  patern: [x]\n  " + EX, "House.A", "patern"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  patterns: [x]\n  examples: {bad: [x]}\n", "House.A", "examples.good"),
        ("- name: A\n  kind: metric\n  metric: vibes\n  max: 3\n  category: c\n  message: m\n  " + EX, "House.A", "metric"),
        ("- name: A\n  kind: limit\n  patterns: [x]\n  max: lots\n  category: c\n  message: m\n  " + EX, "House.A", "max"),
        # a typo in a placeholder or a context would print as written, or never fire
        ("- name: A\n  kind: phrase\n  category: c\n  message: 'No {mtach}'\n  patterns: [x]\n  " + EX, "House.A", "message"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: '{match.upper}'\n  patterns: [x]\n  " + EX, "House.A", "message"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  when: [complant]\n  patterns: [x]\n  " + EX, "House.A", "when"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  unless_context: [dealy]\n  patterns: [x]\n  " + EX, "House.A", "unless_context"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  owned_severity: quiet\n  patterns: [x]\n  " + EX, "House.A", "owned_severity"),
        ("- name: A\n  kind: phrase\n  category: c\n  message: m\n  patterns: ['(abc', 'def)']\n  " + EX, "House.A", "patterns"),
    ],
)
def test_malformed_rules_are_named(tmp_path, body, rule, field):
    path = tmp_path / "House.yml"
    path.write_text("pack: House\nrules:\n" + textwrap.indent(body, "  "))
    with pytest.raises(PackError) as err:
        compile_pack(read_pack(path), path, "test")
    assert (err.value.rule, err.value.field) == (rule, field), str(err.value)
    assert "House.yml" in str(err.value)


def test_unknown_field_suggests_the_right_one(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text("pack: House\nrules:\n  - name: A\n    kind: phrase\n    category: c\n    message: m\n    patern: [x]\n")
    with pytest.raises(PackError, match="did you mean 'patterns'"):
        compile_pack(read_pack(path), path, "test")


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text("pack: House\nrules: [\n")
    with pytest.raises(PackError, match=r"House.yml: pack, field 'yaml': invalid YAML \(line \d+\)"):
        read_pack(path)


ONE_RULE = (
    "pack: {name}\nrules:\n  - name: A\n    kind: phrase\n    category: structure\n    message: m\n"
    "    patterns: [x]\n    examples: {{bad: [x], good: [y]}}\n"
)


def test_parse_cache_is_invalidated_when_the_pack_changes(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House"))
    assert [r.id for r in load_pack(path, "t")] == ["House.A"]
    path.write_text(ONE_RULE.format(name="Home") + "# longer now\n")
    assert [r.id for r in load_pack(path, "t")] == ["Home.A"]


def test_an_edit_that_keeps_the_time_and_size_is_seen(tmp_path):
    """cp -p, rsync -t and tar x keep a file's time: an edit of the same length, put
    back to the old time, must not be read from the cache."""
    import os

    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="Hous1"))
    before = path.stat()
    assert [r.id for r in load_pack(path, "t")] == ["Hous1.A"]
    path.write_text(ONE_RULE.format(name="Hous2"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert [r.id for r in load_pack(path, "t")] == ["Hous2.A"]


@pytest.mark.parametrize("damage", [
    lambda head, body: head + b"\n" + body.replace(b'"pack"', b'"pick"', 1),  # valid JSON, not what was stored
    lambda head, body: head + b"\n" + body.replace(b'"yaml": {', b'"yaml": [{', 1) + b"]",
    lambda head, body: head.replace(b'"crc"', b'"cr"') + b"\n" + body,
    lambda head, body: body,  # an entry in the old one-line form
])
def test_a_damaged_cache_entry_is_a_miss_not_an_error_or_a_wrong_pack(tmp_path, damage):
    from tonecheck import cache

    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House"))
    load_pack(path, "t")
    entry = cache.entry("packs", str(path.resolve()))
    head, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(damage(head, body))
    assert [r.id for r in load_pack(path, "t")] == ["House.A"]


def test_an_invalid_pack_fails_the_same_with_a_warm_cache(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House").replace("[x], good", "[x], god"))
    for _ in range(2):
        with pytest.raises(PackError, match="'god'"):
            load_pack(path, "t")


def test_a_cached_pack_reads_and_fixes_the_same_though_its_unless_and_swaps_wait_for_first_use(tmp_path):
    pack(tmp_path, """
        - name: NoAsap
          kind: phrase
          category: vague_commitment
          message: "'{match}' has no date"
          patterns: ["asap"]
          unless: ["friday"]
          rewrite: {swap: {"asap": "by [[date]]"}}
          examples: {bad: [We will call ASAP.], good: [We will call ASAP on Friday.]}
    """)
    path = tmp_path / "house" / "House.yml"
    text = "We will call ASAP. We will write ASAP on Friday."
    seen = []
    for _ in range(2):  # parsed and checked, then read from the cache
        [rule] = load_pack(path, "t")
        [f] = Linter(Config(packs=(str(path),), select=("House",))).lint(load_text(text)).findings
        seen.append((rule.id, f.offset, f.suggestions[0].fix.edits[0].content))
    assert seen == [("House.NoAsap", 13, "by [[date]]")] * 2


def test_a_cache_entry_another_tonecheck_wrote_is_a_miss_so_its_pack_is_still_checked(tmp_path):
    from tonecheck import cache

    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House") + '    unless: ["(today", "tomorrow)"]\n')
    st = path.stat()
    # what a tonecheck without the parenthesis check (and without a version in its stamp) stored
    cache.store(cache.entry("packs", str(path.resolve())), [st.st_mtime_ns, st.st_size], read_pack(path))
    with pytest.raises(PackError, match="unbalanced parentheses"):
        load_pack(path, "t")


def test_yaml_values_that_are_not_text_are_named(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House") + "    description: 2024-01-01\n")
    with pytest.raises(PackError, match="'description'"):
        load_pack(path, "t")


def test_no_built_in_pattern_asks_for_two_runs_of_space_in_a_row():
    """A space in a pattern is any run of white space, so "helps us (?:to )? manage" would
    need two runs between "us" and "manage", and never match the sentence it was written for."""
    from pathlib import Path

    import yaml

    from tonecheck.packs.patterns import flexible_spaces

    def strings(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str) and "(?" in node:
            yield node

    twice = re.compile(r"\\s\+\)+[?*]?\)*[?*]?\\s\+")  # a group ending in a space, then a space
    rules = Path(__file__).resolve().parent.parent / "rules"
    found = [p for f in sorted(rules.glob("*.yml")) for p in strings(yaml.safe_load(f.read_text()))
             if twice.search(flexible_spaces(p))]
    assert found == []
    assert twice.search(flexible_spaces("helps? (?:us|me) (?:to )?) (?:keep|manage)"))


def test_patterns_run_in_linear_time(tmp_path):
    """A classic catastrophic pattern for a backtracking engine returns at once under RE2."""
    import time

    linter = pack(tmp_path, """
        - name: Evil
          kind: phrase
          category: c
          message: m
          word_boundaries: false
          patterns: ["(a+)+b"]
          examples: {bad: [aab], good: [c]}
    """)
    start = time.perf_counter()
    linter.lint(load_text("a" * 5000 + "!"))
    assert time.perf_counter() - start < 2  # a backtracking engine takes years here


def test_a_context_of_a_plugin_s_own_is_accepted(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House") + "    when: [vip]\n")
    assert [r.id for r in load_pack(path, "t")] == ["House.A"]


def test_messages_name_the_placeholders_a_kind_fills_in(tmp_path):
    path = tmp_path / "House.yml"
    path.write_text(ONE_RULE.format(name="House").replace("message: m", "message: 'seen {count} times'"))
    with pytest.raises(PackError, match=r"unknown placeholder \{count\}; this kind fills in \{match\}"):
        load_pack(path, "t")


def test_a_readability_threshold_reads_as_written(tmp_path):
    from tonecheck.engine import Linter

    rule = next(r for r in Linter().all_rules if r.id == "Readability.GradeLevel")
    assert "{max}" in rule.message and rule.message.format(value="15.2", **rule.options).endswith(
        "(above 14). Most customers read email fastest around grade 8: shorter words and sentences."
    )


def test_owned_severity_applies_where_the_draft_owns_the_problem(tmp_path):
    linter = pack(tmp_path, """
        - name: Courier
          kind: phrase
          category: excuse_blame
          owned_severity: suggestion
          message: "Blames the courier"
          patterns: ["the courier lost"]
          examples: {bad: ["The courier lost it."], good: ["It is on its way."]}
    """)

    def severity(text):
        [f] = linter.lint(load_text(text), contexts=["general"]).findings
        return f.severity

    assert severity("Hi Jo,\nThe courier lost your parcel.\nSam") == "warning"
    # an apology, an admission or the fix already made: an explanation, not an excuse
    assert severity("Hi Jo,\nI'm so sorry: the courier lost your parcel.\nSam") == "suggestion"
    assert severity("Hi Jo,\nThe courier lost your parcel, and that is our mistake.\nSam") == "suggestion"
    assert severity("Hi Jo,\nThe courier lost your parcel. A new one has been sent and the charge has been refunded.\nSam") == "suggestion"
    # a hollow apology owns nothing
    assert severity("Hi Jo,\nThe courier lost your parcel. We apologise for any inconvenience.\nSam") == "warning"


def test_on_the_same_words_a_house_rule_wins_and_no_fix_is_hidden(run, tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "Style.yml").write_text(textwrap.dedent("""\
        pack: Style
        rules:
          - name: Utilise
            kind: phrase
            category: hard_to_read
            severity: suggestion
            message: "House style: not '{match}'."
            patterns: ["utilise"]
            examples: {bad: ["Please utilise the form."], good: ["Please use the form."]}
    """))
    (tmp_path / ".tonecheck.toml").write_text('packs = ["house"]\nscore = "weights"\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nPlease utilise the portal to upload your documents by Friday.\nLeah\n")
    report = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]
    on_utilise = [f for f in report["findings"] if report_text(tmp_path, f) == "utilise"]
    assert [f["rule"] for f in on_utilise] == ["Style.Utilise"]  # one finding: charged once
    assert any(s["fix"] for s in on_utilise[0]["suggestions"])  # the built-in's swap is still offered


def test_on_the_same_words_a_long_sentence_is_reported_as_long(run, tmp_path):
    """Passive voice and length both flag an 84-word sentence, for the same reason (hard
    to read): the measurement is the one said (past 75 words, RunOnSentence, before
    LongSentence), since splitting the sentence is the fix."""
    sentence = ("With regard to the items raised, the cracking to the plaster, which is in our view a result of "
                "normal shrinkage as the new plaster dries out over the first season, together with the sticking "
                "of the utility room door and the missing section of skirting in the hallway, will all be attended "
                "to by our carpenter and plasterer, who we would propose return to site in the week of 14 October "
                "once the drying-out period, which would normally be six to eight weeks, has been completed.")
    (tmp_path / "d.txt").write_text(f"Dear Mr Fenwick,\n\n{sentence}\n\nKind regards,\nSteve\n")
    report = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]
    whole = [f["rule"] for f in report["findings"] if report_text(tmp_path, f) == sentence and f["category"] == "hard_to_read"]
    assert whole == ["Readability.RunOnSentence"]


def test_a_list_without_stops_is_no_run_on_sentence_but_a_hard_wrapped_one_is(run, tmp_path):
    """An itinerary written an item a line, without full stops, is read an item at a time; the
    same number of words in one hard-wrapped sentence (a line that happens to open with "I" or a
    day) is still one sentence."""
    items = ["Friday 14 June arrive at Inverness station at 15:42 where Callum will meet you with a sign",
             "Saturday 15 June boat trip on Loch Ness from Dochgarroch at 10am with lunch at the Clansman",
             "Sunday 16 June free morning then the Culloden battlefield tour leaving the hotel at 2pm",
             "Monday 17 June drive to Skye with a stop at Eilean Donan Castle around 11am on the way",
             "Tuesday 18 June a slow morning on Skye and a walk to the Fairy Pools if the weather is kind"]
    wrapped = ("We had hoped to finish the kitchen on Friday but the worktops came in the wrong colour and\n"
               "I had to send them back to the fabricator who says the new ones will be cut next week and\n"
               "Monday is the earliest day the fitters can come back so the hob and the sink will stay\n"
               "disconnected until then and the electrician will also need to return to finish the lights\n"
               "under the wall units which means another visit that we will of course not charge you for.")
    rules = {}
    for name, body in (("list", "\n".join(items)), ("wrapped", wrapped)):
        (tmp_path / "d.txt").write_text(f"Hi Mrs Doyle,\n\n{body}\n\nBest wishes,\nIona\n")
        entry = json.loads(run("check", "--format", "json", "--select", "Readability", "d.txt").output)["files"][0]
        rules[name] = {f["rule"] for f in entry["findings"]}
    assert "Readability.RunOnSentence" not in rules["list"] and "Readability.LongSentence" not in rules["list"]
    assert "Readability.RunOnSentence" in rules["wrapped"]


def report_text(tmp_path, f):
    return (tmp_path / "d.txt").read_text()[f["offset"]:f["offset"] + f["length"]]


def test_require_when_takes_scope_as_the_name_for_where_to_look(tmp_path):
    body = """
        - name: Ack
          kind: require-when
          category: missing_empathy
          message: "No acknowledgement ({context})."
          when: [complaint]
          require: ["sorry"]
          scope: opening
          """ + EX
    linter = pack(tmp_path, body)
    late = "Hi Jo,\nYour order is late. It ships Monday. It arrives Tuesday. Sorry.\nTom"
    assert rule_ids(linter, late, contexts=["complaint"]) == ["House.Ack"]  # "sorry" is past the opening
    both_body = body.replace("scope: opening", "scope: opening\n          within: opening")
    with pytest.raises(PackError, match="same as .within."):
        pack(tmp_path, both_body, name="Twice")


def test_every_kind_declares_itself_in_one_place():
    """Adding a kind is one module with one Kind, and a line in packs/kinds.py."""
    from tonecheck.packs import KINDS

    for name, kind in KINDS.items():
        assert kind.name == name and kind.required and kind.placeholders and callable(kind.build)
        assert kind.describe({"metric": "x"})
    assert list(KINDS) == ["phrase", "substitution", "ratio", "metric", "require-when", "limit"]


@pytest.mark.parametrize("example, problem", [
    ('{text: "asap please", flags: "tomorrow"}', "must be words of its text"),
    ('{text: "asap please", fixed: 5}', "'fixed' must be text"),
    ('{text: "asap please", marker: "asap"}', "unknown key 'marker'"),
])
def test_example_flags_and_fixed_are_checked(tmp_path, example, problem):
    body = f"""
        - name: Asap
          kind: phrase
          category: vague_commitment
          message: vague
          patterns: ["asap"]
          examples: {{bad: [{example}], good: ["by Friday"]}}
          """
    with pytest.raises(PackError, match=re.escape(problem)):
        pack(tmp_path, body)


def test_a_good_example_has_no_fix(tmp_path):
    body = """
        - name: Asap
          kind: phrase
          category: vague_commitment
          message: vague
          patterns: ["asap"]
          examples: {bad: ["asap"], good: [{text: "by Friday", fixed: "x"}]}
          """
    with pytest.raises(PackError, match="a good one has none"):
        pack(tmp_path, body)


def test_a_kind_that_is_not_a_name_is_a_pack_error(tmp_path):
    with pytest.raises(PackError, match="must be one of phrase"):
        pack(tmp_path, """
        - name: Odd
          kind: [phrase]
          category: structure
          message: m
          patterns: ["x"]
          """ + EX)


def test_require_when_names_the_field_the_user_wrote(tmp_path):
    with pytest.raises(PackError, match="field 'scope'"):
        pack(tmp_path, """
        - name: Ack
          kind: require-when
          category: missing_empathy
          message: "No acknowledgement."
          when: [complaint]
          require: ["sorry"]
          scope: everywhere
          """ + EX)


def test_the_built_in_packs_checked_cold_find_what_they_find_read_from_the_cache(monkeypatch):
    warm = Linter()  # the suite's caches start warm: this reads the built-in packs from there
    monkeypatch.setenv("TONECHECK_NO_CACHE", "1")
    cold = Linter()  # parsed, checked and compiled now, every pattern at once
    assert [r.id for r in cold.rules] == [r.id for r in warm.rules]
    drafts = [e.text for r in warm.rules for e in r.bad]
    assert len(drafts) > 100

    def found(linter):
        return [[(f.rule, f.offset, f.end, [s.fix for s in f.suggestions]) for f in linter.lint(load_text(d)).findings]
                for d in drafts]

    assert found(cold) == found(warm)


def test_a_pattern_pasted_with_curly_apostrophes_matches_either_kind(tmp_path):
    """The rules read ’ as ' (draft.plain_characters); a pattern pasted from a word
    processor is read the same way, so it is not a rule that can never fire."""
    linter = pack(tmp_path, """
        - name: NoPromise
          kind: phrase
          category: vague_commitment
          message: m
          patterns: ["we can’t promise"]
          examples: {bad: [We can’t promise anything.], good: [We will call on Friday.]}
    """)
    for text in ("We can't promise a date.", "We can’t promise a date.", "We can\u02bct promise a date."):
        assert rule_ids(linter, text) == ["House.NoPromise"], text


def test_a_missing_acknowledgement_is_placed_on_the_letter_s_first_sentence():
    """Not on the reference lines a formal letter opens with."""
    from tonecheck import check

    report = check("Dear Mrs Doyle,\n\nPolicy number: PSP-448291\nPet: Bramble\n\n"
                   "We have received your notification that Bramble died on 2 October. The claim form is attached.\n\n"
                   "Yours sincerely,\nClaims Team\n")
    [f] = [f for f in report.findings if f.rule == "Empathy.Bereavement"]
    assert report.text[f.offset:f.end].startswith("We have received your notification")


SHAPES_A_REVIEW = [
    ("Even though it wasn't your fault, the claim counts this year.", "Excuses.BlameCustomer", False),
    ("It was due to your mistake.", "Excuses.BlameCustomer", True),
    ("We expect residents to be without water for about two hours.", "Negativity.Scolding", False),
    ("Frankly, that is not acceptable, and I'm sorry.", "Negativity.Scolding", False),
    ("We can't refund a used item. There are no other options available to you.", "Negativity.CannotFirst", True),
    ("We aim to provide the highest standard of service, and on this occasion we fell short.", "CustomerFocus.SelfPraise", False),
    ("If you're still waiting, that's down to the courier.", "Excuses.Circumstance", True),
    ("If the work has to move, for example because of heavy rain, we'll write to you.", "Excuses.Circumstance", False),
    ("I'm so sorry about the mix-up. None of this was your mistake, and I've refunded the £59.", "Excuses.BlameCustomer", False),
    ("The card was declined, which was not due to your error.", "Excuses.BlameCustomer", False),
    ("As a result of your error, the order was cancelled.", "Excuses.BlameCustomer", True),
    ("It's not your fault entirely; you failed to tell us you had moved.", "Excuses.BlameCustomer", True),
    ("We're sorry you feel that way, but we always strive to provide the highest standard of service.", "CustomerFocus.SelfPraise", True),
    ("We expect our customers to be respectful to staff at all times.", "Negativity.Scolding", True),
    ("We can't refund a used item. There are other ways we can help, though: a repair is free.", "Negativity.CannotFirst", False),
    ("We can't refund a used item. There are 2 options: a repair or a voucher.", "Negativity.CannotFirst", False),
    ("If your flight is delayed, we'll text you, whether it's due to the weather or the airline.", "Excuses.Circumstance", False),
    ("If you were charged twice it was because the system had a glitch.", "Excuses.Circumstance", True),
    ("If your parcel hasn't arrived, please note this is due to the courier backlog.", "Excuses.Circumstance", True),
]



# what the second review of session 23 found: each side of the new patterns' edges
SHAPES_SESSION_23_SECOND = [
    # blame owned, denied or our own: not the customer's
    ("The outage was not triggered by a change made by your IT team: it was our update on Tuesday night, and I'm sorry.", "Excuses.BlameCustomer", False),
    ("Had our team been told about your allergy, which you did put on the booking form, this could have been avoided: "
     "passing it on was our job, and I'm sorry.", "Excuses.BlameCustomer", False),
    ("The damp in your bedroom isn't something that comes from everyday living: it is rising damp, and we fix it on Monday.", "Excuses.BlameCustomer", False),
    ("It is not because you are not heating your home enough: the gutter above your window is blocked.", "Excuses.BlameCustomer", False),
    ("If we had been notified of the change in advance, this could have been avoided.", "Excuses.BlameCustomer", True),
    # control and hand-offs: where it is a fact for the customer, not an excuse
    ("Your deposit is held by the scheme, so it stays beyond the control of either of us until you move out.", "Excuses.OutsideOurControl", False),
    ("Your pension is held in trust, outside the control of the employer, so it is safe.", "Excuses.OutsideOurControl", False),
    ("This lies outside the tribunal's control.", "Excuses.OutsideOurControl", True),
    ("Any delay is not within the control of the Trust.", "Excuses.OutsideOurControl", True),
    ("The price cap is set by Ofgem and not by us, which means your unit rate falls by 7% on 1 July.", "Excuses.PassTheBuck", False),
    ("The exam dates are set by the exam board and not by the school, so we have booked Mia a quiet room.", "Excuses.PassTheBuck", False),
    ("These charges are set by the Department of Health, not the Trust.", "Excuses.PassTheBuck", True),
    ("This was decided by the Home Office rather than by us.", "Excuses.PassTheBuck", True),
    # our reasons and workload: the customer's plans, or our failure owned, are not ours put first
    ("If you'd like to continue investing in the fund, you don't need to do anything.", "CustomerFocus.OurReasons", False),
    ("We can open the hall at 8am to accommodate a booking of your size.", "CustomerFocus.OurReasons", False),
    ("To ensure the long-term sustainability of the scheme, points now expire after a year.", "CustomerFocus.OurReasons", True),
    ("I know it has been an extremely difficult month for the whole team at your surgery.", "Excuses.BlameOthers", False),
    ("Your extra order puts no strain on our capacity, so it ships with the rest on Friday.", "Excuses.BlameOthers", False),
    ("May was exceptionally busy for our support team.", "Excuses.BlameOthers", True),
    # regret that owns, a goal reached, a free fix
    ("It is regrettable that we got this wrong, and I am sorry: the £85 is back on your card today.", "Apology.AnyInconvenience", False),
    ("Your savings goal is £500; once it is reached, the £25 bonus is paid into your account.", "Commitment.VaguePromise", False),
    ("Everyone on version 3.1 is advised to upgrade to 3.2, which is free and fixes this crash.", "CustomerFocus.UpsellInAHardMoment", False),
    ("We do not give estimated timescales for billing investigations.", "Commitment.VaguePromise", True),
    # a party's word is no thing of the customer's, and a number after shorthand does not make it a standard's name
    ("Your order is late because the supplier records were out of date.", "Excuses.Circumstance", True),
    ("We can't approve it yet because the bank statements you sent cover one month.", "Excuses.Circumstance", False),
    ("I have checked with HMRC: your P60 2023 figures match the RTI 2024 return, the BIK 3 entries and the PAYE 1250L code.",
     "Readability.Acronyms", True),
]



# ... and the third
SHAPES_SESSION_23_THIRD = [
    # (the third review of session 23) pride denied or the customer's own, our target as a fact about them
    ("I am not very proud of this reply, and I am sorry: the refund is on its way today.", "CustomerFocus.SelfPraise", False),
    ("You have poured twenty years of work into this garden, and it shows.", "CustomerFocus.SelfPraise", False),
    ("We're proud of what we built, and we stand by it.", "CustomerFocus.SelfPraise", True),
    ("Your return is well within the standard window, so I have refunded the £40 today.", "CustomerFocus.OurReasons", False),
    ("The new boiler will improve efficiency across the house.", "CustomerFocus.OurReasons", False),
    ("To make full use of the battery capacity, charge it overnight.", "CustomerFocus.OurReasons", False),
    ("You told the nurse your pain was a score of 9.", "CustomerFocus.OurReasons", False),
    ("To keep the scheme sustainable, members who do not reach 500 points lose them after a year.", "CustomerFocus.OurReasons", True),
    # disappointment shared, not aimed; what a doctor explained; a knee healing
    ("I am really disappointed that you did not get the callback we promised.", "Negativity.Scolding", False),
    ("I'm so disappointed to hear that you went three days without heating.", "Negativity.Scolding", False),
    ("Since you have not been using the gym while your knee heals, I have frozen your membership.", "Negativity.Scolding", False),
    ("As was explained to you by Dr Patel, your results are normal.", "Negativity.Scolding", False),
    ("It is disappointing that you chose to post this review rather than call us.", "Negativity.Scolding", True),
    ("As you were told on the phone, the fee stands.", "Negativity.Scolding", True),
    # the unforeseeable owned, our own lateness, our own check, damage owned
    ("No one could have predicted the storm, but we should have had a backup crew, and that is on us.", "Excuses.OutsideOurControl", False),
    ("Nobody could've predicted the numbers on launch day.", "Excuses.OutsideOurControl", True),
    ("Had your order arrived on time, you would have had it for the wedding, and I am so sorry.", "Excuses.BlameCustomer", False),
    ("I have added a second check to our packing, which prevents this kind of problem.", "Excuses.BlameCustomer", False),
    ("If it had come in on time, this wouldn't have been an issue.", "Excuses.BlameCustomer", True),
    ("The damage must have happened in transit, which makes it our responsibility: a new one ships today.", "Excuses.BlameOthers", False),
    ("Your parcel was lost by DPD.", "Excuses.BlameOthers", True),
    ("We cannot install it because the system requirements ask for Windows 11.", "Excuses.Circumstance", False),
    # a window that helps them, and a "when it's ready" that is theirs
    ("Your booking is outside the peak window, so you pay the off-peak price.", "Negativity.CannotFirst", False),
    ("No rush on the photos: just send them when they're ready.", "Commitment.VaguePromise", False),
    # shorthand: postcodes are addresses
    ("We deliver to LS1 4DY, BD1 2AA, HX1 1QG and WF1 3EB on Tuesdays.", "Readability.Acronyms", False),
]


# ... and the fourth
SHAPES_SESSION_23_FOURTH = [
    ("The van failed its MOT on two points: the front brake pads and a number-plate light.", "Excuses.BlameOthers", False),
    ("We should have sent you the checklist before the visit, which would have avoided this.", "Excuses.BlameCustomer", False),
    ("In nearly all cases like yours, the refund reaches your card within five working days.", "Excuses.BlameCustomer", False),
    ("Bruising is a known risk with this filler, and it fades within a week.", "Excuses.BlameCustomer", False),
    ("For the resurfacing on Monday 3 June, we'd recommend cars are moved off the road by 8am.", "Excuses.BlameCustomer", False),
    ("If you're struggling to find staff for the event, I can send two of ours.", "Excuses.BlameOthers", False),
    ("We've received an unusually high number of reports of this fault, so we've recalled the batch.", "CustomerFocus.OurWorkload", False),
    ("Your tracking link updates every hour, so you can check back regularly to see where the van is.", "Commitment.VaguePromise", False),
    ("Heatwise engineers fit boilers faster than anyone else in Yorkshire.", "CustomerFocus.SelfPraise", True),
    ("We have been struggling to hire drivers, so your delivery moves to Friday.", "Excuses.BlameOthers", True),
    ("The cinema accepts no responsibility for personal belongings left unattended.", "Excuses.PassTheBuck", True),
    ("Our checklist asks you to put fragile items away, which would've avoided this.", "Excuses.BlameCustomer", True),
    ("Appeals are taking longer due to an unusually large number of reports.", "CustomerFocus.OurWorkload", True),
    ("Visits are on Tuesdays and Thursdays to make the best use of our engineers' time.", "CustomerFocus.OurReasons", True),
    # the fifth: advice, a fair review, their team's result, a consent, a kindness, a day of their own
    ("I'd always recommend checking the tyre pressures after the first 50 miles; new tyres settle.", "Excuses.BlameCustomer", False),
    ("Please ensure your contact details are up to date so the surgeon's team can reach you.", "Excuses.BlameCustomer", False),
    ("Our rules do not allow anyone to collect for you without ID. It protects you, and I can add your daughter today.", "CustomerFocus.PolicyFirst", False),
    ("Your appeal is handled by our appeals team, and every decision gets an independent review.", "CustomerFocus.ProcessFirst", False),
    ("Your team did better than anyone expected at the regional finals, congratulations!", "CustomerFocus.SelfPraise", False),
    ("Your data is handled by a third party only with your consent.", "Excuses.BlameOthers", False),
    ("Your booking is with our third-party partner, and their team will confirm your seats by Friday.", "Excuses.BlameOthers", False),
    ("Our van failed the MOT on Monday, so I've hired one and your delivery still arrives on Friday.", "Excuses.BlameOthers", False),
    ("Thank you for your review, which has forced us to change how we pack glassware.", "Excuses.BlameOthers", False),
    ("I'm sorry you were unaware the fee had changed; our letter went to your old address, and I've refunded it.", "Apology.IfYouFeel", False),
    ("Running the extra Saturday session takes staff away from their families, but we've done it for you.", "CustomerFocus.OurWorkload", False),
]


# Review 40 (of session 24's blind-read patterns): the customer cleared, the fault owned, the news good
SHAPES_SESSION_24 = [
    ("It's really unfortunate that you fell ill the week of your cruise, so I've moved it to 14 October at no charge.", "Apology.AnyInconvenience", False),
    ("It's unfortunate that your parcel was late, and there's no more to it than that.", "Apology.AnyInconvenience", True),
    ("I'm so sorry to hear you thought it was your fault. It wasn't: our system took the payment twice.", "Apology.IfYouFeel", False),
    ("I'm sorry our invoice caused you some confusion: I put last month's date on it by mistake.", "Apology.IfYouFeel", False),
    ("Sorry my typo caused any confusion: the class starts at 6pm, not 6am.", "Apology.IfYouFeel", False),
    ("We're sorry to hear you feel the new fee is unfair.", "Apology.IfYouFeel", True),
    ("We'll work as per your timeline: tell me the week that suits and I'll hold it for you.", "Commitment.VaguePromise", False),
    ("It took a while to get someone free, but we will send someone out soon.", "Commitment.VaguePromise", True),
    ("Your ticket is currently in our queue.", "Commitment.VaguePromise", True),
    ("Chasing £5 really isn't economical for us, so I've written it off.", "CustomerFocus.OwnAgenda", False),
    ("Since I don't have the room to keep your bike safe overnight, I'll drop it back tonight at no charge.", "CustomerFocus.OwnAgenda", False),
    ("Your repair has been moved to an urgent job, so Dan will be with you by 6pm today.", "CustomerFocus.OurReasons", False),
    ("To protect the integrity of our payment system we've added a code check, so no one else can use your card.", "CustomerFocus.OurReasons", False),
    ("Every child on the trip gets a full refund and there won't be any exceptions.", "CustomerFocus.PolicyFirst", False),
    ("Issuing the notice was in line with our procedures. However, had you read the terms, you would have known.", "CustomerFocus.PolicyFirst", True),
    ("We aim to provide a high standard of workmanship, and the tiling in your bathroom fell well short of it.", "CustomerFocus.SelfPraise", False),
    ("As the new pool is fully operational again, your son's lessons restart on Monday 3 June at 5pm.", "Excuses.Circumstance", False),
    ("It wasn't the bank's job to spot the wrong date on your form. That was my job, and I missed it.", "Excuses.PassTheBuck", False),
    ("There is nothing that suggests the care instructions were not followed, so I've sent a new pair.", "Excuses.BlameCustomer", False),
    ("Keeping it visible is the permit holder's responsibility, which you met, so I've cancelled the fine.", "Excuses.BlameCustomer", False),
    ("Replacing a faulty meter is never the responsibility of the user: we fit a new one free on Tuesday.", "Excuses.BlameCustomer", False),
    ("The stopcock was seized, which you did not mention when booking.", "Excuses.BlameCustomer", True),
    ("Nothing will be removed without notice: we always write to you 30 days before.", "Negativity.Scolding", False),
    ("Please don't send further emails about the refund, as it's already approved.", "Negativity.Scolding", False),
    ("Kindly avoid raising duplicate tickets for the same issue.", "Negativity.Scolding", True),
]


# ... and review 41 (of 1c00f8c): requests to the customer, their timeline, news moved earlier, a kind "but"
SHAPES_SESSION_24_SECOND = [
    ("Email the receipts when available and we'll add them to your return.", "Commitment.VaguePromise", False),
    ("As per the timeline you sent us, the fitters will start with the units on Monday.", "Commitment.VaguePromise", False),
    ("As per the standard timescale your transfer should already have been completed. It wasn't, and that is our mistake.",
     "Commitment.VaguePromise", False),
    ("Your repair is on our priority queue as it affects your only toilet.", "Commitment.VaguePromise", False),
    ("Your refund isn't delayed; it will be processed in due course.", "Commitment.VaguePromise", True),
    ("The new dates are still being set, and we will share them once they are confirmed.", "Commitment.VaguePromise", True),
    ("We need to move your installation forward because our team finished early, so we can now fit your panels on Monday 2 June.",
     "Empathy.Delay", False),
    ("You asked for an apology, but the delay to your sofa was caused by the courier and not by us.", "Empathy.Delay", True),
    ("I was sorry to read that you felt your son was left out of the team photo. You're right, he was, and we've arranged a retake.",
     "Apology.IfYouFeel", False),
    ("Sorry to hear you feel the late fee is unfair. It isn't: the fee is set out in the contract.", "Apology.IfYouFeel", True),
    ("Displaying the badge is the badge holder's responsibility, and your photo shows you did exactly that, so I have cancelled the penalty.",
     "Excuses.BlameCustomer", False),
    ("Thanks to operational changes in our kitchen, we can now cook every dish gluten-free.", "Excuses.Circumstance", False),
    ("We will not make any exceptions to the cancellation policy, so you don't need to ask again.", "CustomerFocus.PolicyFirst", True),
    ("The recall covers all boilers with that serial range, so yours will be replaced free. There won't be any exceptions.",
     "CustomerFocus.PolicyFirst", False),
]


# ... and review 42 (of b24d500): the omission owned, the courier's instructions, a cost we take on, a promise to them
SHAPES_SESSION_24_THIRD = [
    ("This should have been mentioned when you booked, and it wasn't. I'm sorry: I've refunded the £40 surcharge.",
     "Excuses.BlameCustomer", False),
    ("As the aftercare wasn't followed up by our clinic, I'm sorry.", "Excuses.BlameCustomer", False),
    ("Since the care instructions weren't followed by the courier, your plant arrived wilted.", "Excuses.BlameCustomer", False),
    ("I won't pretend this wasn't something we could have caught: it was, and I'm sorry.", "Excuses.Defensive", False),
    ("Our insurers won't cover us for this, so we'll pay for the repair ourselves on Monday.", "CustomerFocus.OwnAgenda", False),
    ("Because your payment reached us before the end of our financial year, it shows on the March statement.",
     "CustomerFocus.OwnAgenda", False),
    ("We'd like to give our partners' discount to you as a thank you: 20% off your next order.", "CustomerFocus.OurReasons", False),
    ("Participants who finish by Friday should receive their certificates on Monday 12 May.", "CustomerFocus.Notice", False),
    ("First, an apology: your sofa won't arrive on Friday as planned. The new date is Tuesday 12 March.", "Empathy.Delay", False),
    ("We hope to announce the dates when confirmed.", "Commitment.VaguePromise", True),
    ("Sorry to hear you feel your son was treated unfairly by the coach.", "Apology.IfYouFeel", True),
]


# ... and review 43 (of dcb8f5d): agreement said as such, a refusal after "but", a promise of theirs, our own cover
SHAPES_SESSION_24_FOURTH = [
    ("We're sorry you feel the delivery was late, and you're absolutely right to be cross about it.", "Apology.IfYouFeel", False),
    ("We're sorry you feel the charge was unfair; you were right about the dates, and the £25 has gone back on your card.",
     "Apology.IfYouFeel", False),
    ("We're sorry you feel the fee was too high. You're right that it went up, but it's in line with the market.",
     "Apology.IfYouFeel", True),
    ("Your sofa has been delayed by three weeks. We don't believe you are owed an apology, as the manufacturer caused it.",
     "Empathy.Delay", True),
    ("Passengers should have their passports ready at the gate.", "CustomerFocus.Notice", True),
    ("Please sign before the end of our quarter so we can lock in this price.", "CustomerFocus.OwnAgenda", True),
    ("Our insurers won't cover us for roof work, so you'll have to arrange that yourselves; we can't do it ourselves.",
     "CustomerFocus.OwnAgenda", True),
    ("We've moved your stall to the back row to keep our sponsors happy.", "CustomerFocus.OurReasons", True),
    ("Your request is in our repairs queue.", "Commitment.VaguePromise", True),
    ("This isn't covered by our guarantee as the aftercare wasn't followed.", "Excuses.BlameCustomer", True),
    ("Since the care instructions weren't followed, the claim is declined and we didn't find any fault with the sofa.",
     "Excuses.BlameCustomer", True),
    ("The council cannot be held responsible for damage to parked cars.", "Excuses.Defensive", True),
    ("I can't pretend to know why it failed, but this wasn't something we could have prevented.", "Excuses.Defensive", True),
    ("The website showed the wrong date. That wasn't something you could have known.", "Excuses.BlameCustomer", False),
    ("The quote you signed in January was £1,860, and we'll keep to it.", "Excuses.BlameCustomer", False),
]


@pytest.mark.parametrize("draft", ["We are sorry you feel the repair caused the leak.",
                                   "I'm sorry you believe the plumber was rude to your mother.",
                                   "We're sorry you feel the need to close your account."])
def test_a_feeling_apologised_for_is_never_rewritten_into_an_admission(draft):
    """The finding stands, but "sorry that the repair caused the leak" would admit what the letter may dispute."""
    from tonecheck import Linter, load_text
    from tonecheck.rewrites import rewrite

    text = f"Hi Ann,\n\n{draft}\n\nBest,\nBob\n"
    assert draft in rewrite(Linter(), load_text(text)).text


@pytest.mark.parametrize("sentence, rule, fires", SHAPES_A_REVIEW + SHAPES_SESSION_23_SECOND + SHAPES_SESSION_23_THIRD
                         + SHAPES_SESSION_23_FOURTH + SHAPES_SESSION_24 + SHAPES_SESSION_24_SECOND
                         + SHAPES_SESSION_24_THIRD + SHAPES_SESSION_24_FOURTH)
def test_the_shapes_the_reviews_found(sentence, rule, fires):
    """Each side of a rule's edge: a reproach beside a clearing phrase still counts, a
    forecast is no lecture, a refusal of alternatives is no alternative."""
    from tonecheck import check

    report = check(f"Hi Ann,\n\n{sentence}\n\nBest,\nBob\n")
    assert (rule in {f.rule for f in report.findings}) is fires



# Review 44 (of this session's rules at 31209ba): whole drafts, some with the customer's message, some with their
# context given, each reproduced on the reviewed commit and right here. (draft, rule or "context:tag", fires, context)
SHAPES_SESSION_25 = [
    ("Hi Sam,\nYes, room 4 is free on 14 June and I've held it for you until Friday.\nJo\n\nOn Mon, Sam wrote:\n> We've stayed with you three times now and loved it every time. Do you have a double room free on 14 June?\n", 'context:complaint', False, None),
    ('Hi Sam,\nOf course: Ella is booked into the same slot next Tuesday at 4pm.\nJo\n\nOn Mon, Sam wrote:\n> Thank you yet again for squeezing Ella in! Could we book the same slot next week?\n', 'context:complaint', False, None),
    ("Hi Sam,\nThe care guide is attached, and the cover can go in the wash at 30 degrees.\nJo\n\nOn Mon, Sam wrote:\n> We love the new sofa, it's twice the size of our old one! Could you send the care guide?\n", 'context:complaint', False, None),
    ("Hi Sam,\nOf course: you're now in the Tuesday group at 7pm, starting next week.\nJo\n\nOn Mon, Sam wrote:\n> I've been three times already and I'm loving it! Can I switch to the Tuesday group?\n", 'context:complaint', False, None),
    ("Hi Sam,\nNo problem at all: you're booked into Thursday at 6pm instead.\nJo\n\nOn Mon, Sam wrote:\n> Sorry, I've cancelled again, my shift changed. Can I book next Thursday?\n", 'context:complaint', False, None),
    ("Hi Sam,\nNo problem, you're now booked for the 14th at 7pm.\nJo\n\nOn Mon, Sam wrote:\n> I'm so upset with myself, I booked the wrong date! Could you move us to the 14th?\n", 'context:complaint', False, None),
    ("Hi Sam,\nThe next camp starts on Monday 21 July at 9am, and I've saved Ella a place.\nJo\n\nOn Mon, Sam wrote:\n> Ella came home covered in mud and grinning from ear to ear! I was worried she'd hate it. When does the next camp start?\n", 'context:complaint', False, None),
    ("Hi Sam,\nYes: the scuff-resistant lacquer adds £60, and I've updated the quote.\nJo\n\nOn Mon, Sam wrote:\n> We've got two dogs and I'm worried about the new floor. Can you add the scuff-resistant lacquer to the quote?\n", 'context:complaint', False, None),
    ('Hi Sam,\nI can measure up on Thursday at 10am and send the quote the same day.\nJo\n\nOn Mon, Sam wrote:\n> The hallway carpet is damaged and the skirting is scuffed from our move. Could you quote for replacing both?\n', 'context:complaint', False, None),
    ('Hi Sam,\nHere is a new link, which works for 48 hours: https://example.com/confirm/8841\nJo\n\nOn Mon, Sam wrote:\n> I clicked the link in your email to confirm my booking but it says the page has expired. Can you send another?\n', 'context:distress', False, None),
    ("Hi Sam,\nThanks for the heads-up. I've reported the number to our security team, and it has been blocked.\nJo\n\nOn Mon, Sam wrote:\n> Just a heads-up, I got a phishing text pretending to be from you. I didn't click anything, but thought you'd want to know.\n", 'context:distress', False, None),
    ('Hi Sam,\nPhishing emails pretending to be from us are going round this month, so we will never ask for your password by email. Your next statement arrives on 3 June.\nJo', 'context:distress', False, None),
    ('Hi Sam,\nWe clicked the link you sent and the page opens fine for us. Could you try it in Chrome and tell me what you see?\nJo', 'context:distress', False, None),
    ("Hi Sam,\nGreat, see you on Saturday at 7pm.\nJo\n\nOn Mon, Sam wrote:\n> I was panicking that I'd lost the tickets, but my husband found them in his coat, so all sorted! See you Saturday.\n", 'context:distress', False, None),
    ("Hi Sam,\nThanks for letting me know: I've marked Ella absent for Thursday.\nJo\n\nOn Mon, Sam wrote:\n> Ella won't be coming Thursday, she has a cold. See you next week!\n", 'context:delay', False, None),
    ("Hi Sam,\nJust a reminder that I won't be coming on Tuesday as it's half term. Lessons restart on Tuesday 4 November at 5pm.\nJo", 'context:delay', False, None),
    ("Dear Mr Shah,\nYour operation can't go ahead without a signed consent form, so please bring it with you on Monday at 7.30am.\nWard 7", 'context:delay', False, None),
    ('Hi Sam,\nI know another week without a kitchen is a lot to ask. The worktops now arrive on Friday 20 June.\nJo', 'Empathy.Delay', False, 'delay'),
    ('Hi Sam,\nI know waiting is frustrating. Your sofa now arrives on Friday 20 June.\nJo', 'Empathy.Delay', False, 'delay'),
    ("Hi Sam,\nI know we promised the sofa for Friday. It now arrives on Friday 20 June, and I've refunded the delivery charge.\nJo", 'Empathy.Delay', False, 'delay'),
    ('Hi Sam,\nI know Mia was looking forward to Saturday. The party now moves to Saturday 21 June at 2pm.\nJo', 'Empathy.Delay', False, 'delay'),
    ("Hi Sam,\nI know he was so looking forward to it. Tom's lesson moves to next Friday at 4pm.\nJo", 'Empathy.Delay', False, 'delay'),
    ('Hi Sam,\nI know moving house is stressful enough already. Your broadband now goes live on Tuesday 24 June instead of Friday.\nJo', 'Empathy.Delay', False, 'delay'),
    ("Hi Sam,\nYour fitting is postponed. I'll text you when I know your new date.\nJo", 'Empathy.Delay', True, 'delay'),
    ('Hi Sam,\nThe part is held up at the supplier. As far as I know the van is due on Friday.\nJo', 'Empathy.Delay', True, 'delay'),
    ("Dear Mrs Lowe,\nI'm truly sorry that you have experienced the loss of your husband. His account is now closed, and nothing more is owed.\nMichael", 'Empathy.Bereavement', False, 'bereavement'),
    ("Dear Mrs Okafor,\nAll of us at the practice have signed a sympathy card for you, and it's in the post today. Biscuit's ashes will be ready to collect on Friday.\nHannah", 'Empathy.Bereavement', False, 'bereavement'),
    ('Dear Mrs Lowe,\nPlease try to look after yourself at this difficult time. Nothing needs to be done on the account until you feel ready.\nMichael', 'Empathy.Bereavement', False, 'bereavement'),
    ("Hi Sam,\nI'm sorry it wasn't what you were expecting. We can re-cut the line for £145.\nJo", 'Apology.IfYouFeel', True, None),
    ("Hi Sam,\nSorry this isn't what you expected. We can re-cut the line for £145.\nJo", 'Apology.IfYouFeel', True, None),
    ("Hi Sam,\nIt wasn't clear from your email whether you'd like the 10am or the 2pm slot, so I've held both until Friday. Which suits you better?\nJo", 'Excuses.BlameCustomer', False, None),
    ("Hi Sam,\nIt isn't clear from your photos whether the crack goes right through the tile. Could you send one taken from the side?\nJo", 'Excuses.BlameCustomer', False, None),
    ('Hi Sam,\nParking at the venue is very limited, and we ask all guests to car-share for that reason. The doors open at 6.30pm.\nJo', 'Excuses.BlameCustomer', False, None),
    ("Hi Sam,\nThe ground is soft after the rain, so I'd suggest you bring wellies for exactly that reason. We start at 10am at the top gate.\nJo", 'Excuses.BlameCustomer', False, None),
    ("Hi Sam,\nThe booking form you filled in didn't mention the £20 kit fee, and it should have. The fee is waived for this term.\nJo", 'Excuses.BlameCustomer', False, None),
    ("Hi Sam,\nThe £40 fee should have been on our quote. Had it been mentioned, you could have chosen the standard service instead. I've refunded the £40 today.\nJo", 'Excuses.BlameCustomer', False, None),
    ('Hi Sam,\nI have checked your account carefully, and you did not pay the March invoice, so the late fee stands.\nJo', 'Excuses.BlameCustomer', True, None),
    ("Hi Sam,\nWe've looked at the CCTV carefully and you didn't return the keys to the desk, so the £50 charge applies.\nJo", 'Excuses.BlameCustomer', True, None),
    ("Hi Sam,\nI'd rather you weren't charged again, so please read the cancellation terms before booking next time.\nJo", 'Excuses.BlameCustomer', True, None),
    ('Hi Sam,\nThe mistake happened when we followed the measurements you gave us. You should have measured the alcove, not the old unit.\nJo', 'Excuses.BlameCustomer', True, None),
    ("Hi Sam,\nThe original quote had it right. You didn't mention the second bathroom when you booked, so the extra £300 stands.\nJo", 'Excuses.BlameCustomer', True, None),
    ('Hi Sam,\nWe estimated your bill, as we should have. You never sent a meter reading, so the estimate stands.\nJo', 'Excuses.BlameCustomer', True, None),
    ('Hi Sam,\nThe proof came to £45, which you approved without spotting the typo, so the reprint is chargeable.\nJo', 'Excuses.BlameCustomer', True, None),
    ("Hi Sam,\nHere's what we'll do: we'll look into it and get back to you.\nJo", 'Commitment.VaguePromise', True, None),
    ('Hi Sam,\nYour refund will be processed in due course, and you have 30 days to return any other items.\nJo', 'Commitment.VaguePromise', True, None),
    ('Hi Sam,\nWe will be in touch in due course, as set out below.\nJo', 'Commitment.VaguePromise', True, None),
    ("Hi Sam,\nWe've taken on two more advisers to help us manage the volume of calls, so waits are now under a minute.\nJo", 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Sam,\nPlease send the documents before Tuesday, so our meeting time is spent well.\nJo', 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Sam,\nOrdering by Thursday helps us keep our stock fresh, so your flowers last longer.\nJo', 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Sam,\nWearing a mask in the waiting room helps us protect our staff and other patients.\nJo', 'CustomerFocus.OwnAgenda', False, None),
    ('Hello,\nOur engineer will attend on Tuesday between 8am and 1pm. If a second visit is needed, call-out charges of £60 apply. Payment is due on completion.\nServices Team', 'CustomerFocus.NeverYou', True, None),
    ('Hello,\nThe office is closed on Friday for stocktaking. Orders placed that day are held. When the system is back up, email confirmations go out for all orders.\nAccounts', 'CustomerFocus.NeverYou', True, None),
    ('Hello,\nThe scaffold goes up on Tuesday. The roofers start on Wednesday. If the rain holds off, come Thursday the roof will be finished.\nDave', 'CustomerFocus.NeverYou', True, None),
    ("Hi Sam,\nYour fitting is postponed. I'll ring you as soon as I know. The dress is still with the seamstress.\nJo", 'Empathy.Delay', True, 'delay'),
    ('Hi Sam,\nThe £40 fee should have been on our quote. Had it been mentioned, the standard service would have been offered instead. The £40 is refunded today.\nJo', 'Excuses.BlameCustomer', False, None),
    ("Hi Sam,\nNo problem at all: there's no charge, and the next free slot is Friday at 10am.\nJo\n\nOn Mon, Sam wrote:\n> I've come down with Covid, so my appointment tomorrow can't go ahead. Sorry!\n", 'context:delay', False, None),
    ("Hi Sam,\nYour lesson can't go ahead unless you bring your provisional licence, so please have it with you on Friday at 9am.\nJo", 'context:delay', False, None),
    ("Hi Sam,\nYes: the large is £36 and the small is £12, and both come with a two-year guarantee.\nJo\n\nOn Mon, Sam wrote:\n> Is the large one worth it? It's three times the price of the small.\n", 'context:complaint', False, None),
    ("Hi Sam,\nI'm terrified we'll run out of the blue tiles before your order, so I've put yours aside today.\nJo", 'context:distress', False, None),
]


# Review 45 (of 31209ba..0b9c589: this session's mends of review 44's points): the narrowing had gone too far.
# (Two of its rows gave way to review 46: "upset with Dean" reads like "upset with Oliver for breaking his glasses",
# and "we will no longer be able to" opens reassurances as often as refusals.)
SHAPES_SESSION_25_SECOND = [
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> Hi, the bins weren't collected today. That's twice now they've skipped our street.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> The milk didn't come today, that's 3 times since Monday.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> My paper didn't come again this morning, it's happened three times in two weeks.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> The green bin has been missed three times in a row.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> Your driver left the side gate open yet again and the dog got out.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> Our Saturday class has been cancelled again. Is it on next week?\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> We paid for a professional clean before we moved in and it was worth every penny. Could you quote for the new flat too?\n", 'context:complaint', False, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> Your team have called twice this week to check how Mum is getting on with the new stairlift, which was so kind. Could you send the warranty booklet?\n", 'context:complaint', False, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> I took a day off work for the fitting and your lads left the whole house covered in plaster dust.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> We came home to every room covered in dust and a scuff on the new front door.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> There are scuff marks all down the hall and the new paintwork is damaged.\n", 'context:complaint', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> I was panicking when I saw the payment go out and I couldn't get through to anyone.\n", 'context:distress', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> I was terrified someone had emptied my account overnight.\n", 'context:distress', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> I clicked on the link in the text and it asked for my long card number, which I gave them.\n", 'context:distress', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> We were terrified when the alarm went off at 3am.\n", 'context:distress', True, None),
    ("Hi Sara,\nYour lesson can't go ahead tomorrow because the pool is closed for repairs. Jo will ring you tonight to pick a new day.\nMark", 'context:delay', True, None),
    ("Hi Sara,\nSorry, tomorrow's fitting can't go ahead, I'm afraid: the worktop arrived cracked. Can you do Thursday at 9am instead?\nMark", 'context:delay', True, None),
    ("Hi Colin,\nOur plasterer won't be coming Monday now as he's been signed off sick. Tom can come Wednesday at 8am.\nHayley", 'context:delay', True, None),
    ("Hi Colin,\nThanks for your message. I'll call you at 2pm today.\nRuth\n\nOn Mon 3 June, Colin wrote:\n> Your fitter just rang to say he won't be starting Monday now. I've booked the week off work for this!\n", 'context:delay', True, None),
    ("Hi Sam,\nThe party on Saturday won't be able to go ahead, as the hall has flooded. I've refunded your deposit.\nJo", 'context:delay', True, None),
    ("Hi Tom,\nYour sofa is delayed at the factory. I'll ring you as soon as I know the new date, and I'm really sorry for the wait.\nMaya", 'Empathy.Delay', False, 'delay'),
    ("Hi Ana,\nWhen we know what caused the outage, and I'm sorry it's taken this long, I'll write to you straight away.\nRuth", 'Empathy.Complaint', False, 'complaint'),
    ("Hi Marta,\nWe can't refund the deposit. I'll let you know when I know more, and I know it isn't what you wanted to hear.\nOwen", 'Empathy.Hardship', False, 'bad_news'),
    ("Hi Ana,\nAll I know is that the engineer marked the job as complete on Tuesday. I'll check with him and reply tomorrow.\nRuth", 'Empathy.Complaint', True, 'complaint'),
    ("Hi Ana,\nNot that I know of: the parcel hasn't been scanned since it left the depot on Monday.\nRuth", 'Empathy.Delay', True, 'delay'),
    ('Hi Ana,\nI know the driver personally; he always takes care with parcels. The box was signed for at 2pm.\nRuth', 'Empathy.Complaint', True, 'complaint'),
    ('Hi Ana,\nDave is one of the most careful fitters I know and he says the tile was already cracked.\nRuth', 'Empathy.Complaint', True, 'complaint'),
    ("Dear Mr Okafor,\nYour order came in after the cut-off, so your first issue is June's. We appreciate your patience and understanding.\nSubscriptions", 'Empathy.Complaint', True, 'complaint'),
    ('Hi Marta,\nWe cannot extend your stay beyond Sunday. We appreciate your patience and understanding.\nOwen', 'Empathy.Hardship', True, 'bad_news'),
    ('Dear Mrs Hall,\nSorry for the delay in registering the death of your husband on our system. Please return the enclosed form so we can close the account.\nAccounts Team', 'Empathy.Bereavement', True, 'bereavement'),
    ('Dear Mr Price,\nWe are sorry, but following the death of your mother the joint account must be closed within 30 days.\nAccounts', 'Empathy.Bereavement', True, 'bereavement'),
    ('Dear Mrs Hall,\nWe can only imagine the form went astray in the post. Please send another copy of the death certificate.\nAccounts', 'Empathy.Bereavement', True, 'bereavement'),
    ("Hi Mrs Ellis,\nYour order of 20 sympathy cards was dispatched today and should arrive by Thursday.\nThe Card Shop\n\nOn Mon 3 June, Carol Ellis wrote:\n> I need the cards for my dad's funeral on Friday, please can you make sure they come in time?\n", 'Empathy.Bereavement', True, None),
    ('Dear Mrs Ellis,\nWe apologise for the misprint on your sympathy card order. A corrected batch goes out today.\nThe Card Shop', 'Empathy.Bereavement', True, 'bereavement'),
    ('Dear Mr Patel,\nWe try to make the process as simple as possible at what we know is a difficult time. Please send the death certificate and the will to the address below.\nProbate Team', 'Empathy.Bereavement', True, 'bereavement'),
    ("Dear Mr Patel,\nWe're committed to supporting families at this difficult time. Please complete the enclosed form and return it with the death certificate.\nProbate Team", 'Empathy.Bereavement', True, 'bereavement'),
    ('Dear Mr Patel,\nThe Bereavement Team aims to settle accounts quickly at what we understand is a difficult time. Please send the death certificate.\nProbate Team', 'Empathy.Bereavement', True, 'bereavement'),
    ("Hi Jo,\nI'm sorry they're not what you expected. You can return them within 30 days.\nKev", 'Apology.IfYouFeel', True, None),
    ("It wasn't clear from your order which colour you wanted, so we sent the standard grey.", 'Excuses.BlameCustomer', True, None),
    ('We always advise guests to use the room safe for this reason.', 'Excuses.BlameCustomer', True, None),
    ('We ask customers to measure the doorway before ordering for exactly this reason.', 'Excuses.BlameCustomer', True, None),
    ('The medical questionnaire you filled in did not mention any allergies, so the therapist used the standard oil.', 'Excuses.BlameCustomer', True, None),
    ("The booking form you submitted didn't say the gate code had changed, so the driver couldn't get in.", 'Excuses.BlameCustomer', True, None),
    ("I've re-read the terms carefully, and you're right: the cancellation fee shouldn't have been charged.", 'Excuses.BlameCustomer', False, None),
    ('I have read the listing description carefully again, and it does say solid oak, so the table should never have been veneer.', 'Excuses.BlameCustomer', False, None),
    ("You didn't send the meter reading by the 5th, and that should have been done before the switch.", 'Excuses.BlameCustomer', True, None),
    ('The design you approved showed the old logo, but that should have been caught by our studio.', 'Excuses.BlameCustomer', False, None),
    ('The proof you approved shows the name as Steven. The mistake happened when we retyped it for the engraver, and a corrected plaque goes out on Friday.', 'Excuses.BlameCustomer', False, None),
    ('The revised cost is £380, which you approved, and Jamal starts on Monday.', 'Excuses.BlameCustomer', False, None),
    ('Our engineer went back on Tuesday and he found that the boiler had been tested before handover and is working as designed.', 'Excuses.Defensive', True, None),
    ('Our assessor found no fault with the fitting, which was inspected before sign-off.', 'Excuses.Defensive', True, None),
    ('Our investigator concluded that the fee was charged correctly.', 'Excuses.Defensive', True, None),
    ('Hi Jo,\nYour refund is delayed because the bank is still processing it. We can do nothing more until they release it.\nSteve', 'Excuses.Circumstance', True, None),
    ("Hi Jo,\nYour order is late because of a backlog at the warehouse. We'd be happy to answer any questions you may have.\nSteve", 'Excuses.Circumstance', True, None),
    ('Hi Jo,\nYour sofa is late because the factory is behind. Instead of 3 June, it will now arrive on 24 June.\nSteve', 'Excuses.Circumstance', True, None),
    ("Hi Jo,\nI'll send it to the right person.\nKev", 'Commitment.VaguePromise', True, None),
    ("Hi Jo,\nDon't worry, your complaint will go to the right people.\nKev", 'Commitment.VaguePromise', True, None),
    ("Hi Jo,\nI'll make sure it gets to the right person.\nKev", 'Commitment.VaguePromise', True, None),
    ('Hi Jo,\nWe will sort this out as follows.\nAndy replaces the hinge on Monday 28 October at 8am.\nThe £40 call-out fee is refunded today.\nKev', 'Commitment.VaguePromise', False, None),
    ("Hi Jo,\nWe'll put things right in the steps set out below.\n1. Andy replaces the hinge on Monday 28 October at 8am.\n2. The £40 call-out fee is refunded today.\nKev", 'Commitment.VaguePromise', False, None),
    ("Hi Jo,\nIt's the same for everyone in the trade: every gas engineer has to be on the Gas Safe register, and you can check our number on their site.\nKev", 'Excuses.OutsideOurControl', False, None),
    ("Hi Jo,\nThe fault lies with the courier, not you, so I've sent a replacement that arrives tomorrow by 1pm.\nKev", 'Excuses.OutsideOurControl', False, None),
    ('Hi Jo,\nOur time is valuable too, so we charge £30 for missed appointments.\nKev', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Jo,\nSlots are allocated in blocks so our time is used efficiently.\nKev', 'CustomerFocus.OwnAgenda', True, None),
    ("Hi Jo,\nOur engineers' time is limited, so please be in for the whole window.\nKev", 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Jo,\nWe only deliver on Tuesdays, as it keeps our routes efficient for our team and our customers.\nKev', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi,\nThe replacement part arrived this morning. Sam will fit it on Thursday at 10am. If the boiler cuts out again before then, ring Sam on 07700 900123.\nDale', 'CustomerFocus.NeverYou', False, None),
    ("Hi,\nMax's stitches look clean. He's healing well. If he's still licking the wound by Friday, bring Max back in for a check.\nVet", 'CustomerFocus.NeverYou', False, None),
    ("Hi,\nThe order left the warehouse today. It's with Royal Mail. If it hasn't arrived by Friday, email straight back and we'll send another.\nShop", 'CustomerFocus.NeverYou', False, None),
    ("Hi Sara,\nYour lesson can't go ahead tomorrow because the pool is closed for repairs. Jo will ring you tonight to pick a new day.\nMark", 'Empathy.Delay', True, None),
    ("Hi Ana,\nThanks for your message. I'll ring you at 2pm today to talk it through.\nRuth\n\nOn Mon 3 June, Ana wrote:\n> My prescription was forgotten again.\n", 'context:complaint', True, None),
]


# Review 46 (of 0b9c589..3f8f542): both sides of the same edges again, in other registers.
SHAPES_SESSION_25_THIRD = [
    ("Hi Gwen,\nLovely to hear from you: the sea-view room is yours for 12-14 July, and I've added a bottle of fizz.\nTom, Harbour Inn\n\nOn Mon, Gwen wrote:\n> That's three times now we've stayed at the Harbour and it gets better every time. Could we book the sea-view room for 12-14 July?\n", 'context:complaint', False, None),
    ("Hi Raj,\nYes: returning guests get 10% off, and I've applied it to your June booking.\nKate\n\nOn Mon, Raj wrote:\n> That's 3 times this year I've booked with you. Do returning guests get a discount?\n", 'context:complaint', False, None),
    ('Hi Mrs Owusu,\nCongratulations on the new baby! Alfie can start breakfast club on Monday; it opens at 7:45.\nMrs Patel, Office\n\nOn Mon, Ama Owusu wrote:\n> Sorry, Alfie was late twice this week. The baby arrived and mornings are chaos! Can he start breakfast club on Monday?\n', 'context:complaint', False, None),
    ("Hi Lena,\nNo problem: I've moved Thursday's lesson to Friday at 5pm.\nNina\n\nOn Mon, Lena wrote:\n> My husband's shift was moved again, so could we change Thursday's lesson to Friday?\n", 'context:complaint', False, None),
    ("Hi Mr Hale,\nOf course: we'll hold your post from Saturday 5 July and deliver it all on the 19th.\nSorting Office\n\nOn Mon, Dan Hale wrote:\n> We're off yet again to Cornwall next week! Could you hold our post from Saturday?\n", 'context:complaint', False, None),
    ("Hi Priya,\nOf course: a chocolate sponge for Friday is no trouble, ready from 10am.\nBella's Bakes\n\nOn Mon, Priya wrote:\n> I've left it late yet again, sorry! Any chance of a chocolate sponge for Friday?\n", 'context:complaint', False, None),
    ("Hi Tom,\nYes, Oliver's spare pair will be ready on Thursday, £45.\nOptics\n\nOn Mon, Tom wrote:\n> I was upset with Oliver for breaking his glasses, but he's promised to be careful. Can we order a spare pair?\n", 'context:complaint', False, None),
    ("Hi Kim,\nNo fee at all. The 10th at 4pm is booked for you.\nSue, Reception\n\nOn Mon, Kim wrote:\n> I know I've missed twice this term, so I understand if there's a fee. Can I book the 10th?\n", 'context:complaint', False, None),
    ('Hi Mrs Roy,\nOur engineer Dan will be with you tomorrow at 8am.\nHeatwise\n\nOn Mon, Jo Roy wrote:\n> My husband has phoned you three times this week about the boiler and we still have no heat.\n', 'context:complaint', True, None),
    ("Hi Ben,\nI've booked an engineer for Thursday at 9am.\nAppliances\n\nOn Mon, Ben wrote:\n> I emailed on Monday and called twice since, and the fridge is still leaking.\n", 'context:complaint', True, None),
    ("Hi Sue,\nYour refund of £60 went back to your card today.\nShop\n\nOn Mon, Sue wrote:\n> I've emailed and phoned three times about the refund.\n", 'context:complaint', True, None),
    ('Hi Mr Cole,\nThe new window goes in on Monday at 8am.\nGlazing\n\nOn Mon, Ed Cole wrote:\n> My wife has chased this three times now.\n', 'context:complaint', True, None),
    ("Hi Mr Dale,\nCongratulations on the new house! A repaint and deep clean of the hall and kitchen comes to £640; we can start on 2 June.\nBright Decor\n\nOn Mon, Rob Dale wrote:\n> We've just bought the house: the hall is scuffed everywhere from the last owners' dog and the kitchen covered in grease. Could you quote for a repaint and deep clean?\n", 'context:complaint', False, None),
    ("Hi Mr and Mrs Evans,\nSo glad you made it! Thank you for the kind review; I'll pass it on to Gary.\nCoastal Cabs\n\nOn Mon, Lyn Evans wrote:\n> We were so terrified we'd miss the ferry, but your driver got us there with minutes to spare. Thank you!\n", 'context:distress', False, None),
    ('Hi Mrs Ward,\nHow lovely to hear. Dr Shah has 4pm on Tuesday free for your husband.\nReception\n\nOn Mon, Mrs Ward wrote:\n> I was terrified of the dentist as a child, but Dr Shah was so gentle. Can I book my husband in too?\n', 'context:distress', False, None),
    ("Hi Tom,\nReset links last 30 minutes; I've sent a fresh one now.\nSupport\n\nOn Mon, Tom wrote:\n> I clicked the link in your email to reset my account password and I entered the new one, but it says the link has expired.\n", 'context:distress', False, None),
    ("Hi Carol,\nOf course: the therapy dog will skip Ben's room on Thursday.\nWard 4 Play Team\n\nOn Mon, Carol wrote:\n> Ben has just come out of hospital after his operation, and he's scared of dogs, so could the therapy dog skip his room?\n", 'context:distress', True, None),
    ("Hi Jan,\nThe ward visit is fine on Sunday at 2pm. One of the nurses is frightened of dogs, so please leave Rolo at home.\nWard Office\n\nOn Mon, Jan wrote:\n> Mum has been in hospital for three weeks and she's so unwell. I'd love to bring her dog in.\n", 'context:distress', True, None),
    ("Hi Claire,\nNo problem at all: Dan will start on Monday 14th at 8am.\nMark, Oak Kitchens\n\nOn Mon, Claire wrote:\n> We're away that week, so the fitter won't be able to start on the Monday. Could he start on the 14th instead?\n", 'context:delay', False, None),
    ("Hi Mr Grey,\nThanks for the warning: Lee will bring the small van on Friday at 10am.\nRemovals\n\nOn Mon, Mr Grey wrote:\n> The driver can't come up our lane as it's too narrow, so please use a small van.\n", 'context:delay', False, None),
    ("Hi Dev,\nThe plumber won't be with you long: it's a twenty-minute job on Tuesday at 9am.\nSue", 'context:delay', False, None),
    ("Hi Lucy,\nThe engineer won't be coming into the house: the meter is outside, so there's no need to be home on Friday.\nTom", 'context:delay', False, None),
    ("Hi Ben,\nMost of all I know how much the boys were looking forward to Saturday's match. We'll replay it on 14 June at 10am, and the £5 entry is refunded.\nCoach Dave", 'Empathy.Delay', False, 'delay'),
    ('Hi Mr Shah,\nTo be honest I know this has been a miserable fortnight for you. Our plumber comes tomorrow at 8am.\nAnna', 'Empathy.Complaint', False, 'complaint'),
    ("Dear Mrs Ahmed,\nAll of us at the practice have signed a sympathy card, and it's in the post to you today. There's nothing to pay for Bella's last visit.\nKaren, Vets4Pets", 'Empathy.Bereavement', False, 'bereavement'),
    ("Dear Mr Shaw,\nEnclosed is a sympathy card from everyone at the surgery. Your wife's repeat prescriptions have been cancelled, so you won't receive any more reminders.\nDr Hill", 'Empathy.Bereavement', False, 'bereavement'),
    ("Dear Mrs Kaur,\nSorry for the sudden loss of your husband. I've closed his mobile contract with no charge.\nAmy", 'Empathy.Bereavement', False, 'bereavement'),
    ("Dear Mrs Day,\nWe can only imagine the weeks you've had since Raj died. I've closed his account and refunded £42 to you.\nAccounts", 'Empathy.Bereavement', False, 'bereavement'),
    ('Dear Mr Lee,\nThe book of remembrance entry is charged at £85, payable within 14 days.\nAccounts', 'Empathy.Bereavement', True, 'bereavement'),
    ('Dear Mrs Cole,\nDonations made in her memory cannot be refunded once processed.\nFundraising', 'Empathy.Bereavement', True, 'bereavement'),
    ('Dear Mrs Grant,\nThe remembrance service is on 12 May at 2pm; places are £15 and must be booked by Friday.\nEvents Team', 'Empathy.Bereavement', True, 'bereavement'),
    ("Hi Ellie,\nCongratulations! Motorway lessons are £45 an hour; Tuesday at 5pm is free.\nDrive Right\n\nOn Mon, Sue wrote:\n> Our daughter passed recently, first time! So we'd like to book her some motorway lessons.\n", 'context:bereavement', False, None),
    ("Hi Mrs Ali,\nWell done to Zain! Pass Plus starts at £180; I can do Saturdays.\nDrive Right\n\nOn Mon, Mrs Ali wrote:\n> He passed in May, so he's fully qualified now and wants the Pass Plus course.\n", 'context:bereavement', False, None),
    ("Hi Priya,\nIt isn't clear from your booking which date suits you best: could you let me know?\nTom", 'Excuses.BlameCustomer', False, None),
    ("Hi Mr Grant,\nIt wasn't clear on your order form whether you wanted oak or walnut, so I've held both until you choose. No rush.\nSue", 'Excuses.BlameCustomer', False, None),
    ("Hi Jo,\nDecember slots fill within days. We recommend customers book by 15 November for this reason, and I've held 9 December for you.\nChimney Sweeps", 'Excuses.BlameCustomer', False, None),
    ("Hi Mr Dunn,\nWe can't refund it, for this reason: you should have checked the size guide before ordering.\nShoes", 'Excuses.BlameCustomer', True, None),
    ("Hi Mr Dunn,\nWe have read the contract carefully and you should have given a month's notice.\nLettings", 'Excuses.BlameCustomer', True, None),
    ('Hi Mr Dunn,\nThe repair came to £450, which you approved, so you should have known the parts were extra.\nGarage', 'Excuses.BlameCustomer', True, None),
    ('Hi Anna,\nThe design you approved showed the old logo, but that should have been picked up at our end, and the reprint is free.\nPrint Co', 'Excuses.BlameCustomer', False, None),
    ("Hi Mr Lowe,\nThe error was made after we received your form. You didn't include the flat number.\nDeliveries", 'Excuses.BlameCustomer', True, None),
    ("Dear Mr Ojo,\nThe Financial Ombudsman found that the charges were applied correctly, so the £40 fee stands. I know that's not the answer you hoped for.\nComplaints", 'Excuses.Defensive', False, None),
    ('Dear Ms Hart,\nIn its decision, it found that the arrangements had been applied correctly.\nAdmissions', 'Excuses.Defensive', False, None),
    ("Hi Pete,\nWe can't fit the boiler on Saturday, as our engineers are all booked. We can do Friday at 8am instead.\nHeatwise", 'Excuses.Circumstance', False, None),
    ('Hi Pete,\nThe class is off as the instructor is ill. What we can do for you is a free place next week or a full refund.\nGym', 'Excuses.Circumstance', False, None),
    ('Hi Pete,\nThe table is late because the supplier is out of stock. Instead you could have the oak version at the same price.\nFurniture', 'Excuses.Circumstance', False, None),
    ("Hi Pete,\nYour heating repair is delayed because of the storm. I'd be happy to lend you a heater until then.\nHeatwise", 'Excuses.Circumstance', False, None),
    ("Hi Pete,\nThe lesson is off as the instructor is on holiday. Instead, we'll let you know when he's back.\nSchool", 'Excuses.Circumstance', True, None),
    ('Hi Sam,\nOnce your account is closed, we will no longer be able to take payments from it, so nothing more will leave your bank.\nBank', 'Negativity.CannotFirst', False, None),
    ('Hi Sam,\nThe fault lies with the courier, not with us.\nShop', 'Excuses.OutsideOurControl', True, None),
    ('Hi Sam,\nAny error is with the council, so please contact them directly.\nLettings', 'Excuses.OutsideOurControl', True, None),
    ("Hi Sam,\nIt's the same for everyone in the trade at the moment, I'm afraid.\nTimber Yard", 'Excuses.OutsideOurControl', True, None),
    ('Hi Mr Tate,\nYour extension is a big job for us, so Dan will run it personally and ring you every Friday at 4pm.\nTate Builders', 'CustomerFocus.OwnAgenda', False, None),
    ('Hi all,\nPlease wear a mask in the waiting room to protect our staff and patients.\nReception', 'CustomerFocus.OwnAgenda', False, None),
    ('Dear Parents,\nThe gate is locked at 9am to keep our staff and pupils safe.\nSchool Office', 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Sam,\nOur time is limited, so please be ready at 8am.\nJo', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Sam,\nThank you for shopping with us! Please remember your 10% loyalty discount applies on all future orders.\nShop', 'Negativity.Scolding', False, None),
    ('Hi Sam,\nLovely to see you on Saturday. For future visits, please remember parking is free after 6pm.\nThe Bistro', 'Negativity.Scolding', False, None),
    ('Hi Tom,\nPleased to say the invoice for your retirement party is attached: £640, due by Friday.\nVenue', 'Empathy.BigMoment', True, 'celebration'),
    ('Our Leeds depot is closed this week for resurfacing. The team will work from the Wakefield site. Once the works finish, Ring Road access reopens.', 'CustomerFocus.NeverYou', True, None),
    ("Hi Sam,\nIt's an important order for us, and all 200 chairs arrive on 3 March at 9am.\nFurniture", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Mark,\nNo problem: the transfer is now 6pm on Friday.\nAirport Cars\n\nOn Mon, Mark wrote:\n> Our flight's been moved again by the airline, so could we shift the airport transfer to 6pm?\n", 'context:complaint', False, None),
    ("Hi Jess,\nHa, congratulations again! The hamper will be at the shop for you from Friday.\nDeli\n\nOn Mon, Jess wrote:\n> This is twice in a row I've won your raffle!\n", 'context:complaint', False, None),
    ("Hi Lou,\nNot at all: Thursday at 10am is booked.\nSalon\n\nOn Mon, Lou wrote:\n> I've cancelled twice on you now, so sorry! Could I have Thursday at 10?\n", 'context:complaint', False, None),
    ('Hi both,\nCongratulations on your new home! The snagging visit is Tuesday at 10am.\nHomes\n\nOn Mon, Tara wrote:\n> We were shaking with excitement when the keys were handed over!\n', 'context:distress', False, None),
    ("Dear Mrs Kaur,\nSorry about the recent loss of your mum. I've closed her account with nothing to pay.\nAmy", 'Empathy.Bereavement', False, 'bereavement'),
    ("Dear Mrs Ahmed,\nWe've sent you a sympathy card from all of us. There's nothing to pay for Bella's last visit.\nKaren", 'Empathy.Bereavement', False, 'bereavement'),
    ('Dear Mr Ojo,\nThe Local Government Ombudsman concluded that the charges had been calculated correctly.\nComplaints', 'Excuses.Defensive', False, None),
]


# Review 47 (of 3f8f542..dee3399): the session's last additions (a customer's pride, tears already over, credit given,
# a claim's status, a colleague's call), both sides again.
SHAPES_SESSION_25_FOURTH = [
    ("Hi Mrs Patel,\n\nI'm sorry two of the doors have dropped. Our fitter Dan will come on Thursday at 9am to rehang them, at no charge.\n\nKaren\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> I was so proud of that kitchen when you fitted it. Now two of the doors have dropped and nobody has called me back.", 'context:celebration', False, None),
    ("Dear Mr Okafor,\n\nThank you for explaining. I've asked our lending team to review the decision and give you the full reasons by Friday 7 June.\n\nPriya\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> I've banked with you for 30 years and I was proud of my credit record. Now you've declined my loan with no reason given.", 'context:celebration', False, None),
    ("Dear Mrs Hughes,\n\nThank you for telling us. I've put a 60-day hold on the bill and our support team will call you tomorrow morning to set up a plan you can afford.\n\nTom\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> I am proud and I don't ask for help easily, but I can't pay this bill until my pension comes in.", 'context:celebration', False, None),
    ("Hi Jo,\n\nPlease bring Bella in today; I've kept the 4:20pm slot free for her with Dr Shah.\n\nReception\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> Bella was so proud of herself after her first long walk, but tonight she's limping and won't put any weight on her back leg.", 'context:celebration', False, None),
    ("Hi Carl,\n\nThe garden team will re-turf the verge on Wednesday and we'll cover the cost.\n\nMel\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> We were so proud of our front garden, and your lorry has churned up the whole verge.", 'context:celebration', False, None),
    ("Dear Ms Ali,\n\nThank you for letting us know. I've spoken to the swimming coach and from Monday a member of staff will wait with Maya until you arrive.\n\nHead of Year 4\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> My daughter was left alone in the changing room after swimming because nobody came to get her. She stopped crying at bedtime and now refuses to go back.", 'context:distress', True, None),
    ("Dear Mr Price,\n\nThank you for telling us. We'll pay the vet's bill in full and our manager will call you today.\n\nHappy Paws Kennels\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> Our dog was hit by a car outside your kennels when the gate was left open. Poppy stopped crying only after the vet sedated her.", 'context:distress', True, None),
    ("Hi Sara,\n\nI'll call you at 3pm to talk about tomorrow.\n\nJen, Little Acorns\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> He had stopped crying by the time I got there, but he'd been left sobbing in the corridor for forty minutes.", 'context:distress', True, None),
    ("Hi Dev,\n\nThe filter you fitted was fine; our seal is what's caused the leak, so the repair is on us.\n\nMike", 'Excuses.BlameCustomer', False, None),
    ("Dear Ms Ford,\n\nThe failed delivery is marked as your fault because you weren't in when the driver called.\n\nParcelCo", 'Excuses.BlameCustomer', True, None),
    ("Hi Mr Tan,\n\nCancelling your appointment was the surgeon's decision, so that was his call, and he was right, not ours to question.\n\nWard Office", 'Excuses.BlameOthers', True, None),
    ("Hi Mrs Ives,\n\nThe refund delay is down to our finance manager: that was her call, and a good one as far as I'm concerned.\n\nShop", 'Excuses.BlameOthers', True, None),
    ("Hi Ruth,\n\nNot a problem at our end - we're happy to move your appointment to Friday at 10am.\n\nReception", 'Excuses.Defensive', False, None),
    ("Hi Ruth,\n\nThat's not an issue on our side at all; we can post the keys to you tomorrow.\n\nLettings", 'Excuses.Defensive', False, None),
    ("Hi Ruth,\n\nYour pension transfer is with Aviva at the moment, so there's nothing we have sight of yet; I've chased them and will update you on Friday.\n\nAdviser", 'Excuses.Defensive', False, None),
    ("Hi Ruth,\n\nIf the leak wasn't anything we did, we'll still come out free of charge to find the cause.\n\nPlumbing", 'Excuses.Defensive', False, None),
    ('Dear Mrs Watts,\n\nNone of this should have happened if you had read the terms before booking. The fee stands.\n\nNina\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> This is ridiculous. You charged me a £40 fee for cancelling a day early.', 'Empathy.Complaint', True, None),
    ("Dear Mrs Watts,\n\nNeither of these should have happened, but the courier lost both parcels, not us. We'll let you know what they say.\n\nNina\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> This is unacceptable. Two parcels lost in a month.", 'Empathy.Complaint', True, None),
    ('Hi Amy,\n\nLovely to hear it all went well for your anniversary, and thank you for the card to the kitchen team.\n\nThe Old Mill', 'Empathy.BigMoment', False, 'celebration'),
    ('Hi Amy,\n\nSo glad you had a lovely evening on your birthday, and thank you for the kind review.\n\nThe Old Mill', 'Empathy.BigMoment', False, 'celebration'),
    ("Dear Mrs Holt,\n\nThe children would like to plant a rowan tree in her memory by the school gate, if you'd be happy with that. We'll send you a photo when it's in.\n\nMrs Grey, Head", 'Empathy.Bereavement', False, 'bereavement'),
    ("Dear Mr Dean,\n\nWe've added June's name to our book of remembrance in the chapel, and you're welcome to visit it any afternoon.\n\nHospice", 'Empathy.Bereavement', False, 'bereavement'),
    ("Hi Ms Dunn,\n\nIt wasn't clear from your instructions that the gate code had changed, which is why our driver couldn't get in.\n\nDeliveries", 'Excuses.BlameCustomer', True, None),
    ("Hi Ms Dunn,\n\nI've read your email carefully, and I'm sorry: the fee should never have been charged. I've refunded it today.\n\nAccounts", 'Excuses.BlameCustomer', False, None),
    ("Hi Mr Hart,\n\nYour fitter will be with you on Tuesday 11 June at 8am.\n\nOffice\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> Your builder has just told me he won't be starting until March now.", 'context:delay', True, None),
    ("Hi Mr Hart,\n\nI'm afraid the plumber won't be coming after all, as he's off sick. Can I book you in for Thursday at 9am?\n\nOffice", 'context:delay', True, None),
    ("Hi Mrs Wood,\n\nYour next collection is on Friday.\n\nCouncil\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> Our bin has been missed three times in a row and I'm sick of it.", 'context:complaint', True, None),
    ('Hi Mrs Wood,\n\nThe engineer will call you on Friday.\n\nLifts\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> I was shaking like a leaf when the alarm went off.', 'context:distress', True, None),
    ("Hi Mrs Wood,\n\nI'll close the account once you send the certificate.\n\nBank\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> I'm writing about my aunt Joan's account. She passed in March.", 'context:bereavement', True, None),
    ("Hi Mrs Wood,\n\nI'll close the account once you send the certificate.\n\nPhone Shop\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> Our son passed suddenly in May and I need to cancel his contract.", 'context:bereavement', True, None),
    ("Hi Ms Dunn,\n\nThe new hose came to £48.60, which you approved, so I've fitted it and the car is ready to collect.\n\nGarage", 'Excuses.BlameCustomer', False, None),
    ("Hi Mr Bell,\n\nI'm sorry for the wait. I've answered your three questions below.\n\nSupport\n\nOn Mon 3 Jun 2024, Sam Price wrote:\n> Your newsletter said 'we're so proud of our award-winning service', but I've waited three weeks for a reply.", 'context:celebration', False, None),
]


# Review 48 (of 1a3a5ce, session 26's rules from blind reads 205-208): what that commit got wrong and the next gets
# right. A record turned against itself or owned nearby is no blame, our own "should have told you" owns it, a future
# "we should have your parcel back" does not; the customer's own business protected is no agenda of ours; a change
# made for our staff is no remedy; "well done" on a steak is no praise; a child lost in a shop for ten minutes is no death.
# Review 49 (of 36adc33, the mends): a turn that keeps the blame ("however your parcel is at the depot") exempts no
# record, "sorry you feel that way" owns nothing, "won't disrupt our schedule" is a negation, "We lost her on Sunday and
# I need to cancel her cover" is a death.
# Review 50 (of 8beb1ad, those mends): "does not in any way disrupt our schedule" is a negation, a change "so this won't
# happen again" is a remedy only after a change to the rota or cover, "our review panel found" is no independent finding,
# "we lost her on Sunday, and we're desperate to find her" is no death, "Congratulations to us" speaks to no reader.
# (Where reviews 48 to 50 asked for opposite things, one side gave way: "Congratulations to the under-12s on winning the
# county cup!" no longer speaks to the reader, as "Congratulations to the Leeds branch" must not; a vet's "something no
# one could foresee, and you did everything right" reads as an excuse, as "something nobody could foresee, so your sofa
# will arrive when it arrives" must.)
SHAPES_SESSION_26 = [
    ('Dear Mr Clarke,\nThanks for your claim form. Most people can expect a decision in a few weeks.\nRegards,\nClaims Team\n', 'Commitment.VaguePromise', True, None),
    ("Hi Paul,\nI know you wanted the extension finished by summer. Nobody can get planning through in a few weeks, so we'll get back to you in a few months.\nThanks,\nBryn Builders\n", 'Commitment.VaguePromise', True, None),
    ('Hi Nadia,\nThanks for your questions about cover for the salon. Public liability insurance is there to protect the business against claims if a client slips or has a reaction to a product. Your quote is £148 a year, and it can start on Monday.\nBest,\nOwen, Brightside Insurance Brokers\n', 'CustomerFocus.OwnAgenda', False, None),
    ('Dear Dr Amin,\nYour new alarm is now live. It is set up to protect the clinic from break-ins overnight, and the code for your staff is in the envelope I left at reception.\nRegards,\nSecureSite\n', 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Priya,\nDon't worry about whether it disrupts our schedule: moving Ellie's lesson to Thursday at 5pm is fine, and the room is free.\nSee you then,\nMark\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Ben,\nNothing you've asked for upsets our routine, so send the extra measurements whenever you have them. The cabinets are still on track for 20 June.\nCheers,\nAlder Joinery\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Sue,\nIt hardly disrupts our week at all. I've swapped your clean to Friday at 10am, same cleaner.\nThanks,\nSparkle Cleaning\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Mr Evans,\nGood news about deliveries. We used to deliver to your village on Wednesdays only, but from 1 May you can choose any weekday, and there's no extra charge.\nRegards,\nDales Farm Shop\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Zoe,\nIt didn't just disrupt our workflow, it cost the team a full afternoon, so the cancellation fee stands.\nRegards,\nStudio 9\n", 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Hannah,\nThank you for choosing us for the wedding. Your photos will be edited on Tuesday while our studio has spare capacity, so the full gallery will be with you by Wednesday noon.\nCongratulations again,\nLucy\n', 'CustomerFocus.OurWorkload', False, None),
    ("Hi Greg,\nWe've been inundated since the storm, and we've changed our shifts so the office is never left empty, so please bear with us for a reply.\nRegards,\nClaims desk\n", 'CustomerFocus.OurWorkload', True, None),
    ("Hi Ella,\nOur groomers are fully booked until August, and we've adjusted the schedule so the salon is never short-staffed at weekends.\nThanks,\nPampered Paws\n", 'CustomerFocus.OurWorkload', True, None),
    ("Hi Ian,\nPlease don't blame yourself: a late frost like that is something nobody can predict. I'll bring two new acers on Saturday morning, free of charge.\nBest,\nFern, Greenways Gardening\n", 'Excuses.OutsideOurControl', False, None),
    ("Hi Mark,\nThanks for the photos of the lights. The fault is most likely your router: it's from a batch we sent out with faulty firmware, so a replacement is on its way to you free and should arrive tomorrow.\nSorry for the hassle,\nFibrenet Support\n", 'Excuses.BlameCustomer', False, None),
    ("Dear Mr Bell,\nI'm so sorry. The hold-up was caused by your application not being submitted on time, because I forgot to press send. It went in this morning, and I've asked for it to be fast-tracked.\nRegards,\nLisa, Visa Services\n", 'Excuses.BlameCustomer', False, None),
    ("Hi Omar,\nYou're right to query the extra £40. It was listed on the quote you approved; I should have pointed it out when we spoke, so I've taken it off your invoice.\nSorry about that,\nDean\n", 'Excuses.BlameCustomer', False, None),
    ("Hi Julia,\nI've looked into why your parcel came back. Our driver was given an address without a house number because our checkout page cut it off, which is our bug. Your parcel is out again today with the full address.\nSorry,\nPip, Woolly Wonders\n", 'Excuses.BlameCustomer', False, None),
    ("Hi Sam,\nIn line with the cancellation policy you signed, you should have given us 48 hours' notice, so the deposit is kept.\nRegards,\nBookings\n", 'Excuses.BlameCustomer', True, None),
    ('Hi Anna,\nThe delivery failed, and this was because you gave us the wrong postcode, but we should have your parcel back at the depot by Friday.\nThanks,\nDispatch\n', 'Excuses.BlameCustomer', True, None),
    ("Hi Colin,\nThe refund is late because you didn't send the signed form back, but I should have it processed within a week of it arriving.\nRegards,\nAccounts\n", 'Excuses.BlameCustomer', True, None),
    ('Hi Tom,\nOur system shows the payment was taken twice, but this is the expected behaviour for a card pre-authorisation.\nThanks,\nBilling\n', 'Excuses.Defensive', True, None),
    ("Hi Laura,\nThe tracking says it's with the courier, but that's not something we have visibility of.\nThanks,\nCustomer Care\n", 'Excuses.Defensive', True, None),
    ('Hi Frank,\nThe logs show your connection dropping every evening, however this is normal behaviour on a busy line.\nRegards,\nBroadband Support\n', 'Excuses.Defensive', True, None),
    ('Hi Mrs Ford,\nThe meter app shows high readings overnight, but it is working as designed.\nRegards,\nEnergy team\n', 'Excuses.Defensive', True, None),
    ('Hi Victor,\nOur records show the bin was emptied on Tuesday, although I can confirm there was no fault on our side.\nRegards,\nWaste Services\n', 'Excuses.Defensive', True, None),
    ("Hi Mr Osei,\nYou're right to be annoyed. No renewal reminder was sent to the email address on file this year, because of a fault in our system, so I've cancelled the renewal and refunded the £89.\nSorry,\nJade, Subscriptions\n", 'Excuses.Defensive', False, None),
    ("Hi Claire,\nReminders were sent to the email address on file, but they went to the old work address you asked us to change in March. I've refunded the renewal and updated your details.\nSorry about this,\nSubscriptions\n", 'Excuses.Defensive', False, None),
    ("Hi Helen,\nI'm sorry your parcel didn't arrive. The tracking shows a calling card was left at 2:10pm. I've spoken to the driver: he went to number 14 instead of 41, which is our mistake, and your parcel will be with you tomorrow before 10am.\nBest,\nAaron, ParcelGo\n", 'Excuses.Defensive', False, None),
    ("Hi Mr Doyle,\nOur engineer's notes say nobody was home on Tuesday, and I'm sorry, because your doorbell video shows he never reached your door. He'll be back on Friday at 8am, and there's no call-out charge.\nRegards,\nSam, HomeServe Plumbing\n", 'Excuses.Defensive', False, None),
    ("Hi Bea,\nThanks for the photos of the table. The damage is consistent with a post-delivery impact, which means it happened in our courier's van, so a new table is on its way and arrives Thursday.\nSorry,\nOakwood Furniture\n", 'Excuses.Defensive', False, None),
    ("Hi Mr Price,\nThe leak started after our work was completed, so it's ours to put right. Dan will be with you at 8am on Monday, and there's nothing to pay.\nRegards,\nAce Plumbing\n", 'Excuses.Defensive', False, None),
    ("Hi Jo,\nI've checked the service record. The seal was found to have been loosened after our service, by our own engineer when he tested the pressure, so the call-out fee is refunded and the seal has been replaced.\nSorry,\nBoiler Care\n", 'Excuses.Defensive', False, None),
    ("Dear Mrs Lin,\nClosing the pool during your stay wasn't something we wanted, and I'm sorry it spoiled your weekend. I've refunded your spa day and booked you into our sister hotel's pool on Saturday.\nKind regards,\nFront Office\n", 'Excuses.Defensive', False, None),
    ("Hi Rob,\nI can't tell you it wasn't a fault with our workmanship, because it was: the joint wasn't sealed. I'll redo it free on Wednesday at 9am.\nSorry,\nTiling by Tony\n", 'Excuses.Defensive', False, None),
    ("Hi Mr and Mrs Ahmed,\nThank you for telling me about Zain's detention. I'm sorry; I'll speak to Mr Carr today and call you by 4pm.\nMrs Hill, Head of Year 8\n\nOn Mon 12 May, Sara Ahmed wrote:\n> Zain has a tic and he can't stop grinning when he's anxious. The PE teacher gave him a detention for it and we are upset.\n", 'context:celebration', False, None),
    ("Dear Ms Reid,\nI'm very sorry you went through that. I've asked our security manager to review Saturday's footage and I'll call you by Wednesday.\nCustomer Services, Westfield Centre\n\nOn 3 March, Gemma Reid wrote:\n> I lost him on Saturday in your toy department for ten minutes and not one member of staff helped me look for my son.\n", 'context:bereavement', False, None),
    ("Hi Jon,\nI've flagged Pip as missing on the database, so any vet or warden who scans him will see your number. Fingers crossed for a quick reunion.\nPetTrace\n\nOn Sun, Jon Moss wrote:\n> We lost him on Sunday at the beach, he slipped his lead. He's microchipped with you, can you mark him missing?\n", 'context:bereavement', False, None),
    ("Hi Kev,\nGood to hear Tom is back training. His next physio session is Thursday at 6pm.\nCore Physio\n\nOn 10 May, Kev Ross wrote:\n> We lost him last month to a knee injury but he's back with the team now.\n", 'context:bereavement', False, None),
    ('Hello,\nOur kitchen has reopened after the refit. Our chefs now cook every steak well done as standard. Our new menu launches on Friday. Our prices have gone up by 5%.\nThe Grill\n', 'CustomerFocus.NeverYou', True, None),
    ('Dear customer,\nCongratulations to our installation team, who won Regional Installer of the Year. Our order book is now full until September. New enquiries will be added to the waiting list.\nSolarBright\n', 'CustomerFocus.NeverYou', True, None),
    ("Hello,\nMonday's staff training session means the branch will open at 11am. Our team will be learning the new till system. Normal hours resume on Tuesday.\nHigh Street Branch\n", 'CustomerFocus.NeverYou', True, None),
    ("Hello,\nThursday's team outing means the salon will be closed all day. The team have earned a day off after a busy summer. Bookings resume on Friday.\nSalon Nine\n", 'CustomerFocus.NeverYou', True, None),
    ("Hi Mr Field,\nWe've changed the rota so that nobody has to work Saturdays any more, so your Saturday fitting has moved to Monday 9 June.\nThanks,\nCarpet Barn\n", 'CustomerFocus.OwnAgenda', True, None),
    ("Hi Mo,\nWe're swamped with orders this month, and we've added staff to the rota so that no one is left packing on their own, so your order will go out when we can.\nThanks,\nGift Box Co\n", 'CustomerFocus.OurWorkload', True, None),
    ('Hi Chris,\nYour bank statement shows the charge, but that is our standard behaviour for annual plans and it is working as intended.\nRegards,\nBilling\n', 'Excuses.Defensive', True, None),
    ("Hi Paul,\nYour statement shows this is the expected behaviour after a card is replaced, but I can see nobody told you that, so I've refunded the £12 charge.\nRegards,\nNina\n", 'Excuses.Defensive', False, None),
    ('Hi Mr Shaw,\nHad we been told about the dog, the groomer could have planned for it, so you should have mentioned it when you booked.\nRegards,\nPaws Salon\n', 'Excuses.BlameCustomer', True, None),
    ("Hi Lena,\nPlease follow the washing instructions on the label, so it's done properly next time and the colour doesn't run again.\nThanks,\nKnit Studio\n", 'Excuses.BlameCustomer', True, None),
    ("Hi Sarah,\nIf we had been told you'd moved house, the card would have gone to the right address, so you should have updated your details.\nRegards,\nMembership team\n", 'Excuses.BlameCustomer', True, None),
    ("Hi Alana,\nThis isn't our bug: you're on an old version of the app, and you should have updated it when prompted.\nThanks,\nApp support\n", 'Excuses.BlameCustomer', True, None),
    ('Hi Ana,\nLate changes upset our schedule for the whole week, so we charge £30 to move a booking.\nThanks,\nBloom Florists\n', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Ian,\nWe take a £50 deposit to protect the salon from last-minute cancellations.\nThanks,\nStudio 9\n', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Grace,\nWe ask for payment upfront to protect the business from fraud and unpaid invoices.\nRegards,\nPrint Hub\n', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Kim,\nWe used to deliver to your village every day, but now our drivers cover your area on Thursdays only.\nThanks,\nFreshBox\n', 'CustomerFocus.OwnAgenda', True, None),
    ('Hi Dean,\nIf you cancel on the day it disrupts our workflow for the following week, so the full fee is payable.\nThanks,\nClean Crew\n', 'CustomerFocus.OwnAgenda', True, None),
    ("Hi Jamal,\nMoving your appointment won't disrupt our schedule at all, so pick whichever day suits you.\nThanks,\nVita Physio\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Helen,\nWe'll start editing your wedding film when our editing team has capacity, which should be in the spring.\nThanks,\nReel Studio\n", 'CustomerFocus.OurWorkload', True, None),
    ('Hi Josh,\nYour retouching will be picked up whenever our studio has spare capacity.\nThanks,\nPixel Lab\n', 'CustomerFocus.OurWorkload', True, None),
    ("Hi Tara,\nI'm sorry you waited on hold for an hour on Monday. We're down two agents this month, so we've extended the team's hours so it won't happen again, and I've called you back myself.\nRegards,\nKris\n", 'CustomerFocus.OurWorkload', False, None),
    ('Hi Liam,\nThe frost that week was something none of our crews could predict, so the patio is now delayed to March.\nThanks,\nTerrace Ltd\n', 'Excuses.OutsideOurControl', True, None),
    ("Hi Jane,\nI've cancelled the direct debit and the final invoice won't be issued.\nKind regards,\nPaul\n\nOn 3 May, Jane Hart wrote:\n> Please cancel my husband's gym membership. We lost him last week after a short illness.\n", 'context:bereavement', True, None),
    ("Hi Owen,\nI've closed the pet insurance policy for Bella from today.\nRegards,\nClaims team\n\nOn 2 June, Owen Price wrote:\n> Bella was with us for 14 years. We lost her on Sunday and I need to cancel her cover.\n", 'context:bereavement', True, None),
    ("Hi Sheila,\nI've moved the account into your name.\nRegards,\nBilling\n\nOn 9 Sept, Sheila Marsh wrote:\n> Dad's account needs closing. We lost him earlier this year and I'm sorting his affairs.\n", 'context:bereavement', True, None),
    ("Hi Pete,\nYour next check-up is in six months.\nThanks,\nClinic\n\nOn 1 May, Pete Lane wrote:\n> I can't stop grinning at my new teeth, thank you!\n", 'context:celebration', True, None),
    ("Hi all,\nHuge congratulations, what a season! Tonight's team practice moves to the sports hall because the pitch is waterlogged. Kit as usual.\nCoach Ali\n", 'CustomerFocus.NeverYou', False, None),
    ("Hi all,\nSaturday's outing to the zoo leaves from school at 9am sharp. Packed lunches and a waterproof coat are needed. The coach returns at 4pm.\nMrs Hunt\n", 'CustomerFocus.NeverYou', False, None),
    ("Hi all,\nTomorrow's training will be on the astro pitch at 6pm. Shin pads are essential. The session ends at 7:30.\nCoach Ali\n", 'CustomerFocus.NeverYou', False, None),
    ('Hello,\nCongratulations on the new baby! The photo shoot is booked for 12 June at 11am. The studio is warm and baby-friendly.\nPixie Photography\n', 'CustomerFocus.NeverYou', False, None),
    ('Hi Dev,\nI should have said no to the cheaper paint, but you should have mentioned the bathroom has no extractor fan.\nCheers,\nLuke\n', 'Excuses.BlameCustomer', True, None),
    ("Hi Meg,\nYour order was cancelled because we didn't receive the measurements, and you should have sent them within 7 days.\nThanks,\nBlinds Online\n", 'Excuses.BlameCustomer', True, None),
    ('Hi Ms Patel,\nThe boiler we fitted is working, and the problem is because your thermostat was set to 12 degrees.\nRegards,\nApex Heating\n', 'Excuses.BlameCustomer', True, None),
    ("Hi Ms Shah,\nHuge congratulations to Amelia on her Grade 5 distinction! Her next lesson is Tuesday at 4pm as usual. The examiner's report is attached.\nBest,\nMr Clarke\n", 'CustomerFocus.NeverYou', False, None),
    ("Hi Sam,\nSwapping to the afternoon doesn't disrupt our diary at all, so I've moved you to 2pm on Friday.\nThanks,\nVita Physio\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Priya,\nYour change of date didn't interrupt our production in the slightest, so there's no fee to pay.\nThanks,\nPrint Hub\n", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Mr Bell,\nWe're short two engineers this month, so I've added Saturday shifts to our rota so no customer has to wait more than two days for a visit.\nRegards,\nKay\n", 'CustomerFocus.OurWorkload', False, None),
    ("Hi Ellie,\nYour new clear aligners are ready to collect from Monday.\nThanks,\nBright Smile\n\nOn 2 May, Ellie Ward wrote:\n> Thank you so much for Josh's braces. He can't stop smiling!\n", 'context:celebration', True, None),
    ("Hi Nadia,\nI can't say it wasn't a surprise to us too, and this is the expected behaviour for sale items, so the discount won't be applied.\nRegards,\nShop support\n", 'Excuses.Defensive', True, None),
    ('Hi Olu,\nMoving your install to next week is not possible because it disrupts our fitting schedule.\nThanks,\nGlaze Ltd\n', 'CustomerFocus.OwnAgenda', True, None),
    ("Dear Ms Hale,\nSwapping your lesson to Wednesday does not in any way disrupt our schedule. I've moved it for you and sent a new confirmation.\nBest,\nRuth\nHale Driving School", 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Gemma,\nA change like this is not going to upset our routine at all. Your dog's grooming is now booked for Saturday at 11.\nThanks,\nLou\nPaws & Claws", 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Jo,\nGood news: we used to cover your postcode area on Tuesdays only, and from March you can book any weekday you like.\nBest,\nMark\nClearView Window Cleaning', 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Jo,\nWe used to collect from your street on Mondays only; from next month our crew will come on any day you choose.\nBest,\nMark\nEcoSkip', 'CustomerFocus.OwnAgenda', False, None),
    ("Hi Sam,\nTo protect the business from no-shows we've brought in a £20 booking fee, so this won't happen again.\nRegards,\nDeb\nStudio Nine Hair", 'CustomerFocus.OwnAgenda', True, None),
    ("Hi Sam,\nLast-minute changes disrupt our workflow, so we've tightened the booking rules so that it doesn't happen again.\nRegards,\nDeb\nStudio Nine Hair", 'CustomerFocus.OwnAgenda', True, None),
    ("Hi Fiona,\nWe can fit your new carpet on Thursday, as that's the only day our fitters have capacity this month.\nBest,\nGary\nFloorwise", 'CustomerFocus.OurWorkload', True, None),
    ("Hi Fiona,\nYour edit will be ready next Tuesday, because that's the only time our editors have spare capacity.\nBest,\nGary\nReel Memories Video", 'CustomerFocus.OurWorkload', True, None),
    ("Hi Margaret,\nI'm so sorry to hear about your roses. A late frost like that is something nobody can predict. Please don't blame yourself: you did everything right with the planting.\nWarm wishes,\nJean\nFernhill Nursery", 'Excuses.OutsideOurControl', False, None),
    ("Hi Mrs Green,\nHow quickly Bella recovers is something no one can predict exactly, but most dogs are back to normal within two weeks. Call me any time if you're worried.\nBest,\nDr Shah\nRiverside Vets", 'Excuses.OutsideOurControl', False, None),
    ('Hi Mark,\nYou did everything right when you ordered; the delay was due to circumstances beyond our control.\nRegards,\nDeliveries Team\nComfyHome', 'Excuses.OutsideOurControl', True, None),
    ('Hi Mark,\nThere was nothing you could have done, and honestly nothing we could have done either: these things happen.\nRegards,\nSupport\nNetLink Broadband', 'Excuses.OutsideOurControl', True, None),
    ("Hi Mark,\nPlease don't blame yourself, the outage was outside our control and we couldn't have prevented it.\nRegards,\nSupport\nNetLink Broadband", 'Excuses.OutsideOurControl', True, None),
    ('Hi Dan,\nThe cancellation fee was on the plan you signed, though we should have talked you through it.\nBest,\nAmy\nFitLife Gym', 'Excuses.BlameCustomer', False, None),
    ('Hi Dan,\nThe fee was on the plan you signed - we should have explained it properly at the time.\nBest,\nAmy\nFitLife Gym', 'Excuses.BlameCustomer', False, None),
    ("Hi Rosa,\nThe problem is most likely your router: it's one from a batch we sent out last spring, so I'm posting you a new one today.\nThanks,\nIan\nSkyFibre", 'Excuses.BlameCustomer', False, None),
    ('Hi Rosa,\nThe problem is most likely your router, which we supplied when you joined in 2021, so a replacement is on its way.\nThanks,\nIan\nSkyFibre', 'Excuses.BlameCustomer', False, None),
    ("Hi Karen,\nYou didn't attend your appointment on Tuesday, but that's because we didn't text you the new time, so of course there's no charge.\nBest,\nLiz\nLakeside Physio", 'Excuses.BlameCustomer', False, None),
    ("Hi Karen,\nThe design you approved showed the old logo. This was our glitch: the template didn't pick up your new logo, and it's fixed now.\nBest,\nTim\nPrintPoint", 'Excuses.BlameCustomer', False, None),
    ("Hi Karen,\nThe design you approved showed the old logo, and I've raised it with our studio manager, who'll make sure it's checked properly next time.\nBest,\nTim\nPrintPoint", 'Excuses.BlameCustomer', False, None),
    ("Hi Mr Lowe,\nI'm sorry that you feel let down, but this isn't a fault with our workmanship.\nRegards,\nSteve\nLowe Roofing", 'Excuses.Defensive', True, None),
    ("Hi Mr Lowe,\nI'm sorry it wasn't what you expected, but the app is working as intended.\nRegards,\nSupport\nBudgetly", 'Excuses.Defensive', True, None),
    ("Hi Mr Lowe,\nThe app is working as intended, so I've cancelled your support ticket.\nRegards,\nSupport\nBudgetly", 'Excuses.Defensive', True, None),
    ("Hi Mr Lowe,\nI won't claim this wasn't something we could have caught. It was, and I'm reprinting the batch today.\nRegards,\nTim\nPrintPoint", 'Excuses.Defensive', False, None),
    ("Hi Dan,\nThe tracking says no one was home at 2pm, but you tell me you were in all afternoon, so I've booked a free redelivery for tomorrow morning.\nBest,\nAmy\nParcelGo", 'Excuses.OnRecord', False, None),
    ("Hi Dan,\nThe driver's log says no one was home, but that's not what happened: our driver went to the wrong block. Your parcel will be with you by noon tomorrow.\nBest,\nAmy\nParcelGo", 'Excuses.OnRecord', False, None),
    ("Hi Dan,\nThe driver's log says no one was home, though your neighbour saw the van drive straight past. I've asked for a redelivery first thing tomorrow.\nBest,\nAmy\nParcelGo", 'Excuses.OnRecord', False, None),
    ("Hi Mr Evans,\nUnfortunately, no renewal reminder was sent to the email address on file, so I've cancelled the renewal and refunded the £89.\nKind regards,\nClaire\nHomeShield Insurance", 'Excuses.OnRecord', False, None),
    ("Hi Mr Evans,\nI've checked, and no reminder was sent to the email address we hold for you. I'll reverse the late fee today.\nKind regards,\nClaire\nHomeShield Insurance", 'Excuses.OnRecord', False, None),
    ("Hi Mr Evans,\nOn inspection the valve was found to have been disturbed after installation, so we can't replace it for free.\nRegards,\nService Desk\nWarmHome Heating", 'Excuses.OnRecord', True, None),
    ("Hi Mr Evans,\nDon't worry about the paperwork. On inspection the valve was found to have been disturbed after installation, so the callout is chargeable.\nRegards,\nService Desk\nWarmHome Heating", 'Excuses.OnRecord', True, None),
    ('Hi Mr Evans,\nOur review panel found that a renewal reminder was sent to the email address on file, so the renewal stands.\nKind regards,\nComplaints Team\nHomeShield Insurance', 'Excuses.OnRecord', True, None),
    ("Hi Joanne,\nThanks for getting in touch. I've printed 200 posters of Biscuit and they'll be ready to collect at 4pm today. I really hope she's home soon.\nBest,\nRaj\nQuickPrint\n\nOn Tue, 4 Jun, Joanne wrote:\n> Our cat Biscuit slipped out of the back door and we lost her on Sunday, and we're desperate to find her. Could you print 200 posters today?", 'context:bereavement', False, None),
    ("Hi Chloe,\nThank you for your order. The three-tier sponge is booked for collection on Friday 2 August at 10am, and I've noted the lilac ribbon.\nBest,\nHannah\nHannah's Bakes\n\nOn Sat, 1 Jun, Chloe wrote:\n> We first came to your bakery in 2016 when we were students, and now we'd love you to make the cake for our wedding on 3 August!", 'Empathy.BigMoment', True, None),
    ('Hello,\nHuge congratulations to the Leeds branch on winning Regional Store of the Year! The award was presented at our conference on Friday. Our staff worked incredibly hard for it.\nThe Team\nHarlow Motors', 'CustomerFocus.NeverYou', True, None),
    ("Hello,\nCongratulations to us: we've just passed 10,000 orders! It has been an amazing year for the company. Here's to the next 10,000.\nThe Team\nBeanCraft Coffee", 'CustomerFocus.NeverYou', True, None),
    ("Hello,\nMonday's first-aid training means the office will close at noon. Phones will be back on at 9am on Tuesday. Emails will be answered in order.\nThe Office\nAllied Lettings", 'CustomerFocus.NeverYou', True, None),
    ("Hello,\nFriday's Christmas outing means the shop will close at 2pm. Normal hours resume on Saturday. Online orders will be dispatched on Monday.\nThe Team\nPage Turner Books", 'CustomerFocus.NeverYou', True, None),
    ("Hi Priya,\nEven if moving your lesson disrupts our schedule a little, that's our problem, not yours: it's now on Wednesday at 5pm.\nBest,\nRuth\nHale Driving School", 'CustomerFocus.OwnAgenda', False, None),
    ('Hi Dan,\nThe tracking says no one was home. Our driver left it at the wrong address, and it will be with you by noon tomorrow.\nBest,\nAmy\nParcelGo', 'Excuses.OnRecord', False, None),
    ("Hi Kate,\nThanks for getting in touch. I've attached three nanny profiles who are free from September, and I can set up calls this week.\nBest,\nLaura\nLittle Steps Nannies\n\nOn Mon, 3 Jun, Kate wrote:\n> Our nanny has moved to Australia. We lost her last week and we're struggling to cover the school runs. Can you help?", 'context:bereavement', False, None),
]


@pytest.mark.parametrize("draft, target, fires, context",
                         SHAPES_SESSION_25 + SHAPES_SESSION_25_SECOND + SHAPES_SESSION_25_THIRD + SHAPES_SESSION_25_FOURTH
                         + SHAPES_SESSION_26)
def test_the_drafts_reviews_44_to_50_found(draft, target, fires, context):
    """A happy customer's "three times now" is no complaint, a phishing text ignored is no distress, "when I know"
    acknowledges nothing, a sorry that names the loss is a condolence, our own form's gap is no blame; a record
    turned against itself is no blame, a rota changed for our staff is no remedy."""
    from tonecheck import check

    report = check(draft, context=context)
    if target.startswith("context:"):
        assert (target.split(":", 1)[1] in report.contexts) is fires
    else:
        assert (target in {f.rule for f in report.findings}) is fires


def test_prepare_compiles_every_pattern_a_rule_holds_before_any_draft_needs_it(tmp_path):
    """For the daemon: what a forked child would compile and lose is compiled once, ahead."""
    linter = pack(tmp_path, """
        - name: Rare
          kind: phrase
          category: vague_commitment
          message: m
          patterns: ["zorbly|quuxish"]
          unless: ["friday"]
          examples: {bad: [We will be zorbly.], good: [We will call on Friday.]}
    """)
    from tonecheck.packs.patterns import Pattern

    def held(obj, depth=4):  # the Patterns a check keeps in its closure, or in a list there
        if isinstance(obj, Pattern):
            return [obj]
        if isinstance(obj, (list, tuple)):
            return [p for item in obj for p in held(item, depth - 1)] if depth else []
        cells = getattr(obj, "__closure__", None) or () if depth else ()
        return [p for c in cells for p in held(c.cell_contents, depth - 1)]

    linter = Linter(linter.config)  # read from the cache now: its patterns wait for first use
    patterns = held(next(r for r in linter.rules if r.id == "House.Rare").check)
    assert len(patterns) == 2 and all(p._regex is None for p in patterns)  # the pattern and its unless, not yet compiled
    linter.prepare()
    assert all(p._regex is not None for p in patterns)


@pytest.mark.parametrize("demote, severity", [("true", "suggestion"), ("false", "warning")])
def test_a_rule_may_keep_its_warning_in_a_draft_the_learned_score_passes(tmp_path, demote, severity):
    linter = pack(tmp_path, f"""
        - name: Hurry
          kind: phrase
          category: negative_framing
          message: m
          demote: {demote}
          patterns: ["zorbly"]
          {EX}""")
    report = linter.lint(load_text("Hi Sam,\n\nYour sofa is zorbly ready, and I've booked delivery for Friday at 10am.\n\nThanks,\nJo\n"))
    assert report.score.overall >= linter.config.demote_above
    assert [(f.rule, f.severity) for f in report.findings] == [("House.Hurry", severity)]


def test_demote_must_be_true_or_false(tmp_path):
    with pytest.raises(PackError, match="demote"):
        pack(tmp_path, f"""
            - name: Hurry
              kind: phrase
              category: negative_framing
              message: m
              demote: sometimes
              patterns: ["zorbly"]
              {EX}""")


@pytest.mark.parametrize("their_words, found", [("true", []), ("false", ["House.Acronym"])])
def test_their_words_leaves_the_customer_s_own_word_alone(tmp_path, their_words, found):
    linter = pack(tmp_path, f"""
        - name: Acronym
          kind: phrase
          category: hard_to_read
          message: m
          their_words: {their_words}
          patterns: ["zbq"]
          {EX}""")
    draft = "Hi Sam,\n\nThe ZBQ credit is on your next invoice.\n\nJo\n\nOn Mon, Sam wrote:\n> I want the credit under our ZBQ.\n"
    assert [f.rule for f in linter.lint(load_text(draft)).findings if f.rule.startswith("House.")] == found
    # a word that only contains theirs is not theirs: "zbq" said, "zbqs" flagged
    other = "Hi Sam,\n\nThe ZBQ credit is on your next invoice.\n\nJo\n\nOn Mon, Sam wrote:\n> I want the ZBQs.\n"
    assert [f.rule for f in linter.lint(load_text(other)).findings if f.rule.startswith("House.")] == ["House.Acronym"]
    # quoted back, or asked about, a word is not theirs: it is the one they could not follow
    for said in ("> Your letter says 'ZBQ' and nothing else.\n", "> What does ZBQ mean?\n"):
        other = "Hi Sam,\n\nThe ZBQ credit is on your next invoice.\n\nJo\n\nOn Mon, Sam wrote:\n" + said
        assert [f.rule for f in linter.lint(load_text(other)).findings if f.rule.startswith("House.")] == ["House.Acronym"]


def test_their_words_must_be_true_or_false(tmp_path):
    with pytest.raises(PackError, match="their_words"):
        pack(tmp_path, f"""
            - name: Acronym
              kind: phrase
              category: hard_to_read
              message: m
              their_words: yes please
              patterns: ["zbq"]
              {EX}""")


def _when_late(rewrite: str) -> str:
    return f"""
        - name: NoDate
          kind: require-when
          category: vague_commitment
          when: [delay]
          message: m
          require: ["by [[]]|friday"]
          rewrite:
{textwrap.indent(textwrap.dedent(rewrite), "            ")}
          {EX}"""


def test_a_require_when_fix_goes_after_the_sentence_that_names_the_situation(tmp_path):
    from tonecheck.fixes import apply, chosen

    linter = pack(tmp_path, _when_late("after: 'The new date is [[new date]].'\nat: ['pushed back']\nbefore: 'Sorry for the wait.'"))
    draft = "Hi Sam,\n\nThanks for your patience. Your fitting has been pushed back. We'll call you.\n\nJo\n"
    found = [f for f in linter.lint(load_text(draft), contexts=["delay"]).findings if f.rule == "House.NoDate"]
    fixed = apply(draft, [fx for _, fx in chosen(found, unsafe=True, text=draft)])
    assert "Your fitting has been pushed back. The new date is [[new date]]. We'll call you." in fixed
    # the customer named it, the draft does not: the body opens with 'before'
    draft = "Hi Sam,\n\nThanks for your email. We'll call you.\n\nJo\n"
    found = [f for f in linter.lint(load_text(draft), contexts=["delay"]).findings if f.rule == "House.NoDate"]
    assert apply(draft, [fx for _, fx in chosen(found, unsafe=True, text=draft)]).startswith("Hi Sam,\n\nSorry for the wait. Thanks")


def test_a_require_when_fix_stands_aside_where_the_writer_says_it_cannot_be_given(tmp_path):
    from tonecheck.fixes import apply, chosen

    linter = pack(tmp_path, _when_late("after: 'The new date is [[new date]].'\nat: ['pushed back']\nunless: ['not (?:yet )?known']"))
    draft = "Hi Sam,\n\nYour fitting has been pushed back. The new date is not known yet.\n\nJo\n"
    found = [f for f in linter.lint(load_text(draft), contexts=["delay"]).findings if f.rule == "House.NoDate"]
    assert found and apply(draft, [fx for _, fx in chosen(found, unsafe=True, text=draft)]) == draft


@pytest.mark.parametrize("rewrite, said", [
    ("at: ['pushed back']", "'at' says which sentence 'after' follows"),
    ("after: 'The new date is [[new date]].'", "'after' needs 'at'"),
])
def test_a_require_when_after_and_at_come_together(tmp_path, rewrite, said):
    with pytest.raises(PackError, match=said):
        pack(tmp_path, _when_late(rewrite))


def test_a_pack_names_a_word_list_once_and_uses_it_inline(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "House.yml").write_text(
        "pack: House\ndefine:\n  model: [civic, jazz, 'hr-?v']\nrules:\n  - name: Models\n    kind: phrase\n"
        "    category: company_centric\n    message: m\n"
        "    patterns: [\"your {{model}} is (?:ready|here)\", \"the {{model}}'s handover\"]\n    " + EX)
    linter = Linter(Config(packs=(str(folder),), select=("House",)))
    assert rule_ids(linter, "Hi Sam,\nYour Jazz is ready.\nJo") == ["House.Models"]
    assert rule_ids(linter, "Hi Sam,\nThe HR-V's handover is at 10.\nJo") == ["House.Models"]
    assert rule_ids(linter, "Hi Sam,\nYour order is ready.\nJo") == []
    # a lexicon entry by the same means: {{weekday}}
    linter = pack(tmp_path, f"""
        - name: Day
          kind: phrase
          category: company_centric
          message: m
          patterns: ["only on {{{{weekday}}}}s"]
          {EX}""")
    assert rule_ids(linter, "Hi Sam,\nWe deliver only on Tuesdays.\nJo") == ["House.Day"]


@pytest.mark.parametrize("define, pattern, said", [
    ("", "your {{modle}} is ready", "unknown name {{modle}}"),
    ("define:\n  model: [civic]\n", "your {{modle}} is ready", "did you mean {{model}}?"),
    ("define:\n  a: ['x{{b}}']\n  b: ['y{{a}}']\n", "{{a}}", "loop: a -> b -> a"),
    ("define:\n  a: ['" + "x" * 60 + "']\n  b: ['{{a}}{{a}}{{a}}{{a}}{{a}}{{a}}{{a}}{{a}}{{a}}{{a}}']\n"
     "  c: ['{{b}}{{b}}{{b}}{{b}}{{b}}{{b}}{{b}}{{b}}{{b}}{{b}}']\n  d: ['{{c}}{{c}}{{c}}{{c}}{{c}}{{c}}{{c}}{{c}}{{c}}{{c}}']\n"
     "  e: ['{{d}}{{d}}{{d}}{{d}}{{d}}{{d}}{{d}}{{d}}{{d}}{{d}}']\n", "{{e}}", "grows past 100,000 characters"),
    ("define:\n  Model: [civic]\n", "x", "a name is snake_case"),
    ("define:\n  model: []\n", "x", "give a pattern or a list of patterns"),
])
def test_a_define_that_cannot_be_filled_in_is_named(tmp_path, define, pattern, said):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "House.yml").write_text(
        f"pack: House\n{define}rules:\n  - name: R\n    kind: phrase\n    category: company_centric\n"
        f"    message: m\n    patterns: ['{pattern}']\n    {EX}")
    with pytest.raises(PackError, match=re.escape(said)):
        Linter(Config(packs=(str(folder),), select=("House",)))
