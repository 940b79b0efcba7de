"""The ``tonecheck`` command: a run of ``check`` or ``rewrite`` goes to the daemon when
one serves this environment (tonecheck/daemon.py); every other run, and those, when
none does, is the command line's (tonecheck/cli.py), in this process."""
from __future__ import annotations

import sys


def main() -> None:
    from .daemon import handed_over

    code = handed_over(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .cli import main as cli

    cli()
