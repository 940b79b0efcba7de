"""Registers the input formats tonecheck reads itself: plain text, HTML, .eml and mbox
(their entries are ``tonecheck.sources.formats.BUILTIN``)."""
from __future__ import annotations

from .. import hookimpl


@hookimpl
def tonecheck_sources():
    from ..sources.formats import BUILTIN

    return list(BUILTIN)
