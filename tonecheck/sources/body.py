"""Plain text or HTML into a Draft: the one step a file and a message body share."""
from __future__ import annotations

from ..draft import Draft, is_blank
from ..errors import InputError


def body_draft(text: str, kind: str, path: str, *, what: str = "the HTML") -> Draft:
    """``kind`` "html" or "text"/"plain"; HTML with no visible text is refused, named
    as ``what`` ("the HTML", "the HTML body")."""
    if kind == "html":
        from .html import parse_html

        draft = parse_html(text, path)
        if is_blank(draft.text):
            raise InputError(f"{path}: {what} has no visible text: nothing to check")
        return draft
    from .plain import plain_draft

    return plain_draft(text, path)
