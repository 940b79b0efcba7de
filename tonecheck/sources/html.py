"""HTML bodies: visible text with a map back to the source, and the quoted parts.

The text is what a reader sees, roughly as a browser lays it out: block tags start
new lines (paragraphs, headings, lists and tables leave a blank line), ``<br>`` is a
line break, list items start with "- ", entities are decoded, script/style/head are
dropped, runs of whitespace collapse to one space and zero-width characters (U+200B,
U+2060, U+FEFF) are left out. ``offset_map[i]`` is the index in the source of the
character that produced ``text[i]`` (for a generated newline or "- ", the tag's
``<``); the extra last entry is ``len(src)``. ``looks_like_html`` tells an HTML draft
from plain text.
"""
from __future__ import annotations

import re

from .. import re_cached
from ..draft import ZERO_WIDTH

# Tags that mark an HTML body. "<link>" or "<you@x.com>" in a plain email do not.
_HTML_START = re_cached.compile(
    r"\s*(?:<!doctype\s+html|<\?xml|<!--|<(?:html|head|body|meta|style|div|p|br|table|span|"
    r"font|ul|ol|h[1-6]|blockquote|center|b|i|strong|em|a)\b[^<>]*>)", re.I)
_HTML_TAG = re_cached.compile(
    r"<(?:/?(?:p|div|br|html|body|table|tr|td|li|ul|ol|blockquote|span|strong|em|b|i|u|font|"
    r"h[1-6]|hr)|a\s+href=)\b[^<>]*>", re.I)

_BLOCK = {"div", "li", "tr", "dt", "dd", "address", "section", "article", "header",
          "footer", "form", "fieldset", "center", "caption", "figure", "nav", "main", "aside"}
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl",
              "blockquote", "hr", "pre"}
_SKIP = {"script", "style", "head", "title", "template", "noscript"}
_WS = " \t\n\r\f"
# Elements that clients wrap the quoted thread in.
_QUOTE_CLASSES = {"gmail_quote", "yahoo_quoted", "protonmail_quote", "moz-cite-prefix"}
_QUOTE_IDS = {"olk_src_body_section"}
# Elements that clients wrap the writer's signature in.
_SIGNATURE_CLASSES = {"gmail_signature", "moz-signature"}
_SIGNATURE_IDS = {"signature", "appledefaultsignature"}
# Outlook puts only the reply header in these; the quoted message follows them.
_QUOTE_TO_END_IDS = {"divrplyfwdmsg", "appendonsend"}


def looks_like_html(head: str) -> bool:
    """It starts with a tag, or has several HTML tags such as <p>, <div>, <br> early on."""
    return bool(_HTML_START.match(head) or len(_HTML_TAG.findall(head, 0, 4096)) >= 2)


def html_to_text(src: str) -> tuple[str, list[int]]:
    """The visible text of ``src`` and, per character, its index in ``src``."""
    text, offsets, _, _ = convert(src)
    return text, offsets


def convert(src: str) -> tuple[str, list[int], list[tuple[int, int]], list[tuple[int, int]]]:
    """Like ``html_to_text``, plus the (start, end) text spans that are quoted mail and
    those that are the writer's signature block."""
    from html.parser import HTMLParser
    from html import unescape

    line_starts = [0]
    pos = src.find("\n")
    while pos >= 0:
        line_starts.append(pos + 1)
        pos = src.find("\n", pos + 1)

    out: list[str] = []
    omap: list[int] = []
    state = {"pending": 0, "at": 0, "skip": 0, "pre": 0}
    depth: dict[str, int] = {}
    open_quotes: list[tuple[str, int, int]] = []  # (tag, depth when opened, text start)
    quoted: list[tuple[int, int]] = []
    open_sigs: list[tuple[str, int, int]] = []  # the same, for signature blocks
    signed: list[tuple[int, int]] = []

    def emit(ch: str, at: int) -> None:
        out.append(ch)
        omap.append(at)

    def flush() -> None:
        """Write the line breaks block tags asked for, before the next text."""
        want = state["pending"]
        if not want or not out:
            state["pending"] = 0
            return
        while out and out[-1] == " ":
            out.pop(), omap.pop()
        have = 0
        while have < len(out) and out[-1 - have] == "\n":
            have += 1
        for _ in range(want - have):
            emit("\n", state["at"])
        state["pending"] = 0

    def brk(n: int, at: int) -> None:
        if n > state["pending"]:
            state["pending"], state["at"] = n, at

    def text_in(data: str, at: int, step: int = 1) -> None:
        """Collapse whitespace; character k maps to at + k*step (step 0 for entities)."""
        if state["skip"]:
            return
        for k, ch in enumerate(data):
            if ch in ZERO_WIDTH:
                continue  # invisible, and it would split the words around it
            if ch in _WS and not state["pre"]:
                if state["pending"] or not out or out[-1] in " \n":
                    continue
                emit(" ", at + k * step)
            else:
                flush()
                if ch == "\r" and state["pre"]:
                    continue
                emit(ch, at + k * step)

    class Parser(HTMLParser):
        def here(self) -> int:
            line, col = self.getpos()
            return line_starts[line - 1] + col

        def handle_starttag(self, tag, attrs):
            at = self.here()
            if tag in _SKIP:
                state["skip"] += 1
                return
            if tag == "body":
                state["skip"] = 0  # in case </head> was never written
            if tag in ("div", "span", "blockquote"):
                depth[tag] = depth.get(tag, 0) + 1
                a = dict(attrs)
                classes = set((a.get("class") or "").split())
                ident = (a.get("id") or "").lower()
                if tag == "blockquote" or classes & _QUOTE_CLASSES or ident in _QUOTE_IDS:
                    flush()
                    open_quotes.append((tag, depth[tag], len(out)))
                elif classes & _SIGNATURE_CLASSES or ident in _SIGNATURE_IDS:
                    flush()
                    open_sigs.append((tag, depth[tag], len(out)))
                elif ident in _QUOTE_TO_END_IDS:
                    flush()
                    quoted.append((len(out), len(src)))  # clipped to the text later
            self.block(tag, at, start=True)

        def handle_startendtag(self, tag, attrs):
            if tag in ("div", "span", "blockquote"):
                return  # <div/> opens nothing
            self.block(tag, self.here(), start=True)

        def handle_endtag(self, tag):
            at = self.here()
            if tag in _SKIP:
                state["skip"] = max(0, state["skip"] - 1)
                return
            self.block(tag, at, start=False)
            if tag in depth and depth[tag] > 0:
                while open_quotes and open_quotes[-1][0] == tag and open_quotes[-1][1] >= depth[tag]:
                    _, _, start = open_quotes.pop()
                    quoted.append((start, len(out)))
                while open_sigs and open_sigs[-1][0] == tag and open_sigs[-1][1] >= depth[tag]:
                    _, _, start = open_sigs.pop()
                    signed.append((start, len(out)))
                depth[tag] -= 1

        def block(self, tag, at, start):
            if state["skip"]:
                return
            if tag == "br" and start:
                if not out:
                    return  # no blank lines before the first text
                flush()
                while out and out[-1] == " ":
                    out.pop(), omap.pop()
                emit("\n", at)
            elif tag in _PARAGRAPH:
                brk(2, at)
                if tag == "pre":
                    state["pre"] += 1 if start else -1 if state["pre"] else 0
            elif tag in ("td", "th") and start and out and out[-1] not in " \n":
                emit(" ", at)  # cells side by side
            elif tag in _BLOCK:
                brk(1, at)
                if tag == "li" and start:
                    flush()
                    emit("-", at), emit(" ", at)

        def handle_data(self, data):
            text_in(data, self.here())

        def handle_entityref(self, name):
            at = self.here()
            raw = f"&{name};" if src.startswith(f"&{name};", at) else f"&{name}"
            ch = unescape(raw)
            text_in(ch, at, 0 if ch != raw else 1)  # an unknown entity stays as written

        def handle_charref(self, name):
            text_in(unescape(f"&#{name};"), self.here(), 0)

    p = Parser(convert_charrefs=False)
    p.feed(src)
    p.close()
    while out and out[-1] in " \n":
        out.pop(), omap.pop()
    for _, _, start in open_quotes:
        quoted.append((start, len(out)))
    for _, _, start in open_sigs:
        signed.append((start, len(out)))
    omap.append(len(src))
    text = "".join(out)
    return text, omap, _merge(quoted, len(text)), _merge(signed, len(text))


def _merge(spans, n):
    spans = sorted((min(s, n), min(e, n)) for s, e in spans if e > s)
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def parse_html(src: str, path: str = "-"):
    """A Draft of an HTML body: regions of the visible text, offsets into ``src``."""
    from ..draft import Draft, plain_characters
    from .plain import split_regions

    text, offsets, quoted, signed = convert(src)
    text = plain_characters(text)  # what Draft does anyway, before the regions are found
    return Draft(text=text, regions=split_regions(text, quoted, signed), source=src,
                 offset_map=offsets, path=path, format="html")
