"""Find, read and validate configuration: ``.tonecheck.toml`` or ``[tool.tonecheck]``
in ``pyproject.toml``, searched upward from the checked file. Command-line flags win.
"""
from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from . import re_cached, vocabulary
from .errors import ConfigError
from .findings import SEVERITIES

CONTEXTS = tuple(vocabulary.CONTEXTS)
DEFAULT_WEIGHTS = {"error": 20, "warning": 10, "suggestion": 3}
#: How the overall score is made: the trained model (tonecheck/model), or 100 less weights.
SCORE_METHODS = ("learned", "weights")
FILENAMES = (".tonecheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # rule ids, pack names or categories; empty: all
    ignore: tuple[str, ...] = ()
    rules: dict = field(default_factory=dict)  # rule id -> {"severity": ..., option: value}
    fail_on: str = "warning"
    min_score: float | None = None
    plugins: tuple[str, ...] = ()  # module names or .py paths
    packs: tuple[str, ...] = ()  # YAML files or folders
    company: tuple[str, ...] = ()  # the writer's company and product names
    context: tuple[str, ...] = ()  # fixed context tags instead of detection
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    # the pre-send gate (tonecheck sendmail): command, mode, on-error, timeout
    sendmail: dict = field(default_factory=dict)
    # settings for mail whose every recipient is at a domain: {"ourco.com": {"ignore": [...]}}
    recipients: dict = field(default_factory=dict)
    score: str = "learned"  # one of SCORE_METHODS
    # with the learned score: a draft scoring at least this keeps its warnings as
    # suggestions (the model, weighing everything, says a lead would send it)
    demote_above: float = 55.0
    # LanguageTool for grammar: use ("auto", true, false), server, language, timeout
    grammar: dict = field(default_factory=dict)
    # offline spelling (opt-in: select "spelling"): words, dialect
    spelling: dict = field(default_factory=dict)
    path: Path | None = None  # the file this came from

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def resolve(self, name: str) -> Path:
        p = Path(name).expanduser()
        return p if p.is_absolute() else self.root / p

    def recipient_domain(self, addresses) -> str | None:
        """The ``[recipients."domain"]`` table for a message to these addresses: the
        first whose domain every address is at, or below (mail to colleagues). With one
        customer among them, None: the config as it is."""
        domains = {a.rpartition("@")[2].lower().strip(" <>") for a in addresses if "@" in a}
        if domains:
            for domain in self.recipients:
                d = domain.lower().lstrip("@")
                if all(x == d or x.endswith("." + d) for x in domains):
                    return domain
        return None

    def for_domain(self, domain: str | None) -> Config:
        """This config with a ``[recipients."domain"]`` table's settings applied: its
        ``ignore`` adds to the config's and its ``rules`` to theirs, rule by rule; the
        rest replace."""
        if domain is None:
            return self
        values = {_KEYS[k]: v for k, v in self.recipients[domain].items()}
        if "ignore" in values:
            values["ignore"] = tuple(dict.fromkeys((*self.ignore, *values["ignore"])))
        if "rules" in values:
            values["rules"] = {**self.rules, **{rid: {**self.rules.get(rid, {}), **opts} for rid, opts in values["rules"].items()}}
        return replace(self, **values)

    def merged(self, **flags) -> Config:
        """A copy with command-line values (those not None) taking precedence. An
        ``ignore`` adds to the config's (as ruff's does): the project's exclusions stay."""
        values = {k: v for k, v in flags.items() if v is not None}
        if "ignore" in values:
            values["ignore"] = tuple(dict.fromkeys((*self.ignore, *values["ignore"])))
        return replace(self, **values)


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "path"}
# what a [recipients."domain"] table may change
_RECIPIENT_KEYS = {"select", "ignore", "rules", "fail-on", "min-score", "context", "demote-above"}


def _toml_load(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02X} at offset {exc.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def _has_tool_table(pyproject: Path) -> bool:
    try:  # most pyproject.toml files hold no table of ours: skip the TOML parser for them
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "tonecheck" not in text or not _MAY_HOLD_OUR_TABLE.search(text):
        return False
    tool = _toml_load(pyproject).get("tool")
    return isinstance(tool, dict) and "tonecheck" in tool  # `tool = "tonecheck"` is no table of ours


# [tool.tonecheck], [tool."tonecheck"], tool.tonecheck.x = ..., tool = {tonecheck = ...}, or a
# [tool] table (a project named tonecheck says "tonecheck" with none of these)
_MAY_HOLD_OUR_TABLE = re_cached.compile(r"""\btool\W{0,6}tonecheck|^\s*\[\s*tool\s*\]""", re.M)


def find_config(start: Path) -> Path | None:
    """The nearest .tonecheck.toml, or pyproject.toml with a [tool.tonecheck] table."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        for name in FILENAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _toml_load(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("tonecheck", {}) if isinstance(tool, dict) else None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.tonecheck] must be a table of settings")
    return parse_config(data, path)


def parse_config(data: dict, path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    values = {}
    for key, value in data.items():
        if key not in _KEYS:
            hint = difflib.get_close_matches(key, list(_KEYS), n=1)
            raise ConfigError(
                f"{where}: unknown key {key!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            )
        values[_KEYS[key]] = _check(where, key, value)
    return Config(**values, path=path)


def _check(where: str, key: str, value):
    def bad(what: str):
        raise ConfigError(f"{where}: {key!r} {what}")

    if key in ("select", "ignore", "plugins", "packs", "company", "context"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            bad("must be a list of strings")
        if key == "context":
            for v in value:
                if v not in CONTEXTS:
                    bad(f"has unknown context {v!r} (one of {', '.join(CONTEXTS)})")
        return tuple(value)
    if key == "fail-on":
        if value not in SEVERITIES:
            bad(f"must be one of {', '.join(SEVERITIES)}")
        return value
    if key == "sendmail":
        return _check_sendmail(where, value)
    if key == "grammar":
        return _check_table(where, "grammar", value, {
            "use": lambda v: v is True or v is False or v == "auto",
            "server": _http_address,
            "language": lambda v: isinstance(v, str) and bool(v),
            "timeout": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 120,
        }, {"use": '"auto", true or false', "server": "an http:// or https:// address with a host",
            "language": 'a language code such as "en-US"', "timeout": "a number of seconds from 0 to 120"})
    if key == "spelling":
        return _check_table(where, "spelling", value, {
            "words": lambda v: isinstance(v, list) and all(isinstance(w, str) and w for w in v),
            "dialect": lambda v: v in ("any", "en-GB", "en-US"),
        }, {"words": "a list of words", "dialect": '"any", "en-GB" or "en-US"'})
    if key == "recipients":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            bad('must be tables such as [recipients."ourcompany.com"] with select, ignore, rules, fail-on, min-score or context')
        out = {}
        for domain, settings in value.items():
            for k in settings:
                if k not in _RECIPIENT_KEYS:
                    hint = difflib.get_close_matches(k, sorted(_RECIPIENT_KEYS), n=1)
                    bad(f"[recipients.{domain!r}]: {k!r} cannot be set per recipient"
                        + (f"; did you mean {hint[0]!r}?" if hint else f" (only {', '.join(sorted(_RECIPIENT_KEYS))})"))
            out[domain] = {k: _check(f"{where} [recipients.{domain!r}]", k, v) for k, v in settings.items()}
        return out
    if key == "score":
        if value not in SCORE_METHODS:
            bad(f"must be one of {', '.join(SCORE_METHODS)}")
        return value
    if key in ("min-score", "demote-above"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            bad("must be a number from 0 to 100")
        return float(value)
    if key == "weights":
        if not isinstance(value, dict) or set(value) - set(SEVERITIES):
            bad(f"must map {', '.join(SEVERITIES)} to numbers")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100 for v in value.values()):
            bad("values must be numbers from 0 to 100")
        return {**DEFAULT_WEIGHTS, **value}
    if key == "rules":
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            bad('must be tables such as [rules."CustomerFocus.OwnAgenda"] with severity and options')
        return value
    return value  # pragma: no cover - every key is handled above


def _http_address(value) -> bool:
    from urllib.parse import urlsplit

    if not isinstance(value, str) or not value.startswith(("http://", "https://")) or " " in value:
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        return False
    return bool(parts.hostname)


def _check_table(where: str, name: str, value, checks: dict, wants: dict) -> dict:
    """A small settings table: known keys only, each value of its kind."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{name}] must be a table with {', '.join(checks)}")
    for key, v in value.items():
        if key not in checks:
            hint = difflib.get_close_matches(key, sorted(checks), n=1)
            raise ConfigError(f"{where}: [{name}] unknown key {key!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
        if not checks[key](v):
            raise ConfigError(f"{where}: [{name}] {key!r} must be {wants[key]}")
    return dict(value)


def _check_sendmail(where: str, value) -> dict:
    from .sendmail import MODES, ON_ERROR

    def bad(what: str):
        raise ConfigError(f"{where}: [sendmail] {what}")

    if not isinstance(value, dict):
        bad("must be a table: [sendmail] with command, mode, on-error, timeout")
    known = {"command", "mode", "on-error", "timeout"}
    for key in value:
        if key not in known:
            hint = difflib.get_close_matches(key, sorted(known), n=1)
            bad(f"unknown key {key!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
    command = value.get("command")
    if command is not None:
        if isinstance(command, str):
            import shlex

            command = shlex.split(command)
        if not isinstance(command, list) or not command or not all(isinstance(c, str) and c for c in command):
            bad("'command' must be a program and its arguments, as a string or a list of strings")
    if value.get("mode", "block") not in MODES:
        bad(f"'mode' must be one of {', '.join(MODES)}")
    if value.get("on-error", "hold") not in ON_ERROR:
        bad(f"'on-error' must be one of {', '.join(ON_ERROR)}")
    timeout = value.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 3600):
        bad("'timeout' must be a number of seconds from 0 to 3600")
    out = dict(value)
    if command is not None:
        import os

        out["command"] = [os.path.expanduser(c) for c in command]  # "~/.msmtprc" as a shell would
    return out


def matches(rule, selectors) -> bool:
    """Does a rule match any selector: its id, its pack name or its category?"""
    return any(sel in (rule.id, rule.pack, rule.category) for sel in selectors)
