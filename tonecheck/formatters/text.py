"""Human output in ruff's shape: ``path:line:col: Rule.Id message``, the line with
a caret under the words, then the help and a summary line with the score."""
from __future__ import annotations

from .. import hookimpl

_COLOURS = {"error": "31", "warning": "33", "suggestion": "36", "bold": "1", "dim": "2", "green": "32"}


def _paint(options):
    if not options.get("color"):
        return lambda text, style: text
    return lambda text, style: f"\x1b[{_COLOURS[style]}m{text}\x1b[0m"


def format_text(reports, options) -> str:
    paint = _paint(options)
    quiet = options.get("quiet", False)
    out: list[str] = []
    for report in reports:
        for f in report.findings:
            line, col = report.position(f.offset)
            out.append(
                f"{paint(report.path, 'bold')}:{line}:{col}: "
                f"{paint(f.rule, f.severity)} [{f.severity}] {f.message}"
            )
            if quiet:
                continue
            out.extend(_excerpt(report, f, line, col, paint))
            for s in f.suggestions:
                tag = f" ({s.fix.applicability} fix)" if s.fix else ""
                out.append(f"  {paint('= help:', 'bold')} {s.message}{tag}")
            out.append("")
        for err in report.errors:
            out.append(f"{report.path}: {paint('rule error:', 'error')} {err}")
        if not quiet:
            out.append(_score_line(report, paint))
    if not quiet:
        out.append(_summary(reports, paint))
    return "\n".join(out) + "\n" if out else ""


def _excerpt(report, f, line, col, paint) -> list[str]:
    text = report.line_text(line)
    end_line, end_col = report.position(f.offset + f.length)
    width = (end_col - col) if end_line == line else len(text) - col + 1
    gutter = " " * len(str(line))
    return [
        f"{gutter} |",
        f"{line} | {text}",
        f"{gutter} | {' ' * (col - 1)}{paint('^' * max(1, width), f.severity)}",
    ]


def _score_line(report, paint) -> str:
    lowered = ", ".join(
        f"{e['rule']} {e['points']:g}" for e in report.score.explanation[:4]
    )
    why = f" ({lowered}{', …' if len(report.score.explanation) > 4 else ''})" if lowered else ""
    return f"{report.path}: score {report.score.overall:g}/100{why}"


def _summary(reports, paint) -> str:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for r in reports:
        for k, v in r.counts().items():
            counts[k] += v
    total = sum(counts.values())
    files = f" in {len(reports)} files" if len(reports) > 1 else ""
    if not total:
        return paint(f"All clear{files}: no problems found.", "green")
    parts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)
    fixable = sum(f.fixable for r in reports for f in r.findings)
    tail = f" {fixable} fixable with a suggested edit." if fixable else ""
    return paint(f"Found {total} problem{'s' if total != 1 else ''}{files} ({parts}).", "bold") + tail


@hookimpl
def tonecheck_formatters():
    return {"text": format_text}
