"""Rule listings and explanations: what `tonecheck rules` and `tonecheck explain` print."""
from __future__ import annotations

import json

from .. import re_cached

COLUMNS = ("id", "category", "severity", "fixable", "source")


def _rows(rules) -> list[tuple[str, ...]]:
    return [(r.id, r.category, r.severity, "yes" if r.fixable else "no", r.source) for r in rules]


def rules_json(rules) -> str:
    return json.dumps([
        {"id": r.id, "category": r.category, "severity": r.severity, "fixable": bool(r.fixable), "source": r.source}
        for r in rules
    ], indent=2) + "\n"


def rules_table(rules) -> str:
    rows = _rows(rules)
    header = tuple(c.upper() for c in COLUMNS)
    header = ("RULE", *header[1:])
    widths = [max(len(x) for x in col) for col in zip(header, *rows, strict=True)]
    lines = ["  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)).rstrip() for row in (header, *rows)]
    lines += ["", f"{len(rows)} rule{'s' if len(rows) != 1 else ''}. 'tonecheck explain RULE' tells why and how to fix."]
    return "\n".join(lines) + "\n"


_PLACEHOLDER = re_cached.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def explanation(rule) -> str:
    """`tonecheck explain`: ruff's shape (what, why, example, instead, fix safety)."""
    def block(text: str) -> str:
        return "\n".join("    " + line for line in text.strip().splitlines())

    # a rule with no description or why falls back on its message, whose {placeholders}
    # only a finding fills
    said = _PLACEHOLDER.sub("…", rule.message)

    parts = [
        f"# {rule.id} ({rule.category}, {rule.severity})",
        f"Source: {rule.source}. Kind: {rule.kind}. Fixable: {'yes' if rule.fixable else 'no'}.",
        "",
        "## What it does",
        rule.description or said,
        "",
        "## Why is this bad?",
        rule.why or said,
        "",
    ]
    # as ruff's docs do: an example, then the same example put right. A bad example whose
    # fix is given is that pair; else the rule's advice, and a good example only failing
    # that (a rule's first good example is often the edge case it must stay quiet on)
    ex = next((b for b in rule.bad if b.fixed and b.fixed != b.text), rule.bad[0] if rule.bad else None)
    if ex is not None:
        ctx = f" (context: {', '.join(ex.context)})" if ex.context else ""
        parts += [f"## Example{ctx}", block(ex.text), ""]
    fixed = ex.fixed if ex is not None and ex.fixed != ex.text else None  # (an example the fix stands aside on)
    if fixed or rule.instead or rule.good:
        parts += ["## Use instead"]
        if rule.instead:
            parts += [rule.instead, ""]
        if fixed:
            parts += ["The rule's fix turns the example into:" if rule.instead else "", block(fixed), ""]
        elif not rule.instead:
            parts += [block(rule.good[0].text), ""]
    parts += ["## Fix safety", rule.fix_safety or "No automatic fix.", ""]
    if rule.options:
        toml = "\n".join(f"{k} = {json.dumps(v)}" for k, v in rule.options.items())
        parts += ["## Options", "Defaults shown; set them in .tonecheck.toml:", block(f'[rules."{rule.id}"]\n{toml}'), ""]
    parts += [
        "## How to silence it",
        f"For one run: tonecheck check --ignore {rule.id} DRAFT",
        f'For a project, in .tonecheck.toml: ignore = ["{rule.id}"]',
        "Or lower it there:",
        block(f'[rules."{rule.id}"]\nseverity = "suggestion"'),
        "",
    ]
    return "\n".join(parts)


