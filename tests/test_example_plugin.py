"""The example plugin in plugins/tonecheck-housestyle, built and installed the way a
user installs it (a wheel, not the source folder), then found through its entry
point: its YAML pack must ship inside the wheel and its rules must show up."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "plugins" / "tonecheck-housestyle"
IDS = {"HouseStyle.NamelessSignOff", "HouseStyle.Spelling", "HouseStyle.BrandNames"}


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory):
    """An environment where the plugin is installed from its wheel into a folder on
    PYTHONPATH; tonecheck itself is the one under test."""
    tmp = tmp_path_factory.mktemp("plugin")
    target = tmp / "site"
    # pip builds in the source folder; build from a copy so the checkout stays clean
    src = shutil.copytree(PLUGIN, tmp / "src", ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(src)],
        check=True, cwd=tmp, timeout=120,
    )
    env = dict(os.environ, PYTHONPATH=str(target), TONECHECK_CACHE_DIR=str(tmp / "cache"), NO_COLOR="1")
    env.pop("TONECHECK_NO_PLUGINS", None)
    return env


def tonecheck(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "tonecheck", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.integration
def test_installed_plugin_ships_its_pack_and_lists_its_rules(plugin_env):
    site = Path(plugin_env["PYTHONPATH"])
    assert (site / "tonecheck_housestyle" / "HouseStyle.yml").is_file(), "package-data did not ship the pack"

    result = tonecheck(plugin_env, "rules", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no 'plugin failed to load' warning
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert set(rows) >= IDS
    assert {rows[i]["source"] for i in IDS} == {"housestyle"}


@pytest.mark.integration
def test_installed_plugin_checks_a_draft(plugin_env):
    draft = "Hi Ana,\nYour refund went back to your Paypal account; the receipt is in your e-mail.\n\nKind regards,\nThe Customer Service Team\n"

    result = tonecheck(plugin_env, "check", "--select", "HouseStyle", "--format", "json", "-", stdin=draft)

    assert result.returncode == 1, result.stderr
    [report] = json.loads(result.stdout)["files"]
    assert {f["rule"] for f in report["findings"]} >= IDS


@pytest.mark.integration
def test_without_the_plugin_the_rules_are_gone(plugin_env):
    result = tonecheck(dict(plugin_env, TONECHECK_NO_PLUGINS="1"), "rules", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert not IDS & {r["id"] for r in json.loads(result.stdout)}
