"""The plugin manager: built-in plugins, entry-point plugins and the config's own.

Built-in rules register exactly like third-party ones. The entry-point scan costs
~50 ms, so its result is cached and invalidated when a folder on sys.path changes
(which is what installing or removing a package does).
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path

import pluggy

from . import hookspecs
from .errors import PluginError

ENTRY_POINT_GROUP = "tonecheck"

#: Built-in plugins, registered in this order before any third-party plugin.
BUILTIN_PLUGINS = (
    "tonecheck.builtin.packs",
    "tonecheck.builtin.context",
    "tonecheck.builtin.company_centric",
    "tonecheck.builtin.negative_framing",
    "tonecheck.builtin.hard_to_read",
    "tonecheck.builtin.structure",
    "tonecheck.formatters.text",
    "tonecheck.formatters.json",
)


def get_plugin_manager(config=None, problems: list[str] | None = None) -> pluggy.PluginManager:
    """A new plugin manager with the built-in plugins, the installed ones and the
    modules the config names. Installed plugins that fail to load are described in
    ``problems`` and skipped; a plugin the config names must load (PluginError)."""
    pm = pluggy.PluginManager("tonecheck")
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if not os.environ.get("TONECHECK_NO_PLUGINS"):
        for name, value in _entry_points():
            try:
                pm.register(_load_entry_point(value), name=name)
            except Exception as exc:  # a broken plugin must not take the run down
                if problems is not None:
                    problems.append(f"plugin {name!r} ({value}) failed to load: {type(exc).__name__}: {exc}")
    if config is not None:
        for ref in config.plugins:
            pm.register(_load_config_plugin(ref, config), name=ref)
    return pm


def _load_entry_point(value: str):
    module, _, attr = value.partition(":")
    obj = importlib.import_module(module.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    return obj


def _load_config_plugin(ref: str, config):
    path = config.resolve(ref)
    try:
        if ref.endswith(".py"):
            if not path.is_file():
                raise PluginError(f"{config.path or 'config'}: plugin file not found: {path}")
            spec = importlib.util.spec_from_file_location(f"tonecheck_local_{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
        return importlib.import_module(ref)
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(f"plugin {ref!r} failed to load: {type(exc).__name__}: {exc}") from None


def _entry_points() -> list[tuple[str, str]]:
    """(name, "module:attr") of every installed plugin, cached per sys.path state."""
    stamp = []
    for entry in sys.path:
        try:
            stamp.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            continue
    from .packs import _cache_dir, _key

    cache = _cache_dir()
    file = None
    if cache is not None:
        key = _key(json.dumps([sys.executable, stamp]))
        file = cache / "entry-points" / f"{key}.json"
        try:
            return [tuple(x) for x in json.loads(file.read_text(encoding="utf-8"))]
        except (OSError, ValueError):
            pass
    from importlib.metadata import entry_points

    found = sorted({(ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP)})
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(found), encoding="utf-8")
            os.replace(tmp, file)
        except OSError:
            pass
    return found


def builtin_pack_folder() -> Path:
    """rules/ in the source tree, tonecheck/rules in the wheel (importlib.resources
    costs 5 ms to import; the package's own path says the same)."""
    from . import rules

    return Path(rules.__file__).parent
