"""A small server that speaks LanguageTool's HTTP protocol, for testing tonecheck as
its client (LanguageTool itself needs Java and a download this machine cannot have).

It flags "I has" (grammar) and "recieved" (a misspelling), with offsets in UTF-16
code units as LanguageTool's are, and keeps every text it was sent so a test can
check what left tonecheck.
"""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

RULES = [
    (re.compile(r"\bI has\b"), {"id": "HAVE_PART_AGREEMENT", "issueType": "grammar", "category": {"id": "GRAMMAR", "name": "Grammar"}},
     "Use 'have' with 'I'.", "I have"),
    (re.compile(r"\brecieved\b"), {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling", "category": {"id": "TYPOS", "name": "Possible Typo"}},
     "Possible spelling mistake found.", "received"),
]


def _units(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class Stub:
    def __init__(self):
        self.received: list[str] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, doc, status=200):
                body = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.rstrip("/") == "/v2/languages":
                    self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
                else:
                    self._json({"error": "not found"}, 404)

            def do_POST(self):
                size = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(size).decode())
                text = form.get("text", [""])[0]
                stub.received.append(text)
                matches = []
                for pattern, rule, message, fix in RULES:
                    for m in pattern.finditer(text):
                        start, end = _units(text, m.start()), _units(text, m.end())
                        matches.append({"message": message, "shortMessage": "", "replacements": [{"value": fix}],
                                        "offset": start, "length": end - start,
                                        "context": {"text": text, "offset": start, "length": end - start},
                                        "sentence": text, "rule": rule})
                self._json({"software": {"name": "LanguageTool", "version": "stub"}, "matches": matches})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # shutdown() waits for serve_forever's next poll: 0.5 s by default, for every test
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
