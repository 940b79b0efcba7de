"""Hooks that put tonecheck in other programs' send paths: git send-email's
``sendemail-validate``. Each is written atomically and never over someone's own hook
unless asked to."""
from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

from .errors import TonecheckError

MARK = "# installed by 'tonecheck hooks install"

HOOKS = {
    # git send-email runs this for each message before sending; a non-zero exit stops it
    "git-send-email": (
        "sendemail-validate",
        """#!/bin/sh
{mark} git-send-email'
# git send-email runs this with each message it is about to send; tonecheck checks the
# writer's text (of a patch, the message above its "---" line, not the code), with the
# repository's config, and a message with problems stops the send. To send anyway:
#   TONECHECK_SEND_ANYWAY=1 git send-email ...
case "${{TONECHECK_SEND_ANYWAY:-}}" in 1|true|yes) exit 0 ;; esac
cr=$(printf '\\r')  # a patch saved with CRLF line ends: its "---" line ends in a CR
sed "/^---$cr*\\$/q" "$1" | {command} check --stdin-filename "$PWD/$(basename "$1")" -
""",
    ),
}


def install(kind: str, *, force: bool = False, cwd: Path | None = None) -> Path:
    """Write the hook for ``kind`` into this git repository's hooks folder (which
    respects core.hooksPath); the path written."""
    if kind not in HOOKS:
        raise TonecheckError(f"unknown hook {kind!r} (one of {', '.join(HOOKS)})")
    name, template = HOOKS[kind]
    try:
        out = subprocess.run(["git", "rev-parse", "--git-path", "hooks"], capture_output=True, text=True, cwd=cwd)
    except OSError as exc:
        raise TonecheckError(f"cannot run git: {exc.strerror or exc}") from None
    if out.returncode:
        raise TonecheckError("not inside a git repository (git rev-parse failed): run this in the repository you send from")
    folder = Path(cwd or ".") / out.stdout.strip()
    target = folder / name
    if (target.exists() or target.is_symlink()) and not force and not _ours(target):
        # (a hook an earlier tonecheck wrote is replaced: it is ours, and may lack a fix)
        raise TonecheckError(f"{target} exists; use --force to replace it")
    # the Python that runs tonecheck now: the hook works whatever PATH git runs it with
    command = f"{shlex.quote(sys.executable)} -m tonecheck"
    from .cache import write_atomic

    write_atomic(target, template.format(mark=MARK, command=command))
    mode = target.stat().st_mode
    os.chmod(target, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return target


def _ours(target: Path) -> bool:
    """Did a tonecheck write this hook (its mark line, a regular file)?"""
    try:
        return target.is_file() and not target.is_symlink() and MARK in target.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
