"""The shared facts rules read: sentences with spans, persons, readability, context."""
import pytest

from tonecheck.analysis import Analysis, split_sentences
from tonecheck.builtin.context import detect
from tonecheck.sources import load_text


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


def test_sentences_keep_abbreviations_times_and_bullets():
    text = "Dr. Patel will see you at 10 a.m. on Tuesday. Is that OK?\n- Bring your card\n- Arrive early\nThanks!"
    assert sentences(text) == [
        "Dr. Patel will see you at 10 a.m. on Tuesday.",
        "Is that OK?",
        "- Bring your card",
        "- Arrive early",
        "Thanks!",
    ]


def test_wrapped_lines_join_into_one_sentence():
    text = "I just wanted to plan my weekend as I am only in on Saturday and have some\nappointments already. Would you?"
    assert sentences(text) == [
        "I just wanted to plan my weekend as I am only in on Saturday and have some\nappointments already.",
        "Would you?",
    ]


def test_spans_point_into_the_original_text():
    text = "Hi Sam,\n\nYour order ships Friday. We’ll text you.\n\nThanks,\nLeah"
    a = Analysis(load_text(text))
    for s in a.sentences:  # one for one: the rules read ’ as '
        assert text[s.start:s.end].replace("’", "'") == s.text
    body = [text[s.start:s.end] for s in a.body]
    assert body == ["Your order ships Friday.", "We’ll text you."]
    assert [(s.first_person, s.second_person) for s in a.body] == [(0, 1), (1, 1)]


def test_readability_is_lazy_and_from_textstat():
    a = Analysis(load_text("Hi Sam,\nYour order ships on Friday. We will text you when it leaves.\nThanks,\nLeah"))
    assert a.readability["words_per_sentence"] == 6.0
    assert 0 < a.readability["automated_readability_index"] < 8
    assert a.readability["flesch_reading_ease"] > 60


def test_context_from_the_quoted_customer_message():
    text = ("Hi Ben,\nI've refunded the second payment.\nLeah\n\nOn Mon, Ben Carter wrote:\n"
            "> You've charged my card twice this month. This is really stressful.\n")
    a = Analysis(load_text(text), detect=lambda a: detect(a.quoted, [s.text for s in a.body]))
    assert {"complaint", "billing"} <= a.contexts
    assert "stressful" in a.quoted and ">" not in a.quoted


def test_given_context_replaces_detection():
    a = Analysis(load_text("Congratulations on your new home!"), contexts=["billing"], detect=lambda a: {"celebration"})
    assert a.contexts == {"billing"}


def test_findings_never_point_into_the_quote_or_signature():
    import tonecheck

    text = ("Hi Sam,\nYour order ships on Friday.\nThanks,\nLeah\n-- \nLeah Smith\nWe apologise for any inconvenience.\n\n"
            "On Mon, Sam wrote:\n> As per our policy, I failed to do it. As soon as possible please.\n")
    assert tonecheck.check(text).findings == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Please find our proposal for the kitchen works attached.",
        "Our summer promotion ends on Friday, so your price is held until then.",
        "Sarah is on maternity leave, so I am looking after your account.",
        "Your blood test result was positive for vitamin D deficiency.",
    ],
)
def test_business_words_are_not_celebrations(sentence):
    assert "celebration" not in detect("", [sentence])


def test_a_new_baby_in_the_customer_s_message_is_a_celebration():
    assert "celebration" in detect("We've just had our little girl, Poppy! Could you do a cake?", ["We can do a cake for 20."])


def test_field_and_heading_lines_stand_alone():
    text = "KEY DETAILS:\nReference: 4411\nLoss date: 2 May\nWe will call you within two days."
    assert sentences(text) == ["KEY DETAILS:", "Reference: 4411", "Loss date: 2 May", "We will call you within two days."]


def test_placeholders_and_capital_headings_are_not_acronyms():
    a = Analysis(load_text("Hi [NAME],\n\nNEXT STEPS FOR YOUR CLAIM\nYour refund of [AMOUNT] for [PLAN ID] is on its way via BACS.\n\nAnn"))
    assert set(a.acronyms) == {"BACS"}


@pytest.mark.parametrize("sentence", [
    "A planned power outage in your area is coming up on Sunday night, and our service will be off while it lasts.",
    "This letter is about the appointment you missed on Tuesday.",
    "We have a policy on missed appointments, but we have waived the fee this time.",
])
def test_announced_work_and_the_customer_s_own_miss_are_not_complaints(sentence):
    assert "complaint" not in detect("", [sentence])


def test_a_failure_of_ours_is_still_a_complaint():
    assert "complaint" in detect("", ["The outage on Sunday took your site down for six hours."])
    assert "complaint" in detect("", ["We missed your delivery slot on Tuesday."])
