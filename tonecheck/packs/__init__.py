"""YAML rule packs: load (through a parse cache), validate, compile into Rules.

A pack is one YAML file: ``pack: Name``, optional ``description``, and ``rules:``, a
list of rules of one of the kinds (``kinds.py``: one module each, as Vale's
``internal/check`` has one file per extension point). Patterns are compiled with
RE2, a linear-time engine, so a house rule cannot hang a run; they match
case-insensitively and, unless ``word_boundaries: false``, only as whole words.

- ``loading``: finding pack files, reading YAML (cached, bounded);
- ``compile``: the fields every rule has, and building each Rule;
- ``schema``: field checks; ``patterns``: RE2, flexible spaces, lexicon references;
- ``rewrite``: a rule's fix; ``kind`` and the kind modules: what each kind adds.
"""
from __future__ import annotations

from .compile import compile_pack
from .kinds import KINDS
from .loading import MAX_NODES, builtin_pack_folder, load_pack, pack_files, parse_yaml, read_pack

__all__ = ["KINDS", "MAX_NODES", "builtin_pack_folder", "compile_pack", "load_pack", "pack_files", "parse_yaml", "read_pack"]
