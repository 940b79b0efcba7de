"""Reading drafts: plain text, HTML and .eml into regions with exact offsets."""
from email.message import EmailMessage

import pytest

from tonecheck.draft import REGION_KINDS
from tonecheck.errors import InputError
from tonecheck.sources import load_bytes, load_text
from tonecheck.sources.html import html_to_text


def check_invariants(draft):
    """Regions are ordered, disjoint, inside the text and trimmed to content."""
    prev_end = 0
    for r in draft.regions:
        assert r.kind in REGION_KINDS
        assert prev_end <= r.start < r.end <= len(draft.text), draft.regions
        chunk = draft.text[r.start:r.end]
        assert chunk == chunk.strip(), (r, chunk)
        prev_end = r.end
    if draft.offset_map is not None:
        assert len(draft.offset_map) == len(draft.text) + 1
        assert draft.offset_map[-1] == len(draft.source)


def parts(draft):
    """[(kind, text)] for every region, as a reader would list them."""
    check_invariants(draft)
    return [(r.kind, draft.text[r.start:r.end]) for r in draft.regions]


def kinds(text):
    return [k for k, _ in parts(load_text(text))]


# --- greeting, body, sign-off, signature ---------------------------------------------

def test_a_typical_reply_splits_into_greeting_body_signoff():
    draft = load_text("Hi Priya,\n\nYour car is ready. Can you come in Thursday?\n\nThanks,\nGareth\n")
    assert draft.format == "text"
    assert parts(draft) == [
        ("greeting", "Hi Priya,"),
        ("body", "Your car is ready. Can you come in Thursday?"),
        ("signoff", "Thanks,\nGareth"),
    ]


def test_greeting_on_the_same_line_as_the_body_is_only_the_salutation():
    draft = load_text("Hi Jo, your wardrobe arrives Thursday between 10am and 12pm.")
    assert parts(draft) == [("greeting", "Hi Jo,"),
                            ("body", "your wardrobe arrives Thursday between 10am and 12pm.")]


@pytest.mark.parametrize("line", ["Dear Mr Hale,", "Hello,", "Hey there! 😊", "Hi folks",
                                  "Good morning Ms Tanaka,", "Dear Sir/Madam,"])
def test_salutations_are_greetings(line):
    assert parts(load_text(f"{line}\n\nYour refund is on its way.")) == [
        ("greeting", line), ("body", "Your refund is on its way.")]


@pytest.mark.parametrize("first", ["Thanks for the suggestion! We'll look into it.",
                                   "History shows the parcel left on Monday.",
                                   "Hello world is the first program we ship"])
def test_a_first_line_that_is_not_a_salutation_is_body(first):
    assert kinds(first + "\n\nMore soon.") == ["body"]


@pytest.mark.parametrize("closing", ["Kind regards,", "Best wishes,", "Cheers", "See you soon,",
                                     "Thanks for your patience,", "Have a wonderful trip,",
                                     "Happy travels!"])
def test_closings_with_name_lines_are_the_signoff(closing):
    text = f"Hi Tom,\n\nYour sofa arrives Friday.\n\n{closing}\nMaya\nHomeStyle Deliveries"
    assert parts(load_text(text))[-1] == ("signoff", f"{closing}\nMaya\nHomeStyle Deliveries")


def test_a_name_block_without_closing_words_is_still_the_signoff():
    text = "Dear Mr Hale,\n\nYour claim is approved.\n\nClaims Department"
    assert parts(load_text(text))[-1] == ("signoff", "Claims Department")


def test_a_signoff_at_the_end_of_a_one_line_email():
    text = "Hi Mrs Castellano, the car is late, sorry about that. Thanks, Service Desk"
    assert parts(load_text(text)) == [
        ("greeting", "Hi Mrs Castellano,"), ("body", "the car is late, sorry about that."),
        ("signoff", "Thanks, Service Desk")]


def test_the_last_body_sentence_is_not_taken_for_a_name():
    assert kinds("Hi Ann,\n\nThe part is in.\n\nLet me know what suits you") == ["greeting", "body"]


def test_dash_dash_space_starts_the_signature():
    text = "Hi Marco,\n\nAll fixed.\n\nBest,\nPriya\n-- \nPriya Nair | Support | Relaymail Ltd\n"
    assert parts(load_text(text))[-2:] == [
        ("signoff", "Best,\nPriya"), ("signature", "-- \nPriya Nair | Support | Relaymail Ltd")]


def test_dashes_inside_a_sentence_are_not_a_signature():
    text = "And here is a fix -- this is not a signature.\n\nkthxbai"
    assert kinds(text) == ["body"]


def test_mobile_signatures():
    assert parts(load_text("On my way.\n\nSent from my iPhone"))[-1] == ("signature", "Sent from my iPhone")
    # A sentence that starts the same way is the writer's.
    assert kinds("Here it is.\n\nSent from my desk, is much easier then my phone.") == ["body"]


def test_a_contact_block_at_the_end_is_the_signature():
    text = "The invoice is attached.\n\nGina Lane\ngina@example.com\n(555) 346-9947"
    assert parts(load_text(text))[-1] == ("signature", "Gina Lane\ngina@example.com\n(555) 346-9947")


def test_dash_name_signature():
    assert parts(load_text("Thanks, that works.\n\n-Abhishek Kona\n"))[-1] == ("signature", "-Abhishek Kona")


def test_bullet_points_stay_in_the_body():
    text = "Two things:\n\n- Your order ships Monday\n- And the refund is done"
    assert kinds(text) == ["body"]


# --- the quoted thread ---------------------------------------------------------------

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


def test_crlf_text_keeps_its_offsets():
    text = ("Hi Tom,\r\n\r\nYour sofa is late.\r\n\r\nThanks,\r\nMaya\r\n\r\n"
            "On Mon, Tom wrote:\r\n> Where is it?\r\n")
    draft = load_text(text)
    assert draft.text == text  # nothing is normalised
    assert parts(draft) == [("greeting", "Hi Tom,"), ("body", "Your sofa is late."),
                            ("signoff", "Thanks,\r\nMaya"),
                            ("quote", "On Mon, Tom wrote:\r\n> Where is it?")]


def test_load_bytes_offsets_are_str_indices():
    draft = load_bytes("Hi Zoë,\n\nSorry — the £49 fee is refunded.\n".encode())
    body = next(r for r in draft.regions if r.kind == "body")
    assert draft.text[body.start:body.end] == "Sorry — the £49 fee is refunded."


# --- HTML ----------------------------------------------------------------------------

def test_html_to_text_lays_out_blocks_lists_and_entities():
    src = ("<html><head><style>p {color: red}</style><title>x</title></head><body>"
           "<p>Dear Mr Singh,</p>\n<p>Sorry your power   is\n off &amp; cold.<br>Back by <b>6pm</b>.</p>"
           "<ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p>Priya</p></body></html>")
    text, offsets = html_to_text(src)
    assert text == ("Dear Mr Singh,\n\nSorry your power is off & cold.\nBack by 6pm.\n\n"
                    "- One\n- Two\n\nPriya")
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(src)
    for i, ch in enumerate(text):
        s = src[offsets[i]]
        if ch == s:
            continue
        # Only generated characters (newlines and "- " from tags), collapsed
        # whitespace and entities may differ from the source character.
        assert (ch in "\n- " and s == "<") or (ch == " " and s.isspace()) or s == "&", (i, ch, s)
    assert src[offsets[text.index("&")]:].startswith("&amp;")


def test_html_offsets_map_a_span_back_to_the_source():
    src = "<div>Hi Jo,</div><div>Your <i>wardrobe</i> arrives&nbsp;Thursday.</div>"
    draft = load_text(src)
    assert draft.format == "html" and draft.source == src
    i = draft.text.index("wardrobe arrives")
    s, e = draft.to_source(i, i + len("wardrobe arrives"))
    assert src[s:e] == "wardrobe</i> arrives"
    # The rules read a plain space for &nbsp; the source keeps the entity.
    assert parts(draft) == [("greeting", "Hi Jo,"), ("body", "Your wardrobe arrives Thursday.")]
    i = draft.text.index("arrives Thursday")
    assert src[slice(*draft.to_source(i, i + len("arrives Thursday")))] == "arrives&nbsp;Thursday"


@pytest.mark.parametrize("quote_html", [
    '<div class="gmail_quote">On Thu, Jun 26, 2014 at 2:14 PM, Alex &lt;a@example.com&gt; wrote:<br>'
    '<blockquote class="gmail_quote">Hello! How are you?</blockquote></div>',
    '<blockquote type="cite">Hello! How are you?</blockquote>',
    '<div id="divRplyFwdMsg"><b>From:</b> Alex<br><b>Sent:</b> Thursday</div><div>Hello! How are you?</div>',
    '<span id="OLK_SRC_BODY_SECTION"><div>Hello! How are you?</div></span>',
    # Outlook's reply header, in a language we have no field names for.
    '<div id="divRplyFwdMsg"><b>送信者:</b> Alex</div><div>Hello! How are you?</div>',
])
def test_html_quote_containers_are_quotes(quote_html):
    src = f"<div>Hi. I am fine.</div><div>Thanks,</div><div>Alex</div>{quote_html}"
    draft = load_text(src)
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff", "quote"]
    quote = draft.regions[-1]
    assert draft.text[quote.start:quote.end].endswith("Hello! How are you?")


def test_html_bottom_post_after_a_blockquote_is_body():
    draft = load_text("<p>Sam wrote:</p><blockquote>Is it fixed?</blockquote><p>Yes, fixed today.</p>")
    assert parts(draft)[-1] == ("body", "Yes, fixed today.")


@pytest.mark.parametrize("text", [
    "Hi Leo! Your tracking link: [link]. Enjoy!",
    "Hi Leo, your tracking link is <link>.\nReply to <support@example.com> if not.",
    "Go to Settings > Alerts, then <3 the new screen.",
])
def test_plain_text_with_angle_brackets_is_not_html(text):
    assert load_text(text).format == "text"
    assert load_bytes(text.encode()).format == "text"


# --- .eml and mbox ------------------------------------------------------------------

def make_message(body, *, subtype="plain", charset="utf-8", cte=None, **headers):
    msg = EmailMessage()
    msg["From"] = headers.get("sender", "Support <help@example.com>")
    msg["To"] = "Tom <tom@example.com>"
    msg["Subject"] = headers.get("subject", "Re: your sofa")
    msg["Date"] = "Tue, 04 Mar 2025 09:12:00 +0000"
    msg["Message-ID"] = "<1@example.com>"
    msg.set_content(body, subtype=subtype, charset=charset, cte=cte)
    return msg


REPLY_BODY = "Hi Tom,\n\nYour sofa arrives Friday — café au lait colour.\n\nThanks,\nMaya\n"


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


# --- errors --------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\ufeff \xa0\n".encode()])
def test_empty_input(data):
    with pytest.raises(InputError, match="empty input: nothing to check"):
        load_bytes(data, "draft.txt")
    with pytest.raises(InputError, match="empty input"):
        load_text(data.decode())


def test_binary_input():
    with pytest.raises(InputError, match=r"draft.bin: binary data \(NUL byte at offset 8\)"):
        load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "draft.bin")
    with pytest.raises(InputError, match="UTF-16"):
        load_bytes("Hi Tom".encode("utf-16"), "draft.txt")
    with pytest.raises(InputError, match="binary"):
        load_text("Hi\x00Tom")


def test_invalid_utf8_names_the_byte_and_offset():
    with pytest.raises(InputError) as exc:
        load_bytes(b"Hi Sam,\nYour order \xff is late.\n", "draft.txt")
    assert str(exc.value) == ("draft.txt: not valid UTF-8: byte 0xFF at offset 19 (line 2); "
                              "save the draft as UTF-8")
    with pytest.raises(InputError, match="offset 6"):
        load_bytes(b"<p>Caf\xe9</p>", "draft.html")


def test_unknown_format():
    with pytest.raises(InputError, match="unknown input format 'docx'"):
        load_text("Hi", fmt="docx")


def test_a_byte_order_mark_is_kept_but_not_part_of_a_region():
    draft = load_bytes("\ufeffHi Tom,\n\nAll done.".encode())
    assert draft.text.startswith("\ufeff") and parts(draft)[0] == ("greeting", "Hi Tom,")
    assert draft.regions[0].start == 1


def test_html_without_visible_text():
    with pytest.raises(InputError, match="draft.html: the HTML has no visible text"):
        load_bytes(b"<html><body><p>&#32;</p><img src='x.png'></body></html>", "draft.html")


def test_forced_format_wins_over_sniffing():
    assert load_text("<p>Hi</p>", fmt="text").text == "<p>Hi</p>"
    assert load_text("Hi Tom", fmt="html").format == "html"


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


# --- Unicode spaces and zero-width characters ------------------------------------------

import json  # noqa: E402
import os  # noqa: E402

from tonecheck.sources import format_for, load_all  # noqa: E402

INCONVENIENCE = "Hi Sam,\n\nWe apologise for any{sp}inconvenience.\n\nThanks,\nAmy\n"


@pytest.mark.parametrize("space", ["\u00a0", "\u2007", "\u202f", "\u2002", "\u200a", "\u3000"])
def test_unicode_spaces_are_plain_spaces_for_the_rules_one_for_one(space):
    text = INCONVENIENCE.format(sp=space)
    draft = load_text(text)
    check_invariants(draft)
    assert draft.text == INCONVENIENCE.format(sp=" ")  # what the rules read: same length
    assert draft.original == text and draft.offset_map is None  # what the report shows
    assert parts(draft)[1] == ("body", "We apologise for any inconvenience.")


def test_a_no_break_space_in_an_eml_body_is_a_space_too():
    body = INCONVENIENCE.format(sp="\u00a0")
    draft = load_bytes(make_message(body).as_bytes(), "reply.eml")
    assert draft.format == "eml" and draft.text == INCONVENIENCE.format(sp=" ")
    assert draft.original == body and draft.subject == "Re: your sofa"


def test_zero_width_spaces_are_dropped_and_offsets_map_back():
    text = "Hi Sam,\n\nWe apologise for any \u200binconvenience & the wait.\u2060\n"
    draft = load_text(text)
    check_invariants(draft)
    assert draft.text == text.replace("\u200b", "").replace("\u2060", "")
    assert draft.source == text
    i = draft.text.index("any inconvenience")
    assert text[slice(*draft.to_source(i, i + len("any inconvenience")))] == "any \u200binconvenience"
    amp = draft.text.index("&")
    assert draft.to_source(amp, amp + 1) == (text.index("&"), text.index("&") + 1)  # not an entity


def test_html_nbsp_and_zero_width_entities():
    src = "<p>Hi Sam,</p><p>We apologise for any&nbsp;incon&#8203;venience.</p>"
    draft = load_text(src)
    check_invariants(draft)
    assert parts(draft)[1] == ("body", "We apologise for any inconvenience.")
    i = draft.text.index("any inconvenience")
    assert src[slice(*draft.to_source(i, i + len("any inconvenience")))] == "any&nbsp;incon&#8203;venience"


@pytest.mark.parametrize("data", ["\u200b".encode(), "\u200b \u200b\n\u2060".encode(),
                                  "\ufeff\u200b\u3000\n".encode()])
def test_a_draft_of_only_zero_width_and_unicode_spaces_is_empty(data):
    with pytest.raises(InputError, match="empty input"):
        load_bytes(data, "draft.txt")
    with pytest.raises(InputError, match="HTML has no visible text"):
        load_bytes(b"<p>" + data + b"</p><p>&nbsp;&#8203;</p>", "draft.html")


def test_cli_no_break_spaces_do_not_hide_any_inconvenience(run, tmp_path):
    (tmp_path / "d.txt").write_text(INCONVENIENCE.format(sp="\u00a0"), encoding="utf-8")
    (tmp_path / "d.html").write_text("<p>Hi Sam,</p><p>We apologise for any&nbsp;inconvenience.</p>"
                                     "<p>Thanks,<br>Amy</p>", encoding="utf-8")
    result = run("check", "--format", "json", "d.txt", "d.html")
    assert result.exit_code == 1, result.output
    by_path = {f["path"]: f for f in json.loads(result.output)["files"]}
    for path, expected in [("d.txt", "any\u00a0inconvenience"), ("d.html", "any&nbsp;inconvenience")]:
        source = (tmp_path / path).read_text(encoding="utf-8")
        spans = {f["rule"]: source[f["offset"]:f["offset"] + f["length"]] for f in by_path[path]["findings"]}
        assert "Apology.AnyInconvenience" in spans, by_path[path]
        assert spans["Apology.AnyInconvenience"].endswith(expected)
    text = run("check", "d.txt").output
    assert "We apologise for any\u00a0inconvenience." in text  # the excerpt is the draft as written


# --- mbox: every message ----------------------------------------------------------------

def make_mbox(*bodies):
    out = b""
    for n, body in enumerate(bodies, 1):
        msg = make_message(body, subject=f"message {n}") if isinstance(body, str) else body
        out += b"From help@example.com Tue Mar  4 09:12:00 2025\n" + msg.as_bytes() + b"\n"
    return out


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


# --- .eml: blank plain part, extension, byte-order mark ----------------------------------

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


# --- folders: symlinks ------------------------------------------------------------------

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


def test_a_long_word_is_read_in_linear_time():
    """A 200,000-letter "word" (no "@") once took minutes: the e-mail address pattern
    of the signature finder restarted at every letter."""
    import time

    start = time.perf_counter()
    draft = load_text("Hi Tom,\n\n" + "a" * 200_000 + "\n\nThanks,\nAmy\n")
    assert time.perf_counter() - start < 5
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff"]


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


def test_curly_apostrophes_read_as_straight_ones_one_for_one(run, tmp_path):
    text = "Hi Jo,\n\nWe\u2019ll look into it and get back to you.\n\nSam\n"
    draft = load_text(text)
    assert draft.text == text.replace("\u2019", "'") and draft.original == text
    (tmp_path / "d.txt").write_text(text)
    result = run("check", "-q", "--select", "Commitment", "d.txt")
    assert "Commitment.VaguePromise" in result.output
    assert "'ll look into" in result.output  # the words as written, shown where they are


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


@pytest.mark.parametrize("block", [
    '<div class="gmail_signature"><div>Amy Lee</div><div>Head of Sales | The best sofa shop in the county!</div></div>',
    '<div id="Signature"><p>Amy Lee</p><p>The best sofa shop in the county!</p></div>',
])
def test_html_signature_blocks_are_signatures(run, tmp_path, block):
    html = f"<div>Hi Tom,</div><div>Your sofa arrives on Friday at 10am.</div>{block}"
    draft = load_text(html, "reply.html")
    check_invariants(draft)
    assert [r.kind for r in draft.regions] == ["greeting", "body", "signature"]
    (tmp_path / "reply.html").write_text(html)
    # the boast in the signature is not the writer's message
    assert "SelfPraise" not in run("check", "-q", "reply.html").output


@pytest.mark.parametrize("first, greeting", [
    ("Tom,", "Tom,"), ("Mrs Okafor,", "Mrs Okafor,"), ("Dr. Lee,", "Dr. Lee,"),
    ("Unfortunately,", None), ("However,", None),
])
def test_a_bare_name_on_the_first_line_is_the_greeting(first, greeting):
    draft = load_text(f"{first}\nYour order ships on Friday at 10am.\n\nThanks,\nLeah\n")
    found = [draft.text[r.start:r.end] for r in draft.regions if r.kind == "greeting"]
    assert found == ([greeting] if greeting else [])


def test_lines_of_a_one_message_mbox_count_the_file(run, tmp_path):
    patch = ("From 1234567890abcdef Mon Sep 17 00:00:00 2001\nFrom: Priya <priya@example.com>\n"
             "Subject: [PATCH] Your sofa\n\nHi Tom,\n\nWe apologise for any inconvenience.\n\nAmy\n")
    (tmp_path / "0001.patch").write_text(patch)
    [report] = json.loads(run("check", "--format", "json", "0001.patch").output)["files"]
    line = patch.split("\n").index("We apologise for any inconvenience.") + 1
    assert report["lines"] == "file"
    assert ("Apology.AnyInconvenience", line) in [(f["rule"], f["line"]) for f in report["findings"]]
