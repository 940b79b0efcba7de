"""The Learned pack: signals for what lexicons miss, from the trained model.

Company-first reasons, excuses and cold refusals are said in endlessly varied words.
Each rule here asks the model (tonecheck/model, made by training/train.py from the
labelled corpora) two things: does the draft, read whole, have this category's
problem (above a threshold chosen so that real good mail stays quiet), and which
sentence reads most like the labelled problem sentences. It flags that sentence. They
defer: where a lexicon rule already flags the same words for the same reason, they say
nothing. A rule whose category the shipped model has no signal for says nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import fixes, hookimpl, re_cached
from ..ruledef import rule

# A sentence that opens by agreeing, or says nothing changes for them: no refusal, whatever words follow.
_AGREES = re_cached.compile(r"(?:yes|yeah|yep|sure|of course|no problem|no worries|absolutely|happy to|that['’]s (?:fine|great|no problem))\b", re.I)
_REASSURES = re_cached.compile(r"\b(?:doesn['’]t|does not|won['’]t|will not) (?:change|affect|increase|raise) your\b|"
                               r"\bnot (?:be )?added to your (?:loan|bill|balance|account|mortgage|invoice)\b", re.I)


@lru_cache(maxsize=1)
def _warm():
    """A sentence that already says the word of sympathy: "please accept my condolences"."""
    from .. import lexicon, regex

    return regex.compile(rf"\b(?:{lexicon.pattern('acknowledgement')}|{lexicon.pattern('condolence')})\b", ignore_case=True)


def _signal(category: str):
    def check(analysis, rule):
        """Where the model rates the draft likely to have this category's problem (above
        a threshold chosen on real-derived mail), flags the sentence most like the
        labelled problem sentences (for missing empathy, not one that already offers it)."""
        for i, cat, p in analysis.learned_signals:
            if cat == category:
                s = analysis.sentences[i]
                if category == "missing_empathy" and _warm().search(s.text):
                    continue
                if category == "negative_framing" and (_AGREES.match(s.text) or _REASSURES.search(s.text)):
                    continue  # "No problem, Saturday 9am it is", "it does not change your interest rate": no refusal
                fixed = _fix(category, s, analysis)
                yield rule.finding(s.start, s.end, rule.message.format(p=round(100 * p)),
                                   suggestions=[fixed] if fixed else [])

    return check


# What each category's fix adds: the sentence the model found missing, with a
# placeholder where only the writer knows the fact.
_ADD = {
    "company_centric": ("after", "For you, this means [[what happens next, and when]]."),
    "excuse_blame": ("after", "Here is what I'm doing about it: [[what you are doing, and by when]]."),
    "negative_framing": ("after", "What I can do is [[what you can offer]]."),
    "missing_empathy": ("before", "I'm sorry for what you've been through with this."),
    "vague_commitment": ("after", "I'll update you by [[date of the update]]."),
    # (no admission: the draft may rightly deny the fault; what it lacks is what happens now)
    "non_apology": ("after", "Here is what I'm doing to put it right: [[what you are doing]]."),
}


def _fix(category: str, sentence, analysis):
    if category == "hard_to_read":
        edit = fixes.split_sentence(sentence)
        return fixes.suggestion("Split the sentence where it turns", edit) if edit else None
    where, text = _ADD[category]
    if category == "missing_empathy":
        from ..packs.rewrite import HARD_TIMES

        if not analysis.contexts & HARD_TIMES:
            return None
        sentence = fixes.opening_sentence(analysis)  # the letter's first real sentence, not a heading or list
        if sentence is None or fixes.sorry_before_good_news(sentence, text):
            return None
    if where == "after":  # after the paragraph, not between two sentences of one argument
        edit = fixes.add_to_paragraph(analysis, sentence, text)
        if edit is None:
            return None
        return fixes.suggestion(f"Add {text!r}", edit)
    if not fixes.takes_a_sentence(sentence, analysis.text):
        return None
    edit = fixes.add_before(sentence, text)
    return fixes.suggestion(f"Add {text!r}", edit)


_FIX_SAFETY = "Unsafe: it adds the sentence the model found missing, with a placeholder to fill in."
_WHY = (
    " The model behind it was trained on labelled real-derived and synthetic mail; it "
    "judges the whole draft and then the sentence, so it also catches wordings no lexicon lists. Silence "
    "it per rule like any other (ignore = [\"Learned.Excuse\"]) or the whole pack."
)

RULES = {
    "company_centric": rule(
        "Learned.CompanyFirst", category="company_centric", defers=True,
        message="This draft reads as written for the company, not the customer (the model is {p}% sure), and this sentence most of all. Say what it means for them.",
        why="Customers read for what affects them; a sentence about your process, schedule or rules makes them do the work of finding themselves in it." + _WHY,
        instead="'Your new card arrives by Friday, and you can use Apple Pay from today.' rather than 'Our card team processes requests in batches.'",
        bad=["Hi Lena,\nReturns are processed by our warehouse team in monthly batches, as our internal procedures require, so yours will be handled then.\nTom"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hi Lena,\nYour refund is on its way: you'll see it in your account by Friday.\nTom"],
    )(_signal("company_centric")),
    "excuse_blame": rule(
        "Learned.Excuse", category="excuse_blame", defers=True,
        message="This draft reads as making excuses or passing blame (the model is {p}% sure), and this sentence most of all. Own the problem and say what happens next.",
        why="A cause passed on to someone else, however true, reads as 'not our problem'; customers forgive a cause you own." + _WHY,
        instead="'The part we ordered arrived damaged, which is on us: the new one is fitted by Thursday at 3pm.'",
        bad=["Hi Sam,\nThis was due to a fault with our supplier's system, which is outside our control.\nMia"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hi Sam,\nI'm sorry your sofa is late. I've booked the delivery for Thursday at 10am.\nMia"],
    )(_signal("excuse_blame")),
    "negative_framing": rule(
        "Learned.Refusal", category="negative_framing", defers=True,
        message="This draft reads as refusing or reproaching with nothing offered (the model is {p}% sure), and this sentence most of all. Lead with what you can do.",
        why="A 'no' or a telling-off with nothing after it ends the conversation." + _WHY,
        instead="'I can't refund the ticket, but I can move it to any date this year at no cost.'",
        bad=["Hi Ana,\nPlease note that we will not accept any further correspondence on this matter.\nBilling"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hi Ana,\nI can move your booking to any date this year at no cost. Which would suit you?\nBen"],
    )(_signal("negative_framing")),
    "missing_empathy": rule(
        "Learned.Cold", category="missing_empathy", defers=True,
        message="This draft reads as skipping what the customer went through (the model is {p}% sure); this is where a word of it belongs. Acknowledge it first.",
        why="Facts and fixes land better after one honest sentence about what it cost the customer." + _WHY,
        instead="'I'm so sorry to hear of your husband's death. There's no rush with his account.'",
        bad=["Hello,\nWe have received your email about your late husband's account. Please send a certified copy of the death certificate and the executor's ID to the address below.\nAccounts Team"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hello Mrs Adeyemi,\nI'm so sorry to hear of your husband's death. There's no rush with his account: when you're ready, a copy of the death certificate is all I need, and I can take it by email.\nRuth"],
    )(_signal("missing_empathy")),
    "vague_commitment": rule(
        "Learned.Vague", category="vague_commitment", defers=True,
        message="This draft reads as promising with no date or owner (the model is {p}% sure), and this sentence most of all. Say who will do what, and by when.",
        why="A promise the customer cannot plan around leaves them to chase you." + _WHY,
        instead="'I'll call you on Friday at 2pm with the new date.'",
        bad=["Hi Raj,\nThe matter is being looked into and an update will follow in due course once more is known.\nSupport"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hi Raj,\nI'll call you on Friday at 2pm with the new date.\nAnna"],
    )(_signal("vague_commitment")),
    "non_apology": rule(
        "Learned.StockApology", category="non_apology", defers=True,
        message="This draft reads as apologising by rote (the model is {p}% sure), and this sentence most of all. Say sorry for what went wrong, in your own words.",
        why="An apology for 'any inconvenience' apologises for nothing in particular." + _WHY,
        instead="'I'm sorry we sent the wrong size; the right one arrives tomorrow.'",
        bad=["Hello,\nWe regret any inconvenience this may have caused and apologise for any disappointment experienced.\nThe Team"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hi Kim,\nI'm sorry we sent the wrong size; the right one arrives tomorrow.\nLee"],
    )(_signal("non_apology")),
    "hard_to_read": rule(
        "Learned.HardGoing", category="hard_to_read", defers=True,
        message="This draft reads as hard going (the model is {p}% sure), and this sentence most of all. Say it the way you would out loud.",
        why="Formal, dense wording makes the customer work to understand you." + _WHY,
        instead="'Your claim is approved and we'll pay £240 into your account by Friday.'",
        bad=["Dear Sir,\nPursuant to the aforementioned correspondence, it has been determined that the remittance is hereby deemed payable notwithstanding the foregoing.\nAccounts"],
        fixable=True, fix_safety=_FIX_SAFETY,
        good=["Hi Max,\nYour claim is approved, and we'll pay £240 into your account by Friday.\nZoe"],
    )(_signal("hard_to_read")),
}


@hookimpl
def tonecheck_rules():
    # all seven, always: a rule whose signal the model lacks (or a model that cannot be
    # read) says nothing, and config that names it still works
    return list(RULES.values())
