"""Registers the YAML packs shipped in the wheel (rules/ in the source tree)."""
from __future__ import annotations

from .. import hookimpl


@hookimpl
def tonecheck_rule_packs():
    from ..lexicon import FILE_NAME
    from ..packs import builtin_pack_folder, pack_files

    # the shared lexicon lives beside the packs, and is not one
    return [p for p in pack_files(builtin_pack_folder()) if p.name != FILE_NAME]
