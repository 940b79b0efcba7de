"""``tonecheck serve``: tonecheck over HTTP, on Starlette (run by uvicorn).

- ``GET /v2/languages`` and ``POST /v2/check``: LanguageTool's API, so any
  LanguageTool client (editor plug-ins, browser add-ons, language-tool-python) shows
  tone findings. Offsets and lengths count UTF-16 code units, as LanguageTool's do.
- ``POST /v1/check`` and ``POST /v1/rewrite``: tonecheck's own JSON contract.
- ``GET /v1/rules``: each rule's category, severity, why and what to write instead.
- ``GET /healthz``; ``GET /``: a page to paste a draft into (no external scripts).

Rules and plugins load once, at start. A request over ``max_bytes`` gets 413, a
malformed one 400 with {"error": ...}; nothing a client sends stops the server.
Bound to 127.0.0.1 unless told otherwise: drafts carry personal data.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import __version__, re_cached
from .errors import TonecheckError
from .languagetool import Utf16, annotated
from .vocabulary import given_contexts

#: The largest request body accepted (a draft at tonecheck's own cap, 10 MiB, is far
#: more than any editor sends; LanguageTool's public API takes 20 KB).
MAX_BYTES = 1024 * 1024
_LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
]
_ISSUE_TYPES = {"grammar": "grammar", "spelling": "misspelling", "hard_to_read": "style", "structure": "typographical"}


_SURROGATE = re_cached.compile("[\ud800-\udfff]")


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def create_app(linter, *, max_bytes: int = MAX_BYTES):
    """The ASGI app, around one loaded ``Linter``."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.requests import Request
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    rules = {r.id: r for r in linter.all_rules}
    opt_in = {name.lower() for r in linter.all_rules if r.opt_in for name in (r.id, r.category)}
    with_opt_in: list = []  # a Linter with the opt-in rules too, made when a client first asks for one

    def linter_for(enabled: set):
        if not enabled & opt_in:
            return linter
        if not with_opt_in:
            from dataclasses import replace

            from .engine import Linter

            every = tuple(r.id for r in linter.all_rules if not r.opt_in or {r.id.lower(), r.category} & enabled)
            with_opt_in.append(Linter(replace(linter.config, select=every)))
        return with_opt_in[0]
    page = (Path(__file__).resolve().parent / "web" / "index.html").read_text(encoding="utf-8")

    def error(message: str, status: int = 400) -> Response:
        return JSONResponse({"error": message}, status_code=status)

    async def body(request: Request) -> bytes:
        size = request.headers.get("content-length")
        if size is not None:
            if not size.isdigit():
                raise BadRequest("Content-Length is not a number")
            if int(size) > max_bytes:
                raise BadRequest(f"the request is over {max_bytes} bytes", 413)
        chunks, total = [], 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_bytes:
                raise BadRequest(f"the request is over {max_bytes} bytes", 413)
            chunks.append(chunk)
        return b"".join(chunks)

    def guarded(handler):
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except BadRequest as exc:
                return error(str(exc), exc.status)
            except TonecheckError as exc:  # the draft cannot be read: the client's to fix
                return error(str(exc))
            except Exception as exc:  # a bug of ours: said, and the server goes on
                return error(f"internal error: {type(exc).__name__}: {exc}", 500)

        return endpoint

    async def json_body(request: Request) -> dict:
        raw = await body(request)
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest("the body must be JSON: {\"text\": \"...\"}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise BadRequest("the body must be a JSON object with \"text\" (a string)")
        # JSON may escape half a surrogate pair ("\ud800"): not text, and not sendable back
        doc["text"] = _SURROGATE.sub("\ufffd", doc["text"])
        context = doc.get("context")
        if context is not None and not (isinstance(context, list) and all(isinstance(c, str) for c in context)):
            raise BadRequest("\"context\" must be a list of strings")
        try:
            doc["context"] = given_contexts(context) or None  # a misspelt one is said, not ignored
        except ValueError as exc:
            raise BadRequest(f"\"context\": {exc}") from None
        return doc

    def draft_of(text: str, path: str = "-", fmt: str | None = None):
        from .sources import load_text

        if not text.strip():
            raise BadRequest("the text is empty: nothing to check")
        draft = load_text(text, path, fmt, linter.formats)
        if draft.meta.get("messages", 1) > 1:  # one answer is about one draft: not the first of many
            raise BadRequest(f"the text is an mbox of {draft.meta['messages']} messages; send one message at a time")
        return draft

    async def languages(request: Request) -> Response:
        return JSONResponse(_LANGUAGES)

    async def lt_check(request: Request) -> Response:
        if request.method == "GET":  # LanguageTool takes its parameters in the query too
            form = _form(request.url.query.encode(), "")
        else:
            form = _form(await body(request), request.headers.get("content-type", ""))
        language = form.get("language", "en-US")
        if language != "auto" and not language.lower().startswith("en"):
            raise BadRequest(f"language {language!r} is not supported: tonecheck checks English")
        if "data" in form:
            try:
                text, where, source = annotated(form["data"])
            except ValueError as exc:
                raise BadRequest(str(exc)) from None
        elif "text" in form:
            text = form["text"]
            where, source = None, text
        else:
            raise BadRequest("give 'text' or 'data'")
        # JSON in "data" may escape half a surrogate pair: not text (one for one, offsets kept)
        text, source = _SURROGATE.sub("\ufffd", text), _SURROGATE.sub("\ufffd", source)
        # rule ids, and categories as LanguageTool's clients name them (VAGUE_COMMITMENT)
        enabled = _ids(form.get("enabledRules")) | _ids(form.get("enabledCategories"))
        disabled = _ids(form.get("disabledRules")) | _ids(form.get("disabledCategories"))
        only = form.get("enabledOnly", "false").lower() == "true"
        if only and not enabled:
            raise BadRequest("enabledOnly=true needs enabledRules or enabledCategories")
        matches = []
        if text.strip():
            # off the event loop: a long draft must not stall /healthz and the other clients
            # an editor's text, never sniffed as mail; enabledRules=Spelling.Unknown switches spelling on
            report = await run_in_threadpool(linter_for(enabled).lint, draft_of(text, fmt="text"))
            matches = _matches(report, text, where, source, rules, enabled if only else None, disabled)
        return JSONResponse({
            "software": {"name": "tonecheck", "version": __version__, "apiVersion": 1, "status": "", "premium": False},
            "language": {"name": "English", "code": language, "detectedLanguage": {"name": "English", "code": "en-US", "confidence": 1.0}},
            "matches": matches,
        })

    async def v1_check(request: Request) -> Response:
        from .formatters.json import report_dict

        doc = await json_body(request)
        draft = draft_of(doc["text"], str(doc.get("path") or "-"))
        report = await run_in_threadpool(lambda: linter.lint(draft, contexts=doc.get("context")))
        # "text": what the offsets index (a pasted message's body, not its headers)
        return JSONResponse({"version": __version__, **report_dict(report), "text": report.text})

    async def v1_rewrite(request: Request) -> Response:
        from .rewrites import rewrite, unified_diff

        doc = await json_body(request)
        draft = draft_of(doc["text"], str(doc.get("path") or "-"))

        def work():
            report = linter.lint(draft, contexts=doc.get("context"))
            return report, rewrite(linter, draft, report, unsafe=doc.get("unsafe", True) is not False)

        report, result = await run_in_threadpool(work)
        return JSONResponse({
            "text": result.text,
            "score_before": result.score_before,
            "score_after": result.score_after,
            "changes": [{"rule": c.rule, "before": c.before, "after": c.after, "reason": c.reason} for c in result.changes],
            "placeholders": result.placeholders,
            "notes": result.notes,
            "diff": unified_diff(report.text.encode("utf-8", "replace"), result.text.encode("utf-8", "replace"), "draft"),
        })

    async def v1_rules(request: Request) -> Response:
        return JSONResponse({
            r.id: {"category": r.category, "severity": r.severity, "why": r.why, "instead": r.instead, "fixable": r.fixable}
            for r in linter.rules
        })

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "rules": len(linter.rules)})

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers={"Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"})

    routes = [
        Route("/", guarded(index), methods=["GET"]),
        Route("/healthz", guarded(healthz), methods=["GET"]),
        Route("/v2/languages", guarded(languages), methods=["GET"]),
        Route("/v2/check", guarded(lt_check), methods=["GET", "POST"]),
        Route("/v1/check", guarded(v1_check), methods=["POST"]),
        Route("/v1/rewrite", guarded(v1_rewrite), methods=["POST"]),
        Route("/v1/rules", guarded(v1_rules), methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(_Marked)])

    async def not_found(request, exc):
        response = error(getattr(exc, "detail", "not found"), getattr(exc, "status_code", 404))
        response.headers.update(getattr(exc, "headers", None) or {})  # a 405's Allow
        return response

    app.add_exception_handler(404, not_found)
    app.add_exception_handler(405, not_found)
    return app


class _Marked:
    """Every answer carries X-Tonecheck, so tonecheck's own grammar check, finding a
    server on LanguageTool's port, never asks tonecheck itself."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def marked(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-tonecheck", __version__.encode())]}
            await send(message)

        await self.app(scope, receive, marked)


def _form(raw: bytes, content_type: str) -> dict:
    """A form-encoded body (what LanguageTool clients send), or a query string."""
    from urllib.parse import parse_qs

    if "multipart/form-data" in content_type:
        raise BadRequest("send the form as application/x-www-form-urlencoded")
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"the form cannot be read: {exc}") from None
    return {k: v[0] for k, v in fields.items()}


def _ids(value: str | None) -> set[str]:
    return {v.strip().lower() for v in (value or "").split(",") if v.strip()}


def _matches(report, text: str, where, source: str, rules: dict, only, disabled) -> list[dict]:
    """Findings as LanguageTool matches, offsets in UTF-16 units of what the client sent."""
    units = Utf16(source)
    out = []
    for f in report.findings:
        names = {f.rule.lower(), f.category.lower()}
        if names & disabled or (only is not None and not names & only):
            continue
        start, end = f.offset, f.offset + f.length
        if where is not None:  # back into the annotated text, markup included
            start, end = where[start], where[end - 1] + 1 if end > start else where[start]
        rule = rules.get(f.rule)
        sentence = _sentence(text, f.offset, f.offset + f.length)
        # LanguageTool's context: up to 40 characters each side, on one line
        ctx_start = max(0, f.offset - 40)
        context = text[ctx_start:f.offset + min(f.length, 200) + 40].replace("\n", " ").replace("\r", " ")
        out.append({
            "message": f.message,
            "shortMessage": f.rule,
            "replacements": [
                {"value": s.fix.edits[0].content}
                for s in f.suggestions
                if s.fix and len(s.fix.edits) == 1 and s.fix.edits[0].offset == f.offset and s.fix.edits[0].length == f.length
            ],
            "offset": units.to_units(start),
            "length": units.to_units(end) - units.to_units(start),
            "context": {"text": context, "offset": len(text[ctx_start:f.offset].encode("utf-16-le", "surrogatepass")) // 2,
                        "length": len(text[f.offset:f.offset + min(f.length, 200)].encode("utf-16-le", "surrogatepass")) // 2},
            "sentence": sentence,
            "type": {"typeName": "Other"},
            "rule": {
                "id": f.rule,
                "description": (rule.why if rule else f.message)[:300],
                "issueType": _ISSUE_TYPES.get(f.category, "style"),
                "category": {"id": f.category.upper(), "name": f.category.replace("_", " ")},
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    return out


def app_from_environment():
    """The app for one of several worker processes: each loads its own Linter from the
    config ``serve`` named (TONECHECK_SERVE_CONFIG, TONECHECK_SERVE_MAX_BYTES)."""
    import os

    from .config import find_config, load_config
    from .engine import Linter

    from dataclasses import replace

    named = os.environ.get("TONECHECK_SERVE_CONFIG")
    config = load_config(Path(named) if named else find_config(Path.cwd()))
    config = replace(config, grammar=json.loads(os.environ.get("TONECHECK_SERVE_GRAMMAR", "{}")) or config.grammar)
    return create_app(Linter(config), max_bytes=int(os.environ.get("TONECHECK_SERVE_MAX_BYTES", MAX_BYTES)))


_SENTENCE_END = re_cached.compile(r"[.!?]+\s|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a finding, as LanguageTool gives it: bounded (a finding in
    a 100 KB paragraph must not send the paragraph back with every match)."""
    lo = max(0, start - 300)
    before = list(_SENTENCE_END.finditer(text, lo, start))
    s = before[-1].end() if before else lo
    after = _SENTENCE_END.search(text, end, end + 300)
    e = after.start() + 1 if after else min(len(text), end + 300)
    return text[s:max(e, min(end, s + 600))][:600].strip()


def serve(linter, host: str = "127.0.0.1", port: int = 8081, max_bytes: int = MAX_BYTES, workers: int = 1) -> None:
    """Run the server until interrupted. With several workers, each process loads its
    own Linter (rules are CPU-bound: one process per core keeps latency flat)."""
    import os

    import uvicorn

    options = dict(host=host, port=port, log_level="warning", access_log=False, server_header=False,
                   limit_concurrency=256, timeout_keep_alive=30)
    if workers <= 1:
        uvicorn.run(create_app(linter, max_bytes=max_bytes), **options)
        return
    if linter.config.path:
        os.environ["TONECHECK_SERVE_CONFIG"] = str(linter.config.path)
    os.environ["TONECHECK_SERVE_MAX_BYTES"] = str(max_bytes)
    os.environ["TONECHECK_SERVE_GRAMMAR"] = json.dumps(linter.config.grammar)
    uvicorn.run("tonecheck.server:app_from_environment", factory=True, workers=workers, **options)
