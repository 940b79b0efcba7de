"""Human output in ruff's shape: ``path:line:col: Rule.Id message``, the line with
a caret under the words, then the help and a summary line with the score.

The excerpt is drawn the way rustc and ruff draw theirs:

* a long line is clipped to a window of at most ``MAX_COLUMNS`` display columns
  around the span, with ``...`` where it was cut, so a one-line HTML email or a
  200 KB draft prints a bounded excerpt per finding, never the whole line;
* tabs are shown as ``TAB_WIDTH`` spaces, wide characters (East Asian width W or F:
  CJK, most emoji) take two columns and combining marks none, so the carets stay
  under the words they mark; control characters are shown as their visible symbols
  (U+2400...) so a draft cannot move the cursor or colour the terminal;
* a span over several lines shows each line with carets under the covered part,
  up to ``MAX_SPAN_LINES`` lines; a longer one shows its first lines, ``...`` and
  its last line.

``line:col`` in the header counts characters (a tab is one), as the JSON does.
"""
from __future__ import annotations

import unicodedata

from .. import hookimpl, re_cached

_COLOURS = {
    "error": "31", "warning": "33", "suggestion": "36", "note": "36",
    "bold": "1", "dim": "2", "green": "32",
}

MAX_COLUMNS = 100  # widest excerpt of source text, ellipses included
MAX_SPAN_LINES = 4  # lines of a multi-line span shown before eliding the middle
TAB_WIDTH = 4  # a tab is shown as this many spaces (rustc's choice)
ELLIPSIS = "..."
_MIN_BEFORE = 8  # columns of context kept before a span when a line is clipped


_LINE_BREAKS = re_cached.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]\s*")


def _paint(options):
    if not options.get("color"):
        return lambda text, style: text
    return lambda text, style: f"\x1b[{_COLOURS[style]}m{text}\x1b[0m"


def _one_line(message: str) -> str:
    """A message on one line: a rule's ``{match}`` may quote text that wraps."""
    return _LINE_BREAKS.sub(" ", message)


def format_text(reports, options) -> str:
    paint = _paint(options)
    quiet = options.get("quiet", False)
    out: list[str] = []
    for report in reports:
        for f in report.findings:
            line, col = report.position(f.offset)
            out.append(
                f"{paint(report.path, 'bold')}:{line}:{col}: "
                f"{paint(f.rule, f.severity)} [{f.severity}] {_one_line(f.message)}"
            )
            if quiet:
                continue
            out.extend(_excerpt(report, f, line, col, paint))
            for s in f.suggestions:
                tag = f" ({s.fix.applicability} fix)" if s.fix else ""
                out.append(f"  {paint('= help:', 'bold')} {_one_line(s.message)}{tag}")
            out.append("")
        if quiet:
            # the CLI has already named report errors on stderr; a draft that fails on its
            # score alone still says so, or -q would fail a run with nothing printed
            if report.below_min_score:
                out.append(f"{_score_line(report, paint)}, below the minimum of {report.min_score:g}")
            continue
        for err in report.errors:
            level = getattr(err, "level", "error")  # a Problem says which; a plain string is an error
            kind = level if level in ("note", "warning") else "error"
            out.append(f"{report.path}: {paint(kind + ':', kind)} {_one_line(err)}")
        out.append(_score_line(report, paint))
    if not quiet:
        out.append(_summary(reports, paint))
    return "\n".join(out) + "\n" if out else ""


# -- the excerpt ----------------------------------------------------------------------


def _line_end(text: str, start: int) -> tuple[int, int]:
    """Where the line starting at ``start`` ends (exclusive, before ``\\r\\n``), and
    where the next line starts."""
    nl = text.find("\n", start)
    if nl < 0:
        return len(text), len(text) + 1
    end = nl - 1 if nl > start and text[nl - 1] == "\r" else nl
    return end, nl + 1


def _excerpt(report, f, line, col, paint) -> list[str]:
    text = report.text
    start, end = f.offset, f.offset + f.length
    end_line, end_col = line, col
    last_start = start - (col - 1)
    if f.length:
        end_line, end_col = report.position(end)
        last_start = end - (end_col - 1)
        if end_line > line and end_col == 1:  # the span ends with its line break
            end_line, end_col = report.position(end - 1)
            last_start = end - 1 - (end_col - 1)
    numbers: list[int | None] = list(range(line, end_line + 1))
    if len(numbers) > MAX_SPAN_LINES:
        numbers = numbers[: MAX_SPAN_LINES - 1] + [None, end_line]
    digits = len(str(end_line))
    gutter = " " * digits
    out = [f"{gutter} |"]
    ls = start - (col - 1)
    for n in numbers:
        if n is None:
            out.append(ELLIPSIS)
            continue
        if n == end_line:
            ls = last_start  # past the elided lines, if any
        le, next_ls = _line_end(text, ls)
        a, b = max(start, ls), min(end, le)
        covered = b > a or not f.length  # an empty line inside a span gets no carets
        shown, pad, width = _window(text, ls, le, a, max(a, b))
        out.append(f"{n:>{digits}} | {shown}" if shown else f"{n:>{digits}} |")
        if covered:
            out.append(f"{gutter} | {' ' * pad}{paint('^' * width, f.severity)}")
        ls = next_ls
    return out


def _cell(ch: str) -> tuple[str, int]:
    """How one character is shown, and how many columns it takes."""
    if " " <= ch <= "~":  # printable ASCII, nearly every character of a draft
        return ch, 1
    if ch == "\t":
        return " " * TAB_WIDTH, TAB_WIDTH
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code), 1  # control pictures: a draft cannot drive the terminal
    if code == 0x7F:
        return "\u2421", 1
    if 0x80 <= code < 0xA0:
        return "\ufffd", 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ch, 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return ch, 2
    return ch, 1


def _window(text: str, ls: int, le: int, a: int, b: int) -> tuple[str, int, int]:
    """The line ``text[ls:le]`` as shown, clipped to ``MAX_COLUMNS`` around the span
    ``text[a:b]``: the shown text, the columns before the carets, and how many
    carets (at least one)."""
    # Only characters near the span's start are read, so a 200 KB line (or span)
    # costs what a short one does. Every character but a zero-width one takes a
    # column or more, so these bounds hold more than the window can show.
    lo = max(ls, a - 2 * MAX_COLUMNS)
    hi = min(le, a + 2 * MAX_COLUMNS)
    seg = text[lo:hi]
    # printable ASCII (most lines): a character per column, shown as it is
    plain = seg.isascii() and seg.isprintable()
    cells: list[str] = []
    starts: list[int] = []
    widths: list[int] = []
    col = col_a = col_b = 0
    if plain:
        col = len(seg)
        col_a, col_b = a - lo, b - lo
    else:
        for i in range(lo, hi):
            if i == a:
                col_a = col
            if i == b:
                col_b = col
            s, w = _cell(text[i])
            cells.append(s)
            starts.append(col)
            widths.append(w)
            col += w
    total = col
    if a >= hi:
        col_a = total
    if b >= hi:
        col_b = total
    left_more, right_more = lo > ls, hi < le

    if left_more or right_more or total > MAX_COLUMNS:
        dots = len(ELLIPSIS)
        budget = MAX_COLUMNS - 2 * dots
        ws = max(0, col_a - max(_MIN_BEFORE, (budget - (col_b - col_a)) // 2))
        we = ws + budget
        if ws == 0 and not left_more:
            we += dots  # no ellipsis on the left: its room is the text's
        if we >= total and not right_more:  # the line's end is in view: fill from the left
            we = total
            ws = max(0, total - (MAX_COLUMNS - dots))
    else:
        ws, we = 0, total
    if plain:  # the characters that fit between columns ws and we
        keep = range(max(0, ws), min(total, we))
        first, last = (keep[0], keep[-1] + 1) if keep else (ws, ws)
    else:
        keep = [k for k in range(len(cells)) if starts[k] >= ws and starts[k] + widths[k] <= we]
        first, last = (starts[keep[0]], starts[keep[-1]] + widths[keep[-1]]) if keep else (ws, ws)
    if keep:
        cut_left = left_more or keep[0] > 0
        cut_right = right_more or keep[-1] < (total if plain else len(cells)) - 1
    else:
        cut_left, cut_right = left_more or ws > 0, right_more
    lead = ELLIPSIS if cut_left else ""
    kept = seg[first:last] if plain else "".join(cells[k] for k in keep)
    shown = lead + kept + (ELLIPSIS if cut_right else "")
    vis_a = min(max(col_a, first), last)
    vis_b = min(max(col_b, first), last)
    return shown, len(lead) + vis_a - first, max(1, vis_b - vis_a)


def _score_line(report, paint) -> str:
    lowered = ", ".join(_lowered(e) for e in report.score.explanation[:4])
    why = f" ({lowered}{', …' if len(report.score.explanation) > 4 else ''})" if lowered else ""
    return f"{report.path}: score {report.score.overall:g}/100{why}"


def _lowered(e: dict) -> str:
    """'CustomerFocus.OwnAgenda -25', or for the wording the words that weighed most."""
    if e.get("words"):
        return f"wording {e['points']:g}: " + ", ".join(repr(w) for w in e["words"])
    if e["rule"] == "Learned.Wording":
        return f"wording {e['points']:g}"
    return f"{e['rule']} {e['points']:g}"


def _summary(reports, paint) -> str:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for r in reports:
        for k, v in r.counts().items():
            counts[k] += v
    total = sum(counts.values())
    files = f" in {len(reports)} files" if len(reports) > 1 else ""
    low = [r for r in reports if r.below_min_score]
    below = ""
    if low:  # a draft that fails on its score alone is no "all clear"
        lowest = min(low, key=lambda r: r.score.overall)
        if len(reports) > 1:
            said = f"{len(low)} of {len(reports)} drafts score below the minimum (min-score {lowest.min_score:g}; the lowest {lowest.score.overall:g})."
        else:
            said = f"The draft scores {lowest.score.overall:g}, below the minimum of {lowest.min_score:g} (min-score)."
        below = paint(said, "bold")
    if not total:
        return below or paint(f"All clear{files}: no problems found.", "green")
    parts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)
    safe = sum(any(s.fix and s.fix.applicability == "safe" for s in f.suggestions) for r in reports for f in r.findings)
    unsafe = sum(f.fixable for r in reports for f in r.findings) - safe
    tail = ""
    if safe:
        tail += f" {safe} fixable with --fix."
    if unsafe:
        tail += (f" {unsafe}{' more' if safe else ''} fixable with --unsafe-fixes"
                 " (they change your wording; 'tonecheck rewrite' shows the result).")
    found = paint(f"Found {total} problem{'s' if total != 1 else ''}{files} ({parts}).", "bold") + tail
    return f"{found}\n{below}" if below else found


@hookimpl
def tonecheck_formatters():
    return {"text": format_text}
