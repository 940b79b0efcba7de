import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """Every test gets its own cache and no ambient config or colour settings."""
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
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
