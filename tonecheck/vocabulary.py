"""tonecheck's vocabulary, each word with a one-line description: the situations a
draft can be in, the categories of findings, the severities. The `--context` help,
`tonecheck init`'s template, the config checks and the README's tables are all made
from here, as ruff makes its selectors and docs from one registry.

    python -m tonecheck.vocabulary        # the README's tables, as Markdown
"""
from __future__ import annotations

#: The situations (contexts) a draft can be in; all but "general" are detected.
CONTEXTS: dict[str, str] = {
    "complaint": "the customer complains, or something went wrong for them",
    "delay": "the customer is kept waiting: a late order, a slipped date",
    "celebration": "a big moment for the customer: a new car or home, a wedding, a birth",
    "bereavement": "someone close to the customer has died",
    "bad_news": "the draft refuses, declines, cancels or moves something of the customer's",
    "distress": "the customer is frightened, ill, stranded or at their wits' end",
    "scheduling": "a time or date is being arranged",
    "billing": "a charge, refund, invoice or payment",
    "general": "none of these (set by hand; never detected)",
}

#: The categories of findings (plugins may add their own).
CATEGORIES: dict[str, str] = {
    "company_centric": "written for the company: its schedule, rules, process or pride first",
    "missing_empathy": "no acknowledgement of what the customer went through or is celebrating",
    "excuse_blame": "excuses, and blame on suppliers, systems, colleagues or the customer",
    "vague_commitment": "promises with no date, no owner, or a hedge",
    "hard_to_read": "long sentences, jargon, a high reading grade",
    "negative_framing": "leading with what cannot be done, scolding, pressure, shouting",
    "non_apology": "apologies for nothing in particular, for feelings, or taken back",
    "grammar": "grammar slips (through LanguageTool)",
    "spelling": "words no dictionary knows (offline; opt-in)",
    "structure": "greeting, sign-off, next step, unanswered questions, placeholders",
}

#: Severities, least first.
SEVERITIES: dict[str, str] = {
    "suggestion": "worth a look; never fails a check unless fail-on says so",
    "warning": "a problem the customer will notice; fails a check by default",
    "error": "must be fixed before sending (a placeholder left in, blame on the customer)",
}

#: Contexts that detection can find (all but the hand-set "general").
DETECTED = tuple(c for c in CONTEXTS if c != "general")


def misspelt_category(name: str) -> str | None:
    """The built-in category a rule's unknown one is a typo of: one letter dropped,
    added, changed or two swapped inside it ("company_centrc", "grammer"). A plugin may
    add its own categories: a built-in one with more at its end ("structured",
    "spelling_uk", "vague_commitments") is taken as meant."""
    if name in CATEGORIES:
        return None
    for known in CATEGORIES:
        if name.startswith(known):
            continue
        if _one_edit(name, known):
            return known
    return None


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


def given_contexts(value, *, known_only: bool = True) -> tuple[str, ...]:
    """The contexts a caller names instead of detection (``--context``, the API's
    ``context=``, a request's "context"): one name, several separated by commas, or a
    list of them, in any case. A misspelt one would silently switch detection off, so
    where a person types them it is refused: ValueError (with the nearest name).
    ``known_only=False`` lets through a tag a plugin's detector adds (a Linter's own
    use). TypeError for what is not text."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    try:
        items = list(items)
    except TypeError:
        raise TypeError(f"context must be a context name or a list of them, not {type(value).__name__}") from None
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"context {item!r} is not a context name (one of {', '.join(CONTEXTS)})")
        for tag in (t.strip().lower() for t in item.split(",")):
            if tag and known_only and tag not in CONTEXTS:
                import difflib

                hint = difflib.get_close_matches(tag, CONTEXTS, n=1, cutoff=0.6)
                raise ValueError(f"{tag!r} is not one of {', '.join(CONTEXTS)}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
            if tag and tag not in out:
                out.append(tag)
    return tuple(out)


def markdown() -> str:
    """The README's tables of contexts, categories and severities."""
    out = []
    for title, words in (("context", CONTEXTS), ("category", CATEGORIES), ("severity", SEVERITIES)):
        out += [f"| {title} | meaning |", "|---|---|", *(f"| `{w}` | {d} |" for w, d in words.items()), ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
