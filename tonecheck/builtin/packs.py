"""Registers the YAML packs shipped in the wheel (rules/ in the source tree)."""
from __future__ import annotations

from .. import hookimpl
from ..plugins import builtin_pack_folder


@hookimpl
def tonecheck_rule_packs():
    return [builtin_pack_folder()]
