"""The text formatter's excerpts: clipped long lines, carets that stay under the words
(tabs, wide characters), spans over several lines, and -q's one line per finding."""
import json
import unicodedata

from conftest import EXAMPLES

from tonecheck.findings import Finding
from tonecheck.formatters.text import MAX_COLUMNS, format_text
from tonecheck.report import Report
from tonecheck.score import score

WEIGHTS = {"error": 20, "warning": 10, "suggestion": 3}


def _width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def blocks(output):
    """Each finding's lines: the header, then its excerpt and help."""
    out = []
    for line in output.splitlines():
        if line and not line.startswith((" ", "...")) and not line[0].isdigit() and ":" in line.split(" ")[0]:
            out.append([line])
        elif out:
            out[-1].append(line)
    return [b for b in out if ": score " not in b[0] and not b[0].startswith("Found ")]


def marked(block):
    """(line number, the text the carets stand under) for each source row of an excerpt."""
    out = []
    for row, carets in zip(block, block[1:]):
        if not row.lstrip()[:1].isdigit() or "^" not in carets:
            continue
        number, text = row.split(" | ", 1)
        pad = carets.index("^") - (carets.index("|") + 2)
        width = carets.count("^")
        col, picked = 0, ""
        for ch in text:
            if pad <= col < pad + width:
                picked += ch
            elif col == pad + width and _width(ch) == 0 and picked:
                picked += ch  # a combining mark goes with the letter before it
            col += _width(ch)
        out.append((int(number), picked))
    return out


def finding_block(output, rule, nth=0):
    found = [b for b in blocks(output) if f" {rule} [" in b[0]]
    assert len(found) > nth, output
    return found[nth]


def report_of(text, spans, errors=()):
    findings = [Finding("House.Test", "structure", "warning", "Test.", o, n) for o, n in spans]
    return Report("d.txt", text, findings, score(findings, WEIGHTS), errors=list(errors))


# -- 1. long lines are clipped -----------------------------------------------------------


def test_a_5000_character_line_prints_a_window_not_the_line(run, tmp_path):
    filler = "Thanks for the photos of the garden, they look lovely in the spring light. "
    line = "Hi Jo, " + filler * 40 + "We apologise for any inconvenience. " + filler * 30 + "Best wishes, Maya"
    assert len(line) > 5000 and "\n" not in line
    (tmp_path / "d.txt").write_text(line)
    result = run("check", "d.txt")
    assert result.exit_code == 1, result.output
    findings = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]["findings"]
    assert findings
    # the old output printed the whole line once per finding
    assert len(result.output) < 1000 * len(findings) + 1000, len(result.output)
    for row in result.output.splitlines():
        if row.startswith(("1 |", "  |")):
            assert len(row) <= len("1 | ") + MAX_COLUMNS, row
    block = finding_block(result.output, "Apology.AnyInconvenience")
    assert block[2].startswith("1 | ...") and block[2].endswith("...")
    assert marked(block) == [(1, "apologise for any inconvenience")]


def test_a_one_line_html_email_prints_bounded_excerpts(run, tmp_path):
    paras = "".join(
        f"<p>Your order {n} is packed. Due to supply chain issues your order is late.</p>" for n in range(100)
    )
    html = f"<html><body><p>Dear customer,</p><p>We apologise for any inconvenience.</p>{paras}<p>Shop</p></body></html>"
    (tmp_path / "d.html").write_text(html)
    result = run("check", "d.html")
    findings = json.loads(run("check", "--format", "json", "d.html").output)["files"][0]["findings"]
    assert len(findings) >= 2
    assert html not in result.output
    assert len(result.output) < 1000 * len(findings) + 1000
    assert marked(finding_block(result.output, "Apology.AnyInconvenience")) == [(1, "apologise for any inconvenience")]


def test_the_window_reaches_the_ends_of_a_long_line():
    text = "word " * 1000
    out = format_text([report_of(text, [(0, 4), (len(text) - 5, 4)])], {})
    first, last = blocks(out)
    assert first[2].startswith("1 | word word") and first[2].endswith("...")
    assert marked(first) == [(1, "word")]
    assert last[2].startswith("1 | ...") and not last[2].endswith("...")
    assert marked(last) == [(1, "word")]


# -- 2. tabs and wide characters -----------------------------------------------------------


def test_a_tab_indented_line_puts_the_carets_under_the_words(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Jo,\n\tWe\tapologise for any inconvenience.\nBest wishes,\nMaya\n")
    result = run("check", "d.txt")
    block = finding_block(result.output, "Apology.AnyInconvenience")
    assert "\t" not in block[2]
    assert block[2] == "2 |     We    apologise for any inconvenience."  # tabs are 4 spaces
    assert marked(block) == [(2, "apologise for any inconvenience")]
    assert "d.txt:2:5: Apology.AnyInconvenience" in block[0]  # the column counts characters


def test_wide_characters_and_combining_marks_keep_the_carets_aligned(run, tmp_path):
    (tmp_path / "d.txt").write_text(
        "Hi Jo,\n\u60a8\u597d \U0001F600 Cafe\u0301 news: we apologise for any inconvenience.\nBest wishes,\nMaya\n"
    )
    result = run("check", "d.txt")
    block = finding_block(result.output, "Apology.AnyInconvenience")
    carets = block[3]
    # 您好 and 😀 take two columns each, the combining acute none
    assert carets.index("^") - len("  | ") == len("xxxx xx Cafe news: we ")
    assert marked(block) == [(2, "apologise for any inconvenience")]


def test_control_characters_cannot_drive_the_terminal():
    text = "ab\x1b[31mred words\x07 here"
    out = format_text([report_of(text, [(text.index("red"), 9)])], {})
    assert "\x1b" not in out and "\x07" not in out
    assert marked(blocks(out)[0]) == [(1, "red words")]


# -- 3. spans over several lines -----------------------------------------------------------


def test_a_span_over_two_lines_shows_both(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Jo,\nWe apologise for any\ninconvenience this caused.\nBest wishes,\nMaya\n")
    result = run("check", "d.txt")
    block = finding_block(result.output, "Apology.AnyInconvenience")
    assert marked(block) == [(2, "apologise for any"), (3, "inconvenience")]
    assert "'apologise for any inconvenience'" in block[0]  # the message stays on one line


def test_the_readme_draft_shows_the_big_moment_over_both_lines(run, tmp_path):
    (tmp_path / "d.txt").write_text((EXAMPLES / "collection-weekend.txt").read_text())
    block = finding_block(run("check", "d.txt").output, "Empathy.BigMoment")
    assert [n for n, _ in marked(block)] == [2, 3]


def test_a_long_span_shows_its_first_lines_and_its_last():
    text = "".join(f"line {n}\n" for n in range(1, 13))
    out = format_text([report_of(text, [(text.index("line 2"), text.index("line 10") + 6 - text.index("line 2"))])], {})
    block = blocks(out)[0]
    assert [n for n, _ in marked(block)] == [2, 3, 4, 10]
    assert block[block.index("...") - 1] == "   | ^^^^^^" and block[block.index("...") + 1] == "10 | line 10"
    assert " 2 | line 2" in block
    assert marked(block)[-1] == (10, "line 1")  # the span ends before the '0'


def test_a_span_ending_with_its_line_break_does_not_show_the_next_line():
    text = "first line\nsecond line\n"
    out = format_text([report_of(text, [(0, len("first line\n"))])], {})
    assert marked(blocks(out)[0]) == [(1, "first line")]
    assert "second" not in out


def test_an_empty_span_gets_one_caret():
    out = format_text([report_of("abc\n", [(3, 0)])], {})
    block = blocks(out)[0]
    assert block[3] == "  |    ^"


# -- 4. quiet and report errors ------------------------------------------------------------


def test_quiet_prints_one_line_per_finding_and_nothing_else(run, tmp_path):
    (tmp_path / "d.txt").write_text("Hi Jo,\nWe apologise for any\ninconvenience this caused. Due to supply chain issues your order is late.\n")
    findings = json.loads(run("check", "--format", "json", "d.txt").output)["files"][0]["findings"]
    result = run("check", "-q", "d.txt")
    lines = result.stdout.splitlines()
    assert len(lines) == len(findings) >= 3, result.stdout
    assert all(line.startswith("d.txt:") for line in lines)


def test_quiet_leaves_report_errors_to_stderr(run, tmp_path):
    (tmp_path / "q.txt").write_text("On Mon, Jo wrote:\n> Where is my sofa? This is awful.\n")
    result = run("check", "-q", "q.txt")
    assert result.stdout == ""
    assert "no text of the writer's own" in result.stderr


def test_the_no_writer_text_notice_is_a_note_not_an_error(run, tmp_path):
    (tmp_path / "q.txt").write_text("On Mon, Jo wrote:\n> Where is my sofa? This is awful.\n")
    out = run("check", "q.txt").stdout
    assert "q.txt: note: no text of the writer's own to check" in out
    assert "error" not in out


def test_a_plugin_failure_is_labelled_error():
    err = "plugin 'house': rule House.X raised ValueError: boom"
    out = format_text([report_of("Hi.\n", [], errors=[err])], {})
    assert f"d.txt: error: {err}" in out.splitlines()
    assert format_text([report_of("Hi.\n", [], errors=[err])], {"quiet": True}) == ""


def test_a_draft_that_fails_on_its_score_alone_is_not_all_clear(run, tmp_path):
    import json

    (tmp_path / "ship.txt").write_text("Hi Bob,\nThanks for your order. It ships Tuesday.\nBest,\nAnn\n")
    result = run("check", "--min-score", "99.9", "ship.txt")
    assert result.exit_code == 1
    assert "All clear" not in result.stdout
    assert "below the minimum of 99.9 (min-score)" in result.stdout
    doc = json.loads(run("check", "--min-score", "99.9", "--format", "json", "ship.txt").stdout)
    assert doc["files"][0]["score"]["minimum"] == 99.9 and doc["summary"]["below_minimum"] == 1
    assert "All clear" in run("check", "ship.txt").stdout  # without the minimum: clear
