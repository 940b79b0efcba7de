"""tonecheck/sources/html.py: HTML laid out as text, with offsets back to the markup."""
import pytest

from source_helpers import check_invariants, parts
from tonecheck.errors import InputError
from tonecheck.sources import load_bytes, load_text
from tonecheck.sources.html import html_to_text


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


def test_html_without_visible_text():
    with pytest.raises(InputError, match="draft.html: the HTML has no visible text"):
        load_bytes(b"<html><body><p>&#32;</p><img src='x.png'></body></html>", "draft.html")


def test_html_nbsp_and_zero_width_entities():
    src = "<p>Hi Sam,</p><p>We apologise for any&nbsp;incon&#8203;venience.</p>"
    draft = load_text(src)
    check_invariants(draft)
    assert parts(draft)[1] == ("body", "We apologise for any inconvenience.")
    i = draft.text.index("any inconvenience")
    assert src[slice(*draft.to_source(i, i + len("any inconvenience")))] == "any&nbsp;incon&#8203;venience"


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

