"""The command line: arguments -> engine -> formatter. Thin on purpose.

Exit codes: 0 nothing at or above the fail threshold, 1 findings at or above it (or a
score below --min-score), 2 a usage, config or input error (one line, no traceback).
"""
from __future__ import annotations

import contextlib
import difflib
import errno
import os
import sys
from collections import deque
from dataclasses import replace
from pathlib import Path

import click

from . import __version__, vocabulary
from .errors import InputError, TonecheckError
from .sources.files import expand as _expand, read as _read, read_data as _read_data, read_parts as _read_parts
from .sources.formats import Formats

_INPUT_FORMAT_HELP = (f"Read the drafts as this format: {', '.join(Formats().names)}, or one a plugin adds.  "
                      "[default: from each file's name and content]")


def _unwritable(draft):
    from .rewrites import unwritable  # only --fix and --diff need the rewriter

    return unwritable(draft)


def _split(values) -> tuple[str, ...] | None:
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or _stdout_is_tty()


def _new_linter(config, rule_budget=None):
    """A Linter for the config: in a run the daemon does, its own, already loaded."""
    ctx = click.get_current_context(silent=True)
    warm = ctx.find_root().obj if ctx is not None else None
    if warm is not None and hasattr(warm, "linter"):
        return warm.linter(config, rule_budget)
    from .engine import Linter

    return Linter(config, rule_budget=rule_budget)


def _load_config(config_path, start: Path):
    from .config import find_config, load_config

    return load_config(Path(config_path) if config_path else find_config(start))


def _toml(value) -> str:
    """A setting as it would be written in .tonecheck.toml."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items()) + "}" if value else "{}"
    return str(value)


def _toml_key(key) -> str:
    import json

    return key if isinstance(key, str) and key.replace("-", "").replace("_", "").isalnum() else json.dumps(str(key))


def _show_config(paths, config_path, stdin_filename, flags) -> None:
    """For each draft: the config file that applies (or none) and what it sets."""
    from dataclasses import fields

    found: dict = {}  # by config file: the formats its plugins read (no rules or packs are loaded)

    def formats_at(start: Path):
        base = _load_config(config_path, start if start.is_dir() else start.parent)
        if base.path not in found:
            from .plugins import get_plugin_manager
            from .sources.formats import collect

            found[base.path] = collect(get_plugin_manager(base).hook.tonecheck_sources, _warn)
        return found[base.path]

    for path in _expand(paths, formats_at=formats_at):
        start = Path(stdin_filename or ".") if path == "-" else Path(path)
        folder = start if start.is_dir() else start.parent
        base = _load_config(config_path, folder)
        # a message to colleagues only follows its [recipients."domain"] table
        drafts = [] if path == "-" or not base.recipients else [
            d for d in _read(path, None, formats=formats_at(start)) if not isinstance(d, InputError)]
        domains = {base.recipient_domain(_recipients(d)) for d in drafts} or {None}
        for domain in sorted(domains, key=str):
            config = base.for_domain(domain).merged(**flags)
            where = config.path or "no config file (the defaults)"
            shown = (stdin_filename or "-") if path == "-" else path  # as the findings name it
            click.echo(f"{shown}: {where}" + (f', with [recipients."{domain}"]' if domain else ""))
            for f in fields(config):
                if f.name != "path":
                    value = getattr(config, f.name)
                    key = f.name.replace('_', '-')
                    click.echo(f"  # {key}: not set" if value is None else f"  {key} = {_toml(value)}")


def _several(drafts, do: str) -> str:
    """A file that holds several drafts (an mbox, or a plugin format's split), and
    what to ``do`` instead: one at a time."""
    kind = next((d.format for d in drafts if not isinstance(d, InputError)), "eml")
    if kind == "eml":
        return f"an mbox of {len(drafts)} messages; {do} one message at a time"
    return f"a file of {len(drafts)} drafts; {do} one at a time"


def _recipients(draft, headers=("to", "cc")) -> list[str]:
    """The addresses a message is to (To and Cc, or the headers named); none for a
    draft that is not mail."""
    fields = [draft.meta[k] for k in headers if draft.meta.get(k)]
    if not fields:
        return []  # not mail: no need for the email package (9 ms to import)
    from email.utils import getaddresses

    return [addr for _, addr in getaddresses(fields) if addr]


def _a_number(ctx, param, value):
    if value is not None and value != value:  # NaN passes a range check and then never fails
        low, high = param.type.min, param.type.max
        raise click.BadParameter(f"must be a number from {low:g} to {high:g}, not nan")
    return value


def _a_jobs(ctx, param, value):
    """--jobs: a number of processes from 1, or auto (None: the CPUs this process may use)."""
    if value is None or str(value).strip().lower() == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number of processes or auto") from None
    if jobs < 1:
        raise click.BadParameter(f"{value!r} is not a number of processes: give 1 or more, or auto")
    return jobs


def _formatters(linter, fmt: str, warn=None) -> dict:
    """The formats on offer (plugins may add some); an unknown one is a usage error
    before any draft is read. A plugin's formatter hook that raises or offers something
    that cannot format is named, and its formats left out."""
    from .problems import call_each, raised

    warn = warn or _warn
    formatters = {}
    tail = "; its formats are left out"
    for plugin, offered in call_each(linter.pm.hook.tonecheck_formatters, warn, tail=tail):
        offered = offered or {}
        if not isinstance(offered, dict):
            warn(raised(plugin, "tonecheck_formatters", TypeError(f"returned {type(offered).__name__}, not a dict of name: function"), tail))
            continue
        bad = [name for name, f in offered.items() if not isinstance(name, str) or not callable(f)]
        if bad:
            warn(raised(plugin, "tonecheck_formatters", TypeError(f"format {bad[0]!r} is not a name and a function"), tail))
            continue
        formatters.update(offered)
    if fmt not in formatters:
        raise click.BadParameter(f"{fmt!r} is not one of {', '.join(sorted(formatters))}", param_hint="--format")
    return formatters


def _input_format(linter, name: str | None) -> None:
    """A format the linter's registry does not know is a usage error, said before any
    draft is read."""
    if name is not None:
        try:
            linter.formats.get(name)
        except InputError:
            raise click.BadParameter(f"{name!r} is not one of {', '.join(linter.formats.names)}",
                                     param_hint="--input-format") from None


def _warn(message: str) -> None:
    click.echo(f"tonecheck: warning: {message}", err=True)


# Writing the output failed: a full disk, a file too large, an I/O error.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EPIPE}


def _close_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# click 8.2 and later raise this for a bare group (8.1 prints the help itself)
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class _Group(click.Group):
    def main(self, args=None, prog_name=None, **extra):
        """click's own usage errors as one line too (it prints three: usage, hint, error)."""
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
            if isinstance(code, int) and code:  # ctx.exit(2) returns here instead of exiting
                sys.exit(code)
            return code
        except _NO_ARGS_IS_HELP as exc:  # plain 'tonecheck': the help text
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(0)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "tonecheck"
            click.echo(f"tonecheck: error: {exc.format_message()} (see '{command} --help')", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"tonecheck: error: {exc.format_message()}", err=True)
            sys.exit(2)
        except (click.Abort, KeyboardInterrupt):
            click.echo("tonecheck: aborted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (| head): say so once, quietly exit
            _close_stdout()
            click.echo("tonecheck: error: the output's reader closed it before the end", err=True)
            sys.exit(2)
        except OSError as exc:  # stdout on a full disk, and the like
            _close_stdout()
            click.echo(f"tonecheck: error: cannot write the output: {exc.strerror or exc}", err=True)
            sys.exit(2)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TonecheckError as exc:
            click.echo(f"tonecheck: error: {exc}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise
        except OSError as exc:
            if exc.errno in _OUTPUT_ERRNOS:
                raise  # the output cannot be written: main says so in one line
            where = f"{exc.filename}: " if exc.filename and exc.strerror else ""  # which file, as the shell would say
            click.echo(f"tonecheck: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except Exception as exc:  # a bug; the user still gets one line and exit 2
            if os.environ.get("TONECHECK_DEBUG"):
                raise
            click.echo(f"tonecheck: internal error: {type(exc).__name__}: {exc} (TONECHECK_DEBUG=1 shows more)", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tonecheck")
def main():
    """tonecheck: make outgoing customer emails about the customer."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json, or one a plugin adds.")
@click.option("--input-format", metavar="FORMAT", help=_INPUT_FORMAT_HELP)
@click.option("--select", multiple=True, help="Only these rules, packs or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules, packs or categories (comma-separated).")
@click.option("--context", "contexts", multiple=True, help=f"The situation, instead of detecting it: {', '.join(vocabulary.CONTEXTS)}.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion"]), help="Exit 1 on findings of this severity or worse.  [default: warning]")
@click.option("--min-score", type=click.FloatRange(0, 100), callback=_a_number, help="Exit 1 when a draft scores below this.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of searching for one.")
@click.option("--stdin-filename", help="The name to report for a draft read from stdin; its folder is where config is searched.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no excerpts, scores or summary.")
@click.option("--show-config", is_flag=True, help="Say which config applies to each draft, and its settings; check nothing.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files (atomically), then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also the fixes that change your wording (implies --fix).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing. Exit 1 if there is any.")
@click.option("--grammar/--no-grammar", default=None,
              help="Require LanguageTool for grammar (exit 2 at once if none answers), or skip it.  [default: use one if it is on this machine]")
@click.option("-v", "--verbose", is_flag=True, help="Also say what was skipped (grammar with no LanguageTool here).")
@click.option("-j", "--jobs", default="auto", metavar="N|auto", callback=_a_jobs,
              help="Check many drafts in N processes (auto: one per CPU this process may use); "
                   "a run of a few drafts, --fix and --diff stay in one. The output is the same.  [default: auto]")
def check(paths, fmt, input_format, select, ignore, contexts, fail_on, min_score, config_path, stdin_filename, color, quiet,
          show_config, fix, unsafe_fixes, diff, grammar, verbose, jobs):
    """Check drafts (files, folders, or - for stdin) and explain each finding."""
    from .containment import RULE_BUDGET
    from .sources import Part, parse_part

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give a draft to check: a file, a folder, or - for stdin")
        paths = ("-",)
    try:
        ctx_tags = vocabulary.given_contexts(contexts) or None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--context") from None
    flags = dict(select=_split(select), ignore=_split(ignore), fail_on=fail_on, min_score=min_score, context=ctx_tags)
    # --context is given to each lint, not folded into the config: given, it wins over a
    # message's own X-Tonecheck-Context header, which wins over the config's
    linter_flags = {k: v for k, v in flags.items() if k != "context"}

    if show_config:
        _show_config(paths, config_path, stdin_filename, flags)
        return
    fixing = fix or unsafe_fixes or diff
    if fixing and "-" in paths:
        raise click.UsageError("--fix and --diff rewrite files; for a draft on stdin use 'tonecheck rewrite -'")
    fixed = diffs = 0
    unread: list[str] = []  # each input that could not be read, for the output as well as stderr

    def cannot_read(error) -> None:
        """An input that cannot be read or written: said now, listed in the output, and the run exits 2."""
        click.echo(f"tonecheck: error: {error}", err=True)
        unread.append(str(error))
    linters: dict = {}  # one Linter per config file and [recipients] table: plugins and packs load once
    announced: set = set()  # the linters whose loading has been said (at their first draft)
    configs: dict = {}  # one config search per folder
    checked = []  # (report, the config it was checked under)
    formatters: dict = {}

    def config_at(start: Path):
        folder = start if start.is_dir() else start.parent
        if folder not in configs:
            configs[folder] = _load_config(config_path, folder)
        return configs[folder]

    def built(base, domain):
        """The Linter for a config file's drafts (its [recipients."domain"] table's, for
        a domain), made once and silently."""
        linter = linters.get((base.path, domain))
        if linter is None:
            config = base.for_domain(domain).merged(**linter_flags)
            if grammar is not None:
                config = replace(config, grammar={**config.grammar, "use": grammar})
            linter = linters[(base.path, domain)] = _new_linter(config, RULE_BUDGET)
        return linter

    def linter_for(base, domain):
        """``built``, and said once: a LanguageTool --grammar needs, its load problems."""
        linter = built(base, domain)
        if (base.path, domain) not in announced:
            announced.add((base.path, domain))
            _grammar_ready(linter, verbose)
            for problem in linter.problems:
                _warn(problem)
        return linter

    # Unless --jobs is 1, the drafts are first found (read and split, not parsed) and
    # all the run would say on the way is kept, in order, in ``plan``: with enough
    # drafts, worker processes check them (tonecheck/parallel.py); else the plan runs
    # here. Either way the output is what a run in one process gives.
    plan: list | None = [] if jobs != 1 and not fixing else None

    def later(step) -> None:
        if plan is None:
            step()
        else:
            plan.append(step)

    def read_one(base, item):
        """A Part read into a Draft, here or in a worker, or the InputError that says why
        it cannot be (a Draft or an InputError as it is)."""
        if not isinstance(item, Part):
            return item
        try:
            return parse_part(item, built(base, None).formats)
        except InputError as exc:  # one unreadable draft does not hide the others' findings
            return exc

    def check_one(base, item, linter_of):
        """Check one draft (read by ``read_one``), here or in a worker: its InputError, or
        its [recipients] domain and its Report (None: ``linter_of`` has no Linter for it)."""
        if isinstance(item, InputError):
            return item
        # the config file, then its table for the message's recipients, then the flags
        domain = base.recipient_domain(_recipients(item))
        linter = linter_of(base, domain)
        return domain, (linter.lint(item, contexts=ctx_tags) if linter is not None else None)

    def took(base, result) -> None:
        """What a run says of one draft's result, and keeps of it: in the drafts' order."""
        if isinstance(result, InputError):
            cannot_read(result)
            return
        domain, report = result
        linter = linter_for(base, domain)  # made (and said) at its first draft, or fails there
        if report is None:  # a worker had no Linter for it, yet it was made here: a bug of ours
            raise TonecheckError(f"{domain}: no linter for the message's recipients")
        report.load_problems = list(linter.problems)
        for err in report.errors:
            _warn(f"{report.path}: {err}")
        checked.append((report, linter.config))

    def find(path) -> None:
        """One path's drafts: checked now, or put in the plan."""
        nonlocal fixed, diffs, formatters
        base = config_at(Path(stdin_filename or ".") if path == "-" else Path(path))
        reader = built(base, None)  # [recipients] tables add no plugins: its formats read every draft here
        later(lambda: linter_for(base, None))
        # a wrong --format stops the run before any draft is read
        formatters = _formatters(reader, fmt, lambda message: later(lambda: _warn(message)))
        _input_format(reader, input_format)  # and a wrong --input-format
        if not fixing:
            drafts = _read_parts(path, stdin_filename, None, reader.formats, input_format)
        else:
            data = _read_data(path)
            drafts = list(_read(path, stdin_filename, data, reader.formats, input_format))
        if fixing and len(drafts) > 1:
            _warn(f"{path}: not fixed, {_several(drafts, 'fix')}")
        elif fixing and not isinstance(drafts[0], InputError) and (why := _unwritable(drafts[0])):
            _warn(f"{why}; not fixed")
        elif fixing and not isinstance(drafts[0], InputError):
            draft = drafts[0]
            linter = linter_for(base, base.recipient_domain(_recipients(draft)))
            try:
                new, count, left_out = _fixed(linter, data, draft, unsafe_fixes, ctx_tags)
            except TonecheckError as exc:  # one file that cannot be fixed does not stop the others
                cannot_read(exc)
                new, count, left_out = data, 0, []
            for note in left_out:  # a fix the report offers but the gates kept out: said, not silent
                click.echo(f"tonecheck: {path}: {note}", err=True)
            if count and diff:
                click.echo(_diff(data, new, path), nl=False)
                diffs += 1
                return
            if count:
                from .files import write_atomic

                try:
                    write_atomic(path, new, expected=data)
                    fixed += count
                    drafts = list(_read(path, stdin_filename, new, reader.formats, input_format))
                except TonecheckError as exc:
                    cannot_read(exc)
        if diff:  # nothing is checked; an input that cannot be read is still said, and fails the run
            for error in drafts:
                if isinstance(error, InputError):
                    took(base, error)
            return
        if plan is None:  # every draft read, then each checked: kinder to the CPU's caches (~7 %)
            drafts = [read_one(base, item) for item in drafts]
        queue = deque(drafts)  # taken out as checked: a draft is not kept here once it is
        del drafts
        while queue:
            if isinstance(queue[0], InputError):
                later(lambda error=queue.popleft(): took(base, error))
            elif plan is None:
                took(base, check_one(base, queue.popleft(), linter_for))
            else:
                plan.append(_Draft(base, queue.popleft()))

    problems: list = []  # folders that cannot be listed: reported, and the rest go on
    # a folder is searched for the endings of the formats its config's plugins read
    expanded = _expand(paths, problems, lambda folder: linter_for(config_at(folder), None).formats)
    for exc in problems:
        cannot_read(exc)
    for path in expanded:
        try:
            find(path)
        except Exception as exc:
            if plan is None:
                raise
            plan.append(lambda exc=exc: _raise(exc))  # where a run in one process stops
            break
    if plan is not None:
        _run(plan, linters, built, linter_for, read_one, check_one, took, jobs, verbose)
    if diff:
        sys.exit(2 if unread else 1 if diffs else 0)
    if fixed:
        click.echo(f"tonecheck: fixed {fixed} problem{'s' if fixed != 1 else ''}", err=True)
    if not checked:
        if fmt == "json":  # a program reading stdout still gets a document: no files, and exit 2
            click.echo(formatters[fmt]([], {"color": False, "quiet": quiet, "unreadable": unread}), nl=False)
        sys.exit(2)

    reports = [r for r, _ in checked]
    painted = _use_color(color)
    try:
        from .containment import quiet_stdout

        with quiet_stdout():
            output = formatters[fmt](reports, {"color": painted, "quiet": quiet, "unreadable": unread})
        if not isinstance(output, str):
            raise TypeError(f"returned {type(output).__name__}, not text")
    except (Exception, SystemExit) as exc:
        raise TonecheckError(f"formatter {fmt!r} raised {type(exc).__name__}: {exc}") from None
    # click strips ANSI codes off a non-TTY unless told: --color always must mean it
    click.echo(output, nl=False, color=painted)
    sys.stdout.flush()  # a closed pipe or a full disk is said here, not lost at exit

    failing = any(r.at_or_above(c.fail_on) or r.below_min_score for r, c in checked)
    sys.exit(2 if unread else 1 if failing else 0)


class _Draft:
    """A draft in a run's plan: its config file's settings, and a Part to read (or a
    Draft already read), which ``take`` hands over: not kept once it is checked."""

    __slots__ = ("base", "item")

    def __init__(self, base, item):
        self.base, self.item = base, item

    def take(self):
        item, self.item = self.item, None
        return item


def _raise(exc: BaseException):
    raise exc


def _run(plan: list, linters: dict, built, linter_for, read_one, check_one, took, jobs: int | None, verbose: bool) -> None:
    """Carry out a check's plan: its steps in order, each draft's result taken in its
    place, the drafts checked by worker processes when there are enough of them
    (``jobs``; None: auto)."""
    drafts = [step for step in plan if isinstance(step, _Draft)]
    workers = 1
    if len(drafts) > 1:  # one draft (a cold check) imports nothing for this
        from . import parallel

        workers = parallel.workers_for(len(drafts), jobs or parallel.available_cpus())
    if workers > 1 and parallel.can_fork():
        # every Linter a worker may need, made before the fork: a [recipients] table's
        # too. One that fails is said where a run in one process says it, at its first message.
        for base in {d.base.path: d.base for d in drafts}.values():
            for domain in base.recipients:
                try:
                    built(base, domain)
                except Exception:  # noqa: BLE001
                    pass
        for linter in linters.values():
            _grammar_warm(linter)
    if workers > 1 and (why := parallel.why_not_fork()):  # a thread started on the way, too
        if verbose:
            click.echo(f"tonecheck: note: checking {len(drafts)} drafts in this one process: {why}", err=True)
        workers = 1
    if workers > 1:
        if verbose:
            click.echo(f"tonecheck: note: checking {len(drafts)} drafts in {workers} worker processes", err=True)

        def read(i):  # in a worker, for each draft of a chunk before any is checked
            drafts[i].item = read_one(drafts[i].base, drafts[i].item)

        def work(i):
            result = check_one(drafts[i].base, drafts[i].take(), lambda base, domain: linters.get((base.path, domain)))
            if not isinstance(result, InputError) and result[1] is not None:
                result[1].load_problems = []  # the same for every draft of a Linter: added back here
            return result

        names = [d.item.path for d in drafts]
        results = parallel.ordered_map(work, len(drafts), workers, names.__getitem__, first=read)
    else:
        for d in drafts:  # every draft read, then each checked, as a run with --jobs 1 does
            d.item = read_one(d.base, d.item)
        results = (check_one(d.base, d.take(), linter_for) for d in drafts)
    steps = deque(plan)  # taken out as they are done: nothing of a checked draft is kept here
    plan.clear()
    with contextlib.closing(results):
        while steps:
            step = steps.popleft()
            if isinstance(step, _Draft):
                took(step.base, next(results))
                step.take()
            else:
                step()


def _grammar_warm(linter) -> None:
    """Find, now, the LanguageTool a Linter's grammar rule will use: workers forked after
    this know it (and one this run starts, it starts once). Whether it must answer is
    said by ``_grammar_ready``, at the Linter's first draft."""
    config = linter.config
    if config.grammar.get("use", "auto") is False or not any(r.id == "LanguageTool.Grammar" for r in linter.rules):
        return
    from . import languagetool

    try:
        languagetool.find(config.grammar)
    except TonecheckError:
        pass


def _grammar_ready(linter, verbose: bool) -> None:
    """With --grammar, a LanguageTool must answer now (one line and exit 2 if not);
    with auto, say once when there is none, if --verbose or the rule was selected by
    name ("--select grammar" must not pass as "All clear" unsaid). Only when the grammar
    rule is in force: select and ignore decide that, as for any rule."""
    from . import languagetool
    from .config import matches

    config = linter.config
    rule = next((r for r in linter.rules if r.id == "LanguageTool.Grammar"), None)
    if config.grammar.get("use", "auto") is False or rule is None:
        return
    found = languagetool.find(config.grammar)  # raises Unavailable (a TonecheckError) under --grammar
    if found is None and (verbose or matches(rule, config.select)):
        url, named = languagetool.settings_url(config.grammar)
        where = f"LanguageTool at {url} did not answer" if named else f"no LanguageTool on this machine ({languagetool.LOCAL})"
        click.echo(f"tonecheck: note: {where}; grammar is not checked", err=True)


def _fixed(linter, data: bytes, draft, unsafe: bool, contexts=None) -> tuple[bytes, int, list[str]]:
    """The file's bytes with its fixes made, how many findings they fix, and the fixes
    left out and why (a fact it would lose, a lower score)."""
    from .rewrites import rewrite, rewritten_file

    result = rewrite(linter, draft, linter.lint(draft, contexts=contexts), unsafe=unsafe)
    new = rewritten_file(data, draft, result, linter, unsafe=unsafe)
    if new == data:
        return data, 0, list(result.notes)
    # a plugin's rewriter may not list its changes: the file changed all the same
    return new, max(1, len({(c.rule, c.reason) for c in result.changes})), list(result.notes)


def _diff(before: bytes, after: bytes, name: str) -> str:
    from .rewrites import unified_diff

    return unified_diff(before, after, name)


@main.command("rewrite")
@click.argument("path", required=False)
@click.option("--diff", is_flag=True, help="Print a unified diff of the rewrite instead of the rewritten draft.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the rewritten draft (or diff); json: the text, scores, changes and placeholders.")
@click.option("--input-format", metavar="FORMAT", help=_INPUT_FORMAT_HELP)
@click.option("--in-place", is_flag=True, help="Write the rewrite back to FILE, atomically; print nothing but the summary.")
@click.option("--safe-only", is_flag=True, help="Use only the fixes that keep your meaning (plain-word swaps).")
@click.option("--context", "contexts", multiple=True, help="The situation, instead of detecting it (as for check).")
@click.option("--select", multiple=True, help="Only these rules', packs' or categories' fixes (comma-separated), as for check.")
@click.option("--ignore", multiple=True, help="Leave out these rules', packs' or categories' fixes (comma-separated), as for check.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of searching for one.")
@click.option("--stdin-filename", help="The name to report for a draft read from stdin; its folder is where config is searched.")
def rewrite_command(path, diff, fmt, input_format, in_place, safe_only, contexts, select, ignore, config_path, stdin_filename):
    """Rewrite a draft (a file, or - for stdin) to put the customer first.

    Every change comes from a finding's fix. Facts (numbers, times, dates, amounts,
    links, names) are always kept; what only you know is left as a [[placeholder]],
    which 'check' reports as an error until you fill it in. Nothing leaves the machine."""
    from .rewrites import rewrite, rewritten_file, unwritable

    if path is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give a draft to rewrite: a file, or - for stdin")
        path = "-"
    if in_place and path == "-":
        raise click.UsageError("--in-place needs a file, not stdin")
    if in_place and (diff or fmt != "text"):
        raise click.UsageError("--in-place writes the file; it cannot be used with --diff or --format json")
    name = (stdin_filename or "-") if path == "-" else path
    start = Path(stdin_filename or ".") if path == "-" else Path(path)
    base = _load_config(config_path, start if start.is_dir() else start.parent)
    chosen = dict(select=_split(select), ignore=_split(ignore))  # which rules' fixes: the rules that run
    data = _read_data(path)
    if isinstance(data, InputError):
        raise data
    from .containment import RULE_BUDGET

    try:
        given = vocabulary.given_contexts(contexts) or None  # given here, they win over a message's own header
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--context") from None
    linter = _new_linter(base.merged(**chosen), RULE_BUDGET)  # its formats (the plugins' too) read the draft
    for problem in linter.problems:
        _warn(problem)
    _input_format(linter, input_format)
    drafts = list(_read(path, stdin_filename, data, linter.formats, input_format))
    if isinstance(drafts[0], InputError):
        raise drafts[0]
    if len(drafts) > 1:
        raise InputError(f"{name}: {_several(drafts, 'rewrite')}")
    draft = drafts[0]
    domain = base.recipient_domain(_recipients(draft))
    if domain is not None:  # its [recipients."domain"] table's settings; the same plugins
        linter = _new_linter(base.for_domain(domain).merged(**chosen), RULE_BUDGET)
    report = linter.lint(draft, contexts=given)
    for err in report.errors:
        _warn(f"{name}: {err}")
    result = rewrite(linter, draft, report, unsafe=not safe_only)
    if fmt == "json":
        import json

        if draft.format == "eml":  # the message's other version is rewritten too: its notes belong here
            rewritten_file(data, draft, result, linter, unsafe=not safe_only)

        out = {
            "path": name,
            "text": result.text,  # for a message, its rewritten body, decoded
            "score_before": result.score_before,
            "score_after": result.score_after,
            "changes": [{"rule": c.rule, "before": c.before, "after": c.after, "reason": c.reason} for c in result.changes],
            "placeholders": result.placeholders,
            "notes": result.notes,
            "rewriter": result.rewriter,
        }
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    new = rewritten_file(data, draft, result, linter, unsafe=not safe_only)
    if new is None:  # a format tonecheck cannot write back: the decoded text, rewritten
        if in_place:
            raise TonecheckError(unwritable(draft))
        data, new = (t.encode("utf-8", "surrogateescape") for t in (result.original, result.text))
    if in_place:
        if result.changed:
            from .files import write_atomic

            write_atomic(path, new, expected=data)
    elif diff:
        click.echo(_diff(data, new, name), nl=False)
    else:
        sys.stdout.buffer.write(new)
        sys.stdout.flush()
    summary = (f"{name}: {len(result.changes)} change{'s' if len(result.changes) != 1 else ''}, "
               f"score {result.score_before:g} -> {result.score_after:g}")
    if result.notes:
        summary += f" ({len(result.notes)} fix{'es' if len(result.notes) != 1 else ''} left out)"
    click.echo(f"tonecheck: {summary}", err=True)
    for note in result.notes:  # which, and why: a fact it would lose, a lower score, markup in the way
        click.echo(f"tonecheck: {name}: {note}", err=True)
    if result.placeholders:
        click.echo(f"tonecheck: fill in before sending: {', '.join(result.placeholders)}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on. Drafts carry personal data: keep it local unless you mean it.")
@click.option("--port", default=8081, show_default=True, type=click.IntRange(0, 65535), help="The port (8081 is LanguageTool's own).")
@click.option("--max-bytes", default=1024 * 1024, show_default=True, type=click.IntRange(1024), help="The largest request accepted; larger ones get 413.")
@click.option("--workers", type=click.IntRange(1, 64), help="Server processes, each with its own rules loaded.  [default: one per core, at most 4]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of searching from the current folder.")
def serve(host, port, max_bytes, workers, config_path):
    """Serve tonecheck over HTTP: LanguageTool's API (/v2/check), tonecheck's own
    (/v1/check, /v1/rewrite) and a page to paste a draft into (/)."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise TonecheckError(f"tonecheck serve needs {exc.name}: pip install 'tonecheck[serve]'") from None
    from .server import serve as run

    import socket

    config = _load_config(config_path, Path.cwd())
    if not config.grammar.get("server") and config.grammar.get("use", "auto") == "auto":
        # serve listens where a local LanguageTool would: only a server config names is asked
        config = replace(config, grammar={**config.grammar, "use": False})
    from .engine import Linter

    linter = Linter(config)  # loaded here too: a config error stops the start, said once
    for problem in linter.problems:
        _warn(problem)
    try:  # a port in use or an address not ours is said in one line, before anything starts
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
            port = probe.getsockname()[1]
    except (OSError, OverflowError) as exc:
        raise TonecheckError(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None
    workers = workers or min(4, os.cpu_count() or 1)
    click.echo(f"tonecheck: serving {len(linter.rules)} rules on http://{host}:{port}/ with {workers} "
               f"worker{'s' if workers != 1 else ''} (Ctrl-C to stop)", err=True)
    run(linter, host=host, port=port, max_bytes=max_bytes, workers=workers)


def _linter(config_path, select=None, ignore=None):
    from .engine import Linter

    linter = Linter(_load_config(config_path, Path.cwd()).merged(select=select, ignore=ignore))
    for problem in linter.problems:
        _warn(problem)
    return linter


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rules, packs or categories.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--check", is_flag=True,
              help="Run each rule on its own examples: it must flag every bad one (the words of its 'flags', "
                   "fixed as its 'fixed' says) and none of the good ones. Exit 1 if any does not.")
def rules_cmd(fmt, select, config_path, check):
    """List the rules in force: id, category, severity, fixable, source plugin."""
    linter = _linter(config_path, select=_split(select))
    from .formatters.rules import rules_json, rules_table

    rules = sorted(linter.rules, key=lambda r: r.id)
    if check:
        _check_examples(linter, rules)
        return
    click.echo(rules_json(rules) if fmt == "json" else rules_table(rules), nl=False)


def _check_examples(linter, rules) -> None:
    """``rules --check``: each rule against its own examples, one line per problem."""
    from . import languagetool
    from .examples import problems

    failed, ran = 0, []
    for rule in rules:
        if rule.id == "LanguageTool.Grammar" and (linter.config.grammar.get("use", "auto") is False
                                                  or languagetool.find(linter.config.grammar) is None):
            click.echo(f"{rule.id}: not checked: no LanguageTool answers here", err=True)
            continue
        ran.append(rule)
        found = problems(linter, rule)
        failed += bool(found)
        for line in found:
            click.echo(f"{rule.id}: {line}")
    checked, examples = len(ran), sum(len(r.bad) + len(r.good) for r in ran)  # not a rule skipped
    if failed:
        click.echo(f"{failed} of {checked} rules disagree with their examples.")
        sys.exit(1)
    click.echo(f"All {checked} rules agree with their {examples} examples." if checked != 1
               else f"The rule agrees with its {examples} examples.")


@main.command()
@click.argument("rule_id", required=False)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def explain(rule_id, config_path):
    """Explain a rule: what it does, why, an example, and what to write instead.
    With no rule, list the rules there are to explain."""
    linter = _linter(config_path)
    if rule_id is None:
        from .formatters.rules import rules_table

        click.echo("Which rule? 'tonecheck explain RULE', one of:\n", nl=False)
        click.echo(rules_table(sorted(linter.all_rules, key=lambda r: r.id)), nl=False)
        off = sorted({r.id for r in linter.all_rules} - {r.id for r in linter.rules})
        if off:  # 'tonecheck rules' lists only the rules in force: say why the counts differ
            click.echo(f"Not in force here ('--select' one to use it): {', '.join(off)}.")
        return
    # as configured here (its severity and options from [rules."..."]), or as shipped if not in force
    by_id = {r.id.lower(): r for r in [*linter.all_rules, *linter.rules]}
    rule = by_id.get(rule_id.lower())
    if rule is None and "." not in rule_id:  # a rule's own name, if only one rule has it: "singleslot"
        named = {r.id for r in linter.all_rules if r.id.rpartition(".")[2].lower() == rule_id.lower()}
        rule = by_id.get(named.pop().lower()) if len(named) == 1 else None
        pack = sorted((r for r in linter.all_rules if r.pack.lower() == rule_id.lower()), key=lambda r: r.id)
        if rule is None and pack:  # a pack's name: its rules, to pick one from
            from .formatters.rules import rules_table

            click.echo(f"{pack[0].pack} is a pack; 'tonecheck explain RULE' for one of its rules:\n", nl=False)
            click.echo(rules_table(pack), nl=False)
            return
    if rule is None:
        hint = difflib.get_close_matches(rule_id, [r.id for r in linter.all_rules], n=1, cutoff=0.5)
        raise TonecheckError(f"no rule {rule_id!r}" + (f"; did you mean {hint[0]!r}?" if hint else "") + " (see 'tonecheck rules')")
    from .formatters.rules import explanation

    click.echo(explanation(rule), nl=False)


class _PassThrough(click.Command):
    """tonecheck's own options first; from the first argument that is not one of them,
    every argument is the real sendmail's, as given: a ``--`` that keeps a recipient
    from being read as an option, ``-h`` (the hop count), ``--help``."""

    def parse_args(self, ctx, args):
        own = {name for p in self.get_params(ctx) if isinstance(p, click.Option) for name in p.opts}
        i = 0
        while i < len(args):
            name = args[i].partition("=")[0]
            if name not in own:
                break
            i += 1 if "=" in args[i] or name in ctx.help_option_names else 2
        if i > len(args):  # an option of ours with no value: click says so
            return super().parse_args(ctx, args)
        # click takes the first "--" as the end of its options and drops it: give it one of ours
        return super().parse_args(ctx, [*args[:i], "--", *args[i:]])


@main.command(cls=_PassThrough, context_settings={"help_option_names": ["--help"]})
@click.option("--sendmail", "program", help="The real sendmail to pass the message to, with its own arguments.  [default: config's sendmail.command, else /usr/sbin/sendmail]")
@click.option("--mode", type=click.Choice(["block", "warn"]), help="block: hold a message with problems; warn: send it and report.  [default: block]")
@click.option("--on-error", type=click.Choice(["hold", "send"]), help="When tonecheck itself fails (bad config, a crash, a timeout): hold the message, or send it unchecked.  [default: hold]")
@click.option("--timeout", type=click.FloatRange(0, 3600, min_open=True), callback=_a_number, help="Seconds the check may take before it counts as a failure.  [default: 30]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file instead of searching from the current folder.")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def sendmail(program, mode, on_error, timeout, config_path, args):
    """A sendmail for mutt, neomutt and anything that pipes a message to sendmail:
    check the message on stdin and pass it on, byte for byte, to the real sendmail
    (with ARGS) only if it passes. Exit: the real sendmail's status; 1 held for its
    findings; 2 held because tonecheck could not check it."""
    import shlex

    from . import sendmail as gate

    data = sys.stdin.buffer.read() if sys.stdin is not None else b""  # all of it: every byte goes on
    try:
        config, problem = _load_config(config_path, Path.cwd()), None
    except TonecheckError as exc:  # checked below: held, unless --on-error send
        config, problem = None, exc
    settings = config.sendmail if config else {}
    if program:
        command = [*shlex.split(program), *args]
    elif config is None:  # which sendmail the config names is unknown: send nothing
        click.echo(f"tonecheck: could not read the config ({problem}); nothing was sent, "
                   "as it says which sendmail to use (give --sendmail to send anyway)", err=True)
        sys.exit(2)
    else:
        command = [*settings.get("command", [gate.DEFAULT_PROGRAM]), *args]

    def make_linter(draft):
        from .engine import Linter

        if problem is not None:
            raise problem
        # every recipient counts, Bcc and those mutt passes as arguments included
        recipients = [*_recipients(draft, ("to", "cc", "bcc")), *gate.argument_recipients(args)]
        return Linter(config.for_domain(config.recipient_domain(recipients)))

    verdict = gate.judge(
        data, make_linter,
        mode=mode or settings.get("mode", "block"),
        on_error=on_error or settings.get("on-error", "hold"),
        timeout=timeout or settings.get("timeout", gate.DEFAULT_TIMEOUT),
    )
    if not verdict.send:
        for line in verdict.lines:
            click.echo(line, err=True)
        _end(1 if verdict.held_by_findings else 2, verdict.abandoned)
    try:
        status = gate.send(command, verdict.message)
    except OSError as exc:
        raise TonecheckError(f"cannot run {command[0]}: {exc.strerror or exc}; nothing was sent") from None
    for line in verdict.told(status, command[0]):  # said once the real sendmail has answered
        click.echo(line, err=True)
    _end(status if status >= 0 else 128 - status, verdict.abandoned)  # killed: 128 + its signal, as a shell says


def _end(status: int, abandoned: bool) -> None:
    """Exit; with a check still running in a worker (a timeout), without waiting for
    it or letting interpreter shutdown tear it down mid-call."""
    if abandoned:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


@main.group()
def hooks():
    """Put tonecheck in other programs' send paths."""


@hooks.command("install")
@click.argument("kind", metavar="KIND")
@click.option("--force", is_flag=True, help="Replace a hook that is already there.")
def hooks_install(kind, force):
    """Install a hook. KIND is git-send-email: it writes this repository's
    sendemail-validate, so a message with problems is not sent. (mutt and neomutt need
    no hook: their sendmail setting runs 'tonecheck sendmail'.)"""
    from .hooks import install

    if kind in ("mutt", "neomutt"):
        raise click.UsageError(f"{kind} needs no hook: set sendmail=\"tonecheck sendmail --sendmail /usr/bin/msmtp\" "
                               "(your own sender) in its muttrc (README: 'Use it before you send')")

    target = install(kind, force=force)
    click.echo(f"Wrote {target}")


@main.group("daemon")
def daemon_group():
    """Keep tonecheck loaded in the background, so that 'check' and 'rewrite' start at
    once (for editors and mail hooks that check a draft at a time)."""


def _daemon_socket() -> str:
    from . import daemon

    if not daemon.supported():
        raise TonecheckError(f"the daemon runs on Linux only (this is {sys.platform}); commands run in their own process")
    return daemon.socket_path()


@daemon_group.command("start")
@click.option("--idle-timeout", type=click.FloatRange(0, 31_536_000), default=0, show_default=True, callback=_a_number,
              help="Stop after this many seconds without a request (0: never).")
def daemon_start(idle_timeout):
    """Start the daemon for this Python environment, in the background."""
    import subprocess

    from . import daemon

    path = _daemon_socket()

    def already_running() -> bool:
        status = daemon.ask("status", path)
        if status is not None:
            click.echo(f"tonecheck: the daemon already runs (pid {status.get('pid')}, {path})", err=True)
        return status is not None

    if already_running():
        return
    ready_r, ready_w = os.pipe()  # its "ready" comes here: stderr may carry anything an import prints
    command = [sys.executable, "-m", "tonecheck", "daemon", "run", "--idle-timeout", str(idle_timeout), "--ready-fd", str(ready_w)]
    # from /, not from here: python -m puts its folder first on the import path
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, cwd="/", pass_fds=(ready_w,))  # its own session: Ctrl-C here is not its
    os.close(ready_w)
    with os.fdopen(ready_r, "rb") as ready:
        said = ready.readline()
    if said != b"ready\n":  # it ended first: its last line says why
        why = [line for line in proc.communicate()[1].decode("utf-8", "replace").splitlines() if line.strip()]
        if already_running():  # another start got there first
            return
        raise TonecheckError(why[-1].removeprefix("tonecheck: error: ") if why else f"the daemon did not start (exit {proc.returncode})")
    proc.stderr.close()
    click.echo(f"tonecheck: the daemon runs (pid {proc.pid}, {path}); 'tonecheck daemon stop' stops it", err=True)


@daemon_group.command("run")
@click.option("--idle-timeout", type=click.FloatRange(0, 31_536_000), default=0, show_default=True, callback=_a_number,
              help="Stop after this many seconds without a request (0: never).")
@click.option("--ready-fd", type=int, hidden=True)  # started by 'daemon start': "ready" goes there, then nothing is said
def daemon_run(idle_timeout, ready_fd):
    """Run the daemon in the foreground (for a service manager); Ctrl-C stops it."""
    from .daemon_server import Daemon

    path = _daemon_socket()

    def log(message: str) -> None:
        if ready_fd is None:
            click.echo(f"tonecheck daemon: {message}", err=True)

    def ready() -> None:
        if ready_fd is not None:  # the starter stops listening once it reads this
            try:
                os.write(ready_fd, b"ready\n")
                os.close(ready_fd)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 2)
                os.close(devnull)
            except OSError:
                pass

    # its folder is /, and the folder it was started in is off the import path: it serves
    # every folder, imports nothing from any, and a folder deleted under it costs nothing
    try:
        here = os.getcwd()
    except OSError:
        here = None
    sys.path[:] = [p for p in sys.path if p and p != here]
    os.chdir("/")
    try:
        Daemon(path, idle_timeout=idle_timeout or None, log=log, ready=ready).serve()
    except OSError as exc:
        raise TonecheckError(f"the daemon cannot start: {exc.strerror or exc}") from None


@daemon_group.command("status")
def daemon_status():
    """Say whether the daemon runs; exit 1 if it does not."""
    import time

    from . import daemon

    path = _daemon_socket()
    status = daemon.ask("status", path)
    if status is None:
        click.echo(f"tonecheck: no daemon runs for this environment ({path})")
        sys.exit(1)
    since = time.strftime("%Y-%m-%d %H:%M", time.localtime(status.get("started", 0)))
    click.echo(f"tonecheck: the daemon runs (pid {status.get('pid')}, since {since}): {status.get('served')} requests, "
               f"{status.get('configs')} configs loaded, {status.get('running')} running; {path}")


@daemon_group.command("stop")
def daemon_stop():
    """Stop the daemon (it ends the requests it is running first)."""
    import time

    from . import daemon

    path = _daemon_socket()
    status = daemon.ask("stop", path)
    if status is None:
        click.echo("tonecheck: no daemon runs for this environment", err=True)
        return
    pid = status.get("pid")
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    if _alive(pid):  # it ends the commands it is running first; new ones already run in their callers
        click.echo(f"tonecheck: the daemon is stopping (pid {pid}): it ends the commands it is running first", err=True)
        return
    click.echo(f"tonecheck: the daemon stopped (pid {pid})", err=True)


def _alive(pid) -> bool:
    """Is the process running (not gone, nor a zombie waiting for its parent)?"""
    try:
        os.kill(int(pid), 0)
        with open(f"/proc/{int(pid)}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rpartition(")")[2].split()[0] != "Z"
    except (OSError, TypeError, ValueError, IndexError):
        return False


INIT_TEMPLATE = '''\
# tonecheck configuration. Found by searching upward from the checked draft;
# command-line flags win over what is here. 'tonecheck rules' lists rule ids.

# Only these rules, packs or categories (empty: all).
select = []
# Skip these rules, packs or categories.
ignore = []

# Exit 1 when a finding is at least this severe: error, warning or suggestion.
fail-on = "warning"
# Exit 1 when a draft scores below this (0 to 100). Remove to disable.
# min-score = 70

# Your company and product names: sentences about them count as about "us".
company = []

# The situation, when every draft here is the same kind (leave empty to detect):
# {contexts}.
context = []

# House rules: folders or files of YAML packs, and Python plugin modules or files.
packs = []
plugins = []

# The overall score: "learned" (the chance, 0 to 100, that a careful lead would send
# the draft as it is, from a model trained on labelled mail) or "weights" (100 less
# the points below per finding). Category scores always use the weights.
score = "learned"
# With the learned score: a draft scoring at least this (0 to 100) shows its tone
# warnings as suggestions; 100 keeps every warning.
demote-above = 55
weights = { error = 20, warning = 10, suggestion = 3 }

# tonecheck sendmail (a sendmail for mutt): the real sendmail, and what to do.
# [sendmail]
# command = ["/usr/bin/msmtp"]
# mode = "block"        # or "warn": send and report
# on-error = "hold"     # or "send": when tonecheck cannot check, send unchecked
# timeout = 30

# Grammar through LanguageTool: used when one runs on this machine ("auto"); true
# requires it, false never asks. Naming a server sends drafts there: only one you trust.
# [grammar]
# use = "auto"
# server = "http://127.0.0.1:8081"
# language = "en-US"

# Offline spelling, when select names "spelling": your trade's words, and a dialect
# ("any", "en-GB" or "en-US").
# [spelling]
# words = []
# dialect = "any"

# Per-rule severity and options, for example:
# [rules."Readability.LongSentence"]
# severity = "suggestion"
# max = 30
'''


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .tonecheck.toml.")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
def init(force, folder):
    """Write a commented .tonecheck.toml in FOLDER (default: here)."""
    target = Path(folder) / ".tonecheck.toml"
    if (target.exists() or target.is_symlink()) and not force:  # a dangling link is someone's file too
        raise TonecheckError(f"{target} exists; use --force to overwrite it")
    if not Path(folder).is_dir():
        raise TonecheckError(f"{folder}: no such folder")
    from .cache import write_atomic

    write_atomic(target, INIT_TEMPLATE.replace("{contexts}", ", ".join(vocabulary.CONTEXTS)))  # never half-written
    click.echo(f"Wrote {target}")
