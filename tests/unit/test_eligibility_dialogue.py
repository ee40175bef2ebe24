"""The eligibility conversation in plain Python: answers, corrections, re-asks, digressions."""

import pytest

from bot.eligibility import dialogue, parsing


class FormDriver:
    """Plays the part of Rasa's form: keeps the slots, asks what interpret() says next."""

    def __init__(self, opening: str = "can I become a probation officer?"):
        self.slots = {name: None for name in dialogue.SLOT_NAMES}
        self.slots.update(dialogue.start(self.slots, opening).updates)
        self.requested = dialogue.interpret(self.slots, None, "", None, 0.0).next_slot
        self.asked = [self.requested] if self.requested else []
        self.replies: list = []

    def answer(self, text, intent="inform", confidence=0.9):
        turn = dialogue.interpret(self.slots, self.requested, text, intent, confidence)
        if turn.digression:
            return turn
        self.slots.update(turn.updates)
        self.replies = turn.replies
        self.requested = turn.next_slot
        if self.requested:
            self.asked.append(self.requested)
        return turn


def run(answers, opening="can I become a probation officer?"):
    driver = FormDriver(opening)
    for text in answers:
        assert driver.requested, f"form finished before {text!r}"
        driver.answer(text)
    return driver


def test_a_full_check_in_free_text_reaches_the_21_month_route():
    driver = run(
        [
            "I'm 31",
            "yes",
            "England",
            "I did a foundation degree in health and social care",
            "none of them",
            "none of them",
            "yes, I've been a youth worker for four years",
        ]
    )
    assert driver.requested is None
    assert driver.asked == [
        "age",
        "right_to_work",
        "nation",
        "qualification_level",
        "knowledge_areas",
        "knowledge_modules",
        "experience",
    ]
    result = dialogue.outcome(driver.slots)
    assert result.updates["eligibility_outcome"] == "pqip_21_month"
    assert "21 months" in result.reply.text


def test_a_plain_answer_is_not_mistaken_for_a_correction():
    driver = run(["I'm 31", "yes", "England"])
    turn = driver.answer("I did a foundation degree in health and social care")
    assert turn.replies == []
    assert driver.slots["qualification_level"] == 5


def test_nothing_more_is_asked_after_scotland():
    driver = run(["40", "yes", "I live in Glasgow"])
    assert driver.requested is None
    assert "social work" in dialogue.outcome(driver.slots).reply.text.lower()


def test_facts_in_the_opening_message_are_not_asked_again():
    driver = FormDriver("I'm 25, I want to work in Wales and I have an HND. Could I be a probation officer?")
    assert driver.slots["age"] == 25 and driver.slots["nation"] == "wales"
    assert driver.slots["qualification_level"] == 5
    assert driver.requested == "right_to_work"
    driver.answer("yes")
    assert driver.requested == "knowledge_areas"


def test_an_unusable_answer_is_reasked_with_an_example_and_nothing_is_lost():
    driver = run(["31", "yes"])
    turn = driver.answer("banana land")
    assert driver.requested == "nation"
    assert "for example England" in turn.replies[0].text
    assert driver.slots["age"] == 31 and driver.slots["right_to_work"] is True


def test_the_second_unusable_answer_is_never_asked_a_third_time_it_is_left_for_the_helpline():
    driver = run(["31"])
    driver.answer("banana")
    assert driver.requested == "right_to_work"
    turn = driver.answer("flibble")
    reply = turn.replies[-1]
    assert "0808 164 9883" in reply.text and "right to work" in reply.text
    assert turn.offers_helpline
    assert driver.requested == "nation"  # the check carries on
    assert driver.slots["right_to_work"] is None
    assert driver.slots["eligibility_notes"]["unsure"] == {"right_to_work": "unsure_unread"}
    assert driver.slots["reask_count"] == 0  # the next question gets its own re-ask


def test_an_answer_left_unread_is_named_in_the_outcome_as_what_to_confirm():
    driver = run(["31", "yes", "England"])
    driver.answer("zxcv qwerty")
    driver.answer("asdf ghjk")
    assert driver.requested == "experience"
    for answer in ["yes, 3 years in a hostel", "no"]:
        driver.answer(answer)
    text = dialogue.outcome(driver.slots).reply.text
    assert "couldn't use your answer about your highest qualification" in text


@pytest.mark.parametrize(
    "bad_age", ["banana", "-3", "200", "", "🙂", "x" * 5000, "<script>alert(1)</script>"]
)
def test_bad_ages_are_reasked(bad_age):
    driver = FormDriver()
    turn = driver.answer(bad_age, intent="nlu_fallback", confidence=0.3)
    assert not turn.digression
    assert driver.requested == "age" and driver.slots["age"] is None
    assert "for example 27" in turn.replies[0].text


def test_a_correction_mid_form_updates_the_earlier_answer():
    driver = run(["I'm 31", "yes", "England"])
    turn = driver.answer("actually I'm 17")
    assert driver.slots["age"] == 17
    assert "updated" in turn.replies[0].text.lower()
    assert driver.requested is None  # under 18: nothing else can change the answer
    assert "18" in dialogue.outcome(driver.slots).reply.text


def test_an_faq_question_mid_form_is_a_digression():
    driver = run(["31"])
    turn = driver.answer("how long does the training take?", intent="faq_pqip_length", confidence=0.95)
    assert turn.digression
    assert driver.requested == "right_to_work"


def test_an_answer_that_parses_is_never_a_digression():
    driver = run(["31", "yes"])
    turn = driver.answer("Scotland", intent="faq_scotland_ni", confidence=0.9)
    assert not turn.digression and driver.slots["nation"] == "scotland"


def test_someone_in_glasgow_moving_to_manchester_is_on_the_pqip_path():
    driver = run(
        [
            "40",
            "yes",
            "I live in Glasgow but I'm moving to Manchester",
            "BA in criminology",
            "all four",
            "yes I volunteer with offenders",
        ]
    )
    assert driver.slots["nation"] == "england"
    result = dialogue.outcome(driver.slots)
    assert result.updates["eligibility_outcome"] == "pqip_15_month"


def test_living_in_scotland_does_not_stop_the_check_before_asking_where_they_want_to_work():
    driver = FormDriver("I'm 30 and I live in Glasgow, can I become a probation officer?")
    assert driver.slots["nation"] is None
    driver.answer("yes")
    assert driver.requested == "nation"


def test_a_degree_covering_three_areas_then_no_modules_is_21_likely():
    driver = run(
        [
            "31",
            "yes",
            "England",
            "BA in criminology",
            "three of the four",
            "none",
            "yes I volunteer with offenders",
        ]
    )
    assert driver.asked[4:6] == ["knowledge_areas", "knowledge_modules"]
    result = dialogue.outcome(driver.slots)
    assert result.updates["eligibility_outcome"] == "pqip_21_month"
    assert "likely" in result.reply.text


def test_a_third_module_started_answered_at_the_areas_question_is_15_likely():
    driver = run(
        [
            "31",
            "yes",
            "England",
            "BSc psychology",
            "I've started my third knowledge module",
            "yes I volunteer with offenders",
        ]
    )
    assert "knowledge_modules" not in driver.asked  # already answered
    assert driver.slots["knowledge_modules"] == 3
    result = dialogue.outcome(driver.slots)
    assert result.updates["eligibility_outcome"] == "pqip_15_month"
    assert "likely" in result.reply.text


def test_an_unrelated_level3_does_not_open_the_access_route():
    driver = run(
        [
            "29",
            "yes",
            "England",
            "a level 3 certificate in hairdressing",
            "I work in a hostel for ex-offenders",
            "yes, in hairdressing",
        ]
    )
    assert driver.asked[-1] == "level3_vq"
    assert dialogue.outcome(driver.slots).updates["eligibility_outcome"] == "access_via_pso"


def test_the_modules_question_reads_its_own_answer():
    driver = run(["31", "yes", "England", "HND", "two of them"])
    assert driver.requested == "knowledge_modules"
    driver.answer("I'm on my third")
    assert driver.slots["knowledge_modules"] == 3 and driver.requested == "experience"


def test_knowledge_areas_question_names_all_four_from_knowledge():
    text = dialogue.ask_knowledge_areas().text
    for area in (
        "Crime and Criminal Behaviour",
        "Criminal Justice System",
        "Penal Policy and Punishment of Offenders",
        "Rehabilitation of Offenders",
    ):
        assert area in text


def test_explain_gives_every_reason_with_its_source():
    driver = run(["31", "yes", "England", "BA in criminology", "all four", "yes I volunteer with offenders"])
    driver.slots.update(dialogue.outcome(driver.slots).updates)
    text = dialogue.explain(driver.slots).text
    assert text.count("(") >= 2 and "Why:" in text


def test_explain_before_any_check_offers_to_start_one():
    reply = dialogue.explain({name: None for name in dialogue.SLOT_NAMES})
    assert reply.buttons[0].payload == "/check_eligibility"


def test_update_after_the_outcome_reassesses():
    driver = run(["31", "yes", "England", "BA in criminology", "all four", "yes I volunteer with offenders"])
    driver.slots.update(dialogue.outcome(driver.slots).updates)
    assert driver.slots["eligibility_outcome"] == "pqip_15_month"
    result = dialogue.update(driver.slots, "actually I'm 17")
    assert result.updates["eligibility_outcome"] == "under_18"


def test_repeating_a_known_fact_after_the_outcome_changes_nothing():
    driver = run(["31", "yes", "England", "BA in criminology", "all four", "yes I volunteer with offenders"])
    driver.slots.update(dialogue.outcome(driver.slots).updates)
    result = dialogue.update(driver.slots, "I'm 31")
    assert result.updates == {}
    assert "doesn't change" in result.reply.text


def test_start_after_a_finished_check_begins_afresh():
    driver = run(["31", "yes", "England", "BA in criminology", "all four", "yes I volunteer with offenders"])
    driver.slots.update(dialogue.outcome(driver.slots).updates)
    updates = dialogue.start(driver.slots, "check my eligibility").updates
    assert updates["age"] is None and updates["eligibility_outcome"] is None


@pytest.mark.parametrize(
    "text",
    [
        "I'm 30, I live in Bristol and I have a foundation degree. Could I train as a probation officer?",
        "I have an HND, am I eligible?",
        "I'm 25, do I qualify",
    ],
)
def test_facts_with_an_eligibility_question_start_the_check(text):
    result = dialogue.update({name: None for name in dialogue.SLOT_NAMES}, text)
    assert result.start_check


def test_plain_facts_do_not_start_the_check():
    result = dialogue.update({name: None for name in dialogue.SLOT_NAMES}, "I have an HND in business")
    assert not result.start_check and result.updates["qualification_level"] == 5


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "hello there", "ok then"])
def test_a_message_read_as_facts_with_none_in_it_is_not_thanked_for(text):
    result = dialogue.update({name: None for name in dialogue.SLOT_NAMES}, text)
    assert result.updates == {}
    assert "thanks" not in result.reply.text.lower()
    assert "/check_eligibility" in [button.payload for button in result.reply.buttons]


@pytest.mark.parametrize(
    "text, outcome, expected",
    [
        ("I'm 41 and I work in a prison as an officer. Can I train as a probation officer?", None, True),
        # a setting alone may be payroll or IT: one fact, answered and then checked (below)
        ("I'm 41 and I work in a prison. Can I train as a probation officer?", None, False),
        ("How long is the PQiP?", None, False),
        ("I live in Scotland, can I become a probation officer?", None, False),
        ("I'm a PSO, can I apply for the PQiP?", None, False),
        ("I'm 25 and have a degree in psychology, can I apply?", None, True),
        ("I volunteer at a homeless shelter", None, False),  # plain facts before a check: an FAQ may fit
        ("I volunteer at a homeless shelter", "needs_experience", True),
        ("actually I'm 19", "pqip_15_month", True),
        ("what counts as experience if I'm 19?", "pqip_15_month", False),
        ("what counts as relevant experience?", "needs_experience", False),
    ],
)
def test_messages_about_the_visitor_go_to_the_check_whatever_their_topic(text, outcome, expected):
    slots = {name: None for name in dialogue.SLOT_NAMES}
    slots["eligibility_outcome"] = outcome
    assert dialogue.is_about_the_visitor(slots, text) is expected


@pytest.mark.parametrize("text", ["none of them", "none", "no", "yes"])
def test_short_answers_after_a_result_are_not_read_as_experience(text):
    driver = run(["31", "yes", "England", "BA in criminology", "all four", "yes I volunteer with offenders"])
    driver.slots.update(dialogue.outcome(driver.slots).updates)
    assert dialogue.update(driver.slots, text).updates == {}


def test_no_experience_yet_after_a_result_is_taken_in():
    driver = run(["31", "yes", "England", "BA in criminology", "all four", "yes I volunteer with offenders"])
    driver.slots.update(dialogue.outcome(driver.slots).updates)
    result = dialogue.update(driver.slots, "not yet, I am looking for volunteering")
    assert result.updates["experience"] is False
    assert result.updates["eligibility_outcome"] == "needs_experience"


# A question in the middle of the check is answered, never taken as an unusable answer.
@pytest.mark.parametrize(
    "text, intent",
    [
        ("is there a uniform?", "nlu_fallback"),
        ("how many hours a week would I work?", "out_of_scope"),
        ("what does a PSO earn", "check_eligibility"),
    ],
)
def test_a_question_mid_check_is_not_an_unusable_answer(text, intent):
    turn = dialogue.interpret({"age": 30, "right_to_work": True}, "nation", text, intent, 0.3)
    assert turn.question and not turn.replies
    assert turn.updates.get("reask_count") is None
    assert turn.next_slot == "nation"


@pytest.mark.parametrize("intent", ["ask_not_covered", "follow_up", "faq_what_is_pqip"])
def test_question_intents_mid_check_go_to_their_rules(intent):
    turn = dialogue.interpret({"age": 30}, "right_to_work", "and what about that then?", intent, 0.8)
    assert turn.digression


def test_the_pqip_diploma_at_the_qualification_question_is_explained():
    turn = dialogue.interpret(
        {"age": 30, "right_to_work": True, "nation": "england"},
        "qualification_level",
        "the level 5 diploma in probation practice",
        "inform",
        0.9,
    )
    assert "part of the PQiP" in turn.replies[0].text or "PQiP" in turn.replies[0].text
    assert "apart from that" in turn.replies[0].text


# --- issue 21c: a question about the visitor's own way in opens the check -------------------


@pytest.mark.parametrize(
    "text",
    [
        "would I be on the 15 month route?",
        "which route would I be on?",
        "am I too old at 52?",
        "Is it too late for me to become a probation officer?",
        "I finish my degree in June, could I apply now?",
        "I got a caution years ago, can I still apply?",
        "I've got an HND, is that enough?",
        "would my volunteering at the food bank count?",
        "is the shorter route an option for me?",
        "what are my chances of getting on the PQiP?",
        "can someone with a spent conviction become a probation officer?",
        "cud i train as a probation officer",
        # issue 21f
        "which PQiP route would I be on?",
        "could you tell me which PQiP I'd be on?",
        "can i b a probation officer",
        "is it worth applying for the pqip yet",
        "can you tell me if my qualifications are good enough for probation training?",
        "no degree here, but someone said there is an access route, could I take it?",
        "Morning! I'm considering applying for the PQiP in the spring.",
        "hello, im looking at becoming a probation officer",
        "Hi, I'm hoping to apply in the spring intake",
        "I did a community order years ago. I've since got an HND and I'd like to do that job. Could I?",
    ],
)
def test_questions_about_the_visitors_own_way_in(text):
    assert dialogue.asks_about_eligibility(text)


@pytest.mark.parametrize(
    "text",
    [
        "how long is the PQiP?",
        "how do I apply?",
        "when can I apply?",
        "do I need a degree to apply?",
        "do I get paid while training?",
        "Am I employed while I train?",
        "would I still get holidays when I train?",
        "will I be on a PSO contract?",
        "could you explain to me what a PSO does?",
        "what does a probation officer do?",
        "can I study the CJL courses on their own?",
        "can I do the CJL courses without applying for the PQiP?",
        "how do I become a probation officer?",  # how-to: the topic's answer alone
        "I live in Scotland, how do I become a probation officer here?",
        "what subject should I study at uni to become a probation officer?",  # study advice
        "I haven't got a level 5, how else can I get in?",
        "I'm thinking of becoming a probation officer, what does the training involve?",
    ],
)
def test_questions_about_the_pqip_itself_are_not_about_the_visitors_way_in(text):
    assert not dialogue.asks_about_eligibility(text)


@pytest.mark.parametrize(
    "text, gap, outcome, expected",
    [
        ("would I be on the 15 month route?", None, None, True),
        ("I'm 41 and I work in a prison. Can I train as a probation officer?", None, None, True),
        ("am I too old at 52?", "upper_age", None, True),
        ("I'm on a student visa, can I apply?", "visa", None, True),
        ("hiya can i apply 4 the pqip??", "unlisted", None, True),  # nothing found: the check answers
        ("I use a wheelchair, can I apply?", "adjustments", None, False),  # nothing the check could add
        ("can I do the PQiP part time?", "part_time_study", None, False),
        ("would I be on the 15 month route?", None, "pqip_21_month", False),  # about the outcome given
        ("how long is the PQiP?", None, None, False),
    ],
)
def test_which_answers_are_followed_by_the_check(text, gap, outcome, expected):
    slots = {name: None for name in dialogue.SLOT_NAMES}
    slots["eligibility_outcome"] = outcome
    assert dialogue.check_follows_answer(slots, text, gap) is expected


def test_the_gaps_that_open_the_check_are_listed_gaps():
    from bot.knowledge import load_knowledge
    from bot.knowledge.gaps import load_gaps

    kb = load_knowledge()
    listed = {gap.id for gap in load_gaps(kb)}
    assert kb.eligibility.check_after_gaps and set(kb.eligibility.check_after_gaps) <= listed


def test_an_opening_about_the_visitors_own_caution_puts_clearance_next_to_the_headline():
    driver = run(
        ["30", "yes", "England", "BA criminology", "all four", "I'm a family support worker"],
        opening="I had a caution for shoplifting when I was 17 - can I still apply?",
    )
    assert driver.slots["age"] == 30  # "when I was 17" is not their age
    text = dialogue.outcome(driver.slots).reply.text
    before_steps = text.split("Next steps:")[0]
    assert "15 months" in before_steps and "not an automatic bar" in before_steps


@pytest.mark.parametrize(
    "opening",
    [
        "I don't have a criminal record, can I apply?",
        "my brother has a conviction, could I still apply?",
    ],
)
def test_no_record_or_someone_elses_is_not_noted(opening):
    driver = run(
        ["30", "yes", "England", "BA criminology", "all four", "I'm a family support worker"], opening=opening
    )
    before_steps = dialogue.outcome(driver.slots).reply.text.split("Next steps:")[0]
    assert "automatic bar" not in before_steps


def test_a_degree_from_abroad_named_in_the_opening_is_unsure_not_met():
    driver = run(
        ["34", "yes", "England", "none", "none", "I volunteer with a youth offending team"],
        opening="My degree is from Ghana - can I still apply?",
    )
    assert "qualification_level" not in driver.asked
    text = dialogue.outcome(driver.slots).reply.text
    assert "you meet the entry requirements" not in text.lower()
    assert "helpline" in text.split("Next steps:")[0]


def test_asking_to_be_checked_while_the_check_runs_asks_the_question_again_without_a_sorry():
    driver = FormDriver()
    driver.answer("31")
    asked = driver.requested
    turn = dialogue.interpret(
        driver.slots, asked, "Can I become a probation officer?", "check_eligibility", 0.9
    )
    assert not turn.digression and not turn.question
    assert turn.next_slot == asked and "reask_count" not in turn.updates
    assert "sorry" not in " ".join(r.text for r in turn.replies).lower()


# --- issue 21, round 4 -------------------------------------------------------------------


def test_a_hedged_count_is_confirmed_once_with_what_was_read_and_yes_settles_it():
    driver = run(["29", "yes", "England", "BSc criminology"])
    assert driver.requested == "knowledge_areas"
    driver.answer("all four I think, pretty sure - crime, the CJS, penal policy and rehabilitation")
    assert driver.requested == dialogue.Slots.ELIGIBILITY_CONFIRM
    question = dialogue.ask_confirm(driver.slots).text
    assert '"all four"' in question and "Is that right?" in question
    driver.answer("yes")
    assert driver.slots["knowledge_areas"] == 4
    answers = {"knowledge_modules": "none", "experience": "yes, I support people in a hostel"}
    while driver.requested:
        driver.answer(answers[driver.requested])
    assert dialogue.outcome(driver.slots).updates["eligibility_outcome"] == "pqip_15_month"


def test_no_to_a_hedged_count_is_noted_as_unsure_not_read_as_none():
    driver = run(["29", "yes", "England", "BSc criminology"])
    driver.answer("three I reckon, not certain")
    assert driver.requested == dialogue.Slots.ELIGIBILITY_CONFIRM
    driver.answer("no")
    assert driver.requested != dialogue.Slots.ELIGIBILITY_CONFIRM
    assert "knowledge_areas" in driver.slots["eligibility_notes"]["unsure"]


def test_a_level3_answer_that_asks_back_is_noted_as_unsure_and_the_check_carries_on():
    driver = run(
        [
            "47",
            "yes",
            "England",
            "GCSEs and a Level 3 NVQ in business admin",
            "yes, I've mentored young people at a youth offending team for two years",
        ]
    )
    assert driver.requested == "level3_vq"
    driver.answer(
        "yes, the level 3 NVQ in business admin - would that be a relevant one?",
        intent="faq_qualification_levels",
        confidence=0.95,
    )
    assert driver.requested != "level3_vq"
    assert "level3_vq" in driver.slots["eligibility_notes"]["unsure"]


def test_an_opening_with_several_facts_and_a_route_question_opens_the_check():
    text = (
        "I'm 33, British, in Swansea, I have a 2:1 in criminology which covered all four areas "
        "and I've worked in a bail hostel for 2 years. Can I do the 21 month one?"
    )
    assert dialogue.asks_about_eligibility(text)
    assert dialogue.update({}, text).start_check
    assert not dialogue.asks_about_eligibility("can I do the course part time?")


def test_two_counts_with_a_hedge_ask_the_count_again_not_one_of_them():
    driver = run(["29", "yes", "England", "BSc criminology"])
    driver.answer("two for definite, maybe three, I'd need to check")
    assert driver.requested == dialogue.Slots.ELIGIBILITY_CONFIRM
    assert "how many of the four areas" in dialogue.ask_confirm(driver.slots).text


def test_the_work_restated_answers_is_that_the_work_once():
    driver = run(["30", "yes", "England", "BA in geography", "none", "none"])
    driver.answer("no, but I do weekend shifts at a refuge for women fleeing abuse")
    assert driver.requested == dialogue.Slots.ELIGIBILITY_CONFIRM
    driver.answer("I do weekend shifts at a refuge for women fleeing abuse")  # stands by the work
    assert driver.slots["experience"] is True
    assert driver.requested != dialogue.Slots.ELIGIBILITY_CONFIRM


def test_a_no_but_said_again_is_not_asked_again_and_never_a_yes():
    # "I wish! No, nothing with offenders ..., only a call centre" said twice had become a yes
    driver = run(["30", "yes", "England", "BA in geography", "none", "none"])
    answer = "no, but I do weekend shifts at a refuge for women fleeing abuse"
    driver.answer(answer)
    driver.answer(answer)
    assert driver.slots["experience"] is not True
    assert driver.requested != dialogue.Slots.ELIGIBILITY_CONFIRM


def test_lived_experience_restated_is_left_for_the_helpline():
    driver = run(["30", "yes", "England", "BA in geography", "none", "none"])
    answer = "I served time in my twenties and these days I help out at a hostel"
    driver.answer(answer)
    driver.answer(answer)
    assert driver.slots["experience"] is not True


def test_an_own_way_in_question_after_a_story_opens_the_check():
    for text in (
        "Tree surgeon for 15 years, back's gone. Does a caution from when I was 19 rule me out?",
        "Ex-boxer, now coaching kids on an estate. Anything for me in probation?",
        "I've done three of the knowledge modules on my days off. Where does that leave me?",
        "i do nights as a carer, got a psych degree, can i do the probation training?",
    ):
        assert dialogue.check_follows_answer({}, text, None), text
    # a word the pages never use, or a gap in the background only, doesn't stop it
    assert dialogue.check_follows_answer({}, "I'm a glassblower, could I apply?", "access_routes:unmentioned")
    assert dialogue.check_follows_answer(
        {}, "I work evenings in a bar. Can I apply for the PQiP?", "part_time_study"
    )
    assert not dialogue.check_follows_answer({}, "can I do the PQiP part time?", "part_time_study")


def test_lived_experience_beside_described_work_restated_counts_the_work():
    # issue 21f: their own time homeless, and their own outreach work described with the
    # people it is with: asked about once, and said again it is the work 003 counts
    driver = run(["29", "yes", "England", "BA in sociology", "none", "none"])
    answer = (
        "I was homeless for a year as a teenager, but I've worked for the last three years on a "
        "street outreach team supporting rough sleepers, many of them with drug problems"
    )
    driver.answer(answer)
    assert driver.requested == dialogue.Slots.ELIGIBILITY_CONFIRM
    driver.answer(answer)
    assert driver.slots["experience"] is True
    assert driver.requested != dialogue.Slots.ELIGIBILITY_CONFIRM


def test_experience_claimed_in_the_opening_is_still_asked_about():
    # issue 21f: "I've volunteered with a youth offending team, am I eligible?" then, asked,
    # "well, it was my brother who did that": the opening's claim alone never gives a yes
    driver = FormDriver(
        "hi, I have a degree and I've volunteered with a youth offending team, could I apply for the PQiP?"
    )
    assert driver.slots.get("experience") is None
    for answer in ("27", "yes", "England", "none", "none"):
        if driver.requested == "experience":
            break
        driver.answer(answer)
    assert driver.requested == "experience"
    driver.answer("well, actually that was my sister, I only went to her fundraiser; I work in a call centre")
    assert driver.slots["experience"] is False


def test_a_corrected_age_in_the_opening_is_the_age_meant():
    # issue 21f: "I'm 17 - sorry, fat fingers, 27 - ..." opens with 27, not 17
    assert parsing.extract_volunteered("hiya, I'm 16 - oops, thumbs, 26 - could I apply?")["age"] == 26
    assert parsing.extract_volunteered("I'm 34, actually 35 next week, can I apply?")["age"] == 34
    assert (
        parsing.extract_volunteered("I'm 30, sorry, I've been a carer for 15 years, can I apply?")["age"]
        == 30
    )


@pytest.mark.parametrize(
    "text",
    [
        "can someone with a spent caution get onto the PQiP?",
        "could anybody with a drink driving ban still apply to be a probation officer",
        "can sum1 with a record get on the pqip??",
        "can people with a caution become probation officers?",
    ],
)
def test_a_question_about_someone_getting_in_is_not_a_request_for_a_person(text):
    assert dialogue.asks_whether_someone_gets_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "can someone call me back",
        "could somebody ring me about whether I can apply",
        "can someone with experience talk me through applying?",
        "can anyone help me with my application form",
    ],
)
def test_a_request_for_a_person_stays_one(text):
    assert not dialogue.asks_whether_someone_gets_in(text)


@pytest.mark.parametrize(
    "answers,text",
    [
        (["31", "yes", "England", "BA in history"], "what are the four areas exactly?"),
        (
            ["31", "yes", "England", "BA in history", "none"],
            "which of the 4 modules do I need for the short route?",
        ),
        ([], "how old do you have to be, 18?"),
    ],
)
def test_a_question_in_place_of_the_answer_is_answered_and_its_numbers_are_no_answer(answers, text):
    driver = run(answers)
    requested = driver.requested
    turn = driver.answer(text, intent="inform", confidence=0.6)
    assert turn.question and driver.slots[requested] is None
    assert driver.requested == requested  # asked again once the question is answered


def test_an_answer_then_a_question_is_still_the_answer():
    turn = dialogue.interpret({}, "knowledge_areas", "all four I think. why do you ask?", "inform", 0.6)
    assert not turn.question
