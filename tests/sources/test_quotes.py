"""tonecheck/sources/quotes.py: the quoted thread (">" runs, attributions, Outlook blocks)."""
import pytest

from source_helpers import check_invariants, kinds, parts
from tonecheck.sources import load_text


REPLY = "Hi Dana,\n\nI'm sorry. An engineer is booked for 9am tomorrow.\n\nKind regards,\nRuth\n\n"


def quote_of(text):
    draft = load_text(text)
    check_invariants(draft)
    quotes = [r for r in draft.regions if r.kind == "quote"]
    assert len(quotes) == 1, parts(draft)
    # The writer's part is untouched by the quote.
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff", "quote"]
    return draft.text[quotes[0].start:quotes[0].end]


def test_on_date_wrote_and_quoted_lines_are_the_quote():
    quoted = "On Tue 4 Mar, Dana Whitfield wrote:\n> Third outage this month.\n> Please call me."
    assert quote_of(REPLY + quoted + "\n") == quoted


def test_an_attribution_wrapped_over_two_lines():
    quoted = "On Tue, Sep 25, 2012 at 8:59 AM, Chris Wanstrath\n<notifications@github.com>wrote:\n\n> Steps."
    assert quote_of(REPLY + quoted) == quoted


@pytest.mark.parametrize("attribution", [
    "Am 25.11.2014 um 14:59 schrieb Max Muster <max@example.de>:",
    "Le 23 janv. 2015 à 22:03, Brendan <b@example.com> a écrit :",
    "Op 13-02-2014 3:18 schreef Julius Caesar <pantheon@rome.com>:",
    "Den 14 september 2015 kl. 02:23 skrev Valentino Rudy <v@rudy.be>:",
    "W dniu 28 stycznia 2015 01:53 użytkownik Zoe <zoe@example.com> napisał:",
])
def test_attributions_in_other_languages(attribution):
    quoted = attribution + "\n\nDas Paket ist nicht angekommen."
    assert quote_of(REPLY + quoted) == quoted


@pytest.mark.parametrize("opener", [
    "-----Original Message-----\nFrom: Dana <dana@example.com>",
    "From: Dana Whitfield [mailto:dana@example.com]\nSent: Tuesday, March 4, 2025 9:12 AM\nTo: Support",
    "*From:* Dana Whitfield [mailto:\n  dana@example.com]\n*Sent:* Tuesday, March 4, 2025 9:12 AM",
    "De : Dana [mailto:dana@example.com]\nEnvoyé : mardi 4 mars 2025 09:12\nÀ : Support",
    "________________________________\nFrom: Dana\nDate: Tue, 4 Mar 2025",
    "---------- Forwarded message ----------\nFrom: Dana <dana@example.com>",
    "Begin forwarded message:\n\nFrom: Dana <dana@example.com>",
])
def test_outlook_and_forwarded_blocks_quote_everything_after_them(opener):
    quoted = opener + "\n\nThe line has dropped again.\n\nThanks,\nDana"
    assert quote_of(REPLY + quoted) == quoted


@pytest.mark.parametrize("details", ["Date: Wednesday 3 October\nTime: 7:00am\nAddress: 130 Fox St",
                                     "From: 14 June\nTo: 16 June"])
def test_header_like_lines_in_the_body_are_not_a_quote(details):
    assert kinds(f"Your booking:\n\n{details}\n\nPlease bring your ID.") == ["body"]


def test_lines_starting_with_on_are_not_attributions():
    assert kinds("On your remote host you can run:\n\n    telnet 127.0.0.1 52698\n") == ["body"]
    assert kinds("Thanks!\nOn Monday we wrote back to the courier.") == ["body"]


def test_a_lone_arrow_line_inside_prose_is_not_a_quote():
    text = "Visit us now...\n>>> >>>  http://www.example.com <<<\nVisit our site above"
    assert kinds(text) == ["body"]


def test_a_bottom_posted_reply_is_body_after_the_quote():
    text = "On 04/19/2011 07:10 AM, Roman wrote:\n\n> Is it fixed?\n\nYes, fixed today.\n\nRegards, Sam"
    assert parts(load_text(text)) == [
        ("quote", "On 04/19/2011 07:10 AM, Roman wrote:\n\n> Is it fixed?"),
        ("body", "Yes, fixed today."), ("signoff", "Regards, Sam")]


def test_an_interleaved_reply_alternates_quote_and_body():
    text = "> Can you do Tuesday?\n\nYes, 10am.\n\n> And the invoice?\n> It was wrong.\n\nFixed, sorry.\n"
    assert parts(load_text(text)) == [
        ("quote", "> Can you do Tuesday?"), ("body", "Yes, 10am."),
        ("quote", "> And the invoice?\n> It was wrong."), ("body", "Fixed, sorry.")]


def test_an_attribution_glued_to_the_last_line():
    text = "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:\n> Hi"
    assert parts(load_text(text)) == [
        ("body", "reply"), ("quote", "On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:\n> Hi")]


def test_a_memo_header_is_the_writer_s_not_a_quote():
    memo = (
        "MEMO\nTo: All Residents\nFrom: Estates Office\nDate: 4 March\nRe: Water off on Thursday\n\n"
        "Dear Residents,\nThe water will be off on Thursday from 10am to noon while we replace a valve.\n"
    )
    draft = load_text(memo)
    check_invariants(draft)
    assert "quote" not in [r.kind for r in draft.regions]
    # the same fields under a reply, starting with From, are still the quoted message's
    reply = "Thanks, I'll be in on Thursday.\n\nFrom: Estates Office\nSent: 4 March 2026 09:12\nTo: Flat 3\nSubject: Water\n\nThe water will be off.\n"
    kinds = [r.kind for r in load_text(reply).regions]
    assert kinds[-1] == "quote"

