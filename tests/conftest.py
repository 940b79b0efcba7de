import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_configure(config):
    """A daemon a developer runs on this machine answers none of the tests' commands
    (tests/integration/test_daemon.py starts its own and lets its commands use it)."""
    os.environ["TONECHECK_DAEMON"] = "0"


@pytest.fixture(scope="session")
def _warm_cache(tmp_path_factory):
    """The cache a user has after their first run (the built-in packs, the lexicon and the
    plugin list, parsed once): made by a real `tonecheck rules`, once a session. If that
    run fails, the tests start cold and say why themselves."""
    cache = tmp_path_factory.mktemp("warm-cache") / "cache"
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(cache), "TONECHECK_LANGUAGETOOL": "off"}
    subprocess.run([sys.executable, "-m", "tonecheck", "rules"], cwd=cache.parent, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    entries = [(p.relative_to(cache), p, p.read_bytes()) for p in sorted(cache.rglob("*.json"))]
    yield entries
    changed = [str(rel) for rel, path, data in entries if path.read_bytes() != data]
    assert not changed, f"a test wrote into a shared cache entry {changed}; give it a cache folder of its own"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch, _warm_cache):
    """Every test gets its own cache and no ambient config or colour settings. The cache
    starts warm, as a user's does after the first run: the entries are hard links to
    one session-wide set, which is safe because tonecheck only ever replaces a cache
    file (write and rename), never writes into one. A test that needs a cold or
    damaged cache makes its own folder (see test_containment.py)."""
    cache = tmp_path_factory.mktemp("cache")
    for rel, src, _ in _warm_cache:
        (cache / rel).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, cache / rel)
        except OSError:  # a file system without hard links
            shutil.copyfile(src, cache / rel)
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(cache))
    # a daemon a developer runs on this machine must not answer the tests' commands
    monkeypatch.setenv("TONECHECK_DAEMON_DIR", str(cache / "no-daemon"))
    # a LanguageTool a developer runs on this machine must not change what tests see
    monkeypatch.setenv("TONECHECK_LANGUAGETOOL", os.environ.get("TONECHECK_LANGUAGETOOL", "off"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run the CLI in tmp_path, as a user would in a shell."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def requires_shared():
    """../shared holds the corpora; CI has it, so there its absence is a failure."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing; CI must have ../shared beside the checkout")
        pytest.skip("../shared is not beside this checkout")
    return SHARED
