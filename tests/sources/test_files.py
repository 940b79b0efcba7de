"""tonecheck/sources/files.py: finding drafts in folders."""
import json
import os

import pytest

from source_helpers import INCONVENIENCE


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_cli_symlink_loops_and_links_check_each_file_once(run, tmp_path):
    (tmp_path / "inbox" / "sub").mkdir(parents=True)
    (tmp_path / "inbox" / "a.txt").write_text(INCONVENIENCE.format(sp=" "))
    (tmp_path / "inbox" / "sub" / "b.txt").write_text(INCONVENIENCE.format(sp=" "))
    os.symlink("..", tmp_path / "inbox" / "sub" / "loop")
    os.symlink(tmp_path / "inbox", tmp_path / "inbox" / "sub" / "again")
    os.symlink("../a.txt", tmp_path / "inbox" / "sub" / "same.txt")
    result = run("check", "--format", "json", "inbox", "inbox/sub", "inbox/a.txt")
    assert result.exit_code == 1, result.output
    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert paths == ["inbox/a.txt", "inbox/sub/b.txt"]

