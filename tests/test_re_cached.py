"""The built-in ``re`` patterns' compiled code, kept beside tonecheck's bytecode: a
second run compiles none of them, gets the very patterns ``re.compile`` gives, and a
damaged, foreign or unwritable file only costs the time of compiling them."""
import marshal
import os
import subprocess
import sys
import zlib

import pytest

DRAFT = "Hi Sam,\n\nWe apologise for any inconvenience caused. We will look into it.\n\nRegards,\nJo\n"

# Counts the patterns re compiled afresh for tonecheck's own modules, and checks that
# every pattern tonecheck's modules compiled is what re.compile gives.
PROBE = """
import ast, re, sys
import re._compiler as compiler
fresh = []
original = compiler.compile
def counted(p, flags=0):
    caller = sys._getframe(1)
    while caller and caller.f_code.co_filename.endswith(("re/__init__.py", "re_cached.py")):
        caller = caller.f_back
    if caller and "tonecheck" in caller.f_code.co_filename:
        fresh.append(p)
    return original(p, flags)
compiler.compile = counted
from tonecheck import check, re_cached
report = check(open(sys.argv[1]).read())
compiler.compile = original
given = [(int(key.split(":", 1)[0]), ast.literal_eval(key.split(":", 1)[1]))
         for key in sorted(re_cached._used | set(re_cached._new))]
wrong = [p for flags, p in given if re_cached.compile(p, flags) != re.compile(p, flags)]
print(len(fresh), len(re_cached._used), len(wrong), round(report.score.overall, 1), len(report.findings),
      len(re_cached._new))
"""


def _run(tmp_path, *args, **env):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"), **env})


def _probe(tmp_path, **env):
    (tmp_path / "probe.py").write_text(PROBE)
    (tmp_path / "d.txt").write_text(DRAFT)
    result = _run(tmp_path, "probe.py", "d.txt", **env)
    assert result.returncode == 0, result.stderr
    fresh, hits, wrong, score, findings, worked_out = result.stdout.split()
    assert findings != "0"  # the rules ran
    _probe.worked_out = int(worked_out)  # the patterns whose code was worked out to be kept
    return int(fresh), int(hits), int(wrong), (score, findings)


def _kept(tmp_path):
    return sorted((tmp_path / "pycache").rglob("re_cached.*.re-code"))


def test_a_second_run_compiles_no_pattern_afresh_and_gets_the_same_ones(tmp_path):
    env = {"PYTHONDONTWRITEBYTECODE": ""}
    fresh, hits, wrong, score = _probe(tmp_path, **env)
    assert fresh > 100 and hits == 0 and wrong == 0  # the first run compiles them all
    assert len(_kept(tmp_path)) == 1
    again, hits, wrong, same = _probe(tmp_path, **env)
    assert again == 0 and hits == fresh and wrong == 0 and same == score


@pytest.mark.parametrize("damage", ["garbage", "checksum", "refused", "foreign"])
def test_a_damaged_or_foreign_file_only_costs_time(tmp_path, damage):
    env = {"PYTHONDONTWRITEBYTECODE": ""}
    fresh, _, _, score = _probe(tmp_path, **env)
    [kept] = _kept(tmp_path)
    stamp, crc, body = marshal.loads(kept.read_bytes())
    entries = marshal.loads(body)
    if damage == "garbage":
        kept.write_bytes(b"\x00not marshal" * 100)
    elif damage == "checksum":  # a byte changed on disk
        kept.write_bytes(marshal.dumps((stamp, crc, body[:-1] + bytes([body[-1] ^ 1]))))
    elif damage == "refused":  # whole and checksummed, but no code _sre accepts
        entries = {k: (flags, groups, index, b"\xff\xff\xff\xff") for k, (flags, groups, index, _) in entries.items()}
        body = marshal.dumps(entries)
        kept.write_bytes(marshal.dumps((stamp, zlib.crc32(body), body)))
    else:  # written by another interpreter
        kept.write_bytes(marshal.dumps((("2.7.18", 0, 4), crc, body)))
    again, _, wrong, same = _probe(tmp_path, **env)
    assert again == fresh and wrong == 0 and same == score  # compiled afresh, the same result
    mended, hits, wrong, _ = _probe(tmp_path, **env)
    assert mended == 0 and hits == fresh and wrong == 0  # and written again


@pytest.mark.parametrize("setting", [{"PYTHONDONTWRITEBYTECODE": "1"}, {"TONECHECK_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": ""}])
def test_nothing_is_kept_when_bytecode_or_the_cache_is_off(tmp_path, setting):
    fresh, _, wrong, _ = _probe(tmp_path, **setting)
    assert fresh > 100 and wrong == 0 and _kept(tmp_path) == []
    assert _probe.worked_out == 0  # and no time is spent working out code that will not be written


def test_an_unwritable_bytecode_folder_spends_no_time_on_code_it_cannot_write(tmp_path):
    (tmp_path / "pycache").write_text("a file where the bytecode folder would be")
    fresh, _, wrong, _ = _probe(tmp_path, PYTHONDONTWRITEBYTECODE="")
    assert fresh > 100 and wrong == 0 and _probe.worked_out == 0


def test_an_unwritable_install_only_costs_time(tmp_path):
    (tmp_path / "pycache").write_text("a file where the bytecode folder would be: nothing can be written under it")
    (tmp_path / "d.txt").write_text(DRAFT)
    result = _run(tmp_path, "-m", "tonecheck", "check", "d.txt", PYTHONDONTWRITEBYTECODE="")
    assert result.returncode == 1 and result.stderr == "", result.stderr


#: Patterns made from the user's words (the config's company names): compiled by re,
#: so that nothing the user wrote is kept on disk.
NOT_KEPT = {("analysis.py", "_names_pattern")}


def test_every_pattern_in_tonecheck_goes_through_re_cached():
    """A new ``re.compile`` (or ``re.search(pattern, ...)``) in tonecheck's own code
    would be compiled afresh on every run: it belongs in re_cached.compile."""
    import ast
    from pathlib import Path

    import tonecheck

    direct = []
    for path in sorted(Path(tonecheck.__file__).parent.rglob("*.py")):
        if path.name == "re_cached.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        within = {}  # each node: the function it is in (None at module level)
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for node in ast.walk(function):
                within.setdefault(id(node), function.name)  # the outermost: ast.walk meets it first
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in {"compile", "search", "match", "fullmatch", "sub", "subn", "split",
                                           "findall", "finditer"}
                    and (path.name, within.get(id(node))) not in NOT_KEPT):
                direct.append(f"{path.name}:{node.lineno}")
    assert direct == []


def test_the_config_s_company_names_are_never_kept_on_disk(tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('company = ["Quuxcorp", "Snorkwhistle"]\n')
    (tmp_path / "d.txt").write_text("Hi Sam,\nQuuxcorp has sent your parcel; it arrives Friday.\nJo\n")
    result = _run(tmp_path, "-m", "tonecheck", "check", "d.txt", PYTHONDONTWRITEBYTECODE="")
    assert result.returncode in (0, 1), result.stderr
    [kept] = _kept(tmp_path)
    assert b"Quuxcorp" not in kept.read_bytes() and b"Snorkwhistle" not in kept.read_bytes()
