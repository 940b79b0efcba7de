"""The context detector, on which every require-when rule depends: the situation read
from the customer's quoted message and the draft, and what must not count."""
import pytest

from tonecheck.builtin.context import detect
from tonecheck.vocabulary import DETECTED


@pytest.mark.parametrize("quoted, draft, tag", [
    ("The mug arrived broken and I'm really upset. This is the second time.", "Thanks for your email.", "complaint"),
    ("", "We double-charged you for the May invoice.", "complaint"),
    ("I am still waiting for my order; it was due last week.", "Thanks for getting in touch.", "delay"),
    # a wait still counted from the customer's side: their car with us, their order
    ("It has been nearly four weeks since my car went in and nobody has called.", "Thanks for your email.", "delay"),
    ("It's been three weeks since I ordered and nothing has come.", "Thanks for your email.", "delay"),
    # ... but ours, or a wait named beside theirs, is
    ("I was late with the rent once, but my deposit refund is late.", "Thanks for your email.", "delay"),
    # time since our work, with the work still not done, is a wait
    ("", "It's been two months since we fitted your kitchen, and we haven't been able to finish the worktops.", "delay"),
    # the customer asked for another day, but the reply moves them for its own reasons
    ("Any chance of a Saturday delivery instead?", "Our Saturday driver is off sick, so I've rebooked your delivery for Thursday.",
     "delay"),
    # time since our work, with the work still not done, said before a question
    ("", "It's been four weeks since our fitter installed the sink, and the tap still hasn't arrived. Is the 4th OK?", "delay"),
    # a move granted, then one of ours, with its cause
    ("Could you move my visit to Friday instead?", "Of course.\nFriday's visit has been cancelled as the van is off the road.",
     "delay"),
    # the writer's own accident is the customer's hard moment
    ("", "I'm so sorry: our groomer let Bramble out by accident and he was hit by a car.", "distress"),
    # a real big day after a phrase that only borrows its word
    ("The line was engaged all morning! The engagement party is on Saturday and we need the cake.", "It's ready.",
     "celebration"),
    ("I'm a wedding photographer, but this time the wedding is mine!", "Here is your order.", "celebration"),
    ("We got married last weekend and we're moving into our first house!", "Thanks for your email.", "celebration"),
    ("", "Your sofa is delayed and will not arrive on Friday.", "delay"),
    ("Can't wait to pick up the new car!", "Your car is ready.", "celebration"),
    ("My father passed away last month and I need to close his account.", "Please send the certificate.", "bereavement"),
    ("Our old dog died at the weekend, so please cancel his grooming.", "I've cancelled it.", "bereavement"),
    ("", "Thank you for your gift of £40 in memory of Bramble.", "bereavement"),
    ("We'd like to give a bench in memory of our friend Sarah.", "Thank you for thinking of the park.", "bereavement"),
    ("", "I'm afraid your claim has been declined.", "bad_news"),
    ("When can you come round to fit it?", "Would Tuesday at 9am suit you?", "scheduling"),
    ("Why was I charged twice for my subscription?", "I've looked at your account.", "billing"),
    # hard moments only the customer tells: an old relative in a cold house, work lost for good
    ("Four days now without heating, and my dad, who is 88, lives with us.", "An engineer is booked.", "distress"),
    ("All my recipe photos are gone since the update.", "Here is our export guide.", "distress"),
    ("", "You told us your wife's cancer treatment has cut your hours.", "distress"),
    ("My son had an allergic reaction to the dessert and we ended up in A&E.", "Thank you for your email.", "distress"),
    ("My wife's stroke means we can't travel on Friday.", "Your booking is still open.", "distress"),
    ("My mother is 91 and frail, and the lift is broken.", "Thanks for your email.", "distress"),
    ("My dad, who is 91 and frail, lives with us.", "Thanks for your email.", "distress"),
    ("We have been without any hot water for five days now.", "Thanks for your email.", "distress"),
    ("We had a small fire in the kitchen last night and the oven is ruined.", "Please fill in the claim form.", "distress"),
    ("We still have no hot water.", "Thanks for your email.", "distress"),
    ("Since your update I've lost my wedding photos.", "Thanks for your email.", "distress"),
    ("I've been in so much pain since the filling on Monday.", "The next appointment is in May.", "distress"),
    ("Any chance of an earlier appointment? My tooth is killing me", "There's nothing this week.", "complaint"),
    ("My new glasses are making me dizzy and I've had a headache every day.", "Wear them for two more weeks.", "distress"),
    ("My father is 87 and has early dementia. He had three calls from you in a week. I'm disgusted.", "Thank you for your email.",
     "complaint"),
    ("Tonight's box arrived without the salmon. Pretty frustrating.", "Please see our FAQs.", "complaint"),
    # the customer's loss, told in a pension's words, is a loss
    ("How do I claim the death grant from my mother's pension?", "Here is the form.", "bereavement"),
    ("I need the death-in-service payment after Mark's passing.", "Here is the form.", "bereavement"),
    ("", "Your surfing lesson on Saturday has been cancelled due to the storm warning.", "delay"),
    ("", "Tomorrow's training is cancelled because of the waterlogged pitch.", "delay"),
    ("", "The sofa was delayed at the port, so it won't be with you sooner than the end of May.", "delay"),
    ("", "Following your wife's passing, the pension is now paid to you.", "bereavement"),
    ("", "Your late husband's funeral plan covers the crematorium fee.", "bereavement"),
    ("Since Dad's passing I've been sorting out his accounts.", "Here is the form.", "bereavement"),
    ("I've been struggling since losing Mum. Do you run a bereavement support group?", "Yes, on Tuesdays.", "bereavement"),
    ("Dad passed in March and I need to claim the death benefit from my dad's pension.", "Here is the claim form.", "bereavement"),
    ("This new filling is killing me.", "Come in at 9am.", "complaint"),
    ("Disgusted with the service today.", "Thank you for your email.", "complaint"),
    ("", "I'm afraid the handover date has slipped to next Friday.", "delay"),
    # our own delay, told as what we wait for
    ("", "We're still waiting for your sofa from the factory, so it won't come this week.", "delay"),
    # ... or as a wait we ask of the customer
    ("", "I'm afraid we need to ask you to postpone your appointment, as our engineer is ill.", "delay"),
    ("", "Could you postpone your appointment to next week? Our engineer is off.", "delay"),
    ("", "Is there any chance you could postpone the handover until the 14th? Our builder is off sick.", "delay"),
    # ... or as a hold of ours
    ("", "Your account is on hold while our system upgrade finishes, so online payments won't go through.", "delay"),
    # a no-show is a complaint; a flight cancelled, however it is named, is bad news
    ("The engineer was meant to come on Friday and never turned up.", "I've rebooked him.", "complaint"),
    ("", "Flight TP 1024 Lisbon - Sao Paulo on 18 July has been cancelled by the airline.", "bad_news"),
    ("", "The 9:40 train to York on Friday, which you booked through us, has been cancelled.", "bad_news"),
    ("I'm getting married on 14 June; my sister's birthday is the day before.", "The dress will be ready for the wedding.",
     "celebration"),
    # a proposal planned, in a quoted message wrapped mid-phrase
    ("Will the ring be ready? I'm flying to Paris on Saturday to\npropose and I'm a bag of nerves!", "It's ready.", "celebration"),
    ("I'm going to propose to Sarah on Saturday, so I need the ring by Friday.", "It's ready.", "celebration"),
    ("I'm going to propose at dinner on the 14th, so I really need the ring.", "It's ready.", "celebration"),
    ("I'm hoping to propose in the spring, so could you resize the ring?", "Of course.", "celebration"),
    ("We're buying our first\nhome next month.", "Your mortgage offer is attached.", "celebration"),
    ("Just bought my first ever car from you today!", "Attached are the documents.", "celebration"),
    ("We've just got the keys to our first flat!", "Your broadband goes live on Monday.", "celebration"),
    ("", "I'll arrive at 11am for bridal prep, then go on to the church for the ceremony.", "celebration"),
    # the first of a family to go to university
    ("It's for my son, who's off to university next week. First one in our family to\ngo!", "Here's how to set it up.",
     "celebration"),
    ("", "Congratulations on being the first in your family to go to university!", "celebration"),
    # a trip called off for a cause, or by whoever runs it, and a date moved later
    ("", "Please be informed that due to high winds the bay cruise on 15 October is cancelled by the port authority.", "delay"),
    ("", "Your pottery workshop on Saturday has had to be cancelled because of a burst pipe in the studio.", "delay"),
    ("", "The baskets will now be ready on Wednesday 6th instead of Monday 4th.", "delay"),
    # an incident named twice is still one; with something of ours gone wrong beside it, a complaint
    ("", "The incident was our mistake: the incident report is attached.", "complaint"),
    # our own missed appointment, and a duplicate named twice, still are
    ("", "Our engineer did not attend your appointment on Monday.", "complaint"),
    ("", "The duplicate payment has been found. We'll refund the duplicate today.", "complaint"),
    # a disabled customer, a customer's own payment waited for by us is no delay of theirs, a sister's birthday is hers
    ("My husband is disabled and can't manage the stairs.", "Thanks for letting me know.", "distress"),
    ("", "I'm sorry your refund payment is late.", "delay"),
    ("It's my 40th birthday on Saturday!", "Your table is booked.", "celebration"),
    # at a loss, cut off from their work, or out of pocket
    ("I've now been trying for a month. What am I supposed to do?", "Thank you for your email.", "complaint"),
    ("The system has been down since 7am and my team can't access any client files.", "Thanks for reaching out.", "complaint"),
    ("I've been charged £180 twice and it's put me into my overdraft.", "I've passed this on.", "complaint"),
    ("I've been charged £180 twice and it's put me into my overdraft.", "I've passed this on.", "distress"),
    ("My salary went in and I can't get to any of it. I have rent and childcare to pay this week.", "Thanks.", "distress"),
    # an outage told by the writer is a failure of ours; a journey disrupted is a delay
    ("", "Some customers experienced disruption to mobile data and calls on Monday.", "complaint"),
    ("", "Your journey on Friday was disrupted by the signal failure at Didcot.", "delay"),
    ("", "I'm sorry for the disruption to your journey.", "delay"),
    # what our disclaimer does not cover, a backlog still ahead of us, a hold of ours, another missed visit of ours
    ("", "Although we're not responsible for delays caused by Royal Mail, I'm sorry your parcel is now two weeks late.", "delay"),
    ("", "Once we've cleared the backlog your order will ship.", "delay"),
    ("", "We've placed your account on hold while we move to our new billing system.", "delay"),
    ("", "I'm so sorry for another missed visit yesterday.", "complaint"),
    ("My wife, who is disabled, can't manage the stairs.", "Noted.", "distress"),
    ("Our wedding flowers still haven't arrived!", "I'm sorry.", "celebration"),
    ("We're live! All 14 plants are on the new system as of this morning.", "Thanks for the update.", "celebration"),
    # a child born, a bone broken, a fall nearly had, water coming into the home
    ("Hi, our daughter was born on Tuesday! Can I freeze my membership?", "Parental freezes last three months.", "celebration"),
    ("I've broken my wrist and can't train for six weeks.", "Freezes need seven days' notice.", "distress"),
    ("I am 81 and I nearly slipped on it.", "The stairs are cleaned fortnightly.", "distress"),
    ("", "The water ingress you reported has been logged, and the escape of water passed to the insurers.", "complaint"),
    ("", "The total budget has increased by 31% on the previous year.", "bad_news"),
    # a later hour than the one booked, pay that did not come, medicine in a lost bag, an illness, a cost too hard to bear
    ("", "Your crew will now arrive at 11.30am instead of 8am.", "delay"),
    ("", "Please note that March salaries have not been released today.", "delay"),
    ("My bag didn't arrive. It has my daughter's medication in it.", "Your report is logged.", "distress"),
    ("It feels like I'm being punished for being ill.", "The payment you received is correct.", "distress"),
    ("I'm a one-man business and honestly that would be hard for me.", "Pricing isn't final yet.", "distress"),
    ("I have a broken wrist, so I can't train.", "Freezes need notice.", "distress"),
    ("Mum had a fall last week.", "Your order is on its way.", "distress"),
    ("", "Your engineer will now arrive at 2pm rather than 9am.", "delay"),
    # a shop of their own opened, a purchase lost, an order short, a customer not happy or mortified
    ("We are opening our first bakery in May!", "Here is the form.", "celebration"),
    ("", "Just to let you know the chain on Mill Cottage has collapsed.", "bad_news"),
    ("We ordered 80 bags and only 50 came. We will run out by the weekend.", "Thanks.", "complaint"),
    ("The mozzarella was sour. Really not happy.", "A credit is raised.", "complaint"),
    ("My card was declined at the till and I was mortified.", "Thanks.", "distress"),
    # hours counted late, a child in hospital told back by the writer, a refusal in formal words
    ("Order came 2 hours late and stone cold.", "Thanks for letting us know.", "delay"),
    ("", "Got your message about your daughter being in hospital.", "distress"),
    ("", "We are therefore not in a position to take this any further.", "bad_news"),
    ("", "Our Kelby branch will close permanently on Friday 28 June.", "bad_news"),
    ("", "We've made the decision to close our Northgate store. It trades as normal until 22 March.", "bad_news"),
    ("> I got my order 2 hours late.", "Thanks.", "delay"),
    ("", "Your sofa has not been delayed by the strike but by our supplier, who is short of fabric.", "delay"),
    ("", "I'm writing to tell you the sofa will be three weeks late.", "delay"),
    ("A provider has had a breach and client files were exposed. Are our files safe?", "Thanks.", "distress"),
    ("", "The Luton van was recovered to our Coventry depot and booked in for inspection.", "complaint"),
    ("", "I'm sorry the campervan broke down on your second day.", "complaint"),
    ("PASSED!!! First time, zero minors!!", "Thanks for your message.", "celebration"),
    # the stakes told only in their message: a place they will lose, a day off booked for it
    ("Without an A I'll lose my place at Edinburgh. Can the re-mark be sped up?", "Your request has been received.", "distress"),
    ("This is the second time you've moved it, and I booked a day off work for it.", "Thanks for your email.", "complaint"),
    ("Ticket closed again with no fix. Really frustrating.", "Tickets close after five days.", "complaint"),
    ("We've been five weeks without a kitchen now, with three children.", "Thanks for your email.", "complaint"),
    ("Mum has been sleeping in a chair downstairs since the lift broke.", "Thank you for your email.", "distress"),
    ("Our first shop opening is on Saturday!", "Your pallets arrive on Thursday.", "celebration"),
    ("Thank you for getting us through our first year of trading!", "Thanks for the feedback.", "celebration"),
    ("I got to the seafront for the first time in four years.", "Glad the chair is working well.", "celebration"),
    ("We got engaged last weekend!", "Thanks for your booking.", "celebration"),
    ("My son has epilepsy and I'm frantic.", "It is out of stock.", "distress"),
    ("I went two days without my tablets.", "Thanks for your email.", "distress"),
    ("Honestly we're starting to regret buying from you.", "Re your email below.", "complaint"),
    ("", "Tomorrow's trial can't go ahead. I'm not free next week.", "delay"),
    ("", "Won't be starting Monday now, we're still finishing a job that's run over.", "delay"),
    ("There's a scuff on the bumper since the valet. I'm upset about this.", "Thanks for your email.", "complaint"),
    ("The floor was covered in dust. We paid for a professional job.", "I've spoken to Liam.", "complaint"),
    # a child's first 100 metres, told with pride: a moment the reply should mark
    ("Evie swam 100 metres tonight for the first time! We're so proud. Can we get a certificate?", "Certificates are £3.50.",
     "celebration"),
    ("Toby did his first proper dive today. He was so proud of himself.", "Badges are given out at the end of term.", "celebration"),
    ("Mochi has come home thin and hasn't stopped crying.", "He ate well here.", "distress"),
    # shaken, or tricked out of their details
    ("I clicked the link and typed my card number before I realised. I'm shaking.", "Your card is cancelled.", "distress"),
    ("I think my account has been hacked.", "Please call us.", "distress"),
    ("I've just collected my first ever electric car and I'm a bit nervous about charging it.", "Your card is active.",
     "celebration"),
    ("I passed my driving test this morning! Is the blue Fiesta still there?", "Yes, it is.", "celebration"),
    ("We were burgled last night and they took my laptop.", "Licences move in Settings.", "distress"),
    ("They took the laptop. My wife is terrified.", "Licences move in Settings.", "distress"),
    # left unsafe
    ("It died on a dark road and I had to walk home on my own. This is not safe.", "We've credited £2.", "distress"),
    ("The driver left me at the wrong stop at midnight and I didn't feel safe at all.", "Your fare is refunded.", "distress"),
    # the same failure again, said without a word of feeling
    ("No milk on the step again today. That's four times this month.", "Thanks for letting us know.", "complaint"),
    ("I've asked twice already for this to be cancelled.", "Your account is open.", "complaint"),
    ("The lift is broken again.", "An engineer is booked.", "complaint"),
    ("My car was handed back from your garage three days late.", "Thanks for your email.", "delay"),
    ("The refund of my deposit arrived 10 days late.", "Thanks for your email.", "delay"),
    ("", "You arrived on time but the class began 2 hours late.", "delay"),
    ("", "You were promised a callback two days ago, and nobody rang.", "delay"),
    ("", "Your mum was kept waiting for two hours at the clinic.", "delay"),
    ("", "Please be advised that Dr Elaine Fraser will be leaving the practice on 31 May.", "bad_news"),
    # the customer's own retirement, in their message, and a wedding to come
    ("I'm retiring next month and want a new suit for the party.", "Thanks for the order.", "celebration"),
    ("", "Your wedding in 2027 is booked in our diary.", "celebration"),
])
def test_each_situation_is_read(quoted, draft, tag):
    assert tag in detect(quoted, [draft])


@pytest.mark.parametrize("quoted, draft, tag", [
    # a report that says "incident" throughout: one incident, no failure of ours named
    ("", "This email is to notify you of an incident on Saturday. The incident has been assessed and "
         "an incident report completed.", "complaint"),
    # the customer's own absence, and missed appointments as a policy speaks of them
    ("", "You did not attend your appointment on 9 December. No-shows are charged in full.", "complaint"),
    ("", "Missed appointments cost the practice time. A further missed appointment will result in a charge.", "complaint"),
    ("", "As per our Missed Appointment Policy, a fee of £40 has been applied.", "complaint"),
    # a feature switched off, a disabled bay: no disabled person
    ("", "A second missed appointment will result in online booking being disabled.", "distress"),
    # the customer's rent late, in either's words; a delay disclaimed, or the customer's bank's
    ("Sorry the rent is late, I've been unwell.", "The rent for September is now 12 days late.", "delay"),
    ("", "Refunds can take some time. We are not responsible for delays caused by your card provider.", "delay"),
    # the words of those moments used of something else
    ("Is the site down for maintenance tonight?", "Yes, from 10pm to midnight.", "complaint"),
    ("What am I supposed to bring to the first class?", "Just trainers and water.", "complaint"),
    # an outage's disruption, over, is no wait for a new date; nor is our chase for payment since we finished
    ("", "Service was restored at 15:10 after Thursday's disruption.", "delay"),
    ("", "It's now three weeks since we finished the bathroom and I still haven't been paid.", "delay"),
    # trying for months to find a venue, a site down for maintenance, a shop not opened: no complaint
    ("We have been trying for months to find a venue for our wedding and yours looks perfect!", "Thanks!", "complaint"),
    ("The site is down for maintenance tonight, right?", "Yes, from 10pm.", "complaint"),
    ("I can't open the shop on Saturday, so could you deliver on Monday?", "Of course.", "complaint"),
    ("", "Let us know whether you experienced any issues with the new app.", "complaint"),
    # a password the customer cannot reach is no money trouble; a backlog we will clear is still a wait
    ("I still can't access it after the reset.", "Try the link again.", "distress"),
    # the customer asked to be on time, and our chase for payment for work long finished: no wait of theirs
    ("", "Bring a bank cheque. Don't be late as I've got another three handovers after you.", "delay"),
    ("", "I'd rather not keep writing about money I'm owed. The job was finished three weeks ago.", "delay"),
    # the writer's own launch is their news, not the customer's
    ("", "We're live with the new customer portal from today.", "celebration"),
    # an account on hold is a breathing space, not a wait for something of ours
    ("I was made redundant and can't pay the card.", "I've put your card account on hold for 60 days, until 28 July.", "delay"),
    # a date not set yet is no delay ("timescales TBC")
    ("", "Timescales TBC depending on the valuation.", "delay"),
    # a gift for someone's birthday, a sister's 60th, an accountant's engagement
    ("I'd like to book something special for my sister's 60th birthday.", "Your booking is confirmed.", "celebration"),
    ("", "Thanks for your message about the birthday flower subscription you bought.", "celebration"),
    ("", "An additional fee will be raised for work on the above engagement.", "celebration"),
    # a conditional is not the situation
    ("", "If your parcel is late, reply and I'll chase it.", "delay"),
    # a planned outage announced ahead is not a failure
    ("", "We are carrying out planned maintenance on Sunday from 2am to 4am, so the app will be unavailable.", "complaint"),
    # a polite question is not a complaint
    ("Could you tell me when the store opens on Sunday?", "We open at 10am on Sundays.", "complaint"),
    # a new card is not a new car, and a proposal of terms is no marriage proposal
    ("", "I'm writing to propose a change to your payment plan.", "celebration"),
    ("", "St Bride's Academy is closed on Friday for staff training.", "celebration"),
    ("", "We're planning to propose to the council that the bus stop is moved back.", "celebration"),
    ("", "Your first flat-rate invoice is attached.", "celebration"),
    ("", "I'll be back in touch on Friday to propose next steps for the extension.", "celebration"),
    ("", "Our architect is keen to propose at our meeting on Monday a lower roofline.", "celebration"),
    ("", "Not sure which size to order? Just pop the question in our live chat.", "celebration"),
    ("I need a new card please.", "Your new card is on its way.", "celebration"),
    # someone else's big day, or the trade's, is not the customer's
    ("", "Your trousers will be ready well before your brother's wedding on the 15th.", "celebration"),
    ("", "We've had a huge rush of wedding orders this month.", "celebration"),
    ("", "Aarav's cousin is getting married, so his lesson moves to Friday at 5pm.", "celebration"),
    # a letter about a death is no celebration, though it names the retirement before it
    ("", "I was so sorry to hear that your wife has died. When she retired in 2019, she chose a pension for you.",
     "celebration"),
    # a machine that died is no bereavement
    ("My laptop died on Monday and I lost my dissertation draft.", "I'm sorry to hear that.", "bereavement"),
    ("The battery has completely died after two weeks.", "Thanks for the photos.", "bereavement"),
    ("Scooter died halfway up the hill. Want my money back.", "I've refunded the ride.", "bereavement"),
    # a thing's own safety, asked about or warned of, is no fright
    ("Is it safe to charge it overnight? It's not safe to leave it in the hall, I read.", "Yes, overnight is fine.", "distress"),
    ("We felt safe the whole time, thanks to your driver.", "Thank you, I'll tell him.", "distress"),
    ("My daughter is terrified of needles. Can she have the numbing cream?", "Yes, we'll put it on at 9.", "distress"),
    ("I don't feel safe leaving parcels on the step. Can you use the locker?", "Yes, from Monday.", "distress"),
    ("My e-bike just died on the way to work.", "A new controller is on its way.", "bereavement"),
    ("", "In memory of our founder, the shop is closed on Monday; your order ships on Tuesday.", "bereavement"),
    # ... nor a pension's or a policy's words for a death that has not happened
    ("", "Please check who you've nominated to receive a death grant; the form is on page 4.", "bereavement"),
    ("", "HMRC cancels the penalty only for a reasonable excuse, such as serious illness or a bereavement.", "bereavement"),
    ("", "The bank's bereavement team has asked us for the grant again; I've sent it today.", "bereavement"),
    ("", "Your cover pays a lump sum in the event of your death before 65.", "bereavement"),
    # what we still wait for from the customer is no delay of theirs
    ("", "We're still waiting on your signed form; once it arrives, your loan is paid the same day.", "delay"),
    # ... nor the customer's own no-show
    ("", "We missed you at dinner on Saturday. Our no-show fee is £10 a head, and I've waived it.", "complaint"),
    ("", "Please call by 9am so that we don't have to record you as a no-show.", "complaint"),
    ("", "Your appointment was recorded as a no-show; as you'd rung us, I've taken it off your record.", "complaint"),
    # nor a thing that slipped off the windscreen (a date that slipped is)
    ("", "The photos show your permit had slipped from the windscreen onto the dashboard.", "delay"),
    # nor what a routine visit looks for
    ("", "I'll look at the alarms, and any signs of damp or leaks, in about 20 minutes.", "complaint"),
    # nor a fee or a fine called off, good news, a cancellation asked for, or a time brought forward
    ("", "Good news: the parking charge has been cancelled by the operator.", "delay"),
    ("", "Your library fine was cancelled because of the evidence you sent.", "delay"),
    ("", "As you asked, your gym membership has been cancelled due to your move.", "delay"),
    ("", "As the party starts earlier, the cake will be with you by 10am instead of 2pm on Saturday.", "delay"),
    ("", "Your sofa is ahead of schedule: it will now arrive on Monday instead of Thursday.", "delay"),
    # nor is someone else's first place at university the customer's moment
    ("", "The prize goes to a student who was the first in their family to go to university.", "celebration"),
    ("", "The grant is for students who are the first in your family to attend college.", "celebration"),
    # nor a cancellation or a move the customer made or asked for
    ("Because of my knee surgery, my driving lessons had to be cancelled.", "Of course; get well soon.", "delay"),
    ("Could you deliver on Saturday instead of next Tuesday?", "Of course: it comes on Saturday instead of next Tuesday.",
     "delay"),
    ("Any chance it could come this Monday instead of next Thursday?", "Great: it will be delivered on Monday instead of "
     "next Thursday.", "delay"),
    ("", "Sure! The party room is available from 2pm instead of this Saturday's usual 3pm slot.", "delay"),
    # nor pain or excitement that is no complaint, nor a relative's illness told to ask for help
    ("I sprained my ankle and I'm absolutely in agony!", "Hope your ankle feels better soon.", "complaint"),
    ("These new shoes are killing me!", "Try the stretching spray.", "complaint"),
    ("My mum has dementia, so could the letters come to me?", "Of course.", "distress"),
    # nor the days since a hard time, uncounted
    ("I was made redundant and I've been low most days since the redundancy.", "Thank you for writing.", "delay"),
    # nor a passing that is no death, a benefit asked after, or a service's name
    ("So proud: after my daughter's passing her test we need a bigger car.", "Congratulations!", "bereavement"),
    ("", "We talked a lot about Leo's passing and his first touch after Saturday's game.", "bereavement"),
    ("", "Since your son's passing at training has come on so well, he moves up a group.", "bereavement"),
    ("", "Congratulations on your granddaughter's passing two of her ballet exams!", "bereavement"),
    ("", "Under your wills, the house goes into a trust on your husband's passing.", "bereavement"),
    ("", "Our bereavement café meets on Tuesdays at 2pm; everyone is welcome.", "bereavement"),
    ("", "Here is the statement for your Standard funeral plan; your chosen funeral director is Greaves & Son.", "bereavement"),
    # nor good news about a date, nor a cancellation that follows the customer's own news
    ("", "Good news: it's ready on Wednesday 5th instead of the 12th, a week earlier than we said.", "delay"),
    ("", "Because of your offer, Monday's trial class has been cancelled; congratulations!", "delay"),
    ("The table arrived without a scratch, thank you!", "Glad to hear it.", "complaint"),
    ("How does the death in service benefit work in the event of my death?", "Here is how.", "bereavement"),
    ("", "Lorraine will phone you to talk about our bereavement counselling group.", "bereavement"),
    # nor is a customer who is not desperate
    ("No huge hurry, we're not desperate. Whenever suits.", "Thursday it is.", "complaint"),
    # nor the customer's own lateness, asked after
    ("", "Reminder of your cleaning tomorrow at 2:30. Running late? Just text us.", "delay"),
    # nor is the writer's own sorrow the customer's hard moment
    ("", "I was heartbroken to hear about Max. His ashes are ready to collect on Friday.", "distress"),
    # ... nor a charge held in the customer's favour
    ("", "Challenge any item by 19 September; the invoice will be on hold while I review it.", "delay"),
    # nor is a wait the customer chose
    ("", "Thanks for letting me know you need to postpone your appointment; Tuesday's slot is cancelled.", "delay"),
    ("", "Of course you can delay the handover until the 14th; I've moved it in the diary.", "delay"),
    ("", "Your request to push the fitting back a week is no trouble: it is now on Friday 21st at 10am.", "delay"),
    ("I'm not ready to collect Mum's ashes yet.", "There's no rush at all: we'll keep them safe until you're ready.", "delay"),
    ("", "Thank you for letting us know you're not ready to collect them yet; we'll keep them safe.", "delay"),
    ("I have to postpone Tuesday's fitting, sorry. Thursday any good?", "Sure, your fitting is now on Thursday at 10am.", "delay"),
    ("", "When you postpone a class, your credit rolls over to the next one.", "delay"),
    ("", "Thanks for letting me know you need to\npostpone: your fitting is now on Friday.", "delay"),
    ("", "I've put your veg box deliveries on hold, as you asked, until 3 June.", "delay"),
    ("", "We've put his account on hold until probate is granted, so no bills will be sent.", "delay"),
    # the writer's own report of the same is logistics, not the customer's hard moment
    ("", "Flats 2 to 6 will be without heating on Tuesday while we replace the boiler.", "distress"),
    ("", "Old versions of the app are deleted; the files are gone from our servers after 30 days.", "distress"),
    # ... and in the customer's words, a plan, a request or an errand is no hard moment
    ("We're away, so the house will be two weeks without heating; should I drain the boiler?", "Yes, please.", "distress"),
    ("Please delete all my data. Once the files are deleted, can you confirm?", "Done today.", "distress"),
    ("I lost my notes from the meeting, can you resend the slides?", "Here they are.", "distress"),
    ("My grandad, who is 90 on Saturday, loves your fudge: can you gift wrap it?", "Of course.", "distress"),
    ("Your emails are gone to spam, by the way.", "Thanks for telling us.", "distress"),
    ("I've had no gas bill since March.", "Here is your statement.", "distress"),
    ("Great news, we've had no power cuts since the upgrade.", "Glad to hear it.", "distress"),
    ("My photos have gone blurry since the update.", "Try the fix below.", "distress"),
    ("We had the heating serviced by your engineer in March and the thermostat clicks.", "We'll reset it.", "distress"),
    ("Thankfully we still have power, but the fridge door hinge is broken.", "A new hinge is on its way.", "distress"),
    ("I lost my data connection for an hour last night.", "It's back now.", "distress"),
    ("The hotel pool is elderly and the tiles are cracked.", "Thanks for telling us.", "distress"),
    # a relative's big day, told in passing, is not the customer's
    ("", "Thank you for letting us know Aarav has his cousin's wedding next week.", "celebration"),
    ("I need these shoes for my sister's wedding on Saturday!", "They will reach you on Thursday, in time for the wedding.",
     "celebration"),
    # a strike called off is good news, not a cancellation of the customer's
    ("", "Good news: the train strike planned for Friday has been cancelled, so your 9:40 will run.", "bad_news"),
    # time since our own fix, or since a course began, is no wait; a move the customer asked for is no delay
    ("", "It's been three weeks since the engineer replaced the line filter, so I'm checking in.", "delay"),
    ("", "It's been a month since we swapped out the rowing machines you flagged. Are they behaving?", "delay"),
    ("", "Because the course started more than 14 days ago, we can't refund it.", "delay"),
    ("I've been called into work on Thursday. Is there any chance of a Saturday instead?",
     "No problem at all. I've cancelled Thursday's collection and rebooked it for Saturday.", "delay"),
    # the customer's own late payment is no wait of theirs
    ("I'm a bit worried because I was late with the rent twice last year.", "Yes, we'll give you a reference.", "delay"),
    ("", "I'll say that two payments last spring were a few days late, and that you told us in advance.", "delay"),
    # "by accident" is no accident of the customer's
    ("", "Will Biscuit be in the garden? We'd rather not let him out through the gate by accident.", "distress"),
    # a big day's words used of something else
    ("My policy renews on its anniversary date next month.", "Here is your renewal.", "celebration"),
    ("I'm a wedding photographer and I need the invoice in my business name.", "Here it is.", "celebration"),
    ("I have engaged a solicitor about the boundary.", "Thank you for letting us know.", "celebration"),
    ("The honeymoon period on my tariff is clearly over.", "Here are your options.", "celebration"),
    ("When can I pick up my new hearing aids?", "They are ready on Tuesday.", "celebration"),
    ("The new home security camera keeps dropping offline.", "Try the reset below.", "celebration"),
    ("How do I move my retirement savings into the new fund?", "Here is the form.", "celebration"),
    ("The engineer said the meter passed the test.", "That's right.", "celebration"),
    ("", "Your one-year anniversary sale voucher is attached.", "celebration"),
    ("I was born in 1950, so I qualify for the senior rate.", "It is £4 a class.", "celebration"),
    ("", "The handrail is there so that nobody slips on the wet steps.", "distress"),
    ("", "Donations have increased by 20% this year, thanks to you.", "bad_news"),
    ("", "Incomplete submissions will not be processed and will delay your start date.", "delay"),
    # words of hard times used of something else
    ("Could you send my repeat medication to my new address?", "Of course.", "distress"),
    ("Your driver broke our back gate.", "I'm sorry.", "distress"),
    ("I nearly fell off my chair when I saw the bill.", "Here is the breakdown.", "distress"),
    ("I was ill-advised by your shop.", "I'm sorry.", "distress"),
    ("It would be hard for me to get there before 5pm.", "We're open until 7.", "distress"),
    ("My son was born in 2012, so he needs a junior ticket.", "Here it is.", "celebration"),
    ("", "Good news: your savings rate has increased by 0.5% from today.", "bad_news"),
    ("", "We're opening a new branch in Leeds next month.", "celebration"),
    ("The storm they forecast never came, the marquee stayed dry. Thank you!", "Thank you!", "complaint"),
    # a delay ruled out, and a hospital that is only a place
    ("", "Your court application has not been delayed by this.", "delay"),
    ("", "Your refund goes out today with no delay.", "delay"),
    ("I filed the return on 9 February, nine days late.", "We have considered your appeal.", "delay"),
    ("", "You returned it at 8:15pm, over three hours late.", "delay"),
    ("", "The branch is closed on Monday for the bank holiday.", "bad_news"),
    ("", "You are in breach of clause 3.1 of your tenancy agreement.", "distress"),
    ("", "You returned the van late, so the next customers were kept waiting.", "delay"),
    ("", "Sanjay told me how calm you were on the dual carriageway, where you were nervous a month ago.", "delay"),
    ("I passed the parcel to my neighbour.", "Thanks.", "celebration"),
    ("", "I would like to thank you for the way you engaged with the process.", "celebration"),
    ("", "Our receptionist is on maternity leave, so replies may take a day longer.", "celebration"),
    # (the second review of session 23) HR's words are no celebration; happy words are no complaint; their car is not ours
    ("", "Despite your 20 years of service, the panel has upheld the decision.", "celebration"),
    ("", "Following the stillbirth of your son, your maternity leave and pay continue in full.", "celebration"),
    ("I don't regret buying from you one bit, the sofa is gorgeous.", "Thank you, that is lovely to hear.", "complaint"),
    ("Great, I've booked the day off work for the install. See you Thursday!", "The engineer comes at 9am.", "complaint"),
    ("", "Thanks for calling us when your car broke down last night. Your recovery is covered.", "complaint"),
    ("", "Service charges are reviewed every year.", "celebration"),
    ("I'm so nervous, I'm going to propose to her at dinner!", "Your table is booked for 8pm.", "distress"),
    # (the second review of session 23) a closure for a day, a breach ruled out, the customer's own lateness
    ("", "Our Market Street branch will close on Sunday at 4pm for Easter, and opens as usual on Monday.", "bad_news"),
    ("", "We've made the decision to close our store on Boxing Day; we're open again on the 27th.", "bad_news"),
    ("", "There has been no data breach: your card details were never stored.", "distress"),
    ("", "The van was brought back two days late, so there is £60 to pay for the extra days.", "delay"),
    ("", "The book was returned three weeks late, so the fine is £2.40, which I have waived.", "delay"),
    ("", "Your deposit arrived 3 days late, but that's fine.", "delay"),
    ("", "The crew will collect your father from the hospital at 10am.", "distress"),
    ("Could you send the link again? Thanks so much.", "Here it is.", "complaint"),
    ("", "We are proud to announce our new branch in Leeds.", "celebration"),
    ("", "Just a quick one: Yusuf stopped crying five minutes after you left and has been painting since.", "distress"),
    ("We are proud to have been customers for ten years, but this bill is wrong.", "I've corrected it.", "celebration"),
    ("", "We can't go ahead with the order until the deposit clears.", "delay"),
    ("We'd love to come three times this year if the dates work.", "Lovely!", "complaint"),
    # the writer's own retirement, and a wedding long past, recalled
    ("", "After forty years at the bench, I am retiring at the end of this month.", "celebration"),
    ("", "You first came to me in 1998 with the suit for your own wedding, and I've made every suit since.", "celebration"),
])
def test_what_does_not_count(quoted, draft, tag):
    assert tag not in detect(quoted, [draft])


def test_every_detected_context_has_its_lexicon_entry():
    from tonecheck import lexicon

    for tag in DETECTED:
        assert lexicon.patterns(f"context_{tag}"), tag


@pytest.mark.xfail(reason="known miss: a bare 'where is my order?' with a past due date is not read as a delay", strict=True)
def test_a_where_is_my_order_question_is_a_delay():
    assert "delay" in detect("Where is my order? It was due last week.", ["Thanks for getting in touch."])


HEADED = "From: a@x.com\nTo: b@y.com\nX-Tonecheck-Context: delay\nSubject: x\n\nHi Bob,\n\nThanks for your order.\n\nBest,\nAnn\n"


def test_the_command_line_context_wins_over_the_message_s_header_which_wins_over_config(run, tmp_path):
    import json

    (tmp_path / "m.eml").write_text(HEADED)
    (tmp_path / ".tonecheck.toml").write_text('context = ["scheduling"]\n')

    def contexts(*flags):
        return json.loads(run("check", *flags, "--format", "json", "m.eml").stdout)["files"][0]["contexts"]

    assert contexts() == ["delay"]  # the header, over the config
    assert contexts("--context", "billing") == ["billing"]  # the flag, over the header
    rewritten = run("rewrite", "--context", "billing", "--format", "json", "m.eml").stdout
    assert "wait" not in json.loads(rewritten)["text"].lower()  # no delay apology for a billing note


def test_a_salutation_line_is_not_where_the_missing_acknowledgement_goes(run, tmp_path):
    import json

    (tmp_path / "d.txt").write_text(
        "Dear Customer,\n\nGreetings from SwiftLink Broadband.\n\nThis is with reference to your complaint about "
        "your connection. The same is with the team.\n\nRegards,\nSupport\n\nOn Mon, Ana wrote:\n"
        "> No internet for three days. This is unacceptable.\n")
    report = json.loads(run("check", "--format", "json", "d.txt").stdout)["files"][0]
    [complaint] = [f for f in report["findings"] if f["rule"] == "Empathy.Complaint"]
    assert (tmp_path / "d.txt").read_text()[complaint["offset"]:].startswith("This is with reference")


def test_rewrite_stops_a_rule_that_takes_too_long_and_says_so(run, tmp_path, monkeypatch):
    monkeypatch.setattr("tonecheck.containment.RULE_BUDGET", 0.3)
    (tmp_path / "slow.py").write_text(
        "import time, tonecheck\n"
        "@tonecheck.rule('House.Slow', category='structure', message='m', why='w', bad=['x'], good=['y'])\n"
        "def slow(analysis, rule):\n    time.sleep(30)\n    return ()\n"
        "@tonecheck.hookimpl\ndef tonecheck_rules():\n    return [slow]\n")
    (tmp_path / ".tonecheck.toml").write_text('plugins = ["slow.py"]\n')
    (tmp_path / "d.txt").write_text("Hi Bob,\n\nWe apologise for any inconvenience caused.\n\nAnn\n")
    result = run("rewrite", "d.txt")
    assert result.exit_code == 0
    assert "rule House.Slow was stopped: it took longer than 0.3 s" in result.stderr
