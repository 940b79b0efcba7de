"""tonecheck/sources/writer.py: the greeting, the sign-off and the signature."""
import pytest

from source_helpers import kinds, parts
from tonecheck.sources import load_text


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
                                  "Good morning Ms Tanaka,", "Dear Sir/Madam,",
                                  "Kia ora Wiremu,", "Kia ora koutou,", "G'day Kylie,", "Howzit Lwazi,", "Morning Pieter,",
                                  "Assalamu alaikum Sana,", "As-salamu alaikum,", "Salam alaikum Sana,", "Assalam o alaikum,",
                                  "Dia duit a Sheáin,", "Dia dhuit a Sheáin,", "A chara,", "Tēnā koe Hemi,", "Estimada Sra. García,",
                                  "Beste meneer De Vries,"])
def test_salutations_are_greetings(line):
    assert parts(load_text(f"{line}\n\nYour refund is on its way.")) == [
        ("greeting", line), ("body", "Your refund is on its way.")]


@pytest.mark.parametrize("first", ["Thanks for the suggestion! We'll look into it.",
                                   "History shows the parcel left on Monday.",
                                   "Hello world is the first program we ship",
                                   "Morning appointments are full, so I've booked you at 2pm.",
                                   "Namaste yoga can't refund missed classes.",
                                   "Afternoon Tea, as you asked, is booked for 3pm."])
def test_a_first_line_that_is_not_a_salutation_is_body(first):
    assert kinds(first + "\n\nMore soon.") == ["body"]


@pytest.mark.parametrize("closing", ["Kind regards,", "Best wishes,", "Cheers", "See you soon,",
                                     "Thanks for your patience,", "Have a wonderful trip,",
                                     "Happy travels!",
                                     "Hope to see you at Riverbend next summer,", "Safe drive, and see you in the morning,",
                                     # in the writer's or the reader's own language
                                     "Is mise le meas,", "Le meas,", "Cofion cynnes,", "Yn gywir,", "Met vriendelijke groet,",
                                     "Liebe Grüße,", "Atentamente,", "Med vänlig hälsning,", "Nāku noa, nā"])
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


def test_a_long_word_is_read_in_linear_time():
    """A 200,000-letter "word" (no "@") once took minutes: the e-mail address pattern
    of the signature finder restarted at every letter."""
    import time

    start = time.perf_counter()
    draft = load_text("Hi Tom,\n\n" + "a" * 200_000 + "\n\nThanks,\nAmy\n")
    assert time.perf_counter() - start < 5
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff"]


@pytest.mark.parametrize("first, greeting", [
    ("Tom,", "Tom,"), ("Mrs Okafor,", "Mrs Okafor,"), ("Dr. Lee,", "Dr. Lee,"),
    ("Unfortunately,", None), ("However,", None),
])
def test_a_bare_name_on_the_first_line_is_the_greeting(first, greeting):
    draft = load_text(f"{first}\nYour order ships on Friday at 10am.\n\nThanks,\nLeah\n")
    found = [draft.text[r.start:r.end] for r in draft.regions if r.kind == "greeting"]
    assert found == ([greeting] if greeting else [])



@pytest.mark.parametrize("heading", [
    "Subject: Your March bill - our mistake, and what happens next\n\n",
    "PLANNING SERVICES\nWestbury Borough Council\n\nApplication reference: 24/01872/HOU\nDate: 12 August 2024\n\n",
    "Our ref: CX/2231/88\n",
])
def test_a_heading_above_the_greeting_is_its_own_region(heading):
    """A pasted subject line or a letter's heading is the writer's, but the greeting is
    the "Dear ..." under it, and the body starts after that."""
    draft = load_text(heading + "Dear Mr Farah,\n\nYour application is approved.\n\nKind regards,\nAnn Lee\n")
    assert [k for k, _ in parts(draft)] == ["heading", "greeting", "body", "signoff"]
    assert parts(draft)[1] == ("greeting", "Dear Mr Farah,")


@pytest.mark.parametrize("text", [
    "Your order has shipped.\nHi there, it arrives Friday.\n",  # a sentence first: no heading
    "Thanks for waiting.\n\nDear all,\nthe office reopens Monday.\n",
])
def test_prose_above_a_salutation_is_no_heading(text):
    assert "heading" not in [k for k, _ in parts(load_text(text))]


@pytest.mark.parametrize("ending, signoff", [
    ("With our warmest sympathy,\n\nDr Rachel Moore and everyone at Oakfield Vets\n",
     "With our warmest sympathy,\n\nDr Rachel Moore and everyone at Oakfield Vets"),
    ("Kind regards,\nLouise Carter\nRenewals Team, Cornerstone Insurance\nPolicy number: MC-6620419\n",
     "Kind regards,\nLouise Carter\nRenewals Team, Cornerstone Insurance\nPolicy number: MC-6620419"),
])
def test_sign_offs_that_formal_letters_end_with(ending, signoff):
    draft = load_text("Dear Mr Bennett,\n\nYour renewal price is below.\n\n" + ending)
    assert parts(draft)[-1] == ("signoff", signoff)


def test_a_name_signed_with_an_initial_is_the_sign_off():
    draft = load_text("Hi Ann,\n\nYour refund is on its way.\n\nBest wishes,\nCarla S.\nCustomer Relations\n")
    assert parts(draft)[-1] == ("signoff", "Best wishes,\nCarla S.\nCustomer Relations")


@pytest.mark.parametrize("text", [
    "Unfortunately we can't help\n\nHi Sam,\nThe warranty has expired.\n\nLeah",  # a clause, not a title
    "I can do Tuesday\nHi Sam, is that ok?",
    "- refund issued\n- label sent\nHi Sam,\nAll done.\nLeah",  # a list
    "Hi Sam\nGood morning, hope you're well. Your car is ready.\nLeah",  # the greeting itself
])
def test_only_fields_and_titles_make_a_heading(text):
    assert "heading" not in [k for k, _ in parts(load_text(text))]


def test_a_greeting_without_a_comma_under_a_subject_line():
    draft = load_text("Subject: Your refund\n\nDear Mr Farah\n\nYour refund is on its way.\n\nAnn\n")
    assert parts(draft)[:2] == [("heading", "Subject: Your refund"), ("greeting", "Dear Mr Farah")]


@pytest.mark.parametrize("text", [
    "Hi Sam,\n\nThanks for your email.\nRefund: not possible, the item was used.\nLeah\n",
    "Hi Sam,\n\nThanks for booking.\nDate: 12 June\nTime: 7pm\n",
    "Hi Sam,\n\nWe have two options.\n\nWe recommend Option B.\n",
])
def test_lines_like_a_reference_or_an_initial_do_not_make_the_body_a_sign_off(text):
    assert "body" in [k for k, _ in parts(load_text(text))]


@pytest.mark.parametrize("date", ["March 5, 2013", "3 September 2020", "Tuesday, 12 June 2026", "12/06/2026"])
def test_a_letter_s_date_above_the_greeting_is_its_heading(date):
    draft = load_text(f"{date}\nDear Patient,\nThese past months have been hard for everyone.\n\nDr Lee\n")
    assert parts(draft)[:2] == [("heading", date), ("greeting", "Dear Patient,")]


@pytest.mark.parametrize("heading", [
    "12 High Street", "Changes to your tariff", "By email only", "Order 55821", "2026-06-12", "June 2026",
    "Hello Fresh Customer Care",  # a letterhead that starts like a greeting, over the real one
    "Mrs J. Patel\n12 High Street\nLeeds LS1 4AB\n\n5 March 2026",
])
def test_a_letter_s_heading_lines(heading):
    draft = load_text(heading + "\n\nDear Mr Shah,\n\nFrom 1 April your payment will rise to £84.\n\nKind regards,\nHelen Ward\n")
    assert [k for k, _ in parts(draft)] == ["heading", "greeting", "body", "signoff"]


@pytest.mark.parametrize("ending", [
    "Yours sincerely,\nHelen Ward\nComplaints Team\nComplaint reference: CMP-20931",
    "Thanks,\nBooking reference: TBL-4471",
    "Kind regards,\nCarla Smith R.N.", "Best,\nDr Ann Lee, M.D.", "Best,\nDr. Carla S.", "Best,\nJ. P.",
])
def test_sign_offs_with_references_initials_and_letters_after_the_name(ending):
    draft = load_text("Hi Sam,\n\nYour refund is on its way.\n\n" + ending + "\n")
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff"]


def test_a_company_signature_block_with_an_address_under_the_name():
    draft = load_text("Hi Sam,\n\nYour number moves on Friday.\n\nKind regards,\n\nAisha Malik\nNumber Transfers Team\n\n"
                      "Brightwave Mobile\nPO Box 4410, Bristol BS1 9XX\nbrightwave.co.uk | 0330 010 2020\n"
                      "Case reference: NT-301774\n")
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff", "signature"]


@pytest.mark.parametrize("footer", [
    "Enc. Inspection photos; returns form",
    "Est. 1987 | Member of the Guild of Master Craftsmen",
    "ISO 9001 certified",
    "This message and its attachments are confidential and intended only for the named recipient. "
    "If you received it in error, please tell us and delete it.",
    "Halden Joinery Ltd is registered in England, company number 04811290.\n"
    "Registered office: 2 Mill Yard, Leeds LS1 4AB.",
])
def test_what_follows_a_signed_letter_is_its_signature(footer):
    draft = load_text("Dear Mr Osei,\n\nYour new door is fitted on Monday at 9am.\n\nYours sincerely,\n\n"
                      f"Grace Lindqvist\nWorkshop Manager\n\n{footer}\n")
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff", "signature"]
    assert parts(draft)[2] == ("signoff", "Yours sincerely,\n\nGrace Lindqvist\nWorkshop Manager")


def test_a_postscript_under_the_sign_off_stays_the_writer_s():
    # a P.S. that names the terms of business is still the writer speaking, and checked
    draft = load_text("Hi Jo,\n\nYour boiler service is booked for Monday at 9am.\n\nThanks,\nGrace\n\n"
                      "P.S. Our terms of business changed in May, and you should have read them before booking.")
    assert "signature" not in [k for k, _ in parts(draft)]
    assert "you should have read them" in dict(parts(draft))["body"]


@pytest.mark.parametrize("ending", ["With apologies again,\n\nTheo Marsh",
                                    "With our deepest sympathy,\n\nDr Nia Roberts MRCVS\nand everyone at Fernside",
                                    "Best wishes,\n\nIvy Chen\nMembership Secretary (volunteer), Northfield and District Rowing Club",
                                    "Jo @ Bloom & Bud"])
def test_sign_offs_of_apology_teams_long_titles_and_chat(ending):
    draft = load_text("Hi Sam,\n\nYour refund is on its way.\n\n" + ending + "\n")
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff"]


def test_a_greeting_ended_by_a_dash():
    assert parts(load_text("Hey Marcus - no problem at all, your deposit carries over."))[0] == ("greeting", "Hey Marcus -")


def test_a_name_under_the_last_sentence_signs_without_a_closing():
    draft = load_text("Hi Mrs Grant,\n\nYour tuning is booked for Tuesday at 2pm.\n\nLovely to hear the piano gets played!\nDave\nKeynote Pianos\n")
    assert parts(draft)[-2:] == [("body", "Your tuning is booked for Tuesday at 2pm.\n\nLovely to hear the piano gets played!"),
                                 ("signoff", "Dave\nKeynote Pianos")]


def test_a_chat_reply_signed_with_a_dash_under_its_text():
    draft = load_text("Yes, you're booked for Thursday at 10:15.\n- Mo, Riverside Ice\n")
    assert parts(draft)[-1] == ("signature", "- Mo, Riverside Ice")


@pytest.mark.parametrize("text", ["Bring these:\n- Boots\n- Gloves\n", "Still missing:\n- Passport Copy\n",
                                  "Rooms left:\n— Garden Suite\n— Sea View Room\n", "Bring:\n-Boots\n-Gloves\n"])
def test_a_list_s_last_item_is_no_signature(text):
    assert kinds(text) == ["body"]


def test_a_name_under_a_one_paragraph_reply_signs_but_an_address_does_not():
    assert parts(load_text("Hi Ana,\nYour parcel left today.\nTom"))[-1] == ("signoff", "Tom")
    assert kinds("Hi Ana,\nPlease collect it from our depot.\nUnit Four\nMill Lane") == ["greeting", "body"]


@pytest.mark.parametrize("line", ["Hi-fi repairs - your amplifier is ready", "Hello-Fresh boxes ship on Monday, as always."])
def test_a_word_that_starts_like_a_salutation_greets_no_one(line):
    assert kinds(line) == ["body"]


def test_with_apologies_closes_a_letter_only_as_a_closing():
    signed = load_text("Hi Tom,\n\nYour sofa arrives on Friday.\n\nWith apologies again,\nTom")
    assert parts(signed)[-1] == ("signoff", "With apologies again,\nTom")
    said = load_text("Hi Tom,\n\nYour sofa arrives on Friday.\nWith apologies for the wait.\nTom")
    assert "With apologies for the wait." in dict(parts(said))["body"]


@pytest.mark.parametrize("footer", [
    "Ashby Insurance Services Ltd is authorised and regulated by the Financial Conduct Authority.",
    # a notice hard-wrapped at 72 columns, as plain-text mail sends it
    "This email and any files sent with it are confidential and intended\n"
    "solely for the person to whom they are addressed. If you received it\n"
    "in error, please tell the sender and delete it.",
    # a US or marketing footer: the firm's legal name, licence or address, why the email came, how to stop it
    "Harbor Lane Bank, Member FDIC. Equal Housing Lender.",
    "Corbel Outdoor Inc., 41 Pike Street, Tacoma, WA 98402. You're receiving this email about an order you placed. "
    "Privacy Policy | Terms of Sale",
    "Brightwater University does not discriminate on the basis of age or disability. Unsubscribe from these updates.",
    "This email was sent from an unmonitored address. Eastfield Hospital, Ward Road, Eastfield EF4 2QT.",
    "© 2026 Corbel Outdoor. All rights reserved.\nPrivacy | Terms",
    "NMLS ID 402711. Equal Housing Opportunity.",
])
def test_small_print_under_a_signed_letter_is_its_signature(footer):
    draft = load_text(f"Dear Mr Shah,\n\nYour cover starts on 1 June.\n\nYours sincerely,\n\nGrace Lindqvist\nCustomer Services\n\n{footer}\n")
    assert [k for k, _ in parts(draft)] == ["greeting", "body", "signoff", "signature"]
    assert parts(draft)[-1][1].endswith(footer)


@pytest.mark.parametrize("after", [
    # the writer's own words after the sign-off stay theirs, whatever firm names, postcodes or policies they mention
    "Sorry, one more thing: we cannot refund the postage, as our terms and conditions and privacy policy say so.",
    "The £40 inc. VAT is non-refundable, as you were told at the shop on Park Row, Leeds LS1 5HD.",
    "If the daily texts get too much, it's your own fault for not reading: just unsubscribe in the app.",
])
def test_the_writer_s_words_after_a_sign_off_are_no_small_print(after):
    # the words are the writer's, read by the rules (the letter, signed mid-way, has no sign-off at its end)
    draft = load_text(f"Dear Mr Shah,\n\nYour cover starts on 1 June.\n\nYours sincerely,\n\nGrace Lindqvist\n\n{after}\n")
    assert "signature" not in kinds(draft.text)
    assert after in [t for k, t in parts(draft) if k == "body"][-1]


@pytest.mark.parametrize("footer", [
    "If you no longer wish to receive emails from us, you can unsubscribe at any time.",
    "You're receiving this email because you have an account with Corbel Outdoor.",
    "Corbel Outdoor Ltd | Privacy Policy | Terms of Service",
])
def test_a_one_line_marketing_footer_under_a_signed_letter_is_its_signature(footer):
    draft = load_text(f"Hi Sam,\n\nYour replacement has shipped today.\n\nKind regards,\nAnna Lee\nCustomer Care Team\n\n{footer}\n")
    assert parts(draft)[-2:] == [("signoff", "Kind regards,\nAnna Lee\nCustomer Care Team"), ("signature", footer)]


@pytest.mark.parametrize("line", ["Call us on 0113 496 0000, Monday to Friday, 9am to 5pm.",
                                  "Unit 4, Mill Lane Trading Estate, Harrogate HG1 4QT.",
                                  "Visit us at www.corbel.example for opening hours and offers."])
def test_a_contact_or_address_line_ending_in_a_full_stop_stays_in_the_signature_block(line):
    draft = load_text(f"Hi Sam,\n\nYour replacement has shipped today.\n\nKind regards,\nAnna Lee\nCorbel Outdoor\n{line}\n")
    assert [k for k, _ in parts(draft)][-1] in ("signoff", "signature") and "signoff" in kinds(draft.text)


@pytest.mark.parametrize("block", ["Anna Lee\nCorbel Outdoor Ltd\nLeeds LS1 4AB", "Anna Lee\nCorbel Outdoor Inc.\nTacoma, WA 98402"])
def test_a_company_and_its_address_under_the_name_sign(block):
    # (also a name in two languages: see test_a_bilingual_name_line_signs)
    draft = load_text(f"Hi Sam,\n\nYour replacement has shipped today.\nTracked 48\n\nKind regards,\n{block}\n")
    assert parts(draft)[-1] == ("signoff", f"Kind regards,\n{block}")


@pytest.mark.parametrize("signature", ["— Sam\nThe Olive Tree", "- Sam, The Olive Tree\n0113 496 0000"])
def test_a_dash_signature_under_a_blank_line(signature):
    draft = load_text(f"Hi Jo,\n\nYour table for six is booked for Friday at 7pm.\n\n{signature}\n")
    assert parts(draft)[-1] == ("signature", signature)


@pytest.mark.parametrize("lines", ["Monday Pilates\nWednesday Yoga", "Acme Returns\nBradford BD1 2AB"])
def test_short_lines_under_the_last_sentence_that_are_no_name(lines):
    assert "signoff" not in kinds(f"Hi Jo,\nYour classes are booked.\n{lines}")


@pytest.mark.parametrize("reply, signature", [
    ("You're on the list for Saturday!\n– Tom, Box Office, Little Strings Puppet Theatre", "– Tom, Box Office, Little Strings Puppet Theatre"),
    ("Row F has step-free access. Enjoy the film! – Becca, Regal Picturehouse", "– Becca, Regal Picturehouse"),
])
def test_a_chat_reply_signed_with_a_dash(reply, signature):
    assert parts(load_text(reply))[-1][1] == signature


@pytest.mark.parametrize("signature", [
    "Ngā mihi, Aroha", "Regards, Kavya, Team Saanjh", "Regards, Shop team",  # a closing and a name (and team)
    "Ciara x", "Johan", "Ben, Inkwell support", "Whatever you prefer, Kirsty",  # a name alone, after the last sentence
])
def test_a_one_paragraph_reply_signed_at_the_end_of_its_line(signature):
    draft = load_text(f"Hi Sam, your stool is ready to collect, and I've oiled the legs again. {signature}")
    assert parts(draft)[-1] == ("signoff", signature)


@pytest.mark.parametrize("ending", ["Happy Christmas", "Closed Sundays", "Royal Mail", "Stay Safe", "Regrettably.",
                                    "Tickets Non-Refundable.", "Date TBC.", "Not Possible.",
                                    "Congratulations", "From all of us, Merry Christmas", "We can't refund it, Sam"])
def test_a_last_line_that_names_no_one_is_no_signature(ending):
    # a word that ends a reply without naming anyone, a phrase that is no goodbye, or the greeting's own name
    assert "signoff" not in kinds(f"Hi Sam, your stool is ready to collect. {ending}")


@pytest.mark.parametrize("signature", ["Have a lovely weekend, Ciara x", "Bye for now, Ciara", "Zoë x", "Jean-Luc", "Ciara X",
                                       "Clearview Opticians", "Niamh O'Brien", "Kind Regards", "See you"])
def test_a_goodbye_and_a_name_or_a_name_alone_signs(signature):
    assert parts(load_text(f"Hi Sam, your stool is ready to collect. {signature}"))[-1] == ("signoff", signature)


def test_small_print_words_in_an_unsigned_reply_stay_its_body():
    # "Thanks for asking." over the last paragraph is no signed letter: its words are the writer's
    draft = load_text("Hi Sam,\n\nThanks for asking.\n\nSorry, but that code is intended only for new members. "
                      "Our terms of business are available on request.")
    assert kinds(draft.text) == ["greeting", "body"]


def test_small_print_below_the_quoted_message_is_no_sentence_of_the_writers():
    # a ticket system puts its notice under the customer's message, with no sign-off above it
    draft = load_text("Hi Paula,\n\nI've refunded the £96 today.\n\nCheers,\nJonah\n\nOn 10 Aug, Paula wrote:\n"
                      "> I was charged again??\n\nPlease tell us how we did: https://example.com/csat\n\n"
                      "CONFIDENTIALITY NOTICE: This email is intended only for the named addressee. If you are not the "
                      "intended recipient, please delete it. Email cannot be guaranteed to be secure. Any opinions "
                      "expressed do not necessarily represent those of Kestrel Ltd, registered in England, company number 07733190.")
    last = parts(draft)[-1]
    assert last[0] == "signature" and last[1].startswith("CONFIDENTIALITY NOTICE")
    important = load_text(draft.text.replace("CONFIDENTIALITY NOTICE:", "IMPORTANT NOTICE:"))
    assert parts(important)[-1][0] == "signature"
    assert ("body", "Please tell us how we did: https://example.com/csat") in parts(draft)


@pytest.mark.parametrize("answer", [
    "We are authorised and regulated by the Financial Conduct Authority (number 612345). I will send you our full answer by Friday.",
    "You can unsubscribe at any time from the link in our emails, and I've taken you off the list myself today.",
    # the writer's own answer opening like a notice
    "This email is to confirm we have looked into the charge and it is correct, so no refund is due. Brightline Ltd, "
    "registered in England and Wales, company no 0945512.",
    "Important notice: we cannot complete on Friday. Hale & Moss LLP is authorised and regulated by the SRA.",
    "IMPORTANT NOTICE: Customers must collect parcels in person, as we can only release them to the intended recipient.",
])
def test_an_answer_below_the_quoted_question_stays_the_writers_whatever_it_names(answer):
    # small print is cut below a quote only where it opens as a notice and says nothing in the writer's voice
    draft = load_text(f"Hi Mr Ellis,\n\nThanks for your questions.\n\n> Who regulates you, and can I stop your emails?\n\n{answer}")
    assert parts(draft)[-1] == ("body", answer)


def test_an_en_dash_list_above_a_sign_off_stays_body():
    draft = load_text("Hi Sam,\n\nYou can pick from:\n\n– Oak Finish\n– Walnut Finish\n\nThanks,\nJo")
    assert parts(draft)[-1] == ("signoff", "Thanks,\nJo")


@pytest.mark.parametrize("name", ["Tom\nReturns Team", "Dr Ana Silva\nRiverside Vets", "Sam, Front Desk"])
def test_a_name_with_its_team_under_the_last_sentence_signs(name):
    assert parts(load_text(f"Hi Sam,\nYour parcel lands on Friday.\n{name}"))[-1] == ("signoff", name)


def test_a_dash_at_the_end_of_a_sentence_is_no_signature_when_it_goes_on():
    assert kinds("We are open every day. – Except Christmas Day") == ["body"]


def test_a_time_of_day_greets_a_name_on_the_reply_s_first_line():
    assert parts(load_text("Morning Pieter, your bakkie's ready. Johan"))[0] == ("greeting", "Morning Pieter,")


def test_a_name_alone_under_a_subject_line_greets():
    draft = load_text("Subject: Re: Mezzanine\n\nJordan,\n\nWe can look at the mezzanine in June.\n\nBest,\nAl")
    assert parts(draft)[:2] == [("heading", "Subject: Re: Mezzanine"), ("greeting", "Jordan,")]


def test_a_bilingual_name_line_signs():
    signoff = "Yours sincerely,\n\nGwenllian Hughes\nAmgueddfa Porth Tywyn / Porth Tywyn Maritime Museum"
    assert parts(load_text(f"Dear Mr Jones,\n\nThe lift is fixed.\n\n{signoff}\n"))[-1] == ("signoff", signoff)


def test_a_name_the_quoted_thread_mentions_still_signs():
    # only the greeting's own name is the customer's, not a name in the quoted message
    draft = load_text("Jo Bloggs wrote:\n> Hi Dev, is my bike ready yet?\n\nYes, it's ready and the new chain is on. "
                      "Collect it any time before 6pm. Dev")
    assert parts(draft)[-1] == ("signoff", "Dev")


def test_a_long_line_ending_in_a_comma_over_a_name_is_no_closing_unless_it_sounds_like_one():
    draft = load_text("Hi Jo,\nThanks for your patience.\nUnfortunately we can't refund the deposit on this booking,\nDev")
    assert "Unfortunately we can't refund the deposit on this booking," in [t for k, t in parts(draft) if k == "body"][0]


@pytest.mark.parametrize("greeting", ["G'day mate,", "Kia ora e hoa,", "Namaste ji,", "Namaste Mrs. Sharma,",
                                      "Kia ora Dave and Sue,", "Howzit bru,"])
def test_greetings_to_a_mate_a_couple_or_a_title(greeting):
    assert parts(load_text(f"{greeting}\n\nYour order went out today and should be with you tomorrow.\n\nAl"))[0] == ("greeting", greeting)


def test_a_contact_sentence_with_a_verb_is_the_writer_s():
    draft = load_text("Hi Jo,\nThanks for your email.\nYour refund will be processed in due course. Any questions, email refunds@acme.co.uk.\nAl")
    assert "Your refund will be processed in due course." in " ".join(t for k, t in parts(draft) if k == "body")


@pytest.mark.parametrize("signature", ["Emily", "Love, Emily x", "Ciara.", "Johan Berg."])
def test_names_that_end_a_one_paragraph_reply_sign(signature):
    assert parts(load_text(f"Hi Sam, the tart is ready and we'll bring it out after mains. {signature}"))[-1] == ("signoff", signature)


@pytest.mark.parametrize("line", ["Lines are open 8am to 6pm on 0113 496 0000.",
                                  "Out-of-hours emergencies can be reported on 0800 123 4567."])
def test_a_contact_line_with_a_verb_but_no_one_in_it_stays_in_the_signature(line):
    draft = load_text(f"Hi Sam,\n\nYour boiler is booked.\n\nKind regards,\nTom Baker\nBaker Heating Ltd\n{line}\n")
    assert "signoff" in kinds(draft.text) and parts(draft)[-1][1].endswith(line)


@pytest.mark.parametrize("closing", ["Let me know if you need anything else,", "Many thanks for your patience with all of this,"])
def test_a_long_closing_that_sounds_like_one_signs(closing):
    assert parts(load_text(f"Hi Sam,\n\nYour sofa arrives Friday.\n\n{closing}\nTom"))[-1] == ("signoff", f"{closing}\nTom")


@pytest.mark.parametrize("first", ["Afternoon Tea, the menu is attached and the price is £25 per person.",
                                   "Namaste Yoga and Pilates, our studio on Mill Road, has moved your class."])
def test_a_brand_that_starts_like_a_greeting_greets_no_one(first):
    assert kinds(first + "\n\nThanks,\nAl")[0] == "body"
