"""The pack kinds, by name, in the order the docs list them."""
from __future__ import annotations

from . import limit, metric, phrase, ratio, require_when, substitution
from .kind import Kind

KINDS: dict[str, Kind] = {k.name: k for k in (
    phrase.KIND, substitution.KIND, ratio.KIND, metric.KIND, require_when.KIND, limit.KIND,
)}
