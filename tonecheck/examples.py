"""A rule against its own examples, as LanguageTool's testrules checks grammar.xml: it
fires on each bad example (covering the words its ``flags`` name, and fixing the draft
into its ``fixed``) and stays quiet on each good one. ``tonecheck rules --check`` runs
it over the rules in force, house packs and plugins included; the test suite over the
built-in rules."""
from __future__ import annotations

from .sources import load_text


def _found(linter, rule, example) -> tuple[list, list]:
    """The rule's findings on one example, and the errors the run gave (a rule that raised)."""
    report = linter.lint(load_text(example.text), contexts=example.context or None, rules=[rule])
    # LanguageTool's findings carry its own rule ids (LanguageTool.HAVE_PART_AGREEMENT)
    grammar = rule.id == "LanguageTool.Grammar"
    mine = [f for f in report.findings if f.rule == rule.id or (grammar and f.rule.startswith("LanguageTool."))]
    return mine, [str(e) for e in report.errors if getattr(e, "level", "error") == "error"]


def problems(linter, rule) -> list[str]:
    """What the rule gets wrong about its examples, one line each; [] when it is right."""
    from .fixes import apply, chosen

    out: list[str] = []
    if not rule.bad:
        out.append("has no bad example")
    if not rule.good:
        out.append("has no good example")
    for n, example in enumerate(rule.bad, 1):
        found, errors = _found(linter, rule, example)
        out += [f"bad example {n}: {e}" for e in errors]
        if not found:
            out.append(f"bad example {n} is not flagged: {_short(example.text)}")
            continue
        if example.flags:
            at = example.text.index(example.flags)
            if not any(f.offset <= at and at + len(example.flags) <= f.end for f in found):
                said = ", ".join(repr(example.text[f.offset:f.end]) for f in found)
                out.append(f"bad example {n}: no finding covers {example.flags!r} (it flags {said})")
        if example.fixed is not None:
            # the writer's own words, as the rewriter reads them (not a quoted customer message)
            own = load_text(example.text).writer_text()
            fixed = apply(example.text, [fx for _, fx in chosen(found, unsafe=True, text=example.text, own=own)])
            if fixed != example.fixed:
                out.append(f"bad example {n} is fixed to {_short(fixed)}, not {_short(example.fixed)}")
    for n, example in enumerate(rule.good, 1):
        found, errors = _found(linter, rule, example)
        out += [f"good example {n}: {e}" for e in errors]
        if found:
            out.append(f"good example {n} is flagged ({', '.join(repr(example.text[f.offset:f.end]) for f in found)}): "
                       f"{_short(example.text)}")
    return out


def _short(text: str, width: int = 90) -> str:
    one = " ".join(text.split())
    return repr(one if len(one) <= width else one[: width - 1] + "…")
