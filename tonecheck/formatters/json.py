"""The JSON contract (schema: tonecheck/schema/report.schema.json)."""
from __future__ import annotations

import json

from .. import __version__, hookimpl


def finding_dict(report, f) -> dict:
    line, col = report.position(f.offset)
    end_line, end_col = report.position(f.offset + f.length)
    return {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "offset": f.offset,
        "length": f.length,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "suggestions": [
            {
                "message": s.message,
                "fix": None
                if s.fix is None
                else {
                    "applicability": s.fix.applicability,
                    "edits": [{"offset": e.offset, "length": e.length, "content": e.content} for e in s.fix.edits],
                },
            }
            for s in f.suggestions
        ],
    }


def report_dict(report) -> dict:
    return {
        "path": report.path,
        "lines": report.lines,
        "contexts": list(report.contexts),
        "score": {
            "overall": report.score.overall,
            "method": report.score.method,
            "categories": report.score.categories,
            "explanation": report.score.explanation,
            "minimum": report.min_score,
        },
        "findings": [finding_dict(report, f) for f in report.findings],
        "errors": [*report.load_problems, *report.errors],
    }


def summary(reports, unreadable=()) -> dict:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for r in reports:
        for k, v in r.counts().items():
            counts[k] += v
    return {
        "files": len(reports),
        "findings": sum(counts.values()),
        **counts,
        "fixable": sum(f.fixable for r in reports for f in r.findings),
        "lowest_score": min((r.score.overall for r in reports), default=None),  # no draft, no score
        "below_minimum": sum(r.below_min_score for r in reports),
        "unreadable": len(unreadable),
    }


def format_json(reports, options) -> str:
    # the inputs that could not be read are in the document too, not only on stderr
    unreadable = list(options.get("unreadable", ()))
    doc = {"version": __version__, "files": [report_dict(r) for r in reports], "unreadable": unreadable,
           "summary": summary(reports, unreadable)}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@hookimpl
def tonecheck_formatters():
    return {"json": format_json}
