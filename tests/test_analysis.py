"""The shared facts rules read: sentences with spans, persons, readability, context."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.analysis import FIRST_PERSON, SECOND_PERSON, Analysis, Sentence, split_sentences
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


def test_a_clause_number_and_incl_do_not_end_a_sentence():
    text = "Per cl. 9.2 the fee (incl. VAT) is held under Sch. 4. We'll send the receipt today. Your driver is Reg. He'll call."
    assert sentences(text) == ["Per cl. 9.2 the fee (incl. VAT) is held under Sch. 4.", "We'll send the receipt today.",
                               "Your driver is Reg.", "He'll call."]
    # a regulation or a section cited by its number
    assert sentences("Under Reg. 17.2 the fee is waived. See Sec. 4 and Vol. 2 for more.") == [
        "Under Reg. 17.2 the fee is waived.", "See Sec. 4 and Vol. 2 for more."]


@pytest.mark.parametrize("heading", ["Who we are", "What's on", "Check in", "This week's update", "Don't forget"])
def test_headings_that_ask_or_point_are_headings(heading):
    assert sentences(f"{heading}\nYour sofa arrives on Friday.") == [heading, "Your sofa arrives on Friday."]


def test_a_letter_s_heading_is_its_own_line_not_the_start_of_a_sentence():
    text = "Your complaint\nYou told us the bill was wrong. We agree.\n\nThanks for the\nquick reply."
    assert sentences(text) == ["Your complaint", "You told us the bill was wrong.", "We agree.",
                               "Thanks for the\nquick reply."]


@pytest.mark.parametrize("text", ["Your order has been delayed as\nDPD have had a backlog at their hub.",
                                  "We can't refund the deposit on that one\nAl",
                                  "We will look into this and\nI will call you on Friday at 2pm."])
def test_a_short_line_that_goes_on_or_opens_a_clause_is_no_heading(text):
    assert len(sentences(text)) == 1


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


# -- counts without tokens, bounded memory on long drafts ---------------------------

_WORDS = st.sampled_from(["I", "we", "We’ll", "you're", "YOUR", "Zoë", "café", "don't", "our", "a_b", "İ", "3pm",
                          ":", ";", ",", "-", "’", "'", "...", "us", "Ours", "you"])


@given(st.lists(_WORDS, max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_counts_read_from_text_agree_with_the_tokens(text):
    s = Sentence(0, len(text), text, "body", 0)
    words = s.words  # the tokens, as a plugin sees them
    assert s.word_count == len(words)
    assert s.first_person == sum(t.lower in FIRST_PERSON for t in words)
    assert s.second_person == sum(t.lower in SECOND_PERSON for t in words)
    run = best = 0
    for t in s.tokens:
        run = 0 if t.text in (":", ";") else run + t.is_word
        best = max(best, run)
    assert s.longest_run == best


def test_a_long_body_is_read_for_readability_from_a_sample_that_gives_the_same_figure(monkeypatch):
    para = ("Your new boiler is fitted on Tuesday between 8am and noon. The engineer will take the old one away, "
            "and you will not need to be at home for the whole visit. ")
    text = "Hi Sam,\n\n" + "\n\n".join(para for _ in range(8)) + "\n\nThanks,\nLeah"
    short = Analysis(load_text(text)).readability
    monkeypatch.setattr("tonecheck.analysis.READABILITY_SAMPLE", 600)  # as if the draft were that much longer
    a = Analysis(load_text(text))
    assert len(a.readability.text) <= 600 < len(a.body_text)
    assert a.readability["flesch_kincaid_grade"] == pytest.approx(short["flesch_kincaid_grade"], abs=0.1)
    assert a.readability["word_count"] == short["word_count"]  # counts still cover every sentence
    one_long = Analysis(load_text("Hi Sam,\n\n" + "your new boiler is fitted on Tuesday and " * 40 + "that is all.\n\nLeah"))
    assert len(one_long.readability.text) <= 600 and one_long.readability["automated_readability_index"] > 0


def test_a_sentence_takes_the_company_mentions_by_name():
    with pytest.raises(TypeError):  # the tokens once came sixth: an old call fails loudly
        Sentence(0, 1, "a", "body", 0, [])
    assert Sentence(0, 7, "We, Ace", "body", 0, company_mentions=1).first_person == 2


def test_textstat_keeps_nothing_of_a_draft_once_its_figure_is_read():
    import textstat.backend.selections._list_words as words
    from textstat.backend.utils._get_cmudict import get_cmudict

    a = Analysis(load_text("Hi Sam,\n\nYour parcel left our warehouse today and will reach you on Friday.\n\nLeah"))
    assert a.readability["flesch_kincaid_grade"] != 0
    assert words.list_words.cache_info().currsize == 0
    assert get_cmudict.cache_info().currsize == 1  # its dictionary stays loaded: a second to read


_PROSE = st.lists(st.sampled_from(list("ab Zé’'.!?,;:-\n\t0…") + ["don't", "we've", "’re", "It's"]), max_size=60).map("".join)


@given(_PROSE)
@settings(max_examples=400, deadline=None)
def test_the_default_grade_is_textstats_own_figure(text):
    import textstat

    from tonecheck.analysis import automated_readability_index

    assert automated_readability_index(text) == textstat.automated_readability_index(text)


def test_the_default_grade_equals_textstat_on_labelled_mail():
    import json

    import textstat
    from conftest import requires_shared

    from tonecheck.analysis import automated_readability_index

    corpus = requires_shared() / "eval" / "dev.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines()]
    assert len(texts) > 50
    assert [automated_readability_index(t) for t in texts] == [textstat.automated_readability_index(t) for t in texts]


def test_a_check_at_the_default_settings_never_imports_textstat():
    import subprocess
    import sys

    code = ("import sys, tonecheck; r = tonecheck.check('Hi Sam,\\n\\n' + 'Your parcel left our warehouse today. ' * 20"
            " + '\\n\\nLeah'); print(r.score.overall >= 0, 'textstat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def test_an_initial_does_not_end_a_sentence():
    from tonecheck.analysis import split_sentences

    text = ("Re: Accounts of the late Mr D. Kerr\nWe are sorry. Dr A. J. Patel will call. "
            "The parcel was left at Door B. You'll find it there.")
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "Re: Accounts of the late Mr D. Kerr", "We are sorry.", "Dr A. J. Patel will call.",
        "The parcel was left at Door B.", "You'll find it there."]
    # an initial before a surname, with no title: one sentence; before a word that starts sentences: two
    text = ("Your engineer, J. Patel, will call. Choose plan B. Friday suits us too. Ask for Raymond T. Feeney. "
            "Your seat is in row C. Boarding starts at 9am. We've moved you to Plan B. Customers on it pay monthly.")
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "Your engineer, J. Patel, will call.", "Choose plan B.", "Friday suits us too.", "Ask for Raymond T. Feeney.",
        "Your seat is in row C.", "Boarding starts at 9am.", "We've moved you to Plan B.", "Customers on it pay monthly."]
