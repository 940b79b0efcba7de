"""The plugin manager: built-in plugins, entry-point plugins and the config's own.

Built-in rules register exactly like third-party ones. The entry-point scan costs
~50 ms, so its result is cached and invalidated when a folder on sys.path changes
(which is what installing or removing a package does).
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path

import pluggy

from . import cache, hookspecs
from .containment import quiet_stdout
from .errors import PluginError

ENTRY_POINT_GROUP = "tonecheck"

#: Built-in plugins, registered in this order before any third-party plugin.
BUILTIN_PLUGINS = (
    "tonecheck.builtin.sources",
    "tonecheck.builtin.packs",
    "tonecheck.builtin.context",
    "tonecheck.builtin.customer_focus",
    "tonecheck.builtin.negativity",
    "tonecheck.builtin.excuses",
    "tonecheck.builtin.readability",
    "tonecheck.builtin.structure",
    "tonecheck.builtin.learned",
    "tonecheck.builtin.grammar",
    "tonecheck.builtin.spelling",
    "tonecheck.builtin.rewriter",
    "tonecheck.formatters.text",
    "tonecheck.formatters.json",
)


def get_plugin_manager(config=None, problems: list[str] | None = None) -> pluggy.PluginManager:
    """A new plugin manager with the built-in plugins, the installed ones and the
    modules the config names. Installed plugins that fail to load are described in
    ``problems`` and skipped; a plugin the config names must load (PluginError)."""
    with quiet_stdout():  # a plugin that prints as it loads must not corrupt --format json
        return _plugin_manager(config, problems)


class _PluginManager(pluggy.PluginManager):
    """pluggy's, looking at only the ``tonecheck_*`` names of a built-in module for hook
    implementations (pluggy inspects every name a module holds: ~5 ms a run for ours).
    Another plugin's every name is looked at, so a misnamed hook is still reported."""

    def parse_hookimpl_opts(self, plugin, name):
        if not name.startswith("tonecheck_") and getattr(plugin, "__name__", None) in BUILTIN_PLUGINS:
            return None
        return super().parse_hookimpl_opts(plugin, name)


def _plugin_manager(config, problems):
    pm = _PluginManager("tonecheck")
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if not os.environ.get("TONECHECK_NO_PLUGINS"):
        for name, value in _entry_points():
            try:
                pm.register(_load_entry_point(value), name=name)
                pm.check_pending()
            except (Exception, SystemExit) as exc:  # a broken plugin must not take the run down
                if pm.has_plugin(name):
                    pm.unregister(name=name)
                if problems is not None:
                    problems.append(f"plugin {name!r} ({value}) failed to load: {type(exc).__name__}: {exc}")
    if config is not None:
        for ref in config.plugins:
            module = _load_config_plugin(ref, config)
            try:
                pm.register(module, name=ref)
            except Exception as exc:  # e.g. a hook implementation with the wrong arguments
                raise PluginError(f"plugin {ref!r} cannot be registered: {exc}".replace("\n", " ")) from None
    try:
        pm.check_pending()  # a misspelt hook (tonecheck_rule) is an error, not silence
    except pluggy.PluginValidationError as exc:
        raise PluginError(_misspelt_hook(str(exc).replace("\n", " "), pm)) from None
    return pm


def _misspelt_hook(message: str, pm) -> str:
    """pluggy's message, with the nearest hook there is: "unknown hook 'tonecheck_rulez'
    ...; did you mean 'tonecheck_rules'?"."""
    import difflib

    from . import re_cached

    found = re_cached.compile(r"unknown hook '(\w+)'").search(message)
    if not found:
        return message
    hint = difflib.get_close_matches(found.group(1), [n for n in dir(pm.hook) if n.startswith("tonecheck_") and getattr(pm.hook, n).spec is not None], n=1)
    return message + (f"; did you mean {hint[0]!r}?" if hint else "")


def _load_entry_point(value: str):
    module, _, attr = value.partition(":")
    obj = importlib.import_module(module.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    return obj


def _load_config_plugin(ref: str, config):
    path = config.resolve(ref)
    # a plugin beside the config, and a .py plugin's own helper modules, import as they would
    # for a script in that folder (pytest's rootdir insertion does the same)
    folder = str(path.parent if ref.endswith(".py") else config.root)
    if folder not in sys.path:
        sys.path.append(folder)  # last: a project's email.py must not shadow the standard library
    try:
        if ref.endswith(".py"):
            if not path.is_file():
                raise PluginError(f"{config.path or 'config'}: plugin file not found: {path}")
            name = f"tonecheck_local_{path.stem}"
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # dataclasses and pickling look the module up here
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(name, None)
                raise
            return module
        return importlib.import_module(ref)
    except PluginError:
        raise
    except (Exception, SystemExit) as exc:  # SystemExit too: a plugin must not pick our exit code
        raise PluginError(f"plugin {ref!r} failed to load: {type(exc).__name__}: {exc}") from None


def _entry_points() -> list[tuple[str, str]]:
    """(name, "module:attr") of every installed plugin, cached while the folders that
    hold installed distributions are unchanged (installing or removing one changes them)."""
    stamp = [sys.executable]
    # sys.path[0] is the script's folder ("" for -c): `python -m tonecheck` and the
    # tonecheck script must not each find the other's entry stale
    for folder in sys.path if sys.flags.safe_path else sys.path[1:]:
        # the current folder and the script's folder hold no installed distributions
        if not folder or not os.path.isabs(folder) or folder == os.getcwd():
            continue
        try:
            stamp.append([folder, os.stat(folder).st_mtime_ns])
        except OSError:
            continue
    entry = cache.entry("entry-points", sys.executable)  # one entry per interpreter
    found = cache.load(entry, stamp)
    if isinstance(found, list) and all(_declared(x) for x in found):
        return [(name, value) for name, value, _ in found]
    from importlib.metadata import entry_points

    found = sorted({(ep.name, ep.value, str(getattr(ep.dist, "_path", "") or ""))
                    for ep in entry_points(group=ENTRY_POINT_GROUP)})
    cache.store(entry, stamp, found)
    return [(name, value) for name, value, _ in found]


def _declared(item) -> bool:
    """Does an installed distribution declare this cached entry point? The cache only
    saves the scan: what it says is imported only if the distribution's own
    entry_points.txt, in a folder on sys.path, still says it."""
    if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
        return False
    name, value, dist = item
    if not dist:
        return False
    real = os.path.realpath(dist)
    roots = [os.path.realpath(p) for p in sys.path if p and os.path.isabs(p)]
    if not any(os.path.dirname(real) == root for root in roots):
        return False
    try:
        text = Path(real, "entry_points.txt").read_text(encoding="utf-8")
    except OSError:
        return False
    group, declared = None, set()
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif group == ENTRY_POINT_GROUP and "=" in line:
            key, _, val = line.partition("=")
            declared.add((key.strip(), val.strip()))
    return (name, value) in declared

