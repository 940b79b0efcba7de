"""Whatever arrives (random text, HTML, MIME), tonecheck answers with a Report whose
findings index the text, or an InputError: never a traceback."""
from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tonecheck
from tonecheck.errors import InputError

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text with the characters mail is made of: words, punctuation, quotes, line breaks,
# tabs, Unicode spaces and apostrophes, markup, and the odd surrogate or emoji.
ALPHABET = st.sampled_from(list("abcdefghij KLMNOP .,;:!?'\"-–—>\n\n\t<>/=&#[]{}") +
                           ["\u00a0", "\u2019", "\u200b", "\ufeff", "é", "😀", "\udcff", "\r\n", "> ", "-- \n"])
WORDS = st.sampled_from(["sorry", "any inconvenience", "we", "you", "policy", "Friday", "9am", "On Tue, Ann wrote:",
                         "Hi Sam,", "Thanks,", "Regards", "unfortunately", "cannot", "<p>", "</p>", "<blockquote>",
                         "<div class=\"gmail_signature\">", "&nbsp;", "From: a@b.c", "Subject: x"])
TEXT = st.lists(st.one_of(ALPHABET, WORDS), max_size=120).map("".join)


def _judged(report) -> None:
    for f in report.findings:
        assert 0 <= f.offset <= f.offset + f.length <= len(report.text), (f, len(report.text))
        line, col = report.position(f.offset)
        assert line >= 1 and col >= 1
    assert 0 <= report.score.overall <= 100


@SETTINGS
@given(TEXT)
def test_any_text_gives_a_report_or_an_input_error(text):
    try:
        report = tonecheck.check(text)
    except InputError:
        return
    _judged(report)


@SETTINGS
@given(TEXT)
def test_any_html_gives_a_report_or_an_input_error(text):
    try:
        report = tonecheck.check(f"<html><body><div>{text}</div></body></html>", path="x.html")
    except InputError:
        return
    _judged(report)


@SETTINGS
@given(TEXT, st.sampled_from(["7bit", "8bit", "base64", "quoted-printable"]),
       st.sampled_from(["utf-8", "latin-1", "utf-16", "us-ascii"]), st.booleans())
def test_any_message_gives_a_report_or_an_input_error(body, cte, charset, html):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.com", "b@example.com", "Re: order"
    try:
        msg.set_content(body, subtype="html" if html else "plain", charset=charset, cte=cte)
    except (ValueError, UnicodeError, LookupError):
        return  # the email package will not build it: nothing to check
    data = msg.as_bytes()
    try:
        draft = tonecheck.load_bytes(data, "x.eml")
    except InputError:
        return
    _judged(tonecheck._linter_for(None).lint(draft))
