"""Run the plugins' rules over one draft's Analysis and build its Report.

A ``Linter`` loads plugins, packs and config once; ``lint`` then costs only the
rules themselves, so mail tooling can check many drafts in one process.
"""
from __future__ import annotations

import difflib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import re_cached
from .analysis import Analysis
from .config import Config, matches
from .containment import MAX_FINDINGS, RuleTimeout, contained, quiet_stdout, rule_timer
from .draft import Draft
from .errors import ConfigError, PackError, PluginError
from .findings import CATEGORIES, SEVERITY_RANK, Edit, Finding, Fix, Suggestion
from .learned import TONE_CATEGORIES
from .learned import load as load_model
from .packs import load_pack, pack_files
from .plugins import BUILTIN_PLUGINS, get_plugin_manager
from .problems import Problem, call_each, listed, raised
from .report import NO_WRITER_TEXT, Report
from .ruledef import Rule
from .score import score
from .vocabulary import given_contexts, misspelt_category
from .sources.formats import collect as collect_formats


class Linter:
    def __init__(self, config: Config | None = None, *, rule_budget: float | None = None):
        self.config = config or Config()
        #: seconds one rule may take on one draft before it is stopped and named (None: no limit)
        self.rule_budget = rule_budget
        #: problems that did not stop the run: plugins that failed to load or raised
        self.problems: list[str] = []
        self.pm = get_plugin_manager(self.config, self.problems)
        self._own_packs: set[str] = set()  # the config's packs, by source: theirs is the project's word
        #: the pack files and folders the rules came from (a long-lived process re-reads them when they change)
        self.pack_paths: list[Path] = []
        self.all_rules = self._collect_rules()
        self.rules = self._configure(self.all_rules)
        #: the input formats (the built-in ones and the plugins'), for reading drafts
        self.formats = collect_formats(self.pm.hook.tonecheck_sources, self.problems.append)
        # rules the project or a plugin added: on the same words, theirs win over a built-in's
        self._house = frozenset(r.id for r in self.rules if r.source not in BUILTIN_PLUGINS)
        # measurements (a sentence's length, its grade): on the same words, the plainer diagnosis
        self._measured = frozenset(r.id for r in self.rules if r.kind == "metric")
        self._kept_severity = frozenset(r.id for r in self.rules if not r.demotable)  # never demoted
        self.model = None  # the learned model, when the config scores with it
        if self.config.score == "learned":
            try:
                self.model = load_model()
            except (OSError, ValueError) as exc:
                self.problems.append(Problem(f"the learned model cannot be read ({exc}); scores use the weights and the Learned rules are silent",
                                             level="warning"))

    # -- loading --------------------------------------------------------------------
    def _collect_rules(self) -> list[Rule]:
        rules: list[Rule] = []
        record = self.problems.append
        for plugin, provided in call_each(self.pm.hook.tonecheck_rules, record):
            for r in listed(provided, plugin, "tonecheck_rules", "tonecheck.Rule", record, lone=(Rule,)):
                # one bad item does not cost the plugin its other rules
                if not isinstance(r, Rule):  # plugin code gone wrong: contained, as a rule that raises is
                    self.problems.append(Problem(f"plugin {plugin!r}: tonecheck_rules returned {r!r}, not a tonecheck.Rule", source=plugin))
                    continue
                try:
                    r.validate()
                    if not (r.bad and r.good):  # as a YAML rule must: the examples are its tests
                        raise ValueError(f"rule {r.id} needs bad and good examples (tonecheck.rule(..., bad=[...], good=[...]))")
                    if near := misspelt_category(r.category):  # here, not at import: the plugin's other rules stay
                        raise ValueError(f"rule {r.id}: unknown category {r.category!r}; did you mean {near!r}?")
                except ValueError as exc:
                    if not self._installed(plugin):  # a rule the project defines: the user must fix it, as in a pack
                        raise PluginError(f"plugin {plugin!r}: {exc}") from None
                    self.problems.append(Problem(f"plugin {plugin!r}: {exc}; the rule is skipped", source=plugin))
                    continue
                rules.append(replace(r, source=plugin))
        for plugin, paths in call_each(self.pm.hook.tonecheck_rule_packs, record):
            for p in listed(paths, plugin, "tonecheck_rule_packs", "paths", record):
                try:
                    rules.extend(self._load_packs(Path(p), plugin))
                except PackError as exc:
                    if not self._installed(plugin):
                        raise  # our own packs and the config's: the user must fix them
                    self.problems.append(Problem(f"plugin {plugin!r}: {exc} (its pack is skipped)", source=plugin))
        for folder in self.config.packs:
            found = self._load_packs(self.config.resolve(folder), "config")
            self._own_packs.update(r.source for r in found)  # named by the project: its mistakes are errors
            rules.extend(found)
        kept: dict[str, Rule] = {}
        for r in rules:
            old = kept.get(r.id)
            if old is None:
                kept[r.id] = r
                continue
            # an installed plugin's copy loses, and says so; two of the user's own is an error
            loser, winner = (r, old) if self._installed(r.source) else (old, r) if self._installed(old.source) else (None, None)
            if loser is None:
                where = f"in {r.source}" if r.source == old.source else f"by {old.source} and by {r.source}"
                raise ConfigError(f"rule {r.id} is defined twice: {where} (give each rule a name of its own; "
                                  "[rules.\"...\"] in the config changes a rule's severity or options)")
            self.problems.append(Problem(f"plugin {loser.source!r}: rule {r.id} is already defined by {winner.source}; skipped",
                                         source=loser.source))
            kept[r.id] = winner
        return list(kept.values())

    def _installed(self, plugin_name: str) -> bool:
        """Is this an installed (entry-point) plugin, not a built-in or one the config names?"""
        return (plugin_name not in BUILTIN_PLUGINS and plugin_name not in self.config.plugins
                and plugin_name != "config" and plugin_name not in self._own_packs)

    def _load_packs(self, path: Path, source: str) -> list[Rule]:
        self.pack_paths.append(path)
        out = []
        for file in pack_files(path):
            label = source if source != "config" else str(file)
            out.extend(load_pack(file, label))
        return out

    def _configure(self, rules: list[Rule]) -> list[Rule]:
        cfg = self.config
        # the config file's and the command line's, merged: a mistake names both places to look
        source = f" ({cfg.path} or the command line)" if cfg.path else ""
        select, ignore = self._selectors(rules, cfg.select, source), self._selectors(rules, cfg.ignore, source)
        by_id = {r.id: r for r in rules}
        where = f"{cfg.path}: " if cfg.path else ""
        for rid in cfg.rules:
            if rid not in by_id:
                hint = difflib.get_close_matches(rid, sorted(by_id), n=1, cutoff=0.6)
                raise ConfigError(f"{where}[rules.{rid!r}]: no such rule"
                                  + (f"; did you mean {hint[0]!r}?" if hint else "") + " (see 'tonecheck rules')")
        out = []
        for r in rules:
            if select and not matches(r, select):
                continue
            if r.opt_in and not select:  # spelling and the like: only when asked for
                continue
            if matches(r, ignore):
                continue
            if r.id in cfg.rules:
                try:
                    r = r.configured(cfg.rules[r.id])
                except ValueError as exc:
                    raise ConfigError(f"{where}[rules.{r.id!r}]: {exc}") from None
            out.append(r)
        return out

    @staticmethod
    def _selectors(rules: list[Rule], given, source: str = "") -> tuple[str, ...]:
        """Rule ids, packs and categories as written in the rules, whatever their case.
        The whole category vocabulary is valid even with no rule in it yet (grammar)."""
        known = {r.id for r in rules} | {r.pack for r in rules} | {r.category for r in rules} | set(CATEGORIES)
        by_lower = {k.lower(): k for k in known}
        out = []
        for sel in given:
            canonical = by_lower.get(sel.lower())
            if canonical is None:
                hint = difflib.get_close_matches(sel, sorted(known), n=1, cutoff=0.6)
                raise ConfigError(
                    f"unknown rule, pack or category {sel!r} in select/ignore{source}"
                    + (f"; did you mean {hint[0]!r}?" if hint else "") + " (see 'tonecheck rules')"
                )
            out.append(canonical)
        return tuple(out)

    # -- running --------------------------------------------------------------------
    def detect_contexts(self, analysis: Analysis, errors: list[str] | None = None) -> set[str]:
        tags: set[str] = set()
        record = errors.append if errors is not None else (lambda problem: None)
        for plugin, found in call_each(self.pm.hook.tonecheck_context, record, what="context detector", analysis=analysis):
            found = found or ()
            if isinstance(found, str):  # one tag, not its letters
                found = (found,)
            try:
                found = list(found)
            except TypeError as exc:
                record(raised(plugin, "context detector", exc))
                continue
            bad = [t for t in found if not isinstance(t, str)]
            if bad:
                record(raised(plugin, "context detector", TypeError(f"returned {bad[0]!r} among its tags; tags are strings")))
                continue
            tags.update(found)
        return tags

    def analyse(self, draft: Draft, contexts=None, errors: list[str] | None = None) -> Analysis:
        # any case, commas, one or a list; a plugin detector's own tag passes (the API and
        # the command line refuse a name they do not know)
        contexts = given_contexts(contexts, known_only=False)
        return Analysis(
            draft,
            # --context, then the message's own X-Tonecheck-Context header, then config
            contexts=contexts or _header_contexts(draft, errors) or self.config.context or None,
            detect=lambda a: self.detect_contexts(a, errors),
            company=self.config.company,
            settings={"grammar": self.config.grammar, "spelling": self.config.spelling},
        )

    def prepare(self) -> None:
        """Do now what the first drafts would do on the way: compile every pack pattern,
        and lint each rule's examples (RE2 builds its automata as it matches). For a
        process that forks a child per draft (tonecheck daemon): each child inherits
        all of it, and would lose what it did itself."""
        from .packs.patterns import compile_now
        from .sources import load_text

        for rule in self.rules:
            compile_now(rule.check)
        for rule in self.rules:
            for example in (*rule.bad, *rule.good):
                try:
                    self.lint(load_text(example.text, "example.txt"), contexts=example.context or None)
                except Exception:  # noqa: BLE001 - a plugin's example that fails says so when a draft is linted
                    pass

    def lint(self, draft: Draft, *, contexts=None, rules: list[Rule] | None = None) -> Report:
        if not isinstance(draft, Draft):
            raise TypeError(f"lint() takes a Draft, not {type(draft).__name__}: "
                            "tonecheck.load_text(text) or load_bytes(data) makes one (or use tonecheck.check(text))")
        errors: list[str] = []
        analysis = self.analyse(draft, contexts, errors)
        findings: list[Finding] = []
        if not draft.writer_regions():
            errors.append(Problem(NO_WRITER_TEXT, level="note"))
        deferring: list[Finding] = []
        count = 0
        with quiet_stdout(), rule_timer(self.rule_budget) as arm:
            for rule in self.rules if rules is None else rules:
                arm()
                try:
                    for f in rule.check(analysis, rule):
                        f = _check_finding(f, rule, draft, errors)
                        if draft.in_writer_text(f.offset, f.end):
                            (deferring if rule.defers else findings).append(f)
                        count += 1
                        if count > MAX_FINDINGS:
                            errors.append(Problem(f"plugin {rule.source!r}: rule {rule.id} was stopped: the draft has more than "
                                                  f"{MAX_FINDINGS} findings; the rest are left out", source=rule.source))
                            break
                except RuleTimeout:
                    errors.append(Problem(f"plugin {rule.source!r}: rule {rule.id} was stopped: it took longer than "
                                          f"{self.rule_budget:g} s on this draft", source=rule.source))
                except BaseException as exc:
                    if not contained(exc):
                        raise
                    errors.append(raised(rule.source, f"rule {rule.id}", exc))
                if count > MAX_FINDINGS:
                    break
        findings = _resolve_overlaps(findings, self._house, self._measured)
        findings += [f for f in _resolve_overlaps(deferring) if not _overlapped(f, findings)]
        learned = (self.model, analysis.body_ngrams) if self.model is not None else None
        if draft.offset_map is not None:
            findings = [_to_source(draft, f) for f in findings]
        findings.sort(key=lambda f: (f.offset, -SEVERITY_RANK[f.severity], f.rule))
        result = score(findings, self.config.weights, learned)
        if result.method == "learned" and self.config.demote_above < 100 and result.overall >= self.config.demote_above:
            kept = self._kept_severity
            findings = [f if f.rule in kept else _demoted(f, result.overall) for f in findings]
        return Report(
            path=draft.path,
            text=draft.original,
            findings=findings,
            score=result,
            contexts=tuple(sorted(analysis.contexts)),
            errors=errors,
            load_problems=list(self.problems),
            line_offset=draft.meta.get("body_line_offset", 0),
            lines="body" if draft.format == "eml" and "body_line_offset" not in draft.meta else "file",
            min_score=self.config.min_score,
        )


def _header_contexts(draft: Draft, errors: list[str] | None) -> tuple[str, ...]:
    """The situation a message names itself ("X-Tonecheck-Context: delay, complaint")."""
    from .config import CONTEXTS

    value = draft.meta.get("x-tonecheck-context")
    if not value:
        return ()
    tags = tuple(t.strip().lower() for t in value.split(",") if t.strip())
    unknown = [t for t in tags if t not in CONTEXTS]
    if unknown and errors is not None:
        errors.append(Problem(f"X-Tonecheck-Context: unknown context {unknown[0]!r} (one of {', '.join(CONTEXTS)}); it is left out",
                              level="warning"))
    return tuple(t for t in tags if t in CONTEXTS)


_UNFILLED = re_cached.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


@lru_cache(maxsize=None)
def _placeholders(message: str) -> frozenset:
    return frozenset(_UNFILLED.findall(message))


def _check_finding(f, rule: Rule, draft: Draft, errors: list) -> Finding:
    """A plugin's finding must be one the report and its formatters can show (else it
    raises); a fix that would change more than the writer's own text is left off the
    finding, and said in ``errors``."""
    size = len(draft.text)
    if not isinstance(f, Finding):
        raise TypeError(f"yielded {type(f).__name__}, not a Finding (use rule.finding(start, end))")
    if f.severity not in SEVERITY_RANK:
        raise ValueError(f"finding severity {f.severity!r} is not error, warning or suggestion")
    for name in ("offset", "length"):
        value = getattr(f, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"finding {name} {value!r} is not a whole number")
    if f.offset < 0 or f.length < 0 or f.offset + f.length > size:
        raise ValueError(f"finding span {f.offset}+{f.length} is outside the draft (0 to {size})")
    if not isinstance(f.message, str) or not f.message.strip():
        raise TypeError(f"finding message {f.message!r} is not text")
    # a placeholder of the rule's own message left in (the draft's own "{name}" is fine)
    unfilled = _placeholders(rule.message).intersection(_UNFILLED.findall(f.message))
    if unfilled:
        raise ValueError(f"finding message has an unfilled placeholder {sorted(unfilled)[0]} (format it before yielding)")
    if not all(isinstance(s, Suggestion) for s in f.suggestions):
        raise TypeError("finding suggestions must be tonecheck.Suggestion objects")
    kept = []
    for s in f.suggestions:
        try:
            if s.fix is not None:
                _check_fix(s.fix, draft)
            kept.append(s)
        except (TypeError, ValueError) as exc:  # the finding stands; only that fix goes
            errors.append(Problem(f"plugin {rule.source!r}: rule {rule.id}: {exc}; that fix is left out", source=rule.source))
    return f if len(kept) == len(f.suggestions) else replace(f, suggestions=kept)


def _check_fix(fix, draft: Draft) -> None:
    """Every edit a whole-number span of the writer's own text (a fix never touches the
    greeting's neighbours outside the draft, the quoted thread or the signature), and
    no two edits of one fix on the same words."""
    from .fixes import clash

    if not isinstance(fix, Fix) or not isinstance(fix.edits, tuple):
        raise TypeError("a suggestion's fix must be a tonecheck Fix with a tuple of Edits")
    for e in fix.edits:
        if not isinstance(e, Edit):
            raise TypeError(f"fix edit {e!r} is not an Edit")
        if any(isinstance(v, bool) or not isinstance(v, int) for v in (e.offset, e.length)) or not isinstance(e.content, str):
            raise TypeError(f"fix edit {e!r} needs whole-number offset and length and text content")
        if e.offset < 0 or e.length < 0 or e.offset + e.length > len(draft.text):
            raise ValueError(f"fix edit span {e.offset}+{e.length} is outside the draft (0 to {len(draft.text)})")
        if not draft.edits_only_writer_text(e.offset, e.offset + e.length):
            raise ValueError(f"fix edit span {e.offset}+{e.length} is outside the writer's own text "
                             "(fixes never change the quoted message or the signature)")
    for i, a in enumerate(fix.edits):
        for b in fix.edits[i + 1:]:
            if clash(a, b):
                raise ValueError(f"fix edits {a.offset}+{a.length} and {b.offset}+{b.length} change the same text")


def _to_source(draft: Draft, f: Finding) -> Finding:
    """The finding with its span and its fix's edits moved into the source's offsets."""

    def span(offset, length):
        start, end = draft.to_source(offset, offset + length)
        return start, end - start

    def edit(e):
        offset, length = span(e.offset, e.length)
        return replace(e, offset=offset, length=length)

    offset, length = span(f.offset, f.length)
    suggestions = [
        replace(s, fix=replace(s.fix, edits=tuple(edit(e) for e in s.fix.edits))) if s.fix else s
        for s in f.suggestions
    ]
    return replace(f, offset=offset, length=length, suggestions=suggestions)


def _demoted(f: Finding, overall: float) -> Finding:
    """A tone warning in a draft the learned score says a careful lead would send:
    said, as a suggestion. Errors stay errors; structure, grammar and a plugin's own
    categories are not the model's to judge."""
    if f.severity != "warning" or f.category not in TONE_CATEGORIES:
        return f
    return replace(f, severity="suggestion", message=f"{f.message} (A suggestion here: the draft scores {overall:g} overall.)")


def _overlapped(f: Finding, others: list[Finding]) -> bool:
    """Does another finding of the same category cover any of f's words?"""
    return any(o.category == f.category and o.offset < f.end and f.offset < o.end for o in others)


def _rank(f: Finding, house: frozenset, measured: frozenset) -> tuple[bool, int, bool]:
    return f.rule in house, SEVERITY_RANK[f.severity], f.rule in measured


def _resolve_overlaps(findings: list[Finding], house: frozenset = frozenset(),
                      measured: frozenset = frozenset()) -> list[Finding]:
    """One finding per span and category, so the same words are never charged twice:
    where two rules flag the same words for the same reason, a house rule's finding
    (``house``: rule ids the project or a plugin added) wins over a built-in's, then the
    more severe, then a measurement's (``measured``: a metric rule's, such as a
    sentence's length) over a phrase's, then the first; a fix the other one offered is
    kept on the winner."""
    best: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.offset, f.length, f.category)
        kept = best.get(key)
        if kept is None:
            best[key] = f
            continue
        winner, loser = (f, kept) if _rank(f, house, measured) > _rank(kept, house, measured) else (kept, f)
        fixes = [s for s in loser.suggestions if s.fix and s not in winner.suggestions]
        best[key] = replace(winner, suggestions=[*winner.suggestions, *fixes]) if fixes else winner
    return list(best.values())
