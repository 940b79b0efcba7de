"""tonecheck/sources/eml.py: .eml messages and mbox files, their bodies, charsets and lines."""
import json
from email.message import EmailMessage

import pytest

from source_helpers import INCONVENIENCE, REPLY_BODY, make_mbox, make_message, parts
from tonecheck.errors import InputError
from tonecheck.sources import format_for, load_all, load_bytes, load_text


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
def test_eml_body_is_decoded(cte):
    raw = make_message(REPLY_BODY, cte=cte).as_bytes()
    assert (b"Friday" in raw) == (cte != "base64")
    draft = load_bytes(raw, "reply.eml")
    assert draft.format == "eml" and draft.source is None and draft.offset_map is None
    assert draft.text == REPLY_BODY
    assert draft.subject == "Re: your sofa"
    assert draft.meta["from"] == "Support <help@example.com>"
    assert draft.meta["to"] == "Tom <tom@example.com>"
    assert draft.meta["message-id"] == "<1@example.com>"
    assert draft.meta["date"].startswith("Tue, 04 Mar 2025")
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff"]


def test_eml_in_a_legacy_charset():
    raw = make_message(REPLY_BODY.replace("—", "-"), charset="iso-8859-1", cte="quoted-printable").as_bytes()
    assert "café".encode("latin-1") not in raw and b"caf=E9" in raw
    draft = load_bytes(raw)
    assert "café au lait" in draft.text and draft.meta["charset"] == "iso-8859-1"


def test_eml_with_an_unknown_charset_falls_back():
    body = "Hi Tom,\n\nCafé.\n".encode("latin-1")
    raw = (b"From: a@example.com\nTo: b@example.com\nSubject: x\nMIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=x-unknown\nContent-Transfer-Encoding: 8bit\n\n" + body)
    draft = load_bytes(raw)
    assert draft.text == "Hi Tom,\n\nCafé.\n" and draft.meta["charset"] == "latin-1"


def test_eml_crlf_becomes_lf():
    raw = make_message(REPLY_BODY).as_bytes().replace(b"\n", b"\r\n")
    draft = load_bytes(raw)
    assert "\r" not in draft.text and draft.text == REPLY_BODY


def test_eml_prefers_the_plain_part_and_reads_html_only_mail():
    msg = make_message(REPLY_BODY)
    msg.add_alternative("<p>HTML version</p>", subtype="html")
    assert load_bytes(msg.as_bytes()).text == REPLY_BODY

    html = "<p>Hi Tom,</p><p>Your sofa arrives <b>Friday</b>.</p><blockquote>Where is it?</blockquote>"
    draft = load_bytes(make_message(html, subtype="html", cte="base64").as_bytes())
    assert draft.format == "eml" and draft.source == html + "\n"  # decoded HTML, not base64
    assert parts(draft) == [("greeting", "Hi Tom,"), ("body", "Your sofa arrives Friday."),
                            ("quote", "Where is it?")]
    i = draft.text.index("Friday")
    assert draft.source[slice(*draft.to_source(i, i + 6))] == "Friday"


def test_mbox_reads_the_first_message_and_counts_them():
    first = make_message("First message.\n", subject="one").as_bytes()
    second = make_message("Second message.\n", subject="two").as_bytes()
    mbox = (b"From help@example.com Tue Mar  4 09:12:00 2025\n" + first + b"\n"
            b"From help@example.com Tue Mar  4 10:00:00 2025\n" + second)
    draft = load_bytes(mbox, "inbox.mbox")
    assert draft.format == "eml" and draft.subject == "one"
    assert draft.text == "First message.\n" and draft.meta["messages"] == 2


def test_a_multipart_without_boundary_is_read_as_text():
    raw = (b"From: a@example.com\nTo: b@example.com\nSubject: x\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/alternative;\n\nBlah blah blah\n")
    assert load_bytes(raw).text == "Blah blah blah\n"


def test_plain_text_starting_with_from_is_not_mbox():
    draft = load_text("From what I understand, your parcel is late.\n\nSorry,\nAmy")
    assert draft.format == "text"


def test_a_draft_with_address_headers_is_read_as_a_message():
    draft = load_text("To: tom@example.com\nSubject: Your sofa\n\nHi Tom,\n\nIt's here.\n")
    assert draft.format == "eml" and draft.subject == "Your sofa" and draft.text == "Hi Tom,\n\nIt's here.\n"


def test_messages_without_a_text_body():
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.com", "b@example.com", "photo"
    msg.set_content(b"\x89PNG\r\n", maintype="image", subtype="png")
    with pytest.raises(InputError, match="no text/plain or text/html part"):
        load_bytes(msg.as_bytes(), "photo.eml")
    with pytest.raises(InputError, match="empty message body"):
        load_bytes(make_message("\n\n").as_bytes(), "blank.eml")
    with pytest.raises(InputError, match="no visible text"):
        load_bytes(make_message('<img src="cid:x">', subtype="html").as_bytes(), "img.eml")


def test_broken_charsets_and_encodings_fall_back_instead_of_failing():
    unterminated = (b"From: a@example.com\nTo: b@example.com\nContent-Type: text/plain; charset=\"\n\n"
                    + "Café\n".encode("latin-1"))
    draft = load_bytes(unterminated, "broken.eml")
    assert draft.text == "Café\n" and draft.meta["charset"] == "latin-1"
    nul_charset = (b"From: a@example.com\nTo: b@example.com\nContent-Type: text/plain; charset=\"x\x00y\"\n"
                   b"Content-Transfer-Encoding: base64\n\n!!! not base64")
    draft = load_bytes(nul_charset, "broken.eml")
    assert draft.text == "!!! not base64" and draft.meta["charset"] == "utf-8"


def test_a_no_break_space_in_an_eml_body_is_a_space_too():
    body = INCONVENIENCE.format(sp="\u00a0")
    draft = load_bytes(make_message(body).as_bytes(), "reply.eml")
    assert draft.format == "eml" and draft.text == INCONVENIENCE.format(sp=" ")
    assert draft.original == body and draft.subject == "Re: your sofa"


def test_load_all_yields_every_message_of_an_mbox():
    mbox = make_mbox("First message.\n", "\n\n", "Third message.\n")
    got = list(load_all(mbox, "inbox.mbox"))
    assert isinstance(got[1], InputError) and str(got[1]).startswith("inbox.mbox#2: empty message body")
    first, third = got[0], got[2]
    assert (first.path, first.subject, first.text) == ("inbox.mbox#1", "message 1", "First message.\n")
    assert (third.path, third.subject, third.text) == ("inbox.mbox#3", "message 3", "Third message.\n")
    assert third.meta["message"] == 3 and third.meta["messages"] == 3 and third.format == "eml"


def test_load_all_of_one_message_or_plain_text_keeps_the_name():
    [draft] = load_all(make_mbox("Only one.\n"), "inbox.mbox")
    assert draft.path == "inbox.mbox" and draft.text == "Only one.\n"
    [draft] = load_all(b"Hi Tom,\n\nFrom what I see, it is late.\n", "d.txt")
    assert draft.path == "d.txt" and draft.format == "text"
    [err] = load_all(b"  \n", "d.txt")
    assert isinstance(err, InputError) and "empty input" in str(err)


def test_cli_checks_every_message_of_an_mbox(run, tmp_path):
    (tmp_path / "inbox.mbox").write_bytes(make_mbox(
        "Hi Tom,\n\nYour sofa arrives Friday at 10am.\n\nThanks,\nAmy\n",
        "Hi Tom,\n\nWe apologise for any inconvenience.\n\nThanks,\nAmy\n"))
    result = run("check", "--format", "json", "inbox.mbox")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert [f["path"] for f in report["files"]] == ["inbox.mbox#1", "inbox.mbox#2"]
    assert report["summary"]["files"] == 2
    assert "Apology.AnyInconvenience" in {f["rule"] for f in report["files"][1]["findings"]}
    assert "Apology.AnyInconvenience" not in {f["rule"] for f in report["files"][0]["findings"]}
    # line 3 of the second message's body is the line of the mbox file an editor shows
    mbox = (tmp_path / "inbox.mbox").read_text().split("\n")
    line = next(i for i, text in enumerate(mbox, 1) if "We apologise" in text)
    assert f"inbox.mbox#2:{line}:4: Apology.AnyInconvenience" in run("check", "-q", "inbox.mbox").output


def test_a_blank_plain_alternative_falls_back_to_the_html_part():
    msg = make_message(" \n\n")
    msg.add_alternative("<p>Hi Tom,</p><p>Your sofa arrives <b>Friday</b>.</p>", subtype="html")
    draft = load_bytes(msg.as_bytes(), "reply.eml")
    assert draft.meta["content-type"] == "text/html"
    assert parts(draft) == [("greeting", "Hi Tom,"), ("body", "Your sofa arrives Friday.")]
    blank = make_message("\n")
    blank.add_alternative("<p>&nbsp;</p>", subtype="html")
    with pytest.raises(InputError, match="reply.eml: empty message body"):
        load_bytes(blank.as_bytes(), "reply.eml")


def test_cli_blank_plain_alternative(run, tmp_path):
    msg = make_message("\n")
    msg.add_alternative("<p>Hi Tom,</p><p>We apologise for any inconvenience.</p>", subtype="html")
    (tmp_path / "reply.eml").write_bytes(msg.as_bytes())
    result = run("check", "-q", "reply.eml")
    assert result.exit_code == 1, result.output
    assert "Apology.AnyInconvenience" in result.output


def test_the_eml_and_mbox_extensions_say_it_is_mail():
    raw = b"Subject: Your sofa\n\nHi Tom,\n\nIt's here.\n"
    assert load_bytes(raw).format == "text"  # one header is too little to sniff...
    assert format_for("out/Reply.EML", raw) == "eml"  # ...but a .eml file is mail
    assert format_for("inbox.mbox", b"From a@example.com Tue Mar  4 09:12:00 2025\nSubject: x\n") == "eml"
    assert format_for("reply.eml", b"\xef\xbb\xbf" + raw) == "eml"
    assert format_for("d.txt", raw) is None and format_for("-", raw) is None
    # A .eml with no header at all is not a message: its content is sniffed.
    assert format_for("reply.eml", b"<p>Hi Tom,</p><p>It's here.</p>") is None
    assert format_for("reply.eml", b"Hi Tom: it's here.\n") is None
    draft = load_bytes(raw, "reply.eml", format_for("reply.eml", raw))
    assert draft.format == "eml" and draft.subject == "Your sofa" and draft.text == "Hi Tom,\n\nIt's here.\n"


def test_a_byte_order_mark_does_not_hide_the_headers():
    raw = b"\xef\xbb\xbf" + make_message(REPLY_BODY).as_bytes()
    draft = load_bytes(raw, "reply.txt")
    assert draft.format == "eml" and draft.text == REPLY_BODY and draft.subject == "Re: your sofa"
    draft = load_text(raw.decode("utf-8"))
    assert draft.format == "eml" and draft.text == REPLY_BODY
    assert load_bytes(b"\xef\xbb\xbf<p>Hi Tom,</p><p>Done.</p>").format == "html"


@pytest.mark.parametrize("name, data", [
    ("reply.eml", b"Subject: Your sofa\n\nHi Tom,\n\nWe apologise for any inconvenience.\n"),
    ("reply.txt", b"\xef\xbb\xbfFrom: Amy <amy@example.com>\nTo: tom@example.com\nSubject: Your sofa\n\n"
                  b"Hi Tom,\n\nWe apologise for any inconvenience.\n"),
])
def test_cli_headers_are_not_linted(run, tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    result = run("check", "--format", "json", name)
    assert result.exit_code == 1, result.output
    [report] = json.loads(result.output)["files"]
    # lines count the file as saved, as an editor shows it; offsets index the body
    header_lines = data.split(b"\n\n", 1)[0].count(b"\n") + 2
    findings = [(f["rule"], f["line"], f["offset"]) for f in report["findings"]]
    assert report["lines"] == "file"
    assert ("Apology.AnyInconvenience", 3 + header_lines, len("Hi Tom,\n\nWe ")) in findings
    assert all(line > header_lines for _, line, _ in findings), findings


def test_lines_of_a_base64_body_count_the_decoded_body(run, tmp_path):
    msg = EmailMessage()
    msg["Subject"] = "Your sofa"
    msg.set_content("Hi Tom,\n\nWe apologise for any inconvenience.\n", cte="base64")
    (tmp_path / "reply.eml").write_bytes(msg.as_bytes())
    [report] = json.loads(run("check", "--format", "json", "reply.eml").output)["files"]
    assert report["lines"] == "body"
    assert ("Apology.AnyInconvenience", 3) in [(f["rule"], f["line"]) for f in report["findings"]]


def test_a_charset_that_makes_nonsense_of_plain_bytes_is_an_input_error(run, tmp_path):
    (tmp_path / "reply.eml").write_bytes(
        b"From: a@example.com\nTo: b@example.com\nSubject: x\nContent-Type: text/plain; charset=utf-16-le\n\n"
        b"Hi Tom,\n\nYour sofa arrives on Friday at 10am.\n\nAmy!\n")
    result = run("check", "reply.eml")
    assert result.exit_code == 2
    assert "declared charset 'utf-16-le' makes nonsense of its bytes" in result.output
    # a body that really is UTF-16 reads as it should
    real = "Hi Tom,\n\nYour sofa arrives on Friday at 10am.\n\nAmy\n".encode("utf-16-le")
    (tmp_path / "real.eml").write_bytes(
        b"From: a@example.com\nTo: b@example.com\nSubject: x\nContent-Type: text/plain; charset=utf-16-le\n"
        b"Content-Transfer-Encoding: base64\n\n" + __import__("base64").encodebytes(real))
    assert run("check", "real.eml").exit_code == 0


def test_lines_of_a_one_message_mbox_count_the_file(run, tmp_path):
    patch = ("From 1234567890abcdef Mon Sep 17 00:00:00 2001\nFrom: Priya <priya@example.com>\n"
             "Subject: [PATCH] Your sofa\n\nHi Tom,\n\nWe apologise for any inconvenience.\n\nAmy\n")
    (tmp_path / "0001.patch").write_text(patch)
    [report] = json.loads(run("check", "--format", "json", "0001.patch").output)["files"]
    line = patch.split("\n").index("We apologise for any inconvenience.") + 1
    assert report["lines"] == "file"
    assert ("Apology.AnyInconvenience", line) in [(f["rule"], f["line"]) for f in report["findings"]]



def test_an_mbox_line_escaped_from_from_is_the_writer_s_line(run, tmp_path):
    """mbox writers turn a body line "From ..." into ">From ..."; among the writer's own
    lines it is theirs, checked where it stands in the file, and fixed in place."""
    data = (b"From a@x.com Thu Nov 19 17:42:00 2026\nFrom: a@x.com\nSubject: one\n\n"
            b"Hi Bob,\n>From our side, prior to the visit we will call.\nAnn\n")
    draft = load_bytes(data, "f.mbox")
    at = draft.text.index("prior to")
    assert draft.in_writer_text(at, at + 8)
    (tmp_path / "f.mbox").write_bytes(data)
    found = json.loads(run("check", "--format", "json", "f.mbox").stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("Readability.PlainWords", 6, 17)]
    assert run("check", "--fix", "f.mbox").exit_code in (0, 1)
    assert (tmp_path / "f.mbox").read_bytes() == data.replace(b"prior to", b"before")
    # a quoted block that happens to hold a line quoted without a space stays quoted
    quoted = load_bytes(b"Hi Bob,\nThanks.\n\nOn Mon, Ann wrote:\n> We called.\n>From then on, nothing.\n> Ann\n", "q.txt")
    assert not quoted.in_writer_text(quoted.text.index("From then"), quoted.text.index("From then") + 4)


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1"])
def test_an_8bit_body_in_another_charset_is_numbered_as_the_file_s_lines(charset):
    data = (f"From: a@x.com\nTo: b@y.com\nSubject: x\nContent-Type: text/plain; charset={charset}\n"
            "Content-Transfer-Encoding: 8bit\n\n").encode() + "Hi Zoë,\nPrior to the visit we will call.\nAnn\n".encode(charset)
    draft = load_bytes(data, "m.eml")
    assert draft.meta.get("body_line_offset") == 6  # the body starts on the file's line 7
