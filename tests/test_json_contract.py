"""The JSON output is a contract (evaluate.py and mail tools read it): it follows
tonecheck/schema/report.schema.json, and offsets are str indices into the text as read."""
import json
from pathlib import Path

import jsonschema

import tonecheck

SCHEMA = json.loads((Path(tonecheck.__file__).parent / "schema" / "report.schema.json").read_text())

DRAFT = (
    "Dear Mr Okafor,\n\nDue to supply chain issues your vehicle 🚗 has not yet arrived. "
    "Supply chain issues are outside of our control. We apologise for any inconvenience caused.\n"
    "We will be in touch when we know more.\n\nRegards,\nSales\n"
)


def test_output_matches_the_schema_and_the_text(run, tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT)
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 1, result.output
    doc = json.loads(result.output)
    jsonschema.validate(doc, SCHEMA)
    [entry] = doc["files"]
    assert entry["findings"], "expected findings on this draft"
    lines = DRAFT.split("\n")
    for f in entry["findings"]:
        span = DRAFT[f["offset"]:f["offset"] + f["length"]]
        assert span.strip(), f
        # line/column are 1-based and agree with the offset
        assert lines[f["line"] - 1][f["column"] - 1:].startswith(span.split("\n")[0])
    assert doc["summary"]["findings"] == len(entry["findings"])
    assert doc["version"] == tonecheck.__version__


def test_score_explains_what_lowered_it(run, tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT)
    entry = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]
    score = entry["score"]
    assert score["method"] == "learned" and score["overall"] < 50
    # the points share out what the draft lost, among the rules found and its wording
    lost = -sum(e["points"] for e in score["explanation"])
    assert abs(score["overall"] - (100 - lost)) <= 0.5
    named = {e["rule"] for e in score["explanation"]}
    assert named - {"Learned.Wording"} <= {f["rule"] for f in entry["findings"]}
    assert any(e["category"] == "excuse_blame" for e in score["explanation"])
    assert score["categories"]["excuse_blame"] < 100 and score["categories"]["grammar"] == 100


def test_weights_score_is_100_less_the_points(run, tmp_path):
    (tmp_path / ".tonecheck.toml").write_text('score = "weights"\n')
    (tmp_path / "d.txt").write_text(DRAFT)
    entry = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]
    score = entry["score"]
    lost = -sum(e["points"] for e in score["explanation"])
    assert score["method"] == "weights" and score["overall"] == max(0, round(100 - lost, 1))
    assert {e["category"] for e in score["explanation"]} == {f["category"] for f in entry["findings"]}


def test_clean_draft_scores_high_with_empty_lists(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Leo,\nYour running shoes left our warehouse today and arrive on Wednesday.\nEnjoy!\nSam\n")
    result = run("check", "--format", "json", "d.txt")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.output)["files"][0]
    assert entry["findings"] == [] and entry["errors"] == [] and entry["score"]["overall"] >= 80
    (tmp_path / ".tonecheck.toml").write_text('score = "weights"\n')
    assert json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]["score"]["overall"] == 100


def test_library_api_returns_the_same_report():
    report = tonecheck.check(DRAFT)
    assert {f.category for f in report.findings} >= {"excuse_blame", "non_apology", "vague_commitment"}
    assert all(DRAFT[f.offset:f.end] for f in report.findings)
